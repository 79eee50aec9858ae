"""Prepositional attribution: "According to the navy, the vessel sank", "A, according to X", "According
to the publication, citing informed sources, ...", "According to AFP, which cited sources close to ...";
any phrase of the lexicon's according_to category does the same ("per X" once a lexicon lists it), a
participle ("Reported by Reuters, ...", "Quoted by AFP, ...") where it opens the sentence.
"""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution, Hop
from app.nlp.mentions import mention_from_head
from app.nlp.rules.cues import cue_phrase
from app.nlp.rules.hops import by_hops, closing_according, document_outlet, first_nominal, possessed_by_outlet
from app.nlp.rules.roles import citing_target

_CONJUNCTIONS = ("but", "and", "while", "although", "though", "whereas", "yet")


def _quantity(tok: Token) -> bool:
    """A number, or an amount or a count ("410 euros", "$80"), as a rate's first half is."""
    return tok.like_num or tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL") \
        or any(c.dep_ == "nummod" for c in tok.children)


class AccordingTo:
    name = "according_to"

    def applies(self, ctx: Context, tok: Token) -> bool:
        # (a rate is no attribution: "5 per cent", "$80 per barrel", "12.4 lei per cubic meter")
        if not cue_phrase(ctx.lexicon, tok, "according_to") or tok.i > 0 and _quantity(ctx.doc[tok.i - 1]):
            return False
        # a participle ("reported by X", "quoted by X") frames a clause only where it opens the sentence
        # ("Reported by Reuters, the ..."): "the cases reported by the ministry" is a noun's modifier, and "as
        # reported by X" the passive's (rules/reported.py)
        return tok.tag_ != "VBN" or _opens_sentence(ctx, tok)

    def __call__(self, ctx: Context, according: Token) -> Attribution | None:
        doc = ctx.doc
        if closing_according(ctx, according) is not None:
            return None  # '"...," he said, according to 24/7 Sports': a hop of that cue's claim (hops.according_hops)
        # the phrase's last word has the source as its object: "according [to] X", "[per] X"
        to = doc[according.i + cue_phrase(ctx.lexicon, according, "according_to") - 1]
        target = next((c for c in to.children if c.dep_ == "pobj"), None)
        if target is None:
            target = first_nominal(doc, to.i + 1, min(len(doc), to.i + 8))
        if target is None:
            return None
        if cue_phrase(ctx.lexicon, according, "according_to") == 1 and target.tag_ == "NN" and not target.ent_type_ \
                and not any(c.dep_ in ("det", "poss", "compound", "amod") for c in target.children):
            return None  # (a one-word phrase before a bare noun is a rate's: "four packs per transaction")
        pp_end = max(to.right_edge.i, target.right_edge.i)
        s0, s1 = ctx.sentence(according)
        if according.i > s0 and doc[according.i - 1].text == "(" \
                and any(cue_phrase(ctx.lexicon, doc[k], "according_to") for k in range(s0, according.i - 1)):
            return None  # "According to the Air Force, ... ballistics (according to tentative data).": a hedge inside the frame
        if (clause := _clause_hung_on_source(doc, according, target)) is not None:
            pp_end = clause.left_edge.i - 2
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
        if target.pos_ == "NOUN" and ctx.lexicon.is_word("outlet_nominal", target.lemma_.lower()) \
                and pp_end + 1 < s1 and doc[pp_end + 1].ent_type_ != "PERSON" and _capitalised(doc[pp_end + 1]):
            # "according to news site Axios which ...": the parser left the outlet's name out of the phrase
            name_end = pp_end + 1
            while name_end + 1 < s1 and name_end - pp_end < 4 and _capitalised(doc[name_end + 1]):
                name_end += 1
            named = mention_from_head(doc, doc[name_end], ctx.lexicon)
            if named is not None and ctx.lexicon.looks_like_outlet(ctx.text[named.start:named.end]):
                target, pp_end = doc[name_end], name_end
        # "According to the publication, citing informed sources, ...": the citing phrase is part of the frame.
        j = pp_end + 1
        while j < s1 and doc[j].is_punct:
            j += 1
        frame_end = pp_end
        cited = None
        if j < s1 and cue_phrase(ctx.lexicon, doc[j], "citing"):
            cited = citing_target(ctx, [doc[j]])
            if cited is not None:
                frame_end = max(cited.right_edge.i, j)
        elif j < s1 and doc[j].lower_ == "which" and j + 1 < s1 and ctx.lexicon.is_word("quoting_verb", doc[j + 1].lemma_):
            # "According to AFP, which cited sources close to the investigation, ..." (not "which quoted an
            # official as saying ...": what the official is quoted as saying is a claim of its own)
            cited = first_nominal(doc, j + 2, min(s1, j + 10))
            if cited is not None and _quoted_as(doc, cited, s1):
                cited = None
            if cited is not None:
                frame_end = cited.right_edge.i
        if cited is None:
            # ... or the parser hung "which cited ..." on the outlet's name, or on the outlet of a report
            # ("according to a report in the Elaph newspaper, which cited officials ...")
            # (or on the report's date: "according to a Bloomberg report on Monday, which cited people ...")
            rel = next((c for c in target.subtree if c.dep_ == "relcl" and (
                c.head.i in (target.i, *_outlet_of_report(target)) or c.head.ent_type_ in ("DATE", "TIME"))
                and ctx.lexicon.is_word("quoting_verb", c.lemma_)), None)
            cited = next((c for c in rel.children if c.dep_ == "dobj"), None) if rel is not None else None
            if cited is not None and _quoted_as(doc, cited, s1):
                cited = None
        opener = ctx.lexicon.words["frame_opener"]
        if (before := _pointed_sentence(ctx, s0, according.i)) is not None:
            # "A. That's according to X": the pointer stands for the sentence before
            left, right = before
        elif according.i <= s0 + 1 or all(doc[k].is_punct or doc[k].lower_ in opener for k in range(s0, according.i)):
            # frame first: the content is what follows it
            left = frame_end + 1
            right = s1 - 1
            if according.i > s0:
                pre = [doc[k] for k in range(s0, according.i) if not doc[k].is_punct]
                if pre and not all(t.lower_ in opener for t in pre):
                    left = s0
        else:
            left, right = s0, according.i - 1
            rest = [doc[k] for k in range(frame_end + 1, s1) if not doc[k].is_punct and not doc[k].is_space]
            if rest and rest[0].lower_ not in _CONJUNCTIONS and rest[0].lower_ not in ("which", "who") \
                    and rest[0].tag_ != "VBG":
                # frame in the middle: the content runs round it; keep the whole clause (but "A, according to
                # the navy, but the vessel took on water": what follows the conjunction is the narration's;
                # "A, according to Axios which quoted ...": the relative clause tells of the outlet; "A,
                # according to people familiar with the matter, setting up a blockbuster deal": the
                # participle after it is the writer's comment on A)
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
        if mention.form == "document" and (om := document_outlet(ctx, target)) is not None:
            mention = om  # "according to the News.com.au report": the outlet's report
        hops: tuple[Hop, ...] = tuple(by_hops(ctx, according))
        sets_frame = mention.form in ("outlet", "nominal_outlet")
        speaker, how = mention, "speaker: the object of 'according to'"
        if (owned := possessed_by_outlet(ctx, target, mention)) is not None:
            # "According to Kommersant's sources", "according to the newspaper's interlocutor"
            hops, speaker, sets_frame = (owned[0], *hops), owned[1], False
        if cited is not None and (cm := mention_from_head(doc, cited, ctx.lexicon)) is not None:
            if mention.form in ("outlet", "nominal_outlet"):
                hops = (*hops, Hop(mention, f"hop {ctx.text[mention.start:mention.end]}: 'according to' the outlet, "
                                     "which cites the source"),)
            speaker, how = cm, "speaker: the source 'according to' cites"
        return Attribution(start, end, "according_to", "according_to", 0.85,
                           cue=(according.idx, to.idx + len(to)), cue_token=according.i, speaker=speaker,
                           hops=hops, sets_frame=sets_frame, why=("according_to: 'according to X' frames the clause", how))


def _clause_hung_on_source(doc, according: Token, target: Token) -> Token | None:
    """The framed clause the parser hung on the source after its comma, or None: "According to the
    spokesman, more than 100 rescuers are involved" with the subject apposed to "spokesman" (the verb left
    without one), or the whole clause a relative clause of it (a subject of its own, no relative pronoun)."""
    verb = according.head
    for c in target.children:
        if c.i < target.i or doc[c.left_edge.i - 1].text != ",":
            continue
        if c.dep_ == "appos" and verb.pos_ in ("VERB", "AUX") and verb.i > c.right_edge.i \
                and not any(v.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for v in verb.children):
            return c
        if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX") and any(
                v.dep_ in ("nsubj", "nsubjpass") and v.i < c.i and v.tag_ not in ("WDT", "WP", "WP$")
                for v in c.children) and not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in doc[c.left_edge.i:c.i]):
            return c
    return None


def _pointed_sentence(ctx: Context, s0: int, at: int) -> tuple[int, int] | None:
    """The first and last token of the sentence before, where all the frame's sentence has before the
    phrase is "That's" / "This is" (a pointer and its copula); None otherwise."""
    doc = ctx.doc
    words = [doc[k] for k in range(s0, at) if not doc[k].is_punct and not doc[k].is_space]
    if not (2 <= len(words) <= 3 and words[0].lower_ in ("that", "this")
            and all(t.lemma_ == "be" or t.lower_ in ("'s", "\u2019s") for t in words[1:])):
        return None
    n = ctx.sent_of[s0]
    if n == 0:
        return None
    p0, p1 = ctx.sents[n - 1]
    last = next((doc[k] for k in range(p1 - 1, p0 - 1, -1) if not doc[k].is_space), None)
    if last is None or last.text == "?" or any(
            t.is_quote or ctx.lexicon.cue_category(t.lemma_.lower()) is not None and t.pos_ in ("VERB", "AUX")
            or cue_phrase(ctx.lexicon, t, "according_to") for t in doc[p0:p1]):
        return None  # (a question asserts nothing; a sentence with a quotation or a cue of its own is attributed)
    return p0, p1 - 1


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def _quoted_as(doc, cited: Token, s1: int) -> bool:
    """The source is quoted "as saying" something right after its phrase: a claim of its own."""
    return any(doc[k].lower_ == "as" and doc[k + 1].tag_ == "VBG" for k in range(cited.i + 1, min(s1 - 1, cited.i + 4)))


def _opens_sentence(ctx: Context, tok: Token) -> bool:
    s0, _ = ctx.sentence(tok)
    return all(ctx.doc[k].is_punct or ctx.doc[k].is_space for k in range(s0, tok.i))


def _outlet_of_report(noun: Token) -> list[int]:
    """The objects of a report's "in"/"by" ("a report in the Elaph newspaper"): where a relative clause
    naming whom the report cites may hang."""
    return [o.i for p in noun.children if p.dep_ == "prep" and p.lower_ in ("in", "by", "from")
            for o in p.children if o.dep_ == "pobj"]
