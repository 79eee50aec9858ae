"""Reported speech: a cue verb and the clause it reports.

"Olena Marchenko told Reuters that the corridor would stay open", "The plan, he said, will fail",
"As Zelensky noted, the situation remains difficult", "A, but only if B, the deputy minister told
reporters", "Bloomberg reported, citing people familiar with the talks, that ...".
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution, Mention
from app.nlp.lexicon import Lexicon
from app.nlp.mentions import DEMONSTRATIVES, after_dateline, mention_from_head
from app.nlp.rules.credit import closing_credit
from app.nlp.rules.content import content_clause, content_span, that_clause_or_finding, within
from app.nlp.rules.cues import (QUESTION_WORDS, closes_quotation, cue_category, cue_phrase, imperative, infinitive,
                                question_verb,
                                infinitive_only, negated, verb_cue)
from app.nlp.rules.hops import REPORTS_CITING, hop, outlet_mention, recipient_hops
from app.nlp.rules.wire_credits import AGENCY_CREDIT_CHARS
from app.nlp.rules.roles import CITED, citing_target, quoting_as_saying, speaker_and_hops, told_us
from app.nlp.rules.subjects import agent, apposition_before_cue, closing_apposition


def reportable(ctx: Context, cue: Token, category: str) -> bool:
    """The cue reports something here: not denied, not an aside to the reader, not how a source spoke."""
    lemma = cue.lemma_.lower()
    if negated(cue):
        return False
    if lemma in ctx.lexicon.that_cues and not that_clause_or_finding(ctx, cue, category) \
            and not (category in ("finding", "speech") and _closing_participle(ctx, cue) is not None):
        return False  # (but "A, a Reuters survey found on Tuesday.", the closing cue read as a participle)
    if imperative(ctx, cue):
        return False  # "Recall that in October the EU adopted ...", "Note that ...": the outlet's own aside
    if cue.head != cue and question_verb(ctx.lexicon, cue.head) \
            and any(c.dep_ == "mark" and c.lower_ in QUESTION_WORDS for c in cue.children):
        return False  # "Asked by CNN if he believes that ...": what was asked, not what was said
    if cue.dep_ == "acl" and cue.tag_ == "VB" and cue.head.pos_ == "NOUN" \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children) \
            and not any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                        for c in cue.children):
        # "NATO's decision to declare Moscow an enemy ...": an intended act, not a statement (but "took the
        # opportunity to stress that ...": a content clause of its own)
        return False
    if cue.dep_ == "relcl" and ctx.lexicon.is_word("anonymity_verb", lemma) and infinitive_only(cue):
        return False  # "an official, who asked not to be named, said ...": how the source spoke, not what
    if (saying := quoting_as_saying(cue, ctx.lexicon)) is not None and _says_more(ctx, saying):
        return False  # "quoted the minister as saying ...": the claim is the "saying" cue's
    if ctx.lexicon.is_word("continuation_verb", lemma) and cue.tag_ == "VBG" \
            and any(c.dep_ == "aux" and c.lemma_ == "be" for c in cue.children):
        return False  # "said that the fighting was continuing and that ...": goes on, says nothing
    return True


def _says_more(ctx: Context, saying: Token) -> bool:
    """The "saying" of "quoted X as saying" has content of its own: a clause ("as saying that ...") or a
    quotation after it ('as saying: "..."'); not "as saying early on Friday", closing the content before."""
    doc = ctx.doc
    if any(c.dep_ in ("ccomp", "parataxis", "dobj", "xcomp") and c.i > saying.i for c in saying.children):
        return True
    k = saying.i + 1
    while k < len(doc) and (doc[k].is_punct and ctx.in_quote[k] < 0 or doc[k].is_space):
        k += 1
    return k < len(doc) and ctx.in_quote[k] >= 0 and ctx.sent_of[k] == ctx.sent_of[saying.i]


@dataclass(frozen=True)
class ClauseReading:
    clause: Token | None
    exclude: Token | None = None  # the parenthetical cue inside its clause
    trailing: tuple[int, int] | None = None  # token range of the content before a closing attribution
    how: str = "reported"  # reported | parenthetical
    credit: Token | None = None  # the page's credit cue the closing attribution is hung on
    speaker: Token | None = None  # the speaker's head where the parse gave the cue no subject


def read_clause(ctx: Context, cue: Token) -> ClauseReading:
    """Where the cue's content clause is, however the parser attached it."""
    doc = ctx.doc
    if (inverted := _content_is_head(ctx, cue)) is not None:
        return inverted
    clause = content_clause(ctx, cue)
    if clause is not None and _head_reported_by(ctx, cue, clause):
        return ClauseReading(None)  # the clause is the cue that reports this one (see _content_is_head)
    if clause is not None and cue.dep_ == "relcl" and clause.i > cue.i and clause.left_edge.i < cue.i:
        # "fires at a plant and an oil field, which state media said were under control": the relative
        # pronoun, moved before the cue, is the reported clause's subject and stands for the noun it
        # follows; what was said is that noun phrase (all its conjuncts) with the clause, the cue inside
        # it as in "The plan, he said, will fail"
        noun = cue.head
        while noun.dep_ == "conj" and noun.head != noun:
            noun = noun.head
        return ClauseReading(clause, cue, trailing=(noun.left_edge.i, clause.right_edge.i), how="parenthetical")
    if clause is not None:
        return ClauseReading(clause)
    if cue.dep_ == "ccomp" and cue.head.i < cue.i and cue.head.pos_ in ("VERB", "AUX") and ctx.in_quote[cue.i] < 0 \
            and (subj := next((c for c in cue.lefts if c.dep_ == "nsubj"), None)) is not None and subj.i > cue.head.i \
            and (speaker := apposition_before_cue(subj, cue)) != subj:
        # "The United States imposed sanctions on Zarif, the Treasury's Office of Foreign Assets Control said":
        # the parser hung the closing cue on the verb it reports, with the speaker apposed inside that clause
        s0 = after_dateline(doc, ctx.sentence(cue)[0])
        return ClauseReading(cue.head, trailing=(s0, speaker.left_edge.i - 2), how="parenthetical")
    if cue.dep_ in ("parataxis",) and cue.head.pos_ in ("VERB", "AUX") and cue.head != cue \
            and not (ctx.in_quote[cue.head.i] >= 0 > ctx.in_quote[cue.i]):
        # (a head inside a quotation that the cue introduces, `he said, "It happened ..."`, is the
        # quotation's, found by the quotation rules)
        return ClauseReading(cue.head, cue, how="parenthetical")
    if cue.dep_ == "parataxis" and cue.head != cue and ctx.in_credit(cue.head) and not ctx.in_credit(cue):
        # "A, Nematzadeh added, Trend reports referring to Tasnim.": the page's own credit closes the
        # sentence, and the parser hung the attribution on it
        subj = next((c for c in cue.lefts if c.dep_ == "nsubj"), None)
        s0, s1 = ctx.sentence(cue)
        first = subj.left_edge.i if subj is not None else -1
        root = next((t for t in doc[s0:s1] if t.dep_ == "ROOT"), None)
        if subj is not None and root is not None and first > s0 + 2 and doc[first - 1].text == "," \
                and ctx.in_quote[first - 2] < 0 and not doc[first - 2].is_quote:
            return ClauseReading(root, trailing=(s0, first - 1), how="parenthetical", credit=cue.head)
    if cue.dep_ == "advcl" and cue.head != cue and cue.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
            and not any(c.dep_ in ("dobj", "ccomp") for c in cue.children):
        if cue.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) \
                and cue_category(ctx.lexicon, cue.head) is not None:
            # '"...," Dastagir has added, as posted via his Twitter profile': a reduced "as" clause on
            # another cue says where that cue's words appeared; it says nothing of its own
            return ClauseReading(None)
        # "As Zelensky noted, the situation remains difficult", "..., as the commander stated on air"
        # (with an object of its own the "as" is a time's: "X is battling an outbreak as officials
        # confirmed 10,000 cases")
        return ClauseReading(cue.head, cue, how="parenthetical")
    if (closing := _closing_participle(ctx, cue)) is not None:
        return closing
    # ("Dhaka: A, police said": the parser may also hang the cue on the dateline's place as a parataxis)
    on_place = cue.dep_ == "parataxis" and cue.head.i + 1 < len(doc) and doc[cue.head.i + 1].text == ":"
    # (also coordinated with a clause of that sentence: "A, so that it not only B, but C, X said")
    if (cue.dep_ == "conj" and "ROOT" in (cue.head.dep_, cue.head.head.dep_) or cue.dep_ == "advcl" or cue.dep_ == "ROOT"
            or on_place) \
            and cue.head.i <= cue.i and not any(c.dep_ in ("cc", "mark") for c in cue.children):
        # "A, but only if B, Deputy Minister Pavel Ostrovsky told reporters.", "A, the business daily
        # Kommersant reported": the parser coordinated the closing attribution with the sentence it
        # closes, hung it on that sentence, or made it a second root (with two subjects, "NATO's decision
        # to ... is raising tensions, Secretary ... Patrushev said", the speaker is the one nearer the cue)
        subj = next((c for c in reversed(list(cue.lefts)) if c.dep_ == "nsubj"), None) or closing_apposition(cue)
        s0 = ctx.sentence(cue)[0]
        first = subj.left_edge.i if subj is not None else -1
        if first == s0 and s0 > 0 and doc[s0 - 1].text == ",":
            s0 = ctx.sents[ctx.sent_of[s0 - 1]][0]  # the parser ended a "sentence" at the comma before the name
        elif cue.dep_ == "ROOT" or on_place:
            # a root cue with its content in its own sentence is the quotation rules' business (but "Dhaka:
            # A, police said": the parser hung A on the colon dateline's place)
            line0 = max([k + 1 for k in range(s0, first) if "\n" in doc[k].text_with_ws] + [s0])  # (after a caption)
            if (colon := _colon_place(doc, line0)) is not None:
                s0 = line0 + colon + 1
            elif sum(c.dep_ == "nsubj" for c in cue.lefts) > 1:
                s0 = line0  # the parser made the content's subject the cue's too: the content is before it
            else:
                s0 = first
        s0 = after_dateline(doc, s0)
        if subj is not None and first > s0 + 2 and doc[first - 1].text == "," and ctx.in_quote[first - 2] < 0 \
                and not doc[first - 2].is_quote:
            return ClauseReading(cue.head, trailing=(s0, first - 1), how="parenthetical")
        if subj is None and cue.dep_ != "ROOT" and (after := inverted_subject(cue, ctx.lexicon)) is not None \
                and cue.i - 1 > s0 + 3 and doc[cue.i - 1].text == "," and ctx.in_quote[cue.i - 2] < 0 \
                and not doc[cue.i - 2].is_quote:
            # "A, said Housing Minister Reezal Merican.", "A, charged Sidya Toure, an opposition
            # politician": the closing attribution inverted, its speaker after the cue
            return ClauseReading(cue.head, trailing=(s0, cue.i - 1), how="parenthetical")
    # "Bloomberg reported, citing people familiar with the talks, that ...": the parser may hang the
    # content clause on "citing"
    for child in cue.children:
        if cue_phrase(ctx.lexicon, child, "citing"):
            clause = next((g for g in child.subtree if g.dep_ == "ccomp" and g.i > child.i), None)
            if clause is not None:
                return ClauseReading(clause)
    return ClauseReading(None)


def _content_is_head(ctx: Context, cue: Token) -> ClauseReading | None:
    """"Meanwhile, Rzeczpospolita reports, citing sources ..., that the government is considering ...":
    the parser made the cue a clause of the verb its "that" clause reports; the content runs from after
    "that" to that verb's end."""
    head = cue.head
    if cue.dep_ != "ccomp" or head.i <= cue.i or not any(c.dep_ == "nsubj" for c in cue.children):
        return None
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that" and cue.i < c.i < head.i), None)
    if mark is None or ctx.in_quote[mark.i] >= 0:
        return None
    return ClauseReading(head, trailing=(mark.i + 1, head.right_edge.i))


def _head_reported_by(ctx: Context, cue: Token, clause: Token) -> bool:
    """The cue's "content clause" stands before it and is the cue that reports the cue's own clause."""
    return clause.i < cue.i and _content_is_head(ctx, clause) is not None and clause.head == cue


def inverted_subject(cue: Token, lexicon: Lexicon | None = None) -> Token | None:
    """The speaker after a closing cue ("..., said X", "..., charged X, a ..."): the cue's subject to its
    right, or a name the parser made its object where nothing but an apposition follows ("..., reported
    Berita Harian."; with the lexicon, also unnamed outlets: "..., reported Malaysian media.")."""
    right = next((c for c in cue.rights if c.dep_ in ("nsubj", "nsubjpass")), None)
    if right is not None:
        return right
    obj = next((c for c in cue.rights if c.dep_ in ("dobj", "dative")), None)
    if obj is None:
        return None
    named = obj.pos_ == "PROPN" and obj.ent_type_ in ("PERSON", "ORG", "") or lexicon is not None \
        and obj.pos_ == "NOUN" and any(lexicon.is_word("outlet_nominal", w) for w in (obj.lemma_.lower(), obj.lower_))
    if named and obj.i <= cue.i + 4 \
            and cue.tag_ == "VBD" and doc_next_is_boundary(obj) \
            and not any(c.dep_ in ("prep", "ccomp", "xcomp") for c in cue.rights):
        return obj
    return None


def doc_next_is_boundary(tok: Token) -> bool:
    """Nothing but an apposition or the sentence's end follows the phrase: "..., charged Sidya Toure, an
    opposition politician ..." (not "charged Toure with fraud")."""
    nxt = tok.i + 1
    return nxt >= len(tok.doc) or tok.doc[nxt].text in (",", ".", ";") or tok.doc[nxt].is_space


def candidate_verb(ctx: Context, tok: Token) -> str | None:
    """The category of a verb cue that can report a claim of its own; "citing X" names a source, part
    of another claim's frame. (Memoised per token: several rules ask of every word.)"""
    key = ("candidate_verb", tok.i)
    if key in ctx.cache:
        return ctx.cache[key]
    cat = verb_cue(ctx.lexicon, tok)
    if cat is None or cat == "citing" or cue_phrase(ctx.lexicon, tok, "citing"):
        cat = None
    ctx.cache[key] = cat
    return cat


class ReportedSpeech:
    name = "reported"

    def applies(self, ctx: Context, tok: Token) -> bool:
        return candidate_verb(ctx, tok) is not None

    def __call__(self, ctx: Context, cue: Token) -> Attribution | None:
        category = candidate_verb(ctx, cue)
        if not reportable(ctx, cue, category):
            return None
        if (ctx.in_credit(cue) or _agency_after(ctx, cue)) and _closes_an_attribution(ctx, cue):
            return None  # the claim is the speech cue's (read_clause, the credit's cue as its head)
        reading = read_clause(ctx, cue)
        clause = reading.clause
        if clause is None or clause.lower_ in DEMONSTRATIVES:
            return None
        if clause == told_us(ctx, cue):
            return None  # "X said an official told them": no content (the quotation before it is the official's)
        if clause.i > cue.i and (credit := closing_credit(ctx, *ctx.sentence(cue))) is not None and clause == credit[1] \
                and any(c.dep_ == "dobj" and c.lower_ in DEMONSTRATIVES for c in cue.children):
            return None  # "X announced this on Telegram, Ukrinform reports": the credit's verb is no content (anaphoric)
        if clause.i > cue.i and reading.trailing is None and closes_quotation(ctx, cue):
            return None  # `"...," said David Brock, a confidant who heads ...`: the quotation rules' claim
        if reading.exclude is not None and _relays_another_cue(ctx, cue, clause):
            return None
        doc = ctx.doc
        if cue_category(ctx.lexicon, clause) and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in DEMONSTRATIVES
                or c.dep_ == "dobj" and c.lower_ in DEMONSTRATIVES and c.tag_ == "DT" for c in clause.children):
            # "This is reported by Axios with reference to officials, reports UNN", "He said this in an
            # interview with AFP, Ukrinform reports": the content is itself a frame pointing back at what was
            # said (the anaphoric cue's claim, the interview it names), not a claim of its own
            return None
        if question_verb(ctx.lexicon, cue) and doc[clause.left_edge.i].lower_ in QUESTION_WORDS:
            return None  # "asked readers what they thought": a question asserts nothing
        if doc[clause.left_edge.i].lower_ == "whether" and clause.i > cue.i:
            return None  # "called into question whether X can ...": an open question asserts nothing either
        if reading.how == "reported" and clause.i > cue.i + 1 and clause.left_edge.i == clause.i \
                and clause.tag_ in ("VBD", "VBZ", "VBP") and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children) \
                and not any(c.dep_ in ("dobj", "dative") and c.right_edge.i == clause.i - 1 for c in cue.children):
            # "warned of the camps as Rohingya Muslims fleeing Myanmar edged towards half a million": a tensed
            # verb with no subject of its own, after a phrase of another verb, is no clause the cue reports
            # (but "remarked toilet paper is a bulky item": the subject the parser made the cue's object)
            return None
        span = content_span(ctx, clause, reading.exclude) if reading.trailing is None \
            else ctx.token_span(*reading.trailing)
        if span is not None and reading.trailing is None and clause.i < cue.i:
            span = _whole_sentence_before(ctx, cue, clause, span)
        if span is None:
            return None
        start, end = span
        if len(ctx.text[start:end].split()) < 2:
            return None
        s0, s1 = ctx.sentence(cue)
        # in "As reported by the press service, ..." the cue's own agent is the speaker, never the subject
        # of the clause it frames
        # "A, said X" / "A, reported Berita Harian": the speaker named after a cue that closes its content
        closing = reading.trailing is not None or clause.i < cue.i and not any(c.dep_ == "nsubj" for c in cue.lefts)
        after = inverted_subject(cue, ctx.lexicon) if closing else None
        inverted = reading.trailing is not None and after is not None
        # ("A, Bloomberg quoted people familiar with the matter as saying.": whom it quotes speaks)
        speaker, hops, agentless, sets_frame, how = speaker_and_hops(
            ctx, quoting_as_saying(cue, ctx.lexicon) or cue, doc[s0:s1],
            climb=reading.exclude is None and not inverted, content=(start, end))
        if reading.speaker is not None and speaker is None:
            # (the phrase the parser hung the cue inside: "..., a Senate aide familiar with negotiations confirmed")
            speaker = mention_from_head(doc, reading.speaker, ctx.lexicon)
            if speaker is not None and speaker.end > cue.idx:
                speaker = Mention(speaker.start, doc[cue.i - 1].idx + len(doc[cue.i - 1]), speaker.head, speaker.form,
                                  speaker.descriptors)
            how = "speaker: the phrase that closes the sentence before the cue"
        elif speaker is None and after is not None:
            speaker, how = mention_from_head(doc, after, ctx.lexicon), "speaker: named after the closing cue"
        elif after is not None and how == CITED and (om := mention_from_head(doc, after, ctx.lexicon)) is not None:
            # "A, reported Astro Awani, quoting the disaster team": the team speaks, the outlet relays
            hops, sets_frame = [*hops, hop(ctx, om, REPORTS_CITING)], True
        if reading.credit is not None and (cited := citing_target(ctx, list(reading.credit.subtree))) is not None \
                and (cm := mention_from_head(doc, cited, ctx.lexicon)) is not None:
            # what the page's credit cites is a hop of the claim it closes, and frames what follows; the
            # speaker is the cue's own subject (not the source the credit cites)
            hops, sets_frame = [*recipient_hops(ctx, cue), hop(ctx, cm, "the page's credit cites it")], True
            if (subj := next((c for c in cue.lefts if c.dep_ == "nsubj"), None)) is not None:
                speaker, how, agentless = mention_from_head(doc, subj, ctx.lexicon), "speaker: subject of the cue", False
        comma = ctx.text.rfind(",", start, speaker.start) if speaker is not None else -1
        if speaker is not None and start < comma and speaker.start < end and not ctx.text[speaker.end:cue.idx].strip() \
                and len(ctx.text[comma + 1:speaker.start].split()) <= 2 and not within(speaker.start, reading.exclude):
            # "Sixteen children were among the dead, spokeswoman Yvonne Ndege said": the parser took the
            # speaker (and a title before the name), set off by a comma, into the content's end
            end = comma
        if speaker is not None and start <= speaker.start < end and not within(speaker.start, reading.exclude):
            # the "speaker" is inside the content: a misparse, not an attribution (unless the content wraps
            # round its parenthetical cue: "The plan, he said, will fail")
            return None
        if category == "belief" and speaker is None and not agentless:
            return None
        confidence = {"reported": 0.85, "parenthetical": 0.75}[reading.how]
        if category in ("belief", "finding"):
            confidence -= 0.1
        if speaker is None:
            confidence -= 0.25
        where = {"reported": "its content clause", "parenthetical": "the clause it interrupts or closes"}[reading.how]
        return Attribution(start, end, "indirect", reading.how, round(confidence, 2),
                           cue=(cue.idx, cue.idx + len(cue)), cue_token=cue.i, speaker=speaker, hops=tuple(hops),
                           agentless=agentless, sets_frame=sets_frame,
                           why=(f"{reading.how}: cue '{cue.text}' ({category}) with {where}", how))


def _closing_participle(ctx: Context, cue: Token) -> ClauseReading | None:
    """"A, a Senate aide familiar with negotiations confirmed Monday.": the parser read the closing cue as
    a participle modifying the noun before it ("negotiations confirmed"). A past-tense cue with nothing
    after it but the day, inside a noun phrase that opens after the sentence's last comma before it: the
    phrase speaks, what precedes the comma was said."""
    doc = ctx.doc
    if cue.dep_ != "acl" or cue.tag_ not in ("VBD", "VBN") or any(c.i > cue.i and not c.is_punct and not _a_day(c)
                                                                  for c in cue.children):
        return None
    s0, s1 = ctx.sentence(cue)
    if any(not (t.is_punct or t.is_space or t.ent_type_ in ("DATE", "TIME") or t.lower_ == "on")
           for t in doc[cue.i + 1:_trailing_participle(doc, cue, s1)]):
        return None
    comma = next((k for k in range(cue.i - 1, s0, -1) if doc[k].text == ","), None)
    if comma is None or comma - s0 < 3 or ctx.in_quote[comma - 1] >= 0:
        return None
    head = cue.head
    while head.head != head and head.head.i > comma and head.i != comma + 1 and head.left_edge.i > comma:
        head = head.head
    while head.left_edge.i > comma + 1 and head.head != head and head.head.i > comma:
        head = head.head
    if head.left_edge.i != comma + 1 or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return ClauseReading(head.head if head.head != head else head, trailing=(after_dateline(doc, s0), comma - 1),
                         how="parenthetical", speaker=head)


def _a_day(tok: Token) -> bool:
    """"Monday", "on Tuesday": the day a closing cue gives, as the parser hangs it."""
    if tok.dep_ == "npadvmod":
        return True
    return tok.dep_ == "prep" and tok.lower_ == "on" and all(
        t.ent_type_ in ("DATE", "TIME") for t in tok.subtree if t.i != tok.i)


def _trailing_participle(doc, cue: Token, s1: int) -> int:
    """Where a participle phrase closing the sentence after the closing cue starts (", led by increases
    in Nigeria", the noun's, not what was said), else the sentence's end."""
    last = s1 - 1
    while last > cue.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    for k in range(cue.i + 1, last):
        if doc[k].text == "," and doc[k + 1].tag_ in ("VBN", "VBG") and doc[k + 1].dep_ in ("acl", "advcl") \
                and doc[k + 1].right_edge.i >= last:
            return k
    return s1


def _colon_place(doc, s0: int) -> int | None:
    """How far after the sentence's start the colon of a dateline place stands ("Dhaka: ..."), or None."""
    for k in range(s0, min(s0 + 4, len(doc))):
        if doc[k].text == ":":
            # (the tagger may take the place for an organisation or a person: "Dhaka" as ORG, as PERSON)
            return k - s0 if k > s0 and all(t.ent_type_ in ("GPE", "LOC", "ORG", "PERSON") and (t.is_title or t.is_upper)
                                            for t in doc[s0:k]) else None
    return None


def _whole_sentence_before(ctx: Context, cue: Token, clause: Token, span: tuple[int, int]) -> tuple[int, int]:
    """A cue closing its sentence after a comma ("A, reported X", "A, he said") reports all of A: where
    the parse left words of A outside the clause's subtree ("... flood water between 0.3m and 1m high
    entered their homes", the clause's subject cut to "1m"; "A and B, a source told Reuters", A made a
    second complement of the cue), the content starts with the sentence."""
    doc = ctx.doc
    s0 = ctx.sentence(cue)[0]
    while s0 > 0 and doc[s0 - 1].text not in (".", "!", "?", ";", ":") and "\n" not in doc[s0 - 1].text_with_ws:
        s0 = ctx.sents[ctx.sent_of[s0 - 1]][0]  # the parser ended a "sentence" where no stop is
    s0 = after_dateline(doc, s0)
    left = clause.left_edge.i
    # ("A and B, a mediation source told Reuters": the comma closes A and B before the cue's subject)
    subj = next((c for c in cue.lefts if c.dep_ == "nsubj" and c.i > clause.i), None)
    before = subj.left_edge.i if subj is not None else cue.i
    if left <= s0 or doc[before - 1].text != "," or clause.right_edge.i != before - 2 \
            or any(ctx.in_quote[k] >= 0 or doc[k].is_quote for k in range(s0, cue.i)):
        return span
    if any(t.dep_ in ("nsubj", "nsubjpass") and t.head == clause for t in doc[s0:left]):
        return span
    if subj is not None and any(t.pos_ == "VERB" and cue_category(ctx.lexicon, t) is not None for t in doc[s0:left]):
        return span  # "Police said A, AFP reported": what stands before A is another cue's, not part of A
    whole = ctx.token_span(s0, before - 2)
    return whole if whole is not None else span


def _agency_after(ctx: Context, cue: Token) -> bool:
    """"..., reports BSS." near the top, where it credits the story (the wire rule reads it so,
    wire_credits.AGENCY_CREDIT_CHARS): the cue's subject, after it, is a listed news agency."""
    return cue.idx < AGENCY_CREDIT_CHARS and any(
        c.dep_ == "nsubj" and c.i > cue.i and ctx.lexicon.is_agency(ctx.doc[c.left_edge.i:c.right_edge.i + 1].text)
        for c in cue.children)


def _closes_an_attribution(ctx: Context, cue: Token) -> bool:
    """A speech cue of the text is hung on the page's credit cue and closes its sentence with it ("...,
    Nematzadeh added, Trend reports citing Tasnim": the parse makes "added" a parataxis of "reports";
    '"...," he told newsmen, reports BSS' near the top: its complement): the claim is that cue's, the
    credit's cue gives it a hop (read_clause, ClauseReading.credit) or the credit makes the page the
    agency's copy (the wire rule)."""
    return any(c.i < cue.i and candidate_verb(ctx, c) is not None and (
        read_clause(ctx, c).credit == cue
        # '"...," he told newsmen ..., reports BSS': the parse made the attribution the credit's complement
        or c.dep_ == "ccomp" and _attributes_a_quotation_before(ctx, c)) for c in cue.children)


def _attributes_a_quotation_before(ctx: Context, cue: Token) -> bool:
    """'"...," he told newsmen': the cue's subject stands right after a quotation that closes before it."""
    subj = next((g for g in cue.children if g.dep_ == "nsubj" and g.i < cue.i), None)
    if subj is None:
        return False
    k = subj.left_edge.i - 1
    while k >= 0 and ctx.doc[k].is_punct and ctx.in_quote[k] < 0 and not ctx.doc[k].is_quote:
        k -= 1
    return k >= 0 and (ctx.doc[k].is_quote or ctx.in_quote[k] >= 0)


def _relays_another_cue(ctx: Context, cue: Token, clause: Token) -> bool:
    """"..., the Joint Chiefs of Staff said, as cited by Yonhap": a passive "as cited/reported by" an
    outlet, hung on a clause that has a cue of its own, names a hop of that cue's claim (the roles
    rule finds it), not a claim of its own."""
    if not any(c.dep_ == "agent" for c in cue.children):
        return False
    agt = agent(cue)
    if agt is None or outlet_mention(ctx, agt) is None:
        return False
    return cue_category(ctx.lexicon, clause) is not None and clause.pos_ in ("VERB", "AUX")


def no_clause(ctx: Context, cue: Token) -> str | None:
    """The category of a reportable verb cue whose content the parse gives as no clause (for the rules
    that read content from objects or from the words after the cue), else None."""
    category = candidate_verb(ctx, cue)
    if category is None or not reportable(ctx, cue, category) or read_clause(ctx, cue).clause is not None:
        return None
    if infinitive(cue) and not _to_a_channel(ctx, cue):
        return None
    return category


def _to_a_channel(ctx: Context, cue: Token) -> bool:
    """"Sandu took to X to describe the election as ...", "went on Facebook to condemn ...": the purpose of
    going to a channel of the lexicon is a statement made there, not one asked for."""
    return cue.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "prep" and any(g.dep_ == "pobj" and ctx.lexicon.is_word("channel", g.lower_) for g in c.children)
        for c in cue.head.children)
