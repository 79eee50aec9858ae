"""POST /v1/annotate on runs of quotation marks against a live server, and GET latency while one runs.

    python benchmarks/bench_annotate.py [--marks 1000,10000,100000] [--repeat 3] [--during 100000]

Issue 8, item 5: a run of quotation marks took time quadratic in its length (10,000 marks 7 s, 20,000
26 s) in spaCy's tokenizer, and the requests made meanwhile waited. Against a uvicorn server on a fresh
SQLite database (one process, as `whosaid serve` runs it; `--preload` corpus articles ingested first so
that the reads have something to read):

(a) **annotate**: for each `--marks` N, `POST /v1/annotate {"text": '"' * N + "v1"}` (a new word after the
    marks each time, so that spaCy's tokenizer cache never answers), `--repeat` times, one at a time; the
    time from sending to the last byte of the answer (median and min; `--timeout` per request);
(b) **reads during**: `GET /v1/claims?limit=20` one after another, first on the idle server (`--solo`
    requests: the baseline), then for as long as one `POST /v1/annotate` of `--during` marks runs
    alongside (`--during-repeat` times in a row): p50, p95 and max of the reads, and how many there were.

Writes `--out` (default benchmarks/results/annotate.json) and prints a table. The database is removed.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _common import (
    CORPUS,
    RESULTS,
    api_server,
    busy_note,
    dedupe,
    environment,
    git_state,
    latency_summary,
    load_corpus,
    make_key,
    migrated_engine,
    run_load,
    sqlite_url,
    write_json,
)


_serial = iter(range(1, 10**9))


def marks(n: int) -> str:
    """N quotation marks and a word glued to them, the word new each time: spaCy's tokenizer caches what
    it made of a space-free stretch, so a second request for the same run would cost nothing."""
    return '"' * n + f"v{next(_serial)}"


async def _reads_during(url: str, key: str, text: str, timeout: float) -> tuple[float, int, list[float]]:
    """One annotate request and, alongside it, GETs one after another until it has answered."""
    import httpx

    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=timeout) as client:
        started = time.perf_counter()
        post = asyncio.create_task(client.post("/v1/annotate", json={"text": text}))
        reads: list[float] = []
        await asyncio.sleep(0.05)  # the request has reached the server
        while not post.done():
            t0 = time.perf_counter()
            r = await client.get("/v1/claims", params={"limit": 20})
            r.raise_for_status()
            if not post.done():  # a read that ended after the annotation did not overlap all of it
                reads.append(time.perf_counter() - t0)
        answer = await post
        return time.perf_counter() - started, answer.status_code, reads


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--marks", default="1000,10000,100000", help="Run lengths to annotate, comma-separated.")
    ap.add_argument("--repeat", type=int, default=3, help="Requests per run length.")
    ap.add_argument("--during", type=int, default=None, help="Run length annotated while reads are timed "
                    "(default: the longest of --marks).")
    ap.add_argument("--during-repeat", type=int, default=3)
    ap.add_argument("--solo", type=int, default=100, help="Reads on the idle server (the baseline).")
    ap.add_argument("--preload", type=int, default=30, help="Corpus articles ingested before the run.")
    ap.add_argument("--timeout", type=float, default=1800.0, help="Seconds one request may take.")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=RESULTS / "annotate.json")
    args = ap.parse_args(argv)
    console = Console()
    busy_note(console)
    lengths = [int(x) for x in args.marks.split(",")]
    during = args.during or max(lengths)
    articles, _ = dedupe(load_corpus(args.corpus, args.preload)) if args.corpus.is_file() else ([], 0)

    with tempfile.TemporaryDirectory() as tmp:
        url = sqlite_url(Path(tmp) / "annotate.sqlite")
        engine = migrated_engine(url)
        analyst = make_key(engine, "bench-annotate-analyst", "analyst")
        reader = make_key(engine, "bench-annotate-reader", "reader")
        engine.dispose()
        with api_server(url, RESULTS / "logs" / "annotate-server.log") as server:
            run_load(server.url, analyst, [{"method": "POST", "path": "/v1/articles",
                                            "json": {"text": a.text, **a.meta()}} for a in articles], concurrency=1)
            run_load(server.url, reader, [{"method": "POST", "path": "/v1/annotate", "json": {"text": marks(10)}}],
                     concurrency=1)  # warm-up
            rows = []
            for n in lengths:
                res = run_load(server.url, reader, [{"method": "POST", "path": "/v1/annotate",
                                                     "json": {"text": marks(n)}} for _ in range(args.repeat)],
                               concurrency=1, timeout=args.timeout)
                row = {"marks": n, "statuses": {str(k): v for k, v in res.statuses.items()},
                       "median_s": round(statistics.median(res.latencies), 3), "min_s": round(min(res.latencies), 3),
                       "all_s": [round(x, 3) for x in res.latencies]}
                rows.append(row)
                console.print(f"  annotate {n:>7,} marks: median {row['median_s']:.3f} s, min {row['min_s']:.3f} s "
                              f"{row['statuses']}")
            solo = run_load(server.url, reader, [{"method": "GET", "path": "/v1/claims", "params": {"limit": 20}}]
                            * args.solo, concurrency=1)
            reads: list[float] = []
            annotations = []
            for _ in range(args.during_repeat):
                seconds, status, got = asyncio.run(_reads_during(server.url, reader, marks(during), args.timeout))
                annotations.append({"seconds": round(seconds, 3), "status": status, "reads": len(got)})
                reads += got
    idle, busy = latency_summary(solo.latencies), latency_summary(reads) if reads else None
    console.print(f"  GET /v1/claims idle: p50 {idle['p50_ms']:.1f} ms, p95 {idle['p95_ms']:.1f} ms "
                  f"({args.solo} reads)")
    if busy:
        console.print(f"  GET /v1/claims while annotating {during:,} marks: p50 {busy['p50_ms']:.1f} ms, "
                      f"p95 {busy['p95_ms']:.1f} ms, max {busy['max_ms']:.1f} ms ({len(reads)} reads; "
                      f"annotations {annotations})")
    else:
        console.print(f"  no read overlapped the annotation of {during:,} marks: {annotations}")
    write_json(args.out, {"when": datetime.now(UTC).isoformat(timespec="seconds"), "git": git_state(),
                          "environment": environment(), "annotate": rows,
                          "reads_idle": idle, "reads_during": busy, "during_marks": during,
                          "during_annotations": annotations, "preloaded_articles": len(articles)})
    console.print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
