"""/healthz and /readyz, open to all (no key): for load balancers and orchestrators."""
from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.errors import ApiProblem, problem_responses
from app.core.db import reading
from app.schemas.api import Health, Readiness
from app.store import migrate
from app.store.errors import DatabaseNotMigrated

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up (nothing else is checked)."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses=problem_responses(503))
def readyz(request: Request) -> Readiness:
    """Ready to serve: the database answers and is migrated, and the spaCy pipeline is loaded."""
    state = request.app.state
    engine = reading(state.engine)  # a probe must not queue for SQLite's write lock
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        migrate.check_migrated(engine)
        revision = migrate.current_revision(engine) or ""
    except DatabaseNotMigrated as exc:
        raise ApiProblem(503, str(exc), name="not-ready") from exc
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ApiProblem(503, f"the database does not answer: {reason}", name="not-ready") from exc
    nlp = getattr(state, "nlp", None)
    if nlp is None:
        raise ApiProblem(503, "the spaCy pipeline is not loaded yet", name="not-ready")
    pipeline = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}: " \
               f"{', '.join(nlp.pipe_names)}"
    return Readiness(status="ready", database=engine.dialect.name, revision=revision, pipeline=pipeline)
