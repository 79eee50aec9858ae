"""What a cue reports: its content clause, found in the parse (the cue's complement, a clause before
it, a "that" clause the parser hung on the cue's frame), and the clause's character span."""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.lexicon import Lexicon
from app.nlp.mention_names import misread_name
from app.nlp.mentions import DEMONSTRATIVES  # noqa: F401  (re-exported for the rules)
from app.nlp.rules.cues import CONTENT_DEPS, QUESTION_WORDS, QUOTE_CUES, cue_category, cue_phrase, finite_clause



def _frame_phrase(ctx: Context, tok: Token) -> bool:
    """`tok` opens a phrase that frames a claim: "citing X", "according to X"."""
    return bool(cue_phrase(ctx.lexicon, tok, "citing") or cue_phrase(ctx.lexicon, tok, "according_to"))


def contrast_clause(clause: Token) -> bool:
    """A clause opened by "while"/"whereas" (or "even as") with a subject of its own: another statement,
    not more of this one."""
    doc, first = clause.doc, clause.left_edge.i
    opens = doc[first].lower_ in ("while", "whereas") or doc[first].lower_ == "even" and first + 1 < len(doc) \
        and doc[first + 1].lower_ == "as"
    return opens and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _second_statement(ctx: Context, clause: Token, child: Token) -> bool:
    """A contrast the parser hung on the content that is an attribution of its own ("said life would be
    worse, while nine in 10 said the economy favors the wealthy"): another source's statement, not more
    of this one (a "while" clause with no cue of its own may be a time: "would continue while the army
    held its positions")."""
    return child.i > clause.i and child.dep_ == "advcl" and contrast_clause(child) \
        and any(cue_category(ctx.lexicon, t) in QUOTE_CUES for t in child.subtree if t.pos_ in ("VERB", "AUX"))


def _speakers_next_cue(ctx: Context, clause: Token, child: Token) -> bool:
    """"said China was friends with Myanmar but did not specify the others", "... but would not say if":
    the parser coordinated the speaker's next cue (a tensed one, in the first cue's tense, or its refusal
    to answer, with no subject of its own) with the content; it says what the speaker did, not what they
    said ("said they would announce it and report to parliament" keeps its second verb: it shares the
    content's "would")."""
    cue = clause.head
    # (content after its cue only: in "A confirmed the launch and said B, Kyodo reported" both are Kyodo's)
    if child.dep_ != "conj" or child.i < clause.i or cue == clause or clause.i < cue.i \
            or cue_category(ctx.lexicon, child) is None:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children):
        return False
    # (the first cue's form: "... but did not specify", "... and added"; not "had changed tactics and
    # were attacking", the content's own second verb)
    past = child.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "do" and c.tag_ == "VBD" for c in child.children)
    # ... or the past's refusal to answer: "said Merkel spoke to Obama, but would not say if ..." (not the
    # content's own "would not": "said the government would raise prices but would not announce the rates")
    refused = any(c.dep_ == "aux" and c.lower_ == "would" for c in child.children) and any(c.dep_ == "neg" for c in child.children) \
        and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children) \
        and any(c.dep_ == "ccomp" and c.doc[c.left_edge.i].lower_ in QUESTION_WORDS for c in child.children)
    return (past or refused) and cue.tag_ == "VBD"


def _earlier_statement(ctx: Context, clause: Token, child: Token) -> bool:
    """A time clause hung on the content that reports a statement of its own ("said talks were still possible
    one day after Foreign Minister Sergei Lavrov said such talks make no sense"): when another spoke, not
    what this speaker said. Only a clause set off by a comma or a span of time ("one day after"): in "said he
    was shocked after the president announced he would step down" the time is part of what was said."""
    return child.i > clause.i and child.dep_ == "advcl" and ctx.in_quote[child.i] < 0 \
        and any(c.dep_ == "mark" and ctx.lexicon.is_word("earlier_marker", c.lower_) for c in child.children) \
        and cue_category(ctx.lexicon, child) in QUOTE_CUES and any(c.dep_ == "nsubj" for c in child.children) \
        and any(c.dep_ == "ccomp" for c in child.children) \
        and (child.doc[child.left_edge.i - 1].text == "," or any(c.dep_ == "npadvmod" for c in child.children))


def content_span(ctx: Context, clause: Token, exclude: Token | None = None) -> tuple[int, int] | None:
    """Char span of a content clause: its subtree without a leading "that" and edge punctuation, and
    without another source's statement hung on it."""
    doc = ctx.doc
    left, right = clause.left_edge.i, clause.right_edge.i
    for child in clause.rights:
        if _second_statement(ctx, clause, child) or _speakers_next_cue(ctx, clause, child) \
                or _earlier_statement(ctx, clause, child):
            right = min(right, child.left_edge.i - 1)
            while right > left and doc[right].dep_ == "cc" and doc[right].head == clause:
                right -= 1  # ("... with Myanmar but": the conjunction goes with what it joins)
    # ... nor a relative clause in which another source answers with a statement of its own ("told the
    # spokesman that countries were surprised by the remarks, to which Asefi replied that ...")
    for t in doc[clause.i + 1:right + 1]:
        if t.dep_ == "relcl" and cue_category(ctx.lexicon, t) in QUOTE_CUES and ctx.in_quote[t.i] < 0 \
                and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in t.children) \
                and any(c.dep_ == "ccomp" for c in t.children) and t.left_edge.i > clause.i:
            right = min(right, t.left_edge.i - 1)
            break
    # the day of the speaking right after the cue, hung by the parser on the content's verb before its subject
    # ("China said on Tuesday (April 19) it had signed ...", "said Monday the talks would resume"), is the cue's
    subj = next((c for c in clause.lefts if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    for child in clause.lefts:
        if subj is None or child.i > subj.i or child.left_edge.i != left or clause.head.i != left - 1:
            break
        if child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME") or child.dep_ == "prep" and any(
                t.ent_type_ in ("DATE", "TIME") for t in child.subtree) and all(
                t.ent_type_ in ("DATE", "TIME") or t.is_punct or t.i == child.i for t in child.subtree):
            left = child.right_edge.i + 1
            while left < subj.left_edge.i and (doc[left].is_punct or doc[left].ent_type_ in ("DATE", "TIME")):
                left += 1
    # a source-citing phrase the parser hung on the content ("citing people familiar with the talks,
    # that ...") is part of the frame, not of what was said
    for child in clause.lefts:
        if _frame_phrase(ctx, child) and child.left_edge.i == left:
            left = child.right_edge.i + 1
    # ... or at its end ("said prices would fall, citing a report by the central bank"), wherever the parser
    # hung it ("reported that OpenAI wants Microsoft to hold a stake, citing a person ...": on "hold")
    for t in doc[clause.i + 1:right + 1]:
        if _frame_phrase(ctx, t) and t.right_edge.i >= right - 1 and clause.is_ancestor(t) and ctx.in_quote[t.i] < 0 \
                and (t.head == clause or doc[t.left_edge.i - 1].text == ","):
            right = t.left_edge.i - 1
            break
    # ... nor the writer's comment on the whole statement, apposed to its last noun after a comma (", a move
    # set to heighten concerns among US allies": the lexicon's `event_comment` nouns)
    for t in doc[clause.i + 1:right + 1]:
        if t.dep_ == "appos" and t.right_edge.i >= right - 1 and doc[t.left_edge.i - 1].text == "," \
                and ctx.lexicon.is_word("event_comment", t.lemma_.lower()) and ctx.in_quote[t.i] < 0 \
                and any(c.dep_ in ("acl", "relcl") for c in t.children):
            right = t.left_edge.i - 2
            break
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
                                                              or that_misread_as_object(doc[left]))
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


def reduced_participle(clause: Token, lexicon: Lexicon) -> bool:
    """"he said in an interview with ICTV broadcast on Saturday", "told a news conference streamed on Rada
    TV": a past participle with no subject, auxiliary, "that" or object of its own right after a noun
    describes that noun (the interview, the conference); the parser hung it on the cue as its complement.
    (With an object it is a tensed verb whose subject the parser took for the noun: "stating Saha Airlines
    owned the plane".)"""
    doc = clause.doc
    return clause.tag_ in ("VBN", "VBD") and clause.left_edge == clause and 0 < clause.head.i < clause.i \
        and doc[clause.i - 1].pos_ in ("NOUN", "PROPN") and _occasion(doc[clause.i - 1], lexicon) \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "aux", "auxpass", "mark", "dobj")
                    for c in clause.children)


def _occasion(noun: Token, lexicon: Lexicon) -> bool:
    """A noun a participle may describe as an occasion of speaking: one inside a prepositional phrase ("in
    an interview with ICTV broadcast on Saturday") or a channel's or an interview's word ("a news conference
    streamed on Rada TV"); not the subject the parser made the cue's object ("told AFP gunmen arrived ...")."""
    if noun.dep_ == "pobj" or noun.dep_ == "compound" and noun.head.dep_ == "pobj":
        return True
    return any(lexicon.is_word(category, noun.lower_) for category in ("channel", "interview_noun", "medium", "document"))


def _first_word(clause: Token) -> int:
    """The clause's first token that is no punctuation (not the opening quotation mark)."""
    return next((t.i for t in clause.subtree if not (t.is_punct or t.is_space)), clause.i)


def content_clause(ctx: Context, cue: Token) -> Token | None:
    """The clause a cue reports: its complement to the right, or one before it ("A, he said") unless a
    semicolon stands between them ("X said A; TVN24 reported B")."""
    doc = ctx.doc
    # (a publisher credit the parser made the cue's complement is no content: "The FT reports this with
    # reference to diplomats, RBC-Ukraine writes")
    rights = [c for c in cue.rights if c.dep_ in CONTENT_DEPS and not ctx.in_credit(c) and not reduced_participle(c, ctx.lexicon)
              and not misread_name(c)]
    if rights:
        return rights[0]
    if ctx.lexicon.is_word("tell_verb", cue.lemma_):
        # "told a meeting of island leaders that few people understood ...": the parser made the
        # content a relative clause of the audience; a "that" marking a clause with its own subject
        for obj in (c for c in cue.rights if c.dep_ in ("dobj", "dative")):
            for t in obj.subtree:
                if t.dep_ in ("relcl", "acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children) \
                        and any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children):
                    return t
    for c in reversed(list(cue.lefts)):
        # (a clause whose verb alone is quoted, 'attackers were "routed" by the army', starts outside it)
        if c.dep_ in CONTENT_DEPS and (ctx.in_quote[c.i] < 0 or ctx.in_quote[_first_word(c)] < 0):
            if any(doc[k].text == ";" for k in range(c.right_edge.i + 1, cue.i)):
                return None
            return c
    return that_clause_after(ctx, cue)


def that_misread_as_object(that: Token) -> bool:
    """"told reporters at a briefing that Moscow "has taken note" of ...": the parser read "that" as the
    object of a relative clause that already has a subject and an object of its own."""
    clause = that.head
    return that.dep_ in ("dobj", "dative") and clause.dep_ in ("relcl", "acl") \
        and any(c.dep_ == "nsubj" and c != that for c in clause.children) \
        and any(c.dep_ in ("dobj", "attr") and c != that for c in clause.children)


def _that_opens_a_statement(that: Token) -> bool:
    """"said in front of 200 guests at a meeting that the party would win": after a cue with no content, a
    "that" the parser made the object of a relative clause with a subject, and an auxiliary or a copula, of
    its own opens the content ("a rally that the party organised" is a relative clause)."""
    clause = that.head
    return that.dep_ in ("dobj", "dative") and clause.dep_ in ("relcl", "acl") and clause.i > that.i \
        and any(c.dep_ == "nsubj" and c != that for c in clause.children) \
        and (clause.lemma_ == "be" or any(c.dep_ in ("aux", "auxpass") for c in clause.children))


def that_clause_after(ctx: Context, cue: Token) -> Token | None:
    """"said in a statement that supplies had not been affected", "reported, citing police sources, that
    ...": the parser hung the "that" clause on the frame (the statement, a conjunction). The clause a
    "that" opens right after the cue's frame, with a subject of its own, is the content."""
    doc = ctx.doc
    s1 = ctx.sentence(cue)[1]
    for k in range(cue.i + 1, min(s1, cue.i + 16)):
        t = doc[k]
        if ctx.in_quote[k] >= 0:
            return None
        if t.lower_ == "that" and (t.dep_ == "mark" or that_misread_as_object(t) or _that_opens_a_statement(t)):
            clause = t.head
            if clause.i > k and ctx.sent_of[clause.i] == ctx.sent_of[cue.i] \
                    and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
                return clause
            return None
        if t.pos_ in ("VERB", "AUX") and not cue_phrase(ctx.lexicon, t, "citing") \
                and not (t.tag_ == "VBG" and ctx.lexicon.is_word("speaking_verb", t.lemma_)):
            return None  # another predicate first: the "that" is not this cue's
    return None


def that_clause_or_finding(ctx: Context, cue: Token, category: str) -> bool:
    """Cues that report only with a "that" clause ("observed that ...", "knows that ..."; "observed the
    vote" reports nothing). A finding ("one study found Trump would raise taxes", "..., an analysis
    shows") and a speech cue may also drop the "that" before a finite clause, or follow their content."""
    clause = content_clause(ctx, cue)
    if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return True
    if category not in ("finding", "speech"):
        return False
    if clause is None:
        return cue.dep_ == "parataxis"
    return finite_clause(clause)


def within(char: int, phrase: Token | None) -> bool:
    """Whether a character offset falls inside ``phrase``'s subtree."""
    if phrase is None:
        return False
    doc = phrase.doc
    left, right = doc[phrase.left_edge.i], doc[phrase.right_edge.i]
    return left.idx <= char < right.idx + len(right)
