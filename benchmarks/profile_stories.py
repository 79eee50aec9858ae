"""Where the store's time goes as the store of stories grows (PostgreSQL, clustering on).

    python benchmarks/bench_stories.py annotate          # once: the Reuters annotations, with their dates
    python benchmarks/profile_stories.py [--at 2000,10000,18784] [--block 256]

Stores the cached annotations (``benchmarks/results/reuters-annotations.jsonl``) in order with
``store_batch``, 32 a transaction as ``whosaid ingest`` does, into a fresh PostgreSQL database, and for the
blocks of ``--block`` articles from each ``--at`` on reports per article: the writer's time, clustering's
time by phase (the functions of app/stories/cluster.py), the SQL time summed by the line of app code that
sent each statement, the rows of the buckets' look-up and the pair decisions, and the size of
``claim_buckets`` and its indexes with the index pages read from outside PostgreSQL's shared buffers
(``pg_statio_user_indexes``) during the block. Results in ``benchmarks/results/profile-stories.json``.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
import traceback

from _common import REPO_ROOT, RESULTS, git_state, migrated_engine, pg_drop, pg_recreate, pg_url, write_json

DATABASE = "whosaid_profile_stories"
PHASES = ("_cluster_articles", "fingerprints", "lock_stories", "_unclustered", "_speakers", "_article_days",
          "_stored_buckets", "load_fingerprints", "_insert_buckets")


class Probe:
    """Times clustering's phases, counts decisions and look-up rows, and sums SQL time by calling line,
    while `on`."""

    def __init__(self, cluster, engine) -> None:
        from sqlalchemy import event

        self.on = False
        self.phase: collections.Counter = collections.Counter()
        self.count: collections.Counter = collections.Counter()
        self.sql: collections.Counter = collections.Counter()
        lookup = cluster._stored_buckets

        def counted_lookup(*args, **kwargs):
            found = lookup(*args, **kwargs)
            if self.on:
                self.count["lookup_rows"] += sum(len(v) for v in found.values())
            return found

        decide = cluster.decide

        def counted_decide(a, b):
            if self.on:
                self.count["decisions"] += 1
            return decide(a, b)

        cluster._stored_buckets, cluster.decide = counted_lookup, counted_decide
        for name in PHASES:
            setattr(cluster, name, self.timed(name, getattr(cluster, name)))
        cluster.decide = self.timed("decide", cluster.decide)
        cluster.StoryLedger.__init__ = self.timed("ledger_read", cluster.StoryLedger.__init__)
        cluster.StoryLedger.write = self.timed("ledger_write", cluster.StoryLedger.write)
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def timed(self, name, fn):
        def wrapper(*args, **kwargs):
            if not self.on:
                return fn(*args, **kwargs)
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.phase[name] += time.perf_counter() - started
        return wrapper

    def _before(self, conn, cursor, statement, parameters, context, executemany) -> None:
        conn.info["started"] = time.perf_counter()

    def _after(self, conn, cursor, statement, parameters, context, executemany) -> None:
        spent = time.perf_counter() - conn.info.pop("started")
        if not self.on:
            return
        app = str(REPO_ROOT / "app")
        where = next((f"{f.filename[len(str(REPO_ROOT)) + 1:]}:{f.lineno} {f.name}"
                      for f in reversed(traceback.extract_stack(limit=40)) if f.filename.startswith(app)), "?")
        self.sql[where] += spent

    def report(self, articles: int) -> dict:
        out = {"ms_per_article": {k: round(1000 * v / articles, 2) for k, v in self.phase.most_common()},
               "per_article": {k: round(v / articles, 1) for k, v in self.count.items()},
               "sql_ms_per_article": {k: round(1000 * v / articles, 2) for k, v in self.sql.most_common(12)}}
        self.phase.clear(), self.count.clear(), self.sql.clear()
        return out


def bucket_io(engine) -> dict:
    from sqlalchemy import text

    with engine.connect() as c:
        rows = c.execute(text("SELECT indexrelname, coalesce(idx_blks_read, 0), coalesce(idx_blks_hit, 0), "
                              "pg_relation_size(indexrelid) FROM pg_statio_user_indexes "
                              "WHERE relname = 'claim_buckets'")).all()
        table_bytes, table_rows = c.execute(text("SELECT pg_relation_size('claim_buckets'), "
                                                 "(SELECT count(*) FROM claim_buckets)")).one()
    return {"rows": table_rows, "table_mib": round(table_bytes / 2**20),
            "indexes": {name: {"mib": round(size / 2**20), "blocks_read": read, "blocks_hit": hit}
                        for name, read, hit, size in rows}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--at", default="2000,10000,18784", help="stored articles at which a profiled block begins")
    parser.add_argument("--block", type=int, default=256)
    args = parser.parse_args()
    cache = RESULTS / "reuters-annotations.jsonl"
    if not cache.is_file():
        sys.exit(f"{cache} is absent: run `python benchmarks/bench_stories.py annotate` first")
    import app.stories.cluster as cluster
    from app.core.db import make_sessionmaker
    from app.schemas.annotation import Annotation
    from app.store.bulk import Entry, store_batch

    starts = sorted(int(a) for a in args.at.split(","))
    annotations = [Annotation.model_validate(json.loads(line)["annotation"]) for line in cache.open(encoding="utf-8")]
    pg_recreate(DATABASE)
    engine = migrated_engine(pg_url(DATABASE))
    sessions = make_sessionmaker(engine)
    probe = Probe(cluster, engine)
    results, before, writer, articles = {}, None, 0.0, 0
    try:
        for first in range(0, min(len(annotations), starts[-1] + args.block), 32):
            block = next((s for s in starts if s <= first < s + args.block), None)
            if block is not None and before is None:
                before = bucket_io(engine)
            probe.on = block is not None
            batch = annotations[first:first + 32]
            with sessions() as session:
                began = time.perf_counter()
                store_batch(session, [Entry(a, pipeline_version="profile") for a in batch])
                spent = time.perf_counter() - began
            if block is None:
                continue
            writer, articles = writer + spent, articles + len(batch)
            if first + 32 >= block + args.block or first + 32 >= len(annotations):
                after = bucket_io(engine)
                for name, index in after["indexes"].items():
                    for key in ("blocks_read", "blocks_hit"):
                        index[key] -= before["indexes"][name][key]
                results[str(block)] = {"articles": articles, "writer_ms_per_article": round(1000 * writer / articles, 2),
                                       **probe.report(articles), "claim_buckets": after}
                print(json.dumps({block: results[str(block)]}, indent=1), flush=True)
                before, writer, articles = None, 0.0, 0
    finally:
        engine.dispose()
        pg_drop(DATABASE)
    write_json(RESULTS / "profile-stories.json", {"blocks": results, "git": git_state()})


if __name__ == "__main__":
    main()
