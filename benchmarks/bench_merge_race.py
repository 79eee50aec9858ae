"""Opposite merges at once: how often do they leave the sources corrupted? (issue 8, item 1)

Each repetition runs TRIALS pairs of sources, A and B, each the speaker of a claim in its own article; for
each pair two threads, released together by a barrier, merge "B into A" and "A into B" through the
repository function, each in its own transaction. A pair is corrupted unless exactly one merge went through
and the other was refused (Conflict), the loser is merged into the winner (no source merged into itself, no
loop), the loser keeps no claim, mention or relay hop, and both profiles can be read.

    .venv/bin/python benchmarks/bench_merge_race.py                       # PostgreSQL, 20 repetitions of 8
    .venv/bin/python benchmarks/bench_merge_race.py --url sqlite:///var/race.db --repetitions 5

On PostgreSQL the script creates a database of its own on the server of --url (default TEST_DATABASE_URL,
else postgresql+psycopg://postgres@127.0.0.1:5432/test), named whosaid_merge_race_<pid>, and drops it at the
end; a SQLite URL names a file that is created afresh.
"""
from __future__ import annotations

import argparse
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, func, or_, select, text
from sqlalchemy.engine import make_url

from app.core.db import make_engine, make_sessionmaker
from app.schemas.annotation import Annotation
from app.services.ingest import store_annotation
from app.store import migrate, repository
from app.store.errors import Conflict
from app.store.models import Claim, ClaimRelay, Mention, Source

try:
    from app.store.merges import merge_sources
except ImportError:  # the code before issue 8: merges lived in the repository
    merge_sources = repository.merge_sources


def pair_article(n: int, rep: int) -> Annotation:
    a, b = f"Alma Race{rep}x{n}", f"Bert Race{rep}x{n}"
    text_ = f"{a} said the port was closed. {b} told Axios the port was open."
    spans = {name: (text_.index(name), text_.index(name) + len(name)) for name in (a, b)}
    claims = []
    for i, (sid, name, said) in enumerate([("s1", a, "the port was closed"), ("s2", b, "the port was open")], 1):
        start = text_.index(said)
        claims.append({"id": f"c{i}", "text": said, "start": start, "end": start + len(said), "kind": "indirect",
                       "cue": None, "speaker": {"source": sid, "text": name, "start": spans[name][0],
                                                "end": spans[name][1]},
                       "relay": ["s3"] if sid == "s2" else [], "confidence": 0.9})
    sources = [{"id": "s1", "name": a, "type": "person", "anonymous": False,
                "mentions": [{"text": a, "start": spans[a][0], "end": spans[a][1]}]},
               {"id": "s2", "name": b, "type": "person", "anonymous": False,
                "mentions": [{"text": b, "start": spans[b][0], "end": spans[b][1]}]},
               {"id": "s3", "name": "Axios", "type": "outlet", "anonymous": False}]
    return Annotation.model_validate({"text": text_, "publisher": "UNN", "published": "2025-11-19",
                                      "claims": claims, "sources": sources})


def one_trial(factory, analyst: int, a: int, b: int) -> str | None:
    """Run the two opposite merges at once; None when the outcome is sound, else what is wrong."""
    barrier = threading.Barrier(2, timeout=30)

    def merge(pair: tuple[int, int]) -> str:
        with factory() as session:
            barrier.wait()
            try:
                merge_sources(session=session, target_id=pair[0], duplicate_id=pair[1], user_id=analyst)
                session.commit()
                return "merged"
            except Conflict:
                session.rollback()
                return "refused"

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(merge, [(a, b), (b, a)]))
    if sorted(outcomes) != ["merged", "refused"]:
        return f"outcomes {outcomes}"
    winner, loser = (a, b) if outcomes[0] == "merged" else (b, a)
    with factory() as session:
        merged_into = dict(session.execute(select(Source.id, Source.merged_into_id)
                                           .where(Source.id.in_([a, b]))).all())
        if merged_into != {winner: None, loser: winner}:
            return f"merged_into {merged_into}"
        left = session.scalar(select(func.count()).select_from(Claim).where(Claim.speaker_source_id == loser))
        left += session.scalar(select(func.count()).select_from(Mention).where(Mention.source_id == loser))
        left += session.scalar(select(func.count()).select_from(ClaimRelay).where(ClaimRelay.source_id == loser))
        if left:
            return f"{left} claims, mentions or hops left on the merged source"
        for source_id in (a, b):
            try:
                repository.source_profile(source_id, session=session)
            except RecursionError:
                return f"the profile of {source_id} recurses"
    return None


def run(url: str, repetitions: int, trials: int) -> tuple[int, int, list[str]]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = make_sessionmaker(engine)
    with factory() as session:
        analyst = repository.create_user(session=session, name="race analyst", role="analyst").id
        session.commit()
    problems: list[str] = []
    for rep in range(repetitions):
        pairs = []
        with factory() as session:
            for n in range(trials):
                article = store_annotation(session, pair_article(n, rep), pipeline_version="bench").article
                ids = session.scalars(select(Claim.speaker_source_id).where(Claim.article_id == article.id)
                                      .order_by(Claim.position)).all()
                pairs.append(tuple(ids))
            session.commit()
        bad = [p for p in (one_trial(factory, analyst, a, b) for a, b in pairs) if p]
        print(f"repetition {rep + 1}: {trials - len(bad)}/{trials} sound" + (f"; {bad}" if bad else ""), flush=True)
        problems += bad
    with factory() as session:  # the whole database: no source merged into itself, no two into each other
        loops = session.scalar(select(func.count()).select_from(Source).where(or_(
            Source.merged_into_id == Source.id,
            Source.merged_into_id.in_(select(Source.id).where(Source.merged_into_id.is_not(None))))))
    engine.dispose()
    return repetitions * trials, loops, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("TEST_DATABASE_URL")
                        or "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--trials", type=int, default=8)
    args = parser.parse_args()
    url = make_url(args.url)
    if url.get_backend_name() == "sqlite":
        Path(url.database).unlink(missing_ok=True)
        print(f"SQLite {url.database}")
        pairs, loops, problems = run(args.url, args.repetitions, args.trials)
    else:
        name = f"whosaid_merge_race_{os.getpid()}"
        server = create_engine(url, isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        print(f"PostgreSQL {url.set(database=name).render_as_string(hide_password=True)}")
        try:
            pairs, loops, problems = run(url.set(database=name).render_as_string(hide_password=False),
                                         args.repetitions, args.trials)
        finally:
            with server.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            server.dispose()
    print(f"{pairs} pairs of opposite merges ({args.repetitions} repetitions of {args.trials}): "
          f"{len(problems)} corrupted, {loops} sources in a loop or merged into a merged source")


if __name__ == "__main__":
    main()
