"""Merging sources and undoing it (app.store.merges): types that merge, the constraint against self-merges,
an unmerge that restores exactly what its merge moved, the history, merge loops read without endless
recursion, and relay corrections that take only outlets. On SQLite and PostgreSQL."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.store import merges
from app.store import repository as repo
from app.store.errors import AppendOnly, Conflict, InvalidInput
from app.store.models import Claim, ClaimRelay, Mention, Source, SourceAlias, SourceMerge

TEXT = ("Reuters said that Helena Quist told Axios the port was closed. Quist said the talks went on, "
        "Axios reported. The minister said ships waited, citing the Harbour Office.")


@pytest.fixture
def analyst(session):
    return repo.create_user(session=session, name="Ann Analyst", role="analyst")


@pytest.fixture
def article(store):
    """One article: a person under two names (Helena Quist, Quist), outlets, an unknown-type 'minister'."""
    return store(TEXT, publisher="UNN", sources={
        "s1": {"name": "Helena Quist", "type": "person", "mentions": ["Helena Quist"], "descriptors": ["envoy"]},
        "s2": {"name": "Quist", "type": "person", "mentions": ["Quist"], "descriptors": ["minister"],
               "affiliation": "Sweden"},
        "s3": {"name": "Axios", "type": "outlet", "mentions": ["Axios", ("Axios", 1)]},
        "s4": {"name": "Reuters", "type": "outlet", "mentions": ["Reuters"]},
        "s5": {"name": "UNN", "type": "outlet"},
        "s6": {"name": "the minister", "type": "unknown", "mentions": ["The minister"]},
        "s7": {"name": "Harbour Office", "type": "organization", "mentions": ["Harbour Office"]},
    }, claims=[
        {"text": "the port was closed", "speaker": ("s1", "Helena Quist"), "cue": "told", "relay": ["s3", "s4", "s5"]},
        {"text": "the talks went on", "speaker": ("s2", "Quist"), "cue": "said", "relay": ["s3", "s5"]},
        {"text": "ships waited", "speaker": ("s6", "The minister"), "cue": "said", "relay": ["s5"]},
    ]).article


def named(session: Session, name: str) -> Source:
    return session.scalars(select(Source).where(Source.name == name)).one()


def state(session: Session) -> dict[str, Any]:
    """Everything a merge touches, as plain data."""
    session.expire_all()
    sources = {s.id: (s.name, s.merged_into_id, list(s.descriptors or []), s.affiliation)
               for s in session.scalars(select(Source))}
    aliases = sorted(session.execute(select(SourceAlias.source_id, SourceAlias.alias, SourceAlias.alias_key)).all())
    claims = sorted(session.execute(select(Claim.id, Claim.speaker_source_id)).all())
    mentions = sorted(session.execute(select(Mention.id, Mention.source_id)).all())
    relays = sorted(session.execute(select(ClaimRelay.claim_id, ClaimRelay.position, ClaimRelay.source_id)).all())
    return {"sources": sources, "aliases": aliases, "claims": claims, "mentions": mentions, "relays": relays}


# --- the database refuses a self-merge ----------------------------------------------------------------------

def test_the_database_refuses_a_source_merged_into_itself(session, article):
    quist = named(session, "Quist")
    with pytest.raises(IntegrityError, match="not_merged_into_itself|CHECK constraint failed"):
        with session.begin_nested():
            session.execute(update(Source).where(Source.id == quist.id).values(merged_into_id=quist.id))
    with pytest.raises(IntegrityError):
        with session.begin_nested():
            session.execute(text("UPDATE sources SET merged_into_id = id WHERE name = 'Axios'"))
    with pytest.raises(Conflict, match="itself"):
        merges.merge_sources(session=session, target_id=quist.id, duplicate_id=quist.id)


# --- which sources merge ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("duplicate", "target"), [
    ("Axios", "Helena Quist"),          # the outlet into a person: every relay hop would become a person
    ("Helena Quist", "Axios"),
    ("Harbour Office", "Helena Quist"),  # an organization into a person
    ("Helena Quist", "the minister"),   # a typed source into one of unknown type: merge the other way
])
def test_sources_of_different_types_do_not_merge(session, article, analyst, duplicate, target):
    before = state(session)
    with pytest.raises(InvalidInput, match="sources of different types do not merge") as refused:
        merges.merge_sources(session=session, target_id=named(session, target).id,
                             duplicate_id=named(session, duplicate).id, user_id=analyst.id)
    assert duplicate in str(refused.value) and target in str(refused.value)
    assert state(session) == before
    assert session.scalars(select(SourceMerge)).all() == []


def test_a_source_of_unknown_type_merges_into_a_typed_one(session, article, analyst):
    minister, quist = named(session, "the minister"), named(session, "Helena Quist")
    merges.merge_sources(session=session, target_id=quist.id, duplicate_id=minister.id, user_id=analyst.id)
    assert repo.get_claim(session.scalars(select(Claim.id).where(Claim.text == "ships waited")).one(),
                          session=session).speaker.name == "Helena Quist"


def test_a_merge_into_a_merged_source_is_refused(session, article, analyst):
    helena, quist, minister = (named(session, n) for n in ("Helena Quist", "Quist", "the minister"))
    merges.merge_sources(session=session, target_id=helena.id, duplicate_id=quist.id, user_id=analyst.id)
    with pytest.raises(Conflict, match=rf"source {quist.id} \(Quist\) was merged into source {helena.id}: merge into"):
        merges.merge_sources(session=session, target_id=quist.id, duplicate_id=minister.id, user_id=analyst.id)
    with pytest.raises(Conflict, match="already"):
        merges.merge_sources(session=session, target_id=minister.id, duplicate_id=quist.id, user_id=analyst.id)


# --- unmerge ----------------------------------------------------------------------------------------------

def test_unmerge_restores_exactly_what_the_merge_moved(session, article, analyst, store):
    axios, reuters = named(session, "Axios"), named(session, "Reuters")
    # a source merged into the duplicate before: the merge re-points it, the unmerge points it back
    store("Reuters Wire said so.", publisher="X", sources={
        "s1": {"name": "Reuters Wire", "type": "outlet", "mentions": ["Reuters Wire"]}},
        claims=[{"text": "so", "speaker": ("s1", "Reuters Wire"), "cue": "said"}])
    merges.merge_sources(session=session, target_id=reuters.id, duplicate_id=named(session, "Reuters Wire").id,
                         user_id=analyst.id)
    before = state(session)

    merge = merges.merge_sources(session=session, target_id=axios.id, duplicate_id=reuters.id, user_id=analyst.id,
                                 note="one wire")
    merged = state(session)
    assert merged != before
    port = session.scalars(select(Claim).where(Claim.text == "the port was closed")).one()
    unn = named(session, "UNN").id
    assert [r.source_id for r in repo.get_claim(port.id, session=session).relays] == [axios.id, unn]
    assert merge.details["relays"] == [{"claim_id": port.id, "before": [axios.id, reuters.id, unn],
                                        "after": [axios.id, unn]}]

    unmerge = merges.unmerge_sources(session=session, target_id=axios.id, duplicate_id=reuters.id,
                                     user_id=analyst.id, note="two wires after all")
    assert state(session) == before
    assert (unmerge.action, unmerge.undoes_id, unmerge.details["kept"]) == (
        "unmerge", merge.id, {"claims": [], "relayed_claims": []})
    assert unmerge.details["relayed_claims"] == [port.id]
    assert unmerge.details["mentions"] == 2  # its own, and Reuters Wire's
    # recorded in both sources' history; each merge is undone once
    profile = repo.source_profile(reuters.id, session=session)
    assert profile.source.id == reuters.id
    assert [(h.action, h.target_id, h.duplicate_id) for h in profile.history] == [
        ("merge", reuters.id, named(session, "Reuters Wire").id), ("merge", axios.id, reuters.id),
        ("unmerge", axios.id, reuters.id)]
    assert profile.undone == {merge.id: profile.history[-1]}
    assert [h.note for h in repo.source_profile(axios.id, session=session).history] == [
        "one wire", "two wires after all"]
    with pytest.raises(Conflict, match="no merge to undo"):
        merges.unmerge_sources(session=session, target_id=axios.id, duplicate_id=reuters.id, user_id=analyst.id)
    with pytest.raises(IntegrityError):  # the database too: one unmerge per merge
        with session.begin_nested():
            session.add(SourceMerge(action="unmerge", target_id=axios.id, duplicate_id=reuters.id,
                                    undoes_id=merge.id, details={}))
    # and it may be merged again, and undone again
    again = merges.merge_sources(session=session, target_id=axios.id, duplicate_id=reuters.id, user_id=analyst.id)
    assert state(session) == merged | {"aliases": state(session)["aliases"]}
    merges.unmerge_sources(session=session, target_id=axios.id, duplicate_id=reuters.id, user_id=analyst.id)
    assert state(session) == before and again.id > merge.id


def test_unmerge_keeps_what_changed_since_the_merge(session, article, analyst):
    helena, quist = named(session, "Helena Quist"), named(session, "Quist")
    talks = session.scalars(select(Claim).where(Claim.text == "the talks went on")).one()
    merge = merges.merge_sources(session=session, target_id=helena.id, duplicate_id=quist.id, user_id=analyst.id)
    minister = named(session, "the minister")
    repo.correct_claim(session=session, claim_id=talks.id, user_id=analyst.id, speaker_id=minister.id)
    unmerge = merges.unmerge_sources(session=session, target_id=helena.id, duplicate_id=quist.id, user_id=analyst.id)
    assert unmerge.details["kept"]["claims"] == merge.details["claims"] == [talks.id]
    assert repo.get_claim(talks.id, session=session).speaker_source_id == minister.id
    session.expire_all()
    helena, quist = repo.get_source(helena.id, session=session), repo.get_source(quist.id, session=session)
    assert (quist.merged_into_id, helena.descriptors, helena.affiliation) == (None, ["envoy"], None)
    assert [a.alias for a in helena.aliases] == [] and quist.descriptors == ["minister"]


def test_unmerge_refusals(session, article, analyst, store):
    helena, quist, minister = (named(session, n) for n in ("Helena Quist", "Quist", "the minister"))
    with pytest.raises(Conflict, match="is not merged into"):
        merges.unmerge_sources(session=session, target_id=helena.id, duplicate_id=quist.id, user_id=analyst.id)
    merges.merge_sources(session=session, target_id=helena.id, duplicate_id=quist.id, user_id=analyst.id)
    store("Jan Berg said so.", publisher="X", sources={"s1": {"name": "Jan Berg", "type": "person"}},
          claims=[{"text": "so", "speaker": ("s1", "Jan Berg"), "cue": "said"}])
    berg = named(session, "Jan Berg")
    merges.merge_sources(session=session, target_id=berg.id, duplicate_id=helena.id, user_id=analyst.id)
    # the target was merged since: that merge is undone first, then this one
    with pytest.raises(Conflict, match=rf"source {helena.id} \(Helena Quist\) was merged into source {berg.id} since"):
        merges.unmerge_sources(session=session, target_id=helena.id, duplicate_id=quist.id, user_id=analyst.id)
    merges.unmerge_sources(session=session, target_id=berg.id, duplicate_id=helena.id, user_id=analyst.id)
    assert repo.get_source(quist.id, session=session).merged_into_id == helena.id
    merges.unmerge_sources(session=session, target_id=helena.id, duplicate_id=quist.id, user_id=analyst.id)
    # a merge recorded before merges kept what undoing needs
    legacy = SourceMerge(action="merge", target_id=helena.id, duplicate_id=minister.id, details={"claims": []})
    session.add(legacy)
    session.execute(update(Source).where(Source.id == minister.id).values(merged_into_id=helena.id))
    session.flush()
    session.expire_all()
    with pytest.raises(Conflict, match="cannot be undone"):
        merges.unmerge_sources(session=session, target_id=helena.id, duplicate_id=minister.id, user_id=analyst.id)
    with pytest.raises(AppendOnly):  # the history is append-only
        legacy.note = "rewritten"
        session.flush()


# --- loops of merges (left by the race before revision 0004) ------------------------------------------------

def test_a_loop_of_merges_is_read_without_endless_recursion(session, article, store):
    helena, quist = named(session, "Helena Quist"), named(session, "Quist")
    session.execute(update(Source).where(Source.id == helena.id).values(merged_into_id=quist.id))
    session.execute(update(Source).where(Source.id == quist.id).values(merged_into_id=helena.id))
    session.expire_all()
    lowest = min(helena.id, quist.id)
    for source_id in (helena.id, quist.id):
        assert repo.surviving_source(source_id, session=session).id == lowest
        assert repo.source_profile(source_id, session=session).source.id == lowest
    # a later article naming either lands on the same one, and is stored
    for name in ("Helena Quist", "Quist"):
        result = store(f"{name} said the port reopened.", publisher="TASS", sources={
            "s1": {"name": name, "type": "person", "mentions": [name]}},
            claims=[{"text": "the port reopened", "speaker": ("s1", name), "cue": "said"}])
        assert session.scalars(select(Claim.speaker_source_id)
                               .where(Claim.article_id == result.article.id)).one() == lowest


# --- relays take outlets ----------------------------------------------------------------------------------

def test_a_relay_correction_takes_only_outlets_and_no_repeated_hop(session, article, analyst):
    claim = session.scalars(select(Claim).where(Claim.text == "ships waited")).one()
    helena, axios, unn = named(session, "Helena Quist"), named(session, "Axios"), named(session, "UNN")
    before = repo.claim_snapshot(repo.get_claim(claim.id, session=session))
    for relay, words in [([helena.id, unn.id], "relay hop 1 is source .* \\(Helena Quist\\), a person"),
                         ([helena.id, helena.id, helena.id], "relay hop 1 .*a person"),
                         ([named(session, "the minister").id], "of unknown type"),
                         ([axios.id, axios.id, unn.id], "relay hops 1 and 2 are both source .* \\(Axios\\)"),
                         ([axios.id, unn.id, unn.id], "relay hops 2 and 3")]:
        with pytest.raises(InvalidInput, match=words):
            repo.correct_claim(session=session, claim_id=claim.id, user_id=analyst.id, relay=relay)
        with pytest.raises(InvalidInput, match=words):
            repo.create_claim(session=session, article_id=article.id, user_id=analyst.id, span=(0, 7),
                              kind="according_to", relay=relay)
    assert repo.claim_snapshot(repo.get_claim(claim.id, session=session)) == before
    # an outlet met again further down the chain is another hop, and fine
    repo.correct_claim(session=session, claim_id=claim.id, user_id=analyst.id, relay=[axios.id, unn.id, axios.id])
    assert [r.source_id for r in repo.get_claim(claim.id, session=session).relays] == [axios.id, unn.id, axios.id]
