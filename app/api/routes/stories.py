"""/v1/stories: the same claim across articles (app/stories); /v1/sources/suggestions: merge suggestions."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from app.api.deps import ReadSessionDep, SessionDep, path_id
from app.api.errors import problem_responses
from app.api.inputs import JsonBody
from app.api.security import Analyst, Reader
from app.schemas.api import IsoDate, Text
from app.store.errors import InvalidInput
from app.stories import queries, review
from app.stories.jsonld import story_jsonld
from app.stories.schemas import (
    MergeStoriesOut,
    MergeStoriesRequest,
    SplitOut,
    SplitRequest,
    StoryOut,
    StorySummaryOut,
    SuggestionOut,
)
from app.stories.suggestions import merge_suggestions

router = APIRouter(tags=["stories"], responses=problem_responses(401, 403, 422, 429))
StoryId = path_id("story")


@router.get("/stories", response_model=list[StorySummaryOut])
def list_stories(
    _: Reader,
    session: ReadSessionDep,
    speaker: Annotated[Text | None, Query(max_length=300, description="Part of a speaker's name.")] = None,
    outlet: Annotated[Text | None, Query(max_length=300, description="Part of a publisher's or relay outlet's name.")] = None,
    published_from: Annotated[IsoDate | None, Query(description="Stories with an appearance on or after this date.")] = None,
    published_to: Annotated[IsoDate | None, Query(description="Stories with an appearance on or before this date.")] = None,
    q: Annotated[Text | None, Query(max_length=300, description="Words in any member's wording.")] = None,
    sort: Annotated[Literal["size", "recent"], Query(description="Biggest first, or newest first.")] = "size",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> list[StorySummaryOut]:
    """Stories over at least two articles, filtered by speaker, outlet, date range and text; reader."""
    if published_from and published_to and published_from > published_to:
        raise InvalidInput("published_from is after published_to")
    return [StorySummaryOut.of(s) for s in queries.list_stories(
        session=session, speaker=speaker, outlet=outlet, published_from=published_from, published_to=published_to,
        q=q, sort=sort, limit=limit, offset=offset)]


@router.get("/stories/{story_id}", response_model=StoryOut, responses=problem_responses(404))
def get_story(_: Reader, story_id: StoryId, session: ReadSessionDep) -> StoryOut:
    """A story: members with article, outlet, date, relay and wording; first appearance; origin; propagation
    edges; flagged changes; reader."""
    return StoryOut.of(queries.get_story(story_id, session=session))


@router.get("/stories/{story_id}/jsonld", response_class=JSONResponse, responses={
    **problem_responses(404),
    200: {"description": "The story as JSON-LD.", "content": {"application/ld+json": {"schema": {"type": "object"}}}}})
def story_jsonld_export(_: Reader, story_id: StoryId, session: ReadSessionDep) -> JSONResponse:
    """The story as schema.org `Claim` JSON-LD with `appearance` and `firstAppearance`, relays as PROV-O; reader."""
    story = queries.get_story(story_id, session=session)
    return JSONResponse(story_jsonld(story), media_type="application/ld+json")


@router.post("/stories/{story_id}/split", response_model=SplitOut, responses=problem_responses(404, 415))
def split_story(who: Analyst, _json: JsonBody, story_id: StoryId, body: SplitRequest, session: SessionDep) -> SplitOut:
    """Take claims out of a story into a story of their own, recorded; analyst."""
    rest, new = review.split_story(session=session, story_id=story_id, claim_ids=body.claim_ids,
                                   user_id=who.user_id, note=body.note)
    session.commit()
    return SplitOut(story_id=rest, new_story_id=new)


@router.post("/stories/{story_id}/merge", response_model=MergeStoriesOut, responses=problem_responses(404, 415))
def merge_story(who: Analyst, _json: JsonBody, story_id: StoryId, body: MergeStoriesRequest,
                session: SessionDep) -> MergeStoriesOut:
    """Merge another story into this one, recorded; analyst."""
    merged = review.merge_stories(session=session, story_id=story_id, other_id=body.other_id, user_id=who.user_id,
                                  note=body.note)
    session.commit()
    return MergeStoriesOut(story_id=merged)


@router.get("/sources/suggestions", response_model=list[SuggestionOut])
def source_suggestions(
    _: Reader,
    session: ReadSessionDep,
    source_id: Annotated[int | None, Query(ge=1, le=2_147_483_647, description="Only suggestions involving this source.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[SuggestionOut]:
    """Sources that look like one: spelling and transliteration variants, names with and without first names,
    with the evidence; accept one with POST /v1/sources/{target_id}/merge; reader."""
    return [SuggestionOut.of(s) for s in merge_suggestions(session=session, source_id=source_id, limit=limit)]
