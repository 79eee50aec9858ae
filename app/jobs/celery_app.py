"""The Celery application of `whosaid worker` and queued jobs (broker: Settings.broker_url).

Tasks are acknowledged late (`acks_late`: after the task returned, that is after its articles and item
rows were committed), a worker takes one task at a time (`prefetch_multiplier=1`: long tasks are not
hoarded by a busy worker) and a task whose worker process died is given back to the broker
(`reject_on_worker_lost`), so that a worker killed mid-task loses nothing: the task runs again elsewhere
and work.run_items passes over what the first run committed. A database that is away makes the task
retry with a growing delay instead of failing.
"""
from __future__ import annotations

from functools import lru_cache

from celery import Celery
from celery.signals import worker_process_init
from sqlalchemy.exc import DBAPIError

TASK = "whosaid.ingest_items"


@lru_cache(maxsize=4)
def celery_app(broker_url: str, queue: str) -> Celery:
    app = Celery("whosaid", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=queue,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )

    @app.task(name=TASK, bind=True, autoretry_for=(DBAPIError,), retry_backoff=True, retry_backoff_max=60,
              max_retries=None)
    def ingest_items(self, job_id: str, first_seq: int, items: list[dict]) -> int:
        from app.jobs.work import run_items

        return run_items(job_id, first_seq, items)

    return app


@worker_process_init.connect
def _load_pipeline(**_) -> None:
    """Each worker process loads the spaCy pipeline once, before its first task, and the stories'
    embedding model when claims are clustered."""
    from app.core.config import get_settings
    from app.nlp.pipeline import get_nlp
    from app.stories.embedding import get_model

    get_nlp()
    if get_settings().stories:
        get_model()
