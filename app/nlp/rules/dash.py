"""Translated news closes a quotation with a dash and its attribution: `"..." - said a Ukrainian
official.` or, without quote marks, `... demands. - the post says.`"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from collections.abc import Iterator

from app.nlp.context import Context
from app.nlp.evidence import Attribution, Supersede
from app.nlp.mentions import mention_from_head
from app.nlp.rules.base import Found
from app.nlp.rules.cues import cue_category
from app.nlp.rules.hops import first_nominal, recipient_hops
from app.nlp.rules.subjects import subject

_DASH = re.compile(r"^\s*[-\u2010-\u2015]+\s*")


def _dashes(ctx: Context) -> Iterator[tuple[int, int]]:
    """(dash token, end of its sentence) for every dash that opens a short closing attribution: a dash
    opening a sentence ("... demands. - the post says."), or one inside a sentence the parser did not
    end at the dash, followed by at most six words up to the sentence's end ("... were damaged -
    Galushchenko wrote.")."""
    doc = ctx.doc
    for s0, s1 in ctx.sents:
        first = s0
        while first < s1 and doc[first].is_space:
            first += 1
        if first < s1 and _DASH.match(doc[first].text) and s1 - first <= 14:
            yield first, s1
            continue
        end = s1
        while end > first and (doc[end - 1].is_space or doc[end - 1].text in (".", "!")):
            end -= 1
        for k in range(max(first + 3, end - 7), end - 1):
            if _DASH.fullmatch(doc[k].text) and ctx.in_quote[k] < 0 and doc[k - 1].whitespace_ \
                    and doc[k - 1].text not in (",", ";", ":"):  # ("A, - the post says": reported speech)
                yield k, s1
                break


class DashAttribution:
    name = "dash"

    def __call__(self, ctx: Context, found: Found) -> Iterator[Attribution | Supersede]:
        doc, text = ctx.doc, ctx.text
        for first, s1 in _dashes(ctx):
            cue = next((t for t in doc[first:s1] if t.pos_ in ("VERB", "AUX") and cue_category(ctx.lexicon, t)), None)
            if cue is None:
                continue
            subj, _ = subject(cue, ctx.lexicon)
            head = subj if subj is not None and first <= subj.i < s1 else first_nominal(doc, cue.i + 1, s1)
            if head is None or not first < head.i:
                head = first_nominal(doc, first + 1, cue.i) or head
            speaker = mention_from_head(doc, head, ctx.lexicon) if head is not None else None
            dash_char = doc[first].idx
            if speaker is not None and speaker.start <= dash_char:
                # the parse hung what the dash closes on the speaker: the mention starts after the dash
                after = doc[first + 1].idx
                speaker = replace(speaker, start=after) if after < speaker.end else None
            before = text[:dash_char].rstrip()
            qi = bisect.bisect_right(ctx.quote_starts, len(before)) - 1
            quote = ctx.quotes[qi] if qi >= 0 else None
            if quote is not None and quote.close_mark is not None and text[quote.close_mark + 1:dash_char].strip(" ,.\n") == "":
                start, end, rule = quote.start, quote.end, "dash_quote"
                where = "the quotation before it"
            else:
                para = ctx.para_starts[ctx.paragraph(dash_char)]
                start, end = para, len(before)
                if end - start < 8 or start >= dash_char:
                    continue
                rule, where = "dash_paragraph", "the paragraph before it"
            # a reported-speech reading of this cue was a misparse of the dash
            yield Supersede(cue.i, f"dash: '- {cue.text}' closes what precedes it")
            yield Attribution(start, end, "direct", rule, 0.8 if speaker else 0.5,
                              cue=(cue.idx, cue.idx + len(cue)), cue_token=cue.i, speaker=speaker,
                              hops=tuple(recipient_hops(ctx, cue)),
                              why=(f"{rule}: a dash and cue '{cue.text}' attribute {where}",
                                   "speaker: subject of the cue" if speaker else ""))
