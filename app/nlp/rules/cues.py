"""What a cue word is and how it is used: its category in the lexicon, and the uses that report
nothing (a denied, asked-for or imperative speech act)."""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.lexicon import Lexicon

CONTENT_DEPS = ("ccomp",)
QUOTE_CUES = {"speech", "writing", "report"}  # what can introduce a verbatim quotation
QUESTION_VERBS = {"ask", "wonder", "inquire", "query"}
TELL_VERBS = {"tell", "inform", "assure", "remind", "warn", "convince", "persuade", "notify", "brief"}
QUESTION_WORDS = {"what", "who", "whom", "whose", "which", "when", "where", "why", "how", "whether", "if"}
CITING_WORDS = ("citing", "quoting", "referring")


def cue_category(lexicon: Lexicon, tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    # (an acronym the parser took for a particle, "told UP that ...", is the addressee, not a particle)
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt" and not c.text.isupper()), None)
    if particle is not None:
        # "called off the search" is not "called"; only listed phrasal verbs ("point out") count
        return lexicon.phrasal_cues.get((lemma, particle))
    return lexicon.cue_category(lemma, particle) or next(
        (cat for c in tok.rights if c.dep_ == "prep" and (cat := lexicon.prep_cues.get((lemma, c.lower_)))), None)


def verb_cue(lexicon: Lexicon, tok: Token) -> str | None:
    """The category of a verb cue (a root with a content clause is a verb even when the tagger said
    noun: "..., UNN reports"), or None."""
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
