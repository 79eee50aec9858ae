"""Content the parse gives as no clause: the object rule ("denied any wrongdoing", "called the plan a
disaster", "called for a moratorium": the span keeps the cue), the document-finding rule ("a new poll
showed the senator with a wide lead") and the misparsed-content rule ("said the mayor required
resuscitation" parsed as a noun phrase).

Parses drafted with ``docs.py`` from the small English pipeline and checked by hand; where a table keeps a
misparse, its comment says which one the rule is written for.
"""
from __future__ import annotations

import pytest
from docs import briefly, parse, rule_finds, said

from app.nlp.rules.objects import DocumentFinding, MisparsedContent, ObjectContent

DENIED = parse("The company denied any wrongdoing in the deal.", """
    0  The        1   det       DET   DT
    1  company    2   nsubj     NOUN  NN
    2  denied     2   ROOT      VERB  VBD   deny
    3  any        4   det       DET   DT
    4  wrongdoing 2   dobj      NOUN  NN
    5  in         2   prep      ADP   IN
    6  the        7   det       DET   DT
    7  deal       5   pobj      NOUN  NN
    8  .          2   punct     PUNCT .
""")

CALLED_FOR = parse("The teachers' union called for a moratorium on new charter schools.", """
    0  The        1   det       DET   DT
    1  teachers   3   poss      NOUN  NNS   teacher
    2  '          1   case      PART  POS
    3  union      4   nsubj     NOUN  NN
    4  called     4   ROOT      VERB  VBD   call
    5  for        4   prep      ADP   IN
    6  a          7   det       DET   DT
    7  moratorium 5   pobj      NOUN  NN
    8  on         7   prep      ADP   IN
    9  new        11  amod      ADJ   JJ
    10 charter    11  compound  NOUN  NN
    11 schools    8   pobj      NOUN  NNS   school
    12 .          4   punct     PUNCT .
""")

CALLED_IT = parse("The senator called the plan a disaster.", """
    0  The      1   det       DET   DT
    1  senator  2   nsubj     NOUN  NN
    2  called   2   ROOT      VERB  VBD   call
    3  the      4   det       DET   DT
    4  plan     2   dobj      NOUN  NN
    5  a        6   det       DET   DT
    6  disaster 2   oprd      NOUN  NN
    7  .        2   punct     PUNCT .
""")

WHILE = parse('The grocer called the demand "unprecedented", while its rival called it "unexpected".', """
    0  The           1   det       DET   DT
    1  grocer        2   nsubj     NOUN  NN
    2  called        2   ROOT      VERB  VBD   call
    3  the           4   det       DET   DT
    4  demand        2   dobj      NOUN  NN
    5  "             6   punct     PUNCT ``
    6  unprecedented 2   oprd      ADJ   JJ
    7  "             2   punct     PUNCT ''
    8  ,             2   punct     PUNCT ,
    9  while         12  mark      SCONJ IN
    10 its           11  poss      PRON  PRP$
    11 rival         12  nsubj     NOUN  NN
    12 called        2   advcl     VERB  VBD   call
    13 it            12  dobj      PRON  PRP
    14 "             15  punct     PUNCT ``
    15 unexpected    12  oprd      ADJ   JJ
    16 "             12  punct     PUNCT ''
    17 .             2   punct     PUNCT .
""")

ANNOUNCED_THIS = parse("The ministry announced this change on Monday.", """
    0  The       1   det       DET   DT
    1  ministry  2   nsubj     NOUN  NN
    2  announced 2   ROOT      VERB  VBD   announce
    3  this      4   det       DET   DT
    4  change    2   dobj      NOUN  NN
    5  on        2   prep      ADP   IN
    6  Monday    5   pobj      PROPN NNP   - B-DATE
    7  .         2   punct     PUNCT .
""")

FOUND_BODY = parse("Police found the body of the missing hiker in a river.", """
    0  Police  1   nsubj     NOUN  NNS   Police
    1  found   1   ROOT      VERB  VBD   find
    2  the     3   det       DET   DT
    3  body    1   dobj      NOUN  NN
    4  of      3   prep      ADP   IN
    5  the     7   det       DET   DT
    6  missing 7   amod      VERB  VBG   miss
    7  hiker   4   pobj      NOUN  NN
    8  in      1   prep      ADP   IN
    9  a       10  det       DET   DT
    10 river   8   pobj      NOUN  NN
    11 .       1   punct     PUNCT .
""")

SPEAKER_AFTER_CUE = parse('"It was like pushing on an open door," said Ana Ruiz, who served as trade envoy.', """
    0  "       11  punct     PUNCT ``
    1  It      2   nsubj     PRON  PRP
    2  was     11  ccomp     AUX   VBD   be
    3  like    2   prep      ADP   IN
    4  pushing 3   pcomp     VERB  VBG   push
    5  on      4   prep      ADP   IN
    6  an      8   det       DET   DT
    7  open    8   amod      ADJ   JJ
    8  door    5   pobj      NOUN  NN
    9  ,       11  punct     PUNCT ,
    10 "       11  punct     PUNCT ''
    11 said    11  ROOT      VERB  VBD   say
    12 Ana     13  compound  PROPN NNP
    13 Ruiz    11  nsubj     PROPN NNP
    14 ,       13  punct     PUNCT ,
    15 who     16  nsubj     PRON  WP
    16 served  13  relcl     VERB  VBD   serve
    17 as      16  prep      ADP   IN
    18 trade   19  compound  NOUN  NN
    19 envoy   17  pobj      NOUN  NN
    20 .       11  punct     PUNCT .
""")

MISPARSED = parse("Brudzinski said the mayor required resuscitation after the attack.", """
    # the parser made the reported clause a noun phrase, the tagger still saw a tensed verb in it
    0  Brudzinski    1   nsubj     PROPN NNP   -        B-PERSON
    1  said          1   ROOT      VERB  VBD   say
    2  the           5   det       DET   DT
    3  mayor         5   compound  NOUN  NN
    4  required      5   amod      VERB  VBD   require
    5  resuscitation 1   dobj      NOUN  NN
    6  after         1   prep      ADP   IN
    7  the           8   det       DET   DT
    8  attack        6   pobj      NOUN  NN
    9  .             1   punct     PUNCT .
""")

MISPARSED_PARTICIPLE = parse("Brudzinski said the mayor required resuscitation after the attack.", """
    # the same noun phrase with a participle in it ("the so-called ...", "announced plans"): no clause
    0  Brudzinski    1   nsubj     PROPN NNP   -        B-PERSON
    1  said          1   ROOT      VERB  VBD   say
    2  the           5   det       DET   DT
    3  mayor         5   compound  NOUN  NN
    4  required      5   amod      VERB  VBN   require
    5  resuscitation 1   dobj      NOUN  NN
    6  after         1   prep      ADP   IN
    7  the           8   det       DET   DT
    8  attack        6   pobj      NOUN  NN
    9  .             1   punct     PUNCT .
""")


POLL_SHOWED = parse("A new poll showed the senator with a wide lead.", """
    0  A       2   det       DET   DT
    1  new     2   amod      ADJ   JJ
    2  poll    3   nsubj     NOUN  NN
    3  showed  3   ROOT      VERB  VBD   show
    4  the     5   det       DET   DT
    5  senator 3   dobj      NOUN  NN
    6  with    3   prep      ADP   IN
    7  a       9   det       DET   DT
    8  wide    9   amod      ADJ   JJ
    9  lead    6   pobj      NOUN  NN
    10 .       3   punct     PUNCT .
""")

PHOTOGRAPHS_SHOWED = parse("Photographs showed the aircraft with its cockpit buried.", """
    0  Photographs 1   nsubj     NOUN  NNS   photograph
    1  showed      1   ROOT      VERB  VBD   show
    2  the         3   det       DET   DT
    3  aircraft    1   dobj      NOUN  NN
    4  with        3   prep      ADP   IN
    5  its         6   poss      PRON  PRP$
    6  cockpit     4   pobj      NOUN  NN
    7  buried      1   ccomp     VERB  VBN   bury
    8  .           1   punct     PUNCT .
""")

POLL_SHOWED_THIS = parse("The poll showed this again.", """
    0  The     1   det       DET   DT
    1  poll    2   nsubj     NOUN  NN
    2  showed  2   ROOT      VERB  VBD   show
    3  this    2   dobj      PRON  DT
    4  again   2   advmod    ADV   RB
    5  .       2   punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    pytest.param(DENIED, [("denied any wrongdoing in the deal", "indirect", "company", [])], id="denied X"),
    pytest.param(CALLED_IT, [("called the plan a disaster", "indirect", "senator", [])], id="called X Y"),
    pytest.param(CALLED_FOR, [("called for a moratorium on new charter schools", "indirect", "teachers' union", [])],
                 id="called for X"),
    # a contrasting clause with a subject of its own is another statement; the quoted words make both mixed
    pytest.param(WHILE, [('called the demand "unprecedented"', "mixed", "grocer", []),
                         ('called it "unexpected"', "mixed", "its rival", [])], id="X called A, while Y called B"),
    pytest.param(MISPARSED, [("the mayor required resuscitation after the attack", "indirect", "Brudzinski", [])],
                 id="clause parsed as a noun phrase"),
    # no claim: what was said stands elsewhere ("this change"), a finding verb without "that" clause,
    # no tensed verb after the cue, or the words after the cue describe its speaker
    pytest.param(ANNOUNCED_THIS, [], id="announced this change"),
    # a document's finding given as an object with what is said of it: the document's claim
    pytest.param(POLL_SHOWED, [("the senator with a wide lead", "indirect", "A new poll", [])], id="a poll showed X with Y"),
    pytest.param(FOUND_BODY, [], id="found the body"),
    pytest.param(PHOTOGRAPHS_SHOWED, [], id="photographs showed (no document)"),
    pytest.param(POLL_SHOWED_THIS, [], id="a poll showed this"),
    pytest.param(MISPARSED_PARTICIPLE, [], id="noun phrase with a participle"),
    pytest.param(SPEAKER_AFTER_CUE, [("It was like pushing on an open door,", "direct", "Ana Ruiz", [])],
                 id="said X, who served as ..."),
])
def test_content_given_as_no_clause(doc, expected):
    assert briefly(doc) == expected


def test_object_rule_keeps_the_cue_in_the_span():
    assert [said(DENIED, a) for a in rule_finds(ObjectContent(), DENIED)] == [
        ("denied any wrongdoing in the deal", "indirect", "The company", [])]


# the cue closes a quotation the parser split off into sentences of its own; what follows the comma is a
# participle clause about it, no content (blind batch D8)
PARTICIPLE_AFTER_COMMA = parse('"It is a start. Better roads are key," she said, referring to the trucks that '
                               'carry the grain.', """
    0  "          2   punct     PUNCT ``
    1  It         2   nsubj     PRON  PRP
    2  is         2   ROOT      AUX   VBZ   be
    3  a          4   det       DET   DT
    4  start      2   attr      NOUN  NN
    5  .          2   punct     PUNCT .
    6  Better     7   amod      ADJ   JJR   good
    7  roads      8   nsubj     NOUN  NNS   road
    8  are        8   ROOT      AUX   VBP   be
    9  key        8   acomp     ADJ   JJ
    10 ,          8   punct     PUNCT ,
    11 "          8   punct     PUNCT ''
    12 she        13  nsubj     PRON  PRP
    13 said       13  ROOT      VERB  VBD   say
    14 ,          13  punct     PUNCT ,
    15 referring  13  advcl     VERB  VBG   refer
    16 to         15  prep      ADP   IN
    17 the        18  det       DET   DT
    18 trucks     16  pobj      NOUN  NNS   truck
    19 that       20  nsubj     PRON  WDT
    20 carry      18  relcl     VERB  VBP
    21 the        22  det       DET   DT
    22 grain      20  dobj      NOUN  NN
    23 .          13  punct     PUNCT .
""")


# the tagger read the content's past tense as a participle modifying the object (blind batch D9)
PARTICIPLE_WITH_SUBJECT = parse("The newspaper said the storm damaged parts of the town's water network.", """
    0  The            1   det       DET   DT
    1  newspaper      2   nsubj     NOUN  NN
    2  said           2   ROOT      VERB  VBD   say
    3  the            4   det       DET   DT
    4  storm          5   nsubj     NOUN  NN
    5  damaged        6   amod      VERB  VBN   damage
    6  parts          2   dobj      NOUN  NNS   part
    7  of             6   prep      ADP   IN
    8  the            9   det       DET   DT
    9  town           12  poss      NOUN  NN
    10 's             9   case      PART  POS
    11 water          12  compound  NOUN  NN
    12 network        7   pobj      NOUN  NN
    13 .              2   punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    (MISPARSED, [("the mayor required resuscitation after the attack", "indirect", "Brudzinski", [])]),
    (MISPARSED_PARTICIPLE, []),
    (SPEAKER_AFTER_CUE, []),
    (PARTICIPLE_AFTER_COMMA, []),
    (PARTICIPLE_WITH_SUBJECT, [("the storm damaged parts of the town's water network", "indirect",
                                "The newspaper", [])]),
], ids=["tensed verb", "participle", "speaker after the cue", "participle after a comma", "participle with a subject"])
def test_misparsed_rule_alone(doc, expected):
    assert [said(doc, a) for a in rule_finds(MisparsedContent(), doc)] == expected


@pytest.mark.parametrize("doc,expected", [
    (POLL_SHOWED, [("the senator with a wide lead", "indirect", "A new poll", [])]),
    (FOUND_BODY, []),
    (PHOTOGRAPHS_SHOWED, []),
], ids=["poll", "police found", "photographs"])
def test_document_finding_rule_alone(doc, expected):
    """Only a document (a poll, study, report) speaks through what it found or showed."""
    assert [said(doc, a) for a in rule_finds(DocumentFinding(), doc)] == expected



ACCUSED_WHERE_SAID = parse('The ministry accused the rebels of blocking aid to the region, where the United Nations has said thousands face hunger.', """
    0  The        1   det        DET   DT    the
    1  ministry   2   nsubj      NOUN  NN
    2  accused    2   ROOT       VERB  VBD   accuse
    3  the        4   det        DET   DT
    4  rebels     2   dobj       NOUN  NNS   rebel
    5  of         4   prep       ADP   IN
    6  blocking   5   pcomp      VERB  VBG   block
    7  aid        6   dobj       NOUN  NN
    8  to         6   prep       ADP   IN
    9  the        10  det        DET   DT
    10 region     8   pobj       NOUN  NN
    11 ,          10  punct      PUNCT ,
    12 where      17  advmod     SCONJ WRB
    13 the        15  det        DET   DT    - B-ORG
    14 United     15  compound   PROPN NNP   - I-ORG
    15 Nations    17  nsubj      PROPN NNP   - I-ORG
    16 has        17  aux        AUX   VBZ   have
    17 said       10  relcl      VERB  VBN   say
    18 thousands  19  nsubj      NOUN  NNS   thousand B-CARDINAL
    19 face       17  ccomp      VERB  VBP
    20 hunger     19  dobj       NOUN  NN
    21 .          2   punct      PUNCT .
""")


def test_an_objects_content_stops_before_a_relative_clause_that_reports_a_claim():
    """Regression (real pages annotated blind): 'accused the TPLF of hindering aid to Tigray, where the United
    Nations has said hundreds of thousands ... famine' took the UN's claim into the ministry's and lost it."""
    from app.nlp.rules.objects import ObjectContent

    assert [said(ACCUSED_WHERE_SAID, a)[0] for a in rule_finds(ObjectContent(), ACCUSED_WHERE_SAID)] == [
        "accused the rebels of blocking aid to the region"]




CLAIMED_LIVES = parse('A car bomb claimed the lives of four senior officials on Monday.', """
    0  A          2   det        DET   DT    a
    1  car        2   compound   NOUN  NN
    2  bomb       3   nsubj      NOUN  NN
    3  claimed    3   ROOT       VERB  VBD   claim
    4  the        5   det        DET   DT
    5  lives      3   dobj       NOUN  NNS   life
    6  of         5   prep       ADP   IN
    7  four       9   nummod     NUM   CD    - B-CARDINAL
    8  senior     9   amod       ADJ   JJ
    9  officials  6   pobj       NOUN  NNS   official
    10 on         3   prep       ADP   IN
    11 Monday     10  pobj       PROPN NNP   - B-DATE
    12 .          3   punct      PUNCT .
""")


def test_an_object_that_makes_the_cue_a_deed_is_no_claim():
    """Regression (gold-real b05, real pages annotated blind): 'a bombing that claimed the lives of four
    officials' and 'Gunmen stormed the area, attacking military bases' were claims."""
    from app.nlp.rules.objects import ObjectContent

    assert rule_finds(ObjectContent(), CLAIMED_LIVES) == []
