"""The model card written next to the confidence model: data, features, command, figures."""
from __future__ import annotations

from pathlib import Path

from app.eval.calibration import calibration_bins
from app.nlp.confidence.train import UNSEEN, UNSEEN_L2, Training, batch_order, threshold_table

COMPARED = ("model", "development fit", "rules")


def _num(value, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def write_card(path: Path, t: Training, model_path: Path, *, command: str | None = None) -> None:
    """Write the card of the model ``t`` fitted (saved at ``model_path``) as Markdown at ``path``."""
    model = t.model
    unseen = t.fitted_on == "unseen"
    lines = [
        "# Claim confidence model",
        "",
        f"`{model_path.name}`: the probability that a claim the engine finds is **fully correct** — it matches a",
        "gold claim (word-token F1 ≥ 0.5, one to one) and both its speaker and its relay are right, DESIGN.md's",
        "attribution criterion (`app/eval/scoring.py`). It is each claim's `confidence` in the annotation,",
        "written by the spaCy component `whosaid_confidence`. A claim under",
        f"**{model.low_confidence}** has less than even odds of being fully correct, by the model: the review UI's",
        "\"low confidence\" filter.",
        "",
        "## Data",
        "",
    ]
    lines += _unseen_data(t) if unseen else _development_data(t)
    lines += [
        "",
        "## Model",
        "",
        f"Logistic regression, L2 penalty {t.l2}{_l2_choice(t)} on standardized features (bias not penalized), fitted by",
        "Newton's method (`app/nlp/confidence/model.py`, numpy); features present on fewer than 3 claims are",
        "left out. The features (`app/nlp/confidence/features.py`) are read from the engine's evidence: the",
        "claim's kind and rule (`rule=`), the distance between cue and content, the mention that names the",
        "speaker (`speaker_form=`: name, pronoun, nominal, ...) and the source it resolved to (`source=`),",
        "whether the parse hangs the speaker from the cue and whether it stands next to it (parse and surface",
        "agreeing), how the trace says the speaker and each relay hop were decided (`trace=`: own attribution,",
        "carried interview, frame, wire copy, publisher; `app/nlp/confidence/traces.py` reads each trace line",
        "by its opening words), the number of hops, the paragraph, and page furniture nearby.",
        "",
        "| feature | weight (per standard deviation) |",
        "| --- | --- |",
    ]
    for name, w in sorted(zip(model.features, model.weights), key=lambda p: -abs(p[1])):
        lines.append(f"| `{name}` | {w:+.3f} |")
    lines += [f"| (bias) | {model.bias:+.3f} |", ""]
    if unseen and model.meta.get("unweighted_rules"):
        lines += ["Rules the engine uses on the development gold that the sample holds too few claims of to weigh "
                  f"(a claim of theirs counts as any rule's; record batches that have them): "
                  f"{', '.join('`' + r + '`' for r in model.meta['unweighted_rules'])}.", ""]
    lines += ["## Figures", ""]
    if unseen:
        lines += [
            "Leave one batch out: every claim of a batch of unseen pages is scored by a model fitted on the other",
            "batches only. \"development fit\" is the same model fitted on the development gold instead (what the",
            "engine shipped before the sample existed), \"rules\" the fixed number of the rule that found the claim.",
            "On the development gold, which this model was not fitted on, its figures are out of sample as they stand.",
        ]
    else:
        lines += [
            f"Cross-validation by article: {t.folds} folds, each gold folder's articles shuffled (seed 0) and dealt",
            "round the folds, no article split; every claim is scored by a model fitted without its article.",
            "\"rules\" is the confidence the engine reported before this model (each rule's fixed number).",
        ]
    lines += [
        "ECE: expected calibration error over 10 equal-width bins; Brier: mean squared error; AUC: how often",
        "a correct claim ranks above a wrong one.",
        "",
        "| claims of | claims | fully correct | confidence | ECE | Brier | AUC |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, fig in t.figures.items():
        for which in COMPARED:
            if which in fig:
                m = fig[which]
                lines.append(f"| {name} | {m['claims']} | {m['correct']:.3f} | {which} | {_num(m['ece'])} | "
                             f"{_num(m['brier'])} | {_num(m['auc'])} |")
    if t.other_seeds:
        lines += ["", "The same on all development articles with the folds dealt with other seeds: " + "; ".join(
            f"seed {seed}: ECE {_num(m['ece'])}, Brier {_num(m['brier'])}, AUC {_num(m['auc'])}"
            for seed, m in t.other_seeds.items()) + "."]
    held = f"{UNSEEN}, each batch held out" if unseen else "all development articles"
    lines += ["", f"Reliability of the held-out confidence ({held}):", "",
              "| confidence | claims | mean confidence | share correct |", "| --- | --- | --- | --- |"]
    for b in calibration_bins(t.held_out, t.labels):
        if b.count:
            lines.append(f"| {b.low:.1f}–{b.high:.1f} | {b.count} | {b.confidence:.3f} | {b.accuracy:.3f} |")
    lines += ["", f"The low-confidence threshold, on the held-out confidence ({held}):", "",
              "| threshold | claims below | correct below | correct at or above | wrong claims below |",
              "| --- | --- | --- | --- | --- |"]
    for row in threshold_table(t.held_out, t.labels):
        lines.append(f"| {row['threshold']:.1f} | {row['below']:.3f} | {_num(row['correct_below'])} | "
                     f"{_num(row['correct_above'])} | {row['wrong_caught']:.3f} |")
    chosen = threshold_table(t.held_out, t.labels, (model.low_confidence,))[0]
    lines += [
        "",
        f"The review UI's \"low confidence\" filter takes the claims under {model.low_confidence}, those the model",
        "gives less than even odds. Held out, that is "
        f"{chosen['below']:.1%} of the claims, {_num(chosen['correct_below'], 2)} of them correct against "
        f"{_num(chosen['correct_above'], 2)} of the rest; they hold {chosen['wrong_caught']:.1%} of the wrong claims.",
        "",
        "## Command",
        "",
        "```bash",
    ]
    if unseen:
        lines.append("whosaid record-unseen BATCH_DIR...   # once per new batch of unseen pages, before developing on it")
    lines += [
        command or "whosaid train-confidence",
        "whosaid eval ../shared/gold-real --calibration   # ECE, Brier and AUC of the shipped model on a gold folder",
        "```",
        "",
    ]
    if unseen:
        lines += [
            "The sample keeps each claim's features as the engine of its batch computed them; when the engine's",
            "features change (a rule renamed, a trace kind added), old batches no longer speak for them: record",
            "new batches. Development on a recorded batch does not change its records, which is the point: they",
            "say how the engine does on pages it was not developed on.",
            "",
        ]
    else:
        lines += [
            "The engine changes; retrain after it does (the command rewrites this card). Figures measured on the",
            "articles the model was fitted on (`whosaid eval --calibration` on these folders) are optimistic; the",
            "cross-validated figures above are the honest ones.",
            "",
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def _l2_choice(t: Training) -> str:
    return (" (`UNSEEN_L2`, chosen once leaving one batch out among 10, 30, 100 and 300 on the first nine "
            "batches; the README has those figures)") if t.fitted_on == "unseen" and t.l2 == UNSEEN_L2 else ""


def _development_data(t: Training) -> list[str]:
    lines = [
        "The engine's claims on the development gold, the engine given each gold file's publisher and date",
        "(as `whosaid eval` does). A claim that only matches an optional gold claim is left out.",
        "",
        "| folder | articles | claims | fully correct |",
        "| --- | --- | --- | --- |",
    ]
    for name, fig in t.figures.items():
        m = fig["model"]
        lines.append(f"| {name} | {fig['articles']} | {m['claims']} | {m['correct']:.3f} |")
    return lines + ["", f"Folders: {', '.join('`' + d + '`' for d in t.model.meta.get('data', []))}. Trained "
                        f"{t.model.meta.get('trained', '')}."]


def _share(t: Training, subset: str) -> str:
    fig = t.figures.get(subset)
    return "–" if fig is None else f"{fig['model']['correct']:.0%}"


def _unseen_data(t: Training) -> list[str]:
    records = t.unseen
    lines = [
        f"The engine's claims on {len({r.batch for r in records})} batches of real news pages it was never developed",
        f"on (`{', '.join(t.model.meta.get('data', []))}`): each batch was annotated blind to the engine and",
        "scored once by `whosaid record-unseen` before anyone looked at the engine's output on it; the sample",
        "keeps each claim's features, the rules' number and whether the claim was fully correct, no text. A",
        "claim that only matches an optional gold claim is left out. The development gold (where the engine",
        f"was tuned, and is right on {_share(t, 'all development articles')} of its claims against "
        f"{_share(t, UNSEEN)} here) is not fitted on;",
        "the figures below compare a model fitted there.",
        "",
        "| batch | pages | claims | fully correct | engine | recorded |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for batch in batch_order(records):
        mine = [r for r in records if r.batch == batch]
        lines.append(f"| {batch} | {len({r.article for r in mine})} | {len(mine)} | "
                     f"{sum(r.correct for r in mine) / len(mine):.3f} | {', '.join(sorted({r.engine for r in mine}))} | "
                     f"{', '.join(sorted({r.recorded for r in mine}))} |")
    return lines + ["", f"Trained {t.model.meta.get('trained', '')}."]
