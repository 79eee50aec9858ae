"""Buckets of stored claims computed again where an organization is a person's office (2026-12-06).

A speaker named by a possessive ("Peskov's office", "Zelenskyy's office") is now also in the block of the
person whose office it is (app/stories/signals.py, `speaker_blocks`; app/stories/speakers.py,
`person_owner`), so that the office's claims meet the person's. A claim stored before would never meet a new
claim of the person through that block, so the buckets of every stored claim whose speaker is such an
organization are computed again from its stored fingerprint (no model is loaded); other claims' buckets do
not change. The downgrade has nothing to undo: the older code finds fewer candidates, never wrong ones.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from app.stories.rebucket import recompute_buckets
    from app.stories.speakers import person_owner

    recompute_buckets(op.get_bind(), lambda speaker: speaker.type == "organization"
                      and person_owner(speaker.name) is not None)


def downgrade() -> None:
    pass
