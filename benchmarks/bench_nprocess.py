"""whosaid's pipeline in two processes against one, on the same texts, in one run.

    python benchmarks/bench_nprocess.py [--limit N] [--rounds R] [--batch-size B] [--out FILE]

Reads ``../shared/corpora/bbc.jsonl`` and runs the whole whosaid spaCy pipeline (parse and our
components: ``build_nlp(model)``) over the texts with ``nlp.pipe(texts, n_process=1)`` and
``nlp.pipe(texts, n_process=2)``, alternating which goes first from round to round. Each pass reads
every claim from ``doc._.whosaid_claims``, so the components' state has to cross the process boundary
(it is plain data in ``doc._.whosaid_data``). The claims of both passes are compared: the speed-up
counts only if the annotations are the same. Prints and writes (``--out``, default
``benchmarks/results/nprocess.json``) the seconds per pass, the speed-up (one process's time ÷ two
processes' time) and whether the outputs agree.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

from _common import CORPUS, RESULTS, load_corpus

DEFAULT_OUT = RESULTS / "nprocess.json"


def claims_of(nlp, texts: list[str], n_process: int, batch_size: int) -> list[tuple]:
    out = []
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        out.append(tuple((c.start, c.end, c.kind, c.source, tuple(c.relay)) for c in doc._.whosaid_claims))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=600, help="first N articles (default 600; 0 = all)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds of each (default 3)")
    ap.add_argument("--batch-size", type=int, default=32, help="documents per batch (default 32)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"skipped: corpus {args.corpus} not found")
        return 0
    texts = [a.text for a in load_corpus(args.corpus, args.limit or None)]

    from app.core.config import get_settings
    from app.nlp.pipeline import build_nlp

    nlp = build_nlp(get_settings().spacy_model)
    claims_of(nlp, texts[:20], 1, args.batch_size)  # warm up
    seconds: dict[int, list[float]] = {1: [], 2: []}
    outputs: dict[int, list[tuple]] = {}
    for r in range(args.rounds):
        for n in ((1, 2) if r % 2 == 0 else (2, 1)):
            t0 = time.perf_counter()
            outputs[n] = claims_of(nlp, texts, n, args.batch_size)
            seconds[n].append(time.perf_counter() - t0)
        print(f"round {r + 1}: one process {seconds[1][-1]:.1f}s, two processes {seconds[2][-1]:.1f}s, "
              f"speed-up {seconds[1][-1] / seconds[2][-1]:.2f}")
    same = outputs[1] == outputs[2]
    speedup = statistics.median(a / b for a, b in zip(seconds[1], seconds[2]))
    result = {"benchmark": "nprocess", "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "python": platform.python_version(), "articles": len(texts), "batch_size": args.batch_size,
              "seconds": {"n_process_1": [round(s, 2) for s in seconds[1]],
                          "n_process_2": [round(s, 2) for s in seconds[2]]},
              "speedup_median": round(speedup, 3), "same_annotations": same,
              "claims": sum(len(c) for c in outputs[1])}
    print(f"{len(texts)} articles: speed-up of two processes over one (median of {args.rounds} rounds) "
          f"{speedup:.2f}; same annotations: {same}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
