"""The stories' API models (pydantic), separate from the ORM and from app/schemas/api.py."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.api import MAX_ID, UtcDatetime
from app.stories.queries import Story, StorySummary
from app.stories.suggestions import Suggestion

class StorySummaryOut(BaseModel):
    id: int = Field(description="The story's id: its smallest claim id.")
    claims: int
    articles: int
    outlets: int
    first_published: date | None
    last_published: date | None
    text: str = Field(description="The wording of the story's first stored claim.")
    speaker: str | None

    @classmethod
    def of(cls, s: StorySummary) -> StorySummaryOut:
        return cls(**s.__dict__)


class MemberOut(BaseModel):
    claim_id: int
    article_id: int
    publisher: str | None
    published: date | None
    ingested: UtcDatetime
    title: str | None
    url: str | None
    speaker_id: int | None
    speaker: str | None
    relay: list[str] = Field(description="Outlets between the speaker and the reader, nearest to the speaker first.")
    text: str


class EdgeOut(BaseModel):
    source: str
    target: str
    claims: int
    first: date | None
    last: date | None


class SegmentOut(BaseModel):
    text: str
    change: Literal["added", "removed"] | None


class FlagOut(BaseModel):
    kind: Literal["number", "date", "negation", "hedge", "speaker_dropped", "hop_dropped"]
    base: list[str]
    other: list[str]


class ChangeOut(BaseModel):
    claim_id: int
    segments: list[SegmentOut] = Field(description="The member's wording against the first appearance's.")
    flags: list[FlagOut] = Field(description="Differences that change meaning.")


class OriginOut(BaseModel):
    outlet: str | None
    appearances: int = Field(description="How many of the story's articles name it.")


class StorySpeakerOut(BaseModel):
    name: str
    type: str | None
    source_ids: list[int] = Field(description="Anonymous sources belong to one article each: the story groups "
                                  "those of one description into one speaker.")
    claims: int
    articles: int
    descriptions: list[str] = Field(description="An anonymous speaker's descriptions in the story's articles, "
                                    "the most common first; empty for a named one.")


class StoryOut(BaseModel):
    id: int
    articles: int
    outlets: list[str]
    speakers: list[StorySpeakerOut]
    first_appearance: MemberOut
    origin: OriginOut
    members: list[MemberOut] = Field(description="In order of appearance: published date, then time stored.")
    propagation: list[EdgeOut]
    changes: list[ChangeOut]

    @classmethod
    def of(cls, s: Story) -> StoryOut:
        members = [MemberOut(**{k: v for k, v in m.__dict__.items()
                                if k not in ("kind", "speaker_type", "inherited_hop")})
                   for m in s.members]
        return cls(id=s.id, articles=s.articles, outlets=s.outlets,
                   speakers=[StorySpeakerOut(**sp.__dict__) for sp in s.speakers], first_appearance=members[0],
                   origin=OriginOut(outlet=s.origin, appearances=s.origin_count), members=members,
                   propagation=[EdgeOut(**e.__dict__) for e in s.edges],
                   changes=[ChangeOut(**c) for c in s.changes])


class SplitRequest(BaseModel):
    claim_ids: list[int] = Field(min_length=1, max_length=1000, description="The claims that leave the story.")
    note: str | None = Field(default=None, max_length=2000)


class MergeStoriesRequest(BaseModel):
    other_id: int = Field(ge=1, le=MAX_ID, description="The story merged into this one.")
    note: str | None = Field(default=None, max_length=2000)


class SplitOut(BaseModel):
    story_id: int
    new_story_id: int


class MergeStoriesOut(BaseModel):
    story_id: int


class SuggestionOut(BaseModel):
    target_id: int
    target: str
    duplicate_id: int
    duplicate: str
    type: str
    key: str = Field(description="The folded name (or surname) both share.")
    reasons: list[str]
    target_claims: int
    duplicate_claims: int
    shared_stories: int

    @classmethod
    def of(cls, s: Suggestion) -> SuggestionOut:
        return cls(**s.__dict__)
