"""Corpus ingest against annotation alone, one process against two, one queue worker against two.

    python benchmarks/bench_corpus.py [--limit 1000] [--block 100] [--queue-items 200] [--no-queue] [--parts a,b,c,m]
                                      [--conditions annotate,sqlite,postgresql,postgresql_stories]

On the first ``--limit`` Reuters stories (``../shared/corpora/reuters21578.jsonl``), in one run, so that the
ratios hold on a machine whose speed drifts:

(a) **annotate vs ingest** (one process): the sample is walked in blocks of ``--block`` stories; each block
    is annotated alone (``annotate_many``, batches of 32: what ``whosaid ingest`` annotates with) and ingested
    (``app.ingest.corpus.ingest_corpus``, workers=1: read, annotate, store in batches) into SQLite and into
    PostgreSQL with story clustering off, and into a third database, PostgreSQL with clustering on, in an
    order that rotates from block to block. Ratios = ingest articles/s ÷ annotate articles/s, and
    PostgreSQL with clustering on ÷ off (issue 10's figure, target >= 0.80). Every block's seconds per
    condition are kept, with the writer's own time (``store_batch``, one transaction per batch of 32) and
    how many articles each store held when the block began: the time to store one more article when the
    store holds about 2,000, 10,000 and 19,000 (the median over the blocks within 500 articles of each, or
    over the last five blocks of a shorter run) comes out of the same run. Each story's "date" is its
    article's published date (``read_jsonl``); for a clustering condition a block also records the claims
    stored, the claims within ``WHOSAID_STORIES_WINDOW_DAYS`` of its articles' dates (those its claims may
    meet: the median over its articles) and the pair decisions per article.
(m) **memory of the embedding model** in a worker: a fresh process loads the spaCy pipeline and annotates
    ``--memory-articles`` stories as a worker does, then loads the stories' embedding model and embeds the
    claims of those stories; resident memory (VmRSS) and peak (VmHWM) before and after.
(b) **--workers 2 vs --workers 1**: ``ingest_corpus`` over the same sample into fresh SQLite databases,
    two times each, alternating (1, 2, 1, 2). Rates count from the first article decided to the last, so
    the workers' start-up (loading the pipeline: a fixed cost of seconds) is left out. Peak RSS of a
    worker process (``getrusage(RUSAGE_CHILDREN)``) is kept.
(c) **queue workers** (RabbitMQ + PostgreSQL, skipped without them): ``whosaid worker`` processes are started
    and warmed up with a small job, then jobs of ``--queue-items`` stories (different ones for each job) run
    on one worker or two in ``--queue-order`` (default 1,2,2,1,1,2,2,1; the second worker stopped, and
    started again once ready). The ratio is the articles over the seconds of all the two-worker jobs
    against the same of the one-worker jobs. Rates count
    from the job's submission to its last item. Each worker's peak RSS (VmHWM) is read from /proc, for
    its own process (the consumer, which talks to the broker) and its pool process (which annotates and stores).

Results: a table, and JSON in ``--out`` (default benchmarks/results/corpus.json).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import (RESULTS, environment, git_state, pg_available, pg_drop, pg_recreate, pg_url, process_tree,
                     vm_hwm, write_json)

REPO_ROOT = Path(__file__).resolve().parents[1]
REUTERS = REPO_ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl"
BROKER = os.environ.get("WHOSAID_BENCH_BROKER", "amqp://guest:guest@127.0.0.1:5672//")
PG_DATABASE = f"whosaid_bench_corpus_{os.getpid()}"  # its own: a second run beside it drops nothing of this one


# jobs of one and two workers in an ABBA order: a drift of the machine's speed cancels out, and each
# condition gets as many different jobs (stories differ in length) as the other
QUEUE_ORDER = (1, 2, 2, 1, 1, 2, 2, 1)


def load_lines(limit: int, skip: int = 0) -> list[str]:
    lines = []
    with REUTERS.open(encoding="utf-8") as stream:
        for n, line in enumerate(stream):
            if n < skip:
                continue
            if len(lines) >= limit:
                break
            lines.append(line.rstrip("\n"))
    return lines


def items_of(lines: list[str], name: str):
    from app.ingest.sources import read_jsonl

    return list(read_jsonl(lines, name))


def migrated(url: str) -> str:
    from app.core.db import make_engine
    from app.store import migrate

    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


def timed_ingest(items, url: str, workers: int, cluster: bool | None = None) -> dict:
    from app.ingest.corpus import ingest_corpus

    stamps: list[float] = []
    start = time.perf_counter()
    summary = ingest_corpus(items, workers=workers, database_url=url, cluster=cluster,
                            on_outcome=lambda _: stamps.append(time.perf_counter()))
    end = time.perf_counter()
    # from the first batch stored to the last: the articles after the first batch over that time
    first = sum(1 for t in stamps if t <= stamps[0] + 0.5) if stamps else 0
    steady = (len(stamps) - first) / (stamps[-1] - stamps[0]) if stamps and stamps[-1] > stamps[0] + 0.5 else None
    return {"seconds": end - start, "articles_per_s": len(items) / (end - start), "steady_articles_per_s": steady,
            "counts": summary.counts}


def annotate_only(items) -> float:
    from app.ingest.corpus import prepare
    from app.nlp.pipeline import annotate_many, get_nlp

    nlp = get_nlp()
    start = time.perf_counter()
    prepared = []
    for item in items:
        try:
            prepared.append(prepare(item)[:2])
        except ValueError:
            continue  # ingest reports such an item as failed and annotates nothing of it either
    for _ in annotate_many(prepared, nlp=nlp, batch_size=32):
        pass
    return time.perf_counter() - start


class WriterClock:
    """Seconds the writer thread spends in ``store_batch`` (ingest_corpus stores through it): wraps the
    function app.ingest.corpus calls, while the benchmark runs."""

    def __init__(self) -> None:
        import app.ingest.corpus as corpus

        self.seconds = 0.0
        self._corpus, self._real = corpus, corpus.store_batch
        corpus.store_batch = self._timed

    def _timed(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self._real(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started

    def close(self) -> None:
        self._corpus.store_batch = self._real


# condition -> whether its store clusters claims into stories (None: annotation alone)
CONDITIONS = {"annotate": None, "sqlite": False, "postgresql": False, "postgresql_stories": True,
              "postgresql_stories_uncached": True}


def part_a(items, block: int, pg: bool, tmp: Path, conditions: set[str] | None = None) -> dict:
    """Blocks: annotate alone, ingest into SQLite and PostgreSQL (clustering off) and into PostgreSQL with
    clustering on, in rotating order; per block, each condition's seconds and its writer's seconds.
    `conditions`: only these (e.g. PostgreSQL with clustering off and on, for issue 10's figures alone).
    ``postgresql_stories_uncached`` (only when asked for) clusters with no fingerprint cache, so that the
    cache's gain is measured in the same run; each clustering condition has its own cache, as each store
    would have its own writer process."""
    import app.stories.cluster as cluster
    from app.nlp.pipeline import get_nlp
    from app.stories.embedding import get_model

    get_nlp()
    get_model()  # loaded once, as a worker does at start-up: not charged to the first block
    annotate_only(items[:20])  # warm-up
    targets = {"annotate": None, "sqlite": migrated(f"sqlite:///{tmp / 'a.db'}")}
    if pg:
        for name, database in (("postgresql", PG_DATABASE), ("postgresql_stories", PG_DATABASE + "_stories"),
                               ("postgresql_stories_uncached", PG_DATABASE + "_uncached")):
            if name != "postgresql_stories_uncached" or (conditions and name in conditions):
                pg_recreate(database)
                targets[name] = migrated(pg_url(database))
    if conditions:
        targets = {k: v for k, v in targets.items() if k in conditions}
    caches = {name: cluster.FingerprintCache(size=0 if name.endswith("_uncached") else None)
              for name in targets if CONDITIONS[name]}
    decisions = [0]
    real_decide = cluster.decide

    def counted_decide(a, b):
        decisions[0] += 1
        return real_decide(a, b)

    cluster.decide = counted_decide
    seconds = dict.fromkeys(targets, 0.0)
    names = list(targets)
    blocks = []
    clock = WriterClock()
    try:
        for n, first in enumerate(range(0, len(items), block)):
            chunk = items[first:first + block]
            order = names[n % len(names):] + names[:n % len(names)]
            row = {"block": n + 1, "store_holds": first, "articles": len(chunk), "seconds": {}, "store_seconds": {},
                   "claims": {}, "decisions_per_article": {}}
            for name in order:
                if name == "annotate":
                    spent = annotate_only(chunk)
                else:
                    writer_before, decided_before = clock.seconds, decisions[0]
                    if CONDITIONS[name]:
                        row["claims"][name] = claims_in_window(targets[name], chunk)
                    cluster.CACHE = caches.get(name, cluster.CACHE)
                    spent = timed_ingest(chunk, targets[name], 1, cluster=CONDITIONS[name])["seconds"]
                    row["store_seconds"][name] = clock.seconds - writer_before
                    if CONDITIONS[name]:
                        row["decisions_per_article"][name] = (decisions[0] - decided_before) / len(chunk)
                row["seconds"][name] = spent
                seconds[name] += spent
            blocks.append(row)
            done = first + len(chunk)
            print(f"  block {n + 1} ({first:,} stored before): " + ", ".join(
                f"{k} {done / v:.1f}/s" for k, v in seconds.items()) + "; store ms/article " + ", ".join(
                f"{k} {1000 * v / len(chunk):.0f}" for k, v in row["store_seconds"].items()) + "".join(
                f"; {k}: claims {c['stored']:,}, in the window {c['in_window']:,.0f}, decisions/article "
                f"{row['decisions_per_article'][k]:.0f}" for k, c in row["claims"].items()), flush=True)
    finally:
        clock.close()
        cluster.decide = real_decide
    rates = {k: len(items) / v for k, v in seconds.items()}
    result = {"articles": len(items), "block": block, "articles_per_s": rates,
              "ratio_vs_annotate": {k: rates[k] / rates["annotate"] for k in rates if k != "annotate"}
              if "annotate" in rates else None,
              "blocks": blocks}
    if "postgresql_stories" in rates and "postgresql" in rates:
        result["ratio_stories_on_vs_off"] = rates["postgresql_stories"] / rates["postgresql"]
        if "postgresql_stories_uncached" in rates:
            result["ratio_stories_uncached_on_vs_off"] = rates["postgresql_stories_uncached"] / rates["postgresql"]
        result["one_more_article"] = {str(size): one_more_article(blocks, size) for size in (2000, 10000, 19000)}
    return result


def claims_in_window(url: str, chunk) -> dict:
    """Before a block is stored: the claims the store holds, and the median over the block's articles of
    the stored claims a claim of the article may meet (`cluster.near`: within the window of its published
    date, or undated; all of them without a window or a date)."""
    from datetime import date

    from sqlalchemy import func, select

    from app.core.config import get_settings
    from app.core.db import make_engine, make_sessionmaker
    from app.store.models import Article, Claim
    from app.stories.cluster import claim_day, near

    window = get_settings().stories_window_days or None
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            by_day = [(claim_day(published), count) for published, count in session.execute(
                select(Article.published, func.count()).join(Claim, Claim.article_id == Article.id)
                .group_by(Article.published))]
    finally:
        engine.dispose()
    days = [claim_day(date.fromisoformat(i.meta["published"])) if i.meta.get("published") else None for i in chunk]
    return {"stored": sum(count for _, count in by_day), "in_window": statistics.median(
        sum(count for other, count in by_day if near(day, other, window)) for day in days)}


def one_more_article(blocks: list[dict], size: int, around: int = 500) -> dict:
    """The blocks that began within `around` articles of `size` stored (or the last five): the median of their
    writer's milliseconds per article with clustering on and off, and of the ingest's seconds per article
    with it on (a median over blocks: one block of a busy minute does not make the figure)."""
    rows = [b for b in blocks if abs(b["store_holds"] - size) <= around] or blocks[-5:]
    return {"store_holds": [rows[0]["store_holds"], rows[-1]["store_holds"] + rows[-1]["articles"]],
            "blocks": len(rows),
            "store_ms_per_article": {k: statistics.median(1000 * b["store_seconds"][k] / b["articles"] for b in rows)
                                     for k in rows[0]["store_seconds"]},
            "claims_stored": {k: statistics.median(b["claims"][k]["stored"] for b in rows) for k in rows[0]["claims"]},
            "claims_in_window": {k: statistics.median(b["claims"][k]["in_window"] for b in rows)
                                 for k in rows[0]["claims"]},
            "decisions_per_article": {k: statistics.median(b["decisions_per_article"][k] for b in rows)
                                      for k in rows[0]["decisions_per_article"]},
            "ingest_s_per_article_stories": statistics.median(
                b["seconds"]["postgresql_stories"] / b["articles"] for b in rows)}


def memory_probe(items) -> dict:
    """Run in a fresh process (part m): a worker's memory without and with the embedding model."""
    from app.ingest.corpus import prepare
    from app.nlp.pipeline import annotate_many, get_nlp
    from app.stories.embedding import embed, get_model

    def status(field: str) -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
        return 0

    nlp = get_nlp()
    claims = [c.text for a in annotate_many([prepare(i)[:2] for i in items], nlp=nlp, batch_size=32) for c in a.claims]
    without = {"rss_bytes": status("VmRSS"), "peak_bytes": status("VmHWM")}
    get_model()
    loaded = status("VmRSS")
    for start in range(0, len(claims), 256):  # the claims of a batch of 32 articles at a time, as the writer does
        embed(claims[start:start + 256])
    return {"articles": len(items), "claims_embedded": len(claims), "without_model": without,
            "with_model": {"rss_bytes": status("VmRSS"), "peak_bytes": status("VmHWM")},
            "model_loaded_rss_growth_bytes": loaded - without["rss_bytes"]}


def part_m(limit: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--probe-memory", "--limit", str(limit)], check=True,
                         capture_output=True, text=True, cwd=REPO_ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def part_b(items, tmp: Path) -> dict:
    runs = []
    for n, workers in enumerate((1, 2, 1, 2)):
        url = migrated(f"sqlite:///{tmp / f'b{n}.db'}")
        result = timed_ingest(items, url, workers)
        result["workers"] = workers
        runs.append(result)
        print(f"  --workers {workers}: {result['steady_articles_per_s']:.1f}/s steady, "
              f"{result['articles_per_s']:.1f}/s with start-up", flush=True)
    one = [r["steady_articles_per_s"] for r in runs if r["workers"] == 1]
    two = [r["steady_articles_per_s"] for r in runs if r["workers"] == 2]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"runs": runs, "ratio_2_vs_1": (sum(two) / len(two)) / (sum(one) / len(one)),
            "peak_rss_worker_bytes": peak}


def part_c(lines: list[str], per_job: int, tmp: Path, order: tuple[int, ...] = QUEUE_ORDER) -> dict:
    from sqlalchemy import func, select

    from app.core.config import Settings
    from app.core.db import make_engine, make_sessionmaker
    from app.jobs.service import submit_job
    from app.store.models import JobItem

    pg_recreate(PG_DATABASE + "_q")
    url = migrated(pg_url(PG_DATABASE + "_q"))
    queue = f"whosaid-bench-{os.getpid()}"
    env = {**os.environ, "DATABASE_URL": url, "WHOSAID_BROKER_URL": BROKER, "WHOSAID_JOB_QUEUE": queue}
    settings = Settings(database_url=url, broker_url=BROKER, job_queue=queue)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    workers: list[subprocess.Popen] = []
    peaks: dict[int, tuple[str, int]] = {}

    def start() -> subprocess.Popen:
        log_path = tmp / f"worker{len(workers)}.log"
        proc = subprocess.Popen([sys.executable, "-m", "app", "worker", "--loglevel", "INFO"], env=env,
                                stdout=log_path.open("w"), stderr=subprocess.STDOUT, cwd=REPO_ROOT)
        workers.append(proc)
        deadline = time.monotonic() + 300
        while " ready." not in log_path.read_text(errors="replace"):  # the pipeline is loaded before this
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start: {log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        return proc

    def read_peaks(proc: subprocess.Popen) -> None:
        # the worker's own process talks to the broker; its pool process (a child) annotates and stores
        for pid in process_tree(proc.pid):
            if (hwm := vm_hwm(pid)):
                role = "consumer" if pid == proc.pid else "pool"
                peaks[pid] = (role, max(peaks.get(pid, (role, 0))[1], hwm))

    def stop(proc: subprocess.Popen) -> None:
        read_peaks(proc)
        proc.terminate()
        proc.wait()

    def run_job(job_lines: list[str], name: str) -> float:
        start_time = time.perf_counter()
        job = submit_job(items_of(job_lines, name), settings=settings)
        while True:
            with sessions() as session:
                done = session.scalar(select(func.count()).select_from(JobItem).where(JobItem.job_id == job.id))
            if done >= job.total:
                return time.perf_counter() - start_time
            for proc in workers:
                if proc.poll() is None:
                    read_peaks(proc)
            time.sleep(0.2)

    runs = []
    try:
        start()
        second = start()
        run_job(lines[:16], "warmup")
        offset = 16
        for n, count in enumerate(order):
            if count == 1 and second.poll() is None:
                stop(second)  # its unacknowledged task, if any, goes back to the queue
            elif count == 2 and second.poll() is not None:
                second = start()  # timed from when it is ready: its start-up is left out
            job_lines = lines[offset:offset + per_job]
            offset += per_job
            seconds = run_job(job_lines, f"job{n}")
            runs.append({"workers": count, "articles": len(job_lines), "seconds": seconds,
                         "articles_per_s": len(job_lines) / seconds})
            print(f"  queue, {count} worker(s): {len(job_lines) / seconds:.1f}/s", flush=True)
    finally:
        for proc in workers:
            if proc.poll() is None:
                stop(proc)
        engine.dispose()
        pg_drop(PG_DATABASE + "_q")

    def rate(count: int) -> float:  # all the articles of the jobs with `count` workers over all their seconds
        mine = [r for r in runs if r["workers"] == count]
        return sum(r["articles"] for r in mine) / sum(r["seconds"] for r in mine)

    return {"runs": runs, "order": list(order), "ratio_2_vs_1": rate(2) / rate(1),
            "peak_rss_pool_process_bytes": sorted(v for role, v in peaks.values() if role == "pool"),
            "peak_rss_consumer_process_bytes": sorted(v for role, v in peaks.values() if role == "consumer")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--block", type=int, default=100)
    parser.add_argument("--queue-items", type=int, default=200)
    parser.add_argument("--no-queue", action="store_true")
    parser.add_argument("--queue-order", default=",".join(map(str, QUEUE_ORDER)),
                        help="part c: the number of workers of each job, in order")
    parser.add_argument("--parts", default="a,b,c,m")
    parser.add_argument("--conditions", default=None,
                        help="part a: only these of " + ",".join(CONDITIONS) + " (default: all)")
    parser.add_argument("--memory-articles", type=int, default=300, help="stories a worker annotates in part m")
    parser.add_argument("--probe-memory", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=RESULTS / "corpus.json")
    args = parser.parse_args()
    if not REUTERS.is_file():
        sys.exit(f"{REUTERS} is absent")
    lines = load_lines(args.limit)
    items = items_of(lines, "reuters")
    if args.probe_memory:  # part m's fresh process
        print(json.dumps(memory_probe(items)))
        return
    pg = pg_available() is None  # (it returns why PostgreSQL is not available, or None)
    result = {"environment": environment(), "git": git_state(), "corpus": str(REUTERS), "limit": args.limit}
    parts = set(args.parts.split(","))
    with tempfile.TemporaryDirectory(prefix="whosaid-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "a" in parts:
            print("(a) annotate vs ingest, blocks rotating", flush=True)
            result["ingest_vs_annotate"] = part_a(items, args.block, pg, tmp,
                                                  set(args.conditions.split(",")) if args.conditions else None)
            if pg:
                pg_drop(PG_DATABASE)
                pg_drop(PG_DATABASE + "_stories")
                pg_drop(PG_DATABASE + "_uncached")
        if "b" in parts:
            print("(b) --workers 1 vs 2", flush=True)
            result["workers"] = part_b(items, tmp)
        if "m" in parts:
            print("(m) a worker's memory without and with the embedding model", flush=True)
            result["embedding_memory"] = part_m(args.memory_articles)
        if "c" in parts and not args.no_queue and pg:
            print("(c) queue workers 1 vs 2", flush=True)
            order = tuple(int(n) for n in args.queue_order.split(","))
            queue_lines = load_lines(16 + len(order) * args.queue_items, skip=args.limit)
            result["queue"] = part_c(queue_lines, args.queue_items, tmp, order)
    write_json(args.out, result)
    shown = {k: v for k, v in result.items() if k not in ("environment", "git")}
    if "ingest_vs_annotate" in shown:  # its blocks are in --out
        shown["ingest_vs_annotate"] = {k: v for k, v in shown["ingest_vs_annotate"].items() if k != "blocks"}
    print(json.dumps(shown, indent=1))


if __name__ == "__main__":
    main()
