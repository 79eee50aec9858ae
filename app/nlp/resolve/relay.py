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

from app.nlp.evidence import Claim, SourceEntity, WireSignal, replace
from app.nlp.lexicon import Lexicon
from app.nlp.publisher import LEAD_CHARS
from app.nlp.text import UNNAMED_MEDIA, doc_text


_WIRE_KINDS = {"dateline": "its dateline", "byline": "its byline", "credit": "its credit line",
               "reporting": "the agency's own reporting"}


def wire_copy(signals: list[WireSignal], header_wire: str | None) -> tuple[str, int, str] | None:
    """The agency whose copy the page is, where its story starts, and why: a dateline first (the
    header's, then one further down the page), then a byline, a credit line, the agency's own reporting."""
    if header_wire and not signals:
        return header_wire, 0, "hop {}: the wire dateline"
    for kind in ("dateline", "byline", "credit", "reporting"):
        for s in signals:
            if s.kind == kind:
                start = s.start if kind == "dateline" else 0
                return s.agency, start, f"hop {{}}: wire copy ({_WIRE_KINDS[kind]})"
    return None


def assign_relays(doc: Doc, claims: list[Claim], sources: list[SourceEntity], lexicon: Lexicon,
                  *, publisher: str | None, wire: str | None,
                  signals: list[WireSignal] | None = None) -> list[Claim]:
    """The claims with their relay (source indices, nearest to the speaker first) and its trace; new
    outlets (the publisher, the wire) are appended to ``sources``."""
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

    def named(i: int) -> str:
        return sources[i].name

    pub = outlet(publisher)
    copy = wire_copy(signals or [], wire)
    wire_idx, wire_from, wire_why = None, 0, ""
    if copy is not None:
        wire_idx, wire_from, wire_why = outlet(copy[0]), copy[1], copy[2]
        if wire_idx == pub:
            wire_idx = None
    if pub is None and wire_idx is not None:
        pub, wire_idx = wire_idx, None
    # Only a frame the lead sets carries over to other speakers' claims: an aggregator's "This is
    # reported by Axios ..." story. A later "CNN reported that ..." is CNN's claim, and resolves a
    # following "the publication" or agentless "it is noted", but does not relay the next speaker.
    frame: int | None = None
    frame_why = ""
    carries = False
    if (line := _source_line_outlet(doc_text(doc), lexicon)) is not None:
        # Ukrainska Pravda's layout: "Source: Reiter in an interview with Bild" under the lead names the
        # outlet the whole story comes through
        frame, carries = outlet(line), True
        frame_why = f"hop {line}: the lead's 'Source:' line"
    # an interview hop ("Graham spoke on Fox News") carries to the same speaker's next claims in
    # the same paragraph ("..., Graham continued.")
    interview: tuple[int | None, int, list[int]] | None = None
    previous: tuple[int, int, list[int]] | None = None  # the last claim's source, paragraph and hops
    out: dict[int, Claim] = {}
    for k in sorted(range(len(claims)), key=lambda k: claims[k].start):
        claim = claims[k]
        source = claim.source
        hops = [h for h in dict.fromkeys(claim.hop_sources) if h != source]
        why: list[str] = []
        if hops and source is not None:
            interview = (source, claim.paragraph, hops)
        elif interview is not None and source == interview[0] and (
                claim.paragraph == interview[1] or _continues(doc, claim) or not _own_channel(doc, claim, lexicon)):
            # the same speaker goes on, in the same interview until the text names another channel
            hops = list(interview[2])
            why += [f"hop {named(h)}: the same speaker's interview goes on" for h in hops]
        elif interview is not None and source is not None and source != interview[0]:
            interview = None
        if hops and frame is not None and hops[-1] != frame and not claim.sets_frame:
            # "In a comment to RBC-Ukraine, an expert said ...": the text has moved to another channel;
            # the lead's outlet frame ends here
            frame, carries = None, False
        speaker = sources[source] if source is not None else None
        if speaker is None and claim.agentless and previous is not None and previous[1] == claim.paragraph:
            # "DTEK reported on Telegram that ... . It is reported that ...": the paragraph's source goes on
            source, speaker = previous[0], sources[previous[0]]
            why.append(f"speaker: {speaker.name}, the paragraph's source, goes on (agentless cue)")
            if not hops:
                hops = list(previous[2])
        elif speaker is None and claim.agentless and frame is not None:
            source, speaker = frame, sources[frame]
            why.append(f"speaker: {speaker.name}, the outlet whose frame holds (agentless cue)")
        if claim.sets_frame:
            new = hops[-1] if hops else source
            if new is not None and new != pub and not sources[new].key.startswith(UNNAMED_MEDIA):
                frame = new
                frame_why = f"hop {named(new)}: frame opened in paragraph {claim.paragraph + 1}"
                carries = carries or _is_lead(doc, claim)
        chain = list(hops)
        if not chain and carries and frame is not None and source not in (frame, pub) \
                and not (speaker is not None and speaker.type == "outlet") and not _own_channel(doc, claim, lexicon):
            chain.append(frame)
            why.append(frame_why)
        if wire_idx is not None and claim.start >= wire_from and wire_idx != source and wire_idx not in chain:
            chain.append(wire_idx)
            why.append(wire_why.format(named(wire_idx)))
        if pub is not None and pub != source and (not chain or chain[-1] != pub):
            chain.append(pub)
            why.append(f"hop {named(pub)}: the publisher")
        out[k] = replace(claim, source=source, relay=tuple(chain), relay_why=tuple(why))
        if source is not None:
            previous = (source, claim.paragraph, hops)
    return [out[k] for k in range(len(claims))]


_SOURCE_LINE = re.compile(r"^[ \t]*Source:[ \t]*(?P<rest>[^\n]{1,200})$", re.MULTILINE)
_SOURCE_LINE_CHARS = 800  # the line stands under the lead, not at the page's foot (a credit line there)


def _source_line_outlet(text: str, lexicon: Lexicon) -> str | None:
    """The outlet a "Source: ..." line in the lead names ("Source: Reiter in an interview with Bild",
    "Source: Reuters"), as the text writes it; None when there is no such line or it names no outlet."""
    m = _SOURCE_LINE.search(text, 0, min(LEAD_CHARS, _SOURCE_LINE_CHARS))
    if m is None:
        return None
    rest = m.group("rest")
    if lexicon.canonical_outlet(rest.strip(" .")):
        return None  # "Source: Reuters": a credit line, the wire rule's
    found = [(rest.find(name), name) for name in lexicon.outlets
             if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", rest)]
    return max(found, key=lambda f: (len(f[1]), -f[0]))[1] if found else None


def _own_channel(doc: Doc, claim: Claim, lexicon: Lexicon) -> bool:
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


def _continues(doc: Doc, claim: Claim) -> bool:
    """"..., Graham continued.": the text marks the claim as the same occasion as the last one."""
    return claim.rule == "continued" or (
        claim.cue_token is not None and doc[claim.cue_token].lemma_ in ("continue", "add", "go"))


def _is_lead(doc: Doc, claim: Claim) -> bool:
    """The claim is the article's opening news: it starts in the first two sentences of the body."""
    sents = 0
    for sent in doc.sents:
        if sent.text.strip():
            sents += 1
        if claim.start < sent.end_char:
            return sents <= 2
    return False
