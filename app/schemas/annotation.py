"""The annotation contract (DESIGN.md): the JSON every tool, benchmark and test reads."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SCHEMA = "whosaid.annotation/1"

ClaimKind = Literal["direct", "indirect", "mixed", "according_to"]
SourceType = Literal["person", "organization", "outlet", "anonymous", "document", "unknown"]


class TextSpan(BaseModel):
    """A span of the article text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int


class SpeakerRef(TextSpan):
    """The mention of a claim's speaker, and the source it resolves to."""

    source: str


class Claim(BaseModel):
    id: str
    text: str
    start: int
    end: int
    kind: ClaimKind
    cue: TextSpan | None = None
    speaker: SpeakerRef | None = None
    relay: list[str] = Field(default_factory=list, description="source ids, nearest to the speaker first")
    confidence: float = Field(ge=0.0, le=1.0)
    why: list[str] = Field(default_factory=list, description=(
        "the claim's trace: the rules that decided its cue and span, its speaker and each relay hop "
        "(additive and optional: a reader that ignores it loses nothing)"))


class Source(BaseModel):
    id: str
    name: str
    type: SourceType
    anonymous: bool = False
    descriptors: list[str] = Field(default_factory=list)
    affiliation: str | None = None
    mentions: list[TextSpan] = Field(default_factory=list)


class Annotation(BaseModel):
    schema_: str = Field(default=SCHEMA, alias="schema")
    text: str
    publisher: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    claims: list[Claim] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    model_config = {"populate_by_name": True}

    def to_json_dict(self) -> dict:
        return self.model_dump(by_alias=True)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)
