"""Outlets among an article's sources: an outlet named by a listed name, an alias, its short name or an
acronym ("the Times" after "The New York Times", "CRI" after "China Radio International"), the name inside
an outlet phrase ("the Rossiya 24 TV channel"), a pointer back ("the agency", "the Norwegian daily"), and
an outlet's report standing for it ("the report said", "..., said report"). Part of the speakers' step
(app/nlp/resolve/speakers.py), which owns the registry these functions read and write.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.nlp.evidence import Mention
from app.nlp.lexicon import Lexicon, trie_alternation
from app.nlp.rules.furniture import names_a_photo

if TYPE_CHECKING:
    from app.nlp.resolve.speakers import _Registry

LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


POINTING = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}


def name_inside(reg: _Registry, m: Mention) -> str | None:
    """The outlet's name inside an outlet phrase ("the [Rossiya 24] TV channel", "the state [SANA] news
    agency", "the [Reuters] news agency"): a run of proper nouns that is a listed outlet, an acronym, or a
    name with a number; not a place or a platform describing unnamed outlets ("the Skopje daily",
    "Russian Telegram channels")."""
    span = reg.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    runs, run = [], []
    for t in span:
        joined = run and t.idx == run[-1].idx + len(run[-1])  # "Al-Arabiya": no space inside the name
        medium = reg.lexicon.is_word("outlet_nominal", t.lower_) or reg.lexicon.is_word("medium", t.lower_)
        if not medium and (t.pos_ == "PROPN" or t.like_num and run or joined and (t.text == "-" or t.pos_ == "PROPN")):
            run.append(t)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    for run in sorted((r for r in runs if r), key=len, reverse=True):
        while run and run[-1].text == "-":
            run = run[:-1]
        if not run:
            continue
        if any(t.is_alpha and t.lower_ not in reg.lexicon.outlet_words for t in span if t.i > run[-1].i):
            continue  # "the U.N. [refugee] agency": what follows the name makes it no outlet's
        name = reg.text[run[0].idx:run[-1].idx + len(run[-1])]
        if reg.lexicon.canonical_outlet(name) or name.isupper() and 2 <= len(name) <= 6 \
                or any(t.like_num for t in run) and run[0].is_title or reg.lexicon.looks_like_outlet(name):
            return name
    return None


def named_like(reg: _Registry, m: Mention) -> int | None:
    """"The agency noted ..." after "The IAEA said ...": the latest speaker whose name (or description) ends
    in the noun, spelled out ("International Atomic Energy Agency") or as the acronym the text introduced for it
    ("... Energy Agency (IAEA)")."""
    noun = reg.doc[m.head].lower_
    for start, idx in reversed(reg.history):
        if start >= m.start:
            continue
        src = reg.sources[idx]
        if src.type not in ("organization", "outlet", "unknown"):
            continue
        words = src.name.lower().split()
        if words[-1:] == [noun] or any(d.lower().split()[-1:] == [noun] for d in src.descriptors):
            return idx  # (or described so: "the agency" after "Russian space agency Roscosmos")
        if src.name.isupper() and re.search(rf"\b{re.escape(noun)}\s*\(\s*{re.escape(src.name)}\s*\)", reg.text, re.IGNORECASE):
            return idx
    return None


def described_outlet(reg: _Registry, m: Mention) -> int | None:
    """"the Norwegian daily" after "an interview with Norwegian Aftenposten newspaper" (and another outlet
    named since): the latest outlet the text wrote with the pointer's modifiers next to it."""
    span = reg.doc.char_span(m.start, m.end, alignment_mode="expand")
    mods = [t.text for t in span if t.i != m.head and t.pos_ in ("ADJ", "PROPN")] if span is not None else []
    if not mods:
        return None
    best, best_at = None, -1
    for idx, src in enumerate(reg.sources):
        if src.type != "outlet":
            continue
        for s, e in src.mentions:
            context = reg.text[max(0, s - 40):e + 20]
            if best_at < s < m.start and all(re.search(rf"\b{re.escape(w)}\b", context) for w in mods):
                best, best_at = idx, s
    return best


def initials_of(reg: _Registry, name: str) -> int | None:
    """The outlet or organization the text named before whose capitalised words' initials an unlisted
    acronym spells ("CRI" for "China Radio International"), when exactly one does."""
    found = [idx for idx, src in enumerate(reg.sources) if src.type in ("outlet", "organization")
             and spells_initials(name, src.name)]
    return found[0] if len(found) == 1 else None


def spells_initials(acronym: str, name: str) -> bool:
    """Whether `acronym` ("UP", "CRI") spells the initials of the capitalised words of `name` (two or more:
    "Ukrainska Pravda", "China Radio International")."""
    if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 6):
        return False
    words = [w for w in name.split() if w[:1].isupper()]
    return len(words) >= 2 and "".join(w[0] for w in words) == acronym


def outlet_name(reg: _Registry, text: str) -> tuple[str, str] | None:
    """(canonical name, the name as the text writes it) of a listed outlet the phrase names."""
    lex = reg.lexicon
    if (name := lex.canonical_outlet(text)) is not None:
        return name, surface_name(reg.lexicon, text)
    # "the publication Axios", "the Axios website": an outlet's name inside the phrase (but not the start
    # of a longer name the tagger cut short: "Radio Television" of "Radio Television of Afghanistan")
    whole = surface_name(lex, text)
    for match in reg.outlet_positions:
        if match[2] in text:
            if lex.canonical_outlet(match[2]) is None and whole.startswith(match[2] + " ") and whole[:1].isupper() \
                    and lex.looks_like_outlet(whole) and all(w[:1].isupper() or w.islower() and len(w) <= 3
                                                             for w in whole.split()):
                return whole, whole
            words = whole.split()
            while len(words) > 1 and words[-1].islower() and words[-1] in lex.outlet_words:
                words.pop()  # ("the Super Express tabloid")
            core = " ".join(words)
            if core.endswith(" " + match[2]) and " " not in match[2] and all(w[:1].isupper() for w in words) \
                    and not any(t.text == words[0] and (t.ent_type_ in ("GPE", "NORP") or t.pos_ == "ADJ")
                                for t in reg.doc):
                # "the Super Express tabloid": a one-word listed name closing a longer name is that other outlet's
                # (not with a nation before it: "Polish Express")
                return core, core
            return lex.canonical_outlet(match[2]) or match[2], surface_name(reg.lexicon, match[2])
    return None


def surface_name(lexicon: Lexicon, name: str) -> str:
    """An outlet's name as the text writes it, without a leading article, a possessive or the medium:
    "AFP", "RIA Novosti" (from "the RIA Novosti agency")."""
    name = LEADING_ARTICLE.sub("", name.strip())
    for suffix in ("'s", "\u2019s"):
        name = name.removesuffix(suffix)
    if (m := lexicon.medium_suffix.search(name)) and m.start() > 0 and m.group().strip().islower():
        name = name[:m.start()]  # "the RIA Novosti agency", but "Anadolu Agency" is the name itself
    return name


def outlet_source(reg: _Registry, canonical: str, surface: str) -> int:
    """The outlet's source: one per canonical name in the article ("AFP" and "Agence France-Presse" are
    one), named as the text first wrote it, which is the name an analyst reading the article sees."""
    if ("outlet:" + canonical.lower()) not in reg.by_key and (short := LEADING_ARTICLE.sub("", surface or canonical)):
        # "the Times" after "The New York Times", "the Post" after "The Washington Post": the outlet's short name
        longer = [idx for idx, src in enumerate(reg.sources) if src.type == "outlet" and len(src.name) > len(short)
                  and re.search(rf"\s{re.escape(short)}$", src.name)]
        if len(longer) == 1:
            return longer[0]
    if not surface or canonical.lower() == "the " + surface.lower():
        surface = canonical  # "The Telegraph" keeps its article
    elif surface not in reg.lexicon.outlets and "The " + surface in reg.lexicon.outlets:
        surface = "The " + surface  # and so does an alias listed with it ("The News")
    return reg.add("outlet:" + canonical.lower(), surface, "outlet")


def last_outlet(reg: _Registry, at: int, exclude: frozenset[int] = frozenset()) -> int | None:
    """The most recent outlet named before `at` (outside the publisher's credit line, and not a photo's
    credit: "... | Photo: EFE" names the picture's agency, not one the text goes on about), other than the
    sources in `exclude`."""
    best = None
    for start, _end, name in reg.outlet_positions:
        if start >= at:
            break
        if names_a_photo(reg.text[reg.text.rfind("\n", 0, start) + 1:_end], reg.lexicon):
            continue  # (the credit after a photo's label on its line; an outlet before it on the line counts)
        if exclude and reg.by_key.get("outlet:" + (reg.lexicon.canonical_outlet(name) or name).lower()) in exclude:
            continue
        best = name
    if best is None:
        return None
    canonical = reg.lexicon.canonical_outlet(best) or best
    return outlet_source(reg, canonical, surface_name(reg.lexicon, best))


def report_of(reg: _Registry, m: Mention, text: str) -> int | None:
    """"the report said" after "according to a report by the Economic Times" (or "X's report", "an Axios
    report", "Axios reported"): the source whose report it is, which spoke before, so that the outlet is
    the speaker and no hop of its own claims. Only a bare pointer ("the report", "this article"), and only
    when the text has introduced no other such document in between ("a new report by the UN")."""
    words = text.lower().split()
    bare = len(words) == 1 and reg.doc[m.head].tag_ == "NN"  # "..., said report.", as South Asian English writes
    if not bare and (len(words) != 2 or words[0] not in POINTING):
        return None
    noun = re.escape(reg.doc[m.head].lemma_.lower())
    # ("..., reported Reuters", "as reported by Turkey's state-run Anadolu Agency")
    # (not "a UN report, first reported in the Guardian": the report is the UN's)
    # ("..., reports Malay Mail on Friday": the outlet named after its verb)
    before = re.compile(rf"(?:\b{noun}(?:s?\s+(?:by|from|of|in)|ed|s)|\bas\s+{noun}ed\s+(?:by|in)(?:\s+[\w'’-]+){{0,3}})\s+$",
                        re.IGNORECASE)
    after = re.compile(rf"^(?:['’]s?\s+(?:\w+\s+)?{noun}\b|\s+{noun}(?:ed)?s?\b)", re.IGNORECASE)
    # ("According to government news agency Bernama, ...": an outlet the text cites reports)
    cited = reg.lexicon.compiled("cited outlet before", lambda lex: re.compile(
        rf"\b{lex.phrase_alternation('according_to')}(?:\s+[\w'’.-]+){{0,4}}\s+$", re.IGNORECASE))
    def names_it(s: int, e: int, outlet: bool = True) -> bool:
        if not (s < m.start and (before.search(reg.text[max(0, s - 50):s]) or after.match(reg.text[e:e + 30])
                                 or outlet and cited.search(reg.text[max(0, s - 60):s]))):
            return False
        # no mention of the noun since then introduces another ("a new report by the UN", "an Axios report")
        return not _introduces(reg, noun, e, m.start)

    # the nearest source the text names as the report's ("Axios reported", "a report by the Economic Times")
    named: tuple[int, int] | None = None
    seen: set[int] = set()
    spoke: int | None = None  # the nearest outlet that spoke before ("NHK said on Saturday")
    for start, idx in reversed(reg.history):
        if start >= m.start or idx in seen:
            continue
        seen.add(idx)
        where = max((s for s, e in reg.sources[idx].mentions if names_it(s, e, reg.sources[idx].type == "outlet")),
                    default=None)
        if where is not None and (named is None or where > named[0]):
            named = (where, idx)
        if spoke is None and reg.sources[idx].type == "outlet" and not reg.sources[idx].pointer:
            spoke = idx
    # ... or an outlet the text named as the report's without its speaking ("X was quoted as saying in an
    # ABS-CBN report. According to the report, ...", "The Information reported ..., citing a person")
    listed = next(((s, name) for s, e, name in sorted(reg.outlet_positions, reverse=True) if names_it(s, e)), None)
    # ... or the outlet that spoke last, nearby, with no document named since ("..., public broadcaster NHK
    # said on Saturday. ..., the report said"; not after "its annual report", "a white paper"): also after
    # another outlet's report named before it ("..., the CNN reported. ... ., the BBC said. ..., the report said")
    last = max((e for _, e in reg.sources[spoke].mentions if e <= m.start), default=None) if spoke is not None else None
    between = reg.doc.char_span(last, m.start, alignment_mode="expand") if last is not None else None
    if between is None or reg.text.count("\n", last, m.start) > 2 \
            or any(t.pos_ == "NOUN" and reg.lexicon.is_word("document", t.lemma_) for t in between):
        last = None
    if listed is not None and (named is None or listed[0] > named[0]) and (last is None or listed[0] >= last):
        name = listed[1]
        return outlet_source(reg, reg.lexicon.canonical_outlet(name) or name, surface_name(reg.lexicon, name))
    if named is not None and (last is None or named[0] >= last):
        return named[1]
    return spoke if last is not None else None


def _introduces(reg: _Registry, noun: str, start: int, end: int) -> bool:
    """The text between `start` and `end` introduces a document of the noun ("a new report by the UN")."""
    return any(re.search(r"\b(?:a|an|another)\s+(?:[\w.-]+\s+){0,2}$", reg.text[max(start, k.start() - 40):k.start()],
                         re.IGNORECASE) for k in re.compile(rf"\b{noun}s?\b", re.IGNORECASE).finditer(reg.text, start, end))


def outlet_positions(text: str, lexicon: Lexicon, credit_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    pattern = outlet_pattern(lexicon)
    out = []
    for match in pattern.finditer(text):
        if any(s <= match.start() < e for s, e in credit_spans):
            continue
        out.append((match.start(), match.end(), match.group(0)))
    return out


_PATTERNS: dict[int, re.Pattern] = {}


def outlet_pattern(lexicon: Lexicon) -> re.Pattern:
    """Every listed name and alias, the longest first where several start at one place (see
    ``trie_alternation``)."""
    key = id(lexicon)
    if key not in _PATTERNS:
        # "The News" is no outlet in "The News Agency of Nigeria": a name of "The" and one word is the
        # outlet's only where no capitalised word goes on with it
        _PATTERNS[key] = re.compile(r"(?<![\w-])" + trie_alternation(
            lexicon.outlets, lambda name: r"(?![ \t]+[A-Z])" if re.fullmatch(r"The \w+", name) else "") + r"(?![\w-])")
    return _PATTERNS[key]
