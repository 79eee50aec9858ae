"""Opposite merges in real, concurrent transactions: "B into A" holds its transaction open while "A into B"
starts; the second waits for the first (for the source rows' locks on PostgreSQL, for the write lock on
SQLite) and is then refused, whatever the interleaving: no source merged into itself, no loop."""
from __future__ import annotations

import threading
import time

from sqlalchemy import select

from app.core.db import make_sessionmaker
from app.store import merges, repository
from app.store.errors import Conflict
from app.store.models import Source


def test_the_second_of_two_opposite_merges_waits_and_is_refused(committed_engine):
    factory = make_sessionmaker(committed_engine)
    with factory() as session:
        analyst = repository.create_user(session=session, name="Ann Analyst", role="analyst").id
        a = repository.create_source(session, name="Helena Quist", type="person", user=analyst).id
        b = repository.create_source(session, name="H. Quist", type="person", user=analyst).id
        session.commit()

    first = factory()
    merges.merge_sources(session=first, target_id=a, duplicate_id=b, user_id=analyst)  # not committed yet
    outcome: dict[str, object] = {}

    def opposite() -> None:
        with factory() as session:
            try:
                merges.merge_sources(session=session, target_id=b, duplicate_id=a, user_id=analyst)
                session.commit()
                outcome["result"] = "merged"
            except Conflict as exc:
                outcome["result"] = str(exc)

    thread = threading.Thread(target=opposite)
    thread.start()
    time.sleep(0.5)
    assert thread.is_alive(), f"the opposite merge did not wait for the first: {outcome}"
    first.commit()
    first.close()
    thread.join(timeout=30)
    assert outcome["result"] == f"source {b} (H. Quist) was merged into source {a}: merge into that one"
    with factory() as session:
        assert dict(session.execute(select(Source.id, Source.merged_into_id).where(Source.id.in_([a, b]))).all()) == {
            a: None, b: a}
