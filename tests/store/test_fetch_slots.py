"""Per-host politeness shared by the workers of queued URL jobs (app/jobs/hosts.py), on SQLite and
PostgreSQL: gates with connections of their own stand for workers on several machines."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from sqlalchemy import event

from app import fetch
from app.core.config import get_settings
from app.core.db import make_engine, make_sessionmaker
from app.ingest.sources import Item
from app.jobs import records
from app.jobs.hosts import LOCKED_TRIES, MAX_WAIT, Lease, SharedHostGate
from app.jobs.work import _fetched, run_items


class Recorder:
    """The booked starts of fake fetches, and the most that ran at once per host."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.starts: dict[str, list[float]] = {}
        self.running: dict[str, int] = {}
        self.most: dict[str, int] = {}

    @contextmanager
    def fetching(self, lease: Lease) -> Iterator[None]:
        with self.lock:
            self.starts.setdefault(lease.host, []).append(lease.start)
            self.running[lease.host] = self.running.get(lease.host, 0) + 1
            self.most[lease.host] = max(self.most.get(lease.host, 0), self.running[lease.host])
        try:
            yield
        finally:
            with self.lock:
                self.running[lease.host] -= 1

    def fetch(self, gate: SharedHostGate, host: str, seconds: float = 0.05) -> None:
        with gate.slot(host) as lease, self.fetching(lease):
            time.sleep(seconds)


def gaps(starts: list[float]) -> list[float]:
    starts = sorted(starts)
    return [b - a for a, b in zip(starts, starts[1:])]


ROUNDING = 1e-6  # epoch seconds (about 1.8e9) are doubles: a start booked 0.3 s after another is 0.3 +- 2e-7


@pytest.fixture
def workers(committed_engine):
    """Three gates, each on an engine of its own (as three worker processes have)."""
    engines = [make_engine(committed_engine.url.render_as_string(hide_password=False)) for _ in range(3)]
    yield lambda **kw: [SharedHostGate(make_sessionmaker(e), **kw) for e in engines]
    for e in engines:
        e.dispose()


def test_workers_keep_per_host_limit_and_delay_between_them(workers):
    gates = workers(per_host=2, delay=0.3)
    recorder = Recorder()
    with ThreadPoolExecutor(max_workers=6) as pool:
        jobs = [pool.submit(recorder.fetch, gates[n % 3], "a.example") for n in range(9)]
        for job in jobs:
            job.result()
    assert len(recorder.starts["a.example"]) == 9
    assert recorder.most["a.example"] <= 2
    assert min(gaps(recorder.starts["a.example"])) >= 0.3 - ROUNDING  # the booked starts


def test_a_busy_host_does_not_hold_up_another(workers):
    now, waits = [100.0], []
    slow, other = workers(per_host=1, delay=5.0, clock=lambda: now[0], sleep=waits.append)[:2]
    with slow.slot("a.example") as first:
        assert first.start == 100.0
        assert other._book("a.example") is None  # its one slot is taken
        with other.slot("b.example") as elsewhere:
            assert elsewhere.start == 100.0  # at once
        now[0] = 101.0
    assert other._book("a.example") == (0, 105.0)  # free, and booked 5 s after the host's last start
    assert waits == [MAX_WAIT]  # it looked at a.example once, to look again MAX_WAIT later


def test_a_dead_workers_slot_frees_when_its_lease_ends(workers):
    now, waits = [100.0], []
    dead, alive = workers(per_host=1, delay=0.0, lease=0.5, clock=lambda: now[0], sleep=waits.append)[:2]
    assert dead._book("a.example") == (0, 100.0)  # booked and never left: the worker died mid-fetch
    now[0] = 100.4
    assert alive._book("a.example") is None
    assert waits == [pytest.approx(0.1)]  # it waits for the lease's end
    now[0] = 100.5
    assert alive._book("a.example") == (0, 100.5)


def test_a_fetch_through_redirects_keeps_its_slot_to_the_end(workers, monkeypatch):
    """Each request of a fetch has its own timeout: four requests may take four times what one may, longer
    than the lease booked at the start (30 s here); each request renews it."""
    now = [100.0]
    fetching, other = workers(per_host=1, delay=0.0, lease=30.0, clock=lambda: now[0], sleep=lambda _: None)[:2]
    others_bookings = []

    def site(request: httpx.Request) -> httpx.Response:
        now[0] += 20.0  # each request takes 20 s, within its own timeout
        others_bookings.append(other._book("a.example"))  # another worker wants the host meanwhile
        hop = int(request.url.path.strip("/"))
        if hop < 3:
            return httpx.Response(302, headers={"Location": f"/{hop + 1}"})
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text="<p>The story.</p>")

    monkeypatch.setenv("WHOSAID_FETCH_PRIVATE_ADDRESSES", "true")  # a.example is not resolved
    get_settings.cache_clear()
    monkeypatch.setattr(fetch, "fetch_page", partial(fetch.fetch_page, transport=httpx.MockTransport(site)))
    try:
        item = _fetched(Item(where="https://a.example/0", fetch="https://a.example/0"), fetching)
    finally:
        get_settings.cache_clear()
    assert item.problem is None and "The story." in item.html
    assert item.meta["url"] == "https://a.example/3"
    assert others_bookings == [None] * 4  # at 120, 140, 160, 180: past the first lease's end (130)
    assert other._book("a.example") == (0, 180.0)  # and free once the fetch is over


@pytest.fixture
def locked_sqlite(committed_engine):
    """(impatient gate factory, the connection holding SQLite's write lock): the gate's engine waits no
    time for the lock (its busy timeout is 0), as if another process's transaction had held it all along."""
    if committed_engine.dialect.name != "sqlite":
        pytest.skip("SQLite's database lock")
    impatient = make_engine(committed_engine.url.render_as_string(hide_password=False))

    @event.listens_for(impatient, "connect")
    def no_busy_wait(dbapi_connection, _record) -> None:  # after make_engine's own, which sets 30 s
        dbapi_connection.execute("PRAGMA busy_timeout=0")

    holder = committed_engine.connect()
    holder.begin()  # BEGIN IMMEDIATE: the write lock, until rolled back
    yield (lambda **kw: SharedHostGate(make_sessionmaker(impatient), **kw)), holder
    holder.close()
    impatient.dispose()


def test_a_locked_database_makes_the_booking_wait_and_try_again(locked_sqlite):
    gate_with, holder = locked_sqlite
    waits = []

    def sleep(seconds: float) -> None:  # the other process's transaction ends while we wait
        waits.append(seconds)
        holder.rollback()

    gate = gate_with(per_host=1, delay=0.0, sleep=sleep)
    with gate.slot("a.example"):
        pass
    assert len(waits) == 1


def test_a_database_locked_for_long_fails_the_item_with_a_clear_reason(locked_sqlite):
    gate_with, _holder = locked_sqlite
    waits = []
    gate = gate_with(per_host=1, delay=0.0, sleep=waits.append)
    item = _fetched(Item(where="https://a.example/story", fetch="https://a.example/story"), gate)
    assert item.problem.startswith("no fetch slot for a.example: the database stayed locked (database is locked")
    assert len(waits) == LOCKED_TRIES - 1


def test_a_slot_freed_while_the_database_is_locked_is_left_to_its_lease(locked_sqlite):
    gate_with, holder = locked_sqlite
    holder.rollback()
    gate = gate_with(per_host=1, delay=0.0, lease=30.0, clock=lambda: 100.0, sleep=lambda _: None)
    with gate.slot("a.example"):
        holder.begin()  # another process's transaction takes the lock during the fetch
    holder.rollback()
    assert gate._book("a.example") is None  # still leased (until 130): no error, the lease frees it


class Pages(BaseHTTPRequestHandler):
    """Serves a small news page and records which were asked for."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        time.sleep(0.05)
        body = (f"<html><head><title>Story {self.path}</title></head><body><article><p>The minister said the "
                f"talks on {self.path} would resume next week, according to officials.</p></article></body>"
                "</html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        Pages.hits.append(self.path)

    def log_message(self, *args) -> None:
        pass


@pytest.mark.model
def test_two_workers_tasks_fetch_one_host_politely(committed_engine, monkeypatch, nlp):
    monkeypatch.setenv("WHOSAID_FETCH_PRIVATE_ADDRESSES", "true")  # the test server is on 127.0.0.1
    monkeypatch.setenv("WHOSAID_FETCH_PER_HOST", "1")
    monkeypatch.setenv("WHOSAID_FETCH_DELAY", "0.6")
    get_settings.cache_clear()
    recorder, slot = Recorder(), SharedHostGate.slot

    @contextmanager
    def recorded_slot(gate: SharedHostGate, host: str) -> Iterator[Lease]:
        with slot(gate, host) as lease, recorder.fetching(lease):
            yield lease

    monkeypatch.setattr(SharedHostGate, "slot", recorded_slot)
    Pages.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = committed_engine.url.render_as_string(hide_password=False)
    try:
        sessions = make_sessionmaker(committed_engine)
        with sessions() as session:
            job = records.create_job(session, runner="local")
            session.commit()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        tasks = [[{"where": f"{base}/{n}-{k}", "fetch": f"{base}/{n}-{k}"} for k in range(3)] for n in range(2)]
        with ThreadPoolExecutor(max_workers=2) as pool:  # two workers' tasks at the same time
            done = list(pool.map(lambda n: run_items(job.id, 3 * n, tasks[n], url), range(2)))
        assert done == [3, 3]
        with sessions() as session:
            status = records.job_status(session, job.id)
        assert status.counts["failed"] == 0, status.errors
        assert sorted(Pages.hits) == sorted(f"/{n}-{k}" for n in range(2) for k in range(3))
        assert recorder.most == {"127.0.0.1": 1}  # one at a time
        assert min(gaps(recorder.starts["127.0.0.1"])) >= 0.6 - ROUNDING  # booked 0.6 s apart
    finally:
        server.shutdown()
        get_settings.cache_clear()
