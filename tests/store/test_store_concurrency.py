"""Concurrent ingests (real transactions in threads): one article, one shared source, whatever the
interleaving; many articles naming the same new sources, without deadlocks. On PostgreSQL the unique keys
settle the races and named sources are locked in one order; on SQLite writers queue for the lock, and
read-only sessions do not."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

import app.nlp.pipeline as pipeline
from app.core.db import make_sessionmaker
from app.services import ingest as svc
from app.store import repository
from app.store.models import Article, Claim, Source, User

TEXT = "Kirill Dmitriev told Axios that the plan was ready."
OTHER = "Kirill Dmitriev said sanctions must end."
FAKE_NLP = type("NLP", (), {"meta": {"lang": "en", "name": "fake", "version": "0"}, "lang": "en"})()


def annotation_for(build, text: str):
    return build(text, publisher="UNN", sources={
        "s1": {"name": "Kirill Dmitriev", "type": "person", "mentions": ["Kirill Dmitriev"]},
        "s2": {"name": "UNN", "type": "outlet"},
    }, claims=[{"text": text.split(" ", 3)[3].rstrip("."), "speaker": ("s1", "Kirill Dmitriev"), "relay": ["s2"]}])


def test_concurrent_ingests_of_one_article_store_it_once(committed_engine, build, monkeypatch):
    """Eight threads ingest the same article at the same moment: one creates it, the others get it."""
    workers = 8
    barrier = threading.Barrier(workers, timeout=30)
    annotation = annotation_for(build, TEXT)

    def annotate_then_wait(*args, **kwargs):
        barrier.wait()  # every thread has looked for the article and found none: now all insert at once
        return annotation

    monkeypatch.setattr(pipeline, "annotate", annotate_then_wait)
    factory = make_sessionmaker(committed_engine)

    def ingest(_):
        with factory() as session:
            result = svc.ingest_article(session, TEXT, publisher="UNN", nlp=FAKE_NLP)
            return result.created, result.article.id

    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(ingest, range(workers)))
    assert sorted(created for created, _ in results) == [False] * (workers - 1) + [True]
    assert len({article_id for _, article_id in results}) == 1
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 1
        assert session.scalar(select(func.count()).select_from(Claim)) == 1
        assert session.scalar(select(func.count()).select_from(Source)) == 2


def test_insert_race_is_settled_by_the_unique_hash(committed_engine, build):
    """The second transaction's insert waits for the first to commit, fails on the unique content hash,
    and returns the first one's article (on SQLite it waits at BEGIN and then finds the article)."""
    factory = make_sessionmaker(committed_engine)
    annotation = annotation_for(build, TEXT)
    first = factory()
    mine = svc.store_annotation(first, annotation, pipeline_version="test")  # inserted, not committed
    theirs = {}

    def second():
        with factory() as session:
            theirs["result"] = svc.store_annotation(session, annotation, pipeline_version="test")
            theirs["id"] = theirs["result"].article.id
            session.commit()

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.5)  # the second is now blocked: on the first's uncommitted row (PostgreSQL), on the lock (SQLite)
    first.commit()
    thread.join(timeout=30)
    first.close()
    assert mine.created and not theirs["result"].created and theirs["id"] == mine.article.id


def test_concurrent_articles_share_a_new_source(committed_engine, build):
    """Two articles naming the same new person, stored at once: one source row, both claims on it."""
    factory = make_sessionmaker(committed_engine)
    first = factory()
    svc.store_annotation(first, annotation_for(build, TEXT), pipeline_version="test")  # creates Dmitriev
    errors = []

    def second():
        try:
            with factory() as session:
                svc.store_annotation(session, annotation_for(build, OTHER), pipeline_version="test")
                session.commit()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.5)
    first.commit()
    first.close()
    thread.join(timeout=30)
    assert errors == []
    with factory() as session:
        people = session.scalars(select(Source).where(Source.name == "Kirill Dmitriev")).all()
        assert len(people) == 1
        assert session.scalar(select(func.count()).select_from(Claim)
                              .where(Claim.speaker_source_id == people[0].id)) == 2


PEOPLE = ["Maria Lopez", "Omar Haddad", "Lena Fischer"]
OUTLETS = ["BBC", "Reuters", "Axios"]
TOPICS = ["grain", "gas", "ports", "visas", "tariffs", "debt", "fishing", "drones"]
STAGGER = [0.02, 0.01, 0.03, 0.02, 0.04, 0.015]  # seconds between two threads' starts, one value a round


def shared_sources_article(build, round_no: int, worker: int):
    """An article of its own (its topic and publisher) naming the round's three new persons and three new
    outlets, each thread in another order. Every article gives the persons a descriptor of its own (which
    must all be kept) and the outlets none (rows found and never updated, only referenced)."""
    people = [f"{p} Round{round_no}" for p in PEOPLE]
    outlets = [f"{o} Round{round_no}" for o in OUTLETS]
    shift = worker % 3
    people, outlets = people[shift:] + people[:shift], outlets[shift:] + outlets[:shift]
    claim = f"the {TOPICS[worker]} talks had stalled in week {worker}"
    text = " ".join(f"{people[i]} told {outlets[i]} that {claim}." for i in range(3))
    sources = {f"p{i}": {"name": name, "type": "person", "descriptors": [f"speaker {worker}"], "mentions": [name]}
               for i, name in enumerate(people)}
    sources |= {f"o{i}": {"name": name, "type": "outlet"} for i, name in enumerate(outlets)}
    claims = [{"text": (claim, i), "speaker": (f"p{i}", people[i]), "cue": ("told", i),
               "relay": [f"o{i}", f"o{(i + 1) % 3}"]} for i in range(3)]
    return build(text, publisher=f"Outlet {worker}", sources=sources, claims=claims)


def ingest_at_once(factory, annotations, stagger: float, monkeypatch) -> list:
    """Ingest the annotations' articles in threads (ingest_article, with the engine replaced by the
    annotation), the n-th starting to store `n * stagger` seconds after the first; each thread's result is
    `created`, or the exception it raised."""
    by_text = {a.text: (n, a) for n, a in enumerate(annotations)}
    barrier = threading.Barrier(len(annotations), timeout=30)

    def annotate_then_wait(text, *args, **kwargs):
        n, annotation = by_text[text]
        barrier.wait()
        time.sleep(stagger * n)
        return annotation

    monkeypatch.setattr(pipeline, "annotate", annotate_then_wait)

    def ingest(annotation):
        try:
            with factory() as session:
                return svc.ingest_article(session, annotation.text, publisher=annotation.publisher,
                                          nlp=FAKE_NLP).created
        except Exception as exc:  # noqa: BLE001 - reported by the test
            return exc

    with ThreadPoolExecutor(len(annotations)) as pool:
        return list(pool.map(ingest, annotations))


def test_concurrent_articles_naming_the_same_new_sources_never_deadlock(committed_engine, build, monkeypatch):
    """Eight threads ingest eight different articles that name the same new persons and outlets, starting a
    few milliseconds apart (so that some create a source, some wait for another's insert of it and some
    find it committed), round after round. Every ingest succeeds: no deadlock, no lost descriptor, and every
    source is one row. (Before named sources were locked FOR NO KEY UPDATE on every path, every run of this
    test deadlocked on PostgreSQL, mostly in its first round: a source found after a failed insert was left
    unlocked, and the foreign-key checks of the claims, relays and mentions then waited for another ingest's
    FOR UPDATE lock on it, while that one waited for a source locked by the first.)"""
    workers = len(TOPICS)
    factory = make_sessionmaker(committed_engine)
    for round_no, stagger in enumerate(STAGGER):
        annotations = [shared_sources_article(build, round_no, worker) for worker in range(workers)]
        results = ingest_at_once(factory, annotations, stagger, monkeypatch)
        failures = [r for r in results if isinstance(r, Exception)]
        assert failures == [], f"round {round_no}: {len(failures)} of {workers} ingests failed: {failures[0]}"
        assert results == [True] * workers
        with factory() as session:
            ids = {}
            for name in PEOPLE + OUTLETS:
                rows = session.scalars(select(Source).where(Source.name == f"{name} Round{round_no}")).all()
                assert len(rows) == 1, name
                ids[name] = rows[0].id
                if rows[0].type == "person":
                    assert sorted(rows[0].descriptors) == [f"speaker {w}" for w in range(workers)], name
            speakers = session.scalars(select(Claim.speaker_source_id).join(Claim.article)
                                       .where(Article.publisher.like("Outlet %"),
                                              Article.text.contains(f"Round{round_no} told"))).all()
            assert sorted(speakers) == sorted([ids[p] for p in PEOPLE] * workers)


def test_readers_run_side_by_side_while_a_writer_commits(committed_engine, backend):
    """Two read-only sessions hold open transactions at once, and a writer commits meanwhile. (When every
    SQLite transaction began IMMEDIATE, the second reader waited for the first to end, and the writer for
    both: busy_timeout later, "database is locked".) SQLite readers keep the snapshot of their first read;
    PostgreSQL's READ COMMITTED reads each statement afresh."""
    read, write = make_sessionmaker(committed_engine, read_only=True), make_sessionmaker(committed_engine)
    users = select(func.count()).select_from(User)
    with read() as first, read() as second:
        assert first.scalar(users) == 0 and second.scalar(users) == 0
        assert first.connection().in_transaction() and second.connection().in_transaction()
        with write() as writer:
            repository.create_user(session=writer, name="writer among readers")
            writer.commit()
        seen = 0 if backend == "sqlite" else 1
        assert first.scalar(users) == seen and second.scalar(users) == seen
    with read() as after:
        assert after.scalar(users) == 1


def test_a_read_only_session_cannot_write_on_sqlite(committed_engine, backend):
    """A write in a read-only session fails at once (it would take the write lock late, the upgrade that
    fails with "database is locked" under concurrent writers); the next writer on the pool writes."""
    if backend != "sqlite":
        pytest.skip("PRAGMA query_only is SQLite's; PostgreSQL read sessions are plain sessions")
    with make_sessionmaker(committed_engine, read_only=True)() as session:
        with pytest.raises(OperationalError, match="readonly"):
            repository.create_user(session=session, name="not here")
    with make_sessionmaker(committed_engine)() as session:
        repository.create_user(session=session, name="here")
        session.commit()
