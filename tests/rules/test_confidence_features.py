"""The confidence features (``app.nlp.confidence``) of claims the engine finds in hand-built parses, and
the ``whosaid_confidence`` component that turns them into each claim's confidence: in [0, 1], the
model's probability, the same on every run. No spaCy model is loaded.
"""
from __future__ import annotations

import math

import pytest
import spacy
from docs import LEXICON, parse

from app.nlp.components import furniture_of
from app.nlp.confidence.features import claim_features
from app.nlp.confidence.model import ConfidenceModel, get_confidence_model

TOLD = parse("Olena Marchenko told Reuters that the corridor would stay open.", """
    0  Olena     1   compound  PROPN NNP   -         B-PERSON
    1  Marchenko 2   nsubj     PROPN NNP   -         I-PERSON
    2  told      2   ROOT      VERB  VBD   tell
    3  Reuters   2   dobj      PROPN NNP   -         B-ORG
    4  that      8   mark      SCONJ IN
    5  the       6   det       DET   DT
    6  corridor  8   nsubj     NOUN  NN
    7  would     8   aux       AUX   MD
    8  stay      2   ccomp     VERB  VB
    9  open      8   acomp     ADJ   JJ
    10 .         2   punct     PUNCT .
""")

SHE_SAID = parse('Minister Olena Marchenko arrived in Kyiv on Monday. "We will rebuild the bridge," she said.', """
    0  Minister  2   compound  PROPN NNP
    1  Olena     2   compound  PROPN NNP   -         B-PERSON
    2  Marchenko 3   nsubj     PROPN NNP   -         I-PERSON
    3  arrived   3   ROOT      VERB  VBD   arrive
    4  in        3   prep      ADP   IN
    5  Kyiv      4   pobj      PROPN NNP   -         B-GPE
    6  on        3   prep      ADP   IN
    7  Monday    6   pobj      PROPN NNP   -         B-DATE
    8  .         3   punct     PUNCT .
    9  "         18  punct     PUNCT ``
    10 We        12  nsubj     PRON  PRP
    11 will      12  aux       AUX   MD
    12 rebuild   18  ccomp     VERB  VB
    13 the       14  det       DET   DT
    14 bridge    12  dobj      NOUN  NN
    15 ,         18  punct     PUNCT ,
    16 "         18  punct     PUNCT ''
    17 she       18  nsubj     PRON  PRP
    18 said      18  ROOT      VERB  VBD   say
    19 .         18  punct     PUNCT .
""")

_ENGINE = spacy.blank("en")
for _name in ("whosaid_claims", "whosaid_speakers", "whosaid_relay"):
    _ENGINE.add_pipe(_name).lexicon = LEXICON


def run(doc, publisher: str | None = "Kyiv Post", with_confidence: bool = False):
    doc = doc.copy()
    doc._.whosaid_publisher = publisher
    for _, component in _ENGINE.pipeline:
        doc = component(doc)
    if with_confidence:
        doc = _ENGINE.create_pipe("whosaid_confidence")(doc)
    return doc


def features(doc, publisher: str | None = "Kyiv Post") -> list[dict[str, float]]:
    doc = run(doc, publisher)
    return [claim_features(c, doc, doc._.whosaid_sources, furniture_of(doc)) for c in doc._.whosaid_claims]


def test_reported_speech_to_an_outlet():
    [f] = features(TOLD)
    assert f["kind=indirect"] == f["rule=reported"] == 1.0
    assert f["speaker_form=name"] == f["source=person"] == f["speaker_entity=PERSON"] == 1.0
    # the parse makes the speaker the cue's subject, and it stands right before the cue
    assert f["speaker_parse_and_surface"] == 1.0 and f["trace=speaker:subject"] == 1.0
    assert f["speaker_gap_words"] == 0.0
    assert f["cue_gap_words"] == pytest.approx(math.log1p(2))  # "Reuters that"
    # Reuters from the claim's own attribution, the publisher last
    assert f["trace=hop:own"] == f["trace=hop:publisher"] == 1.0 and f["relay_hops"] == 2.0
    assert f["first_paragraph"] == 1.0 and f["content_words"] == pytest.approx(math.log1p(5))
    for absent in ("speaker=none", "speaker_resolved_elsewhere", "cue_after_content", "speaker_lowercase"):
        assert absent not in f


def test_a_quotation_whose_speaker_is_a_pronoun_resolved_to_a_name():
    [f] = features(SHE_SAID)
    assert f["kind=direct"] == f["rule=after"] == 1.0
    assert f["speaker_form=pronoun"] == f["speaker_resolved_elsewhere"] == f["source=person"] == 1.0
    assert f["cue_after_content"] == 1.0 and f["speaker_lowercase"] == 1.0
    assert f["trace=hop:publisher"] == 1.0 and "trace=hop:own" not in f


def test_no_publisher_means_no_publisher_hop():
    [f] = features(SHE_SAID, publisher=None)
    assert "trace=hop:publisher" not in f and f["relay_hops"] == 0.0


def test_features_are_numbers_and_the_same_on_every_run():
    first, second = features(TOLD), features(TOLD)
    assert first == second
    assert all(isinstance(v, float) and math.isfinite(v) for f in first for v in f.values())


def test_the_component_writes_the_models_probability():
    model = get_confidence_model()
    for doc in (TOLD, SHE_SAID):
        scored = run(doc, with_confidence=True)
        bare = run(doc)
        for claim, plain in zip(scored._.whosaid_claims, bare._.whosaid_claims):
            f = claim_features(plain, bare, bare._.whosaid_sources, furniture_of(bare))
            assert 0.0 <= claim.score <= 1.0
            assert claim.score == round(model.predict(f), 3)
            assert claim.attribution.confidence == plain.attribution.confidence  # the rule's own number is kept
        assert [c.score for c in run(doc, with_confidence=True)._.whosaid_claims] == \
            [c.score for c in scored._.whosaid_claims]


def test_the_component_reads_its_model_file(tmp_path):
    one = ConfidenceModel(("rule=reported",), (2.0,), 0.0, (0.0,), (1.0,))
    one.save(tmp_path / "m.json")
    component = _ENGINE.create_pipe("whosaid_confidence", config={"model_path": str(tmp_path / "m.json")})
    [claim] = component(run(TOLD))._.whosaid_claims
    assert claim.score == round(1 / (1 + math.exp(-2.0)), 3)
    saved = tmp_path / "saved"
    saved.mkdir()
    component.to_disk(saved)
    again = _ENGINE.create_pipe("whosaid_confidence").from_disk(saved)
    assert again.model == one


def test_the_component_needs_the_relay_resolver_before_it():
    with pytest.raises(ValueError, match="whosaid_relay"):
        _ENGINE.create_pipe("whosaid_confidence")(TOLD.copy())
