"""A tokenizer whose work is linear in the text, whatever the text.

spaCy's tokenizer splits the text at spaces and then peels prefixes and suffixes off each space-free
stretch one at a time, searching the rest of the stretch again after every peel. On language that costs
nothing: a word carries a few marks. A stretch of 10,000 quotation marks (or brackets, emoji, "US$"
repeated) is peeled 10,000 times over a string of up to 10,000 characters: the time grows with the square
of the stretch (20,000 marks took 26 s), and one request could pin a CPU for minutes.

`BoundedTokenizer` wraps spaCy's tokenizer and leaves every text without a long stretch to it untouched,
so the engine's output on prose does not change. A space-free stretch longer than `STRETCH_LIMIT` (no news
text has one: the longest in 21,000 articles of the shared corpora is 61 characters) is not language, and
is cut before spaCy sees it:

- a run of more than `RUN_LIMIT` punctuation marks or symbols becomes tokens of at most `MADE_TOKEN`
  characters made here (spaCy would make one token per mark, and the parser would pay for each);
- the rest is cut into pieces of at most `STRETCH_LIMIT` characters, preferably where a run of marks
  meets a word, and each piece is tokenized by spaCy alone, so its peeling is bounded by the piece.

The doc's text is the text given, character for character: offsets do not move.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

STRETCH_LIMIT = 256   # longest space-free stretch given to spaCy's tokenizer in one piece
RUN_LIMIT = 8         # longest run of marks left to spaCy inside a long stretch
MADE_TOKEN = 64       # longest token made here from a run of marks

_LONG_STRETCH = re.compile(rf"\S{{{STRETCH_LIMIT + 1},}}")
_MARK_RUN = re.compile(rf"[^\w\s]{{{RUN_LIMIT + 1},}}")
_WORD_TO_MARK = re.compile(r"(?<=\w)(?=[^\w\s])|(?<=[^\w\s])(?=\w)")


class BoundedTokenizer:
    """spaCy's `tokenizer`, with long space-free stretches cut first (see the module docstring). Everything
    else (`add_special_case`, `explain`, serialization) is the wrapped tokenizer's."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if _LONG_STRETCH.search(text) is None:
            return self.tokenizer(text)
        docs: list[Doc] = []
        start = 0
        for m in _LONG_STRETCH.finditer(text):
            # a single space after the stretch belongs to its last token, as spaCy attaches it
            spaced = text.startswith(" ", m.end())
            if m.start() > start:
                docs.append(self.tokenizer(text[start:m.start()]))
            docs.extend(self._stretch(m.group(), spaced))
            start = m.end() + spaced
        if start < len(text):
            docs.append(self.tokenizer(text[start:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts, batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (a copy being built): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def _stretch(self, stretch: str, spaced: bool) -> Iterator[Doc]:
        parts = list(_parts(stretch))
        for n, (part, made) in enumerate(parts):
            last = spaced and n == len(parts) - 1
            if made:
                words = [part[i:i + MADE_TOKEN] for i in range(0, len(part), MADE_TOKEN)]
                yield Doc(self.vocab, words=words, spaces=[False] * (len(words) - 1) + [last])
            else:
                yield self.tokenizer(part + " " if last else part)


def _parts(stretch: str) -> Iterator[tuple[str, bool]]:
    """The stretch as (part, made): runs of marks longer than RUN_LIMIT (made = True) and the pieces of
    at most STRETCH_LIMIT characters between them (for spaCy)."""
    start = 0
    for m in _MARK_RUN.finditer(stretch):
        for piece in _pieces(stretch[start:m.start()]):
            yield piece, False
        yield m.group(), True
        start = m.end()
    for piece in _pieces(stretch[start:]):
        yield piece, False


def _pieces(part: str) -> Iterator[str]:
    """`part` cut into pieces of at most STRETCH_LIMIT characters, each cut where marks meet a word when
    there is such a place in the second half of the piece."""
    start = 0
    while len(part) - start > STRETCH_LIMIT:
        end = start + STRETCH_LIMIT
        cuts = [m.start() for m in _WORD_TO_MARK.finditer(part, start + STRETCH_LIMIT // 2, end)]
        end = cuts[-1] if cuts else end
        yield part[start:end]
        start = end
    if start < len(part):
        yield part[start:]
