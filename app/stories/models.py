"""The tables of stories (README, "Stories"); imported by app.store.models so that Base.metadata has them.

claims ─ claim_fingerprints      what matching reads: speaker, content words, MinHash, embedding
claims ─< claim_buckets          the candidate index: LSH bands of the MinHash and of the embedding's signs,
                                 with the claim's day (the window of candidates)
claims ─< claim_links >─ claims  pair decisions (engine) and analysts' links; `state` 'cut' when split apart
claims ─ story_members           the story a claim is in: the smallest claim id of its linked component
story_reviews                    analysts' splits and merges, append-only like `reviews`
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    event,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.store.errors import AppendOnly
from app.store.models import Base, JSONType, utcnow

LINK_KINDS = ("engine", "analyst")
LINK_STATES = ("active", "cut")
STORY_ACTIONS = ("split", "merge")


class ClaimFingerprint(Base):
    __tablename__ = "claim_fingerprints"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    speaker: Mapped[dict[str, Any]] = mapped_column(JSONType)
    words: Mapped[list[str]] = mapped_column(JSONType)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)


class ClaimBucket(Base):
    """A claim in one of its buckets, with its day (`cluster.claim_day`: its article's published date as days
    since 1970-01-01, None when the article has no date), so that a look-up reads only the claims of a
    window of days (`ix_claim_buckets_bucket_day`). The key, claim first, serves deleting a claim's buckets."""

    __tablename__ = "claim_buckets"
    __table_args__ = (Index("ix_claim_buckets_bucket_day", "bucket", "day"),)

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    bucket: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[int | None] = mapped_column(Integer)


class ClaimLink(Base):
    """Two claims judged to state the same thing; `claim_a` < `claim_b`."""

    __tablename__ = "claim_links"
    __table_args__ = (
        CheckConstraint("claim_a < claim_b", name="order"),
        CheckConstraint("kind IN ('engine', 'analyst')", name="kind"),
        CheckConstraint("state IN ('active', 'cut')", name="state"),
        Index("ix_claim_links_claim_b", "claim_b"),
        # the analysts' cuts, few among many links: what clustering checks before joining stories
        Index("ix_claim_links_cut", "claim_a", "claim_b", sqlite_where=text("state = 'cut'"),
              postgresql_where=text("state = 'cut'")),
    )

    claim_a: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    claim_b: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    score: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(16), default="engine")
    state: Mapped[str] = mapped_column(String(16), default="active")


class StoryMember(Base):
    __tablename__ = "story_members"
    __table_args__ = (Index("ix_story_members_story_id", "story_id"),)

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    story_id: Mapped[int] = mapped_column(Integer)


class StoryReview(Base):
    """An analyst's split or merge of stories, with the members before and after; never changed."""

    __tablename__ = "story_reviews"
    __table_args__ = (
        CheckConstraint("action IN ('split', 'merge')", name="action"),
        Index("ix_story_reviews_story_id", "story_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    action: Mapped[str] = mapped_column(String(16))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    note: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


@event.listens_for(StoryReview, "before_update")
@event.listens_for(StoryReview, "before_delete")
def _story_reviews_are_append_only(_mapper, _connection, target: StoryReview) -> None:
    raise AppendOnly(f"story review {target.id} cannot be changed or deleted: reviews are append-only")
