"""Datelines, read for the wire rule (app/nlp/rules/wire.py) in the page's first characters:
"CAIRO (AFP) —", "SANAA, Apr 30 (NNN-SABA) –", "MOSCOW, Nov 21. /TASS/.", "Tehran, Jan 23, IRNA --", a
line "MARDİN - Anadolu Agency"; and those naming no agency ("PARIS - The ..."), furniture all the same."""
from __future__ import annotations

import re
from collections.abc import Iterator

from app.nlp.context import Context
from app.nlp.evidence import Furniture, WireSignal
from app.nlp.rules.wire_names import outlet_in, publisher_forms, wire_name

DASH = "-\u2010-\u2015"
DATE = r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)(?:,?[ \t]*\d{4})?"
_UPPER_WORD = r"[^\W\d_][^\W_'.\u2019-]*(?:['.\u2019-][^\W\d_]+)*\.?"
DATELINE = re.compile(
    rf"(?P<place>\b[A-Z][\w'./\u2019-]*(?:,?[ \t]+[A-Z][\w'./\u2019-]*){{0,4}})(?:,[ \t]*{DATE})?,?[ \t]*"
    rf"\((?P<wire>[A-Za-z][A-Za-z .,&/'-]{{0,40}})\)"
    rf"(?P<tail>[ \t]*\.?[{DASH}]+|[ \t]+{DATE}\b)(?=[ \t]*[A-Z\"'\u201c])"
)
# "Reuters) – At least 25 ...": a dateline whose start the page lost, the agency and its bracket opening a line
CUT_DATELINE = re.compile(rf"^[ \t]*(?P<place>)(?P<wire>[A-Z][A-Za-z .&'-]{{1,30}})\)[ \t]*[{DASH}]+[ \t]*"
                          rf"(?=[A-Z\"'\u201c])", re.MULTILINE)
# "Dhaka, March 21 (IANS) Rescuers have ...": a line opening with the place, the date and a listed agency,
# and no dash
# ("Islamabad, Feb 9 (IANS): The ...", a colon after the bracket; "Islamabad/Lahore, Feb 9 (PTI) ...", two places)
UNDASHED_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:(?:[ \t]+|/)[A-Z][\w'.\u2019-]*){{0,3}}),[ \t]*{DATE}[ \t]*"
    rf"\((?P<wire>[A-Za-z][A-Za-z .&'-]{{0,40}})\):?[ \t]+(?=[A-Z\"'\u201c])", re.MULTILINE)
# ("NEW YORK, February 11th. /tass/.": the day as an ordinal too)
SLASH_DATELINE = re.compile(
    r"(?P<place>\b[A-Z][A-Z .'-]{1,60}?),\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:[a-z]{2})?\.?\s*/(?P<wire>[A-Za-z][A-Za-z .&-]{0,40})/\.?"
)
# "Tehran, Jan 23, IRNA --": the agency after the date, no parentheses (AAP's "SYDNEY, Jan 29 AAP -"
# without the comma: a listed agency)
COMMA_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:[ \t]+[A-Z][\w'.\u2019-]*){{0,3}}),[ \t]*{DATE}(?P<comma>,?)[ \t]*"
    rf"(?P<wire>[A-Z][A-Za-z]{{1,15}}(?:-[A-Z][A-Za-z]{{1,15}})?)[ \t]*(?:--|[{DASH}])",
    re.MULTILINE,
)
# a line "MARDİN - Anadolu Agency", "Dubai - WAM": the place, a dash, the agency
PLACE_AGENCY = re.compile(rf"^[ \t]*(?P<place>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,3}})[ \t]+[{DASH}]+[ \t]+"
                          rf"(?P<wire>[A-Z][^\n]{{1,40}}?)[ \t]*$", re.MULTILINE)
# "Paris - A spokesperson ...": a dateline that names no agency (the agency's name was cut off)
BARE_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:,?[ \t]+[A-Z][\w'.\u2019-]*){{0,3}})(?:,[ \t]*{DATE})?"
    rf"[ \t]+(?:--|[{DASH}])[ \t]+(?=[A-Z\"'\u201c])", re.MULTILINE)
# "Caracas (AFP)" on a line of its own above the story
# ("MONTERREY, Mexico (Dow Jones Newswires), May 29, 2008": the place and its country, the date after it)
_LINE_DATELINE = re.compile(r"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:,?[ \t]+[A-Z][\w'.\u2019-]*){0,3}),?[ \t]*"
                            rf"\((?P<wire>[A-Za-z][A-Za-z .&'-]{{0,40}})\)(?:,?[ \t]*{DATE})?[ \t]*$", re.MULTILINE)
# "MOSCOW (UrduPoint News / Sputnik - 22nd June, 2023) Ukraine's ...": the credits and the date inside the
# bracket
_BRACKET_DATED = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Z .'-]{{1,40}}?)[ \t]*\((?P<wire>[A-Za-z][A-Za-z .&/'-]{{0,40}}?)[ \t]*[{DASH}][ \t]*"
    rf"\d{{1,2}}(?:[a-z]{{2}})?[ \t]+[A-Z][a-z]{{2,8}}\.?,?[ \t]*\d{{4}}\)[ \t]*(?=[A-Z\"'\u201c])", re.MULTILINE)
# "July 10 (UPI) — Senate Republicans ...": the date alone before a listed agency
_DATED_WIRE = re.compile(rf"^[ \t]*(?P<place>)(?:{DATE})[ \t]*\((?P<wire>[A-Za-z][A-Za-z .&'-]{{0,40}})\)[ \t]*"
                         rf"(?:--|[{DASH}])[ \t]*(?=[A-Z\"'\u201c])", re.MULTILINE)
# "ANKARA, 25 March – RIA Novosti. Turkish President ...": the place and the date, a dash, the agency and a stop
_AGENCY_AFTER_DATE = re.compile(rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:[ \t]+[A-Z][\w'.\u2019-]*){{0,3}}),[ \t]*{DATE}[ \t]*"
                                rf"(?:--|[{DASH}])[ \t]*(?P<wire>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){{0,2}})[ \t]*\.[ \t]+(?=[A-Z\"'\u201c])",
                                re.MULTILINE)
# "Xinhua, June 22, 2016 Adjust font size:": a line opening with a listed agency and the story's date
_AGENCY_THEN_DATE = re.compile(rf"^[ \t]*(?P<place>)(?P<wire>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){{0,3}})"
                               rf"(?:,|[ \t]+[A-Z][a-z]+:?)[ \t]*{DATE}\b",  # (or a label between: "AFP Published 10 Oct, 2023")
                               re.MULTILINE)
# "BEIJING, Reuters" on a line of its own above the story: the place in capitals, a comma, a listed agency
_PLACE_COMMA_AGENCY = re.compile(rf"^[ \t]*(?P<place>[A-Z][A-Z'.\u2019-]+(?:[ \t]+[A-Z][A-Z'.\u2019-]+){{0,2}}),[ \t]*"
                                 rf"(?P<wire>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){{0,2}})[ \t]*$", re.MULTILINE)
# "Chicago | Reuters—Chicago Board of Trade ...": the place, a bar, a listed agency and a dash glued to the story
_PIPE_DATELINE = re.compile(rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:[ \t]+[A-Z][\w'.\u2019-]*){{0,3}})[ \t]*\|[ \t]*"
                            rf"(?P<wire>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){{0,2}})[ \t]*(?:--|[{DASH}])[ \t]*"
                            rf"(?=[A-Z\"'\u201c])", re.MULTILINE)
_DATE_DATELINE = re.compile(rf"^[ \t]*(?P<date>{DATE})[ \t]+(?:--|[{DASH}])[ \t]+(?=[A-Z\"'\u201c])", re.MULTILINE)
LEAD = 2500  # datelines and bylines are read in the page's first characters


def datelines(ctx: Context, lead: str) -> Iterator[WireSignal | Furniture]:
    text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
    for pattern in (DATELINE, SLASH_DATELINE, COMMA_DATELINE, PLACE_AGENCY, UNDASHED_DATELINE, CUT_DATELINE,
                    _BRACKET_DATED, _LINE_DATELINE, _DATED_WIRE, _AGENCY_AFTER_DATE, _AGENCY_THEN_DATE,
                    _PLACE_COMMA_AGENCY, _PIPE_DATELINE):
        for m in pattern.finditer(lead):
            line_start = text.rfind("\n", 0, m.start()) + 1
            place = m.group("place")
            # an unlisted agency only in the classic form: a line opening "SANAA (XYZ) -"
            classic = not text[line_start:m.start()].strip() and place.isupper()
            if pattern is PLACE_AGENCY and not place.isupper() and not ctx.lexicon.is_agency(m.group("wire").strip(), credit=True):
                continue  # "Dubai - WAM": a place in capitals, or a listed agency
            if pattern is _PLACE_COMMA_AGENCY and not tagged_place(ctx, m.start("place"), m.end("place")):
                continue  # ("PHOTO, AFP", "VIDEO, AFP": a credit's label, no place)
            if (pattern in (UNDASHED_DATELINE, CUT_DATELINE, _LINE_DATELINE, _DATED_WIRE, _AGENCY_AFTER_DATE, _AGENCY_THEN_DATE,
                            _PLACE_COMMA_AGENCY, _PIPE_DATELINE)
                    or pattern is COMMA_DATELINE and not m.group("comma")) \
                    and not ctx.lexicon.is_agency(m.group("wire").strip(), credit=True):
                continue
            wire = wire_name(m.group("wire"), lexicon, publisher, acronyms=classic and pattern is not PLACE_AGENCY)
            if wire is None and pattern is PLACE_AGENCY:
                wire = outlet_in(m.group("wire"), lexicon, publisher)
            if wire is None:
                if m.group("wire").strip(" ./").lower() in publisher_forms(publisher, lexicon):
                    # "MOSCOW, June 3. /TASS/." on TASS's own page: no hop, but the dateline is furniture
                    # all the same (the claim after it starts after it)
                    yield Furniture(line_start, m.end(), "dateline")
                    return
                continue
            yield WireSignal(m.start(), m.end(), wire, "dateline")
            # what stands before the dateline on its line (a headline glued on) is furniture too
            yield Furniture(line_start, m.end(), "dateline")
            return
    # "SALVADOR, Feb 26 - Showers continued ...", "PARIS - The ...": a dateline that names no agency is
    # furniture all the same (no claim's content opens with it, no dash attribution reads it), when its
    # place is in capitals or it carries a date
    for m in BARE_DATELINE.finditer(lead):
        place = m.group("place")
        if place.isupper() or any(ch.isdigit() for ch in m.group()) or "," in place and _CAPITALS_FIRST.match(place):
            # ("KINSHASA, Congo --": the city in capitals, then its country)
            yield Furniture(m.start("place"), m.end(), "dateline")
        return
    if (m := _DATE_DATELINE.search(lead)) is not None:  # "Feb 26 - Ohio Mattress Co said ...": the date alone
        yield Furniture(m.start("date"), m.end(), "dateline")


_CAPITALS_FIRST = re.compile(r"[A-Z]{3,}[ \t]*,")


def tagged_place(ctx: Context, start: int, end: int) -> bool:
    """The words at [start, end) are a place the tagger knows (a country, a city, a region)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ in ("GPE", "LOC") for t in span)


def story_lead_end(ctx: Context) -> int:
    """Where the story's lead sentence ends: the first sentence, not counting the lines before it that are
    no sentences (a headline, a caption, a byline: lines without a closing stop, or of a few words)."""
    doc = ctx.doc
    for start, end in ctx.sents:
        words = [t for t in doc[start:end] if t.is_alpha]
        last = next((t for t in reversed(doc[start:end]) if not t.is_space), None)
        if len(words) >= 6 and last is not None and last.text in {".", "!", "?", '"', "\u201d", "'"}:
            return doc[end - 1].idx + len(doc[end - 1])
    return 0
