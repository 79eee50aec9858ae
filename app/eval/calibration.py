"""How well a claim's confidence says how likely it is to be right.

A claim is *fully correct* when it matches a gold claim and its speaker and relay are right (DESIGN.md's
attribution criterion, ``app.eval.scoring``); a claim that only matches an optional gold claim is neither
right nor wrong and is left out. Over (confidence, correct) pairs:

- **expected calibration error** (ECE): claims are put in ``bins`` equal-width bins by confidence (a
  confidence of exactly 1.0 goes in the last); ECE is the mean over bins of |share correct − mean
  confidence|, each bin weighted by its share of the claims;
- **Brier score**: the mean squared difference between confidence and the 0/1 outcome;
- **AUC**: the probability that a correct claim has a higher confidence than a wrong one (ties count
  half), the Mann–Whitney statistic.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.eval.scoring import score_document

__all__ = ["Bin", "auc", "brier", "calibration_bins", "confidence_outcomes", "ece", "labelled_claims", "summary"]


def _check(probs: Sequence[float], labels: Sequence[int]) -> None:
    if len(probs) != len(labels):
        raise ValueError(f"{len(probs)} confidences but {len(labels)} outcomes")
    if any(not 0.0 <= p <= 1.0 for p in probs):
        raise ValueError("a confidence outside [0, 1]")
    if any(y not in (0, 1, True, False) for y in labels):
        raise ValueError("outcomes must be 0 or 1")


@dataclass(frozen=True)
class Bin:
    """One bin of the reliability table: confidences in [low, high), how many claims, their mean
    confidence and the share of them that is correct."""

    low: float
    high: float
    count: int
    confidence: float
    accuracy: float


def calibration_bins(probs: Sequence[float], labels: Sequence[int], bins: int = 10) -> list[Bin]:
    """The reliability table: equal-width bins over [0, 1], empty ones included (count 0)."""
    _check(probs, labels)
    if bins < 1:
        raise ValueError("bins must be at least 1")
    members: list[list[int]] = [[] for _ in range(bins)]
    for k, p in enumerate(probs):
        members[min(int(p * bins), bins - 1)].append(k)
    out = []
    for b, ks in enumerate(members):
        n = len(ks)
        out.append(Bin(b / bins, (b + 1) / bins, n, sum(probs[k] for k in ks) / n if n else 0.0,
                       sum(labels[k] for k in ks) / n if n else 0.0))
    return out


def ece(probs: Sequence[float], labels: Sequence[int], bins: int = 10) -> float:
    """Expected calibration error over ``bins`` equal-width bins."""
    table = calibration_bins(probs, labels, bins)
    total = len(probs)
    if total == 0:
        raise ValueError("no claims to measure calibration on")
    return sum(b.count / total * abs(b.accuracy - b.confidence) for b in table)


def brier(probs: Sequence[float], labels: Sequence[int]) -> float:
    """Mean squared error of the confidence against the 0/1 outcome."""
    _check(probs, labels)
    if not probs:
        raise ValueError("no claims to measure calibration on")
    return sum((p - y) ** 2 for p, y in zip(probs, labels)) / len(probs)


def auc(probs: Sequence[float], labels: Sequence[int]) -> float | None:
    """Area under the ROC curve (ties count half); None when all outcomes are alike."""
    _check(probs, labels)
    order = sorted(range(len(probs)), key=lambda k: probs[k])
    ranks = [0.0] * len(probs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and probs[order[j + 1]] == probs[order[i]]:
            j += 1
        for k in order[i:j + 1]:
            ranks[k] = (i + j) / 2 + 1  # tied confidences share their mean rank
        i = j + 1
    positives = sum(1 for y in labels if y)
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return None
    rank_sum = sum(r for r, y in zip(ranks, labels) if y)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def summary(probs: Sequence[float], labels: Sequence[int], bins: int = 10) -> dict[str, Any]:
    """ECE, Brier score, AUC, the number of claims and the share correct."""
    return {"claims": len(probs), "correct": round(sum(labels) / len(labels), 3) if labels else 0.0,
            "ece": round(ece(probs, labels, bins), 3), "brier": round(brier(probs, labels), 3),
            "auc": None if (a := auc(probs, labels)) is None else round(a, 3)}


def labelled_claims(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> list[tuple[int, int]]:
    """(index into ``pred["claims"]``, 1 if fully correct else 0) for every predicted claim of one
    article, in the prediction's order; claims that match only an optional gold claim are left out.
    The claims need ids, one each (the annotation contract gives them)."""
    claims = pred.get("claims", [])
    ids = [c.get("id") for c in claims]
    if any(i is None for i in ids) or len(set(ids)) != len(ids):
        raise ValueError("every predicted claim needs an id of its own to be labelled")
    score = score_document(gold, pred)
    correct = {d.pred.id: int(d.correct) for d in score.details}
    wrong = {p.id for p in score.spurious}
    out = []
    for k, cid in enumerate(ids):
        if cid in correct:
            out.append((k, correct[cid]))
        elif cid in wrong:
            out.append((k, 0))
    return out


def confidence_outcomes(gold_dir: str | Path, predictions: Mapping[str, Mapping[str, Any]],
                        names: Sequence[str] | None = None) -> tuple[list[float], list[int]]:
    """(confidence, fully correct) of every predicted claim of a gold folder's articles (``names``: only
    these articles), as ``score_directory`` pairs gold files with predictions."""
    probs: list[float] = []
    labels: list[int] = []
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        name = path.name[: -len(".gold.json")]
        if names is not None and name not in names:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred = predictions.get(name) or predictions.get(gold.get("document", "")) or {"claims": []}
        for k, label in labelled_claims(gold, pred):
            confidence = pred["claims"][k].get("confidence")
            if confidence is None:
                raise ValueError(f"{name}: claim {pred['claims'][k].get('id')} has no confidence")
            probs.append(float(confidence))
            labels.append(label)
    return probs, labels
