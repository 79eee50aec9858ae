"""What every rule reads besides the Doc: the lexicon, the quotations, sentences and paragraphs, the
publisher's credit lines, read once per Doc.

A Context is built once per Doc (``build_context``) and only read afterwards.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from app.nlp.lexicon import Lexicon
from app.nlp.quotes import Quote, find_quotes

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


@dataclass
class Context:
    doc: Doc
    lexicon: Lexicon
    text: str  # doc.text, read once: spaCy rebuilds it from the tokens on every access
    quotes: list[Quote]
    quote_starts: list[int]
    in_quote: list[int]  # token index -> index of the quotation it lies in, or -1
    sent_of: list[int]  # token index -> sentence number
    sents: list[tuple[int, int]]  # token ranges
    para_starts: list[int]  # char offsets where paragraphs start
    credits: list[tuple[int, int]]  # publisher credits in the lead ("..., RBC-Ukraine writes"), char spans
    publisher: str | None = None
    cache: dict = field(default_factory=dict)  # per-doc memo of helpers (never serialized)

    def in_credit(self, tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in self.credits)

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def sentence(self, tok: Token) -> tuple[int, int]:
        return self.sents[self.sent_of[tok.i]]

    def token_span(self, left: int, right: int) -> tuple[int, int] | None:
        """Char span of doc[left:right + 1] without edge punctuation and space."""
        doc = self.doc
        while left <= right and (doc[left].is_punct or doc[left].is_space):
            left += 1
        while right >= left and (doc[right].is_punct or doc[right].is_space):
            right -= 1
        return (doc[left].idx, doc[right].idx + len(doc[right])) if right >= left else None

    def quotes_within(self, start: int, end: int) -> list[Quote]:
        i = bisect.bisect_left(self.quote_starts, start)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            if self.quotes[i].end <= end:
                out.append(self.quotes[i])
            i += 1
        return out

    def quote_tokens(self, q: Quote) -> tuple[int, int] | None:
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.start, span.end


def _unwrapped(raw: str, text: str) -> str:
    """The text as given, with the line breaks normalisation read as wrapping a paragraph (spaces in
    ``text``) made spaces too: a quotation of hard-wrapped copy runs over its lines."""
    breaks = [m.start() for m in re.finditer("\n", raw) if text[m.start()] == " "]
    if not breaks:
        return raw
    chars = list(raw)
    for i in breaks:
        chars[i] = " "
    return "".join(chars)


def build_context(doc: Doc, lexicon: Lexicon, text: str, publisher: str | None,
                  credits: list[tuple[int, int]], raw: str | None = None) -> Context:
    """``raw``: the text as given (same offsets), where quotation marks still face their way."""
    # an outlet's name in quotation marks ('told the “Spiegel” in an interview') is a name, not a quotation
    quotes = [q for q in find_quotes(_unwrapped(raw, text) if raw is not None and len(raw) == len(text) else text)
              if q.close_mark is None or lexicon.canonical_outlet(text[q.start:q.end].strip()) is None]
    in_quote = [-1] * len(doc)
    for qi, q in enumerate(quotes):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                in_quote[i] = qi
    sents: list[tuple[int, int]] = []
    sent_of = [0] * len(doc)
    for n, s in enumerate(doc.sents):
        sents.append((s.start, s.end))
        for i in range(s.start, s.end):
            sent_of[i] = n
    para_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    if len(para_starts) == 1:
        para_starts += [m.end() for m in _LINE_BREAK.finditer(text)]
    return Context(doc, lexicon, text, quotes, [q.start for q in quotes], in_quote, sent_of, sents, para_starts,
                   credits, publisher)
