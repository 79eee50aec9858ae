"""Claims: an index on (speaker_source_id, id) in place of the one on speaker_source_id.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

A source's latest claims (`WHERE speaker_source_id = ? ... ORDER BY id DESC LIMIT n`: the source profile,
GET /v1/claims?speaker=) become a range of this index; PostgreSQL walked the primary key backward instead,
filtering out the other speakers' claims. The new index serves every lookup the old one did (its first
column), so the old one goes. On SQLite the two are alike (an index entry ends with the rowid).
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_claims_speaker_source_id_id", "claims", ["speaker_source_id", "id"])
    op.drop_index("ix_claims_speaker_source_id", table_name="claims")


def downgrade() -> None:
    op.create_index("ix_claims_speaker_source_id", "claims", ["speaker_source_id"])
    op.drop_index("ix_claims_speaker_source_id_id", table_name="claims")
