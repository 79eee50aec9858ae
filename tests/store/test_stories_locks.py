"""The stories lock (PostgreSQL): what a writer does before it and while holding it.

- claims are embedded before the lock is taken, so no writer waits on another's model;
- a writer that finds its claims clustered by another meanwhile (two `whosaid stories cluster` runs)
  clusters only what is left;
- re-annotation takes its locks in the writers' order (sources, stories, then the deletes whose cascade
  takes the replaced claims' story rows), so a writer holding the stories lock never waits on it.
"""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import app.nlp.pipeline as pipeline
import app.stories.cluster as cluster
from app.core.db import make_sessionmaker
from app.services import ingest as svc
from app.store.bulk import Entry, store_batch
from app.store.models import Claim
from app.stories.models import StoryMember
from tests.store.conftest import build_annotation
from tests.store.test_stories import ARTICLES

# (pg_locks lists the locks of every database on the server: only this test database's count, not another
# suite's running beside it on the same server)
ADVISORY = ("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :objid AND "
            "database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND {}")
LOCK_OBJID = cluster.STORIES_LOCK & 0xFFFFFFFF   # pg_locks shows a bigint key as two 32-bit halves


@pytest.fixture
def postgres(committed_engine: Engine) -> Engine:
    if committed_engine.dialect.name != "postgresql":
        pytest.skip("the stories lock is PostgreSQL's (SQLite writers hold the database from BEGIN)")
    return committed_engine


def holds_stories_lock(session: Session) -> bool:
    return bool(session.scalar(text(ADVISORY.format("granted AND pid = pg_backend_pid()")),
                               {"objid": LOCK_OBJID}))


def wait_for_a_waiter(session: Session) -> None:
    """Until some backend waits for the stories lock (the thread under test reached it)."""
    for _ in range(600):
        session.rollback()   # a fresh snapshot of pg_locks each time
        if session.scalar(text(ADVISORY.format("NOT granted")), {"objid": LOCK_OBJID}):
            return
        time.sleep(0.05)
    raise AssertionError("nobody waited for the stories lock")


def test_claims_are_embedded_before_the_stories_lock(postgres, monkeypatch):
    held: list[tuple[str, bool]] = []
    embed, write = cluster.fingerprints, cluster.StoryLedger.write

    def embedding(texts, speakers):
        held.append(("embed", holds_stories_lock(session)))
        return embed(texts, speakers)

    def linking(ledger):
        held.append(("link", holds_stories_lock(ledger.session)))
        return write(ledger)

    monkeypatch.setattr(cluster, "fingerprints", embedding)
    monkeypatch.setattr(cluster.StoryLedger, "write", linking)
    with make_sessionmaker(postgres)() as session:
        store_batch(session, [Entry(build_annotation(**ARTICLES["kyiv"]), pipeline_version="t")])
    assert held == [("embed", False), ("link", True)]


def test_claims_another_writer_clustered_meanwhile_are_left_to_it(postgres, monkeypatch):
    """Two `cluster_pending` runs over the same unclustered claims: while the first embeds, the second
    clusters and commits them; the first then clusters nothing (before: a second story row per claim)."""
    sessions = make_sessionmaker(postgres)
    with sessions() as session:
        store_batch(session, [Entry(build_annotation(**ARTICLES[n]), pipeline_version="t")
                              for n in ("kyiv", "bbc")], cluster=False)
        session.commit()
    real = cluster.fingerprints
    other: list[int] = []

    def racing(texts, speakers):
        with sessions() as watcher:   # before: embedded under the lock, and the second run waited for it
            assert not watcher.scalar(text(ADVISORY.format("granted")), {"objid": LOCK_OBJID})
        if not other:
            other.append(0)
            other[0] = cluster.cluster_pending(sessions)   # runs to its commit while we embed
        return real(texts, speakers)

    monkeypatch.setattr(cluster, "fingerprints", racing)
    assert cluster.cluster_pending(sessions) == 0
    assert other == [2]
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(StoryMember)) == 2
        assert len(set(session.scalars(select(StoryMember.story_id)))) == 1   # the two claims, one story


def test_reannotation_waits_for_the_stories_lock_before_deleting_claims(postgres, monkeypatch):
    """A clusterer holds the stories lock while a re-annotation starts: the re-annotation waits for it
    before it deletes the claims it replaces, so the clusterer can still rename their story (before: the
    deletes' cascade held those story rows while waiting for the lock, a deadlock when the clusterer
    touched them)."""
    sessions = make_sessionmaker(postgres)
    with sessions() as session:
        store_batch(session, [Entry(build_annotation(**ARTICLES[n]), pipeline_version="t") for n in ("kyiv", "bbc")])
        session.commit()
        article_id, claim_id = session.execute(select(Claim.article_id, Claim.id).order_by(Claim.id).limit(1)).one()
    newer = build_annotation(**ARTICLES["kyiv"])
    newer.claims[0].confidence = 0.5
    monkeypatch.setattr(pipeline, "annotate", lambda *a, **k: newer)
    fake_nlp = type("NLP", (), {"meta": {"lang": "en", "name": "newer", "version": "9.9"}, "lang": "en"})()
    failures: list[BaseException] = []

    def reannotate() -> None:
        try:
            with sessions() as session:
                svc.reannotate_article(session, article_id, nlp=fake_nlp)
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            failures.append(exc)

    with sessions() as clusterer:
        cluster.lock_stories(clusterer)
        worker = threading.Thread(target=reannotate)
        worker.start()
        try:
            with sessions() as watcher:
                wait_for_a_waiter(watcher)
            try:  # the story row of the claim being replaced is not held by the waiting re-annotation
                clusterer.execute(text("SELECT story_id FROM story_members WHERE claim_id = :c FOR UPDATE NOWAIT"),
                                  {"c": claim_id}).all()
            except OperationalError as exc:
                pytest.fail(f"the re-annotation held the story rows while waiting for the stories lock: {exc}")
        finally:
            clusterer.rollback()
            worker.join(60)
    assert not failures, failures
    with sessions() as session:
        members = session.execute(select(StoryMember.claim_id, StoryMember.story_id)).all()
        assert len(members) == 2 and len({s for _, s in members}) == 1   # the new claim joined the story
        assert claim_id not in {c for c, _ in members}


def test_clustering_looks_buckets_up_by_their_index_whatever_the_statistics(postgres, monkeypatch):
    """Regression (Reuters' copy at scale, autovacuum off): the planner, with no statistics of
    claim_buckets, scanned the whole table for every article's bucket look-up, so the writer's time grew
    with the store. Clustering runs with sequential scans off, for its own statements only."""
    seen: list[str] = []
    write = cluster.StoryLedger.write

    def spy(ledger):
        session = ledger.session
        seen.append(session.scalar(text("SHOW enable_seqscan")))
        plan = "\n".join(session.scalars(text(
            "EXPLAIN SELECT bucket, claim_id FROM claim_buckets WHERE bucket IN ('a', 'b', 'c')")))
        seen.append("index" if "Index" in plan else plan)
        return write(ledger)

    monkeypatch.setattr(cluster.StoryLedger, "write", spy)
    with make_sessionmaker(postgres)() as session:
        svc.store_annotation(session, build_annotation(**ARTICLES["unn"]), pipeline_version="test")
        assert session.scalar(text("SHOW enable_seqscan")) == "on"  # put back for the rest of the transaction
        session.commit()
    assert seen and set(seen) == {"off", "index"}, seen
