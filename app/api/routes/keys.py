"""/v1/keys: API keys, for admins (the same as `whosaid keys create|revoke`)."""
from __future__ import annotations

from fastapi import APIRouter, status

from app.api.deps import KeyId, SessionDep
from app.api.errors import problem_responses
from app.api.inputs import JsonBody
from app.api.security import Admin
from app.schemas.api import KeyCreate, KeyOut, NewKey, UserOut
from app.store import repository
from app.store.errors import Conflict

router = APIRouter(prefix="/keys", tags=["keys"], responses=problem_responses(401, 403, 422, 429))


@router.post("", status_code=status.HTTP_201_CREATED, response_model=NewKey, responses=problem_responses(409, 415))
def create_key(_: Admin, _json: JsonBody, body: KeyCreate, session: SessionDep) -> NewKey:
    """Create an API key for a user (created when new); the key is in this response only; admin."""
    user = repository.get_user_by_name(body.name, session=session)
    if user is None:
        user = repository.create_user(session=session, name=body.name, role=body.role or "reader")
    elif body.role is not None and body.role != user.role:
        raise Conflict(f"user {user.name!r} exists with the {user.role} role, not {body.role}")
    row, plain = repository.create_api_key(session=session, user_id=user.id, label=body.label)
    session.commit()
    return NewKey(id=row.id, prefix=row.prefix, label=row.label, created_at=row.created_at, revoked_at=None,
                  user=UserOut(id=user.id, name=user.name, role=user.role), key=plain)


@router.delete("/{key_id}", response_model=KeyOut, responses=problem_responses(404))
def revoke_key(_: Admin, key_id: KeyId, session: SessionDep) -> KeyOut:
    """Revoke an API key: from now on it is refused; admin."""
    row = repository.revoke_api_key(key_id, session=session)
    user = repository.get_user(row.user_id, session=session)
    session.commit()
    return KeyOut(id=row.id, prefix=row.prefix, label=row.label, created_at=row.created_at,
                  revoked_at=row.revoked_at, user=UserOut(id=user.id, name=user.name, role=user.role))
