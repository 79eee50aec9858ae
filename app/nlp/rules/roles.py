"""Who speaks and through which outlets, read off the parse around a cue: the cue's subject (through
coordination, participles and relative clauses), a passive's agent, the outlets the speaker addressed
("told Axios", "in an interview with CNN"), an outlet's sources ("Axios's sources") and the source a
frame cites ("citing informed sources")."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from app.nlp.context import Context
from app.nlp.evidence import Hop, Mention
from app.nlp.lexicon import Lexicon
from app.nlp.mention_names import entity_of, strip_the
from app.nlp.mentions import DATELINE_DASHES, DEMONSTRATIVES, calendar_word as _calendar, mention_from_head
from app.nlp.rules.cues import citing_ends_at, cue_phrase


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
        return _one_among(verb.head)
    if verb.dep_ == "relcl" and verb.head != verb and any(c.dep_ == "poss" and c.lower_ == "whose" for c in subj.children):
        # "Vala Afshar, whose LinkedIn profile says ...": the profile is the noun's own channel
        return verb.head
    if subj.lower_ in ("who", "which") and subj.i > 1 and subj.tag_ in ("WP", "WDT"):
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
        elif subjects and _dateline_place(subjects[0]):
            # "ABU DHABI, June 9 (KUNA) -- UAE's Foreign Minister X said": the parse made the speaker an
            # apposition of the dateline's place
            place = subjects[0]
            dash = next((t.i for t in place.subtree if t.text in DATELINE_DASHES), len(tok.doc))
            subjects = [c for c in place.children if c.dep_ == "appos" and c.i > dash] or subjects
        reported = tok
        while reported.dep_ == "conj" and reported.head != reported:
            reported = reported.head  # ("said that A and that B, adding that C": the second clause's)
        if subjects and participle and seen == 1 and reported.dep_ == "ccomp" and reported.head != reported \
                and lexicon.cue_category(reported.head.lemma_.lower()) == "speech" \
                and any(t.is_punct for t in tok.doc[max(0, first_participle.i - 3):first_participle.i]):
            # 'X said that "A has been restored," while explaining that B': a speech participle set off
            # after the content clause it hangs on explains what the speaker said, not what the clause's
            # subject did
            tok = reported.head
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
            best = _out_of_fronted_phrase(best)
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


def _title_word(tok: Token) -> bool:
    from app.nlp.lexicon import default_lexicon

    return default_lexicon().is_word("title", tok.lower_)


def agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def outlet_mention(ctx: Context, tok: Token | None) -> Mention | None:
    """A named outlet, or a definite "the publication" that points back at one; "told state media" or
    "told reporters" names no outlet and adds no hop."""
    if tok is None:
        return None
    m = mention_from_head(ctx.doc, tok, ctx.lexicon)
    if m is None:
        return None
    if m.form == "outlet":
        return m
    if m.form in ("name", "other", "nominal_outlet") and ctx.text[m.start:m.start + 1].isupper() \
            and ctx.lexicon.looks_like_outlet(ctx.text[m.start:m.end].removeprefix("the ")):
        # "told WCAU-TV", "told the Daily Herald": a name shaped like an outlet's, where a hop stands
        return Mention(m.start, m.end, m.head, "outlet", m.descriptors)
    if m.form in ("name", "other") and strip_the(ctx.text[m.start:m.end]) in _outlet_names(ctx):
        # "Berg told Handelsblatt" after "German business newspaper Handelsblatt"
        return Mention(m.start, m.end, m.head, "outlet", m.descriptors)
    if m.form == "nominal_outlet" and ctx.text[m.start:m.start + 4].lower() in ("the ", "this"):
        return m
    if m.form == "nominal_outlet" and unnamed_outlet_group(ctx, m):
        return m
    return _named_before_medium(ctx, m)


def _outlet_names(ctx: Context) -> frozenset[str]:
    """The names the text gives outlets anywhere ("German business newspaper Handelsblatt"): the same name
    alone elsewhere is that outlet. Read once per Doc, from the phrases headed by a name or an outlet noun."""
    if "outlet names" not in ctx.cache:
        names = set()
        for tok in ctx.doc:
            if tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "flat") \
                    or tok.pos_ == "NOUN" and ctx.lexicon.is_word("outlet_nominal", tok.lemma_.lower()):
                m = mention_from_head(ctx.doc, tok, ctx.lexicon)
                if m is not None and m.form == "outlet":
                    names.add(strip_the(ctx.text[m.start:m.end]))
        ctx.cache["outlet names"] = frozenset(names)
    return ctx.cache["outlet names"]


def _named_before_medium(ctx: Context, m: Mention) -> Mention | None:
    """"a report in London-based [Elaph newspaper]", "told the [Zvezda] TV channel": a proper name right
    before a word for its medium in lower case is an outlet's, unless it is a place ("the Skopje daily"),
    a platform ("a Telegram channel") or an institution's agency ("the Frontex agency")."""
    doc = ctx.doc
    head = doc[m.head]
    medium = head
    if head.i > 0 and doc[head.i - 1].is_lower and doc[head.i - 1].head.i == head.i \
            and ctx.lexicon.is_word("medium", f"{doc[head.i - 1].text} {head.text}"):
        medium = doc[head.i - 1]  # "news agency", "TV channel"
    elif not head.is_lower or not ctx.lexicon.is_word("medium", head.text) or ctx.lexicon.is_word("institution", head.text):
        return None
    end = medium.i
    while end > 0 and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i in (head.i, medium.i) \
            and ctx.lexicon.is_word("medium", doc[end - 1].text):
        end -= 1  # "the Zvezda TV channel"
    start = end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in (head.i, medium.i, end) \
            and doc[start - 1].idx >= m.start:
        start -= 1
    if start == end or any(t.ent_type_ in ("GPE", "NORP", "LOC", "PERSON") or _calendar(t)
                           or ctx.lexicon.is_word("channel", t.text) for t in doc[start:end]):
        return None
    return Mention(doc[start].idx, head.idx + len(head), m.head, "outlet", m.descriptors)


def unnamed_outlet_group(ctx: Context, m: Mention) -> bool:
    """"Russian media", "Egyptian media", "Arabic-language media outlets": outlets the text leaves
    unnamed but places by country or language, a hop as the text names it (not "social media", a
    speaker's own channel, nor "reporters")."""
    doc = ctx.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.ent_type_ in ("NORP", "GPE") or t.lower_.endswith("-language") for t in span if t.i != m.head)


def is_publisher(ctx: Context, m: Mention) -> bool:
    """The mention names the page's own publisher."""
    if not ctx.publisher:
        return False
    name = ctx.text[m.start:m.end].removeprefix("the ").strip()
    own = ctx.lexicon.canonical_outlet(ctx.publisher) or ctx.publisher
    return name.lower() in (ctx.publisher.lower(), own.lower()) or ctx.lexicon.canonical_outlet(name) == own


def hop(ctx: Context, m: Mention, reason: str, interview: bool = False) -> Hop:
    return Hop(m, f"hop {ctx.text[m.start:m.end]}: {reason}", interview)


def _outlet_of(ctx: Context, noun: Token) -> Token | None:
    """The outlet a show or a journalist belongs to: its possessor ("CNN's News Stream"), or the object of
    its "of"/"from"/"at" ("Martin Smith of PBS"), or that object's possessor ("editor of CNN's News Stream")."""
    owner = next((g for g in noun.children if g.dep_ == "poss"), None)
    if owner is not None and outlet_mention(ctx, owner) is not None:
        return owner
    # "a CNN correspondent", "CGTN's guest reporter Zmaryali Abasin": the outlet named before a staff word
    for staff in (noun, *(c for c in noun.children if c.dep_ == "compound")):
        if ctx.lexicon.is_word("outlet_staff", staff.lemma_.lower()):
            named = next((c for c in staff.children if c.dep_ in ("poss", "compound", "nmod")
                          and outlet_mention(ctx, c) is not None), None)
            if named is not None:
                return named
    for obj in (o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "from", "at")
                for o in p.children if o.dep_ == "pobj"):
        if outlet_mention(ctx, obj) is not None:
            return obj
        owner = next((g for g in obj.children if g.dep_ == "poss"), None)
        if owner is not None and outlet_mention(ctx, owner) is not None:
            return owner
    return owner


def recipient_hops(ctx: Context, cue: Token) -> list[Hop]:
    """Outlets the speaker addressed: "told Axios", "confirmed to Axios", "in a comment to Axios",
    "in an interview with Axios"."""
    hops: list[Hop] = []
    heads = [cue]
    subj, _ = subject(cue, ctx.lexicon)
    if subj is not None:
        heads.append(subj)
    # "Speaking to Reuters, an attendee said ...", "Speaking on al-Masirah TV, ...", "In an interview
    # with CNN, she said ...", "said — as reported by Hurriyet Daily News — ..."
    speaking = [c for c in cue.children if c.dep_ in ("advcl", "prep")
                and (c.lemma_ == "in" or ctx.lexicon.is_word("speaking_verb", c.lemma_))]
    heads.extend(speaking)
    # "X was quoted as saying in an ABS-CBN report": the phrases of the "saying" too
    if ctx.lexicon.is_word("quoting_verb", cue.lemma_):
        heads.extend(g for c in cue.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                     if g.dep_ == "pcomp")
    hops.extend(by_hops(ctx, cue))
    if cue.lemma_ == "tell" and not any(c.dep_ in ("dative", "dobj") for c in cue.children):
        hops.extend(_surface_addressee(ctx, cue))
    for head in heads:
        for child in head.children:
            target, reason = None, ""
            if (child.dep_ in ("dative", "dobj") or child.dep_ == "prt" and child.text.isupper()) \
                    and cue.lemma_ == "tell" and head == cue:
                target, reason = child, f"the addressee of '{cue.text}'"
            elif child.dep_ == "prep" and (child.lower_ in ("to", "with") or child.lower_ == "on" and (
                    head in speaking or head == cue and ctx.lexicon.is_word("speaking_verb", cue.lemma_))):
                target = next((g for g in child.children if g.dep_ == "pobj"), None)
                reason = f"'{head.text} {child.text}' the outlet"
            elif child.dep_ == "prep" and child.lower_ in ("in", "during"):
                noun = next((g for g in child.children if g.dep_ == "pobj"), None)
                if noun is not None:
                    for p in noun.children:
                        if p.dep_ == "prep" and p.lower_ in ("to", "with", "for", "by", "on") and target is None:
                            # the first such phrase ("in remarks to TASS on Tuesday": not the day)
                            # (or, where the parse took the object for the cue's subject, the words after
                            # it up to the comma: "In an interview with news outlet Rudaw, X, the mayor, said")
                            target = next((g for g in p.children if g.dep_ == "pobj"), None) \
                                or first_nominal(ctx.doc, p.i + 1, min(len(ctx.doc), p.i + 8))
                            reason = f"'{child.text} {noun.text} {p.text}' the outlet"
                        elif p.dep_ in ("compound", "poss", "nmod") and not ctx.lexicon.is_word("medium", p.text) \
                                and (om := outlet_mention(ctx, p)) is not None:
                            # "in a News.com.au report", "in CNN's interview"
                            hops.append(hop(ctx, om, f"'{child.text} ... {noun.text}' of the outlet"))
            if target is not None and outlet_mention(ctx, target) is None:
                # "speaking on the Zvezda TV channel's Main Topic program": the show's outlet; "speaking to
                # Martin Smith of PBS": the journalist's; "in an interview to Christie Lu Stout, editor of
                # CNN's News Stream": the outlet of the journalist's description
                target = _outlet_of(ctx, target) or next(
                    (o for a in target.children if a.dep_ == "appos" for o in [_outlet_of(ctx, a)] if o is not None),
                    target)
            if (m := outlet_mention(ctx, target) or _broadcast_interviewer(ctx, target)) is not None:
                hops.append(hop(ctx, m, reason, interview=True))
    return hops


def _broadcast_interviewer(ctx: Context, target: Token | None) -> Mention | None:
    """"in a television interview with LN+", "a radio interview with Radio Mitre": what a broadcast
    interview is given to, where no person is named, is the broadcaster, listed or not."""
    if target is None or target.dep_ != "pobj" or target.head.lower_ != "with" or target.ent_type_ in ("PERSON", "NORP"):
        return None
    noun = target.head.head
    if not any(c.dep_ in ("compound", "amod") and ctx.lexicon.is_word("medium", c.text) for c in noun.children):
        return None
    if not (target.text[:1].isupper() or target.text[:1].isdigit()) or ctx.lexicon.is_word("title", target.lower_):
        return None
    m = mention_from_head(ctx.doc, target, ctx.lexicon)
    return Mention(m.start, m.end, m.head, "outlet", m.descriptors) if m is not None else None


def _surface_addressee(ctx: Context, cue: Token) -> list[Hop]:
    """"X, who oversees ..., told Axios he ...": where the parse gave 'told' no addressee, the words right
    after it, up to the reported clause, name the outlet told."""
    doc = ctx.doc
    stop = min(len(doc), cue.i + 6)
    for k in range(cue.i + 1, stop):
        if doc[k].is_punct or doc[k].lower_ == "that" or doc[k].dep_ in ("nsubj", "nsubjpass") or ctx.in_quote[k] >= 0:
            stop = k
            break
    for end in range(stop, cue.i + 1, -1):  # the longest outlet name first
        m = outlet_mention(ctx, doc[end - 1])
        if m is not None and m.start >= doc[cue.i + 1].idx and m.end <= doc[end - 1].idx + len(doc[end - 1]):
            return [hop(ctx, m, f"the addressee of '{cue.text}' (the words after it)", interview=True)]
    return []


def by_hops(ctx: Context, cue: Token) -> list[Hop]:
    """Outlets a "... by X" names anywhere in the cue's sentence: "— as reported by Hurriyet Daily News —",
    "a forecast obtained by Novaya Gazeta Europe", "a statement broadcast by al-Masirah TV"."""
    doc = ctx.doc
    hops = []
    s0, s1 = ctx.sentence(cue)
    for k in range(s0, s1 - 2):
        t = doc[k]
        if (ctx.lexicon.is_word("by_verb", t.lower_) or _quoted_as_saying_at(ctx, k)) \
                and doc[k + 1].lower_ == "by" and ctx.in_quote[k] < 0 and not _made_by(ctx, t):
            by = doc[k + 1]
            target = next((g for g in by.children if g.dep_ == "pobj"), None) or first_nominal(doc, k + 2, min(s1, k + 8))
            # ("as cited by MTI and Agerpres": each outlet a hop, in the order named)
            named = _coordinated_outlets(ctx, target)
            if not named and _quoted_as_saying_at(ctx, k) and (unlisted := _quoting_name(ctx, target)) is not None:
                named = [unlisted]
            hops.extend(hop(ctx, am, f"'{t.text} by' in the cue's sentence") for am in named)
        elif k > cue.i and ctx.lexicon.is_word("hop_preposition", t.lower_) and ctx.in_quote[k] < 0:
            # '..." said Russell Zimmerman per ABC News': the outlet the words came through
            target = next((g for g in t.children if g.dep_ == "pobj"), None) or first_nominal(doc, k + 1, min(s1, k + 6))
            if (am := outlet_mention(ctx, target)) is not None:
                hops.append(hop(ctx, am, f"'{t.lower_}' the outlet, after the cue"))
    return hops


def _made_by(ctx: Context, participle: Token) -> bool:
    """"rejecting the figures published by Anadolu": a participle on a noun that is no statement, report or
    channel tells who made that thing (the figures are Anadolu's), not through whom the claim came ("a
    statement broadcast by al-Masirah TV", "a forecast obtained by Novaya Gazeta" are)."""
    noun = participle.head
    if participle.dep_ != "acl" or noun.pos_ != "NOUN" or noun.ent_type_:
        return False  # ("Vorontsova, quoted by TASS, said", "The Kyiv School of Economics, cited by Politico")
    lexicon, lemma = ctx.lexicon, noun.lemma_.lower()
    return not (lexicon.cue_category(lemma) or any(lexicon.is_word(category, lemma) for category in _SAYING_NOUNS))


# what a noun a "... by X" participle hangs on may be when X is the claim's channel: a statement, a report, a
# channel or an interview, or whoever spoke ("officials quoted by Reuters", "a ministry cited by TASS")
_SAYING_NOUNS = ("document", "channel", "interview_noun", "anonymous_head", "institution", "title", "company_noun",
                 "outlet_nominal")


def _quoting_name(ctx: Context, target: Token | None) -> Mention | None:
    """The name after "was quoted as saying by", where a publication stands though no list names it
    ("by Berita Harian", which the tagger may even read as a person's name): a proper name that is no
    place's."""
    if target is None or target.pos_ != "PROPN" or target.ent_type_ in ("GPE", "NORP", "LOC"):
        return None
    m = mention_from_head(ctx.doc, target, ctx.lexicon)
    if m is None or m.form not in ("name", "other", "outlet") or not ctx.text[m.start:m.start + 1].isupper():
        return None
    return Mention(m.start, m.end, m.head, "outlet", m.descriptors)


def _quoted_as_saying_at(ctx: Context, k: int) -> bool:
    """The "saying" of a passive "was quoted as saying by AFP" (the outlet after the whole phrase)."""
    doc = ctx.doc
    return k >= 2 and doc[k - 1].lower_ == "as" and ctx.lexicon.is_word("quoting_verb", doc[k - 2].lemma_) \
        and ctx.lexicon.cue_category(doc[k].lemma_) is not None


def _coordinated_outlets(ctx: Context, target: Token | None) -> list[Mention]:
    """The outlet a token names and those coordinated with it ("MTI and Agerpres"), each a mention of its
    own; none when the first names no outlet."""
    first = outlet_mention(ctx, target)
    if first is None:
        return []
    conjs = [c for c in target.children if c.dep_ == "conj"]
    cc = next((c for c in target.children if c.dep_ == "cc"), None)
    if conjs and cc is not None and first.start < cc.idx < first.end \
            and (span := ctx.token_span(target.left_edge.i, cc.i - 1)) is not None:
        first = Mention(span[0], span[1], first.head, first.form, first.descriptors)
    return [first, *(m for c in conjs if (m := outlet_mention(ctx, c)) is not None)] if conjs else [first]


def possessed_by_outlet(ctx: Context, tok: Token, speaker: Mention) -> tuple[Hop, Mention] | None:
    """"Kommersant's sources", "the newspaper's interlocutor": the outlet that has the source is a hop,
    and the source is the rest of the phrase."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None or (pm := outlet_mention(ctx, poss)) is None:
        return None
    doc = ctx.doc
    after_poss = poss.right_edge.idx + len(poss.right_edge) + (3 if doc[poss.right_edge.i].whitespace_ == "" else 0)
    if after_poss >= speaker.end:
        return None
    return hop(ctx, pm, "the outlet's own sources"), trim_mention(
        ctx, Mention(after_poss, speaker.end, speaker.head, speaker.form, speaker.descriptors))


def _issuer(ctx: Context, document: Token) -> Mention | None:
    """The subject of the verb that released the document ("They released a statement ...")."""
    verb = document.head
    if document.dep_ != "dobj" or not ctx.lexicon.is_word("issue_verb", verb.lemma_):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return mention_from_head(ctx.doc, subj, ctx.lexicon) if subj is not None else None


def _outlet_before(ctx: Context, tok: Token) -> bool:
    """An outlet is named, or pointed at, in the sentence before the token's."""
    n = ctx.sent_of[tok.i]
    if n == 0:
        return False
    p0, p1 = ctx.sents[n - 1]
    return any(t.dep_ in ("nsubj", "nsubjpass") and outlet_mention(ctx, t) is not None for t in ctx.doc[p0:p1])


def document_outlet(ctx: Context, tok: Token) -> Mention | None:
    """The outlet whose report a document phrase names: "the News.com.au report", "a report from ABC
    Australia", "Reuters' report"."""
    for c in tok.children:
        if c.dep_ in ("compound", "poss", "nmod") and c.i < tok.i and (m := outlet_mention(ctx, c)) is not None:
            return m
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of", "in"):
            for o in c.children:
                if o.dep_ == "pobj" and (m := outlet_mention(ctx, o)) is not None:
                    return m
    return None


def citing_target(ctx: Context, tokens) -> Token | None:
    """The source named by a citing phrase of the lexicon: "citing X", "with reference to X", "referring
    to X", "quoting X"."""
    doc = ctx.doc
    for tok in tokens:
        n = cue_phrase(ctx.lexicon, tok, "citing")
        if not n:
            continue
        last = doc[tok.i + n - 1]  # the phrase's last word has the source as its object
        obj = next((c for c in last.children if c.dep_ in ("dobj", "pobj", "nsubj", "attr")), None)
        if obj is None and last.i + 1 < len(doc):
            obj = first_nominal(doc, last.i + 1, min(len(doc), last.i + 9))
        if obj is not None:
            return obj
    return None


def first_nominal(doc: Doc, start: int, end: int) -> Token | None:
    """The head of the first noun phrase in doc[start:end] (used where the parse attached it oddly)."""
    for i in range(start, end):
        t = doc[i]
        if t.is_punct and t.text not in ("-",):
            break
        if t.ent_type_ == "PERSON":
            # "said study co-author Ted Scambos": the person, not the first noun of the title
            return entity_root(doc, t)
    for i in range(start, end):
        t = doc[i]
        if t.pos_ in ("NOUN", "PROPN", "PRON") and t.lower_ not in DEMONSTRATIVES:
            # climb to the phrase head while staying inside the window
            while t.head != t and t.dep_ in ("compound", "amod", "nmod", "poss", "det") and start <= t.head.i < end:
                t = t.head
            return t
        if t.is_punct and t.text not in ("-",):
            return None
    return None


def entity_root(doc: Doc, tok: Token) -> Token:
    ent = entity_of(doc, tok)
    return ent.root if ent is not None else tok


def quoted_as(cue: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """(the quote/cite verb, whom it quotes) for the cue of "quoted X as saying ..."; else None. (Also
    where the parser hung "as" inside the object: "Bloomberg quoted people familiar with the matter as
    saying", "as" on "familiar".)"""
    as_ = cue.head
    if cue.dep_ not in ("pcomp", "advcl") or as_.lower_ != "as":
        return None
    verb = as_.head
    if not lexicon.is_word("quoting_verb", verb.lemma_):
        verb = _quoting_verb_above(as_, lexicon)
        if verb is None:
            return None
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return (verb, quoted) if quoted is not None else None


def _quoting_verb_above(tok: Token, lexicon: Lexicon) -> Token | None:
    """The quoting verb whose object `tok` hangs inside ("quoted [people familiar ... as]"), or None."""
    for _ in range(4):
        if tok.head == tok:
            return None
        if tok.dep_ == "dobj" and lexicon.is_word("quoting_verb", tok.head.lemma_):
            return tok.head
        tok = tok.head
    return None


def quoting_as_saying(verb: Token, lexicon: Lexicon) -> Token | None:
    """The "saying" of "quoted X as saying" for a quoting verb, also where the parser hung "as" inside
    the object; None when the verb has no such complement."""
    if not lexicon.is_word("quoting_verb", verb.lemma_):
        return None
    for t in verb.subtree:
        if t.lower_ == "as" and t.dep_ == "prep" and (t.head == verb or _quoting_verb_above(t, lexicon) == verb):
            saying = next((g for g in t.children if g.dep_ in ("pcomp", "advcl")), None)
            if saying is not None and quoted_as(saying, lexicon) is not None:
                return saying
    return None


CITED = "speaker: the source cited ('citing X')"


def speaker_and_hops(ctx: Context, cue: Token, sent_tokens, *, climb: bool = True,
                     content: tuple[int, int] | None = None
                     ) -> tuple[Mention | None, list[Hop], bool, bool, str]:
    """Speaker mention, explicit hops (nearest the speaker first), agentless?, sets an outlet frame?,
    and how the speaker was found (for the trace).

    ``content`` (char offsets) is what the cue reports: a "citing X" inside it ("noted that both were
    referring to studies") is part of what was said, not the claim's source."""
    doc = ctx.doc
    if content is not None:
        sent_tokens = [t for t in sent_tokens if not content[0] <= t.idx < content[1]]
    quoting = quoted_as(cue, ctx.lexicon)
    if quoting is not None:
        # "The agency quoted the minister as saying ...": the minister speaks, the agency relays
        verb, quoted = quoting
        hops = recipient_hops(ctx, cue)
        quoter = subject(verb, ctx.lexicon)[0]
        if (om := outlet_mention(ctx, quoter)) is not None:
            hops.append(hop(ctx, om, f"'{verb.text} ... as {cue.text}'"))
        elif quoter is not None and quoter.lower_ == "it" and _outlet_before(ctx, verb):
            # "The industry publication stated ... . It cited the Air Force as stating ...": "it" is the
            # outlet the text has been reporting (resolved like any pronoun)
            hops.append(hop(ctx, Mention(quoter.idx, quoter.idx + 2, quoter.i, "pronoun"),
                            f"'{verb.text} ... as {cue.text}'"))
        speaker = mention_from_head(doc, quoted, ctx.lexicon)
        as_ = cue.head
        if speaker is not None and speaker.start <= as_.idx < speaker.end \
                and (span := ctx.token_span(quoted.left_edge.i, as_.i - 1)) is not None:
            # ("people familiar with the matter as saying": the parser hung "as" inside the object)
            speaker = Mention(span[0], span[1], speaker.head, speaker.form, speaker.descriptors)
        return speaker, hops, False, False, f"speaker: whom '{verb.text}' quotes"
    if climb:
        subj, passive = subject(cue, ctx.lexicon)
    else:
        subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subj = apposition_before_cue(subj, cue) if subj is not None else None
        passive = subj is None and any(c.dep_ in ("agent", "auxpass") for c in cue.children) or (
            subj is not None and subj.dep_ == "nsubjpass")
    hops = recipient_hops(ctx, cue)
    speaker: Mention | None = None
    how = ""
    agentless = False
    reporter: Mention | None = None
    if passive:
        agt = agent(cue)
        if agt is not None and ctx.lexicon.is_word("quoting_verb", cue.lemma_) and subj is not None:
            # "Katrougalos was quoted by Greek Reporter as saying ...": the outlet relays the subject
            speaker, how = mention_from_head(doc, subj, ctx.lexicon), "speaker: whom the outlet quotes"
            if (am := outlet_mention(ctx, agt)) is not None:
                hops.append(hop(ctx, am, f"'{cue.text} by' the outlet"))
        elif agt is not None:
            speaker, how = mention_from_head(doc, agt, ctx.lexicon), "speaker: agent of the passive cue"
        else:
            agentless = subj is None or subj.lower_ in ("it", "this", "that")
    elif subj is None and cue.dep_ == "ROOT":
        # a misparse left the cue without a subject ("Calling it X, Anna Franowska of ..., told
        # Reuters"): the person named before the cue in its sentence, outside quotations
        s0 = ctx.sentence(cue)[0]
        person = next((t for t in reversed(doc[s0:cue.i]) if t.ent_type_ == "PERSON" and ctx.in_quote[t.i] < 0), None)
        if person is not None:
            speaker = mention_from_head(doc, entity_root(doc, person), ctx.lexicon)
            how = "speaker: the person named before a cue the parse left without a subject"
        else:
            # "In a comment to Interfax-Ukraine, the head of the committee, Ihor Kryvoruchko, said": the
            # parser hung the speaker on the outlet; the name closing the phrase right before the cue
            k = cue.i - 1
            while k > s0 and doc[k].is_punct:
                k -= 1
            name = doc[k]
            if k < cue.i - 1 and name.pos_ == "PROPN" and name.dep_ == "appos" and ctx.in_quote[k] < 0:
                speaker = mention_from_head(doc, name, ctx.lexicon)
                how = "speaker: the name closing the phrase before the cue"
            else:
                # "Speaking to Ukrinform, a senior port official who asked not to be named said": the
                # phrase closing right before the cue, through its relative clause, hung on the outlet
                while name.dep_ not in ("appos", "ROOT") and name.head.i < cue.i and name.head != name:
                    name = name.head
                if name.dep_ == "appos" and name.pos_ in ("NOUN", "PROPN") and name.right_edge.i >= k \
                        and ctx.in_quote[name.i] < 0:
                    speaker = mention_from_head(doc, name, ctx.lexicon)
                    how = "speaker: the phrase closing before the cue"
    elif subj is None and cue.dep_ in ("ccomp", "xcomp") and (obj := next(
            (c for c in cue.head.children if c.dep_ == "dobj" and c.right_edge.i == cue.i - 1), None)) is not None \
            and cue.tag_ in ("VBD", "VBZ", "VBP"):
        # "Znak.com further reported its source said that ...": the parser made the inner speaker the
        # object of the verb before the cue
        speaker, how = mention_from_head(doc, obj, ctx.lexicon), "speaker: the phrase right before the cue"
    elif subj is not None:
        if ctx.in_quote[subj.i] >= 0:
            # `Anna Franowska of "Have no fear", a charity, told ...`: the parse put the head inside
            # the quoted name; the person named outside it is the speaker
            subj = next((t for t in subj.subtree if t.ent_type_ == "PERSON" and ctx.in_quote[t.i] < 0), subj)
        speaker, how = mention_from_head(doc, subj, ctx.lexicon), "speaker: subject of the cue"
        # "Axios's sources": the outlet that has the sources is a hop.
        if speaker is not None and (owned := possessed_by_outlet(ctx, subj, speaker)) is not None:
            hops.insert(0, owned[0])
            speaker = owned[1]
    if speaker is not None and speaker.form == "document" and (issuer := _issuer(ctx, doc[speaker.head])) is not None:
        # "They released a statement which said ...": who issued the document speaks through it
        speaker, how = issuer, "speaker: who issued the document the cue's clause describes"
    sets_frame = False
    if speaker is not None and speaker.form == "name" and is_publisher(ctx, speaker):
        # "..., SİA informs": the page's own publisher, unlisted, is an outlet all the same
        speaker = Mention(speaker.start, speaker.end, speaker.head, "outlet", speaker.descriptors)
    cited = citing_target(ctx, [t for t in sent_tokens if ctx.in_quote[t.i] < 0])
    if cited is not None:
        cited_m = mention_from_head(doc, cited, ctx.lexicon)
        if cited_m is not None:
            if speaker is not None and speaker.form in ("outlet", "nominal_outlet"):
                reporter = speaker
                speaker, how = cited_m, "speaker: the source the outlet cites"
            elif speaker is None or cited_m.form in ("name", "anonymous", "outlet"):
                speaker, how = cited_m, CITED
            # else: "the minister said ..., citing a report": the minister said it, the report backs it
    if speaker is not None and speaker.form in ("outlet", "nominal_outlet") and not hops:
        sets_frame = True
    if reporter is not None:
        hops.append(hop(ctx, reporter, "the outlet that reports, citing its source"))
        sets_frame = True
    return speaker, hops, agentless, sets_frame, how


def trim_mention(ctx: Context, m: Mention) -> Mention:
    text = ctx.text
    start = m.start
    while start < m.end and (text[start].isspace() or text[start] in "'s"):
        if text[start] == "s" and start + 1 < m.end and not text[start + 1].isspace():
            break
        start += 1
    return Mention(start, m.end, m.head, m.form, m.descriptors) if start < m.end else m
