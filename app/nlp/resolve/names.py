"""Names among an article's sources: a surname resolves to the full name it stands for in the article
("Dmitriev" → "Kirill Dmitriev"), the most recent one when two people share it; a name the tagger did not
take for a person's is one where a title or a role describes it ("energy expert Oleksii Dubovyk"); a name
already known as an outlet's or an organization's stands for it. Part of the speakers' step
(app/nlp/resolve/speakers.py), which owns the registry these functions read and write.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from app.nlp.evidence import Mention
from app.nlp.lexicon import Lexicon
from app.nlp.resolve.outlets import LEADING_ARTICLE, initials_of, outlet_name, outlet_source

if TYPE_CHECKING:
    from app.nlp.resolve.speakers import _Registry


def name_source(reg: _Registry, m: Mention, text: str) -> int:
    doc = reg.doc
    head = doc[m.head]
    clean = _titles(reg.lexicon).sub("", text.removesuffix("'s").removesuffix("\u2019s")).strip()
    label = head.ent_type_
    tokens = clean.split()
    # (a name the tagger took for a product's or a work's is as often a person's: '"...," Fahmi told reporters')
    is_person = label == "PERSON" or label in ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "") and bool(tokens) and (
        tokens[-1] in reg.person_surnames or len(tokens) == 1 and _only_name_with(reg, tokens[0], m.start) is not None)
    group = len(tokens) == 1 and (head.tag_ == "NNPS" or any(c.dep_ == "det" and c.lower_ == "the" for c in head.children))
    if is_person and group:
        is_person, label = False, "ORG"  # "the Houthis", "the Taliban": a group the tagger took for a person
    if not is_person and label in ("", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT") and 1 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens) \
            and any(reg.lexicon.is_word("title", w) or reg.lexicon.is_word("anonymous_head", w)
                    for d in m.descriptors for w in d.lower().split()):
        # "Deputy Minister of Economy Serhii Lytvynchuk", "energy expert Oleksii Dubovyk" with no PERSON
        # entity: a name described by a title or a role is a person,
        # and its surname alone names them later on
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            bisect.insort(reg.persons, (m.start, span), key=lambda p: p[0])
            reg.person_surnames.add(tokens[-1])
            is_person = True
    if (known := reg.by_key.get("outlet:" + LEADING_ARTICLE.sub("", clean).lower())) is not None:
        return reg.mention(known, m)  # "according to ThisDay" after "a report in ThisDay newspaper"
    if (known := initials_of(reg, clean)) is not None:
        return reg.mention(known, m)  # "said CRI" after "China Radio International said"
    if is_person and len(tokens) == 1 and (known := reg.by_key.get("org:" + clean.lower())) is not None:
        return reg.mention(known, m)  # "quoted Roscosmos as saying" after "space agency Roscosmos said"
    if is_person:
        full = full_name(reg, clean, m.start)
        return reg.mention(reg.add("person:" + full.lower(), full, "person"), m)
    if (outlet := outlet_name(reg, clean)) is not None:
        return reg.mention(outlet_source(reg, *outlet), m)
    name = LEADING_ARTICLE.sub("", clean)
    type_ = "organization" if label in ("ORG", "GPE", "NORP", "FAC") else ("person" if label == "PERSON" else "unknown")
    # "The Houthis", "the Taliban": a group named in the plural is what a later "they" points at
    plural = head.tag_ in ("NNPS", "NNS") or group and clean.endswith("s")
    return reg.mention(reg.add("org:" + name.lower(), name, type_, plural=plural), m)


def full_name(reg: _Registry, name: str, at: int) -> str:
    """The longest form of a person's name in the article: "Dmitriev" → "Kirill Dmitriev"."""
    surname = name.split()[-1]
    best = None
    for start, ent in reg.persons:
        if start <= at < ent.end_char and len(ent.text.split()) > len(name.split()):
            best = ent.text  # the name as the entity right here spells it out
            break
        if len(ent.text.split()) > len(name.split()) and ent.text.split()[-1] == surname:
            if start <= at or best is None:
                best = ent.text
            if start > at:
                break
    if best is None and len(name.split()) == 1:
        best = _only_name_with(reg, name, at)
    if best is None:
        return _titles(reg.lexicon).sub("", name).strip() or name  # ("Datuk Seri X" is X, however it is reached)
    words = best.removesuffix("'s").split()
    while len(words) > 2 and reg.lexicon.is_word("anonymous_head", words[0].lower()):
        words = words[1:]  # "Spokesperson Dr Hamid": the role the tagger took into the name
    return _titles(reg.lexicon).sub("", " ".join(words)).strip()


def _only_name_with(reg: _Registry, word: str, at: int) -> str | None:
    """The one full name earlier in the article (a person entity, or a person already speaking) that has
    this word other than last: "Wali" for "Ikhtiar Wali Khan", "Hong" for "Hong Lei" (names whose short
    form is not the last word); None when no name or two different ones have it."""
    names = {ent.text for start, ent in reg.persons if start <= at} | {
        src.name for src in reg.sources if src.type == "person"}
    names = {n for n in names if len(words := n.split()) > 1 and word in words[:-1]}
    # ("Wali Khan", the entity, and "Ikhtiar Wali Khan", the name as the speaker was introduced: one person)
    longest = {n for n in names if not any(o != n and o.endswith(" " + n) for o in names)}
    return longest.pop() if len(longest) == 1 else None


def _titles(lexicon: Lexicon) -> re.Pattern:
    """The abbreviated titles that open a name ("Dr. Jane Roe", "Gen Yurii Dovhan")."""
    return lexicon.compiled("honorifics", lambda lex: re.compile(
        rf"^(?:{lex.alternation('honorific')}\.?\s+)+", re.IGNORECASE))
