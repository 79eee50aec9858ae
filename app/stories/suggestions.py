"""Merge suggestions for named sources: spelling and transliteration variants ('Zelensky' / 'Zelenskiy',
'Dmitriev' / 'Dmitriyev'), names with and without titles or first names ('Peskov' / 'Dmitry Peskov').

Two live sources of one type are suggested when their folded names (app.stories.names) agree: the same
full key, or the same surname with first names that agree where both have one. The evidence: both names,
the shared key, their aliases, their claim counts and the stories they share.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import Claim, Source
from app.stories.models import StoryMember
from app.stories.names import fold_name, surname_key
from app.stories.speakers import _same_organization, _same_person


@dataclass
class Suggestion:
    target_id: int
    target: str
    duplicate_id: int
    duplicate: str
    type: str
    key: str
    reasons: list[str] = field(default_factory=list)
    target_claims: int = 0
    duplicate_claims: int = 0
    shared_stories: int = 0


def merge_suggestions(*, session: Session, source_id: int | None = None, limit: int = 100) -> list[Suggestion]:
    """Suggested merges among live named people and organizations (optionally only those involving
    `source_id`); the source with more claims is the target."""
    rows = session.execute(select(Source.id, Source.name, Source.type).where(
        Source.anonymous.is_(False), Source.merged_into_id.is_(None),
        Source.type.in_(("person", "organization")))).all()
    blocks: dict[tuple[str, str], list] = defaultdict(list)
    for row in rows:
        key = surname_key(row.name) if row.type == "person" else fold_name(row.name)
        if key:
            blocks[(row.type, key)].append(row)
    pairs = []
    for (stype, key), group in blocks.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if source_id is not None and source_id not in (a.id, b.id):
                    continue
                same = _same_person(a.name, b.name) if stype == "person" else _same_organization(a.name, b.name)
                if same:
                    pairs.append((stype, key, a, b))
    if not pairs:
        return []
    ids = {r.id for _, _, a, b in pairs for r in (a, b)}
    counts = dict(session.execute(select(Claim.speaker_source_id, func.count(Claim.id))
                                  .where(Claim.speaker_source_id.in_(ids)).group_by(Claim.speaker_source_id)).all())
    stories: dict[int, set[int]] = defaultdict(set)
    for speaker, story in session.execute(select(Claim.speaker_source_id, StoryMember.story_id)
                                          .join(StoryMember, StoryMember.claim_id == Claim.id)
                                          .where(Claim.speaker_source_id.in_(ids))).all():
        stories[speaker].add(story)
    out = []
    for stype, key, a, b in pairs:
        target, duplicate = sorted((a, b), key=lambda r: (-counts.get(r.id, 0), r.id))
        reasons = _reasons(stype, key, a.name, b.name)
        shared = len(stories[a.id] & stories[b.id])
        if shared:
            reasons.append(f"quoted in {shared} of the same stories")
        out.append(Suggestion(target_id=target.id, target=target.name, duplicate_id=duplicate.id,
                              duplicate=duplicate.name, type=stype, key=key, reasons=reasons,
                              target_claims=counts.get(target.id, 0), duplicate_claims=counts.get(duplicate.id, 0),
                              shared_stories=shared))
    out.sort(key=lambda s: (-s.shared_stories, -(s.target_claims + s.duplicate_claims), s.target_id, s.duplicate_id))
    return out[:limit]


def _reasons(stype: str, key: str, a: str, b: str) -> list[str]:
    """Why two names look like one source, in words an analyst checks."""
    if fold_name(a) == fold_name(b):
        return [f"spelling variants: '{a}' and '{b}' both read '{fold_name(a)}'"]
    out = []
    last_a, last_b = a.split()[-1], b.split()[-1]
    if stype == "person" and last_a.casefold() != last_b.casefold():
        out.append(f"surname spelled '{last_a}' and '{last_b}' (both read '{key}')")
    elif stype == "person":
        out.append(f"same surname '{last_a}'")
    if stype == "person" and (len(fold_name(a).split()) == 1) != (len(fold_name(b).split()) == 1):
        out.append("one name without the first name")
    if stype == "organization":
        out.append(f"the words of one name are in the other: '{a}' and '{b}'")
    return out
