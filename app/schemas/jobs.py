"""The API's job models: what POST /v1/jobs answers and GET /v1/jobs/{id} reports."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.jobs.records import JobStatus
from app.schemas.api import UtcDatetime


class JobErrorOut(BaseModel):
    item: str = Field(description="Where the item came from: upload:LINE, urls:N, file:line.")
    reason: str


class JobOut(BaseModel):
    id: str
    label: str | None
    runner: str = Field(description="celery (workers on a broker) or local (the service's own process pool)")
    state: str = Field(description="queued, running or done (every item decided)")
    total: int | None = Field(description="Items in the job; null while they are being enqueued.")
    done: int = Field(description="Items decided so far.")
    stored: int
    known: int = Field(description="Items whose article was stored before (not annotated again).")
    duplicate: int
    failed: int
    created_at: UtcDatetime
    finished_at: UtcDatetime | None
    errors: list[JobErrorOut] = Field(default_factory=list, description="The failed items (the first 1,000).")

    @classmethod
    def of(cls, status: JobStatus) -> JobOut:
        return cls(id=status.id, label=status.label, runner=status.runner, state=status.state, total=status.total,
                   done=status.done, **status.counts, created_at=status.created_at, finished_at=status.finished_at,
                   errors=[JobErrorOut(item=e.item, reason=e.reason) for e in status.errors])


class JobCreated(BaseModel):
    id: str
    total: int
    runner: str
