"""Per-host politeness shared by the workers of queued URL jobs (app/jobs/hosts.py), on SQLite and
PostgreSQL: gates with connections of their own stand for workers on several machines."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from sqlalchemy import event

from app.core.config import get_settings
from app import fetch
from app.core.db import make_engine, make_sessionmaker
from app.ingest.sources import Item
from app.jobs import records
from app.jobs.hosts import LOCKED_TRIES, SharedHostGate
from app.jobs.work import _fetched, run_items


class Recorder:
    """Start and end times of fake fetches, and the most that ran at once per host."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.spans: dict[str, list[tuple[float, float]]] = {}
        self.running: dict[str, int] = {}
        self.most: dict[str, int] = {}

    def fetch(self, gate: SharedHostGate, host: str, seconds: float = 0.05) -> None:
        with gate.slot(host):
            with self.lock:
                start = time.time()
                self.running[host] = self.running.get(host, 0) + 1
                self.most[host] = max(self.most.get(host, 0), self.running[host])
            time.sleep(seconds)
            with self.lock:
                self.running[host] -= 1
                self.spans.setdefault(host, []).append((start, time.time()))


def gaps(spans: list[tuple[float, float]]) -> list[float]:
    starts = sorted(start for start, _ in spans)
    return [b - a for a, b in zip(starts, starts[1:])]


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
    assert len(recorder.spans["a.example"]) == 9
    assert recorder.most["a.example"] <= 2
    assert min(gaps(recorder.spans["a.example"])) >= 0.25  # booked 0.3 s apart; a thread may wake late


def test_a_busy_host_does_not_hold_up_another(workers):
    slow, other = workers(per_host=1, delay=5.0)[:2]
    recorder = Recorder()
    with ThreadPoolExecutor(max_workers=3) as pool:
        first = pool.submit(recorder.fetch, slow, "a.example", 0.5)
        time.sleep(0.1)
        waiting = pool.submit(recorder.fetch, other, "a.example")  # must wait 5 s for its start
        began = time.time()
        pool.submit(recorder.fetch, other, "b.example").result()
        assert time.time() - began < 2.0
        first.result()
        assert not waiting.done()
        waiting.result()
    assert gaps(recorder.spans["a.example"])[0] >= 4.9


def test_a_dead_workers_slot_frees_when_its_lease_ends(workers):
    dead, alive = workers(per_host=1, delay=0.0, lease=0.5)[:2]
    assert dead._book("a.example") is not None  # booked and never left: the worker died mid-fetch
    began = time.time()
    with alive.slot("a.example"):
        waited = time.time() - began
    assert 0.3 <= waited < 3.0


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
    """Serves a small news page and records when each request came."""

    hits: list[tuple[float, float]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        start = time.time()
        time.sleep(0.05)
        body = (f"<html><head><title>Story {self.path}</title></head><body><article><p>The minister said the "
                f"talks on {self.path} would resume next week, according to officials.</p></article></body>"
                "</html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        Pages.hits.append((start, time.time()))

    def log_message(self, *args) -> None:
        pass


@pytest.mark.model
def test_two_workers_tasks_fetch_one_host_politely(committed_engine, monkeypatch, nlp):
    monkeypatch.setenv("WHOSAID_FETCH_PRIVATE_ADDRESSES", "true")  # the test server is on 127.0.0.1
    monkeypatch.setenv("WHOSAID_FETCH_PER_HOST", "1")
    monkeypatch.setenv("WHOSAID_FETCH_DELAY", "0.6")
    get_settings.cache_clear()
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
        assert len(Pages.hits) == 6
        spans = sorted(Pages.hits)
        assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:]))  # one at a time
        assert min(gaps(spans)) >= 0.45  # booked 0.6 s apart; the server sees them later or sooner
    finally:
        server.shutdown()
        get_settings.cache_clear()
