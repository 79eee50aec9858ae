"""Wire copy: evidence that the page carries a news agency's story, or a story another outlet
published first. The agency is then a hop on every claim of that story (the guidelines' "wire copy"),
between the speakers' own hops and the publisher; an outlet the page credits for the whole story
("This post was syndicated from X", "Article courtesy of X") is the hop after it.

Signals (each a WireSignal, ``kind`` saying which):
- ``dateline`` anywhere in the page's first part, not only on its first line: "CAIRO (AFP) —" after a
  headline and a caption, "SANAA, Apr 30 (NNN-SABA) –", "Port Sudan, Sudan, April 30 (AFP) Apr 30,
  2025", "MOSCOW, Nov 21. /TASS/.", "Tehran, Jan 23, IRNA --", a line "MARDİN - Anadolu Agency";
- ``byline`` naming an agency: "By AP" (read off the header), "01 October 2013 - 22:30 By Sapa-AP";
- ``credit``: a line naming only an agency ("Reuters", "The Associated Press", "Anadolu Agency TÜRKIYE"
  with the place in capitals), "Source: AFP",
  "Copyright Agence France-Presse", a closing "– NNN-SABA" or "(NAN)", Reuters' "(Reporting by ...;
  Editing by ...)";
- ``reporting``: the agency's own reporting: its staff ("an AFP photographer said"), a document it saw
  ("a report seen by AFP"), sources telling the agency twice ("two sources told Reuters"), or once under
  a dateline that names no agency ("Paris - ... telling AFP that") or from an unnamed source ("a military
  official told AFP"), on a page that shows no reporting of its own ("told <publisher>", "our
  correspondent");
- ``syndication``: a credit phrase of the lexicon ("courtesy of", "syndicated from") and the outlet
  after it; an opening credit naming the publisher, then the outlet it carries ("(MENAFN - Newsroom
  Panama) Former ..."); the service in a credit "(<wire> Via <service>)", whose wire is a ``credit``.

A combined wire name ("NNN-SABA") loses the part that names the page's own publisher (NAM News Network,
"NNN"). A credit in parentheses closing a caption ("... Khartoum (Reuters)") credits a photo, not the story.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from app.nlp.context import Context
from app.nlp.evidence import Furniture, WireSignal
from app.nlp.lexicon import Lexicon
from app.nlp.rules.base import Found

_DASH = "-\u2010-\u2015"
_DATE = r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)(?:,?[ \t]*\d{4})?"
_UPPER_WORD = r"[^\W\d_][^\W_'.\u2019-]*(?:['.\u2019-][^\W\d_]+)*\.?"
DATELINE = re.compile(
    rf"(?P<place>\b[A-Z][\w'./\u2019-]*(?:,?[ \t]+[A-Z][\w'./\u2019-]*){{0,4}})(?:,[ \t]*{_DATE})?,?[ \t]*"
    rf"\((?P<wire>[A-Za-z][A-Za-z .,&/'-]{{0,40}})\)"
    rf"(?P<tail>[ \t]*\.?[{_DASH}]+|[ \t]+{_DATE}\b)(?=[ \t]*[A-Z\"'\u201c])"
)
# "Reuters) – At least 25 ...": a dateline whose start the page lost, the agency and its bracket opening a line
CUT_DATELINE = re.compile(rf"^[ \t]*(?P<place>)(?P<wire>[A-Z][A-Za-z .&'-]{{1,30}})\)[ \t]*[{_DASH}]+[ \t]*"
                          rf"(?=[A-Z\"'\u201c])", re.MULTILINE)
# "Dhaka, March 21 (IANS) Rescuers have ...": a line opening with the place, the date and a listed agency,
# and no dash
# ("Islamabad, Feb 9 (IANS): The ...", a colon after the bracket; "Islamabad/Lahore, Feb 9 (PTI) ...", two places)
UNDASHED_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:(?:[ \t]+|/)[A-Z][\w'.\u2019-]*){{0,3}}),[ \t]*{_DATE}[ \t]*"
    rf"\((?P<wire>[A-Za-z][A-Za-z .&'-]{{0,40}})\):?[ \t]+(?=[A-Z\"'\u201c])", re.MULTILINE)
SLASH_DATELINE = re.compile(
    r"(?P<place>\b[A-Z][A-Z .'-]{1,60}?),\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\.?\s*/(?P<wire>[A-Za-z][A-Za-z .&-]{0,40})/\.?"
)
# "Tehran, Jan 23, IRNA --": the agency after the date, no parentheses
COMMA_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:[ \t]+[A-Z][\w'.\u2019-]*){{0,3}}),[ \t]*{_DATE},[ \t]*"
    rf"(?P<wire>[A-Z][A-Za-z]{{1,15}}(?:-[A-Z][A-Za-z]{{1,15}})?)[ \t]*(?:--|[{_DASH}])",
    re.MULTILINE,
)
# a line "MARDİN - Anadolu Agency", "Dubai - WAM": the place, a dash, the agency
PLACE_AGENCY = re.compile(rf"^[ \t]*(?P<place>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,3}})[ \t]+[{_DASH}]+[ \t]+"
                          rf"(?P<wire>[A-Z][^\n]{{1,40}}?)[ \t]*$", re.MULTILINE)
# "Paris - A spokesperson ...": a dateline that names no agency (the agency's name was cut off)
BARE_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:,?[ \t]+[A-Z][\w'.\u2019-]*){{0,3}})(?:,[ \t]*{_DATE})?"
    rf"[ \t]+(?:--|[{_DASH}])[ \t]+(?=[A-Z\"'\u201c])", re.MULTILINE)
# "Caracas (AFP)" on a line of its own above the story; "With AFP" (or "(With Reuters)") closing it
# ("MONTERREY, Mexico (Dow Jones Newswires), May 29, 2008": the place and its country, the date after it)
_LINE_DATELINE = re.compile(r"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:,?[ \t]+[A-Z][\w'.\u2019-]*){0,3}),?[ \t]*"
                            rf"\((?P<wire>[A-Za-z][A-Za-z .&'-]{{0,40}})\)(?:,?[ \t]*{_DATE})?[ \t]*$", re.MULTILINE)
_WITH_CREDIT = re.compile(r"^[ \t]*\(?[ \t]*[Ww]ith[ \t]+(?P<wire>[A-Z][\w.&'-]*(?:[ \t][A-Z][\w.&'-]*){0,3})[ \t]*\)?[ \t.]*$",
                          re.MULTILINE)
# "July 10 (UPI) — Senate Republicans ...": the date alone before a listed agency
_DATED_WIRE = re.compile(rf"^[ \t]*(?P<place>)(?:{_DATE})[ \t]*\((?P<wire>[A-Za-z][A-Za-z .&'-]{{0,40}})\)[ \t]*"
                         rf"(?:--|[{_DASH}])[ \t]*(?=[A-Z\"'\u201c])", re.MULTILINE)
# "ANKARA, 25 March – RIA Novosti. Turkish President ...": the place and the date, a dash, the agency and a stop
_AGENCY_AFTER_DATE = re.compile(rf"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:[ \t]+[A-Z][\w'.\u2019-]*){{0,3}}),[ \t]*{_DATE}[ \t]*"
                                rf"(?:--|[{_DASH}])[ \t]*(?P<wire>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){{0,2}})[ \t]*\.[ \t]+(?=[A-Z\"'\u201c])",
                                re.MULTILINE)
_DATE_DATELINE = re.compile(rf"^[ \t]*(?P<date>{_DATE})[ \t]+(?:--|[{_DASH}])[ \t]+(?=[A-Z\"'\u201c])", re.MULTILINE)
_BYLINE = re.compile(r"(?:^|[ \t])By:?[ \t]+(?P<wire>[A-Z][\w.&'-]*(?:[ -][A-Z][\w.&'-]*){0,4})[ \t]*$", re.MULTILINE)
_CLOSING = re.compile(rf"(?:[{_DASH}][ \t]*(?P<wire>[A-Z][\w&'-]*(?:[ -][A-Z][\w&'-]*){{0,3}})"
                      rf"|\((?P<paren>[A-Z][A-Za-z&' -]{{1,30}})\))[ \t.]*\Z")
# "--IANS", "— AFP": a listed agency's name after a dash, on a line of its own near the page's end, or
# closing the story's last paragraph above the page's footer ("... from Saturday. — Reuters" / "Author")
_CLOSING_LINE = re.compile(rf"(?:^[ \t]*|[.!?\"\u201d][ \t]+)[{_DASH}]+[ \t]*(?P<wire>[A-Z][\w&'-]*(?:[ ][A-Z][\w&'-]*){{0,3}})[ \t.]*$",
                           re.MULTILINE)
_CLOSING_LINE_CHARS = 600
# "... over the last 6 1/2 years. EFE": a listed agency's name alone after the story's last sentence
_CLOSING_NAME = re.compile(r"[.!?\"\u201d][ \t]+(?P<wire>[A-Z][\w&'-]*(?:[ ][A-Z][\w&'-]*){0,3})[ \t]*$", re.MULTILINE)
# "- Economy" / "- DPA" / "- Published Date: ...": a listed agency's name alone in the list of the page's
# particulars above the story
_LISTED_NAME = re.compile(r"^[ \t]*[-\u2022*\u00b7][ \t]+(?P<wire>[A-Z][\w.&'-]*(?:[ ][A-Z][\w.&'-]*){0,3})[ \t]*$",
                          re.MULTILINE)
# (after a date and a bar on the same line: "May 5, 2007|By Louise Roug Los Angeles Times")
# "Saleh Mwanamilongo, The Associated Press": a reporter's name, a comma and the outlet, on a line of its own
_NAME_COMMA_LINE = re.compile(r"^[ \t]*(?P<name>[A-Z][\w.'\u2019-]+(?:[ \t]+[A-Z][\w.'\u2019-]+){1,3}"
                              r"(?:[ \t]*(?:,|and|&)[ \t]*[A-Z][\w.'\u2019-]+(?:[ \t]+[A-Z][\w.'\u2019-]+){1,3})*)"
                              r",[ \t]*(?P<wire>[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){0,3})[ \t]*$", re.MULTILINE)
_BYLINE_LINE = re.compile(r"^(?:[^\n|]{0,40}\|)?[ \t]*(?:By|BY)[ \t]+(?P<line>[^\n]{3,100}?)[ \t]*$", re.MULTILINE)
# a credit line closing the story, the outlet that reported it, then the one that translated it: "– Reported
# by Asia Today; translated by UPI"
_REPORTED_BY_LINE = re.compile(rf"^[ \t]*[{_DASH}]*[ \t]*Reported[ \t]+by[ \t]+(?P<wire>[A-Z][^;\n]{{1,40}}?)"
                               rf"(?:[ \t]*;[ \t]*[Tt]ranslated[ \t]+by[ \t]+(?P<via>[A-Z][^;\n]{{1,40}}?))?[ \t.]*$",
                               re.MULTILINE)
# a byline closing the story, the reporters then their outlet: "by Ana Roe & Luis Paz, Bloomberg"
_CLOSING_BYLINE = re.compile(r"^[ \t]*(?:[Bb]y|BY)[ \t]+(?P<line>[^\n]{3,100}?,[ \t]*[^\n,]{2,40}?)[ \t]*$", re.MULTILINE)
# "(Xinhua) 10:51, April 03, 2021": a listed agency in brackets opening a line under the headline, then only
# the time and the date of the story
_STAMPED_CREDIT = re.compile(rf"^[ \t]*\((?P<wire>[A-Z][\w.&' -]{{1,40}})\)[ \t]*(?:\d{{1,2}}:\d{{2}}[ \t]*"
                             rf"(?:[AaPp]\.?[Mm]\.?)?,?[ \t]*)?(?:{_DATE})?[ \t]*$"
                             # "Reuters February 11, 2017": the name without brackets, then the date
                             rf"|^[ \t]*(?P<bare>[A-Z][\w.&'-]*(?:[ \t][A-Z][\w.&'-]*){{0,3}})[ \t]+{_DATE}[ \t]*$",
                             re.MULTILINE)
# ("The Canadian Press - ONLINE EDITION": an edition's label in capitals after a dash)
_ONLY_NAME = re.compile(rf"^[ \t]*(?:From[ \t]+(?:the[ \t]+)?)?(?P<wire>[A-Z][\w.&'-]*(?:[ -][A-Z][\w.&'-]*){{0,3}})"
                        rf"(?:[ \t]+[{_DASH}]+[ \t]+[A-Z][A-Z \t]{{2,30}})?[ \t]*,?[ \t]*$", re.MULTILINE)
_TITLE_NAME = re.compile(r"(?:the[ \t]+)?(?P<name>[A-Z][\w.&'\u2019-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+)?[A-Z0-9][\w.&'\u2019-]*){0,5})")
# an opening credit in parentheses, the publisher then the outlet it carries: "(MENAFN - Newsroom Panama)"
_OPENING_CREDIT = re.compile(rf"\s*\(?[ \t]*(?P<own>[A-Z][\w.&' ]{{0,30}}?)[ \t]*[{_DASH}]+[ \t]*"
                             rf"(?P<wire>[A-Z][^()\n]{{1,50}}?)[ \t]*\)")
# a credit line in parentheses, the wire and the service that carried it: "(Kyodo Via Acquire Media NewsEdge)"
_VIA_CREDIT = re.compile(r"\((?P<wire>[A-Z][^()\n]{1,50}?)[ \t]+[Vv]ia[ \t]+(?P<via>[A-Z][^()\n]{1,50}?)\)")
_LEAD = 2500  # datelines and bylines are read in the page's first characters
_AGENCY_CREDIT_CHARS = 800  # "..., reports UNB." this near the top credits the story, not one paragraph


def wire_name(name: str, lexicon: Lexicon, publisher: str | None, *, acronyms: bool = True) -> str | None:
    """The agency a dateline or credit names, as the text writes it, without the part naming the
    page's own publisher; None when it names no outlet ("(UPDATE 1)", "(File photo)"). With
    ``acronyms``, an unlisted all-capitals name ("(NNN-XYZ)") counts as an outlet."""
    name = name.strip(" .,")
    if "," in name:  # "(REUTERS, XINHUA)": two agencies' copy; the first named is the hop
        return next((w for part in name.split(",") if (w := wire_name(part, lexicon, publisher, acronyms=acronyms))),
                    None)
    if lexicon.canonical_outlet(name) is None and (listed := lexicon.outlet_in_capitals(name)) is not None:
        name = listed  # "(REUTERS)": the agency's name in capitals
    parts = [p for p in re.split(r"\s*[-/]\s*", name) if p]
    if not parts or len(name) > 40 or any(ch.isdigit() for ch in name):
        return None
    own = publisher_forms(publisher, lexicon)
    kept = [p for p in parts if p.lower() not in own]
    if not kept:
        return None
    listed = [p for p in kept if lexicon.canonical_outlet(p)]
    if lexicon.canonical_outlet(name) and len(kept) == len(parts):
        return name
    if not listed and not (acronyms and all(p.isupper() and 2 <= len(p) <= 6 for p in kept)):
        return None
    return "-".join(kept) if len(kept) > 1 else kept[0]


def _listed_agency(name: str, lexicon: Lexicon, publisher: str | None) -> bool:
    """A listed agency, named whole as the lexicon lists it, and not the page's own publisher."""
    return lexicon.is_agency(name) and wire_name(name, lexicon, publisher) == name


def publisher_forms(publisher: str | None, lexicon: Lexicon) -> set[str]:
    """The names the page's publisher goes by: canonical, aliases, and the initials of its name."""
    if not publisher:
        return set()
    canonical = lexicon.canonical_outlet(publisher) or publisher
    forms = {publisher.lower(), canonical.lower()}
    forms.update(alias.lower() for alias, target in lexicon.outlets.items() if target == canonical)
    for name in list(forms):
        words = [w for w in re.split(r"[\s-]+", name) if w]
        if len(words) >= 2:
            forms.add("".join(w[0] for w in words))
    return forms


def _named_outlet(text: str, lexicon: Lexicon, publisher: str | None) -> str | None:
    """The outlet a credit names right at the start of ``text`` ("The Guardian Nigeria. Click here",
    "BBC Sport"): the longest run of capitalised words, as written, when it is or contains a listed
    outlet or is shaped like one; None for the publisher itself."""
    # "The Guardian NigeriaThe Guardian Nigeria": a page's layout glued a name to its repetition
    text = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", text.strip())
    m = _TITLE_NAME.match(text)
    if m is None:
        return None
    words = m.group("name").split()
    own = publisher_forms(publisher, lexicon)
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n]).rstrip(".,")
        if name.lower() in own:
            return None
        if lexicon.canonical_outlet(name) or lexicon.looks_like_outlet(name) \
                or n >= 2 and lexicon.canonical_outlet(" ".join(words[:n - 1])):
            return name
    return None


class WireCopy:
    name = "wire"

    def __call__(self, ctx: Context, found: Found) -> Iterator[WireSignal | Furniture]:
        text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
        lead = text[:_LEAD]
        doc = ctx.doc
        header = doc._.whosaid_wire if doc.has_extension("whosaid_wire") else None
        if header and (wire := wire_name(header, lexicon, publisher)) is not None:
            # the dateline the ingest step read off the text's first line ("SANAA, Apr 30 (NNN-SABA) -")
            yield WireSignal(0, 0, wire, "dateline")
        byline = doc._.whosaid_byline if doc.has_extension("whosaid_byline") else None
        if byline and (wire := wire_name(byline, lexicon, publisher) or _outlet_in(byline, lexicon, publisher)):
            yield WireSignal(0, 0, wire, "byline")  # "By AP" under the headline
        title = doc._.whosaid_title if doc.has_extension("whosaid_title") else None
        if title and (m := _ONLY_NAME.fullmatch(title.strip())) and _listed_agency(m.group("wire"), lexicon, publisher):
            yield WireSignal(0, 0, m.group("wire"), "credit")  # the page's first line is the agency's name alone
        yield from _datelines(ctx, lead)
        for m in _BYLINE.finditer(lead):
            if (wire := wire_name(m.group("wire"), lexicon, publisher)) is not None:
                yield WireSignal(m.start("wire"), m.end(), wire, "byline")
        heading = list(_BYLINE_LINE.finditer(lead))
        closing = [m for m in _CLOSING_BYLINE.finditer(text, max(0, len(text) - _CLOSING_LINE_CHARS))
                   if m.group("line")[:1].isupper() and all(h.start("line") != m.start("line") for h in heading)]
        for m in [*heading, *closing]:
            # "By Jocelyn Gecker Associated Press", "BY MARGERY BECK from the Associated Press": a
            # reporter's byline that names the agency they write for ("... for THE NEW YORK TIMES" too),
            # under the headline or closing the story ("by Ana Roe & Luis Paz, Bloomberg")
            line = m.group("line")
            named = _outlets_in(line, lexicon, publisher) or _outlets_in(_uncapitalised(line), lexicon, publisher)
            for wire in named:
                if lexicon.is_agency(wire):
                    yield WireSignal(m.start("line"), m.end("line"), wire, "byline")
                    break
                # "By Louise Roug and Paul Richter Los Angeles Times" on another paper's page: its story
                yield WireSignal(m.start("line"), m.end("line"), wire, "syndication")
                break
        for m in [*_NAME_COMMA_LINE.finditer(title or ""), *_NAME_COMMA_LINE.finditer(lead)]:
            # the agency's byline without "By" ("Saleh Mwanamilongo, The Associated Press"), the page's first
            # line (read as its title) or in its lead, only for a listed agency: a name and another outlet
            # may as well be a caption's credit
            if _listed_agency(m.group("wire"), lexicon, publisher):
                at = (m.start("wire"), m.end("wire")) if m.string is lead else (0, 0)
                yield WireSignal(*at, m.group("wire"), "byline")
                break
        yield from _credits(ctx)
        yield from _closing_sites(ctx)
        yield from _agency_reporting(ctx)


def _datelines(ctx: Context, lead: str) -> Iterator[WireSignal | Furniture]:
    text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
    for pattern in (DATELINE, SLASH_DATELINE, COMMA_DATELINE, PLACE_AGENCY, UNDASHED_DATELINE, CUT_DATELINE,
                    _LINE_DATELINE, _DATED_WIRE, _AGENCY_AFTER_DATE):
        for m in pattern.finditer(lead):
            line_start = text.rfind("\n", 0, m.start()) + 1
            place = m.group("place")
            # an unlisted agency only in the classic form: a line opening "SANAA (XYZ) -"
            classic = not text[line_start:m.start()].strip() and place.isupper()
            if pattern is PLACE_AGENCY and not place.isupper() and not ctx.lexicon.is_agency(m.group("wire").strip()):
                continue  # "Dubai - WAM": a place in capitals, or a listed agency
            if pattern in (UNDASHED_DATELINE, CUT_DATELINE, _LINE_DATELINE, _DATED_WIRE, _AGENCY_AFTER_DATE) \
                    and not ctx.lexicon.is_agency(m.group("wire").strip()):
                continue
            wire = wire_name(m.group("wire"), lexicon, publisher, acronyms=classic and pattern is not PLACE_AGENCY)
            if wire is None and pattern is PLACE_AGENCY:
                wire = _outlet_in(m.group("wire"), lexicon, publisher)
            if wire is None:
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


# "Write to Devon Maylie at devon.maylie@dowjones.com": the reporter's address at the outlet, signing off
_WRITE_TO = re.compile(r"^[ \t]*Write[ \t]+to[ \t]+[^\n@]{2,80}?[ \t]+at[ \t]+[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)[ \t.]*$",
                       re.MULTILINE)
# "Read more on tech.hindustantimes.com": the site the story was taken from, closing it
# (or "Read more on RFI English": a listed outlet's name, with its edition's language after it)
_READ_MORE_ON = re.compile(r"^[ \t]*Read[ \t]+more[ \t]+(?:on|at)[ \t]+(?:(?P<domain>(?:[\w-]+\.)+[a-z]{2,})"
                           r"|(?P<name>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){0,3}))[ \t.]*$", re.MULTILINE)
# "By Tom Krisher\nAssociated Press Auto Writer": the byline, and the agency with the writer's beat below it
# (the staff words are the lexicon's `outlet_staff`)
_BEAT = r"(?P<line>[A-Z][^\n]{{2,60}}?[ \t]+(?i:{staff}))[ \t]*$"


def _beat_patterns(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """The byline then the beat line; the beat line alone at the text's start (the byline taken off)."""
    return lexicon.compiled("byline beat", lambda lex: (
        re.compile(r"^[ \t]*(?:By|BY)[ \t]+[A-Z][^\n]{2,60}\n[ \t]*" + _BEAT.format(staff=lex.alternation("outlet_staff")),
                   re.MULTILINE),
        re.compile(r"\s*" + _BEAT.format(staff=lex.alternation("outlet_staff")), re.MULTILINE)))


def _closing_sites(ctx: Context) -> Iterator[WireSignal]:
    """A sign-off with the reporter's address at a listed outlet's domain ("Write to X at x@dowjones.com"),
    a closing "Read more on <site>" line, and a byline whose next line names the agency with the writer's
    beat ("Associated Press Auto Writer"): the outlet whose story the page carries."""
    text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
    tail = max(0, len(text) - _CLOSING_LINE_CHARS)
    own = publisher_forms(publisher, lexicon)
    for pattern in (_WRITE_TO, _READ_MORE_ON):
        m = next(pattern.finditer(text, tail), None)
        if m is None:
            continue
        group = "domain" if m.group("domain") else "name"
        named = longest_outlet(m.group(group), lexicon) if group == "name" else None  # ("RFI English": "RFI")
        outlet = lexicon.outlet_of_domain(m.group(group)) if group == "domain" else named and lexicon.canonical_outlet(named)
        if outlet is None or outlet.lower() in own:
            continue
        kind = "credit" if lexicon.is_agency(outlet) else "syndication"
        yield WireSignal(m.start(group), m.end(group), outlet, kind)
    byline_beat, beat_line = _beat_patterns(lexicon)
    beats = list(byline_beat.finditer(text, 0, _LEAD))
    if ctx.doc.has_extension("whosaid_byline") and ctx.doc._.whosaid_byline:
        # (the header step took the "By ..." line off the text: the beat is the body's first line)
        beats += [m for m in [beat_line.match(text)] if m is not None]
    for m in beats:
        for wire in _outlets_in(m.group("line"), lexicon, publisher):
            if lexicon.is_agency(wire):
                yield WireSignal(m.start("line"), m.end("line"), wire, "byline")
                return


def _credits(ctx: Context) -> Iterator[WireSignal | Furniture]:
    text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
    source_line = lexicon.compiled("source line", lambda lex: re.compile(
        rf"^[ \t]*[\[(]?{lex.alternation('source_label')}[ \t]*:[ \t]*(?P<wire>[^\n\])]{{2,60}}?)[ \t.]*[\])]?[ \t]*$",
        re.MULTILINE))
    for m in source_line.finditer(text):
        if (wire := _one_source(m.group("wire"), lexicon, publisher)) is not None:
            yield WireSignal(m.start("wire"), m.end("wire"), wire, "credit")
    copyright_notice = lexicon.compiled("copyright", lambda lex: re.compile(
        rf"{lex.alternation('copyright')}[^\n]{{0,80}}", re.IGNORECASE))
    for m in copyright_notice.finditer(text):
        for wire in _outlets_in(m.group(), lexicon, publisher):
            yield WireSignal(m.start(), m.end(), wire, "credit")
    for m in _ONLY_NAME.finditer(text):
        # the agency's name alone on its line, or with the place in capitals ("Anadolu Agency TÜRKIYE");
        # under a photo's caption it is the photo's credit
        if _under_caption(text, m.start(), lexicon):
            continue
        words = m.group("wire").split()
        for n in range(len(words), 0, -1):
            wire = " ".join(words[:n])
            if all(w.isupper() for w in words[n:]) and _listed_agency(wire, lexicon, publisher):
                yield WireSignal(m.start("wire"), m.start("wire") + len(wire), wire, "credit")
                break
    for m in _STAMPED_CREDIT.finditer(text, 0, _AGENCY_CREDIT_CHARS):
        group = "wire" if m.group("wire") else "bare"
        name = m.group(group).strip()
        if _listed_agency(name, lexicon, publisher):
            yield WireSignal(m.start(group), m.start(group) + len(name), name, "credit")
    lead_credit = lexicon.compiled("agency credit in the lead", lambda lex: re.compile(
        rf",[ \t]+{lex.alternation('credit_verb_after')}[ \t]+(?:the[ \t]+)?(?P<wire>[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){{0,3}})"
        rf"(?:[ \t]+(?:news[ \t]+)?agency)?[ \t]*\.[ \t]*$", re.MULTILINE))  # ("..., reports the EFE agency.")
    lead_credit_after = lexicon.compiled("agency credit after its name in the lead", lambda lex: re.compile(
        rf",[ \t]+(?:the[ \t]+)?(?P<wire>[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){{0,3}})[ \t]+"
        rf"{lex.alternation('credit_verb_after')}[ \t]*\.[ \t]*$", re.MULTILINE))
    for pattern in (lead_credit, lead_credit_after):
        for m in pattern.finditer(text, 0, _AGENCY_CREDIT_CHARS):
            # "..., reports UNB." or "..., Anadolu Agency reports." closing a paragraph near the top: the
            # credit of a page that carries the agency's story ("..., Reuters reported." is the page's own
            # reporting citing it: its hop runs from its cue on)
            name = m.group("wire").rstrip(".")
            if _listed_agency(name, lexicon, publisher):
                yield WireSignal(m.start("wire"), m.start("wire") + len(name), name, "credit")
                yield Furniture(m.start() + 1, m.end(), "boilerplate")  # the credit itself is no claim
    tail_at = max(0, len(text) - 200)
    if (m := _CLOSING.search(text, tail_at)) is not None:
        group = "wire" if m.group("wire") else "paren"
        wire = wire_name(m.group(group), lexicon, publisher)
        if wire is not None and any(lexicon.canonical_outlet(p) for p in re.split(r"[-/]", wire)):
            yield WireSignal(m.start(group), m.end(group), wire, "credit")
    # "With AFP" under the story (the agency's copy, reworked); "--IANS" on a line of its own near the end,
    # above the desk's initials and a syndication notice; "... years. EFE"; "- DPA" among the page's particulars
    for pattern, since, until in ((_WITH_CREDIT, len(text) - _CLOSING_LINE_CHARS, len(text)),
                                  (_CLOSING_LINE, len(text) - _CLOSING_LINE_CHARS, len(text)),
                                  (_CLOSING_NAME, len(text) - _CLOSING_LINE_CHARS, len(text)),
                                  (_LISTED_NAME, 0, _LEAD)):
        m = next((m for m in pattern.finditer(text, max(0, since), until)
                  if _listed_agency(m.group("wire"), lexicon, publisher)), None)
        if m is not None:
            yield WireSignal(m.start("wire"), m.end("wire"), m.group("wire"), "credit")
    for m in _REPORTED_BY_LINE.finditer(text, max(0, len(text) - _CLOSING_LINE_CHARS)):
        # "– Reported by Asia Today; translated by UPI": the outlet's story, in the translator's copy
        wire = _named_outlet(m.group("wire"), lexicon, publisher) or _capitalised(m.group("wire"))
        if wire is not None and (lexicon.looks_like_outlet(wire) or m.group("via")):
            yield WireSignal(m.start("wire"), m.start("wire") + len(wire), wire, "credit")
            if m.group("via") and (via := _named_outlet(m.group("via"), lexicon, publisher) or _capitalised(m.group("via"))):
                yield WireSignal(m.start("via"), m.start("via") + len(via), via, "syndication")
    signature = lexicon.compiled("reuters signature", lambda lex: re.compile(
        rf"\(?Reporting by [^\n]{{2,200}}?{lex.alternation('signature_role')} by", re.IGNORECASE))
    if (m := signature.search(text)) is not None and wire_name("Reuters", lexicon, publisher):
        yield WireSignal(m.start(), m.end(), "Reuters", "credit")
    if (m := _OPENING_CREDIT.match(text)) is not None and m.group("own").lower() in publisher_forms(publisher, lexicon):
        # "(MENAFN - Newsroom Panama) Former ...": the publisher, then the outlet it carries the story from
        if (name := _named_outlet(m.group("wire"), lexicon, publisher) or _capitalised(m.group("wire"))) is not None:
            yield WireSignal(m.start("wire"), m.start("wire") + len(name), name, "syndication")
    if (m := _VIA_CREDIT.search(text[:_LEAD])) is not None:
        # "(Japan Economic Newswire Via Acquire Media NewsEdge)": the wire, then the service that carried it
        wire, via = (_capitalised(m.group(g)) or _named_outlet(m.group(g), lexicon, publisher) for g in ("wire", "via"))
        if wire is not None:
            yield WireSignal(m.start("wire"), m.start("wire") + len(wire), wire, "credit")
            if via is not None:
                yield WireSignal(m.start("via"), m.start("via") + len(via), via, "syndication")
    low = text.lower()
    pattern = _credit_phrases(tuple(sorted(p for p, kind in lexicon.furniture.items() if kind == "credit")))
    if pattern is not None:
        for m in pattern.finditer(low):
            after = text[m.end():m.end() + 80].split("\n")[0]
            name = _named_outlet(after, lexicon, publisher)
            if name is None and m.group().rstrip().endswith(" on"):
                # "The post ... appeared first on Miningmx.": what follows "on" is a site, listed or not
                name = _capitalised(after.strip().rstrip("."))
                name = None if name is None or name.lower() in publisher_forms(publisher, lexicon) else name
            if name is not None:
                yield WireSignal(m.end(), m.end() + 1, name, "syndication")


def _one_source(listed: str, lexicon: Lexicon, publisher: str | None) -> str | None:
    """The outlet a "Source:" line credits: "Source: AFP", "[Source: Al-Jazeera/News Agencies]" (unnamed
    agencies beside one named outlet); None for a list of several named sources ("Source: PAP, Reuters,
    TVP Info, ec.europa.eu": what the page drew on, no one outlet's copy)."""
    own = publisher_forms(publisher, lexicon)
    # (the page's own name beside the agency is no other source: "Source: APP/DND" on DND)
    parts = [p for p in re.split(r"\s*[,;/]\s*|\s+and\s+", listed.strip(" .")) if p and p.lower() not in own]
    # ("Source: Ria": a listed agency's initials written as a word)
    names = [wire_name(p, lexicon, publisher) or (wire_name(p.upper(), lexicon, publisher) if p.isalpha() and len(p) <= 5
                                                  else None) for p in parts]
    if len(parts) == 1 and names[0] is None and (lexicon.looks_like_outlet(parts[0]) or " " not in parts[0]
                                                 and lexicon.outlet_shape.search(parts[0])):
        names = [parts[0]]  # an unlisted outlet alone: "Source: footballghana.com", "Source: Ghana News Agency"
    named = {w for w in names if w is not None}
    unnamed = [p for p, w in zip(parts, names) if w is None and not _outlet_noun(p, lexicon)]
    if len(named) != 1 or unnamed and len(parts) > 1:
        return None
    return named.pop()


def _outlet_noun(words: str, lexicon: Lexicon) -> bool:
    """Unnamed outlets: "News Agencies", "agencies", "wires"."""
    last = words.split()[-1].lower()
    forms = {last, last[:-1], last[:-3] + "y" if last.endswith("ies") else last}
    return any(lexicon.is_word("outlet_nominal", form) for form in forms)


def _under_caption(text: str, at: int, lexicon: Lexicon) -> bool:
    """The line before the one starting at ``at`` (blank lines aside) is a photo's caption."""
    from app.nlp.rules.furniture import classify_line, names_a_photo

    before = text[:at].rstrip().rsplit("\n", 1)[-1].strip()
    return bool(before) and (classify_line(before, lexicon, alone=False) == "caption" or names_a_photo(before, lexicon))


@functools.lru_cache(maxsize=16)
def _credit_phrases(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for the lexicon's credit phrases ("originally published by"), compiled once."""
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\s+")


def _capitalised(words: str) -> str | None:
    """The words when each is capitalised (a name: "Newsroom Panama"), else None."""
    parts = words.split()
    return words.strip() if 1 <= len(parts) <= 5 and all(p[:1].isupper() for p in parts) else None


def _uncapitalised(line: str) -> str:
    """A line's words in capitals written as a title ("for THE NEW YORK TIMES" -> "for The New York Times")."""
    return re.sub(r"\b[A-Z]{2,}\b", lambda w: w.group()[0] + w.group()[1:].lower(), line)


def _outlet_in(line: str, lexicon: Lexicon, publisher: str | None) -> str | None:
    named = _outlets_in(line, lexicon, publisher)
    return named[0] if named else None


def _outlets_in(line: str, lexicon: Lexicon, publisher: str | None) -> list[str]:
    out = []
    for name in sorted(lexicon.outlets, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", line) and wire_name(name, lexicon, publisher):
            if not any(name in o for o in out):
                out.append(name)
    return out




def _agency_reporting(ctx: Context) -> Iterator[WireSignal]:
    """The agency's own reporting, on a page that shows no reporting of its own: the page is the agency's
    copy when the agency gathered something itself (its staff: "an AFP photographer said"; a document it
    saw: "a report seen by AFP"), or when sources tell it twice ("told Reuters"), or once in the story's
    lead sentence ("..., police sources told Reuters." opens the agency's story) or under a dateline
    that names no agency, or once from an unnamed source by the agency's own name ("a US official told
    AFP", not "told the Reuters news agency"). (One named official's "told Reuters" further down is as
    often a page's own story citing the agency's interview.)"""
    text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
    told: Counter[str] = Counter()
    unnamed: set[str] = set()  # agencies an unnamed source told, by the agency's own name ("a US official told AFP")
    in_lead: set[str] = set()
    lead_end: int | None = None  # read only when an outlet is told something
    gathered: set[str] = set()
    first: dict[str, tuple[int, int, str]] = {}
    own = publisher_forms(publisher, lexicon)
    name_group = r"(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})"
    told_outlet = lexicon.compiled("told outlet", lambda lex: re.compile(
        rf"\b{lex.alternation('told_form')}\s+(?:the\s+)?{name_group}"))
    gathered_by = lexicon.compiled("gathered by", lambda lex: re.compile(
        rf"\b{lex.alternation('gathered_by')}\s+by\s+(?:the\s+)?{name_group}"))
    staff_of = lexicon.compiled("agency staff", lambda lex: re.compile(
        rf"\b(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Tt]his)\s+{name_group}\s+{lex.alternation('outlet_staff')}s?\b"))
    gathered_to = lexicon.compiled("gathered to", lambda lex: re.compile(
        rf"\b{lex.alternation('gathered_to')}\s+to\s+(?:the\s+)?{name_group}"))
    unverified = lexicon.compiled("unverified", lambda lex: re.compile(
        rf"\b(?P<name>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){{0,3}})\s+{lex.alternation('unverified')}\s+(?:[a-z]+ly\s+)?"
        rf"{lex.alternation('check_verb')}\b"))
    for pattern in (told_outlet, gathered_by, staff_of, gathered_to, unverified):
        for m in pattern.finditer(text):
            name = longest_outlet(m.group("name"), lexicon)
            if name is None:
                continue
            canonical = lexicon.canonical_outlet(name)
            if name.lower() in own or (canonical and canonical.lower() in own):
                return  # "told ESPN" on ESPN's page: its own reporting
            if lexicon.is_agency(name) or pattern is told_outlet and canonical:
                if pattern is told_outlet:
                    told[canonical] += 1
                    if not text[m.start():m.start("name")].rstrip().endswith("the") \
                            and not _NEWS_AGENCY.match(text, m.start("name") + len(name)) and _unnamed_teller(ctx, m.start()):
                        unnamed.add(canonical)
                    lead_end = _lead_end(ctx) if lead_end is None else lead_end
                    if m.start() < lead_end:
                        in_lead.add(canonical)
                else:
                    gathered.add(canonical)
                first.setdefault(canonical, (m.start("name"), m.start("name") + len(name), name))
    own_reporting = lexicon.compiled("own reporting", lambda lex: re.compile(
        rf"\b{lex.alternation('own_reporting')}\b", re.IGNORECASE))
    if own_reporting.search(text) or any(re.search(rf"\b{re.escape(f)}'s\b", text, re.IGNORECASE) for f in own if len(f) > 2):
        return
    # another outlet than an agency ("told Axios") only when sources tell it three times: a page that
    # carries that outlet's story, not one citing its interview
    agencies = {c for c in told if lexicon.is_agency(c) or told[c] >= 3} | gathered
    if len(agencies) != 1:
        return
    canonical, = agencies
    if canonical in gathered or canonical in in_lead or told[canonical] >= 2 or canonical in unnamed \
            or BARE_DATELINE.search(text[:_LEAD]) is not None or _colon_dateline(ctx):
        start, end, name = first[canonical]
        yield WireSignal(start, end, name, "reporting")


_CAPITALS_FIRST = re.compile(r"[A-Z]{3,}[ \t]*,")
_NEWS_AGENCY = re.compile(r"[ \t]+news[ \t]+agency\b", re.IGNORECASE)


def _unnamed_teller(ctx: Context, at: int) -> bool:
    """Whether the source who told an outlet at `at` ("told", "telling") is unnamed: a noun phrase naming
    no one ("a military official", "two security sources"), not a person or a pronoun standing for one.
    An unnamed source telling an agency is the agency's own newsgathering; a named official telling it
    is as often quoted by another page (a Wikinews article: "Anna Roe ... told Reuters")."""
    span = ctx.doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    verb = span[0]
    subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or subjects[0].pos_ != "NOUN":
        return False
    return not any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.dep_ in ("appos", "compound") and t.head is subjects[0]
                   and t.ent_type_ not in ("GPE", "NORP", "ORG", "LOC") for t in subjects[0].subtree)


_COLON_PLACE = re.compile(r"^[ \t]*(?P<place>[A-Z][\w'.\u2019-]*(?:[ \t]+[A-Z][\w'.\u2019-]*){0,2}):[ \t]+(?=[A-Z\"'\u201c])",
                          re.MULTILINE)


def _colon_dateline(ctx: Context) -> bool:
    """The story opens with a place and a colon ("Brussels: European Union sanctions ..."), a dateline
    naming no agency (a place the tagger knows as one: not "Source:" or "Read more:")."""
    for m in _COLON_PLACE.finditer(ctx.text, 0, _LEAD):
        span = ctx.doc.char_span(m.start("place"), m.end("place"), alignment_mode="expand")
        if span is not None and all(t.ent_type_ in ("GPE", "LOC") for t in span):
            return True
    return False


def _lead_end(ctx: Context) -> int:
    """Where the story's lead sentence ends: the first sentence, not counting the lines before it that are
    no sentences (a headline, a caption, a byline: lines without a closing stop, or of a few words)."""
    doc = ctx.doc
    for start, end in ctx.sents:
        words = [t for t in doc[start:end] if t.is_alpha]
        last = next((t for t in reversed(doc[start:end]) if not t.is_space), None)
        if len(words) >= 6 and last is not None and last.text in {".", "!", "?", '"', "\u201d", "'"}:
            return doc[end - 1].idx + len(doc[end - 1])
    return 0


def longest_outlet(words: str, lexicon: Lexicon, *, shaped: bool = False) -> str | None:
    """The outlet the words name, the longest run of them from the first ("Reuters on Monday" -> "Reuters",
    "Kyodo News's" -> "Kyodo News"): a listed one, or with ``shaped`` one shaped like an outlet's name."""
    tokens = words.split()
    for n in range(len(tokens), 0, -1):
        name = " ".join(tokens[:n]).rstrip(".,'\u2019")
        if name.endswith("'s"):
            name = name[:-2]
        if lexicon.canonical_outlet(name) or shaped and lexicon.looks_like_outlet(name):
            return name
    return None