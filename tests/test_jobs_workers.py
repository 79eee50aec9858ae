"""Real workers on the real broker and database: two `whosaid worker` processes on RabbitMQ and PostgreSQL
ingest a few hundred Reuters stories; one worker's pool process (what runs the task: what an out-of-memory
killer picks) is killed with SIGKILL a third of the way, then the whole worker (the consuming process and its
pool: a machine that dies) at two thirds; every article must be stored exactly once and every failed item
reported.

Needs RabbitMQ (WHOSAID_TEST_BROKER, default amqp://guest:guest@127.0.0.1:5672//), PostgreSQL
(WHOSAID_API_TEST_POSTGRES, default postgresql+psycopg://postgres@127.0.0.1:5432/test: a database of its own
is made on that server) and ../shared/corpora/reuters21578.jsonl; skipped with the reason where one is
missing. Slow (a minute or two on 2 cores): `-m "not slow"` leaves it out.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from proc_helpers import children
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.core.config import Settings
from app.core.db import make_engine, make_sessionmaker
from app.ingest.sources import read_jsonl
from app.jobs import records
from app.jobs.service import submit_job
from app.services.ingest import content_hash
from app.store import migrate
from app.store.models import Article, Claim, JobItem
from app.stories.models import StoryMember

pytestmark = [pytest.mark.slow, pytest.mark.model, pytest.mark.shared]

BROKER = os.environ.get("WHOSAID_TEST_BROKER", "amqp://guest:guest@127.0.0.1:5672//")
POSTGRES = os.environ.get("WHOSAID_API_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ARTICLES = 300
BAD_LINES = ["{not json", json.dumps({"title": "no text"}), json.dumps({"text": "   "})]


def reachable(url: str, default_port: int) -> bool:
    parsed = make_url(url.replace("amqp://", "postgresql://", 1)) if url.startswith("amqp") else make_url(url)
    try:
        socket.create_connection((parsed.host or "127.0.0.1", parsed.port or default_port), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.fixture
def database() -> str:
    if not reachable(POSTGRES, 5432):
        pytest.skip(f"PostgreSQL at {POSTGRES} does not answer")
    name = f"whosaid_workers_test_{os.getpid()}"
    server = make_engine(POSTGRES)
    try:
        with server.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        pytest.skip(f"cannot create a PostgreSQL database: {str(exc).splitlines()[0]}")
    url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    with server.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture
def corpus_lines(shared: Path) -> list[str]:
    path = shared / "corpora" / "reuters21578.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as stream:
        lines = [next(stream).rstrip("\n") for _ in range(ARTICLES)]
    for n, bad in enumerate(BAD_LINES):  # failures spread over the run
        lines.insert(40 + 100 * n, bad)
    return lines


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", "worker", "--loglevel", "WARNING"], env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def test_two_workers_one_killed_mid_run_store_every_article_once(database, corpus_lines, tmp_path):
    if not reachable(BROKER, 5672):
        pytest.skip(f"RabbitMQ at {BROKER} does not answer")
    queue = f"whosaid-test-{os.getpid()}"
    env = {**os.environ, "DATABASE_URL": database, "WHOSAID_BROKER_URL": BROKER, "WHOSAID_JOB_QUEUE": queue}
    workers = [start_worker(env, tmp_path / f"worker{n}.log") for n in (1, 2)]
    engine = make_engine(database)
    sessions = make_sessionmaker(engine)
    try:
        settings = Settings(database_url=database, broker_url=BROKER, job_queue=queue)
        items = list(read_jsonl(corpus_lines, "reuters.jsonl"))
        job = submit_job(items, label="kill test", settings=settings)
        assert job.total == len(corpus_lines)

        def decided() -> int:
            with sessions() as session:
                return session.scalar(select(func.count()).select_from(JobItem).where(JobItem.job_id == job.id))

        deadline = time.monotonic() + 600

        def wait_for(share: int) -> None:
            while decided() < len(corpus_lines) * share // 3:
                assert time.monotonic() < deadline, "the workers made no progress"
                assert all(w.poll() is None for w in workers), (tmp_path / "worker1.log").read_text()[-2000:]
                time.sleep(0.2)

        wait_for(1)
        # tasks run in a pool process, not in the process that holds the broker connection (a solo worker
        # left delivered messages unread for seconds): kill that pool process; Celery replaces it and gives
        # its task back to the broker
        pool = children(workers[0].pid)  # the worker's pool processes
        assert len(pool) == 1, f"worker 1 runs its tasks in processes {pool}"
        os.kill(pool[0], signal.SIGKILL)
        wait_for(2)
        os.killpg(workers[0].pid, signal.SIGKILL)  # the whole worker, pool and all
        workers[0].wait()
        while decided() < job.total:
            assert time.monotonic() < deadline, f"{decided()} of {job.total} items decided after 10 minutes"
            assert workers[1].poll() is None, (tmp_path / "worker2.log").read_text()[-2000:]
            time.sleep(0.5)

        with sessions() as session:
            status = records.job_status(session, job.id)
            stored_hashes = Counter(session.scalars(select(Article.content_hash)))
            rows = session.execute(select(JobItem.seq, JobItem.status, JobItem.article_id)
                                   .where(JobItem.job_id == job.id)).all()
            claims = session.scalar(select(func.count()).select_from(Claim))
            in_stories = session.scalar(select(func.count()).select_from(StoryMember))
        texts = [(i.text, i.meta.get("publisher")) for i in items if not i.problem and (i.text or "").strip()]
        expected = {content_hash(t, p) for t, p in texts}
        assert set(stored_hashes) == expected  # nothing lost
        assert max(stored_hashes.values()) == 1  # nothing duplicated
        assert len(rows) == job.total == len({seq for seq, _, _ in rows})  # every item decided once
        assert status.counts["failed"] == len(BAD_LINES)
        assert sorted(e.item for e in status.errors) == sorted(f"reuters.jsonl:{41 + 100 * n}" for n in range(3))
        assert status.counts["stored"] == len(expected)  # each article's row says it was stored, once
        assert len({a for _, s, a in rows if s == "stored"}) == len(expected)
        assert claims > 0 and in_stories == claims   # the workers clustered every stored claim, once
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        engine.dispose()
