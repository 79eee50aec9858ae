"""The names wire copy gives agencies and outlets, read for the wire rule (app/nlp/rules/wire.py): the
agency a dateline or a credit names, without the part naming the page's own publisher ("NNN-SABA" on NAM
News Network's page), the names the publisher goes by, and the listed outlets a line or a run of words
names."""
from __future__ import annotations

import re

from app.nlp.lexicon import Lexicon

_TITLE_NAME = re.compile(r"(?:the[ \t]+)?(?P<name>[A-Z][\w.&'\u2019-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+)?[A-Z0-9][\w.&'\u2019-]*){0,5})")


def wire_name(name: str, lexicon: Lexicon, publisher: str | None, *, acronyms: bool = True) -> str | None:
    """The agency a dateline or credit names, as the text writes it, without the part naming the
    page's own publisher; None when it names no outlet ("(UPDATE 1)", "(File photo)"). With
    ``acronyms``, an unlisted all-capitals name ("(NNN-XYZ)") counts as an outlet."""
    name = name.strip(" .,")
    if "," in name:  # "(REUTERS, XINHUA)": two agencies' copy; the first named is the hop
        return next((w for part in name.split(",") if (w := wire_name(part, lexicon, publisher, acronyms=acronyms))),
                    None)
    if "/" in name and lexicon.canonical_outlet(name, credit=True) is None:
        # "(CBSNewYork/CBS News/AP)": several outlets' credits; the agency's copy is the hop, else the first named
        own = publisher_forms(publisher, lexicon)
        names = [w for part in name.split("/") if not _own(part, own)
                 and (w := wire_name(part, lexicon, publisher, acronyms=acronyms))]
        if len(names) > 1:
            return next((w for w in names if lexicon.is_agency(w, credit=True)), names[0])
    if lexicon.canonical_outlet(name, credit=True) is None and (listed := lexicon.outlet_in_capitals(
            name.upper() if name.islower() else name)) is not None:
        name = listed  # "(REUTERS)": the agency's name in capitals (or in lower case: "/tass/")
    parts = [p for p in re.split(r"\s*[-/]\s*", name) if p]
    if not parts or len(name) > 40 or any(ch.isdigit() for ch in name):
        return None
    own = publisher_forms(publisher, lexicon)
    kept = [p for p in parts if not _own(p, own)]
    if not kept:
        return None
    listed = [p for p in kept if lexicon.canonical_outlet(p, credit=True)]
    if lexicon.canonical_outlet(name, credit=True) and len(kept) == len(parts):
        return name
    if not listed and not (acronyms and all(p.isupper() and 2 <= len(p) <= 6 for p in kept)):
        return None
    return "-".join(kept) if len(kept) > 1 else kept[0]


def _own(part: str, own: set[str]) -> bool:
    """Whether a credit's part names the page's publisher: one of its names, alone or with more words
    after it ("UrduPoint News" on UrduPoint's page)."""
    part = part.strip().lower()
    return any(part == form or part.startswith(form + " ") for form in own)


def listed_agency(name: str, lexicon: Lexicon, publisher: str | None) -> bool:
    """A listed agency, named whole as the lexicon lists it (or in capitals: "BERNAMA"), and not the page's
    own publisher."""
    if name.isupper() and lexicon.canonical_outlet(name, credit=True) is None \
            and (listed := lexicon.outlet_in_capitals(name)) is not None:
        name = listed
    return lexicon.is_agency(name, credit=True) and wire_name(name, lexicon, publisher) == name


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
            forms.add("".join(words))  # "CBSNewYork"
    return forms


def named_outlet(text: str, lexicon: Lexicon, publisher: str | None) -> str | None:
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


def capitalised(words: str) -> str | None:
    """The words when each is capitalised (a name: "Newsroom Panama"), else None."""
    parts = words.split()
    return words.strip() if 1 <= len(parts) <= 5 and all(p[:1].isupper() for p in parts) else None


def uncapitalised(line: str) -> str:
    """A line's words in capitals written as a title ("for THE NEW YORK TIMES" -> "for The New York Times")."""
    return re.sub(r"\b[A-Z]{2,}\b", lambda w: w.group()[0] + w.group()[1:].lower(), line)


def outlet_in(line: str, lexicon: Lexicon, publisher: str | None) -> str | None:
    named = outlets_in(line, lexicon, publisher)
    return named[0] if named else None


def outlets_in(line: str, lexicon: Lexicon, publisher: str | None) -> list[str]:
    out = []
    for name in sorted(lexicon.outlets, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", line) and wire_name(name, lexicon, publisher):
            if not any(name in o for o in out):
                out.append(name)
    return out


def longest_outlet(words: str, lexicon: Lexicon, *, shaped: bool = False) -> str | None:
    """The outlet the words name, the longest run of them from the first ("Reuters on Monday" -> "Reuters",
    "Kyodo News's" -> "Kyodo News"): a listed one, or with ``shaped`` one shaped like an outlet's name."""
    tokens = words.split()
    for n in range(len(tokens), 0, -1):
        name = " ".join(tokens[:n]).rstrip(".,'\u2019")
        if name.endswith(("'s", "\u2019s")):
            name = name[:-2]
        if lexicon.canonical_outlet(name) or shaped and lexicon.looks_like_outlet(name):
            return name
    return None
