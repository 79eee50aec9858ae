"""Relay chains: the outlets between a speaker and the reader, nearest to the speaker first.

- the publisher (metadata, or a credit in the text: "..., reports UNN") is always the last hop;
- a wire dateline ("KYIV (Reuters) -") makes the wire the hop before the publisher;
- hops a claim's own sentence names come first ("told Axios", "according to the publication, citing");
- an outlet frame ("This is reported by the publication Axios ...", "Axios reported that ...") carries
  over to the claims that follow: a frame set in the lead covers the article (the aggregator's
  "this is what Axios reports" story); one set later covers its paragraph, until another outlet frame.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from app.nlp.extract.types import UNNAMED_MEDIA, ClaimCandidate, SourceEntity, doc_text
from app.nlp.lexicon import Lexicon

_CREDIT_VERBS = r"(?:reports|reported|writes|wrote|informs|informed|notes|says|said|according\s+to)"
_LEAD_CHARS = 1500


def _credit_pattern(lexicon: Lexicon) -> re.Pattern:
    names = "|".join(re.escape(n) for n in sorted(lexicon.outlets, key=len, reverse=True))
    # ", reports UNN." / ", UNN reports." / "— UNN" closing a sentence of the lead
    # an outlet the lexicon does not list, credited the same way: ", writes Glavcom.", ", reports NV."
    shaped = r"[A-Z][\w&'-]*(?:\.[a-z]{2,4})?(?:[ -][A-Z0-9][\w&'-]*(?:\.[a-z]{2,4})?){0,3}"
    return re.compile(
        rf"(?:[,\u2014\u2013-]\s*{_CREDIT_VERBS}\s+(?:the\s+)?(?P<a>{names})(?:'s)?(?:\s+(?:correspondent|reporter|journalist))?"
        rf"|[,\u2014\u2013-]\s*(?:the\s+|an?\s+)?(?P<b>{names})(?:\s+(?:correspondent|reporter|journalist)"
        rf"(?:\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?)?\s+(?:reports|writes|informs)"
        rf"|[,\u2014\u2013-]\s*(?:reports|writes|informs)\s+(?P<c>{shaped}))"
        rf"(?=\s*,?\s*(?:[.;]|with reference|citing|referring|quoting|$))",
        re.MULTILINE,
    )


_CREDIT: dict[int, re.Pattern] = {}


def credit_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Publisher credit lines in the lead: (start, end, canonical outlet)."""
    key = id(lexicon)
    if key not in _CREDIT:
        _CREDIT[key] = _credit_pattern(lexicon)
    out = []
    for m in _CREDIT[key].finditer(text[:_LEAD_CHARS]):
        name = m.group("a") or m.group("b") or m.group("c")
        out.append((m.start(), m.end(), lexicon.canonical_outlet(name) or name))
    return out


def publisher_credits(text: str, lexicon: Lexicon, publisher: str | None) -> list[tuple[int, int]]:
    """The credit spans that credit `publisher` (all of them when it is not known): "The Telegraph writes
    with reference to sources" on a Kyiv Post page is a relay frame, not the page's credit."""
    spans = credit_spans(text, lexicon)
    if publisher:
        own = (lexicon.canonical_outlet(publisher) or publisher).lower()
        spans = [sp for sp in spans if sp[2].lower() == own]
    return [(start, end) for start, end, _ in spans]


def detect_publisher(text: str, lexicon: Lexicon) -> str | None:
    """The publisher a text credits itself to, e.g. "..., reports UNN." in its lead."""
    spans = credit_spans(text, lexicon)
    return spans[0][2] if spans else None


def assign_relays(doc: Doc, claims: list[ClaimCandidate], sources: list[SourceEntity], lexicon: Lexicon,
                  *, publisher: str | None, wire: str | None) -> None:
    """Set `claim.relay` (source indices, nearest to the speaker first) for every claim."""
    index = {s.key: i for i, s in enumerate(sources)}

    def outlet(name: str | None) -> int | None:
        if not name:
            return None
        canonical = lexicon.canonical_outlet(name) or name
        key = "outlet:" + canonical.lower()
        if key not in index:  # named as given (the publisher's metadata, the dateline's "(AFP)")
            sources.append(SourceEntity(name=name.strip(), type="outlet", key=key))
            index[key] = len(sources) - 1
        return index[key]

    pub = outlet(publisher)
    wire_idx = outlet(wire) if wire and (lexicon.canonical_outlet(wire) or wire) != (publisher and (lexicon.canonical_outlet(publisher) or publisher)) else None
    if pub is None and wire_idx is not None:
        pub, wire_idx = wire_idx, None
    # Only a frame the lead sets carries over to other speakers' claims: an aggregator's "This is
    # reported by Axios ..." story. A later "CNN reported that ..." is CNN's claim, and resolves a
    # following "the publication" or agentless "it is noted", but does not relay the next speaker.
    frame: int | None = None
    carries = False
    if (named := _source_line_outlet(doc_text(doc), lexicon)) is not None:
        # Ukrainska Pravda's layout: "Source: Reiter in an interview with Bild" under the lead names the
        # outlet the whole story comes through
        frame, carries = outlet(named), True
    # an interview hop ("Graham spoke on Fox News") carries to the same speaker's next claims in
    # the same paragraph ("..., Graham continued.")
    interview: tuple[int | None, int, list[int]] | None = None
    previous: tuple[int, int, list[int]] | None = None  # the last claim's source, paragraph and hops
    for claim in sorted(claims, key=lambda c: c.start):
        hops = [h for h in dict.fromkeys(claim.relay) if h != claim.source]
        if hops and claim.source is not None:
            interview = (claim.source, claim.paragraph, hops)
        elif interview is not None and claim.source == interview[0] and (
                claim.paragraph == interview[1] or _continues(doc, claim) or not _own_channel(doc, claim, lexicon)):
            # the same speaker goes on, in the same interview until the text names another channel
            hops = list(interview[2])
        elif interview is not None and claim.source != interview[0]:
            interview = None
        if hops and frame is not None and hops[-1] != frame and not claim.sets_frame:
            # "In a comment to RBC-Ukraine, an expert said ...": the text has moved to another channel;
            # the lead's outlet frame ends here
            frame, carries = None, False
        speaker = sources[claim.source] if claim.source is not None else None
        if speaker is None and claim.agentless and previous is not None and previous[1] == claim.paragraph:
            # "DTEK reported on Telegram that ... . It is reported that ...": the paragraph's source goes on
            claim.source, speaker = previous[0], sources[previous[0]]
            hops = hops or list(previous[2])
        elif speaker is None and claim.agentless and frame is not None:
            claim.source, speaker = frame, sources[frame]
        if claim.sets_frame:
            new = hops[-1] if hops else claim.source
            if new is not None and new != pub and not sources[new].key.startswith(UNNAMED_MEDIA):
                frame = new
                carries = carries or _is_lead(doc, claim)
        chain = list(hops)
        if not chain and carries and frame is not None and claim.source not in (frame, pub) \
                and not (speaker is not None and speaker.type == "outlet") and not _own_channel(doc, claim, lexicon):
            chain.append(frame)
        for extra in (wire_idx, pub):
            if extra is not None and extra != claim.source and (not chain or chain[-1] != extra):
                chain.append(extra)
        claim.relay = chain
        if claim.source is not None:
            previous = (claim.source, claim.paragraph, hops)


_SOURCE_LINE = re.compile(r"^[ \t]*Source:[ \t]*(?P<rest>[^\n]{1,200})$", re.MULTILINE)


def _source_line_outlet(text: str, lexicon: Lexicon) -> str | None:
    """The outlet a "Source: ..." line in the lead names ("Source: Reiter in an interview with Bild",
    "Source: Reuters"), as the text writes it; None when there is no such line or it names no outlet."""
    m = _SOURCE_LINE.search(text, 0, _LEAD_CHARS)
    if m is None:
        return None
    rest = m.group("rest")
    found = [(rest.find(name), name) for name in lexicon.outlets
             if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", rest)]
    return max(found, key=lambda f: (len(f[1]), -f[0]))[1] if found else None


def _own_channel(doc: Doc, claim: ClaimCandidate, lexicon: Lexicon) -> bool:
    """The claim reached the publisher through the speaker's own channel, not through the lead's outlet:
    "told reporters in London", "at a press conference in Kyiv", "wrote on Telegram", "in a statement".
    Read in the cue's sentence and, for a speaker the cue names by a pronoun, in the sentence before the
    claim that introduced them ("The minister spoke at a press conference. 'Our partners know what we
    need,' he said.")."""
    if claim.cue_token is None:
        return False
    sents = [doc[claim.cue_token].sent]
    first = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if claim.speaker is not None and claim.speaker.form == "pronoun" and first is not None and first.sent.start > 0:
        sents.append(doc[first.sent.start - 1].sent)
    return any(lexicon.is_word("channel", t.lower_) for sent in sents for t in sent
               if not claim.start <= t.idx < claim.end)


def _continues(doc: Doc, claim: ClaimCandidate) -> bool:
    """"..., Graham continued.": the text marks the claim as the same occasion as the last one."""
    return claim.rule == "continued" or (
        claim.cue_token is not None and doc[claim.cue_token].lemma_ in ("continue", "add", "go"))


def _is_lead(doc: Doc, claim: ClaimCandidate) -> bool:
    """The claim is the article's opening news: it starts in the first two sentences of the body."""
    sents = 0
    for sent in doc.sents:
        if sent.text.strip():
            sents += 1
        if claim.start < sent.end_char:
            return sents <= 2
    return False
