"""Buckets of stored claims computed again from their stored fingerprints (no model is loaded): what a
migration runs when the buckets a fingerprint gives change (0011: speaker blocks of telling words; 0012: a
person's office in the person's block). Fingerprints, links and stories stay as they are. From 0013 on, a
bucket row holds its claim's day too (`fill_days`)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sqlalchemy as sa

from app.store.models import JSONType
from app.stories.signals import Fingerprint
from app.stories.speakers import Speaker

BATCH = 1000

# days since 1970-01-01 of the articles' published date: PostgreSQL subtracts dates; SQLite stores them as
# 'YYYY-MM-DD', whose Julian day is a whole day and a half
_DAYS = {"postgresql": "articles.published - DATE '1970-01-01'",
         "sqlite": "CAST(julianday(articles.published) - 2440587.5 AS INTEGER)"}


def fill_days(connection: sa.Connection, claim_ids: list[int] | None = None) -> None:
    """Set the day of the bucket rows of these claims (all: None) from their articles' published dates, as
    `app.stories.cluster.claim_day` does for new claims (undated articles' rows stay NULL), in one
    UPDATE ... FROM."""
    which = "" if claim_ids is None else f" AND claims.id IN ({', '.join(str(int(c)) for c in claim_ids)})"
    connection.execute(sa.text(
        f"UPDATE claim_buckets SET day = {_DAYS[connection.dialect.name]} FROM claims JOIN articles "
        "ON articles.id = claims.article_id WHERE claims.id = claim_buckets.claim_id "
        f"AND articles.published IS NOT NULL{which}"))


def recompute_buckets(connection: sa.Connection, wanted: Callable[[Speaker], bool] = lambda speaker: True) -> None:
    """Replace the buckets of every stored claim whose speaker is `wanted` by those its fingerprint gives
    now, `BATCH` claims at a time in id order."""
    fingerprints = sa.table("claim_fingerprints", sa.column("claim_id", sa.Integer), sa.column("words", JSONType),
                            sa.column("minhash", sa.LargeBinary), sa.column("embedding", sa.LargeBinary),
                            sa.column("speaker", JSONType))
    buckets = sa.table("claim_buckets", sa.column("claim_id", sa.Integer), sa.column("bucket", sa.String))
    days = any(c["name"] == "day" for c in sa.inspect(connection).get_columns("claim_buckets"))  # 0013 and later
    after = 0
    while True:
        rows = connection.execute(
            sa.select(fingerprints.c.claim_id, fingerprints.c.words, fingerprints.c.minhash,
                      fingerprints.c.embedding, fingerprints.c.speaker)
            .where(fingerprints.c.claim_id > after).order_by(fingerprints.c.claim_id).limit(BATCH)).all()
        if not rows:
            return
        after = rows[-1].claim_id
        prints = {row.claim_id: Fingerprint(words=frozenset(row.words or ()),
                                            minhash=np.frombuffer(row.minhash, dtype=np.uint64),
                                            embedding=np.frombuffer(row.embedding, dtype=np.float32),
                                            speaker=speaker)
                  for row in rows if wanted(speaker := Speaker.from_json(row.speaker))}
        if not prints:
            continue
        connection.execute(buckets.delete().where(buckets.c.claim_id.in_(list(prints))))
        new = [{"claim_id": claim_id, "bucket": b} for claim_id, fp in prints.items() for b in fp.buckets()]
        if new:
            connection.execute(buckets.insert(), new)
            if days:
                fill_days(connection, list(prints))
