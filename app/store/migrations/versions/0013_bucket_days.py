"""The day of a claim on its bucket rows, for the window of candidates (2026-12-06).

Two claims are candidates only when their articles' published dates are at most `stories_window_days`
apart (app/stories/cluster.py, `near`); a look-up reads the rows of its buckets within a window of days
through an index on (bucket, day). The column holds the claim's article's published date as days since
1970-01-01, NULL for an undated article (whose claims stay candidates of every claim), and is filled for
stored rows from their claims' articles in one UPDATE ... FROM (app/stories/rebucket.py, `fill_days`). The
primary key becomes (claim_id, bucket), which serves deleting a claim's buckets as the index on claim_id
did, so a new row still updates two indexes. Links and stories stay as they are: the window decides only
which claims stored from now on meet.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from app.stories.rebucket import fill_days

    with op.batch_alter_table("claim_buckets") as batch:
        batch.add_column(sa.Column("day", sa.Integer(), nullable=True))
        batch.drop_index("ix_claim_buckets_claim_id")
        batch.drop_constraint("pk_claim_buckets", type_="primary")
        batch.create_primary_key("pk_claim_buckets", ["claim_id", "bucket"])
    fill_days(op.get_bind())
    op.create_index("ix_claim_buckets_bucket_day", "claim_buckets", ["bucket", "day"])


def downgrade() -> None:
    op.drop_index("ix_claim_buckets_bucket_day", table_name="claim_buckets")
    with op.batch_alter_table("claim_buckets") as batch:
        batch.drop_constraint("pk_claim_buckets", type_="primary")
        batch.create_primary_key("pk_claim_buckets", ["bucket", "claim_id"])
        batch.drop_column("day")
        batch.create_index("ix_claim_buckets_claim_id", ["claim_id"])
