"""Alembic: the migrations build exactly the models' schema; check_migrated guards start-up; `whosaid db`."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.core.config import get_settings
from app.core.db import make_engine, normalize_url
from app.store import migrate
from app.store.errors import DatabaseNotMigrated
from app.store.models import Base

EMPTY_SCHEMA = "whosaid_empty_check"


def test_migrations_match_the_models(engine):
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == [], "the models changed without a migration: alembic revision --autogenerate -m '...'"
    assert migrate.current_revision(engine) == migrate.head_revision()
    migrate.check_migrated(engine)


def test_planned_filters_have_indexes(engine):
    inspector = inspect(engine)
    indexed = {table: {tuple(ix["column_names"]) for ix in inspector.get_indexes(table)}
               | {tuple(uq["column_names"]) for uq in inspector.get_unique_constraints(table)}
               for table in ("articles", "claims", "claim_relays", "sources", "mentions")}
    for table, columns in [("claims", ("speaker_source_id", "id")), ("claims", ("article_id", "position")),
                           ("claims", ("kind",)), ("claims", ("review_status",)), ("claims", ("confidence",)),
                           ("articles", ("publisher",)), ("articles", ("published",)),
                           ("articles", ("content_hash",)), ("claim_relays", ("source_id",)),
                           ("sources", ("type", "name")), ("sources", ("canonical_key",)),
                           ("mentions", ("source_id",))]:
        assert columns in indexed[table], f"{table}{columns} has no index"


@pytest.fixture
def empty_engine(engine, tmp_path):
    """An empty database on the same backend: a new SQLite file, or a new PostgreSQL schema."""
    if engine.dialect.name == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield eng
        eng.dispose()
        return
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {EMPTY_SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {EMPTY_SCHEMA}"))
    eng = create_engine(engine.url, connect_args={"options": f"-csearch_path={EMPTY_SCHEMA}"})
    try:
        yield eng
    finally:
        eng.dispose()
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {EMPTY_SCHEMA} CASCADE"))


def test_check_migrated_on_an_empty_database(empty_engine):
    with pytest.raises(DatabaseNotMigrated, match=r"database is not migrated: run `whosaid db upgrade`"):
        migrate.check_migrated(empty_engine)
    assert migrate.current_revision(empty_engine) is None


def test_upgrade_and_downgrade_from_nothing(empty_engine):
    migrate.upgrade(empty_engine)
    migrate.check_migrated(empty_engine)
    assert "claims" in inspect(empty_engine).get_table_names()
    migrate.downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    with pytest.raises(DatabaseNotMigrated, match="whosaid db upgrade"):
        migrate.check_migrated(empty_engine)


def test_revision_0002_allows_revert_reviews(empty_engine):
    """0002 adds the "revert" review action (and names the constraint as the models do); its downgrade
    records reverts as corrections, and upgrading again works."""
    def add_review(action: str) -> None:
        with empty_engine.begin() as connection:
            connection.execute(text(f"INSERT INTO reviews (claim_id, user_id, action) "
                                    f"SELECT (SELECT max(id) FROM claims), (SELECT max(id) FROM users), '{action}'"))

    def check_names() -> set[str]:
        return {c["name"] for c in inspect(empty_engine).get_check_constraints("reviews")}

    migrate.upgrade(empty_engine, "0001")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO users (name, role) VALUES ('Ann', 'analyst')"))
        connection.execute(text("INSERT INTO articles (content_hash, text, source_format, pipeline_version) "
                                "VALUES ('h', 'Ann said so.', 'text', 'test')"))
        connection.execute(text('INSERT INTO claims (article_id, position, text, start, "end", kind, confidence, '
                                "review_status, origin) SELECT id, 1, 'so', 9, 11, 'indirect', 1, 'accepted', "
                                "'engine' FROM articles"))
    add_review("accept")
    with pytest.raises(IntegrityError):
        add_review("revert")
    migrate.upgrade(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision() and check_names() == {"ck_reviews_action"}
    add_review("revert")
    with pytest.raises(IntegrityError):
        add_review("approve")
    migrate.downgrade(empty_engine, "0001")
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT action FROM reviews ORDER BY id")).scalars().all() == [
            "accept", "correct"]
    assert check_names() == {"ck_reviews_ck_reviews_action"}
    with pytest.raises(IntegrityError):
        add_review("revert")
    migrate.upgrade(empty_engine)
    add_review("revert")
    assert sorted(c["name"] for c in inspect(empty_engine).get_indexes("reviews")) == [
        "ix_reviews_claim_id", "ix_reviews_user_id"]


def test_sqlite_pragmas(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'sub' / 'dir' / 'x.db'}")  # the folder is created
    with eng.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    eng.dispose()
    assert (tmp_path / "sub" / "dir").is_dir()


def test_database_url_settings(monkeypatch, tmp_path):
    for var in ("DATABASE_URL", "WHOSAID_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    try:
        assert get_settings().database_url == f"sqlite:///{tmp_path / 'var' / 'whosaid.db'}"
        monkeypatch.setenv("WHOSAID_DATABASE_URL", "sqlite:///b.db")
        get_settings.cache_clear()
        assert get_settings().database_url == "sqlite:///b.db"
        monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
        get_settings.cache_clear()
        assert get_settings().database_url == "postgresql://u@h/db"
        assert normalize_url(get_settings().database_url).drivername == "postgresql+psycopg"
    finally:
        get_settings.cache_clear()


def test_cli_db_and_keys(monkeypatch, tmp_path):
    """`whosaid db current|upgrade` and `whosaid keys create` on a SQLite file (the default backend)."""
    from app.core.db import make_sessionmaker
    from app.store import repository

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        result = runner.invoke(cli_app, ["keys", "create", "--name", "Ann", "--role", "analyst"])
        assert result.exit_code == 2 and "whosaid db upgrade" in result.output
        result = runner.invoke(cli_app, ["db", "current"])
        assert result.exit_code == 0 and "not migrated" in result.output
        result = runner.invoke(cli_app, ["db", "upgrade"])
        assert result.exit_code == 0 and migrate.head_revision() in result.output
        result = runner.invoke(cli_app, ["db", "current"])
        assert result.exit_code == 0 and "(head)" in result.output
        result = runner.invoke(cli_app, ["keys", "create", "--name", "Ann", "--role", "analyst"])
        assert result.exit_code == 0, result.output
        key = result.stdout.strip().splitlines()[-1]
        assert key.startswith("wsk_")
    finally:
        get_settings.cache_clear()
    eng = make_engine(url)
    with make_sessionmaker(eng)() as session:
        user = repository.authenticate(key, session=session)
        assert user is not None and (user.name, user.role) == ("Ann", "analyst")
    eng.dispose()


def test_revision_0003_indexes_claims_by_speaker_and_id(empty_engine):
    """0003 replaces the index on claims(speaker_source_id) by one on (speaker_source_id, id), on a database
    that has claims, and its downgrade puts the old one back."""
    def claim_indexes() -> dict[str, list[str]]:
        return {ix["name"]: ix["column_names"] for ix in inspect(empty_engine).get_indexes("claims")
                if "speaker_source_id" in ix["column_names"]}

    migrate.upgrade(empty_engine, "0002")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (content_hash, text, source_format, pipeline_version) "
                                "VALUES ('h', 'Ann said so.', 'text', 'test')"))
        connection.execute(text('INSERT INTO claims (article_id, position, text, start, "end", kind, confidence, '
                                "review_status, origin) SELECT id, 1, 'so', 9, 11, 'indirect', 1, 'unreviewed', "
                                "'engine' FROM articles"))
    assert claim_indexes() == {"ix_claims_speaker_source_id": ["speaker_source_id"]}
    migrate.upgrade(empty_engine, "0003")
    assert migrate.current_revision(empty_engine) == "0003"
    assert claim_indexes() == {"ix_claims_speaker_source_id_id": ["speaker_source_id", "id"]}
    migrate.downgrade(empty_engine, "0002")
    assert claim_indexes() == {"ix_claims_speaker_source_id": ["speaker_source_id"]}
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM claims")).scalar() == 1
