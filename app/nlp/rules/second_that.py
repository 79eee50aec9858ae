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
        current = found.current()
        for a in current:
            if a.kind not in ("indirect", "mixed") or a.cue_token is None:
                continue
            for start, end in _cue_conjuncts(ctx, a):
                # "has said it is open to talks, but that dialogue must ...": the parser coordinated the
                # second clause with the cue itself, so no rule read it
                if not any(o.start < end and start < o.end for o in current):
                    yield _part(ctx, a, start, end)
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
        k = t.i - 1
        # (a list's comma too: "reiterated that A, that B and that C", the parser hanging B on A's verb)
        listed = k > span.start and doc[k].text == "," and t.head.dep_ == "ccomp" \
            and ctx.lexicon.cue_category(t.head.head.lemma_.lower()) is None
        if t.lower_ != "that" or t.dep_ != "mark" or ctx.in_quote[t.i] >= 0 or t.head.dep_ != "conj" and not listed:
            continue
        if k <= span.start or doc[k].lower_ not in _CONJUNCTIONS and not listed:
            continue
        if not span.start <= t.head.head.i < span.end and t.head.head.i != a.cue_token:
            continue  # coordinated with something outside the claim
        out.append((k, t))
    return out


def _cue_conjuncts(ctx: Context, a: Attribution) -> list[tuple[int, int]]:
    """The spans of the clauses a 'that' opens after the claim, coordinated with its cue by the parser
    ("said A, but that B": B a conjunct of "said"), outside quotation marks."""
    doc = ctx.doc
    cue = doc[a.cue_token]
    out = []
    for c in cue.children:
        if c.dep_ != "conj" or c.idx < a.end or ctx.in_quote[c.i] >= 0:
            continue
        that = doc[c.left_edge.i]
        # (or "that" read as the subject's determiner: "but that dialogue must occur" parsed as "that dialogue")
        marks = that.dep_ == "mark" and that.head == c or that.dep_ == "det" and that.head.dep_ == "nsubj" and that.head.head == c
        if that.lower_ != "that" or not marks or that.i < 1 \
                or doc[that.i - 1].lower_ not in _CONJUNCTIONS or not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            continue
        if any(t.idx < that.idx and t.idx >= a.end and not (t.is_punct or t.is_space or t.i == that.i - 1)
               for t in doc[cue.i + 1:that.i]):
            continue  # only a conjunction (and a comma) between the claim and the 'that'
        start = that.idx + len(that)
        while start < len(ctx.text) and ctx.text[start].isspace():
            start += 1
        end = trimmed_end(ctx.text, start, doc[c.right_edge.i].idx + len(doc[c.right_edge.i]), ",;.")
        if end - start > 10:
            out.append((start, end))
    return out


def _part(ctx: Context, a: Attribution, start: int, end: int) -> Attribution:
    kind, why = a.kind, a.why
    if kind == "mixed" and not any(q.start < end and start < q.end for q in ctx.quotes):
        kind, why = "indirect", tuple(w for w in why if not w.startswith("mixed:"))  # the quotation is the other clause's
    return replace(a, start=start, end=end, kind=kind, why=why + ("one of the clauses a repeated 'that' opens",))
