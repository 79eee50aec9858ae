"""The small result types the extract functions pass along (doc-level char offsets)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

_TEXT_KEY = ("whosaid", "text")
UNNAMED_MEDIA = "media:"  # source-key prefix of outlets the text leaves unnamed ("Western media"): no frame


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins it from the tokens on every access, which costs a
    whole pass over a long article each time. A doc's text never changes (retokenizing keeps it)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Tell ``doc_text`` what ``doc``'s text is when the caller built the doc from it (``make_doc``)."""
    doc.user_data[_TEXT_KEY] = text


@dataclass(slots=True)
class Mention:
    """A phrase naming (or pointing at) a source: "Kirill Dmitriev", "he", "the publication"."""

    start: int
    end: int
    head: int  # token index of the phrase's head
    form: str  # name | pronoun | nominal | anonymous | outlet | document
    descriptors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ClaimCandidate:
    start: int
    end: int
    kind: str  # direct | indirect | mixed | according_to
    rule: str  # which construction found it (for debugging and confidence)
    confidence: float
    cue: tuple[int, int] | None = None
    cue_token: int | None = None
    speaker: Mention | None = None
    hops: list[Mention] = field(default_factory=list)  # explicit outlets, nearest to the speaker first
    agentless: bool = False  # "It is noted that ...": a cue with no one named
    sets_frame: bool = False  # the speaker or a hop is an outlet reporting (not an interviewer)
    paragraph: int = 0
    # filled in by the speaker and relay steps
    source: int | None = None
    relay: list[int] = field(default_factory=list)


@dataclass(slots=True)
class SourceEntity:
    name: str
    type: str  # person | organization | outlet | anonymous | document | unknown
    key: str
    anonymous: bool = False
    descriptors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    plural: bool = False
