"""Holding the API's annotation workers (app/api/workers.py) busy, for tests of what a busy engine answers."""
from __future__ import annotations

import threading


def hold_the_engine(app) -> tuple[threading.Event, list[threading.Thread]]:
    """Fill every annotation worker and queue place with work that waits for the returned event."""
    workers = app.state.annotation_workers
    release, started = threading.Event(), threading.Semaphore(0)

    def hold() -> None:
        started.release()
        release.wait(60)

    threads = [threading.Thread(target=workers.call, args=(hold,)) for _ in range(workers.workers + workers.queue)]
    for thread in threads:
        thread.start()
    for _ in range(workers.workers):
        assert started.acquire(timeout=30)   # the workers are running held work; the rest of it waits
    return release, threads
