"""Read latency under 8 concurrent clients while articles are ingested, on SQLite and PostgreSQL.

    python benchmarks/bench_read_ingest.py [--preload 100] [--ingest 60] [--readers 8] [--backends sqlite,postgresql]

Per backend, a fresh migrated database (a SQLite file; the PostgreSQL database `whosaid_bench_read_ingest`
at 127.0.0.1:5432, dropped after) and a uvicorn server on it (one process, as `whosaid serve` runs it).
`--preload` articles of the BBC corpus (synthetic publisher and date, benchmarks/_common.py) are ingested
through `POST /v1/articles` first. Then, twice:

- **reads alone**: `--readers` clients in a closed loop (each sends its next request when the answer is
  read) cycle through the reads below for `--reads` requests in all;
- **reads while ingesting**: the same reads, while one more client posts the next `--ingest` articles of
  the corpus one after another (`POST /v1/articles`: the engine and a write transaction); the readers keep
  going until the ingest is done.

The reads: `GET /v1/claims`, `/v1/claims?speaker=<the first stored speaker>`, `/v1/claims?q=said`,
`/v1/articles`, `/v1/sources?q=a`, `/v1/claims?review_status=unreviewed`. Latency is from sending to the
last byte. Prints p50 / p95 / p99 of the reads and the ingest rate; writes `--out` (default
benchmarks/results/read_ingest.json).
"""
from __future__ import annotations

import argparse
import asyncio
import os
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
    pg_available,
    pg_drop,
    pg_recreate,
    pg_url,
    run_load,
    sqlite_url,
    write_json,
)

PG_DATABASE = f"whosaid_bench_read_ingest_{os.getpid()}"  # its own: a second run beside it drops nothing of this one


def reads(speaker: str | None) -> list[dict]:
    out = [{"path": "/v1/claims"}, {"path": "/v1/claims", "params": {"q": "said"}}, {"path": "/v1/articles"},
           {"path": "/v1/sources", "params": {"q": "a"}}, {"path": "/v1/claims", "params": {"review_status": "unreviewed"}}]
    if speaker:
        out.append({"path": "/v1/claims", "params": {"speaker": speaker}})
    return out


async def _phase(url: str, reader: str, analyst: str, queries: list[dict], *, readers: int, total_reads: int,
                 ingest: list[dict]) -> dict:
    """`readers` closed-loop readers; with `ingest`, one writer posting it, the readers going on until it is
    done (else until `total_reads` reads)."""
    import httpx

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    done = asyncio.Event()
    ingest_seconds = 0.0

    async def reader_loop(client, k: int) -> None:
        i = k
        while not done.is_set() if ingest else len(latencies) < total_reads:
            q = queries[i % len(queries)]
            i += readers
            t0 = time.perf_counter()
            r = await client.get(q["path"], params=q.get("params"))
            latencies.append(time.perf_counter() - t0)
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

    async def writer(client) -> None:
        nonlocal ingest_seconds
        t0 = time.perf_counter()
        for body in ingest:
            r = await client.post("/v1/articles", json=body)
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        ingest_seconds = time.perf_counter() - t0
        done.set()

    limits = httpx.Limits(max_connections=readers + 1)
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {reader}"}, timeout=300,
                                 limits=limits) as rc, \
            httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {analyst}"}, timeout=300) as wc:
        tasks = [reader_loop(rc, k) for k in range(readers)]
        if ingest:
            tasks.append(writer(wc))
        await asyncio.gather(*tasks)
    out = {"reads": len(latencies), "statuses": {str(k): v for k, v in statuses.items()},
           "read_latency": latency_summary(latencies)}
    if ingest:
        out |= {"ingested": len(ingest), "ingest_seconds": round(ingest_seconds, 2),
                "articles_per_second": round(len(ingest) / ingest_seconds, 2)}
    return out


def run_backend(backend: str, articles, args, console) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            url = sqlite_url(Path(tmp) / "read-ingest.sqlite")
        else:
            pg_recreate(PG_DATABASE)
            url = pg_url(PG_DATABASE)
        try:
            engine = migrated_engine(url)
            analyst = make_key(engine, "bench-analyst", "analyst")
            reader = make_key(engine, "bench-reader", "reader")
            engine.dispose()
            posts = [{"text": a.text, **a.meta()} for a in articles]
            preload, ingest = posts[:args.preload], posts[args.preload:args.preload + args.ingest]
            with api_server(url, RESULTS / "logs" / f"read-ingest-{backend}.log") as server:
                t0 = time.perf_counter()
                run_load(server.url, analyst, [{"method": "POST", "path": "/v1/articles", "json": b}
                                               for b in preload], concurrency=1)
                console.print(f"  {backend}: {len(preload)} articles preloaded in {time.perf_counter() - t0:.0f} s")
                claims = run_load(server.url, reader, [{"path": "/v1/claims", "params": {"limit": 50}}],
                                  concurrency=1, keep_bodies=True)
                import json

                items = json.loads(claims.bodies[0])["items"]
                speaker = next((c["speaker"]["name"] for c in items if c.get("speaker")), None)
                queries = reads(speaker)
                alone = asyncio.run(_phase(server.url, reader, analyst, queries, readers=args.readers,
                                           total_reads=args.reads, ingest=[]))
                during = asyncio.run(_phase(server.url, reader, analyst, queries, readers=args.readers,
                                            total_reads=args.reads, ingest=ingest))
        finally:
            if backend != "sqlite" and not args.keep:
                pg_drop(PG_DATABASE)
    for name, phase in (("reads alone", alone), ("reads while ingesting", during)):
        lat = phase["read_latency"]
        extra = f", ingest {phase['articles_per_second']} articles/s" if "ingested" in phase else ""
        console.print(f"  {backend:10s} {name:22s}: {phase['reads']:5d} reads, p50 {lat['p50_ms']:.0f} ms, "
                      f"p95 {lat['p95_ms']:.0f} ms, p99 {lat['p99_ms']:.0f} ms, max {lat['max_ms']:.0f} ms"
                      f"{extra} {phase['statuses']}")
    return {"backend": backend, "speaker_query": speaker, "reads_alone": alone, "reads_while_ingesting": during}


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preload", type=int, default=100)
    ap.add_argument("--ingest", type=int, default=60, help="Articles ingested while the readers read.")
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--reads", type=int, default=800, help="Reads of the reads-alone phase.")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--keep", action="store_true", help="Keep the PostgreSQL database.")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=RESULTS / "read_ingest.json")
    args = ap.parse_args(argv)
    console = Console()
    busy_note(console)
    if not args.corpus.is_file():
        console.print(f"[yellow]skipped:[/] the corpus {args.corpus} is absent")
        return 0
    articles, _ = dedupe(load_corpus(args.corpus, args.preload + args.ingest + 20))
    results = []
    for backend in args.backends.split(","):
        if backend == "postgresql" and (why := pg_available()):
            console.print(f"[yellow]PostgreSQL skipped:[/] {why}")
            continue
        results.append(run_backend(backend, articles, args, console))
    write_json(args.out, {"when": datetime.now(UTC).isoformat(timespec="seconds"), "git": git_state(),
                          "environment": environment(), "readers": args.readers, "preload": args.preload,
                          "results": results})
    console.print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
