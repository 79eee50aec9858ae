"""/v1/outlets: the relay network, who relays whom."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import ReadSessionDep
from app.api.errors import problem_responses
from app.api.security import Reader
from app.schemas.api import IsoDate, RelayEdgeOut, RelayNetwork
from app.store import repository

router = APIRouter(prefix="/outlets", tags=["outlets"], responses=problem_responses(401, 403, 422, 429))


@router.get("/relays", response_model=RelayNetwork)
def relays(
    _: Reader,
    session: ReadSessionDep,
    published_from: Annotated[IsoDate | None, Query(description="Articles published on or after (YYYY-MM-DD).")] = None,
    published_to: Annotated[IsoDate | None, Query(description="Articles published on or before (YYYY-MM-DD).")] = None,
    include_rejected: Annotated[bool, Query(description="Count rejected claims too.")] = False,
) -> RelayNetwork:
    """Who relays whom: outlet → outlet edges with their numbers of claims, most first; reader."""
    edges = repository.relay_edges(session=session, published_from=published_from, published_to=published_to,
                                   include_rejected=include_rejected)
    return RelayNetwork(edges=[RelayEdgeOut.of(e) for e in edges])
