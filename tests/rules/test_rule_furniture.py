"""The page-furniture rule: headlines, teasers, captions, bylines are lines of the page that are no part
of its story; what a rule finds in them is never a claim.

Parses drafted with ``docs.py`` from the small English pipeline and checked by hand.
"""
from __future__ import annotations

import pytest
from docs import briefly, context, parse

from app.nlp.rules.base import Found
from app.nlp.rules.furniture import PageFurniture

HEADLINE = parse("Army says attack repelled near Kupiansk\n\n"
                 "The army said that it had repelled an attack near the town.", """
    0  Army     1   nsubj     PROPN NNP   -        B-ORG
    1  says     1   ROOT      VERB  VBZ   say
    2  attack   3   nsubj     NOUN  NN
    3  repelled 1   ccomp     VERB  VBD   repel
    4  near     3   prep      ADP   IN
    5  Kupiansk 4   pobj      PROPN NNP   -        B-GPE
    6  The      7   det       DET   DT
    7  army     8   nsubj     NOUN  NN
    8  said     8   ROOT      VERB  VBD   say
    9  that     12  mark      SCONJ IN
    10 it       12  nsubj     PRON  PRP
    11 had      12  aux       AUX   VBD   have
    12 repelled 8   ccomp     VERB  VBN   repel
    13 an       14  det       DET   DT
    14 attack   12  dobj      NOUN  NN
    15 near     14  prep      ADP   IN
    16 the      17  det       DET   DT
    17 town     15  pobj      NOUN  NN
    18 .        8   punct     PUNCT .
""")

TEASER_LINE = parse("Ukraine's army said that it had repelled an attack.\n\n"
                    "Read more: Drones hit an airfield, the General Staff says", """
    0  Ukraine  2   poss      PROPN NNP   -        B-GPE
    1  's       0   case      PART  POS
    2  army     3   nsubj     NOUN  NN
    3  said     3   ROOT      VERB  VBD   say
    4  that     7   mark      SCONJ IN
    5  it       7   nsubj     PRON  PRP
    6  had      7   aux       AUX   VBD   have
    7  repelled 3   ccomp     VERB  VBN   repel
    8  an       9   det       DET   DT
    9  attack   7   dobj      NOUN  NN
    10 .        3   punct     PUNCT .
    11 Read     15  advcl     VERB  VB
    12 more     11  dobj      ADJ   JJR
    13 :        15  punct     PUNCT :
    14 Drones   15  nsubj     NOUN  NNS   drone
    15 hit      22  ccomp     VERB  VBD
    16 an       17  det       DET   DT
    17 airfield 15  dobj      NOUN  NN
    18 ,        22  punct     PUNCT ,
    19 the      21  det       DET   DT
    20 General  21  compound  PROPN NNP
    21 Staff    22  nsubj     PROPN NNP
    22 says     22  ROOT      VERB  VBZ   say
""")

# a caption, its credit, then the story's first line (blind batch D8): the credit closes the caption above
# it, and the line below is the story's
CREDIT_UNDER_CAPTION = parse("The suspension could cover three seasons, Uefa ruled\nAFP file photo\n"
                             "The team was fined, according to reports.", """
    0  The       1   det       DET   DT
    1  suspension 3  nsubj     NOUN  NN
    2  could     3   aux       AUX   MD
    3  cover     8   ccomp     VERB  VB
    4  three     5   nummod    NUM   CD    -         B-CARDINAL
    5  seasons   3   dobj      NOUN  NNS   season
    6  ,         8   punct     PUNCT ,
    7  Uefa      8   nsubj     PROPN NNP   -         B-ORG
    8  ruled     8   ROOT      VERB  VBD   rule
    9  AFP       11  amod      PROPN NNP   -         B-ORG
    10 file      11  compound  NOUN  NN
    11 photo     11  ROOT      NOUN  NN
    12 The       13  det       DET   DT
    13 team      15  nsubjpass NOUN  NN
    14 was       15  auxpass   AUX   VBD   be
    15 fined     15  ROOT      VERB  VBN   fine
    16 ,         15  punct     PUNCT ,
    17 according 15  prep      VERB  VBG   accord
    18 to        17  prep      ADP   IN
    19 reports   18  pobj      NOUN  NNS   report
    20 .         15  punct     PUNCT .
""")

# highlights above the story's first line are furniture, a bullet inside the story is not (blind batch D9)
HIGHLIGHTS = parse("\u2022 Raza claims the march will be the largest.\n\u2022 Says support is huge.\n\n"
                   "Raza said the march would go on.\n- The party said it would appeal.", """
    0  \u2022       2   advmod    VERB  VBN
    1  Raza    2   nsubj     PROPN NNP   -       B-PERSON
    2  claims  2   ROOT      VERB  VBZ   claim
    3  the     4   det       DET   DT
    4  march   6   nsubj     NOUN  NN
    5  will    6   aux       AUX   MD
    6  be      2   ccomp     AUX   VB
    7  the     8   det       DET   DT
    8  largest 6   attr      ADJ   JJS   large
    9  .       2   punct     PUNCT .
    10 \u2022       11  nsubj     VERB  VBN
    11 Says    11  ROOT      VERB  VBZ   say
    12 support 13  nsubj     NOUN  NN
    13 is      11  ccomp     AUX   VBZ   be
    14 huge    13  acomp     ADJ   JJ
    15 .       11  punct     PUNCT .
    16 Raza    17  nsubj     PROPN NNP   -       B-PERSON
    17 said    17  ROOT      VERB  VBD   say
    18 the     19  det       DET   DT
    19 march   21  nsubj     PROPN NNP
    20 would   21  aux       AUX   MD
    21 go      17  ccomp     VERB  VB
    22 on      21  prt       ADP   RP
    23 .       17  punct     PUNCT .
    24 -       24  ROOT      PUNCT :
    25 The     26  det       DET   DT
    26 party   27  nsubj     NOUN  NN
    27 said    27  ROOT      VERB  VBD   say
    28 it      30  nsubj     PRON  PRP
    29 would   30  aux       AUX   MD
    30 appeal  27  ccomp     VERB  VB
    31 .       27  punct     PUNCT .
""")


@pytest.mark.parametrize("doc,expected", [
    # "Army says attack repelled" would be the army's claim in the story; as a headline it is none
    pytest.param(HEADLINE, [("it had repelled an attack near the town", "indirect", "army", [])], id="headline"),
    pytest.param(TEASER_LINE, [("it had repelled an attack", "indirect", "Ukraine's army", [])], id="Read more"),
    pytest.param(CREDIT_UNDER_CAPTION, [("The team was fined", "according_to", "reports", [])], id="credit under caption"),
    pytest.param(HIGHLIGHTS, [("the march would go on", "indirect", "Raza", []), ("it would appeal", "indirect", "party", [])],
                 id="highlights"),
])
def test_furniture_is_no_claim(doc, expected):
    assert briefly(doc) == expected


@pytest.mark.parametrize("doc,expected", [
    (HEADLINE, [("Army says attack repelled near Kupiansk", "headline")]),
    (TEASER_LINE, [("Read more: Drones hit an airfield, the General Staff says", "teaser")]),
    (CREDIT_UNDER_CAPTION, [("The suspension could cover three seasons, Uefa ruled", "headline"), ("AFP file photo", "caption")]),
    (HIGHLIGHTS, [("\u2022 Raza claims the march will be the largest.", "teaser"), ("\u2022 Says support is huge.", "teaser")]),
], ids=["headline", "teaser", "credit under caption", "highlights"])
def test_the_lines_it_finds(doc, expected):
    assert [(doc.text[f.start:f.end], f.kind) for f in PageFurniture()(context(doc), Found())] == expected
