"""Story clustering at corpus scale: ingest throughput with clustering on against off, the time to store one
more article as the store grows, and the embedding model's memory.

    python benchmarks/bench_stories.py annotate [--limit N]     # once: annotations cached as JSON Lines
    python benchmarks/bench_stories.py ingest [--limit N] [--block 500]
    python benchmarks/bench_stories.py memory

``annotate`` runs ``annotate_many`` over ``../shared/corpora/reuters21578.jsonl`` (19,043 Reuters stories of
1987; publisher "Reuters", published on the story's own "date", which the stories' window of candidates
reads) and writes each annotation with the seconds the engine spent per article to
``benchmarks/results/reuters-annotations.jsonl``.

``ingest`` stores the cached annotations in two fresh PostgreSQL databases, one with clustering on and one
with it off (``Settings.stories``), block by block in turn (A B A B ...), so the machine's drift falls on
both alike; every article is its own transaction, as an API ingest is. It reports:
- store-only articles/s on and off, and their ratio (over the first ``--paired`` articles, stored in both);
- ingest throughput (engine + store) on and off, the engine's seconds per article taken from the cache
  run, and their ratio (the issue's figure, target >= 0.80);
- the median milliseconds to store one more article (clustering on) over the 100 articles after the
  store holds 2,000 and 19,000 (or the end of the corpus): flat when the candidate search is indexed.

``memory`` loads the embedding model in a fresh process that has imported the ingest code (numpy, the
store) as a worker has, and reports the resident-set growth and the process's peak, after embedding 2,000
claim texts.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from _common import RESULTS, environment, git_state, migrated_engine, pg_drop, pg_recreate, pg_url, write_json

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl"
CACHE = RESULTS / "reuters-annotations.jsonl"


def _articles(limit: int | None):
    from app.ingest.sources import iso_date

    if not CORPUS.is_file():
        sys.exit(f"{CORPUS} is absent: this benchmark reads ../shared/corpora/reuters21578.jsonl")
    with CORPUS.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            row = json.loads(line)
            yield row["id"], row["text"], {"publisher": "Reuters", "published": iso_date(row["date"])}


def annotate(limit: int | None) -> None:
    from app.nlp.pipeline import annotate_many, get_nlp

    nlp = get_nlp()
    items = list(_articles(limit))
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with CACHE.open("w", encoding="utf-8") as out:
        for (aid, _, _), result in zip(items, annotate_many(((t, m) for _, t, m in items), nlp=nlp)):
            out.write(json.dumps({"id": aid, "annotation": result.to_json_dict()}, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - started
    write_json(RESULTS / "reuters-annotate.json", {"articles": len(items), "seconds": seconds,
                                                   "seconds_per_article": seconds / len(items),
                                                   "git": git_state(), "environment": environment()})
    print(f"annotated {len(items)} articles in {seconds:.0f} s ({len(items) / seconds:.1f} articles/s)")


def _follow(path: Path, limit: int | None):
    """The cached annotations, read as `annotate` writes them (it may still be running): waits for the
    next line until the annotate run's summary exists."""
    from app.schemas.annotation import Annotation

    done = RESULTS / "reuters-annotate.json"
    count = 0
    with path.open("rb") as fh:
        while limit is None or count < limit:
            where = fh.tell()
            line = fh.readline()
            if line.endswith(b"\n"):
                count += 1
                yield Annotation.model_validate(json.loads(line)["annotation"])
                continue
            if not line and done.is_file():
                return
            fh.seek(where)   # not written yet, or half written: wait for the rest
            time.sleep(5)


def _store(session_factory, annotation, stories: bool) -> float:
    from app.core.config import get_settings
    from app.services.ingest import store_annotation

    get_settings().stories = stories
    with session_factory() as session:
        started = time.perf_counter()
        store_annotation(session, annotation, pipeline_version="bench")
        session.commit()
        return time.perf_counter() - started


def ingest(limit: int | None, block: int, paired: int) -> None:
    from app.core.db import make_sessionmaker

    if not CACHE.is_file():
        sys.exit(f"{CACHE} is absent: run `python benchmarks/bench_stories.py annotate` first")
    annotations = _follow(CACHE, limit)
    names = {"on": "whosaid_bench_stories_on", "off": "whosaid_bench_stories_off"}
    factories = {}
    for key, db in names.items():
        pg_recreate(db)
        factories[key] = make_sessionmaker(migrated_engine(pg_url(db)))
    times = {"on": [], "off": []}
    stored = 0
    try:
        while True:
            batch = [a for _, a in zip(range(block), annotations)]
            if not batch:
                break
            for key in ("on", "off") if stored < paired else ("on",):
                for a in batch:
                    times[key].append(_store(factories[key], a, stories=key == "on"))
            stored += len(batch)
            print(f"{stored} articles: on {sum(times['on']):.0f} s, off {sum(times['off']):.0f} s", flush=True)
            write_json(RESULTS / "stories-ingest-times.json", times)   # what a run cut short leaves
    finally:
        for key, db in names.items():
            factories[key].kw["bind"].dispose()
            pg_drop(db)
    while not (RESULTS / "reuters-annotate.json").is_file():
        time.sleep(5)
    engine_spa = json.loads((RESULTS / "reuters-annotate.json").read_text())["seconds_per_article"]
    n = stored
    m = len(times["off"])   # the paired articles
    store_on, store_off = sum(times["on"][:m]), sum(times["off"])
    at = {}
    for size in (2000, 19000):
        lo = min(size, n - 100)
        window = times["on"][lo:lo + 100]
        at[size] = {"store_holds": lo, "median_ms": statistics.median(window) * 1000,
                    "mean_ms": statistics.fmean(window) * 1000}
    result = {
        "articles": n, "paired": m, "block": block,
        "store_only_articles_per_s": {"on": m / store_on, "off": m / store_off, "ratio": store_off / store_on},
        "engine_seconds_per_article": engine_spa,
        "ingest_articles_per_s": {"on": m / (store_on + m * engine_spa), "off": m / (store_off + m * engine_spa),
                                  "ratio": (store_off + m * engine_spa) / (store_on + m * engine_spa)},
        "one_more_article_clustering_on": at,
        "git": git_state(), "environment": environment(),
    }
    write_json(RESULTS / "stories-ingest.json", result)
    print(json.dumps(result, indent=2))


def memory() -> None:
    def rss_kib() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    import numpy  # noqa: F401  (a worker has numpy and the store loaded already: not the model's cost)

    import app.services.ingest  # noqa: F401
    from app.stories.embedding import embed, get_model

    before = rss_kib()

    get_model()
    loaded = rss_kib()
    texts = [f"the minister said the talks on item {i} would resume in {i % 12 + 1} days" for i in range(2000)]
    embed(texts)
    after = rss_kib()
    hwm = next(int(x.split()[1]) for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM:"))
    result = {"rss_before_mib": before / 1024, "model_loaded_growth_mib": (loaded - before) / 1024,
              "after_2000_embeddings_growth_mib": (after - before) / 1024, "process_peak_mib": hwm / 1024}
    write_json(RESULTS / "stories-memory.json", result)
    print(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("annotate", "ingest", "memory"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--block", type=int, default=500)
    parser.add_argument("--paired", type=int, default=10**9,
                        help="store into the clustering-off database only for the first N articles (the ratio); "
                             "past them only the clustering-on store grows (the time per article as it grows)")
    args = parser.parse_args()
    os.environ.setdefault("WHOSAID_DATABASE_ECHO", "false")
    {"annotate": lambda: annotate(args.limit), "ingest": lambda: ingest(args.limit, args.block, args.paired),
     "memory": memory}[args.what]()


if __name__ == "__main__":
    main()
