"""The repeated-"that" rule: "said A and that B" is two claims under one cue; "said A and B" is one
(GUIDELINES, 2026-12 clarifications). Parses drafted with ``docs.py`` from the small English pipeline and
checked by hand.
"""
from __future__ import annotations

from docs import briefly, context, evidence, parse

from app.nlp.evidence import Attribution, Supersede
from app.nlp.rules.base import Found
from app.nlp.rules.second_that import SecondThat

TWO = parse("Ana Ruiz said the plan had failed and that the team would resign.", """
    0  Ana    1   compound  PROPN NNP   -   B-PERSON
    1  Ruiz   2   nsubj     PROPN NNP   -   I-PERSON
    2  said   2   ROOT      VERB  VBD   say
    3  the    4   det       DET   DT
    4  plan   6   nsubj     NOUN  NN
    5  had    6   aux       AUX   VBD   have
    6  failed 2   ccomp     VERB  VBN   fail
    7  and    6   cc        CCONJ CC
    8  that   12  mark      SCONJ IN
    9  the    10  det       DET   DT
    10 team   12  nsubj     NOUN  NN
    11 would  12  aux       AUX   MD
    12 resign 6   conj      VERB  VB
    13 .      2   punct     PUNCT .
""")

ONE = parse("Ana Ruiz said the plan had failed and the team would resign.", """
    0  Ana    1   compound  PROPN NNP   -   B-PERSON
    1  Ruiz   2   nsubj     PROPN NNP   -   I-PERSON
    2  said   2   ROOT      VERB  VBD   say
    3  the    4   det       DET   DT
    4  plan   6   nsubj     NOUN  NN
    5  had    6   aux       AUX   VBD   have
    6  failed 2   ccomp     VERB  VBN   fail
    7  and    6   cc        CCONJ CC
    8  the    9   det       DET   DT
    9  team   11  nsubj     NOUN  NN
    10 would  11  aux       AUX   MD
    11 resign 6   conj      VERB  VB
    12 .      2   punct     PUNCT .
""")

# "and that" where "that" is the subject of the next clause, not its opening word
PRONOUN = parse("Ana Ruiz said he would apologise and that should end the matter.", """
    0  Ana       1   compound  PROPN NNP   -   B-PERSON
    1  Ruiz      2   nsubj     PROPN NNP   -   I-PERSON
    2  said      2   ROOT      VERB  VBD   say
    3  he        5   nsubj     PRON  PRP
    4  would     5   aux       AUX   MD
    5  apologise 2   ccomp     VERB  VB
    6  and       5   cc        CCONJ CC
    7  that      9   nsubj     PRON  DT
    8  should    9   aux       AUX   MD
    9  end       5   conj      VERB  VB
    10 the       11  det       DET   DT
    11 matter    9   dobj      NOUN  NN
    12 .         2   punct     PUNCT .
""")


def test_a_repeated_that_makes_two_claims_of_one_cue():
    assert briefly(TWO, publisher="Desk") == [
        ("the plan had failed", "indirect", "Ana Ruiz", ["Desk"]),
        ("the team would resign", "indirect", "Ana Ruiz", ["Desk"])]


def test_clauses_joined_without_a_second_that_are_one_claim():
    assert briefly(ONE, publisher="Desk") == [
        ("the plan had failed and the team would resign", "indirect", "Ana Ruiz", ["Desk"])]
    assert [c[0] for c in briefly(PRONOUN, publisher="Desk")] == ["he would apologise and that should end the matter"]


def test_the_rule_supersedes_the_whole_span_and_yields_each_clause_with_the_same_cue():
    found = evidence(TWO)
    found = Found(attributions=[a for a in found.attributions if not any("repeated 'that'" in w for w in a.why)],
                  supersedes=[s for s in found.supersedes if "repeated 'that'" not in s.why])
    (whole,) = found.current()
    out = list(SecondThat()(context(TWO), found))
    (gone,) = [o for o in out if isinstance(o, Supersede)]
    parts = [o for o in out if isinstance(o, Attribution)]
    assert gone.span == (whole.start, whole.end)
    assert [TWO.text[p.start:p.end] for p in parts] == ["the plan had failed", "the team would resign"]
    assert {(p.cue_token, p.speaker) for p in parts} == {(whole.cue_token, whole.speaker)}


# the parser coordinated the second clause with the cue itself, and read "that" as its subject's
# determiner (blind batch K1; the parse of a real page, on a sentence written for the test)
ON_THE_CUE = parse("The council has said it is open to talks, but that any deal must respect the charter.", """
    0  The      1   det       DET   DT
    1  council  3   nsubj     NOUN  NN
    2  has      3   aux       AUX   VBZ   have
    3  said     3   ROOT      VERB  VBN   say
    4  it       5   nsubj     PRON  PRP
    5  is       3   ccomp     AUX   VBZ   be
    6  open     5   acomp     ADJ   JJ
    7  to       6   prep      ADP   IN
    8  talks    7   pobj      NOUN  NNS   talk
    9  ,        3   punct     PUNCT ,
    10 but      3   cc        CCONJ CC
    11 that     13  det       DET   DT
    12 any      13  det       DET   DT
    13 deal     15  nsubj     NOUN  NN
    14 must     15  aux       AUX   MD
    15 respect  3   conj      VERB  VB
    16 the      17  det       DET   DT
    17 charter  15  dobj      NOUN  NN
    18 .        3   punct     PUNCT .
""")

def test_a_that_clause_the_parser_coordinated_with_the_cue_is_a_second_claim():
    assert briefly(ON_THE_CUE, publisher="Desk") == [
        ("it is open to talks", "indirect", "council", ["Desk"]),
        ("any deal must respect the charter", "indirect", "council", ["Desk"])]
