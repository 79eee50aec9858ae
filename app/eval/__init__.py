"""Evaluation: score annotations against hand-made gold files and against PolNeAR.

    from app.eval import score_directory, load_predictions, load_polnear, score_polnear
    report = score_directory("../shared/gold", load_predictions("out/"))
    report.total["attribution_f1"]

``scoring`` implements DESIGN.md's gold rules (agreeing with ``../shared/tools/score.py``), ``polnear``
the PolNeAR development figures, ``report`` renders either report with rich or as JSON.
"""
from app.eval.polnear import PolnearDocument, PolnearReport, load_polnear, score_polnear
from app.eval.scoring import (
    Counts,
    DocumentScore,
    EvalReport,
    figures,
    load_predictions,
    score_directory,
    score_document,
    token_f1,
)

__all__ = [
    "Counts",
    "DocumentScore",
    "EvalReport",
    "PolnearDocument",
    "PolnearReport",
    "figures",
    "load_polnear",
    "load_predictions",
    "score_directory",
    "score_document",
    "score_polnear",
    "token_f1",
]
