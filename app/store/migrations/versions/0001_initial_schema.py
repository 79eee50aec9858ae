"""Initial schema: articles, sources (+ aliases, mentions, merges), claims (+ relays, reviews), users, api_keys.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("publisher", sa.String(300), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("source_format", sa.String(16), nullable=False),
        sa.Column("pipeline_version", sa.String(200), nullable=False),
        _created_at(),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_articles_publisher", "articles", ["publisher"])
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        _created_at(),
        sa.CheckConstraint("role IN ('reader', 'analyst', 'admin')", name="ck_users_role"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )

    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(32), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("label", sa.String(200), nullable=True),
        _created_at(),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_api_keys_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        sa.UniqueConstraint("prefix", name="uq_api_keys_prefix"),
    )
    op.create_index("ix_api_keys_user_id", "api_keys", ["user_id"])

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("affiliation", sa.String(300), nullable=True),
        sa.Column("descriptors", JSON, nullable=False),
        sa.Column("canonical_key", sa.String(600), nullable=True),
        sa.Column("grouping_key", sa.String(900), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        _created_at(),
        sa.CheckConstraint("type IN ('person', 'organization', 'outlet', 'anonymous', 'document', 'unknown')",
                           name="ck_sources_type"),
        # a named source is global and has a canonical key; an anonymous one belongs to one article
        sa.CheckConstraint("(anonymous AND article_id IS NOT NULL AND canonical_key IS NULL) OR "
                           "(NOT anonymous AND article_id IS NULL AND canonical_key IS NOT NULL)",
                           name="ck_sources_scope"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_sources_article_id_articles",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["merged_into_id"], ["sources.id"], name="fk_sources_merged_into_id_sources",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("canonical_key", name="uq_sources_canonical_key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sources_type_name", "sources", ["type", "name"])
    op.create_index("ix_sources_article_id", "sources", ["article_id"])
    op.create_index("ix_sources_grouping_key", "sources", ["grouping_key"])

    op.create_table(
        "source_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(500), nullable=False),
        sa.Column("alias_key", sa.String(500), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_source_aliases_source_id_sources",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_source_aliases"),
        sa.UniqueConstraint("source_id", "alias_key", name="uq_source_aliases_source_id_alias_key"),
    )
    op.create_index("ix_source_aliases_alias_key", "source_aliases", ["alias_key"])

    op.create_table(
        "source_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("duplicate_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("details", JSON, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _created_at(),
        sa.ForeignKeyConstraint(["target_id"], ["sources.id"], name="fk_source_merges_target_id_sources",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["duplicate_id"], ["sources.id"], name="fk_source_merges_duplicate_id_sources",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_source_merges_user_id_users", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_source_merges"),
    )
    op.create_index("ix_source_merges_target_id", "source_merges", ["target_id"])
    op.create_index("ix_source_merges_duplicate_id", "source_merges", ["duplicate_id"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_mentions_source_id_sources",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_mentions_article_id_articles",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    op.create_index("ix_mentions_source_id", "mentions", ["source_id"])
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("cue_text", sa.String(300), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("speaker_source_id", sa.Integer(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("review_status", sa.String(16), server_default="unreviewed", nullable=False),
        sa.Column("origin", sa.String(16), server_default="engine", nullable=False),
        _created_at(),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("kind IN ('direct', 'indirect', 'mixed', 'according_to')", name="ck_claims_kind"),
        sa.CheckConstraint("review_status IN ('unreviewed', 'accepted', 'rejected', 'corrected')",
                           name="ck_claims_review_status"),
        sa.CheckConstraint("origin IN ('engine', 'analyst')", name="ck_claims_origin"),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_claims_confidence"),
        sa.CheckConstraint('start >= 0 AND start < "end"', name="ck_claims_span"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_claims_article_id_articles",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["speaker_source_id"], ["sources.id"], name="fk_claims_speaker_source_id_sources",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_claims_article_id_position", "claims", ["article_id", "position"])
    op.create_index("ix_claims_speaker_source_id", "claims", ["speaker_source_id"])
    op.create_index("ix_claims_kind", "claims", ["kind"])
    op.create_index("ix_claims_review_status", "claims", ["review_status"])
    op.create_index("ix_claims_confidence", "claims", ["confidence"])

    op.create_table(
        "claim_relays",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_claim_relays_claim_id_claims",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_claim_relays_source_id_sources",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "position", name="pk_claim_relays"),
    )
    op.create_index("ix_claim_relays_source_id", "claim_relays", ["source_id"])

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before", JSON, nullable=True),
        sa.Column("after", JSON, nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _created_at(),
        sa.CheckConstraint("action IN ('accept', 'reject', 'correct', 'create')", name="ck_reviews_action"),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_reviews_claim_id_claims", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_reviews_user_id_users", ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
    )
    op.create_index("ix_reviews_claim_id", "reviews", ["claim_id"])
    op.create_index("ix_reviews_user_id", "reviews", ["user_id"])


def downgrade() -> None:
    for table in ("reviews", "claim_relays", "claims", "mentions", "source_merges", "source_aliases", "sources",
                  "api_keys", "users", "articles"):
        op.drop_table(table)  # drops the table's indexes with it
