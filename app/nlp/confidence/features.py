"""The evidence behind one claim, as the named features the confidence model weighs.

Everything here is read from what the engine already decided (the resolved ``Claim``, its sources, the
page furniture, the parse): which rule found the cue and span, how far the cue stands from the content,
what kind of mention names the speaker and what it resolved to, whether the parse and the surface agree on
the speaker, how many relay hops came from which layer, and how near the claim stands to page furniture.
Features are sparse: a name absent from the dict is 0. One-hot families are written ``family=value``
(``rule=reported``, ``source=person``) so that a rule or a source type added later becomes a feature of
its own when the model is retrained.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from spacy.tokens import Doc, Token

from app.nlp.confidence.traces import trace_kind
from app.nlp.evidence import Claim, Furniture, SourceEntity
from app.nlp.text import doc_text

_WORD = re.compile(r"\w+")
# furniture this close to a claim (characters) is a sign that the claim may be furniture too: a caption's
# or a teaser's words the classifier missed
FURNITURE_NEAR_CHARS = 300
# the speaker's head hangs from the cue through at most these labels: "X said", "said X", "according to
# X" (pobj of the cue's preposition), "by X" (agent), "X's statement" (poss)
_SPEAKER_DEPS = {"nsubj", "nsubjpass", "agent", "pobj", "poss", "dobj", "appos", "npadvmod", "attr"}


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _log_count(n: int | float) -> float:
    return math.log1p(max(0.0, n))


def claim_features(claim: Claim, doc: Doc, sources: list[SourceEntity],
                   furniture: list[Furniture] = ()) -> dict[str, float]:
    """The features of one resolved claim of ``doc`` (offsets into the doc's text)."""
    text = doc_text(doc)
    f: dict[str, float] = {"bias": 1.0, f"kind={claim.kind}": 1.0, f"rule={claim.rule}": 1.0}
    content = text[claim.start:claim.end]
    f["content_words"] = _log_count(_words(content))
    if content.rstrip(" \"'\u201d\u2019").endswith("?"):
        f["content_question"] = 1.0
    f.update(_cue_features(claim, doc, text))
    f.update(_speaker_features(claim, doc, text, sources))
    f.update(_trace_features(claim))
    f.update(_position_features(claim, text, furniture))
    f.update(_outlet_features(claim, text, sources))
    if claim.sets_frame:
        f["sets_frame"] = 1.0
    if claim.agentless:
        f["agentless"] = 1.0
    return f


def _cue_features(claim: Claim, doc: Doc, text: str) -> dict[str, float]:
    """How far the cue stands from what it attributes, and whether the parse puts them in one sentence."""
    if claim.cue is None:
        return {"cue=none": 1.0}
    f: dict[str, float] = {}
    cue_start, cue_end = claim.cue
    if cue_end <= claim.start:
        f["cue_gap_words"] = _log_count(_words(text[cue_end:claim.start]))
    elif cue_start >= claim.end:
        f["cue_gap_words"] = _log_count(_words(text[claim.end:cue_start]))
        f["cue_after_content"] = 1.0
    else:
        f["cue_inside_content"] = 1.0
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if span is not None and len(span) and doc.has_annotation("DEP"):
        sentences = {sent.start for sent in span.sents}
        f["content_sentences"] = _log_count(len(sentences) - 1)
        if claim.cue_token is not None and doc[claim.cue_token].sent.start not in sentences:
            f["cue_other_sentence"] = 1.0
    return f


def _linked(head: Token, cue: Token) -> bool:
    """The parse hangs the speaker from the cue: its subject, agent, the object of its preposition, the
    possessor of a reporting noun; or from a verb the cue is coordinated with or modifies."""
    for anchor in (cue, cue.head):
        tok, hops = head, 0
        while tok.dep_ in _SPEAKER_DEPS | {"prep", "pcomp", "compound"} and tok.head is not tok and hops < 3:
            tok, hops = tok.head, hops + 1
            if tok == anchor:
                return True
    return False


def _speaker_features(claim: Claim, doc: Doc, text: str, sources: list[SourceEntity]) -> dict[str, float]:
    """What names the speaker and what it resolved to; whether the parse and the words around the cue
    agree on it."""
    f: dict[str, float] = {}
    source = sources[claim.source] if claim.source is not None and claim.source < len(sources) else None
    if source is not None:
        f[f"source={source.type}"] = 1.0
        f["source_mentions"] = _log_count(len(source.mentions))
    speaker = claim.speaker
    if speaker is None:
        f["speaker=inferred" if source is not None else "speaker=none"] = 1.0
        return f
    f[f"speaker_form={speaker.form}"] = 1.0
    if 0 <= speaker.head < len(doc):
        f[f"speaker_entity={doc[speaker.head].ent_type_ or 'none'}"] = 1.0  # PERSON, ORG, GPE, DATE, ...
    if text[speaker.start:speaker.end][:1].islower():
        f["speaker_lowercase"] = 1.0  # "interlocutor", "scheduled outages": no name, no capital
    if source is not None and text[speaker.start:speaker.end].strip().lower() != source.name.lower():
        f["speaker_resolved_elsewhere"] = 1.0  # "he", "the minister", "Dmitriev" for Kirill Dmitriev
    if claim.start <= speaker.start < claim.end:
        f["speaker_inside_content"] = 1.0
    if claim.cue is None:
        return f
    gap = text[speaker.end:claim.cue[0]] if speaker.end <= claim.cue[0] else text[claim.cue[1]:speaker.start]
    gap_words = _words(gap)
    f["speaker_gap_words"] = _log_count(gap_words)
    surface = gap_words <= 2
    parse = False
    if claim.cue_token is not None and 0 <= speaker.head < len(doc) and doc.has_annotation("DEP"):
        cue, head = doc[claim.cue_token], doc[speaker.head]
        parse = _linked(head, cue)
        if head.sent.start != cue.sent.start:
            f["speaker_other_sentence"] = 1.0
    if parse and surface:
        f["speaker_parse_and_surface"] = 1.0
    elif parse:
        f["speaker_parse_only"] = 1.0
    elif surface:
        f["speaker_surface_only"] = 1.0
    return f


def _trace_features(claim: Claim) -> dict[str, float]:
    """How the trace says the speaker, the span and each relay hop were decided: counts of each kind."""
    kinds = Counter(trace_kind(line) or "unread" for line in claim.why)
    f: dict[str, float] = {}
    for kind, n in kinds.items():
        if kind == "cue":
            continue  # the rule itself is the ``rule=`` feature
        f[f"trace={kind}"] = float(n)
    f["relay_hops"] = float(len(claim.relay))
    if claim.interviews:
        f["interview"] = 1.0
    return f


def _outlet_features(claim: Claim, text: str, sources: list[SourceEntity]) -> dict[str, float]:
    """Outlets the text names around the claim that its relay leaves out: where a hop is most often lost
    ("..., writes Axios, citing an official" one line up)."""
    line_start = text.rfind("\n", 0, text.rfind("\n", 0, claim.start)) + 1  # the line before the claim's, too
    line_end = text.find("\n", claim.end)
    line_end = len(text) if line_end < 0 else line_end
    outlets = [k for k, s in enumerate(sources) if s.type == "outlet"]
    unused = [k for k in outlets if k not in claim.relay and k != claim.source
              and any(line_start <= m[0] < line_end for m in sources[k].mentions)]
    f = {"article_outlets": _log_count(len(outlets))}
    if unused:
        f["outlet_near_not_in_relay"] = float(len(unused))
    return f


def _position_features(claim: Claim, text: str, furniture: list[Furniture]) -> dict[str, float]:
    """Where the claim stands: its paragraph, the line it is on, page furniture near it."""
    f: dict[str, float] = {"paragraph": _log_count(claim.paragraph)}
    if claim.paragraph == 0:
        f["first_paragraph"] = 1.0
    line_start = text.rfind("\n", 0, claim.start) + 1
    line_end = text.find("\n", claim.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    if line and line[-1] not in ".\"'\u201d\u2019)!?:;":
        f["line_unfinished"] = 1.0  # a headline, a caption, a teaser: no sentence ends the line
    near = [x for x in furniture if x.kind != "dateline"
            and claim.start - FURNITURE_NEAR_CHARS <= x.end and x.start <= claim.end + FURNITURE_NEAR_CHARS]
    if near:
        f["furniture_near"] = 1.0
    if any(x.kind == "dateline" for x in furniture):
        f["dateline_in_page"] = 1.0
    return f
