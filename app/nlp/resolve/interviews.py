"""Layer 1 of the relay chains (app/nlp/resolve/relay.py): each claim's own hops, the outlets its own
attribution names, and the interview a speaker gave going on: a later claim of theirs keeps the outlet
until the text names another channel, an earlier claim of theirs just before the interview is named gets
it too, and a sentence of its own naming the interview ("He was speaking to the BBC.") gives it to the
speaker's claims around it."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from app.nlp.evidence import Claim
from app.nlp.lexicon import Lexicon
from app.nlp.rules.wire_names import longest_outlet

if TYPE_CHECKING:
    from app.nlp.resolve.relay import _Outlets

_INTERVIEW_GAP = 800  # characters between two claims of one interview, at most


def interviews(doc: Doc, claims: list[Claim], channels: list[bool],
               outlets: _Outlets) -> tuple[list[list[int]], list[list[str]]]:
    """Each claim's own hops (its attribution's outlets, without its own speaker), with the interview
    a speaker gave carried to their claims around it: forwards until the text names another channel,
    backwards to their claims in the paragraph before the interview is named ("..., a witness said. /
    ..., the witness told Reuters")."""
    hops = [[h for h in dict.fromkeys(c.hop_sources) if h != c.source] for c in claims]
    why: list[list[str]] = [[] for _ in claims]
    given: dict[int, tuple[int, list[int], int]] = {}  # source -> (paragraph, hops, last end) of their interview
    current: tuple[int, int, list[int]] | None = None  # the last report hop: (source, paragraph, hops)
    own: set[int] = set()  # the speakers the text has had talking through a channel of their own
    for n, claim in enumerate(claims):
        source = claim.source
        if source is None:
            continue
        if channels[n]:
            own.add(source)
        if hops[n]:
            if claim.interviews and set(hops[n]) <= set(claim.interviews):
                given[source] = (claim.paragraph, hops[n], claim.end)
            current = (source, claim.paragraph, hops[n])
            _carry_back(doc, claims, hops, why, channels, n, outlets)
        elif source in given and claim.start - given[source][2] <= _INTERVIEW_GAP and (
                claim.paragraph == given[source][0] or _continues(doc, claim, outlets.lexicon) or not channels[n]):
            # the interview the speaker gave goes on, until the text names another channel of theirs or
            # leaves them for long (other speakers' words between them do not end it)
            hops[n] = list(given[source][1])
            given[source] = (given[source][0], given[source][1], claim.end)
            why[n] += [f"hop {outlets.name(h)}: the same speaker's interview goes on" for h in hops[n]]
        elif current is not None and source == current[0] and (
                claim.paragraph == current[1] or _continues(doc, claim, outlets.lexicon)
                or not channels[n] and source not in own):
            # the same speaker goes on, in the same outlet's report, until another speaker's words (one who
            # spoke at a press conference of their own before goes on there in a later paragraph: "..., Chen
            # said at a press conference. '...,' Chen was quoted by China Daily as saying. / Chen said ...")
            hops[n] = list(current[2])
            why[n] += [f"hop {outlets.name(h)}: the same speaker goes on in the outlet's report" for h in hops[n]]
        else:
            if source in given and channels[n]:
                del given[source]  # "..., he told a press conference": a channel of the speaker's own
            if current is not None and source != current[0]:
                current = None
    return hops, why


# "Kishida made the comments in an interview with Kyodo News", "He was speaking to the BBC": a sentence
# that is no claim and names the interview a speaker gave (the nouns of an interview are the lexicon's)
def _interview_sentence(lexicon: Lexicon) -> re.Pattern:
    return lexicon.compiled("interview sentence", lambda lex: re.compile(
        rf"\b(?:in\s+(?:an?|the|his|her|their|a\s+separate)\s+(?:[\w-]+\s+){{0,2}}{lex.alternation('interview_noun')}"
        rf"\s+(?:with|to|{lex.alternation('by_verb')}\s+by)|(?:was|were|is|are)\s+speaking\s+(?:to|with|on)|spoke\s+(?:to|with|on))\s+(?:the\s+)?"
        rf"(?P<name>[A-Z][\w.&'+\u2019-]*(?:\s+[A-Z][\w.&'+\u2019-]*){{0,3}})"))


_PRONOUNS = {"he", "she", "they"}


def interview_sentences(doc: Doc, lexicon: Lexicon) -> list[tuple[Span, int, str]]:
    """The sentences that name an interview given to an outlet ("The minister made the statement in an
    interview with CNN"), as (sentence, where in it the phrase starts, the outlet): read once per Doc for
    ``named_interviews`` and for the relay's channels (their channel words are the outlet's occasion, not
    the speaker's own channel)."""
    pattern = _interview_sentence(lexicon)
    return [(sent, m.start(), outlet) for sent in doc.sents if (m := pattern.search(sent.text)) is not None
            and (outlet := longest_outlet(m.group("name"), lexicon, shaped=True)) is not None]


def named_interviews(claims: list[Claim], hops: list[list[int]], why: list[list[str]], channels: list[bool],
                     outlets: _Outlets, found: list[tuple[Span, int, str]], pub: int | None = None) -> None:
    """A sentence of its own naming the interview a speaker gave (``found``, ``interview_sentences``:
    "Kishida made the comments in an interview with Kyodo News on Tuesday.", "He was speaking to the
    BBC.") makes the outlet a hop of that speaker's claims around it: back to the article's start (the
    comments it points at), and on until the text names another channel of theirs. The speaker is the
    subject: a name of an earlier claim's source, or a pronoun for the nearest earlier claim's."""
    spans = [(c.start, c.end) for c in claims]
    for sent, at, outlet in found:
        if any(s < sent.end_char and sent.start_char < e for s, e in spans):
            continue
        subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.idx >= sent.start_char + at:
            continue
        source = _earlier_source(subject, [c for c in claims if c.end <= sent.start_char and c.source is not None],
                                 outlets)
        if source is None:
            continue
        hop = outlets.add(outlet)
        reason = f"hop {outlets.name(hop)}: the interview a sentence of its own says the speaker gave"
        for n, claim in enumerate(claims):
            if claim.source != source or hop == source:
                continue
            # (the page's own publisher as a hop is no other channel: "Investogist reported that ..." on its page)
            other = [h for h in hops[n] if h != pub]
            if claim.start >= sent.end_char and (other or channels[n]):
                break  # another channel of theirs: the interview is over
            if not other and not channels[n]:
                hops[n] = [hop]
                why[n] = [line for line in why[n] if not line.startswith(f"hop {outlets.name(pub)}:")] + [reason] \
                    if pub is not None else why[n] + [reason]


def reported_speaking(doc: Doc, claims: list[Claim], hops: list[list[int]], why: list[list[str]],
                      channels: list[bool], outlets: _Outlets) -> None:
    """An outlet's report that a speaker spoke ("He was speaking at his weekly briefing on Thursday,
    reported Radio Pakistan.", "Kishida made the remarks at a rally, NHK reported.") says the speaker's
    words come through that outlet: it is a hop of the speaker's later claims, until the text names
    another channel of theirs. The speaker is the report's subject, as in ``named_interviews``."""
    sources = outlets.sources
    reports: list[tuple[int, int]] = []  # (the report's index, the speaker it reports speaking)
    for k, report in enumerate(claims):
        if report.source is None or sources[report.source].type != "outlet":
            continue
        span = doc.char_span(report.start, report.end, alignment_mode="expand")
        verb = span.root if span is not None else None
        if verb is None or not _speaking(verb, outlets.lexicon):
            continue
        subject = next((t for t in verb.children if t.dep_ == "nsubj"), None)
        source = _subject_source(doc, subject, claims, k, outlets) if subject is not None else None
        if source is not None and source != report.source:
            reports.append((k, source))
    for k, source in reports:
        outlet = claims[k].source
        until = next((j for j, other in reports if j > k and other == source), len(claims))
        reason = f"hop {outlets.name(outlet)}: the outlet reports the speaker speaking"
        # (with the outlets it reached the reader through: "..., reports Ukrainska Pravda, citing UNIAN")
        chain = [outlet, *(h for h in hops[k] if h != outlet)]
        for n in range(k + 1, until):
            if claims[n].source != source:
                continue
            if hops[n] or channels[n]:
                break  # another channel of theirs
            hops[n] = list(chain)
            why[n] += [reason] + [f"hop {outlets.name(h)}: the outlet that reported the speaker speaking" for h in chain[1:]]


def _speaking(verb, lexicon: Lexicon) -> bool:
    """"was speaking (at, to ...)", "spoke", "made the remarks", "shared his views": the act of speaking, not
    what was said."""
    if verb.lemma_ == "speak":
        return not any(c.dep_ in ("ccomp", "dobj") for c in verb.children)
    return lexicon.is_word("remark_verb", verb.lemma_) and any(
        c.dep_ == "dobj" and lexicon.is_word("interview_noun", c.lower_) for c in verb.children)


def _subject_source(doc: Doc, subject, claims: list[Claim], k: int, outlets: _Outlets) -> int | None:
    """The source a report's subject names: a pronoun, the source of the next claim whose speaker is the
    same pronoun in the report's paragraph or the next ("He was speaking ..., reported X. He said ..."),
    else as ``_earlier_source`` reads it among the earlier claims of speakers who are no outlet."""
    if subject.lower_ in _PRONOUNS:
        later = next((c for c in claims[k + 1:] if c.speaker is not None and c.source is not None
                      and c.paragraph - claims[k].paragraph <= 1
                      and doc.text[c.speaker.start:c.speaker.end].lower() == subject.lower_), None)
        if later is not None:
            return later.source
    earlier = _earlier_source(subject, [c for c in claims[:k] if c.source is not None
                                        and outlets.sources[c.source].type != "outlet"], outlets)
    names = {t.lower_ for t in subject.subtree if t.ent_type_ == "PERSON"}
    if earlier is None and names:
        # "Poland's Foreign Minister Radoslaw Sikorski shared his views at a press conference, reports X.
        # '...,' he said.": the name introduces the speaker of the claims that follow
        return next((c.source for c in claims[k + 1:] if c.source is not None and c.paragraph - claims[k].paragraph <= 1
                     and names & set(outlets.sources[c.source].name.lower().split())), None)
    return earlier


def _earlier_source(subject, earlier: list[Claim], outlets: _Outlets) -> int | None:
    """The source of an earlier claim a sentence's subject names: a pronoun the nearest one's, a name (a
    word of it) the nearest one whose source has that word."""
    if subject.lower_ in _PRONOUNS:
        return earlier[-1].source if earlier else None
    named = subject.text.lower()
    if subject.pos_ == "NOUN" or subject.is_title and outlets.lexicon.is_word("title", named):
        # "The Minister made the statement ...": the nearest source the noun describes
        return next((c.source for c in reversed(earlier)
                     if named in " ".join(outlets.sources[c.source].descriptors).lower().replace("-", " ").split()), None)
    return next((c.source for c in reversed(earlier) if named in outlets.sources[c.source].name.lower().split()), None)


def _carry_back(doc: Doc, claims: list[Claim], hops: list[list[int]], why: list[list[str]], channels: list[bool],
                n: int, outlets: _Outlets) -> None:
    """"Armed men attacked a village, a witness said. / ..., the witness told Reuters by telephone": a
    claim that points back at the speaker of the claim right before it ("the witness", "he") and names
    the outlet they spoke to, names the channel of that claim too; so does one that goes on from it by
    name ("..., Riachy added in an interview with ... on Future TV")."""
    named = claims[n]
    if n == 0 or named.speaker is None or not (
            named.speaker.form in ("nominal", "pronoun") or _continues(doc, named, outlets.lexicon)):
        return
    earlier = claims[n - 1]
    if earlier.source != named.source or hops[n - 1] or channels[n - 1] or named.paragraph - earlier.paragraph > 1:
        return
    hops[n - 1] = list(hops[n])
    why[n - 1] += [f"hop {outlets.name(h)}: the interview the same speaker's next claim names" for h in hops[n]]


def _continues(doc: Doc, claim: Claim, lexicon: Lexicon) -> bool:
    """"..., Graham continued.": the text marks the claim as the same occasion as the last one."""
    return claim.rule == "continued" or (
        claim.cue_token is not None and lexicon.is_word("continuation_verb", doc[claim.cue_token].lemma_))
