"""Mention phrases: the words that name a source, cut out of a parsed sentence.

A speaker's subject in the parse carries much more than its name ("Kirill Dmitriev, head of the Russian
Direct Investment Fund, who is also involved in ..."): the mention is the name, the apposition becomes
a descriptor, the relative clause is dropped. Who the phrase names where the tagger missed it, and the
mention's form (an outlet, a name, a document, ...), are read in ``mention_names``.
"""
from __future__ import annotations

import calendar

from spacy.tokens import Doc, Span, Token

from app.nlp.evidence import Mention
from app.nlp.lexicon import Lexicon
from app.nlp.mention_names import (entity_of, glued_person, is_role, mention_form, misread_name, named_as,
                                   outlet_name_before_noun, outlet_noun_before, owned_outlet, person_in, title_holder)

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "you", "who"}
DEMONSTRATIVES = {"this", "that", "these", "those", "which", "what"}
_LEFT_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "predet", "advmod", "case"}
# "sources familiar with the matter", "people close to the talks", "a spokesperson for the ministry"
_RIGHT_PREPS = {"of", "for", "from", "at", "in", "with", "within", "inside", "on"}
_QUANTIFIERS = {"one", "some", "many", "several", "two", "three", "four", "five", "most", "all", "none", "each", "both", "few"}
_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}


_CALENDAR = frozenset(n.lower() for n in (*calendar.day_name, *calendar.day_abbr, *calendar.month_name,
                                         *calendar.month_abbr) if n)


def calendar_word(t: Token) -> bool:
    """A date's word ("Sunday", "May", "27"), as the tagger's DATE marks it: "the Thursday newspaper" names
    no outlet, but the tagger's DATE on an outlet's name ("ThisDay newspaper") is not enough to say so."""
    return t.ent_type_ in ("DATE", "TIME") and (t.lower_ in _CALENDAR or t.like_num)


WEEKDAYS = frozenset(calendar.day_name)


def _without_day(m: Mention | None, day: Token) -> Mention | None:
    """The mention, ended before the day its entity took in ("Faisal Thursday")."""
    if m is None or m.end <= day.idx:
        return m
    end = day.idx
    while end > m.start and day.doc.text[end - 1].isspace():
        end -= 1
    return Mention(m.start, end, m.head, m.form, m.descriptors) if end > m.start else None


DATELINE_DASHES = ("-", "\u2013", "\u2014", "--")


def after_dateline(doc: Doc, start: int, limit: int | None = None) -> int:
    """The first token after a dateline that opens a phrase at ``start`` (before ``limit``): a place in
    capitals or a date, then a colon or a dash ("KUALA LUMPUR: More than ...", "WASHINGTON - New
    intelligence", "TEHRAN, Mar 17 - Iranian Oil Minister ..."); else ``start``."""
    stop = min(start + 6, len(doc) if limit is None else limit)
    for k in range(start + 1, stop):
        sep = doc[k]
        spaced = bool(doc[k - 1].whitespace_) and bool(sep.whitespace_)
        if sep.text == ":" or sep.text in DATELINE_DASHES and (spaced or sep.text != "-"):
            words = [t for t in doc[start:k] if not t.is_punct]
            if words and all(t.ent_type_ == "DATE" or t.like_num or t.is_upper and t.is_alpha and len(t) > 1
                             for t in words) and any(t.ent_type_ == "DATE" or t.is_upper for t in words):
                return k + 1
            if spaced and (start == 0 or "\n" in doc[start - 1].text_with_ws) \
                    and words and all(t.is_title and t.is_alpha and t.ent_type_ != "PERSON" for t in words) \
                    and (len(words) >= 2 or words[0].ent_type_ in ("GPE", "LOC")) \
                    and not any(t.text in DATELINE_DASHES for t in doc[k + 1:sep.sent.end]):
                # "El Fasher — The Joint Force ...": a place in title case opening the line (not "Meta — the
                # parent company of Facebook — said": one word that is no place, or a dash that closes an aside)
                return k + 1
            return start
    return start


def _within_phrase(ent: Span, head: Token) -> Span:
    """The tagger's entity without the place before the name that a title's "of" governs: "President of
    Ukraine Volodymyr Zelensky" is tagged one entity, "Ukraine Volodymyr Zelensky"; the name is
    "Volodymyr Zelensky" (the title, "President of Ukraine", describes it). The place is the words the
    parse makes the object of that "of", or, where it glued them to the name, words the tagger takes for
    a place of their own elsewhere in the article."""
    doc = ent.doc
    if ent.start == 0 or doc[ent.start - 1].lower_ != "of" or ent.label_ == "PERSON":
        return ent
    cut = next((t.i + 1 for t in reversed(ent[:max(0, head.i - ent.start)]) if t.dep_ == "pobj" and t.head.i < ent.start
                and not t.is_ancestor(head)), None)
    if cut is None:
        places = {e.text for e in doc.ents if e.label_ in ("GPE", "NORP", "LOC") and e.start != ent.start}
        cut = next((ent.start + k for k in range(1, head.i - ent.start) if ent[:k].text in places), None)
    if cut is None or cut >= head.i:
        return ent
    return Span(doc, cut, ent.end, label=ent.label_)


def _within_commas(ent: Span, head: Token) -> Span:
    """The tagger's entity cut at a comma beyond which the parse hangs its words elsewhere: "According to
    Bernama, Fahmi said" is tagged one organisation; the speaker is "Fahmi", the outlet "Bernama"."""
    doc = ent.doc
    before = next((t.i for t in reversed(ent) if t.text == "," and t.i < head.i), None)
    if before is not None and not any(head.is_ancestor(t) for t in doc[ent.start:before]):
        ent = Span(doc, before + 1, ent.end, label=ent.label_)
    after = next((t.i for t in ent if t.text == "," and t.i > head.i), None)
    if after is not None and not any(head.is_ancestor(t) for t in doc[after + 1:ent.end]):
        ent = Span(doc, ent.start, after, label=ent.label_)
    return ent


def _after_citing(doc: Doc, left: int, head: int, lexicon: Lexicon) -> int:
    """Where the phrase starts after a citing phrase of the lexicon opening its sentence, which the tagger
    took into the name ("Quoting police sources, news agency PTI reported", "Citing Kyiv's top military
    officer, ..."): the source is what the phrase cites."""
    if left >= head or not (doc[left].is_sent_start or left == 0 or doc[left - 1].is_punct or doc[left - 1].is_space):
        return left
    n = lexicon.phrase_at(doc[left], "citing")
    return left + n if n and left + n <= head else left


def mention_from_head(doc: Doc, head: Token, lexicon: Lexicon) -> Mention | None:
    """Cut the mention phrase out of the subtree of `head`, with its descriptors."""
    if head.is_punct or head.is_space or head.pos_ == "VERB":
        return None  # (a verb names no one: "..., this time not only implying ..., but also recommending")
    edge = head.left_edge.i
    if (edge == 0 or "\n" in doc[edge - 1].text_with_ws or doc[edge - 1].is_punct) \
            and (k := after_dateline(doc, edge)) > head.i:
        # "El Fasher — The Joint Force ... say that ...": the parser made the dateline's place the subject,
        # with the speaker apposed to it after the dash
        appos = next((c for c in head.rights if c.dep_ == "appos" and c.i >= k), None)
        if appos is not None:
            return mention_from_head(doc, appos, lexicon)
    if head.text in WEEKDAYS and head.i > 0 and doc[head.i - 1].head == head and doc[head.i - 1].dep_ == "compound" \
            and doc[head.i - 1].pos_ == "PROPN":
        # "Spokesperson Dr Faisal Thursday said": the day the tagger glued to a name heads it; the name is
        # the speaker
        return _without_day(mention_from_head(doc, doc[head.i - 1], lexicon), head)
    lower = head.lower_
    # "one of the officials", "some of the sources": the phrase is named by what follows "of".
    if lower in _QUANTIFIERS:
        appos = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN")), None)
        if appos is not None:
            inner = mention_from_head(doc, appos, lexicon)
            # "One of these groups, the Syrian Democratic Forces (SDF), said", "One of them, a European
            # security official, said"
            if inner is not None and (inner.form in ("name", "outlet") and appos.ent_type_ in ("ORG", "PERSON")
                                      or inner.form == "anonymous"):
                return inner
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            inner = mention_from_head(doc, pobj, lexicon)
            if inner is not None:
                start = head.left_edge.idx if head.left_edge.i < head.i else head.idx
                # "one of the officials" is one unnamed member of a group, not a pointer back.
                form = "anonymous" if inner.form == "nominal" else inner.form
                return Mention(start, inner.end, head.i, form, inner.descriptors)
    # "a Twitter post by Amy Cook", "a report from ABC Australia": the author speaks through it
    if lexicon.is_word("document", head.lemma_.lower()) or lexicon.is_word("document", lower):  # ("data": "datum")
        # ("the report of the Ombudsman's Office": an institution's, named after "of")
        by = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")), None) or next(
            (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" and any(
                g.dep_ == "pobj" and (g.ent_type_ == "ORG" or lexicon.is_institution(g))
                for g in c.children)), None)
        if by is None and head.dep_ == "dobj" and head.i + 1 < len(doc) and doc[head.i + 1].lower_ in ("by", "from") \
                and doc[head.i + 1].head == head.head:
            by = doc[head.i + 1]  # "quoting a statement from the presidency": the parser hung "from" on the verb
        if by is None:
            # "a statement released by Erdogan's office" (but "a report seen by AFP": the outlet saw it, the
            # report speaks)
            released = next((c for c in head.rights if c.dep_ == "acl"
                             and not lexicon.is_word("gathered_by", c.lower_)), None)
            by = next((c for c in released.children if c.dep_ == "agent"), None) if released is not None else None
        author = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if author is not None and (author.ent_type_ in ("DATE", "TIME") or calendar_word(author)):
            author = None  # "a statement from Tuesday", "a letter from March": when, not who
        if author is not None and (author.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or author.pos_ == "PROPN"
                                   or lexicon.is_institution(author)):
            inner = mention_from_head(doc, author, lexicon)
            if inner is not None and inner.form in ("name", "outlet", "nominal", "other"):
                return inner
        # "the ministry's statement on Telegram added": the issuer speaks through it
        owner = next((c for c in head.children if c.dep_ == "poss"), None) if author is None else None
        # ("its analysis" stays the document: what an outlet cites of its own work names no source; so do
        # "Monday's statement" and "Berg's indictment": a person issues only what they say)
        if owner is not None and owner.ent_type_ not in ("DATE", "TIME") and (
                owner.ent_type_ in ("ORG", "NORP", "GPE") or lexicon.is_institution(owner)
                or (owner.ent_type_ == "PERSON" or owner.pos_ == "PROPN") and lexicon.is_word("interview_noun", head.lemma_)):
            inner = mention_from_head(doc, owner, lexicon)
            if inner is not None and inner.form in ("name", "outlet", "nominal", "other"):
                return inner
    if head.pos_ == "NOUN" and (named := named_as(head, lexicon)) is not None:
        # "A Telegram channel identified as Military Correspondents of the Russian Spring claimed": the name
        inner = mention_from_head(doc, named, lexicon)
        if inner is not None and inner.form in ("name", "outlet", "other"):
            outlet = inner.form == "outlet" or lexicon.is_word("outlet_nominal", head.lemma_.lower())
            described = _strip_det(doc[head.left_edge.i:head.i + 1])
            return Mention(inner.start, inner.end, inner.head, "outlet" if outlet else inner.form, (described,))
    if lower in ("another", "others") and not any(c.dep_ in ("compound", "amod", "prep") for c in head.children):
        # "One diplomat told Politico ... Another said ...": the noun is the previous source's
        return Mention(head.idx, head.idx + len(head), head.i, "elliptic")
    if (head.pos_ == "PRON" or lower in PRONOUNS) and not (head.is_upper and len(head) > 1):
        # (an organisation's initials spelling a pronoun are no pronoun: "the WHO added")
        if lower in DEMONSTRATIVES:
            return None
        return Mention(head.idx, head.idx + len(head), head.i, "pronoun")
    # "One of the high-ranking Russian representatives": the head is "One"; the phrase runs through "of".
    left, right = head.i, head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS:
            left = min(left, child.left_edge.i)
    if left < head.i and doc[head.i - 1].tag_ == "``" and head.pos_ == "PROPN":
        left = head.i  # 'told the “Spiegel”': the name in quotation marks, without its article and mark
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _RIGHT_PREPS and child.i == right + 1 and head.ent_type_ != "PERSON" \
                and not _time(child) \
                and not (_place(child) and not any(c != child and c.dep_ in ("prep", "cc", "conj") for c in head.rights)):
            # "sources familiar with the talks", "a spokesperson for the ministry" (a name's own words are
            # its entity's; "a spokesperson in Brussels" says where, not who)
            right = _before_aside(child, lexicon)
        elif child.dep_ in ("amod", "acl") and lexicon.is_word("source_modifier", child.lower_) and child.i == right + 1:
            right = child.right_edge.i
        elif child.dep_ in ("compound", "flat", "nummod") and child.i == right + 1:
            right = child.right_edge.i
        elif child.dep_ == "cc" and child.i == right + 1:
            conj = next((c for c in head.rights if c.dep_ == "conj"), None)
            if conj is not None:
                right = conj.i
    if right == head.i and head.i + 1 < len(doc) and lexicon.is_word("anonymous_head", head.lemma_.lower()):
        nxt = doc[head.i + 1]
        if nxt.dep_ == "prep" and nxt.lower_ in _RIGHT_PREPS and nxt.head.i == head.head.i != head.i \
                and nxt.i < head.head.i + 8 and not _time(nxt) and not _place(nxt):
            # "quoted people with knowledge of the matter as saying": the parser hung the phrase that
            # describes the sources on the verb
            right = _before_aside(nxt, lexicon)
    # "the business daily Kommersant": a listed outlet apposed to a description is the outlet
    named = next((c for c in head.rights if c.dep_ == "appos" and lexicon.canonical_outlet(c.text)), None)
    if named is not None and named.i != head.i and head.pos_ == "NOUN":
        inner = mention_from_head(doc, named, lexicon)
        if inner is not None:
            return Mention(inner.start, inner.end, inner.head, inner.form, (_strip_det(doc[head.left_edge.i:named.i]).strip(" ,"),))
    ent = entity_of(doc, head)
    is_title = lexicon.is_word("title", lower)
    if lexicon.is_word("outlet_nominal", head.lemma_.lower()) and head.pos_ == "NOUN":
        # "the shipping journal Lloyd's List": the apposed title-case name is the outlet
        appos = next((c for c in head.rights if c.dep_ == "appos" and c.left_edge.i == head.i + 1), None)
        words = [t for t in appos.subtree if not (t.is_punct or t.tag_ == "POS")] if appos is not None else []
        if words and all(t.is_title or t.is_upper for t in words):
            name = doc[appos.left_edge.i:appos.right_edge.i + 1]
            return Mention(name.start_char, name.end_char, appos.i, "outlet", (_strip_det(doc[left:head.i + 1]),))
    if (ent is None or ent.label_ != "PERSON") and (head.pos_ == "NOUN" or is_title or is_role(head, lexicon)):
        # "the company's chief executive, Paul Reyes", "the Turkish President Recep Tayyip Erdoğan":
        # the apposed name is the speaker
        # ... also one the NER missed, apposed to a role ("a drone unit sergeant, Sokol")
        role = lexicon.is_word("anonymous_head", head.lemma_.lower()) or is_title
        # (a person apposed before any other: "the first Secretary of the Communist Party of Cuba (PCC), Raul
        # Castro" — the party's initials in brackets are no speaker)
        # (or a name the tagger tagged only in part: "FAST's leader Fiame Naomi Mata'afa", the last word outside)
        appos = next((c for c in head.rights if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN" and any(
            g.dep_ == "compound" and g.ent_type_ == "PERSON" for g in c.lefts))), None) or next(
            (c for c in head.rights if c.dep_ == "appos" and doc[c.left_edge.i - 1].text != "(" and (
                c.ent_type_ == "ORG" and c.pos_ == "PROPN"
                or role and c.pos_ == "PROPN" and c.is_title and c.ent_type_ in ("", "NORP") and c.i == c.left_edge.i)),
            None)
        if appos is None and role:
            # "Party spokesman Karim Hasan Sunday said ...": the day glued to the name heads the apposition
            dated = next((c for c in head.rights if c.dep_ == "appos" and calendar_word(c)
                          and c.i > 0 and doc[c.i - 1].ent_type_ == "PERSON" and doc[c.i - 1].head == c), None)
            appos = doc[dated.i - 1] if dated is not None else None
        if appos is not None:
            inner = mention_from_head(doc, appos, lexicon)
            if inner is not None and inner.form in ("name", "outlet"):
                title = _strip_det(doc[left:head.i + 1])
                return Mention(inner.start, inner.end, inner.head, inner.form, (title, *inner.descriptors))
        if (named := outlet_name_before_noun(doc, head, lexicon)) is not None:
            return Mention(named.start_char, named.end_char, head.i, "outlet", ())  # "the Al-Watan newspaper"
        person = person_in(doc, head, left, right, lexicon) or glued_person(doc, head, lexicon)
        if person is not None and len(person) == 1 and lexicon.is_word("anonymous_head", head.lemma_.lower()):
            person = None  # "a senior Ukrenergo engineer": one capitalised word before a role is its employer
        if person is not None and doc[left].lower_ in ("a", "an") and person.end <= head.i \
                and lexicon.is_word("anonymous_head", head.lemma_.lower()):
            person = None  # "an Ansar Dine official": a name after "a" and before the role is whom they serve
        if person is not None:
            head, ent = (person.root if person.root.pos_ != "VERB" else person[-1]), person  # (a name misread as a verb)
        elif (holder := title_holder(doc, head, lexicon)) is not None:
            role = _strip_det(doc[left:holder.start]).strip(" ,")
            return Mention(holder.start_char, holder.end_char, holder.end - 1, "name", (role,) if role else ())
    title_of = None  # "President of Ukraine" before a name the tagger glued the country to
    if ent is not None and ent.start <= head.head.i < ent.end and head.head.i > head.i and head.head.pos_ == "VERB":
        ent = Span(doc, ent.start, head.head.i, label=ent.label_)  # '"...," Dodik told Serbia's ...' tagged one entity: the name ends before its verb
    if ent is not None:
        ent = _within_commas(ent, head)
    if ent is not None and ent.label_ in _NAME_ENTS:
        clipped = _within_phrase(ent, head)
        if clipped.start > ent.start and left >= ent.start:
            left = max(left, clipped.start)  # (the place may be a compound of the name in the parse too)
            of = doc[ent.start - 1]
            if lexicon.is_word("title", of.head.lower_) and of.head.i < of.i:
                title_of = doc[of.head.left_edge.i:clipped.start]
        ent = clipped
        left, right = min(left, ent.start), max(right, ent.end - 1)
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    left = after_dateline(doc, left, head.i)
    left = _after_citing(doc, left, head.i, lexicon)
    span = doc[left:right + 1]
    owned = owned_outlet(doc, head, span, lexicon)
    if owned is not None:
        # "RFE/RL's Current Time", "Russia's Channel One": the outlet is the owned one; its owner describes it
        return Mention(owned.start_char, owned.end_char, head.i, "outlet",
                       (doc[span.start:owned.start].text.strip(),))
    opening = [t.i for t in span if t.text == "("]
    if opening and not any(t.text == ")" for t in doc[opening[-1]:span.end]) and span.end - opening[-1] <= 3 \
            and opening[-1] > span.start:
        # "The Institute for the Study of War (ISW) said": the acronym's bracket is no part of the name
        span = doc[span.start:opening[-1]]
    form = mention_form(doc, head, span, ent, lexicon)
    if form in ("outlet", "name") and span[0].dep_ == "amod" and span[0].pos_ != "PROPN":
        # "Pro-government Imedi TV": the outlet is the name, its stance describes it
        first = next((t.i for t in span if t.pos_ == "PROPN"), span.start)
        if first > span.start and any(t.is_lower for t in doc[span.start:first]) and (
                form == "outlet" or lexicon.looks_like_outlet(doc[first:span.end].text)):
            form = "outlet"
            descriptors_before = _strip_det(doc[span.start:first])
            span = doc[first:span.end]
            return Mention(span.start_char, span.end_char, head.i, form, (descriptors_before,))
    if form == "name" and is_title and (ent is None or ent.label_ != "PERSON"):
        form = "nominal"  # "President", "the Turkish President": a title pointing back at its holder
    descriptors = _descriptors(doc, head, span, ent)
    if title_of is not None and span.start >= title_of.end:
        descriptors = [_strip_det(title_of), *descriptors]
    if form == "outlet" and (noun := outlet_noun_before(doc, head, lexicon)) is not None and span.start <= noun.i:
        # "Finnish public broadcaster Yle": the outlet is "Yle", the rest describes it
        descriptors = [_strip_det(doc[span.start:noun.i + 1]), *descriptors]
        span = doc[noun.i + 1:span.end]
    if form == "name" and (ent is None or ent.label_ != "PERSON") and head.pos_ == "PROPN" and head.is_title \
            and head.i == span.end - 1:
        # "the topmost senior Polish archbishop Wojciech Polak" with no PERSON entity: the name is the
        # run of capitalised words ending the phrase, after the last title word
        first = head.i
        # ... and never the object of a preposition ("Deputy Minister of Economy Serhii Lytvynchuk")
        while first - 1 >= span.start and (doc[first - 1].pos_ == "PROPN" or misread_name(doc[first - 1])) \
                and doc[first - 1].is_title \
                and not is_role(doc[first - 1], lexicon) and doc[first - 1].ent_type_ not in ("NORP", "GPE") \
                and doc[first - 1].dep_ != "pobj":
            first -= 1
        if ent is not None and ent.label_ == "ORG" and span.start <= ent.start < first \
                and all(t.is_title or t.is_upper or t.lower_ in ("and", "&", "of", "for") for t in doc[ent.start:first]):
            first = ent.start  # "the state Fire and Rescue Department": the organisation's own name has an "and"
        # ... when a lowercase role or a preposition's object stands right before the name: not inside an
        # organisation's own name ("Georgia's Interior Ministry", "the Prosecutor General's Office")
        before = doc[first - 1] if first > span.start else None
        # (a name ending in an institution's noun is the institution's, title words and all: "the EU General
        # Affairs Council")
        if before is not None and lexicon.is_word("institution", head.lower_) and before.is_title and before.pos_ == "PROPN" and first - 2 >= span.start \
                and doc[first - 2].pos_ == "PROPN" and not doc[first - 2].is_lower:
            before = None  # ("the EU General Affairs Council": a title word inside the institution's name)
        if before is not None and (before.is_lower and before.tag_ != "POS" or before.dep_ == "pobj"
                                   or before.text.endswith(".") and lexicon.is_word("title", before.lower_)
                                   or is_role(before, lexicon) and first < head.i) \
                and any(t.is_lower or lexicon.is_word("title", t.lower_) for t in doc[span.start:first]):
            descriptors.insert(0, _strip_det(doc[span.start:first]))
            span = doc[first:span.end]
    if form == "name" and ent is not None and ent.label_ == "PERSON":
        # The mention is the name; the title words before it ("Russian envoy") are a descriptor.
        start = ent.start
        # NER often takes the title into the name ("Foreign Minister Karl Berger"): it is a descriptor
        end = ent.end
        first = ent.start
        while first < end - 1 and (lexicon.is_word("title", doc[first].lower_.rstrip("."))
                                   or doc[first].pos_ != "PROPN" and not misread_name(doc[first])):
            first += 1
        if first > ent.start:
            ent = Span(doc, first, end, label="PERSON")
            start = first
        # NER sometimes keeps only the surname ("Mayor of London Sadiq [Khan]"): take back the
        # capitalised given names right before it.
        while start > span.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].ent_type_ in ("", "PERSON") and start - 1 >= ent.end - 4 \
                and not lexicon.is_word("title", doc[start - 1].lower_.rstrip(".")) and not is_role(doc[start - 1], lexicon) \
                and doc[start - 1].dep_ != "pobj":
            start -= 1
        if start > span.start:
            descriptors.insert(0, _strip_det(doc[span.start:start]))
        span = doc[start:ent.end]
    return Mention(span.start_char, span.end_char, head.i, form, tuple(d for d in descriptors if d))


def _place(prep: Token) -> bool:
    """A prepositional phrase that says where: "in Brussels", "at the border"."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.lower_ in ("in", "at") and obj is not None and obj.ent_type_ in ("GPE", "LOC", "FAC")


def _before_aside(tok: Token, lexicon: Lexicon | None = None) -> int:
    """The right edge of a phrase without an aside set off by a comma inside it: "the authorities of Xi'an
    City[, capital of Shaanxi]", "the statement from state patrol[, which oversees security]" (a list's
    comma stays: "the Ministry of Culture, Tourism and Civil Aviation"), nor the channel the parser hung
    on its last noun: "head of the Presidential Office Andriy Yermak[ on Telegram]"."""
    doc = tok.doc
    for i in range(tok.i + 1, tok.right_edge.i + 1):
        if lexicon is not None and doc[i].dep_ == "prep" and doc[i].lower_ in ("on", "via") and any(
                c.dep_ == "pobj" and lexicon.is_word("channel", c.lower_) for c in doc[i].children):
            return i - 1
        if lexicon is not None and doc[i].dep_ == "acl" and lexicon.is_word("gathered_by", doc[i].lower_) \
                and any(c.dep_ == "agent" for c in doc[i].children):
            return i - 1  # "a draft of the summary[ seen by AFP]": the outlet that saw it is a hop, no description
    for i in range(tok.i + 1, tok.right_edge.i):
        if doc[i].lower_ == "who" and doc[i].head.dep_ == "relcl" and i > tok.i + 1:
            # "a senior figure from the ruling party who spoke on condition of anonymity": the parser hung the
            # person's relative clause on the party; it describes how the source spoke, not who it is
            return i - 1
        if doc[i].text != ",":
            continue
        nxt = doc[i + 1]
        aside = nxt if nxt.dep_ in ("appos", "relcl", "acl") else nxt.head if nxt.head.left_edge.i == i + 1 else None
        if nxt.lower_ in ("who", "which") or aside is not None and (
                aside.dep_ in ("relcl", "acl") or aside.dep_ == "appos" and aside.pos_ == "NOUN"):
            # (an apposed name stays: "a spokesperson for the ministry, Matthias Kröger" names the speaker)
            return i - 1
    return tok.right_edge.i


def _time(prep: Token) -> bool:
    """A prepositional phrase that says when: "on Thursday", "in March", "for the first time" (the parse
    may hang it on the speaker: "The ministry on Thursday said", "Nvidia for the first time said")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.ent_type_ in ("DATE", "TIME") or obj.lemma_ == "time" and any(
        c.ent_type_ == "ORDINAL" or c.lower_ in ("first", "last") for c in obj.children))


def _strip_det(span) -> str:
    words = [t for t in span if not (t.dep_ in ("det", "punct") and t.i == span.start)]
    return "".join(t.text_with_ws for t in words).strip(" ,")


def _descriptors(doc: Doc, head: Token, span, ent) -> list[str]:
    out: list[str] = []
    for child in head.rights:
        if child.dep_ == "appos":
            sub = doc[child.left_edge.i:child.right_edge.i + 1]
            # cut a relative clause off the apposition: "head of the Fund, who is also ..."
            cut = next((t.i for t in sub if t.dep_ == "relcl" or (t.i > sub.start and t.text == ",")), sub.end)
            text = doc[sub.start:cut].text.strip(" ,")
            if text and len(text.split()) <= 12:
                out.append(text)
    return out
