"""/v1/jobs: corpora ingested by the workers (a JSON Lines upload, or a list of URLs), and their progress."""
from __future__ import annotations

import json
import re
from email.message import Message

from fastapi import APIRouter, Request, Response, status
from starlette.concurrency import run_in_threadpool

from app.api.deps import ReadSessionDep, SettingsDep
from app.api.errors import ApiProblem, problem_responses
from app.api.security import Analyst, Reader
from app.ingest.sources import Item, read_jsonl
from app.jobs import records
from app.jobs.service import submit_job
from app.schemas.jobs import JobCreated, JobOut
from app.store.errors import NotFound

router = APIRouter(prefix="/jobs", tags=["jobs"], responses=problem_responses(401, 403, 422, 429))
JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"}
MAX_URLS = 100_000
JOB_ID = re.compile(r"[0-9a-f]{32}")
REQUEST_BODY = {"content": {
    "application/x-ndjson": {"schema": {"type": "string"}, "example":
                             '{"text": "...", "publisher": "UNN", "published": "2025-11-19"}\n{"html": "<html>..."}\n'},
    "application/json": {"schema": {"type": "object", "properties": {
        "urls": {"type": "array", "items": {"type": "string"}, "maxItems": MAX_URLS},
        "label": {"type": ["string", "null"], "maxLength": 200}}, "required": ["urls"]},
        "example": {"urls": ["https://example.org/a-story"], "label": "morning crawl"}}},
    "required": True}


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=JobCreated,
             responses=problem_responses(413, 415), openapi_extra={"requestBody": REQUEST_BODY})
async def create_job(_: Analyst, request: Request, response: Response, settings: SettingsDep) -> JobCreated:
    """Ingest a corpus in the background: JSON Lines (one article a line, as `whosaid ingest`) or {"urls": [...]}; analyst."""
    body = await request.body()
    items, label = _items(request.headers.get("content-type"), body)
    job = await run_in_threadpool(submit_job, items, label=label, settings=settings)
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return JobCreated(id=job.id, total=job.total, runner=job.runner)


@router.get("", response_model=list[JobOut])
def list_jobs(_: Reader, session: ReadSessionDep, unfinished: bool = False) -> list[JobOut]:
    """The 20 newest jobs (`unfinished`: those still running), without their errors; reader."""
    return [JobOut.of(s) for s in records.recent_jobs(session, unfinished=unfinished)]


@router.get("/{job_id}", response_model=JobOut, responses=problem_responses(404))
def get_job(_: Reader, job_id: str, session: ReadSessionDep) -> JobOut:
    """A job's progress (items decided, stored, failed) and its failed items with the reasons; reader."""
    if not JOB_ID.fullmatch(job_id):  # never sent to the database (PostgreSQL refuses a NUL in a string)
        raise NotFound(f"job {job_id[:100]} does not exist")
    return JobOut.of(records.job_status(session, job_id))


def _items(content_type: str | None, body: bytes) -> tuple[list[Item], str | None]:
    message = Message()
    message["content-type"] = content_type or ""
    kind = message.get_content_type()
    text = body.decode("utf-8", errors="replace")
    if kind in JSONL_TYPES:
        items = list(read_jsonl(text.splitlines(), "upload"))
        label = "JSON Lines upload"
    elif kind == "application/json":
        items, label = _url_items(text)
    else:
        raise ApiProblem(415, f"unsupported content type {kind!r}: send JSON Lines (`Content-Type: "
                         'application/x-ndjson`, one article a line) or JSON {"urls": [...]}',
                         name="unsupported-media-type")
    if not items:
        raise ApiProblem(422, "the job has no items", name="invalid-input")
    return items, label


def _url_items(text: str) -> tuple[list[Item], str | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiProblem(422, f"the body is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                         name="invalid-input") from None
    urls = data.get("urls") if isinstance(data, dict) else None
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise ApiProblem(422, 'a JSON body is {"urls": ["https://...", ...]} (articles go as JSON Lines)',
                         name="invalid-input")
    if len(urls) > MAX_URLS:
        raise ApiProblem(413, f"the job has {len(urls):,} URLs; the limit is {MAX_URLS:,}", name="too-many-urls")
    label = data.get("label")
    if label is not None and (not isinstance(label, str) or len(label) > 200 or "\x00" in label):
        raise ApiProblem(422, "label must be a string of at most 200 characters, without NUL", name="invalid-input")
    items = []
    for n, url in enumerate(urls, 1):
        url = url.strip()
        if not url.lower().startswith(("http://", "https://")):
            items.append(Item(f"urls:{n}", problem=f"not an http or https URL: {url[:200]!r}"))
        else:
            items.append(Item(f"urls:{n}", fetch=url, meta={"url": url}))
    return items, label or "URL list"
