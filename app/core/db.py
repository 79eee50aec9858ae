"""Engines and sessions: SQLite (the embedded default) or PostgreSQL, from `Settings.database_url`.

Sessions are opened here, outside the repository functions, which only take `*, session`:

    with session_scope() as session:          # commits at the end, rolls back on an exception
        article = repository.get_article(7, session=session)

Sessions that only read come from `make_sessionmaker(engine, read_only=True)` (the API's GET routes): on
SQLite their transactions begin DEFERRED, so readers run side by side and beside the one writer, and may
not write. Every other transaction on SQLite begins IMMEDIATE (see `_configure_sqlite`).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import get_settings

READ_ONLY = "whosaid_read_only"
"""The execution option of `reading(engine)`: its transactions only read."""


def normalize_url(url: str | URL) -> URL:
    """Parse a database URL; a bare `postgresql://` (or Heroku-style `postgres://`) uses psycopg 3."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str | URL | None = None, *, echo: bool | None = None) -> Engine:
    """A new engine for `url` (default: the configured DATABASE_URL).

    SQLite gets its folder created, foreign keys enforced, WAL journaling, a busy timeout, and
    transactions that SQLAlchemy begins itself (so that SAVEPOINTs work), taking the write lock at BEGIN
    unless they only read (`reading(engine)`).
    """
    settings = get_settings()
    parsed = normalize_url(url if url is not None else settings.database_url)
    echo = settings.database_echo if echo is None else echo
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, echo=echo, pool_pre_ping=True)

    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; SQLAlchemy emits
        # BEGIN itself (the "begin" listener below), the recipe from SQLAlchemy's SQLite dialect docs.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            # a reader takes no lock at BEGIN: under WAL it reads its snapshot beside the writer and the
            # other readers. query_only turns a write it should not make into an error at once, instead
            # of a "database is locked" the day another writer commits between its read and its write.
            connection.exec_driver_sql("PRAGMA query_only=ON")
            connection.exec_driver_sql("BEGIN")
            return
        # IMMEDIATE takes the write lock up front: a transaction that read first and writes later would
        # otherwise fail at once with "database is locked" when another writer committed in between
        # (busy_timeout cannot help then). Writers queue instead.
        connection.exec_driver_sql("PRAGMA query_only=OFF")
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def reading(engine: Engine) -> Engine:
    """`engine` for transactions that only read (the same pool): on SQLite they begin DEFERRED and cannot
    write; on PostgreSQL nothing changes."""
    return engine.execution_options(**{READ_ONLY: True})


def make_sessionmaker(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    """Sessions on `engine`; `read_only`: sessions that only read (see `reading`)."""
    # objects stay readable after commit: the API serializes them once the transaction is over
    return sessionmaker(bind=reading(engine) if read_only else engine, expire_on_commit=False)


@lru_cache(maxsize=4)
def _cached_engine(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    """The process-wide engine for the configured DATABASE_URL."""
    return _cached_engine(get_settings().database_url)


def get_sessionmaker() -> sessionmaker[Session]:
    return _cached_sessionmaker(get_settings().database_url)


@lru_cache(maxsize=4)
def _cached_sessionmaker(url: str) -> sessionmaker[Session]:
    return make_sessionmaker(_cached_engine(url))


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose transaction commits when the block ends and rolls back if it raises."""
    factory = make_sessionmaker(engine) if engine is not None else get_sessionmaker()
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def get_session() -> Iterator[Session]:
    """A session for one request (a FastAPI dependency); the caller commits what it wants kept."""
    with get_sessionmaker()() as session:
        yield session


def dialect_insert(session: Session, model):
    """An INSERT of `model` with ON CONFLICT support: PostgreSQL's or SQLite's, as the session's database is."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return (pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert)(model)
