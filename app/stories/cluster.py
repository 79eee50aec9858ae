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
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from app.store.models import Claim, Source
from app.stories.models import ClaimBucket, ClaimFingerprint, ClaimLink, StoryMember
from app.stories.signals import Fingerprint, decide, fingerprints
from app.stories.speakers import Speaker


def cluster_article(session: Session, article_id: int) -> int:
    """Fingerprint, index and link the article's claims that are not in a story yet; returns how many."""
    claims = session.scalars(
        select(Claim).where(Claim.article_id == article_id,
                            ~Claim.id.in_(select(StoryMember.claim_id))).order_by(Claim.id)).all()
    if not claims:
        return 0
    speakers = _speakers(session, claims)
    prints = fingerprints([c.text for c in claims], [speakers.get(c.speaker_source_id, Speaker(None)) for c in claims])
    for claim, fp in zip(claims, prints):
        _add_claim(session, claim.id, fp)
    session.flush()
    return len(claims)


def _speakers(session: Session, claims: list[Claim]) -> dict[int, Speaker]:
    ids = {c.speaker_source_id for c in claims if c.speaker_source_id is not None}
    rows = session.scalars(select(Source).where(Source.id.in_(ids))).all() if ids else []
    return {s.id: Speaker(type=s.type, name=s.name, descriptors=tuple(s.descriptors or ()),
                          affiliation=s.affiliation, source_id=s.id) for s in rows}


def _add_claim(session: Session, claim_id: int, fp: Fingerprint) -> None:
    buckets = fp.buckets()
    candidate_ids = session.scalars(
        select(ClaimBucket.claim_id).where(ClaimBucket.bucket.in_(buckets)).distinct()).all()
    session.add(ClaimFingerprint(claim_id=claim_id, speaker=fp.speaker.to_json(), words=sorted(fp.words),
                                 minhash=fp.minhash.astype(np.uint64).tobytes(),
                                 embedding=fp.embedding.astype(np.float32).tobytes()))
    session.add_all(ClaimBucket(bucket=b, claim_id=claim_id) for b in buckets)
    links: dict[int, float] = {}
    for other_id, other in load_fingerprints(session, candidate_ids).items():
        if other_id != claim_id and (score := decide(fp, other)) is not None:
            links[other_id] = score
    stories = _stories_of(session, list(links))
    joined = _joinable(session, stories, links)
    for other_id, score in links.items():
        a, b = sorted((claim_id, other_id))
        state = "active" if stories[other_id] in joined else "cut"
        session.add(ClaimLink(claim_a=a, claim_b=b, score=round(score, 4), kind="engine", state=state))
    story_id = min([claim_id, *joined])
    if joined:
        session.execute(update(StoryMember).where(StoryMember.story_id.in_(joined)).values(story_id=story_id))
    session.add(StoryMember(claim_id=claim_id, story_id=story_id))
    session.flush()


def load_fingerprints(session: Session, claim_ids) -> dict[int, Fingerprint]:
    rows = session.scalars(select(ClaimFingerprint).where(ClaimFingerprint.claim_id.in_(list(claim_ids)))).all()
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
        ClaimLink.state == "cut", ClaimLink.kind == "engine",
        and_(ClaimLink.claim_a.in_(members), ClaimLink.claim_b.in_(members)),
        or_(story_of_a != story_of_b)).limit(1))
    return found is not None
