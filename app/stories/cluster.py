"""Clustering claims into stories as they are stored: the one hook ingest calls (`cluster_article`).

For each new claim of an article, in id order: its fingerprint and buckets are stored, the claims that
share a bucket are its candidates (an indexed look-up, never a scan of the store), each candidate pair is
decided by `signals.decide` (a symmetric function of the two claims), and a positive pair is a link.
Stories are the connected components of the active links (union-find kept in `story_members`), each
named by its smallest claim id; since the decisions and the buckets do not depend on what else is
stored, the same articles in any order give the same stories.

An analyst's split marks the links across it 'cut'; a later claim that links to both sides then joins the
side it matches best, and its links to the other side are stored cut, so the split stands.
"""
from __future__ import annotations

import numpy as np
from sqlalchemy import exists, insert, select, update
from sqlalchemy.orm import Session

from app.store.models import Claim, Source
from app.stories.models import ClaimBucket, ClaimFingerprint, ClaimLink, StoryMember
from app.stories.signals import Fingerprint, decide, fingerprints
from app.stories.speakers import Speaker


def cluster_article(session: Session, article_id: int) -> int:
    """Fingerprint, index and link the article's claims that are not in a story yet; returns how many.

    One look-up finds the candidates of all of them; the claims are then added in id order, each linked
    to the stored candidates and to the article's claims added before it."""
    claims = session.scalars(
        select(Claim).where(Claim.article_id == article_id,
                            ~exists().where(StoryMember.claim_id == Claim.id)).order_by(Claim.id)).all()
    if not claims:
        return 0
    speakers = _speakers(session, claims)
    prints = dict(zip((c.id for c in claims), fingerprints(
        [c.text for c in claims], [speakers.get(c.speaker_source_id, Speaker(None)) for c in claims])))
    buckets = {claim_id: fp.buckets() for claim_id, fp in prints.items()}
    all_buckets = sorted({b for bs in buckets.values() for b in bs})
    stored_buckets: dict[str, list[int]] = {}
    for bucket, claim_id in session.execute(select(ClaimBucket.bucket, ClaimBucket.claim_id)
                                            .where(ClaimBucket.bucket.in_(all_buckets))).all():
        stored_buckets.setdefault(bucket, []).append(claim_id)
    known = load_fingerprints(session, {c for ids in stored_buckets.values() for c in ids})
    session.execute(insert(ClaimFingerprint), [
        {"claim_id": claim_id, "speaker": fp.speaker.to_json(), "words": sorted(fp.words),
         "minhash": fp.minhash.astype(np.uint64).tobytes(), "embedding": fp.embedding.astype(np.float32).tobytes()}
        for claim_id, fp in prints.items()])
    rows = [{"bucket": b, "claim_id": claim_id} for claim_id, bs in buckets.items() for b in bs]
    if rows:  # an empty list would insert one row of defaults
        session.execute(insert(ClaimBucket), rows)
    for claim_id, fp in prints.items():
        candidates = {c for b in buckets[claim_id] for c in stored_buckets.get(b, ())}
        links = {other: score for other in sorted(candidates)
                 if (score := decide(fp, known[other])) is not None}
        _join(session, claim_id, links)
        known[claim_id] = fp
        for b in buckets[claim_id]:
            stored_buckets.setdefault(b, []).append(claim_id)
    session.flush()
    return len(claims)


def _speakers(session: Session, claims: list[Claim]) -> dict[int, Speaker]:
    ids = {c.speaker_source_id for c in claims if c.speaker_source_id is not None}
    rows = session.scalars(select(Source).where(Source.id.in_(ids))).all() if ids else []
    return {s.id: Speaker(type=s.type, name=s.name, descriptors=tuple(s.descriptors or ()),
                          affiliation=s.affiliation, source_id=s.id) for s in rows}


def _join(session: Session, claim_id: int, links: dict[int, float]) -> None:
    """Store a new claim's links and put it in a story: the union of the stories it links to."""
    stories = _stories_of(session, list(links))
    joined = _joinable(session, stories, links)
    if links:
        session.execute(insert(ClaimLink), [
            {"claim_a": min(claim_id, other), "claim_b": max(claim_id, other), "score": score, "kind": "engine",
             "state": "active" if stories[other] in joined else "cut"} for other, score in links.items()])
    story_id = min([claim_id, *joined])
    if renamed := joined - {story_id}:  # the story keeping its id is not rewritten: joining a big one stays cheap
        session.execute(update(StoryMember).where(StoryMember.story_id.in_(renamed)).values(story_id=story_id))
    session.execute(insert(StoryMember), [{"claim_id": claim_id, "story_id": story_id}])


def load_fingerprints(session: Session, claim_ids) -> dict[int, Fingerprint]:
    ids = list(claim_ids)
    if not ids:
        return {}
    rows = session.execute(select(ClaimFingerprint.claim_id, ClaimFingerprint.words, ClaimFingerprint.minhash,
                                  ClaimFingerprint.embedding, ClaimFingerprint.speaker)
                           .where(ClaimFingerprint.claim_id.in_(ids))).all()
    return {r.claim_id: Fingerprint(words=frozenset(r.words), minhash=np.frombuffer(r.minhash, dtype=np.uint64),
                                    embedding=np.frombuffer(r.embedding, dtype=np.float32),
                                    speaker=Speaker.from_json(r.speaker)) for r in rows}


def _stories_of(session: Session, claim_ids: list[int]) -> dict[int, int]:
    if not claim_ids:
        return {}
    return dict(session.execute(select(StoryMember.claim_id, StoryMember.story_id)
                                .where(StoryMember.claim_id.in_(claim_ids))).all())


def _joinable(session: Session, stories: dict[int, int], links: dict[int, float]) -> set[int]:
    """The stories a new claim joins: all it links to, unless an analyst split some of them apart; then
    the one it matches best, and those not cut from it."""
    ids = set(stories.values())
    if len(ids) < 2 or not cut_between(session, ids):
        return ids
    best = stories[max(links, key=lambda c: (links[c], -c))]
    return {best} | {s for s in ids if s != best and not cut_between(session, {best, s})}


def cut_between(session: Session, story_ids: set[int]) -> bool:
    """Whether an analyst's split separated any two of these stories (a cut link between their members)."""
    members = select(StoryMember.claim_id).where(StoryMember.story_id.in_(story_ids))
    story_of_a = select(StoryMember.story_id).where(StoryMember.claim_id == ClaimLink.claim_a).scalar_subquery()
    story_of_b = select(StoryMember.story_id).where(StoryMember.claim_id == ClaimLink.claim_b).scalar_subquery()
    found = session.scalar(select(ClaimLink.claim_a).where(
        ClaimLink.state == "cut", ClaimLink.claim_a.in_(members), ClaimLink.claim_b.in_(members),
        story_of_a != story_of_b).limit(1))
    return found is not None
