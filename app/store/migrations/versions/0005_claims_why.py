"""Claims: `why`, the engine's trace (the rules that decided the claim's cue, span, speaker and each hop).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

Stored as the annotation gives it (a JSON list of short strings) so that the review UI can show an analyst
why the engine attributed a claim as it did. Claims stored before this revision get an empty trace.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


# plain ALTER TABLE on both databases (SQLite >= 3.35 drops columns): a batch copy of `claims` on SQLite would
# drop the table, and with it, through ON DELETE CASCADE, every review and relay of the claims


def upgrade() -> None:
    op.add_column("claims", sa.Column("why", JSON, nullable=False, server_default=sa.text("'[]'")))


def downgrade() -> None:
    op.drop_column("claims", "why")
