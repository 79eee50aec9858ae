"""The closing-credit rule: ", AFP reported." closing a sentence relays its claims, also where the parser
hung the credit's verb inside the first cue's clause. Parses drafted with ``docs.py`` from the small
English pipeline and checked by hand (the misparse kept: it is what the rule is for).
"""
from __future__ import annotations

from docs import briefly, context, evidence, parse

from app.nlp.evidence import Attribution, Supersede
from app.nlp.rules.base import Found
from app.nlp.rules.credit import ClosingCredit

# "reported" hangs from "said" as a second content clause, and "killed" from "reported"
CREDIT = parse("Police said five people were killed, AFP reported.", """
    0  Police   1   nsubj     NOUN  NNS   police
    1  said     1   ROOT      VERB  VBD   say
    2  five     3   nummod    NUM   CD    -        B-CARDINAL
    3  people   5   nsubjpass NOUN  NNS   people
    4  were     5   auxpass   AUX   VBD   be
    5  killed   8   ccomp     VERB  VBN   kill
    6  ,        8   punct     PUNCT ,
    7  AFP      8   nsubj     PROPN NNP   -        B-ORG
    8  reported 1   ccomp     VERB  VBD   report
    9  .        1   punct     PUNCT .
""")

# the same sentence with the credit's verb ruling it: the parse already gives the outlet its content
RULING = parse("Police said five people were killed, AFP reported.", """
    0  Police   1   nsubj     NOUN  NNS   police
    1  said     8   ccomp     VERB  VBD   say
    2  five     3   nummod    NUM   CD    -        B-CARDINAL
    3  people   5   nsubjpass NOUN  NNS   people
    4  were     5   auxpass   AUX   VBD   be
    5  killed   1   ccomp     VERB  VBN   kill
    6  ,        8   punct     PUNCT ,
    7  AFP      8   nsubj     PROPN NNP   -        B-ORG
    8  reported 8   ROOT      VERB  VBD   report
    9  .        8   punct     PUNCT .
""")

# a verb after the comma that no outlet says: no credit
NO_OUTLET = parse("Police said five people were killed, witnesses reported.", """
    0  Police    1   nsubj     NOUN  NNS   police
    1  said      1   ROOT      VERB  VBD   say
    2  five      3   nummod    NUM   CD    -        B-CARDINAL
    3  people    5   nsubjpass NOUN  NNS   people
    4  were      5   auxpass   AUX   VBD   be
    5  killed    8   ccomp     VERB  VBN   kill
    6  ,         8   punct     PUNCT ,
    7  witnesses 8   nsubj     NOUN  NNS   witness
    8  reported  1   ccomp     VERB  VBD   report
    9  .         1   punct     PUNCT .
""")


def test_the_claims_before_the_credit_are_relayed_by_the_outlet():
    assert briefly(CREDIT, publisher="Desk Daily") == [
        ("five people were killed", "indirect", "Police", ["AFP", "Desk Daily"])]
    assert briefly(RULING, publisher="Desk Daily") == [
        ("five people were killed", "indirect", "Police", ["AFP", "Desk Daily"])]


def test_the_rule_cuts_the_claim_that_ran_over_the_credit_and_yields_the_outlets_attribution():
    found = evidence(CREDIT)
    found = Found(attributions=[a for a in found.attributions if a.rule != "closing_credit"],
                  supersedes=[s for s in found.supersedes if s.why != "ends before the closing credit"])
    out = list(ClosingCredit()(context(CREDIT), found))
    supersedes = [o for o in out if isinstance(o, Supersede)]
    cut = [o for o in out if isinstance(o, Attribution) and o.rule == "reported"]
    (credit,) = [o for o in out if isinstance(o, Attribution) and o.rule == "closing_credit"]
    assert supersedes and cut and CREDIT.text[cut[0].start:cut[0].end] == "five people were killed"
    assert CREDIT.text[credit.start:credit.end] == "Police said five people were killed"
    assert CREDIT.text[credit.speaker.start:credit.speaker.end] == "AFP" and credit.sets_frame


def test_no_outlet_no_credit():
    assert not [o for o in ClosingCredit()(context(NO_OUTLET), evidence(NO_OUTLET)) if isinstance(o, Attribution)]
