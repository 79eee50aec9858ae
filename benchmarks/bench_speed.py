"""Throughput of whosaid against the bare spaCy parse it is built on, measured in one process.

    python benchmarks/bench_speed.py [--limit N] [--rounds R] [--out FILE]

Reads ``../shared/corpora/bbc.jsonl`` (relative to the repository root; one JSON object per line with
``id`` and ``text``) and, on the same texts and with the same spaCy model
(``app.core.config.get_settings().spacy_model``):

(a) **bare**: ``spacy.load(model)`` and ``nlp.pipe(texts)`` — tokenizer, tagger, parser, NER and friends,
    nothing of ours;
(b) **whosaid**: ``app.nlp.pipeline.annotate_many`` over the same texts, consuming every pydantic
    ``Annotation`` it yields (header reading, normalization, publisher detection, our components and the
    conversion to the annotation contract are all inside the timing).

Both are warmed up first, then timed in ``--rounds`` rounds over the whole set. Each round walks the
set in blocks of ``--block`` articles (default 100) and runs both pipelines on a block back to back,
alternating which goes first from block to block and round to round, so that noise from the machine
(other jobs, throttling) that lasts longer than a block falls on both alike.
Words are ``len(text.split())`` of the input texts. The ratio is whosaid words/s ÷ bare words/s; the
project's target is ≥ 0.90 (whosaid adds at most ~11 % on top of the parse), both pipelines batching
``--batch-size`` documents (default 64) per ``nlp.pipe`` batch, so the ratio compares pipelines, not
batch sizes.

Memory, in a separate untimed pass (tracemalloc slows Python down, so it never overlaps the timing):
tracemalloc's peak of Python-level allocations while each pipeline runs over the first ``--mem-limit``
texts (default 500), and
``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of the whole process (both models loaded) at the end.

The result is printed as a table and written as JSON to ``--out`` (default ``benchmarks/results/speed.json``;
``benchmarks/results/`` is git-ignored).
"""
from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "bbc.jsonl"
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "results" / "speed.json"
TARGET_RATIO = 0.90


def load_texts(path: Path, limit: int | None) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            obj = json.loads(line)
            rows.append((str(obj["id"]), obj["text"]))
            if limit is not None and len(rows) >= limit:
                break
    return rows


BATCH_SIZE = 64  # documents per nlp.pipe batch, for both pipelines (--batch-size)


def _set_batch_size(n: int) -> None:
    global BATCH_SIZE
    BATCH_SIZE = max(1, n)


def run_bare(nlp, texts: list[str]) -> int:
    """Parse every text with the bare spaCy pipeline; returns the number of tokens (to use the result)."""
    n = 0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        n += len(doc)
    return n


def run_whosaid(nlp, texts: list[str]) -> int:
    """Annotate every text with whosaid; returns the number of claims (to use the result)."""
    from app.nlp.pipeline import annotate_many

    n = 0
    for ann in annotate_many(((t, {}) for t in texts), nlp=nlp, batch_size=BATCH_SIZE):
        n += len(ann.claims)
    return n


def timed(fn: Callable[[], int]) -> tuple[float, int]:
    gc.collect()
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def traced_peak(fn: Callable[[], int]) -> int:
    """Peak bytes of Python allocations (tracemalloc) while `fn` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def git_state() -> dict[str, object]:
    """The commit and whether app/ has uncommitted edits: the numbers belong to that code."""
    import subprocess

    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=REPO_ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {"commit": git("rev-parse", "--short", "HEAD") or None,
            "app_dirty": bool(git("status", "--porcelain", "--", "app"))}


def maxrss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # Linux reports KiB, macOS bytes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles (default: all)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds per pipeline (default: 3)")
    ap.add_argument("--block", type=int, default=100,
                    help="articles per interleaving block (default 100; 0 = the whole set per pipeline)")
    ap.add_argument("--warmup", type=int, default=50, help="articles each pipeline parses before timing")
    ap.add_argument("--mem-limit", type=int, default=500,
                    help="articles for the tracemalloc pass (default: 500; 0 = the whole timed set). "
                         "Both pipelines peak per batch of --batch-size documents, "
                         "so 500 articles reach both peaks at a fraction of the cost")
    ap.add_argument("--no-mem", action="store_true", help="skip the tracemalloc pass")
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                    help=f"documents per nlp.pipe batch, the same for both pipelines (default {BATCH_SIZE})")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=f"JSONL corpus (default: {CORPUS})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON result (default: {DEFAULT_OUT})")
    args = ap.parse_args(argv)
    _set_batch_size(args.batch_size)

    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not args.corpus.is_file():
        console.print(f"[yellow]skipped:[/] corpus {args.corpus} not found "
                      "(bench_speed reads ../shared/corpora/bbc.jsonl next to the repository)")
        return 0

    rows = load_texts(args.corpus, args.limit)
    if not rows:
        console.print(f"[yellow]skipped:[/] corpus {args.corpus} has no articles")
        return 0
    texts = [t for _, t in rows]
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)

    import spacy

    from app.core.config import get_settings
    from app.nlp.pipeline import build_nlp

    model = get_settings().spacy_model
    git = git_state()  # before the run: the code being measured is the code imported now
    console.print(f"corpus {args.corpus.name}: {len(texts):,} articles, {words:,} words, {chars:,} chars; "
                  f"model {model} (spaCy {spacy.__version__})")
    t0 = time.perf_counter()
    bare_nlp = spacy.load(model)
    bare_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ws_nlp = build_nlp(model)
    ws_load = time.perf_counter() - t0
    console.print(f"loaded bare in {bare_load:.2f}s {bare_nlp.pipe_names}; "
                  f"whosaid in {ws_load:.2f}s {ws_nlp.pipe_names}")

    block = args.block if args.block > 0 else len(texts)
    blocks = [texts[i:i + block] for i in range(0, len(texts), block)]

    def runner(name: str, part: list[str]) -> Callable[[], int]:
        if name == "bare":
            return lambda: run_bare(bare_nlp, part)
        return lambda: run_whosaid(ws_nlp, part)

    warm = texts[: max(1, args.warmup)]
    run_bare(bare_nlp, warm)
    run_whosaid(ws_nlp, warm)

    # Each round covers the whole set block by block; within a block both pipelines run back to back,
    # the one going first alternating from block to block and round to round. Noise from the machine
    # (other jobs, throttling) that lasts longer than one block therefore hits both pipelines alike.
    times: dict[str, list[float]] = {"bare": [], "whosaid": []}
    outputs: dict[str, int] = {"bare": 0, "whosaid": 0}
    block_ratios: list[float] = []
    for r in range(args.rounds):
        spent = {"bare": 0.0, "whosaid": 0.0}
        outputs = {"bare": 0, "whosaid": 0}
        for j, part in enumerate(blocks):
            order = ("bare", "whosaid") if (r + j) % 2 == 0 else ("whosaid", "bare")
            secs = {}
            for name in order:
                secs[name], out = timed(runner(name, part))
                spent[name] += secs[name]
                outputs[name] += out
            block_ratios.append(secs["bare"] / secs["whosaid"])
        for name in ("bare", "whosaid"):
            times[name].append(spent[name])
        console.print(f"  round {r + 1}/{args.rounds}: bare {spent['bare']:7.1f}s {words / spent['bare']:8,.0f} w/s"
                      f" | whosaid {spent['whosaid']:7.1f}s {words / spent['whosaid']:8,.0f} w/s"
                      f" | ratio {spent['bare'] / spent['whosaid']:.3f}")

    def wps(name: str) -> float:
        return words * len(times[name]) / sum(times[name])

    per_round_ratio = [b / w for b, w in zip(times["bare"], times["whosaid"])]
    ratio = wps("whosaid") / wps("bare")

    mem: dict[str, object] = {}
    if not args.no_mem:
        mem_texts = texts[: args.mem_limit] if args.mem_limit else texts
        console.print(f"  tracemalloc pass over {len(mem_texts):,} articles …")
        mem["articles"] = len(mem_texts)
        mem["tracemalloc_peak_bare_bytes"] = traced_peak(lambda: run_bare(bare_nlp, mem_texts))
        mem["tracemalloc_peak_whosaid_bytes"] = traced_peak(lambda: run_whosaid(ws_nlp, mem_texts))
    mem["ru_maxrss_bytes"] = maxrss_bytes()

    result = {
        "benchmark": "speed",
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": spacy.__version__,
        "git": git,
        "model": model,
        "corpus": str(args.corpus),
        "articles": len(texts),
        "words": words,
        "chars": chars,
        "rounds": args.rounds,
        "block_articles": block,
        "batch_size": BATCH_SIZE,
        "blocks": len(blocks),
        "warmup_articles": len(warm),
        "load_seconds": {"bare": round(bare_load, 3), "whosaid": round(ws_load, 3)},
        "seconds": {k: [round(s, 3) for s in v] for k, v in times.items()},
        "words_per_second": {
            "bare": round(wps("bare"), 1),
            "whosaid": round(wps("whosaid"), 1),
            "bare_median_round": round(words / statistics.median(times["bare"]), 1),
            "whosaid_median_round": round(words / statistics.median(times["whosaid"]), 1),
        },
        "ratio": round(ratio, 4),
        "ratio_per_round": [round(x, 4) for x in per_round_ratio],
        "ratio_median_block": round(statistics.median(block_ratios), 4),
        "ratio_block_quartiles": [round(q, 4) for q in statistics.quantiles(block_ratios, n=4)]
        if len(block_ratios) > 1 else None,
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio >= TARGET_RATIO,
        "overhead_ms_per_article": round(
            (sum(times["whosaid"]) - sum(times["bare"])) / args.rounds / len(texts) * 1000, 3),
        "tokens_bare": outputs.get("bare"),
        "claims_whosaid": outputs.get("whosaid"),
        "memory": mem,
    }

    table = Table(title=f"whosaid vs bare spaCy — {len(texts):,} articles, {words:,} words, {args.rounds} rounds")
    table.add_column("pipeline")
    table.add_column("words/s", justify="right")
    table.add_column("s/round (min–max)", justify="right")
    table.add_column("tracemalloc peak", justify="right")
    for name in ("bare", "whosaid"):
        peak = mem.get(f"tracemalloc_peak_{name}_bytes")
        table.add_row(name, f"{wps(name):,.0f}",
                      f"{min(times[name]):.2f}–{max(times[name]):.2f}",
                      f"{peak / 2**20:,.1f} MiB" if isinstance(peak, int) else "—")
    colour = "green" if ratio >= TARGET_RATIO else "red"
    table.add_row("[bold]ratio whosaid/bare[/]", f"[{colour}]{ratio:.3f}[/]",
                  " ".join(f"{x:.3f}" for x in per_round_ratio), f"target ≥ {TARGET_RATIO}")
    table.add_row("median block ratio", f"{result['ratio_median_block']:.3f}",
                  f"{len(blocks)} blocks of ≤{block} × {args.rounds} rounds", "")
    table.add_row("process ru_maxrss", "", "", f"{mem['ru_maxrss_bytes'] / 2**20:,.1f} MiB")
    console.print(table)
    console.print(f"claims found per pass: {outputs.get('whosaid'):,}; "
                  f"overhead {result['overhead_ms_per_article']:.2f} ms/article")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    console.print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
