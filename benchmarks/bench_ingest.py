"""Ingest throughput through the REST API against the engine alone, on the same articles in one run.

    python benchmarks/bench_ingest.py [--limit N] [--backends sqlite,postgresql] [--concurrency 1,2]

Takes the first ``--limit`` articles (default 300) of ``../shared/corpora/bbc.jsonl`` with a synthetic
publisher and date (benchmarks/_common.py: "BBC <Section>", a day of 2004-2005), drops repeated texts
(the API would answer them with 200 and store nothing), and measures articles per second of:

(a) **annotate**: ``app.nlp.pipeline.annotate_many`` over the articles in this process, consuming every
    ``Annotation`` (what ``whosaid annotate`` does; no database). Timed twice, first and last, so that drift
    of the machine during the run shows;
(b) **annotate (one by one)**: ``app.nlp.pipeline.annotate`` per article, the call the API makes (no
    batching across articles); once, in the middle;
(c) **store only**: each annotation of (a) stored with ``app.services.ingest.store_annotation``, committed
    and read back (``repository.get_article``) in this process, per backend: the database's share alone;
(d) **api**: ``POST /v1/articles`` with ``{"text", "publisher", "published", "title"}`` to a uvicorn server
    started here on 127.0.0.1 (a free port, one process, as ``whosaid serve`` runs it) against a fresh,
    migrated database, per backend (SQLite file, PostgreSQL at 127.0.0.1:5432) and per client concurrency
    (``--concurrency``; 1 = one request at a time). Each server is warmed up with ``--warmup`` other articles
    of the corpus (stored, not timed).

The ratio is api articles/s ÷ annotate articles/s (the mean of the two annotate passes): 1.0 would mean
storing and serving cost nothing on top of the engine. Each API pass also checks that the server stored
as many claims as the engine found.

The result is printed as a table and written as JSON to ``--out`` (default ``benchmarks/results/ingest.json``).
The databases are made for the run and removed after it (``--keep`` keeps them).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
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
    table_counts,
    write_json,
)

DEFAULT_OUT = RESULTS / "ingest.json"
PG_DATABASE = f"whosaid_bench_ingest_{os.getpid()}"  # its own: a second run beside it drops nothing of this one


def annotate_pass(nlp, articles, *, batched: bool, keep: list | None = None) -> tuple[float, int]:
    from app.nlp.pipeline import annotate, annotate_many

    gc.collect()
    t0 = time.perf_counter()
    claims = 0
    if batched:
        for ann in annotate_many(((a.text, a.meta()) for a in articles), nlp=nlp):
            claims += len(ann.claims)
            if keep is not None:
                keep.append(ann)
    else:
        for a in articles:
            claims += len(annotate(a.text, nlp=nlp, **a.meta()).claims)
    return time.perf_counter() - t0, claims


def fresh_database(backend: str, tag: str, tmp: Path) -> str:
    if backend == "sqlite":
        path = tmp / f"ingest-{tag}.sqlite"
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        return sqlite_url(path)
    pg_recreate(PG_DATABASE)
    return pg_url(PG_DATABASE)


def remove_database(backend: str, tag: str, tmp: Path) -> None:
    if backend == "sqlite":
        for p in tmp.glob(f"ingest-{tag}.sqlite*"):
            p.unlink()
    else:
        pg_drop(PG_DATABASE)


def store_pass(backend: str, annotations, pv: str, *, keep: bool, tmp: Path, console) -> dict:
    """The database's share alone, in this process: each annotation stored (store_annotation) and committed,
    then read back with its claims and sources (repository.get_article), as the API's ingest does."""
    from app.core.db import make_sessionmaker
    from app.services.ingest import store_annotation
    from app.store import repository

    tag = f"{backend}-store"
    url = fresh_database(backend, tag, tmp)
    engine = migrated_engine(url)
    try:
        gc.collect()
        t0 = time.perf_counter()
        with make_sessionmaker(engine)() as session:
            for ann in annotations:
                article = store_annotation(session, ann, pipeline_version=pv, language="en").article
                session.commit()
                repository.get_article(article.id, session=session)
                session.rollback()
        secs = time.perf_counter() - t0
        counts = table_counts(engine)
    finally:
        engine.dispose()
        if not keep:
            remove_database(backend, tag, tmp)
    n = len(annotations)
    console.print(f"  store only {backend:10s}: {secs:7.1f}s {n / secs:6.2f} articles/s "
                  f"({secs / n * 1000:.1f} ms/article)")
    return {"backend": backend, "articles": n, "seconds": round(secs, 3), "articles_per_second": round(n / secs, 3),
            "ms_per_article": round(secs / n * 1000, 2), "stored": counts}


def api_pass(backend: str, concurrency: int, articles, warm, *, keep: bool, tmp: Path, console) -> dict:
    """A fresh database, a server on it, the warm-up and the timed POSTs; the server is stopped after."""
    tag = f"{backend}-c{concurrency}"
    url = fresh_database(backend, tag, tmp)
    engine = migrated_engine(url)
    key = make_key(engine, "bench-ingest", "analyst")
    engine.dispose()

    def posts(rows):
        return [{"method": "POST", "path": "/v1/articles", "json": {"text": a.text, **a.meta()}} for a in rows]

    try:
        with api_server(url, RESULTS / "logs" / f"ingest-server-{tag}.log") as server:
            warm_result = run_load(server.url, key, posts(warm), concurrency=concurrency)
            if warm_result.errors:
                raise RuntimeError(f"warm-up failed: {warm_result.errors[0]}")
            res = run_load(server.url, key, posts(articles), concurrency=concurrency, keep_bodies=True)
        claims = sum(len(json.loads(b).get("claims", [])) for b in res.bodies if b)
        engine = migrated_engine(url)
        counts = table_counts(engine)
        engine.dispose()
    finally:
        if not keep:
            remove_database(backend, tag, tmp)
    n = len(articles)
    out = {
        "backend": backend, "concurrency": concurrency, "articles": n, "seconds": round(res.wall, 3),
        "articles_per_second": round(n / res.wall, 3), "statuses": {str(k): v for k, v in res.statuses.items()},
        "errors": res.errors, "claims": claims, "request_latency": latency_summary(res.latencies),
        "server_peak_rss_bytes": server.peak_rss_bytes, "stored": counts, "warmup_articles": len(warm),
        "database": url if keep else f"{backend} (removed)",
    }
    console.print(f"  api {backend:10s} c={concurrency}: {res.wall:7.1f}s {n / res.wall:6.2f} articles/s "
                  f"p50 {out['request_latency']['p50_ms']:.0f} ms, statuses {out['statuses']}")
    if res.errors:
        console.print(f"    [red]errors:[/] {res.errors[:2]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=300, help="the first N articles of the corpus (default 300)")
    ap.add_argument("--backends", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    ap.add_argument("--concurrency", default="1,2",
                    help="client concurrencies to POST with, comma-separated (default 1,2; one pass each)")
    ap.add_argument("--warmup", type=int, default=10,
                    help="articles after the timed ones: the engine's warm-up and each server's (default 10)")
    ap.add_argument("--no-one-by-one", action="store_true", help="skip the annotate() one-by-one pass")
    ap.add_argument("--keep", action="store_true", help="keep the databases (SQLite files, PostgreSQL database)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=f"JSONL corpus (default: {CORPUS})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON result (default: {DEFAULT_OUT})")
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 120)
    if not args.corpus.is_file():
        console.print(f"[yellow]skipped:[/] corpus {args.corpus} not found")
        return 0
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]
    if "postgresql" in backends and (why := pg_available()):
        console.print(f"[yellow]PostgreSQL skipped:[/] {why}")
        backends.remove("postgresql")
    busy_note(console)

    articles, repeats = dedupe(load_corpus(args.corpus, args.limit))
    warm = load_corpus(args.corpus, args.warmup, skip=args.limit)
    words = sum(len(a.text.split()) for a in articles)
    console.print(f"corpus {args.corpus.name}: {len(articles)} articles ({repeats} repeated texts dropped), "
                  f"{words:,} words; warm-up {len(warm)} others")

    from app.nlp.pipeline import get_nlp
    from app.services.ingest import pipeline_version

    t0 = time.perf_counter()
    nlp = get_nlp()
    console.print(f"pipeline {pipeline_version(nlp)} loaded in {time.perf_counter() - t0:.1f}s")
    annotate_pass(nlp, warm or articles[:10], batched=True)

    tmp = RESULTS / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    passes: list[dict] = []
    annotate_runs: list[tuple[float, int]] = []

    annotations: list = []

    def annotate_timed(batched: bool) -> None:
        secs, claims = annotate_pass(nlp, articles, batched=batched, keep=None if annotations else annotations)
        name = "annotate" if batched else "annotate_one_by_one"
        if batched:
            annotate_runs.append((secs, claims))
        passes.append({"name": name, "seconds": round(secs, 3), "articles_per_second": round(len(articles) / secs, 3),
                       "claims": claims})
        console.print(f"  {name:22s}: {secs:7.1f}s {len(articles) / secs:6.2f} articles/s, {claims:,} claims")

    # the engine first and last, the API passes between them (the one-by-one pass in the middle)
    annotate_timed(batched=True)
    store_results = [store_pass(b, annotations, pipeline_version(nlp), keep=args.keep, tmp=tmp, console=console)
                     for b in backends]
    api_results: list[dict] = []
    for i, backend in enumerate(backends):
        for c in concurrencies:
            api_results.append(api_pass(backend, c, articles, warm, keep=args.keep, tmp=tmp, console=console))
        if i == 0 and not args.no_one_by_one:
            annotate_timed(batched=False)
    if not backends and not args.no_one_by_one:
        annotate_timed(batched=False)
    annotate_timed(batched=True)

    base_secs = sum(s for s, _ in annotate_runs) / len(annotate_runs)
    base_rate = len(articles) / base_secs
    engine_claims = annotate_runs[0][1]
    for r in api_results:
        r["ratio_to_annotate"] = round(r["articles_per_second"] / base_rate, 4)
        r["claims_match_engine"] = r["claims"] == engine_claims
        r["overhead_ms_per_article"] = round((r["seconds"] - base_secs) / len(articles) * 1000, 2)
    one = next((p for p in passes if p["name"] == "annotate_one_by_one"), None)

    result = {
        "benchmark": "ingest",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        **environment(),
        "git": git_state(),
        "pipeline": pipeline_version(nlp),
        "corpus": str(args.corpus),
        "articles": len(articles),
        "repeated_texts_dropped": repeats,
        "words": words,
        "metadata": "synthetic: publisher 'BBC <category>', published a day of 2004-2005 from a hash of the id",
        "annotate_articles_per_second": round(base_rate, 3),
        "annotate_passes": [p for p in passes if p["name"] == "annotate"],
        "annotate_one_by_one": one,
        "store_only": store_results,
        "api": api_results,
    }

    table = Table(title=f"ingest: POST /v1/articles vs annotate_many — {len(articles)} articles, {words:,} words")
    for col, just in (("pass", "left"), ("art/s", "right"), ("ratio", "right"), ("+ms/art", "right"),
                      ("POST p50/p95 ms", "right"), ("claims", "right")):
        table.add_column(col, justify=just)
    runs = [p for p in passes if p["name"] == "annotate"]
    table.add_row("annotate_many", f"{base_rate:.2f}", "1.000", "",
                  "", f"{engine_claims:,}")
    table.add_row("  first / last", " / ".join(f"{p['articles_per_second']:.2f}" for p in runs), "", "", "", "")
    if one:
        table.add_row("annotate() 1 by 1", f"{one['articles_per_second']:.2f}",
                      f"{one['articles_per_second'] / base_rate:.3f}", "", "", f"{one['claims']:,}")
    for r in store_results:
        table.add_row(f"store only {r['backend']}", f"{r['articles_per_second']:.2f}", "",
                      f"{r['ms_per_article']:.1f}", "", "")
    for r in api_results:
        lat = r["request_latency"]
        ok = "" if r["claims_match_engine"] and not r["errors"] else " [red]![/]"
        table.add_row(f"API {r['backend']} c={r['concurrency']}", f"{r['articles_per_second']:.2f}",
                      f"{r['ratio_to_annotate']:.3f}", f"{r['overhead_ms_per_article']:+.1f}",
                      f"{lat['p50_ms']:.0f} / {lat['p95_ms']:.0f}", f"{r['claims']:,}{ok}")
    console.print(table)
    for r in api_results:
        if not r["claims_match_engine"]:
            console.print(f"[red]API {r['backend']} c={r['concurrency']} stored {r['claims']} claims, "
                          f"the engine found {engine_claims}[/]")
    write_json(args.out, result)
    console.print(f"wrote {args.out}")
    if not args.keep and not any(tmp.iterdir()):
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
