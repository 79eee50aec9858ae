"""Jobs and their items in the database: a row per item once it is decided, written in the transaction
that stores its article, so that progress counts every item once however often its task ran."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db import dialect_insert
from app.store.errors import NotFound
from app.store.models import JOB_ITEM_STATUSES, Job, JobItem

MAX_ERRORS = 1000


@dataclass(frozen=True)
class JobError:
    item: str
    reason: str


@dataclass(frozen=True)
class JobStatus:
    id: str
    label: str | None
    runner: str
    total: int | None
    counts: dict[str, int]
    created_at: datetime
    finished_at: datetime | None
    errors: list[JobError] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    @property
    def state(self) -> str:
        """`queued` (nothing decided yet), `running`, or `done` (every item decided)."""
        if self.total is not None and self.done >= self.total:
            return "done"
        return "running" if self.done else "queued"


def create_job(session: Session, *, runner: str, label: str | None = None) -> Job:
    job = Job(id=uuid.uuid4().hex, runner=runner, label=label)
    session.add(job)
    session.flush()
    return job


def set_total(session: Session, job_id: str, total: int) -> None:
    session.get_one(Job, job_id).total = total
    session.flush()


def decided(session: Session, job_id: str, seqs: list[int]) -> set[int]:
    """Which of these items of the job have a row already (a task run again after its worker died)."""
    return set(session.scalars(select(JobItem.seq).where(JobItem.job_id == job_id, JobItem.seq.in_(seqs))))


def record_item(session: Session, job_id: str, seq: int, item: str, status: str, *, reason: str | None = None,
                article_id: int | None = None) -> None:
    """The item's row; a second record of the same item (a task run twice) changes nothing."""
    if status not in JOB_ITEM_STATUSES:
        raise ValueError(f"a job item is {', '.join(JOB_ITEM_STATUSES)}, not {status!r}")
    row = {"job_id": job_id, "seq": seq, "item": item[:2000], "status": status, "reason": reason,
           "article_id": article_id}
    session.execute(dialect_insert(session, JobItem).values(row).on_conflict_do_nothing())


def job_status(session: Session, job_id: str, *, max_errors: int = MAX_ERRORS) -> JobStatus:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"job {job_id} does not exist")
    return _status(session, job, max_errors)


def recent_jobs(session: Session, *, limit: int = 20, unfinished: bool = False) -> list[JobStatus]:
    """The newest jobs first; `unfinished`: only those with items still to decide."""
    jobs = session.scalars(select(Job).order_by(Job.created_at.desc(), Job.id).limit(limit * 5 if unfinished else limit))
    statuses = [_status(session, job, max_errors=0) for job in jobs]
    if unfinished:
        statuses = [s for s in statuses if s.state != "done"]
    return statuses[:limit]


def _status(session: Session, job: Job, max_errors: int) -> JobStatus:
    counts = dict.fromkeys(JOB_ITEM_STATUSES, 0)
    rows = session.execute(select(JobItem.status, func.count(), func.max(JobItem.finished_at))
                           .where(JobItem.job_id == job.id).group_by(JobItem.status)).all()
    last = None
    for status, n, finished in rows:
        counts[status] = n
        last = finished if last is None or (finished and finished > last) else last
    errors = [JobError(item, reason or "") for item, reason in session.execute(
        select(JobItem.item, JobItem.reason).where(JobItem.job_id == job.id, JobItem.status == "failed")
        .order_by(JobItem.seq).limit(max_errors))] if max_errors else []
    done = sum(counts.values())
    finished_at = last if job.total is not None and done >= job.total else None
    return JobStatus(job.id, job.label, job.runner, job.total, counts, job.created_at, finished_at, errors)

