"""Buckets of stored claims computed again for the speaker blocks of 2026-12-06.

The semantic buckets of a claim are SimHash bands inside its speaker's blocks (app/stories/signals.py,
`speaker_blocks`). Blocks are now the telling words of a role or an organization's name ("company",
"chairman", "Corp", "bank" make none) and, for an unnamed source, its affiliation or its head noun, where
every unnamed source shared one block before. A claim stored with the old blocks would never meet a new
claim of a compatible speaker, so every stored claim's buckets are computed again from its stored
fingerprint (no model is loaded); fingerprints, links and stories stay as they are. The downgrade has
nothing to undo: the older code finds fewer candidates among these buckets, never wrong ones.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from app.stories.rebucket import recompute_buckets

    recompute_buckets(op.get_bind())


def downgrade() -> None:
    pass
