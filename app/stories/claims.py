"""The story of each claim, for the claims' API and UI: its id and how many other outlets carry it."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import Article, Claim
from app.stories.models import StoryMember


@dataclass(frozen=True)
class ClaimStory:
    story_id: int
    also_reported_by: int   # outlets carrying the story besides the claim's own publisher


def claim_stories(session: Session, claim_ids: Iterable[int]) -> dict[int, ClaimStory]:
    ids = list(claim_ids)
    if not ids:
        return {}
    rows = session.execute(select(StoryMember.claim_id, StoryMember.story_id, Article.publisher)
                           .join(Claim, Claim.id == StoryMember.claim_id)
                           .join(Article, Article.id == Claim.article_id)
                           .where(StoryMember.claim_id.in_(ids))).all()
    stories = {story for _, story, _ in rows}
    outlets: dict[int, set[str]] = {}
    for story, publisher in session.execute(
            select(StoryMember.story_id, Article.publisher).distinct()
            .join(Claim, Claim.id == StoryMember.claim_id).join(Article, Article.id == Claim.article_id)
            .where(StoryMember.story_id.in_(stories), Article.publisher.is_not(None))).all():
        outlets.setdefault(story, set()).add(publisher)
    return {claim: ClaimStory(story, len(outlets.get(story, set()) - {publisher}))
            for claim, story, publisher in rows}


def add_stories(session: Session, items: list) -> list:
    """Set `story_id` and `also_reported_by` on ClaimOut items (app/schemas/api.py); returns them."""
    found = claim_stories(session, [c.id for c in items])
    for item in items:
        if (cs := found.get(item.id)) is not None:
            item.story_id, item.also_reported_by = cs.story_id, cs.also_reported_by
    return items


def with_stories(session: Session, article):
    """An ArticleDetail (app/schemas/api.py) with its claims' stories set; returns it."""
    add_stories(session, article.claims)
    return article


def add_claim_stories(session: Session, views: list[dict]) -> list[dict]:
    """Set "story_id" and "also_reported_by" on the UI's claim views (app/ui/routes.claim_view)."""
    found = claim_stories(session, [v["id"] for v in views])
    for view in views:
        cs = found.get(view["id"])
        view["story_id"], view["also_reported_by"] = (cs.story_id, cs.also_reported_by) if cs else (None, 0)
    return views
