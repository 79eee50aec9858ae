"""Fit the confidence model and measure it on claims it was not fitted on.

The model is fitted on the sample of unseen pages (``app.nlp.confidence.unseen``, batches of real pages
scored once, before the engine was developed on them) when it holds two batches or more: the engine's
claims on pages like those users bring. Its figures there are by leave-one-batch-out; on the
development gold, which it was not fitted on, they are out of sample as they stand. Without such a
sample it is fitted on the development gold, measured by cross-validation over articles: a model that
learns how right the engine is where it was tuned, overconfident on anything else.

    collect(gold_dirs) -> list[Example]        the engine's claims on every gold article, with features,
                                               the rules' own confidence and whether the claim is fully correct
    article_folds(examples, k) -> fold per article (articles never split; each gold folder spread evenly)
    cross_validate(examples, folds) -> the confidence each claim gets from a model fitted without its article
    train(gold_dirs, out, card, unseen=...) -> Training    fit, save the model and write its card

``whosaid train-confidence`` runs ``train``.
"""
from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.eval.calibration import labelled_claims, summary
from app.nlp.confidence.model import MIN_FEATURE_COUNT, ConfidenceModel, fit
from app.nlp.confidence.unseen import Record
from app.nlp.confidence.unseen import load as load_unseen

DEFAULT_L2 = 30.0
UNSEEN_L2 = 100.0  # fewer claims, more alike within a batch than across: chosen leaving one batch out among 10, 30, 100, 300
DEFAULT_FOLDS = 5
MIN_UNSEEN_BATCHES = 2  # leave-one-batch-out needs two; fewer, and the model is fitted on the development gold
UNSEEN = "unseen pages"  # the name of the sample's claims in the figures
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


def batch_order(records: Sequence[Record]) -> list[str]:
    """The batches of the records, in natural order ("N2" before "N10")."""
    return sorted({r.batch for r in records}, key=lambda b: [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", b)])


def leave_one_batch_out(records: Sequence[Record], *, l2: float = DEFAULT_L2) -> list[float]:
    """The confidence of every unseen-page claim by a model fitted on the other batches only."""
    out = [0.0] * len(records)
    for batch in batch_order(records):
        train_on = [r for r in records if r.batch != batch]
        model = fit([r.features for r in train_on], [r.correct for r in train_on], l2=l2)
        for n, r in enumerate(records):
            if r.batch == batch:
                out[n] = model.predict(r.features)
    return out


@dataclass
class Training:
    """What `train` did: the model, what it was fitted on and the figures of claims it was not fitted on.

    ``examples`` and ``labels`` are the claims it was fitted on, ``held_out`` their confidence by a model
    fitted without them (their article's fold, or their batch); ``figures`` maps a subset of claims to the
    summaries of the model's confidence (``"model"``), the rules' own numbers (``"rules"``) and, when the
    model is fitted on unseen pages, a model fitted on the development gold (``"development fit"``)."""

    model: ConfidenceModel
    fitted_on: str  # "unseen" or "development"
    labels: list[int]
    held_out: list[float]
    folds: int
    l2: float
    figures: dict[str, dict] = field(default_factory=dict)
    other_seeds: dict[int, dict] = field(default_factory=dict)  # seed -> summary of all claims, folds dealt anew
    development: list[Example] = field(default_factory=list)
    unseen: list[Record] = field(default_factory=list)


def _shown(path: Path) -> str:
    """A folder as the project names it: relative to the project's root ("../shared/gold-real")."""
    from app.core.config import PROJECT_ROOT

    return os.path.relpath(path.resolve(), PROJECT_ROOT)


def _subsets(examples: Sequence[Example]) -> dict[str, list[int]]:
    out = {"all development articles": list(range(len(examples)))}
    for folder in sorted({e.folder for e in examples}):
        out[folder] = [n for n, e in enumerate(examples) if e.folder == folder]
    return out


def train(gold_dirs: Sequence[Path], out: Path, card: Path | None = None, *, unseen: Path | None = None,
          folds: int = DEFAULT_FOLDS, l2: float | None = None, nlp=None, progress=None,
          command: str | None = None) -> Training:
    """Fit on the unseen-page sample at ``unseen`` when it holds two batches or more (L2 penalty ``l2``,
    default ``UNSEEN_L2``), else on the development gold (default ``DEFAULT_L2``); save the model at
    ``out`` and its card at ``card``."""
    for gold_dir in gold_dirs:
        if not Path(gold_dir).is_dir():
            raise ValueError(f"gold folder {gold_dir} does not exist")
    records = load_unseen(Path(unseen)) if unseen is not None else []
    examples = collect([Path(d) for d in gold_dirs], nlp=nlp, progress=progress)
    if len({r.batch for r in records}) >= MIN_UNSEEN_BATCHES:
        result = _train_on_unseen(records, examples, folds=folds, l2=UNSEEN_L2 if l2 is None else l2,
                                  data=[_shown(Path(unseen))])
    else:
        result = _train_on_development(examples, folds=folds, l2=DEFAULT_L2 if l2 is None else l2,
                                       data=[_shown(Path(d)) for d in gold_dirs])
    result.model.save(out)
    if card is not None:
        from app.nlp.confidence.card import write_card

        write_card(card, result, out, command=command)
    return result


def _meta(data: list[str], articles: int, claims: int, folds, l2: float, figures: dict) -> dict:
    return {"trained": date.today().isoformat(), "data": data, "articles": articles, "claims": claims,
            "folds": folds, "l2": l2, "cross_validation": {k: v["model"] for k, v in figures.items()}}


def _train_on_development(examples: list[Example], *, folds: int, l2: float, data: list[str]) -> Training:
    if len({e.correct for e in examples}) < 2:
        raise ValueError("the gold folders give only right claims or only wrong ones: nothing to fit")
    assignment = article_folds(examples, folds)
    if len(set(assignment.values())) < folds:
        raise ValueError(f"{len(assignment)} articles cannot fill {folds} folds")
    held_out = cross_validate(examples, assignment, l2=l2)
    labels = [e.correct for e in examples]
    figures = {}
    for name, idx in _subsets(examples).items():
        mine = [labels[n] for n in idx]
        figures[name] = {"model": summary([held_out[n] for n in idx], mine),
                         "rules": summary([examples[n].rule_confidence for n in idx], mine),
                         "articles": len({examples[n].article for n in idx})}
    other_seeds = {seed: summary(cross_validate(examples, article_folds(examples, folds, seed=seed), l2=l2), labels)
                   for seed in OTHER_SEEDS}
    meta = _meta(data, len(assignment), len(examples), folds, l2, figures)
    model = fit([e.features for e in examples], labels, l2=l2, meta=meta)
    return Training(model, "development", labels, held_out, folds, l2, figures, other_seeds, development=examples)


def _train_on_unseen(records: list[Record], examples: list[Example], *, folds: int, l2: float,
                     data: list[str]) -> Training:
    if len({r.correct for r in records}) < 2:
        raise ValueError("the unseen-page sample holds only right claims or only wrong ones: nothing to fit")
    held_out = leave_one_batch_out(records, l2=l2)
    labels = [r.correct for r in records]
    model = fit([r.features for r in records], labels, l2=l2)
    development_fit = fit([e.features for e in examples], [e.correct for e in examples], l2=l2) \
        if len({e.correct for e in examples}) == 2 else None
    figures: dict[str, dict] = {}
    batches = {UNSEEN: list(range(len(records)))}
    for batch in batch_order(records):
        batches[f"{UNSEEN}: {batch}"] = [n for n, r in enumerate(records) if r.batch == batch]
    for name, idx in batches.items():
        mine = [labels[n] for n in idx]
        figures[name] = {"model": summary([held_out[n] for n in idx], mine),
                         "rules": summary([records[n].rule_confidence for n in idx], mine),
                         "articles": len({(records[n].batch, records[n].article) for n in idx})}
        if development_fit is not None:
            figures[name]["development fit"] = summary([development_fit.predict(records[n].features) for n in idx], mine)
    for name, idx in _subsets(examples).items():  # the development gold: out of sample for this model
        if not idx:
            continue
        mine = [examples[n].correct for n in idx]
        figures[name] = {"model": summary([model.predict(examples[n].features) for n in idx], mine),
                         "rules": summary([examples[n].rule_confidence for n in idx], mine),
                         "articles": len({examples[n].article for n in idx})}
    articles = len({(r.batch, r.article) for r in records})
    meta = _meta(data, articles, len(records), "batch", l2, figures)
    meta["batches"] = batch_order(records)
    # rules the engine uses on the development gold that the sample holds too few claims of to weigh: a
    # claim of theirs counts as any rule's (record batches that have them)
    used = {}
    for e in examples:
        for name in e.features:
            if name.startswith("rule="):
                used[name] = used.get(name, 0) + 1
    meta["unweighted_rules"] = sorted(n.removeprefix("rule=") for n, k in used.items()
                                      if k >= MIN_FEATURE_COUNT and n not in model.features)
    if "development fit" in figures[UNSEEN]:
        meta["development_fit"] = figures[UNSEEN]["development fit"]  # the same claims, the model fitted on the gold
    meta["engines"] = sorted({r.engine for r in records})
    model = ConfidenceModel(model.features, model.weights, model.bias, model.center, model.scale,
                            model.low_confidence, meta)
    return Training(model, "unseen", labels, held_out, len(batches) - 1, l2, figures, {},
                    development=examples, unseen=records)


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


