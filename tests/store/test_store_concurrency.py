"""Concurrent ingests (real transactions in threads): one article, one shared source, whatever the
interleaving. On PostgreSQL the unique keys settle the races; on SQLite writers queue for the lock."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

import app.nlp.pipeline as pipeline
from app.core.db import make_sessionmaker
from app.services import ingest as svc
from app.store.models import Article, Claim, Source

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
