"""ingest_article and reannotate_article: the engine's output stored in one transaction, idempotently,
with named sources shared and analysts' reviews kept."""
from __future__ import annotations

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

import app.nlp.pipeline as pipeline
from app.services import ingest as svc
from app.store import repository as repo
from app.store.errors import InvalidInput, NotFound
from app.store.models import Article, Claim, ClaimRelay, Mention, Review, Source, SourceAlias

DMITRIEV_1 = ('Kirill Dmitriev told Axios that the plan was ready. "We are close," he said.\n\n'
              "A Ukrainian official said the talks were over.")
DMITRIEV_2 = ("Kirill Dmitriev said that sanctions must be lifted before any deal.\n\n"
              "A Ukrainian official said no meeting was planned.")
TABLES = (Article, Source, SourceAlias, Mention, Claim, ClaimRelay, Review)


def counts(session: Session) -> dict[str, int]:
    return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in TABLES}


def names(claims) -> list[str | None]:
    return [c.speaker.name if c.speaker else None for c in claims]


@pytest.mark.model
def test_ingest_stores_the_engines_annotation(session, nlp):
    expected = pipeline.annotate(DMITRIEV_1, publisher="UNN", published="2025-11-19", nlp=nlp)
    result = svc.ingest_article(session, DMITRIEV_1, publisher="UNN", published="2025-11-19", url="https://x/1",
                                title="Plan", nlp=nlp)
    assert result.created
    article = result.article
    assert (article.publisher, article.published.isoformat(), article.url, article.title, article.language) == (
        "UNN", "2025-11-19", "https://x/1", "Plan", "en")
    assert article.pipeline_version.startswith("whosaid ") and "core_web_sm" in article.pipeline_version
    assert article.source_format == "text"
    # what the engine said is what is stored, offsets into the text as given
    stored = repo.to_annotation(article)
    assert [(c.text, c.start, c.end, c.kind) for c in stored.claims] == [
        (c.text, c.start, c.end, c.kind) for c in expected.claims]
    assert names(article.claims) == [expected.source(c.speaker.source).name if c.speaker else None
                                     for c in expected.claims]
    assert [[s.name for s in c.relay_sources] for c in article.claims] == [
        [expected.source(r).name for r in c.relay] for c in expected.claims]


@pytest.mark.model
def test_reingesting_the_same_article_is_idempotent(session, nlp):
    first = svc.ingest_article(session, DMITRIEV_1, publisher="UNN", nlp=nlp)
    before = counts(session)
    again = svc.ingest_article(session, DMITRIEV_1, publisher="UNN", nlp=nlp)
    rewrapped = svc.ingest_article(session, DMITRIEV_1.replace("\n\n", "\n  \n") + "\n", publisher="UNN", nlp=nlp)
    assert first.created and not again.created and not rewrapped.created
    assert again.article.id == rewrapped.article.id == first.article.id
    assert counts(session) == before
    assert len(again.article.claims) == len(first.article.claims) > 0


@pytest.mark.model
def test_reingest_without_publisher_finds_the_detected_one(session, nlp):
    text = "KYIV, Nov 19 (UNN) - The Kremlin said nothing had changed, reports UNN."
    detected = pipeline.annotate(text, nlp=nlp).publisher
    if detected is None:
        pytest.skip("the engine detects no publisher in this text")
    first = svc.ingest_article(session, text, nlp=nlp)
    again = svc.ingest_article(session, text, publisher=detected, nlp=nlp)
    assert first.created and not again.created and again.article.id == first.article.id


@pytest.mark.model
def test_named_source_shared_by_two_ingested_articles(session, nlp):
    a = svc.ingest_article(session, DMITRIEV_1, publisher="UNN", nlp=nlp).article
    b = svc.ingest_article(session, DMITRIEV_2, publisher="Kyiv Independent", nlp=nlp).article
    dmitriev = session.scalars(select(Source).where(Source.name == "Kirill Dmitriev")).all()
    assert len(dmitriev) == 1
    claims = repo.list_claims(session=session, speaker_id=dmitriev[0].id).items
    assert {c.article_id for c in claims} == {a.id, b.id}
    officials = session.scalars(select(Source).where(Source.anonymous.is_(True),
                                                     Source.grouping_key.like("ukrainian official|%"))).all()
    assert sorted(s.article_id for s in officials) == sorted([a.id, b.id])


@pytest.mark.model
def test_outlet_written_two_ways_is_one_stored_outlet(session, nlp):
    """The engine names an outlet as its article writes it ("AFP"); the store keeps one row under the
    lexicon's canonical name, the article's form an alias."""
    a = svc.ingest_article(session, "PARIS (AFP) - The minister said the shells would arrive in May.",
                           publisher="France 24", nlp=nlp)
    engine = pipeline.annotate(a.article.text, publisher="France 24", nlp=nlp)
    assert [engine.source(r).name for r in engine.claims[0].relay] == ["AFP", "France 24"]
    b = svc.ingest_article(session, "Agence France-Presse reported that the shells had arrived.",
                           publisher="Le Monde", nlp=nlp)
    afp = session.scalars(select(Source).where(Source.type == "outlet", Source.name == "Agence France-Presse")).all()
    assert len(afp) == 1
    aliases = session.scalars(select(SourceAlias.alias).where(SourceAlias.source_id == afp[0].id)).all()
    assert "AFP" in aliases
    relayed = {c.article_id for c in a.article.claims + b.article.claims
               if afp[0].id in [s.id for s in c.relay_sources] or (c.speaker and c.speaker.id == afp[0].id)}
    assert relayed == {a.article.id, b.article.id}


@pytest.mark.model
def test_engine_failure_stores_nothing(session, nlp, monkeypatch):
    before = counts(session)

    def broken(*args, **kwargs):
        raise RuntimeError("engine crashed")

    monkeypatch.setattr(pipeline, "annotate", broken)
    with pytest.raises(RuntimeError, match="engine crashed"):
        svc.ingest_article(session, DMITRIEV_1, publisher="UNN", nlp=nlp)
    assert counts(session) == before


@pytest.mark.model
def test_failure_midway_through_the_writes_stores_nothing(session, nlp):
    svc.ingest_article(session, DMITRIEV_2, publisher="Kyiv Independent", nlp=nlp)  # Dmitriev exists already
    before = counts(session)
    seen: list[str] = []

    def fail_on_claims(sess, flush_context, instances):
        # the article, its sources and mentions have been flushed by now: fail when the claims come
        seen.extend(type(o).__name__ for o in sess.new)
        if any(isinstance(o, Claim) for o in sess.new):
            raise RuntimeError("disk full")

    event.listen(session, "before_flush", fail_on_claims)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            svc.ingest_article(session, DMITRIEV_1, publisher="UNN", nlp=nlp)
    finally:
        event.remove(session, "before_flush", fail_on_claims)
    assert {"Article", "Source", "Claim"} <= set(seen)
    assert counts(session) == before
    # the session is usable and the article can be ingested afterwards
    assert svc.ingest_article(session, DMITRIEV_1, publisher="UNN", nlp=nlp).created


def test_bad_input_is_refused(session):
    with pytest.raises(InvalidInput):
        svc.ingest_article(session, "   \n")
    with pytest.raises(InvalidInput, match="published"):
        svc.ingest_article(session, "Somebody said something.", published="last Tuesday")
    with pytest.raises(NotFound):
        svc.reannotate_article(session, 10_000_000)


def test_content_hash():
    assert svc.content_hash("A  said\nB.", "UNN") == svc.content_hash(" A said B. ", " unn ")
    assert svc.content_hash("A said B.", "UNN") != svc.content_hash("A said B.", "Reuters")
    assert svc.content_hash("A said B.", None) != svc.content_hash("A said C.", None)
    assert svc.content_hash("Cafe\u0301 said so.", None) == svc.content_hash("Caf\u00e9 said so.", None)


# --- re-annotation ----------------------------------------------------------------------------------------

OLD = ("Kirill Dmitriev said the plan was ready. Sergei Lavrov said talks would continue. "
       "Maria Zakharova said the West was to blame.")


@pytest.fixture
def reviewed(session, store, build):
    """An article with three engine claims: one accepted, one corrected, one unreviewed; plus an analyst's."""
    result = store(OLD, publisher="TASS", sources={
        "s1": {"name": "Kirill Dmitriev", "type": "person", "mentions": ["Kirill Dmitriev"]},
        "s2": {"name": "Sergei Lavrov", "type": "person", "mentions": ["Sergei Lavrov"]},
        "s3": {"name": "Maria Zakharova", "type": "person", "mentions": ["Maria Zakharova"]},
    }, claims=[
        {"text": "the plan was ready", "speaker": ("s1", "Kirill Dmitriev"), "cue": "said"},
        {"text": "talks would continue", "speaker": ("s2", "Sergei Lavrov"), "cue": ("said", 1)},
        {"text": "the West was to blame", "speaker": ("s3", "Maria Zakharova"), "cue": ("said", 2)},
    ])
    analyst = repo.create_user(session=session, name="Ann Analyst", role="analyst")
    claims = repo.get_article(result.article.id, session=session).claims
    repo.review_claim(session=session, claim_id=claims[0].id, user_id=analyst.id, action="accept")
    repo.correct_claim(session=session, claim_id=claims[1].id, user_id=analyst.id, kind="mixed")
    created = repo.create_claim(session=session, article_id=result.article.id, user_id=analyst.id,
                                span=(0, len("Kirill Dmitriev said")), kind="indirect")
    return result.article.id, claims, created


def test_reannotation_replaces_only_unreviewed_engine_claims(session, reviewed, monkeypatch, build):
    article_id, (accepted, corrected, unreviewed), created = reviewed
    history_before = {c.id: [r.id for r in repo.claim_history(c.id, session=session)]
                      for c in (accepted, corrected, created)}

    # the "newer pipeline" finds the same three claims (one with a longer span) and a new one
    newer = build(OLD, publisher="TASS", sources={
        "s1": {"name": "Kirill Dmitriev", "type": "person", "mentions": ["Kirill Dmitriev"]},
        "s2": {"name": "Sergei Lavrov", "type": "person", "mentions": ["Sergei Lavrov"]},
        "s3": {"name": "Maria Zakharova", "type": "person", "mentions": ["Maria Zakharova"]},
        "s4": {"name": "TASS", "type": "outlet"},
    }, claims=[
        {"text": "the plan was ready.", "speaker": ("s1", "Kirill Dmitriev"), "cue": "said", "relay": ["s4"]},
        {"text": "talks would continue", "speaker": ("s2", "Sergei Lavrov"), "cue": ("said", 1), "relay": ["s4"]},
        {"text": "the West was to blame.", "speaker": ("s3", "Maria Zakharova"), "cue": ("said", 2),
         "relay": ["s4"], "confidence": 0.77},
    ])
    monkeypatch.setattr(pipeline, "annotate", lambda *a, **k: newer)
    fake_nlp = type("NLP", (), {"meta": {"lang": "en", "name": "newer", "version": "9.9"}, "lang": "en"})()
    result = svc.reannotate_article(session, article_id, nlp=fake_nlp)

    assert (result.kept, result.replaced, result.added) == (3, 1, 1)
    article = repo.get_article(article_id, session=session)
    assert article.pipeline_version.endswith("en_newer 9.9")
    by_id = {c.id: c for c in article.claims}
    # reviewed, corrected and analyst-created claims are untouched, with their history
    assert by_id[accepted.id].review_status == "accepted" and by_id[accepted.id].text == "the plan was ready"
    assert by_id[corrected.id].kind == "mixed" and by_id[corrected.id].review_status == "corrected"
    assert by_id[created.id].origin == "analyst"
    for claim_id, reviews in history_before.items():
        assert [r.id for r in repo.claim_history(claim_id, session=session)] == reviews
    # the unreviewed one was replaced by the new pipeline's version
    assert unreviewed.id not in by_id
    new = [c for c in article.claims if c.id not in (accepted.id, corrected.id, created.id)]
    assert [(c.text, c.confidence, c.review_status) for c in new] == [("the West was to blame.", 0.77, "unreviewed")]
    assert [s.name for s in new[0].relay_sources] == ["TASS"]
    # no claim twice over the same text, positions in text order
    assert len(article.claims) == 4 and [c.position for c in article.claims] == [1, 2, 3, 4]
    assert [c.start for c in article.claims] == sorted(c.start for c in article.claims)
    # reannotating again changes nothing more
    again = svc.reannotate_article(session, article_id, nlp=fake_nlp)
    assert (again.kept, again.replaced, again.added) == (3, 1, 1)
    assert len(repo.get_article(article_id, session=session).claims) == 4


@pytest.mark.model
def test_reannotation_with_the_engine_keeps_reviews(session, nlp):
    article = svc.ingest_article(session, DMITRIEV_1, publisher="UNN", nlp=nlp).article
    total = len(article.claims)
    unreviewed = svc.reannotate_article(session, article.id, nlp=nlp)  # nothing reviewed: all replaced
    assert (unreviewed.kept, unreviewed.replaced, unreviewed.added) == (0, total, total)
    article = unreviewed.article
    analyst = repo.create_user(session=session, name="Ann Analyst", role="analyst")
    first = article.claims[0]
    repo.review_claim(session=session, claim_id=first.id, user_id=analyst.id, action="reject", note="no")
    anonymous_before = session.scalar(select(func.count()).select_from(Source).where(Source.article_id == article.id))
    result = svc.reannotate_article(session, article.id, nlp=nlp)
    assert result.kept == 1 and result.replaced == total - 1 and result.added == total - 1
    again = repo.get_article(article.id, session=session)
    assert len(again.claims) == total
    assert any(c.id == first.id and c.review_status == "rejected" for c in again.claims)
    # anonymous sources are reused, not duplicated
    assert session.scalar(select(func.count()).select_from(Source).where(
        Source.article_id == article.id)) == anonymous_before


@pytest.mark.model
@pytest.mark.shared
def test_gold_article(session, nlp, gold_article):
    text = gold_article.read_text(encoding="utf-8")
    expected = pipeline.annotate(text, nlp=nlp)
    result = svc.ingest_article(session, text, nlp=nlp)
    assert result.created
    article = result.article
    assert article.publisher == expected.publisher and len(article.claims) == len(expected.claims) > 5
    stored = repo.to_annotation(article)
    assert [(c.text, c.start, c.end) for c in stored.claims] == [(c.text, c.start, c.end) for c in expected.claims]
    for claim in article.claims:
        assert text[claim.start:claim.end] == claim.text
    assert {s.name for s in stored.sources} <= {s.name for s in expected.sources}
    dmitriev = session.scalars(select(Source).where(Source.canonical_key == "person:kirill dmitriev")).one()
    assert len(repo.list_claims(session=session, speaker_id=dmitriev.id, limit=500).items) == sum(
        1 for c in expected.claims if c.speaker and expected.source(c.speaker.source).name == "Kirill Dmitriev")
    assert not svc.ingest_article(session, text, nlp=nlp).created


@pytest.mark.model
def test_ingest_html(session, nlp):
    html = ("<html><head><title>Peace plan</title></head><body><article><h1>Peace plan</h1>"
            "<p>Kirill Dmitriev told Axios that the plan was ready, according to the report published on "
            "Wednesday by several outlets covering the talks in Miami.</p>"
            "<p>A Ukrainian official said the talks were over and that no new meeting had been scheduled "
            "for the coming weeks, despite the pressure from Washington.</p></article></body></html>")
    result = svc.ingest_html(session, html, url="https://example.org/plan", publisher="UNN", nlp=nlp)
    article = result.article
    assert result.created and article.source_format == "html" and article.url == "https://example.org/plan"
    assert "<p>" not in article.text and "Kirill Dmitriev told Axios" in article.text
    for claim in article.claims:
        assert article.text[claim.start:claim.end] == claim.text
    assert not svc.ingest_html(session, html, url="https://example.org/plan", publisher="UNN", nlp=nlp).created
