"""Stories in bulk storage: a batch clusters its claims as storing its articles one by one does, whatever
the order and the batch size; `cluster=False` leaves them out; two writers clustering at once (PostgreSQL:
the stories lock) see each other's claims."""
from __future__ import annotations

import random
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import app.store.bulk as bulk
import app.stories.cluster as cluster
from app.core.db import make_sessionmaker
from app.services.ingest import store_annotation
from app.store.bulk import Entry, store_batch
from app.stories.models import ClaimFingerprint, StoryMember
from tests.store.conftest import build_annotation
from tests.store.test_stories import ARTICLES, partition


def in_a_store(engine: Engine, fill: Callable[[Session], None]):
    """The stories `fill` makes in a store of its own (rolled back afterwards)."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        fill(session)
        return partition(session)
    finally:
        session.close()
        outer.rollback()
        connection.close()


def one_by_one(names: list[str]) -> Callable[[Session], None]:
    def fill(session: Session) -> None:
        for name in names:
            store_annotation(session, build_annotation(**ARTICLES[name]), pipeline_version="test")
    return fill


def in_batches(names: list[str], size: int) -> Callable[[Session], None]:
    def fill(session: Session) -> None:
        for start in range(0, len(names), size):
            results = store_batch(session, [Entry(build_annotation(**ARTICLES[n]), pipeline_version="test")
                                            for n in names[start:start + size]])
            assert {r.status for r in results} == {"stored"}
    return fill


@pytest.mark.parametrize(("seed", "size"), [(1, 1), (2, 2), (3, 3), (4, 5)])
def test_a_batch_clusters_as_one_by_one_whatever_the_order_and_batch_size(engine, seed, size):
    names = sorted(ARTICLES)
    expected = in_a_store(engine, one_by_one(names))
    assert len(expected) == 3   # the Dmitriev story, the Zelensky story, the mayor alone
    shuffled = names[:]
    random.Random(seed).shuffle(shuffled)
    assert in_a_store(engine, in_batches(shuffled, size)) == expected


def test_lookups_split_into_chunks_find_the_same_candidates(engine, monkeypatch):
    """Long IN lists are sent in chunks (bound-parameter limits): chunks of 3 give the same stories."""
    names = sorted(ARTICLES)
    expected = in_a_store(engine, in_batches(names, 5))
    monkeypatch.setattr(cluster, "_IN_CHUNK", 3)
    assert in_a_store(engine, in_batches(names, 5)) == expected


def test_cluster_false_stores_the_articles_without_stories(session, build):
    bad = build(**{**ARTICLES["bbc"], "publisher": "AP"})
    bad.claims[0].start += 1   # fails: the batch is stored again one by one, still without stories
    for entries in ([Entry(build(**ARTICLES["unn"]), pipeline_version="t")],
                    [Entry(bad, pipeline_version="t"), Entry(build(**ARTICLES["newser"]), pipeline_version="t")]):
        store_batch(session, entries, cluster=False)
    assert session.scalar(select(func.count()).select_from(StoryMember)) == 0
    assert session.scalar(select(func.count()).select_from(ClaimFingerprint)) == 0
    store_batch(session, [Entry(build(**ARTICLES["mashaher"]), pipeline_version="t")])
    assert session.scalar(select(func.count()).select_from(StoryMember)) == 1   # only the new claim


def test_claims_stored_without_stories_are_clustered_later_as_at_ingest(committed_engine):
    """A bulk load with clustering off, then `cluster_pending` (whosaid stories cluster), two articles a
    transaction: the stories of clustering at ingest; a second run finds nothing to do."""
    names = sorted(ARTICLES)
    expected = in_a_store(committed_engine, one_by_one(names))
    sessions = make_sessionmaker(committed_engine)
    shuffled = names[:]
    random.Random(8).shuffle(shuffled)
    with sessions() as session:
        store_batch(session, [Entry(build_annotation(**ARTICLES[n]), pipeline_version="t") for n in shuffled],
                    cluster=False)
        assert session.scalar(select(func.count()).select_from(StoryMember)) == 0
    counts: list[int] = []
    assert cluster.cluster_pending(sessions, batch=2, on_batch=counts.append) == 6
    assert len(counts) == 3 and counts == sorted(counts) and counts[-1] == 6   # 5 articles, 2 a transaction
    with sessions() as session:
        assert partition(session) == expected
    assert cluster.cluster_pending(sessions) == 0


def test_two_writers_clustering_at_once_see_each_others_claims(committed_engine, monkeypatch):
    """Two batches with claims of one story and no source in common (no source lock orders them), stored
    by two writers that reach clustering together: the second to cluster links to the first's claims
    (PostgreSQL: the stories lock makes it wait for the first to commit; SQLite: writers hold the database
    from BEGIN)."""
    postgres = committed_engine.dialect.name == "postgresql"
    # on SQLite the second writer waits at BEGIN, so the first stops waiting for it soon
    arrived = threading.Barrier(2, timeout=20 if postgres else 2)
    real = bulk.cluster_articles

    def together(session, article_ids):
        try:
            arrived.wait()   # both batches are written, neither is committed
        except threading.BrokenBarrierError:
            pass
        return real(session, article_ids)

    monkeypatch.setattr(bulk, "cluster_articles", together)
    sessions = make_sessionmaker(committed_engine)
    failures: list[BaseException] = []

    def write(name: str) -> None:
        try:
            with sessions() as session:
                [result] = store_batch(session, [Entry(build_annotation(**ARTICLES[name]), pipeline_version="t")])
                assert result.status == "stored"
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("kyiv", "bbc")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not failures, failures
    assert arrived.broken is not postgres   # PostgreSQL: both were written and uncommitted at once
    with sessions() as session:
        assert partition(session) == {frozenset({("Kyiv Post", 1), ("BBC", 1)})}


# --- real story pages, annotated by the engine -----------------------------------------------------------


def pages(shared) -> list[tuple[str, str, dict]]:
    """(name, text, metadata) of the wagner story's pages: ten outlets quoting the same remarks."""
    import json

    folder = shared / "stories" / "wagner"
    if not (folder / "clusters.json").is_file():
        pytest.skip(f"{folder} is absent: this test reads ../shared/stories")
    out = []
    for text_path in sorted(folder.glob("*.txt")):
        gold = json.loads(text_path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        out.append((text_path.stem, text_path.read_text(encoding="utf-8"),
                    {k: gold.get(k) for k in ("publisher", "published", "url")}))
    return out


def stories_by_page(engine: Engine, names: dict[str, str]) -> set[frozenset[tuple[str, int]]]:
    """The stories as sets of (page name, claim position), the page found by its text."""
    from app.store.models import Article, Claim

    with make_sessionmaker(engine)() as session:
        page_of = {aid: names[text] for aid, text in session.execute(select(Article.id, Article.text))}
        stories: dict[int, set] = {}
        for story_id, article_id, position in session.execute(
                select(StoryMember.story_id, Claim.article_id, Claim.position)
                .join(Claim, Claim.id == StoryMember.claim_id)):
            stories.setdefault(story_id, set()).add((page_of[article_id], position))
    return {frozenset(s) for s in stories.values()}


@pytest.mark.model
def test_whosaid_ingest_builds_the_stories_of_per_article_ingest(committed_engine, nlp, shared):
    """The wagner pages ingested one by one (POST /v1/articles' path) and by `ingest_corpus` in shuffled
    orders and batch sizes: the same stories, over the same claims."""
    from app.ingest.corpus import ingest_corpus
    from app.ingest.sources import Item
    from app.services.ingest import ingest_article
    from tests.store.conftest import empty_tables

    story = pages(shared)
    names = {text: name for name, text, _ in story}
    with make_sessionmaker(committed_engine)() as session:
        for _, text, meta in story:
            ingest_article(session, text, nlp=nlp, **meta)
    expected = stories_by_page(committed_engine, names)
    assert any(len({page for page, _ in s}) >= 3 for s in expected)   # stories across outlets to compare
    url = committed_engine.url.render_as_string(hide_password=False)
    for seed, size in ((5, 3), (6, 4)):
        empty_tables(committed_engine)
        shuffled = story[:]
        random.Random(seed).shuffle(shuffled)
        summary = ingest_corpus([Item(name, text=text, meta=meta) for name, text, meta in shuffled],
                                batch_size=size, database_url=url)
        assert summary.counts["stored"] == len(story)
        assert stories_by_page(committed_engine, names) == expected


@pytest.mark.parametrize("action", ["split", "merge"])
def test_an_analysts_split_or_merge_waits_for_a_writer_clustering(committed_engine, action):
    """PostgreSQL: a split or merge takes the stories lock, so it never moves members while a writer's
    clustering renames them; it goes on once the writer commits."""
    if committed_engine.dialect.name != "postgresql":
        pytest.skip("SQLite writers queue for the database itself")
    import time

    from app.store import repository
    from app.stories.review import merge_stories, split_story

    sessions = make_sessionmaker(committed_engine)
    with sessions() as session:
        for name in ("unn", "newser"):
            store_annotation(session, build_annotation(**ARTICLES[name]), pipeline_version="t")
        user = repository.create_user(session=session, name="ann", role="analyst")
        story_id = session.scalar(select(func.min(StoryMember.story_id)))
        moved = session.scalar(select(func.max(StoryMember.claim_id)).where(StoryMember.story_id == story_id))
        session.commit()
        user_id = user.id
    if action == "merge":
        with sessions() as session:
            split_story(session=session, story_id=story_id, claim_ids=[moved], user_id=user_id)
            session.commit()
    locked, times = threading.Event(), {}

    def writer() -> None:
        with sessions() as session:
            cluster.lock_stories(session)
            locked.set()
            time.sleep(1.0)
            times["writer"] = time.monotonic()
            session.commit()

    thread = threading.Thread(target=writer)
    thread.start()
    assert locked.wait(10)
    with sessions() as session:
        if action == "split":
            split_story(session=session, story_id=story_id, claim_ids=[moved], user_id=user_id)
        else:
            merge_stories(session=session, story_id=story_id, other_id=moved, user_id=user_id)
        times["analyst"] = time.monotonic()
        session.commit()
    thread.join(10)
    assert times["analyst"] > times["writer"]


def test_a_batch_after_a_split_clusters_as_one_by_one_and_the_split_stands(engine):
    """Two new articles in one batch both match both sides of an analyst's split, and each other: the
    stories the batch makes (kept in memory while its claims join them, `StoryLedger`) are those storing
    the articles one by one makes; the first new claim's links to the other side are cut, and the second
    claim, which also links to the first, does not join the two sides through it."""
    from app.store import repository
    from app.stories.review import split_story

    wire = dict(ARTICLES["mashaher"], publisher="Wire", text=ARTICLES["mashaher"]["text"].replace("two", "three"))
    wire["claims"] = [dict(wire["claims"][0], text=wire["claims"][0]["text"].replace("two", "three"))]
    extra = {"mashaher": ARTICLES["mashaher"], "wire": wire}

    def after_a_split(batch: bool) -> Callable[[Session], None]:
        def fill(session: Session) -> None:
            one_by_one(["unn", "newser"])(session)
            user = repository.create_user(session=session, name="ann", role="analyst")
            story_id = session.scalar(select(func.min(StoryMember.story_id)))
            members = session.scalars(select(StoryMember.claim_id).where(StoryMember.story_id == story_id)).all()
            split_story(session=session, story_id=story_id, claim_ids=[max(members)], user_id=user.id)
            entries = [Entry(build_annotation(**extra[n]), pipeline_version="test") for n in ("mashaher", "wire")]
            if batch:
                store_batch(session, entries)
            else:
                for entry in entries:
                    store_batch(session, [entry])
        return fill

    expected = in_a_store(engine, after_a_split(batch=False))
    dmitriev = [s for s in expected if any(p in {"UNN", "Newser"} and n == 1 for p, n in s)]
    assert len(dmitriev) == 2   # the split stands: UNN's and Newser's claims in two stories
    assert sum(len(s) for s in dmitriev) == 4
    assert in_a_store(engine, after_a_split(batch=True)) == expected
