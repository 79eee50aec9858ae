"""store_batch: many annotations in one transaction, stored as store_annotation stores them one by one."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.services.ingest import store_annotation
from app.store import repository as repo
from app.store.bulk import Entry, store_batch
from app.store.models import Article, Claim, ClaimRelay, Mention, Source, SourceAlias

TEXT_1 = 'Kirill Dmitriev told Axios that the plan was ready. "We are close," he said. A Ukrainian official said no.'
TEXT_2 = "Dmitriev said sanctions must go. A Ukrainian official said the talks were over. An aide said so too."
TABLES = (Article, Source, SourceAlias, Mention, Claim, ClaimRelay)


def first(build, publisher="UNN"):
    return build(TEXT_1, publisher=publisher, sources={
        "s1": {"name": "Kirill Dmitriev", "descriptors": ["Russian envoy"], "mentions": ["Kirill Dmitriev", "he", "Dmitriev"]},
        "s2": {"name": "Axios", "type": "outlet"},
        "s3": {"name": "UNN", "type": "outlet"},
        "s4": {"name": "a Ukrainian official", "anonymous": True, "affiliation": "Ukraine",
               "mentions": ["A Ukrainian official"]}},
        claims=[{"text": "the plan was ready", "speaker": ("s1", "Kirill Dmitriev"), "cue": "told",
                 "relay": ["s2", "s3"]},
                {"text": '"We are close,"', "speaker": ("s1", "he"), "cue": "said", "kind": "direct", "relay": ["s3"]},
                {"text": "no", "speaker": ("s4", "A Ukrainian official"), "cue": ("said", 1), "relay": ["s3"]}])


def second(build):
    return build(TEXT_2, sources={
        "s1": {"name": "Dmitriev", "mentions": ["Dmitriev"]},
        "s2": {"name": "a Ukrainian official", "anonymous": True, "affiliation": "Ukraine", "descriptors": ["x"],
               "mentions": ["A Ukrainian official"]},
        "s3": {"name": "a Ukrainian official", "anonymous": True, "affiliation": "Ukraine", "descriptors": ["y"],
               "mentions": ["An aide"]}},
        claims=[{"text": "sanctions must go", "speaker": ("s1", "Dmitriev"), "cue": "said"},
                {"text": "the talks were over", "speaker": ("s2", "A Ukrainian official"), "cue": ("said", 1)},
                {"text": "so too", "speaker": ("s3", "An aide"), "cue": ("said", 2)}])


def counts(session: Session) -> dict[str, int]:
    return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in TABLES}


def test_a_batch_stores_what_one_by_one_stores(session, build):
    results = store_batch(session, [Entry(first(build), pipeline_version="t"), Entry(second(build), pipeline_version="t")])
    assert [r.status for r in results] == ["stored", "stored"]
    batch = [repo.to_annotation(repo.get_article(r.article_id, session=session)) for r in results]
    batch_counts = counts(session)
    session.rollback()
    one = [repo.to_annotation(repo.get_article(store_annotation(session, a, pipeline_version="t").article.id,
                                               session=session)) for a in (first(build), second(build))]
    session.flush()
    assert [a.model_dump() for a in batch] == [a.model_dump() for a in one]
    assert batch_counts == counts(session)


def test_named_sources_are_one_row_across_articles_and_batches(session, build):
    store_batch(session, [Entry(first(build), pipeline_version="t")])
    [result] = store_batch(session, [Entry(second(build), pipeline_version="t")])
    article = repo.get_article(result.article_id, session=session)
    assert article.claims[0].speaker.name == "Kirill Dmitriev"  # 'Dmitriev' is an alias of the stored one
    assert session.scalar(select(func.count()).select_from(Source).where(Source.name == "Kirill Dmitriev")) == 1
    # the two anonymous sources with one description are one row of that article, with both descriptors
    anonymous = {c.speaker for c in article.claims[1:]}
    assert len(anonymous) == 1 and anonymous.pop().descriptors == ["x", "y"]


def test_duplicates_in_the_store_and_in_the_batch_are_stored_once(session, build):
    [stored] = store_batch(session, [Entry(first(build), pipeline_version="t")])
    before = counts(session)
    rewrapped = first(build)
    results = store_batch(session, [Entry(rewrapped, pipeline_version="t"), Entry(second(build), pipeline_version="t"),
                                    Entry(second(build), pipeline_version="t")])
    assert [r.status for r in results] == ["duplicate", "stored", "duplicate"]
    assert results[0].article_id == stored.article_id and results[2].article_id == results[1].article_id
    assert counts(session)["articles"] == before["articles"] + 1


def test_a_bad_annotation_fails_alone_and_leaves_nothing(session, build):
    bad = first(build, publisher="AP")
    bad.claims[0].start += 1  # the offsets no longer match the claim's text
    results = store_batch(session, [Entry(bad, pipeline_version="t"), Entry(second(build), pipeline_version="t")])
    assert results[0].status == "failed" and "is not text[" in results[0].reason
    assert results[1].status == "stored"
    assert counts(session)["articles"] == 1
    assert session.scalar(select(func.count()).select_from(Source).where(Source.name == "Axios")) == 0
