"""Politeness across workers: the URLs of queued jobs are fetched at most `per_host` at a time from one host,
their starts at least `delay` seconds apart, counted over every worker process and machine that shares the
database (`whosaid ingest --urls` in one process has app.ingest.fetching.HostGate for the same rule).

Public API::

    SharedHostGate(sessions, per_host=2, delay=1.0, lease=30.0)
    with gate.slot(host) as lease: fetch(..., on_request=lambda _: gate.renew(lease))
    Lease(host, slot, start)  # a booked slot; start: the booked start, epoch seconds
    FetchSlotUnavailable  # the database stayed locked: no slot could be taken (SQLite)

A host has `per_host` rows in `fetch_slots`. Taking a slot locks the host's rows (one short transaction),
picks a free one, and books the next start: `delay` after the latest start of any of the host's slots. The
slot is leased until that start plus `lease` seconds, so a worker killed mid-fetch frees it when the lease
ends; leaving frees it at once. A fetch that follows redirects renews the lease at each request (`renew`:
`lease` seconds from then), so `lease` need only cover one request, however many redirects there are.
Times are epoch seconds of the workers' clocks (keep them in sync, as NTP does).

On SQLite every booking takes the database's write lock, which a long transaction of another process (a
batch of articles being stored) may hold past the busy timeout: a booking that finds the database locked is
tried again, LOCKED_TRIES times in all, and then FetchSlotUnavailable says so (the item fails with that
reason). Freeing a slot while the database is locked is given up: its lease frees it a little later.
"""
from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.core.db import dialect_insert
from app.store.models import FetchSlot

__all__ = ["FetchSlotUnavailable", "Lease", "SharedHostGate"]

MAX_WAIT = 1.0  # seconds between two looks for a free slot
LOCKED_TRIES = 3  # bookings tried on a locked SQLite database (each after its busy timeout) before giving up

logger = logging.getLogger(__name__)


class FetchSlotUnavailable(Exception):
    """No fetch slot could be booked for a host: the database stayed locked."""


@dataclass(frozen=True)
class Lease:
    """A slot booked for one fetch; `start` (epoch seconds) is the booked start, which tells it from a later
    booking of the same slot."""
    host: str
    slot: int
    start: float


class SharedHostGate:
    """Per-host fetch slots kept in the database (see the module docstring)."""

    def __init__(self, sessions: Callable[[], Session], *, per_host: int = 2, delay: float = 1.0,
                 lease: float = 30.0, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        if delay < 0 or lease <= 0:
            raise ValueError("delay must not be negative and lease must be positive")
        self.sessions, self.per_host, self.delay, self.lease = sessions, per_host, delay, lease
        self.clock, self.sleep = clock, sleep

    @contextmanager
    def slot(self, host: str) -> Iterator[Lease]:
        """Wait for a slot of `host` and for its booked start; free the slot on leaving."""
        lease = self._wait_for_slot(host[:255])
        try:  # an interrupted wait frees the slot too
            if (wait := lease.start - self.clock()) > 0:
                self.sleep(wait)
            yield lease
        finally:
            self._set_busy_until(lease, 0.0, "left to its lease")

    def renew(self, lease: Lease) -> None:
        """Keep the slot `lease` seconds more from now (a redirect's request is about to start)."""
        self._set_busy_until(lease, self.clock() + self.lease, "not renewed")

    def _set_busy_until(self, lease: Lease, busy_until: float, otherwise: str) -> None:
        try:
            with self.sessions() as session:  # only our own lease: an expired one may be another's by now
                session.execute(update(FetchSlot).where(FetchSlot.host == lease.host, FetchSlot.slot == lease.slot,
                                                        FetchSlot.started_at == lease.start)
                                .values(busy_until=busy_until))
                session.commit()
        except OperationalError as exc:
            if not _locked(exc):
                raise
            logger.warning("fetch slot %s of %s %s: %s", lease.slot, lease.host, otherwise, exc.orig)

    def _wait_for_slot(self, host: str) -> Lease:
        locked = 0
        while True:
            try:
                if (booking := self._book(host)) is not None:
                    return Lease(host, *booking)
            except OperationalError as exc:
                if not _locked(exc):
                    raise  # the database is away: the task is retried (app/jobs/celery_app.py)
                if (locked := locked + 1) >= LOCKED_TRIES:
                    raise FetchSlotUnavailable(f"no fetch slot for {host}: the database stayed locked "
                                               f"({exc.orig})") from exc
                self.sleep(MAX_WAIT)

    def _book(self, host: str) -> tuple[int, float] | None:
        """(slot, start) booked for this fetch, or None after waiting a little for a slot to free."""
        with self.sessions() as session:
            session.execute(dialect_insert(session, FetchSlot).values([
                {"host": host, "slot": n, "busy_until": 0.0, "started_at": 0.0} for n in range(self.per_host)
            ]).on_conflict_do_nothing())  # on SQLite this write also takes the database's write lock
            rows = list(session.scalars(select(FetchSlot).where(FetchSlot.host == host,
                                                                FetchSlot.slot < self.per_host)
                                        .order_by(FetchSlot.slot).with_for_update()))
            now = self.clock()
            free = next((row for row in rows if row.busy_until <= now), None)
            if free is None:
                session.commit()
                wait = min(row.busy_until for row in rows) - now
            else:
                start = max(now, max(row.started_at for row in rows) + self.delay)
                free.started_at, free.busy_until = start, start + self.lease
                booked = free.slot, start
                session.commit()
                return booked
        self.sleep(min(max(wait, 0.01), MAX_WAIT))
        return None


def _locked(exc: OperationalError) -> bool:
    """SQLite's "database is locked" (or a locked table): another connection held the lock past the busy
    timeout."""
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return isinstance(exc.orig, sqlite3.OperationalError) and (
        code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc.orig))
