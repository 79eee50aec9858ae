"""Repository functions over a small hand-annotated corpus (no engine): sources, filters, pages, reviews,
merges, the relay network, users and keys."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.store import merges
from app.store import repository as repo
from app.store.errors import AppendOnly, Conflict, Forbidden, InvalidInput, NotFound
from app.store.models import ApiKey, Article, Claim, ClaimRelay, Mention, Review, Source, SourceAlias, SourceMerge

A1 = "Kirill Dmitriev told Axios that the plan was ready. A Ukrainian official said the talks were over."
A2 = ('Dmitriev said that sanctions must end. "We want peace," Dmitriev told Reuters. '
      "A Ukrainian official said nothing was agreed.")
A3 = "According to Axios, the Kremlin rejected the plan. Zelensky said Ukraine would not give up land."
A4 = "Axios reported that Reuters learned the deal was off."


@pytest.fixture
def corpus(store):
    """Four articles; returns {article key: Article} plus the claims by their text."""
    a1 = store(A1, publisher="UNN", published="2025-11-19", sources={
        "s1": {"name": "Kirill Dmitriev", "type": "person", "mentions": ["Kirill Dmitriev"],
               "descriptors": ["head of the Russian Direct Investment Fund"]},
        "s2": {"name": "Axios", "type": "outlet", "mentions": ["Axios"]},
        "s3": {"name": "UNN", "type": "outlet"},
        "s4": {"name": "A Ukrainian official", "type": "anonymous", "affiliation": "Ukrainian",
               "mentions": ["A Ukrainian official"]},
    }, claims=[
        {"text": "the plan was ready", "speaker": ("s1", "Kirill Dmitriev"), "cue": "told", "relay": ["s2", "s3"],
         "confidence": 0.85},
        {"text": "the talks were over", "speaker": ("s4", "A Ukrainian official"), "cue": "said", "relay": ["s3"],
         "confidence": 0.6},
    ]).article
    a2 = store(A2, publisher="Kyiv Independent", published="2025-12-02", sources={
        "s1": {"name": "Kirill Dmitriev", "type": "person", "mentions": ["Dmitriev", ("Dmitriev", 1)],
               "descriptors": ["Russian envoy"]},
        "s2": {"name": "Reuters", "type": "outlet", "mentions": ["Reuters"]},
        "s3": {"name": "Kyiv Independent", "type": "outlet"},
        "s4": {"name": "A Ukrainian official", "type": "anonymous", "affiliation": "Ukrainian",
               "mentions": ["A Ukrainian official"]},
    }, claims=[
        {"text": "sanctions must end", "speaker": ("s1", "Dmitriev"), "cue": "said", "relay": ["s3"]},
        {"text": "We want peace,", "speaker": ("s1", ("Dmitriev", 1)), "cue": "told", "relay": ["s2", "s3"],
         "kind": "direct", "confidence": 0.95},
        {"text": "nothing was agreed", "speaker": ("s4", "A Ukrainian official"), "cue": ("said", 1),
         "relay": ["s3"], "confidence": 0.4},
    ]).article
    a3 = store(A3, publisher="UNN", published="2026-01-10", sources={
        "s1": {"name": "Axios", "type": "outlet", "mentions": ["Axios"]},
        "s2": {"name": "Kremlin", "type": "organization", "mentions": ["the Kremlin"]},
        "s3": {"name": "Zelensky", "type": "person", "mentions": ["Zelensky"]},
        "s4": {"name": "UNN", "type": "outlet"},
    }, claims=[
        {"text": "the Kremlin rejected the plan", "speaker": ("s1", "Axios"), "cue": "According to",
         "relay": ["s4"], "kind": "according_to", "confidence": 0.8},
        {"text": "Ukraine would not give up land", "speaker": ("s3", "Zelensky"), "cue": "said", "relay": ["s4"]},
    ]).article
    # a relay that does not end with the publisher: Reuters -> Axios -> (Ukrainska Pravda)
    a4 = store(A4, publisher="Ukrainska Pravda", published="2025-11-20", sources={
        "s1": {"name": "Axios", "type": "outlet", "mentions": ["Axios"]},
        "s2": {"name": "Reuters", "type": "outlet", "mentions": ["Reuters"]},
    }, claims=[
        {"text": "the deal was off", "speaker": None, "cue": "learned", "relay": ["s2", "s1"], "confidence": 0.5},
    ]).article
    return {"a1": a1, "a2": a2, "a3": a3, "a4": a4}


def claim_by_text(session: Session, text: str) -> Claim:
    return session.scalars(select(Claim).where(Claim.text == text)).one()


def source_named(session: Session, name: str, **where) -> Source:
    return session.scalars(select(Source).where(Source.name == name, Source.merged_into_id.is_(None))
                           .filter_by(**where)).one()


@pytest.fixture
def analyst(session):
    return repo.create_user(session=session, name="Ann Analyst", role="analyst")


# --- sources across articles ------------------------------------------------------------------------------

def test_named_source_is_shared_across_articles(session, corpus):
    dmitriev = session.scalars(select(Source).where(Source.canonical_key == "person:kirill dmitriev")).all()
    assert len(dmitriev) == 1
    source = dmitriev[0]
    page = repo.list_claims(session=session, speaker_id=source.id)
    assert {c.article_id for c in page.items} == {corpus["a1"].id, corpus["a2"].id}
    assert sorted(c.text for c in page.items) == ["We want peace,", "sanctions must end", "the plan was ready"]
    # descriptors gathered from both articles; the surname seen in A2 is an alias
    assert source.descriptors == ["head of the Russian Direct Investment Fund", "Russian envoy"]
    assert [a.alias for a in repo.get_source(source.id, session=session).aliases] == ["Dmitriev"]
    # outlets are shared too
    assert session.scalar(select(func.count()).where(Source.canonical_key == "outlet:axios")) == 1


def test_anonymous_sources_are_not_merged_across_articles(session, corpus):
    officials = session.scalars(select(Source).where(Source.name == "A Ukrainian official")).all()
    assert len(officials) == 2
    assert {s.article_id for s in officials} == {corpus["a1"].id, corpus["a2"].id}
    assert {s.grouping_key for s in officials} == {"ukrainian official|ukrainian"}
    assert all(s.anonymous and s.canonical_key is None for s in officials)


def test_a_later_article_naming_a_known_alias_reuses_the_source(session, corpus, store):
    text = "Dmitriev said talks would resume."
    store(text, publisher="TASS", sources={"s1": {"name": "Dmitriev", "type": "person", "mentions": ["Dmitriev"]}},
          claims=[{"text": "talks would resume", "speaker": ("s1", "Dmitriev"), "cue": "said"}])
    assert session.scalar(select(func.count()).select_from(Source).where(Source.name.contains("Dmitriev"))) == 1
    claim = claim_by_text(session, "talks would resume")
    assert claim.speaker_source_id == source_named(session, "Kirill Dmitriev").id


def test_same_article_stored_twice_is_one_article(session, corpus, store, build):
    again = store(A1 + "\n\n", publisher="UNN", sources={}, claims=[])  # whitespace differences are the same text
    assert not again.created and again.article.id == corpus["a1"].id
    assert session.scalar(select(func.count()).select_from(Claim).where(Claim.article_id == corpus["a1"].id)) == 2
    # the same wire text from another publisher is another publication
    other = store(A1, publisher="Kyiv Post", sources={}, claims=[])
    assert other.created and other.article.id != corpus["a1"].id


def test_store_rejects_offsets_that_are_not_the_text(session, build):
    from app.services.ingest import store_annotation

    annotation = build(A4, sources={}, claims=[{"text": "the deal was off"}])
    annotation.claims[0].start += 1
    with pytest.raises(InvalidInput, match="is not text"):
        store_annotation(session, annotation, pipeline_version="test")


# --- reading ----------------------------------------------------------------------------------------------

def test_get_article_loads_claims_and_sources(session, corpus):
    session.expunge_all()
    article = repo.get_article(corpus["a1"].id, session=session)
    assert [c.position for c in article.claims] == [1, 2]
    first = article.claims[0]
    assert first.speaker.name == "Kirill Dmitriev"
    assert [s.name for s in first.relay_sources] == ["Axios", "UNN"]
    assert [s.name for s in article.sources] == ["Kirill Dmitriev", "Axios", "UNN", "A Ukrainian official"]
    assert [m.text for m in article.mentions] == ["Kirill Dmitriev", "Axios", "A Ukrainian official"]
    with pytest.raises(NotFound):
        repo.get_article(10_000_000, session=session)


def test_relationships_not_loaded_raise(session, corpus):
    session.expunge_all()
    article = session.get(Article, corpus["a1"].id)
    with pytest.raises(Exception, match="lazy='raise'|raise"):
        _ = article.claims


def test_to_annotation_round_trips(session, corpus, build):
    article = repo.get_article(corpus["a2"].id, session=session)
    out = repo.to_annotation(article)
    assert out.text == A2 and out.publisher == "Kyiv Independent" and out.published == "2025-12-02"
    assert [(c.text, c.kind, c.confidence) for c in out.claims] == [
        ("sanctions must end", "indirect", 0.9), ("We want peace,", "direct", 0.95),
        ("nothing was agreed", "indirect", 0.4)]
    for claim in out.claims:
        assert A2[claim.start:claim.end] == claim.text
        assert A2[claim.speaker.start:claim.speaker.end] == claim.speaker.text
        assert out.source(claim.speaker.source) is not None
    names = {s.id: s.name for s in out.sources}
    assert [names[r] for r in out.claims[1].relay] == ["Reuters", "Kyiv Independent"]


def test_list_articles_filters_and_search(session, corpus):
    ids = lambda page: {a.id for a in page.items}  # noqa: E731
    assert ids(repo.list_articles(session=session, publisher="UNN")) == {corpus["a1"].id, corpus["a3"].id}
    assert ids(repo.list_articles(session=session, published_from=date(2025, 11, 20),
                                  published_to=date(2025, 12, 31))) == {corpus["a2"].id, corpus["a4"].id}
    assert ids(repo.list_articles(session=session, q="SANCTIONS")) == {corpus["a2"].id}
    assert ids(repo.list_articles(session=session, q="100%")) == set()  # LIKE wildcards are escaped
    assert repo.claim_counts([corpus["a1"].id, corpus["a4"].id], session=session) == {
        corpus["a1"].id: 2, corpus["a4"].id: 1}
    assert ("UNN", 2) in repo.list_publishers(session=session)
    with pytest.raises(InvalidInput):
        repo.list_articles(session=session, published_from=date(2026, 1, 1), published_to=date(2025, 1, 1))


def test_cursor_pagination_walks_every_row_once(session, corpus):
    seen, cursor, pages = [], None, 0
    while True:
        page = repo.list_claims(session=session, cursor=cursor, limit=3)
        seen += [c.id for c in page.items]
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    all_ids = session.scalars(select(Claim.id).order_by(Claim.id.desc())).all()
    assert seen == list(all_ids) and len(all_ids) == 8 and pages == 3
    first = repo.list_articles(session=session, limit=2)
    second = repo.list_articles(session=session, limit=2, cursor=first.next_cursor)
    assert [a.id for a in first.items + second.items] == sorted((a.id for a in corpus.values()), reverse=True)
    assert second.next_cursor is None
    with pytest.raises(InvalidInput):
        repo.list_claims(session=session, limit=0)


DMITRIEV_CLAIMS = {"the plan was ready", "sanctions must end", "We want peace,"}
FILTERS = [
    ("speaker_id", lambda s: {"speaker_id": source_named(s, "Kirill Dmitriev").id}, DMITRIEV_CLAIMS),
    ("speaker name", lambda s: {"speaker": "dmitr"}, DMITRIEV_CLAIMS),
    ("speaker alias", lambda s: {"speaker": "Dmitriev"}, DMITRIEV_CLAIMS),
    ("speaker_type", lambda s: {"speaker_type": "outlet"}, {"the Kremlin rejected the plan"}),
    ("anonymous", lambda s: {"anonymous": True}, {"the talks were over", "nothing was agreed"}),
    ("named", lambda s: {"anonymous": False}, {"the plan was ready", "sanctions must end", "We want peace,",
                                               "the Kremlin rejected the plan", "Ukraine would not give up land"}),
    ("publisher", lambda s: {"publisher": "UNN"}, {"the plan was ready", "the talks were over",
                                                   "the Kremlin rejected the plan", "Ukraine would not give up land"}),
    ("outlet in relay (name)", lambda s: {"outlet": "axios"}, {"the plan was ready", "the deal was off"}),
    ("outlet in relay (id)", lambda s: {"outlet_id": source_named(s, "Reuters").id},
     {"We want peace,", "the deal was off"}),
    ("kind", lambda s: {"kind": "according_to"}, {"the Kremlin rejected the plan"}),
    ("confidence below", lambda s: {"confidence_below": 0.7},
     {"the talks were over", "nothing was agreed", "the deal was off"}),
    ("published from", lambda s: {"published_from": date(2025, 12, 1)},
     {"sanctions must end", "We want peace,", "nothing was agreed", "the Kremlin rejected the plan",
      "Ukraine would not give up land"}),
    ("published to", lambda s: {"published_to": date(2025, 11, 19)}, {"the plan was ready", "the talks were over"}),
    ("text", lambda s: {"q": "PEACE"}, {"We want peace,"}),
    ("combined", lambda s: {"speaker": "Dmitriev", "publisher": "UNN"}, {"the plan was ready"}),
    ("nothing", lambda s: {"speaker": "Putin"}, set()),
]


@pytest.mark.parametrize(("name", "filters", "expected"), FILTERS, ids=[f[0] for f in FILTERS])
def test_claim_filters(session, corpus, name, filters, expected):
    page = repo.list_claims(session=session, **filters(session))
    assert {c.text for c in page.items} == expected
    for claim in page.items:  # loaded for the API, without lazy loads
        _ = (claim.article.publisher, claim.speaker, [r.source.name for r in claim.relays])


def test_claim_filter_by_review_status(session, corpus, analyst):
    claim = claim_by_text(session, "the plan was ready")
    repo.review_claim(session=session, claim_id=claim.id, user_id=analyst.id, action="accept")
    assert [c.id for c in repo.list_claims(session=session, review_status="accepted").items] == [claim.id]
    assert len(repo.list_claims(session=session, review_status="unreviewed").items) == 7
    with pytest.raises(InvalidInput):
        repo.list_claims(session=session, review_status="approved")


# --- reviews ----------------------------------------------------------------------------------------------

def test_review_history_is_append_only(session, corpus, analyst):
    claim = claim_by_text(session, "the talks were over")
    first = repo.review_claim(session=session, claim_id=claim.id, user_id=analyst.id, action="reject",
                              note="not a claim")
    second = repo.review_claim(session=session, claim_id=claim.id, user_id=analyst.id, action="accept",
                               note="on second thought")
    history = repo.claim_history(claim.id, session=session)
    assert [(r.action, r.note, r.user.name) for r in history] == [
        ("reject", "not a claim", "Ann Analyst"), ("accept", "on second thought", "Ann Analyst")]
    assert history[0].before["review_status"] == "unreviewed" and history[0].after["review_status"] == "rejected"
    assert history[1].before["review_status"] == "rejected" and history[1].after["review_status"] == "accepted"
    assert repo.get_claim(claim.id, session=session).review_status == "accepted"

    with pytest.raises(AppendOnly), session.begin_nested():
        first.note = "rewritten"
        session.flush()
    with pytest.raises(AppendOnly), session.begin_nested():
        session.delete(second)
        session.flush()
    session.expire_all()
    assert [r.note for r in repo.claim_history(claim.id, session=session)] == ["not a claim", "on second thought"]


def test_correct_claim_records_before_and_after(session, corpus, analyst):
    claim = claim_by_text(session, "the deal was off")
    reuters, axios = source_named(session, "Reuters"), source_named(session, "Axios")
    start = A4.index("Reuters")
    review = repo.correct_claim(session=session, claim_id=claim.id, user_id=analyst.id, speaker_id=reuters.id,
                                speaker_span=(start, start + len("Reuters")), relay=[axios.id], kind="indirect",
                                span=(A4.index("the deal"), len(A4)), note="Reuters is the speaker")
    claim = repo.get_claim(claim.id, session=session)
    assert claim.review_status == "corrected" and claim.text == "the deal was off."
    assert claim.speaker.name == "Reuters" and claim.speaker_text == "Reuters"
    assert [s.name for s in claim.relay_sources] == ["Axios"]
    assert review.action == "correct"
    assert review.before["speaker"] is None and [h["name"] for h in review.before["relay"]] == ["Reuters", "Axios"]
    assert review.after["speaker"]["name"] == "Reuters" and review.after["text"] == "the deal was off."
    # refused corrections change nothing, even when part of them was valid
    for bad, error in [({}, InvalidInput), ({"span": (40, 4000)}, InvalidInput),
                       ({"kind": "direct", "speaker_id": 10_000_000}, NotFound),
                       ({"kind": "direct", "relay": [reuters.id, 10_000_000]}, NotFound),
                       ({"speaker_id": None, "speaker_span": (0, 5)}, InvalidInput)]:
        with pytest.raises(error):
            repo.correct_claim(session=session, claim_id=claim.id, user_id=analyst.id, **bad)
        assert repo.claim_snapshot(repo.get_claim(claim.id, session=session)) == review.after
    # removing the speaker removes its mention too
    repo.correct_claim(session=session, claim_id=claim.id, user_id=analyst.id, speaker_id=None, cue_span=None)
    claim = repo.get_claim(claim.id, session=session)
    assert (claim.speaker, claim.speaker_text, claim.cue_text) == (None, None, None)
    assert len(repo.claim_history(claim.id, session=session)) == 2


def test_readers_cannot_review(session, corpus):
    reader = repo.create_user(session=session, name="Rita Reader", role="reader")
    claim = claim_by_text(session, "the deal was off")
    with pytest.raises(Forbidden):
        repo.review_claim(session=session, claim_id=claim.id, user_id=reader.id, action="accept")
    with pytest.raises(InvalidInput):
        repo.review_claim(session=session, claim_id=claim.id, user_id=reader.id, action="approve")


def test_analyst_creates_a_claim(session, corpus, analyst):
    zelensky = source_named(session, "Zelensky")
    start = A3.index("Zelensky said")
    claim = repo.create_claim(session=session, article_id=corpus["a3"].id, user_id=analyst.id,
                              span=(start, start + len("Zelensky said Ukraine")), kind="indirect",
                              speaker_id=zelensky.id, relay=[source_named(session, "UNN").id], note="missed")
    assert claim.origin == "analyst" and claim.review_status == "accepted"
    assert [r.action for r in repo.claim_history(claim.id, session=session)] == ["create"]
    article = repo.get_article(corpus["a3"].id, session=session)
    assert [c.position for c in article.claims] == [1, 2, 3]


def test_revert_review_puts_back_the_status_before_it(session, corpus, analyst):
    claim = claim_by_text(session, "the talks were over")
    accept = repo.review_claim(session=session, claim_id=claim.id, user_id=analyst.id, action="accept")
    revert = repo.revert_review(session, claim_id=claim.id, review_id=accept.id, user=analyst)
    assert (revert.action, revert.note, revert.user_id) == ("revert", f"revert of review {accept.id} (accept)",
                                                             analyst.id)
    assert revert.before["review_status"] == "accepted" and revert.after == accept.before
    assert repo.get_claim(claim.id, session=session).review_status == "unreviewed"
    # reverting the revert is a redo; the user may be given by id; a note of one's own
    redo = repo.revert_review(session, claim_id=claim.id, review_id=revert.id, user=analyst.id, note="redo")
    assert redo.note == "redo" and repo.get_claim(claim.id, session=session).review_status == "accepted"
    reject = repo.review_claim(session=session, claim_id=claim.id, user_id=analyst.id, action="reject")
    repo.revert_review(session, claim_id=claim.id, review_id=reject.id, user=analyst)
    assert repo.get_claim(claim.id, session=session).review_status == "accepted"
    assert [r.action for r in repo.claim_history(claim.id, session=session)] == [
        "accept", "revert", "revert", "reject", "revert"]


def test_revert_review_undoes_a_correction(session, corpus, analyst):
    claim = claim_by_text(session, "the deal was off")
    original = repo.claim_snapshot(repo.get_claim(claim.id, session=session))
    reuters, axios = source_named(session, "Reuters"), source_named(session, "Axios")
    start = A4.index("Reuters")
    correction = repo.correct_claim(session=session, claim_id=claim.id, user_id=analyst.id, speaker_id=reuters.id,
                                    speaker_span=(start, start + len("Reuters")), relay=[axios.id], kind="direct",
                                    span=(A4.index("the deal"), len(A4)), cue_span=None)
    assert repo.claim_snapshot(repo.get_claim(claim.id, session=session)) != original
    revert = repo.revert_review(session, claim_id=claim.id, review_id=correction.id, user=analyst)
    claim = repo.get_claim(claim.id, session=session)
    assert repo.claim_snapshot(claim) == original == revert.after
    assert (claim.review_status, claim.speaker, claim.speaker_text, claim.cue_text) == (
        "unreviewed", None, None, "learned")
    assert [s.name for s in claim.relay_sources] == ["Reuters", "Axios"] and claim.text == "the deal was off"
    assert revert.before == correction.after
    # and back again: the correction's state, its speaker's mention included
    repo.revert_review(session, claim_id=claim.id, review_id=revert.id, user=analyst)
    assert repo.claim_snapshot(repo.get_claim(claim.id, session=session)) == correction.after


def test_revert_review_of_a_correction_after_a_merge(session, corpus, analyst, store):
    """The source the claim had before was merged since: the claim gets the source it was merged into."""
    claim = claim_by_text(session, "the deal was off")
    reuters = source_named(session, "Reuters")
    correction = repo.correct_claim(session=session, claim_id=claim.id, user_id=analyst.id,
                                    relay=[source_named(session, "Axios").id])
    store("Reuters Wire Service said so.", publisher="X", sources={
        "s1": {"name": "Reuters Wire Service", "type": "outlet", "mentions": ["Reuters Wire Service"]}},
        claims=[{"text": "so", "speaker": ("s1", "Reuters Wire Service"), "cue": "said"}])
    thomson = source_named(session, "Reuters Wire Service")
    merges.merge_sources(session=session, target_id=thomson.id, duplicate_id=reuters.id, user_id=analyst.id)
    repo.revert_review(session, claim_id=claim.id, review_id=correction.id, user=analyst)
    claim = repo.get_claim(claim.id, session=session)
    assert [s.name for s in claim.relay_sources] == ["Reuters Wire Service", "Axios"]
    assert claim.review_status == "unreviewed"


def test_revert_review_refusals_change_nothing(session, corpus, analyst):
    claim = claim_by_text(session, "the talks were over")
    other = claim_by_text(session, "the deal was off")
    first = repo.review_claim(session=session, claim_id=claim.id, user_id=analyst.id, action="accept")
    second = repo.review_claim(session=session, claim_id=claim.id, user_id=analyst.id, action="reject")
    reader = repo.create_user(session=session, name="Rita Reader", role="reader")
    with pytest.raises(Conflict, match="revert that one first"):
        repo.revert_review(session, claim_id=claim.id, review_id=first.id, user=analyst)
    with pytest.raises(NotFound):
        repo.revert_review(session, claim_id=other.id, review_id=second.id, user=analyst)
    with pytest.raises(NotFound):
        repo.revert_review(session, claim_id=10_000_000, review_id=second.id, user=analyst)
    with pytest.raises(NotFound):
        repo.revert_review(session, claim_id=claim.id, review_id=10_000_000, user=analyst)
    with pytest.raises(Forbidden):
        repo.revert_review(session, claim_id=claim.id, review_id=second.id, user=reader)
    zelensky = source_named(session, "Zelensky")
    created = repo.create_claim(session=session, article_id=corpus["a3"].id, user_id=analyst.id,
                                span=(A3.index("Zelensky"), len(A3)), kind="indirect", speaker_id=zelensky.id)
    create = repo.claim_history(created.id, session=session)[0]
    with pytest.raises(Conflict, match="reject the claim instead"):
        repo.revert_review(session, claim_id=created.id, review_id=create.id, user=analyst)
    assert [r.action for r in repo.claim_history(claim.id, session=session)] == ["accept", "reject"]
    assert repo.get_claim(claim.id, session=session).review_status == "rejected"


def test_create_source_shares_named_sources(session, corpus, analyst):
    dmitriev = source_named(session, "Kirill Dmitriev")
    again = repo.create_source(session, name="  kirill   DMITRIEV ", type="person", affiliation="RDIF",
                               descriptors=["Russian envoy", "RDIF head"], user=analyst)
    assert again.id == dmitriev.id and again.name == "Kirill Dmitriev" and again.affiliation == "RDIF"
    assert again.descriptors == ["head of the Russian Direct Investment Fund", "Russian envoy", "RDIF head"]
    assert [a.alias for a in again.aliases] == ["Dmitriev"]  # loaded
    new = repo.create_source(session, name="Rustem  Umerov", type="person", descriptors=["secretary", "secretary"],
                             user=analyst.id)
    assert (new.name, new.type, new.anonymous, new.canonical_key, new.article_id, new.descriptors) == (
        "Rustem Umerov", "person", False, "person:rustem umerov", None, ["secretary"])
    assert repo.create_source(session, name="Rustem Umerov", type="person", user=analyst).id == new.id
    # another type is another source; a merged one answers with the source it was merged into
    assert repo.create_source(session, name="Rustem Umerov", type="organization", user=analyst).id != new.id
    zelensky = source_named(session, "Zelensky")
    merges.merge_sources(session=session, target_id=zelensky.id, duplicate_id=new.id, user_id=analyst.id)
    assert repo.create_source(session, name="Rustem Umerov", type="person", user=analyst).id == zelensky.id


def test_create_source_anonymous_belongs_to_an_article(session, corpus, analyst):
    a1, a2 = corpus["a1"].id, corpus["a2"].id
    official = source_named(session, "A Ukrainian official", article_id=a1)
    same = repo.create_source(session, name="a Ukrainian official", type="anonymous", affiliation="Ukrainian",
                              user=analyst, article_id=a1)
    assert same.id == official.id  # grouped as ingest groups them
    diplomat = repo.create_source(session, name="a European diplomat", type="anonymous", user=analyst,
                                  article_id=a1, descriptors=["European"])
    elsewhere = repo.create_source(session, name="a European diplomat", type="anonymous", user=analyst,
                                   article_id=a2)
    assert diplomat.id != elsewhere.id and diplomat.id != official.id
    assert (diplomat.anonymous, diplomat.article_id, diplomat.canonical_key, diplomat.grouping_key) == (
        True, a1, None, "european diplomat|")
    for kwargs, error in [({"type": "anonymous"}, InvalidInput),
                          ({"type": "anonymous", "article_id": 10_000_000}, NotFound),
                          ({"type": "person", "article_id": a1}, InvalidInput),
                          ({"type": "alien"}, InvalidInput),
                          ({"type": "person", "name": "   "}, InvalidInput),
                          ({"type": "person", "name": "x" * 501}, InvalidInput)]:
        with pytest.raises(error):
            repo.create_source(session, **{"name": "Someone", "user": analyst, **kwargs})
    reader = repo.create_user(session=session, name="Rita Reader", role="reader")
    with pytest.raises(Forbidden):
        repo.create_source(session, name="Someone", type="person", user=reader)
    assert session.scalar(select(func.count()).select_from(Source).where(Source.name == "Someone")) == 0


def test_source_ids_named(session, corpus):
    ids = set(session.scalars(repo.source_ids_named("dmitr")))
    assert ids == {source_named(session, "Kirill Dmitriev").id}
    assert set(session.scalars(repo.source_ids_named("the kremlin", substring=False))) == {
        source_named(session, "Kremlin").id}


# --- merging sources --------------------------------------------------------------------------------------

def test_merge_sources_moves_everything_and_keeps_a_record(session, corpus, analyst, store):
    kremlin = source_named(session, "Kremlin")
    # "Moscow" as a duplicate of the Kremlin, speaking in A4-like text and relayed in a chain
    text = "Moscow said the plan was dead, Axios reported, citing the Kremlin."
    store(text, publisher="UNN", sources={
        "s1": {"name": "Moscow", "type": "organization", "mentions": ["Moscow"]},
        "s2": {"name": "Axios", "type": "outlet", "mentions": ["Axios"]},
        "s3": {"name": "Kremlin", "type": "organization", "mentions": ["the Kremlin"]},
    }, claims=[{"text": "the plan was dead", "speaker": ("s1", "Moscow"), "cue": "said", "relay": ["s3", "s1"]}])
    moscow = source_named(session, "Moscow")
    claim = claim_by_text(session, "the plan was dead")

    record = merges.merge_sources(session=session, target_id=kremlin.id, duplicate_id=moscow.id, user_id=analyst.id,
                                note="same actor")
    assert record.details["claims"] == [claim.id] and record.details["mentions"] == 1
    assert record.details["aliases"] == ["Moscow"]
    claim = repo.get_claim(claim.id, session=session)
    assert claim.speaker.id == kremlin.id
    assert [s.name for s in claim.relay_sources] == ["Kremlin"]  # "Kremlin → Kremlin" is one hop
    assert session.scalar(select(func.count()).select_from(Mention).where(Mention.source_id == moscow.id)) == 0
    tombstone = repo.get_source(moscow.id, session=session)
    assert tombstone.merged_into_id == kremlin.id and tombstone.aliases == []
    assert "Moscow" in [a.alias for a in repo.get_source(kremlin.id, session=session).aliases]
    assert moscow.id not in {s.id for s in repo.list_sources(session=session, q="moscow").items}
    assert [s.id for s in repo.list_sources(session=session, q="moscow").items] == [kremlin.id]
    assert session.scalars(select(SourceMerge)).one().note == "same actor"
    # a later article naming the duplicate lands on the target
    store("Moscow denied it.", publisher="TASS", sources={"s1": {"name": "Moscow", "type": "organization"}},
          claims=[{"text": "it", "speaker": ("s1", "Moscow"), "cue": "denied"}])
    assert claim_by_text(session, "it").speaker_source_id == kremlin.id
    # a merged source cannot be merged again, nor a source into itself
    with pytest.raises(Conflict):
        merges.merge_sources(session=session, target_id=kremlin.id, duplicate_id=moscow.id)
    with pytest.raises(Conflict):
        merges.merge_sources(session=session, target_id=kremlin.id, duplicate_id=kremlin.id)


def test_anonymous_sources_of_different_articles_cannot_merge(session, corpus):
    a, b = session.scalars(select(Source).where(Source.name == "A Ukrainian official").order_by(Source.id)).all()
    with pytest.raises(Conflict):
        merges.merge_sources(session=session, target_id=a.id, duplicate_id=b.id)
    with pytest.raises(Conflict):  # a named source never disappears into an anonymous one
        merges.merge_sources(session=session, target_id=a.id, duplicate_id=source_named(session, "Zelensky").id)
    # naming an anonymous source: merge it into a named one
    merges.merge_sources(session=session, target_id=source_named(session, "Zelensky").id, duplicate_id=a.id)
    assert claim_by_text(session, "the talks were over").speaker_source_id == source_named(session, "Zelensky").id


def test_list_sources_by_name_alias_and_type(session, corpus):
    names = lambda page: [s.name for s in page.items]  # noqa: E731
    assert names(repo.list_sources(session=session, q="dmitriev")) == ["Kirill Dmitriev"]
    assert names(repo.list_sources(session=session, q="kremlin")) == ["Kremlin"]
    assert sorted(names(repo.list_sources(session=session, source_type="outlet"))) == [
        "Axios", "Kyiv Independent", "Reuters", "UNN"]
    assert names(repo.list_sources(session=session, anonymous=True)) == ["A Ukrainian official"] * 2
    assert names(repo.list_sources(session=session, q="official", anonymous=False)) == []
    page = repo.list_sources(session=session, source_type="outlet", limit=3)
    rest = repo.list_sources(session=session, source_type="outlet", cursor=page.next_cursor)
    assert len(page.items) == 3 and len(rest.items) == 1 and rest.next_cursor is None
    assert all(isinstance(a.alias, str) for s in page.items for a in s.aliases)  # aliases loaded
    with pytest.raises(InvalidInput):
        repo.list_sources(session=session, source_type="politician")


# --- profiles and the relay network -----------------------------------------------------------------------

def test_source_profile(session, corpus, analyst):
    dmitriev = source_named(session, "Kirill Dmitriev")
    profile = repo.source_profile(dmitriev.id, session=session, latest=2)
    assert profile.claim_count == 3
    assert profile.aliases == ["Dmitriev"]
    assert profile.descriptors == ["head of the Russian Direct Investment Fund", "Russian envoy"]
    assert profile.by_publisher == [("Kyiv Independent", 2), ("UNN", 1)]
    assert profile.by_month == [("2025-11", 1), ("2025-12", 2)]
    assert [c.text for c in profile.latest_claims] == ["We want peace,", "sanctions must end"]
    # rejected claims do not count
    repo.review_claim(session=session, claim_id=claim_by_text(session, "the plan was ready").id,
                      user_id=analyst.id, action="reject")
    assert repo.source_profile(dmitriev.id, session=session).by_publisher == [("Kyiv Independent", 2)]
    axios = repo.source_profile(source_named(session, "Axios").id, session=session)
    assert (axios.claim_count, axios.relayed_count) == (1, 1)  # the relayed A1 claim was rejected


def test_relay_edges(session, corpus):
    edges = {(e.source, e.target): e for e in repo.relay_edges(session=session)}
    assert {k: e.claims for k, e in edges.items()} == {
        ("Axios", "UNN"): 1, ("Reuters", "Kyiv Independent"): 1,
        ("Reuters", "Axios"): 1, ("Axios", "Ukrainska Pravda"): 1}
    assert edges[("Axios", "UNN")].target_id == source_named(session, "UNN").id
    assert edges[("Axios", "Ukrainska Pravda")].target_id is None  # no stored outlet of that name
    in_december = repo.relay_edges(session=session, published_from=date(2025, 12, 1), published_to=date(2025, 12, 31))
    assert [(e.source, e.target, e.claims) for e in in_december] == [("Reuters", "Kyiv Independent", 1)]


def test_relay_edges_count_claims(session, corpus, store):
    text = "Axios said the ceasefire held. Axios added that talks went on."
    store(text, publisher="UNN", published="2025-11-21", sources={
        "s1": {"name": "Axios", "type": "outlet", "mentions": ["Axios"]}, "s2": {"name": "UNN", "type": "outlet"},
        "s3": {"name": "Reuters", "type": "outlet"}},
        claims=[{"text": "the ceasefire held", "speaker": ("s1", "Axios"), "relay": ["s3", "s1", "s2"]},
                {"text": "talks went on", "speaker": ("s1", ("Axios", 1)), "relay": ["s3", "s1", "s2"]}])
    edges = {(e.source, e.target): e.claims for e in repo.relay_edges(session=session)}
    assert edges[("Axios", "UNN")] == 3 and edges[("Reuters", "Axios")] == 3


# --- deleting ---------------------------------------------------------------------------------------------

def test_delete_article_cascades(session, corpus, analyst):
    claim = claim_by_text(session, "the talks were over")
    repo.review_claim(session=session, claim_id=claim.id, user_id=analyst.id, action="accept")
    article_id = corpus["a1"].id
    repo.delete_article(article_id, session=session)
    for model, column in ((Claim, Claim.article_id), (Mention, Mention.article_id), (Source, Source.article_id)):
        assert session.scalar(select(func.count()).select_from(model).where(column == article_id)) == 0
    assert session.scalar(select(func.count()).select_from(Review)) == 0
    assert session.scalar(select(func.count()).select_from(ClaimRelay).where(ClaimRelay.claim_id == claim.id)) == 0
    assert source_named(session, "Kirill Dmitriev")  # named sources stay
    with pytest.raises(NotFound):
        repo.delete_article(article_id, session=session)


# --- users and keys ---------------------------------------------------------------------------------------

def test_api_keys_are_hashed_and_revocable(session):
    user = repo.create_user(session=session, name="Ann Analyst", role="analyst")
    row, plain = repo.create_api_key(session=session, user_id=user.id, label="laptop")
    assert plain.startswith(row.prefix + "_")
    stored = session.scalars(select(ApiKey)).one()
    assert plain not in (stored.key_hash, stored.prefix) and len(stored.key_hash) == 64
    assert repo.authenticate(plain, session=session).id == user.id
    assert repo.authenticate(f"  {plain}\n", session=session).id == user.id
    for wrong in (plain[:-1] + ("A" if plain[-1] != "A" else "B"), row.prefix, "", "Bearer x", "wsk_zz_zz"):
        assert repo.authenticate(wrong, session=session) is None
    other, other_plain = repo.create_api_key(session=session, user_id=user.id)
    repo.revoke_api_key(row.id, session=session)
    assert repo.authenticate(plain, session=session) is None
    assert repo.authenticate(other_plain, session=session).id == user.id  # other keys still work
    first_revocation = row.revoked_at
    assert repo.revoke_api_key(row.id, session=session).revoked_at == first_revocation
    assert [k.id for k in repo.list_api_keys(user.id, session=session)] == [row.id, other.id]


def test_users(session):
    repo.create_user(session=session, name="Ann Analyst", role="analyst")
    with pytest.raises(Conflict):
        repo.create_user(session=session, name="Ann  Analyst", role="reader")
    with pytest.raises(InvalidInput):
        repo.create_user(session=session, name="Bob", role="editor")
    with pytest.raises(NotFound):
        repo.create_api_key(session=session, user_id=10_000_000)
    assert repo.get_user_by_name("Ann Analyst", session=session).role == "analyst"


def test_database_constraints_hold(session, corpus):
    """The schema itself refuses impossible rows, whatever code writes them."""
    from sqlalchemy.exc import IntegrityError

    claim = claim_by_text(session, "the deal was off")
    for values in ({"kind": "rumour"}, {"review_status": "maybe"}, {"confidence": 1.5}):
        with pytest.raises(IntegrityError), session.begin_nested():
            session.execute(update(Claim).where(Claim.id == claim.id).values(**values))
    with pytest.raises(IntegrityError), session.begin_nested():  # a named source without a key
        session.add(Source(name="X", type="person", anonymous=False, descriptors=[]))
        session.flush()
    with pytest.raises(IntegrityError), session.begin_nested():  # one alias once per source
        src = source_named(session, "Kirill Dmitriev")
        session.add(SourceAlias(source_id=src.id, alias="DMITRIEV", alias_key="dmitriev"))
        session.flush()
