"""Relay chains (``app.nlp.resolve.relay``): the publisher last; a wire dateline the hop before it; an
outlet frame the lead sets carries over to the claims that follow, but not a frame set later, and not
to a claim made through the speaker's own channel; an interview hop carries to the same speaker's next
claims.

Parses drafted with ``docs.py`` from the small English pipeline and checked by hand.
"""
from __future__ import annotations

import pytest
from docs import briefly, parse

LEAD_FRAME = parse("Axios reported that the plan had twenty points.\n\n"
                   "A senior official said the talks would resume.", """
    0  Axios    1   nsubj     PROPN NNP   - B-ORG
    1  reported 1   ROOT      VERB  VBD   report
    2  that     5   mark      SCONJ IN
    3  the      4   det       DET   DT
    4  plan     5   nsubj     NOUN  NN
    5  had      1   ccomp     VERB  VBD   have
    6  twenty   7   nummod    NUM   CD    - B-CARDINAL
    7  points   5   dobj      NOUN  NNS   point
    8  .        1   punct     PUNCT .
    9  A        11  det       DET   DT
    10 senior   11  amod      ADJ   JJ
    11 official 12  nsubj     NOUN  NN
    12 said     12  ROOT      VERB  VBD   say
    13 the      14  det       DET   DT
    14 talks    16  nsubj     NOUN  NNS   talk
    15 would    16  aux       AUX   MD
    16 resume   12  ccomp     VERB  VB
    17 .        12  punct     PUNCT .
""")

LATER_FRAME = parse("The army repelled eight attacks. The front was quiet. Shelling continued in the south.\n\n"
                    "Axios reported that the plan had twenty points.\n\n"
                    "A senior official said the talks would resume.", """
    0  The       1   det       DET   DT
    1  army      2   nsubj     NOUN  NN
    2  repelled  2   ROOT      VERB  VBD   repel
    3  eight     4   nummod    NUM   CD    - B-CARDINAL
    4  attacks   2   dobj      NOUN  NNS   attack
    5  .         2   punct     PUNCT .
    6  The       7   det       DET   DT
    7  front     8   nsubj     NOUN  NN
    8  was       8   ROOT      AUX   VBD   be
    9  quiet     8   acomp     ADJ   JJ
    10 .         8   punct     PUNCT .
    11 Shelling  12  nsubj     VERB  VBG   shell
    12 continued 12  ROOT      VERB  VBD   continue
    13 in        12  prep      ADP   IN
    14 the       15  det       DET   DT
    15 south     13  pobj      NOUN  NN
    16 .         12  punct     PUNCT .
    17 Axios     18  nsubj     PROPN NNP   - B-ORG
    18 reported  18  ROOT      VERB  VBD   report
    19 that      22  mark      SCONJ IN
    20 the       21  det       DET   DT
    21 plan      22  nsubj     NOUN  NN
    22 had       18  ccomp     VERB  VBD   have
    23 twenty    24  nummod    NUM   CD    - B-CARDINAL
    24 points    22  dobj      NOUN  NNS   point
    25 .         18  punct     PUNCT .
    26 A         28  det       DET   DT
    27 senior    28  amod      ADJ   JJ
    28 official  29  nsubj     NOUN  NN
    29 said      29  ROOT      VERB  VBD   say
    30 the       31  det       DET   DT
    31 talks     33  nsubj     NOUN  NNS   talk
    32 would     33  aux       AUX   MD
    33 resume    29  ccomp     VERB  VB
    34 .         29  punct     PUNCT .
""")

OWN_CHANNEL = parse("Axios reported that the plan had twenty points.\n\n"
                    "The minister told reporters at a press conference that the talks would resume.", """
    0  Axios      1   nsubj     PROPN NNP   - B-ORG
    1  reported   1   ROOT      VERB  VBD   report
    2  that       5   mark      SCONJ IN
    3  the        4   det       DET   DT
    4  plan       5   nsubj     NOUN  NN
    5  had        1   ccomp     VERB  VBD   have
    6  twenty     7   nummod    NUM   CD    - B-CARDINAL
    7  points     5   dobj      NOUN  NNS   point
    8  .          1   punct     PUNCT .
    9  The        10  det       DET   DT
    10 minister   11  nsubj     NOUN  NN
    11 told       11  ROOT      VERB  VBD   tell
    12 reporters  11  dobj      NOUN  NNS   reporter
    13 at         11  prep      ADP   IN
    14 a          16  det       DET   DT
    15 press      16  compound  NOUN  NN
    16 conference 13  pobj      NOUN  NN
    17 that       21  mark      SCONJ IN
    18 the        19  det       DET   DT
    19 talks      21  nsubj     NOUN  NNS   talk
    20 would      21  aux       AUX   MD
    21 resume     16  relcl     VERB  VB
    22 .          11  punct     PUNCT .
""")

WIRE = parse("Ukraine's army said on Tuesday that it had repelled an attack.", """
    0  Ukraine  2   poss      PROPN NNP   - B-GPE
    1  's       0   case      PART  POS
    2  army     3   nsubj     NOUN  NN
    3  said     3   ROOT      VERB  VBD   say
    4  on       3   prep      ADP   IN
    5  Tuesday  4   pobj      PROPN NNP   - B-DATE
    6  that     9   mark      SCONJ IN
    7  it       9   nsubj     PRON  PRP
    8  had      9   aux       AUX   VBD   have
    9  repelled 3   ccomp     VERB  VBN   repel
    10 an       11  det       DET   DT
    11 attack   9   dobj      NOUN  NN
    12 .        3   punct     PUNCT .
""")

INTERVIEW_GOES_ON = parse("In an interview with the BBC, Kaupo Tamm said Russia was rebuilding its forces.\n\n"
                          "He said he did not expect an attack this year.", """
    0  In         9   prep      ADP   IN
    1  an         2   det       DET   DT
    2  interview  0   pobj      NOUN  NN
    3  with       2   prep      ADP   IN
    4  the        5   det       DET   DT
    5  BBC        3   pobj      PROPN NNP   - B-ORG
    6  ,          9   punct     PUNCT ,
    7  Kaupo      8   compound  PROPN NNP   - B-PERSON
    8  Tamm       9   nsubj     PROPN NNP   - I-PERSON
    9  said       9   ROOT      VERB  VBD   say
    10 Russia     12  nsubj     PROPN NNP   - B-GPE
    11 was        12  aux       AUX   VBD   be
    12 rebuilding 9   ccomp     VERB  VBG   rebuild
    13 its        14  poss      PRON  PRP$
    14 forces     12  dobj      NOUN  NNS   force
    15 .          9   punct     PUNCT .
    16 He         17  nsubj     PRON  PRP
    17 said       17  ROOT      VERB  VBD   say
    18 he         21  nsubj     PRON  PRP
    19 did        21  aux       AUX   VBD   do
    20 not        21  neg       PART  RB
    21 expect     17  ccomp     VERB  VB
    22 an         23  det       DET   DT
    23 attack     21  dobj      NOUN  NN
    24 this       25  det       DET   DT    - B-DATE
    25 year       21  npadvmod  NOUN  NN    - I-DATE
    26 .          17  punct     PUNCT .
""")

AGENTLESS_GOES_ON = parse("Energy company Naftogaz reported on Telegram that one of its plants had been hit. "
                          "It is reported that two workers were injured.", """
    0  Energy   1   compound  NOUN  NN
    1  company  2   compound  NOUN  NN
    2  Naftogaz 3   nsubj     PROPN NNP   -        B-ORG
    3  reported 3   ROOT      VERB  VBD   report
    4  on       3   prep      ADP   IN
    5  Telegram 4   pobj      PROPN NNP   -        B-ORG
    6  that     13  mark      SCONJ IN
    7  one      13  nsubjpass NUM   CD    -        B-CARDINAL
    8  of       7   prep      ADP   IN
    9  its      10  poss      PRON  PRP$
    10 plants   8   pobj      NOUN  NNS   plant
    11 had      13  aux       AUX   VBD   have
    12 been     13  auxpass   AUX   VBN   be
    13 hit      3   ccomp     VERB  VBN
    14 .        3   punct     PUNCT .
    15 It       17  nsubjpass PRON  PRP
    16 is       17  auxpass   AUX   VBZ   be
    17 reported 17  ROOT      VERB  VBN   report
    18 that     22  mark      SCONJ IN
    19 two      20  nummod    NUM   CD    -        B-CARDINAL
    20 workers  22  nsubjpass NOUN  NNS   worker
    21 were     22  auxpass   AUX   VBD   be
    22 injured  17  ccomp     VERB  VBN   injure
    23 .        17  punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    # a claim the outlet makes itself is relayed by the publisher alone; its frame carries to the next claim
    pytest.param(LEAD_FRAME, [("the plan had twenty points", "indirect", "Axios", ["UNN"]),
                              ("the talks would resume", "indirect", "A senior official", ["Axios", "UNN"])],
                 id="lead frame carries over"),
    pytest.param(LATER_FRAME, [("the plan had twenty points", "indirect", "Axios", ["UNN"]),
                               ("the talks would resume", "indirect", "A senior official", ["UNN"])],
                 id="later frame does not"),
    pytest.param(OWN_CHANNEL, [("the plan had twenty points", "indirect", "Axios", ["UNN"]),
                               ("the talks would resume", "indirect", "minister", ["UNN"])],
                 id="own channel: told reporters at a press conference"),
    pytest.param(INTERVIEW_GOES_ON, [("Russia was rebuilding its forces", "indirect", "Kaupo Tamm", ["BBC", "UNN"]),
                                     ("he did not expect an attack this year", "indirect", "Kaupo Tamm",
                                      ["BBC", "UNN"])],
                 id="interview goes on"),
    # an agentless cue goes on with its paragraph's source; the speaker's own channel (Telegram) is no hop
    pytest.param(AGENTLESS_GOES_ON, [("one of its plants had been hit", "indirect", "Naftogaz", ["UNN"]),
                                     ("two workers were injured", "indirect", "Naftogaz", ["UNN"])],
                 id="It is reported, after a named source"),
])
def test_relay(doc, expected):
    assert briefly(doc, publisher="UNN") == expected


def test_wire_before_the_publisher():
    assert briefly(WIRE, publisher="Example Times", wire="Reuters") == [
        ("it had repelled an attack", "indirect", "Ukraine's army", ["Reuters", "Example Times"])]


def test_publisher_once_when_it_is_the_wire():
    assert briefly(WIRE, publisher="Reuters", wire="Reuters") == [
        ("it had repelled an attack", "indirect", "Ukraine's army", ["Reuters"])]
