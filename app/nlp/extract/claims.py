"""Find claims in a parsed Doc: reported speech, according-to frames, direct quotes and dash attributions.

`find_claims(doc, lexicon)` returns ClaimCandidates with doc-level character offsets, each with its cue,
the speaker mention as written (resolution to a source is the next step) and the explicit outlet hops
its own sentence names ("told Axios", "citing informed sources", "Axios's sources").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.nlp.extract.mentions import DEMONSTRATIVES, mention_from_head
from app.nlp.extract.quotes import Quote, find_quotes
from app.nlp.extract.relay import publisher_credits
from app.nlp.extract.types import ClaimCandidate, Mention, doc_text
from app.nlp.lexicon import Lexicon

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CONTENT_DEPS = ("ccomp",)
_QUOTE_CUES = {"speech", "writing", "report"}  # what can introduce a verbatim quotation
_QUESTION_VERBS = {"ask", "wonder", "inquire", "query"}
_TELL_VERBS = {"tell", "inform", "assure", "remind", "warn", "convince", "persuade", "notify", "brief"}
_QUESTION_WORDS = {"what", "who", "whom", "whose", "which", "when", "where", "why", "how", "whether", "if"}
_DASH = re.compile(r"^\s*[-\u2010-\u2015]+\s*")
_BOUNDARY_PUNCT = set(".,;:!?-\u2013\u2014\"'\u201c\u201d\u2018\u2019()[] \n\t\u00a0")
# How far (tokens) an attribution may stand from the quotation it attributes.
_AFTER_WINDOW = 12
_BEFORE_WINDOW = 18


@dataclass
class _Context:
    doc: Doc
    lexicon: Lexicon
    quotes: list[Quote]
    quote_starts: list[int]
    in_quote: list[int]  # token index -> index of the quotation it lies in, or -1
    sent_of: list[int]  # token index -> sentence number
    sents: list[tuple[int, int]]  # token ranges
    para_starts: list[int]  # char offsets where paragraphs start
    text: str  # doc.text, read once: spaCy rebuilds it from the tokens on every access
    credits: list[tuple[int, int]]  # publisher credits in the lead ("..., RBC-Ukraine writes"), char spans

    def in_credit(self, tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in self.credits)

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1


def find_claims(doc: Doc, lexicon: Lexicon) -> list[ClaimCandidate]:
    ctx = _context(doc, lexicon)
    candidates: list[ClaimCandidate] = []
    for tok in doc:
        if ctx.in_quote[tok.i] >= 0:
            continue  # a cue inside a quotation belongs to the quoted speaker's own words
        lower = tok.lower_
        if lower == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            if (c := _according_to(ctx, tok)) is not None:
                candidates.append(c)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.cue_nouns:
            if (c := _nominal_cue(ctx, tok)) is not None:
                candidates.append(c)
        elif (tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in tok.children)) \
                and (cat := _cue_category(lexicon, tok)):
            # (a root with a content clause is a verb even when the tagger said noun: "..., UNN reports")
            if cat in ("citing",) or lower in ("citing", "quoting", "referring"):
                continue  # "citing informed sources" names a source; it is part of another claim's frame
            if (c := _reported(ctx, tok, cat) or _anaphoric(ctx, tok, cat)) is not None:
                candidates.append(c)
    _cited_after(ctx, candidates)
    candidates.extend(_dash_attributions(ctx, candidates))
    candidates = _absorb_quotes(ctx, candidates)
    candidates.extend(_quote_claims(ctx, candidates))
    candidates = _resolve_nesting(ctx, candidates)
    closers = {q.close_mark: q.open_mark for q in ctx.quotes if q.close_mark is not None}
    for c in candidates:
        c.paragraph = ctx.paragraph(c.start)
        if c.start <= closers.get(c.end, -1):
            c.end += 1  # keep the closing mark of a quotation the span opened: called it "unexpected"
    candidates.sort(key=lambda c: (c.start, c.end))
    return _dedupe([c for c in candidates if not _teaser(ctx, c)])


_TEASER = re.compile(r"(?:read|see) (?:also|more)\b|also read\b|related\b", re.IGNORECASE)


def _teaser(ctx: _Context, claim: ClaimCandidate) -> bool:
    """A "Read also: ..." line links another article; its headline is no claim of this one."""
    start = ctx.para_starts[claim.paragraph]
    return bool(_TEASER.match(ctx.text, start)) and ctx.text.find(":", start, start + 16) >= 0


# -- context -------------------------------------------------------------------------------------

def _context(doc: Doc, lexicon: Lexicon) -> _Context:
    text = doc_text(doc)
    quotes = find_quotes(text)
    in_quote = [-1] * len(doc)
    for qi, q in enumerate(quotes):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                in_quote[i] = qi
    sents: list[tuple[int, int]] = []
    sent_of = [0] * len(doc)
    for n, s in enumerate(doc.sents):
        sents.append((s.start, s.end))
        for i in range(s.start, s.end):
            sent_of[i] = n
    para_starts = [0] + [m.end() for m in re.finditer(r"\n[ \t\u00a0]*\n\s*", text)]
    if len(para_starts) == 1:
        para_starts += [m.end() for m in re.finditer(r"\n\s*", text)]
    publisher = doc._.whosaid_publisher if Doc.has_extension("whosaid_publisher") else None
    credits = publisher_credits(text, lexicon, publisher)
    return _Context(doc, lexicon, quotes, [q.start for q in quotes], in_quote, sent_of, sents, para_starts, text,
                    credits)


def _cue_category(lexicon: Lexicon, tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    if particle is not None:
        # "called off the search" is not "called"; only listed phrasal verbs ("point out") count
        return lexicon.phrasal_cues.get((lemma, particle))
    return lexicon.cue_category(lemma, particle) or next(
        (cat for c in tok.rights if c.dep_ == "prep" and (cat := lexicon.prep_cues.get((lemma, c.lower_)))), None)


def _prep_content(lexicon: Lexicon, cue: Token) -> Token | None:
    """The prepositional phrase that carries what was said: "called for [a moratorium]"."""
    lemma = cue.lemma_.lower()
    return next((c for c in cue.rights if c.dep_ == "prep" and (lemma, c.lower_) in lexicon.prep_cues
                 and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)


# -- speakers and hops around a cue ----------------------------------------------------------------

def _subject(tok: Token) -> tuple[Token | None, bool]:
    """The cue's subject, inherited through coordination ("noted that A, and added that B") and
    participial adjuncts ("..., adding that B"). Returns (subject, passive)."""
    seen = 0
    while tok is not None and seen < 4:
        # (never a name inside the frame's "citing X": "Interfax, citing spokesperson Lysenko, reported")
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")
                    and not (c.left_edge.i > 0 and tok.doc[c.left_edge.i - 1].lower_ in ("citing", "quoting"))]
        if subjects:
            # "said study co-author Ted Scambos" parses with several subjects: the name is the speaker
            best = next((c for c in subjects if c.ent_type_ == "PERSON"), None) \
                or next((c for c in subjects if c.pos_ == "PROPN"), None) or subjects[0]
            if best.lower_ in ("who", "which", "that") and tok.dep_ in ("relcl", "acl") and tok.head != tok:
                # "tour manager Thomas Gray, who cited ...": the relative pronoun stands for its noun
                return tok.head, False
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
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep") and tok.head != tok:
            # "..., adding that", "upon announcing to journalists that": the main clause's subject
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
        break
    return None, False


def _agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _outlet_mention(ctx: _Context, tok: Token | None) -> Mention | None:
    """A named outlet, or a definite "the publication" that points back at one; "told state media" or
    "told reporters" names no outlet and adds no hop."""
    if tok is None:
        return None
    m = mention_from_head(ctx.doc, tok, ctx.lexicon)
    if m is None:
        return None
    if m.form == "outlet":
        return m
    if m.form == "nominal_outlet" and ctx.text[m.start:m.start + 4].lower() in ("the ", "this"):
        return m
    return None


def _recipient_hops(ctx: _Context, cue: Token) -> list[Mention]:
    """Outlets the speaker addressed: "told Axios", "confirmed to Axios", "in a comment to Axios",
    "in an interview with Axios"."""
    hops: list[Mention] = []
    heads = [cue]
    subj, _ = _subject(cue)
    if subj is not None:
        heads.append(subj)
    # "Speaking to Reuters, an attendee said ...", "Speaking on al-Masirah TV, ...", "In an interview
    # with CNN, she said ...", "said — as reported by Hurriyet Daily News — ..."
    speaking = [c for c in cue.children if c.dep_ in ("advcl", "prep") and c.lemma_ in ("speak", "talk", "write", "appear", "in")]
    heads.extend(speaking)
    # "— as reported by Hurriyet Daily News —": the parenthetical can hang anywhere in the sentence
    doc = ctx.doc
    s0, s1 = ctx.sents[ctx.sent_of[cue.i]]
    for k in range(s0, s1 - 2):
        t = doc[k]
        if t.lower_ in ("reported", "quoted", "cited", "published") and doc[k + 1].lower_ == "by" and ctx.in_quote[k] < 0:
            by = doc[k + 1]
            target = next((g for g in by.children if g.dep_ == "pobj"), None) or _first_nominal(doc, k + 2, min(s1, k + 8))
            if (am := _outlet_mention(ctx, target)) is not None:
                hops.append(am)
    for head in heads:
        for child in head.children:
            target = None
            if child.dep_ in ("dative", "dobj") and cue.lemma_ == "tell" and head == cue:
                target = child
            elif child.dep_ == "prep" and (child.lower_ in ("to", "with") or child.lower_ == "on" and (
                    head in speaking or head == cue and cue.lemma_ in ("speak", "talk", "appear", "write", "post", "tweet"))):
                target = next((g for g in child.children if g.dep_ == "pobj"), None)
            elif child.dep_ == "prep" and child.lower_ in ("in", "during"):
                noun = next((g for g in child.children if g.dep_ == "pobj"), None)
                if noun is not None:
                    for p in noun.children:
                        if p.dep_ == "prep" and p.lower_ in ("to", "with", "for", "by", "on"):
                            target = next((g for g in p.children if g.dep_ == "pobj"), None)
                        elif p.dep_ in ("compound", "poss", "nmod") and (om := _outlet_mention(ctx, p)) is not None:
                            hops.append(om)  # "in a News.com.au report", "in CNN's interview"
            if (m := _outlet_mention(ctx, target)) is not None:
                hops.append(m)
    return hops


def _citing_target(ctx: _Context, tokens) -> Token | None:
    """The source named by "citing X", "with reference to X", "referring to X", "quoting X"."""
    doc = ctx.doc
    for tok in tokens:
        low = tok.lower_
        if low in ("citing", "quoting"):
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj", "nsubj", "attr")), None)
            if obj is None and tok.i + 1 < len(doc):
                obj = _first_nominal(doc, tok.i + 1, min(len(doc), tok.i + 8))
            if obj is not None:
                return obj
        if low == "reference" and tok.i > 0 and doc[tok.i - 1].lower_ in ("with", "in"):
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is None:
                obj = _first_nominal(doc, tok.i + 2, min(len(doc), tok.i + 10))
            if obj is not None:
                return obj
        if low == "referring" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) or _first_nominal(doc, tok.i + 2, min(len(doc), tok.i + 10))
            if obj is not None:
                return obj
    return None


def _first_nominal(doc: Doc, start: int, end: int) -> Token | None:
    """The head of the first noun phrase in doc[start:end] (used where the parse attached it oddly)."""
    for i in range(start, end):
        t = doc[i]
        if t.is_punct and t.text not in ("-",):
            break
        if t.ent_type_ == "PERSON":
            # "said study co-author Ted Scambos": the person, not the first noun of the title
            return _entity_root(doc, t)
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


def _entity_root(doc: Doc, tok: Token) -> Token:
    from app.nlp.extract.mentions import entity_of

    ent = entity_of(doc, tok)
    return ent.root if ent is not None else tok


def _quoted_as(cue: Token) -> tuple[Token, Token] | None:
    """(the quote/cite verb, whom it quotes) for the cue of "quoted X as saying ..."; else None."""
    as_ = cue.head
    if cue.dep_ not in ("pcomp", "advcl") or as_.lower_ != "as" or as_.head.lemma_ not in ("quote", "cite"):
        return None
    quoted = next((c for c in as_.head.children if c.dep_ == "dobj"), None)
    return (as_.head, quoted) if quoted is not None else None


def _speaker_and_hops(ctx: _Context, cue: Token, sent_tokens, *, climb: bool = True,
                      content: tuple[int, int] | None = None) -> tuple[Mention | None, list[Mention], bool, bool]:
    """Speaker mention, explicit hops (nearest the speaker first), agentless?, sets an outlet frame?

    ``content`` (char offsets) is what the cue reports: a "citing X" inside it ("noted that both were
    referring to studies") is part of what was said, not the claim's source."""
    if content is not None:
        sent_tokens = [t for t in sent_tokens if not content[0] <= t.idx < content[1]]
    quoting = _quoted_as(cue)
    if quoting is not None:
        # "The agency quoted the minister as saying ...": the minister speaks, the agency relays
        verb, quoted = quoting
        hops = _recipient_hops(ctx, cue)
        if (om := _outlet_mention(ctx, _subject(verb)[0])) is not None:
            hops.append(om)
        return mention_from_head(ctx.doc, quoted, ctx.lexicon), hops, False, False
    if climb:
        subj, passive = _subject(cue)
    else:
        subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = subj is None and any(c.dep_ in ("agent", "auxpass") for c in cue.children) or (
            subj is not None and subj.dep_ == "nsubjpass")
    hops = _recipient_hops(ctx, cue)
    speaker: Mention | None = None
    agentless = False
    reporter: Mention | None = None
    if passive:
        agent = _agent(cue)
        if agent is not None and cue.lemma_ in ("quote", "cite") and subj is not None:
            # "Katrougalos was quoted by Greek Reporter as saying ...": the outlet relays the subject
            speaker = mention_from_head(ctx.doc, subj, ctx.lexicon)
            if (am := _outlet_mention(ctx, agent)) is not None:
                hops.append(am)
        elif agent is not None:
            speaker = mention_from_head(ctx.doc, agent, ctx.lexicon)
        else:
            agentless = subj is None or subj.lower_ in ("it", "this", "that")
    elif subj is None and cue.dep_ == "ROOT":
        # a misparse left the cue without a subject ("Calling it X, Anna Franowska of ..., told
        # Reuters"): the person named before the cue in its sentence, outside quotations
        s0 = ctx.sents[ctx.sent_of[cue.i]][0]
        person = next((t for t in reversed(ctx.doc[s0:cue.i]) if t.ent_type_ == "PERSON" and ctx.in_quote[t.i] < 0), None)
        if person is not None:
            speaker = mention_from_head(ctx.doc, _entity_root(ctx.doc, person), ctx.lexicon)
        else:
            # "In a comment to Interfax-Ukraine, the head of the committee, Ihor Kryvoruchko, said": the
            # parser hung the speaker on the outlet; the name closing the phrase right before the cue
            k = cue.i - 1
            while k > s0 and ctx.doc[k].is_punct:
                k -= 1
            name = ctx.doc[k]
            if k < cue.i - 1 and name.pos_ == "PROPN" and name.dep_ == "appos" and ctx.in_quote[k] < 0:
                speaker = mention_from_head(ctx.doc, name, ctx.lexicon)
            else:
                # "Speaking to Ukrinform, a senior port official who asked not to be named said": the
                # phrase closing right before the cue, through its relative clause, hung on the outlet
                while name.dep_ not in ("appos", "ROOT") and name.head.i < cue.i and name.head != name:
                    name = name.head
                if name.dep_ == "appos" and name.pos_ in ("NOUN", "PROPN") and name.right_edge.i >= k \
                        and ctx.in_quote[name.i] < 0:
                    speaker = mention_from_head(ctx.doc, name, ctx.lexicon)
    elif subj is not None:
        if ctx.in_quote[subj.i] >= 0:
            # `Anna Franowska of "Have no fear", a charity, told ...`: the parse put the head inside
            # the quoted name; the person named outside it is the speaker
            subj = next((t for t in subj.subtree if t.ent_type_ == "PERSON" and ctx.in_quote[t.i] < 0), subj)
        speaker = mention_from_head(ctx.doc, subj, ctx.lexicon)
        # "Axios's sources": the outlet that has the sources is a hop.
        poss = next((c for c in subj.children if c.dep_ == "poss"), None)
        if (pm := _outlet_mention(ctx, poss)) is not None and speaker is not None:
            hops.insert(0, pm)
            after_poss = poss.right_edge.idx + len(poss.right_edge) + (3 if ctx.doc[poss.right_edge.i].whitespace_ == "" else 0)
            if after_poss < speaker.end:  # "Axios's sources" → "sources"
                speaker = _trim_mention(ctx, Mention(after_poss, speaker.end, speaker.head, speaker.form,
                                                     speaker.descriptors))
    sets_frame = False
    cited = _citing_target(ctx, [t for t in sent_tokens if ctx.in_quote[t.i] < 0])
    if cited is not None:
        cited_m = mention_from_head(ctx.doc, cited, ctx.lexicon)
        if cited_m is not None:
            if speaker is not None and speaker.form in ("outlet", "nominal_outlet"):
                reporter = speaker
                speaker = cited_m
            elif speaker is None or cited_m.form in ("name", "anonymous", "outlet"):
                speaker = cited_m
            # else: "the minister said ..., citing a report": the minister said it, the report backs it
    if speaker is not None and speaker.form in ("outlet", "nominal_outlet") and not hops:
        sets_frame = True
    if reporter is not None:
        hops.append(reporter)
        sets_frame = True
    return speaker, hops, agentless, sets_frame


def _trim_mention(ctx: _Context, m: Mention) -> Mention:
    text = ctx.text
    start = m.start
    while start < m.end and (text[start].isspace() or text[start] in "'s"):
        if text[start] == "s" and start + 1 < m.end and not text[start + 1].isspace():
            break
        start += 1
    return Mention(start, m.end, m.head, m.form, m.descriptors) if start < m.end else m


# -- reported speech --------------------------------------------------------------------------------

def _content_span(ctx: _Context, clause: Token, exclude: Token | None = None) -> tuple[int, int] | None:
    """Char span of a content clause: its subtree without a leading "that" and edge punctuation."""
    doc = ctx.doc
    left, right = clause.left_edge.i, clause.right_edge.i
    # a source-citing phrase the parser hung on the content ("citing people familiar with the talks,
    # that ...") is part of the frame, not of what was said
    for child in clause.lefts:
        if child.lower_ in ("citing", "quoting", "according", "referring") and child.left_edge.i == left:
            left = child.right_edge.i + 1
    # ... or at its end ("said prices would fall, citing a report by the central bank")
    for child in clause.rights:
        if child.lower_ in ("citing", "quoting", "according", "referring") and child.right_edge.i >= right - 1:
            right = child.left_edge.i - 1
    if exclude is not None:
        # the clause is the head of a parenthetical cue ("The plan, he said, will fail"): keep the side
        # of the clause away from the cue when the cue sits at an edge.
        el, er = exclude.left_edge.i, exclude.right_edge.i
        while right > left and (doc[right].is_punct or doc[right].is_space):
            right -= 1
        while left < right and (doc[left].is_punct or doc[left].is_space):
            left += 1
        if el <= left <= er:
            left = er + 1
        elif el <= right <= er:
            right = el - 1
    while left <= right and (doc[left].lower_ == "that" and (doc[left].dep_ == "mark" or doc[left].pos_ == "SCONJ"
                                                              or _that_misread_as_object(doc[left]))
                             or doc[left].is_punct or doc[left].is_space):
        left += 1
    # a semicolon closes what one cue said ("said A; TVN24 reported B")
    semi = next((k for k in range(left, right + 1) if doc[k].text == ";" and ctx.in_quote[k] < 0), None)
    if semi is not None and (exclude is None or semi > exclude.right_edge.i):
        right = semi - 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right])


def _token_span(ctx: _Context, left: int, right: int) -> tuple[int, int] | None:
    """Char span of doc[left:right + 1] without edge punctuation and space."""
    doc = ctx.doc
    while left <= right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return (doc[left].idx, doc[right].idx + len(doc[right])) if right >= left else None


def _content_clause(ctx: _Context, cue: Token) -> Token | None:
    """The clause a cue reports: its complement to the right, or one before it ("A, he said") unless a
    semicolon stands between them ("X said A; TVN24 reported B")."""
    doc = ctx.doc
    # (a publisher credit the parser made the cue's complement is no content: "The FT reports this with
    # reference to diplomats, RBC-Ukraine writes")
    rights = [c for c in cue.rights if c.dep_ in _CONTENT_DEPS and not ctx.in_credit(c)]
    if rights:
        return rights[0]
    if cue.lemma_ in _TELL_VERBS:
        # "told a meeting of island leaders that few people understood ...": the parser made the
        # content a relative clause of the audience; a "that" marking a clause with its own subject
        for obj in (c for c in cue.rights if c.dep_ in ("dobj", "dative")):
            for t in obj.subtree:
                if t.dep_ in ("relcl", "acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children) \
                        and any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children):
                    return t
    for c in reversed(list(cue.lefts)):
        if c.dep_ in _CONTENT_DEPS and ctx.in_quote[c.i] < 0:
            if any(doc[k].text == ";" for k in range(c.right_edge.i + 1, cue.i)):
                return None
            return c
    return _that_clause_after(ctx, cue)


def _that_misread_as_object(that: Token) -> bool:
    """"told reporters at a briefing that Moscow "has taken note" of ...": the parser read "that" as the
    object of a relative clause that already has a subject and an object of its own."""
    clause = that.head
    return that.dep_ == "dobj" and clause.dep_ in ("relcl", "acl") \
        and any(c.dep_ == "nsubj" and c != that for c in clause.children) \
        and any(c.dep_ in ("dobj", "attr") and c != that for c in clause.children)


def _that_clause_after(ctx: _Context, cue: Token) -> Token | None:
    """"said in a statement that supplies had not been affected", "reported, citing police sources, that
    ...": the parser hung the "that" clause on the frame (the statement, a conjunction). The clause a
    "that" opens right after the cue's frame, with a subject of its own, is the content."""
    doc = ctx.doc
    s1 = ctx.sents[ctx.sent_of[cue.i]][1]
    for k in range(cue.i + 1, min(s1, cue.i + 16)):
        t = doc[k]
        if ctx.in_quote[k] >= 0:
            return None
        if t.lower_ == "that" and (t.dep_ == "mark" or _that_misread_as_object(t)):
            clause = t.head
            if clause.i > k and ctx.sent_of[clause.i] == ctx.sent_of[cue.i] \
                    and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
                return clause
            return None
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in ("citing", "quoting", "referring", "speaking"):
            return None  # another predicate first: the "that" is not this cue's
    return None


def _nominal_cue(ctx: _Context, noun: Token) -> ClaimCandidate | None:
    """"Trump's claim that Obama founded ISIS", "the ministry's statement that ...": a reporting noun
    with a "that" clause; the speaker is its possessor (or "by X")."""
    clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if owner is None:
        return None
    speaker = mention_from_head(ctx.doc, owner, ctx.lexicon)
    if speaker is None:
        return None
    span = _content_span(ctx, clause)
    if span is None or len(ctx.text[span[0]:span[1]].split()) < 3:
        return None
    return ClaimCandidate(span[0], span[1], "indirect", "nominal", 0.6, cue=(noun.idx, noun.idx + len(noun)),
                          cue_token=noun.i, speaker=speaker)


def _negated(cue: Token) -> bool:
    """"did not say", "never confirmed", "don't tell anyone", "neither confirmed nor denied": a denied
    speech act reports nothing."""
    if any(c.dep_ == "neg" or c.lower_ in ("never", "neither") for c in cue.children):
        return True
    if cue.i > 0 and cue.doc[cue.i - 1].lower_ == "nor":
        return True
    return cue.dep_ == "conj" and any(c.lower_ == "neither" for c in cue.head.children)


def _infinitive(cue: Token) -> bool:
    """"mandating priests to report cases": a speech act asked for, not one that happened."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)


def _finite_clause(clause: Token) -> bool:
    """A clause with its own subject and a tensed verb ("Trump would raise taxes"), not a small clause
    ("showed Clinton with a lead") or an object ("found the body")."""
    verbs = [clause] + [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children) \
        and any(v.tag_ in ("VBD", "VBZ", "VBP", "MD") for v in verbs)


def _that_clause_or_finding(ctx: _Context, cue: Token, category: str) -> bool:
    """Cues that report only with a "that" clause ("observed that ...", "knows that ..."; "observed the
    vote" reports nothing). A finding ("one study found Trump would raise taxes", "..., an analysis
    shows") and a speech cue may also drop the "that" before a finite clause, or follow their content."""
    clause = _content_clause(ctx, cue)
    if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return True
    if category not in ("finding", "speech"):
        return False
    if clause is None:
        return cue.dep_ == "parataxis"
    return _finite_clause(clause)


def _cited_after(ctx: _Context, candidates: list[ClaimCandidate]) -> None:
    """"TASS claims that troops took the village. The agency cites the Defense Ministry.": the next
    sentence names the outlet's source; the claim becomes the source's, relayed by the outlet."""
    doc = ctx.doc
    for n, (s0, s1) in enumerate(ctx.sents):
        if n == 0:
            continue
        root = next((t for t in doc[s0:s1] if t.dep_ == "ROOT"), None)
        if root is None or root.lemma_ not in ("cite", "quote") or ctx.in_quote[root.i] >= 0:
            continue
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in root.children if c.dep_ == "dobj"), None)
        if subj is None or obj is None or any(c.dep_ in _CONTENT_DEPS or c.lower_ == "as" for c in root.children):
            continue  # ("It cited the Air Force as stating ...": a claim of its own, `_quoted_as`)
        reporter = mention_from_head(doc, subj, ctx.lexicon)
        cited = mention_from_head(doc, obj, ctx.lexicon)
        if reporter is None or cited is None or reporter.form not in ("outlet", "nominal_outlet") and subj.lower_ != "it":
            continue
        p0 = ctx.sents[n - 1][0]
        prev = [c for c in candidates if doc[p0].idx <= c.start < doc[s0].idx and c.speaker is not None
                and c.speaker.form in ("outlet", "nominal_outlet") and not c.hops]
        for claim in prev:
            claim.hops.insert(0, claim.speaker)
            claim.speaker, claim.sets_frame = cited, True


def _infinitive_only(cue: Token) -> bool:
    """The cue's only complement is an infinitive ("asked not to be named", "spoke on condition of ...")."""
    return not any(c.dep_ in ("ccomp", "dobj") for c in cue.children)


def _imperative(ctx: _Context, cue: Token) -> bool:
    """A bare verb opening its sentence with no subject: "Recall that ...", "Note that ..."."""
    s0 = ctx.sents[ctx.sent_of[cue.i]][0]
    first = next((t for t in ctx.doc[s0:cue.i + 1] if not (t.is_punct or t.is_space)), None)
    return first == cue and cue.tag_ in ("VB", "VBP") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)


def _reported(ctx: _Context, cue: Token, category: str) -> ClaimCandidate | None:
    doc = ctx.doc
    if _negated(cue):
        return None
    lemma = cue.lemma_.lower()
    if lemma in ctx.lexicon.that_cues and not _that_clause_or_finding(ctx, cue, category):
        return None
    if _imperative(ctx, cue):
        return None  # "Recall that in October the EU adopted ...", "Note that ...": the outlet's own aside
    if cue.dep_ == "relcl" and lemma in ("ask", "request", "speak") and _infinitive_only(cue):
        return None  # "an official, who asked not to be named, said ...": how the source spoke, not what
    if lemma in ("quote", "cite") and any(c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):
        return None  # "quoted the minister as saying ...": the claim is the "saying" cue's
    clause = _content_clause(ctx, cue)
    exclude = None
    rule = "reported"
    if clause is None and cue.dep_ in ("parataxis",) and cue.head.pos_ in ("VERB", "AUX") and cue.head != cue \
            and not (ctx.in_quote[cue.head.i] >= 0 > ctx.in_quote[cue.i]):
        # (a head inside a quotation that the cue introduces, `he said, "It happened ..."`, is the
        # quotation's, found by the quotation rules)
        clause, exclude, rule = cue.head, cue, "parenthetical"
    elif clause is None and cue.dep_ == "advcl" and cue.head != cue and cue.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        # "As Zelensky noted, the situation remains difficult", "..., as the commander stated on air"
        clause, exclude, rule = cue.head, cue, "parenthetical"
    trailing = None
    if clause is None and (cue.dep_ == "conj" and cue.head.dep_ == "ROOT" or cue.dep_ == "advcl" or cue.dep_ == "ROOT") \
            and cue.head.i <= cue.i and not any(c.dep_ in ("cc", "mark") for c in cue.children):
        # "A, but only if B, Deputy Minister Pavel Ostrovsky told reporters.", "A, the business daily
        # Kommersant reported": the parser coordinated the closing attribution with the sentence it
        # closes, hung it on that sentence, or made it a second root
        subj = next((c for c in cue.lefts if c.dep_ == "nsubj"), None)
        s0 = ctx.sents[ctx.sent_of[cue.i]][0]
        first = subj.left_edge.i if subj is not None else -1
        if first == s0 and s0 > 0 and doc[s0 - 1].text == ",":
            s0 = ctx.sents[ctx.sent_of[s0 - 1]][0]  # the parser ended a "sentence" at the comma before the name
        elif cue.dep_ == "ROOT":
            s0 = first  # a root cue with its content in its own sentence is the quotation rules' business
        if subj is not None and first > s0 + 2 and doc[first - 1].text == "," and ctx.in_quote[first - 2] < 0 \
                and not doc[first - 2].is_quote:
            clause, trailing, rule = cue.head, (s0, first - 1), "parenthetical"
    if clause is None:
        # "Bloomberg reported, citing people familiar with the talks, that ...": the parser may hang the
        # content clause on "citing"
        for child in cue.children:
            if child.lower_ in ("citing", "quoting", "referring"):
                clause = next((g for g in child.subtree if g.dep_ == "ccomp" and g.i > child.i), None)
                if clause is not None:
                    break
    if clause is None and _infinitive(cue):
        return None
    if clause is None and (lemma in ctx.lexicon.object_cues or _prep_content(ctx.lexicon, cue) is not None):
        return _object_content(ctx, cue, category)
    if clause is None and category in ("speech", "report", "writing"):
        return _misparsed_content(ctx, cue)
    if clause is None:
        return None
    if clause.lower_ in DEMONSTRATIVES:
        return None
    if _cue_category(ctx.lexicon, clause) and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in DEMONSTRATIVES for c in clause.children):
        # "This is reported by Axios with reference to officials, reports UNN": the content is itself a
        # frame pointing back at what was said (the anaphoric cue's claim), not a claim of its own
        return None
    if lemma in _QUESTION_VERBS and doc[clause.left_edge.i].lower_ in _QUESTION_WORDS:
        return None  # "asked readers what they thought": a question asserts nothing
    span = _content_span(ctx, clause, exclude) if trailing is None else _token_span(ctx, *trailing)
    if span is None:
        return None
    start, end = span
    if len(ctx.text[start:end].split()) < 2:
        return None
    s0, s1 = ctx.sents[ctx.sent_of[cue.i]]
    # in "As reported by the press service, ..." the cue's own agent is the speaker, never the subject
    # of the clause it frames
    speaker, hops, agentless, sets_frame = _speaker_and_hops(ctx, cue, doc[s0:s1], climb=exclude is None,
                                                             content=(start, end))
    if speaker is not None and start <= speaker.start < end and not _within(speaker.start, exclude):
        # the "speaker" is inside the content: a misparse, not an attribution (unless the content wraps
        # round its parenthetical cue: "The plan, he said, will fail")
        return None
    if category == "belief" and speaker is None and not agentless:
        return None
    confidence = {"reported": 0.85, "parenthetical": 0.75}[rule]
    if category in ("belief", "finding"):
        confidence -= 0.1
    if speaker is None:
        confidence -= 0.25
    return ClaimCandidate(start, end, "indirect", rule, round(confidence, 2),
                          cue=(cue.idx, cue.idx + len(cue)), cue_token=cue.i, speaker=speaker, hops=hops,
                          agentless=agentless, sets_frame=sets_frame)


def _within(char: int, phrase: Token | None) -> bool:
    """Whether a character offset falls inside ``phrase``'s subtree."""
    if phrase is None:
        return False
    doc = phrase.doc
    left, right = doc[phrase.left_edge.i], doc[phrase.right_edge.i]
    return left.idx <= char < right.idx + len(right)


def _misparsed_content(ctx: _Context, cue: Token) -> ClaimCandidate | None:
    """"Brudziński said Adamowicz required resuscitation": the parser sometimes makes the reported
    clause a noun phrase. When what follows the cue (to its clause's end) holds a verb, it is the content."""
    doc = ctx.doc
    right = cue.right_edge.i
    stop = next((k for k in range(cue.i + 1, right + 1) if doc[k].text in (";", ":")), None)
    if stop is not None:
        right = stop - 1
    while right > cue.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    first = cue.i + 1
    if right - first < 2:
        return None  # nothing (or next to nothing) follows the cue; also keeps doc[first] in range
    recipient = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i == first or
                      c.dep_ in ("dobj", "dative") and doc[first].dep_ == "det" and c.i == first + 1), None)
    if recipient is not None and cue.lemma_ in ("tell", "inform", "assure", "remind", "warn"):
        # "told the publication that Kyiv had not seen it": the parser made the clause a relative one
        first = recipient.i + 1
        if first <= right and doc[first].lower_ == "that":
            first += 1
    if right - first < 2 or doc[first].lower_ in ("to", "in", "on", "at", "during", "after", "before", "of", "by", "with"):
        return None
    # a tensed verb: "so-called" or "announced plans" (VBN) make no clause
    verbs = [t for t in doc[first:right + 1] if t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    if not verbs or any(c.dep_ in ("dobj",) and c.i == first and c.pos_ == "PRON" for c in cue.children):
        return None
    s0, s1 = ctx.sents[ctx.sent_of[cue.i]]
    speaker, hops, agentless, sets_frame = _speaker_and_hops(
        ctx, cue, doc[s0:s1], content=(doc[first].idx, doc[right].idx + len(doc[right])))
    if speaker is None or doc[first].idx <= speaker.start < doc[right].idx + len(doc[right]):
        # `..." said Victor Cha, who served as Asia director`: what follows the cue is the speaker
        return None
    return ClaimCandidate(doc[first].idx, doc[right].idx + len(doc[right]), "indirect", "misparsed", 0.5,
                          cue=(cue.idx, cue.idx + len(cue)), cue_token=cue.i, speaker=speaker, hops=hops,
                          sets_frame=sets_frame)


def _contrast(clause: Token) -> bool:
    """A clause opened by "while"/"whereas" with a subject of its own: another statement, not more of this one."""
    return clause.doc[clause.left_edge.i].lower_ in ("while", "whereas") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _object_content(ctx: _Context, cue: Token, category: str) -> ClaimCandidate | None:
    """"X called the plan a disaster", "X denied any wrongdoing", "X urged Congress to act": what was
    said is carried by the verb's object and complements. The span keeps the cue, as the guidelines
    do for content that is only a noun phrase."""
    doc = ctx.doc
    parts = [c for c in cue.rights if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "dative")]
    if not parts and (prep := _prep_content(ctx.lexicon, cue)) is not None:
        parts = [prep]  # "called for a moratorium on charter schools"
    if not parts or ctx.in_quote[parts[0].i] >= 0 and ctx.in_quote[cue.i] < 0 and parts[0].i == cue.i + 2:
        return None
    # what follows the object in the cue's clause belongs to what was said ("expects rising costs, as
    # suppliers try to meet demand, and fewer specials"), up to a semicolon
    # ... but not into a coordinated clause of its own ("denied X, but later claimed Y")
    # ... nor into a contrasting clause with its own subject ("called it X, while ALDI called it Y")
    kept = [c for c in cue.rights if c.dep_ not in ("conj", "cc", "punct")]
    stop = next((c.i for c in cue.rights if c.dep_ in ("conj", "cc") or c.dep_ == "advcl" and _contrast(c)), len(doc))
    right = max((c.right_edge.i for c in kept if c.i < stop), default=cue.i)
    semi = next((k for k in range(cue.i + 1, right + 1) if doc[k].text == ";"), None)
    if semi is not None:
        right = semi - 1
    while right > cue.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right - cue.i < 2 or right - cue.i > 60:
        return None
    obj = parts[0]
    if obj.lower_ in DEMONSTRATIVES or obj.pos_ == "PRON" and right - cue.i < 3:
        return None
    if any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in obj.children) and obj.right_edge.i - obj.i < 2:
        return None  # "announced this change": what was said stands elsewhere
    s0, s1 = ctx.sents[ctx.sent_of[cue.i]]
    speaker, hops, agentless, sets_frame = _speaker_and_hops(ctx, cue, doc[s0:s1])
    if speaker is None:
        return None
    start, end = cue.idx, doc[right].idx + len(doc[right])
    return ClaimCandidate(start, end, "indirect", "object", 0.55, cue=(cue.idx, cue.idx + len(cue)),
                          cue_token=cue.i, speaker=speaker, hops=hops, sets_frame=sets_frame)


def _anaphoric(ctx: _Context, cue: Token, category: str) -> ClaimCandidate | None:
    """`S. This is reported by the publication Axios with reference to officials.` / `X said this.`:
    the cue points back at the sentence (or quotation) before it."""
    if category not in ("speech", "report", "writing"):
        return None
    doc = ctx.doc
    pointer = next((c for c in cue.children if c.dep_ in ("nsubjpass", "dobj") and c.lower_ in ("this", "that", "so")), None)
    if pointer is None or any(c.dep_ in _CONTENT_DEPS and not ctx.in_credit(c) for c in cue.children):
        return None
    n = ctx.sent_of[cue.i]
    if n == 0:
        return None
    p0, p1 = ctx.sents[n - 1]
    while p1 > p0 and (doc[p1 - 1].is_punct or doc[p1 - 1].is_space):
        p1 -= 1
    while p0 < p1 and (doc[p0].is_space or doc[p0].is_punct):
        p0 += 1
    if p1 - p0 < 3:
        return None
    s0, s1 = ctx.sents[n]
    speaker, hops, agentless, sets_frame = _speaker_and_hops(ctx, cue, doc[s0:s1])
    if speaker is None:
        return None
    if pointer.dep_ == "nsubjpass" and speaker.form in ("outlet", "nominal_outlet") and not hops:
        sets_frame = True
    return ClaimCandidate(doc[p0].idx, doc[p1 - 1].idx + len(doc[p1 - 1]), "indirect", "anaphoric", 0.75,
                          cue=(cue.idx, cue.idx + len(cue)), cue_token=cue.i, speaker=speaker, hops=hops,
                          sets_frame=sets_frame)


# -- according to -------------------------------------------------------------------------------------

def _according_to(ctx: _Context, according: Token) -> ClaimCandidate | None:
    doc = ctx.doc
    to = doc[according.i + 1]
    target = next((c for c in to.children if c.dep_ == "pobj"), None)
    if target is None:
        target = _first_nominal(doc, to.i + 1, min(len(doc), to.i + 8))
    if target is None:
        return None
    pp_end = max(to.right_edge.i, target.right_edge.i)
    s0, s1 = ctx.sents[ctx.sent_of[according.i]]
    nxt = pp_end + 1
    if nxt + 1 < s1 and doc[nxt].text == "," and doc[nxt + 1].ent_type_ == "PERSON" and doc[nxt + 1].ent_iob_ == "B" \
            and target.pos_ == "NOUN" and target.tag_ == "NN":
        end = nxt + 1
        while end + 1 < s1 and doc[end + 1].ent_iob_ == "I":
            end += 1
        if end + 1 < s1 and doc[end + 1].text == ",":
            nxt += 1  # "according to the El Paso mayor, Dee Margo, ...": the name closed by a comma
    if nxt < s1 and doc[nxt].ent_type_ == "PERSON" and doc[nxt].ent_iob_ == "B":
        # "According to El Paso mayor Dee Margo, ...": the parser left the name out of the phrase
        name_end = nxt
        while name_end + 1 < s1 and doc[name_end + 1].ent_iob_ == "I":
            name_end += 1
        target, pp_end = doc[name_end], name_end
    # "According to the publication, citing informed sources, ...": the citing phrase is part of the frame.
    j = pp_end + 1
    while j < s1 and doc[j].is_punct:
        j += 1
    frame_end = pp_end
    cited = None
    if j < s1 and doc[j].lower_ in ("citing", "quoting", "with", "referring"):
        cited = _citing_target(ctx, [doc[j]])
        if cited is not None:
            frame_end = max(cited.right_edge.i, j)
    elif j < s1 and doc[j].lower_ == "which" and j + 1 < s1 and doc[j + 1].lemma_ in ("cite", "quote"):
        # "According to AFP, which cited sources close to the investigation, ..."
        cited = _first_nominal(doc, j + 2, min(s1, j + 10))
        if cited is not None:
            frame_end = cited.right_edge.i
    if cited is None:
        # ... or the parser hung "which cited ..." on the outlet's name
        rel = next((c for c in target.children if c.dep_ == "relcl" and c.lemma_ in ("cite", "quote")), None)
        cited = next((c for c in rel.children if c.dep_ == "dobj"), None) if rel is not None else None
    if according.i <= s0 + 1 or all(doc[k].is_punct or doc[k].lower_ in ("and", "but", "also", "at", "the", "same", "time", "however", "meanwhile") for k in range(s0, according.i)):
        # frame first: the content is what follows it
        left = frame_end + 1
        right = s1 - 1
        if according.i > s0:
            pre = [doc[k] for k in range(s0, according.i) if not doc[k].is_punct]
            if pre and not all(t.lower_ in ("and", "but", "also", "at", "the", "same", "time", "however", "meanwhile") for t in pre):
                left = s0
    else:
        left, right = s0, according.i - 1
        rest = [doc[k] for k in range(frame_end + 1, s1) if not doc[k].is_punct and not doc[k].is_space]
        if rest and rest[0].lower_ not in ("but", "and", "while", "although", "though", "whereas", "yet"):
            # frame in the middle: the content runs round it; keep the whole clause (but "A, according to
            # the navy, but the vessel took on water": what follows the conjunction is the narration's)
            right = s1 - 1
    while left <= right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right < left or right - left < 2:
        return None
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    mention = mention_from_head(doc, target, ctx.lexicon)
    if mention is None:
        return None
    hops: list[Mention] = []
    sets_frame = mention.form in ("outlet", "nominal_outlet")
    speaker = mention
    if cited is not None and (cm := mention_from_head(doc, cited, ctx.lexicon)) is not None:
        if mention.form in ("outlet", "nominal_outlet"):
            hops.append(mention)
        speaker = cm
    return ClaimCandidate(start, end, "according_to", "according_to", 0.85,
                          cue=(according.idx, to.idx + len(to)), cue_token=according.i, speaker=speaker,
                          hops=hops, sets_frame=sets_frame)


# -- "... - the post says." ----------------------------------------------------------------------------

def _dash_attributions(ctx: _Context, found: list[ClaimCandidate]) -> list[ClaimCandidate]:
    """Translated news closes a quotation with a dash and its attribution: `"..." - said a Ukrainian
    official.` or, without quote marks, `... demands. - the post says.`"""
    doc, text = ctx.doc, ctx.text
    out: list[ClaimCandidate] = []
    for s0, s1 in ctx.sents:
        first = s0
        while first < s1 and doc[first].is_space:
            first += 1
        if first >= s1 or not _DASH.match(doc[first].text) or s1 - first > 14:
            continue
        cue = next((t for t in doc[first:s1] if t.pos_ in ("VERB", "AUX") and _cue_category(ctx.lexicon, t)), None)
        if cue is None:
            continue
        subj, _ = _subject(cue)
        head = subj if subj is not None and first <= subj.i < s1 else _first_nominal(doc, cue.i + 1, s1)
        speaker = mention_from_head(doc, head, ctx.lexicon) if head is not None else None
        dash_char = doc[first].idx
        before = text[:dash_char].rstrip()
        qi = bisect.bisect_right(ctx.quote_starts, len(before)) - 1
        quote = ctx.quotes[qi] if qi >= 0 else None
        if quote is not None and quote.close_mark is not None and text[quote.close_mark + 1:dash_char].strip(" ,.\n") == "":
            start, end, kind, rule = quote.start, quote.end, "direct", "dash_quote"
        else:
            para = ctx.para_starts[ctx.paragraph(dash_char)]
            start, end = para, len(before)
            if end - start < 8 or start >= dash_char:
                continue
            kind, rule = "direct", "dash_paragraph"
        # drop any reported-speech candidate that this cue already produced in a misparse
        for c in found:
            if c.cue_token == cue.i:
                c.confidence = -1.0
        out.append(ClaimCandidate(start, end, kind, rule, 0.8 if speaker else 0.5,
                                  cue=(cue.idx, cue.idx + len(cue)), cue_token=cue.i, speaker=speaker,
                                  hops=_recipient_hops(ctx, cue)))
    found[:] = [c for c in found if c.confidence >= 0]
    return out


# -- quotations ----------------------------------------------------------------------------------------

def _absorb_quotes(ctx: _Context, candidates: list[ClaimCandidate]) -> list[ClaimCandidate]:
    """A quotation inside reported speech makes it mixed; reported speech that is all quotation is direct."""
    text = ctx.text
    for c in candidates:
        if c.kind == "according_to" or c.rule.startswith("dash"):
            continue
        for q in _quotes_within(ctx, c.start - 1, c.end + 1):
            inner = text[c.start:c.end].strip(" \"'\u201c\u201d,.")
            if text[q.start:q.end].strip(" \"'\u201c\u201d,.") == inner or (
                    q.start - c.start <= 1 and len(text[q.start:q.end].split()) >= 3):
                # `said "That makes me smart," when Clinton blasted him`: what was said is the quotation
                c.start, c.end, c.kind = q.start, q.end, "direct"
                break
            elif c.kind != "direct":
                c.kind = "mixed"
    return candidates


def _quotes_within(ctx: _Context, start: int, end: int) -> list[Quote]:
    i = bisect.bisect_left(ctx.quote_starts, start)
    out = []
    while i < len(ctx.quotes) and ctx.quotes[i].start < end:
        if ctx.quotes[i].end <= end:
            out.append(ctx.quotes[i])
        i += 1
    return out


def _quote_tokens(ctx: _Context, q: Quote) -> tuple[int, int] | None:
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _quote_claims(ctx: _Context, found: list[ClaimCandidate]) -> list[ClaimCandidate]:
    doc, text = ctx.doc, ctx.text
    covered = [(c.start, c.end) for c in found]
    out: list[ClaimCandidate] = []
    all_claims = sorted(found, key=lambda c: c.start)
    for q in ctx.quotes:
        if any(s <= q.start and q.end <= e for s, e in covered):
            continue
        toks = _quote_tokens(ctx, q)
        if toks is None:
            continue
        t0, t1 = toks
        words = text[q.start:q.end].split()
        if _is_title(words):
            continue  # "Gone with the Wind": a title in quotation marks, not a quotation
        sentence_like = len(words) >= 4 or any(doc[i].pos_ in ("VERB", "AUX") for i in range(t0, t1))
        attribution = _after_attribution(ctx, q, t1) or _byline_attribution(ctx, q) or _before_attribution(ctx, q, t0)
        if attribution == "question":
            continue
        if attribution is not None:
            cue, speaker, hops, rule = attribution[:4]
            if not sentence_like and rule == "before" and text[q.open_mark - 2:q.open_mark].strip() != ":":
                continue  # `the so-called "sex tape."`: a term the narration quotes, not a quotation
            cue_chars = attribution[4] if len(attribution) > 4 else (cue.idx, cue.idx + len(cue))
            start, end, kind = q.start, q.end, "direct"
            if rule == "after" and (lead := _sentence_lead(ctx, q, t0)) is not None:
                # 'Moscow is ready to talk if Chisinau stops "politicizing the issue," the minister told
                # TASS': the quotation ends a sentence of reported speech; the claim is the sentence
                start, end, kind = lead, q.close_mark + 1 if q.close_mark is not None else q.end, "mixed"
            claim = ClaimCandidate(start, end, kind, rule, 0.9 if speaker is not None else 0.6,
                                   cue=cue_chars, cue_token=cue.i, speaker=speaker, hops=hops)
        else:
            if not sentence_like or not _standalone(ctx, q, t0, t1):
                continue  # scare quotes, titles, terms: "cuties", "advantages"
            prev = _previous_claim(all_claims + out, q.start)
            if prev is None or ctx.paragraph(q.start) - ctx.paragraph(prev.end) > 1 or prev.speaker is None:
                continue
            claim = ClaimCandidate(q.start, q.end, "direct", "continued", 0.65, cue=prev.cue,
                                   cue_token=prev.cue_token, speaker=prev.speaker, hops=list(prev.hops))
        out.append(claim)
    return out


_MINOR = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "is"}


def _sentence_lead(ctx: _Context, q: Quote, t0: int) -> int | None:
    """Where the sentence a quotation closes begins, when reported speech of at least three words leads
    into the quotation with no cue of its own; else None."""
    doc = ctx.doc
    s0 = ctx.sents[ctx.sent_of[t0]][0]
    while s0 < t0 and (doc[s0].is_space or doc[s0].is_punct):
        s0 += 1
    lead = [t for t in doc[s0:t0] if not (t.is_punct or t.is_space)]
    if len(lead) < 3 or doc[s0].idx >= q.open_mark or ctx.text[doc[s0].idx:q.open_mark].rstrip().endswith(":"):
        return None
    so_called = {t.i for t in lead if t.lower_ == "called" and t.i >= 2 and doc[t.i - 2].lower_ == "so"}
    if any(ctx.in_quote[t.i] >= 0 for t in lead) or any(
            _cue_category(ctx.lexicon, t) for t in lead if t.pos_ == "VERB" and t.i not in so_called):
        return None
    return doc[s0].idx


def _is_title(words: list[str]) -> bool:
    """Title Case words: a show, a book, a subhead ("State of the Union", "'All Bets Are Off.'"). A short
    quotation ending in a stop may be a sentence ("Thank You."); from three words on it is a title too,
    as American style puts the period inside the marks."""
    if not 1 < len(words) <= 10 or words[-1][-1:] in "!?," or words[-1][-1:] == "." and len(words) < 3:
        return False
    return all(w[:1].isupper() or w.lower() in _MINOR or not w[:1].isalpha() for w in words)


def _previous_claim(claims: list[ClaimCandidate], start: int) -> ClaimCandidate | None:
    best = None
    for c in claims:
        if c.end <= start + 1 and (best is None or c.end > best.end):
            best = c
    return best


def _standalone(ctx: _Context, q: Quote, t0: int, t1: int) -> bool:
    """The quotation is a sentence (or more) of its own, not a phrase inside the outlet's sentence."""
    doc = ctx.doc
    i = t0 - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in ('"', "\u201c", "\u201e", "\u00ab", "'", "-")):
        i -= 1
    starts = i < 0 or doc[i].text in (".", "!", "?", ":", ";") or "\n" in doc[i].text or "\n" in doc[i].whitespace_ \
        or (i + 1 < len(doc) and "\n" in doc[i + 1].text)
    return starts


def _cue_near(ctx: _Context, lo: int, hi: int) -> Token | None:
    doc = ctx.doc
    for i in range(lo, hi):
        t = doc[i]
        if ctx.in_quote[i] >= 0:
            return None
        if t.pos_ in ("VERB", "AUX") and (_cue_category(ctx.lexicon, t) in _QUOTE_CUES or t.lemma_ in _QUESTION_VERBS):
            return t
    return None


def _after_attribution(ctx: _Context, q: Quote, t1: int):
    """`"...," he said.` / `"...," said X.` / `"..." the American official summarized.`"""
    doc = ctx.doc
    i = t1
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and "\n\n" not in doc[i].text:
        if doc[i].is_space and "\n" in doc[i].text:
            return None
        if doc[i].text in (".", "!", "?") and doc[i].idx > (q.close_mark or q.end):
            return None  # `a "sharp tool". The attacker is reported ...`: the sentence ended
        i += 1
    if i >= len(doc):
        return None
    end = i
    while end < len(doc) and end - i < _AFTER_WINDOW and ctx.in_quote[end] < 0:
        t = doc[end]
        if t.text in (".", "!", "?", ";") or "\n" in t.text:
            break
        end += 1
    cue = _cue_near(ctx, i, end)
    if cue is None:
        return None
    if cue.lemma_ in _QUESTION_VERBS:
        return "question"
    # `"Have no fear", a charity, told Reuters "..."`: the cue introduces the next quotation
    s_end = ctx.sents[ctx.sent_of[cue.i]][1]
    nxt = bisect.bisect_right(ctx.quote_starts, cue.idx)
    if nxt < len(ctx.quotes) and ctx.quotes[nxt].start < (doc[s_end - 1].idx + len(doc[s_end - 1]) if s_end > 0 else 0) \
            and ctx.quotes[nxt].open_mark - (cue.idx + len(cue)) < 60:
        return None
    # the cue must not open its own content clause ("..., he said that ...")
    if any(c.dep_ == "ccomp" and c.i > cue.i and ctx.in_quote[c.i] < 0 for c in cue.children):
        return None
    subj, _ = _subject(cue)
    if subj is not None and (ctx.in_quote[subj.i] >= 0 or not i <= subj.i < end + 4):
        subj = None
    head = subj if subj is not None else _first_nominal(ctx.doc, cue.i + 1, min(len(doc), end + 4))
    if head is None:
        # "he" before the cue, attached oddly by the parser
        head = _first_nominal(ctx.doc, i, cue.i)
    speaker = mention_from_head(doc, head, ctx.lexicon) if head is not None else None
    return cue, speaker, _recipient_hops(ctx, cue), "after"


_BYLINE_DASH = re.compile(r"[ \t\u00a0,.]*(?:--|[\u2012-\u2015-])[ \t\u00a0]*")


def _byline_attribution(ctx: _Context, q: Quote):
    """`"..." ― Sonya Herridge` / `"..." — Edwin Monroy, a teacher from Texas`: the style of reader
    comments and epigraphs, a closed quotation followed on its line by a dash and a name, and nothing
    else (a dash followed by a cue verb is `_dash_attributions`' and `_after_attribution`'s)."""
    if q.close_mark is None:
        return None
    doc, text = ctx.doc, ctx.text
    m = _BYLINE_DASH.match(text, q.close_mark + 1)
    if m is None:
        return None
    end = text.find("\n", m.end())
    end = len(text) if end < 0 else end
    while end > m.end() and (text[end - 1].isspace() or text[end - 1] == "."):
        end -= 1
    if not 2 <= end - m.end() <= 120:
        return None
    span = doc.char_span(m.end(), end, alignment_mode="expand")
    dash_start = m.start() + len(m.group()) - len(m.group().lstrip(" \t\u00a0,."))
    dash_end = len(text[:m.end()].rstrip(" \t\u00a0"))
    dash = doc.char_span(dash_start, dash_end, alignment_mode="expand")
    if span is None or dash is None or not 1 <= len(span) <= 16 or not span[0].is_title and not span[0].is_upper:
        return None
    if any(t.pos_ in ("VERB", "AUX") and _cue_category(ctx.lexicon, t) for t in span):
        return None
    name_end = next((t.i for t in span if t.text == ","), span.end)
    head = next((doc[i] for i in range(name_end - 1, span.start - 1, -1) if doc[i].pos_ == "PROPN"), None)
    speaker = mention_from_head(doc, head, ctx.lexicon) if head is not None else None
    if speaker is None:
        return None
    return dash[0], speaker, [], "byline", (dash_start, dash_end)


def _before_attribution(ctx: _Context, q: Quote, t0: int):
    """`X said: "..."`, `X told reporters, "..."`, and a quote opening a paragraph after `X said:`."""
    doc = ctx.doc
    i = t0 - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in ('"', "\u201c", "\u201e", "\u00ab")):
        i -= 1
    if i < 0:
        return None
    gap = doc[i].text
    lo = max(0, i - _BEFORE_WINDOW)
    s0 = ctx.sents[ctx.sent_of[i]][0]
    lo = max(lo, s0)
    cue = None
    for k in range(i, lo - 1, -1):
        t = doc[k]
        if ctx.in_quote[k] >= 0:
            break
        if t.pos_ in ("VERB", "AUX") and (_cue_category(ctx.lexicon, t) or t.lemma_ in _QUESTION_VERBS):
            cue = t
            break
    if cue is None:
        return None
    if cue.lemma_ in _QUESTION_VERBS:
        return "question"
    if gap not in (":", ",", "that") and cue.i != i:
        # `told Reuters "..."`, `told the BBC after the verdict "..."`: only the cue's own objects
        # and adjuncts may stand between it and the quotation, no other clause
        between = doc[cue.i + 1:i + 1]
        if len(between) > 8 or any(t.pos_ in ("VERB", "AUX") or t.text in (".", "!", "?", ";") for t in between):
            return None
    if gap != ":" and any(c.dep_ == "ccomp" and ctx.in_quote[c.i] < 0 and c.i < t0 for c in cue.children):
        return None
    s0, s1 = ctx.sents[ctx.sent_of[cue.i]]
    speaker, hops, _, _ = _speaker_and_hops(ctx, cue, doc[s0:s1])
    if speaker is not None and ctx.in_quote[speaker.head] >= 0:
        speaker = None
    return cue, speaker, hops, "before"


# -- frames around other claims -----------------------------------------------------------------------

def _resolve_nesting(ctx: _Context, candidates: list[ClaimCandidate]) -> list[ClaimCandidate]:
    """`The publication adds that an American official confirmed that X`: an outlet reporting another
    source's claim is a relay hop of the inner claim, not a claim of its own. A person's claim that
    contains another cue ("noted that the White House believes ...") stays one claim."""
    drop: set[int] = set()
    by_pos = sorted(range(len(candidates)), key=lambda k: candidates[k].start)
    for a in by_pos:
        outer = candidates[a]
        if outer.kind == "according_to" and outer.rule != "according_to":
            continue
        for b in by_pos:
            if a == b or b in drop:
                continue
            inner = candidates[b]
            if inner.cue is None or not (outer.start <= inner.cue[0] and inner.cue[1] <= outer.end):
                continue
            if not (outer.start <= inner.start and inner.end <= outer.end):
                continue
            if inner.kind == "direct" and inner.rule in ("after", "before", "continued", "dash_quote"):
                # a quotation the outer reported speech already carries: mixed, one claim
                drop.add(b)
                continue
            if inner.speaker is not None and not (outer.start <= inner.speaker.start < outer.end) and inner.cue[0] > inner.speaker.end:
                # "reported that A, and called the demand B": the same speaker's second cue, coordinated
                # into the first one's clause by the parser — two claims; the first ends before the second cue
                cut = ctx.text.rfind(",", outer.start, inner.cue[0])
                end = cut if cut > outer.start else inner.cue[0]
                text = ctx.text
                while end > outer.start and (text[end - 1].isspace() or text[end - 1] in ",;"):
                    end -= 1
                if text[end - 4:end] == " and":
                    end -= 4
                if end - outer.start > 10:
                    outer.end = end
                    if outer.kind == "mixed" and not _quotes_within(ctx, outer.start - 1, outer.end + 1):
                        outer.kind = "indirect"  # the quotation went with the second cue
                continue
            if inner.rule in ("object", "misparsed", "nominal") and not (
                    inner.kind == "mixed" and _personal(ctx, inner.speaker)):
                # "Axios reports that the US has proposed a plan": an act inside reported content is
                # part of what the outer source reported, not a claim of its own (but "Politico notes
                # that spokesman X called the plan "Y"", quoting a person, is X's claim relayed by Politico)
                drop.add(b)
                continue
            outer_is_outlet = outer.speaker is not None and outer.speaker.form in ("outlet", "nominal_outlet")
            if outer_is_outlet or (outer.agentless and outer.speaker is None):
                if outer.speaker is not None:
                    inner.hops.extend([outer.speaker, *outer.hops])
                    inner.sets_frame = True
                inner.agentless = inner.agentless and outer.agentless
                drop.add(a)
                break
            if outer.speaker is None and inner.speaker is not None and not outer.agentless:
                # "A, the deputy minister said at a briefing, reports UNN": the credit's cue found no
                # speaker; the attributed claim inside it is the claim
                drop.add(a)
                break
            drop.add(b)
    return [c for k, c in enumerate(candidates) if k not in drop]


def _personal(ctx: _Context, speaker: Mention | None) -> bool:
    """A named person or an anonymous source: someone who speaks, not an institution that acts."""
    if speaker is None:
        return False
    return speaker.form == "anonymous" or ctx.doc[speaker.head].ent_type_ == "PERSON"


def _dedupe(candidates: list[ClaimCandidate]) -> list[ClaimCandidate]:
    out: list[ClaimCandidate] = []
    for c in candidates:
        if out and _overlap(out[-1], c) > 0.6:
            if c.confidence > out[-1].confidence:
                out[-1] = c
            continue
        out.append(c)
    return out


def _overlap(a: ClaimCandidate, b: ClaimCandidate) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / min(a.end - a.start, b.end - b.start)
