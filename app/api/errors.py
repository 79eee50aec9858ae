"""Every error the API answers with is RFC 9457 problem details (`application/problem+json`).

This is the one place where domain exceptions (app.store.errors, the pipeline's, HTML extraction's, URL
fetching's) become HTTP statuses. Each kind of problem has a `type` URI, `urn:whosaid:problem:<name>`;
plain HTTP errors (an unknown path, a wrong method) are `about:blank`.
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.fetch import FetchError
from app.ingest.html import NoArticleText
from app.nlp.pipeline import EmptyText, TextTooLong
from app.store.errors import AppendOnly, Conflict, DatabaseNotMigrated, Forbidden, InvalidInput, NotFound

PROBLEM_JSON = "application/problem+json"
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
log = logging.getLogger("whosaid.api")

# exception class -> (status, problem name); looked up along the exception's MRO by Starlette
DOMAIN_ERRORS: dict[type[Exception], tuple[int, str]] = {
    NotFound: (404, "not-found"),
    Conflict: (409, "conflict"),
    AppendOnly: (409, "append-only"),
    InvalidInput: (422, "invalid-input"),
    Forbidden: (403, "forbidden"),
    DatabaseNotMigrated: (503, "database-not-migrated"),
    TextTooLong: (413, "text-too-long"),
    EmptyText: (422, "empty-text"),
    NoArticleText: (422, "no-article-text"),
    FetchError: (422, "url-not-fetched"),
}


class ApiProblem(Exception):
    """An error raised in app/api itself (authentication, limits, content types)."""

    def __init__(self, status: int, detail: str, *, name: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.name, self.headers = status, detail, name, headers


def problem(request: Request, status: int, detail: str, *, name: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:whosaid:problem:{name}" if name else "about:blank",
        "title": _title(status),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    async def on_domain_error(request: Request, exc: Exception) -> JSONResponse:
        for cls in type(exc).__mro__:
            if cls in DOMAIN_ERRORS:
                status, name = DOMAIN_ERRORS[cls]
                return problem(request, status, str(exc) or name.replace("-", " "), name=name)
        raise exc  # pragma: no cover - only registered for DOMAIN_ERRORS

    async def on_api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        return problem(request, exc.status, exc.detail, name=exc.name, headers=exc.headers)

    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_field_error(e) for e in exc.errors()]
        detail = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
        return problem(request, 422, detail or "invalid request", name="invalid-request", errors=errors)

    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else _title(exc.status_code)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such path: {request.url.path}"
        elif exc.status_code == 400 and detail == "There was an error parsing the body":
            # FastAPI's answer to a JSON body it could not read: malformed JSON like any other
            return _unreadable_body(request, exc.__cause__)
        elif exc.status_code == 405:
            allowed = allowed_methods(request)
            detail = f"{request.method} is not allowed on {request.url.path}; it takes {', '.join(allowed)}"
            return problem(request, 405, detail, headers={"Allow": ", ".join(allowed)})
        return problem(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    async def on_data_error(request: Request, exc: DataError) -> JSONResponse:
        # a value the API let through but the database refused (too long for a column, out of range):
        # the request's fault, and it must not become a 500
        log.warning("database refused a value: %s", exc)
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        return problem(request, 422, f"the database refused a value: {reason}", name="value-refused")

    async def on_database_down(request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", exc)
        return problem(request, 503, "the database is unavailable; try again later", name="database-unavailable",
                       headers={"Retry-After": "5"})

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(request, 500, "an unexpected error occurred; it has been logged", name="internal-error")

    for cls in DOMAIN_ERRORS:
        app.add_exception_handler(cls, on_domain_error)
    app.add_exception_handler(ApiProblem, on_api_problem)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(DataError, on_data_error)
    app.add_exception_handler(OperationalError, on_database_down)
    app.add_exception_handler(Exception, on_unexpected)


def _unreadable_body(request: Request, cause: BaseException | None) -> JSONResponse:
    """422 for a JSON body FastAPI could not parse: nested too deeply for the parser, or not UTF-8."""
    if isinstance(cause, RecursionError):
        message = "nested too deeply (arrays and objects within each other, more levels than the parser reads)"
        kind = "json_too_deep"
    elif isinstance(cause, UnicodeDecodeError):
        message, kind = "not UTF-8 text", "json_invalid"
    else:
        message, kind = "the body could not be read as JSON", "json_invalid"
    return problem(request, 422, f"malformed JSON: {message}", name="invalid-request",
                   errors=[{"field": "body", "message": message, "type": kind}])


def allowed_methods(request: Request) -> list[str]:
    """Every method the request's path takes, over all the routes that serve it (FastAPI makes one route
    per method, and Starlette's 405 names only the first's): the methods for which routing finds a route."""
    routes = request.app.router.routes
    return [method for method in METHODS
            if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)]


def _field_error(error: dict[str, Any]) -> dict[str, Any]:
    """A pydantic error as {field, message, type}: `body.text`, `query.limit`; never the input itself."""
    loc = [str(part) for part in error.get("loc", ())]
    message = str(error.get("msg", "invalid"))
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error")
        message = f"malformed JSON{f' ({reason})' if reason else ''} at character {loc[-1] if loc else '?'}"
        loc = ["body"]
    elif error.get("type") == "missing" and loc == ["body"]:
        message = "the request needs a JSON body"
    return {"field": ".".join(loc), "message": message, "type": str(error.get("type", "invalid"))}


# for the routes' OpenAPI `responses=`
def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    from app.schemas.api import Problem

    descriptions = {400: "Bad request", 401: "No API key, or an unknown or revoked one",
                    403: "The key's role is too low", 404: "Not found", 409: "Conflict with the data as it is",
                    413: "The article is longer than the limit", 415: "The body is not JSON",
                    422: "Invalid request (the message names the field and the problem)",
                    429: "Too many failed authentications from this client: wait `Retry-After` seconds",
                    503: "The database is unavailable or not migrated"}
    headers = {429: {"Retry-After": {"description": "Seconds to wait before trying a key again.",
                                     "schema": {"type": "integer", "minimum": 1}}}}
    # app.main moves these from application/json to application/problem+json in the OpenAPI document
    return {s: {"model": Problem, "description": descriptions.get(s, _title(s)), **({"headers": headers[s]}
                                                                                   if s in headers else {})}
            for s in statuses}
