"""Sources: no source is merged into itself; source_merges becomes the merge / unmerge history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

- sources: CHECK ck_sources_not_merged_into_itself (merged_into_id <> id). Two opposite merges at once
  could leave a source merged into itself, or two merged into each other, on PostgreSQL: such a loop is
  broken first, its lowest id made live again (the source the code reads a loop as; see
  repository.surviving_source), so that the constraint can be added.
- source_merges: `action` ("merge", or "unmerge" for a row that undid the merge `undoes_id`), each merge
  undone at most once (a unique `undoes_id`).

Downgrading drops the unmerge rows (the merges they undid stay recorded, and their sources stay as the
unmerges left them) and the two columns and constraints.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCES = sa.table("sources", sa.column("id", sa.Integer), sa.column("merged_into_id", sa.Integer))


def _merge_loops(merged_into: dict[int, int]) -> set[int]:
    """The lowest id of every loop of merges (a source merged into itself is a loop of one)."""
    lowest: set[int] = set()
    done: set[int] = set()
    for start in merged_into:
        path: list[int] = []
        node: int | None = start
        while node in merged_into and node not in done and node not in path:
            path.append(node)
            node = merged_into[node]
        if node in path:
            lowest.add(min(path[path.index(node):]))
        done.update(path)
    return lowest


def upgrade() -> None:
    connection = op.get_bind()
    merged_into = dict(connection.execute(sa.select(SOURCES.c.id, SOURCES.c.merged_into_id)
                                          .where(SOURCES.c.merged_into_id.is_not(None))).all())
    live_again = _merge_loops(merged_into)
    if live_again:
        connection.execute(SOURCES.update().where(SOURCES.c.id.in_(sorted(live_again))).values(merged_into_id=None))
    with op.batch_alter_table("sources") as batch:
        batch.create_check_constraint(op.f("ck_sources_not_merged_into_itself"),
                                      "merged_into_id IS NULL OR merged_into_id <> id")
    with op.batch_alter_table("source_merges") as batch:
        batch.add_column(sa.Column("action", sa.String(16), server_default="merge", nullable=False))
        batch.add_column(sa.Column("undoes_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_source_merges_undoes_id_source_merges"), "source_merges",
                                 ["undoes_id"], ["id"], ondelete="CASCADE")
        batch.create_unique_constraint(op.f("uq_source_merges_undoes_id"), ["undoes_id"])
        batch.create_check_constraint(op.f("ck_source_merges_action"), "action IN ('merge', 'unmerge')")
        batch.create_check_constraint(op.f("ck_source_merges_undoes"),
                                      "(action = 'merge' AND undoes_id IS NULL) OR "
                                      "(action = 'unmerge' AND undoes_id IS NOT NULL)")


def downgrade() -> None:
    merges = sa.table("source_merges", sa.column("action", sa.String))
    op.execute(merges.delete().where(merges.c.action == "unmerge"))
    with op.batch_alter_table("source_merges") as batch:
        batch.drop_constraint(op.f("ck_source_merges_undoes"), type_="check")
        batch.drop_constraint(op.f("ck_source_merges_action"), type_="check")
        batch.drop_constraint(op.f("uq_source_merges_undoes_id"), type_="unique")
        batch.drop_constraint(op.f("fk_source_merges_undoes_id_source_merges"), type_="foreignkey")
        batch.drop_column("undoes_id")
        batch.drop_column("action")
    with op.batch_alter_table("sources") as batch:
        batch.drop_constraint(op.f("ck_sources_not_merged_into_itself"), type_="check")
