"""Resolve speaker and outlet mentions to sources within one article.

- names: a surname resolves to the full name it stands for in the article ("Dmitriev" → "Kirill
  Dmitriev"), the most recent one when two people share it;
- pronouns: "he"/"she" to the most recent person speaking (or, failing that, the most recent person
  the narration made a subject), "they" to a group, "it" to an organization, outlet or document;
- nominals: "the Russian envoy", "the official" to the most recent source described by that noun;
  "the publication", "the post", "the agency" to the most recent outlet;
- anonymous sources keep their description as written ("a Ukrainian official") and an affiliation.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from app.nlp.evidence import Claim, Mention, SourceEntity, replace
from app.nlp.lexicon import Lexicon
from app.nlp.mentions import mention_from_head
from app.nlp.resolve.outlets import (LEADING_ARTICLE, POINTING, described_outlet, initials_of,
                                      last_outlet, name_inside, named_like, outlet_source, outlet_name,
                                      outlet_positions, report_of, surface_name)
from app.nlp.text import UNNAMED_MEDIA, doc_text

_SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
_PLURAL_PRONOUNS = {"they", "them"}
_PP_TAIL = re.compile(r"\s+(?:of|at|for|in|from|with)\s.*$", re.IGNORECASE)


class _Registry:
    def __init__(self, doc: Doc, lexicon: Lexicon, credit_spans: list[tuple[int, int]],
                 furniture: list[tuple[int, int]] = ()):
        self.doc, self.lexicon = doc, lexicon
        self.text = doc_text(doc)
        self.sources: list[SourceEntity] = []
        self.by_key: dict[str, int] = {}
        self.history: list[tuple[int, int]] = []  # (char, source index) of resolved speakers, in order
        # names in headlines, captions and teasers introduce no one ("A Ukrainian Soldier Warns")
        self.ents = [e for e in _whole_names(doc) if not any(s <= e.start_char < t for s, t in furniture)]
        self.persons = [(e.start_char, e) for e in self.ents if e.label_ == "PERSON"]
        # (a surname is the last word, hyphens and all: "al-Thani", which the tokenizer splits)
        self.person_surnames = {e.text.split()[-1] for _, e in self.persons if len(e.text.split()) > 1}
        self.outlet_positions = outlet_positions(self.text, lexicon, credit_spans)
        # outlets the lexicon does not list but the text names like one ("The Aviation Herald")
        listed = {p[0] for p in self.outlet_positions}
        for ent in self.ents:
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            start = ent.end_char - len(name)
            if ent.label_ in ("ORG", "WORK_OF_ART", "PRODUCT", "FAC") and start not in listed \
                    and lexicon.looks_like_outlet(name) and not any(s <= start < e for s, e in credit_spans):
                self.outlet_positions.append((start, ent.end_char, name))
        self.outlet_positions.sort()

    def add(self, key: str, name: str, type_: str, **extra) -> int:
        if key in self.by_key:
            return self.by_key[key]
        self.sources.append(SourceEntity(name=name, type=type_, key=key, anonymous=type_ == "anonymous", **extra))
        self.by_key[key] = len(self.sources) - 1
        return self.by_key[key]

    def mention(self, idx: int, m: Mention, descriptors: list[str] | None = None) -> int:
        src = self.sources[idx]
        if (m.start, m.end) not in src.mentions:
            src.mentions.append((m.start, m.end))
        for d in (descriptors if descriptors is not None else m.descriptors):
            if d and d not in src.descriptors and d.lower() != src.name.lower():
                src.descriptors.append(d)
        return idx


def resolve_speakers(doc: Doc, claims: list[Claim], lexicon: Lexicon,
                     credit_spans: list[tuple[int, int]] | None = None,
                     furniture: list[tuple[int, int]] = ()) -> tuple[list[SourceEntity], list[Claim]]:
    """The article's sources, and the claims with their speaker's source and their hops' sources.
    ``furniture``: the spans of page furniture, whose names introduce no one."""
    reg = _Registry(doc, lexicon, credit_spans or [], furniture)
    subjects = _narrative_subjects(reg, claims)
    out: dict[int, Claim] = {}
    for k in sorted(range(len(claims)), key=lambda k: claims[k].start):
        claim = claims[k]
        resolved = [(_resolve(reg, h.mention, subjects), h.interview) for h in claim.hops]
        # a report that relays a claim is a hop where it is an outlet's ("said report" after "reported
        # Reuters"), not a ministry's
        resolved = [(i, talked) for (i, talked), h in zip(resolved, claim.hops) if i is not None
                    and (h.mention.form != "document" or reg.sources[i].type == "outlet")]
        hop_sources = tuple(i for i, _ in resolved)
        interviews = tuple(i for i, talked in resolved if talked)
        source = None
        if claim.speaker is not None:
            source = _resolve(reg, claim.speaker, subjects)
            if source is not None:
                reg.history.append((claim.speaker.start, source))
        out[k] = replace(claim, source=source, hop_sources=hop_sources, interviews=interviews)
    return reg.sources, [out[k] for k in range(len(claims))]


def _whole_names(doc: Doc) -> list[Span]:
    """The doc's entities, with a person's name the tagger cut short made whole: "Maria Corina" (PERSON)
    "Machado" (ORG) when the name's words are compounds of the capitalised word after them."""
    out: list[Span] = []
    ents = list(doc.ents)
    skip: set[int] = set()
    for n, ent in enumerate(ents):
        if n in skip:
            continue
        end = ent.end
        while ent.label_ == "PERSON" and end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text.istitle() \
                and doc[end].ent_type_ in ("", "ORG", "PERSON") \
                and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end:  # (not "Karim Hasan Sunday")
            end += 1
        if end > ent.end:
            out.append(Span(doc, ent.start, end, label="PERSON"))
            skip.update(k for k in range(n + 1, len(ents)) if ents[k].start < end)
        else:
            out.append(ent)
    return out


def _narrative_subjects(reg: "_Registry", claims: list[Claim]) -> list[tuple[int, object]]:
    """Person and organization entities the narration makes a subject, outside any claim's content but an
    outlet's report, which narrates too ("X rejected the results, reports Xinhua. He alleged ..."):
    fallback antecedents ("Japan's Denso cut its forecast. ... it said", "... the company said")."""
    spans = sorted((c.start, c.end) for c in claims
                   if c.speaker is None or c.speaker.form not in ("outlet", "nominal_outlet") or c.cue_token is None)
    # in an outlet's report, the subject of the reported clause's own verb ("Anna Bell" in "X rejected the
    # results which showed Anna Bell ahead" is not the report's subject)
    reported = {c.cue_token for c in claims if c.speaker is not None and c.cue_token is not None
                and c.speaker.form in ("outlet", "nominal_outlet")}
    out = []
    for ent in reg.ents:
        root = ent.root
        # "The crown prince, Mohammad bin Salman, accepted ...": the name apposed to the subject counts
        subject = root.dep_ in ("nsubj", "nsubjpass") or root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")
        if ent.label_ not in ("PERSON", "ORG") or not subject:
            continue
        if any(s <= ent.start_char < e for s, e in spans):
            continue
        verb = root.head if root.dep_ != "appos" else root.head.head
        if reported and verb.head.i not in reported and any(
                c.start <= ent.start_char < c.end for c in claims if c.cue_token in reported):
            continue
        out.append((ent.start_char, ent))
    return out


def _resolve(reg: _Registry, m: Mention, subjects) -> int | None:
    text = reg.text[m.start:m.end]
    form = m.form
    if form == "outlet":
        # an outlet the lexicon does not list keeps the name the text gives it ("broadcaster Yle")
        canonical, surface = outlet_name(reg, text) or (surface_name(reg.lexicon, text), surface_name(reg.lexicon, text))
        return reg.mention(outlet_source(reg, canonical, surface), m)
    if form == "nominal_outlet":
        # "the publication Axios": the name stands right after the noun
        named = next((n for s, e, n in reg.outlet_positions if m.end <= s <= m.end + 2), None)
        if named is not None:
            name = reg.lexicon.canonical_outlet(named) or named
            return reg.mention(outlet_source(reg, name, surface_name(reg.lexicon, named)), m, [LEADING_ARTICLE.sub("", text)])
        inner = name_inside(reg, m)
        if inner is not None:
            # "the Rossiya 24 TV channel", "the state SANA news agency": the name inside is the outlet
            name = reg.lexicon.canonical_outlet(inner) or inner
            return reg.mention(outlet_source(reg, name, surface_name(reg.lexicon, inner)), m, [LEADING_ARTICLE.sub("", text)])
        if text.split()[0].lower() not in POINTING:
            # "Western media", "local media", "state media": outlets left unnamed, not a pointer back
            return reg.mention(reg.add(UNNAMED_MEDIA + text.lower(), text, "outlet"), m)
        idx = named_like(reg, m)
        idx = described_outlet(reg, m) if idx is None else idx
        idx = last_outlet(reg, m.start) if idx is None else idx
        if idx is not None:
            return reg.mention(idx, m, [LEADING_ARTICLE.sub("", text)])
        return reg.mention(reg.add("outlet:" + text.lower(), text, "outlet", pointer=True), m)
    if form == "pronoun":
        return _pronoun(reg, m, text, subjects)
    if form == "elliptic":
        return _elliptic(reg, m, text)
    if form == "name":
        return _name(reg, m, text)
    if form == "nominal":
        idx = _nominal(reg, m, text, subjects)
        if idx is not None:
            return reg.mention(idx, m, [])
        head = reg.doc[m.head]
        if reg.lexicon.is_word("anonymous_head", head.lemma_.lower()):
            return _anonymous(reg, m, text)
        return reg.mention(reg.add("unknown:" + text.lower(), LEADING_ARTICLE.sub("", text), _common_type(reg, m),
                                   plural=head.tag_ == "NNS"), m)  # "early results showed": no later "he"
    if form == "anonymous":
        return _anonymous(reg, m, text)
    if form == "document":
        if (idx := report_of(reg, m, text)) is not None:
            return reg.mention(idx, m, [])
        for start, end, name in reg.outlet_positions:
            if m.start <= start and end <= reg.doc[m.head].idx:
                # "a separate Xinhua report said", "an AP report said": the outlet whose report it is
                return reg.mention(outlet_source(reg, reg.lexicon.canonical_outlet(name) or name,
                                                 surface_name(reg.lexicon, name)), m, [])
        return reg.mention(reg.add("document:" + text.lower(), text, "document"), m)
    return reg.mention(reg.add("unknown:" + text.lower(), text, _common_type(reg, m),
                               plural=reg.doc[m.head].tag_ == "NNS"), m)


def _common_type(reg: _Registry, m: Mention) -> str:
    head = reg.doc[m.head]
    if reg.lexicon.is_word("institution", head.lemma_.lower()):
        return "organization"
    ent = head.ent_type_
    if ent == "PERSON":
        return "person"
    if ent in ("ORG", "GPE", "NORP"):
        return "organization"
    return "unknown"


def _name(reg: _Registry, m: Mention, text: str) -> int:
    doc = reg.doc
    head = doc[m.head]
    clean = _titles(reg.lexicon).sub("", text.removesuffix("'s").removesuffix("\u2019s")).strip()
    label = head.ent_type_
    tokens = clean.split()
    is_person = label == "PERSON" or label in ("ORG", "GPE", "NORP", "") and bool(tokens) and (
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
        full = _full_name(reg, clean, m.start)
        return reg.mention(reg.add("person:" + full.lower(), full, "person"), m)
    if (outlet := outlet_name(reg, clean)) is not None:
        return reg.mention(outlet_source(reg, *outlet), m)
    name = LEADING_ARTICLE.sub("", clean)
    type_ = "organization" if label in ("ORG", "GPE", "NORP", "FAC") else ("person" if label == "PERSON" else "unknown")
    # "The Houthis", "the Taliban": a group named in the plural is what a later "they" points at
    plural = head.tag_ in ("NNPS", "NNS") or group and clean.endswith("s")
    return reg.mention(reg.add("org:" + name.lower(), name, type_, plural=plural), m)


def _full_name(reg: _Registry, name: str, at: int) -> str:
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
        return name
    return _titles(reg.lexicon).sub("", best.removesuffix("'s")).strip()


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


def _pronoun(reg: _Registry, m: Mention, text: str, subjects) -> int | None:
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
            if s >= m.start or ent.label_ != "PERSON":
                continue
            full = _full_name(reg, ent.text, ent.start_char)
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
    full = _full_name(reg, ent.text, ent.start_char)
    idx = reg.add("person:" + full.lower(), full, "person")
    named = mention_from_head(reg.doc, ent.root, reg.lexicon)
    if named is not None and named.form == "name":
        reg.mention(idx, named)
    return idx


def _nominal(reg: _Registry, m: Mention, text: str, subjects=()) -> int | None:
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
    for idx, src in enumerate(reg.sources):
        words = " ".join([src.name, *src.descriptors]).lower()
        # a person is what their descriptors' heads say: "lead negotiator of the IG Metall union" is no union
        # ... and "the opposition" is not "opposition leader Nelson Chamisa": a description's last word is its head
        # ... and "the government" is not "a government source": an unnamed source is what its head noun says
        heads = " ".join([src.name, *(_PP_TAIL.sub("", d).split()[-1] for d in src.descriptors if d.strip())]).lower() \
            if src.type == "person" else " ".join(_PP_TAIL.sub("", d).split()[-1] for d in (src.name, *src.descriptors)
                                                  if _PP_TAIL.sub("", d).strip()).lower() \
            if src.type == "anonymous" else words
        if not re.search(rf"\b{re.escape(noun)}s?\b", heads):
            continue
        if names and not all(re.search(rf"\b{re.escape(w)}\b", words) for w in names):
            continue
        score = 1 + sum(1 for w in mods if w in words)
        last_seen = max((s for s, _ in src.mentions if s < m.start), default=-1)
        if last_seen < 0:
            continue
        if score > best_score or (score == best_score and best is not None and last_seen > best[1]):
            best, best_score = (idx, last_seen), score
    # a person introduced with that title outside any claim ("Russian envoy Kirill Dmitriev"), also after
    # a speaker the noun describes ("Japan coach X said ... New Caledonia coach Y was ecstatic ... The coach")
    for start, ent in reversed(reg.persons):
        if start >= m.start:
            continue
        if best is not None and start <= best[1]:
            break
        pm = mention_from_head(doc, ent.root, reg.lexicon)
        if pm is None:
            continue
        # (the title written before the name is a description too: "Chile coach Diego Soto")
        first = ent.start
        while first > max(0, ent.start - 5) and doc[first - 1].pos_ in ("NOUN", "PROPN", "ADJ") \
                and doc[first - 1].ent_type_ != "PERSON":
            first -= 1
        described = [*pm.descriptors, doc[first:ent.start].text]
        desc = " ".join(_PP_TAIL.sub("", d) for d in described).lower()
        desc_heads = " ".join(_PP_TAIL.sub("", d).split()[-1] for d in described if d.strip()).lower()
        if re.search(rf"\b{re.escape(noun)}s?\b", desc_heads) and all(w in desc for w in mods):
            full = _full_name(reg, ent.text, start)
            idx = reg.add("person:" + full.lower(), full, "person")
            reg.mention(idx, pm)
            return idx
    if best is not None:
        return best[0]
    if reg.lexicon.is_word("company_noun", noun) and not names and span is not None \
            and span[0].lower_ == "the" and (idx := _organization_before(reg, m, subjects)) is not None:
        # "Japan's Denso cut its forecast ... The company said": the organization the narration is about
        return reg.mention(idx, m, [LEADING_ARTICLE.sub("", text)])
    if not mods and (reg.lexicon.is_word("anonymous_head", noun) or reg.lexicon.is_word("title", noun)) \
            or _age_epithet(head):
        # "Deputy Foreign Minister Andrei Kostyukov told TASS ... the diplomat said": a bare role noun
        # no source is described by points back at the person who spoke just before
        for start, idx in reversed(reg.history):
            if start < m.start:
                if reg.sources[idx].type == "person" and reg.text.count("\n", start, m.start) <= 2 \
                        and not _introduced_unnamed(reg.text[start:m.start], noun):
                    return idx
                break
    return None


def _age_epithet(head: Token) -> bool:
    """"said the 50-year-old": a person's age standing for them (the head "old" after "year" and a number),
    which points back at the person who spoke just before."""
    span = head.doc[head.left_edge.i:head.i + 1]
    words = [t.lower_ for t in span if t.text != "-"]
    return words[-2:] in (["year", "old"], ["years", "old"]) and any(t.like_num for t in span)


def _introduced_unnamed(text: str, noun: str) -> bool:
    """The text introduces someone unnamed by the noun: "Later, a spokesperson of the ministry rebutted the
    report. '...,' the spokesperson said" points at them, not at the person who spoke before."""
    return re.search(rf"\b(?:an?|one|another)\s+(?:[\w-]+\s+){{0,3}}{re.escape(noun)}\b", text, re.IGNORECASE) is not None


def _elliptic(reg: _Registry, m: Mention, text: str) -> int | None:
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


def _anonymous(reg: _Registry, m: Mention, text: str) -> int:
    doc = reg.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    affiliation = None
    if span is not None:
        parts = [t.text for t in span if t.ent_type_ in ("NORP", "GPE", "ORG") and t.pos_ in ("ADJ", "PROPN")]
        affiliation = " and ".join(dict.fromkeys(parts)) or None
    key = "anon:" + LEADING_ARTICLE.sub("", text.lower())
    head = doc[m.head]
    plural = head.tag_ in ("NNS", "NNPS") and not text.lower().startswith(("one of", "a ", "an "))
    idx = reg.add(key, text, "anonymous", affiliation=affiliation, plural=plural)
    return reg.mention(idx, m)


