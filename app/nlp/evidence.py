"""Typed, immutable evidence: what the rules find in a parsed Doc, and what the resolver makes of it.

Rules (``app.nlp.rules``) read the Doc and the evidence found so far, and yield new evidence; nothing
they yield is changed afterwards. The resolver (``app.nlp.resolve``) combines it into claims: it builds
new objects with ``dataclasses.replace`` and never mutates what a rule wrote.

Offsets are character offsets into the Doc's text. Every type turns into plain JSON-able data
(``to_data``) and back (``from_data``), which is what the components leave on the Doc: it survives
``Doc.to_bytes()``, ``DocBin`` and ``nlp.pipe(n_process=...)``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace

__all__ = ["Mention", "Hop", "Attribution", "Recast", "Supersede", "Furniture", "WireSignal", "Claim",
           "SourceEntity", "replace"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase naming (or pointing at) a source: "Kirill Dmitriev", "he", "the publication".

    ``form``: name | pronoun | nominal | nominal_outlet | anonymous | outlet | document | elliptic | other.
    """

    start: int
    end: int
    head: int  # token index of the phrase's head
    form: str
    descriptors: tuple[str, ...] = ()

    def to_data(self) -> dict:
        return {"start": self.start, "end": self.end, "head": self.head, "form": self.form,
                "descriptors": list(self.descriptors)}

    @classmethod
    def from_data(cls, data: dict | None) -> "Mention | None":
        if data is None:
            return None
        return cls(data["start"], data["end"], data["head"], data["form"], tuple(data.get("descriptors", ())))


@dataclass(frozen=True, slots=True)
class Hop:
    """An outlet the claim's own attribution names between the speaker and the reader ("told Axios"),
    with the reason it is a hop, for the claim's trace."""

    mention: Mention
    why: str
    interview: bool = False  # the speaker talked to the outlet ("told X", "in an interview with X")

    def to_data(self) -> dict:
        return {"mention": self.mention.to_data(), "why": self.why, "interview": self.interview}

    @classmethod
    def from_data(cls, data: dict) -> "Hop":
        return cls(Mention.from_data(data["mention"]), data["why"], data.get("interview", False))


@dataclass(frozen=True, slots=True)
class Attribution:
    """A claim as one rule found it: content span, kind, cue, the speaker mention as written and the
    hops its own attribution names. ``rule`` names the rule; ``why`` is its trace."""

    start: int
    end: int
    kind: str  # direct | indirect | mixed | according_to
    rule: str
    confidence: float
    cue: tuple[int, int] | None = None
    cue_token: int | None = None
    speaker: Mention | None = None
    hops: tuple[Hop, ...] = ()
    agentless: bool = False  # "It is noted that ...": a cue with no one named
    sets_frame: bool = False  # the speaker or a hop is an outlet reporting (not an interviewer)
    why: tuple[str, ...] = ()

    @property
    def hop_mentions(self) -> list[Mention]:
        return [h.mention for h in self.hops]

    def traced(self, *reasons: str) -> "Attribution":
        return replace(self, why=self.why + tuple(r for r in reasons if r))

    def to_data(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "rule": self.rule,
                "confidence": self.confidence, "cue": list(self.cue) if self.cue else None,
                "cue_token": self.cue_token, "speaker": self.speaker.to_data() if self.speaker else None,
                "hops": [h.to_data() for h in self.hops], "agentless": self.agentless,
                "sets_frame": self.sets_frame, "why": list(self.why)}

    @classmethod
    def from_data(cls, data: dict) -> "Attribution":
        return cls(data["start"], data["end"], data["kind"], data["rule"], data["confidence"],
                   tuple(data["cue"]) if data.get("cue") else None, data.get("cue_token"),
                   Mention.from_data(data.get("speaker")), tuple(Hop.from_data(h) for h in data.get("hops", ())),
                   data.get("agentless", False), data.get("sets_frame", False), tuple(data.get("why", ())))


@dataclass(frozen=True, slots=True)
class Recast:
    """A later sentence names the source of an outlet's claim ("TASS claims that ... . The agency cites
    the Defense Ministry."): the claim at ``target`` (its cue token) becomes ``speaker``'s, relayed by
    the outlet that claimed it."""

    target: int
    speaker: Mention
    why: str


@dataclass(frozen=True, slots=True)
class Supersede:
    """A rule that read a cue better than an earlier one: the earlier attributions of ``cue_token``
    are dropped (only the one of content ``span``, where it is given)."""

    cue_token: int
    why: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line of page furniture (headline, caption, teaser, byline, dateline, "Read more"): never a claim."""

    start: int
    end: int
    kind: str  # headline | caption | teaser | byline | dateline | boilerplate

    def to_data(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind}

    @classmethod
    def from_data(cls, data: dict) -> "Furniture":
        return cls(data["start"], data["end"], data["kind"])


@dataclass(frozen=True, slots=True)
class WireSignal:
    """Evidence that the page carries an agency's copy: a dateline, a credit line, a byline, or the
    agency's own reporting ("told AFP")."""

    start: int
    end: int
    agency: str  # as the text writes it
    kind: str  # dateline | credit | byline | reporting

    def to_data(self) -> dict:
        return {"start": self.start, "end": self.end, "agency": self.agency, "kind": self.kind}

    @classmethod
    def from_data(cls, data: dict) -> "WireSignal":
        return cls(data["start"], data["end"], data["agency"], data["kind"])


@dataclass(slots=True)
class SourceEntity:
    """A source of the article: named (canonical across the article), anonymous, or an outlet."""

    name: str
    type: str  # person | organization | outlet | anonymous | document | unknown
    key: str
    anonymous: bool = False
    descriptors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    plural: bool = False
    pointer: bool = False  # an outlet known only as "the website": it points at one the text never named

    def to_data(self) -> dict:
        data = asdict(self)
        data["mentions"] = [list(m) for m in self.mentions]
        return data

    @classmethod
    def from_data(cls, data: dict) -> "SourceEntity":
        names = {f.name for f in fields(cls)}
        out = cls(**{k: v for k, v in data.items() if k in names})
        out.mentions = [tuple(m) for m in out.mentions]
        return out


@dataclass(frozen=True, slots=True)
class Claim:
    """A resolved claim: the attribution the rules found, the paragraph it starts in, its speaker's
    source and its hops' sources (indices into the doc's sources), its relay (source indices, nearest
    to the speaker first, the publisher last), its confidence and its whole trace."""

    attribution: Attribution
    paragraph: int = 0
    source: int | None = None
    hop_sources: tuple[int, ...] = ()
    interviews: tuple[int, ...] = ()  # the hop sources the speaker talked to ("told X")
    relay: tuple[int, ...] = ()
    relay_why: tuple[str, ...] = ()
    confidence: float | None = None  # None: the rule's own confidence stands

    # the attribution's fields, read through
    start = property(lambda self: self.attribution.start)
    end = property(lambda self: self.attribution.end)
    kind = property(lambda self: self.attribution.kind)
    rule = property(lambda self: self.attribution.rule)
    cue = property(lambda self: self.attribution.cue)
    cue_token = property(lambda self: self.attribution.cue_token)
    speaker = property(lambda self: self.attribution.speaker)
    hops = property(lambda self: self.attribution.hops)
    agentless = property(lambda self: self.attribution.agentless)
    sets_frame = property(lambda self: self.attribution.sets_frame)

    @property
    def score(self) -> float:
        return self.attribution.confidence if self.confidence is None else self.confidence

    @property
    def why(self) -> tuple[str, ...]:
        """The rules that decided the claim: its cue and span, its speaker, then each relay hop."""
        own = tuple(h.why for h in self.attribution.hops)
        return tuple(w for w in self.attribution.why + own + self.relay_why if w)

    def to_data(self) -> dict:
        return {"attribution": self.attribution.to_data(), "paragraph": self.paragraph, "source": self.source,
                "hop_sources": list(self.hop_sources), "interviews": list(self.interviews), "relay": list(self.relay),
                "relay_why": list(self.relay_why), "confidence": self.confidence}

    @classmethod
    def from_data(cls, data: dict) -> "Claim":
        return cls(Attribution.from_data(data["attribution"]), data.get("paragraph", 0), data.get("source"),
                   tuple(data.get("hop_sources", ())), tuple(data.get("interviews", ())), tuple(data.get("relay", ())),
                   tuple(data.get("relay_why", ())), data.get("confidence"))
