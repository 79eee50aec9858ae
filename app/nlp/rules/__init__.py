"""The rules, in the order they run. This list is the one place the engine's constructions are named.

Token rules are tried on every word outside quotations, most specific first; the first that finds an
attribution decides the word. Doc rules then run in order, each seeing the evidence found before it.
Adding a construction means adding a rule module, listing it here and testing it.
"""
from __future__ import annotations

from app.nlp.context import Context
from app.nlp.rules.according_to import AccordingTo
from app.nlp.rules.anaphoric import Anaphoric
from app.nlp.rules.base import DocRule, Found, TokenRule
from app.nlp.rules.cited_after import CitedAfter
from app.nlp.rules.compiled import CompiledStatements
from app.nlp.rules.credit import ClosingCredit
from app.nlp.rules.dash import DashAttribution
from app.nlp.rules.furniture import PageFurniture
from app.nlp.rules.nominal import NominalCue
from app.nlp.rules.objects import DocumentFinding, MisparsedContent, ObjectContent
from app.nlp.rules.quotations import QuoteAttribution
from app.nlp.rules.quoted_content import with_quotations
from app.nlp.rules.reported import ReportedSpeech
from app.nlp.rules.second_that import SecondThat
from app.nlp.rules.wire import WireCopy

TOKEN_RULES: tuple[TokenRule, ...] = (
    AccordingTo(),       # "according to X, ..."
    NominalCue(),        # "X's claim that ..."
    ReportedSpeech(),    # "X said (that) ...", "..., X said", "As X noted, ..."
    ObjectContent(),     # "X denied any wrongdoing", "X called for a moratorium"
    DocumentFinding(),   # "A CNN poll showed Mr. Trump with a 16-point lead"
    MisparsedContent(),  # "X said Y required resuscitation" parsed as a noun phrase
    Anaphoric(),         # "S. This was reported by X."
)

DOC_RULES: tuple[DocRule, ...] = (
    PageFurniture(),     # headlines, captions, teasers, bylines: lines that are never claims
    WireCopy(),          # datelines, credit lines, bylines, "told AFP": the agency whose copy the page is
    CitedAfter(),        # "TASS claims that ... . The agency cites the Defense Ministry."
    DashAttribution(),   # '"..." - said a Ukrainian official.'
    QuoteAttribution(),  # quotations attributed before, after, by a dash and a name, or continued
    CompiledStatements(),  # "TASS has compiled the key statements of X:" then bullets, each X's claim
    ClosingCredit(),     # "The minister said the port would reopen, Reuters reported."
    SecondThat(),        # "She said the plan had failed and that the team would resign": two claims
)


def find_evidence(ctx: Context) -> Found:
    """Run every rule over the Doc, in order, and return what they found."""
    found = Found()
    cue_words = ctx.lexicon.cue_words
    for tok in ctx.doc:
        if ctx.in_quote[tok.i] >= 0 or tok.is_punct or tok.is_space:
            continue  # a cue inside a quotation belongs to the quoted speaker's own words (and no mark is a cue)
        if tok.lemma_.lower() not in cue_words and tok.lower_ not in cue_words:
            continue  # (no rule's cue: every token rule opens at a word of the lexicon)
        for rule in TOKEN_RULES:
            if rule.applies(ctx, tok) and (a := rule(ctx, tok)) is not None:
                found.add(with_quotations(ctx, a))
                break
    for rule in DOC_RULES:
        for item in list(rule(ctx, found)):
            found.add(item)
    return found
