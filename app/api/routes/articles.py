"""/v1/articles: ingest (text, HTML or a URL), list, read, delete."""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from spacy.language import Language
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.api.deps import (ArticleId, Cursor, FetcherDep, Limit, NlpDep, ReadSessionDep, SessionDep,
                          SettingsDep)
from app.api.errors import problem_responses
from app.api.inputs import JsonBody, check_limits, check_text_length
from app.api.security import Admin, Analyst, Reader
from app.api.workers import AnnotationWorkers, too_costly
from app.core.config import Settings
from app.fetch import FetchedPage
from app.nlp.pipeline import TooCostly
from app.schemas.api import ArticleCreate, ArticleDetail, ArticleSummary, IsoDate, Page, ShortText, Text
from app.services.ingest import IngestResult, ingest_article, ingest_html
from app.store import repository
from app.stories.claims import with_stories

router = APIRouter(prefix="/articles", tags=["articles"], responses=problem_responses(401, 403, 422, 429))
INGEST_ATTEMPTS = 3
TRANSIENT_SQLSTATES = {"40P01", "40001"}  # deadlock detected, serialization failure
log = logging.getLogger("whosaid.api")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ArticleDetail,
             responses={200: {"model": ArticleDetail, "description": "The article was stored already: that one"},
                        **problem_responses(413, 415, 503)})
def ingest(request: Request, _: Analyst, _json: JsonBody, body: ArticleCreate, response: Response,
           session: SessionDep, nlp: NlpDep, settings: SettingsDep, fetch: FetcherDep) -> ArticleDetail:
    """Annotate and store an article (text, HTML, or a URL to fetch); 201 when new, 200 when known; analyst."""
    result = store_article(body, session=session, nlp=nlp, settings=settings, fetch=fetch,
                           workers=request.app.state.annotation_workers)
    article = result.article
    if result.created:
        response.headers["Location"] = f"/v1/articles/{article.id}"
    else:
        response.status_code = status.HTTP_200_OK
    return with_stories(session, ArticleDetail.of(article))


def store_article(body: ArticleCreate, *, session: Session, nlp: Language, settings: Settings,
                  fetch: Callable[[str], FetchedPage], workers: AnnotationWorkers) -> IngestResult:
    """Check the limits and ingest what `body` gives: text, HTML, or a URL to fetch. The one way an article
    comes in, for `POST /v1/articles` and the review UI's form alike (both validate `ArticleCreate` first).

    A URL is fetched on the caller's thread; the engine and the write run on the annotation `workers`
    (503 when they are busy), within WHOSAID_ANNOTATE_TIMEOUT of engine time (422 past it), as for
    POST /v1/annotate."""
    check_limits(body, settings)
    meta = {"publisher": body.publisher, "title": body.title, "published": body.published}
    url, text, html = body.url, body.text, body.html
    if body.fetch_url is not None:
        page = fetch(body.fetch_url)
        url, text, html = page.url, (None if page.is_html else page.text), (page.text if page.is_html else None)
        if text is not None:
            check_text_length(text, settings, f"the page at {page.url}")

    def ingest() -> IngestResult:
        deadline = time.monotonic() + settings.annotate_timeout
        try:
            if text is not None:
                return _retrying(lambda: ingest_article(session, text, url=url, nlp=nlp, deadline=deadline, **meta))
            return _retrying(lambda: ingest_html(session, html, url=url, nlp=nlp, deadline=deadline, **meta))
        except TooCostly as exc:
            raise too_costly(settings.annotate_timeout, exc) from exc

    return workers.call(ingest)


def _retrying(ingest: Callable[[], IngestResult]) -> IngestResult:
    """Run an ingest again when PostgreSQL chose it as the victim of a deadlock or a serialization
    failure: the ingest rolled back, and it is idempotent (the content hash finds an article stored meanwhile)."""
    for attempt in range(1, INGEST_ATTEMPTS + 1):
        try:
            return ingest()
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) not in TRANSIENT_SQLSTATES or attempt == INGEST_ATTEMPTS:
                raise
            log.warning("ingest attempt %d hit %s; trying again", attempt, type(exc.orig).__name__)
            time.sleep(random.uniform(0.01, 0.05) * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


@router.get("", response_model=Page[ArticleSummary])
def list_articles(
    _: Reader,
    session: ReadSessionDep,
    publisher: Annotated[ShortText | None, Query(description="Articles of this publisher (exact name).")] = None,
    published_from: Annotated[IsoDate | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    published_to: Annotated[IsoDate | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    q: Annotated[Text | None, Query(max_length=500, description="Words in the title or text.")] = None,
    cursor: Cursor = None,
    limit: Limit = repository.DEFAULT_LIMIT,
) -> Page[ArticleSummary]:
    """List articles, newest first, filtered by publisher, publication dates and text; reader."""
    page = repository.list_articles(session=session, publisher=publisher, published_from=published_from,
                                    published_to=published_to, q=q, cursor=cursor, limit=limit)
    counts = repository.claim_counts([a.id for a in page.items], session=session)
    return Page[ArticleSummary](items=[ArticleSummary.of(a, counts[a.id]) for a in page.items],
                                next_cursor=page.next_cursor)


@router.get("/{article_id}", response_model=ArticleDetail, responses=problem_responses(404))
def get_article(_: Reader, article_id: ArticleId, session: ReadSessionDep) -> ArticleDetail:
    """An article with its text, claims and sources; reader."""
    return with_stories(session, ArticleDetail.of(repository.get_article(article_id, session=session)))


@router.delete("/{article_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404))
def delete_article(_: Admin, article_id: ArticleId, session: SessionDep) -> Response:
    """Delete an article with its claims, reviews and anonymous sources (named sources stay); admin."""
    repository.delete_article(article_id, session=session)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
