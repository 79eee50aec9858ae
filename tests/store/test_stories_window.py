"""The window of candidates: two claims can join one story only when their articles' published dates are at
most `stories_window_days` apart (0: no window); an undated article's claims are candidates of any date.
The rule is a function of the pair, so the stories still do not depend on ingest order or batches."""
from __future__ import annotations

import random
from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from app.core.config import Settings, get_settings
from app.services.ingest import store_annotation
from app.store.bulk import Entry, store_batch
from app.store.models import Claim
from app.stories.models import ClaimBucket
from tests.store.conftest import build_annotation
from tests.store.test_stories import partition
from tests.store.test_stories_bulk import in_a_store


def restated(publisher: str, published: str | None) -> dict:
    """One outlet's article restating Dmitriev's claim word for word (its own text, so its own article)."""
    return dict(text=f"Kirill Dmitriev told {publisher} that he spent three days in Miami with Witkoff.",
                publisher=publisher, published=published,
                sources={"s1": {"name": "Kirill Dmitriev", "type": "person", "mentions": ["Kirill Dmitriev"]}},
                claims=[{"text": "he spent three days in Miami with Witkoff", "speaker": ("s1", "Kirill Dmitriev"),
                         "cue": "told"}])


@pytest.fixture
def window(monkeypatch):
    """Set WHOSAID_STORIES_WINDOW_DAYS for this test (the settings are read again)."""
    def set_days(days: int) -> None:
        monkeypatch.setenv("WHOSAID_STORIES_WINDOW_DAYS", str(days))
        get_settings.cache_clear()

    yield set_days
    get_settings.cache_clear()  # (monkeypatch puts the environment back after this)


def stories(session, *articles: dict) -> set[frozenset[str]]:
    """Store the articles one by one; the stories as sets of publishers."""
    for article in articles:
        store_annotation(session, build_annotation(**article), pipeline_version="test")
    return {frozenset(publisher for publisher, _ in story) for story in partition(session)}


def test_the_window_is_read_from_the_environment(window):
    assert get_settings().stories_window_days == 14
    window(30)
    assert get_settings().stories_window_days == 30
    window(0)
    assert get_settings().stories_window_days == 0
    with pytest.raises(ValidationError):
        Settings(stories_window_days=-1)


def test_the_same_statement_three_days_apart_joins_one_story(session):
    assert stories(session, restated("UNN", "2025-11-01"), restated("Newser", "2025-11-04")) == {
        frozenset({"UNN", "Newser"})}


@pytest.mark.parametrize(("days", "expected"), [
    (14, {frozenset({"UNN"}), frozenset({"Newser"})}),   # restated 40 days later: a new story
    (0, {frozenset({"UNN", "Newser"})}),                 # no window: one story, as before the window
])
def test_forty_days_apart_join_only_without_a_window(session, window, days, expected):
    window(days)
    assert stories(session, restated("UNN", "2025-11-01"), restated("Newser", "2025-12-11")) == expected


def test_an_undated_article_is_a_candidate_of_any_date(session):
    """Its date could be any: its claim joins both, and so joins the two dated claims 40 days apart."""
    assert stories(session, restated("UNN", "2025-11-01"), restated("Newser", "2025-12-11"),
                   restated("Mashaher", None)) == {frozenset({"UNN", "Newser", "Mashaher"})}


def test_bucket_rows_carry_the_claims_day(session):
    stories(session, restated("UNN", "2025-11-01"), restated("Mashaher", None))
    rows = session.execute(select(Claim.article_id, ClaimBucket.day).join(Claim, Claim.id == ClaimBucket.claim_id)
                           .distinct()).all()
    days = sorted((day for _, day in rows), key=lambda d: (d is None, d))
    assert days == [(date(2025, 11, 1) - date(1970, 1, 1)).days, None]


# B and C are within 14 days of A and of each other; C is 20 days after A (not A's candidate, but in A's
# story through B); D is 25 days after C and starts a story of its own
SPREAD = [restated("A", "2025-11-01"), restated("B", "2025-11-11"), restated("C", "2025-11-21"),
          restated("D", "2025-12-16")]
SPREAD_STORIES = {frozenset({("A", 1), ("B", 1), ("C", 1)}), frozenset({("D", 1)})}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_dates_across_windows_give_the_same_stories_in_any_order(engine, seed):
    articles = SPREAD[:]
    random.Random(seed).shuffle(articles)

    def one_by_one(session) -> None:
        for article in articles:
            store_annotation(session, build_annotation(**article), pipeline_version="test")

    assert in_a_store(engine, one_by_one) == SPREAD_STORIES


@pytest.mark.parametrize(("seed", "size"), [(1, 2), (2, 3), (3, 4)])
def test_a_batch_spanning_several_windows_keeps_each_claims_window(engine, seed, size):
    """A batch's look-up reads the days of all its claims; each claim keeps the candidates of its own window
    (D is stored in one batch with A, B and C when the batch holds four)."""
    articles = SPREAD[:]
    random.Random(seed).shuffle(articles)

    def in_batches(session) -> None:
        for start in range(0, len(articles), size):
            store_batch(session, [Entry(build_annotation(**a), pipeline_version="test")
                                  for a in articles[start:start + size]])

    assert in_a_store(engine, in_batches) == SPREAD_STORIES


@pytest.mark.parametrize("size", [2, 4])
def test_claims_clustered_later_keep_the_window(committed_engine, size):
    """`whosaid stories cluster` (cluster_pending) after a load without stories finds candidates as ingest
    does: the stories of SPREAD, whichever articles share a transaction."""
    from app.core.db import make_sessionmaker
    from app.stories.cluster import cluster_pending

    sessions = make_sessionmaker(committed_engine)
    with sessions() as session:
        store_batch(session, [Entry(build_annotation(**a), pipeline_version="test") for a in reversed(SPREAD)],
                    cluster=False)
    assert cluster_pending(sessions, batch=size) == 4
    with sessions() as session:
        assert partition(session) == SPREAD_STORIES
