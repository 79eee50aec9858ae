"""Merging a duplicate source into another, and undoing it: functions taking `*, session`, as in repository.

A merge folds `duplicate` into `target`: its claims, mentions, relay hops and names move to the target and
it stays as a row pointing there (`merged_into_id`). An unmerge puts back exactly what its merge moved.
Both are recorded, append-only, in `source_merges`: the source's history.

Both rows are locked before anything that decides the change is read, in the order of their ids
(SELECT ... FOR NO KEY UPDATE on PostgreSQL; SQLite's writers queue for one lock already): two merges of the
same sources, "A into B" and "B into A" at once, run one after the other, and the second finds the first's
work (its target or duplicate merged) and is refused. Without the locks both went through and left a source
merged into itself or two merged into each other.

Which sources merge (MERGEABLE_INTO): sources of one type; a source of unknown type into a typed one (the
engine could not tell what "the foreign minister" was; an analyst can); an anonymous source into a person or
an organization (naming who "a Kremlin official" was) or into an anonymous source of its own article. An
outlet never merges into a person, nor a person into an organization: a relay hop would become a speaker.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session, aliased, selectinload

from app.store.errors import Conflict, InvalidInput, NotFound
from app.store.models import Claim, ClaimRelay, Mention, Source, SourceAlias, SourceMerge, utcnow
from app.store.naming import name_key
from app.store.repository import _a, _analyst

MERGEABLE_INTO: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "organization": frozenset({"organization"}),
    "outlet": frozenset({"outlet"}),
    "document": frozenset({"document"}),
    "unknown": frozenset({"unknown", "person", "organization", "outlet", "document"}),
    "anonymous": frozenset({"anonymous", "person", "organization"}),
}
"""A duplicate of this type may merge into a target of these types."""


def check_mergeable(target: Source, duplicate: Source) -> None:
    """Raise unless `duplicate` may be folded into `target` (both read under lock): Conflict (409) for a
    merge the sources' state forbids, InvalidInput (422) for sources of types that do not merge."""
    if target.id == duplicate.id:
        raise Conflict("a source cannot be merged into itself")
    if target.merged_into_id is not None:
        raise Conflict(f"source {target.id} ({target.name}) was merged into source {target.merged_into_id}: "
                       "merge into that one")
    if duplicate.merged_into_id is not None:
        raise Conflict(f"source {duplicate.id} ({duplicate.name}) was merged into source "
                       f"{duplicate.merged_into_id} already")
    if target.anonymous and not duplicate.anonymous:
        raise Conflict("a named source cannot be merged into an anonymous one (merge the anonymous one into it)")
    if target.anonymous and duplicate.anonymous and target.article_id != duplicate.article_id:
        raise Conflict("anonymous sources of different articles are never merged")
    if target.type not in MERGEABLE_INTO[duplicate.type]:
        raise InvalidInput(
            f"source {duplicate.id} ({duplicate.name}) is {_a(duplicate.type)} and source {target.id} "
            f"({target.name}) {_a(target.type)}: sources of different types do not merge (a source of unknown "
            "type may merge into a typed one, an anonymous one into a person or an organization)")


def merge_sources(*, session: Session, target_id: int, duplicate_id: int, user_id: int | None = None,
                  note: str | None = None) -> SourceMerge:
    """Fold `duplicate` into `target`: its claims, mentions, relay hops and aliases move to the target, its
    name becomes an alias, its descriptors and affiliation complete the target's, and it stays as a row
    pointing to the target so that later articles naming it land there. Sources merged into the duplicate
    before now point at the target (every chain is one hop). The record keeps what moved, enough for
    `unmerge_sources` to put it back."""
    if target_id == duplicate_id:
        raise Conflict("a source cannot be merged into itself")
    if user_id is not None:
        _analyst(session, user_id)
    target, duplicate = _lock_pair(session, target_id, duplicate_id)
    check_mergeable(target, duplicate)

    own = {name_key(target.name)} | {a.alias_key for a in target.aliases}
    moved = []
    for alias in [*duplicate.aliases, SourceAlias(alias=duplicate.name, alias_key=name_key(duplicate.name))]:
        if alias.alias_key not in own:
            own.add(alias.alias_key)
            moved.append(alias.alias)
            target.aliases.append(SourceAlias(alias=alias.alias, alias_key=alias.alias_key))
    duplicate_aliases = [a.alias for a in duplicate.aliases]
    duplicate.aliases.clear()
    descriptors = [d for d in duplicate.descriptors if d not in target.descriptors]
    target.descriptors = [*target.descriptors, *descriptors]
    affiliation = duplicate.affiliation if target.affiliation is None else None
    target.affiliation = target.affiliation or duplicate.affiliation
    duplicate.merged_into_id = target.id
    session.flush()

    claims = list(session.scalars(select(Claim.id).where(Claim.speaker_source_id == duplicate.id).order_by(Claim.id)))
    session.execute(update(Claim).where(Claim.speaker_source_id == duplicate.id)
                    .values(speaker_source_id=target.id, updated_at=utcnow()))
    mentions = list(session.scalars(select(Mention.id).where(Mention.source_id == duplicate.id).order_by(Mention.id)))
    session.execute(update(Mention).where(Mention.source_id == duplicate.id).values(source_id=target.id))
    repointed = list(session.scalars(select(Source.id).where(Source.merged_into_id == duplicate.id,
                                                             Source.id != duplicate.id).order_by(Source.id)))
    session.execute(update(Source).where(Source.id.in_(repointed)).values(merged_into_id=target.id))
    relays = _repoint_relays(session, duplicate.id, target.id)
    details: dict[str, Any] = {
        "duplicate": {"name": duplicate.name, "type": duplicate.type, "anonymous": duplicate.anonymous,
                      "canonical_key": duplicate.canonical_key, "article_id": duplicate.article_id},
        "aliases": moved, "claims": claims, "mentions": len(mentions),
        "relayed_claims": [r["claim_id"] for r in relays],
        # what an unmerge needs besides: the duplicate's own aliases, what the target gained, the exact
        # mentions, each relay chain before and after, the sources re-pointed
        "duplicate_aliases": duplicate_aliases, "descriptors": descriptors, "affiliation": affiliation,
        "mention_ids": mentions, "relays": relays, "repointed": repointed,
    }
    record = SourceMerge(action="merge", target_id=target.id, duplicate_id=duplicate.id, user_id=user_id,
                         note=note, details=details)
    session.add(record)
    session.flush()
    session.expire_all()  # relay lists and sources loaded before are stale
    return record


def unmerge_sources(*, session: Session, target_id: int, duplicate_id: int, user_id: int,
                    note: str | None = None) -> SourceMerge:
    """Undo the merge of `duplicate` into `target`: the claims whose speaker it made the target, the
    mentions, relay hops, aliases, descriptors, affiliation and re-pointed sources go back as they were, and
    the duplicate is a source of its own again. What was changed since the merge stays as it is now (a
    claim whose speaker or relay an analyst corrected, a claim ingested later under the duplicate's name);
    the record of the unmerge lists what went back and what stayed. Refused (Conflict) unless the
    duplicate is merged into the target by a merge not undone yet, the target is not merged since, and the
    merge recorded what undoing it needs (merges before revision 0004 did not)."""
    _analyst(session, user_id)
    target, duplicate = _lock_pair(session, target_id, duplicate_id)
    undone = aliased(SourceMerge)
    merge = session.scalars(select(SourceMerge).where(
        SourceMerge.action == "merge", SourceMerge.target_id == target.id, SourceMerge.duplicate_id == duplicate.id,
        ~exists().where(undone.undoes_id == SourceMerge.id)).order_by(SourceMerge.id.desc())).first()
    if target.merged_into_id is not None:
        raise Conflict(f"source {target.id} ({target.name}) was merged into source {target.merged_into_id} since: "
                       f"unmerge it from there first")
    if merge is None or duplicate.merged_into_id != target.id:
        raise Conflict(f"source {duplicate.id} ({duplicate.name}) is not merged into source {target.id} "
                       f"({target.name}): there is no merge to undo")
    moved = merge.details
    if "mention_ids" not in moved:
        raise Conflict(f"merge {merge.id} was recorded before merges kept what undoing them needs: it cannot be "
                       "undone (correct the claims instead)")

    claims = list(session.scalars(select(Claim.id).where(Claim.id.in_(moved["claims"]),
                                                         Claim.speaker_source_id == target.id).order_by(Claim.id)))
    session.execute(update(Claim).where(Claim.id.in_(claims)).values(speaker_source_id=duplicate.id,
                                                                     updated_at=utcnow()))
    mentions = session.execute(update(Mention).where(Mention.id.in_(moved["mention_ids"]),
                                                     Mention.source_id == target.id)
                               .values(source_id=duplicate.id)).rowcount
    relayed = _restore_relays(session, moved["relays"])
    session.execute(update(Source).where(Source.id.in_(moved["repointed"]), Source.merged_into_id == target.id)
                    .values(merged_into_id=duplicate.id))
    gained = {name_key(alias) for alias in moved["aliases"]}
    target.aliases[:] = [a for a in target.aliases if a.alias_key not in gained]
    own = {name_key(duplicate.name)} | {a.alias_key for a in duplicate.aliases}
    for alias in moved["duplicate_aliases"]:
        if name_key(alias) not in own:
            own.add(name_key(alias))
            duplicate.aliases.append(SourceAlias(alias=alias, alias_key=name_key(alias)))
    target.descriptors = [d for d in target.descriptors if d not in moved["descriptors"]]
    if moved["affiliation"] is not None and target.affiliation == moved["affiliation"]:
        target.affiliation = None
    duplicate.merged_into_id = None
    details = {"claims": claims, "mentions": mentions, "relayed_claims": relayed,
               "aliases": [a for a in moved["aliases"]], "repointed": moved["repointed"],
               "kept": {"claims": [c for c in moved["claims"] if c not in claims],
                        "relayed_claims": [r["claim_id"] for r in moved["relays"] if r["claim_id"] not in relayed]}}
    record = SourceMerge(action="unmerge", target_id=target.id, duplicate_id=duplicate.id, undoes_id=merge.id,
                         user_id=user_id, note=note, details=details)
    session.add(record)
    session.flush()
    session.expire_all()
    return record


def _lock_pair(session: Session, target_id: int, duplicate_id: int) -> tuple[Source, Source]:
    """Both sources, with their aliases, locked in the order of their ids and read afresh."""
    rows: dict[int, Source] = {}
    for source_id in sorted({target_id, duplicate_id}):
        row = session.scalars(select(Source).where(Source.id == source_id).with_for_update(key_share=True)
                              .options(selectinload(Source.aliases))
                              .execution_options(populate_existing=True)).first()
        if row is None:
            raise NotFound(f"source {source_id} does not exist")
        rows[source_id] = row
    return rows[target_id], rows[duplicate_id]


def _chains(session: Session, claim_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each claim's relay as source ids, nearest to the speaker first."""
    table = ClaimRelay.__table__
    chains: dict[int, list[int]] = {}
    for claim_id, source_id in session.execute(select(table.c.claim_id, table.c.source_id)
                                               .where(table.c.claim_id.in_(list(claim_ids)))
                                               .order_by(table.c.claim_id, table.c.position)):
        chains.setdefault(claim_id, []).append(source_id)
    return chains


def _write_chains(session: Session, chains: dict[int, list[int]]) -> None:
    """Replace the relays of these claims (on the table: relay lists loaded before are stale)."""
    if not chains:
        return
    table = ClaimRelay.__table__
    session.execute(delete(table).where(table.c.claim_id.in_(list(chains))))
    rows = [{"claim_id": claim_id, "position": i, "source_id": source_id}
            for claim_id, chain in chains.items() for i, source_id in enumerate(chain)]
    if rows:
        session.execute(table.insert(), rows)


def _repoint_relays(session: Session, old: int, new: int) -> list[dict[str, Any]]:
    """Relay hops through `old` go through `new`; 'Axios → Axios' that this makes is one hop. Returns each
    changed claim's chain before and after ({"claim_id", "before", "after"}), for an unmerge."""
    claim_ids = set(session.scalars(select(ClaimRelay.claim_id).where(ClaimRelay.source_id == old)))
    changed: list[dict[str, Any]] = []
    for claim_id, before in sorted(_chains(session, claim_ids).items()):
        after: list[int] = []
        for source_id in (new if s == old else s for s in before):
            if not after or after[-1] != source_id:
                after.append(source_id)
        changed.append({"claim_id": claim_id, "before": before, "after": after})
    _write_chains(session, {c["claim_id"]: c["after"] for c in changed})
    return changed


def _restore_relays(session: Session, changes: Sequence[dict[str, Any]]) -> list[int]:
    """Put back the chains a merge rewrote, where they are still as the merge left them; returns the claims."""
    now = _chains(session, (c["claim_id"] for c in changes))
    restore = {c["claim_id"]: c["before"] for c in changes if now.get(c["claim_id"]) == c["after"]}
    _write_chains(session, restore)
    return sorted(restore)
