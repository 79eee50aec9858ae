"""The agency's own reporting, read for the wire rule (app/nlp/rules/wire.py): its staff ("an AFP
photographer said"), a document it saw ("a report seen by AFP"), sources telling it twice ("two sources
told Reuters"), or once in the lead, under a dateline that names no agency or from an unnamed source, on
a page that shows no reporting of its own."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from app.nlp.context import Context
from app.nlp.evidence import WireSignal
from app.nlp.rules.wire_datelines import BARE_DATELINE, LEAD, story_lead_end, tagged_place
from app.nlp.rules.wire_names import longest_outlet, publisher_forms


def agency_reporting(ctx: Context) -> Iterator[WireSignal]:
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
    # ... or in the plural with no article: "Reuters reporters saw sparse turnout", "polling centres Reuters
    # reporters visited" (not "Reuters reporters Wa Lone and Kyaw Soe Oo", a story about them)
    staff_plural = lexicon.compiled("agency staff, plural", lambda lex: re.compile(
        rf"\b{name_group}\s+{lex.alternation('outlet_staff')}s\b(?!\s+[A-Z])"))
    gathered_to = lexicon.compiled("gathered to", lambda lex: re.compile(
        rf"\b{lex.alternation('gathered_to')}\s+to\s+(?:the\s+)?{name_group}"))
    # ("dpa was unable to contact sources": an agency whose name is written in lower case too)
    unverified = lexicon.compiled("unverified", lambda lex: re.compile(
        rf"\b(?P<name>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){{0,3}}|[a-z]{{2,5}})\s+{lex.alternation('unverified')}\s+(?:[a-z]+ly\s+)?"
        rf"{lex.alternation('check_verb')}\b"))
    others: Counter[str] = Counter()  # an outlet than no agency that gathered something itself
    for pattern in (told_outlet, gathered_by, staff_of, staff_plural, gathered_to, unverified):
        for m in pattern.finditer(text):
            if pattern is staff_plural and not _staff_gathering(ctx, m.end() - 1):
                continue  # ("the detention of Reuters reporters", "AFP photographers were among the injured")
            name = longest_outlet(m.group("name"), lexicon, shaped=pattern is not told_outlet)
            if name is None:
                continue
            if lexicon.canonical_outlet(name) is None:
                # ("a statement seen by Radio Dabanga", "Radio Dabanga was not immediately able to obtain
                # comment": an unlisted outlet's own newsgathering, counted apart)
                if name.lower() not in own:
                    others[name] += 1
                    first.setdefault(name, (m.start("name"), m.start("name") + len(name), name))
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
                    lead_end = story_lead_end(ctx) if lead_end is None else lead_end
                    if m.start() < lead_end:
                        in_lead.add(canonical)
                else:
                    gathered.add(canonical)
                first.setdefault(canonical, (m.start("name"), m.start("name") + len(name), name))
    if own_reporting(lexicon).search(text) or any(re.search(rf"\b{re.escape(f)}'s\b", text, re.IGNORECASE) for f in own if len(f) > 2):
        return
    # another outlet than an agency ("told Axios") only when sources tell it three times: a page that
    # carries that outlet's story, not one citing its interview
    # ... and an outlet than no agency whose own newsgathering the page shows twice (a page that carries
    # its story: "a statement seen by Radio Dabanga" and "Radio Dabanga was not able to obtain comment")
    gathered |= {o for o, n in others.items() if n >= 2}
    agencies = {c for c in told if lexicon.is_agency(c) or told[c] >= 3} | gathered
    if len(agencies) != 1:
        return
    canonical, = agencies
    if canonical in gathered or canonical in in_lead or told[canonical] >= 2 or canonical in unnamed \
            or BARE_DATELINE.search(text[:LEAD]) is not None or _colon_dateline(ctx):
        start, end, name = first[canonical]
        # ("gathered": what the agency gathered itself, not only what sources told it)
        yield WireSignal(start, end, name, "gathered" if canonical in gathered else "reporting")


def _staff_gathering(ctx: Context, at: int) -> bool:
    """The staff word at char `at` is the subject of an active verb: the agency's people did something
    ("Reuters reporters saw", "the centres Reuters reporters visited"), not a story about them ("the
    detention of Reuters reporters", "freed jailed Reuters reporters", "were among those injured")."""
    span = ctx.doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    staff = span[0]
    return staff.dep_ == "nsubj" and staff.head.pos_ == "VERB" \
        and not any(c.dep_ in ("auxpass", "neg") for c in staff.head.children)


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
    return any(tagged_place(ctx, m.start("place"), m.end("place")) for m in _COLON_PLACE.finditer(ctx.text, 0, LEAD))


def own_reporting(lexicon) -> re.Pattern:
    """The page naming its own reporting ("our correspondent", the lexicon's ``own_reporting``)."""
    return lexicon.compiled("own reporting", lambda lex: re.compile(rf"\b{lex.alternation('own_reporting')}\b",
                                                                    re.IGNORECASE))
