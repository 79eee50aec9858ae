"""Who speaks and through which outlets, read off the parse around a cue (``speaker_and_hops``): whom a
quoting verb quotes ("quoted X as saying"), the cue's subject or a passive's agent (``subjects``), the
outlets the speaker addressed and an outlet's sources (``hops``), who issued a document that speaks, and
the source a frame cites ("citing informed sources")."""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Hop, Mention
from app.nlp.lexicon import Lexicon
from app.nlp.mentions import mention_from_head
from app.nlp.rules.cues import cue_phrase, quoting_verb
from app.nlp.rules.hops import (REPORTS_CITING, document_outlet, entity_root, first_nominal, hop, is_publisher,
                                outlet_mention, possessed_by_outlet, recipient_hops)
from app.nlp.rules.subjects import agent, apposition_before_cue, closing_apposition, subject


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


def citing_target(ctx: Context, tokens) -> Token | None:
    """The source named by a citing phrase of the lexicon: "citing X", "with reference to X", "referring
    to X", "quoting X"."""
    doc = ctx.doc
    for tok in tokens:
        n = cue_phrase(ctx.lexicon, tok, "citing")
        if not n or tok.i > 0 and doc[tok.i - 1].lower_ == "without":
            continue  # ("NHK said without citing sources": no one cited)
        last = doc[tok.i + n - 1]  # the phrase's last word has the source as its object
        obj = next((c for c in last.children if c.dep_ in ("dobj", "pobj", "nsubj", "attr")), None)
        if obj is None and last.i + 1 < len(doc):
            obj = first_nominal(doc, last.i + 1, min(len(doc), last.i + 9))
        if obj is not None and (tok.lower_ != "referring" or names_a_source(ctx, obj)):
            return obj
    return None


def names_a_source(ctx: Context, tok: Token) -> bool:
    """Whether the object of "referring to", which mostly names what was talked about, is a source: a name,
    a pronoun, or a noun of a source, a document or an outlet ("Trend reports referring to Tasnim"); not
    "..., referring to drawn-out negotiations", the speaker's topic. ("citing traders" names a source
    whatever the noun.)"""
    lex = ctx.lexicon
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = tok.lemma_.lower()
    return any(lex.is_word(category, lemma) or lex.is_word(category, tok.lower_)
               for category in ("anonymous_head", "institution", "document", "outlet_nominal", "title", "medium"))


def quoted_as(cue: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """(the quote/cite verb, whom it quotes) for the cue of "quoted X as saying ..."; else None. (Also
    where the parser hung "as" inside the object: "Bloomberg quoted people familiar with the matter as
    saying", "as" on "familiar".)"""
    as_ = cue.head
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and as_.dep_ == "dobj" and lexicon.is_word("quoting_verb", as_.head.lemma_):
        return as_.head, as_  # "a report cited unnamed sources saying ...": no "as"
    if cue.dep_ not in ("pcomp", "advcl") or as_.lower_ != "as":
        return None
    verb = as_.head
    if not quoting_verb(verb, lexicon):
        verb = _quoting_verb_above(as_, lexicon)
        if verb is None:
            return None
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return (verb, quoted) if quoted is not None else None


def quotes_whom(ctx: Context, cue: Token) -> tuple[Token, Token] | None:
    """(the cue, whom it quotes) for '"...," the publication quotes Grossi.', '"...," the paper quoted him.': an
    outlet's quoting verb in the active with a person as its object and no "as saying" (``quoted_as``); else
    None. (A person who quotes another, "The prime minister quoted Churchill", speaks.)"""
    lexicon = ctx.lexicon
    if not lexicon.is_word("quoting_verb", cue.lemma_) or any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return None
    quoted = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if quoted is None or any(t.lower_ == "as" for t in cue.subtree):
        return None
    quoter = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if quoter is None or (outlet_mention(ctx, quoter) or document_outlet(ctx, quoter)) is None:
        return None
    person = quoted.ent_type_ == "PERSON" or quoted.tag_ == "PRP" and quoted.lower_ != "it" or quoted.pos_ == "NOUN" and (
        lexicon.is_word("title", quoted.lemma_.lower()) or lexicon.is_word("anonymous_head", quoted.lemma_.lower()))
    return (cue, quoted) if person else None


def _quoting_verb_above(tok: Token, lexicon: Lexicon) -> Token | None:
    """The quoting verb whose object `tok` hangs inside ("quoted [people familiar ... as]"), or None."""
    for _ in range(4):
        if tok.head == tok:
            return None
        if tok.dep_ == "dobj" and quoting_verb(tok.head, lexicon):
            return tok.head
        tok = tok.head
    return None


def quoting_as_saying(verb: Token, lexicon: Lexicon) -> Token | None:
    """The "saying" of "quoted X as saying" for a quoting verb, also where the parser hung "as" inside
    the object; None when the verb has no such complement."""
    if not quoting_verb(verb, lexicon):
        return None
    for t in verb.subtree:
        if t.lower_ == "as" and t.dep_ == "prep" and (t.head == verb or _quoting_verb_above(t, lexicon) == verb):
            saying = next((g for g in t.children if g.dep_ in ("pcomp", "advcl")), None)
            if saying is not None and quoted_as(saying, lexicon) is not None:
                return saying
    return None


def told_us(ctx: Context, cue: Token) -> Token | None:
    """The "told" of "X said an official told them" (a telling whose only object is a pronoun and which has
    no content of its own), as the content clause of `cue`; None otherwise."""
    for c in cue.children:
        if c.dep_ == "ccomp" and c.i > cue.i and c.lemma_ == "tell" and ctx.in_quote[c.i] < 0 \
                and all(o.pos_ == "PRON" for o in c.children if o.dep_ in ("dobj", "dative")) \
                and not any(o.dep_ in ("ccomp", "xcomp") for o in c.children) \
                and any(o.dep_ == "nsubj" and o.pos_ != "PRON" for o in c.children):
            return c
    return None


def named_addressee(ctx: Context, cue: Token, speaker: Mention | None) -> Hop | None:
    """The hop of "a source told ET", "a source told People": whom an unnamed source tells by a name the
    lexicon does not list is an outlet (an unnamed source talks to the press); None otherwise."""
    if speaker is None or speaker.form != "anonymous" or cue.lemma_ != "tell":
        return None
    # the tagger reads a capitalised common word as a noun ("People"): its capital mid-sentence names it
    # (an institution is no outlet: "told Congress", "told Parliament", "told Reporters Without Borders")
    addressee = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN")
                      and c.text[:1].isupper() and c.i > c.sent.start and c.ent_type_ != "PERSON"
                      and not ctx.lexicon.is_institution(c)
                      and not any(g.dep_ in ("prep", "compound") for g in c.children)), None)
    named = mention_from_head(ctx.doc, addressee, ctx.lexicon) if addressee is not None else None
    if named is None or named.form != "name" and not (addressee.pos_ == "NOUN" and addressee.n_lefts == 0):
        return None
    return hop(ctx, Mention(named.start, named.end, named.head, "outlet", named.descriptors),
               f"the addressee of '{cue.text}', whom an unnamed source told")


CITED = "speaker: the source cited ('citing X')"
OUTLET_CITES = "speaker: the source the outlet cites"


def cited_source(ctx: Context, cited: Token) -> Mention | None:
    """The speaker of what an outlet reports "citing X": X where it is a source or what one owns ("citing a
    source with knowledge", "citing the court's press service"); None for a reason ("citing the rise in
    poverty") or the outlet's own work ("citing its analysis")."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in cited.children):
        return None
    if not (names_a_source(ctx, cited) or any(c.dep_ == "poss" and names_a_source(ctx, c) for c in cited.children)):
        return None
    return mention_from_head(ctx.doc, cited, ctx.lexicon)


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
    quoting = quoted_as(cue, ctx.lexicon) or quotes_whom(ctx, cue)
    if quoting is not None:
        # "The agency quoted the minister as saying ...": the minister speaks, the agency relays
        verb, quoted = quoting
        hops = recipient_hops(ctx, cue)
        quoter = subject(verb, ctx.lexicon)[0]
        if (om := outlet_mention(ctx, quoter) or (document_outlet(ctx, quoter) if quoter is not None else None)) is not None:
            # (or the outlet whose report quotes: "a Wall Street Journal report cited unnamed sources saying")
            hops.append(hop(ctx, om, f"'{verb.text} ... as {cue.text}'"))
        elif quoter is not None and quoter.lower_ == "it" and _outlet_before(ctx, verb):
            # "The industry publication stated ... . It cited the Air Force as stating ...": "it" is the
            # outlet the text has been reporting (resolved like any pronoun)
            hops.append(hop(ctx, Mention(quoter.idx, quoter.idx + 2, quoter.i, "pronoun"),
                            f"'{verb.text} ... as {cue.text}'"))
        speaker = mention_from_head(doc, quoted, ctx.lexicon)
        as_ = cue.head
        if speaker is not None and as_.lower_ == "as" and speaker.start <= as_.idx < speaker.end \
                and (span := ctx.token_span(quoted.left_edge.i, as_.i - 1)) is not None:
            # ("people familiar with the matter as saying": the parser hung "as" inside the object)
            speaker = Mention(span[0], span[1], speaker.head, speaker.form, speaker.descriptors)
        return speaker, hops, False, False, f"speaker: whom '{verb.text}' quotes"
    if climb:
        subj, passive = subject(cue, ctx.lexicon)
    else:
        subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # (a name the parser took into the clause the cue interrupts: "A were among the dead, spokeswoman
        # Anna Berg said, adding ...")
        subj = apposition_before_cue(subj, cue) if subj is not None else \
            closing_apposition(cue) if cue.dep_ == "parataxis" else None
        passive = subj is None and any(c.dep_ in ("agent", "auxpass") for c in cue.children) or (
            subj is not None and subj.dep_ == "nsubjpass")
    hops = recipient_hops(ctx, cue)
    speaker: Mention | None = None
    how = ""
    agentless = False
    reporter: Mention | None = None
    if passive:
        agt = agent(cue)
        if ctx.lexicon.is_word("quoting_verb", cue.lemma_) and subj is not None and subj.lower_ not in ("it", "this", "that"):
            # "Katrougalos was quoted by Greek Reporter as saying ...": the outlet relays the subject (also
            # where the parser hung "by" on "saying": "al-Saleh was quoted as saying by the agency WAM")
            speaker, how = mention_from_head(doc, subj, ctx.lexicon), "speaker: whom the outlet quotes"
            if agt is not None and (am := outlet_mention(ctx, agt)) is not None:
                hops.append(hop(ctx, am, f"'{cue.text} by' the outlet"))
        elif agt is not None:
            speaker, how = mention_from_head(doc, agt, ctx.lexicon), "speaker: agent of the passive cue"
        else:
            agentless = subj is None or subj.lower_ in ("it", "this", "that")
    elif subj is None and cue.dep_ == "ROOT" and cue.tag_ == "VBG" \
            and all(t.is_punct or t.is_space for t in doc[ctx.sentence(cue)[0]:cue.i]):
        # "Adding that they are ...": a sentence that is a speech participle alone goes on with the
        # paragraph's speaker (as an agentless cue does)
        agentless = True
    elif subj is None and cue.dep_ == "ROOT" and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":" \
            and all(t.is_punct or t.is_space for t in doc[ctx.sentence(cue)[0]:cue.i]):
        # 'Quote: "..."': a label opening the line names no speaker; the paragraph's source or the outlet
        # whose frame holds speaks (as for an agentless cue)
        agentless = True
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
        if ctx.lexicon.is_word("quoting_verb", cue.lemma_) and (cited := next(
                (c for c in cue.children if c.dep_ == "dobj" and names_a_source(ctx, c)), None)) is not None \
                and (quoted := mention_from_head(doc, cited, ctx.lexicon)) is not None \
                and (om := outlet_mention(ctx, subj)) is not None:
            # "Fararu cited Tasnim: '...'": whom the outlet quotes speaks, the outlet relays (a person quoting
            # Churchill says it in their own voice)
            hops.append(hop(ctx, om, f"'{cue.text}' the speaker"))
            speaker, how = quoted, f"speaker: whom '{cue.text}' quotes"
        if cue.dep_ == "relcl" and cue.head == subj and subj.dep_ == "dobj" \
                and ctx.lexicon.is_word("quoting_verb", subj.head.lemma_.lower()) \
                and (quoter := subject(subj.head, ctx.lexicon)[0]) is not None \
                and (om := outlet_mention(ctx, quoter)) is not None:
            # "Le Figaro also cited an unnamed official, who said: ...": the outlet that quotes them is a hop
            hops.append(hop(ctx, om, f"'{subj.head.text}' the speaker"))
        if not hops and (told := named_addressee(ctx, cue, speaker)) is not None:
            hops.append(told)
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
                # (any noun: "..., Reuters reported, citing traders"; after a quotation the outlet's own words
                # may cite a reason instead, and the quotation rules ask cited_source)
                reporter = speaker
                speaker, how = cited_m, OUTLET_CITES
            elif speaker is None or cited_m.form in ("name", "anonymous", "outlet"):
                speaker, how = cited_m, CITED
            # else: "the minister said ..., citing a report": the minister said it, the report backs it
    if speaker is not None and speaker.form in ("outlet", "nominal_outlet") and not hops:
        sets_frame = True
    if reporter is not None:
        hops.append(hop(ctx, reporter, REPORTS_CITING))
        sets_frame = True
    return speaker, hops, agentless, sets_frame, how
