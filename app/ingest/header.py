"""Header lines an article carries before its body: metadata, never claims.

Recognised at the start of the text (in any order, each at most once):
- a date line or prefix: ``date 2025-11-19``, ``Published: 19 November 2025``;
- a headline: a short first line without sentence-final punctuation, followed by a blank line;
- a Wikinews-style dateline: ``Friday, January 4, 2019``;
- a byline line ("By AFP - Agence France Presse");
- a wire dateline opening the first paragraph: ``KYIV (Reuters) -``, ``WASHINGTON, Nov 19 (AP) —``,
  ``MOSCOW, November 21. /TASS/.``.
The body starts after them. Offsets are into the text as given.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateutil import parser as dateparser

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})"

DATE_PREFIX = re.compile(
    rf"\A\s*(?:date|published|posted|updated|dated)\s*:?\s*(?P<date>{_DATE})(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*",
    re.IGNORECASE,
)
WEEKDAY_DATELINE = re.compile(
    rf"\A\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)(?P<date>{_DATE})[^\S\n]*(?:\n|\Z)\s*",
    re.IGNORECASE,
)
# "KYIV (Reuters) -", "WASHINGTON, Nov 19 (AP) —", "Brussels (AFP) -", "(AFP) -": a place (in capitals, or
# one to three capitalised words), an optional date, the wire in parentheses, a dash. Dated, the wire may
# be followed by a colon or by nothing: "ISLAMABAD, Nov 9 (APP):The ...", "Mumbai, Apr 22 (PTI) Union ...".
WIRE_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Z .,'/-]{1,60}?|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})?"
    r"(?:,\s*[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+)?(?=\s*[,(]))?"  # AP's "BELGRADE, Serbia (AP) —", "AUSTIN, Texas"
    r"(?P<date>,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"\((?P<wire>[A-Za-z][A-Za-z .&-]{0,40})\)"
    r"(?:\s*[-\u2010-\u2015]+\s*|(?P<undashed>\s*:\s*|\s+(?=[A-Z\"\u201c])))"
)
# "By AFP - Agence France Presse", "By Jane Roe, Reuters": a byline line under the headline.
BYLINE = re.compile(r"\A\s*By\s+[A-Z][^\n.!?]{0,80}\n[ \t]*(?:\n\s*)?")
# "MOSCOW, November 21. /TASS/.": the Russian agencies' form, the wire between slashes.
SLASH_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Z .'-]{1,60}?),\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\.?\s*"
    r"/(?P<wire>[A-Za-z][A-Za-z .&-]{0,40})/\.?\s*"
)
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*\Z")


@dataclass
class Header:
    body_start: int = 0
    title: str | None = None
    published: str | None = None
    wire: str | None = None
    byline: str | None = None  # who the byline credits ("AFP - Agence France Presse", "Jane Roe, Reuters")
    regions: list[tuple[int, int, str]] = field(default_factory=list)


def _iso(date_text: str) -> str | None:
    try:
        return dateparser.parse(date_text, default=dt.datetime(2000, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def read_header(text: str) -> Header:
    """Find the header lines at the start of `text` and where the body begins."""
    header = Header()
    pos = 0
    for _ in range(4):
        rest = text[pos:]
        if header.published is None and (m := DATE_PREFIX.match(rest) or WEEKDAY_DATELINE.match(rest)):
            header.published = _iso(m.group("date"))
            header.regions.append((pos, pos + m.end(), "date"))
            pos += m.end()
            continue
        if (m := BYLINE.match(rest)) and not any(kind == "byline" for *_, kind in header.regions):
            header.regions.append((pos, pos + m.end(), "byline"))
            header.byline = re.sub(r"^\s*By\s+", "", m.group()).strip()
            pos += m.end()
            continue
        if header.title is None and not header.regions and (title := _headline(rest)):
            end = rest.index(title) + len(title)
            header.title = title
            header.regions.append((pos + rest.index(title), pos + end, "title"))
            pos += end + (len(rest[end:]) - len(rest[end:].lstrip()))
            continue
        break
    m = WIRE_DATELINE.match(text[pos:])
    if m is not None and m.group("undashed") is not None and not (m.group("place") and m.group("date")):
        m = None  # without its dash, only a placed and dated wire is a dateline ("Kyiv (Ukraine) The ...")
    if m := m or SLASH_DATELINE.match(text[pos:]):
        wire = m.group("wire").strip()
        # "(AP)" and "(Reuters)" are wires; "(UPDATE 1)" or "(File photo)" are not, and a place name in
        # capitals is what makes a dateline.
        if m.group("place") or len(wire.split()) <= 3:
            header.wire = wire
            header.regions.append((pos, pos + m.end(), "dateline"))
            pos += m.end()
    header.body_start = pos
    return header


def _headline(rest: str) -> str | None:
    """A first line that reads as a headline: short, no final punctuation, a blank line after it."""
    m = re.match(r"\A\s*([^\n]{3,200})\n[ \t]*\n", rest)
    if not m:
        return None
    line = m.group(1).strip()
    if _SENTENCE_END.search(line) or len(line.split()) > 25:
        return None
    return line
