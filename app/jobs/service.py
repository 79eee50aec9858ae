"""Send a corpus to the workers as a job: `whosaid ingest --queue`, POST /v1/jobs."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app.core.config import Settings, get_settings
from app.ingest.sources import Item
from app.jobs import local, records
from app.jobs.work import item_data

CHUNK = 8  # items per task: batched through the parser, and little lost time if a worker dies


class NoBroker(RuntimeError):
    """Queued work needs a broker (WHOSAID_BROKER_URL)."""


@dataclass(frozen=True)
class Submitted:
    id: str
    total: int
    runner: str  # celery | local


def submit_job(items: Iterable[Item], *, label: str | None = None, settings: Settings | None = None,
               require_broker: bool = False) -> Submitted:
    """Create the job, send its items in tasks of CHUNK, and set its total; returns at once (the workers
    do the rest). Without a broker the service's own pool runs it, unless `require_broker` (a command
    that exits would take its pool with it)."""
    from app.core.db import make_engine, make_sessionmaker

    settings = settings or get_settings()
    if settings.broker_url is None and require_broker:
        raise NoBroker("no broker is configured: set WHOSAID_BROKER_URL (e.g. amqp://guest:guest@127.0.0.1:5672//) "
                       "and start `whosaid worker`s, or ingest here without --queue")
    runner = "celery" if settings.broker_url else "local"
    engine = make_engine(settings.database_url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as session:
            job = records.create_job(session, runner=runner, label=label)
            session.commit()
            job_id = job.id
        total = 0
        send = _sender(settings)
        for first, chunk in _chunks(items):
            send(job_id, first, [item_data(item) for item in chunk])
            total = first + len(chunk)
        with sessions() as session:
            records.set_total(session, job_id, total)
            session.commit()
    finally:
        engine.dispose()
    return Submitted(job_id, total, runner)


def _sender(settings: Settings):
    if settings.broker_url:
        from app.jobs.celery_app import TASK, celery_app

        app = celery_app(settings.broker_url, settings.job_queue)

        def send(job_id: str, first: int, items: list[dict]) -> None:
            app.send_task(TASK, args=[job_id, first, items], queue=settings.job_queue)
        return send

    def run_here(job_id: str, first: int, items: list[dict]) -> None:
        local.submit(settings.job_workers, job_id, first, items, settings.database_url)
    return run_here


def _chunks(items: Iterable[Item]) -> Iterator[tuple[int, list[Item]]]:
    chunk: list[Item] = []
    first = 0
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield first, chunk
            first += len(chunk)
            chunk = []
    if chunk:
        yield first, chunk
