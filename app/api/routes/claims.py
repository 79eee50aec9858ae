"""/v1/claims: search, read, correct, review, history."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from app.api.deps import ClaimId, ReadSessionDep, SessionDep
from app.api.errors import problem_responses
from app.api.inputs import JsonBody
from app.api.security import Analyst, Reader
from app.schemas.api import ClaimOut, ClaimPatch, ClaimQuery, Page, ReviewOut, ReviewRequest
from app.store import repository
from app.stories.claims import add_stories

router = APIRouter(prefix="/claims", tags=["claims"], responses=problem_responses(401, 403, 422, 429))


@router.get("", response_model=Page[ClaimOut])
def list_claims(_: Reader, query: Annotated[ClaimQuery, Query()], session: ReadSessionDep) -> Page[ClaimOut]:
    """Search claims by speaker, anonymity, publisher, relay outlet, kind, review, confidence, date, text; reader."""
    page = repository.list_claims(session=session, cursor=query.cursor, limit=query.limit,
                                  **query.repository_filters())
    items = add_stories(session, [ClaimOut.of(c) for c in page.items])
    return Page[ClaimOut](items=items, next_cursor=page.next_cursor)


@router.get("/{claim_id}", response_model=ClaimOut, responses=problem_responses(404))
def get_claim(_: Reader, claim_id: ClaimId, session: ReadSessionDep) -> ClaimOut:
    """A claim with its speaker, relay and article; reader."""
    return add_stories(session, [ClaimOut.of(repository.get_claim(claim_id, session=session))])[0]


@router.patch("/{claim_id}", response_model=ClaimOut, responses=problem_responses(404, 409, 415))
def correct_claim(who: Analyst, _json: JsonBody, claim_id: ClaimId, body: ClaimPatch,
                  session: SessionDep) -> ClaimOut:
    """Correct a claim's speaker, relay, kind or spans; recorded as a review with the before and after; analyst."""
    repository.correct_claim(session=session, claim_id=claim_id, user_id=who.user_id, note=body.note,
                             **body.changes())
    session.commit()
    session.expire_all()
    return ClaimOut.of(repository.get_claim(claim_id, session=session))


@router.post("/{claim_id}/review", status_code=status.HTTP_201_CREATED, response_model=ReviewOut,
             responses=problem_responses(404, 415))
def review_claim(who: Analyst, _json: JsonBody, claim_id: ClaimId, body: ReviewRequest,
                 session: SessionDep) -> ReviewOut:
    """Accept or reject a claim, with a note; analyst."""
    review = repository.review_claim(session=session, claim_id=claim_id, user_id=who.user_id, action=body.action,
                                     note=body.note)
    session.commit()
    return ReviewOut.of(review, user_name=who.name)


@router.get("/{claim_id}/history", response_model=list[ReviewOut], responses=problem_responses(404))
def claim_history(_: Reader, claim_id: ClaimId, session: ReadSessionDep) -> list[ReviewOut]:
    """The claim's reviews, oldest first, each with the claim before and after it; reader."""
    return [ReviewOut.of(r) for r in repository.claim_history(claim_id, session=session)]
