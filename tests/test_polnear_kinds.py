"""scripts/polnear_kinds.py: a missed PolNeAR relation sorted into its kind."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from app.eval.polnear import BratSpan, PolnearAttribution, PolnearDocument
from app.nlp.lexicon import default_lexicon

pytestmark = pytest.mark.model

_PATH = Path(__file__).resolve().parents[1] / "scripts" / "polnear_kinds.py"
_SPEC = importlib.util.spec_from_file_location("polnear_kinds", _PATH)
polnear_kinds = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(polnear_kinds)

TEXT = ("Trump Says He Will Win\n"
        "Trump criticized Clinton on Monday. The senator supports the bill. "
        "Smith asked whether the bill would pass. Jones said the vote would fail.\n")


def _span(phrase: str) -> BratSpan:
    start = TEXT.index(phrase)
    return BratSpan(pieces=((start, start + len(phrase)),), text=phrase)


def _relation(content: str, cue: str, source: str | None) -> PolnearAttribution:
    return PolnearAttribution(id="E1", content=_span(content), cue=_span(cue),
                              source=_span(source) if source else None)


@pytest.mark.parametrize("content,cue,source,claims,kind", [
    ("He Will Win", "Says", "Trump", [], "headline"),
    ("Clinton", "criticized", "Trump", [], "noun_object"),
    ("the bill", "supports", "The senator", [], "act_or_stance"),
    ("whether the bill would pass", "asked", "Smith", [], "question"),
    ("the vote would fail", "said", "Jones", [], "no_prediction"),
    ("the vote would fail", "said", "Jones", [{"start": TEXT.index("Jones"), "end": TEXT.index("Jones") + 20}],
     "boundary"),
])
def test_kind_of_a_missed_relation(nlp, content, cue, source, claims, kind):
    doc = PolnearDocument(name="t", text=TEXT, annotator="a")
    # (the engine's pipeline tags and lemmatizes as the script's tagger does)
    assert polnear_kinds.kind_of(doc, _relation(content, cue, source), claims, nlp, default_lexicon()) == kind
