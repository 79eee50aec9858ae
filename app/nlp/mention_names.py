"""What a mention phrase names, read for ``mention_from_head`` (app/nlp/mentions.py): the person a title
or a role phrase names where the tagger missed or mislabelled the name ("Head of the regional
administration Viktor Honcharuk", "study co-author Ted Scambos"), and the phrase's form: an outlet
("public broadcaster Yle", "RFE/RL's Current Time"), a name, a document, a nominal pointing back, an
anonymous source.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.nlp.lexicon import Lexicon


def entity_of(doc: Doc, tok: Token):
    """The named-entity span covering a token, or None."""
    if not tok.ent_type_:
        return None
    i = tok.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return Span(doc, i, j, label=tok.ent_type_)


def misread_name(tok: Token) -> bool:
    """A capitalised word inside a sentence that the tagger took for a verb it does not know (its lemma is
    the word itself): a name ("... by Deputy Minister of Foreign Affairs Andrii Sybiha during ...", where
    "Andrii" was read as a past tense with "Sybiha" its object), no clause."""
    return tok.pos_ in ("VERB", "AUX") and tok.is_title and tok.lemma_ == tok.text and tok.i > tok.sent.start \
        and not tok.doc[tok.i - 1].is_punct


def strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def is_role(tok: Token, lexicon: Lexicon) -> bool:
    return lexicon.is_word("title", tok.lower_) or lexicon.is_word("anonymous_head", tok.lemma_.lower())


def title_holder(doc: Doc, head: Token, lexicon: Lexicon):
    """The person a title or a role phrase names, where NER missed or mislabelled the name: apposed
    ("Commander of the Ground Forces, Brigadier General Yurii Dovhan", "the protest's organiser, Tomasz
    Wróbel of the farmers' association", "the head of the committee, people's deputy from the faction
    Oleksandr Levchuk") or glued to the phrase's end ("Head of the regional administration Viktor
    Honcharuk", "Former US Ambassador to the United Nations Nikki Haley"). None when the phrase names no
    one ("the lawyer for John Smith" names Smith's lawyer, whose name it does not give)."""
    if not is_role(head, lexicon):
        return None
    for a in head.rights:
        if a.dep_ != "appos":
            continue
        if a.pos_ == "PROPN" and a.is_title:
            return _name_run(doc, a, lexicon)
        if a.pos_ == "NOUN" and is_role(a, lexicon) and a.right_edge.pos_ == "PROPN":
            run = _name_run(doc, a.right_edge, lexicon)
            return run if run is not None and len(run) >= 2 else None
    end = head.right_edge
    if end.i > head.i + 2 and end.pos_ == "PROPN" and end.dep_ != "pobj" or \
            end.dep_ == "pobj" and end.i > head.i + 3 and doc[end.i - 2].pos_ == "PROPN" and doc[end.i - 2].ent_type_ in ("ORG", "GPE"):
        run = _name_run(doc, end, lexicon)
        # (not a body's name closing the phrase: "the spokesman of the UN Refugee Agency")
        if run is not None and len(run) >= 2 and run.start > head.i + 1 and not any(lexicon.is_institution(t) for t in run):
            before = doc[run.start - 1]
            if before.is_lower and before.pos_ == "NOUN" or before.ent_type_ in ("ORG", "GPE", "NORP") or is_role(before, lexicon):
                return run
    return None


def _name_run(doc: Doc, end: Token, lexicon: Lexicon):
    """The name ending at ``end``: the PERSON entity there, or the two capitalised words ending there."""
    if end.ent_type_ == "PERSON":
        ent = entity_of(doc, end)
        first = ent.start
        while first < ent.end - 1 and lexicon.is_word("title", doc[first].lower_.rstrip(".")):
            first += 1
        return Span(doc, first, ent.end, label="PERSON")
    start = end.i
    while start > end.i - 1 and start - 1 >= 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
            and not lexicon.is_word("title", doc[start - 1].lower_.rstrip(".")):
        start -= 1
    if not end.is_title or start == end.i and doc[start - 1].pos_ != "PROPN":
        return Span(doc, end.i, end.i + 1, label="PERSON") if end.is_title else None
    return Span(doc, start, end.i + 1, label="PERSON")


def glued_person(doc: Doc, head: Token, lexicon: Lexicon):
    """"Head of the Office of the President Andriy Yermak": a title whose prepositional phrase ends in a
    person's name glued onto the organisation's ("the President Andriy Yermak"), as translated news
    writes titles. Not "the lawyer for John Smith", where the name is the whole object."""
    if not lexicon.is_word("title", head.lower_):
        return None
    last = head.right_edge
    after = doc[last.i + 1:last.i + 3]
    if len(after) == 2 and all((t.pos_ == "PROPN" or misread_name(t)) and t.is_title and t.ent_type_ in ("", "PERSON")
                               for t in after) \
            and (last.i + 3 >= len(doc) or doc[last.i + 3].pos_ != "PROPN") and _surname_alone_elsewhere(doc, after[1]):
        # "stated by the spokesperson for the Border Guard Service of Ukraine Andrii Hnatiuk during ...":
        # the parser left the name out of the title's phrase
        return Span(doc, after.start, after.end, label="PERSON")
    if last.ent_type_ != "PERSON" and last.i - 2 > head.i and doc[last.i - 1].pos_ == "PROPN" \
            and doc[last.i - 1].is_title and doc[last.i - 2].pos_ in ("PROPN", "NOUN") and _surname_alone_elsewhere(doc, last):
        # no PERSON entity, but the last word stands alone elsewhere as a surname ("..., Hnatiuk said"):
        # the name is the given name and surname ending the phrase
        return Span(doc, last.i - 1, last.i + 1, label="PERSON")
    if last.ent_type_ != "PERSON" or last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I":
        return None
    ent = entity_of(doc, last)
    if ent is None or ent.start <= head.i + 1:
        return None
    before = doc[ent.start - 1]
    if before.pos_ not in ("PROPN", "NOUN") or doc[ent.start].dep_ != "compound":
        return None
    return ent


_ALONE_KEY = ("whosaid", "propn_alone")


def _surname_alone_elsewhere(doc: Doc, tok: Token) -> bool:
    """A capitalised word the text also uses on its own, outside a longer name ("Hnatiuk said").

    `tok` itself stands inside a longer name here (the callers check that a name word precedes it), so
    the set of words that stand alone anywhere in the doc answers; it is built once per doc."""
    if tok.pos_ != "PROPN" or not tok.is_title:
        return False
    alone = doc.user_data.get(_ALONE_KEY)
    if alone is None:
        # (a dict, not a set: what a component leaves in user_data must serialize with the Doc)
        alone = doc.user_data[_ALONE_KEY] = {
            t.text: True for t in doc if t.pos_ == "PROPN" and (t.i == 0 or doc[t.i - 1].pos_ != "PROPN")
            and (t.i + 1 >= len(doc) or doc[t.i + 1].pos_ != "PROPN")}
    return tok.text in alone


def person_in(doc: Doc, head: Token, left: int, right: int, lexicon: Lexicon | None = None):
    """The one person named inside a title phrase ("study co-author Ted Scambos"), if exactly one;
    never one inside a prepositional phrase ("the lawyer for John Smith" is not John Smith) or who owns
    the head ("John Smith's lawyer" is not John Smith either; nor is "Mali's army" a person), but the
    name closing a title's "of" phrase ("head of the Presidential Office Andriy Yermak": the parser hung
    the name inside the office's phrase) is the person the title describes."""
    blocked = set()
    for child in head.children:
        if child.dep_ in ("prep", "relcl", "acl", "poss"):
            if child.dep_ == "prep" and child.lower_ == "of" and lexicon is not None and lexicon.is_word("title", head.lower_) \
                    and _name_closes(doc, child, right, lexicon):
                continue
            blocked.update(range(child.left_edge.i, child.right_edge.i + 1))
    found = None
    for i in range(left, min(right, len(doc) - 1) + 1):
        tok = doc[i]
        if i in blocked or tok.ent_type_ != "PERSON" or tok.ent_iob_ != "B":
            continue
        ent = entity_of(doc, tok)
        if ent is not None and ent.end <= head.i and head.is_lower and head.tag_ == "NNS":
            continue  # "Trump aides", "Sri Lankan security forces" (a demonym the NER took for a name): a group of theirs
        if found is not None:
            return None
        found = ent
    return found


def _name_closes(doc: Doc, of: Token, right: int, lexicon: Lexicon) -> bool:
    """The "of" phrase (up to the mention's ``right`` edge) ends in a person's name that stands after other
    words of the phrase: "of the Presidential Office Andriy Yermak" (not "of John Smith")."""
    last = doc[min(of.right_edge.i, right)]
    ent = entity_of(doc, last)
    # (not a body the tagger took for a person: "of the UN Refugee Agency")
    return ent is not None and ent.label_ == "PERSON" and ent.end == last.i + 1 and ent.start > of.i + 2 \
        and not any(lexicon.is_institution(t) for t in ent)


def mention_form(doc: Doc, head: Token, span, ent, lexicon: Lexicon) -> str:
    if lexicon.canonical_outlet(span.text) or (ent is not None and lexicon.canonical_outlet(ent.text)):
        return "outlet"
    if head.is_lower and lexicon.is_word("outlet_word", head.text.title()) \
            and any(c.dep_ == "compound" and c.i == head.i - 1 and lexicon.canonical_outlet(c.text) for c in head.lefts):
        return "outlet"  # "EFE news reported", "Kan news": a listed outlet and a word of an outlet's name in lower case
    if head.pos_ == "PROPN" and ent is not None and ent.label_ in ("ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "PERSON") \
            and lexicon.looks_like_outlet(strip_the(ent.text)):
        return "outlet"
    lemma = head.lemma_.lower()
    if (head.pos_ == "PROPN" or head.text[:1].isupper() and head.i > 0 and not head.ent_type_) \
            and head.ent_type_ not in ("DATE", "TIME") and outlet_noun_before(doc, head, lexicon) is not None:
        # "public broadcaster Yle", "the tabloid Bild", "news site Znak", "national radio Deutschlandfunk" (a
        # name the tagger took for a common noun); not "radio Sunday"
        return "outlet"
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC") and head.pos_ == "PROPN":
        return "name"
    if lexicon.is_word("outlet_nominal", lemma) and any(
            c.dep_ in ("compound", "amod", "nmod") and c.i < head.i and lexicon.canonical_outlet(c.text) for c in head.children):
        return "outlet"  # "Russia's Interfax news agency", "Germany's dpa news agency"
    if any(c.dep_ == "poss" and c.ent_type_ for c in head.children) and (
            lexicon.is_word("outlet_nominal", lemma) or lexicon.is_word("document", lemma)):
        return "document"  # "the WHO's website", "the ministry's report": the owner's document
    if lexicon.is_word("outlet_nominal", lemma) or lexicon.is_word("outlet_nominal", head.lower_):
        # "the publication", "the post", but "the publication Axios" is a name (handled above).
        for tok in span:
            if lexicon.canonical_outlet(tok.text):
                return "outlet"
        # (an object only when it points back, or places the outlet it leaves unnamed: "in an interview
        # with an Indian newspaper", like "Russian media")
        if (head.dep_ != "pobj" or span[0].lower_ in ("the", "this")
                or any(t.ent_type_ in ("NORP", "GPE") and t.pos_ == "ADJ" for t in span)
                and not any(t.pos_ == "PROPN" for t in span)) \
                and not _institution_sense(head, lexicon):
            return "nominal_outlet"
    if lexicon.is_word("document", lemma):
        return "document"
    if lexicon.is_word("anonymous_head", lemma) or lexicon.is_word("anonymous_head", head.lower_):
        first = span[0].lower_
        if first in ("the", "this", "that") and not any(lexicon.is_word("anonymous_marker", t.lower_) for t in span):
            return "nominal"  # "the official", "the American official": points back at someone
        return "anonymous"
    if head.pos_ == "PROPN":
        return "name"
    if span[0].lower_ in ("the", "this", "that", "his", "her", "their", "its"):
        return "nominal"
    return "other"


def _institution_sense(head: Token, lexicon: Lexicon) -> bool:
    """A noun that names an outlet or an institution ("agency") in its institution's sense: a common noun
    before it that is no outlet's medium, and no name after it ("the U.N. refugee agency", "the space agency";
    not "the news agency", "state agency TASS")."""
    if not lexicon.is_institution(head):
        return False
    nouns = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower]
    doc = head.doc
    end = head.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    # "state agency TASS": a listed outlet's name after it (not "space agency Roscosmos")
    named = end > head.i + 1 and lexicon.canonical_outlet(doc[head.i + 1:end].text) is not None
    return bool(nouns) and not named and not any(c.lower_ in lexicon.outlet_words for c in nouns)


def outlet_noun_before(doc: Doc, head: Token, lexicon: Lexicon) -> Token | None:
    """The lowercase outlet noun right before a name ("broadcaster" in "public broadcaster Yle"), its
    modifier or, where the parse made both objects of one verb, its twin."""
    first = head.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == head.i:
        first -= 1
    noun = doc[first - 1] if first > 0 else None
    if noun is None or not noun.is_lower or not lexicon.is_word("outlet_nominal", noun.lemma_.lower()) \
            or _institution_sense(noun, lexicon):
        return None  # (not "space agency Roscosmos")
    if noun.head.i == head.i and noun.dep_ in ("compound", "nmod", "amod"):
        return noun
    if noun.head.i == head.head.i != head.i and noun.dep_ == head.dep_:
        return noun  # "told broadcaster Nordwest", parsed as two objects of "told"
    return None


def outlet_name_before_noun(doc: Doc, head: Token, lexicon: Lexicon):
    """"the Al-Watan newspaper", "the RIA Novosti agency": an outlet named by the proper noun before its
    outlet noun (the name, however the tagger labelled it, is the outlet's). Not a place ("the Syrian
    newspaper"; a word the tagger takes for a place anywhere in the article), a platform ("Telegram
    channels"), nor a noun a name follows ("the Skopje daily Nova Makedonija": that name is the outlet).
    The span from the name to the noun, or None."""
    if head.pos_ != "NOUN" or not lexicon.is_word("outlet_nominal", head.lemma_.lower()) or _institution_sense(head, lexicon):
        return None
    if head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "PROPN":
        return None
    lefts = [c for c in head.lefts if c.dep_ in ("compound", "nmod")
             and (c.pos_ == "PROPN" or lexicon.is_word("medium", c.lower_))]
    if not lefts or lefts[-1].right_edge.i != head.i - 1:
        return None
    first = lefts[0].left_edge.i
    while first > 0 and not doc[first - 1].whitespace_ and (doc[first - 1].is_alpha or doc[first - 1].text in "-'\u2019"):
        first -= 1  # "Al-Watan": the tokens the hyphen joins
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return None  # "a Hamas newspaper": one of the group's, unnamed
    if any(lexicon.is_word("institution", t.lower_) for t in doc[first:head.i]):
        return None  # "the Communist Party newspaper": the party's, no outlet's name
    names = [t for t in doc[first:head.i] if t.pos_ == "PROPN"]
    if not names or any(t.ent_type_ in ("GPE", "NORP", "LOC", "DATE") or not (t.is_title or t.is_upper)
                        or lexicon.is_word("channel", t.lower_) or lexicon.is_word("medium", t.lower_) for t in names):
        return None
    places = {t.text for t in doc if t.ent_type_ in ("GPE", "NORP", "LOC")}
    if any(t.text in places for t in names) or _named_alone_elsewhere(doc, first, head.i, lexicon):
        return None  # (a place; or "the Kremlin newspaper" with the Kremlin named on its own elsewhere: the owner)
    return doc[first:head.i + 1]


def _named_alone_elsewhere(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """The words doc[start:end] stand elsewhere in the doc without an outlet noun or a possessive after
    them ("Al-Watan newspaper", "Al-Watan's broadcast" are the outlet's; "the Communist Party said" is not)."""
    words = [t.text for t in doc[start:end]]
    n = len(words)
    for k in range(len(doc) - n + 1):
        if k == start or doc[k].text != words[0] or [t.text for t in doc[k:k + n]] != words:
            continue
        after = doc[k + n] if k + n < len(doc) else None
        if after is None or not (after.tag_ == "POS" or lexicon.is_word("outlet_nominal", after.lower_)):
            return True
    return False


def named_as(head: Token, lexicon: Lexicon) -> Token | None:
    """The proper name a participle gives the noun: "a channel identified as X", "known as X", "called X"."""
    for acl in head.children:
        if acl.dep_ != "acl" or acl.tag_ not in ("VBN", "VBG") or not lexicon.is_word("naming_verb", acl.lemma_.lower()):
            continue
        for c in acl.children:
            target = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "as" \
                else c if c.dep_ in ("oprd", "attr", "xcomp", "dobj") else None
            if target is not None and target.pos_ == "PROPN":
                return target
    return None


def owned_outlet(doc: Doc, head: Token, span, lexicon: Lexicon):
    """The listed outlet after a possessive owner in the phrase ("RFE/RL's [Current Time]"), or None."""
    poss = next((c for c in head.children if c.dep_ == "poss" and c.i < head.i), None)
    if poss is None:
        return None
    after = poss.right_edge.i + 1
    if after < len(doc) and doc[after].tag_ == "POS":
        after += 1
    if after > head.i or after <= span.start:
        return None
    rest = doc[after:span.end]
    return rest if lexicon.canonical_outlet(rest.text) else None
