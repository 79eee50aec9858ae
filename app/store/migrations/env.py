"""Alembic environment: the URL comes from whosaid's settings (DATABASE_URL), or from the caller.

`app.store.migrate` runs this with a connection of its own (`config.attributes["connection"]`), so the
tests and the `whosaid db` commands migrate exactly the database they were given.
"""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from app.core.db import make_engine
from app.store.migrate import migrating
from app.store.models import Base

config = context.config
target_metadata = Base.metadata
if config.config_file_name is not None:  # the `alembic` command with alembic.ini: its logging setup
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite alters tables by copying them ("batch" mode); PostgreSQL alters in place
        render_as_batch=connection.dialect.name == "sqlite",
        # app.core.db makes SQLite DDL transactional too: a failed migration leaves nothing half-done
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit the SQL instead of running it (`alembic upgrade head --sql`)."""
    from app.core.config import get_settings

    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True, compare_type=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    try:
        with migrating(engine) as connection:
            _configure(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
