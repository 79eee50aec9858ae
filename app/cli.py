"""The `whosaid` command line (typer): thin commands that parse options and call plain functions."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from app import cli_confidence, cli_db, cli_ingest, cli_serve
from app.cli_help import Command, Group

app = typer.Typer(cls=Group, add_completion=False, no_args_is_help=True,
                  help="whosaid: who said this, and through whom did it reach me?")
err = Console(stderr=True)
app.add_typer(cli_db.cli)  # `whosaid db ...` and `whosaid keys ...` (app/cli_db.py)
app.add_typer(cli_serve.cli)  # `whosaid serve` (app/cli_serve.py)
app.add_typer(cli_confidence.cli)  # `whosaid train-confidence` (app/cli_confidence.py)
app.add_typer(cli_ingest.cli)  # `whosaid ingest` (app/cli_ingest.py)
# suffixes read when a folder is given (a file named on the command line is read whatever its suffix);
# .md is left out so that a folder's README is not annotated as an article
INPUT_SUFFIXES = {".txt", ".text", ".html", ".htm"}


def _inputs(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise typer.BadParameter(f"{path} does not exist", param_hint="PATH")
    return files


def _read_article(path: Path, publisher: str | None, published: str | None):
    from app.ingest.html import article_from_html, looks_like_html

    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ValueError("looks like a binary file, not an article")
    text = raw.decode("utf-8", errors="replace")
    meta = {"publisher": publisher, "published": published, "title": None, "url": None}
    if path.suffix.lower() in (".html", ".htm") or looks_like_html(text):
        art = article_from_html(text)
        meta.update({k: v for k, v in (("publisher", art.publisher), ("published", art.published),
                                          ("title", art.title), ("url", art.url)) if v and not meta.get(k)})
        text = art.text
    if not text.strip():
        raise ValueError("has no text")
    return text, meta


def _iso_date(value: str | None) -> str | None:
    """--published: a date as YYYY-MM-DD, refused with a clear message otherwise."""
    if value is None:
        return None
    try:
        if len(value.strip()) != 10:
            raise ValueError
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-11-19") from None


@app.command(cls=Command)
def annotate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Files (text or HTML) or folders of them.")],
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="json | jsonl | table")] = "table",
    publisher: Annotated[Optional[str], typer.Option(metavar="NAME", help="Outlet that published the article(s).")] = None,
    published: Annotated[Optional[str], typer.Option(metavar="DATE", callback=_iso_date,
                                                     help="Publication date, YYYY-MM-DD.")] = None,
    out: Annotated[Optional[Path], typer.Option(metavar="DIR", help="Write DIR/NAME.json for every input.")] = None,
    why: Annotated[bool, typer.Option("--why", help="In the table, say under each claim which rules decided it.")] = False,
) -> None:
    """Find the claims in articles, with their speakers and relay chains."""
    if format not in ("json", "jsonl", "table"):
        raise typer.BadParameter("choose json, jsonl or table", param_hint="--format")
    files = _inputs(paths)
    if not files:
        raise typer.BadParameter("no .txt or .html files found", param_hint="PATH")
    from app.nlp.pipeline import annotate as run

    nlp = _load_nlp()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    failed = 0
    show_progress = len(files) > 3 and (out is not None or format != "table")
    with Progress(TextColumn("[bold]annotating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, disable=not show_progress, transient=True) as progress:
        task = progress.add_task("annotate", total=len(files))
        for path in files:
            try:
                text, meta = _read_article(path, publisher, published)
                result = run(text, nlp=nlp, **meta)
            except Exception as exc:  # one bad file must not stop a batch
                failed += 1
                err.print(f"[red]error[/red] {escape(str(path))}: {escape(str(exc))}", soft_wrap=True)
                progress.advance(task)
                continue
            data = result.to_json_dict()
            if out is not None:
                (out / f"{path.stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            elif format == "json":
                sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
            elif format == "jsonl":
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                _table(result, path, why=why)
            progress.advance(task)
    if failed:
        raise typer.Exit(1)


def _table(result, path: Path, *, why: bool = False) -> None:
    console = Console()
    names = {s.id: s for s in result.sources}
    table = Table(title=f"{path.name}: {len(result.claims)} claims (publisher {result.publisher or 'unknown'})",
                  show_lines=True, expand=True)
    table.add_column("claim", ratio=5)
    table.add_column("speaker", ratio=2)
    table.add_column("relay", ratio=2)
    table.add_column("kind")
    table.add_column("conf", justify="right")
    for c in result.claims:
        speaker = "-"
        if c.speaker is not None:
            src = names[c.speaker.source]
            speaker = f"{escape(src.name)} [dim]({src.type})[/dim]"
        relay = " \u2192 ".join(names[r].name for r in c.relay) or "-"
        claim = escape(c.text)
        if why and c.why:
            claim += "\n" + "\n".join(f"[dim]\u00b7 {escape(step)}[/dim]" for step in c.why)
        table.add_row(claim, speaker, escape(relay), c.kind,
                      f"{c.confidence:.2f}")
    console.print(table)


@app.command("eval", cls=Command)
def evaluate(
    gold_dir: Annotated[Optional[Path], typer.Argument(metavar="GOLD_DIR", help="Gold folder (NAME.txt + NAME.gold.json) or a PolNeAR-style folder (text/, attributions/).")] = None,
    pred: Annotated[Optional[Path], typer.Option(metavar="DIR", help="Folder of NAME.json predictions; without it the engine annotates the texts.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    limit: Annotated[Optional[int], typer.Option(metavar="N", help="Only the first N documents.")] = None,
    metadata: Annotated[bool, typer.Option(help="Give the engine the publisher and date from the gold files.")] = True,
    misses: Annotated[bool, typer.Option(help="List missed, spurious and wrongly attributed claims.")] = True,
    calibration: Annotated[bool, typer.Option("--calibration", help="Also measure how well the claims' confidence "
                                              "says whether they are fully correct (ECE, Brier, AUC).")] = False,
    stories: Annotated[Optional[Path], typer.Option("--stories", metavar="DIR", help="A story folder (NN.txt, NN.gold.json, clusters.json): ingest it into a throwaway store and score the stories (B-cubed, origin accuracy).")] = None,
) -> None:
    """Score the engine (or a folder of predictions) against gold files, as DESIGN.md defines."""
    from app.eval import report as rep

    if stories is not None:
        from app.stories.cli import evaluate_stories

        evaluate_stories(stories, as_json=as_json, nlp=_load_nlp())
        return
    if gold_dir is None:
        raise typer.BadParameter("give a gold folder, or --stories DIR", param_hint="GOLD_DIR")
    if not gold_dir.is_dir():
        raise typer.BadParameter(f"{gold_dir} is not a folder", param_hint="GOLD_DIR")
    console = Console()
    if (gold_dir / "attributions").is_dir() and (gold_dir / "text").is_dir():
        from app.eval.polnear import load_polnear, score_polnear

        if calibration:
            raise typer.BadParameter("needs a gold folder (NAME.gold.json): PolNeAR has no relays, so a claim "
                                     "cannot be fully correct", param_hint="--calibration")
        docs = load_polnear(gold_dir, limit=limit)
        predictions = _predict_polnear(docs) if pred is None else _load_preds(pred)
        report = score_polnear(docs, predictions)
    else:
        from app.eval.scoring import EvalReport, score_directory

        gold_files = sorted(gold_dir.glob("*.gold.json"))[: limit or None]
        if not gold_files:
            raise typer.BadParameter(f"no *.gold.json files in {gold_dir}", param_hint="GOLD_DIR")
        predictions = _load_preds(pred) if pred is not None else _predict_gold(gold_dir, gold_files, metadata)
        report = score_directory(gold_dir, predictions)
        if limit:
            # score_directory scores every gold file; the documents past the limit were never
            # annotated and must not count as misses in the totals
            names = {p.name[: -len(".gold.json")] for p in gold_files}
            report = EvalReport(documents={k: v for k, v in report.documents.items() if k in names})
    calib = _calibration(gold_dir, predictions, report) if calibration else None
    if as_json:
        out = rep.to_json(report, details=misses)
        if calib is not None:
            data = json.loads(out)
            data["calibration"] = calib[0]
            out = json.dumps(data, indent=1, ensure_ascii=False)
        sys.stdout.write(out + "\n")
    else:
        rep.render_report(report, console, misses=misses)
        if calib is not None:
            rep.render_calibration(*calib, console)


def _calibration(gold_dir: Path, predictions: dict, report) -> tuple[dict, list]:
    from app.eval.calibration import calibration_bins, confidence_outcomes, summary

    try:
        probs, labels = confidence_outcomes(gold_dir, predictions, names=list(report.documents))
        if not probs:
            raise ValueError("no predicted claims to measure calibration on")
        return summary(probs, labels), calibration_bins(probs, labels)
    except ValueError as exc:
        err.print(f"[red]error[/red] calibration: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(1) from exc


def _load_nlp():
    """The cached pipeline; a setup problem (model, lexicon, settings) is one clear line, not a traceback."""
    from pydantic_settings import SettingsError

    from app.nlp.confidence.model import ConfidenceModelError
    from app.nlp.lexicon import LexiconError
    from app.nlp.pipeline import ModelNotFound, get_nlp

    try:
        return get_nlp()
    except (ModelNotFound, LexiconError, SettingsError, ConfidenceModelError) as exc:
        hint = ""
        if isinstance(exc, SettingsError):
            hint = " (check the WHOSAID_* environment variables; lists are JSON: WHOSAID_LEXICON_DIRS='[\"dir\"]')"
        err.print(f"[red]error[/red] {escape(str(exc) + hint)}", soft_wrap=True)
        raise typer.Exit(2) from exc


def _load_preds(folder: Path) -> dict[str, dict]:
    from app.eval.scoring import load_predictions

    return load_predictions(folder)


def _progress(total: int) -> Progress:
    return Progress(TextColumn("[bold]annotating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=err, transient=True, disable=total < 4)


def _predict_gold(gold_dir: Path, gold_files: list[Path], metadata: bool) -> dict[str, dict]:
    from app.nlp.pipeline import annotate_many

    nlp = _load_nlp()
    items = []
    for gp in gold_files:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        name = gp.name[: -len(".gold.json")]
        text = (gold_dir / gold.get("document", f"{name}.txt")).read_text(encoding="utf-8")
        meta = {"publisher": gold.get("publisher"), "published": gold.get("published")} if metadata else {}
        items.append((name, text, meta))
    out: dict[str, dict] = {}
    with _progress(len(items)) as progress:
        task = progress.add_task("annotate", total=len(items))
        for (name, _, _), result in zip(items, annotate_many(((t, m) for _, t, m in items), nlp=nlp)):
            out[name] = result.to_json_dict()
            progress.advance(task)
    return out


def _predict_polnear(docs) -> dict[str, dict]:
    from app.nlp.pipeline import annotate_many

    nlp = _load_nlp()
    out: dict[str, dict] = {}
    with _progress(len(docs)) as progress:
        task = progress.add_task("annotate", total=len(docs))
        for doc, result in zip(docs, annotate_many(((d.text, {}) for d in docs), nlp=nlp)):
            out[doc.name] = result.to_json_dict()
            progress.advance(task)
    return out


def main() -> None:
    app()


if __name__ == "__main__":
    main()
