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

Bylines are read here; datelines in ``wire_datelines``, credit and closing lines in ``wire_credits``, the
agency's own reporting in ``wire_reporting``, and the names they give agencies in ``wire_names``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from app.nlp.context import Context
from app.nlp.evidence import Furniture, WireSignal
from app.nlp.rules.base import Found
from app.nlp.rules.wire_credits import CLOSING_LINE_CHARS, LISTED_NAME, ONLY_NAME, closing_sites, credits
from app.nlp.rules.wire_datelines import LEAD, datelines
from app.nlp.rules.wire_names import listed_agency, outlet_in, outlets_in, uncapitalised, wire_name
from app.nlp.rules.wire_reporting import agency_reporting

_BYLINE = re.compile(r"(?:^|[ \t])By:?[ \t]+(?P<wire>[A-Z][\w.&'-]*(?:[ -][A-Z][\w.&'-]*){0,4})[ \t]*$", re.MULTILINE)
# (after a date and a bar on the same line: "May 5, 2007|By Louise Roug Los Angeles Times")
# "Saleh Mwanamilongo, The Associated Press": a reporter's name, a comma and the outlet, on a line of its own
_NAME_COMMA_LINE = re.compile(r"^[ \t]*(?P<name>[A-Z][\w.'\u2019-]+(?:[ \t]+[A-Z][\w.'\u2019-]+){1,3}"
                              r"(?:[ \t]*(?:,|and|&)[ \t]*[A-Z][\w.'\u2019-]+(?:[ \t]+[A-Z][\w.'\u2019-]+){1,3})*)"
                              r",[ \t]*(?P<wire>[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){0,3})[ \t]*$", re.MULTILINE)
# ("By Anna Holm, RNZ Pacific correspondent, and Tom Vale, RNZ Pacific journalist": two reporters and their beats)
_BYLINE_LINE = re.compile(r"^(?:[^\n|]{0,40}\|)?[ \t]*(?:By|BY)[ \t]+(?P<line>[^\n]{3,160}?)[ \t]*$", re.MULTILINE)
# a byline closing the story, the reporters then their outlet: "by Ana Roe & Luis Paz, Bloomberg"
_CLOSING_BYLINE = re.compile(r"^[ \t]*(?:[Bb]y|BY)[ \t]+(?P<line>[^\n]{3,100}?,[ \t]*[^\n,]{2,40}?)[ \t]*$", re.MULTILINE)


class WireCopy:
    name = "wire"

    def __call__(self, ctx: Context, found: Found) -> Iterator[WireSignal | Furniture]:
        text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
        lead = text[:LEAD]
        doc = ctx.doc
        header = doc._.whosaid_wire if doc.has_extension("whosaid_wire") else None
        if header and (wire := wire_name(header, lexicon, publisher)) is not None:
            # the dateline the ingest step read off the text's first line ("SANAA, Apr 30 (NNN-SABA) -")
            yield WireSignal(0, 0, wire, "dateline")
        byline = doc._.whosaid_byline if doc.has_extension("whosaid_byline") else None
        if byline and (wire := wire_name(byline, lexicon, publisher) or outlet_in(byline, lexicon, publisher)):
            yield WireSignal(0, 0, wire, "byline")  # "By AP" under the headline
        title = doc._.whosaid_title if doc.has_extension("whosaid_title") else None
        if title and (m := ONLY_NAME.fullmatch(title.strip()) or LISTED_NAME.fullmatch(title.strip())) \
                and listed_agency(m.group("wire"), lexicon, publisher):
            # the page's first line is the agency's name alone, or agencies listed ("• Reuters, Kyodo")
            yield WireSignal(0, 0, m.group("wire"), "credit")
        yield from datelines(ctx, lead)
        for m in _BYLINE.finditer(lead):
            if (wire := wire_name(m.group("wire"), lexicon, publisher)) is not None:
                yield WireSignal(m.start("wire"), m.end(), wire, "byline")
        # (a line past 100 characters is a byline only where it closes no sentence: not "By Tuesday evening,
        # the toll had risen to 40, ... compiled by Reuters.")
        heading = [m for m in _BYLINE_LINE.finditer(lead)
                   if len(m.group("line")) <= 100 or m.group("line")[-1] not in ".!?\"\u201d"]
        closing = [m for m in _CLOSING_BYLINE.finditer(text, max(0, len(text) - CLOSING_LINE_CHARS))
                   if m.group("line")[:1].isupper() and all(h.start("line") != m.start("line") for h in heading)]
        for m in [*heading, *closing]:
            # "By Jocelyn Gecker Associated Press", "BY MARGERY BECK from the Associated Press": a
            # reporter's byline that names the agency they write for ("... for THE NEW YORK TIMES" too),
            # under the headline or closing the story ("by Ana Roe & Luis Paz, Bloomberg")
            line = m.group("line")
            named = outlets_in(line, lexicon, publisher) or outlets_in(uncapitalised(line), lexicon, publisher)
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
            if listed_agency(m.group("wire"), lexicon, publisher):
                at = (m.start("wire"), m.end("wire")) if m.string is lead else (0, 0)
                yield WireSignal(*at, m.group("wire"), "byline")
                break
        yield from credits(ctx)
        yield from closing_sites(ctx)
        yield from agency_reporting(ctx)
