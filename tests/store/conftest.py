"""Store fixtures: every test runs on SQLite and, when configured, on PostgreSQL.

- `engine` (session scope, parametrized sqlite / postgresql): a database migrated with Alembic from
  nothing. SQLite is a fresh file; PostgreSQL is the database of TEST_DATABASE_URL (or of DATABASE_URL when
  that is a PostgreSQL database whose name contains "test"), emptied first. PostgreSQL tests are skipped,
  with the reason, when no such URL is set or the server does not answer.
- `session`: a session joined into an outer transaction that is rolled back after the test (SQLAlchemy's
  "joining a session into an external transaction" recipe): what the code under test commits is only a
  released savepoint.
- `committed_engine`: for tests that need real commits from several connections (concurrency); every table
  is emptied afterwards.
- `build` / `store`: an annotation written by hand (offsets found from substrings), stored without the
  engine, so that most tests are fast and independent of the engine's output.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.core.db import make_engine
from app.schemas.annotation import Annotation, Claim, Source, SpeakerRef, TextSpan
from app.services.ingest import IngestResult, store_annotation
from app.store import migrate
from app.store.models import Base

REPO_ROOT = Path(__file__).resolve().parents[2]
POSTGRES_HINT = ("set TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test to run the store "
                 "tests on PostgreSQL too")


def postgres_url() -> str | None:
    """TEST_DATABASE_URL, or DATABASE_URL when its database is named like a test one (the tests drop
    every table first: a working database must not be emptied because DATABASE_URL happened to be set)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url and make_url(url).get_backend_name() == "postgresql":
        return url
    url = os.environ.get("DATABASE_URL")
    if url and make_url(url).get_backend_name() == "postgresql" and "test" in (make_url(url).database or ""):
        return url
    return None


def drop_everything(engine: Engine) -> None:
    """Every table of the database, ours or left over, and Alembic's version table."""
    with engine.begin() as connection:
        meta = MetaData()
        meta.reflect(bind=connection)
        meta.drop_all(bind=connection)


def empty_tables(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('store') / 'whosaid.db'}")
    else:
        url = postgres_url()
        if url is None:
            pytest.skip(f"PostgreSQL not configured: {POSTGRES_HINT}")
        eng = make_engine(url)
        try:
            with eng.connect() as connection:
                connection.execute(text("SELECT 1"))
        except OperationalError as exc:
            eng.dispose()
            pytest.skip(f"PostgreSQL at {make_url(url).render_as_string(hide_password=True)} is unreachable: "
                        f"{str(exc).splitlines()[0]}")
    drop_everything(eng)
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def backend(engine: Engine) -> str:
    return engine.dialect.name


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def committed_engine(engine: Engine) -> Iterator[Engine]:
    try:
        yield engine
    finally:
        empty_tables(engine)


@pytest.fixture(scope="session")
def nlp():
    from app.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def gold_article() -> Path:
    path = Path(os.environ.get("WHOSAID_SHARED", REPO_ROOT.parent / "shared")) / "gold" / "unn-us-peace-plan.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent: this test reads ../shared/gold (set WHOSAID_SHARED to its location)")
    return path


def build_annotation(text: str, *, publisher: str | None = "UNN", published: str | None = "2025-11-19",
                     sources: dict[str, dict[str, Any]] | None = None,
                     claims: list[dict[str, Any]] | None = None, title: str | None = None) -> Annotation:
    """An annotation from substrings: a source is {"name", "type", "anonymous", "affiliation",
    "descriptors", "mentions": [substring, ...]}; a claim is {"text": substring, "speaker": (sid, substring)
    or None, "cue": substring, "relay": [sid, ...], "kind", "confidence"}. A substring may be given as
    (substring, occurrence) to pick a later occurrence."""
    def span(sub) -> tuple[str, int, int]:
        sub, nth = (sub, 0) if isinstance(sub, str) else sub
        start = -1
        for _ in range(nth + 1):
            start = text.index(sub, start + 1)
        return sub, start, start + len(sub)

    out_sources = []
    for sid, spec in (sources or {}).items():
        anonymous = spec.get("anonymous", spec.get("type") == "anonymous")
        out_sources.append(Source(
            id=sid, name=spec["name"], type=spec.get("type", "anonymous" if anonymous else "person"),
            anonymous=anonymous, affiliation=spec.get("affiliation"), descriptors=spec.get("descriptors", []),
            mentions=[TextSpan(text=t, start=s, end=e) for t, s, e in map(span, spec.get("mentions", []))]))
    out_claims = []
    for n, spec in enumerate(claims or [], 1):
        t, s, e = span(spec["text"])
        cue = None
        if spec.get("cue"):
            ct, cs, ce = span(spec["cue"])
            cue = TextSpan(text=ct, start=cs, end=ce)
        speaker = None
        if spec.get("speaker"):
            sid, sub = spec["speaker"]
            st, ss, se = span(sub)
            speaker = SpeakerRef(source=sid, text=st, start=ss, end=se)
        out_claims.append(Claim(id=f"c{n}", text=t, start=s, end=e, kind=spec.get("kind", "indirect"), cue=cue,
                                speaker=speaker, relay=spec.get("relay", []),
                                confidence=spec.get("confidence", 0.9)))
    return Annotation(text=text, publisher=publisher, published=published, title=title, claims=out_claims,
                      sources=out_sources)


@pytest.fixture
def build() -> Callable[..., Annotation]:
    return build_annotation


@pytest.fixture
def store(session: Session) -> Callable[..., IngestResult]:
    """Store a hand-written annotation (build_annotation's arguments) in the test's session."""
    def _store(text: str, **kwargs) -> IngestResult:
        return store_annotation(session, build_annotation(text, **kwargs), pipeline_version="test")

    return _store
