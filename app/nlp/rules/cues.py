"""What a cue word is and how it is used: its category in the lexicon, and the uses that report
nothing (a denied, asked-for or imperative speech act)."""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.lexicon import Lexicon

CONTENT_DEPS = ("ccomp",)
QUOTE_CUES = {"speech", "writing", "report"}  # what can introduce a verbatim quotation
QUESTION_WORDS = {"what", "who", "whom", "whose", "which", "when", "where", "why", "how", "whether", "if"}


def cue_phrase(lexicon: Lexicon, tok: Token, category: str) -> int:
    """How many words the lexicon's cue phrase of `category` ("according to", "citing", "with reference
    to") that opens at `tok` has; 0 when none opens there."""
    return lexicon.phrase_at(tok, category)


def citing_ends_at(lexicon: Lexicon, doc, i: int) -> bool:
    """A citing phrase of the lexicon ends at word `i`: "citing [X]", "with reference to [X]"."""
    return any(cue_phrase(lexicon, doc[j], "citing") == i - j + 1 for j in range(max(0, i - lexicon.max_phrase_len + 1), i + 1))


def closes_quotation(ctx: Context, cue: Token) -> bool:
    """The cue is the first word after a closed quotation (`"...," said David Brock, a confidant who heads
    ...`): it attributes that quotation, and the words after it name the speaker, whatever clause the
    parser made of them."""
    if cue.tag_ == "VBG":
        return False  # `"...," adding that ...`: the speaker's next cue, with a clause of its own
    k = cue.i - 1
    while k >= 0 and (ctx.doc[k].is_punct or ctx.doc[k].is_space) and ctx.in_quote[k] < 0:
        k -= 1
    if k < 0 or ctx.in_quote[k] < 0 or k == cue.i - 1:
        return False
    q = ctx.quotes[ctx.in_quote[k]]
    # ("“Dzhokhar” told RFE/RL": a quoted nickname is the speaker; a quotation its attribution closes
    # ends with a comma, a question or an exclamation mark)
    return q.close_mark is not None and q.close_mark < cue.idx \
        and any(ch in ",?!" for ch in ctx.text[q.end - 1:cue.idx])


def quoting_verb(verb: Token, lexicon: Lexicon) -> bool:
    """A verb that quotes someone "as saying": the lexicon's quoting verbs ("quoted", "cited"), and a verb
    of reporting ("the newspaper reported Lopez as saying", "relayed him as saying")."""
    return lexicon.is_word("quoting_verb", verb.lemma_) or verb.pos_ == "VERB" \
        and lexicon.cue_category(verb.lemma_.lower()) == "report"


def question_verb(lexicon: Lexicon, tok: Token) -> bool:
    """A verb that asks ("asked", "wondered"): what it introduces asserts nothing."""
    return lexicon.is_word("question_verb", tok.lemma_)


def cue_category(lexicon: Lexicon, tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    # (an acronym the parser took for a particle, "told UP that ...", is the addressee, not a particle)
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt" and not c.text.isupper()), None)
    if particle is not None:
        # "called off the search" is not "called"; only listed phrasal verbs ("point out") count
        return lexicon.phrasal_cues.get((lemma, particle))
    return lexicon.cue_category(lemma, particle) or next(
        (cat for c in tok.rights if c.dep_ == "prep" and (cat := lexicon.prep_cues.get((lemma, c.lower_)))), None)


def adjective_cue(lexicon: Lexicon, tok: Token) -> str | None:
    """The category of an adjective cue after a copula ("Party leaders are concerned that ...", "were more
    optimistic that ..."): the subject holds the belief its clause states. An adjective describing a noun
    ("a confident player") or standing alone reports nothing."""
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.head != tok and not any(
            c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in tok.head.children):
        # ("It is certain that ...": "it" holds no belief; "the firm said it was sure that" is the firm's
        # claim as a whole)
        return lexicon.adjective_category(tok.lemma_.lower())
    return None


def verb_cue(lexicon: Lexicon, tok: Token) -> str | None:
    """The category of a verb cue (a root with a content clause is a verb even when the tagger said
    noun: "..., UNN reports"), or of an adjective cue after a copula, or None."""
    if tok.pos_ == "ADJ":
        return adjective_cue(lexicon, tok)
    if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in tok.children):
        return cue_category(lexicon, tok)
    return None


def prep_content(lexicon: Lexicon, cue: Token) -> Token | None:
    """The prepositional phrase that carries what was said: "called for [a moratorium]"."""
    lemma = cue.lemma_.lower()
    return next((c for c in cue.rights if c.dep_ == "prep" and (lemma, c.lower_) in lexicon.prep_cues
                 and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)


def negated(cue: Token) -> bool:
    """"did not say", "never confirmed", "don't tell anyone", "neither confirmed nor denied": a denied
    speech act reports nothing."""
    if any(c.dep_ == "neg" or c.lower_ in ("never", "neither") for c in cue.children):
        return True
    if cue.i > 0 and cue.doc[cue.i - 1].lower_ == "nor":
        return True
    if cue.dep_ == "acomp" and any(c.dep_ == "neg" for c in cue.head.children):
        return True  # "were not convinced that ...": the negation stands on the copula
    return cue.dep_ == "conj" and any(c.lower_ == "neither" for c in cue.head.children)


def infinitive(cue: Token) -> bool:
    """"mandating priests to report cases": a speech act asked for, not one that happened."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)


def infinitive_only(cue: Token) -> bool:
    """The cue's only complement is an infinitive ("asked not to be named", "spoke on condition of ...")."""
    return not any(c.dep_ in ("ccomp", "dobj") for c in cue.children)


def imperative(ctx: Context, cue: Token) -> bool:
    """A bare verb opening its sentence with no subject: "Recall that ...", "Note that ..."."""
    s0 = ctx.sentence(cue)[0]
    first = next((t for t in ctx.doc[s0:cue.i + 1] if not (t.is_punct or t.is_space)), None)
    return first == cue and cue.tag_ in ("VB", "VBP") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)


def finite_clause(clause: Token) -> bool:
    """A clause with its own subject and a tensed verb ("Trump would raise taxes"), not a small clause
    ("showed Clinton with a lead") or an object ("found the body")."""
    verbs = [clause] + [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children) \
        and any(v.tag_ in ("VBD", "VBZ", "VBP", "MD") for v in verbs)
