"""Page furniture: the lines of a news page that are no part of its story — headlines and section
titles, captions and photo credits, related-story bullets, "Read more" teasers, bylines, datelines,
boilerplate. A claim found in such a line is never a claim (the guidelines' "page furniture").

Each line is classified alone, from its own shape and its neighbours' (blank or not); the phrases that
open teaser, caption and boilerplate lines are data (``models/furniture*.jsonl``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from app.nlp.context import Context
from app.nlp.evidence import Furniture
from app.nlp.lexicon import Lexicon
from app.nlp.rules.base import Found

_LINE = re.compile(r"[^\n]+")
_SEPARATOR = re.compile(r"\s[\u2022\u00b7\u25aa\u25cf]\s")
_BULLET = re.compile(r"^[ \t]*(?:[-\u2010-\u2015*\u2022\u00b7\u25aa\u25cf>]|\d{1,2}[.)])[ \t]+(?=[\"'\u201c\u2018A-Z0-9])")
_BYLINE = re.compile(r"(?:^|\s)By\s+[A-Z][\w.'\u2019-]*(?:[ -][A-Z][\w.'\u2019-]*){0,5}\s*$")
# a line that ends a sentence (a stop, maybe inside its closing quote or bracket); a line ending in a
# quotation with no stop is a headline's shape ("Minister says talks 'will not be delayed'")
_END = re.compile(r"[.!?:;,][\"'\u201d\u2019\u00bb)\]]*\s*$")
_WORD = re.compile(r"[\w'\u2019&-]+")
_MINOR = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is",
          "are", "vs", "via", "into", "over", "after", "than", "but", "its", "it"}
_HEADLINE_WORDS = 22
# a sentence ending inside the line ("... is. He is ..."), or a quotation signed with a dash and a name
# ('"..." ― Marta Iglesias'): the line is text, not a headline
_NOT_HEADLINE = re.compile(r"[.!?][\"'\u201d\u2019]?\s+[\"'\u201c\u2018]?[A-Z]|[\"\u201d\u00bb][ \t]*[\u2012-\u2015-]")


def _photo_line(lexicon: Lexicon) -> re.Pattern:
    """A short line that names a photo: "AP Photo/Peter Dejong", "Reuters/Photo", "(Photo: handout)"."""
    return lexicon.compiled("photo line", lambda lex: re.compile(
        rf"^\(?[\w .&'-]{{0,30}}\b{lex.alternation('photo_word')}s?\b[^.!?]*$", re.IGNORECASE))


def _photo_credit(lexicon: Lexicon) -> re.Pattern:
    return lexicon.compiled("photo credit", lambda lex: re.compile(
        rf"\b{lex.alternation('photo_word')}s?\b", re.IGNORECASE))


def names_a_photo(line: str, lexicon: Lexicon) -> bool:
    """The line speaks of a photo ("File photo: A damaged tank ...", "Photo: PAP/Radek Pietruszka")."""
    return bool(_photo_credit(lexicon).search(line))


def _credit_tail(lexicon: Lexicon) -> re.Pattern:
    """A bracket closing the line that credits its picture: "... (Reuters)", "... (AFP photo)", "(File)"."""
    return lexicon.compiled("credit tail", lambda lex: re.compile(
        rf"\((?:[A-Z][\w .&/-]{{0,40}}|(?i:{lex.alternation('photo_word')})[^()]{{0,40}})\)\s*$"))


def _photo_by_tail(lexicon: Lexicon) -> re.Pattern:
    """Words closing the line that credit its picture without a bracket: "... Photo by Pete Marovich/UPI",
    "... Photo: Jane Roe/AFP"."""
    return lexicon.compiled("photo by tail", lambda lex: re.compile(
        rf"[.!?\"\u201d]\s+(?i:{lex.alternation('photo_word')})s?\s*(?:by\s+|:\s*)[A-Z][\w .&'/-]{{1,60}}$"))


# a sentence closed by an agency's credit ("... throughout ASEAN. – BERNAMA"): the story's last line, no headline
_CREDIT_CLOSED = re.compile(r"[.!?\"\u201d][ \t]+[-\u2012-\u2015]+[ \t]*[A-Z][\w&'-]*(?:[ \t][A-Z][\w&'-]*){0,3}[ \t.]*$")


def classify_line(line: str, lexicon: Lexicon, *, alone: bool) -> str | None:
    """The furniture kind of one line (stripped), or None for a line of the story. ``alone``: the line
    stands between line breaks with a blank line or the text's edge on at least one side."""
    low = line.lower()
    for phrase, kind in lexicon.furniture.items():
        if low.startswith(phrase) and (len(low) == len(phrase) or not low[len(phrase)].isalnum()):
            return kind
    words = _WORD.findall(line)
    if not words:
        return "boilerplate"  # "|", "***": layout left over from the page
    if _BULLET.match(line) and not _END.search(line) and len(words) <= 30:
        return "teaser"  # "- X says 'will not tolerate delay'": a related story's headline
    if len(_SEPARATOR.findall(line)) >= 2:
        return "teaser"  # "Kenya nabs 8 suspects  • Gold down sharply  • ...": a ticker of other stories' headlines
    if _BYLINE.search(line) and len(words) <= 12:
        return "byline"  # "By Jane Roe", "01 October 2013 - 22:30 By Sapa-AP"
    if _photo_line(lexicon).match(line) and len(words) <= 8:
        return "caption"  # "AP Photo/Peter Dejong", "Reuters/Photo", "(Photo: handout)"
    if (tail := _credit_tail(lexicon).search(line)) and len(words) <= 30 and "." not in line[:tail.start()].rstrip()[:-1]:
        return "caption"  # "Smoke rose over northern Khartoum (Reuters)", "... (AFP photo)"
    if (tail := _credit_tail(lexicon).search(line)) and len(words) <= 80 and names_a_photo(tail.group(), lexicon):
        return "caption"  # "Supporters celebrate outside their headquarters ... . (AP Photo/Mujahid Safodien)"
    if _photo_by_tail(lexicon).search(line) and len(words) <= 80:
        return "caption"  # "Senator X watches as ... on June 27. Photo by Pete Marovich/UPI"
    if len(words) <= _HEADLINE_WORDS and not _END.search(line) and (alone or _title_case(words)) \
            and not _NOT_HEADLINE.search(line) and not _CREDIT_CLOSED.search(line):
        return "headline"  # a headline, a section title, a line of tags
    return None


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _MINOR]
    return len(content) >= 3 and sum(w[:1].isupper() or w[:1].isdigit() for w in content) >= 0.8 * len(content)


class PageFurniture:
    name = "furniture"

    def __call__(self, ctx: Context, found: Found) -> Iterator[Furniture]:
        text = ctx.text
        lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if text[m.start():m.end()].strip()]
        previous, described, story = None, False, False
        for n, (start, end) in enumerate(lines):
            before = text[lines[n - 1][1]:start] if n else "\n\n"
            after = text[end:lines[n + 1][0]] if n + 1 < len(lines) else ""
            # "alone": a blank line (or the text's start) on one side; a headline needs a line below it
            # (the last line of a text may be a sentence cut short)
            alone = before.count("\n") >= 2 or after.count("\n") >= 2
            kind = classify_line(text[start:end].strip(), ctx.lexicon, alone=alone)
            credit_line = text[lines[n - 1][0]:lines[n - 1][1]] if n else ""
            if kind is None and previous == "caption" and not described and before.count("\n") == 1 \
                    and _photo_credit(ctx.lexicon).search(credit_line) and len(credit_line.split()) <= 8 \
                    and len(text[start:end].split()) <= 45:
                # "AP Photo/Peter Dejong" / "A woman walks away after ...": the credit alone, then the photo's
                # caption (after a whole caption closed by its credit, "... on Monday (AFP photo)", the story)
                kind = "caption"
            if kind is None and not story and _BULLET.match(text[start:end]) and len(text[start:end].split()) <= 30:
                kind = "teaser"  # "• Imran Khan claims ...": the highlights above the story's first line
            story = story or kind is None
            # a credit right under a line of furniture closes that line's caption ("The ban could last three
            # windows, Fifa ruled" / "AFP file photo"): the line after it is the story's
            described = kind == "caption" and previous in ("headline", "caption") and before.count("\n") == 1
            previous = kind
            if kind == "headline" and n + 1 == len(lines):
                continue
            if kind is not None:
                yield Furniture(start, end, kind)
