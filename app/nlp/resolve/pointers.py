"""Mentions that point back at a source: "he"/"she" to the most recent person speaking (or, failing that,
the most recent person the narration made a subject), "they" to a group, "it" to an organization, outlet
or document; "the Russian envoy", "the official" to the most recent source described by that noun;
"another" to another unnamed source of the same kind. Part of the speakers' step
(app/nlp/resolve/speakers.py), which owns the registry these functions read and write.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from app.nlp.evidence import Mention, SourceEntity
from app.nlp.mentions import mention_from_head
from app.nlp.resolve.names import full_name
from app.nlp.resolve.outlets import LEADING_ARTICLE, outlet_name

if TYPE_CHECKING:
    from app.nlp.lexicon import Lexicon
    from app.nlp.resolve.speakers import _Registry

_SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
_PLURAL_PRONOUNS = {"they", "them"}
_PP_TAIL = re.compile(r"\s+(?:of|at|for|in|from|with)\s.*$", re.IGNORECASE)


def _gender(reg: _Registry, src: SourceEntity) -> str | None:
    """"f", "m", or None when the article does not say: from the words of the source's descriptors and
    mentions ("Ms. Okafor", "fiancée of ..."). Pronouns already resolved to it are no evidence: one
    wrong guess would then steer every later one."""
    words: set[str] = set()
    for d in src.descriptors:
        words.update(d.lower().split())
    for start, end in src.mentions:
        words.update(reg.text[start:end].lower().split()[:1])
    # words that tell a person's gender where the article gives it ("Ms. Okafor", "his wife, Ana", "the
    # spokeswoman"), so that "he" never picks a woman and "she" never a man
    female, male = bool(words & reg.lexicon.words["female"]), bool(words & reg.lexicon.words["male"])
    return "f" if female and not male else "m" if male and not female else None


def pronoun_source(reg: _Registry, m: Mention, text: str, subjects) -> int | None:
    low = text.lower()
    clash = {"he": "f", "him": "f", "she": "m", "her": "m"}.get(low)
    want: set[str]
    if low in _SINGULAR_PRONOUNS:
        # "The head of the internal investigators told the court ... She also said": a described
        # speaker of unknown type is a person too when a "she" picks it up
        want = {"person", "anonymous", "unknown"}
    elif low in _PLURAL_PRONOUNS:
        want = {"anonymous", "organization", "outlet", "unknown"}
    elif low == "it":
        want = {"organization", "outlet", "document", "unknown"}
    else:
        return None
    history = list(reversed(reg.history))
    if low in _PLURAL_PRONOUNS:
        # "they" after "the U.S. Central Command said ..." and "The Houthis said ...": a group named in
        # the plural before a body named in the singular
        history.sort(key=lambda h: not (reg.sources[h[1]].plural and reg.sources[h[1]].type != "anonymous"
                                        and h[0] < m.start and reg.text.count("\n", h[0], m.start) <= 3))
    for start, idx in history:
        if start >= m.start:
            continue
        src = reg.sources[idx]
        if src.type not in want:
            continue
        if low == "it" and (nearer := _organization_before(reg, m, subjects, history, after=start)) is not None:
            return nearer  # "Toyota said ... . Japan's Denso cut its forecast. It said ...": the nearer one
        if low in _SINGULAR_PRONOUNS and src.plural:
            continue  # "officials said ... He added", "early results showed ... He alleged"
        if low in _PLURAL_PRONOUNS and src.type == "anonymous" and not src.plural:
            continue
        if clash is not None and _gender(reg, src) == clash:
            continue  # "he" after a speaker the article calls a fiancée, "she" after "Mr. Smith"
        # a person the narration introduces in the pronoun's own paragraph or the one before, after a
        # speaker from an earlier paragraph, is the likelier antecedent ("X spoke at a press conference.
        # / 'We know what we need,' he said.")
        para = reg.text.rfind("\n", 0, m.start)
        prev_para = reg.text.rfind("\n", 0, max(0, len(reg.text[:para].rstrip())))
        later = [ent for s, ent in subjects if start < s < m.start and (s > para > start or s > prev_para > start)
                 and ent.label_ == "PERSON"]
        if low in _SINGULAR_PRONOUNS and later:
            ent = later[-1]
            return reg.mention(_introduced(reg, ent), m)
        return reg.mention(idx, m, [])
    if low == "it":
        return _organization_before(reg, m, subjects, history)
    if low in _SINGULAR_PRONOUNS:
        for s, ent in reversed(subjects):
            if s >= m.start or ent.label_ != "PERSON" or reg.lexicon.canonical_outlet(ent.text):
                continue  # (nor an outlet's name the tagger took for a person's: "Politico reports this")
            full = full_name(reg, ent.text, ent.start_char)
            known = reg.by_key.get("person:" + full.lower())
            if clash is not None and known is not None and _gender(reg, reg.sources[known]) == clash:
                continue
            return reg.mention(_introduced(reg, ent), m)
        # no person anywhere before: a one-word name that spoke, which the tagger took for an organization
        # ("Kanaani said ... he said": foreign surnames often are), in the paragraph or the one before
        for start, idx in history:
            src = reg.sources[idx]
            if start < m.start and reg.text.count("\n", start, m.start) <= 4 and src.type == "organization" \
                    and src.key.startswith("org:") and len(src.name.split()) == 1 and src.name.istitle() \
                    and not reg.lexicon.is_word("institution", src.name.lower()) and not src.plural \
                    and not reg.lexicon.looks_like_outlet(src.name):
                src.type = "person"  # "he" says what the tagger did not
                return reg.mention(idx, m, [])
    return None


def _organization_before(reg: _Registry, m: Mention, subjects, history=(), *, after: int = -1) -> int | None:
    """The organization the narration made a subject last before the mention, in its paragraph or the two
    before it, and after ``after`` (a char offset); none that the text names as an outlet."""
    para = reg.text.rfind("\n", 0, m.start)
    for s, ent in reversed(subjects):
        if s >= m.start or ent.label_ != "ORG":
            continue
        if s <= after or reg.text.count("\n", s, max(para, s)) > 2:
            return None
        name = LEADING_ARTICLE.sub("", ent.text.removesuffix("'s").removesuffix("\u2019s")).strip()
        if not name or reg.lexicon.canonical_outlet(name) or reg.lexicon.looks_like_outlet(name) \
                or outlet_name(reg, name) is not None:  # ("a Xinhua report": the outlet's, not an organization)
            continue
        return reg.add("org:" + name.lower(), name, "organization")
    return None


def _introduced(reg: _Registry, ent) -> int:
    """The person the narration introduced ("Egyptian Foreign Minister Badr Abdelatty held a press
    conference"), with the name and the title it gave them: a later "the minister" finds them by it."""
    full = full_name(reg, ent.text, ent.start_char)
    idx = reg.add("person:" + full.lower(), full, "person")
    named = mention_from_head(reg.doc, ent.root, reg.lexicon)
    if named is not None and named.form == "name":
        reg.mention(idx, named)
    return idx


def _coordinated(reg: _Registry, src) -> bool:
    """The source was named as a coordination of two ("the army and a source from the group"): a group
    that a later mention of one of them does not point back at."""
    for start, end in src.mentions[:1]:
        span = reg.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(c.dep_ == "conj" and c.i < span.end for c in span.root.children):
            return True
    return False


def nominal_source(reg: _Registry, m: Mention, text: str, subjects=()) -> int | None:
    """"the Russian envoy" → the most recent source whose name or descriptors share the head noun
    (and the modifiers, when the mention has them)."""
    doc = reg.doc
    head = doc[m.head]
    noun = head.lemma_.lower()
    mods = {t.lower_ for t in doc[head.left_edge.i:head.i] if t.pos_ in ("ADJ", "PROPN", "NOUN")}
    if not mods and reg.lexicon.is_word("generic_pointer", noun):
        # "a senior Egyptian official told ... / The source said": whichever unnamed source spoke last
        plural = head.tag_ in ("NNS", "NNPS")
        for start, idx in reversed(reg.history):
            src = reg.sources[idx]
            if start < m.start and src.type == "anonymous" and src.plural == plural:
                return idx
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    # "the press service of the Ministry of Defense" is not "the press service of the General Staff"
    names = {t.lower_ for t in span if t.pos_ == "PROPN"} if span is not None else set()
    best, best_score = None, 0
    # a nation or place among the mention's modifiers names whose they are ("the Estonian foreign minister")
    places = {t.lower_ for t in doc[head.left_edge.i:head.i] if t.ent_type_ in ("NORP", "GPE")}
    for idx, src in enumerate(reg.sources):
        # (a person's titles where the text named them in full count wherever it later names them by surname:
        # "Latvian Foreign Minister Edgars Rinkevics ... Rinkevics states ... The minister")
        descriptors = [*src.descriptors, *_titles(reg, src, m.start)] if src.type == "person" else src.descriptors
        words = " ".join([src.name, *descriptors]).lower()
        # a person is what their descriptors' heads say: "lead negotiator of the IG Metall union" is no union
        # ... and "the opposition" is not "opposition leader Nelson Chamisa": a description's last word is its head
        # ... and "the government" is not "a government source": an unnamed source is what its head noun says
        # ... and "the official" is not "the official news agency WAM": nor is an outlet
        heads = " ".join([src.name, *(_PP_TAIL.sub("", d).split()[-1] for d in descriptors if d.strip())]).lower() \
            if src.type == "person" else " ".join(_PP_TAIL.sub("", d).split()[-1] for d in (src.name, *descriptors)
                                                  if _PP_TAIL.sub("", d).strip()).lower() \
            if src.type in ("anonymous", "organization") else _outlet_heads(reg, src) if src.type == "outlet" else words
        if not re.search(rf"\b{re.escape(noun)}s?\b", heads):
            continue
        if head.tag_ == "NNS" and src.type in ("anonymous", "person") and not src.plural:
            continue  # "Another official insisted ... The officials also explained": the group, not the one
        if src.type == "person" and places - set(re.findall(r"[\w'-]+", words)) and not _unnamed_country(reg, span, words):
            continue  # "Polish Foreign Minister X ... The Estonian foreign minister": another's
        if _coordinated(reg, src) and " and " not in text.lower():
            continue  # "the Israeli army and a source from the group said ... The Israeli army said": the army alone
        if names and not all(re.search(rf"\b{re.escape(w)}\b", words) for w in names) \
                and not (src.type == "person" and _unnamed_country(reg, span, words)):
            continue
        score = 1 + sum(1 for w in mods if w in words)
        last_seen = max((s for s, _ in src.mentions if s < m.start), default=-1)
        if last_seen < 0:
            continue
        if score > best_score or (score == best_score and best is not None and last_seen > best[1]):
            best, best_score = (idx, last_seen), score
    # a person introduced with that title outside any claim ("Russian envoy Kirill Dmitriev"), also after
    # a speaker the noun describes ("Japan coach X said ... New Caledonia coach Y was ecstatic ... The coach")
    for start, ent in reversed(reg.persons if head.tag_ != "NNS" else ()):  # ("the ministers": no one person)
        if start >= m.start:
            continue
        if best is not None and start <= best[1]:
            break
        pm = mention_from_head(doc, ent.root, reg.lexicon)
        if pm is None:
            continue
        # (the title written before the name is a description too: "Chile coach Diego Soto")
        described = [*pm.descriptors, _title_before(ent)]
        desc = " ".join(_PP_TAIL.sub("", d) for d in described).lower()
        desc_heads = " ".join(_PP_TAIL.sub("", d).split()[-1] for d in described if d.strip()).lower()
        if re.search(rf"\b{re.escape(noun)}s?\b", desc_heads) and all(w in desc for w in mods):
            full = full_name(reg, ent.text, start)
            idx = reg.add("person:" + full.lower(), full, "person")
            reg.mention(idx, pm)
            return idx
    if best is not None:
        return best[0]
    if reg.lexicon.is_word("company_noun", noun) and not names and span is not None \
            and span[0].lower_ == "the" and (idx := _organization_before(reg, m, subjects)) is not None:
        # "Japan's Denso cut its forecast ... The company said": the organization the narration is about
        return reg.mention(idx, m, [LEADING_ARTICLE.sub("", text)])
    if (not mods or _definite_role(head, span)) \
            and (reg.lexicon.is_word("anonymous_head", noun) or reg.lexicon.is_word("title", noun)) \
            or _epithet(head, reg.lexicon):
        # "Deputy Foreign Minister Andrei Kostyukov told TASS ... the diplomat said": a bare role noun
        # no source is described by points back at the person who spoke just before (also "the top
        # security official": a definite description whose modifiers name no nation or place)
        for start, idx in reversed(reg.history):
            if start < m.start:
                src = reg.sources[idx]
                if (src.type == "person" and head.tag_ != "NNS" and (_epithet(head, reg.lexicon) or _describes(reg, src, mods))
                        or _unnamed_source_of(reg, src, mods, head)) \
                        and reg.text.count("\n", start, m.start) <= 2 and not _introduced_unnamed(reg.text[start:m.start], noun):
                    return idx
                break
    return None


def _titles(reg: _Registry, src: SourceEntity, before: int) -> list[str]:
    """The titles written before a person's name where the text names them in full before `before`
    ("Chile coach Diego Soto", "Latvian Foreign Minister Edgars Rinkevics")."""
    surname = src.name.split()[-1] if src.name else ""
    out = []
    for start, ent in reg.persons:
        if start >= before:
            break
        # (the surname first: full_name reads every person of the text)
        if len(ent) < 2 or ent.text.split()[-1] != surname or full_name(reg, ent.text, start) != src.name:
            continue
        if title := _title_before(ent):
            out.append(title)
    return out


def _title_before(ent) -> str:
    """The title written right before a person's name ("Chile coach" of "Chile coach Diego Soto"), or ""."""
    doc = ent.doc
    first = ent.start
    while first > max(0, ent.start - 5) and doc[first - 1].pos_ in ("NOUN", "PROPN", "ADJ") \
            and doc[first - 1].ent_type_ != "PERSON":
        first -= 1
    return doc[first:ent.start].text


def _unnamed_country(reg: _Registry, span, words: str) -> bool:
    """"the Pakistan finance minister" for "the country's Finance Minister Miftah Ismail": the mention's only
    names are of a country or nation, and the person's descriptions name none (one that names another
    country is someone else)."""
    if any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP") for t in span):
        return False
    countries = {e.text.lower() for e in reg.doc.ents if e.label_ in ("GPE", "NORP")}
    return not any(re.search(rf"\b{re.escape(c)}\b", words) for c in countries)


def _unnamed_source_of(reg: _Registry, src: SourceEntity, mods: set[str], head: Token) -> bool:
    """"A Libyan security source said ... the security official said": one unnamed source, called by a
    generic noun ("source") and then by a role whose modifiers its description has."""
    words = src.name.lower().split()
    return src.type == "anonymous" and not src.plural and head.tag_ == "NN" and bool(words) \
        and reg.lexicon.is_word("generic_pointer", words[-1]) and all(w in words for w in mods)


def _outlet_heads(reg: _Registry, src: SourceEntity) -> str:
    """The head words an outlet is described by ("the agency", "the newspaper"), leaving out a person's
    role the parse apposed to its name ("a statement to Anadolu Agency, the security official, said": the
    official spoke to the agency and is none of its descriptions)."""
    heads = []
    for d in (src.name, *src.descriptors):
        words = _PP_TAIL.sub("", d).split()
        if words and (d == src.name or not (reg.lexicon.is_word("anonymous_head", words[-1].lower())
                                            or reg.lexicon.is_word("title", words[-1].lower()))):
            heads.append(words[-1])
    return " ".join(heads).lower()


def _describes(reg: _Registry, src: SourceEntity, mods: set[str]) -> bool:
    """Every modifier of a role noun is a word of the person's name or descriptions, or a word of rank:
    "the top security official" for "Secretary of the Security Council X" (not "the opposition leader" for
    a prime minister, nor "the other official" for anyone)."""
    words = " ".join([src.name, *src.descriptors]).lower().replace("-", " ").split()
    return all(w in words or reg.lexicon.is_word("rank_word", w) for w in mods)


def _definite_role(head: Token, span) -> bool:
    """"the top security official", "the Foreign Ministry official": a role noun after "the" whose
    modifiers are common words or an institution's name (which the person's description must have, see
    ``_describes``), none naming a nation or place ("the Russian official" may be another's)."""
    if span is None or span[0].lower_ != "the":
        return False
    mods = head.doc[span[0].i + 1:head.i]
    return all(t.pos_ in ("ADJ", "NOUN") and not t.ent_type_ and t.is_lower
               or t.pos_ in ("PROPN", "NOUN") and t.is_title and t.ent_type_ in ("", "ORG") for t in mods)


def _epithet(head: Token, lexicon: Lexicon) -> bool:
    """"said the 50-year-old", "the career diplomat-turned-politician", "the former wicketkeeper": a person's
    age, what they were and became, or what they were (the lexicon's ``epithet_marker``), standing for them
    (the head "old" after "year" and a number; a "-turned-" compound), which points back at the person who
    spoke just before."""
    span = head.doc[head.left_edge.i:head.i + 1]
    words = [t.lower_ for t in span if t.text != "-"]
    if words[-2:] in (["year", "old"], ["years", "old"]) and any(t.like_num for t in span):
        return True
    if len(words) >= 3 and words[0] == "the" and lexicon.is_word("epithet_marker", words[1]) and head.pos_ == "NOUN":
        return True
    return span[0].lower_ == "the" and any(t.lower_ == "turned" and 0 < t.i - span.start < len(span) - 1
                                          and t.nbor(-1).text == "-" and t.nbor(1).text == "-" for t in span)


def _introduced_unnamed(text: str, noun: str) -> bool:
    """The text introduces someone unnamed by the noun: "Later, a spokesperson of the ministry rebutted the
    report. '...,' the spokesperson said" points at them, not at the person who spoke before."""
    return re.search(rf"\b(?:an?|one|another)\s+(?:[\w-]+\s+){{0,3}}{re.escape(noun)}\b", text, re.IGNORECASE) is not None


def elliptic_source(reg: _Registry, m: Mention, text: str) -> int | None:
    """"Another said ..." after "one diplomat told Politico": another source of the same kind, named
    "another diplomat" (an anonymous source of its own, never the previous one)."""
    for start, idx in reversed(reg.history):
        src = reg.sources[idx]
        if start < m.start and src.type == "anonymous":
            noun = src.name.split()[-1].lower()
            noun = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") and text.lower() == "another" else noun
            name = f"{'other' if text.lower() == 'others' else text.lower()} {noun}"  # "other sources", not "others sources"
            return reg.mention(reg.add("anon:" + name, name, "anonymous", affiliation=src.affiliation,
                                       plural=text.lower() == "others"), m)
    return None


def issuer_of(reg: _Registry, m: Mention, text: str) -> int | None:
    """'"...," the statement reads.' after "He announced this in his evening address": a bare definite
    document ("the statement") with no issuer named is the last speaker's, a person or an organization
    who spoke in the paragraphs just before (not where the text has brought in another such document
    since: "The Kremlin released a statement")."""
    words = text.lower().split()
    if len(words) != 2 or words[0] != "the":
        return None
    doc = reg.doc
    noun = doc[m.head].lemma_.lower()
    if (idx := _issued_before(reg, m, noun)) is not None:
        return idx
    for start, idx in reversed(reg.history):
        if start >= m.start:
            continue
        src = reg.sources[idx]
        if src.type not in ("person", "organization") or reg.text.count("\n", start, m.start) > 4 \
                or _brought_in(doc, noun, start, m.start):
            return None
        return idx
    return None


def _brought_in(doc, noun: str, start: int, end: int) -> bool:
    """Between the char offsets the text brings in another document of the noun: one with an article or an
    owner other than "the" ("The Kremlin released a statement")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(
        t.lemma_.lower() == noun and any(c.dep_ in ("det", "poss") and c.lower_ != "the" for c in t.children)
        for t in span)


def _issued_before(reg: _Registry, m: Mention, noun: str) -> int | None:
    """'"...," the statement said.' after "In a statement issued on Monday, the IOM said ...": the speaker
    whose own sentence named that document, a few paragraphs back at most (other speakers between)."""
    doc = reg.doc
    for start, idx in reversed(reg.history):
        if start >= m.start:
            continue
        if reg.text.count("\n", start, m.start) > 8:
            return None
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or reg.sources[idx].type not in ("person", "organization"):
            continue
        sent = span[0].sent
        if any(t.lemma_.lower() == noun and t.pos_ == "NOUN" and t.dep_ == "pobj" for t in sent):
            return None if _brought_in(doc, noun, sent.end_char, m.start) else idx
    return None
