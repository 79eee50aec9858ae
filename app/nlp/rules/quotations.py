"""Direct quotations and their attribution.

`"...," he said.` / `"...," said X.` (after), `X said: "..."` / `X told reporters, "..."` (before),
`"..." ― Sonya Herridge` (byline), and a quotation standing alone right after another claim of the same
speaker (continued). A quotation already inside another claim's content is that claim's.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution, replace
from app.nlp.mentions import mention_from_head
from app.nlp.quotes import Quote
from app.nlp.rules.base import Found
from app.nlp.rules.content import reduced_participle
from app.nlp.rules.credit import closing_credit
from app.nlp.rules.cues import QUOTE_CUES, closes_quotation, cue_category, question_verb
from app.nlp.rules.hops import (REPORTS_CITING, by_hops, first_nominal, hop, outlet_mention, recipient_hops,
                                reporting_outlet)
from app.nlp.rules.roles import (OUTLET_CITES, cited_source, citing_target, named_addressee, quotes_whom,
                                  quoting_as_saying, speaker_and_hops, told_us)
from app.nlp.rules.subjects import subject

# How far (tokens) an attribution may stand from the quotation it attributes.
_AFTER_WINDOW = 12
_APPOSITION_WINDOW = 25  # words a speaker's description between commas may take after a quotation
_NAME_WINDOW = 9  # words a speaker's name (and where it is from) may take before the description between commas
_BEFORE_WINDOW = 18
_MINOR = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "is"}
_BYLINE_DASH = re.compile(r"[ \t\u00a0,.]*(?:--|[\u2012-\u2015-])[ \t\u00a0]*")
_HOW = {"after": "the attribution right after the quotation", "before": "the attribution leading into it",
        "byline": "a dash and a name closing its line", "named": "a name right after it, with no verb"}


class QuoteAttribution:
    name = "quotation"

    def __call__(self, ctx: Context, found: Found) -> Iterator[Attribution]:
        doc, text = ctx.doc, ctx.text
        current = found.current()
        # (what an outlet's "according to X" frames may hold a quotation with its own attribution: `"A," X
        # said, according to CNBC`; the resolver makes the outlet its hop)
        covered = [c for c in current
                   if not (c.rule == "according_to" and c.speaker is not None and c.speaker.form in ("outlet", "nominal_outlet"))]
        out: list[Attribution] = []
        all_claims = sorted(current, key=lambda c: c.start)
        for q in ctx.quotes:
            if any(c.start <= q.start and q.end <= c.end and not _outlet_reports_attributed(ctx, c, q) for c in covered):
                continue
            toks = ctx.quote_tokens(q)
            if toks is None:
                continue
            t0, t1 = toks
            words = text[q.start:q.end].split()
            if is_title(words) or quoted_name(ctx, q):
                continue  # "Gone with the Wind": a title in quotation marks, not a quotation
            sentence_like = len(words) >= 4 or any(doc[i].pos_ in ("VERB", "AUX") for i in range(t0, t1))
            attribution = after_attribution(ctx, q, t1) or byline_attribution(ctx, q) or named_after(ctx, q, t0, t1) \
                or before_attribution(ctx, q, t0)
            if attribution == "question":
                continue
            if attribution is not None:
                cue, speaker, hops, rule, how = attribution[:5]
                if (reporter := reporting_outlet(ctx, cue)) is not None \
                        and all((h.mention.start, h.mention.end) != (reporter.mention.start, reporter.mention.end) for h in hops):
                    hops = [*hops, reporter]  # "Kan news reported that he had said: '...'"
                if not sentence_like and rule == "before" and text[q.open_mark - 2:q.open_mark].strip() != ":":
                    continue  # `the so-called "sex tape."`: a term the narration quotes, not a quotation
                if rule == "before" and t1 < len(doc) and ctx.sent_of[t1] != ctx.sent_of[cue.i]:
                    # 'saying "... . ...", as quoted by Greek Reporter': the quotation ran into another
                    # sentence, whose "by" phrase names a hop too
                    seen = {(h.mention.start, h.mention.end) for h in hops}
                    hops = [*hops, *(h for h in by_hops(ctx, doc[t1]) if (h.mention.start, h.mention.end) not in seen)]
                cue_chars = attribution[5] if len(attribution) > 5 else (cue.idx, cue.idx + len(cue))
                start, end, kind = q.start, q.end, "direct"
                why = [f"{rule}: quotation attributed by {_HOW[rule]} (cue '{text[cue_chars[0]:cue_chars[1]]}')", how]
                if rule == "after" and (lead := sentence_lead(ctx, q, t0)) is not None:
                    # 'Moscow is ready to talk if Chisinau stops "politicizing the issue," the minister told
                    # TASS': the quotation ends a sentence of reported speech; the claim is the sentence
                    start, end, kind = lead, q.close_mark + 1 if q.close_mark is not None else q.end, "mixed"
                    why.append("mixed: the quotation closes a sentence of reported speech")
                claim = Attribution(start, end, kind, rule, 0.9 if speaker is not None else 0.6,
                                    cue=cue_chars, cue_token=cue.i, speaker=speaker, hops=tuple(hops), why=tuple(why))
            else:
                if not standalone(ctx, q, t0):
                    continue  # scare quotes, titles, terms: "cuties", "advantages"
                prev = previous_claim(all_claims + out, q.start)
                if prev is None or ctx.paragraph(q.start) - ctx.paragraph(prev.end) > 1 or prev.speaker is None:
                    continue
                if not sentence_like and not (prev.kind == "direct" and ctx.paragraph(q.start) == ctx.paragraph(prev.end)
                                              and q.open_mark - prev.end < 80):
                    # a short quotation is a quotation of its own only right after the same speaker's
                    # quotation and its attribution: '"It's like a hurricane," Trout said. "Just total destruction."'
                    continue
                claim = Attribution(q.start, q.end, "direct", "continued", 0.65, cue=prev.cue,
                                    cue_token=prev.cue_token, speaker=prev.speaker, hops=prev.hops,
                                    why=("continued: a quotation standing alone after the same speaker's claim",
                                         "speaker: the previous claim's"))
            out.append(claim)
            yield claim


def _outlet_reports_attributed(ctx: Context, claim: Attribution, q: Quote) -> bool:
    """`"...," X said in an interview with Y, IRNA reported.`: an outlet's report closing the sentence holds
    the quotation with its own attribution, a cue between the quotation and the outlet's; the quotation is
    still X's claim, which the resolver nests in the outlet's report."""
    if claim.speaker is None or claim.speaker.form not in ("outlet", "nominal_outlet") or claim.cue_token is None:
        return False
    if claim.cue[0] <= q.end:
        return False
    doc = ctx.doc
    after = doc.char_span(q.end, claim.cue[0], alignment_mode="expand")
    return after is not None and any(t.pos_ == "VERB" and t.i != claim.cue_token and cue_category(ctx.lexicon, t)
                                     in QUOTE_CUES for t in after)


def sentence_lead(ctx: Context, q: Quote, t0: int) -> int | None:
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
            cue_category(ctx.lexicon, t) for t in lead if t.pos_ == "VERB" and t.i not in so_called):
        return None
    return doc[s0].idx


def is_title(words: list[str]) -> bool:
    """Title Case words: a show, a book, a subhead ("State of the Union", "'All Bets Are Off.'"). A short
    quotation ending in a stop may be a sentence ("Thank You."); from three words on it is a title too,
    as American style puts the period inside the marks."""
    if not 1 < len(words) <= 10 or words[-1][-1:] in "!?," or words[-1][-1:] == "." and len(words) < 3:
        return False
    return all(w[:1].isupper() or w.lower() in _MINOR or not w[:1].isalpha() for w in words)


def quoted_name(ctx: Context, q: Quote) -> bool:
    """A name in quotation marks inside a noun phrase or after a preposition: a show, a paper, a
    nickname ('on ARD's "Morgenmagazin."', 'Anna Roe of "Have No Fear"'). It quotes no one."""
    toks = ctx.quote_tokens(q)
    if toks is None:
        return False
    words = [t for t in ctx.doc[toks[0]:toks[1]] if not (t.is_punct or t.is_space)]
    if not 1 <= len(words) <= 3 or not all(t.text[:1].isupper() for t in words):
        return False  # (lower-case words quoted in a phrase are the narration's scare quotes: 'as "just another apology"')
    roots = [t for t in words if not (toks[0] <= t.head.i < toks[1]) or t.head == t]
    return len(roots) == 1 and roots[0].dep_ in ("pobj", "compound", "nmod", "amod") \
        and roots[0].head.i not in range(toks[0], toks[1]) and roots[0].head.pos_ in ("ADP", "NOUN", "PROPN")


def previous_claim(claims: list[Attribution], start: int) -> Attribution | None:
    best = None
    for c in claims:
        if c.end <= start + 1 and (best is None or c.end > best.end):
            best = c
    return best


def standalone(ctx: Context, q: Quote, t0: int) -> bool:
    """The quotation is a sentence (or more) of its own, not a phrase inside the outlet's sentence."""
    doc = ctx.doc
    i = t0 - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in ('"', "''", "``", "`", "\u201c", "\u201e", "\u00ab", "'", "-")):
        i -= 1
    return i < 0 or doc[i].text in (".", "!", "?", ":", ";") or "\n" in doc[i].text or "\n" in doc[i].whitespace_ \
        or (i + 1 < len(doc) and "\n" in doc[i + 1].text)


def _cue_near(ctx: Context, lo: int, hi: int) -> Token | None:
    doc = ctx.doc
    for i in range(lo, hi):
        t = doc[i]
        if ctx.in_quote[i] >= 0:
            return None
        if t.pos_ in ("VERB", "AUX") and (cue_category(ctx.lexicon, t) in QUOTE_CUES or question_verb(ctx.lexicon, t)) \
                and not any(a.dep_ == "relcl" for a in [t, *t.ancestors] if a.i >= lo):
            return t  # (not "..., Marcus Hale, who co-wrote the bill, told Politico": the relative clause's verb)
    return None


def _past_apposition(ctx: Context, i: int) -> int | None:
    """The first word after a name and the description set off by commas that follow a quotation
    (`"...," the economist Jared Bernstein, a former adviser in the White House, wrote`), or None."""
    doc = ctx.doc
    s_end = ctx.sentence(doc[i])[1]
    first = next((k for k in range(i + 1, min(i + _NAME_WINDOW, s_end)) if doc[k].text == ","), None)
    # (a name, or a noun phrase: `"...," the high commission, the representative of the state, said`)
    if first is None or not any(doc[k].pos_ == "PROPN" or doc[k].pos_ == "NOUN" and doc[i].lower_ == "the"
                                for k in range(i, first)):
        return None
    for k in range(first + 1, min(first + _APPOSITION_WINDOW, s_end)):
        t = doc[k]
        if ctx.in_quote[k] >= 0 or t.text in (".", "!", "?", ";", ":") or "\n" in t.text:
            return None
        if t.text == ",":
            return k + 1 if k + 1 < s_end else None
    return None


def _describes_speaker(ctx: Context, cue: Token, q: Quote) -> bool:
    """The quotation stands in the description of the cue's subject after it (`said Cuban, who is also a
    host on the TV show "Shark Tank."`): a title, not what the cue introduces."""
    toks = ctx.quote_tokens(q)
    subj = next((c for c in cue.rights if c.dep_ in ("nsubj", "nsubjpass")), None)
    return toks is not None and subj is not None and any(a == subj for a in ctx.doc[toks[0]].ancestors)


def after_attribution(ctx: Context, q: Quote, t1: int):
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
    if ctx.text[q.start:q.end].rstrip().endswith(".") and doc[i].pos_ in ("ADP", "ADV", "SCONJ", "CCONJ") \
            and doc[i].is_title and not (i + 1 < len(doc) and doc[i + 1].pos_ in ("VERB", "AUX")):
        # (but "So said union leader Jane Doe", "Thus wrote the judge": the adverb opens the attribution)
        return None  # '..." On Tuesday, more changes were announced.': a stop closed the quotation's sentence
    end = i
    while end < len(doc) and end - i < _AFTER_WINDOW and ctx.in_quote[end] < 0:
        t = doc[end]
        if t.text in (".", "!", "?", ";") or "\n" in t.text:
            break
        end += 1
    cue = _cue_near(ctx, i, end)
    described = False
    if cue is None and (past := _past_apposition(ctx, i)) is not None:
        # `"...," Robert Peck, managing director and internet equity analyst at SunTrust, told me.`: the
        # speaker's description between commas pushes the cue past the window
        end = min(past + 4, ctx.sentence(doc[past])[1])
        cue = _cue_near(ctx, past, end)
        described = True
    if cue is None:
        return None
    if cue.i > 0 and doc[cue.i - 1].lower_ == "as" and cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ == "by":
        return None  # '..., saying "...", as quoted by Greek Reporter': a hop; the attribution came before
    if question_verb(ctx.lexicon, cue):
        return "question"
    # `"Have no fear", a charity, told Reuters "..."`: the cue introduces the next quotation
    s_end = ctx.sentence(cue)[1]
    nxt = bisect.bisect_right(ctx.quote_starts, cue.idx)
    if nxt < len(ctx.quotes) and ctx.quotes[nxt].start < (doc[s_end - 1].idx + len(doc[s_end - 1]) if s_end > 0 else 0) \
            and ctx.quotes[nxt].open_mark - (cue.idx + len(cue)) < 60 \
            and not any(t.pos_ == "VERB" and cue_category(ctx.lexicon, t)
                        for t in doc[cue.i + 1:s_end] if t.idx < ctx.quotes[nxt].open_mark) \
            and not _describes_speaker(ctx, cue, ctx.quotes[nxt]) and not quoted_name(ctx, ctx.quotes[nxt]):
        # (but `"...," she said, asking Cengiz to be "patient."`: another cue takes the next one)
        return None
    # the cue must not open its own content clause ("..., he said that ..."; but a cue right after the
    # quotation names its speaker next, whatever clause the parser made of the name)
    # (nor is the verb of a credit closing the sentence its content: `"...," X said, IRNA reported.`)
    credit = closing_credit(ctx, *ctx.sentence(cue))
    if (told := told_us(ctx, cue)) is not None and (teller := subject(told, ctx.lexicon)[0]) is not None \
            and (speaker := mention_from_head(doc, teller, ctx.lexicon)) is not None:
        # '"...," Le Figaro said an Elysee official told them.': the one who told the outlet speaks, the
        # outlet that says so relays
        hops = recipient_hops(ctx, told)
        if (om := outlet_mention(ctx, subject(cue, ctx.lexicon)[0])) is not None:
            hops.append(hop(ctx, om, f"'{cue.text}' whom the speaker told"))
        return told, speaker, hops, "after", "speaker: who told the outlet that says so"
    if not closes_quotation(ctx, cue) and any(c.dep_ == "ccomp" and c.i > cue.i and ctx.in_quote[c.i] < 0
                                              and not reduced_participle(c, ctx.lexicon)
                                              and not (credit is not None and c == credit[1]) for c in cue.children):
        return None
    saying = quoting_as_saying(cue, ctx.lexicon)
    if saying is not None:
        # `"...," TASS quoted Peskov as saying.`: whom the outlet quotes speaks, the outlet relays
        s0, s1 = ctx.sentence(cue)
        speaker, hops, _, _, how = speaker_and_hops(ctx, saying, doc[s0:s1])
        return cue, speaker, hops, "after", how
    if quotes_whom(ctx, cue) is not None:
        # `"...," the publication quotes Grossi.`: whom the outlet quotes speaks, the outlet relays
        s0, s1 = ctx.sentence(cue)
        speaker, hops, _, _, how = speaker_and_hops(ctx, cue, doc[s0:s1])
        return cue, speaker, hops, "after", how
    subj, _ = subject(cue, ctx.lexicon)
    if subj is not None and (ctx.in_quote[subj.i] >= 0 or not i <= subj.i < end + 4):
        # `"... the bad press caused by a leak," the gang wrote`: the parser gave the cue a subject
        # inside the quotation too; the one after it speaks
        subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and ctx.in_quote[c.i] < 0
                     and i <= c.i < end + 4), None)
    how = "speaker: subject of the cue"
    head = subj
    if head is None and described:
        # the parse lost the subject in the description between commas: the speaker is named before it
        head, how = first_nominal(ctx.doc, i, cue.i), "speaker: the phrase before its description"
    if head is None:
        head, how = first_nominal(ctx.doc, cue.i + 1, min(len(doc), end + 4)), "speaker: the phrase after the cue"
    if head is None:
        # "he" before the cue, attached oddly by the parser
        head, how = first_nominal(ctx.doc, i, cue.i), "speaker: the phrase before the cue"
    if head is not None and head.ent_type_ != "PERSON" and head.i + 1 < cue.i and doc[head.i + 1].ent_type_ == "PERSON":
        # '"...," protester Luis Chaparro, a retired soldier, told AFP': the parse made the role word the
        # phrase's head; the name right after it is the speaker
        name = doc[head.i + 1]
        while name.i + 1 < cue.i and doc[name.i + 1].ent_iob_ == "I" and doc[name.i + 1].ent_type_ == "PERSON":
            name = doc[name.i + 1]
        head = name
    speaker = mention_from_head(doc, head, ctx.lexicon) if head is not None else None
    if speaker is not None and head.i > cue.i and speaker.start <= cue.idx:
        # '"...," tweeted Dubai media office.': the parser hung the cue (and the quotation) on the noun
        # after it; the speaker is the phrase after the cue alone
        speaker = replace(speaker, start=doc[cue.i + 1].idx)
    hops = recipient_hops(ctx, cue)
    if not hops and (told := named_addressee(ctx, cue, speaker)) is not None:
        hops.append(told)  # '"...," a source told People.'
    if speaker is not None and speaker.form in ("outlet", "nominal_outlet"):
        # '"...," the paper claims, citing a source with knowledge of ...': the outlet relays its source
        s0, s1 = ctx.sentence(cue)
        cited = citing_target(ctx, [t for t in doc[cue.i + 1:s1] if ctx.in_quote[t.i] < 0])
        if cited is not None and (source := cited_source(ctx, cited)) is not None:
            hops.append(hop(ctx, speaker, REPORTS_CITING))
            speaker, how = source, OUTLET_CITES
    return cue, speaker, hops, "after", how


def byline_attribution(ctx: Context, q: Quote):
    """`"..." ― Sonya Herridge` / `"..." — Edwin Monroy, a teacher from Texas`: the style of reader
    comments and epigraphs, a closed quotation followed on its line by a dash and a name, and nothing
    else (a dash followed by a cue verb is the dash rule's and the after rule's)."""
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
    if any(t.pos_ in ("VERB", "AUX") and cue_category(ctx.lexicon, t) for t in span):
        return None
    name_end = next((t.i for t in span if t.text == ","), span.end)
    head = next((doc[i] for i in range(name_end - 1, span.start - 1, -1) if doc[i].pos_ == "PROPN"), None)
    speaker = mention_from_head(doc, head, ctx.lexicon) if head is not None else None
    if speaker is None:
        return None
    return dash[0], speaker, [], "byline", "speaker: the name after the dash", (dash_start, dash_end)


def named_after(ctx: Context, q: Quote, t0: int, t1: int):
    """`"...," Jitendra Kumar Yadav, a hearse driver in Deoria town.`: a quotation closed by a comma and
    followed, in its sentence, by a person's name (and a description) with no verb at all: the page left
    out "said"; the name is the speaker."""
    doc = ctx.doc
    words = ctx.text[q.start:q.end].strip(" ,").split()
    before = q.open_mark
    while before > 0 and ctx.text[before - 1] in " \t":
        before -= 1
    opens = before == 0 or ctx.text[before - 1] in "\n.!?"
    if not opens or len(words) < 4 or is_title(words) or not any(doc[k].pos_ in ("VERB", "AUX") for k in range(t0, t1)):
        return None  # ('The band closed with "Let It Be," Paul McCartney.', '"Gone Girl," Gillian Flynn.')
    i = t1
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and "\n" not in doc[i].text:
        i += 1
    # the comma closing the quotation, inside its marks or after them
    comma = next((doc[k] for k in range(i - 1, max(t1 - 3, 0), -1) if doc[k].text == ","), None)
    if i >= len(doc) or comma is None or ctx.in_quote[i] >= 0:
        return None
    # the name, after a title or two ("Superintendent Jane Roe"); right after a quotation mark the tagger may
    # take the whole of it for a work's title
    k = i
    while k < len(doc) and k - i < 3 and doc[k].ent_type_ != "PERSON" and doc[k].is_title:
        k += 1
    if k >= len(doc) or doc[k].ent_iob_ != "B" or doc[k].ent_type_ not in ("PERSON", "WORK_OF_ART"):
        k = i
        if doc[k].ent_iob_ != "B" or doc[k].ent_type_ != "WORK_OF_ART":
            return None
    name_end = k
    while name_end + 1 < len(doc) and doc[name_end + 1].ent_iob_ == "I":
        name_end += 1
    if doc[k].ent_type_ != "PERSON" and not all(t.pos_ == "PROPN" and t.is_title for t in doc[k:name_end + 1]):
        return None
    s1 = ctx.sentence(doc[k])[1]
    line_end = next((t.i for t in doc[name_end + 1:s1] if "\n" in t.text), s1)
    rest = doc[name_end + 1:line_end]
    if not rest or rest[0].text not in (",", ".") or any(t.pos_ in ("VERB", "AUX") for t in rest) \
            or line_end < s1 and doc[line_end - 1].text != ".":
        return None
    speaker = mention_from_head(doc, doc[name_end], ctx.lexicon)
    if speaker is None:
        return None
    return comma, speaker, [], "named", "speaker: the name after the quotation", (comma.idx, comma.idx + 1)


def before_attribution(ctx: Context, q: Quote, t0: int):
    """`X said: "..."`, `X told reporters, "..."`, and a quote opening a paragraph after `X said:`."""
    doc = ctx.doc
    i = t0 - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in ('"', "''", "\u201c", "\u201e", "\u00ab")):
        i -= 1
    if i < 0:
        return None
    gap = doc[i].text
    lo = max(0, i - _BEFORE_WINDOW)
    s0 = ctx.sents[ctx.sent_of[i]][0]
    lo = max(lo, s0)
    cue = None
    aside = 0  # (the words of a bracketed aside are no cue: 'News Corp (which publishes X) "may not bid"')
    bracketed: set[int] = set()
    for k in range(i, lo - 1, -1):
        t = doc[k]
        if ctx.in_quote[k] >= 0:
            break
        aside += (t.text == ")") - (t.text == "(")
        if aside > 0 or t.text == "(":
            bracketed.add(k)
            continue
        if t.pos_ in ("VERB", "AUX") and (cue_category(ctx.lexicon, t) or question_verb(ctx.lexicon, t)):
            cue = t
            break
    if cue is None and gap == ":" and i > 0 and doc[i - 1].dep_ == "dobj" and doc[i - 1].head.pos_ == "VERB" \
            and ctx.lexicon.is_word("document", doc[i - 1].lemma_.lower()):
        # 'Congressman Steve Cohen released the following statement: "..."': the verb that issued the
        # document before the colon introduces its words
        cue = doc[i - 1].head
    if cue is None:
        return None
    if question_verb(ctx.lexicon, cue):
        return "question"
    if gap not in (":", ",", "that") and cue.i != i:
        # `told Reuters "..."`, `told the BBC after the verdict "..."`: only the cue's own objects
        # and adjuncts may stand between it and the quotation, no other clause
        # (a bracketed aside may stand there too: 'told CNN (in English) "..."', 'wrote (in a memo seen by
        # staff) "..."'; but not one with a finite verb, a clause of its own: 'said to have shown interest in
        # the paper (and publishes the rival Wall Street Journal) "may not bid"')
        between = [t for t in doc[cue.i + 1:i + 1] if t.i not in bracketed]
        if len(between) > 8 or any(t.pos_ in ("VERB", "AUX") or t.text in (".", "!", "?", ";") for t in between) \
                or any(doc[k].tag_ in ("VBZ", "VBD", "VBP") for k in bracketed if k > cue.i):
            return None
    if gap != ":" and any(c.dep_ == "ccomp" and ctx.in_quote[c.i] < 0 and c.i < t0 for c in cue.children):
        return None
    s0, s1 = ctx.sentence(cue)
    speaker, hops, _, _, how = speaker_and_hops(ctx, cue, doc[s0:s1])
    if speaker is not None and ctx.in_quote[speaker.head] >= 0:
        speaker = None
        if cue.tag_ == "VBG" and (earlier := _earlier_cue_subject(ctx, cue, s0)) is not None:
            # '"A," said the diplomat, speaking on condition of anonymity and adding: "B"': the parser hung
            # the participles on the quotation's verb; the sentence's earlier cue names who adds
            speaker, how = mention_from_head(doc, earlier, ctx.lexicon), "speaker: the subject of the sentence's earlier cue"
    return cue, speaker, hops, "before", how


def _earlier_cue_subject(ctx: Context, cue: Token, s0: int) -> Token | None:
    """The subject (outside quotation marks) of the nearest cue before `cue` in its sentence."""
    doc = ctx.doc
    for k in range(cue.i - 1, s0 - 1, -1):
        t = doc[k]
        if ctx.in_quote[k] < 0 and t.pos_ == "VERB" and cue_category(ctx.lexicon, t):
            subj = next((c for c in t.children if c.dep_ == "nsubj" and ctx.in_quote[c.i] < 0), None)
            if subj is not None:
                return subj
    return None
