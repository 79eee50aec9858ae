"""The cue's subject, read off the parse: inherited through coordination ("noted that A, and added that
B"), participial adjuncts ("..., adding that B") and relative clauses ("X, who said ..."), past the
parser's slips (a dateline's place or a fronted phrase taken for the subject, the speaker made an
apposition), and a passive's agent."""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.lexicon import Lexicon
from app.nlp.mentions import DATELINE_DASHES
from app.nlp.rules.cues import citing_ends_at


def _dateline_place(tok: Token) -> bool:
    """A place opening its sentence (or following a credit's bracket), a dateline closed by a colon or a
    dash: "Nicosia: ...", "KYIV – ...", "(MENAFN - KUNA) ABU DHABI, June 9 (KUNA) -- ..."."""
    doc = tok.doc
    first = tok.left_edge
    opens = first.is_sent_start or first.i > 0 and (doc[first.i - 1].text == ")" or "\n" in doc[first.i - 1].text)
    place = tok.ent_type_ == "GPE" or tok.is_upper and tok.is_alpha and len(tok) > 2  # "TEHRAN" the NER missed
    if not place or not opens or tok.i + 1 >= len(doc):
        return False
    # "Nicosia: ...", "KYIV - ...", or a dateline the parse hung on the place: "LONDON, Jan 14 (Reuters) - ..."
    return doc[tok.i + 1].text in (":", *DATELINE_DASHES) or doc[tok.right_edge.i].text in DATELINE_DASHES \
        or tok.right_edge.i + 1 < len(doc) and doc[tok.right_edge.i + 1].text in DATELINE_DASHES \
        or any(t.text in DATELINE_DASHES and tok.i < t.i < tok.i + 12 for t in tok.subtree)


def _out_of_fronted_phrase(subj: Token) -> Token:
    """"In an interview with Kurdish news outlet Rudaw, Nabaz Abdulhamid, the mayor, confirmed ...": the
    parser made the fronted phrase's last noun the subject and the speaker its conjunct after the comma.
    A subject with no comma between it and a sentence that opens with a preposition is inside that
    phrase; its conjunct after the comma is the subject."""
    doc = subj.doc
    sent = subj.sent
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.tag_ != "IN" or first.i >= subj.i or any(t.text == "," for t in doc[first.i:subj.i]):
        return subj
    if subj.i + 1 >= len(doc) or doc[subj.i + 1].text != ",":
        return subj
    return next((c for c in subj.children if c.dep_ == "conj" and c.i > subj.i + 1), subj)


def _out_of_time_phrase(subj: Token) -> Token:
    """"Early Monday, M23 rebels, who ..., claimed": the parser made the fronted time the subject and the
    speaker its apposition. A time (a DATE or TIME entity) speaks nothing; its apposition is the subject."""
    if subj.ent_type_ not in ("DATE", "TIME"):
        return subj
    return next((c for c in subj.children if c.dep_ == "appos" and c.ent_type_ not in ("DATE", "TIME")
                 and c.pos_ in ("NOUN", "PROPN", "PRON")), subj)


def _out_of_honorific(subj: Token) -> Token:
    """"HE the Deputy Prime Minister and Foreign Minister Sheikh Mohamed ... has said": "HE" (His
    Excellency) is no pronoun but an honorific the parser made the subject; the person named after it speaks."""
    if subj.pos_ != "PRON" or not subj.text.isupper() or len(subj.text) < 2:
        return subj
    return next((t for t in subj.subtree if t.ent_type_ == "PERSON" and t.dep_ in ("appos", "conj")
                 and t.head.i >= subj.i), subj)


def _person_of_titles(subj: Token) -> Token:
    """"Chinese State Councilor and Foreign Minister Qin Gang said": the parser coordinated the first title
    with the name that the second title opens; the name speaks."""
    if not _title_word(subj):
        return subj
    return next((c for c in subj.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"), subj)


def apposition_before_cue(subj: Token, cue: Token) -> Token:
    """"... to Congo as the number of cases grows, the head of the WHO said": the parser made the closing
    clause's subject the cue's, and the speaker right before the cue its apposition. A subject whose
    phrase holds a finite verb of its own, with an apposition that ends right before the cue (no comma
    closes it), stands in another clause; the apposition is the cue's subject; so does a subject set off by
    a comma after the cue's content (a name closing the content). So is an apposition deeper
    in the subject's phrase ("... imposed sanctions on Zarif, the Treasury's Office of Foreign Assets
    Control said": the office apposed to Zarif)."""
    doc = subj.doc
    if cue.i < subj.i:
        return subj
    appos = next((c for c in subj.subtree if c.dep_ == "appos" and c.i > subj.i and c.right_edge.i == cue.i - 1
                  and doc[c.left_edge.i - 1].text == ","), None)
    if appos is None:
        return subj
    if appos.head != subj:
        return appos
    finite = any(t.tag_ in ("VBZ", "VBD", "VBP") and t.i < appos.left_edge.i for t in subj.subtree if t.i > subj.i)
    # ("A with his counterpart, Sheikh X, the foreign ministry said": the name closing A set off by a comma
    # after the cue's content, the speaker apposed to it without a comma before the cue)
    inside = subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == "," \
        and any(c.dep_ == "ccomp" and c.i < subj.i for c in cue.children)
    return appos if finite or inside else subj


def closing_apposition(cue: Token) -> Token | None:
    """"Seven people died at the centre, chief medical superintendent Dr Badri Risal told AP": a finite cue
    with no subject of its own, right after a name the parser apposed to a noun of the content and set off
    by a comma (or after such a name and its description, set off by commas, where the parser coordinated
    the cue with the content: "..., Chen Juemin, director of the health department, said"); the name is
    the cue's subject. None otherwise."""
    if cue.dep_ not in ("advcl", "conj", "ROOT", "parataxis") or cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i < 2 \
            or any(c.dep_ in ("nsubj", "nsubjpass", "mark", "cc") for c in cue.children):
        return None
    doc = cue.doc
    if cue.dep_ in ("ROOT", "parataxis"):
        return _name_swallowed(cue)
    last = cue.i - 1
    if cue.dep_ == "conj" or doc[last].text == ",":
        # "..., Chen Juemin, director of the provincial health department, said at a press conference": the
        # name and its description set off by commas, all of it apposed to a noun of the content
        if doc[last].text != "," or cue.dep_ == "conj" and cue.head.i > cue.i:
            return None
        last -= 1
        name = doc[last]
        while name.head.i < name.i and name.head.right_edge.i == last and name.dep_ != "appos":
            name = name.head
        if name.dep_ == "appos" and name.pos_ != "PROPN" and name.head.pos_ == "PROPN" and name.head.right_edge.i == last:
            name = name.head  # (the description apposed to the name)
    else:
        name = doc[last]
        while name.dep_ in ("compound", "flat") and name.head.i > name.i:
            name = name.head
    if name.dep_ != "appos" or name.pos_ != "PROPN" or name.right_edge.i != last or name.left_edge.i == 0 \
            or doc[name.left_edge.i - 1].text != ",":
        return None
    return name


def _name_swallowed(cue: Token) -> Token | None:
    """"Sixteen children were among the dead, spokeswoman Yvonne Ndege said": a cue heading the sentence
    (or hung on the content's verb) with no subject, right after a person's name (and the title compounded
    with it) set off by a comma, which the parser took into the content as the object of its last
    preposition. The name."""
    doc = cue.doc
    name = doc[cue.i - 1]
    if name.ent_type_ != "PERSON" or name.pos_ != "PROPN" or name.head.i >= cue.i or name.dep_ in ("compound", "appos"):
        return None
    first = name.i
    while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == name.i:
        first -= 1
    # (the content: the cue's clause before the name, or the clause the parser hung the cue on)
    content = cue.head if cue.dep_ == "parataxis" else next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if first == 0 or doc[first - 1].text != "," or content is None or content.i >= first:
        return None
    return name


def _coordinated_into_object(verb: Token) -> Token | None:
    """The noun right before a subjectless coordinated verb, itself a conjunct after "and" inside the first
    clause (its object's): that clause's second subject, which the parser hung on the object."""
    doc = verb.doc
    if verb.i < 3:
        return None
    noun = doc[verb.i - 1]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "conj" or noun.head.i >= noun.i \
            or noun.head.dep_ in ("nsubj", "nsubjpass") or doc[noun.left_edge.i - 1].lower_ != "and":
        return None
    return noun


def _antecedent(subj: Token, verb: Token) -> Token | None:
    """Who speaks where the cue's subject is a relative pronoun or a "whose" phrase; None otherwise."""
    if subj.lower_ in ("who", "which", "that") and verb.dep_ in ("relcl", "acl") and verb.head != verb:
        # "tour manager Thomas Gray, who cited ...": the relative pronoun stands for its noun
        noun = verb.head
        if noun.ent_type_ in ("DATE", "TIME") and noun.dep_ == "pobj" and noun.head.i > 0 \
                and noun.doc[noun.head.i - 1].pos_ in ("NOUN", "PROPN"):
            # "a Jerusalem Post report from August 6 which alleged ...": the parser hung the clause on the date
            # that dates the noun before it; a date alleges nothing
            return noun.doc[noun.head.i - 1]
        return _one_among(noun)
    if verb.dep_ == "relcl" and verb.head != verb and any(c.dep_ == "poss" and c.lower_ == "whose" for c in subj.children):
        # "Vala Afshar, whose LinkedIn profile says ...": the profile is the noun's own channel
        return verb.head
    if subj.lower_ in ("who", "which") and subj.i > 1 and subj.tag_ in ("WP", "WDT") and not subj.is_upper:
        # "..., according to police, who said ...": the parser made the relative clause a clause of its
        # own; the pronoun stands for the noun right before its comma
        doc = subj.doc
        k = subj.i - 1
        while k > 0 and doc[k].is_punct:
            k -= 1
        if k < subj.i - 1 and doc[k].pos_ in ("NOUN", "PROPN"):
            return doc[k]
    return None


def _one_among(noun: Token) -> Token:
    """"X was among many who said ...", "X is one of those who believe ...": the subject of the copula
    is one of the group the relative clause describes, and speaks."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("among", "of"):
        return noun
    verb = prep.head
    if prep.lower_ == "of":
        if verb.lower_ != "one" or verb.dep_ != "attr":
            return noun
        verb = verb.head
    if verb.lemma_ != "be":
        return noun
    return next((c for c in verb.children if c.dep_ == "nsubj"), noun)


def _subordinator_object(cue: Token) -> Token | None:
    """The object of an "as"/"while"/"after"/"because" phrase on the cue's head that ends right before a
    tensed cue with no subject of its own: that clause's subject, misread."""
    for c in cue.head.children:
        if c.dep_ == "prep" and c.lower_ in ("as", "while", "after", "because", "when") and c.i < cue.i:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.right_edge.i == cue.i - 1:
                return obj
    return None


def named_subject(subjects: list[Token]) -> list[Token]:
    """Two subjects, a noun and the name right after it ("Spanish news agency Efe reported", the parser
    splitting the noun from the name it describes): the name; else the subjects as they are."""
    if len(subjects) == 2 and subjects[0].pos_ == "NOUN" and subjects[1].pos_ == "PROPN" \
            and subjects[1].left_edge.i == subjects[0].i + 1:
        return [subjects[1]]
    return subjects


def subject(tok: Token, lexicon: Lexicon) -> tuple[Token | None, bool]:
    """The cue's subject, inherited through coordination ("noted that A, and added that B") and
    participial adjuncts ("..., adding that B"). Returns (subject, passive)."""
    seen = 0
    participle = tok.tag_ == "VBG" and tok.dep_ == "advcl"
    first_participle = tok
    while tok is not None and seen < 4:
        # (never a name inside the frame's "citing X": "Interfax, citing spokesperson Lysenko, reported")
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")
                    and not citing_ends_at(lexicon, tok.doc, c.left_edge.i - 1)]
        if len(subjects) > 1:
            # "Nicosia: The Cypriot Ministry ... said": a dateline's place parsed as a second subject
            subjects = [c for c in subjects if not _dateline_place(c)] or subjects
            # "Gulf Press / Gulf News: Speaking on Saturday, the spokesman said": a label closed by a colon
            subjects = [c for c in subjects if tok.doc[c.right_edge.i].text != ":"] or subjects
            subjects = named_subject(subjects)
        elif subjects and _dateline_place(subjects[0]):
            # "ABU DHABI, June 9 (KUNA) -- UAE's Foreign Minister X said": the parse made the speaker an
            # apposition of the dateline's place
            place = subjects[0]
            dash = next((t.i for t in place.subtree if t.text in DATELINE_DASHES), len(tok.doc))
            subjects = [c for c in place.children if c.dep_ == "appos" and c.i > dash] or subjects
        if not subjects and seen == 0 and tok.dep_ == "advcl" and tok.tag_ in ("VBD", "VBZ", "VBP") \
                and (fronted := _subordinator_object(tok)) is not None:
            # "Shares rose as a source familiar with the matter told Benzinga ...": the parser read the
            # clause's subject as the object of its "as"
            subjects = [fronted]
        if not subjects and (named := closing_apposition(tok)) is not None:
            subjects = [named]
        reported = tok
        while reported.dep_ == "conj" and reported.head != reported:
            reported = reported.head  # ("said that A and that B, adding that C": the second clause's)
        if subjects and participle and _hangs_on(first_participle, tok) and reported.dep_ == "ccomp" and reported.head != reported \
                and lexicon.cue_category(reported.head.lemma_.lower()) == "speech" \
                and any(t.is_punct for t in tok.doc[max(0, first_participle.i - 3):first_participle.i]):
            # 'X said that "A has been restored," while explaining that B': a speech participle set off
            # after the content clause it hangs on explains what the speaker said, not what the clause's
            # subject did
            tok = reported.head
            seen += 1
            continue
        closing = next((c for c in tok.children if c.dep_ == "parataxis" and c.i < first_participle.i
                        and lexicon.cue_category(c.lemma_.lower()) == "speech"), None) if participle and seen == 1 else None
        if subjects and closing is not None and _hangs_on(first_participle, tok):
            # "A were among the dead, spokeswoman Anna Berg said, adding that B": the parser hung both the
            # closing cue and the participle after it on the content's verb; the participle goes on from
            # the cue
            tok = closing
            seen += 1
            continue
        if not subjects and participle and seen and tok.dep_ == "ccomp" and tok.head != tok:
            # "X said that there was no reason, claiming that ...": the participle hangs on X's content
            # clause, which has no subject that could claim anything; X claims it
            tok = tok.head
            seen += 1
            continue
        if subjects:
            # "said study co-author Ted Scambos" parses with several subjects: the name is the speaker
            # ... and a name before a title word ("Head of the administration Viktor Honcharuk wrote")
            best = next((c for c in subjects if c.ent_type_ == "PERSON"), None) \
                or next((c for c in subjects if c.pos_ == "PROPN" and not _title_word(c)), None) \
                or next((c for c in subjects if c.pos_ == "PROPN"), None) or subjects[0]
            best = _out_of_honorific(_person_of_titles(_out_of_time_phrase(_out_of_fronted_phrase(best))))
            if seen == 0:
                best = apposition_before_cue(best, tok)
            if (antecedent := _antecedent(best, tok)) is not None:
                return antecedent, False
            # only the cue's own passive makes it agentless: in "The attacker is reported to have
            # jumped on stage and claimed ...", the attacker is who claimed
            return best, best.dep_ == "nsubjpass" and seen == 0
        if seen == 0 and tok.dep_ == "conj" and tok.head.dep_ == "ccomp" and tok.head.head != tok.head \
                and tok.tag_ == tok.head.head.tag_ and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            # "reported that shelves were empty, and called the demand ...": the parser coordinated the
            # second cue with the first cue's content; its speaker is the first cue's (a verb in the
            # same form as the first cue: "said that forces had changed tactics and were attacking" is
            # still the content)
            tok = tok.head.head
            seen += 1
            continue
        if seen == 0 and tok.dep_ == "conj" and (glued := _coordinated_into_object(tok)) is not None:
            # "Observers praised the election and the EU mission said ...": the parser coordinated the
            # second clause's subject with the first clause's object
            return glued, False
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "acomp") and tok.head != tok:
            # "..., adding that", "upon announcing to journalists that": the main clause's subject; "are
            # concerned that": the copula's
            tok = tok.head
            seen += 1
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "released a statement saying ...": who released it; "a statement saying" as subject: it
            noun = tok.head
            if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "AUX", "ADP"):
                tok = noun.head if noun.dep_ == "dobj" else noun.head.head
                seen += 1
                continue
            return noun, False
        if seen == 0 and tok.i > 0 and tok.doc[tok.i - 1].dep_ == "compound" and tok.doc[tok.i - 1].head == tok \
                and tok.doc[tok.i - 1].pos_ in ("NOUN", "PROPN"):
            # "..., a new analysis shows.": the parser read "analysis shows" as one noun phrase
            return tok.doc[tok.i - 1], False
        if seen == 0 and tok.i > 1 and tok.doc[tok.i - 1].text == "," and tok.doc[tok.i - 2].dep_ == "appos" \
                and tok.doc[tok.i - 2].pos_ in ("NOUN", "PROPN") and tok.doc[tok.i - 2].head.i < tok.i - 2 \
                and tok.doc[tok.i - 2].head.ent_type_ in ("GPE", "LOC", "NORP") \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
            # "On talks with New Zealand, the trade ministry spokesman, added that ...": the parser
            # made the speaker an apposition of the place before; the noun right before ", added" speaks
            return tok.doc[tok.i - 2], False
        break
    return None, False


def _hangs_on(participle: Token, verb: Token) -> bool:
    """The participle hangs on the verb, or on a verb coordinated with it ('"A struck X and targeted Y,"
    adding that ...')."""
    head = participle.head
    while head != verb and head.dep_ == "conj" and head.head != head:
        head = head.head
    return head == verb


def _title_word(tok: Token) -> bool:
    from app.nlp.lexicon import default_lexicon

    return default_lexicon().is_word("title", tok.lower_)


def agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None
