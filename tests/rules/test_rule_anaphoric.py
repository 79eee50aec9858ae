"""The anaphoric rule: a cue pointing back at the sentence before it ("S. This was reported by X.",
"S. X said this.").
Parses drafted with ``docs.py`` from the small English pipeline and checked by hand.
"""
from __future__ import annotations

import pytest
from docs import briefly, parse, rule_finds, said

from app.nlp.rules.anaphoric import Anaphoric

REPORTED_BY = parse("The army has retreated from the town of Kupiansk. This was reported by the General Staff.", """
    0  The       1   det       DET   DT
    1  army      3   nsubj     NOUN  NN
    2  has       3   aux       AUX   VBZ   have
    3  retreated 3   ROOT      VERB  VBN   retreat
    4  from      3   prep      ADP   IN
    5  the       6   det       DET   DT
    6  town      4   pobj      NOUN  NN
    7  of        6   prep      ADP   IN
    8  Kupiansk  7   pobj      PROPN NNP   - B-GPE
    9  .         3   punct     PUNCT .
    10 This      12  nsubjpass PRON  DT
    11 was       12  auxpass   AUX   VBD   be
    12 reported  12  ROOT      VERB  VBN   report
    13 by        12  agent     ADP   IN
    14 the       16  det       DET   DT
    15 General   16  compound  PROPN NNP
    16 Staff     13  pobj      PROPN NNP
    17 .         12  punct     PUNCT .
""")

SAID_THIS = parse("The army has retreated from the town. The general said this.", """
    0  The       1   det       DET   DT
    1  army      3   nsubj     NOUN  NN
    2  has       3   aux       AUX   VBZ   have
    3  retreated 3   ROOT      VERB  VBN   retreat
    4  from      3   prep      ADP   IN
    5  the       6   det       DET   DT
    6  town      4   pobj      NOUN  NN
    7  .         3   punct     PUNCT .
    8  The       9   det       DET   DT
    9  general   10  nsubj     NOUN  NN
    10 said      10  ROOT      VERB  VBD   say
    11 this      10  dobj      PRON  DT
    12 .         10  punct     PUNCT .
""")

OPENS_THE_TEXT = parse("This was reported by the General Staff.", """
    0  This     2   nsubjpass PRON  DT
    1  was      2   auxpass   AUX   VBD   be
    2  reported 2   ROOT      VERB  VBN   report
    3  by       2   agent     ADP   IN
    4  the      6   det       DET   DT
    5  General  6   compound  PROPN NNP
    6  Staff    3   pobj      PROPN NNP
    7  .        2   punct     PUNCT .
""")

AFTER_A_WORD = parse("Yes. This was reported by the General Staff.", """
    0  Yes      0   ROOT      INTJ  UH
    1  .        0   punct     PUNCT .
    2  This     4   nsubjpass PRON  DT
    3  was      4   auxpass   AUX   VBD   be
    4  reported 4   ROOT      VERB  VBN   report
    5  by       4   agent     ADP   IN
    6  the      8   det       DET   DT
    7  General  8   compound  PROPN NNP
    8  Staff    5   pobj      PROPN NNP
    9  .        4   punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    pytest.param(REPORTED_BY, [("The army has retreated from the town of Kupiansk", "indirect", "General Staff", [])],
                 id="This was reported by X"),
    pytest.param(SAID_THIS, [("The army has retreated from the town", "indirect", "general", [])], id="X said this"),
    # nothing to point back at: the cue opens the text, or the sentence before is too short to be a claim
    pytest.param(OPENS_THE_TEXT, [], id="nothing before"),
    pytest.param(AFTER_A_WORD, [], id="one word before"),
])
def test_pointing_back(doc, expected):
    assert briefly(doc) == expected


def test_the_rule_alone():
    assert [said(REPORTED_BY, a) for a in rule_finds(Anaphoric(), REPORTED_BY)] == [
        ("The army has retreated from the town of Kupiansk", "indirect", "the General Staff", [])]
