"""A closing credit: "The minister said the port would reopen, Reuters reported." The outlet's report
closes the sentence and relays every claim before it in that sentence. The parser often hangs the
credit's verb inside the first cue's clause ("said ... [ccomp] reported"), where no rule finds what the
outlet reports; this rule reads the credit off the sentence's surface and yields the outlet's
attribution of the sentence before it, which the resolver nests the claims in ("nested in what X
reports"). A claim whose content ran over the credit is read again, ending before it.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution, Supersede
from app.nlp.mentions import DEMONSTRATIVES, mention_from_head
from app.nlp.rules.base import Found, trimmed_end
from app.nlp.rules.cues import cue_category, cue_phrase
from app.nlp.rules.hops import REPORTS_CITING, first_nominal, hop, outlet_mention
from app.nlp.rules.roles import citing_target
from app.nlp.rules.subjects import named_subject

_OUTLET_FORMS = ("outlet", "nominal_outlet")


class ClosingCredit:
    name = "closing_credit"

    def __call__(self, ctx: Context, found: Found) -> Iterator[Attribution | Supersede]:
        doc, text = ctx.doc, ctx.text
        attributions = found.current()
        for s0, s1 in ctx.sents:
            credit = closing_credit(ctx, s0, s1)
            if credit is None:
                continue
            comma, verb, subject = credit
            speaker = outlet_mention(ctx, subject)
            if speaker is None or any(w.start < max(verb.idx + len(verb), speaker.end) and speaker.start < w.end
                                      for w in found.wire):
                continue  # (an agency's credit closing the lead: the page is its copy, the wire rule's)
            start = doc[s0].idx
            while start < comma and text[start].isspace():
                start += 1
            if ctx.in_quote[s0] >= 0:
                # '"A. B," X told a news conference, reported SPA.': the parser began the sentence inside the
                # quotation; what the outlet reports begins with it
                start = min(start, ctx.quotes[ctx.in_quote[s0]].open_mark)
            end = doc[comma].idx
            own = [a for a in attributions if a.cue_token == verb.i]
            if any(a.start <= start and a.end >= end for a in own):
                continue  # the parse already found what the outlet reports: the whole sentence before it
            inside = [a for a in attributions if a.cue_token is not None and s0 <= a.cue_token < comma]
            if not inside and end - start < 20:
                continue
            if any(cue_category(ctx.lexicon, t) and any(c.dep_ in ("nsubjpass", "dobj") and c.lower_ in DEMONSTRATIVES
                                                        and c.tag_ == "DT" for c in t.children) for t in doc[s0:comma]):
                continue  # "He said this in an interview with AFP, Ukrinform reports.": it points back, no claim
            for a in own + [a for a in inside if a.end > end]:
                # the outlet's cue read with part of the sentence, or a claim running over the credit: the
                # credit is no part of what the speaker said
                yield Supersede(a.cue_token, "ends before the closing credit", span=(a.start, a.end))
                if a.cue_token != verb.i and (cut := trimmed_end(text, a.start, end)) - a.start >= 3:
                    yield replace(a, end=cut, why=a.why + ("ends before the closing credit",))
            cue = (verb.idx, verb.idx + len(verb))
            why = f"{self.name}: '..., {text[speaker.start:cue[1]]}' closes the sentence"
            cited = citing_target(ctx, doc[verb.i + 1:s1])
            m = mention_from_head(doc, cited, ctx.lexicon) if cited is not None else None
            if m is not None and (m.form in _OUTLET_FORMS or outlet_mention(ctx, cited) is not None or not inside):
                # "..., ANI reported, citing regional media": the cited outlet reports the claims to ANI;
                # "Five people were killed, AFP reported, citing police": the police's claim
                yield Attribution(start, end, "indirect", self.name, 0.8, cue, verb.i, m,
                                  (hop(ctx, speaker, REPORTS_CITING),),
                                  sets_frame=True, why=(why + ", citing its source",))
                continue
            yield Attribution(start, end, "indirect", self.name, 0.8, cue, verb.i, speaker, sets_frame=True, why=(why,))


def closing_credit(ctx: Context, s0: int, s1: int) -> tuple[int, Token, Token] | None:
    """(the comma before the credit, its verb, the verb's subject) where the sentence ends ", <subject>
    <cue verb> [time words] [, citing X]."; else None. The subject comes right after the comma and
    holds no verb; the verb reports (a cue of the lexicon) and is no quotation's word."""
    doc = ctx.doc
    end = s1
    while end > s0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for k in range(end - 1, s0, -1):
        tok = doc[k]
        # ('..., "as long as Doha does not revise its policy," the newspaper cited him as saying.': the
        # comma inside the quotation's closing mark)
        # (only after a cue of the sentence's own: '"...," the agency said' is the quotation rules')
        closing = tok.is_quote and doc[k - 1].lower_ == "," and k - 1 > s0 and any(
            ctx.in_quote[j] < 0 and cue_category(ctx.lexicon, doc[j]) for j in range(s0, k - 1))
        if ctx.in_quote[k] >= 0 and not closing:
            return None
        if (tok.lower_ == "," or closing) and k > s0:
            # what follows the comma: the subject, the verb, then time words or a citing phrase
            # (a participle inside the subject describes it: "the Saudi-owned al-Hayat newspaper")
            verb = next((t for t in doc[k + 1:end] if t.pos_ == "VERB" and t.dep_ != "amod"), None)
            if verb is not None and verb.i == k + 1 and cue_category(ctx.lexicon, verb) == "report" \
                    and not ctx.in_credit(verb) and (outlet := _outlet_after(ctx, verb, end)) is not None:
                # (not the page's own credit: "..., reports UNN." on UNN's page)
                return k, verb, outlet  # "..., reported the Saudi Press Agency, SPA."
            if verb is None or verb.i == k + 1 or cue_category(ctx.lexicon, verb) not in ("report", "speech"):
                continue
            if any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" or t.is_punct and t.text != "-"
                   for t in doc[k + 1:verb.i]):
                return None
            if not _tail(ctx, verb, end):
                return None
            subject = next(iter(named_subject([t for t in doc[k + 1:verb.i] if t.dep_ in ("nsubj", "nsubjpass")])),
                           None) or doc[verb.i - 1]
            return k, verb, subject
    return None


def _outlet_after(ctx: Context, verb: Token, end: int) -> Token | None:
    """The outlet named right after an inverted credit's verb and closing the sentence ("..., reported the
    Saudi Press Agency, SPA.", "..., reports Xinhua on Monday"): its head; None where anything else follows."""
    doc = ctx.doc
    head = first_nominal(doc, verb.i + 1, end)
    if head is None or outlet_mention(ctx, head) is None:
        return None
    last = max(head.i, max((t.i for t in head.lefts), default=head.i))
    for t in doc[last + 1:end]:
        if not (t.is_punct and t.text == "," or t.pos_ == "PROPN" and t.head == head or t.ent_type_ in ("DATE", "TIME")
                or t.pos_ == "ADP" and t.head == verb):
            return None
    return head


def _tail(ctx: Context, verb: Token, end: int) -> bool:
    """After the credit's verb only time words ("on Monday", "late on Friday") or a citing phrase (after a
    quoting verb, "him as saying" first)."""
    doc = ctx.doc
    k = verb.i + 1
    if k + 2 < end and ctx.lexicon.is_word("quoting_verb", verb.lemma_) and doc[k].pos_ == "PRON" \
            and doc[k + 1].lower_ == "as" and doc[k + 2].tag_ == "VBG" and cue_category(ctx.lexicon, doc[k + 2]):
        k += 3  # "..., the al-Hayat newspaper cited him as saying on Tuesday."
    while k < end:
        tok = doc[k]
        if tok.lower_ == ",":
            return k + 1 < end and bool(cue_phrase(ctx.lexicon, doc[k + 1], "citing"))
        if tok.ent_type_ in ("DATE", "TIME") or tok.pos_ in ("ADV", "DET") \
                or tok.pos_ == "ADP" and any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree):
            k += 1
            continue
        return False
    return True
