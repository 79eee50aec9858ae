"""Content the parse gives as no clause.

- ObjectContent: "X called the plan a disaster", "X denied any wrongdoing", "X urged Congress to act",
  "called for a moratorium": what was said is carried by the verb's object and complements; the span
  keeps the cue, as the guidelines do for content that is only a noun phrase.
- DocumentFinding: "A CNN poll showed Mr. Trump with a 16-point lead", "one study found improvements in
  math scores": a poll, study or report states its finding as an object with what is said of it (a small
  clause, no tensed verb); the finding is the document's claim. Only a document speaks so: "Police found
  the body" and "Photographs showed the aircraft ..." report nothing.
- MisparsedContent: "Brudziński said Adamowicz required resuscitation": the parser made the reported
  clause a noun phrase; when what follows the cue (to its clause's end) holds a tensed verb, it is the
  content.
"""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution
from app.nlp.mentions import DEMONSTRATIVES
from app.nlp.rules.content import contrast_clause, reduced_participle
from app.nlp.rules.cues import cue_category, negated, prep_content
from app.nlp.rules.reported import candidate_verb, no_clause, read_clause
from app.nlp.rules.roles import quoting_as_saying, speaker_and_hops
from app.nlp.rules.subjects import subject


def _object_cue(ctx: Context, cue: Token) -> bool:
    return cue.lemma_.lower() in ctx.lexicon.object_cues or prep_content(ctx.lexicon, cue) is not None


def _object_end(ctx: Context, cue: Token) -> int | None:
    """The last word of what the cue's object and complements say, or None when that is next to nothing
    (under two words) or too long to be one statement."""
    doc = ctx.doc
    # what follows the object in the cue's clause belongs to what was said ("expects rising costs, as
    # suppliers try to meet demand, and fewer specials"), up to a semicolon
    # ... but not into a coordinated clause of its own ("denied X, but later claimed Y")
    # ... nor into a contrasting clause with its own subject ("called it X, while ALDI called it Y")
    kept = [c for c in cue.rights if c.dep_ not in ("conj", "cc", "punct")]
    stop = next((c.i for c in cue.rights if c.dep_ in ("conj", "cc") or c.dep_ == "advcl" and contrast_clause(c)), len(doc))
    right = max((c.right_edge.i for c in kept if c.i < stop), default=cue.i)
    semi = next((k for k in range(cue.i + 1, right + 1) if doc[k].text == ";"), None)
    if semi is not None:
        right = semi - 1
    # ... nor into a relative clause that reports a claim of its own ("accused the TPLF of hindering aid
    # to Tigray, where the United Nations has said ...")
    right = min([right] + [t.left_edge.i - 1 for t in doc[cue.i + 1:right + 1] if t.dep_ == "relcl"
                           and cue_category(ctx.lexicon, t) and any(c.dep_ == "nsubj" for c in t.children)])
    while right > cue.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right - cue.i < 2 or right - cue.i > 60:
        return None
    return right


def _names_the_noun_before(ctx: Context, cue: Token) -> bool:
    """"has fallen back into recession, called a double-dip": a naming verb right after a noun and its
    comma, with no subject nor object of its own, gives the noun a name (the parser may coordinate it with
    the verb before; "slammed the proposal, called it a disgrace" has an object: a claim); nobody says anything."""
    doc = ctx.doc
    return ctx.lexicon.is_word("naming_verb", cue.lemma_.lower()) and cue.i >= 2 and doc[cue.i - 1].text == "," \
        and doc[cue.i - 2].pos_ in ("NOUN", "PROPN") and cue.tag_ in ("VBD", "VBN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in cue.children)


class ObjectContent:
    name = "object"

    def applies(self, ctx: Context, tok: Token) -> bool:
        # ("a soldier defending the area": a participle describing a noun reports nothing; "Asked to comment
        # on the talks, she said ...", "X was urged to resign": a passive's subject was asked, said nothing;
        # with its agent the agent speaks: "X were reported by local media to have visited ...")
        return _object_cue(ctx, tok) and not (tok.dep_ == "acl" and tok.tag_ in ("VBG", "VBN")) \
            and not (tok.tag_ == "VBN" and (tok.dep_ == "advcl" or any(c.dep_ == "auxpass" for c in tok.children))
                     and not any(c.dep_ == "agent" for c in tok.children)) \
            and not _names_the_noun_before(ctx, tok) \
            and quoting_as_saying(tok, ctx.lexicon) is None \
            and no_clause(ctx, tok) is not None

    def __call__(self, ctx: Context, cue: Token) -> Attribution | None:
        doc = ctx.doc
        parts = [c for c in cue.rights if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "dative")]
        if not parts and (prep := prep_content(ctx.lexicon, cue)) is not None:
            parts = [prep]  # "called for a moratorium on charter schools"
        if not parts or ctx.in_quote[parts[0].i] >= 0 and ctx.in_quote[cue.i] < 0 and parts[0].i == cue.i + 2:
            return None
        right = _object_end(ctx, cue)
        if right is None:
            return None
        addressed = next((g for g in parts[0].children if g.dep_ == "pobj"), None) if parts[0].dep_ == "prep" else None
        if addressed is not None and _a_person(ctx, addressed) \
                and not any(t.pos_ in ("VERB", "AUX") for t in doc[cue.i + 1:right + 1]):
            return None  # "called on the Prime Minister early this morning": a visit to a person, nothing said
        obj = parts[0]
        if obj.lower_ in DEMONSTRATIVES or obj.pos_ == "PRON" and right - cue.i < 3:
            return None
        if ctx.lexicon.is_word("deed_object", obj.lower_):
            return None  # "claimed the lives of four officials", "attacking military bases": a deed
        if any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in obj.children) and obj.right_edge.i - obj.i < 2 \
                and not any(c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i for c in cue.rights):
            return None  # "announced this change": what was said stands elsewhere (not "called those reports X")
        s0, s1 = ctx.sentence(cue)
        speaker, hops, agentless, sets_frame, how = speaker_and_hops(ctx, cue, doc[s0:s1])
        if speaker is None:
            return None
        start, end = cue.idx, doc[right].idx + len(doc[right])
        return Attribution(start, end, "indirect", "object", 0.55, cue=(cue.idx, cue.idx + len(cue)),
                           cue_token=cue.i, speaker=speaker, hops=tuple(hops), sets_frame=sets_frame,
                           why=(f"object: cue '{cue.text}' with what was said as its object", how))


def _a_person(ctx: Context, noun: Token) -> bool:
    """The noun names a person: a name, or a title ("the Prime Minister", "Prime Minister Oli")."""
    return noun.ent_type_ == "PERSON" or ctx.lexicon.is_word("title", noun.lower_) \
        or any(t.i < noun.i and t.dep_ == "compound" and ctx.lexicon.is_word("title", t.lower_) for t in noun.subtree)


def _closes(doc, cue: Token) -> bool:
    """The cue closes an attribution: its subject stands after a comma, the content before it ("A, the
    sources said, ...")."""
    subj = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    return subj is not None and subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == ","


class MisparsedContent:
    name = "misparsed"

    def applies(self, ctx: Context, tok: Token) -> bool:
        category = no_clause(ctx, tok)
        return category in ("speech", "report", "writing") and not _object_cue(ctx, tok)

    def __call__(self, ctx: Context, cue: Token) -> Attribution | None:
        doc = ctx.doc
        if ctx.lexicon.is_word("quoting_verb", cue.lemma_) and any(
                c.dep_ == "dobj" and any(g.dep_ == "acl" and g.tag_ == "VBG" and cue_category(ctx.lexicon, g) == "speech"
                                         for g in c.children) for c in cue.children):
            return None  # "cited unnamed sources saying ...": the participle's claim, whom it quotes speaking
        right = cue.right_edge.i
        after = doc[right + 1] if right + 1 < len(doc) else None
        if after is not None and after.tag_ in ("VBD", "VBZ", "VBP", "MD") and after.dep_ in ("advcl", "conj") \
                and after.head.i < cue.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in after.children):
            # "released a statement saying an attack on the base produced no casualties": the parser gave the
            # clause's verb to the verb before the cue; the subject it lacks is what the cue's words began
            right = after.right_edge.i
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
        if recipient is not None and ctx.lexicon.is_word("tell_verb", cue.lemma_):
            # "told the publication that Kyiv had not seen it": the parser made the clause a relative one
            first = recipient.i + 1
            if first <= right and doc[first].lower_ == "that":
                first += 1
        if right - first < 2 or doc[first].lower_ in ("to", "in", "on", "at", "during", "after", "before", "of", "by", "with"):
            return None
        day = first
        while day < right and (doc[day].ent_type_ in ("DATE", "TIME") or day > first and doc[day].text == ","):
            day += 1  # (the day, and a comma after it: "said Monday, while the jury was still out")
        if day > first and doc[day].pos_ in ("ADP", "SCONJ"):
            # '"...," X said Friday after the restraining order was issued': when, not what; what follows a
            # "that" after it is ("said Friday after the hearing that she feared for her life")
            # (a "that" whose clause has a subject of its own: not "after the hearing that lasted hours")
            that = next((k for k in range(day + 1, right) if doc[k].lower_ == "that"
                         and doc[k + 1].pos_ in ("PRON", "NOUN", "PROPN", "DET", "NUM", "ADJ")), None)
            if that is None:
                return None
            first = that + 1
        if doc[first].text == "," and (doc[first + 1].tag_ == "VBG" or doc[first + 1].pos_ == "ADP" and _closes(doc, cue)):
            # '"...," she said, referring to the trucks that ...': a participle clause, no content; "A, the
            # sources said, in an area where armed groups move ...": the narrated sentence goes on after its cue
            return None
        # a tensed verb: "so-called" or "announced plans" (VBN) make no clause
        # ... or a past participle with a subject of its own, a past tense the tagger misread ("said the cyber
        # attack affected parts of ...")
        # ... or, after an explicit "that", any past form: "adding that the first officers to arrive
        # witnessed employees scrambling" (the parser made "witnessed" a modifier of the noun after it)
        opened = doc[first].lower_ == "that" and doc[first].dep_ == "mark"
        verbs = [t for t in doc[first:right + 1] if t.pos_ in ("VERB", "AUX") and (
            t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.tag_ == "VBN" and (opened or any(c.dep_ == "nsubj" for c in t.children)))
            and not reduced_participle(t, ctx.lexicon)]  # ("told a news conference streamed on Rada TV": the conference's)
        if not verbs or any(c.dep_ in ("dobj",) and c.i == first and c.pos_ == "PRON" for c in cue.children):
            return None
        if any(cue_category(ctx.lexicon, v) in ("speech", "report", "writing") for v in verbs):
            return None  # "who co-wrote the bill, told Politico": the tensed verb is an attribution of its own
        s0, s1 = ctx.sentence(cue)
        start, end = doc[first + 1 if opened else first].idx, doc[right].idx + len(doc[right])
        speaker, hops, agentless, sets_frame, how = speaker_and_hops(ctx, cue, doc[s0:s1], content=(start, end))
        if speaker is None or start <= speaker.start < end:
            # `..." said Victor Cha, who served as Asia director`: what follows the cue is the speaker
            return None
        return Attribution(start, end, "indirect", "misparsed", 0.5, cue=(cue.idx, cue.idx + len(cue)),
                           cue_token=cue.i, speaker=speaker, hops=tuple(hops), sets_frame=sets_frame,
                           why=(f"misparsed: the words after cue '{cue.text}' hold a tensed verb", how))


class DocumentFinding:
    name = "finding"

    def applies(self, ctx: Context, tok: Token) -> bool:
        if candidate_verb(ctx, tok) != "finding" or negated(tok) or read_clause(ctx, tok).clause is not None:
            return False
        subj = subject(tok, ctx.lexicon)[0]
        return subj is not None and ctx.lexicon.is_word("document", subj.lemma_.lower()) \
            and any(c.dep_ == "dobj" for c in tok.rights)

    def __call__(self, ctx: Context, cue: Token) -> Attribution | None:
        doc = ctx.doc
        obj = next(c for c in cue.rights if c.dep_ == "dobj")
        if ctx.in_quote[obj.i] >= 0 or obj.lower_ in DEMONSTRATIVES or obj.pos_ == "PRON":
            return None  # ("the poll showed this", "found it"): what was found stands elsewhere
        right = _object_end(ctx, cue)
        if right is None:
            return None
        s0, s1 = ctx.sentence(cue)
        start, end = doc[obj.left_edge.i].idx, doc[right].idx + len(doc[right])
        speaker, hops, agentless, sets_frame, how = speaker_and_hops(ctx, cue, doc[s0:s1], content=(start, end))
        if speaker is None or speaker.form != "document":
            return None
        return Attribution(start, end, "indirect", "finding", 0.55, cue=(cue.idx, cue.idx + len(cue)),
                           cue_token=cue.i, speaker=speaker, hops=tuple(hops), sets_frame=sets_frame,
                           why=(f"finding: cue '{cue.text}' with what a document found as its object", how))
