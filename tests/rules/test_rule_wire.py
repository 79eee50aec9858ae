"""The wire-copy rule: a dateline, credit line or byline naming a news agency makes the page the agency's
copy; the agency is then a hop of the story's claims, before the publisher.
"""
from __future__ import annotations

from docs import briefly, context, parse

from app.nlp.evidence import WireSignal
from app.nlp.rules.base import Found
from app.nlp.rules.wire import WireCopy

DATELINE = parse("KYIV, Nov 19 (Reuters) - Ukraine's army said on Tuesday that it had repelled an attack.", """
    # the dateline is a fragment of its own
    0  KYIV     0   ROOT      PROPN NNP   -        B-GPE
    1  ,        0   punct     PUNCT ,
    2  Nov      0   npadvmod  PROPN NNP   -        B-DATE
    3  19       2   nummod    NUM   CD    -        I-DATE
    4  (        5   punct     PUNCT -LRB-
    5  Reuters  0   appos     PROPN NNP   -        B-ORG
    6  )        5   punct     PUNCT -RRB-
    7  -        0   punct     PUNCT :
    8  Ukraine  10  poss      PROPN NNP   -        B-GPE
    9  's       8   case      PART  POS
    10 army     11  nsubj     NOUN  NN
    11 said     11  ROOT      VERB  VBD   say
    12 on       11  prep      ADP   IN
    13 Tuesday  12  pobj      PROPN NNP   -        B-DATE
    14 that     17  mark      SCONJ IN
    15 it       17  nsubj     PRON  PRP
    16 had      17  aux       AUX   VBD   have
    17 repelled 11  ccomp     VERB  VBN   repel
    18 an       19  det       DET   DT
    19 attack   17  dobj      NOUN  NN
    20 .        11  punct     PUNCT .
""")


def test_dateline_in_the_text_makes_the_agency_a_hop():
    assert briefly(DATELINE, publisher="Example Times") == [
        ("it had repelled an attack", "indirect", "Ukraine's army", ["Reuters", "Example Times"])]


def test_the_signal_it_finds():
    signals = [s for s in WireCopy()(context(DATELINE, "Example Times"), Found()) if isinstance(s, WireSignal)]
    assert [(s.agency, s.kind) for s in signals] == [("Reuters", "dateline")]


def test_the_publishers_own_dateline_adds_no_hop():
    assert briefly(DATELINE, publisher="Reuters") == [
        ("it had repelled an attack", "indirect", "Ukraine's army", ["Reuters"])]
