"""/v1/sources: search, profile, merge a duplicate and undo a merge."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from app.api.deps import Cursor, Limit, ReadSessionDep, SessionDep, SourceId
from app.api.errors import problem_responses
from app.api.inputs import JsonBody
from app.api.security import Analyst, Reader
from app.schemas.annotation import SourceType
from app.schemas.api import MergeOut, MergeRequest, Page, SourceOut, SourceProfileOut, Text
from app.store import merges, repository
from app.store.models import SourceMerge

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
    """Merge a duplicate of a compatible type into this one (claims, mentions, relays, names move); analyst."""
    merge = merges.merge_sources(session=session, target_id=source_id, duplicate_id=body.duplicate_id,
                                 user_id=who.user_id, note=body.note)
    return _committed(session, merge)


@router.post("/{source_id}/unmerge", response_model=MergeOut, responses=problem_responses(404, 409, 415))
def unmerge_source(who: Analyst, _json: JsonBody, source_id: SourceId, body: MergeRequest,
                   session: SessionDep) -> MergeOut:
    """Undo the merge of `duplicate_id` into this source: what the merge moved goes back, recorded; analyst."""
    unmerge = merges.unmerge_sources(session=session, target_id=source_id, duplicate_id=body.duplicate_id,
                                     user_id=who.user_id, note=body.note)
    return _committed(session, unmerge)


def _committed(session: Session, record: SourceMerge) -> MergeOut:
    session.commit()
    session.expire_all()
    return MergeOut.of(record, repository.get_source(record.target_id, session=session),
                       repository.get_source(record.duplicate_id, session=session))
