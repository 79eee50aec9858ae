"""Alembic: the migrations build exactly the models' schema; check_migrated guards start-up; `whosaid db`."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.core.config import get_settings
from app.core.db import make_engine, make_sessionmaker, normalize_url
from app.store import migrate
from app.store.errors import DatabaseNotMigrated
from app.store.models import Base, Claim

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


def _store_one_claim(engine) -> None:
    """An article with one claim, written in SQL as any revision since 0001 can hold it."""
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (content_hash, text, source_format, pipeline_version) "
                                "VALUES ('h', 'Ann said so.', 'text', 'test')"))
        connection.execute(text('INSERT INTO claims (article_id, position, text, start, "end", kind, confidence, '
                                "review_status, origin) SELECT id, 1, 'so', 9, 11, 'indirect', 1, 'unreviewed', "
                                "'engine' FROM articles"))


def test_revision_0003_indexes_claims_by_speaker_and_id(empty_engine):
    """0003 replaces the index on claims(speaker_source_id) by one on (speaker_source_id, id), on a database
    that has claims, and its downgrade puts the old one back."""
    def claim_indexes() -> dict[str, list[str]]:
        return {ix["name"]: ix["column_names"] for ix in inspect(empty_engine).get_indexes("claims")
                if "speaker_source_id" in ix["column_names"]}

    migrate.upgrade(empty_engine, "0002")
    _store_one_claim(empty_engine)
    assert claim_indexes() == {"ix_claims_speaker_source_id": ["speaker_source_id"]}
    migrate.upgrade(empty_engine, "0003")
    assert migrate.current_revision(empty_engine) == "0003"
    assert claim_indexes() == {"ix_claims_speaker_source_id_id": ["speaker_source_id", "id"]}
    migrate.downgrade(empty_engine, "0002")
    assert claim_indexes() == {"ix_claims_speaker_source_id": ["speaker_source_id"]}
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM claims")).scalar() == 1


def test_revision_0005_gives_stored_claims_an_empty_trace(empty_engine):
    """0005 adds claims.why (the engine's trace); claims stored before it get an empty list, and its
    downgrade drops the column and keeps the claims."""
    migrate.upgrade(empty_engine, "0003")
    _store_one_claim(empty_engine)
    migrate.upgrade(empty_engine, "0005")
    with make_sessionmaker(empty_engine)() as session:
        assert session.scalars(select(Claim.why)).all() == [[]]
    migrate.downgrade(empty_engine, "0003")
    assert "why" not in {c["name"] for c in inspect(empty_engine).get_columns("claims")}
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM claims")).scalar() == 1


def test_revision_0004_breaks_merge_loops_and_forbids_self_merges(empty_engine):
    """0004 adds ck_sources_not_merged_into_itself and the merge / unmerge history columns, on a database
    holding what opposite merges at once left: a source merged into itself and two merged into each other.
    Each loop's lowest id is live again; nothing else changes (on SQLite the table is copied, with every
    mention, relay hop, alias and claim that refers to it kept)."""
    def rows() -> dict[str, list]:
        with empty_engine.connect() as connection:
            return {table: connection.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")).all()
                    for table in ("claims", "mentions", "claim_relays", "source_aliases", "source_merges")}

    def merged_into() -> dict[int, int | None]:
        with empty_engine.connect() as connection:
            return dict(connection.execute(text("SELECT name, merged_into_id FROM sources")).all())

    migrate.upgrade(empty_engine, "0003")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (content_hash, text, source_format, pipeline_version) "
                                "VALUES ('h', 'Ann told Bo so.', 'text', 'test')"))
        ids = {}
        for name in ("Ann", "Bo", "Cy", "Di", "Ed"):
            ids[name] = connection.execute(text(
                "INSERT INTO sources (name, type, anonymous, descriptors, canonical_key) "
                f"VALUES ('{name}', 'person', false, '[]', 'person:{name.lower()}') RETURNING id")).scalar()
        loops = {"Ann": "Ann", "Bo": "Cy", "Cy": "Bo", "Di": "Bo"}  # Ann ↺; Bo ⇄ Cy; Di → the loop
        for name, into in loops.items():
            connection.execute(text(f"UPDATE sources SET merged_into_id = {ids[into]} WHERE id = {ids[name]}"))
        connection.execute(text('INSERT INTO claims (article_id, position, text, start, "end", kind, confidence, '
                                "review_status, origin, speaker_source_id) SELECT id, 1, 'so', 12, 14, 'indirect', "
                                f"1, 'unreviewed', 'engine', {ids['Ann']} FROM articles"))
        connection.execute(text("INSERT INTO mentions (source_id, article_id, start, \"end\", text) "
                                f"SELECT {ids['Ann']}, id, 0, 3, 'Ann' FROM articles"))
        connection.execute(text(f"INSERT INTO claim_relays (claim_id, position, source_id) "
                                f"SELECT id, 0, {ids['Bo']} FROM claims"))
        connection.execute(text("INSERT INTO source_aliases (source_id, alias, alias_key) "
                                f"VALUES ({ids['Cy']}, 'C', 'c')"))
        connection.execute(text(f"INSERT INTO source_merges (target_id, duplicate_id, details) "
                                f"VALUES ({ids['Cy']}, {ids['Bo']}, '{{}}')"))
    before = rows()
    migrate.upgrade(empty_engine, "0004")
    assert migrate.current_revision(empty_engine) == "0004"
    assert merged_into() == {"Ann": None, "Bo": None, "Cy": ids["Bo"], "Di": ids["Bo"], "Ed": None}
    after = rows()
    unchanged = ("claims", "mentions", "claim_relays", "source_aliases")
    assert {t: after[t] for t in unchanged} == {t: before[t] for t in unchanged}
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT action, undoes_id FROM source_merges")).all() == [("merge", None)]
    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        connection.execute(text(f"UPDATE sources SET merged_into_id = id WHERE id = {ids['Ed']}"))
    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        connection.execute(text(f"INSERT INTO source_merges (action, target_id, duplicate_id, details) "
                                f"VALUES ('split', {ids['Ed']}, {ids['Ann']}, '{{}}')"))
    def checks() -> set[str]:
        return {c["name"] for c in inspect(empty_engine).get_check_constraints("sources")}

    assert "ck_sources_not_merged_into_itself" in checks()
    migrate.downgrade(empty_engine, "0003")
    assert "ck_sources_not_merged_into_itself" not in checks()
    assert {t: rows()[t] for t in unchanged} == {t: after[t] for t in unchanged}
    migrate.upgrade(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()


def test_revision_0009_fingerprints_stored_claims_again(empty_engine):
    """0009: a fingerprint stored before names were told apart holds every content word in lowercase, and
    buckets of the older scheme; the upgrade computes words, MinHash and buckets again from the claim's
    text and stored embedding, as clustering the claim now would."""
    import json

    import numpy as np

    from app.stories.models import ClaimBucket, ClaimFingerprint
    from app.stories.signals import DIM, Fingerprint, content_words, minhash
    from app.stories.speakers import Speaker

    claim = "the criminal case against Prigozhin's aide was dropped"
    embedding = np.zeros(DIM, dtype=np.float32)
    embedding[0] = 1.0
    migrate.upgrade(empty_engine, "0008")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (content_hash, text, source_format, pipeline_version) "
                                "VALUES ('h', :text, 'text', 'test')"), {"text": f"Ann said {claim}."})
        connection.execute(text('INSERT INTO claims (article_id, position, text, start, "end", kind, confidence, '
                                "review_status, origin, why) SELECT id, 1, :claim, 9, :end, "
                                "'indirect', 1, 'unreviewed', 'engine', '[]' FROM articles"),
                           {"claim": claim, "end": 9 + len(claim)})
        connection.execute(text("INSERT INTO claim_fingerprints (claim_id, speaker, words, minhash, embedding) "
                                "SELECT id, :speaker, :words, :minhash, :embedding FROM claims"),
                           {"speaker": json.dumps({"type": "anonymous", "name": "an official"}),
                            "words": json.dumps(["aide", "case", "criminal", "dropped", "prigozhin", "s"]),
                            "minhash": b"old", "embedding": embedding.tobytes()})
        connection.execute(text("INSERT INTO claim_buckets (claim_id, bucket) SELECT id, 'm0:old' FROM claims"))
    migrate.upgrade(empty_engine, "0009")
    words = content_words(claim)
    expected = Fingerprint(words=words, minhash=minhash(w.lower() for w in words), embedding=embedding,
                           speaker=Speaker("anonymous", "an official"))
    with make_sessionmaker(empty_engine)() as session:
        [row] = session.scalars(select(ClaimFingerprint)).all()
        assert row.words == ["Prigozhin", "aide", "case", "criminal", "dropped", "s"]
        assert row.minhash == expected.minhash.astype(np.uint64).tobytes() and row.embedding == embedding.tobytes()
        assert sorted(session.scalars(select(ClaimBucket.bucket))) == expected.buckets()


def _insert_claims(connection, claim: str, start: int, position: int = 1) -> None:
    """A claim of `claim`'s text at `start` in every stored article (the schema of 0010 onwards)."""
    connection.execute(text('INSERT INTO claims (article_id, position, text, start, "end", kind, confidence, '
                            "review_status, origin, why) SELECT id, :position, :claim, :start, :end, "
                            "'indirect', 1, 'unreviewed', 'engine', '[]' FROM articles"),
                       {"claim": claim, "start": start, "end": start + len(claim), "position": position})


def _insert_fingerprints(connection, speaker: dict, words, embedding, bucket: str, position: int | None = None) -> None:
    """The fingerprint and one (old) bucket row of every stored claim, or of those at `position`."""
    import json

    import numpy as np

    from app.stories.signals import minhash

    where, params = (" WHERE position = :p", {"p": position}) if position is not None else ("", {})
    connection.execute(text("INSERT INTO claim_fingerprints (claim_id, speaker, words, minhash, embedding) "
                            "SELECT id, :speaker, :words, :minhash, :embedding FROM claims" + where),
                       {"speaker": json.dumps(speaker), "words": json.dumps(sorted(words)),
                        "minhash": minhash(w.lower() for w in words).astype(np.uint64).tobytes(),
                        "embedding": embedding.tobytes(), **params})
    connection.execute(text("INSERT INTO claim_buckets (claim_id, bucket) SELECT id, :bucket FROM claims" + where),
                       {"bucket": bucket, **params})


def test_revision_0011_buckets_of_stored_claims_follow_the_speaker_blocks(empty_engine):
    """0011: a claim stored when every unnamed source shared one block ('anonymous') gets the buckets of its
    speaker's blocks now ('a:analyst'), so that a new claim of a compatible speaker meets it."""
    import numpy as np

    from app.stories.models import ClaimBucket
    from app.stories.signals import DIM, Fingerprint, content_words, minhash
    from app.stories.speakers import Speaker

    claim = "the merger would close in the second quarter"
    embedding = np.zeros(DIM, dtype=np.float32)
    embedding[3] = 1.0
    words = content_words(claim)
    migrate.upgrade(empty_engine, "0010")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (content_hash, text, source_format, pipeline_version) "
                                "VALUES ('h', :text, 'text', 'test')"), {"text": f"Analysts said {claim}."})
        _insert_claims(connection, claim, 14)
        _insert_fingerprints(connection, {"type": "anonymous", "name": "analysts"}, words, embedding, "s0:anonymous-old")
    migrate.upgrade(empty_engine, "0011")
    expected = Fingerprint(words=words, minhash=minhash(w.lower() for w in words), embedding=embedding,
                           speaker=Speaker("anonymous", "analysts"))
    with make_sessionmaker(empty_engine)() as session:
        stored = sorted(session.scalars(select(ClaimBucket.bucket)))
    assert stored == expected.buckets() and "s0:anonymous-old" not in stored


def test_revision_0012_an_office_of_a_person_is_also_in_the_persons_block(empty_engine):
    """0012: a claim of "Peskov's office" stored before gets the block of the person whose office it is
    ('p:peskov'), so that a new claim of Dmitry Peskov meets it; a claim of another speaker keeps its
    buckets as they were."""
    import numpy as np

    from app.stories.models import ClaimBucket, ClaimFingerprint
    from app.stories.signals import DIM, Fingerprint, content_words, minhash
    from app.stories.speakers import Speaker

    claim = "the guarantee of the departure is the word of the president"
    embedding = np.zeros(DIM, dtype=np.float32)
    embedding[5] = 1.0
    words = content_words(claim)
    migrate.upgrade(empty_engine, "0011")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (content_hash, text, source_format, pipeline_version) "
                                "VALUES ('h', :text, 'text', 'test')"), {"text": f"Peskov's office said {claim}."})
        speakers = [{"type": "organization", "name": "Peskov's office"}, {"type": "organization", "name": "the Kremlin"}]
        for position, speaker in zip((1, 2), speakers):
            _insert_claims(connection, claim, 21, position)
            _insert_fingerprints(connection, speaker, words, embedding, "old", position)
    migrate.upgrade(empty_engine, "0012")
    expected = Fingerprint(words=words, minhash=minhash(w.lower() for w in words), embedding=embedding,
                           speaker=Speaker("organization", "Peskov's office"))
    with make_sessionmaker(empty_engine)() as session:
        office, kremlin = sorted(session.scalars(select(ClaimFingerprint.claim_id)))
        stored = sorted(session.scalars(select(ClaimBucket.bucket).where(ClaimBucket.claim_id == office)))
        untouched = sorted(session.scalars(select(ClaimBucket.bucket).where(ClaimBucket.claim_id == kremlin)))
    assert stored == expected.buckets() and any(b.startswith("s0:") for b in stored) and "old" not in stored
    assert untouched == ["old"]


def test_revision_0013_bucket_rows_get_their_claims_day(empty_engine):
    """0013: the bucket rows of stored claims get their article's published date as days since 1970-01-01
    (NULL for an undated article), the look-up's index on (bucket, day) and the key (claim_id, bucket); buckets
    computed again afterwards (`recompute_buckets`, what 0011 and 0012 ran) keep their day."""
    import numpy as np

    from app.stories.rebucket import recompute_buckets
    from app.stories.signals import DIM

    migrate.upgrade(empty_engine, "0012")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (content_hash, text, source_format, pipeline_version, published) "
                                "VALUES ('a', 'Ann said the merger would close.', 'text', 'test', '1987-03-05'), "
                                "('b', 'Bo said the merger would close.', 'text', 'test', NULL)"))
        _insert_claims(connection, "the merger would close", 8)
        _insert_fingerprints(connection, {"type": "anonymous", "name": "analysts"}, ["close", "merger"],
                             np.ones(DIM, dtype=np.float32), "m0:x")
    migrate.upgrade(empty_engine, "0013")
    query = text("SELECT articles.content_hash, claim_buckets.day FROM claim_buckets JOIN claims ON claims.id = "
                 "claim_buckets.claim_id JOIN articles ON articles.id = claims.article_id")
    with empty_engine.connect() as connection:
        assert set(connection.execute(query).all()) == {("a", 6272), ("b", None)}   # 1987-03-05 is day 6,272
    inspector = inspect(empty_engine)
    assert inspector.get_pk_constraint("claim_buckets")["constrained_columns"] == ["claim_id", "bucket"]
    assert ["bucket", "day"] in [ix["column_names"] for ix in inspector.get_indexes("claim_buckets")]
    with empty_engine.begin() as connection:
        recompute_buckets(connection)
    with empty_engine.connect() as connection:
        assert set(connection.execute(query).all()) == {("a", 6272), ("b", None)}
        assert "m0:x" not in connection.execute(text("SELECT bucket FROM claim_buckets")).scalars().all()
