"""Alembic, driven from Python: upgrade, current revision, and the start-up check.

The migration scripts live in app/store/migrations; `alembic.ini` at the repository root points there for
the `alembic` command (`alembic revision --autogenerate -m "..."`), and everything here configures Alembic
programmatically so that the installed package needs no ini file.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from app.store.errors import DatabaseNotMigrated

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic Config for our migrations; with `engine`, for that database (else DATABASE_URL)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        # ConfigParser interpolates '%': escape it (URL-encoded passwords)
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads ({', '.join(heads)}): merge them")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, None for a database that was never migrated."""
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for migrations (PostgreSQL DDL is transactional, and app.core.db
    makes SQLite's so).

    On SQLite, foreign keys are off meanwhile and checked before the commit: batch mode alters a table by
    copying it and dropping the old one, and dropping a table others refer to (sources) would run their
    ON DELETE actions, deleting every mention and relay hop. This is SQLite's own procedure for such
    changes (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"); the
    pragma only takes effect outside a transaction, hence on the DBAPI connection before BEGIN."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migration left rows whose foreign keys point nowhere: {broken[:5]}")
        finally:
            if sqlite:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to `revision`, in one transaction (see `migrating`)."""
    cfg = alembic_config(engine)
    with migrating(engine) as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = alembic_config(engine)
    with migrating(engine) as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


def check_migrated(engine: Engine) -> None:
    """Raise DatabaseNotMigrated unless the database is at the newest migration (the API calls this at start-up)."""
    current = current_revision(engine)
    head = head_revision()
    if current != head:
        where = f"at revision {current}" if current else "empty (no whosaid tables)"
        raise DatabaseNotMigrated(
            f"database is not migrated: run `whosaid db upgrade` ({engine.url.render_as_string(hide_password=True)} "
            f"is {where}; the code needs revision {head})"
        )
