"""Render evaluation reports for people (rich tables) and for machines (JSON).

Public API::

    render_report(report: EvalReport | PolnearReport, console: Console | None = None, *,
                  misses: bool = True) -> None
    render_gold_report(report: EvalReport, console: Console | None = None, *, misses: bool = True) -> None
    render_polnear_report(report: PolnearReport, console: Console | None = None) -> None
    to_json(report: EvalReport | PolnearReport, *, details: bool = False, indent: int | None = 1) -> str

``to_json`` of a gold report has the shape of ``score.py --dir [--verbose]``: ``{"total": figures,
"documents": {name: figures}}``, with ``details`` adding each document's ``missed``, ``spurious`` and
``wrong`` lists.
"""
from __future__ import annotations

import json
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from app.eval.polnear import PolnearReport
from app.eval.scoring import DocumentScore, EvalReport, GoldClaim

__all__ = ["render_calibration", "render_gold_report", "render_polnear_report", "render_report", "to_json"]

GOLD_COLUMNS = (
    "claim_p", "claim_r", "claim_f1", "speaker_acc", "relay_acc", "kind_acc", "speaker_f1", "attribution_f1",
)
POLNEAR_COLUMNS = ("content_p", "content_r", "content_f1", "source_acc", "cue_acc", "source_f1")
SNIPPET = 70


def _snippet(text: str | None, width: int = SNIPPET) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _figures_table(
    title: str, columns: Sequence[str], rows: Sequence[tuple[str, dict]], total: dict
) -> Table:
    table = Table(title=title)
    # figures keep their full headers; long document names are shortened instead, on one line
    table.add_column("document", no_wrap=True, overflow="ellipsis", max_width=40)
    for column in columns:
        table.add_column(column, justify="right", min_width=len(column))
    table.add_column("gold", justify="right")
    table.add_column("pred", justify="right")
    for name, figs in rows:
        table.add_row(name, *(f"{figs[c]:.3f}" for c in columns), str(figs["gold"]), str(figs["pred"]))
    table.add_section()
    table.add_row(
        Text("total", style="bold"),
        *(Text(f"{total[c]:.3f}", style="bold") for c in columns),
        Text(str(total["gold"]), style="bold"),
        Text(str(total["pred"]), style="bold"),
    )
    return table


def _gold_speaker(claim: GoldClaim) -> str:
    return " | ".join(claim.speaker) or "—"


def _relay(relay: Sequence[str | Sequence[str]]) -> str:
    hops = [h if isinstance(h, str) else "/".join(h) for h in relay]
    return " → ".join(hops) or "—"


def _render_misses(console: Console, name: str, doc: DocumentScore) -> None:
    if not (doc.missed or doc.spurious or doc.wrong):
        return
    console.rule(Text(name, style="bold"))
    for claim in doc.missed:
        console.print(Text.assemble(("  missed    ", "red"), _snippet(claim.text), ("  — " + _gold_speaker(claim), "dim")))
    for pred in doc.spurious:
        console.print(Text.assemble(("  spurious  ", "yellow"), _snippet(pred.text), ("  — " + (pred.speaker or "?"), "dim")))
    for detail in doc.wrong:
        console.print(Text.assemble(("  wrong     ", "magenta"), _snippet(detail.gold.text)))
        if not detail.speaker_ok:
            console.print(
                Text.assemble(
                    "      speaker: ", (detail.pred.speaker or "none", "red"), "  gold: ", (_gold_speaker(detail.gold), "green")
                )
            )
        if not detail.relay_ok:
            console.print(
                Text.assemble(
                    "      relay:   ", (_relay(detail.pred.relay), "red"), "  gold: ", (_relay(detail.gold.relay), "green")
                )
            )


def render_gold_report(report: EvalReport, console: Console | None = None, *, misses: bool = True) -> None:
    """Print per-document figures with a totals row, then (with ``misses``) each document's missed gold
    claims, spurious predictions and matched claims with a wrong speaker or relay, predicted next to gold."""
    console = console or Console()
    rows = [(name, doc.figures) for name, doc in report.documents.items()]
    console.print(_figures_table("whosaid eval — gold", GOLD_COLUMNS, rows, report.total))
    if misses:
        for name, doc in report.documents.items():
            _render_misses(console, name, doc)


def render_polnear_report(report: PolnearReport, console: Console | None = None) -> None:
    """Print per-document PolNeAR figures with a totals row."""
    console = console or Console()
    rows = [(doc.name, doc.figures) for doc in report.documents]
    console.print(_figures_table("whosaid eval — PolNeAR", POLNEAR_COLUMNS, rows, report.total))


def render_report(report: EvalReport | PolnearReport, console: Console | None = None, *, misses: bool = True) -> None:
    """Print either kind of report (``misses`` applies to gold reports)."""
    if isinstance(report, EvalReport):
        render_gold_report(report, console, misses=misses)
    else:
        render_polnear_report(report, console)


def to_json(report: EvalReport | PolnearReport, *, details: bool = False, indent: int | None = 1) -> str:
    """The report as a JSON string: totals and per-document figures (gold reports: ``details`` adds the
    missed, spurious and wrong claims per document)."""
    data = report.as_dict(details=details) if isinstance(report, EvalReport) else report.as_dict()
    return json.dumps(data, indent=indent, ensure_ascii=False)


def render_calibration(figures: dict, bins: Sequence, console: Console | None = None) -> None:
    """The calibration of the claims' confidence (``app.eval.calibration.summary``) and its reliability
    table (``calibration_bins``)."""
    console = console or Console()
    auc = "–" if figures["auc"] is None else f"{figures['auc']:.3f}"
    console.print(f"calibration of the confidence: ECE {figures['ece']:.3f} (10 bins), Brier {figures['brier']:.3f}, "
                  f"AUC {auc}; {figures['claims']} claims, {figures['correct']:.3f} fully correct")
    table = Table(title="reliability", show_edge=False)
    for name in ("confidence", "claims", "mean confidence", "share correct"):
        table.add_column(name, justify="right")
    for b in bins:
        if b.count:
            table.add_row(f"{b.low:.1f}–{b.high:.1f}", str(b.count), f"{b.confidence:.3f}", f"{b.accuracy:.3f}")
    console.print(table)
