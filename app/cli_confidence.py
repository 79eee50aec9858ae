"""`whosaid train-confidence` and `whosaid record-unseen`: fit the claim confidence model on unseen pages
(or the development gold).

app/cli.py adds it with `app.add_typer(cli_confidence.cli)`; the work is `app.nlp.confidence.train.train`.
"""
from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from app.cli_help import Command, Group
from app.core.config import PROJECT_ROOT

cli = typer.Typer(cls=Group, add_completion=False)
err = Console(stderr=True)
DEFAULT_GOLD = (Path("tests/gold"), Path("tests/gold_translated"), Path("../shared/gold-real"))


@cli.command("train-confidence", cls=Command)
def train_confidence(
    gold_dirs: Annotated[Optional[list[Path]], typer.Argument(
        metavar="GOLD_DIR", help="Gold folders (NAME.txt + NAME.gold.json); default: tests/gold, "
                                      "tests/gold_translated and ../shared/gold-real of the project.")] = None,
    out: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Where to write the model; default "
                                                "models/confidence.json.")] = None,
    card: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Where to write its card; default FILE "
                                                 "with the suffix .md.")] = None,
    folds: Annotated[int, typer.Option(metavar="K", min=2, help="Cross-validation folds (by article).")] = 5,
    l2: Annotated[Optional[float], typer.Option(metavar="L2", min=0.0, help="Weight of the L2 penalty; default 100 "
                                                "on unseen pages, 30 on gold folders.")] = None,
    unseen: Annotated[Optional[Path], typer.Option(metavar="FILE", help="The sample of unseen pages to fit on "
                                                   "(`whosaid record-unseen`); default "
                                                   "models/confidence_unseen.jsonl.")] = None,
    development: Annotated[bool, typer.Option("--development", help="Fit on the gold folders even where a "
                                              "sample of unseen pages is there.")] = False,
) -> None:
    """Fit the claim confidence model: on the sample of unseen pages when it holds two batches or more
    (measured leaving one batch out), else on the gold folders (cross-validated by article). Print and
    write its calibration."""
    from app.nlp.confidence.train import train

    dirs = list(gold_dirs) if gold_dirs else [PROJECT_ROOT / d for d in DEFAULT_GOLD]
    for d in dirs:
        if not d.is_dir():
            raise typer.BadParameter(f"{d} is not a folder", param_hint="GOLD_DIR")
    if unseen is not None and not unseen.is_file():
        raise typer.BadParameter(f"{unseen} is not a file", param_hint="--unseen")
    unseen = None if development else unseen or PROJECT_ROOT / "models" / "confidence_unseen.jsonl"
    out = out or PROJECT_ROOT / "models" / "confidence.json"
    card = card or out.with_suffix(".md")
    nlp = _load_bare_nlp()
    command = "whosaid " + " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv[1:2] == ["train-confidence"] \
        else "whosaid train-confidence"
    try:
        result = train(dirs, out, card, unseen=unseen, folds=folds, l2=l2, nlp=nlp, command=command)
    except ValueError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(1) from exc
    console = Console()
    where = "unseen pages" if result.fitted_on == "unseen" else "development articles"
    console.print(f"fitted on {len(result.labels)} claims of {result.model.meta['articles']} {where}; "
                  f"model {escape(str(out))}, card {escape(str(card))}")
    if result.fitted_on == "unseen":
        console.print("unseen pages leaving one batch out, development gold as it stands: ECE / Brier / AUC")
    else:
        console.print(f"cross-validation by article ({folds} folds): ECE / Brier / AUC, model against the rules' numbers")
    for name, fig in result.figures.items():
        shown = "; ".join(f"{which} {_trio(fig[which])}" for which in ("model", "development fit", "rules") if which in fig)
        console.print(f"  {escape(name)}: {fig['model']['claims']} claims, {shown}")


def _trio(figures: dict) -> str:
    auc = "–" if figures["auc"] is None else f"{figures['auc']:.3f}"
    return f"{figures['ece']:.3f} / {figures['brier']:.3f} / {auc}"


def _load_bare_nlp():
    """The pipeline without the confidence component: the model is fitted on the rest of the engine."""
    from pydantic_settings import SettingsError

    from app.nlp.lexicon import LexiconError
    from app.nlp.pipeline import ModelNotFound, build_nlp

    try:
        return build_nlp(confidence=False)
    except (ModelNotFound, LexiconError, SettingsError) as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc


@cli.command("record-unseen", cls=Command)
def record_unseen(
    gold_dirs: Annotated[list[Path], typer.Argument(
        metavar="GOLD_DIR", help="Gold folders of pages the engine was never developed on, one batch each.")],
    out: Annotated[Optional[Path], typer.Option(metavar="FILE", help="The sample to add them to; default "
                                                "models/confidence_unseen.jsonl.")] = None,
) -> None:
    """Score batches of unseen pages once and add their claims (features and outcome, no text) to the sample
    that `whosaid train-confidence` fits the confidence model on. A batch already recorded is refused."""
    from app.nlp.confidence.unseen import record

    for d in gold_dirs:
        if not d.is_dir():
            raise typer.BadParameter(f"{d} is not a folder", param_hint="GOLD_DIR")
    out = out or PROJECT_ROOT / "models" / "confidence_unseen.jsonl"
    nlp = _load_bare_nlp()
    try:
        records = record(gold_dirs, out, engine=_engine_version(), nlp=nlp)
    except ValueError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(1) from exc
    console = Console()
    for batch in dict.fromkeys(r.batch for r in records):
        mine = [r for r in records if r.batch == batch]
        console.print(f"{escape(batch)}: {len(mine)} claims of {len({r.article for r in mine})} articles, "
                      f"{sum(r.correct for r in mine) / len(mine):.3f} fully correct")
    console.print(f"added to {escape(str(out))}; refit with `whosaid train-confidence`")


def _engine_version() -> str:
    """The commit the engine's code is at ("+changes" when app/ or models/ differ from it); "unknown"
    outside a git checkout."""
    import subprocess

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                                text=True, check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "app", "models"], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit + ("+changes" if dirty else "")
