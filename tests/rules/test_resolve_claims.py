"""The resolver's claims (``app.nlp.resolve.claims``): an outlet reporting another source's claim is a
relay hop of the inner claim, not a claim of its own; a person's claim holding another cue stays one
claim; near-duplicates are one claim, the more confident reading kept; teaser lines are no claims.

Parses drafted with ``docs.py`` from the small English pipeline and checked by hand.
"""
from __future__ import annotations

import pytest
from docs import briefly, context, parse

from app.nlp.evidence import Attribution
from app.nlp.resolve.claims import resolve_claims
from app.nlp.rules.base import Found

NESTED_IN_OUTLET = parse("The newspaper Le Monde adds that a French diplomat confirmed that the summit was "
                         "postponed.", """
    0  The       1   det       DET   DT
    1  newspaper 4   nsubj     NOUN  NN
    2  Le        3   compound  PROPN NNP   - B-ORG
    3  Monde     1   appos     PROPN NNP   - I-ORG
    4  adds      4   ROOT      VERB  VBZ   add
    5  that      9   mark      SCONJ IN
    6  a         8   det       DET   DT
    7  French    8   amod      ADJ   JJ    - B-NORP
    8  diplomat  9   nsubj     NOUN  NN
    9  confirmed 4   ccomp     VERB  VBD   confirm
    10 that      14  mark      SCONJ IN
    11 the       12  det       DET   DT
    12 summit    14  nsubjpass NOUN  NN
    13 was       14  auxpass   AUX   VBD   be
    14 postponed 9   ccomp     VERB  VBN   postpone
    15 .         4   punct     PUNCT .
""")

NESTED_IN_PERSON = parse("The senator noted that the White House believes the bill will pass.", """
    0  The      1   det       DET   DT
    1  senator  2   nsubj     NOUN  NN
    2  noted    2   ROOT      VERB  VBD   note
    3  that     7   mark      SCONJ IN
    4  the      6   det       DET   DT    - B-ORG
    5  White    6   compound  PROPN NNP   - I-ORG
    6  House    7   nsubj     PROPN NNP   - I-ORG
    7  believes 2   ccomp     VERB  VBZ   believe
    8  the      9   det       DET   DT
    9  bill     11  nsubj     NOUN  NN
    10 will     11  aux       AUX   MD
    11 pass     7   ccomp     VERB  VB
    12 .        2   punct     PUNCT .
""")

TEASER = parse("Read also: Drones hit an airfield, the General Staff says", """
    0  Read     4   advcl     VERB  VB
    1  also     0   advmod    ADV   RB
    2  :        0   punct     PUNCT :
    3  Drones   4   nsubj     NOUN  NNS   drone
    4  hit      11  ccomp     VERB  VBD
    5  an       6   det       DET   DT
    6  airfield 4   dobj      NOUN  NN
    7  ,        11  punct     PUNCT ,
    8  the      10  det       DET   DT
    9  General  10  compound  PROPN NNP
    10 Staff    11  nsubj     PROPN NNP
    11 says     11  ROOT      VERB  VBZ   say
""")


@pytest.mark.parametrize("doc,expected", [
    # the outlet becomes a hop of the diplomat's claim; the publisher comes last
    pytest.param(NESTED_IN_OUTLET, [("the summit was postponed", "indirect", "a French diplomat",
                                     ["Le Monde", "Example Times"])], id="an outlet adds that X confirmed"),
    # what a person says another believes is the person's claim, one claim
    pytest.param(NESTED_IN_PERSON, [("the White House believes the bill will pass", "indirect", "senator",
                                     ["Example Times"])], id="X noted that Y believes"),
    # a "Read also:" line links another article; its headline is no claim of this one
    pytest.param(TEASER, [], id="Read also"),
])
def test_nesting(doc, expected):
    assert briefly(doc, publisher="Example Times") == expected


def _attribution(doc, piece: str, confidence: float, rule: str) -> Attribution:
    start = doc.text.index(piece)
    return Attribution(start, start + len(piece), "indirect", rule, confidence, cue=None)


@pytest.mark.parametrize("first,second,kept", [
    # two readings of nearly the same words are one claim: the more confident stays, whichever came first
    (("the summit was postponed", 0.5, "a"), ("a French diplomat confirmed that the summit was postponed", 0.8, "b"),
     ["b"]),
    (("the summit was postponed", 0.8, "a"), ("a French diplomat confirmed that the summit was postponed", 0.5, "b"),
     ["a"]),
    # readings that share little are two claims
    (("The newspaper Le Monde adds", 0.5, "a"), ("the summit was postponed", 0.8, "b"), ["a", "b"]),
], ids=["later more confident", "earlier more confident", "apart"])
def test_near_duplicates_are_one_claim(first, second, kept):
    doc = NESTED_IN_OUTLET
    found = Found(attributions=[_attribution(doc, *first), _attribution(doc, *second)])
    assert [c.rule for c in resolve_claims(context(doc), found)] == kept
