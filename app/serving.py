"""`whosaid serve --workers N`: N server processes on one port, connections spread over them by the kernel.

Public API::

    serve_processes(workers: int, host: str, port: int, *, log_level: str = "info", app: str = APP) -> int

Each process binds its own socket with ``SO_REUSEPORT``, and Linux hands every new connection to one of
the listening sockets by a hash of its addresses, so connections are spread evenly whatever each process is
doing. A process listens only once its app is built and its lifespan has loaded the pipeline (uvicorn
listens on the socket it is given after start-up): until then the kernel sends it no connection, where a
socket listening from the start would have queued connections for a process that cannot answer yet.
(uvicorn's own ``--workers`` shares one socket between its processes: the first process to wake up takes
every connection waiting, up to its backlog, so a burst of requests lands on one process while the others
idle.) Each process builds the app from the environment (``app.main:create_app``) and loads the pipeline
once.

This process supervises: a server process that dies is started again, after a delay that doubles each time
a process dies soon after its start (1 s, 2 s, 4 s, ... at most a minute: an app that fails at start-up is
not restarted in a hot loop) and is 1 s again once a process has served a minute. SIGINT or SIGTERM stops
them all (each finishes the requests it holds, as uvicorn does on shutdown). A server process is also sent
SIGTERM when the supervisor dies, even of SIGKILL (Linux's PR_SET_PDEATHSIG): none is left serving on its
own, outside the supervision of whatever restarts the supervisor. Where ``SO_REUSEPORT`` is missing,
uvicorn's shared-socket workers are used instead.
"""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass
from multiprocessing.process import BaseProcess

__all__ = ["serve_processes"]

APP = "app.main:create_app"
BACKLOG = 2048
PR_SET_PDEATHSIG = 1  # prctl option, from <linux/prctl.h>
STOP_TIMEOUT = 30.0  # seconds a process gets at least to finish its requests after SIGTERM
RESTART_DELAY = 1.0  # seconds before a dead server process is started again ...
RESTART_DELAY_MAX = 60.0  # ... doubled for each death soon after a start, up to this
STEADY = 60.0  # seconds after which a process counts as having started well: the delay is RESTART_DELAY again

logger = logging.getLogger("whosaid.serve")


def serve_processes(workers: int, host: str, port: int, *, log_level: str = "info", app: str = APP) -> int:
    """Run `workers` server processes of `app` (an app factory's import path) until SIGINT/SIGTERM; returns
    the exit code (0, or 1 if the port cannot be bound)."""
    import uvicorn

    if not sys.platform.startswith("linux"):  # elsewhere SO_REUSEPORT does not spread connections
        uvicorn.run(app, factory=True, workers=workers, host=host, port=port, log_level=log_level)
        return 0
    try:
        _bound_socket(host, port, reuse_port=False).close()  # the port is free: say so now, not N times
    except OSError as exc:
        logger.error("cannot listen on %s:%s: %s", host, port, exc.strerror or exc)
        return 1
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no fork of a threaded process
    stopping = False

    def stop(signum, _frame) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    servers = [_Server() for _ in range(workers)]
    try:
        while not stopping:
            now = time.monotonic()
            for server in servers:
                if server.process is not None and not server.process.is_alive():
                    delay = server.ended(now)
                    logger.warning("server process %s ended (exit code %s); starting another in %g s",
                                   server.process.pid, server.process.exitcode, delay)
                    server.process = None
                if server.process is None and now >= server.due and not stopping:
                    server.process, server.started = _start(context, app, host, port, log_level), now
            time.sleep(0.2)
    finally:
        _stop_all([server.process for server in servers if server.process is not None], stop_grace())
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


@dataclass
class _Server:
    """One of the server processes the supervisor keeps running, and when to start it again if it died."""
    process: BaseProcess | None = None
    started: float = 0.0  # time.monotonic() of the process's start
    due: float = 0.0  # when the next process may start
    delay: float = 0.0  # the delay before the last restart

    def ended(self, now: float) -> float:
        """The process has died at `now`: the delay before the next one, which is booked."""
        if now - self.started >= STEADY:
            self.delay = RESTART_DELAY
        else:
            self.delay = min(max(2 * self.delay, RESTART_DELAY), RESTART_DELAY_MAX)
        self.due = now + self.delay
        return self.delay


def _start(context, app: str, host: str, port: int, log_level: str) -> BaseProcess:
    process = context.Process(target=_serve_one, args=(app, host, port, log_level, os.getpid()),
                              name="whosaid-server")
    process.start()
    return process


def stop_grace(annotate_timeout: float | None = None) -> float:
    """Seconds a server process gets after SIGTERM: STOP_TIMEOUT, or longer when an annotation may take
    longer (WHOSAID_ANNOTATE_TIMEOUT and 10 s to store it), so that shutting down cuts no request short."""
    if annotate_timeout is None:
        from app.core.config import get_settings

        annotate_timeout = get_settings().annotate_timeout
    return max(STOP_TIMEOUT, annotate_timeout + 10.0)


def _stop_all(processes: list[BaseProcess], grace: float = STOP_TIMEOUT) -> None:
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: uvicorn stops accepting and finishes its requests
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()


def _serve_one(app: str, host: str, port: int, log_level: str, supervisor: int) -> None:
    """One server process: its own SO_REUSEPORT socket, the app built from the environment."""
    import uvicorn

    _end_with(supervisor)
    # bound, not listening: uvicorn listens once the app is built and its lifespan has started
    sock = _bound_socket(host, port, reuse_port=True)
    config = uvicorn.Config(app, factory=True, log_level=log_level, backlog=BACKLOG)
    uvicorn.Server(config).run(sockets=[sock])


def _end_with(supervisor: int) -> None:
    """Have the kernel send this process SIGTERM when the supervisor (its parent) dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != supervisor:  # it died before the request was made: no signal will come
        raise SystemExit(f"the supervisor (process {supervisor}) has ended")


def _bound_socket(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock
