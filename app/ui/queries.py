"""What the review pages ask of the store beyond app.store.repository: the inbox's filters and counts,
the claims on one relay edge, and undoing a decision (the repository's revert_review, or the rejection of
a claim an analyst created).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from app.store import repository
from app.store.errors import Conflict, NotFound
from app.store.models import Article, Claim, Review
from app.store.naming import name_key



def low_confidence_threshold() -> float:
    """Claims under this confidence are "low confidence": the confidence model's threshold
    (``models/confidence.json``; 0.5, since its confidence is the probability that a claim is fully
    correct, and one under 0.5 is more likely wrong than right)."""
    from app.nlp.confidence.model import get_confidence_model

    return get_confidence_model().low_confidence


@dataclass(frozen=True)
class InboxRow:
    id: int
    title: str | None
    publisher: str | None
    published: object
    claims: int
    reviewed: int
    low: int


def inbox(*, session: Session, unreviewed: bool = False, low_confidence: bool = False,
          publisher: str | None = None, speaker: str | None = None, limit: int = 200) -> list[InboxRow]:
    """Articles, newest first, with their numbers of claims, reviewed claims and unreviewed low-confidence
    claims. Filters: articles with an unreviewed claim; with an unreviewed claim of low confidence; by
    publisher; with a claim by a speaker whose name or alias contains `speaker`."""
    low = low_confidence_threshold()
    stmt = select(Article.id, Article.title, Article.publisher, Article.published,
                  func.count(Claim.id), func.count(case((Claim.review_status != "unreviewed", 1))),
                  func.count(case((and_(Claim.confidence < low, Claim.review_status == "unreviewed"), 1)))
                  ).outerjoin(Claim, Claim.article_id == Article.id).group_by(Article.id)
    if publisher:
        stmt = stmt.where(Article.publisher == publisher)
    if unreviewed:
        stmt = stmt.where(_has_claim(lambda c: c.review_status == "unreviewed"))
    if low_confidence:
        stmt = stmt.where(_has_claim(lambda c: and_(c.confidence < low, c.review_status == "unreviewed")))
    if speaker:
        speakers = repository.source_ids_named(speaker, substring=True)
        stmt = stmt.where(_has_claim(lambda c: c.speaker_source_id.in_(speakers)))
    rows = session.execute(stmt.order_by(Article.id.desc()).limit(limit)).all()
    return [InboxRow(*row) for row in rows]


def _has_claim(condition) -> ColumnElement[bool]:
    """EXISTS a claim of the article (the outer query's row) meeting `condition(claim)`. The subquery reads
    its own alias of claims: the outer query joins claims too, and an unaliased subquery would be
    correlated to that join and left with no FROM clause at all."""
    other = aliased(Claim)
    return exists().where(other.article_id == Article.id, condition(other)).correlate(Article)


def neighbours(article_id: int, *, session: Session) -> tuple[int | None, int | None]:
    """The articles above and below this one in the inbox (newest first): (previous, next)."""
    previous = session.scalar(select(func.min(Article.id)).where(Article.id > article_id))
    following = session.scalar(select(func.max(Article.id)).where(Article.id < article_id))
    return previous, following


def next_unreviewed(*, session: Session, article_id: int | None = None, after_position: int = 0
                    ) -> tuple[int, int] | None:
    """(article id, claim id) of the next unreviewed claim for an analyst working through the inbox: in
    `article_id` after `after_position`; else the first of the next article down the inbox that has one
    (newest first), going round to the top; else one earlier in `article_id`. None when every claim is
    reviewed. Without `article_id`, the first unreviewed claim from the top of the inbox."""
    unreviewed = Claim.review_status == "unreviewed"

    def first(*conditions) -> tuple[int, int] | None:
        row = session.execute(select(Claim.article_id, Claim.id).where(unreviewed, *conditions)
                              .order_by(Claim.article_id.desc(), Claim.position).limit(1)).first()
        return (row[0], row[1]) if row is not None else None

    if article_id is None:
        return first()
    return (first(Claim.article_id == article_id, Claim.position > after_position)
            or first(Claim.article_id < article_id)
            or first(Claim.article_id > article_id)
            or first(Claim.article_id == article_id))


def edge_claims(source_id: int, target_name: str, *, session: Session, limit: int = 200) -> list[Claim]:
    """Claims passed from `source_id` to the outlet named `target_name`: consecutive hops of the relay, or
    the last hop to the article's publisher (as repository.relay_edges counts them)."""
    page = repository.list_claims(session=session, outlet_id=source_id, limit=repository.MAX_LIMIT)
    key = name_key(target_name)
    out = []
    for claim in page.items:
        hops = claim.relays
        for i, hop in enumerate(hops):
            if hop.source_id != source_id:
                continue
            nxt = hops[i + 1].source if i + 1 < len(hops) else None
            if (nxt is not None and name_key(nxt.name) == key) or (
                    nxt is None and claim.article.publisher and name_key(claim.article.publisher) == key):
                out.append(claim)
                break
    return out[:limit]


def undo(review_id: int, *, session: Session, user_id: int) -> Review:
    """Revert a decision with a new review (repository.revert_review: history stays append-only). Only the
    claim's latest review can be undone; an analyst's new claim is undone by rejecting it."""
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound(f"review {review_id} does not exist")
    note = f"undo of review {review.id} ({review.action})"
    if review.action != "create":
        return repository.revert_review(session, claim_id=review.claim_id, review_id=review.id, user=user_id,
                                        note=note)
    latest = session.scalar(select(func.max(Review.id)).where(Review.claim_id == review.claim_id))
    if latest != review.id:
        raise Conflict("a later decision on this claim exists: undo that one first")
    return repository.review_claim(session=session, claim_id=review.claim_id, user_id=user_id, action="reject",
                                   note=note)


def reviewer_names(claim_ids: Sequence[int], *, session: Session) -> dict[int, list[Review]]:
    """Every claim's reviews, oldest first, with their users, in one query (the review page's histories)."""
    from sqlalchemy.orm import joinedload

    out: dict[int, list[Review]] = {cid: [] for cid in claim_ids}
    if not claim_ids:
        return out
    for review in session.scalars(select(Review).where(Review.claim_id.in_(claim_ids))
                                  .options(joinedload(Review.user)).order_by(Review.created_at, Review.id)):
        out[review.claim_id].append(review)
    return out
