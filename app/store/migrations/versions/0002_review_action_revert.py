"""Reviews: the "revert" action (repository.revert_review puts a claim back as it was before a review).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

The constraint gets the name the models give it, ck_reviews_action (0001 created it as
ck_reviews_ck_reviews_action: the naming convention was applied to a name that already followed it).
Downgrading rewrites "revert" reviews as "correct" (the claim before and after are kept): that is how an
undo was recorded before this revision.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ACTIONS = ("accept", "reject", "correct", "create")
NEW_ACTIONS = (*OLD_ACTIONS, "revert")


def _one_of(values: tuple[str, ...]) -> str:
    return f"action IN ({', '.join(repr(v) for v in values)})"


OLD_NAME = "ck_reviews_ck_reviews_action"
NEW_NAME = "ck_reviews_action"


def _replace_check(old_name: str, new_name: str, actions: tuple[str, ...]) -> None:
    # SQLite cannot alter a constraint: batch mode copies the table (PostgreSQL alters it in place);
    # op.f(): the names are final, not to be run through the naming convention again
    with op.batch_alter_table("reviews") as batch:
        batch.drop_constraint(op.f(old_name), type_="check")
        batch.create_check_constraint(op.f(new_name), _one_of(actions))


def upgrade() -> None:
    _replace_check(OLD_NAME, NEW_NAME, NEW_ACTIONS)


def downgrade() -> None:
    reviews = sa.table("reviews", sa.column("action", sa.String))
    op.execute(reviews.update().where(reviews.c.action == "revert").values(action="correct"))
    _replace_check(NEW_NAME, OLD_NAME, OLD_ACTIONS)
