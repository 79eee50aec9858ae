"""Credit and closing lines, read for the wire rule (app/nlp/rules/wire.py): a line naming only an agency,
"Source: AFP", "Copyright Agence France-Presse", a closing "– NNN-SABA", "(NAN)" or "With AFP", Reuters'
"(Reporting by ...; Editing by ...)", "..., reports UNB." near the top, a credit phrase of the lexicon
("courtesy of X"), an opening credit "(MENAFN - Newsroom Panama)", "(<wire> Via <service>)"; and the
sign-offs that name the outlet whose story the page carries ("Write to X at x@dowjones.com", "Read more
on <site>", a byline over the agency's beat line)."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from app.nlp.context import Context
from app.nlp.evidence import Furniture, WireSignal
from app.nlp.lexicon import Lexicon
from app.nlp.rules.furniture import names_a_photo
from app.nlp.rules.wire_datelines import DASH, DATE, LEAD, story_lead_end
from app.nlp.rules.wire_names import (capitalised, listed_agency, longest_outlet, named_outlet, outlets_in, publisher_forms,
                                      wire_name)

# "With AFP" (or "(With Reuters)") closing the story
_WITH_CREDIT = re.compile(r"^[ \t]*\(?[ \t]*[Ww]ith[ \t]+(?P<wire>[A-Z][\w.&'-]*(?:[ \t][A-Z][\w.&'-]*){0,3})[ \t]*\)?[ \t.]*$",
                          re.MULTILINE)
_CLOSING = re.compile(rf"(?:[{DASH}][ \t]*(?P<wire>[A-Z][\w&'-]*(?:[ -][A-Z][\w&'-]*){{0,3}})"
                      rf"|\((?P<paren>[A-Z][A-Za-z&' -]{{1,30}})\))[ \t.]*\Z")
# "--IANS", "— AFP": a listed agency's name after a dash, on a line of its own near the page's end, or
# closing the story's last paragraph above the page's footer ("... from Saturday. — Reuters" / "Author")
_CLOSING_LINE = re.compile(rf"(?:^[ \t]*|[.!?\"\u201d][ \t]+)[{DASH}]+[ \t]*(?P<wire>[A-Z][\w&'-]*(?:[ ][A-Z][\w&'-]*){{0,3}})[ \t.]*$",
                           re.MULTILINE)
CLOSING_LINE_CHARS = 600
_CAPTION_WORDS = 30
# "... whether he will attend any hearings. (AP)": a listed agency in brackets closing the story's last
# paragraph, above the page's footer
_CLOSING_BRACKET_LINE = re.compile(r"[.!?\"\u201d][ \t]+\((?P<wire>[A-Z][\w&'-]*(?:[ ][A-Z][\w&'-]*){0,3})\)[ \t.]*$",
                                   re.MULTILINE)
# "... over the last 6 1/2 years. EFE": a listed agency's name alone after the story's last sentence
_CLOSING_NAME = re.compile(r"[.!?\"\u201d][ \t]+(?P<wire>[A-Z][\w&'-]*(?:[ ][A-Z][\w&'-]*){0,3})[ \t]*$", re.MULTILINE)
# "- Economy" / "- DPA" / "- Published Date: ...": a listed agency's name alone in the list of the page's
# particulars above the story
# ... or the first of the agencies such a line lists ("• Reuters, Kyodo")
# ... or the agency then the page's staff: "• LETA/TBT Staff"
LISTED_NAME = re.compile(r"^[ \t]*[-\u2022*\u00b7][ \t]+(?P<wire>[A-Z][\w.&'-]*(?:[ ][A-Z][\w.&'-]*){0,3})"
                          r"(?:[ \t]*[,/][ \t]*[A-Z][\w.&'-]*(?:[ ][A-Z][\w.&'-]*){0,3}){0,3}[ \t]*$", re.MULTILINE)
# "PTI | Ranchi | Updated: 03-02-2021 19:59 IST": a listed agency first in a line of the story's particulars
# split by bars
_PIPED_PARTICULARS = re.compile(r"^[ \t]*(?P<wire>[A-Z][\w.&'-]*(?:[ ][A-Z][\w.&'-]*){0,3})[ \t]*\|[^\n]*\|[^\n]*$",
                                re.MULTILINE)
# a credit line closing the story, the outlet that reported it, then the one that translated it: "– Reported
# by Asia Today; translated by UPI"
_REPORTED_BY_LINE = re.compile(rf"^[ \t]*[{DASH}]*[ \t]*Reported[ \t]+by[ \t]+(?P<wire>[A-Z][^;\n]{{1,40}}?)"
                               rf"(?:[ \t]*;[ \t]*[Tt]ranslated[ \t]+by[ \t]+(?P<via>[A-Z][^;\n]{{1,40}}?))?[ \t.]*$",
                               re.MULTILINE)
# "(Xinhua) 10:51, April 03, 2021": a listed agency in brackets opening a line under the headline, then only
# the time and the date of the story
_STAMPED_CREDIT = re.compile(rf"^[ \t]*\((?P<wire>[A-Z][\w.&' -]{{1,40}})\)[ \t]*(?:\d{{1,2}}:\d{{2}}[ \t]*"
                             rf"(?:[AaPp]\.?[Mm]\.?)?,?[ \t]*)?(?:{DATE})?[ \t]*$"
                             # "Reuters February 11, 2017": the name without brackets, then the date
                             # ("NTB/The Local · 25 Jul 2014, 09:59": the agency and the page, a dot, the date and time)
                             rf"|^[ \t]*(?P<bare>[A-Z][\w.&'-]*(?:[ \t/][A-Z][\w.&'-]*){{0,3}})[ \t]+(?:\u00b7[ \t]*)?{DATE}"
                             rf"(?:,?[ \t]*\d{{1,2}}:\d{{2}})?[ \t]*$"
                             # "06 October 2022 - 17:45 Reuters": the date and time, then the name
                             rf"|^[ \t]*{DATE}[ \t]*(?:[{DASH}][ \t]*)?(?:\d{{1,2}}:\d{{2}}[ \t]*(?:[AaPp]\.?[Mm]\.?)?)?"
                             rf"[ \t]+(?P<dated>[A-Z][\w.&'-]*(?:[ \t][A-Z][\w.&'-]*){{0,3}})[ \t]*$",
                             re.MULTILINE)
# ("The Canadian Press - ONLINE EDITION": an edition's label in capitals after a dash)
# (also after the stored page's date: " date 2023-07-25 From BBC")
ONLY_NAME = re.compile(rf"^[ \t]*(?:date[ \t]+\d{{4}}-\d{{2}}-\d{{2}}[ \t]+(?=From[ \t]))?"
                       rf"(?P<said_from>From[ \t]+(?:the[ \t]+)?)?(?P<wire>[A-Z][\w.&'-]*(?:[ -][A-Z][\w.&'-]*){{0,3}})"
                        rf"(?:[ \t]+[{DASH}]+[ \t]+[A-Z][A-Z \t]{{2,30}})?[ \t]*,?[ \t]*$", re.MULTILINE)
# an opening credit in parentheses, the publisher then the outlet it carries: "(MENAFN - Newsroom Panama)"
_OPENING_CREDIT = re.compile(rf"\s*\(?[ \t]*(?P<own>[A-Z][\w.&' ]{{0,30}}?)[ \t]*[{DASH}]+[ \t]*"
                             rf"(?P<wire>[A-Z][^()\n]{{1,50}}?)[ \t]*\)")
_LINE_CREDIT = re.compile(rf"^[ \t]*\((?P<own>[A-Z][\w.&' ]{{0,30}}?)[ \t]*[{DASH}]+[ \t]*"
                          rf"(?P<wire>[A-Z][^()\n]{{1,50}}?)[ \t]*\)", re.MULTILINE)
# a credit line in parentheses, the wire and the service that carried it: "(Kyodo Via Acquire Media NewsEdge)"
_VIA_CREDIT = re.compile(r"\((?P<wire>[A-Z][^()\n]{1,50}?)[ \t]+[Vv]ia[ \t]+(?P<via>[A-Z][^()\n]{1,50}?)\)")
AGENCY_CREDIT_CHARS = 800  # "..., reports UNB." this near the top credits the story, not one paragraph


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


def _beat_patterns(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The byline then the beat line; the beat line alone at the text's start (the byline taken off); a
    beat line of its own anywhere."""
    return lexicon.compiled("byline beat", lambda lex: (
        re.compile(r"^[ \t]*(?:By|BY)[ \t]+[A-Z][^\n]{2,60}\n[ \t]*" + _BEAT.format(staff=lex.alternation("outlet_staff")),
                   re.MULTILINE),
        re.compile(r"\s*" + _BEAT.format(staff=lex.alternation("outlet_staff")), re.MULTILINE),
        re.compile(r"^[ \t]*" + _BEAT.format(staff=lex.alternation("outlet_staff")), re.MULTILINE)))


def closing_sites(ctx: Context) -> Iterator[WireSignal]:
    """A sign-off with the reporter's address at a listed outlet's domain ("Write to X at x@dowjones.com"),
    a closing "Read more on <site>" line, and a byline whose next line names the agency with the writer's
    beat ("Associated Press Auto Writer"): the outlet whose story the page carries."""
    text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
    tail = max(0, len(text) - CLOSING_LINE_CHARS)
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
    byline_beat, beat_line, own_line = _beat_patterns(lexicon)
    beats = list(byline_beat.finditer(text, 0, LEAD))
    if ctx.doc.has_extension("whosaid_byline") and ctx.doc._.whosaid_byline:
        # (the header step took the "By ..." line off the text: the beat is the body's first line)
        beats += [m for m in [beat_line.match(text)] if m is not None]
    # ("Acting Iraq oil minister: ...\n\nAssociated Press Writer\nPublished Sunday, ...": a beat line of its
    # own between the headline and the story's first sentence, the byline above it lost)
    beats += list(own_line.finditer(text, 0, min(LEAD, story_lead_end(ctx))))
    for m in beats:
        for wire in outlets_in(m.group("line"), lexicon, publisher):
            if lexicon.is_agency(wire):
                yield WireSignal(m.start("line"), m.end("line"), wire, "byline")
                return


def credits(ctx: Context) -> Iterator[WireSignal | Furniture]:
    text, lexicon, publisher = ctx.text, ctx.lexicon, ctx.publisher
    source_line = lexicon.compiled("source line", lambda lex: re.compile(
        rf"^[ \t]*(?:[^\n|]{{1,40}}\|[ \t]*)?[\[(]?{lex.alternation('source_label')}[ \t]*:[ \t]*"
        rf"(?P<wire>[^\n\])]{{2,60}}?)[ \t.]*[\])]?[ \t]*$",  # (also after the page's date: "2018-09-06 | From: X")
        re.MULTILINE))
    for m in source_line.finditer(text):
        if (wire := _one_source(m.group("wire"), lexicon, publisher) or _described_outlet(text, m.group("wire"), lexicon)):
            yield WireSignal(m.start("wire"), m.end("wire"), wire, "credit")
    copyright_notice = lexicon.compiled("copyright", lambda lex: re.compile(
        rf"{lex.alternation('copyright')}[^\n]{{0,80}}", re.IGNORECASE))
    for m in copyright_notice.finditer(text):
        if _photo_line(text, m.start(), lexicon):
            continue  # "Photo: © Sputnik / Jane Roe": the picture's copyright, not the story's
        if text[m.start()] == "(" and (text[m.start() + 1].islower() or text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()):
            continue  # "(C)UNIAN 2022" opens its line; "paragraph 4(c)", "501(c)(3)", "44 degrees (C)" are no credits
        for wire in outlets_in(m.group(), lexicon, publisher):
            rest = m.group()[m.group().find(wire) + len(wire):].split()
            if rest and all(w.isalpha() and w.isupper() and len(w) > 1 for w in rest[:2]) \
                    and len(text[text.rfind("\n", 0, m.start()) + 1:m.start()].split()) >= 4:
                continue  # "India is struggling ... - Copyright AFP DALE DE LA REY" closing a caption: the photographer's
            yield WireSignal(m.start(), m.end(), wire, "credit")
    for m in ONLY_NAME.finditer(text):
        # the agency's name alone on its line, or with the place in capitals ("Anadolu Agency TÜRKIYE");
        # under a photo's caption it is the photo's credit
        if _under_caption(text, m.start(), lexicon):
            continue
        words = m.group("wire").split()
        for n in range(len(words), 0, -1):
            wire = " ".join(words[:n])
            if all(w.isupper() for w in words[n:]) and listed_agency(wire, lexicon, publisher):
                yield WireSignal(m.start("wire"), m.start("wire") + len(wire), wire, "credit")
                break
        else:
            # a newspaper's name alone on its line between the headline and the story ("Cable Firms Must
            # Carry All Local Stations / Los Angeles Times / Ending a five-year ..."): the story is its copy
            wire = m.group("wire").strip(" ,")
            if m.start() < LEAD and lexicon.canonical_outlet(wire) and wire_name(wire, lexicon, publisher) == wire \
                    and (m.group("said_from") or _between_headline_and_story(text, m.start(), m.end())):
                # (a line "From BBC" credits the page wherever it stands in the lead)
                yield WireSignal(m.start("wire"), m.start("wire") + len(wire), wire, "credit")
    for m in _STAMPED_CREDIT.finditer(text, 0, AGENCY_CREDIT_CHARS):
        group = next(g for g in ("wire", "bare", "dated") if m.group(g))
        name = m.group(group).strip()
        at = m.start(group)
        if "/" in name and (one := wire_name(name, lexicon, publisher)) is not None and one in name:
            at, name = at + name.find(one), one  # "NTB/The Local": the agency, beside the page's own name
        if listed_agency(name, lexicon, publisher):
            yield WireSignal(at, at + len(name), name, "credit")
    lead_credit = lexicon.compiled("agency credit in the lead", lambda lex: re.compile(
        rf",[ \t]+{lex.alternation('credit_verb_after')}[ \t]+(?:the[ \t]+)?(?P<wire>[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){{0,3}})"
        rf"(?:[ \t]+(?:news[ \t]+)?agency)?[ \t]*\.[ \t]*$", re.MULTILINE))  # ("..., reports the EFE agency.")
    lead_credit_after = lexicon.compiled("agency credit after its name in the lead", lambda lex: re.compile(
        rf",[ \t]+(?:the[ \t]+)?(?P<wire>[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){{0,3}})[ \t]+"
        rf"{lex.alternation('credit_verb_after')}[ \t]*\.[ \t]*$", re.MULTILINE))
    for pattern in (lead_credit, lead_credit_after):
        for m in pattern.finditer(text, 0, AGENCY_CREDIT_CHARS):
            # "..., reports UNB." or "..., Anadolu Agency reports." closing a paragraph near the top: the
            # credit of a page that carries the agency's story ("..., Reuters reported." is the page's own
            # reporting citing it: its hop runs from its cue on)
            name = m.group("wire").rstrip(".")
            if listed_agency(name, lexicon, publisher):
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
    for pattern, since, until in ((_WITH_CREDIT, len(text) - CLOSING_LINE_CHARS, len(text)),
                                  (_CLOSING_LINE, len(text) - CLOSING_LINE_CHARS, len(text)),
                                  (_CLOSING_BRACKET_LINE, len(text) - CLOSING_LINE_CHARS, len(text)),
                                  (_CLOSING_NAME, len(text) - CLOSING_LINE_CHARS, len(text)),
                                  (LISTED_NAME, 0, LEAD),
                                  (_PIPED_PARTICULARS, 0, LEAD)):
        # (a photo's credit in a bullet is no credit of the story: "• AFP/Getty Images"; nor a caption's
        # bracket: "The Apple logo is seen ... July 15, 2020. (Reuters)", a line shorter than a paragraph)
        m = next((m for m in pattern.finditer(text, max(0, since), until)
                  if listed_agency(m.group("wire"), lexicon, publisher) and not names_a_photo(m.group(), lexicon)
                  and not (pattern is _CLOSING_BRACKET_LINE and len(_line_of(text, m.start()).split()) <= _CAPTION_WORDS)),
                 None)
        if m is not None:
            yield WireSignal(m.start("wire"), m.end("wire"), m.group("wire"), "credit")
    if (closing := _closing_outlet_line(text, lexicon, publisher)) is not None:
        # "... during the G7 summit.\n\nNHK": another outlet than an agency named alone on the page's last
        # line, the story's credit (an agency's name there is read above)
        yield WireSignal(*closing, "syndication")
    for m in _REPORTED_BY_LINE.finditer(text, max(0, len(text) - CLOSING_LINE_CHARS)):
        # "– Reported by Asia Today; translated by UPI": the outlet's story, in the translator's copy
        wire = named_outlet(m.group("wire"), lexicon, publisher) or capitalised(m.group("wire"))
        if wire is not None and (lexicon.looks_like_outlet(wire) or m.group("via")):
            yield WireSignal(m.start("wire"), m.start("wire") + len(wire), wire, "credit")
            if m.group("via") and (via := named_outlet(m.group("via"), lexicon, publisher) or capitalised(m.group("via"))):
                yield WireSignal(m.start("via"), m.start("via") + len(via), via, "syndication")
    signature = lexicon.compiled("reuters signature", lambda lex: re.compile(
        rf"\(?Reporting by [^\n]{{2,200}}?{lex.alternation('signature_role')} by", re.IGNORECASE))
    if (m := signature.search(text)) is not None and wire_name("Reuters", lexicon, publisher):
        yield WireSignal(m.start(), m.end(), "Reuters", "credit")
    own = publisher_forms(publisher, lexicon)
    m = _OPENING_CREDIT.match(text)
    if m is None or m.group("own").lower() not in own:
        # (below the page's date and title lines, in brackets opening a line of its own)
        m = next((m for m in _LINE_CREDIT.finditer(text, 0, LEAD) if m.group("own").lower() in own), None)
    if m is not None and m.group("own").lower() in own:
        # "(MENAFN - Newsroom Panama) Former ...": the publisher, then the outlet it carries the story from
        # (the bracket holds the name alone, as written: "AzerNews", not the "Azer News" of a glued repetition)
        if (name := capitalised(m.group("wire")) or named_outlet(m.group("wire"), lexicon, publisher)) is not None:
            yield WireSignal(m.start("wire"), m.start("wire") + len(name), name, "syndication")
    if (m := next((m for m in _VIA_CREDIT.finditer(text[:LEAD]) if not _closes_caption(text, m.start(), lexicon)), None)) is not None:
        # "(Japan Economic Newswire Via Acquire Media NewsEdge)": the wire, then the service that carried it
        # (not a photo's credit closing its caption: "... in Kyiv on Dec. 1. (Jane Roe/Agency via Getty Images)")
        wire, via = (capitalised(m.group(g)) or named_outlet(m.group(g), lexicon, publisher) for g in ("wire", "via"))
        if wire is not None:
            yield WireSignal(m.start("wire"), m.start("wire") + len(wire), wire, "credit")
            if via is not None:
                yield WireSignal(m.start("via"), m.start("via") + len(via), via, "syndication")
    low = text.lower()
    pattern = _credit_phrases(tuple(sorted(p for p, kind in lexicon.furniture.items() if kind == "credit")))
    if pattern is not None:
        for m in pattern.finditer(low):
            after = text[m.end():m.end() + 80].split("\n")[0]
            name = named_outlet(after, lexicon, publisher)
            if name is None and m.group().rstrip().endswith(" on"):
                # "The post ... appeared first on Miningmx.": what follows "on" is a site, listed or not
                name = capitalised(after.strip().rstrip("."))
                name = None if name is None or name.lower() in publisher_forms(publisher, lexicon) else name
            if name is not None:
                yield WireSignal(m.end(), m.end() + 1, name, "syndication")


def _closing_outlet_line(text: str, lexicon: Lexicon, publisher: str | None) -> tuple[int, int, str] | None:
    """(start, end, name) of a listed outlet, no agency and not the page's own, whose name alone makes the
    text's last line; else None."""
    body = text.rstrip()
    start = body.rfind("\n") + 1
    line = body[start:].strip(" \t.")
    canonical = lexicon.canonical_outlet(line) if line and start > 0 and len(line.split()) <= 4 else None
    own = publisher_forms(publisher, lexicon)
    if canonical is None or lexicon.is_agency(line) or line.lower() in own or canonical.lower() in own:
        return None
    at = body.index(line, start)
    return at, at + len(line), line


def _one_source(listed: str, lexicon: Lexicon, publisher: str | None) -> str | None:
    """The outlet a "Source:" line credits: "Source: AFP", "[Source: Al-Jazeera/News Agencies]" (unnamed
    agencies beside one named outlet); None for a list of several named sources ("Source: PAP, Reuters,
    TVP Info, ec.europa.eu": what the page drew on, no one outlet's copy)."""
    own = publisher_forms(publisher, lexicon)
    # (the page's own name beside the agency is no other source: "Source: APP/DND" on DND)
    parts = [p for p in re.split(r"\s*[,;/]\s*|\s+and\s+", listed.strip(" .")) if p and p.lower() not in own]
    # ("Source: Ria": a listed agency's initials written as a word)
    # ("From:GlobalTimes": a listed name written without its spaces)
    names = [wire_name(p, lexicon, publisher) or (wire_name(p.upper(), lexicon, publisher) if p.isalpha() and len(p) <= 5
                                                  else None) or lexicon.outlet_written_together(p) for p in parts]
    if len(parts) == 1 and names[0] is None and (lexicon.looks_like_outlet(parts[0]) or " " not in parts[0]
                                                 and lexicon.outlet_shape.search(parts[0])):
        names = [parts[0]]  # an unlisted outlet alone: "Source: footballghana.com", "Source: Ghana News Agency"
    named = {w for w in names if w is not None}
    unnamed = [p for p, w in zip(parts, names) if w is None and not _outlet_noun(p, lexicon)]
    if len(named) != 1 or unnamed and len(parts) > 1:
        return None
    return named.pop()


def _described_outlet(text: str, listed: str, lexicon: Lexicon) -> str | None:
    """"Source: The Bell" on a page that says "told the website The Bell": a name no list has, which the
    text itself calls an outlet ("the website", "the newspaper" right before it)."""
    name = listed.strip(" .")
    if not name[:1].isupper() or len(name.split()) > 4 or re.search(r"[,;/]", name):
        return None
    bare = re.sub(r"^[Tt]he\s+", "", name)
    called = re.compile(rf"\b{lexicon.alternation('outlet_nominal')}\s+(?:the\s+)?{re.escape(bare)}\b",
                        re.IGNORECASE)
    return name if called.search(text) else None


def _outlet_noun(words: str, lexicon: Lexicon) -> bool:
    """Unnamed outlets: "News Agencies", "agencies", "wires"."""
    last = words.split()[-1].lower()
    forms = {last, last[:-1], last[:-3] + "y" if last.endswith("ies") else last}
    return any(lexicon.is_word("outlet_nominal", form) for form in forms)


def _photo_line(text: str, at: int, lexicon: Lexicon) -> bool:
    """The line holding ``at`` speaks of a photo ("Photo: © Sputnik / Jane Roe")."""
    from app.nlp.rules.furniture import names_a_photo
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return names_a_photo(text[start:end if end >= 0 else len(text)], lexicon)


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


def _closes_caption(text: str, at: int, lexicon: Lexicon) -> bool:
    """The bracket at ``at`` closes a sentence on its line and credits a photo: a photographer and an agency
    ("(Jane Roe/AP via Getty Images)") or a photo word; not a story's credit ("... (Reuters via Yahoo News)")."""
    line = text[text.rfind("\n", 0, at) + 1:at].rstrip()
    bracket = text[at:text.find(")", at) + 1]
    photo = lexicon.compiled("photo word", lambda lex: re.compile(rf"\b{lex.alternation('photo_word')}s?\b", re.IGNORECASE))
    return len(line.split()) >= 4 and line[-1:] in ".!?" and ("/" in bracket or photo.search(bracket) is not None)


def _between_headline_and_story(text: str, start: int, end: int) -> bool:
    """The line at start..end stands under a headline (the line before it: a few words, no closing stop)
    and over the story (the line after it: a paragraph of fifteen words or more)."""
    before = [line.strip() for line in text[:start].split("\n") if line.strip()]
    after = next((line.strip() for line in text[end:].split("\n") if line.strip()), "")
    if not before or not after:
        return False
    headline = before[-1]
    return 3 <= len(headline.split()) <= 20 and headline[-1] not in ".:;," and len(after.split()) >= 15


def _line_of(text: str, at: int) -> str:
    """The line of `text` that holds offset `at`."""
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:end if end >= 0 else len(text)]
