"""The embedded runner: with no broker configured, jobs run in the service's own process pool (spawned
processes, each loading the spaCy pipeline once). Work in it is lost if the service stops; the job's
items rows say what was done."""
from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor

_lock = threading.Lock()
_pools: dict[int, ProcessPoolExecutor] = {}


def _load_pipeline() -> None:
    from app.core.config import get_settings
    from app.nlp.pipeline import get_nlp
    from app.stories.embedding import get_model

    get_nlp()
    if get_settings().stories:
        get_model()


def pool(workers: int) -> ProcessPoolExecutor:
    with _lock:
        if workers not in _pools:
            _pools[workers] = ProcessPoolExecutor(max_workers=workers, initializer=_load_pipeline,
                                                  mp_context=multiprocessing.get_context("spawn"))
        return _pools[workers]


def submit(workers: int, job_id: str, first_seq: int, items: list[dict], database_url: str | None) -> Future:
    from app.jobs.work import run_items

    return pool(workers).submit(run_items, job_id, first_seq, items, database_url)


def shutdown() -> None:
    with _lock:
        for executor in _pools.values():
            executor.shutdown(wait=True, cancel_futures=False)
        _pools.clear()
