"""An index of the cut links alone (analysts' splits), which clustering reads before it joins stories.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_claim_links_cut", "claim_links", ["claim_a", "claim_b"],
                    sqlite_where=sa.text("state = 'cut'"), postgresql_where=sa.text("state = 'cut'"))


def downgrade() -> None:
    op.drop_index("ix_claim_links_cut", table_name="claim_links")
