"""Analysts' corrections of stories: split claims out of a story, merge two stories. Each is recorded in
`story_reviews` (who, when, members before and after, note), append-only like the claims' reviews."""
from __future__ import annotations

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from app.store.errors import InvalidInput, NotFound
from app.store.models import User
from app.stories.cluster import lock_stories
from app.stories.models import ClaimLink, StoryMember, StoryReview


def members(session: Session, story_id: int) -> list[int]:
    return list(session.scalars(select(StoryMember.claim_id).where(StoryMember.story_id == story_id)
                                .order_by(StoryMember.claim_id)).all())


def _analyst(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    return user


def split_story(*, session: Session, story_id: int, claim_ids: list[int], user_id: int,
                note: str | None = None) -> tuple[int, int]:
    """Take `claim_ids` out of the story into a story of their own; returns (remaining story id, new story id).

    The engine's links across the split are marked 'cut' (a later claim cannot join the two again, see
    app/stories/cluster.py) and the moved claims are linked to each other by the analyst."""
    _analyst(session, user_id)
    lock_stories(session)  # no writer renames the story's members while they are read and moved
    before = members(session, story_id)
    if not before:
        raise NotFound(f"story {story_id} does not exist")
    moved = sorted(set(claim_ids))
    if not moved:
        raise InvalidInput("name the claims to split off (claim_ids)")
    if stray := [c for c in moved if c not in before]:
        raise InvalidInput(f"claims {stray} are not in story {story_id}")
    rest = [c for c in before if c not in moved]
    if not rest:
        raise InvalidInput("a split must leave at least one claim in the story")
    moved_set = set(moved)
    links = session.scalars(select(ClaimLink).where(
        or_(ClaimLink.claim_a.in_(before), ClaimLink.claim_b.in_(before)))).all()
    in_story = set(before)
    for link in links:
        crosses = (link.claim_a in moved_set) != (link.claim_b in moved_set)
        if crosses and link.claim_a in in_story and link.claim_b in in_story:
            link.state = "cut"
    existing = {(lk.claim_a, lk.claim_b) for lk in links}
    for a, b in zip(moved, moved[1:]):
        if (a, b) not in existing:
            session.add(ClaimLink(claim_a=a, claim_b=b, score=1.0, kind="analyst", state="active"))
    new_id, rest_id = min(moved), min(rest)
    session.execute(update(StoryMember).where(StoryMember.claim_id.in_(moved)).values(story_id=new_id))
    session.execute(update(StoryMember).where(StoryMember.claim_id.in_(rest)).values(story_id=rest_id))
    session.add(StoryReview(story_id=story_id, user_id=user_id, action="split", before={"members": before},
                            after={"stories": {str(rest_id): rest, str(new_id): moved}}, note=note))
    session.flush()
    return rest_id, new_id


def merge_stories(*, session: Session, story_id: int, other_id: int, user_id: int, note: str | None = None) -> int:
    """Merge story `other_id` into `story_id`; returns the merged story's id (its smallest claim id).
    Cut links between the two become active again."""
    _analyst(session, user_id)
    lock_stories(session)
    if story_id == other_id:
        raise InvalidInput("a story cannot be merged with itself")
    a, b = members(session, story_id), members(session, other_id)
    if not a:
        raise NotFound(f"story {story_id} does not exist")
    if not b:
        raise NotFound(f"story {other_id} does not exist")
    both = a + b
    session.execute(update(ClaimLink).where(ClaimLink.claim_a.in_(both), ClaimLink.claim_b.in_(both),
                                            ClaimLink.state == "cut").values(state="active"))
    x, y = sorted((min(a), min(b)))
    link = session.get(ClaimLink, (x, y))
    if link is None:
        session.add(ClaimLink(claim_a=x, claim_b=y, score=1.0, kind="analyst", state="active"))
    merged = min(both)
    session.execute(update(StoryMember).where(StoryMember.claim_id.in_(both)).values(story_id=merged))
    session.add(StoryReview(story_id=merged, user_id=user_id, action="merge",
                            before={"stories": {str(story_id): a, str(other_id): b}}, after={"members": sorted(both)},
                            note=note))
    session.flush()
    return merged


def story_history(session: Session, story_ids: list[int]) -> list[StoryReview]:
    return list(session.scalars(select(StoryReview).where(StoryReview.story_id.in_(story_ids))
                                .order_by(StoryReview.id)).all())
