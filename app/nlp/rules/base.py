"""The rule interface. A rule reads the parsed Doc (through the Context) and yields evidence.

- A **token rule** looks at one word at a time: ``applies(ctx, tok)`` says whether the word can be its
  cue, ``__call__(ctx, tok)`` returns the attribution it finds there, or None. The token rules are tried
  in their listed order on every word outside quotations; the first to find an attribution decides the
  word (a sieve: later rules only decide what earlier ones left open).
- A **doc rule** runs once over the whole Doc after the token rules, in its listed order, and sees the
  evidence found so far (``Found``); it yields new evidence and never changes what it reads.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution, Furniture, Recast, Supersede, WireSignal

Evidence = Attribution | Recast | Supersede | Furniture | WireSignal


class TokenRule(Protocol):
    name: str

    def applies(self, ctx: Context, tok: Token) -> bool: ...

    def __call__(self, ctx: Context, tok: Token) -> Attribution | None: ...


class DocRule(Protocol):
    name: str

    def __call__(self, ctx: Context, found: "Found") -> Iterable[Evidence]: ...


@dataclass
class Found:
    """The evidence found so far, by type, in the order the rules yielded it."""

    attributions: list[Attribution] = field(default_factory=list)
    recasts: list[Recast] = field(default_factory=list)
    supersedes: list[Supersede] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    wire: list[WireSignal] = field(default_factory=list)

    def add(self, item: Evidence) -> None:
        {Attribution: self.attributions, Recast: self.recasts, Supersede: self.supersedes,
         Furniture: self.furniture, WireSignal: self.wire}[type(item)].append(item)

    def current(self) -> list[Attribution]:
        """The attributions as the evidence so far leaves them: superseded ones and those in page
        furniture dropped, recast ones
        given the source a later sentence named (a new object; the rule's own stays as it was)."""
        gone = {s.cue_token for s in self.supersedes if s.span is None}
        spans = {(s.cue_token, *s.span) for s in self.supersedes if s.span is not None}
        recast = {r.target: r for r in self.recasts}
        furniture = [(f.start, f.end) for f in self.furniture if f.kind != "dateline"]
        out = []
        for a in self.attributions:
            if a.cue_token in gone and not a.rule.startswith("dash") or (a.cue_token, a.start, a.end) in spans:
                continue
            if any(s <= a.start < e for s, e in furniture):
                continue  # a headline's or a teaser's "claim" is none, and no later rule builds on it
            r = recast.get(a.cue_token)
            if r is not None and a.speaker is not None:
                from app.nlp.evidence import Hop

                a = replace(a, speaker=r.speaker, hops=(Hop(a.speaker, r.why), *a.hops), sets_frame=True,
                            why=a.why + (r.why,))
            out.append(a)
        return out


def trimmed_end(text: str, start: int, end: int, marks: str = ",;") -> int:
    """`end` moved back over white space and the given punctuation, not before `start`: where a claim
    cut before a credit or a conjunction ends."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in marks):
        end -= 1
    return end
