"""The model card written next to the confidence model: data, features, command, figures."""
from __future__ import annotations

from pathlib import Path

from app.eval.calibration import calibration_bins
from app.nlp.confidence.train import Training, threshold_table


def _num(value, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def write_card(path: Path, t: Training, model_path: Path, *, command: str | None = None) -> None:
    """Write the card of the model ``t`` fitted (saved at ``model_path``) as Markdown at ``path``."""
    model = t.model
    examples = t.examples
    labels = [e.correct for e in examples]
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
        "The engine's claims on the development gold, the engine given each gold file's publisher and date",
        "(as `whosaid eval` does). A claim that only matches an optional gold claim is left out.",
        "",
        "| folder | articles | claims | fully correct |",
        "| --- | --- | --- | --- |",
    ]
    for name, fig in t.figures.items():
        m = fig["model"]
        lines.append(f"| {name} | {fig['articles']} | {m['claims']} | {m['correct']:.3f} |")
    lines += [
        "",
        f"Folders: {', '.join('`' + d + '`' for d in model.meta.get('data', []))}. Trained "
        f"{model.meta.get('trained', '')}.",
        "",
        "## Model",
        "",
        f"Logistic regression, L2 penalty {t.l2} on standardized features (bias not penalized), fitted by",
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
    lines += [
        "## Figures",
        "",
        f"Cross-validation by article: {t.folds} folds, each gold folder's articles shuffled (seed 0) and dealt",
        "round the folds, no article split; every claim is scored by a model fitted without its article.",
        "\"rules\" is the confidence the engine reported before this model (each rule's fixed number).",
        "ECE: expected calibration error over 10 equal-width bins; Brier: mean squared error; AUC: how often",
        "a correct claim ranks above a wrong one.",
        "",
        "| claims of | confidence | ECE | Brier | AUC |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, fig in t.figures.items():
        for which in ("model", "rules"):
            m = fig[which]
            lines.append(f"| {name} | {which} | {_num(m['ece'])} | {_num(m['brier'])} | {_num(m['auc'])} |")
    if t.other_seeds:
        lines += ["", "The same on all development articles with the folds dealt with other seeds: " + "; ".join(
            f"seed {seed}: ECE {_num(m['ece'])}, Brier {_num(m['brier'])}, AUC {_num(m['auc'])}"
            for seed, m in t.other_seeds.items()) + "."]
    lines += ["", "Reliability of the held-out confidence (all development articles):", "",
              "| confidence | claims | mean confidence | share correct |", "| --- | --- | --- | --- |"]
    for b in calibration_bins(t.held_out, labels):
        if b.count:
            lines.append(f"| {b.low:.1f}–{b.high:.1f} | {b.count} | {b.confidence:.3f} | {b.accuracy:.3f} |")
    lines += ["", "The low-confidence threshold, on the held-out confidence (all development articles):", "",
              "| threshold | claims below | correct below | correct at or above | wrong claims below |",
              "| --- | --- | --- | --- | --- |"]
    for row in threshold_table(t.held_out, labels):
        lines.append(f"| {row['threshold']:.1f} | {row['below']:.3f} | {_num(row['correct_below'])} | "
                     f"{_num(row['correct_above'])} | {row['wrong_caught']:.3f} |")
    chosen = threshold_table(t.held_out, labels, (model.low_confidence,))[0]
    lines += [
        "",
        f"The review UI's \"low confidence\" filter takes the claims under {model.low_confidence}, those the model",
        "gives less than even odds. Held out, that is "
        f"{chosen['below']:.1%} of the claims, {_num(chosen['correct_below'], 2)} of them correct against "
        f"{_num(chosen['correct_above'], 2)} of the rest; they hold {chosen['wrong_caught']:.1%} of the wrong claims.",
    ]
    lines += [
        "",
        "## Command",
        "",
        "```bash",
        command or "whosaid train-confidence",
        "whosaid eval ../shared/gold-real --calibration   # ECE, Brier and AUC of the shipped model on a gold folder",
        "```",
        "",
        "The engine changes; retrain after it does (the command rewrites this card). Figures measured on the",
        "articles the model was fitted on (`whosaid eval --calibration` on these folders) are optimistic; the",
        "cross-validated figures above are the honest ones.",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
