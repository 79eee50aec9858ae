"""`whosaid serve --workers 2` as a user runs it: real server processes on one port, connections spread over
them, a process that dies started again, and SIGTERM stops them all.

The spread is read from the processes' CPU time (/proc): 32 annotate requests on 32 connections sent at
once must each leave work on both server processes (with one shared socket, as uvicorn's own workers have,
a burst lands on whichever process wakes first).

The supervisor's own behaviour is tested on small apps (tests/api/serve_apps.py) instead of the pipeline:
a process still starting takes no connection, a process failing at start-up is restarted after a growing
delay, and the server processes end when the supervisor is killed."""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from proc_helpers import alive, children, cpu_ticks

from app.serving import RESTART_DELAY, RESTART_DELAY_MAX, STEADY, _Server

if not sys.platform.startswith("linux"):
    pytest.skip("reads /proc", allow_module_level=True)

REPO = Path(__file__).resolve().parents[2]
REQUESTS = 32


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_processes(parent: int) -> list[int]:
    """The parent's spawned server processes (not multiprocessing's resource tracker)."""
    return children(parent, command=b"spawn_main")


def wait_until(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (result := check()):
            return result
        time.sleep(0.2)
    raise AssertionError(f"{what} within {seconds:.0f} s")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def server(tmp_path):
    """`whosaid serve --workers 2` with the real app (and the spaCy pipeline)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'whosaid.db'}", "PYTHONPATH": str(REPO)}
    env.pop("WHOSAID_DATABASE_URL", None)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "app", "serve", "--workers", "2", "--port", str(port),
                                "--no-example"], cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: len(server_processes(process.pid)) == 2 and answers(f"{base}/readyz"), 120,
                   f"two server processes did not answer: {(tmp_path / 'serve.log').read_text()[-2000:]}")
        yield process, base, (tmp_path / "var" / "admin.key").read_text().strip()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def annotate(base: str, key: str, text: str) -> int:
    request = urllib.request.Request(f"{base}/v1/annotate", data=json.dumps({"text": text}).encode(),
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # a connection of its own each time
                return response.status
        except urllib.error.HTTPError as exc:
            if exc.code != 503:  # 503: the process's annotation queue is full; it says when to come back
                raise
            time.sleep(min(float(exc.headers.get("Retry-After", 1)), 2.0))
    raise AssertionError("the service stayed busy")


@pytest.mark.model
def test_serve_workers_spread_connections_restart_and_stop(server):
    process, base, key = server
    pids = server_processes(process.pid)
    text = (REPO / "examples").glob("*.txt").__next__().read_text(encoding="utf-8")[:3000]
    before = {pid: cpu_ticks(pid) for pid in pids}
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        statuses = list(pool.map(lambda _: annotate(base, key, text), range(REQUESTS)))
    assert statuses == [200] * REQUESTS
    work = {pid: cpu_ticks(pid) - before[pid] for pid in pids}
    assert all(ticks >= 0.1 * sum(work.values()) for ticks in work.values()), f"CPU ticks per process: {work}"

    os.kill(pids[0], signal.SIGKILL)  # a server process dies: another takes its place
    wait_until(lambda: (now := server_processes(process.pid)) and len(now) == 2 and pids[0] not in now, 60,
               "the dead server process was not replaced")
    wait_until(lambda: answers(f"{base}/readyz"), 120, "the service did not answer after the restart")
    assert annotate(base, key, text) == 200

    running = server_processes(process.pid)
    process.send_signal(signal.SIGTERM)  # stops every process
    assert process.wait(timeout=60) == 0
    assert [pid for pid in running if alive(pid)] == []


@pytest.fixture
def supervisor(tmp_path):
    """Starts serve_processes(workers, app=serve_apps:<factory>) in a process of its own; yields
    (start, port, folder), start(workers, factory) giving the supervisor's Popen. Its log is folder/serve.log."""
    port = free_port()
    env = {**os.environ, "SERVE_TEST_DIR": str(tmp_path),
           "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests" / "api")])}
    started = []

    def start(workers: int, factory: str) -> subprocess.Popen:
        code = ("import logging, sys; from app.serving import serve_processes; logging.basicConfig(level='INFO'); "
                f"sys.exit(serve_processes({workers}, '127.0.0.1', {port}, log_level='warning', "
                f"app='serve_apps:{factory}'))")
        started.append(subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, env=env,
                                        stdout=(tmp_path / "serve.log").open("w"), stderr=subprocess.STDOUT,
                                        start_new_session=True))
        return started[-1]

    yield start, port, tmp_path
    for process in started:  # the whole session: server processes may outlive a supervisor a test killed
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_a_process_takes_connections_only_once_it_has_started(supervisor):
    start, port, folder = supervisor
    process = start(1, "gated")
    wait_until(lambda: list(folder.glob("loading-*")), 60, "the server process did not begin its start-up")
    # its lifespan is running (the pipeline loads there): the kernel must not give it a connection to hold
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    (folder / "go").touch()
    wait_until(lambda: answers(f"http://127.0.0.1:{port}/"), 60, "the server process did not answer")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0


def test_a_process_failing_at_start_up_is_restarted_after_a_doubling_delay(supervisor):
    start, _port, folder = supervisor
    process = start(1, "crashing")
    log = folder / "serve.log"
    wait_until(lambda: log.read_text().count("starting another") >= 3, 120, "the process was not restarted")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    delays = re.findall(r"starting another in (\S+) s", log.read_text())
    assert delays[:3] == ["1", "2", "4"], log.read_text()[-3000:]


@pytest.mark.parametrize(("uptimes", "delays"), [
    ([0.5, 0.5, 0.5], [RESTART_DELAY, 2 * RESTART_DELAY, 4 * RESTART_DELAY]),  # dies at start-up: doubling
    ([1.0] * 12, [min(RESTART_DELAY * 2 ** n, RESTART_DELAY_MAX) for n in range(12)]),  # up to the cap
    ([0.5, 0.5, STEADY, 0.5], [RESTART_DELAY, 2 * RESTART_DELAY, RESTART_DELAY, 2 * RESTART_DELAY]),  # served
])
def test_restart_delays(uptimes, delays):
    server, now, booked = _Server(), 1000.0, []
    for uptime in uptimes:
        server.started = now
        now += uptime
        booked.append(server.ended(now))
        assert server.due == now + booked[-1]
        now = server.due
    assert booked == delays
    assert max(booked) <= RESTART_DELAY_MAX


def test_server_processes_end_when_the_supervisor_is_killed(supervisor):
    start, port, folder = supervisor
    (folder / "go").touch()  # gated's start-up goes straight through
    process = start(2, "gated")
    pids = wait_until(lambda: len(found := server_processes(process.pid)) == 2 and found, 60,
                      "two server processes did not start")
    wait_until(lambda: answers(f"http://127.0.0.1:{port}/"), 60, "the server processes did not answer")
    os.kill(process.pid, signal.SIGKILL)  # the supervisor alone: its session is not signalled
    process.wait()
    wait_until(lambda: not any(alive(pid) for pid in pids), 60,
               f"server processes {[pid for pid in pids if alive(pid)]} outlived their supervisor")


def test_the_grace_after_sigterm_covers_an_annotation_and_its_write():
    """Regression (review): the 30 s grace was shorter than WHOSAID_ANNOTATE_TIMEOUT (60 s), so stopping
    the service could kill a request in the middle of an annotation it was allowed to finish."""
    from app.serving import STOP_TIMEOUT, stop_grace

    assert stop_grace(60.0) == 70.0
    assert stop_grace(5.0) == STOP_TIMEOUT
    assert stop_grace() >= 70.0   # the default settings
