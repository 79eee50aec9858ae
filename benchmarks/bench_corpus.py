"""Corpus ingest against annotation alone, one process against two, one queue worker against two.

    python benchmarks/bench_corpus.py [--limit 1000] [--block 100] [--queue-items 200] [--no-queue]

On the first ``--limit`` Reuters stories (``../shared/corpora/reuters21578.jsonl``), in one run, so that the
ratios hold on a machine whose speed drifts:

(a) **annotate vs ingest** (one process): the sample is walked in blocks of ``--block`` stories; each block
    is annotated alone (``annotate_many``, batches of 32: what ``whosaid ingest`` annotates with) and ingested
    (``app.ingest.corpus.ingest_corpus``, workers=1: read, annotate, store in batches) into SQLite and into
    PostgreSQL, in an order that rotates from block to block. Ratio = ingest articles/s ÷ annotate articles/s.
(b) **--workers 2 vs --workers 1**: ``ingest_corpus`` over the same sample into fresh SQLite databases,
    two times each, alternating (1, 2, 1, 2). Rates count from the first article decided to the last, so
    the workers' start-up (loading the pipeline: a fixed cost of seconds) is left out. Peak RSS of a
    worker process (``getrusage(RUSAGE_CHILDREN)``) is kept.
(c) **queue workers** (RabbitMQ + PostgreSQL, skipped without them): ``whosaid worker`` processes are started
    and warmed up with a small job, then jobs of ``--queue-items`` stories (different ones for each job) run
    on one worker, two, one, two (the second worker stopped, and started again once ready). Rates count
    from the job's submission to its last item. Each worker's peak RSS (VmHWM) is read from /proc.

Results: a table, and JSON in ``--out`` (default benchmarks/results/corpus.json).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import RESULTS, environment, git_state, pg_available, pg_drop, pg_recreate, pg_url, vm_hwm, write_json

REPO_ROOT = Path(__file__).resolve().parents[1]
REUTERS = REPO_ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl"
BROKER = os.environ.get("WHOSAID_BENCH_BROKER", "amqp://guest:guest@127.0.0.1:5672//")
PG_DATABASE = "whosaid_bench_corpus"


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


def timed_ingest(items, url: str, workers: int) -> dict:
    from app.ingest.corpus import ingest_corpus

    stamps: list[float] = []
    start = time.perf_counter()
    summary = ingest_corpus(items, workers=workers, database_url=url, on_outcome=lambda _: stamps.append(time.perf_counter()))
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
    prepared = [prepare(i)[:2] for i in items]
    for _ in annotate_many(prepared, nlp=nlp, batch_size=32):
        pass
    return time.perf_counter() - start


def part_a(items, block: int, pg: bool, tmp: Path) -> dict:
    """Blocks: annotate alone, ingest into SQLite, ingest into PostgreSQL, in rotating order."""
    from app.nlp.pipeline import get_nlp

    get_nlp()
    annotate_only(items[:20])  # warm-up
    sqlite = migrated(f"sqlite:///{tmp / 'a.db'}")
    targets = {"annotate": None, "sqlite": sqlite}
    if pg:
        pg_recreate(PG_DATABASE)
        targets["postgresql"] = migrated(pg_url(PG_DATABASE))
    seconds = dict.fromkeys(targets, 0.0)
    names = list(targets)
    for n, first in enumerate(range(0, len(items), block)):
        chunk = items[first:first + block]
        order = names[n % len(names):] + names[:n % len(names)]
        for name in order:
            if name == "annotate":
                seconds[name] += annotate_only(chunk)
            else:
                seconds[name] += timed_ingest(chunk, targets[name], 1)["seconds"]
        print(f"  block {n + 1}: " + ", ".join(f"{k} {len(items[:first + block]) / v:.1f}/s" for k, v in seconds.items()),
              flush=True)
    rates = {k: len(items) / v for k, v in seconds.items()}
    return {"articles": len(items), "block": block, "articles_per_s": rates,
            "ratio_vs_annotate": {k: rates[k] / rates["annotate"] for k in rates if k != "annotate"}}


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


def part_c(lines: list[str], per_job: int, tmp: Path) -> dict:
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
    peaks: dict[int, int] = {}

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

    def stop(proc: subprocess.Popen) -> None:
        if (hwm := vm_hwm(proc.pid)):
            peaks[proc.pid] = max(peaks.get(proc.pid, 0), hwm)
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
                if proc.poll() is None and (hwm := vm_hwm(proc.pid)):
                    peaks[proc.pid] = max(peaks.get(proc.pid, 0), hwm)
            time.sleep(0.2)

    runs = []
    try:
        start()
        second = start()
        run_job(lines[:16], "warmup")
        offset = 16
        for n, count in enumerate((1, 2, 1, 2)):
            if count == 1 and second.poll() is None:
                stop(second)  # its unacknowledged task, if any, goes back to the queue
            elif count == 2:
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
    one = [r["articles_per_s"] for r in runs if r["workers"] == 1]
    two = [r["articles_per_s"] for r in runs if r["workers"] == 2]
    return {"runs": runs, "ratio_2_vs_1": (sum(two) / len(two)) / (sum(one) / len(one)),
            "peak_rss_per_worker_bytes": sorted(peaks.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--block", type=int, default=100)
    parser.add_argument("--queue-items", type=int, default=200)
    parser.add_argument("--no-queue", action="store_true")
    parser.add_argument("--parts", default="a,b,c")
    parser.add_argument("--out", type=Path, default=RESULTS / "corpus.json")
    args = parser.parse_args()
    if not REUTERS.is_file():
        sys.exit(f"{REUTERS} is absent")
    lines = load_lines(args.limit)
    items = items_of(lines, "reuters")
    pg = pg_available() is None  # (it returns why PostgreSQL is not available, or None)
    result = {"environment": environment(), "git": git_state(), "corpus": str(REUTERS), "limit": args.limit}
    parts = set(args.parts.split(","))
    with tempfile.TemporaryDirectory(prefix="whosaid-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "a" in parts:
            print("(a) annotate vs ingest, blocks rotating", flush=True)
            result["ingest_vs_annotate"] = part_a(items, args.block, pg, tmp)
            if pg:
                pg_drop(PG_DATABASE)
        if "b" in parts:
            print("(b) --workers 1 vs 2", flush=True)
            result["workers"] = part_b(items, tmp)
        if "c" in parts and not args.no_queue and pg:
            print("(c) queue workers 1 vs 2", flush=True)
            queue_lines = load_lines(16 + 4 * args.queue_items, skip=args.limit)
            result["queue"] = part_c(queue_lines, args.queue_items, tmp)
    write_json(args.out, result)
    print(json.dumps({k: v for k, v in result.items() if k not in ("environment", "git")}, indent=1))


if __name__ == "__main__":
    main()
