"""The outlets of a claim's own attribution, read off the parse around a cue: the outlet a phrase names
("told WCAU-TV", "the publication"), the outlets the speaker addressed ("told Axios", "in an interview with
CNN"), those a "... by X" names ("as reported by Hurriyet Daily News"), an outlet's sources ("Axios's
sources") and the outlet whose report a document phrase names; and the first noun phrase after a word,
where the parse attached a phrase's object oddly."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from app.nlp.confidence.traces import SPOKEN_TO
from app.nlp.context import Context
from app.nlp.evidence import Hop, Mention
from app.nlp.mention_names import entity_of, strip_the
from app.nlp.mentions import DEMONSTRATIVES, calendar_word as _calendar, mention_from_head
from app.nlp.rules.cues import cue_category, cue_phrase, quoting_verb
from app.nlp.rules.subjects import subject


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
    if m.form in ("name", "other") and _programme(ctx, m):
        return Mention(m.start, m.end, m.head, "outlet", m.descriptors)  # "told The AM Show"
    if m.form in ("name", "other") and _named_outlet(ctx, strip_the(ctx.text[m.start:m.end])):
        # "Berg told Handelsblatt" after "German business newspaper Handelsblatt"
        return Mention(m.start, m.end, m.head, "outlet", m.descriptors)
    words = strip_the(ctx.text[m.start:m.end]).split()
    if m.form in ("name", "other") and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) \
            and any(ctx.lexicon.canonical_outlet(" ".join(words[:n])) for n in range(1, len(words))):
        # "told BBC Hausa", "told Sky News Arabia": a listed outlet's service in another language or place
        return Mention(m.start, m.end, m.head, "outlet", m.descriptors)
    if m.form == "nominal_outlet" and ctx.text[m.start:m.start + 4].lower() in ("the ", "this") \
            and not _plural_press(ctx, ctx.doc[m.head]):
        return m
    if m.form == "nominal_outlet" and unnamed_outlet_group(ctx, m):
        return m
    return _named_before_medium(ctx, m)


def _programme(ctx: Context, m: Mention) -> bool:
    """A broadcast programme's name (the lexicon's ``programme_word`` last: "The AM Show", "the Breakfast
    Show"), capitalised, that no place opens ("the Paris Air Show" is an event)."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.lower_ != "the"]
    return len(words) >= 2 and ctx.lexicon.is_word("programme_word", words[-1].text) and all(t.is_title or t.is_upper for t in words) \
        and words[0].ent_type_ not in ("GPE", "LOC", "NORP", "EVENT", "FAC")  # (the tagger's event: a fair, a festival)


def _named_outlet(ctx: Context, name: str) -> bool:
    """Whether the text gives an outlet this name somewhere ("German business newspaper Handelsblatt"): the
    same name alone elsewhere is that outlet. Read from the phrases headed by a name or an outlet noun
    over an occurrence of the name's last word (the name itself, or the noun it is apposed to)."""
    cache = ctx.cache.setdefault("named outlets", {})
    if name not in cache:
        last = name.split()[-1] if name.split() else name
        heads: dict[int, Token] = {}
        for tok in ctx.doc:
            if tok.text == last:
                for cand in (tok, tok.head, tok.head.head):
                    heads.setdefault(cand.i, cand)
        found = False
        for tok in sorted(heads.values(), key=lambda t: t.i):
            if tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "flat") \
                    or tok.pos_ == "NOUN" and ctx.lexicon.is_word("outlet_nominal", tok.lemma_.lower()):
                m = mention_from_head(ctx.doc, tok, ctx.lexicon)
                if m is not None and m.form == "outlet" and strip_the(ctx.text[m.start:m.end]) == name:
                    found = True
                    break
        cache[name] = found
    return cache[name]


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
    while start > 0 and doc[start - 1].pos_ == "PROPN" and (
            doc[start - 1].head.i in (head.i, medium.i)
            or start <= doc[start - 1].head.i <= end and doc[start - 1].ent_type_ not in ("GPE", "NORP", "LOC")) \
            and doc[start - 1].idx >= m.start:  # (the name's own words too: "al-Mayadeen", not "Norwegian")
        start -= 1
    if start == end or any(t.ent_type_ in ("GPE", "NORP", "LOC", "PERSON") or _calendar(t)
                           or ctx.lexicon.is_word("channel", t.text) for t in doc[start:end]):
        return None
    return Mention(doc[start].idx, head.idx + len(head), m.head, "outlet", m.descriptors)


def unnamed_outlet_group(ctx: Context, m: Mention) -> bool:
    """"Russian media", "Egyptian media", "Arabic-language media outlets", "state television": outlets the
    text leaves unnamed but places by country or language or owner, a hop as the text names it (not
    "social media", a speaker's own channel, nor "reporters")."""
    doc = ctx.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    # (the words before the noun: "the media at the power station in Mpumalanga" says where, not which)
    # ... or one the state owns: "told state television", "state-run radio reported" (one outlet, not "state media")
    return any(t.ent_type_ in ("NORP", "GPE") or t.lower_.endswith("-language") for t in span if t.i < m.head) \
        or doc[m.head].tag_ == "NN" and not ctx.lexicon.is_word("press_in_general", doc[m.head].lower_) \
        and any(ctx.lexicon.is_word("state_word", t.lower_) for t in span if t.i < m.head)


def _plural_press(ctx: Context, head: Token) -> bool:
    """"the media", "the newspapers": outlets in general, not one outlet a definite noun points back at
    ("the newspaper" after "the Daily Herald")."""
    return head.tag_ in ("NNS", "NNPS") or ctx.lexicon.is_word("press_in_general", head.lower_)


def is_publisher(ctx: Context, m: Mention) -> bool:
    """The mention names the page's own publisher."""
    if not ctx.publisher:
        return False
    name = ctx.text[m.start:m.end].removeprefix("the ").strip()
    own = ctx.lexicon.canonical_outlet(ctx.publisher) or ctx.publisher
    return name.lower() in (ctx.publisher.lower(), own.lower()) or ctx.lexicon.canonical_outlet(name) == own


REPORTS_CITING = "the outlet that reports, citing its source"
"""The reason of the hop an outlet is where it reports what it cites ("..., Reuters reported, citing
traders"); the speakers' step reads it to give the words back to an organization that cites."""


def hop(ctx: Context, m: Mention, reason: str, interview: bool = False) -> Hop:
    if interview:
        reason = f"{SPOKEN_TO}, {reason}"
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


def according_hops(ctx: Context, cue: Token) -> list[Hop]:
    """'"...," he said, according to 24/7 Sports': an outlet's "according to" closing the cue's attribution
    (``closing_according``) is a hop of the cue's claim, not a claim of its own."""
    return [hop(ctx, m, "'according to' the outlet, closing the attribution")
            for c in cue.children if (m := closing_according(ctx, c)) is not None]


def closing_according(ctx: Context, tok: Token) -> Mention | None:
    """The outlet of an "according to" phrase that ``tok`` opens right after a speech cue and its comma,
    hung on that cue, outside quotations ('"...," he said, according to 24/7 Sports'); else None."""
    cue = tok.head
    n = cue_phrase(ctx.lexicon, tok, "according_to")
    if not (n and tok.dep_ == "prep" and cue != tok and cue.i == tok.i - 2 and tok.doc[tok.i - 1].text == ","
            and ctx.in_quote[tok.i] < 0 and cue_category(ctx.lexicon, cue) == "speech"
            and any(c.dep_ == "nsubj" for c in cue.children)):
        return None
    to = tok.doc[tok.i + n - 1]
    return outlet_mention(ctx, next((g for g in to.children if g.dep_ == "pobj"), None))


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
    if subj is not None:
        # "A US official who spoke to CNN said ...": the speaker's relative clause says whom they spoke to
        speaking += [c for c in subj.children if c.dep_ == "relcl" and ctx.lexicon.is_word("speaking_verb", c.lemma_)]
    heads.extend(speaking)
    # "X was quoted as saying in an ABS-CBN report": the phrases of the "saying" too
    if ctx.lexicon.is_word("quoting_verb", cue.lemma_):
        heads.extend(g for c in cue.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                     if g.dep_ == "pcomp")
    hops.extend(by_hops(ctx, cue))
    hops.extend(according_hops(ctx, cue))
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
            elif child.dep_ == "prep" and child.lower_ == "on" and head == cue and child.i > cue.i \
                    and cue_category(ctx.lexicon, cue) == "speech":
                # "said on ARD's Morgenmagazin", "said Sunday on CNN": the broadcast the speaker appeared on, a
                # named one ("said on the radio" names none)
                pobj = next((g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")), None)
                named = outlet_mention(ctx, pobj) or outlet_mention(ctx, _outlet_of(ctx, pobj)) if pobj is not None else None
                if named is not None and named.form == "outlet":
                    target, reason = pobj, f"'{head.text} {child.text}' the outlet"
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
            if target is not None and outlet_mention(ctx, target) is None \
                    and not ctx.lexicon.is_word("press_in_general", target.lower_):
                # "speaking on the Zvezda TV channel's Main Topic program": the show's outlet; "speaking to
                # Martin Smith of PBS": the journalist's; "in an interview to Christie Lu Stout, editor of
                # CNN's News Stream": the outlet of the journalist's description
                target = _outlet_of(ctx, target) or next(
                    (o for a in target.children if a.dep_ == "appos" for o in [_outlet_of(ctx, a)] if o is not None),
                    None) or _broadcast_after(ctx, target) or target
            if (m := outlet_mention(ctx, target) or _broadcast_interviewer(ctx, target)) is not None:
                hops.append(hop(ctx, m, reason, interview=True))
            elif (m := _show_host(ctx, target)) is not None:
                hops.append(hop(ctx, m, reason.replace("the outlet", "a show's host"), interview=True))
    return hops


def _broadcast_after(ctx: Context, journalist: Token) -> Token | None:
    """"in an interview with colleague Rola Kassab in the 'Kalam Beirut' talk show on 'Future TV'": the
    outlet an interviewer named by a person's name works on, read from the words after the name up to the
    end of the phrase (an "on X" that names an outlet), where the parse hung the show elsewhere."""
    if journalist.ent_type_ != "PERSON":
        return None
    doc = ctx.doc
    _, s1 = ctx.sentence(journalist)
    for k in range(journalist.i + 1, min(s1, journalist.i + 14)):
        t = doc[k]
        if ctx.in_quote[k] < 0 and (t.text in (".", ";", ",") or t.pos_ in ("VERB", "AUX")):
            return None
        start = k + 1 + (k + 1 < s1 and doc[k + 1].is_quote)  # (on "Future TV")
        if t.lower_ == "on" and (target := first_nominal(doc, start, min(s1, k + 6))) is not None \
                and (m := outlet_mention(ctx, target)) is not None and m.form == "outlet":
            return target
    return None


def _show_host(ctx: Context, target: Token | None) -> Mention | None:
    """"in an interview with U.S. podcaster Jane Roe", "told talk show host John Doe": a named person whose
    description says they host a show (the lexicon's ``show_host``) stands for the show the speaker
    appeared on, a third party's channel (the guidelines: a hop), named by its host."""
    if target is None or target.ent_type_ != "PERSON" or target.dep_ not in ("pobj", "dative", "dobj"):
        return None
    doc, lexicon = ctx.doc, ctx.lexicon
    host = next((t for t in target.lefts if t.dep_ in ("compound", "amod", "nmod") and lexicon.is_word("show_host", t.lower_)),
                None)
    if host is None:
        return None
    before = [t for t in host.subtree if t.i < host.i and not t.is_punct and t.dep_ != "det"]
    if (outlet := next((o for t in before for o in [outlet_mention(ctx, t)] if o is not None), None)) is not None:
        return outlet  # "Fox News host Sean Hannity": the host's outlet
    if any(t.is_lower and t.pos_ == "NOUN" and not lexicon.is_word("medium", t.lower_)
           and not lexicon.is_word("show_host", t.lower_) for t in before):
        return None  # "summit host Narendra Modi": the host of no show
    m = mention_from_head(doc, target, lexicon)
    if m is None or m.form != "name":
        return None
    return Mention(m.start, m.end, m.head, "outlet", m.descriptors)


def reporting_outlet(ctx: Context, cue: Token) -> Hop | None:
    """The outlet whose report holds the cue: "Kan news reported that he had said: '...'", "Kan quoted
    Netanyahu differently, reporting that he had said: '...'" (the cue in the content clause of an
    outlet's report verb, through a participle's inherited subject). None where the cue is no reported
    clause, or its reporter is no outlet."""
    t = cue
    for _ in range(3):
        if t.dep_ not in ("ccomp", "advcl") or t.head == t:
            return None
        head = t.head
        if cue_category(ctx.lexicon, head) in ("speech", "report", "writing"):
            subj, _ = subject(head, ctx.lexicon)
            m = outlet_mention(ctx, subj) if subj is not None else None
            return hop(ctx, m, f"the outlet reporting that '{cue.text}'") if m is not None else None
        t = head
    return None


def _broadcast_interviewer(ctx: Context, target: Token | None) -> Mention | None:
    """"in a television interview with LN+", "a radio interview with Radio Mitre": what a broadcast
    interview is given to, where no person is named, is the broadcaster, listed or not."""
    if target is None or target.dep_ != "pobj" or target.head.lower_ not in ("with", "to") \
            or target.ent_type_ in ("PERSON", "NORP"):
        return None
    noun = target.head.head
    broadcast = target.head.lower_ == "with" and any(
        c.dep_ in ("compound", "amod") and ctx.lexicon.is_word("medium", c.text) for c in noun.children)
    # ... and what an interview is given to that is an organisation's name or an acronym ("in an interview
    # to Turkish NTV"): no person gives it
    named = ctx.lexicon.is_word("interview_noun", noun.lower_) and (target.ent_type_ == "ORG" or (
        target.is_upper and target.is_alpha and len(target) >= 2))
    if not (broadcast or named):
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
    return k >= 2 and doc[k - 1].lower_ == "as" and quoting_verb(doc[k - 2], ctx.lexicon) \
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
    if poss is None and ctx.lexicon.is_word("outlet_staff", tok.lower_):
        # "a Sudan Tribune reporter said": the outlet named before its staff's noun is a hop; the
        # reporter, unnamed, speaks
        named = max((c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), key=lambda c: c.i, default=None)
        if named is not None and named.i == tok.i - 1 and (pm := outlet_mention(ctx, named)) is not None \
                and pm.end <= tok.idx:
            return hop(ctx, pm, "the outlet's own staff"), speaker
        return None
    if poss is None or (pm := outlet_mention(ctx, poss)) is None:
        return None
    if pm.end > poss.idx + len(poss):
        # "Polish Radio's IAR news agency", one entity to the tagger: the outlet is the name before "'s"
        first = poss
        while first.i > 0 and first.doc[first.i - 1].pos_ == "PROPN" and first.doc[first.i - 1].head == poss:
            first = first.doc[first.i - 1]
        pm = Mention(max(pm.start, first.idx), poss.idx + len(poss), poss.i, pm.form, pm.descriptors)
    if ctx.lexicon.is_word("title", tok.lower_) and not ctx.lexicon.is_word("outlet_staff", tok.lower_):
        return None  # "Kommersant's board chairman told The Bell": who runs the outlet speaks for themselves
    doc = ctx.doc
    after_poss = poss.right_edge.idx + len(poss.right_edge) + (3 if doc[poss.right_edge.i].whitespace_ == "" else 0)
    if after_poss >= speaker.end:
        return None
    return hop(ctx, pm, "the outlet's own sources"), trim_mention(
        ctx, Mention(after_poss, speaker.end, speaker.head, speaker.form, speaker.descriptors))


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
        if c.dep_ in ("acl", "relcl") and c.i > tok.i and not any(
                o.dep_ in ("compound", "poss", "nmod") or o.dep_ == "amod" and o.pos_ == "PROPN" for o in tok.children) \
                and (m := document_outlet(ctx, c)) is not None:
            # "an article to appear Thursday in Sueddeutsche Zeitung", "a report published by Axios" (but "a
            # Kremlin statement republished in RIA Novosti" is the Kremlin's)
            return m
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


def trim_mention(ctx: Context, m: Mention) -> Mention:
    text = ctx.text
    start = m.start
    while start < m.end and (text[start].isspace() or text[start] in "'s"):
        if text[start] == "s" and start + 1 < m.end and not text[start + 1].isspace():
            break
        start += 1
    return Mention(start, m.end, m.head, m.form, m.descriptors) if start < m.end else m
