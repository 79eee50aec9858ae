"""The confidence model, its calibration figures and its training data, on hand-built inputs (no spaCy
model): trace lines read by kind, the logistic regression, ECE / Brier / AUC on known examples, claims
labelled by DESIGN.md's matching rule, folds that never split an article."""
from __future__ import annotations

import json
import math

import pytest

from app.eval.calibration import auc, brier, calibration_bins, confidence_outcomes, ece, labelled_claims, summary
from app.nlp.confidence.model import (
    SCHEMA, ConfidenceModel, ConfidenceModelError, default_model_path, fit, get_confidence_model, vocabulary,
)
from app.nlp.confidence.traces import TRACE_KINDS, trace_kind
from app.nlp.confidence.train import Example, article_folds, cross_validate, threshold_table

# -- trace lines ------------------------------------------------------------------------------------


@pytest.mark.parametrize("line, kind", [
    ("reported: cue 'told' (speech) with its content clause", "cue"),
    ("according_to: 'according to X' frames the clause", "cue"),
    ("dash_quote: a dash and cue 'said' attribute the quotation before it", "cue"),
    ("a_rule_added_later: whatever it says", "cue"),  # a rule id prefix reads as the rule's line
    ("speaker: subject of the cue", "speaker:subject"),
    ("speaker: the object of 'according to'", "speaker:argument"),
    ("speaker: agent of the passive cue", "speaker:argument"),
    ("speaker: whom 'quoted' quotes", "speaker:argument"),
    ("speaker: 'statement by' its author", "speaker:argument"),
    ("speaker: the previous claim's", "speaker:carried"),
    ("speaker: DTEK, the paragraph's source, goes on (agentless cue)", "speaker:carried"),
    ("speaker: the phrase after the cue", "speaker:surface"),
    ("speaker: the name closing the phrase before the cue", "speaker:surface"),
    ("hop Axios: the addressee of 'told'", "hop:own"),
    ("hop Ukrainska Pravda: the outlet's own sources", "hop:own"),
    ("hop RIA Novosti: the next sentence says whom it cites ('cites')", "hop:own"),
    ("hop Reuters: the same speaker's interview goes on", "hop:carried"),
    ("hop Politico: the same speaker goes on in the outlet's report", "hop:carried"),
    ("hop Bild: the interview the same speaker's next claim names", "hop:carried"),
    ("hop Axios: frame opened in paragraph 1", "hop:frame"),
    ("hop Bild: the lead's 'Source:' line", "hop:frame"),
    ("hop AFP: wire copy (its dateline)", "hop:wire"),
    ("hop AP: the wire dateline", "hop:wire"),
    ("hop UNN: the publisher", "hop:publisher"),
    ("hop Frame News: the publisher", "hop:publisher"),  # an outlet's name does not decide the layer
    ("mixed: the content quotes a fragment", "span:mixed"),
    ("direct: what was said is the quotation", "span:direct"),
    ("ends before the same speaker's next cue 'added'", "span:cut_at_next_cue"),
    ("starts after the dateline", "span:after_dateline"),
    ("nested in what Axios reports", "nested"),
    ("the quotation inside it is part of what was reported", "nested"),
    ("speaker: who issued the document the cue's clause describes", "speaker:argument"),
    ("speaker: the phrase right before the cue", "speaker:surface"),
])
def test_trace_lines_read_by_kind(line, kind):
    assert trace_kind(line) == kind
    assert kind in TRACE_KINDS


@pytest.mark.parametrize("line", ["speaker: guessed from the weather", "Something else entirely", ""])
def test_a_line_no_entry_reads_has_no_kind(line):
    assert trace_kind(line) is None


# -- the model --------------------------------------------------------------------------------------

def _toy(n: int = 60) -> tuple[list[dict], list[int]]:
    """Claims whose 'named' speaker makes them mostly right and whose 'far' cue makes them mostly wrong."""
    rows, labels = [], []
    for k in range(n):
        named, far = k % 2 == 0, k % 3 == 0
        rows.append({"bias": 1.0, "named": float(named), "far": float(far), "gap": float(k % 5)})
        labels.append(int(named and not far or k % 7 == 0))
    return rows, labels


def test_fit_learns_the_direction_of_each_feature_and_is_deterministic():
    rows, labels = _toy()
    model = fit(rows, labels, l2=1.0)
    weights = dict(zip(model.features, model.weights))
    assert weights["named"] > 0 > weights["far"]
    assert model.predict({"named": 1.0}) > model.predict({"far": 1.0})
    assert fit(rows, labels, l2=1.0) == model
    assert model.features == ("far", "gap", "named")  # "bias" is the model's own


def test_predictions_are_probabilities_even_for_extreme_features():
    model = fit(*_toy(), l2=0.0)
    for value in (-1e6, -3.0, 0.0, 3.0, 1e6):
        p = model.predict({"named": value, "far": -value, "unknown feature": 5.0})
        assert 0.0 <= p <= 1.0 and math.isfinite(p)


def test_a_stronger_penalty_pulls_weights_towards_zero():
    rows, labels = _toy()
    loose, tight = fit(rows, labels, l2=0.1), fit(rows, labels, l2=100.0)
    assert sum(abs(w) for w in tight.weights) < sum(abs(w) for w in loose.weights)


def test_vocabulary_leaves_out_rare_features():
    rows = [{"a": 1.0, "b": 0.0}, {"a": 1.0, "rare": 1.0}, {"a": 2.0, "b": 1.0}]
    assert vocabulary(rows, min_count=2) == ["a"]
    assert vocabulary(rows, min_count=1) == ["a", "b", "rare"]


@pytest.mark.parametrize("rows, labels, message", [
    ([], [], "no claims"),
    ([{"a": 1.0}], [1, 0], "labels"),
    ([{"a": 1.0}, {"a": 0.0}], [1, 2], "0 or 1"),
])
def test_fit_refuses_bad_input(rows, labels, message):
    with pytest.raises(ValueError, match=message):
        fit(rows, labels)


def test_save_and_load_give_the_same_model(tmp_path):
    model = fit(*_toy(), meta={"data": ["toy"]})
    model.save(tmp_path / "m.json")
    again = ConfidenceModel.load(tmp_path / "m.json")
    assert again == model and again.meta == {"data": ["toy"]}
    assert again.predict({"named": 1.0}) == model.predict({"named": 1.0})


@pytest.mark.parametrize("content, message", [
    ("{", "cannot be read"),
    (json.dumps({"schema": "other"}), "not a confidence model"),
    (json.dumps({"schema": SCHEMA, "bias": 0.0}), "malformed"),
    (json.dumps({"schema": SCHEMA, "bias": 0.0, "features": [{"name": "a", "weight": 1, "center": 0, "scale": 0}]}),
     "scale"),
])
def test_a_broken_model_file_is_named(tmp_path, content, message):
    path = tmp_path / "m.json"
    path.write_text(content)
    with pytest.raises(ConfidenceModelError, match=message):
        ConfidenceModel.load(path)


def test_a_missing_model_file_says_how_to_make_one(tmp_path):
    with pytest.raises(ConfidenceModelError, match="whosaid train-confidence"):
        get_confidence_model(tmp_path / "absent.json")


def test_the_shipped_model_is_a_calibrated_probability_of_being_right_on_unseen_pages():
    model = get_confidence_model()
    assert default_model_path().name == "confidence.json"
    assert model.low_confidence == 0.5
    assert {"rule=reported", "kind=direct", "source=person"} <= set(model.features)
    assert model.meta["data"] == ["models/confidence_unseen.jsonl"] and len(model.meta["batches"]) >= 5
    held_out = model.meta["cross_validation"]["unseen pages"]  # each batch scored by a model fitted without it
    assert held_out["claims"] > 250 and held_out["ece"] < 0.1 and held_out["auc"] > 0.6
    # better on unseen pages, in every figure, than the same model fitted on the development gold
    development = model.meta["development_fit"]
    assert held_out["ece"] < development["ece"] and held_out["brier"] < development["brier"] and held_out["auc"] > development["auc"]


# -- calibration figures ----------------------------------------------------------------------------

def test_ece_brier_and_auc_on_a_known_example():
    probs, labels = [0.1, 0.1, 0.9, 0.9], [0, 1, 1, 1]
    # bin 0.1–0.2: mean confidence 0.1, half right (|0.5 − 0.1| × 2/4); bin 0.9–1.0: 0.9, all right (0.1 × 2/4)
    assert ece(probs, labels) == pytest.approx(0.4 * 0.5 + 0.1 * 0.5)
    assert brier(probs, labels) == pytest.approx((0.01 + 0.81 + 0.01 + 0.01) / 4)
    # the wrong claim ties one right claim (half) and ranks below two (one each)
    assert auc(probs, labels) == pytest.approx((0.5 + 1 + 1) / 3)
    s = summary(probs, labels)
    assert s == {"claims": 4, "correct": 0.75, "ece": 0.25, "brier": 0.21, "auc": 0.833}


def test_a_perfectly_calibrated_confidence_has_no_error():
    probs = [0.25] * 4 + [0.75] * 4
    labels = [1, 0, 0, 0] + [1, 1, 1, 0]
    assert ece(probs, labels) == pytest.approx(0.0)


def test_bins_take_a_confidence_of_one_into_the_last_and_keep_empty_ones():
    table = calibration_bins([0.0, 1.0, 0.55], [0, 1, 1])
    assert len(table) == 10 and [b.count for b in table] == [1, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    assert table[-1].accuracy == 1.0 and table[-1].confidence == 1.0
    assert ece([1.0, 1.0], [1, 1], bins=3) == 0.0


def test_auc_is_none_when_every_claim_is_right():
    assert auc([0.2, 0.9], [1, 1]) is None


@pytest.mark.parametrize("probs, labels, message", [
    ([0.5], [1, 0], "confidences but"),
    ([1.5], [1], "outside"),
    ([0.5], [2], "0 or 1"),
    ([], [], "no claims"),
])
def test_calibration_refuses_bad_input(probs, labels, message):
    with pytest.raises(ValueError, match=message):
        ece(probs, labels)


# -- labelled claims, folds, thresholds -------------------------------------------------------------

GOLD = {"claims": [
    {"text": "the corridor would stay open", "speaker": ["Olena Marchenko"], "speaker_type": "person",
     "relay": ["Reuters", "Kyiv Post"]},
    {"text": "the bridge will be rebuilt by spring", "speaker": ["Marchenko"], "speaker_type": "person",
     "relay": ["Kyiv Post"]},
    {"text": "talks will resume next week in Geneva", "speaker": "an official", "relay": ["Kyiv Post"]},
], "optional": [{"text": "prices rose sharply in the capital", "speaker": "analysts"}]}

PRED = {"claims": [
    {"id": "c1", "text": "the corridor would stay open", "speaker": {"source": "s1"}, "relay": ["s2", "s3"],
     "confidence": 0.9},
    {"id": "c2", "text": "the bridge will be rebuilt by spring", "speaker": {"source": "s1"}, "relay": ["s2", "s3"],
     "confidence": 0.7},  # Reuters is a hop too many
    {"id": "c3", "text": "prices rose sharply in the capital", "speaker": None, "relay": ["s3"], "confidence": 0.2},
    {"id": "c4", "text": "the weather was fine all day", "speaker": None, "relay": ["s3"], "confidence": 0.4},
    {"id": "c5", "text": "talks will resume next week in Geneva", "speaker": {"source": "s4"}, "relay": ["s3"],
     "confidence": 0.6},
], "sources": [{"id": "s1", "name": "Olena Marchenko"}, {"id": "s2", "name": "Reuters"},
               {"id": "s3", "name": "Kyiv Post"}, {"id": "s4", "name": "The official"}]}


def test_claims_are_labelled_by_the_attribution_criterion():
    # c1 right; c2 matched but its relay is wrong; c3 matches an optional claim only (left out);
    # c4 is spurious; c5 right ("The official" is "an official" once the article is dropped)
    assert labelled_claims(GOLD, PRED) == [(0, 1), (1, 0), (3, 0), (4, 1)]


def test_claims_without_ids_cannot_be_labelled():
    pred = {"claims": [{"text": "x"}], "sources": []}
    with pytest.raises(ValueError, match="id"):
        labelled_claims(GOLD, pred)


def test_confidence_outcomes_of_a_gold_folder(tmp_path):
    (tmp_path / "a.gold.json").write_text(json.dumps(GOLD))
    (tmp_path / "b.gold.json").write_text(json.dumps({"claims": [{"text": "it rained", "speaker": "x"}]}))
    probs, labels = confidence_outcomes(tmp_path, {"a": PRED})
    assert probs == [0.9, 0.7, 0.4, 0.6] and labels == [1, 0, 0, 1]
    assert confidence_outcomes(tmp_path, {"a": PRED}, names=["b"]) == ([], [])


def _examples(articles: dict[str, int]) -> list[Example]:
    out = []
    for key, n in articles.items():
        folder, article = key.split("/")
        for k in range(n):
            out.append(Example(folder, article, {"named": float(k % 2), "bias": 1.0}, 0.9, int(k % 2 == 0 or k % 5 == 0)))
    return out


def test_folds_never_split_an_article_and_spread_every_folder():
    examples = _examples({f"gold/a{k}": 3 for k in range(7)} | {f"real/b{k}": 2 for k in range(5)})
    folds = article_folds(examples, k=5)
    assert len(folds) == 12 and set(folds.values()) == set(range(5))
    for folder in ("gold", "real"):
        assert len({f for (d, _), f in folds.items() if d == folder}) == 5
    assert article_folds(examples, k=5) == folds  # the same on every run
    with pytest.raises(ValueError, match="2 folds"):
        article_folds(examples, k=1)


def test_cross_validation_scores_each_claim_by_a_model_fitted_without_its_article():
    examples = _examples({f"gold/a{k}": 6 for k in range(10)})
    folds = article_folds(examples, k=5)
    held_out = cross_validate(examples, folds, l2=1.0)
    assert len(held_out) == len(examples) and all(0.0 <= p <= 1.0 for p in held_out)
    # the held-out confidence of an article's claims does not move when that article's labels change
    flipped = [Example(e.folder, e.article, e.features, e.rule_confidence, 1 - e.correct) if e.article == "a0" else e
               for e in examples]
    again = cross_validate(flipped, folds, l2=1.0)
    for e, p, q in zip(examples, held_out, again):
        if e.article == "a0":
            assert p == q


def test_threshold_table_counts_claims_below_and_above():
    [row] = threshold_table([0.2, 0.4, 0.6, 0.9], [0, 1, 0, 1], thresholds=(0.5,))
    assert row == {"threshold": 0.5, "below": 0.5, "correct_below": 0.5, "correct_above": 0.5, "wrong_caught": 0.5}
