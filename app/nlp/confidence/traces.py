"""What each line of a claim's trace (``why``) says, as a feature name.

The rules write their trace as readable sentences; the confidence model needs to know only what kind of
decision each line records: which rule found the cue and span, how the speaker was found, and from which
relay layer each hop came. Lines are read by their opening words, the way the rules and the resolver
start them ("reported: ...", "speaker: subject of the cue", "hop Axios: frame opened in paragraph 1"),
so rewording the rest of a line changes nothing here. A line no entry reads is ``None``; the test suite
checks that every line the engine writes on the development gold has a kind.
"""
from __future__ import annotations

import re

FRAME_OPENED = "frame opened in paragraph"
"""How the resolver (app/nlp/resolve/frames.py) gives the reason of a hop a claim inherits from an outlet's
frame opened earlier in the page: "hop Axios: frame opened in paragraph 1"."""
_INHERITED = re.compile(rf"hop .+?: {FRAME_OPENED}\b")

SPOKEN_TO = "the speaker spoke to it"
"""How a rule opens the reason of a hop the speaker talked to ("told Reuters", "in an interview with
Axios"): "hop Reuters: the speaker spoke to it, the addressee of 'told'". The resolver's hops that carry
such an interview to the speaker's other claims say "interview" ("the same speaker's interview goes on")."""
_SPOKEN = re.compile(rf"hop .+?: (?:{SPOKEN_TO}\b|the (?:same speaker's )?interview\b)")


# (kind, pattern), first match wins. A "hop NAME: reason" line is read by its reason.
_KINDS: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(pattern)) for kind, pattern in (
    # the relay layers the resolver adds (app/nlp/resolve/relay.py), then the hops the rules found in
    # the claim's own attribution
    ("hop:publisher", r"hop .+?: the publisher\b"),
    ("hop:wire", r"hop .+?: (?:wire copy|the wire dateline)\b"),
    ("hop:frame", rf"hop .+?: (?:{FRAME_OPENED}|the lead's 'Source:' line)"),
    ("hop:carried", r"hop .+?: the (?:same speaker\b|interview the same speaker)"),
    ("hop:own", r"hop .+?: "),
    # how the speaker was found: the parse's own argument of the cue, another argument the parse gives
    # (an object, an agent, whom a verb quotes), the speaker of claims before, or the words nearest the cue
    ("speaker:subject", r"speaker: subject of the cue"),
    ("speaker:argument", r"speaker: (?:the object of|agent of|whom|the possessor|the source|'[^']+ by'|who issued)"),
    ("speaker:carried", r"speaker: (?:the previous claim's|.+, the paragraph's source|.+, the outlet whose frame)"),
    ("speaker:surface", r"speaker: (?:the (?:phrase|name|person)|named after)"),
    # how the span was settled after the rule found it
    ("span:direct", r"direct: "),
    ("span:mixed", r"mixed: "),
    ("span:cut_at_next_cue", r"ends before (?:the same speaker's next cue|the closing credit)|one of the clauses a repeated 'that' opens"),
    ("span:after_dateline", r"starts after the dateline"),
    ("nested", r"nested in what .+ reports"),
    ("nested", r"'.+' is nested in it"),
    ("nested", r"the quotation inside it is part of what was reported"),
    # the line a rule opens its trace with: "<rule id>: ..."
    ("cue", r"(?!speaker:)[a-z_]+: "),
))


def inherited_from_frame(line: str) -> bool:
    """Whether a trace line records a hop inherited from an outlet's frame opened earlier in the page
    (not the lead's 'Source:' line, which credits the whole page, nor a hop the claim's own words name)."""
    return _INHERITED.match(line) is not None


def spoken_to(line: str) -> bool:
    """Whether a trace line records a hop the speaker talked to: their words first reached the world
    through that outlet ("X told Reuters", and X's claims of the same interview)."""
    return _SPOKEN.match(line) is not None


def trace_kind(line: str) -> str | None:
    """The kind of decision one trace line records (``"hop:frame"``, ``"speaker:subject"``, ``"cue"``, ...),
    or None when no entry reads it."""
    for kind, pattern in _KINDS:
        if pattern.match(line):
            return kind
    return None


TRACE_KINDS: tuple[str, ...] = tuple(dict.fromkeys(kind for kind, _ in _KINDS))
