"""The confidence model in the whole engine (the spaCy model is loaded): every trace line the engine
writes on the development gold has a kind and every rule it uses is a feature of the shipped model;
each claim's confidence is the model's probability, in [0, 1], the same on every run and through a saved
pipeline; `whosaid train-confidence` fits a model on a small gold folder; `whosaid eval --calibration`
measures one.
"""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from app.cli import app
from app.nlp.confidence.model import MIN_FEATURE_COUNT, ConfidenceModel, get_confidence_model
from app.nlp.confidence.traces import trace_kind
from app.nlp.pipeline import annotate, annotate_with_features, build_nlp

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
TEXT = ('Kirill Dmitriev told Axios that the talks had gone well. "We are close to a deal," he said.\n\n'
        "According to a Ukrainian official, the corridor would reopen in May.")


def _gold_texts(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.append((folder / gold.get("document", path.name[: -len(".gold.json")] + ".txt")).read_text(encoding="utf-8"))
    return out


def test_every_trace_line_on_the_development_gold_has_a_kind(nlp, shared):
    model = get_confidence_model()
    folders = [GOLD, ROOT / "tests" / "gold_translated", shared / "gold-real"]
    texts = [t for folder in folders if folder.is_dir() for t in _gold_texts(folder)]
    unread, own_relay, rules = set(), set(), Counter()
    for doc in nlp.pipe(texts, batch_size=16):
        for claim in doc._.whosaid_claims:
            rules[claim.rule] += 1
            unread |= {line for line in claim.why if trace_kind(line) is None}
            # the resolver's relay layers are never read as a hop of the claim's own attribution
            own_relay |= {line for line in claim.relay_why if trace_kind(line) == "hop:own"}
    assert not unread, f"trace lines app/nlp/confidence/traces.py does not read: {sorted(unread)}"
    assert not own_relay, f"relay layers read as own hops: {sorted(own_relay)}"
    # a rule the model has no weight for counts as any rule; one that decides several claims needs its own
    unknown = {r for r, n in rules.items() if "rule=" + r not in model.features and n >= MIN_FEATURE_COUNT}
    assert not unknown, f"rules the confidence model was not fitted on (run whosaid train-confidence): {unknown}"


def test_claim_confidence_is_the_models_probability_and_deterministic(nlp):
    first = annotate(TEXT, publisher="UNN", nlp=nlp)
    assert len(first.claims) >= 3
    assert all(0.0 <= c.confidence <= 1.0 for c in first.claims)
    assert [c.confidence for c in annotate(TEXT, publisher="UNN", nlp=nlp).claims] == [c.confidence for c in first.claims]
    model = get_confidence_model()
    [(annotation, features)] = list(annotate_with_features([(TEXT, {"publisher": "UNN"})], nlp=nlp))
    assert [c.confidence for c in annotation.claims] == [round(model.predict(f), 3) for f in features]


def test_a_saved_pipeline_keeps_its_confidence_model(nlp, tmp_path):
    before = [c.score for c in nlp(TEXT)._.whosaid_claims]
    nlp.to_disk(tmp_path / "saved")
    assert ConfidenceModel.load(tmp_path / "saved" / "whosaid_confidence" / "confidence.json") == get_confidence_model()
    reloaded = spacy.load(tmp_path / "saved")
    assert [c.score for c in reloaded(TEXT)._.whosaid_claims] == before


def test_without_the_component_claims_keep_the_rules_numbers():
    bare = build_nlp(confidence=False)
    assert "whosaid_confidence" not in bare.pipe_names
    claims = bare(TEXT)._.whosaid_claims
    assert claims and all(c.confidence is None and c.score == c.attribution.confidence for c in claims)


@pytest.fixture
def tiny_gold(tmp_path: Path) -> Path:
    """Four Wikinews gold articles on which the engine gets some claims right and some wrong."""
    folder = tmp_path / "gold"
    folder.mkdir()
    for name in ("wikinews-2019-001", "wikinews-2019-046", "wikinews-2019-121", "wikinews-2019-158"):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(GOLD / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def test_train_confidence_on_a_tiny_gold_folder(tiny_gold: Path, tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "model" / "m.json"
    result = runner.invoke(app, ["train-confidence", str(tiny_gold), "--out", str(out), "--folds", "2"])
    assert result.exit_code == 0, result.output
    model = ConfidenceModel.load(out)
    assert model.meta["articles"] == 4 and model.meta["folds"] == 2 and model.meta["claims"] > 20
    cv = model.meta["cross_validation"]["all development articles"]
    assert 0.0 <= cv["ece"] <= 1.0 and 0.0 <= cv["brier"] <= 1.0
    card = out.with_suffix(".md").read_text(encoding="utf-8")
    for part in ("## Data", "## Model", "## Figures", "| ECE |", "rules", "train-confidence"):
        assert part in card
    assert "cross-validation by article (2 folds)" in " ".join(result.output.split())
    # the same data give the same model
    again = tmp_path / "again.json"
    assert runner.invoke(app, ["train-confidence", str(tiny_gold), "--out", str(again), "--folds", "2"]).exit_code == 0
    assert ConfidenceModel.load(again) == model


def test_train_confidence_refuses_what_it_cannot_fit(tiny_gold: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short paths: typer's error box wraps long lines
    runner = CliRunner()
    result = runner.invoke(app, ["train-confidence", "gold", "--out", "m.json", "--folds", "5"])
    assert result.exit_code == 1 and "cannot fill 5 folds" in " ".join(result.output.split())
    result = runner.invoke(app, ["train-confidence", "nowhere", "--out", "m.json"])
    assert result.exit_code != 0 and "nowhere is not a folder" in result.output
    assert not (tmp_path / "m.json").exists()


def test_eval_calibration_prints_the_expected_calibration_error():
    runner = CliRunner()
    result = runner.invoke(app, ["eval", str(GOLD), "--limit", "3", "--calibration", "--no-misses"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "calibration of the confidence: ECE" in result.output and "reliability" in result.output
    as_json = runner.invoke(app, ["eval", str(GOLD), "--limit", "3", "--calibration", "--json"])
    figures = json.loads(as_json.stdout)["calibration"]
    assert set(figures) == {"claims", "correct", "ece", "brier", "auc"} and 0.0 <= figures["ece"] <= 1.0
    counted = json.loads(as_json.stdout)["total"]
    assert figures["claims"] <= counted["pred"]


def test_eval_calibration_needs_a_gold_folder(tmp_path: Path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--calibration"])
    assert result.exit_code != 0 and "PolNeAR has no relays" in " ".join(result.output.split())
