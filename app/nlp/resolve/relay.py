"""Relay chains: the outlets between a speaker and the reader, nearest to the speaker first.

A claim's relay is built from four layers, each its own function, in this order:

1. **own hops** — the outlets its own attribution names ("told Axios", "in an interview with CNN",
   "Axios's sources", "X reported, citing ..."), and, for the same speaker, the interview they gave
   going on: a later claim of theirs keeps the outlet until the text names another channel, and an
   earlier claim of theirs just before the interview is named gets it too (``interviews``,
   ``named_interviews``: app/nlp/resolve/interviews.py);
2. **scoped frames** — an outlet's report that frames what follows ("Axios reported that ...", "This
   was reported by Reuters"): a frame the lead opens covers the article (an aggregator's retelling), one
   opened later covers the rest of its paragraph and the next; a frame ends where the text moves to
   another channel (another outlet, the speaker's own channel) or turns to other news ("Meanwhile,")
   (``frames``: app/nlp/resolve/frames.py);
3. **wire copy** — the agency whose copy the page is (``app.nlp.rules.wire``);
4. **the publisher** — metadata, or a credit in the text ("..., reports UNN"); always the last hop.

Every hop added says why in the claim's trace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from app.nlp.evidence import Claim, SourceEntity, WireSignal, replace
from app.nlp.lexicon import Lexicon
from app.nlp.resolve.frames import frames
from app.nlp.resolve.interviews import interview_sentences, interviews, named_interviews, reported_speaking
from app.nlp.resolve.outlets import LEADING_ARTICLE, spells_initials
from app.nlp.rules.content import reduced_participle
from app.nlp.rules.wire_names import wire_name

_WIRE_KINDS = {"dateline": "its dateline", "byline": "its byline", "credit": "its credit line",
               "reporting": "the agency's own reporting", "gathered": "the agency's own reporting",
               "syndication": "the outlet the page credits for it"}


def wire_copy(signals: list[WireSignal], header_wire: str | None,
              lexicon: Lexicon | None = None) -> list[tuple[str, int, str]]:
    """The outlets whose copy the page is, innermost first, each with where its story starts and why:
    the agency (a dateline first, the header's, then one further down the page; then a byline, a credit
    line, the agency's own reporting), then an outlet the page credits for the whole story ("courtesy of")."""
    if header_wire and not signals:  # only what the wire rule would take for an agency ("(UPDATED)" is not)
        name = wire_name(header_wire, lexicon, None) if lexicon is not None else header_wire
        return [(name, 0, "hop {}: the wire dateline")] if name else []
    out: list[tuple[str, int, str]] = []
    for kinds in (("dateline", "byline", "credit", "reporting", "gathered"), ("syndication",)):
        found = next((s for kind in kinds for s in signals if s.kind == kind), None)
        if found is not None:
            start = found.start if found.kind == "dateline" else 0
            same = (lambda a: lexicon.canonical_outlet(a) or a) if lexicon is not None else (lambda a: a)
            if start and any(s.kind != "dateline" and s.start < found.start and same(s.agency) == same(found.agency)
                             for s in signals):
                start = 0  # a byline or credit of the same agency above a later dateline: its copy from the top
            # (only what the other agency gathered itself, under a credit or a byline: sources that "told Reuters"
            # in AFP's copy are AFP's story citing Reuters; and not "Xinhua-OANA"'s Xinhua)
            inner = next((s for s in signals if s.kind == "gathered" and found.kind in ("credit", "byline")
                          and same(s.agency) != same(found.agency) and s.agency.lower() not in found.agency.lower()
                          and found.agency.lower() not in s.agency.lower()), None)
            if inner is not None and not out:
                # "Source: GNA" over copy that shows another agency's own reporting ("dpa was unable to contact
                # sources"): the credited agency carried that agency's story
                out.append((inner.agency, start, f"hop {{}}: wire copy ({_WIRE_KINDS[inner.kind]}, carried by another)"))
            out.append((found.agency, start, f"hop {{}}: wire copy ({_WIRE_KINDS[found.kind]})"))
    return out


@dataclass
class _Outlets:
    """The article's sources, with outlets added by name (the publisher, the wire) as needed."""

    sources: list[SourceEntity]
    lexicon: Lexicon

    def __post_init__(self) -> None:
        self.index = {s.key: i for i, s in enumerate(self.sources)}

    def add(self, name: str | None, *, credit: bool = False) -> int | None:
        if not name:
            return None
        # (an outlet no list has is keyed without its article, as the text's mentions of it are: "The Bell";
        # a credit's or a dateline's name by the credit's aliases too: "(AA)" is Anadolu Agency)
        canonical = self.lexicon.canonical_outlet(name, credit=credit) or LEADING_ARTICLE.sub("", name.strip())
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
    wires = [(outlets.add(name, credit=True), start, reason) for name, start, reason in wire_copy(signals or [], wire, lexicon)]
    # ("TOKYO (TR) –" on the Tokyo Reporter's page: the publisher's own initials are no agency)
    wires = [w for n, w in enumerate(wires) if w[0] != pub and all(w[0] != v[0] for v in wires[:n])
             and not (pub is not None and spells_initials(outlets.name(w[0]), outlets.name(pub))
                      and lexicon.canonical_outlet(outlets.name(w[0]), credit=True) is None)]
    if pub is None and wires:
        pub = wires.pop()[0]

    order = sorted(range(len(claims)), key=lambda k: claims[k].start)
    ordered = [claims[k] for k in order]
    # the sentences where an outlet reports (a frame it opens, or its report of the occasion: "He was
    # speaking at a briefing, reported Radio Pakistan")
    interviewed = interview_sentences(doc, lexicon)
    framing = {doc[c.cue_token].sent.start for c in ordered if c.cue_token is not None and (
        c.sets_frame or c.source is not None and sources[c.source].type == "outlet")} | {s.start for s, _, _ in interviewed}
    channels = [_own_channel(doc, c, lexicon, framing) for c in ordered]
    hops, why = interviews(doc, ordered, channels, outlets)
    named_interviews(ordered, hops, why, channels, outlets, interviewed, pub)
    reported_speaking(doc, ordered, hops, why, channels, outlets)
    resolved = frames(doc, ordered, hops, why, channels, outlets, lexicon, pub, furniture)

    # an acronym of the publisher's name is the publisher ("one of the MPs told UP" on Ukrainska Pravda's page)
    # (not a listed outlet's credit name, "told AA", nor the initials of another outlet the text named:
    # "Komsomolskaya Pravda ... told KP" on the Kyiv Post's page)
    own = {i for i, s in enumerate(sources) if pub is not None and s.type == "outlet"
           and spells_initials(s.name, outlets.name(pub)) and lexicon.canonical_outlet(s.name, credit=True) is None
           and not any(k not in (i, pub) and o.type == "outlet" and spells_initials(s.name, o.name)
                       for k, o in enumerate(sources))}
    out: dict[int, Claim] = {}
    for k, (claim, (source, chain, reasons)) in zip(order, zip(ordered, resolved)):
        chain = [pub if h in own else h for h in chain]
        chain = [h for n, h in enumerate(chain) if h not in chain[:n]]
        for wire_idx, wire_from, wire_why in wires:
            if claim.start >= wire_from and wire_idx != source and wire_idx not in chain \
                    and not any(_same_agency(outlets.name(wire_idx), outlets.name(h), lexicon) for h in chain):
                chain.append(wire_idx)
                reasons.append(wire_why.format(outlets.name(wire_idx)))
        if pub is not None and (not chain or chain[-1] != pub):
            # (the publisher's own claim too: "As Belsat reported earlier, ..." on Belsat's page)
            chain.append(pub)
            reasons.append(f"hop {outlets.name(pub)}: the publisher")
        out[k] = replace(claim, source=source, relay=tuple(chain), relay_why=tuple(reasons))
    return [out[k] for k in range(len(claims))]


def _same_agency(a: str, b: str, lexicon: Lexicon) -> bool:
    """"Xinhua-OANA" (a dateline's credit) and "Xinhua" ("told Xinhua") name one agency: a hop already in the
    chain under one of the names of a combined credit."""
    def parts(name: str) -> set[str]:
        return {lexicon.canonical_outlet(p) or p.strip() for p in re.split(r"[-/]", name) if p.strip()}
    return bool(parts(a) & parts(b))


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
    # (a participle describing the noun before it is no channel: "an interview with ICTV broadcast on Saturday")
    return any(lexicon.is_word("channel", t.lower_) and not claim.start <= t.idx < claim.end
               and not (t.pos_ == "VERB" and reduced_participle(t, lexicon)) for sent in sents for t in sent)
