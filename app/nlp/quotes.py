"""Quotation spans in a text, with or without typographic quote marks.

Works on any text — the text as given or its normalized copy — so that a spaCy user who never ran our
normalizer still gets the same quotations. Returns content offsets (marks excluded).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from app.ingest.normalize import CLOSING_QUOTES, OPENING_QUOTES

_DOUBLE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02]')
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n|\n(?=[ \t]*[\"\u201c\u201e\u00ab])")
_LEFT_OPEN = set(" \t\n\r\u00a0([{\u2014\u2013-/:;")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_mark: int
    close_mark: int | None  # None: the quotation never closed (it runs to its paragraph's end)
    paragraphs: int = 1  # how many paragraphs a quotation runs over

    @property
    def closed(self) -> bool:
        return self.close_mark is not None


def _paragraph_ends(text: str) -> list[int]:
    if "\n" in text and not re.search(r"\n[ \t\u00a0]*\n", text):
        # a page that separates its paragraphs by single line breaks: every line is a paragraph
        return [m.start() for m in re.finditer(r"\n", text)] + [len(text)]
    return [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]


_APOSTROPHE_RUN = re.compile(r"'{2,3}|``")


def _paired_apostrophes(text: str) -> dict[int, tuple[int, int]]:
    """Two apostrophes standing for one double quotation mark (as in some newspapers' archives: two
    apostrophes open and close what was said, or two grave accents open it): each pair's first offset
    mapped to its (start, end). A
    quotation's mark is then the pair's first apostrophe and its content starts after the second. In a
    run of three, the third apostrophe is a single quotation mark nested on the pair's inner side."""
    pairs: dict[int, tuple[int, int]] = {}
    for m in _APOSTROPHE_RUN.finditer(text):
        a, b = m.start(), m.end()
        if m.group() == "``":
            pairs[a] = (a, b)  # two grave accents open ("``We need ...,'' he said", in older wire copy)
            continue
        before = text[a - 1] if a > 0 else " "
        if before in _LEFT_OPEN or before in OPENING_QUOTES:
            pairs[a] = (a, a + 2)  # opens
        else:
            pairs[b - 2] = (b - 2, b)  # closes
    return pairs


def _is_opening(text: str, i: int, inside: bool, pair: tuple[int, int] | None = None) -> bool:
    ch = text[i]
    if ch in OPENING_QUOTES and not (inside and ch == "\u201c"):
        return True
    if ch in CLOSING_QUOTES:
        # a right mark opening a line or a sentence ('”Fear. I am afraid.”', 'Morris said. ”The magnitude
        # ...”'): a typo for the left mark, or a page that writes right marks only
        return not inside and ch == "\u201d" and (i == 0 or text[i - 1].isspace()) \
            and i + 1 < len(text) and text[i + 1].isalnum()
    a, b = pair if pair is not None else (i, i + 1)
    before = text[a - 1] if a > 0 else " "
    after = text[b] if b < len(text) else " "
    opens = before in _LEFT_OPEN or before in OPENING_QUOTES
    closes = after.isspace() or not after.isalnum()
    if opens and not closes:
        return True
    if closes and not opens:
        return False
    return not inside


def find_quotes(text: str) -> list[Quote]:
    """Pair double quotation marks into quotations, paragraph by paragraph.

    A quotation still open at a paragraph break continues when the next paragraph opens with a quote
    mark (the newspaper convention for multi-paragraph quotes); otherwise it ends with its paragraph.
    A closing mark with nothing open is ignored.
    """
    quotes: list[Quote] = []
    para_ends = _paragraph_ends(text)
    p = 0
    open_at: int | None = None
    open_paras = 1
    depth = 0
    pairs = _paired_apostrophes(text)
    marks = sorted([m.start() for m in _DOUBLE.finditer(text)] + list(pairs))
    k = 0
    while k < len(marks):
        i = marks[k]
        while para_ends[p] < i:
            # A paragraph ended while a quotation was open.
            if open_at is not None:
                nxt = text[para_ends[p]:i]
                if nxt.strip() == "" and _is_opening(text, i, inside=False, pair=pairs.get(i)):
                    open_paras += 1
                    p += 1
                    k += 1
                    break  # the mark reopens the same quotation
                quotes.append(_make(text, open_at, None, para_ends[p], open_paras, pairs))
                open_at, open_paras, depth = None, 1, 0
            p += 1
        else:
            if open_at is None:
                if _is_opening(text, i, inside=False, pair=pairs.get(i)):
                    open_at, depth = i, 0
            elif text[i] == "\u201c" and (close := _closed_by_single(text, open_at, i)) is not None:
                # `“ We have been looking forward ...’, he noted. ... said: “ What happened ...”`: the
                # quotation was closed by a single mark; the left mark opens the next one
                quotes.append(_make(text, open_at, close, close, open_paras, pairs))
                open_at, open_paras, depth = i, 1, 0
            elif not _is_opening(text, i, inside=True, pair=pairs.get(i)):
                if depth:
                    depth -= 1  # closes a quotation nested inside this one
                else:
                    quotes.append(_make(text, open_at, i, i, open_paras, pairs))
                    open_at, open_paras = None, 1
            elif text[i] == "\u201c" and _stray(text, open_at, i):
                # `said “Dzhokhar. “All the buildings ...”`: the first mark opened a name and never
                # closed; the quotation starts at the second
                open_at, depth = i, 0
            else:
                # An opening inside a quotation: a nested quotation with the same marks
                # ("The \"United States\" is not holding ...").
                depth += 1
            k += 1
            continue
        continue
    if open_at is not None:
        end = next(e for e in para_ends if e >= open_at)
        quotes.append(_make(text, open_at, None, end, open_paras, pairs))
    quotes.extend(_single_quotes(text, quotes, para_ends, pairs))
    quotes.sort(key=lambda q: q.start)
    return [q for q in quotes if q.end > q.start and text[q.start:q.end].strip()]


_SINGLE_CLOSING = re.compile("(?<=[\\w.,!?])\u2019(?=[,.;:!?]?\\s)")


def _closed_by_single(text: str, open_at: int, i: int) -> int | None:
    """A left double mark opened at ``open_at`` and another opens at ``i``: the offset of a right single
    mark between them that closes a clause or a sentence ("needs’, he noted"), where the writer closed the
    first quotation with the wrong mark; None when there is none (a nested quotation)."""
    if text[open_at] != "\u201c":
        return None
    m = _SINGLE_CLOSING.search(text, open_at + 1, i)
    return m.start() if m is not None else None


def _stray(text: str, open_at: int, i: int) -> bool:
    """A left quote mark opened at ``open_at`` and another opens at ``i`` after at most three words that
    end a sentence or a clause: the first was a typo (a name whose closing mark is missing)."""
    between = text[open_at + 1:i].strip()
    return text[open_at] == "\u201c" and 0 < len(between.split()) <= 3 and between[-1:] in ".,!?;:"


def _make(text: str, open_mark: int, close_mark: int | None, end: int, paragraphs: int,
          pairs: dict[int, tuple[int, int]]) -> Quote:
    start = pairs[open_mark][1] if open_mark in pairs else open_mark + 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quote(start, end, open_mark, close_mark, paragraphs)


_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\u2014-]))['\u2018](?=[A-Za-z0-9])", re.MULTILINE)
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['\u2019](?=[\s,.;:!?)\u2014-]|$)", re.MULTILINE)


def _any_between(sorted_offsets: list[int], start: int, end: int) -> bool:
    k = bisect.bisect_left(sorted_offsets, start)
    return k < len(sorted_offsets) and sorted_offsets[k] < end


def _single_quotes(text: str, doubles: list[Quote], para_ends: list[int],
                   pairs: dict[int, tuple[int, int]]) -> list[Quote]:
    """British-style 'single-quoted' quotations, only in paragraphs with no double quotes at all (nor
    apostrophe pairs standing for them).

    Apostrophes ("don't", "leaders' summit") look like closing marks, so a pair needs at least two
    words inside and a closing mark not followed by a lowercase word (which marks a plural possessive).
    """
    found: list[Quote] = []
    pair_starts = sorted(pairs)
    start = 0
    for end in para_ends:
        para = text[start:end]
        if "'" in para or "\u2018" in para:
            if not _DOUBLE.search(para) and not _any_between(pair_starts, start, end):
                pos = 0
                while m := _SINGLE_OPEN.search(para, pos):
                    closer = None
                    for c in _SINGLE_CLOSE.finditer(para, m.end()):
                        after = para[c.end():c.end() + 2]
                        if para[c.start() - 1] == "s" and re.match(r" [a-z]", after):
                            continue
                        closer = c
                        break
                    if closer is None:
                        break
                    content = para[m.end():closer.start()]
                    if len(content.split()) >= 2:
                        found.append(Quote(start + m.end(), start + closer.start(), start + m.start(), start + closer.start()))
                    pos = closer.end()
        start = end
    return found
