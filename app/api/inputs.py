"""Checks on what a request sends: JSON only (415), an article within the size limits, a body within
the byte limit (413)."""
from __future__ import annotations

from email.message import Message
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.types import Message as Event

from app.api.errors import ApiProblem, problem
from app.core.config import Settings
from app.schemas.api import AnnotateRequest


def require_json(request: Request) -> None:
    """A dependency for routes with a JSON body: another content type is 415, not a confusing 422."""
    declared = request.headers.get("content-type")
    if declared is None:
        has_body = request.headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in request.headers
        if has_body:
            raise ApiProblem(415, "the body has no Content-Type: send JSON with `Content-Type: application/json`",
                             name="unsupported-media-type")
        return
    message = Message()
    message["content-type"] = declared
    maintype, subtype = message.get_content_maintype(), message.get_content_subtype()
    if maintype != "application" or not (subtype == "json" or subtype.endswith("+json")):
        raise ApiProblem(415, f"unsupported content type {declared.split(';')[0].strip()!r}: send the article as "
                         'JSON (`Content-Type: application/json`), e.g. {"text": "..."} or {"html": "..."}',
                         name="unsupported-media-type")


def check_limits(body: AnnotateRequest, settings: Settings) -> None:
    """413 for text over `max_text_chars` or HTML over `fetch_max_bytes` (a page carries markup)."""
    if body.text is not None and len(body.text) > settings.max_text_chars:
        raise ApiProblem(413, f"the text has {len(body.text):,} characters; the limit is "
                         f"{settings.max_text_chars:,} (setting WHOSAID_MAX_TEXT_CHARS)", name="text-too-long")
    if body.html is not None and len(body.html) > settings.fetch_max_bytes:
        raise ApiProblem(413, f"the HTML has {len(body.html):,} characters; the limit is "
                         f"{settings.fetch_max_bytes:,} (setting WHOSAID_FETCH_MAX_BYTES)", name="text-too-long")


def check_text_length(text: str, settings: Settings, what: str = "the article's text") -> None:
    if len(text) > settings.max_text_chars:
        raise ApiProblem(413, f"{what} has {len(text):,} characters; the limit is {settings.max_text_chars:,} "
                         "(setting WHOSAID_MAX_TEXT_CHARS)", name="text-too-long")


def body_limit(settings: Settings) -> int:
    """The largest request body read at all, in bytes: the largest article as JSON-escaped text (up to 6
    bytes a character, `\\uXXXX`) and room for the metadata."""
    return 6 * max(settings.max_text_chars, settings.fetch_max_bytes) + 65_536


class BodyLimit:
    """ASGI middleware: a body larger than `limit` bytes is 413 (problem+json) and is not read further,
    whether its Content-Length says so up front or a chunked body grows past it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is larger than the limit of {self.limit:,} bytes"
        declared = Headers(scope=scope).get("content-length", "")
        # ASCII digits only: str.isdigit() also takes '²' (a Latin-1 header byte), which int() refuses
        if declared.isascii() and declared.isdigit() and int(declared) > self.limit:
            response = problem(Request(scope), 413, message, name="body-too-large", headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def limited() -> Event:
            nonlocal received
            event = await receive()
            if event["type"] == "http.request":
                received += len(event.get("body", b""))
                if received > self.limit:
                    # an HTTPException propagates out of FastAPI's body reading to app/api/errors.py
                    raise StarletteHTTPException(413, message)
            return event

        await self.app(scope, limited, send)


JsonBody = Annotated[None, Depends(require_json)]
"""Declare it after the route's role parameter: a request without a key is 401 before its body is judged."""
