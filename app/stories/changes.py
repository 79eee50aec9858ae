"""How a statement changed between two wordings: a word diff and the differences that change meaning.

`compare(base, other)` marks the words each side has that the other lacks (difflib over words), and flags
what fact-checkers look for: numbers, dates and quantities that differ, a negation added or dropped, a
hedge lost or added ('may' -> 'will'). Dropped speakers and relay hops are flagged by the story (they are
not in the wording).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\w+(?:[.,']\w+)*|[^\w\s]", re.UNICODE)
NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds",
                "thousand", "thousands", "million", "millions", "billion", "billions", "dozen", "dozens",
                "half", "first", "second", "third", "once", "twice", "several", "few", "many", "some", "all",
                "most", "none", "percent"}
DATE_WORDS = {"january", "february", "march", "april", "may_month", "june", "july", "august", "september",
              "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "yesterday", "today", "tomorrow", "tonight", "week", "month", "year",
              "years", "days", "weeks", "months", "hours", "earlier", "later", "last", "next"}
NEGATIONS = {"not", "no", "never", "n't", "none", "nobody", "nothing", "neither", "nor", "without", "deny",
             "denied", "denies"}
HEDGES = {"may", "might", "could", "possibly", "probably", "likely", "reportedly", "allegedly", "suggests",
          "suggest", "suggested", "appears", "appear", "seems", "apparently", "perhaps", "believed", "unclear",
          "would"}


@dataclass(frozen=True)
class Segment:
    text: str
    change: str | None = None    # None (shared), 'added' (only in this wording), 'removed' (only in the base)


@dataclass
class Comparison:
    segments: list[Segment] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)   # {"kind", "base": [...], "other": [...]}


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _norm(tok: str) -> str:
    tok = tok.lower().replace("\u2019", "'")
    return "n't" if tok.endswith("n't") else tok


def compare(base: str, other: str) -> Comparison:
    a, b = tokens(base), tokens(other)
    na, nb = [_norm(t) for t in a], [_norm(t) for t in b]
    result = Comparison()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=na, b=nb, autojunk=False).get_opcodes():
        if op == "equal":
            result.segments.append(Segment(" ".join(b[j1:j2])))
            continue
        if i2 > i1:
            result.segments.append(Segment(" ".join(a[i1:i2]), "removed"))
        if j2 > j1:
            result.segments.append(Segment(" ".join(b[j1:j2]), "added"))
    result.flags = meaning_flags(na, nb)
    return result


def _numbers(words: list[str]) -> list[str]:
    return sorted(w for w in words if any(ch.isdigit() for ch in w) or w in NUMBER_WORDS)


def _dates(words: list[str]) -> list[str]:
    return sorted(w for w in words if w in DATE_WORDS or re.fullmatch(r"(19|20)\d\d", w))


def meaning_flags(a: list[str], b: list[str]) -> list[dict]:
    flags = []
    for kind, pick in (("number", _numbers), ("date", _dates)):
        if (x := pick(a)) != (y := pick(b)) and (x or y):
            flags.append({"kind": kind, "base": x, "other": y})
    neg_a, neg_b = [w for w in a if w in NEGATIONS], [w for w in b if w in NEGATIONS]
    if len(neg_a) % 2 != len(neg_b) % 2:
        flags.append({"kind": "negation", "base": neg_a, "other": neg_b})
    hedge_a, hedge_b = sorted({w for w in a if w in HEDGES}), sorted({w for w in b if w in HEDGES})
    if bool(hedge_a) != bool(hedge_b):
        flags.append({"kind": "hedge", "base": hedge_a, "other": hedge_b})
    return flags
