"""create_app(): the REST API (FastAPI). The lifespan loads the spaCy pipeline once, into app.state.

    uvicorn --factory app.main:create_app      # or `whosaid serve`, which also prepares a local database

Routes are sync functions: FastAPI runs them in its thread pool, so spaCy's parsing and the database's I/O
never block the event loop. POST /v1/annotate runs the engine on threads of its own (app/api/workers.py),
so that long texts never hold the threads the reads need. Access: app/api/security.py; errors: app/api/errors.py.
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from spacy.language import Language

from app import __version__, ui
from app.api import errors, links
from app.api.inputs import BodyLimit, body_limit
from app.api.throttle import FailedAuthThrottle
from app.api.routes import annotate, articles, claims, docs, export, health, keys, outlets, sources, stories
from app.api.workers import AnnotationWorkers
from app.api.routes import jobs  # /v1/jobs: corpora ingested by the workers (app/jobs)
from app.core.config import Settings, get_settings
from app.core.db import make_engine, make_sessionmaker
from app.fetch import fetch_page
from app.store import migrate

DESCRIPTION = """\
Who said it, how, and through whom it reached the reader: claims in news articles with their speakers
and relay chains.

**Access.** Send an API key as `Authorization: Bearer KEY` (`whosaid keys create --name NAME --role ROLE`).
Roles include those below them: *reader* (every GET and `POST /v1/annotate`), *analyst* (+ ingest, review,
correct, merge), *admin* (+ delete articles, API keys). No key or a bad one is 401, too low a role 403.
`/healthz`, `/readyz` and this documentation are open.

**Errors** are `application/problem+json` (RFC 9457) with a `detail` that names the problem.

**Lists** are pages, newest first: pass a page's `next_cursor` as `cursor` to get the next one.
"""

TAGS = [
    {"name": "annotate", "description": "The engine on one article, nothing stored."},
    {"name": "articles", "description": "Ingest articles (text, HTML or a URL) and read them back with their claims."},
    {"name": "claims", "description": "Search, correct and review claims."},
    {"name": "sources", "description": "Speakers and outlets: profiles, search, merging duplicates."},
    {"name": "stories", "description": "The same claim across articles: first appearance, origin, propagation, changes."},
    {"name": "outlets", "description": "The relay network between outlets."},
    {"name": "export", "description": "Claims as JSONL, CSV or W3C Web Annotations."},
    {"name": "keys", "description": "API keys (admins)."},
    {"name": "jobs", "description": "Corpora ingested in the background by the workers, and their progress."},
    {"name": "health", "description": "Liveness and readiness, without a key."},
]


def create_app(settings: Settings | None = None, *, nlp: Language | None = None) -> FastAPI:
    """The API for `settings` (default: the environment's). Refuses (DatabaseNotMigrated, whose message
    says to run `whosaid db upgrade`) when the database is not at the newest migration. `nlp`: an already
    loaded pipeline (tests); otherwise the lifespan loads the configured one."""
    settings = settings or get_settings()
    engine = make_engine(settings.database_url)
    try:
        migrate.check_migrated(engine)
    except BaseException:
        engine.dispose()
        raise

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.nlp = nlp if nlp is not None else _load_pipeline(settings)
        try:
            yield
        finally:
            app.state.annotation_workers.close()
            engine.dispose()

    # /docs and /redoc are served by app/api/routes/docs.py, from assets in the package (no CDN)
    app = FastAPI(title="whosaid", version=__version__, description=DESCRIPTION, openapi_tags=TAGS,
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    app.add_middleware(BodyLimit, limit=body_limit(settings))
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.read_sessionmaker = make_sessionmaker(engine, read_only=True)  # GET routes and the key check
    app.state.nlp = nlp
    app.state.annotation_workers = AnnotationWorkers(settings.annotate_workers, settings.annotate_queue)
    app.state.auth_throttle = FailedAuthThrottle.of(settings)  # API keys and the UI's sign-in
    app.state.fetch = partial(fetch_page, timeout=settings.fetch_timeout, max_bytes=settings.fetch_max_bytes,
                              allow_private=settings.fetch_private_addresses)
    errors.install(app)
    app.include_router(health.router)
    app.include_router(docs.router)
    # stories before sources: /v1/sources/suggestions must not be read as /v1/sources/{source_id}
    for module in (annotate, articles, claims, stories, sources, outlets, export, keys):
        app.include_router(module.router, prefix="/v1")
    app.include_router(jobs.router, prefix="/v1")
    ui.mount(app)  # the analyst review UI: pages under /ui (app/ui/routes.py)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    return app


def _load_pipeline(settings: Settings) -> Language:
    from app.nlp.pipeline import get_nlp

    # get_nlp() is cached by its arguments: the default pipeline is asked for as get_nlp(), as everywhere
    # else (the CLI, `whosaid serve` loading the example), so that one process loads it once
    if settings.spacy_model == get_settings().spacy_model:
        return get_nlp()
    return get_nlp(settings.spacy_model)


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's OpenAPI document, with error responses as application/problem+json and the links between
    operations (app/api/links.py)."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes, tags=app.openapi_tags)
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    for code, response in operation.get("responses", {}).items():
                        content = response.get("content", {})
                        if code[:1] in "45" and "application/json" in content:
                            content[errors.PROBLEM_JSON] = content.pop("application/json")
            links.add_links(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    return build
