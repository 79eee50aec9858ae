"""Fingerprints and buckets of stored claims computed again by the matching of 2026-12-05.

Since the claims were fingerprinted (0007), matching changed in three ways that stored rows must follow,
or old and new claims would be matched by different rules:
- content words keep names capitalised (claims sharing only names need the strict semantic match);
- the buckets (app/stories/signals.py): MinHash bands of the words of two letters or more, none whose
  minima come from one word; SimHash bands of 8 bits, 32 of them.
Words, MinHash and buckets are computed from each claim's text and its stored embedding and speaker (no
model is loaded); the links already decided stay as they are, so stories stay as analysts saw them.
The downgrade has nothing to undo: the older code reads these rows as its own.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    from app.store.models import JSONType
    from app.stories.signals import Fingerprint, content_words, minhash
    from app.stories.speakers import Speaker

    connection = op.get_bind()
    fingerprints = sa.table("claim_fingerprints", sa.column("claim_id", sa.Integer), sa.column("words", JSONType),
                            sa.column("minhash", sa.LargeBinary), sa.column("embedding", sa.LargeBinary),
                            sa.column("speaker", JSONType))
    buckets = sa.table("claim_buckets", sa.column("claim_id", sa.Integer), sa.column("bucket", sa.String))
    claims = sa.table("claims", sa.column("id", sa.Integer), sa.column("text", sa.Text))
    after = 0
    while True:
        rows = connection.execute(
            sa.select(fingerprints.c.claim_id, fingerprints.c.embedding, fingerprints.c.speaker, claims.c.text)
            .join(claims, claims.c.id == fingerprints.c.claim_id)
            .where(fingerprints.c.claim_id > after).order_by(fingerprints.c.claim_id).limit(BATCH)).all()
        if not rows:
            return
        prints = {}
        for row in rows:
            words = content_words(row.text)
            prints[row.claim_id] = Fingerprint(words=words, minhash=minhash(w.lower() for w in words),
                                               embedding=np.frombuffer(row.embedding, dtype=np.float32),
                                               speaker=Speaker.from_json(row.speaker))
        connection.execute(fingerprints.update().where(fingerprints.c.claim_id == sa.bindparam("id"))
                           .values(words=sa.bindparam("new_words"), minhash=sa.bindparam("new_minhash")),
                           [{"id": claim_id, "new_words": sorted(fp.words),
                             "new_minhash": fp.minhash.astype(np.uint64).tobytes()} for claim_id, fp in prints.items()])
        connection.execute(buckets.delete().where(buckets.c.claim_id.in_(list(prints))))
        new = [{"claim_id": claim_id, "bucket": b} for claim_id, fp in prints.items() for b in fp.buckets()]
        if new:
            connection.execute(buckets.insert(), new)
        after = rows[-1].claim_id


def downgrade() -> None:
    pass
