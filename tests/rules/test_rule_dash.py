"""The dash rule: translated news closes a quotation (or a paragraph) with a dash and its attribution,
`"..." - said a Ukrainian official.`; a reported-speech reading of the same cue is superseded.
Parses drafted with ``docs.py`` from the small English pipeline and checked by hand.
"""
from __future__ import annotations

import pytest
from docs import briefly, parse, context

from app.nlp.evidence import Attribution, Supersede
from app.nlp.rules.base import Found
from app.nlp.rules.dash import DashAttribution

DASH_QUOTE = parse('"Nothing has been agreed yet." - said a Ukrainian official.', """
    0  "         4   punct     PUNCT ``
    1  Nothing   4   nsubjpass PRON  NN
    2  has       4   aux       AUX   VBZ   have
    3  been      4   auxpass   AUX   VBN   be
    4  agreed    4   ROOT      VERB  VBN   agree
    5  yet       4   advmod    ADV   RB
    6  .         4   punct     PUNCT .
    7  "         4   punct     PUNCT ''
    8  -         9   punct     PUNCT ,
    9  said      9   ROOT      VERB  VBD   say
    10 a         12  det       DET   DT
    11 Ukrainian 12  amod      ADJ   JJ    - B-NORP
    12 official  9   nsubj     NOUN  NN
    13 .         9   punct     PUNCT .
""")

DASH_PARAGRAPH = parse("Kyiv will not accept these demands. - said the deputy minister.", """
    0  Kyiv     3   nsubj     PROPN NNP   -        B-GPE
    1  will     3   aux       AUX   MD
    2  not      3   neg       PART  RB
    3  accept   3   ROOT      VERB  VB
    4  these    5   det       DET   DT
    5  demands  3   dobj      NOUN  NNS   demand
    6  .        3   punct     PUNCT .
    7  -        8   punct     PUNCT ,
    8  said     8   ROOT      VERB  VBD   say
    9  the      11  det       DET   DT
    10 deputy   11  compound  NOUN  NN
    11 minister 8   nsubj     NOUN  NN
    12 .        8   punct     PUNCT .
""")

DASH_AFTER_COMMA = parse("Kyiv will not accept these demands, - the post says.", """
    0  Kyiv    3   nsubj     PROPN NNP   -        B-GPE
    1  will    3   aux       AUX   MD
    2  not     3   neg       PART  RB
    3  accept  10  ccomp     VERB  VB
    4  these   5   det       DET   DT
    5  demands 3   dobj      NOUN  NNS   demand
    6  ,       10  punct     PUNCT ,
    7  -       10  punct     PUNCT :
    8  the     9   det       DET   DT
    9  post    10  nsubj     NOUN  NN
    10 says    10  ROOT      VERB  VBZ   say
    11 .       10  punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    pytest.param(DASH_QUOTE, [("Nothing has been agreed yet.", "direct", "a Ukrainian official", [])],
                 id="quotation - said X"),
    pytest.param(DASH_PARAGRAPH, [("Kyiv will not accept these demands.", "direct", "deputy minister", [])],
                 id="sentence - said X"),
    # a dash inside the sentence is punctuation of ordinary reported speech
    pytest.param(DASH_AFTER_COMMA, [("Kyiv will not accept these demands", "indirect", "the post", [])],
                 id="A, - X says"),
])
def test_dash_attribution(doc, expected):
    assert briefly(doc) == expected


def test_the_dash_reading_supersedes_the_cue():
    """The rule yields a Supersede for its cue with the attribution: a reported-speech reading of the
    same cue was a misparse of the dash."""
    items = list(DashAttribution()(context(DASH_QUOTE), Found()))
    (supersede,) = [i for i in items if isinstance(i, Supersede)]
    (claim,) = [i for i in items if isinstance(i, Attribution)]
    assert supersede.cue_token == claim.cue_token
    assert DASH_QUOTE[claim.cue_token].text == "said"
