"""A cue pointing back at the sentence before it: `S. This is reported by the publication Axios with
reference to officials.` / `X said this.`"""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution
from app.nlp.mention_names import misread_name
from app.nlp.rules.credit import closing_credit
from app.nlp.rules.cues import CONTENT_DEPS, cue_category, cue_phrase
from app.nlp.rules.hops import hop, is_publisher, outlet_mention
from app.nlp.rules.reported import candidate_verb
from app.nlp.rules.roles import speaker_and_hops


class Anaphoric:
    name = "anaphoric"

    def applies(self, ctx: Context, tok: Token) -> bool:
        return candidate_verb(ctx, tok) in ("speech", "report", "writing")

    def __call__(self, ctx: Context, cue: Token) -> Attribution | None:
        doc = ctx.doc
        pointer = next((c for c in cue.children if c.dep_ in ("nsubjpass", "dobj") and c.lower_ in ("this", "that", "so")
                        and c.tag_ != "WDT"), None)
        if cue.dep_ in ("relcl", "acl"):
            return None  # "a draft agreement that has been proposed": a relative pronoun points at its noun
        # (the verb of another outlet's credit closing the sentence is no content: "X announced this on
        # Telegram, Ukrinform reports.")
        credit = closing_credit(ctx, *ctx.sentence(cue))
        if pointer is None or any(c.dep_ in CONTENT_DEPS and not ctx.in_credit(c) and not misread_name(c)
                                  and not (credit is not None and c == credit[1]) for c in cue.children):
            return None
        n = ctx.sent_of[cue.i]
        if n == 0:
            return None
        p0, p1 = ctx.sents[n - 1]
        while p1 > p0 and (doc[p1 - 1].is_punct or doc[p1 - 1].is_space):
            p1 -= 1
        while p0 < p1 and (doc[p0].is_space or doc[p0].is_punct):
            p0 += 1
        if p1 - p0 < 3:
            return None
        # ... and the sentences before it in its paragraph that attribute nothing themselves: "A. B. This was
        # stated by X" (both sentences X's, the lead as translated agency news writes it)
        para = ctx.paragraph(doc[p0].idx)
        while (m := ctx.sent_of[p0] - 1) >= 0 and ctx.paragraph(doc[ctx.sents[m][0]].idx) == para \
                and _sentence(doc[ctx.sents[m][0]:ctx.sents[m][1]]) and not _any_cue(ctx, *ctx.sents[m]):
            p0 = ctx.sents[m][0]
        while p0 < p1 and (doc[p0].is_space or doc[p0].is_punct):
            p0 += 1
        s0, s1 = ctx.sents[n]
        speaker, hops, agentless, sets_frame, how = speaker_and_hops(ctx, cue, doc[s0:s1])
        if speaker is None:
            return None
        if credit is not None and (om := outlet_mention(ctx, credit[2])) is not None:
            hops.append(hop(ctx, om, f"'{credit[1].text}' closes the sentence"))
        if speaker.form not in ("outlet", "nominal_outlet") and _attributes(ctx, p0, p1):
            # "NAN reports that armed men attacked the mission. Minister X said this while briefing ...":
            # the sentence before has its own attribution; "this" points further back
            return None
        if pointer.dep_ == "nsubjpass" and speaker.form in ("outlet", "nominal_outlet") \
                and not [h for h in hops if not is_publisher(ctx, h.mention)
                         and (h.mention.start, h.mention.end) != (speaker.start, speaker.end)]:
            # (the page's own credit closing the sentence, and the agent named as a hop of its own, are no
            # other channel: "This was reported by Sky News, Ukrainian News Agency reports.")
            sets_frame = True
        return Attribution(doc[p0].idx, doc[p1 - 1].idx + len(doc[p1 - 1]), "indirect", "anaphoric", 0.75,
                           cue=(cue.idx, cue.idx + len(cue)), cue_token=cue.i, speaker=speaker, hops=tuple(hops),
                           sets_frame=sets_frame,
                           why=(f"anaphoric: '{pointer.text} ... {cue.text}' points back at the sentence before", how))


def _attributes(ctx: Context, start: int, end: int) -> bool:
    """The tokens hold an attribution of their own: a cue with its content clause."""
    return any(candidate_verb(ctx, t) in ("speech", "report", "writing") and any(c.dep_ in CONTENT_DEPS for c in t.children)
               for t in ctx.doc[start:end])


def _sentence(span) -> bool:
    """A sentence of its own: three words or more with a verb (not a date line or a label glued before it)."""
    return sum(not (t.is_punct or t.is_space) for t in span) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in span)


def _any_cue(ctx: Context, start: int, end: int) -> bool:
    """The tokens hold any word that may attribute: a cue of any category ("threatened to veto"), an
    "according to", a quotation mark. A sentence before "This was stated by X" that has one is not X's."""
    doc = ctx.doc
    return any(cue_category(ctx.lexicon, t) is not None or cue_phrase(ctx.lexicon, t, "according_to") or t.is_quote
               for t in doc[start:end])
