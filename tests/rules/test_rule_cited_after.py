"""The cited-after rule: the sentence after an outlet's claim names the outlet's source ("TASS claims that
... . The agency cites the Defense Ministry."); the claim becomes the source's, relayed by the outlet.
Parses drafted with ``docs.py`` from the small English pipeline and checked by hand.
"""
from __future__ import annotations

import pytest
from docs import briefly, parse, context, evidence

from app.nlp.evidence import Recast
from app.nlp.rules.base import Found
from app.nlp.rules.cited_after import CitedAfter

CITES = parse("State news agency TASS claims that troops have taken the village of Novoivanivka. The agency "
              "cites the Russian Defense Ministry.", """
    # the parser gave the cue two subjects, the description and the name
    0  State        2   compound  NOUN  NN
    1  news         2   compound  NOUN  NN
    2  agency       4   nsubj     NOUN  NN
    3  TASS         4   nsubj     PROPN NNP   - B-ORG
    4  claims       4   ROOT      VERB  VBZ   claim
    5  that         8   mark      SCONJ IN
    6  troops       8   nsubj     NOUN  NNS   troop
    7  have         8   aux       AUX   VBP
    8  taken        4   ccomp     VERB  VBN   take
    9  the          10  det       DET   DT
    10 village      8   dobj      NOUN  NN
    11 of           10  prep      ADP   IN
    12 Novoivanivka 11  pobj      PROPN NNP   - B-GPE
    13 .            4   punct     PUNCT .
    14 The          15  det       DET   DT
    15 agency       16  nsubj     NOUN  NN
    16 cites        16  ROOT      VERB  VBZ   cite
    17 the          20  det       DET   DT    - B-ORG
    18 Russian      19  compound  PROPN NNP   - I-ORG
    19 Defense      20  compound  PROPN NNP   - I-ORG
    20 Ministry     16  dobj      PROPN NNP   - I-ORG
    21 .            16  punct     PUNCT .
""")

SPOKEN_BY_A_PERSON = parse("Defence Minister Olga Berg said that troops had taken the village. The agency cites "
                           "the Russian Defense Ministry.", """
    0  Defence  1   compound  PROPN NNP   - B-ORG
    1  Minister 3   compound  PROPN NNP
    2  Olga     3   compound  PROPN NNP   - B-PERSON
    3  Berg     4   nsubj     PROPN NNP   - I-PERSON
    4  said     4   ROOT      VERB  VBD   say
    5  that     8   mark      SCONJ IN
    6  troops   8   nsubj     NOUN  NNS   troop
    7  had      8   aux       AUX   VBD   have
    8  taken    4   ccomp     VERB  VBN   take
    9  the      10  det       DET   DT
    10 village  8   dobj      NOUN  NN
    11 .        4   punct     PUNCT .
    12 The      13  det       DET   DT
    13 agency   14  nsubj     NOUN  NN
    14 cites    14  ROOT      VERB  VBZ   cite
    15 the      18  det       DET   DT    - B-ORG
    16 Russian  17  compound  PROPN NNP   - I-ORG
    17 Defense  18  compound  PROPN NNP   - I-ORG
    18 Ministry 14  dobj      PROPN NNP   - I-ORG
    19 .        14  punct     PUNCT .
""")

CITED_AS = parse("TASS reported that troops had taken the village. The agency cited the Defense Ministry as "
                 "stating that the attack failed.", """
    0  TASS     1   nsubj     PROPN NNP   - B-ORG
    1  reported 1   ROOT      VERB  VBD   report
    2  that     5   mark      SCONJ IN
    3  troops   5   nsubj     NOUN  NNS   troop
    4  had      5   aux       AUX   VBD   have
    5  taken    1   ccomp     VERB  VBN   take
    6  the      7   det       DET   DT
    7  village  5   dobj      NOUN  NN
    8  .        1   punct     PUNCT .
    9  The      10  det       DET   DT
    10 agency   11  nsubj     NOUN  NN
    11 cited    11  ROOT      VERB  VBD   cite
    12 the      14  det       DET   DT    - B-ORG
    13 Defense  14  compound  PROPN NNP   - I-ORG
    14 Ministry 11  dobj      PROPN NNP   - I-ORG
    15 as       11  prep      ADP   IN
    16 stating  15  pcomp     VERB  VBG   state
    17 that     20  mark      SCONJ IN
    18 the      19  det       DET   DT
    19 attack   20  nsubj     NOUN  NN
    20 failed   16  ccomp     VERB  VBD   fail
    21 .        11  punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    pytest.param(CITES, [("troops have taken the village of Novoivanivka", "indirect", "Russian Defense Ministry",
                          ["TASS", "RBC-Ukraine"])], id="the agency cites X"),
    # only an outlet's own claim is recast: a minister's claim stays the minister's
    pytest.param(SPOKEN_BY_A_PERSON, [("troops had taken the village", "indirect", "Olga Berg", ["RBC-Ukraine"])],
                 id="a person's claim"),
    # "cited X as stating that ..." is a claim of its own (the quoted-as reading), and recasts nothing
    pytest.param(CITED_AS, [("troops had taken the village", "indirect", "TASS", ["RBC-Ukraine"]),
                            ("the attack failed", "indirect", "Defense Ministry", ["TASS", "RBC-Ukraine"])],
                 id="cited X as stating"),
])
def test_next_sentence_names_the_source(doc, expected):
    assert briefly(doc, publisher="RBC-Ukraine") == expected


def test_the_rule_yields_a_recast_of_the_outlets_claim():
    found = Found(attributions=evidence(CITES).attributions)  # the claim as the token rules left it: TASS's
    (recast,) = list(CitedAfter()(context(CITES), found))
    assert isinstance(recast, Recast)
    assert CITES[recast.target].text == "claims"
    assert CITES.text[recast.speaker.start:recast.speaker.end] == "the Russian Defense Ministry"
