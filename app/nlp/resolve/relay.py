"""Relay chains: the outlets between a speaker and the reader, nearest to the speaker first.

A claim's relay is built from four layers, each its own function, in this order:

1. **own hops** — the outlets its own attribution names ("told Axios", "in an interview with CNN",
   "Axios's sources", "X reported, citing ..."), and, for the same speaker, the interview they gave
   going on: a later claim of theirs keeps the outlet until the text names another channel, and an
   earlier claim of theirs just before the interview is named gets it too (``interviews``);
2. **scoped frames** — an outlet's report that frames what follows ("Axios reported that ...", "This
   was reported by Reuters"): a frame the lead opens covers the article (an aggregator's retelling), one
   opened later covers the rest of its paragraph and the next; a frame ends where the text moves to
   another channel (another outlet, the speaker's own channel) or turns to other news ("Meanwhile,")
   (``frames``);
3. **wire copy** — the agency whose copy the page is (``app.nlp.rules.wire``);
4. **the publisher** — metadata, or a credit in the text ("..., reports UNN"); always the last hop.

Every hop added says why in the claim's trace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from app.nlp.confidence.traces import FRAME_OPENED
from app.nlp.evidence import Claim, SourceEntity, WireSignal, replace
from app.nlp.lexicon import Lexicon
from app.nlp.rules.wire_names import longest_outlet, wire_name
from app.nlp.publisher import LEAD_CHARS
from app.nlp.text import UNNAMED_MEDIA, doc_text

_WIRE_KINDS = {"dateline": "its dateline", "byline": "its byline", "credit": "its credit line",
               "reporting": "the agency's own reporting", "syndication": "the outlet the page credits for it"}


def wire_copy(signals: list[WireSignal], header_wire: str | None,
              lexicon: Lexicon | None = None) -> list[tuple[str, int, str]]:
    """The outlets whose copy the page is, innermost first, each with where its story starts and why:
    the agency (a dateline first, the header's, then one further down the page; then a byline, a credit
    line, the agency's own reporting), then an outlet the page credits for the whole story ("courtesy of")."""
    if header_wire and not signals:  # only what the wire rule would take for an agency ("(UPDATED)" is not)
        name = wire_name(header_wire, lexicon, None) if lexicon is not None else header_wire
        return [(name, 0, "hop {}: the wire dateline")] if name else []
    out: list[tuple[str, int, str]] = []
    for kinds in (("dateline", "byline", "credit", "reporting"), ("syndication",)):
        found = next((s for kind in kinds for s in signals if s.kind == kind), None)
        if found is not None:
            start = found.start if found.kind == "dateline" else 0
            same = (lambda a: lexicon.canonical_outlet(a) or a) if lexicon is not None else (lambda a: a)
            if start and any(s.kind != "dateline" and s.start < found.start and same(s.agency) == same(found.agency)
                             for s in signals):
                start = 0  # a byline or credit of the same agency above a later dateline: its copy from the top
            out.append((found.agency, start, f"hop {{}}: wire copy ({_WIRE_KINDS[found.kind]})"))
    return out


@dataclass
class _Outlets:
    """The article's sources, with outlets added by name (the publisher, the wire) as needed."""

    sources: list[SourceEntity]
    lexicon: Lexicon

    def __post_init__(self) -> None:
        self.index = {s.key: i for i, s in enumerate(self.sources)}

    def add(self, name: str | None) -> int | None:
        if not name:
            return None
        canonical = self.lexicon.canonical_outlet(name) or name
        key = "outlet:" + canonical.lower()
        if key not in self.index:  # named as given (the publisher's metadata, the dateline's "(AFP)")
            self.sources.append(SourceEntity(name=name.strip(), type="outlet", key=key))
            self.index[key] = len(self.sources) - 1
        return self.index[key]

    def name(self, i: int) -> str:
        return self.sources[i].name


def assign_relays(doc: Doc, claims: list[Claim], sources: list[SourceEntity], lexicon: Lexicon,
                  *, publisher: str | None, wire: str | None,
                  signals: list[WireSignal] | None = None, furniture: list[tuple[int, int]] = ()) -> list[Claim]:
    """The claims with their relay (source indices, nearest to the speaker first) and its trace; new
    outlets (the publisher, the wire) are appended to ``sources``. ``furniture``: the spans of page
    furniture (no part of the story's lead)."""
    outlets = _Outlets(sources, lexicon)
    pub = outlets.add(publisher)
    wires = [(outlets.add(name), start, reason) for name, start, reason in wire_copy(signals or [], wire, lexicon)]
    wires = [w for n, w in enumerate(wires) if w[0] != pub and all(w[0] != v[0] for v in wires[:n])]
    if pub is None and wires:
        pub = wires.pop()[0]

    order = sorted(range(len(claims)), key=lambda k: claims[k].start)
    ordered = [claims[k] for k in order]
    framing = {doc[c.cue_token].sent.start for c in ordered if c.sets_frame and c.cue_token is not None}
    channels = [_own_channel(doc, c, lexicon, framing) for c in ordered]
    hops, why = interviews(doc, ordered, channels, outlets)
    named_interviews(doc, ordered, hops, why, channels, outlets)
    resolved = frames(doc, ordered, hops, why, channels, outlets, lexicon, pub, furniture)

    out: dict[int, Claim] = {}
    for k, (claim, (source, chain, reasons)) in zip(order, zip(ordered, resolved)):
        chain = list(chain)
        for wire_idx, wire_from, wire_why in wires:
            if claim.start >= wire_from and wire_idx != source and wire_idx not in chain:
                chain.append(wire_idx)
                reasons.append(wire_why.format(outlets.name(wire_idx)))
        if pub is not None and (not chain or chain[-1] != pub):
            # (the publisher's own claim too: "As Belsat reported earlier, ..." on Belsat's page)
            chain.append(pub)
            reasons.append(f"hop {outlets.name(pub)}: the publisher")
        out[k] = replace(claim, source=source, relay=tuple(chain), relay_why=tuple(reasons))
    return [out[k] for k in range(len(claims))]


# -- layer 1: own hops, and the interview going on ------------------------------------------------

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
    for n, claim in enumerate(claims):
        source = claim.source
        if source is None:
            continue
        if hops[n]:
            if claim.interviews and set(hops[n]) <= set(claim.interviews):
                given[source] = (claim.paragraph, hops[n], claim.end)
            current = (source, claim.paragraph, hops[n])
            _carry_back(claims, hops, why, channels, n, outlets)
        elif source in given and claim.start - given[source][2] <= _INTERVIEW_GAP and (
                claim.paragraph == given[source][0] or _continues(doc, claim, outlets.lexicon) or not channels[n]):
            # the interview the speaker gave goes on, until the text names another channel of theirs or
            # leaves them for long (other speakers' words between them do not end it)
            hops[n] = list(given[source][1])
            given[source] = (given[source][0], given[source][1], claim.end)
            why[n] += [f"hop {outlets.name(h)}: the same speaker's interview goes on" for h in hops[n]]
        elif current is not None and source == current[0] and (
                claim.paragraph == current[1] or _continues(doc, claim, outlets.lexicon) or not channels[n]):
            # the same speaker goes on, in the same outlet's report, until another speaker's words
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
        rf"\s+(?:with|to)|(?:was|were|is|are)\s+speaking\s+(?:to|with|on)|spoke\s+(?:to|with|on))\s+(?:the\s+)?"
        rf"(?P<name>[A-Z][\w.&'+\u2019-]*(?:\s+[A-Z][\w.&'+\u2019-]*){{0,3}})"))


_PRONOUNS = {"he", "she", "they"}


def named_interviews(doc: Doc, claims: list[Claim], hops: list[list[int]], why: list[list[str]],
                     channels: list[bool], outlets: _Outlets) -> None:
    """A sentence of its own naming the interview a speaker gave ("Kishida made the comments in an
    interview with Kyodo News on Tuesday.", "He was speaking to the BBC.") makes the outlet a hop of
    that speaker's claims around it: back to the article's start (the comments it points at), and on
    until the text names another channel of theirs. The speaker is the subject: a name of an earlier
    claim's source, or a pronoun for the nearest earlier claim's."""
    spans = [(c.start, c.end) for c in claims]
    for sent in doc.sents:
        m = _interview_sentence(outlets.lexicon).search(sent.text)
        if m is None or any(s < sent.end_char and sent.start_char < e for s, e in spans):
            continue
        outlet = longest_outlet(m.group("name"), outlets.lexicon, shaped=True)
        subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)
        if outlet is None or subject is None or subject.idx >= sent.start_char + m.start():
            continue
        earlier = [n for n, c in enumerate(claims) if c.end <= sent.start_char and c.source is not None]
        if subject.lower_ in _PRONOUNS:
            source = claims[earlier[-1]].source if earlier else None
        else:
            named = subject.text.lower()
            source = next((claims[n].source for n in reversed(earlier)
                           if named in outlets.sources[claims[n].source].name.lower().split()), None)
        if source is None:
            continue
        hop = outlets.add(outlet)
        reason = f"hop {outlets.name(hop)}: the interview a sentence of its own says the speaker gave"
        for n, claim in enumerate(claims):
            if claim.source != source or hop == source:
                continue
            if claim.start >= sent.end_char and (hops[n] or channels[n]):
                break  # another channel of theirs: the interview is over
            if not hops[n] and not channels[n]:
                hops[n] = [hop]
                why[n].append(reason)


def _carry_back(claims: list[Claim], hops: list[list[int]], why: list[list[str]], channels: list[bool],
                n: int, outlets: _Outlets) -> None:
    """"Armed men attacked a village, a witness said. / ..., the witness told Reuters by telephone": a
    claim that points back at the speaker of the claim right before it ("the witness", "he") and names
    the outlet they spoke to, names the channel of that claim too."""
    named = claims[n]
    if n == 0 or named.speaker is None or named.speaker.form not in ("nominal", "pronoun"):
        return
    earlier = claims[n - 1]
    if earlier.source != named.source or hops[n - 1] or channels[n - 1] or named.paragraph - earlier.paragraph > 1:
        return
    hops[n - 1] = list(hops[n])
    why[n - 1] += [f"hop {outlets.name(h)}: the interview the same speaker's next claim names" for h in hops[n]]


# -- layer 2: scoped outlet frames -----------------------------------------------------------------



@dataclass
class _Frame:
    outlet: int
    why: str
    article: bool  # opened in the lead (or by a "Source:" line): covers the article
    paragraph: int  # where it was opened
    whole_page: bool = False  # named by a "Source:" line: the story as a whole, subheadings and all


def frames(doc: Doc, claims: list[Claim], hops: list[list[int]], why: list[list[str]], channels: list[bool],
           outlets: _Outlets, lexicon: Lexicon, pub: int | None,
           furniture: list[tuple[int, int]] = ()) -> list[tuple[int | None, list[int], list[str]]]:
    """Each claim's source (an agentless cue takes its paragraph's source or the frame's outlet), its
    hops with the frame's outlet where a frame holds, and the trace."""
    text = doc_text(doc)
    sources = outlets.sources
    frame: _Frame | None = None
    if (line := _source_line_outlet(text, lexicon)) is not None:
        # Ukrainska Pravda's layout: "Source: Reiter in an interview with Bild" under the lead names the
        # outlet the whole story comes through
        frame = _Frame(outlets.add(line), f"hop {line}: the lead's 'Source:' line", True, 0, whole_page=True)
    previous: tuple[int, int, list[int]] | None = None  # the last claim's source, paragraph and hops
    out = []
    paragraph, last_end = -1, 0
    for n, claim in enumerate(claims):
        source, chain, reasons = claim.source, list(hops[n]), list(why[n])
        if frame is not None and not frame.whole_page and _own_inquiry(text, last_end, claim.end, lexicon):
            frame = None  # "A company spokesman declined to comment": the page's own reporting, not the outlet's
        if claim.paragraph != paragraph:
            paragraph = claim.paragraph
            if frame is not None and last_end and (_turns(text, last_end, claim.start, lexicon) or (
                    not frame.whole_page and _subheading(text, last_end, claim.start))):
                frame = None  # "Meanwhile, ...", or a subheading: the text turns to other news
            elif frame is not None and not frame.article and claim.paragraph - frame.paragraph > 1:
                frame = None
        last_end = max(last_end, claim.end)
        if chain and frame is not None and chain[-1] != frame.outlet and not claim.sets_frame:
            # "In a comment to RBC-Ukraine, an expert said ...": the text has moved to another channel
            frame = None
        speaker = sources[source] if source is not None else None
        if speaker is None and claim.agentless and previous is not None and previous[1] == claim.paragraph:
            # "DTEK reported on Telegram that ... . It is reported that ...": the paragraph's source goes on
            source, speaker = previous[0], sources[previous[0]]
            reasons.append(f"speaker: {speaker.name}, the paragraph's source, goes on (agentless cue)")
            if not chain:
                chain = list(previous[2])
        elif speaker is None and claim.agentless and frame is not None:
            source, speaker = frame.outlet, sources[frame.outlet]
            reasons.append(f"speaker: {speaker.name}, the outlet whose frame holds (agentless cue)")
        if claim.sets_frame:
            # the outlet nearest the reader short of the publisher ("..., SİA informs, citing Armenian
            # media": the publisher's own credit frames what it cites)
            outer = [h for h in chain if h != pub]
            new = outer[-1] if outer else source
            if new is not None and new != pub and sources[new].type == "outlet" and not sources[new].pointer \
                    and (not sources[new].key.startswith(UNNAMED_MEDIA) or chain and chain[-1] == pub):
                # (outlets left unnamed frame what follows only where the publisher's own credit cites
                # them: "..., SİA informs, citing Armenian media")
                article = (_is_lead(doc, claim, furniture) or _reports_first_paragraph(doc, claim, lexicon, furniture)) \
                    and not _mid_sentence(doc, claim) \
                    or (frame is not None and frame.article)
                frame = _Frame(new, f"hop {outlets.name(new)}: {FRAME_OPENED} {claim.paragraph + 1}",
                               article, claim.paragraph)
        elif not chain and frame is not None and source not in (frame.outlet, pub) \
                and not (speaker is not None and speaker.type == "outlet") and not channels[n]:
            if frame.article:
                chain.append(frame.outlet)
                reasons.append(frame.why)
        out.append((source, chain, reasons))
        if source is not None:
            previous = (source, claim.paragraph, chain if claim.sets_frame else hops[n])
    return out


def _subheading(text: str, since: int, upto: int) -> bool:
    """A line of its own between the last claim and this one that is a subheading ("What the Ukrainian side
    says"): a few words, capitalised, no sentence's closing mark; a new section of the story."""
    start = text.find("\n", since)
    if start < 0 or start >= upto:
        return False
    for line in text[start:text.rfind("\n", 0, upto) + 1].split("\n"):
        line = line.strip()
        words = line.split()
        # a few words, or a headline in title case ("Vladimir Putin May Meet With BRICS Envoys, Discuss Security")
        titled = sum(w[:1].isupper() for w in words) >= 0.7 * len(words)
        if (1 < len(words) <= 8 and not any(w.endswith(",") for w in words) or 8 < len(words) <= 16 and titled) \
                and line[0].isupper() and line[-1] not in ".!?:;,\"”’'»)":
            return True
    return False


def _own_inquiry(text: str, since: int, upto: int, lexicon: Lexicon) -> bool:
    """Between the last claim and the end of this one, the writer reports asking someone themselves:
    "declined to comment", "did not immediately respond to a request for comment". What follows is the
    page's own reporting; an outlet the text cited before no longer frames it."""
    asked = lexicon.compiled("own inquiry", lambda lex: re.compile(rf"\b{lex.alternation('own_inquiry')}\b",
                                                                   re.IGNORECASE))
    return asked.search(text, since, upto) is not None


def _turns(text: str, since: int, upto: int, lexicon: Lexicon) -> bool:
    """A line between the last claim and this one (this one's included) opens by turning to other news:
    "Meanwhile, ...", "Separately, ..."."""
    turn = lexicon.compiled("topic turn", lambda lex: re.compile(rf"{lex.alternation('topic_turn')}\b", re.IGNORECASE))
    start = text.rfind("\n", 0, since) + 1
    for line in text[start:upto].split("\n"):
        if turn.match(line.lstrip()):
            return True
    return False


_SOURCE_LINE_CHARS = 800  # the line stands under the lead, not at the page's foot (a credit line there)


def _source_line_outlet(text: str, lexicon: Lexicon) -> str | None:
    """The outlet a "Source: ..." line in the lead names ("Source: Reiter in an interview with Bild",
    "Source: Reuters"), as the text writes it; None when there is no such line or it names no outlet."""
    source_line = lexicon.compiled("source line in the lead", lambda lex: re.compile(
        rf"^[ \t]*{lex.alternation('source_label')}:[ \t]*(?P<rest>[^\n]{{1,200}})$", re.MULTILINE))
    m = source_line.search(text, 0, min(LEAD_CHARS, _SOURCE_LINE_CHARS))
    if m is None:
        return None
    rest = m.group("rest")
    if lexicon.canonical_outlet(rest.strip(" .")):
        return None  # "Source: Reuters": a credit line, the wire rule's
    found = [(rest.find(name), name) for name in lexicon.outlets
             if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", rest)]
    return max(found, key=lambda f: (len(f[1]), -f[0]))[1] if found else None


def _own_channel(doc: Doc, claim: Claim, lexicon: Lexicon, framing: set[int] = frozenset()) -> bool:
    """The claim reached the publisher through the speaker's own channel, not through the lead's outlet:
    "told reporters in London", "at a press conference in Kyiv", "wrote on Telegram", "in a statement".
    Read in the cue's sentence and, for a speaker the cue names by a pronoun, in the sentence before the
    claim that introduced them ("The minister spoke at a press conference. 'Our partners know what we
    need,' he said."), unless an outlet's report opened its frame there (`framing`, sentence starts):
    "Speaking at a press conference, X rejected ..., reports Xinhua. He alleged ...": the outlet reports
    the occasion."""
    if claim.cue_token is None:
        return False
    sents = [doc[claim.cue_token].sent]
    first = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if claim.speaker is not None and claim.speaker.form == "pronoun" and first is not None and first.sent.start > 0 \
            and (before := doc[first.sent.start - 1].sent).start not in framing:
        sents.append(before)
    cue = doc[claim.cue_token]
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and lexicon.is_word("earlier_marker", c.lower_) for c in cue.children):
        return True  # "The news comes a week after the carmaker said that ...": an earlier occasion, its own
    return any(lexicon.is_word("channel", t.lower_) for sent in sents for t in sent
               if not claim.start <= t.idx < claim.end)


def _continues(doc: Doc, claim: Claim, lexicon: Lexicon) -> bool:
    """"..., Graham continued.": the text marks the claim as the same occasion as the last one."""
    return claim.rule == "continued" or (
        claim.cue_token is not None and lexicon.is_word("continuation_verb", doc[claim.cue_token].lemma_))


def _mid_sentence(doc: Doc, claim: Claim) -> bool:
    """The claim's "according to X" stands inside its clause, the content running round it ("But the
    speech, according to a report carried by Fars, made no mention of ..."): it attributes that sentence,
    not the story after it (unlike "According to Axios, ..." or "..., according to Axios.")."""
    if claim.rule != "according_to" or claim.cue_token is None:
        return False
    cue = doc[claim.cue_token]
    return claim.start < cue.idx and claim.end > cue.idx + len(cue)


_LEAD_PARAGRAPH_CHARS = 200  # shorter opening lines are a headline's teaser, not the story's first paragraph


def _is_lead(doc: Doc, claim: Claim, furniture: list[tuple[int, int]] = ()) -> bool:
    """The claim is the article's opening news: it starts in the first two sentences of the body
    (headlines, captions and bylines before them are no sentences of the story, nor are a credit or a
    dateline of a word or two the parser made sentences of their own: "Agence France-Presse," "LONDON:")."""
    sents = 0
    for sent in doc.sents:
        if sent.text.strip() and not any(s <= sent.start_char < e for s, e in furniture) \
                and (claim.start < sent.end_char or sum(t.is_alpha for t in sent) > 3):
            sents += 1
        if claim.start < sent.end_char:
            return sents <= 2
    return False


def _reports_first_paragraph(doc: Doc, claim: Claim, lexicon: Lexicon, furniture: list[tuple[int, int]]) -> bool:
    """An outlet's report closes the body's first full paragraph, short lines (a teaser under the headline)
    before it: "..., escalating the demand for her resignation, news agency AFP reported." frames the story
    as the lead's first sentences do. Only a report verb: "Reuters estimated around 200 people attended" is
    a figure the writer takes from the outlet, not the story's channel."""
    if claim.cue_token is None or lexicon.cue_category(doc[claim.cue_token].lemma_) != "report":
        return False
    return _in_first_paragraph(doc_text(doc), claim.start, furniture)


def _in_first_paragraph(text: str, at: int, furniture: list[tuple[int, int]]) -> bool:
    """`at` lies in the first line of the text, furniture aside, that is long enough to be a paragraph."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if len(line.strip()) >= _LEAD_PARAGRAPH_CHARS and not any(s <= start + len(line) - len(line.lstrip()) < e
                                                                 for s, e in furniture):
            return start <= at < end
        if at < end:
            return False
        start = end + 1
    return False
