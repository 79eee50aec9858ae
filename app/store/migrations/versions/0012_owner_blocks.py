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

import numpy as np
import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    from app.store.models import JSONType
    from app.stories.signals import Fingerprint
    from app.stories.speakers import Speaker, person_owner

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
        after = rows[-1].claim_id
        prints = {}
        for row in rows:
            speaker = Speaker.from_json(row.speaker)
            if speaker.type == "organization" and person_owner(speaker.name) is not None:
                prints[row.claim_id] = Fingerprint(words=frozenset(row.words or ()),
                                                   minhash=np.frombuffer(row.minhash, dtype=np.uint64),
                                                   embedding=np.frombuffer(row.embedding, dtype=np.float32),
                                                   speaker=speaker)
        if not prints:
            continue
        connection.execute(buckets.delete().where(buckets.c.claim_id.in_(list(prints))))
        new = [{"claim_id": claim_id, "bucket": b} for claim_id, fp in prints.items() for b in fp.buckets()]
        if new:
            connection.execute(buckets.insert(), new)


def downgrade() -> None:
    pass
