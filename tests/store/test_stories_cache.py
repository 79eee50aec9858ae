"""The writer's fingerprint cache (`cluster.FingerprintCache`): on PostgreSQL a candidate's fingerprint is
read from the store once per process, and a table dropped or truncated (claim ids counted from 1 again)
is never answered from what the cache kept of the old one. SQLite is not cached."""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

import app.stories.cluster as cluster
from app.services.ingest import store_annotation
from app.store.models import Base
from app.stories.signals import Fingerprint
from app.stories.speakers import Speaker
from tests.store.conftest import build_annotation
from tests.store.test_stories import ARTICLES, partition


def _print(word: str) -> Fingerprint:
    return Fingerprint(words=frozenset({word}), minhash=np.zeros(4, dtype=np.uint64),
                       embedding=np.zeros(4, dtype=np.float32), speaker=Speaker(None))


def test_the_cache_keeps_the_latest_used_and_forgets_another_table():
    cache = cluster.FingerprintCache(size=2)
    cache.keep({1: _print("a")})
    assert len(cache) == 0                      # bound to no table: nothing is kept
    cache.bind(("db", 1))
    cache.keep({1: _print("a"), 2: _print("b")})
    assert cache.take([1])[0][1].words == {"a"}   # 1 is now the latest used
    cache.keep({3: _print("c")})
    found, missing = cache.take([1, 2, 3])
    assert sorted(found) == [1, 3] and missing == [2]
    cache.bind(("db", 1))
    assert len(cache) == 2                      # the same table: kept
    cache.bind(("db", 2))
    assert len(cache) == 0 and cache.take([1, 3]) == ({}, [1, 3])


@pytest.fixture
def fresh_cache(monkeypatch) -> cluster.FingerprintCache:
    cache = cluster.FingerprintCache()
    monkeypatch.setattr(cluster, "CACHE", cache)
    return cache


@pytest.fixture
def fingerprint_reads(engine: Engine) -> Iterator[list[str]]:
    """The statements that read stored fingerprints, while the test runs."""
    reads: list[str] = []

    def listen(conn, cursor, statement, parameters, context, executemany):
        if "FROM claim_fingerprints" in statement:
            reads.append(statement)

    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield reads
    finally:
        event.remove(engine, "before_cursor_execute", listen)


def _store(session: Session, name: str) -> None:
    store_annotation(session, build_annotation(**ARTICLES[name]), pipeline_version="test")


def test_a_writer_reads_a_candidate_fingerprint_once_on_postgresql(session, backend, fresh_cache,
                                                                  fingerprint_reads):
    _store(session, "unn")
    _store(session, "newser")   # its candidate is unn's claim, which this writer stored
    _store(session, "mashaher")
    assert len(partition(session)) == 2   # the Dmitriev story and the mayor
    if backend == "postgresql":
        assert fingerprint_reads == [] and len(fresh_cache) == 4
    else:
        assert fingerprint_reads and len(fresh_cache) == 0


def _restart(engine: Engine) -> None:
    """Every table emptied and claim ids counted from 1 again."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())


def test_a_truncated_store_is_not_answered_from_the_cache(committed_engine, fresh_cache, monkeypatch):
    """This writer keeps claim 1 as Zelenskyy's; the tables are truncated and another writer stores
    Dmitriev's remark as claim 1; the same remark relayed by Newser must join it, not be compared with
    the Zelenskyy claim this writer kept."""
    _restart(committed_engine)
    with Session(committed_engine) as session, session.begin():
        _store(session, "kyiv")
    _restart(committed_engine)
    monkeypatch.setattr(cluster, "CACHE", cluster.FingerprintCache())   # another process
    with Session(committed_engine) as session, session.begin():
        _store(session, "unn")
    monkeypatch.setattr(cluster, "CACHE", fresh_cache)
    with Session(committed_engine) as session, session.begin():
        _store(session, "newser")
    with Session(committed_engine) as session:
        assert frozenset({("UNN", 1), ("Newser", 1)}) in partition(session)


def test_the_cache_holds_what_the_setting_allows(monkeypatch):
    from app.core.config import get_settings

    monkeypatch.setenv("WHOSAID_STORIES_CACHE", "1")
    get_settings.cache_clear()
    try:
        cache = cluster.FingerprintCache()
        cache.bind(("db", 1))
        cache.keep({1: _print("a"), 2: _print("b")})
        assert len(cache) == 1 and cache.take([2])[0]
    finally:
        monkeypatch.delenv("WHOSAID_STORIES_CACHE")
        get_settings.cache_clear()
