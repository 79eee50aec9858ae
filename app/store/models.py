"""The store's tables as SQLAlchemy 2.0 typed models (DESIGN.md, "Storage").

articles ─< claims ─< claim_relays >─ sources ─< source_aliases
    │          └─< reviews >─ users ─< api_keys       │
    └─< mentions >──────────────────────────────────────┘
                                   sources ─< source_merges (merge / unmerge history)

Named sources (people, organizations, outlets, documents) are shared by all articles and found again by
`canonical_key` ("person:kirill dmitriev"); anonymous sources ("a Ukrainian official") belong to one
article (`article_id`) and keep a `grouping_key` (description + affiliation) to be grouped, never merged.
A source merged into another stays as a row pointing to it (`merged_into_id`, never itself), so that its
key still resolves to the surviving source when a later article names it again.

Every relationship is `lazy="raise"`: repository functions load what they return explicitly.
Schema changes go through Alembic (app/store/migrations); tests check that the migrations match this file.
"""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.store.errors import AppendOnly

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("reader", "analyst", "admin")
SOURCE_TYPES = ("person", "organization", "outlet", "anonymous", "document", "unknown")
CLAIM_KINDS = ("direct", "indirect", "mixed", "according_to")
REVIEW_STATUSES = ("unreviewed", "accepted", "rejected", "corrected")
CLAIM_ORIGINS = ("engine", "analyst")
REVIEW_ACTIONS = ("accept", "reject", "correct", "create", "revert")
MERGE_ACTIONS = ("merge", "unmerge")

# JSONB on PostgreSQL (indexable, compact), JSON text elsewhere
JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_one_of("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    api_keys: Mapped[list[ApiKey]] = relationship(back_populates="user", lazy="raise", passive_deletes=True)

    def __repr__(self) -> str:
        return f"User(id={self.id}, name={self.name!r}, role={self.role!r})"


class ApiKey(Base):
    """An API key, stored as the SHA-256 of the whole key; `prefix` (public) finds the row."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    prefix: Mapped[str] = mapped_column(String(32), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(back_populates="api_keys", lazy="raise")


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_publisher", "publisher"),
        Index("ix_articles_published", "published"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(16))
    source_format: Mapped[str] = mapped_column(String(16), default="text")
    pipeline_version: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow,
                                                 server_default=func.now())

    claims: Mapped[list[Claim]] = relationship(back_populates="article", lazy="raise", order_by="Claim.position",
                                               passive_deletes=True)
    mentions: Mapped[list[Mention]] = relationship(back_populates="article", lazy="raise",
                                                   order_by="Mention.start", passive_deletes=True)

    @property
    def sources(self) -> list[Source]:
        """The sources the article's claims and mentions refer to, in order of first appearance
        (speakers, relay hops, mentions); needs `claims` (with speaker and relays) and `mentions` loaded."""
        seen: dict[int, Source] = {}
        for claim in self.claims:
            for src in ([claim.speaker] if claim.speaker is not None else []) + [r.source for r in claim.relays]:
                seen.setdefault(src.id, src)
        for mention in self.mentions:
            seen.setdefault(mention.source.id, mention.source)
        return list(seen.values())

    def __repr__(self) -> str:
        return f"Article(id={self.id}, publisher={self.publisher!r}, published={self.published})"


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (
        CheckConstraint(_one_of("type", SOURCE_TYPES), name="type"),
        # a named source is global and has a canonical key; an anonymous one belongs to one article
        CheckConstraint("(anonymous AND article_id IS NOT NULL AND canonical_key IS NULL) OR "
                        "(NOT anonymous AND article_id IS NULL AND canonical_key IS NOT NULL)", name="scope"),
        # merges are locked and checked (app.store.merges); this makes a self-merge impossible anyway
        CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id", name="not_merged_into_itself"),
        Index("ix_sources_type_name", "type", "name"),
        Index("ix_sources_article_id", "article_id"),
        Index("ix_sources_grouping_key", "grouping_key"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(16))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    affiliation: Mapped[str | None] = mapped_column(String(300))
    descriptors: Mapped[list[str]] = mapped_column(JSONType, default=list)
    canonical_key: Mapped[str | None] = mapped_column(String(600), unique=True)
    grouping_key: Mapped[str | None] = mapped_column(String(900))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    aliases: Mapped[list[SourceAlias]] = relationship(back_populates="source", lazy="raise",
                                                      cascade="all, delete-orphan", passive_deletes=True,
                                                      order_by="SourceAlias.id")
    merged_into: Mapped[Source | None] = relationship(remote_side=[id], lazy="raise")

    def __repr__(self) -> str:
        return f"Source(id={self.id}, name={self.name!r}, type={self.type!r})"


class SourceAlias(Base):
    """Another name a source goes by ("Dmitriev", "RDIF head"), found in mentions or given by analysts."""

    __tablename__ = "source_aliases"
    __table_args__ = (
        UniqueConstraint("source_id", "alias_key"),
        Index("ix_source_aliases_alias_key", "alias_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(500))
    alias_key: Mapped[str] = mapped_column(String(500))

    source: Mapped[Source] = relationship(back_populates="aliases", lazy="raise")


class Mention(Base):
    """A span of an article's text that refers to a source (a name, a pronoun, "the envoy")."""

    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_source_id", "source_id"),
        Index("ix_mentions_article_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    source: Mapped[Source] = relationship(lazy="raise")
    article: Mapped[Article] = relationship(back_populates="mentions", lazy="raise")


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(_one_of("kind", CLAIM_KINDS), name="kind"),
        CheckConstraint(_one_of("review_status", REVIEW_STATUSES), name="review_status"),
        CheckConstraint(_one_of("origin", CLAIM_ORIGINS), name="origin"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        CheckConstraint('start >= 0 AND start < "end"', name="span"),
        Index("ix_claims_article_id_position", "article_id", "position"),
        # a speaker's claims newest first (source profile, ?speaker=): a range of the index, not the primary key
        Index("ix_claims_speaker_source_id_id", "speaker_source_id", "id"),
        Index("ix_claims_kind", "kind"),
        Index("ix_claims_review_status", "review_status"),
        Index("ix_claims_confidence", "confidence"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, doc="1-based order of the claim in its article")
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    cue_text: Mapped[str | None] = mapped_column(String(300))
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    speaker_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    why: Mapped[list[str]] = mapped_column(JSONType, default=list, server_default=sql_text("'[]'"),
                                           doc="the engine's trace: the rules that decided the claim")
    review_status: Mapped[str] = mapped_column(String(16), default="unreviewed", server_default="unreviewed")
    origin: Mapped[str] = mapped_column(String(16), default="engine", server_default="engine")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow,
                                                 server_default=func.now())

    article: Mapped[Article] = relationship(back_populates="claims", lazy="raise")
    speaker: Mapped[Source | None] = relationship(lazy="raise")
    relays: Mapped[list[ClaimRelay]] = relationship(back_populates="claim", lazy="raise",
                                                    order_by="ClaimRelay.position", cascade="all, delete-orphan",
                                                    passive_deletes=True)

    @property
    def relay_sources(self) -> list[Source]:
        """The relay chain, nearest to the speaker first (needs `relays` and their sources loaded)."""
        return [r.source for r in self.relays]

    def __repr__(self) -> str:
        return f"Claim(id={self.id}, article_id={self.article_id}, kind={self.kind!r}, text={self.text[:40]!r})"


class ClaimRelay(Base):
    """One hop of a claim's relay chain; `position` 0 is nearest to the speaker, the last is the publisher."""

    __tablename__ = "claim_relays"
    __table_args__ = (Index("ix_claim_relays_source_id", "source_id"),)

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))

    claim: Mapped[Claim] = relationship(back_populates="relays", lazy="raise")
    source: Mapped[Source] = relationship(lazy="raise")


class Review(Base):
    """An analyst's decision on a claim, with the claim before and after it; rows are never changed."""

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint(_one_of("action", REVIEW_ACTIONS), name="action"),
        Index("ix_reviews_claim_id", "claim_id"),
        Index("ix_reviews_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    action: Mapped[str] = mapped_column(String(16))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    user: Mapped[User] = relationship(lazy="raise")
    claim: Mapped[Claim] = relationship(lazy="raise")


class SourceMerge(Base):
    """A source's history, append-only: `action` "merge" folded `duplicate` into `target`, with what moved
    (`details`); "unmerge" undid the merge `undoes_id` (each merge at most once), with what was put back."""

    __tablename__ = "source_merges"
    __table_args__ = (
        CheckConstraint(_one_of("action", MERGE_ACTIONS), name="action"),
        CheckConstraint("(action = 'merge' AND undoes_id IS NULL) OR (action = 'unmerge' AND undoes_id IS NOT NULL)",
                        name="undoes"),
        Index("ix_source_merges_target_id", "target_id"),
        Index("ix_source_merges_duplicate_id", "duplicate_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16), default="merge", server_default="merge")
    target_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    duplicate_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("source_merges.id", ondelete="CASCADE"), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    target: Mapped[Source] = relationship(foreign_keys=[target_id], lazy="raise")
    duplicate: Mapped[Source] = relationship(foreign_keys=[duplicate_id], lazy="raise")
    user: Mapped[User | None] = relationship(lazy="raise")


@event.listens_for(Review, "before_update")
@event.listens_for(Review, "before_delete")
def _reviews_are_append_only(_mapper, _connection, target: Review) -> None:
    raise AppendOnly(f"review {target.id} cannot be changed or deleted: reviews are append-only")


@event.listens_for(SourceMerge, "before_update")
@event.listens_for(SourceMerge, "before_delete")
def _merges_are_append_only(_mapper, _connection, target: SourceMerge) -> None:
    raise AppendOnly(f"merge record {target.id} cannot be changed or deleted: a merge is undone by an unmerge")


JOB_ITEM_STATUSES = ("stored", "known", "duplicate", "failed")


class Job(Base):
    """A corpus sent to the workers (`whosaid ingest --queue`, POST /v1/jobs). Its progress is its items'
    rows: one per item once decided, so that a task run twice (redelivered after a worker died) counts once."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    label: Mapped[str | None] = mapped_column(String(200))
    runner: Mapped[str] = mapped_column(String(16), doc="celery (a broker's workers) or local (the service's pool)")
    total: Mapped[int | None] = mapped_column(Integer, doc="items enqueued; None while they are being enqueued")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class JobItem(Base):
    """What became of one item of a job: stored, known (stored before), duplicate, or failed with the reason."""

    __tablename__ = "job_items"
    __table_args__ = (CheckConstraint(_one_of("status", JOB_ITEM_STATUSES), name="status"),)

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[str] = mapped_column(Text, doc="where the item came from: file:line, a URL, upload:N")
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class FetchSlot(Base):
    """One of a host's fetch slots, shared by every worker of queued URL jobs (app/jobs/hosts.py): taken
    until `busy_until` (a lease, so that a worker that dies frees it), and when its last fetch started."""

    __tablename__ = "fetch_slots"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    busy_until: Mapped[float] = mapped_column(Float, default=0.0, doc="epoch seconds; free when in the past")
    started_at: Mapped[float] = mapped_column(Float, default=0.0, doc="epoch seconds of its last fetch's start")


# the stories' tables (claim fingerprints, candidate buckets, links, members) live with their code
from app.stories import models as _story_models  # noqa: E402,F401
