"""Signing in to the review UI: an API key once, then a signed session cookie.

The cookie (`whosaid_session`, HttpOnly, SameSite=Strict, Secure over HTTPS) holds the user's id, the
prefix of the key that signed in and a CSRF token, signed with itsdangerous and valid for SESSION_HOURS.
Every request checks that the key is still live, so revoking a key ends its sessions at once.

CSRF: the token is bound to the session; every state-changing request sends it back (a form's
`csrf_token` field or the `X-CSRF-Token` header of a fetch) and the server compares it in constant
time. The sign-in form, which has no session yet, uses a signed double-submit cookie of its own.
"""
from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import ApiKey, User

SESSION_COOKIE = "whosaid_session"
LOGIN_COOKIE = "whosaid_login"
SESSION_HOURS = 12
RANKS = {"reader": 1, "analyst": 2, "admin": 3}


@dataclass(frozen=True)
class UiUser:
    user_id: int
    name: str
    role: str
    csrf: str

    @property
    def can_review(self) -> bool:
        return RANKS.get(self.role, 0) >= RANKS["analyst"]


def make_signer(secret: str | bytes | None = None) -> URLSafeTimedSerializer:
    """The cookie signer: WHOSAID_SESSION_SECRET when set (sessions survive restarts and are shared by
    workers), else a random secret for this process."""
    secret = secret or os.environ.get("WHOSAID_SESSION_SECRET") or secrets.token_urlsafe(32)
    return URLSafeTimedSerializer(secret, salt="whosaid-ui-session")


def _signer(request: Request) -> URLSafeTimedSerializer:
    return request.app.state.ui_signer


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


def set_login_cookie(request: Request, response: Response, token: str) -> None:
    """The sign-in form's token, also set as a signed cookie (double submit)."""
    _set_cookie(request, response, LOGIN_COOKIE, _signer(request).dumps({"login": token}), 600)


def check_login_token(request: Request, token: str) -> bool:
    try:
        data = _signer(request).loads(request.cookies.get(LOGIN_COOKIE, ""), max_age=600)
    except BadSignature:
        return False
    return isinstance(data, dict) and hmac.compare_digest(str(data.get("login", "")), token or "")


def sign_in(request: Request, response: Response, user: User, key_prefix: str) -> None:
    payload = {"u": user.id, "k": key_prefix, "c": secrets.token_urlsafe(24)}
    _set_cookie(request, response, SESSION_COOKIE, _signer(request).dumps(payload), SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_COOKIE, path="/")


def sign_out(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def key_prefix(key: str) -> str:
    """`wsk_<prefix>_<secret>` → `wsk_<prefix>`, the public part that names the key's row."""
    return "_".join(key.strip().split("_", 2)[:2])


def current_user(request: Request, session: Session) -> UiUser | None:
    """The signed-in user, or None (no cookie, a bad or expired one, or a revoked key)."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        data = _signer(request).loads(raw, max_age=SESSION_HOURS * 3600)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not {"u", "k", "c"} <= data.keys():
        return None
    row = session.execute(select(User.id, User.name, User.role).join(ApiKey, ApiKey.user_id == User.id)
                          .where(ApiKey.prefix == str(data["k"]), ApiKey.revoked_at.is_(None),
                                 User.id == data["u"])).first()
    session.rollback()  # end the read transaction: the route starts its own
    return UiUser(row.id, row.name, row.role, str(data["c"])) if row is not None else None


def check_csrf(request: Request, user: UiUser, token: str | None = None) -> None:
    """403 unless the request carries the session's CSRF token (form field or X-CSRF-Token header)."""
    sent = token or request.headers.get("x-csrf-token") or ""
    if not hmac.compare_digest(sent.encode(), user.csrf.encode()):
        raise HTTPException(403, "the form's CSRF token is missing or stale: reload the page and try again")


def require_analyst(user: UiUser) -> None:
    if not user.can_review:
        raise HTTPException(403, f"{user.name} is a {user.role}: reviewing needs an analyst or an admin")
