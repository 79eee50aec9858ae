"""Stories: claim fingerprints, the candidate index (LSH buckets), claim links, story members, story reviews.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

Articles stored before this revision have no fingerprints; they join stories when re-annotated.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "claim_fingerprints",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("speaker", JSONType, nullable=False),
        sa.Column("words", JSONType, nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_claim_fingerprints_claim_id_claims",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", name="pk_claim_fingerprints"),
    )
    op.create_table(
        "claim_buckets",
        sa.Column("bucket", sa.String(length=40), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_claim_buckets_claim_id_claims",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("bucket", "claim_id", name="pk_claim_buckets"),
    )
    op.create_index("ix_claim_buckets_claim_id", "claim_buckets", ["claim_id"])
    op.create_table(
        "claim_links",
        sa.Column("claim_a", sa.Integer(), nullable=False),
        sa.Column("claim_b", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.CheckConstraint("claim_a < claim_b", name="ck_claim_links_order"),
        sa.CheckConstraint("kind IN ('engine', 'analyst')", name="ck_claim_links_kind"),
        sa.CheckConstraint("state IN ('active', 'cut')", name="ck_claim_links_state"),
        sa.ForeignKeyConstraint(["claim_a"], ["claims.id"], name="fk_claim_links_claim_a_claims", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["claim_b"], ["claims.id"], name="fk_claim_links_claim_b_claims", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_a", "claim_b", name="pk_claim_links"),
    )
    op.create_index("ix_claim_links_claim_b", "claim_links", ["claim_b"])
    op.create_table(
        "story_members",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_story_members_claim_id_claims",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", name="pk_story_members"),
    )
    op.create_index("ix_story_members_story_id", "story_members", ["story_id"])
    op.create_table(
        "story_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("before", JSONType, nullable=True),
        sa.Column("after", JSONType, nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(),
                  nullable=False),
        sa.CheckConstraint("action IN ('split', 'merge')", name="ck_story_reviews_action"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_story_reviews_user_id_users",
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_story_reviews"),
    )
    op.create_index("ix_story_reviews_story_id", "story_reviews", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_story_reviews_story_id", table_name="story_reviews")
    op.drop_table("story_reviews")
    op.drop_index("ix_story_members_story_id", table_name="story_members")
    op.drop_table("story_members")
    op.drop_index("ix_claim_links_claim_b", table_name="claim_links")
    op.drop_table("claim_links")
    op.drop_index("ix_claim_buckets_claim_id", table_name="claim_buckets")
    op.drop_table("claim_buckets")
    op.drop_table("claim_fingerprints")
