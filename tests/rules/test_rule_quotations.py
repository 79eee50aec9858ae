"""The quotation rules: a quotation attributed after it (`"...," X said.`, `"...," said X.`), before it
(`X said: "..."`), by a byline (`"..." — Name`), or continuing the previous claim's speaker; a quotation
closing a sentence of reported speech is one mixed claim; titles, terms and questions are no claims.

Parses drafted with ``docs.py`` from the small English pipeline and checked by hand.
"""
from __future__ import annotations

import pytest
from docs import annotate, briefly, parse

AFTER = parse('"The bridge will reopen next spring," Mayor Anna Kovacs said on Monday.', """
    0  "      12  punct     PUNCT ``
    1  The    2   det       DET   DT
    2  bridge 4   nsubj     NOUN  NN
    3  will   4   aux       AUX   MD
    4  reopen 12  ccomp     VERB  VB
    5  next   6   amod      ADJ   JJ    - B-DATE
    6  spring 4   npadvmod  NOUN  NN    - I-DATE
    7  ,      12  punct     PUNCT ,
    8  "      12  punct     PUNCT ''
    9  Mayor  11  compound  PROPN NNP
    10 Anna   11  compound  PROPN NNP   - B-PERSON
    11 Kovacs 12  nsubj     PROPN NNP   - I-PERSON
    12 said   12  ROOT      VERB  VBD   say
    13 on     12  prep      ADP   IN
    14 Monday 13  pobj      PROPN NNP   - B-DATE
    15 .      12  punct     PUNCT .
""")

AFTER_INVERTED = parse(""""We are ready," said the company's chief executive, Paul Reyes.""", """
    0  "         6   punct     PUNCT ``
    1  We        2   nsubj     PRON  PRP
    2  are       6   ccomp     AUX   VBP   be
    3  ready     2   acomp     ADJ   JJ
    4  ,         6   punct     PUNCT ,
    5  "         6   punct     PUNCT ''
    6  said      6   ROOT      VERB  VBD   say
    7  the       8   det       DET   DT
    8  company   11  poss      NOUN  NN
    9  's        8   case      PART  POS
    10 chief     11  amod      ADJ   JJ
    11 executive 6   nsubj     NOUN  NN
    12 ,         11  punct     PUNCT ,
    13 Paul      14  compound  PROPN NNP   - B-PERSON
    14 Reyes     11  appos     PROPN NNP   - I-PERSON
    15 .         6   punct     PUNCT .
""")

BEFORE_COLON = parse('Mayor Anna Kovacs said: "The bridge will reopen next spring."', """
    0  Mayor  2   compound  PROPN NNP
    1  Anna   2   compound  PROPN NNP   - B-PERSON
    2  Kovacs 3   nsubj     PROPN NNP   - I-PERSON
    3  said   3   ROOT      VERB  VBD   say
    4  :      3   punct     PUNCT :
    5  "      3   punct     PUNCT ``
    6  The    7   det       DET   DT
    7  bridge 9   nsubj     NOUN  NN
    8  will   9   aux       AUX   MD
    9  reopen 3   ccomp     VERB  VB
    10 next   11  amod      ADJ   JJ    - B-DATE
    11 spring 9   npadvmod  NOUN  NN    - I-DATE
    12 .      3   punct     PUNCT .
    13 "      3   punct     PUNCT ''
""")

BEFORE_COMMA = parse('Mayor Anna Kovacs told reporters, "The bridge will reopen next spring."', """
    0  Mayor     2   compound  PROPN NNP
    1  Anna      2   compound  PROPN NNP   - B-PERSON
    2  Kovacs    3   nsubj     PROPN NNP   - I-PERSON
    3  told      3   ROOT      VERB  VBD   tell
    4  reporters 3   dobj      NOUN  NNS   reporter
    5  ,         3   punct     PUNCT ,
    6  "         3   punct     PUNCT ``
    7  The       8   det       DET   DT
    8  bridge    10  nsubj     NOUN  NN
    9  will      10  aux       AUX   MD
    10 reopen    3   ccomp     VERB  VB
    11 next      12  amod      ADJ   JJ    - B-DATE
    12 spring    10  npadvmod  NOUN  NN    - I-DATE
    13 .         3   punct     PUNCT .
    14 "         3   punct     PUNCT ''
""")

BYLINE = parse('"He frightens me." — Karim Haddad, a teacher from Ohio', """
    0  "         2   punct     PUNCT ``
    1  He        2   nsubj     PRON  PRP
    2  frightens 2   ROOT      VERB  VBZ   frighten
    3  me        2   dobj      PRON  PRP   I
    4  .         2   punct     PUNCT .
    5  "         2   punct     PUNCT ''
    6  —         8   punct     PUNCT :
    7  Karim     8   compound  PROPN NNP   -         B-PERSON
    8  Haddad    8   ROOT      PROPN NNP   -         I-PERSON
    9  ,         8   punct     PUNCT ,
    10 a         11  det       DET   DT
    11 teacher   8   appos     NOUN  NN
    12 from      11  prep      ADP   IN
    13 Ohio      12  pobj      PROPN NNP   - B-GPE
""")

CONTINUED = parse('Coach Daniel Ortiz said the team had trained hard all week.\n\n'
                  '"We wanted this more than anyone. The players gave everything."', """
    0  Coach      2   compound  PROPN NNP
    1  Daniel     2   compound  PROPN NNP   - B-PERSON
    2  Ortiz      3   nsubj     PROPN NNP   - I-PERSON
    3  said       3   ROOT      VERB  VBD   say
    4  the        5   det       DET   DT
    5  team       7   nsubj     NOUN  NN
    6  had        7   aux       AUX   VBD   have
    7  trained    3   ccomp     VERB  VBN   train
    8  hard       7   advmod    ADV   RB
    9  all        10  det       DET   DT    - B-DATE
    10 week       7   npadvmod  NOUN  NN    - I-DATE
    11 .          3   punct     PUNCT .
    12 "          14  punct     PUNCT ``
    13 We         14  nsubj     PRON  PRP
    14 wanted     14  ROOT      VERB  VBD   want
    15 this       14  dobj      PRON  DT
    16 more       14  advmod    ADJ   JJR
    17 than       16  prep      ADP   IN
    18 anyone     17  pobj      PRON  NN
    19 .          14  punct     PUNCT .
    20 The        21  det       DET   DT
    21 players    22  nsubj     NOUN  NNS   player
    22 gave       22  ROOT      VERB  VBD   give
    23 everything 22  dobj      PRON  NN
    24 .          22  punct     PUNCT .
    25 "          22  punct     PUNCT ''
""")

NOT_CONTINUED = parse('The council met on Monday.\n\n'
                      '"We wanted this more than anyone. The players gave everything."', """
    0  The        1   det       DET   DT
    1  council    2   nsubj     NOUN  NN
    2  met        2   ROOT      VERB  VBD   meet
    3  on         2   prep      ADP   IN
    4  Monday     3   pobj      PROPN NNP   - B-DATE
    5  .          2   punct     PUNCT .
    6  "          8   punct     PUNCT ``
    7  We         8   nsubj     PRON  PRP
    8  wanted     8   ROOT      VERB  VBD   want
    9  this       8   dobj      PRON  DT
    10 more       8   advmod    ADJ   JJR
    11 than       10  prep      ADP   IN
    12 anyone     11  pobj      PRON  NN
    13 .          8   punct     PUNCT .
    14 The        15  det       DET   DT
    15 players    16  nsubj     NOUN  NNS   player
    16 gave       16  ROOT      VERB  VBD   give
    17 everything 16  dobj      PRON  NN
    18 .          16  punct     PUNCT .
    19 "          16  punct     PUNCT ''
""")

TITLE = parse('The film "Gone with the Wind" was shown again on Sunday.', """
    0  The    1   det       DET   DT
    1  film   9   nsubjpass NOUN  NN
    2  "      3   punct     PUNCT ``
    3  Gone   1   acl       VERB  VBN   go
    4  with   3   prep      ADP   IN
    5  the    6   det       DET   DT
    6  Wind   4   pobj      PROPN NNP
    7  "      3   punct     PUNCT ''
    8  was    9   auxpass   AUX   VBD   be
    9  shown  9   ROOT      VERB  VBN   show
    10 again  9   advmod    ADV   RB
    11 on     9   prep      ADP   IN
    12 Sunday 11  pobj      PROPN NNP   - B-DATE
    13 .      9   punct     PUNCT .
""")

SCARE_QUOTES = parse('He thinks cats are "cuties".', """
    0  He     1   nsubj     PRON  PRP
    1  thinks 1   ROOT      VERB  VBZ   think
    2  cats   3   nsubj     NOUN  NNS   cat
    3  are    1   ccomp     AUX   VBP   be
    4  "      3   punct     PUNCT ``
    5  cuties 3   attr      NOUN  NNS   cutie
    6  "      3   punct     PUNCT ''
    7  .      1   punct     PUNCT .
""")

QUESTION = parse('"Is the bridge safe?" a resident asked.', """
    0  "        1   punct     PUNCT ``
    1  Is       1   ROOT      AUX   VBZ   be
    2  the      3   det       DET   DT
    3  bridge   1   nsubj     NOUN  NN
    4  safe     1   acomp     ADJ   JJ
    5  ?        1   punct     PUNCT .
    6  "        1   punct     PUNCT ''
    7  a        8   det       DET   DT
    8  resident 9   nsubj     NOUN  NN
    9  asked    9   ROOT      VERB  VBD   ask
    10 .        9   punct     PUNCT .
""")

INTERRUPTED = parse('"We will rebuild," said Maria Lopez. "It will take years, but we will do it."', """
    0  "       6   punct     PUNCT ``
    1  We      3   nsubj     PRON  PRP
    2  will    3   aux       AUX   MD
    3  rebuild 6   ccomp     VERB  VB
    4  ,       6   punct     PUNCT ,
    5  "       6   punct     PUNCT ''
    6  said    6   ROOT      VERB  VBD   say
    7  Maria   8   compound  PROPN NNP   - B-PERSON
    8  Lopez   6   nsubj     PROPN NNP   - I-PERSON
    9  .       6   punct     PUNCT .
    10 "       13  punct     PUNCT ``
    11 It      13  nsubj     PRON  PRP
    12 will    13  aux       AUX   MD
    13 take    13  ROOT      VERB  VB
    14 years   13  dobj      NOUN  NNS   year B-DATE
    15 ,       13  punct     PUNCT ,
    16 but     13  cc        CCONJ CC
    17 we      19  nsubj     PRON  PRP
    18 will    19  aux       AUX   MD
    19 do      13  conj      VERB  VB
    20 it      19  dobj      PRON  PRP
    21 .       19  punct     PUNCT .
    22 "       19  punct     PUNCT ''
""")

MIXED_LEAD = parse('Moscow is ready to resume talks if Chisinau stops "politicizing the energy issue," '
                   'Deputy Foreign Minister Dmitry Lavrinenko told TASS on Wednesday.', """
    0  Moscow       1   nsubj     PROPN NNP   - B-GPE
    1  is           21  ccomp     AUX   VBZ   be
    2  ready        1   acomp     ADJ   JJ
    3  to           4   aux       PART  TO
    4  resume       2   xcomp     VERB  VB
    5  talks        4   dobj      NOUN  NNS   talk
    6  if           8   mark      SCONJ IN
    7  Chisinau     8   nsubj     PROPN NNP   -            B-GPE
    8  stops        1   advcl     VERB  VBZ   stop
    9  "            10  punct     PUNCT ``
    10 politicizing 8   xcomp     VERB  VBG   politicize
    11 the          13  det       DET   DT
    12 energy       13  compound  NOUN  NN
    13 issue        10  dobj      NOUN  NN
    14 ,            21  punct     PUNCT ,
    15 "            21  punct     PUNCT ''
    16 Deputy       18  compound  PROPN NNP
    17 Foreign      18  compound  PROPN NNP
    18 Minister     20  compound  PROPN NNP
    19 Dmitry       20  compound  PROPN NNP   - B-PERSON
    20 Lavrinenko   21  nsubj     PROPN NNP   - I-PERSON
    21 told         21  ROOT      VERB  VBD   tell
    22 TASS         21  dobj      PROPN NNP   - B-ORG
    23 on           21  prep      ADP   IN
    24 Wednesday    23  pobj      PROPN NNP   - B-DATE
    25 .            21  punct     PUNCT .
""")

MIXED_INSIDE = parse('Governor Ruth Bell said the plan was "dead on arrival" in its current form.', """
    0  Governor 2   compound  PROPN NNP
    1  Ruth     2   compound  PROPN NNP   - B-PERSON
    2  Bell     3   nsubj     PROPN NNP   - I-PERSON
    3  said     3   ROOT      VERB  VBD   say
    4  the      5   det       DET   DT
    5  plan     6   nsubj     NOUN  NN
    6  was      3   ccomp     AUX   VBD   be
    7  "        6   punct     PUNCT ``
    8  dead     6   acomp     ADJ   JJ
    9  on       8   prep      ADP   IN
    10 arrival  9   pobj      NOUN  NN
    11 "        6   punct     PUNCT ''
    12 in       6   prep      ADP   IN
    13 its      15  poss      PRON  PRP$
    14 current  15  amod      ADJ   JJ
    15 form     12  pobj      NOUN  NN
    16 .        3   punct     PUNCT .
""")

TERM_IN_NARRATION = parse('The minister said the border was calm.\n\nThe deal is "a historic step" for the region.', """
    0  The      1   det       DET   DT
    1  minister 2   nsubj     NOUN  NN
    2  said     2   ROOT      VERB  VBD   say
    3  the      4   det       DET   DT
    4  border   5   nsubj     NOUN  NN
    5  was      2   ccomp     AUX   VBD   be
    6  calm     5   acomp     ADJ   JJ
    7  .        2   punct     PUNCT .
    8  The      9   det       DET   DT
    9  deal     10  nsubj     NOUN  NN
    10 is       10  ROOT      AUX   VBZ   be
    11 "        14  punct     PUNCT ``
    12 a        14  det       DET   DT
    13 historic 14  amod      ADJ   JJ
    14 step     10  attr      NOUN  NN
    15 "        14  punct     PUNCT ''
    16 for      14  prep      ADP   IN
    17 the      18  det       DET   DT
    18 region   16  pobj      NOUN  NN
    19 .        10  punct     PUNCT .
""")

DASH_THEN_NARRATION = parse('"The economy is the real issue," — and nobody on stage said a word about it.', """
    0  "       14  punct     PUNCT ``
    1  The     2   det       DET   DT
    2  economy 3   nsubj     NOUN  NN
    3  is      14  ccomp     AUX   VBZ   be
    4  the     6   det       DET   DT
    5  real    6   amod      ADJ   JJ
    6  issue   3   attr      NOUN  NN
    7  ,       3   punct     PUNCT ,
    8  "       3   punct     PUNCT ''
    9  —       14  punct     PUNCT :
    10 and     14  cc        CCONJ CC
    11 nobody  14  nsubj     PRON  NN
    12 on      11  prep      ADP   IN
    13 stage   12  pobj      NOUN  NN
    14 said    14  ROOT      VERB  VBD   say
    15 a       16  det       DET   DT
    16 word    14  dobj      NOUN  NN
    17 about   16  prep      ADP   IN
    18 it      17  pobj      PRON  PRP
    19 .       14  punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    pytest.param(AFTER, [("The bridge will reopen next spring,", "direct", "Anna Kovacs", [])], id="after: X said"),
    pytest.param(AFTER_INVERTED, [("We are ready,", "direct", "Paul Reyes", [])], id="after: said X, title"),
    pytest.param(BEFORE_COLON, [("The bridge will reopen next spring.", "direct", "Anna Kovacs", [])],
                 id="before: X said:"),
    pytest.param(BEFORE_COMMA, [("The bridge will reopen next spring.", "direct", "Anna Kovacs", [])],
                 id="before: X told reporters,"),
    pytest.param(BYLINE, [("He frightens me.", "direct", "Karim Haddad", [])], id="byline"),
    # a quotation interrupted by its attribution is two claims of one speaker
    pytest.param(INTERRUPTED, [("We will rebuild,", "direct", "Maria Lopez", []),
                               ("It will take years, but we will do it.", "direct", "Maria Lopez", [])],
                 id="interrupted"),
    # a quotation standing alone after a claim goes on with its speaker
    pytest.param(CONTINUED, [("the team had trained hard all week", "indirect", "Daniel Ortiz", []),
                             ("We wanted this more than anyone. The players gave everything.", "direct",
                              "Daniel Ortiz", [])],
                 id="continued"),
    # reported speech that ends in a quotation is one mixed claim, whole sentence
    pytest.param(MIXED_LEAD, [('Moscow is ready to resume talks if Chisinau stops "politicizing the energy issue,"',
                               "mixed", "Dmitry Lavrinenko", ["TASS"])], id="mixed: quotation closes the sentence"),
    pytest.param(MIXED_INSIDE, [('the plan was "dead on arrival" in its current form', "mixed", "Ruth Bell", [])],
                 id="mixed: a quoted fragment"),
    # no claim of their own: a quotation with no claim before it, a title, a question, a term in narration
    pytest.param(NOT_CONTINUED, [], id="standing alone after narration"),
    pytest.param(TITLE, [], id="title"),
    pytest.param(QUESTION, [], id="question"),
    pytest.param(TERM_IN_NARRATION, [("the border was calm", "indirect", "minister", [])], id="term in narration"),
])
def test_quotations(doc, expected):
    assert briefly(doc) == expected


@pytest.mark.parametrize("doc,cue", [(AFTER, "said"), (BEFORE_COMMA, "told"), (BYLINE, "—")])
def test_the_cue(doc, cue):
    (claim,) = annotate(doc)
    assert claim.cue == cue


def test_scare_quotes_are_no_quotation():
    """textacy's negative case: the quoted word is not a direct quotation."""
    assert [c for c in annotate(SCARE_QUOTES) if c.kind == "direct"] == []


def test_quotation_then_a_denied_speech_act():
    assert [c for c in annotate(DASH_THEN_NARRATION) if c.cue == "said"] == []


AFTER_QUOTED_AS = parse('"We expect the talks in the winter," the agency quoted Ivan Petrov as saying.', """
    0  "       9   punct     PUNCT ``
    1  We      2   nsubj     PRON  PRP
    2  expect  9   ccomp     VERB  VBP
    3  the     4   det       DET   DT
    4  talks   2   dobj      NOUN  NNS   talk
    5  in      2   prep      ADP   IN
    6  the     7   det       DET   DT    - B-DATE
    7  winter  5   pobj      NOUN  NN    - I-DATE
    8  ,       9   punct     PUNCT ,
    9  "       9   punct     PUNCT ''
    10 the     11  det       DET   DT
    11 agency  12  nsubj     NOUN  NN
    12 quoted  12  ROOT      VERB  VBD   quote
    13 Ivan    14  compound  PROPN NNP   - B-PERSON
    14 Petrov  12  dobj      PROPN NNP   - I-PERSON
    15 as      12  prep      ADP   IN
    16 saying  15  pcomp     VERB  VBG   say
    17 .       12  punct     PUNCT .
""")


def test_a_quotation_the_outlet_quotes_someone_as_saying_is_theirs():
    """Regression (real pages annotated blind): `"...," TASS quoted Peskov as saying.` gave the quotation
    to the agency; whom it quotes speaks, and the agency is a hop."""
    [(text, kind, speaker, relay)] = briefly(AFTER_QUOTED_AS, publisher="Example Times")
    assert (text, kind, speaker) == ("We expect the talks in the winter,", "direct", "Ivan Petrov")
    assert relay[-1] == "Example Times" and len(relay) == 2 and "agency" in relay[0]


RESIDENT_LOST = parse('"We lost everything in the flood. I want to leave," a farmer in Hunan Province, where the river burst its banks, told Xinhua.', """
    # the parser made the speaker an object of the quotation's verb: the cue has no subject
    0  "          2   punct      PUNCT ``
    1  We         2   nsubj      PRON  PRP   we
    2  lost       2   ROOT       VERB  VBD   lose
    3  everything 2   dobj       PRON  NN
    4  in         2   prep       ADP   IN
    5  the        6   det        DET   DT
    6  flood      4   pobj       NOUN  NN
    7  .          2   punct      PUNCT .
    8  I          9   nsubj      PRON  PRP
    9  want       27  ccomp      VERB  VBP
    10 to         11  aux        PART  TO
    11 leave      9   xcomp      VERB  VB
    12 ,          27  punct      PUNCT ,
    13 "          27  punct      PUNCT ''
    14 a          15  det        DET   DT
    15 farmer     9   dobj       NOUN  NN
    16 in         15  prep       ADP   IN
    17 Hunan      18  compound   PROPN NNP   - B-GPE
    18 Province   16  pobj       PROPN NNP   - I-GPE
    19 ,          18  punct      PUNCT ,
    20 where      23  advmod     SCONJ WRB
    21 the        22  det        DET   DT
    22 river      23  nsubj      NOUN  NN
    23 burst      18  relcl      VERB  VBD
    24 its        25  poss       PRON  PRP$
    25 banks      23  dobj       NOUN  NNS   bank
    26 ,          27  punct      PUNCT ,
    27 told       27  ROOT       VERB  VBD   tell
    28 Xinhua     27  dobj       PROPN NNP   - B-PERSON
    29 .          27  punct      PUNCT .
""")


def test_a_speaker_whose_description_the_parse_cut_off_the_cue():
    """Regression (real pages annotated blind): '"...," a village resident in Minxian County, where most of
    the deaths occurred, told China Daily.': the name and where it is from pushed the description past
    the window, and then the phrase after the cue (the addressee) was taken for the speaker."""
    assert briefly(RESIDENT_LOST, publisher="Daily Example") == [
        ("We lost everything in the flood. I want to leave,", "direct", "a farmer", ["Xinhua", "Daily Example"])]


# regression (blind batch L1): the parser hung the closing cue, and the quotation with it, on the noun
# after the cue; the mis-parse of a real page, on a sentence written for the test
CUE_ON_SPEAKER = parse("\u201cThe paper published a story without checking the claim,\u201d tweeted city media office.", """
    0  \u201c        14  punct     PUNCT ``
    1  The       2   det       DET   DT
    2  paper     3   nsubj     NOUN  NN
    3  published 12  ccomp     VERB  VBD   publish
    4  a         5   det       DET   DT
    5  story     3   dobj      NOUN  NN
    6  without   3   prep      ADP   IN
    7  checking  6   pcomp     VERB  VBG   check
    8  the       9   det       DET   DT
    9  claim     7   dobj      NOUN  NN
    10 ,         11  punct     PUNCT ,
    11 \u201d        11  punct     PUNCT ''
    12 tweeted   15  amod      VERB  VBD   tweet
    13 city      14  compound  NOUN  NN
    14 media     15  compound  NOUN  NN
    15 office    15  ROOT      NOUN  NN
    16 .         15  punct     PUNCT .
""")


def test_a_cue_hung_on_the_speaker_after_it_leaves_the_quotation_out_of_the_speaker():
    assert [s for _, _, s, _ in briefly(CUE_ON_SPEAKER)] == ["city media office"]
