"""Fit the confidence model on the development gold and measure it on articles it was not fitted on.

    collect(gold_dirs) -> list[Example]        the engine's claims on every gold article, with features,
                                               the rules' own confidence and whether the claim is fully correct
    article_folds(examples, k) -> fold per article (articles never split; each gold folder spread evenly)
    cross_validate(examples, folds) -> the confidence each claim gets from a model fitted without its article
    train(gold_dirs, out, card) -> Training    fit on everything, save the model and write its card

``whosaid train-confidence`` runs ``train``.
"""
from __future__ import annotations

import json
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.eval.calibration import labelled_claims, summary
from app.nlp.confidence.model import ConfidenceModel, fit

DEFAULT_L2 = 30.0
DEFAULT_FOLDS = 5
OTHER_SEEDS = (1, 2)  # the folds dealt again, to show how much the figures owe to one dealing


@dataclass(frozen=True)
class Example:
    """One predicted claim of a gold article."""

    folder: str  # the gold folder's name: gold, gold_translated, gold-real
    article: str
    features: dict[str, float]
    rule_confidence: float  # the rules' own number, what the engine reported before the model
    correct: int


def _gold_items(gold_dir: Path) -> list[tuple[str, dict, str, dict]]:
    """(name, gold, text, metadata) for every NAME.gold.json of a folder, sorted by name."""
    files = sorted(gold_dir.glob("*.gold.json"))
    if not files:
        raise ValueError(f"no *.gold.json files in {gold_dir}")
    items = []
    for path in files:
        name = path.name[: -len(".gold.json")]
        gold = json.loads(path.read_text(encoding="utf-8"))
        text_path = gold_dir / gold.get("document", f"{name}.txt")
        if not text_path.is_file():
            raise ValueError(f"{path}: its article {text_path.name} is missing")
        meta = {"publisher": gold.get("publisher"), "published": gold.get("published")}
        items.append((name, gold, text_path.read_text(encoding="utf-8"), meta))
    return items


def collect(gold_dirs: Sequence[Path], nlp=None, progress=None) -> list[Example]:
    """Annotate every gold article (the engine given the gold file's publisher and date, as `whosaid
    eval` does) and label each claim. ``nlp`` must be built without the confidence component
    (``build_nlp(confidence=False)``), so the rules' own confidence is read as it was."""
    from app.nlp.pipeline import annotate_with_features, build_nlp

    nlp = nlp or build_nlp(confidence=False)
    examples: list[Example] = []
    for gold_dir in gold_dirs:
        items = _gold_items(gold_dir)
        results = annotate_with_features(((text, meta) for _, _, text, meta in items), nlp=nlp)
        for (name, gold, _, _), (annotation, features) in zip(items, results):
            pred = annotation.to_json_dict()
            for k, label in labelled_claims(gold, pred):
                examples.append(Example(gold_dir.name, name, features[k], pred["claims"][k]["confidence"], label))
            if progress is not None:
                progress()
    return examples


def article_folds(examples: Sequence[Example], k: int = DEFAULT_FOLDS, seed: int = 0) -> dict[tuple[str, str], int]:
    """A fold for every article: each gold folder's articles, shuffled with ``seed``, dealt round the
    folds in turn, so that every fold holds articles of every folder and no article is split."""
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    rng = random.Random(seed)
    folds: dict[tuple[str, str], int] = {}
    turn = 0
    for folder in sorted({e.folder for e in examples}):
        articles = sorted({e.article for e in examples if e.folder == folder})
        rng.shuffle(articles)
        for article in articles:
            folds[(folder, article)] = turn % k
            turn += 1
    return folds


def cross_validate(examples: Sequence[Example], folds: dict[tuple[str, str], int], *,
                   l2: float = DEFAULT_L2) -> list[float]:
    """The confidence of every claim by a model fitted on the other folds' articles."""
    out = [0.0] * len(examples)
    for fold in sorted(set(folds.values())):
        held = [n for n, e in enumerate(examples) if folds[(e.folder, e.article)] == fold]
        train_on = [e for e in examples if folds[(e.folder, e.article)] != fold]
        model = fit([e.features for e in train_on], [e.correct for e in train_on], l2=l2)
        for n in held:
            out[n] = model.predict(examples[n].features)
    return out


@dataclass
class Training:
    """What `train` did: the model, and the held-out figures of the new and the rules' confidence."""

    model: ConfidenceModel
    examples: list[Example]
    held_out: list[float]
    folds: int
    l2: float
    figures: dict[str, dict[str, dict]] = field(default_factory=dict)  # subset -> {"model"|"rules": summary}
    other_seeds: dict[int, dict] = field(default_factory=dict)  # seed -> summary of all claims, folds dealt anew


def _shown(path: Path) -> str:
    """A folder as the project names it: relative to the project's root ("../shared/gold-real")."""
    from app.core.config import PROJECT_ROOT

    return os.path.relpath(path.resolve(), PROJECT_ROOT)


def _subsets(examples: Sequence[Example]) -> dict[str, list[int]]:
    out = {"all development articles": list(range(len(examples)))}
    for folder in sorted({e.folder for e in examples}):
        out[folder] = [n for n, e in enumerate(examples) if e.folder == folder]
    return out


def train(gold_dirs: Sequence[Path], out: Path, card: Path | None = None, *, folds: int = DEFAULT_FOLDS,
          l2: float = DEFAULT_L2, nlp=None, progress=None, command: str | None = None) -> Training:
    """Measure by cross-validation over articles, fit on every article, save the model at ``out`` and
    its card at ``card``."""
    for gold_dir in gold_dirs:
        if not Path(gold_dir).is_dir():
            raise ValueError(f"gold folder {gold_dir} does not exist")
    examples = collect([Path(d) for d in gold_dirs], nlp=nlp, progress=progress)
    if len({e.correct for e in examples}) < 2:
        raise ValueError("the gold folders give only right claims or only wrong ones: nothing to fit")
    assignment = article_folds(examples, folds)
    if len(set(assignment.values())) < folds:
        raise ValueError(f"{len(assignment)} articles cannot fill {folds} folds")
    held_out = cross_validate(examples, assignment, l2=l2)
    figures = {}
    for name, idx in _subsets(examples).items():
        labels = [examples[n].correct for n in idx]
        figures[name] = {"model": summary([held_out[n] for n in idx], labels),
                         "rules": summary([examples[n].rule_confidence for n in idx], labels),
                         "articles": len({examples[n].article for n in idx})}
    labels = [e.correct for e in examples]
    other_seeds = {seed: summary(cross_validate(examples, article_folds(examples, folds, seed=seed), l2=l2), labels)
                   for seed in OTHER_SEEDS}
    meta = {"trained": date.today().isoformat(), "data": [_shown(Path(d)) for d in gold_dirs],
            "articles": len(assignment), "claims": len(examples), "folds": folds, "l2": l2,
            "cross_validation": {k: v["model"] for k, v in figures.items()}}
    model = fit([e.features for e in examples], [e.correct for e in examples], l2=l2, meta=meta)
    model.save(out)
    result = Training(model, examples, held_out, folds, l2, figures, other_seeds)
    if card is not None:
        from app.nlp.confidence.card import write_card

        write_card(card, result, out, command=command)
    return result


def threshold_table(probs: Sequence[float], labels: Sequence[int],
                    thresholds: Sequence[float] = (0.3, 0.4, 0.5, 0.6, 0.7)) -> list[dict]:
    """For each threshold: the share of claims below it, and the share correct below and above it."""
    rows = []
    for t in thresholds:
        below = [y for p, y in zip(probs, labels) if p < t]
        above = [y for p, y in zip(probs, labels) if p >= t]
        rows.append({"threshold": t, "below": len(below) / len(labels) if labels else 0.0,
                     "correct_below": sum(below) / len(below) if below else None,
                     "correct_above": sum(above) / len(above) if above else None,
                     "wrong_caught": (len(below) - sum(below)) / max(1, len(labels) - sum(labels))})
    return rows


