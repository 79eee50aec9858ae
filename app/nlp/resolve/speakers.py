"""Resolve speaker and outlet mentions to sources within one article.

- names: a surname resolves to the full name it stands for in the article ("Dmitriev" → "Kirill
  Dmitriev"), the most recent one when two people share it;
- pronouns: "he"/"she" to the most recent person speaking (or, failing that, the most recent person
  the narration made a subject), "they" to a group, "it" to an organization, outlet or document;
- nominals: "the Russian envoy", "the official" to the most recent source described by that noun;
  "the publication", "the post", "the agency" to the most recent outlet;
- anonymous sources keep their description as written ("a Ukrainian official") and an affiliation.

Names are read in ``names``, pronouns and nominals that point back in ``pointers``, and outlets in
``outlets``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from app.nlp.evidence import Claim, Mention, SourceEntity, replace
from app.nlp.lexicon import Lexicon
from app.nlp.mention_names import entity_of
from app.nlp.mentions import DEMONSTRATIVES, WEEKDAYS, mention_from_head
from app.nlp.resolve.names import name_source
from app.nlp.resolve.outlets import (LEADING_ARTICLE, POINTING, described_outlet, last_outlet, name_inside, named_like,
                                      outlet_source, outlet_name, outlet_positions, report_of, surface_name)
from app.nlp.resolve.pointers import elliptic_source, issuer_of, nominal_source, pronoun_source
from app.nlp.rules.hops import REPORTS_CITING
from app.nlp.rules.roles import OUTLET_CITES
from app.nlp.text import UNNAMED_MEDIA, doc_text


class _Registry:
    def __init__(self, doc: Doc, lexicon: Lexicon, credit_spans: list[tuple[int, int]],
                 furniture: list[tuple[int, int]] = ()):
        self.doc, self.lexicon = doc, lexicon
        self.text = doc_text(doc)
        self.sources: list[SourceEntity] = []
        self.by_key: dict[str, int] = {}
        self.history: list[tuple[int, int]] = []  # (char, source index) of resolved speakers, in order
        # names in headlines, captions and teasers introduce no one ("A Ukrainian Soldier Warns")
        self.ents = [e for e in _whole_names(doc, lexicon) if not any(s <= e.start_char < t for s, t in furniture)]
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
        if (at := _citing_institution(reg, claim, resolved)) is not None:
            # "Citing accounts from the survivors, the agency said ...": an organization that cites its
            # source is no outlet relaying it; its words are its own
            cites = claim.hops[at]
            attribution = replace(claim.attribution, speaker=cites.mention, sets_frame=False,
                                  hops=tuple(h for n, h in enumerate(claim.hops) if n != at),
                                  why=tuple("speaker: subject of the cue (an organization citing its source)"
                                            if line == OUTLET_CITES else line for line in claim.why if line != cites.why))
            claim, resolved = replace(claim, attribution=attribution), [r for n, r in enumerate(resolved) if n != at]
        # a report that relays a claim is a hop where it is an outlet's ("said report" after "reported
        # Reuters"), not a ministry's
        resolved = [(i, talked) for (i, talked), h in zip(resolved, claim.hops) if i is not None
                    and (h.mention.form != "document" or reg.sources[i].type == "outlet")]
        hop_sources = tuple(i for i, _ in resolved)
        interviews = tuple(i for i, talked in resolved if talked)
        source = None
        if claim.speaker is not None and (own := _content_subject(reg, claim)) is not None:
            # "Morocco's OCP posted a 46 percent drop in its profit, it said in a statement": "it" after the
            # content is the organization the content's own subject names
            source = reg.mention(_resolve(reg, own, subjects), claim.speaker)
            reg.history.append((claim.speaker.start, source))
        elif claim.speaker is not None:
            # (a speaker is none of its own hops: "AFP cited the newspaper as saying" is not AFP)
            source = _resolve(reg, claim.speaker, subjects, exclude=frozenset(hop_sources))
            if source is not None:
                reg.history.append((claim.speaker.start, source))
        out[k] = replace(claim, source=source, hop_sources=hop_sources, interviews=interviews)
    return reg.sources, [out[k] for k in range(len(claims))]


def _content_subject(reg: _Registry, claim: Claim) -> Mention | None:
    """The mention of the organization that is the subject of the claim's content, where the speaker is "it"
    after that content ("X posted a loss, it said"); else None."""
    speaker = claim.speaker
    if speaker.form != "pronoun" or speaker.start < claim.end or reg.text[speaker.start:speaker.end].lower() != "it":
        return None
    span = reg.doc.char_span(claim.start, claim.end, alignment_mode="expand")
    subj = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if span is not None else None
    if subj is None or subj.ent_type_ != "ORG":
        return None
    m = mention_from_head(reg.doc, subj, reg.lexicon)
    if m is None or m.form != "name":
        return None
    # (the organization's name as the tagger spans it: "Office Cherifien de Phosphate", not a word of it)
    ent = entity_of(reg.doc, subj)
    return Mention(ent.start_char, ent.end_char, subj.i, "name", ())


def _citing_institution(reg: _Registry, claim: Claim, resolved: list[tuple[int | None, bool]]) -> int | None:
    """Which of the claim's hops is an organization reporting what it cites (the hop a citing outlet
    would be, resolved to an organization), or None."""
    if OUTLET_CITES not in claim.why:
        return None
    return next((n for n, (h, (i, _)) in enumerate(zip(claim.hops, resolved))
                 if h.why.endswith(REPORTS_CITING) and i is not None and reg.sources[i].type == "organization"), None)


def _whole_names(doc: Doc, lexicon: Lexicon) -> list[Span]:
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
                and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end \
                and all(doc[k].pos_ == "PROPN" for k in range(end, doc[end - 1].head.i + 1)):  # (not "Karim Hasan Sunday")
            end += 1  # ("Datuk Seri" tagged alone before "Saifuddin Nasution Ismail", all compounds of the last)
        if end > ent.end:
            skip.update(k for k in range(n + 1, len(ents)) if ents[k].start < end)
        if ent.label_ == "PERSON" and end - ent.start > 1 and doc[end - 1].text in WEEKDAYS:
            end -= 1  # "Dr Faisal Thursday said": the day the tagger took into the name
        start = ent.start
        if ent.label_ == "PERSON" and end - start == 1 and start > 0 and _given_name(doc[start - 1], start, end, lexicon) \
                and not (start > 1 and doc[start - 2].pos_ == "PROPN" and doc[start - 2].dep_ == "compound"
                         and doc[start - 2].head.i == doc[start - 1].head.i):
            start -= 1  # "aide Yury Ushakov" tagged "Yury" (ORG) "Ushakov" (PERSON): the given name is the name's
        if ent.label_ == "PERSON" and end - start > 1 and doc[start].is_sent_start and _gerund_of_cue(doc[start], lexicon):
            start += 1  # "Echoing Lavrov on his visit, Putin ...": the sentence's opening verb is no part of the name
        if start < ent.start:
            while out and out[-1].end > start:
                out.pop()
        if (start, end) != (ent.start, ent.end) or _role_before_name(doc, ent, lexicon):
            ent = Span(doc, start, end, label="PERSON")
        out.append(ent)
    return out


def _role_before_name(doc: Doc, ent: Span, lexicon: Lexicon) -> bool:
    """"senior MDC Alliance official Morgan Komichi", tagged an organization: two or three capitalised
    words right after a role or a title are a person's name (not an outlet's: "official Xinhua News")."""
    return ent.label_ == "ORG" and 2 <= len(ent) <= 3 and ent.start > 0 and all(t.is_title and t.is_alpha for t in ent) \
        and doc[ent.start - 1].is_lower and (lexicon.is_word("anonymous_head", doc[ent.start - 1].lemma_)
                                             or lexicon.is_word("title", doc[ent.start - 1].lower_)) \
        and not lexicon.looks_like_outlet(ent.text) \
        and not any(lexicon.is_word("institution", t.lower_) for t in ent)


def _gerund_of_cue(tok, lexicon: Lexicon) -> bool:
    """"Echoing", "Citing": the -ing form of a cue verb of the lexicon, whatever the tagger made of it."""
    low = tok.lower_
    return low.endswith("ing") and any(stem in lexicon.cue_verbs for stem in (low[:-3], low[:-3] + "e"))


def _given_name(tok, start: int, end: int, lexicon: Lexicon) -> bool:
    """A capitalised word right before a surname the tagger took alone, a compound of it, that is no title,
    place, nation or role, nor the last of a run of names ("Yury" in "aide Yury Ushakov"; not "President"
    in "President Biden", nor "Office" in "Presidential Office Yermak")."""
    return tok.pos_ == "PROPN" and tok.is_title and tok.dep_ == "compound" and start <= tok.head.i < end \
        and tok.ent_type_ in ("", "ORG", "PERSON") and tok.is_alpha \
        and not any(lexicon.is_word(category, tok.lower_) for category in ("title", "honorific", "anonymous_head"))


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
    # ("According to the newspaper, Michel is in charge": the framed clause's own subject, where the phrase
    # hangs on its verb)
    framed = {reg.doc[c.cue_token].head.i for c in claims if c.cue_token is not None and c.kind == "according_to"
              and c.speaker is not None and c.speaker.form in ("outlet", "nominal_outlet")}
    # ("X has called on Kyiv to ... . This was reported by Sky News": the sentence the outlet's cue points back
    # at is narrated, its subject too)
    framed |= {span.root.i for c in claims if c.cue_token is not None and c.speaker is not None
               and c.speaker.form in ("outlet", "nominal_outlet") and not c.start <= reg.doc[c.cue_token].idx < c.end
               and (span := reg.doc.char_span(c.start, c.end, alignment_mode="expand")) is not None}
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
        if reported and verb.head.i not in reported and verb.i not in framed and any(
                c.start <= ent.start_char < c.end for c in claims if c.cue_token in reported):
            continue
        if ent.label_ == "ORG" and ent.text in reg.person_surnames \
                and any(s < ent.start_char and e.text.split()[-1] == ent.text for s, e in reg.persons):
            # "Wickremesinghe joined the hearing" after "Ranil Wickremesinghe": the tagger took the surname
            # alone for an organization's name; it is the person's for a later "he" (and stays the
            # organization's for "it": "Michael Dell founded the company. Dell cut jobs. It said ...")
            out.append((ent.start_char, Span(reg.doc, ent.start, ent.end, label="PERSON")))
        out.append((ent.start_char, ent))
    return out


def _resolve(reg: _Registry, m: Mention, subjects, exclude: frozenset[int] = frozenset()) -> int | None:
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
        if text.split()[0].lower() not in POINTING or _placed_press(reg, m):
            # "Western media", "local media", "state media": outlets left unnamed, not a pointer back
            return reg.mention(reg.add(UNNAMED_MEDIA + text.lower(), text, "outlet"), m)
        if (idx := _institution_pointed_at(reg, m, text)) is not None:
            return reg.mention(idx, m, [])
        idx = named_like(reg, m)
        idx = described_outlet(reg, m) if idx is None or idx in exclude else idx
        idx = last_outlet(reg, m.start, exclude) if idx is None or idx in exclude else idx
        if idx is not None:
            return reg.mention(idx, m, [LEADING_ARTICLE.sub("", text)])
        return reg.mention(reg.add("outlet:" + text.lower(), text, "outlet", pointer=True), m)
    if form == "pronoun":
        return pronoun_source(reg, m, text, subjects)
    if form == "elliptic":
        return elliptic_source(reg, m, text)
    if form == "name":
        return name_source(reg, m, text)
    if form == "nominal":
        idx = nominal_source(reg, m, text, subjects)
        if idx is not None:
            return reg.mention(idx, m, [])
        head = reg.doc[m.head]
        if reg.lexicon.is_word("anonymous_head", head.lemma_.lower()):
            return _anonymous(reg, m, text)
        return reg.mention(reg.add("unknown:" + text.lower(), LEADING_ARTICLE.sub("", text), _common_type(reg, m),
                                   plural=head.tag_ == "NNS"), m)  # "early results showed": no later "he"
    if form == "anonymous":
        if text.split(None, 1)[0].lower() in DEMONSTRATIVES and (idx := nominal_source(reg, m, text, subjects)) is not None:
            return reg.mention(idx, m, [])  # "according to these officials": the officials named before
        return _anonymous(reg, m, text)
    if form == "document":
        if (idx := report_of(reg, m, text)) is not None or (idx := issuer_of(reg, m, text)) is not None:
            return reg.mention(idx, m, [])
        for start, end, name in reg.outlet_positions:
            if m.start <= start and end <= reg.doc[m.head].idx:
                # "a separate Xinhua report said", "an AP report said": the outlet whose report it is
                return reg.mention(outlet_source(reg, reg.lexicon.canonical_outlet(name) or name,
                                                 surface_name(reg.lexicon, name)), m, [])
        return reg.mention(reg.add("document:" + text.lower(), text, "document"), m)
    return reg.mention(reg.add("unknown:" + text.lower(), text, _common_type(reg, m),
                               plural=reg.doc[m.head].tag_ == "NNS"), m)


def _institution_pointed_at(reg: _Registry, m: Mention, text: str) -> int | None:
    """"The World Health Organization said ... The agency said": a bare noun that names an institution as
    well as an outlet points back at the organization that spoke last, where no outlet was named since
    (after "..., Reuters reported." it may be the news agency's, after "according to NHK" "the station" is)."""
    if len(text.split()) != 2 or not reg.lexicon.is_institution(reg.doc[m.head]):
        return None
    for start, idx in reversed(reg.history):
        if start >= m.start:
            continue
        if reg.sources[idx].type != "organization" or reg.text.count("\n", start, m.start) > 4:
            return None
        if any(start < s < m.start for s, _e, _name in reg.outlet_positions):
            return None  # ("..., according to public broadcaster NHK. The station said": the outlet's)
        return idx
    return None


def _placed_press(reg: _Registry, m: Mention) -> bool:
    """"the Armenian media", "the Russian newspapers": outlets in general that the text places by country,
    an unnamed group as "Armenian media" is, not a pointer back at one outlet ("the newspaper")."""
    head = reg.doc[m.head]
    if reg.text[m.start:m.end].split()[0].lower() != "the" or not (
            head.tag_ in ("NNS", "NNPS") or reg.lexicon.is_word("press_in_general", head.lower_)):
        return False
    span = reg.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in ("NORP", "GPE") or t.lower_.endswith("-language")
                                    for t in span if t.i < m.head)


def _common_type(reg: _Registry, m: Mention) -> str:
    head = reg.doc[m.head]
    if reg.lexicon.is_institution(head):
        return "organization"
    ent = head.ent_type_
    if ent == "PERSON":
        return "person"
    if ent in ("ORG", "GPE", "NORP"):
        return "organization"
    return "unknown"


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
