"""Fingerprints keep names capitalised: the content words of claims clustered before names were told
apart are computed again from the claims' text.

Matching reads a capitalised content word as a name (app/stories/signals.py: claims sharing only names
need the strict semantic match); fingerprints stored before that rule hold every word in lowercase, so
their claims matched more loosely than claims stored since. The MinHash, the buckets and the embedding
are computed from lowercase words and the text, so they stay as they are, and so do the links already
decided. The downgrade has nothing to undo: lowercase words are what the older code wrote, and it reads
capitalised ones the same way.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    from app.store.models import JSONType
    from app.stories.signals import content_words

    connection = op.get_bind()
    fingerprints = sa.table("claim_fingerprints", sa.column("claim_id", sa.Integer), sa.column("words", JSONType))
    claims = sa.table("claims", sa.column("id", sa.Integer), sa.column("text", sa.Text))
    after = 0
    while True:
        rows = connection.execute(
            sa.select(fingerprints.c.claim_id, fingerprints.c.words, claims.c.text)
            .join(claims, claims.c.id == fingerprints.c.claim_id)
            .where(fingerprints.c.claim_id > after).order_by(fingerprints.c.claim_id).limit(BATCH)).all()
        if not rows:
            return
        changed = [{"id": claim_id, "new": sorted(content_words(text))} for claim_id, words, text in rows
                   if sorted(content_words(text)) != sorted(words or [])]
        if changed:
            connection.execute(fingerprints.update().where(fingerprints.c.claim_id == sa.bindparam("id"))
                               .values(words=sa.bindparam("new")), changed)
        after = rows[-1].claim_id


def downgrade() -> None:
    pass
