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

import numpy as np
import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    from app.store.models import JSONType
    from app.stories.signals import Fingerprint
    from app.stories.speakers import Speaker

    connection = op.get_bind()
    fingerprints = sa.table("claim_fingerprints", sa.column("claim_id", sa.Integer), sa.column("words", JSONType),
                            sa.column("minhash", sa.LargeBinary), sa.column("embedding", sa.LargeBinary),
                            sa.column("speaker", JSONType))
    buckets = sa.table("claim_buckets", sa.column("claim_id", sa.Integer), sa.column("bucket", sa.String))
    after = 0
    while True:
        rows = connection.execute(
            sa.select(fingerprints.c.claim_id, fingerprints.c.words, fingerprints.c.minhash,
                      fingerprints.c.embedding, fingerprints.c.speaker)
            .where(fingerprints.c.claim_id > after).order_by(fingerprints.c.claim_id).limit(BATCH)).all()
        if not rows:
            return
        prints = {row.claim_id: Fingerprint(words=frozenset(row.words or ()),
                                            minhash=np.frombuffer(row.minhash, dtype=np.uint64),
                                            embedding=np.frombuffer(row.embedding, dtype=np.float32),
                                            speaker=Speaker.from_json(row.speaker)) for row in rows}
        connection.execute(buckets.delete().where(buckets.c.claim_id.in_(list(prints))))
        new = [{"claim_id": claim_id, "bucket": b} for claim_id, fp in prints.items() for b in fp.buckets()]
        if new:
            connection.execute(buckets.insert(), new)
        after = rows[-1].claim_id


def downgrade() -> None:
    pass
