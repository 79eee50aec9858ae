"""The engine's own threads for POST /v1/annotate and for storing an article (POST /v1/articles and the
review UI's ingest form), so that annotating never starves the other routes.

FastAPI runs sync routes in one shared pool of 40 threads. Were annotation one of them, 40 long texts would
take every thread and the reads would queue behind them. Here the engine runs on `workers` threads of its
own (one by default: the parse holds the GIL for much of its time, so a second thread in the same process
buys little), at most `queue` requests wait for one, and the next is refused at once with 503 and
`Retry-After` instead of piling up. The event loop and the shared pool stay free for every other route:
an async route awaits `run`; a sync route (one that holds a database session) calls `call`, whose thread
of the shared pool waits, but only for an admitted request, so at most `workers + queue` of them wait.
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from app.api.errors import ApiProblem

T = TypeVar("T")
RETRY_AFTER_SECONDS = 5


class AnnotationWorkers:
    def __init__(self, workers: int, queue: int) -> None:
        self.workers, self.queue = workers, queue
        self._executor: ThreadPoolExecutor | None = None   # started with the first work, again after close()
        self._lock = threading.Lock()
        # a slot is held from submission until the work is done, not until the client stops waiting:
        # a client that hangs up frees nothing while its parse still runs
        self._slots = threading.BoundedSemaphore(workers + queue)

    async def run(self, work: Callable[[], T]) -> T:
        """`work()` on a worker thread; 503 when `workers + queue` requests are already in."""
        return await asyncio.wrap_future(self._submit(work))

    def call(self, work: Callable[[], T]) -> T:
        """`work()` on a worker thread, this thread waiting for it; 503 as `run`."""
        return self._submit(work).result()

    def _submit(self, work: Callable[[], T]) -> Future:
        if not self._slots.acquire(blocking=False):
            raise ApiProblem(503, f"the engine is busy: {self.workers} annotation(s) running and {self.queue} "
                             "waiting (settings WHOSAID_ANNOTATE_WORKERS, WHOSAID_ANNOTATE_QUEUE); try again "
                             "shortly", name="engine-busy", headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
        try:
            with self._lock:
                if self._executor is None:
                    self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="whosaid-annotate")
                future = self._executor.submit(work)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    def close(self) -> None:
        """Drop the waiting work; a parse that is running finishes on its own. Work submitted later (the
        app served again) starts new threads."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


def too_costly(timeout: float, exc: Exception) -> ApiProblem:
    """The 422 of a text that needs more engine time than WHOSAID_ANNOTATE_TIMEOUT (`TooCostly`)."""
    return ApiProblem(422, f"annotating this text takes longer than the {timeout:g} s allowed (setting "
                      f"WHOSAID_ANNOTATE_TIMEOUT): {exc}; send a shorter text", name="text-too-costly")
