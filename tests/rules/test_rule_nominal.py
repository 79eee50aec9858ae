"""The nominal rule: a reporting noun with a "that" clause, spoken by its possessor ("Trump's claim that
...", "the ministry's statement that ...").
Parses drafted with ``docs.py`` from the small English pipeline and checked by hand.
"""
from __future__ import annotations

import pytest
from docs import briefly, parse, rule_finds, said

from app.nlp.rules.nominal import NominalCue

POSSESSOR = parse("Trump's claim that Obama founded the group was false.", """
    0  Trump   2   poss      PROPN NNP   - B-PERSON
    1  's      0   case      PART  POS
    2  claim   8   nsubj     NOUN  NN
    3  that    5   mark      SCONJ IN
    4  Obama   5   nsubj     PROPN NNP   - B-PERSON
    5  founded 2   acl       VERB  VBD   found
    6  the     7   det       DET   DT
    7  group   5   dobj      NOUN  NN
    8  was     8   ROOT      AUX   VBD   be
    9  false   8   acomp     ADJ   JJ
    10 .       8   punct     PUNCT .
""")

NO_OWNER = parse("The claim that Obama founded the group was false.", """
    0  The     1   det       DET   DT
    1  claim   7   nsubj     NOUN  NN
    2  that    4   mark      SCONJ IN
    3  Obama   4   nsubj     PROPN NNP   - B-PERSON
    4  founded 1   acl       VERB  VBD   found
    5  the     6   det       DET   DT
    6  group   4   dobj      NOUN  NN
    7  was     7   ROOT      AUX   VBD   be
    8  false   7   acomp     ADJ   JJ
    9  .       7   punct     PUNCT .
""")

MINISTRY = parse("The ministry's statement that the strikes had stopped was wrong.", """
    0  The       1   det       DET   DT
    1  ministry  3   poss      NOUN  NN
    2  's        1   case      PART  POS
    3  statement 9   nsubj     NOUN  NN
    4  that      8   mark      SCONJ IN
    5  the       6   det       DET   DT
    6  strikes   8   nsubj     NOUN  NNS   strike
    7  had       8   aux       AUX   VBD   have
    8  stopped   3   acl       VERB  VBN   stop
    9  was       9   ROOT      AUX   VBD   be
    10 wrong     9   acomp     ADJ   JJ
    11 .         9   punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    pytest.param(POSSESSOR, [("Obama founded the group", "indirect", "Trump", [])], id="X's claim that"),
    pytest.param(MINISTRY, [("the strikes had stopped", "indirect", "ministry", [])],
                 id="the ministry's statement that"),
    pytest.param(NO_OWNER, [], id="a claim nobody owns"),
])
def test_reporting_noun(doc, expected):
    assert briefly(doc) == expected


def test_the_cue_is_the_noun():
    (a,) = rule_finds(NominalCue(), POSSESSOR)
    assert POSSESSOR.text[a.cue[0]:a.cue[1]] == "claim"
    assert said(POSSESSOR, a) == ("Obama founded the group", "indirect", "Trump", [])
