"""POST /v1/annotate: the engine on one article, nothing stored."""
from __future__ import annotations

import time

from fastapi import APIRouter, Request

from app.api.deps import NlpDep, SettingsDep
from app.api.errors import problem_responses
from app.api.inputs import JsonBody, check_limits, check_text_length
from app.api.security import Reader
from app.api.workers import too_costly
from app.core.config import Settings
from app.ingest.html import article_from_html
from app.nlp.pipeline import TooCostly
from app.nlp.pipeline import annotate as run_pipeline
from app.schemas.annotation import Annotation
from app.schemas.api import AnnotateRequest

router = APIRouter(tags=["annotate"], responses=problem_responses(401, 403, 413, 415, 422, 429, 503))


@router.post("/annotate", response_model=Annotation)
async def annotate(request: Request, _: Reader, _json: JsonBody, body: AnnotateRequest, nlp: NlpDep,
                   settings: SettingsDep) -> Annotation:
    """Find the claims of an article (text or HTML) and return the annotation contract, storing nothing; reader."""
    check_limits(body, settings)
    # the engine runs on the annotation workers (app/api/workers.py), never on the event loop nor in the
    # thread pool the other routes share; a full queue is 503
    return await request.app.state.annotation_workers.run(lambda: _annotate(body, nlp, settings))


def _annotate(body: AnnotateRequest, nlp, settings: Settings) -> Annotation:
    started = time.monotonic()
    meta = {"publisher": body.publisher, "title": body.title, "url": body.url,
            "published": body.published.isoformat() if body.published else None}
    text = body.text
    if body.html is not None:
        page = article_from_html(body.html, url=body.url)
        found = {"publisher": page.publisher, "title": page.title, "url": page.url, "published": page.published}
        meta = {k: v or found[k] for k, v in meta.items()}
        text = page.text
    assert text is not None  # AnnotateRequest has text or html
    check_text_length(text, settings)
    try:
        return run_pipeline(text, nlp=nlp, deadline=started + settings.annotate_timeout, **meta)
    except TooCostly as exc:
        raise too_costly(settings.annotate_timeout, exc) from exc
