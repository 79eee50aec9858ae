"""/v1/sources: search, profile, merge a duplicate."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import Cursor, Limit, ReadSessionDep, SessionDep, SourceId
from app.api.errors import problem_responses
from app.api.inputs import JsonBody
from app.api.security import Analyst, Reader
from app.schemas.annotation import SourceType
from app.schemas.api import MergeOut, MergeRequest, Page, SourceOut, SourceProfileOut, Text
from app.store import repository

router = APIRouter(prefix="/sources", tags=["sources"], responses=problem_responses(401, 403, 422, 429))


@router.get("", response_model=Page[SourceOut])
def list_sources(
    _: Reader,
    session: ReadSessionDep,
    q: Annotated[Text | None, Query(max_length=300, description="Part of a name or alias, any case.")] = None,
    type: Annotated[SourceType | None, Query(description="Sources of this type.")] = None,
    anonymous: Annotated[bool | None, Query(description="Anonymous sources only (true) or named ones (false).")] = None,
    include_merged: Annotated[bool, Query(description="Also sources merged into others.")] = False,
    cursor: Cursor = None,
    limit: Limit = repository.DEFAULT_LIMIT,
) -> Page[SourceOut]:
    """Search sources by name or alias and type, newest first; reader."""
    page = repository.list_sources(session=session, q=q, source_type=type, anonymous=anonymous,
                                   include_merged=include_merged, cursor=cursor, limit=limit)
    return Page[SourceOut](items=[SourceOut.of(s) for s in page.items], next_cursor=page.next_cursor)


@router.get("/{source_id}", response_model=SourceProfileOut, responses=problem_responses(404))
def get_source(_: Reader, source_id: SourceId, session: ReadSessionDep) -> SourceProfileOut:
    """A source's profile: aliases, descriptors, claims by publisher and by month, latest claims; reader."""
    return SourceProfileOut.of(repository.source_profile(source_id, session=session))


@router.post("/{source_id}/merge", response_model=MergeOut, responses=problem_responses(404, 409, 415))
def merge_source(who: Analyst, _json: JsonBody, source_id: SourceId, body: MergeRequest,
                 session: SessionDep) -> MergeOut:
    """Merge a duplicate source into this one: its claims, mentions, relays and names move here, recorded; analyst."""
    merge = repository.merge_sources(session=session, target_id=source_id, duplicate_id=body.duplicate_id,
                                     user_id=who.user_id, note=body.note)
    session.commit()
    session.expire_all()
    return MergeOut.of(merge, repository.get_source(source_id, session=session))
