"""The confidence model in the whole engine (the spaCy model is loaded): every trace line the engine
writes on the development gold has a kind; each claim's confidence is the model's probability, in
[0, 1], the same on every run and through a saved pipeline; `whosaid record-unseen` keeps a batch's
claims once; `whosaid train-confidence` fits a model on a small gold folder or on a sample of unseen
pages; `whosaid eval --calibration` measures one.
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
from app.nlp.confidence.unseen import load as load_unseen
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
    # a rule that decides several claims has a weight of its own, or the card names it as one the sample of
    # unseen pages holds too few claims of (then its claims count as any rule's)
    model = get_confidence_model()
    unknown = {r for r, n in rules.items() if "rule=" + r not in model.features and n >= MIN_FEATURE_COUNT}
    assert unknown <= set(model.meta.get("unweighted_rules", ())), \
        f"rules the confidence model has no weight for, and the card does not name (run whosaid train-confidence): {unknown}"


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
    result = runner.invoke(app, ["train-confidence", str(tiny_gold), "--out", str(out), "--folds", "2", "--development"])
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
    assert runner.invoke(app, ["train-confidence", str(tiny_gold), "--out", str(again), "--folds", "2",
                               "--development"]).exit_code == 0
    assert ConfidenceModel.load(again) == model


def _batches(tiny_gold: Path, tmp_path: Path) -> list[Path]:
    """The tiny gold folder dealt into two batches of two articles."""
    out = []
    for batch, names in (("B1", ("wikinews-2019-001", "wikinews-2019-046")), ("B2", ("wikinews-2019-121", "wikinews-2019-158"))):
        folder = tmp_path / "batches" / batch
        folder.mkdir(parents=True)
        for name in names:
            for suffix in (".txt", ".gold.json"):
                shutil.copy(tiny_gold / f"{name}{suffix}", folder / f"{name}{suffix}")
        out.append(folder)
    return out


def test_record_unseen_keeps_each_batch_once_and_no_text(tiny_gold: Path, tmp_path: Path):
    runner = CliRunner()
    b1, b2 = _batches(tiny_gold, tmp_path)
    sample = tmp_path / "sample.jsonl"
    result = runner.invoke(app, ["record-unseen", str(b1), "--out", str(sample)])
    assert result.exit_code == 0, result.output
    records = load_unseen(sample)
    assert records and {r.batch for r in records} == {"B1"} and {r.article for r in records} <= {"wikinews-2019-001", "wikinews-2019-046"}
    assert all(r.correct in (0, 1) and r.features["bias"] == 1.0 and r.engine and r.recorded for r in records)
    kept = sample.read_text(encoding="utf-8")
    claims = [c["text"] for name in ("wikinews-2019-001", "wikinews-2019-046")
              for c in json.loads((b1 / f"{name}.gold.json").read_text(encoding="utf-8"))["claims"]]
    assert claims and not [c for c in claims if c[:20] in kept]  # features and outcomes, no text of the pages
    # a batch is scored once: a second recording of B1 is refused and the sample is left as it was
    before = sample.read_text(encoding="utf-8")
    again = runner.invoke(app, ["record-unseen", str(b2), str(b1), "--out", str(sample)])
    assert again.exit_code == 1 and "B1 is already in" in " ".join(again.output.split())
    assert sample.read_text(encoding="utf-8") == before
    assert runner.invoke(app, ["record-unseen", str(b2), "--out", str(sample)]).exit_code == 0
    assert [r.batch for r in load_unseen(sample)] == [r.batch for r in records] + ["B2"] * (len(load_unseen(sample)) - len(records))


def test_train_confidence_on_a_sample_of_unseen_pages(tiny_gold: Path, tmp_path: Path):
    runner = CliRunner()
    sample = tmp_path / "sample.jsonl"
    assert runner.invoke(app, ["record-unseen", *map(str, _batches(tiny_gold, tmp_path)), "--out", str(sample)]).exit_code == 0
    out = tmp_path / "m.json"
    result = runner.invoke(app, ["train-confidence", str(GOLD), "--unseen", str(sample), "--out", str(out)])
    assert result.exit_code == 0, result.output
    model = ConfidenceModel.load(out)
    records = load_unseen(sample)
    assert model.meta["batches"] == ["B1", "B2"] and model.meta["claims"] == len(records) and model.meta["folds"] == "batch"
    figures = model.meta["cross_validation"]
    assert figures["unseen pages"]["claims"] == len(records) and figures["unseen pages: B1"]["claims"] < len(records)
    assert figures["all development articles"]["claims"] > 100  # the development gold, scored out of sample
    card = out.with_suffix(".md").read_text(encoding="utf-8")
    for part in ("Leave one batch out", "| B1 | 2 |", "development fit", "whosaid record-unseen"):
        assert part in card
    # one batch is not enough to hold any out: the model is fitted on the gold folders then
    one = tmp_path / "one.jsonl"
    one.write_text("".join(line + "\n" for line in sample.read_text(encoding="utf-8").splitlines()
                           if '"batch": "B1"' in line), encoding="utf-8")
    assert runner.invoke(app, ["train-confidence", str(tiny_gold), "--unseen", str(one), "--out", str(out),
                               "--folds", "2"]).exit_code == 0
    assert ConfidenceModel.load(out).meta["articles"] == 4


@pytest.mark.parametrize("line, message", [
    ("not json", "sample.jsonl:1: not JSON"),
    ('{"schema": "other/1"}', "not an unseen-page record"),
    ('{"schema": "whosaid.confidence-unseen/1", "batch": "B1"}', "malformed unseen-page record"),
])
def test_a_broken_sample_is_named_and_nothing_is_written(tmp_path: Path, line: str, message: str):
    sample = tmp_path / "sample.jsonl"
    sample.write_text(line + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train-confidence", str(GOLD), "--unseen", str(sample), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and message in " ".join(result.output.split())
    assert not (tmp_path / "m.json").exists()


def test_train_confidence_refuses_what_it_cannot_fit(tiny_gold: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short paths: typer's error box wraps long lines
    runner = CliRunner()
    result = runner.invoke(app, ["train-confidence", "gold", "--out", "m.json", "--folds", "5", "--development"])
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
