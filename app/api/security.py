"""API keys and roles: `Authorization: Bearer KEY`, checked on every /v1 route.

Roles are ordered; each includes the ones below it:

- reader: every GET, and `POST /v1/annotate` (it stores nothing);
- analyst: + ingest and re-ingest articles, review, correct, merge sources;
- admin: + delete articles, create and revoke API keys.

GETs need a key too (a reader's): the store holds what analysts decided, which is not for everyone.
Only /healthz, /readyz and the API's documentation (/docs, /openapi.json) are open.
No key, or an unknown or revoked one, is 401; a key whose role is too low is 403. A client that sent too
many unknown or revoked keys is 429 for a while (app/api/throttle.py).
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api.deps import ReadSessionDep
from app.api.errors import ApiProblem
from app.api.throttle import client_of, throttle_of
from app.store import repository

RANKS = {"reader": 1, "analyst": 2, "admin": 3}
KEY_CHARS = frozenset(string.ascii_letters + string.digits + "-_")

bearer = HTTPBearer(auto_error=False, scheme_name="ApiKey",
                    description="An API key (`whosaid keys create`, or the admin key `whosaid serve` prints).")


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's user, as plain values (no ORM object outlives the auth check)."""

    user_id: int
    name: str
    role: str


def require(role: str):
    """A dependency that authenticates the request's key and checks that its role is at least `role`."""
    needed = RANKS[role]

    def check(request: Request, session: ReadSessionDep,
              credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
        challenge = {"WWW-Authenticate": 'Bearer realm="whosaid"'}
        if credentials is None:
            raise ApiProblem(401, "this needs an API key: send the header `Authorization: Bearer KEY`",
                             name="unauthenticated", headers=challenge)
        throttle, client = throttle_of(request), client_of(request)
        if (wait := throttle.retry_after(client)) is not None:
            raise ApiProblem(429, throttle.message(wait), name="too-many-failed-authentications",
                             headers={"Retry-After": str(wait)})
        key = credentials.credentials
        # keys are URL-safe base64 with a prefix: anything else is unknown without asking the database
        user = repository.authenticate(key, session=session) if KEY_CHARS.issuperset(key) else None
        who = Principal(user.id, user.name, user.role) if user is not None else None
        # end the read transaction now, giving its connection back: a route that writes works in a session
        # of its own, a route that reads (in this one) starts a new transaction
        session.rollback()
        if who is None:
            throttle.failed(client)
            raise ApiProblem(401, "the API key is unknown or revoked", name="unauthenticated",
                             headers={**challenge, "WWW-Authenticate": 'Bearer realm="whosaid", error="invalid_token"'})
        if RANKS.get(who.role, 0) < needed:
            raise ApiProblem(403, f"this needs the {role} role; the key of {who.name!r} has the {who.role} role",
                             name="forbidden")
        return who

    check.__name__ = f"require_{role}"
    return check


Reader = Annotated[Principal, Depends(require("reader"))]
Analyst = Annotated[Principal, Depends(require("analyst"))]
Admin = Annotated[Principal, Depends(require("admin"))]
