"""Where whosaid's own time goes: cProfile over annotate_many, restricted to functions in app/.

    python benchmarks/profile_annotate.py [--limit 200] [--top 15] [--sort tottime] [--out FILE]

Profiles ``app.nlp.pipeline.annotate_many`` over the first ``--limit`` articles of
``../shared/corpora/bbc.jsonl`` (after a short warm-up) and prints the ``--top`` functions defined under
``app/`` sorted by ``--sort`` (``tottime``: time spent in the function itself, the place to optimize;
``cumtime``: including what it calls). It also prints how the total splits between spaCy's own
components, whosaid's components and the rest of our code, so the overhead above the bare parse can be
read at a glance. Pass ``--out FILE`` to keep the raw ``pstats`` dump (open it with ``python -m pstats``
or snakeviz).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
APP_DIR = str(REPO_ROOT / "app")
CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "bbc.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--sort", choices=("tottime", "cumtime"), default="tottime")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=None, help="write the raw pstats dump here")
    args = ap.parse_args(argv)

    if not args.corpus.is_file():
        print(f"skipped: corpus {args.corpus} not found")
        return 0
    texts = []
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= args.limit:
                break

    from app.nlp.pipeline import annotate_many, get_nlp

    nlp = get_nlp()
    for _ in annotate_many(((t, {}) for t in texts[:10]), nlp=nlp):
        pass

    prof = cProfile.Profile()
    prof.enable()
    n_claims = sum(len(a.claims) for a in annotate_many(((t, {}) for t in texts), nlp=nlp))
    prof.disable()

    stats = pstats.Stats(prof)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        stats.dump_stats(str(args.out))
    raw = stats.stats  # {(file, line, func): (cc, nc, tottime, cumtime, callers)}
    total = stats.total_tt

    ours = [(k, v) for k, v in raw.items() if k[0].startswith(APP_DIR)]
    idx = 2 if args.sort == "tottime" else 3
    ours.sort(key=lambda kv: kv[1][idx], reverse=True)

    app_tottime = sum(v[2] for _, v in ours)

    def cum(path_end: str, *funcs: str) -> float:
        """Summed cumtime of the named functions defined in a file whose path ends with `path_end`."""
        return sum(v[3] for k, v in raw.items() if k[0].endswith(path_end) and k[2] in funcs)

    # annotate_many feeds nlp.pipe from a generator, so the preparation runs inside nlp.pipe's cumtime:
    # split the total by what each part calls instead.
    parts = {
        "prepare (read_header, normalize, detect_publisher, _chunks)":
            cum("ingest/header.py", "read_header") + cum("ingest/normalize.py", "normalize")
            + _called_from(raw, "detect_publisher", "pipeline.py")
            + cum("nlp/pipeline.py", "_chunks"),
        "tokenize (nlp.make_doc)": _called_from(raw, "make_doc", "pipeline.py"),
        "whosaid components (paragraphs, claims, speakers, relay)":
            cum("components/__init__.py", "__call__", "paragraph_boundaries"),
        "to the contract (_to_annotation, pydantic)": cum("nlp/pipeline.py", "_to_annotation"),
    }
    rest = total - sum(parts.values())

    print(f"{len(texts)} articles, {n_claims} claims, profiled total {total:.2f}s "
          f"(cProfile inflates Python-heavy code more than spaCy's compiled parse)")
    for label, secs in parts.items():
        print(f"  {label:62s} {secs:7.2f}s ({secs / total:5.1%})")
    print(f"  {'the rest: spaCy tagger/parser/NER/lemmatizer and glue':62s} {rest:7.2f}s ({rest / total:5.1%})")
    print(f"  {'(self time in app/ functions alone)':62s} {app_tottime:7.2f}s ({app_tottime / total:5.1%})")
    print()
    print(f"top {args.top} app/ functions by {args.sort}:")
    print(f"{'tottime':>8} {'cumtime':>8} {'calls':>9}  function")
    for (file, line, func), (cc, nc, tt, ct, _) in ours[: args.top]:
        print(f"{tt:8.3f} {ct:8.3f} {nc:9d}  {_where(file, line, func)}")

    # Our self time is often small because the work happens in library calls our code makes (spaCy
    # properties, regexes, pydantic): show those too, charged to the app/ function that called them.
    calls: dict[tuple, list[float]] = {}
    for key, (_, _, _, _, callers) in raw.items():
        if key[0].startswith(APP_DIR):
            continue
        for caller, (_, cnc, ctt, cct) in callers.items():
            if caller[0].startswith(APP_DIR) and key[2] != "pipe":
                acc = calls.setdefault((key, caller), [0, 0.0, 0.0])
                acc[0] += cnc
                acc[1] += ctt
                acc[2] += cct
    print()
    print(f"top {args.top} library calls made from app/ functions, by cumtime charged to that caller:")
    print(f"{'cumtime':>8} {'calls':>9}  callee  <-  app/ caller")
    for (key, caller), (nc, tt, ct) in sorted(calls.items(), key=lambda kv: kv[1][2], reverse=True)[: args.top]:
        print(f"{ct:8.3f} {nc:9d}  {_where(*key)}  <-  {_where(*caller)}")
    return 0


def _called_from(raw: dict, func: str, caller_file_end: str) -> float:
    """cumtime of `func` (any file) charged to callers in a file ending with `caller_file_end`."""
    out = 0.0
    for key, (_, _, _, _, callers) in raw.items():
        if key[2] == func:
            out += sum(cv[3] for c, cv in callers.items() if c[0].endswith(caller_file_end))
    return out


def _where(file: str, line: int, func: str) -> str:
    if file.startswith(str(REPO_ROOT)):
        file = str(Path(file).relative_to(REPO_ROOT))
    elif "site-packages/" in file:
        file = file.split("site-packages/", 1)[1]
    return f"{file}:{line}({func})" if line else func


if __name__ == "__main__":
    sys.exit(main())
