"""A repeated "that": "She said the plan had failed and that the team would resign." The second "that"
opens a second content clause under the same cue, so the sentence makes two claims (GUIDELINES,
2026-12 clarifications: "said A and that B" is two claims; "said A and B" is one). The rules that read a
content clause take both clauses as one span; this rule reads each claim again as one claim per clause,
with the same cue, speaker and hops.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution, Supersede
from app.nlp.rules.base import Found, trimmed_end

_CONJUNCTIONS = {"and", "or", "but"}


class SecondThat:
    name = "second_that"

    def __call__(self, ctx: Context, found: Found) -> Iterator[Attribution | Supersede]:
        for a in found.current():
            if a.kind not in ("indirect", "mixed") or a.cue_token is None:
                continue
            splits = _second_thats(ctx, a)
            if not splits:
                continue
            yield Supersede(a.cue_token, "a repeated 'that' opens a second clause", span=(a.start, a.end))
            start = a.start
            for conj, that in splits:
                yield _part(ctx, a, start, trimmed_end(ctx.text, start, ctx.doc[conj].idx, ",;-\u2013\u2014"))
                start = that.idx + len(that)
                while start < a.end and ctx.text[start].isspace():
                    start += 1
            yield _part(ctx, a, start, a.end)


def _second_thats(ctx: Context, a: Attribution) -> list[tuple[int, Token]]:
    """(the conjunction, the 'that') of each clause after the first that a 'that' opens, coordinated with
    the clause before it, outside quotation marks."""
    doc = ctx.doc
    span = doc.char_span(a.start, a.end, alignment_mode="contract")
    if span is None:
        return []
    out = []
    for t in span[1:]:
        if t.lower_ != "that" or t.dep_ != "mark" or ctx.in_quote[t.i] >= 0 or t.head.dep_ != "conj":
            continue
        k = t.i - 1
        if k <= span.start or doc[k].lower_ not in _CONJUNCTIONS:
            continue
        if not span.start <= t.head.head.i < span.end and t.head.head.i != a.cue_token:
            continue  # coordinated with something outside the claim
        out.append((k, t))
    return out


def _part(ctx: Context, a: Attribution, start: int, end: int) -> Attribution:
    kind, why = a.kind, a.why
    if kind == "mixed" and not any(q.start < end and start < q.end for q in ctx.quotes):
        kind, why = "indirect", tuple(w for w in why if not w.startswith("mixed:"))  # the quotation is the other clause's
    return replace(a, start=start, end=end, kind=kind, why=why + ("one of the clauses a repeated 'that' opens",))
