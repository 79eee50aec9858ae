"""Fetch the pages of a list of URLs politely: a few at a time overall, at most `per_host` at a time on one
host, and `delay` seconds between two requests to one host. Uses the service's safe fetcher (app/fetch.py:
public addresses only, bounded in time and size). Items keep their input order."""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from urllib.parse import urlsplit

from app.fetch import FetchedPage, FetchError, fetch_page
from app.ingest.sources import Item


class HostGate:
    """At most `per_host` requests at a time to one host, started at least `delay` seconds apart."""

    def __init__(self, per_host: int, delay: float) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        if delay < 0:
            raise ValueError("delay must not be negative")
        self.per_host, self.delay = per_host, delay
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}

    def enter(self, host: str) -> threading.Semaphore:
        with self._lock:
            slots = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        slots.acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.delay
        if start > now:
            time.sleep(start - now)
        return slots


def fetch_items(items: Iterable[Item], *, concurrency: int = 8, per_host: int = 2, delay: float = 1.0,
                fetch: Callable[[str], FetchedPage] | None = None) -> Iterator[Item]:
    """The items, with every URL item's page fetched (as HTML or text) or its failure as the problem."""
    gate = HostGate(per_host, delay)
    fetch = fetch or fetch_page

    def load(item: Item) -> Item:
        slots = gate.enter(urlsplit(item.fetch).hostname or "")
        try:
            page = fetch(item.fetch)
        except FetchError as exc:
            return replace(item, problem=str(exc))
        finally:
            slots.release()
        meta = {**item.meta, "url": page.url}
        return replace(item, html=page.text, meta=meta) if page.is_html else replace(item, text=page.text, meta=meta)

    window: deque[Future[Item] | Item] = deque()
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="fetch") as pool:
        for item in items:
            window.append(pool.submit(load, item) if item.fetch and not item.problem else item)
            while len(window) > concurrency * 4 or (window and not isinstance(window[0], Future)):
                head = window.popleft()
                yield head.result() if isinstance(head, Future) else head
        while window:
            head = window.popleft()
            yield head.result() if isinstance(head, Future) else head
