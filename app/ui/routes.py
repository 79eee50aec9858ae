"""The analyst review UI: server-rendered pages (Jinja2, autoescaped) under /ui, and the few JSON
endpoints its script (static/review.js) calls to save a decision at once.

Pages: sign-in, inbox (+ ingest), article review, source profile, outlet relays. Every page needs a
signed-in user (app/ui/session.py); changes need an analyst and the session's CSRF token. Changes go
through app.store.repository (review_claim, correct_claim, create_claim, revert_review, create_source),
app.store.merges (merge_sources, unmerge_sources) and
app.services.ingest, in the request's session, committed at once.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.deps import ArticleId, ClaimId, ReadSessionDep, ReviewId, SessionDep, SourceId
from app.api.errors import DOMAIN_ERRORS, ApiProblem
from app.api.routes.articles import store_article
from app.api.throttle import client_of, throttle_of
from app.ingest.html import looks_like_html
from app.ingest.urls import web_url
from app.jobs import records as job_records
from app.schemas.api import MAX_ID, ArticleCreate, Id, IsoDate, Offset, Text
from app.store import merges, repository
from app.store.errors import NotFound, StoreError
from app.store.models import CLAIM_KINDS, SOURCE_TYPES, Article, Claim, Review
from app.stories.claims import add_claim_stories
from app.stories.suggestions import merge_suggestions
from app.ui import queries
from app.ui.session import (
    UiUser,
    check_csrf,
    check_login_token,
    current_user,
    key_prefix,
    make_signer,
    new_login_token,
    require_analyst,
    set_login_cookie,
    sign_in,
    sign_out,
)
from app.ui.text import PALETTE_SIZE, ClaimMark, Mark, segments, slot_css, speaker_colors

HERE = Path(__file__).parent
PREFIX = "/ui"
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
templates = Jinja2Templates(env=env)
router = APIRouter(prefix=PREFIX, include_in_schema=False)
KIND_LABELS = {"direct": "direct quote", "indirect": "reported speech", "mixed": "mixed", "according_to": "according to"}
env.globals.update(KIND_LABELS=KIND_LABELS, CLAIM_KINDS=CLAIM_KINDS, SOURCE_TYPES=SOURCE_TYPES,
                   PREFIX=PREFIX, slot_css=slot_css, PALETTE_SIZE=PALETTE_SIZE,
                   web_url=web_url)  # a stored URL is a link only when it is a web address
# what an ingest can fail with, besides the form itself: the API's limits and the domain's errors, which
# carry the same statuses as in the API (app/api/errors.py)
INGEST_ERRORS = (ApiProblem, *DOMAIN_ERRORS)


def mount(app: FastAPI) -> None:
    """Serve the UI from `app`: the pages under /ui, their static files under /ui/static, and `/`, which
    leads to the inbox. A request the UI's pages cannot take (an id out of range, an unknown path under
    /ui) gets a page that says so; the API's answers stay problem+json."""
    from app.stories.ui import router as stories_router

    app.state.ui_signer = make_signer()
    app.include_router(router)
    app.include_router(stories_router)  # the Stories pages (app/stories/ui.py)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="ui-static")
    app.add_api_route("/", root_redirect, include_in_schema=False)
    api_invalid = app.exception_handlers[RequestValidationError]
    api_http_error = app.exception_handlers[StarletteHTTPException]

    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        if not _wants_page(request):
            return await api_invalid(request, exc)
        return _error_page(request, 422, _invalid_message(exc.errors()))

    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and exc.detail == "Not Found" and _wants_page(request):
            return _error_page(request, 404, f"There is no page at {request.url.path}.")
        return await api_http_error(request, exc)

    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(StarletteHTTPException, on_http_error)


def root_redirect() -> RedirectResponse:
    """`/` and `/ui`: the inbox."""
    return RedirectResponse(f"{PREFIX}/", status_code=307)


def _wants_page(request: Request) -> bool:
    """A browser asking for one of the UI's pages (or posting one of its forms), not the review script's
    JSON calls (which send `Accept: application/json`)."""
    accept = request.headers.get("accept", "")
    return (request.url.path.startswith(f"{PREFIX}/") and "application/json" not in accept
            and (request.method == "GET" or "text/html" in accept))


ID_PARAMETERS = {"edge_from": "source", "article": "article"}  # ids not named *_id: what they are the id of


def _invalid_message(errors) -> str:
    """A validation error in words: an id out of range names what it is the id of and the range."""
    parts = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        name = loc[-1] if loc else ""
        what = ID_PARAMETERS.get(name) or (name[:-3].replace("_", " ") if name.endswith("_id") else None)
        if what and error.get("type") in ("less_than_equal", "greater_than_equal", "int_parsing"):
            parts.append(f"There is no {what} {str(error.get('input'))[:40]}: {what} ids are whole numbers from 1 "
                         f"to {MAX_ID:,}.")
        else:
            message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
            parts.append(f"{name.replace('_', ' ')}: {message}" if name else message)
    return " ".join(parts) or "The request was not valid."


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    with request.app.state.read_sessionmaker() as session:
        user = current_user(request, session)
    return _page(request, "error.html", user, status=status, message=message)


# --- access -----------------------------------------------------------------------------------------------

class LoginRequired(HTTPException):
    def __init__(self, request: Request) -> None:
        super().__init__(303, "sign in first", headers={"Location": f"{PREFIX}/login"})


def _user(request: Request, session) -> UiUser:
    user = current_user(request, session)
    if user is None:
        if request.method == "GET":
            raise LoginRequired(request)
        raise HTTPException(401, "your session has ended: sign in again")
    return user


def _changer(request: Request, session, token: str | None = None) -> UiUser:
    """The signed-in analyst making a change, with the CSRF token checked."""
    user = _user(request, session)
    check_csrf(request, user, token)
    require_analyst(user)
    return user


def _page(request: Request, name: str, user: UiUser | None, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, {"user": user, **context}, status_code=status)
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _problem(exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=_domain_status(exc))


@router.get("/login")
def login_form(request: Request, session: ReadSessionDep) -> HTMLResponse:
    """The sign-in form."""
    if current_user(request, session) is not None:
        return RedirectResponse(f"{PREFIX}/", status_code=303)
    token = new_login_token()
    response = _page(request, "login.html", None, login_token=token)
    set_login_cookie(request, response, token)
    return response


@router.post("/login")
def login(request: Request, session: ReadSessionDep, api_key: Annotated[str, Form(max_length=200)] = "",
          login_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Sign in with an API key."""
    if not check_login_token(request, login_token):
        return _login_error(request, "the sign-in form was stale: try again")
    # the API's throttle of failed authentications (app/api/throttle.py), shared with it
    throttle, client = throttle_of(request), client_of(request)
    if (wait := throttle.retry_after(client)) is not None:
        response = _login_error(request, throttle.message(wait), status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    user = repository.authenticate(api_key, session=session)
    if user is None:
        throttle.failed(client)
        return _login_error(request, "that API key is unknown or revoked")
    response = RedirectResponse(f"{PREFIX}/", status_code=303)
    sign_in(request, response, user, key_prefix(api_key))
    return response


def _login_error(request: Request, message: str, status: int = 400) -> HTMLResponse:
    token = new_login_token()
    response = _page(request, "login.html", None, status=status, error=message, login_token=token)
    set_login_cookie(request, response, token)
    return response


@router.post("/logout")
def logout(request: Request, session: ReadSessionDep,
           csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Sign out."""
    user = _user(request, session)
    check_csrf(request, user, csrf_token)
    response = RedirectResponse(f"{PREFIX}/login", status_code=303)
    sign_out(response)
    return response


# --- inbox and ingest -------------------------------------------------------------------------------------

@router.get("/")
def inbox(request: Request, session: ReadSessionDep, unreviewed: bool = False, low: bool = False,
          publisher: Annotated[str, Query(max_length=300)] = "",
          speaker: Annotated[str, Query(max_length=300)] = "", all_reviewed: bool = False) -> HTMLResponse:
    """Articles with their review progress; filters; the ingest form."""
    user = _user(request, session)
    notice = "Every claim has been reviewed: there is no unreviewed claim left." if all_reviewed else None
    return _inbox_page(request, session, user, unreviewed=unreviewed, low=low, publisher=publisher, speaker=speaker,
                       notice=notice)


def _inbox_page(request, session, user, *, unreviewed=False, low=False, publisher="", speaker="",
                error: str | None = None, notice: str | None = None, status: int = 200) -> HTMLResponse:
    rows = queries.inbox(session=session, unreviewed=unreviewed, low_confidence=low, publisher=publisher or None,
                         speaker=speaker or None)
    publishers = repository.list_publishers(session=session)
    jobs = job_records.recent_jobs(session, unfinished=True)  # corpora the workers are ingesting now
    return _page(request, "inbox.html", user, status=status, rows=rows, publishers=publishers, jobs=jobs,
                 filters={"unreviewed": unreviewed, "low": low, "publisher": publisher, "speaker": speaker},
                 error=error, notice=notice, low_threshold=queries.low_confidence_threshold())


@dataclass(frozen=True)
class IngestForm:
    """The ingest form as sent: its text fields, and the uploaded file's first bytes (one more than the limit)."""

    fields: dict[str, str] = field(default_factory=dict)
    upload: bytes = b""
    filename: str = ""
    problem: str | None = None  # the form could not be read at all

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


async def ingest_form(request: Request) -> IngestForm:
    """Read the ingest form with the API's limits, not Starlette's defaults (which stop a text field at
    1 MB): a pasted text may be WHOSAID_MAX_TEXT_CHARS characters of up to 4 bytes each, a file
    WHOSAID_FETCH_MAX_BYTES bytes. The checks on what was sent are ArticleCreate's, as for the API."""
    settings = request.app.state.settings
    try:
        form = await request.form(max_files=1, max_fields=20, max_part_size=4 * settings.max_text_chars + 4096)
    except StarletteHTTPException as exc:
        return IngestForm(problem=f"the form could not be read ({exc.detail}): a pasted text may have up to "
                          f"{settings.max_text_chars:,} characters (setting WHOSAID_MAX_TEXT_CHARS)")
    try:
        fields = {name: value for name, value in form.multi_items() if isinstance(value, str)}
        file = form.get("file")
        if file is None or isinstance(file, str) or not file.filename:
            return IngestForm(fields)
        return IngestForm(fields, await file.read(settings.fetch_max_bytes + 1), file.filename)
    finally:
        await form.close()


@router.post("/articles")
def ingest(request: Request, session: SessionDep, form: Annotated[IngestForm, Depends(ingest_form)]) -> Response:
    """Ingest a pasted text, an uploaded text or HTML file, or a URL; then open the article (the stored one
    when it was stored already, saying so)."""
    if form.problem:  # nothing was read, not even the CSRF token; and nothing will change
        user = _user(request, session)
        require_analyst(user)
        return _inbox_page(request, session, user, error=form.problem, status=413)
    user = _changer(request, session, form.get("csrf_token"))
    settings = request.app.state.settings
    try:
        body = _article_request(form, settings)
        result = store_article(body, session=session, nlp=request.app.state.nlp, settings=settings,
                               fetch=request.app.state.fetch, workers=request.app.state.annotation_workers)
    except ValidationError as exc:
        session.rollback()
        return _inbox_page(request, session, user, error=_invalid_message(exc.errors()), status=422)
    except INGEST_ERRORS as exc:
        session.rollback()
        status = exc.status if isinstance(exc, ApiProblem) else _domain_status(exc)
        return _inbox_page(request, session, user, error=str(exc), status=status)
    existing = "" if result.created else "?existing=true"
    return RedirectResponse(f"{PREFIX}/articles/{result.article.id}{existing}", status_code=303)


def _article_request(form: IngestForm, settings) -> ArticleCreate:
    """The form as the API's request: the same validation (NUL characters, unpaired surrogates, nothing
    visible, field lengths, the date, the URL) and, in store_article, the same limits."""
    meta = {name: form.get(name).strip() or None for name in ("publisher", "title", "published", "url")}
    # browsers send a textarea's line breaks as CRLF (HTML's form submission): the text pasted had LF,
    # and a headline line must read as one for the title to be found
    text = form.get("text").replace("\r\n", "\n")
    if text.strip():
        return ArticleCreate(text=text, **meta)
    if form.upload:
        if len(form.upload) > settings.fetch_max_bytes:
            raise ApiProblem(413, f"the file is larger than {settings.fetch_max_bytes:,} bytes "
                             "(setting WHOSAID_FETCH_MAX_BYTES)")
        content = form.upload.decode("utf-8", errors="replace")
        if form.filename.lower().endswith((".html", ".htm")) or looks_like_html(content):
            return ArticleCreate(html=content, **meta)
        return ArticleCreate(text=content, **meta)
    if meta["url"]:
        return ArticleCreate(**meta)
    raise ApiProblem(422, "paste a text, choose a file or give a URL")


def _domain_status(exc: Exception) -> int:
    return next((DOMAIN_ERRORS[cls][0] for cls in type(exc).__mro__ if cls in DOMAIN_ERRORS), 422)


# --- article review ---------------------------------------------------------------------------------------

def _badge(source) -> str:
    """What the speaker badge says: the source's type, or that it is anonymous, or that there is none."""
    if source is None:
        return "none"
    return "anonymous" if source.anonymous else source.type


def claim_view(claim: Claim, publisher: str | None, colors: dict[int, int], history: list[Review]) -> dict:
    """What a claim card shows (also rendered alone after a decision)."""
    speaker = claim.speaker
    hops = [r.source.name for r in claim.relays]
    path = [speaker.name] if speaker is not None else ["(no speaker)"]
    for hop in hops + ([publisher] if publisher else []):
        if hop.casefold() != path[-1].casefold():  # an outlet speaking is not its own first hop
            path.append(hop)
    return {
        "id": claim.id, "position": claim.position, "text": claim.text, "start": claim.start, "end": claim.end,
        "kind": claim.kind, "confidence": claim.confidence, "status": claim.review_status, "origin": claim.origin,
        "why": list(claim.why or []),
        "cue": claim.cue_text, "speaker": speaker, "speaker_text": claim.speaker_text, "badge": _badge(speaker),
        "color": colors.get(speaker.id, -1) if speaker is not None else -1, "path": path,
        "relay": [{"id": r.source.id, "name": r.source.name} for r in claim.relays],
        "history": [history_view(r) for r in history],
    }


def history_view(review: Review) -> dict:
    before, after = review.before or {}, review.after or {}
    changes = []

    def speaker_name(snap):
        return (snap.get("speaker") or {}).get("name") or "none"

    fields = [("status", lambda s: s.get("review_status")), ("speaker", speaker_name),
              ("relay", lambda s: " → ".join(h["name"] for h in s.get("relay", [])) or "none"),
              ("kind", lambda s: s.get("kind")), ("span", lambda s: f"{s.get('start')}–{s.get('end')}"),
              ("cue", lambda s: (s.get("cue") or {}).get("text") or "none")]
    for label, get in fields:
        old, new = (get(before) if before else None), get(after) if after else None
        if old != new:
            changes.append((label, old, new))
    return {"id": review.id, "action": review.action, "who": review.user.name, "note": review.note,
            "when": review.created_at.strftime("%Y-%m-%d %H:%M:%S"), "changes": changes}


def _article_context(session, article_id: int, user: UiUser) -> dict:
    article = repository.get_article(article_id, session=session)
    colors = speaker_colors(c.speaker_source_id for c in article.claims)
    histories = queries.reviewer_names([c.id for c in article.claims], session=session)
    claims = [claim_view(c, article.publisher, colors, histories[c.id]) for c in article.claims]
    add_claim_stories(session, claims)
    marks = [ClaimMark(c.start, c.end, c.id, colors.get(c.speaker_source_id, -1) if c.speaker_source_id else -1,
                       rejected=c.review_status == "rejected") for c in article.claims]
    mentions = [Mark(m.start, m.end) for m in article.mentions]
    mentions += [Mark(c.speaker_start, c.speaker_end) for c in article.claims
                 if c.speaker_start is not None and c.speaker_end is not None]
    cues = [Mark(c.cue_start, c.cue_end) for c in article.claims if c.cue_start is not None]
    mine = [r.id for rs in histories.values() for r in rs if r.user_id == user.user_id]
    legend = {}
    for c in article.claims:
        if c.speaker is not None:
            legend.setdefault(c.speaker.id, (c.speaker, colors[c.speaker.id]))
    previous_id, next_id = queries.neighbours(article.id, session=session)
    return {"article": article, "claims": claims, "segments": segments(article.text, marks, mentions, cues),
            "last_review": max(mine) if mine else "", "legend": list(legend.values()),
            "reviewed": sum(1 for c in article.claims if c.review_status != "unreviewed"),
            "can_review": user.can_review, "previous_id": previous_id, "next_id": next_id}


@router.get("/articles/{article_id}")
def article_page(request: Request, session: ReadSessionDep, article_id: ArticleId,
                 existing: bool = False) -> HTMLResponse:
    """One article: its text with the claims highlighted, and the claims to review."""
    user = _user(request, session)
    try:
        context = _article_context(session, article_id, user)
    except StoreError as exc:
        return _page(request, "error.html", user, status=404, message=str(exc))
    return _page(request, "article.html", user, existing=existing, **context)


@router.get("/next-unreviewed")
def next_unreviewed(request: Request, session: ReadSessionDep,
                    article: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
                    after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0) -> Response:
    """The next unreviewed claim: in `article` after position `after`, else in the articles below it in
    the inbox (then from the top), else earlier in `article`; the inbox when none is left."""
    _user(request, session)
    found = queries.next_unreviewed(session=session, article_id=article, after_position=after)
    if found is None:
        return RedirectResponse(f"{PREFIX}/?all_reviewed=true", status_code=303)
    article_id, claim_id = found
    return RedirectResponse(f"{PREFIX}/articles/{article_id}#c{claim_id}", status_code=303)


def _card(session, claim_id: int, user: UiUser) -> dict:
    claim = repository.get_claim(claim_id, session=session)
    speakers = session.scalars(select(Claim.speaker_source_id).where(Claim.article_id == claim.article_id))
    colors = speaker_colors(speakers)
    history = queries.reviewer_names([claim.id], session=session)[claim.id]
    view = claim_view(claim, claim.article.publisher, colors, history)
    add_claim_stories(session, [view])
    html = env.get_template("_claim.html").render(c=view, can_review=user.can_review)
    return {"id": claim.id, "status": claim.review_status, "html": html}


class Decision(BaseModel):
    action: str = Field(pattern="^(accept|reject)$")


@router.post("/claims/{claim_id}/review")
def review(request: Request, session: SessionDep, claim_id: ClaimId, body: Decision) -> JSONResponse:
    """Accept or reject a claim."""
    user = _changer(request, session)
    try:
        record = repository.review_claim(session=session, claim_id=claim_id, user_id=user.user_id, action=body.action)
        review_id = record.id
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _problem(exc)
    return JSONResponse({**_card(session, claim_id, user), "review_id": review_id})


@router.post("/reviews/{review_id}/undo")
def undo(request: Request, session: SessionDep, review_id: ReviewId) -> JSONResponse:
    """Undo a decision: a new review that reverts it."""
    user = _changer(request, session)
    try:
        record = queries.undo(review_id, session=session, user_id=user.user_id)
        claim_id, new_id = record.claim_id, record.id
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _problem(exc)
    return JSONResponse({**_card(session, claim_id, user), "review_id": new_id})


class Correction(BaseModel):
    speaker_id: Id | None = None
    set_speaker: bool = False        # speaker_id given (None: no speaker)
    relay: list[Id] | None = Field(default=None, max_length=50)
    kind: str | None = Field(default=None, max_length=20)
    start: Offset | None = None
    end: Offset | None = None
    selected: str | None = Field(default=None, max_length=200_000)  # the text the browser selected, checked here


def _checked_span(session, article_id: int, start, end, selected) -> tuple[int, int]:
    # the text alone: the claim's article is loaded without it (repository.get_claim), and its attribute
    # raises rather than load it
    text = session.scalar(select(Article.text).where(Article.id == article_id))
    if text is None:
        raise NotFound(f"article {article_id} does not exist")
    if start is None or end is None or not 0 <= start < end <= len(text):
        raise HTTPException(422, f"the span {start}–{end} is not inside the article's text (0–{len(text)})")
    if selected is not None and text[start:end] != selected:
        raise HTTPException(422, "the selected text does not match the article at those offsets")
    return start, end


@router.post("/claims/{claim_id}/correct")
def correct(request: Request, session: SessionDep, claim_id: ClaimId, body: Correction) -> JSONResponse:
    """Correct a claim's speaker, relay, kind or boundaries."""
    user = _changer(request, session)
    changes: dict[str, Any] = {}
    try:
        claim = repository.get_claim(claim_id, session=session)
        if body.set_speaker and body.speaker_id != claim.speaker_source_id:
            changes["speaker_id"] = body.speaker_id
        if body.relay is not None and body.relay != [r.source_id for r in claim.relays]:
            changes["relay"] = body.relay
        if body.kind is not None and body.kind != claim.kind:
            changes["kind"] = body.kind
        if body.start is not None and (body.start, body.end) != (claim.start, claim.end):
            changes["span"] = _checked_span(session, claim.article_id, body.start, body.end, body.selected)
        if not changes:
            return JSONResponse({"detail": "nothing changed"}, status_code=422)
        record = repository.correct_claim(session=session, claim_id=claim_id, user_id=user.user_id, **changes)
        review_id = record.id
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _problem(exc)
    return JSONResponse({**_card(session, claim_id, user), "review_id": review_id,
                         "reload": bool({"span", "speaker_id"} & changes.keys())})


class NewClaim(BaseModel):
    start: Offset
    end: Offset
    selected: str = Field(max_length=200_000)
    kind: str = Field(default="indirect", max_length=20)
    speaker_id: Id | None = None
    relay: list[Id] = Field(default_factory=list, max_length=50)


@router.post("/articles/{article_id}/claims")
def add_claim(request: Request, session: SessionDep, article_id: ArticleId, body: NewClaim) -> JSONResponse:
    """Add a claim the engine missed, from a text selection."""
    user = _changer(request, session)
    try:
        span = _checked_span(session, article_id, body.start, body.end, body.selected)
        claim = repository.create_claim(session=session, article_id=article_id, user_id=user.user_id, span=span,
                                        kind=body.kind, speaker_id=body.speaker_id, relay=body.relay)
        claim_id = claim.id
        review_id = session.scalar(select(Review.id).where(Review.claim_id == claim_id))
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _problem(exc)
    return JSONResponse({"id": claim_id, "review_id": review_id, "reload": True}, status_code=201)


# --- sources ----------------------------------------------------------------------------------------------

@router.get("/sources/search")
def search_sources(request: Request, session: ReadSessionDep, q: Annotated[str, Query(max_length=200)] = "",
                   type: Annotated[str, Query(max_length=20)] = "") -> JSONResponse:
    """Type-ahead over sources (name or alias)."""
    _user(request, session)
    if not q.strip():
        return JSONResponse([])
    page = repository.list_sources(session=session, q=q.strip(), source_type=type or None, limit=12)
    return JSONResponse([{"id": s.id, "name": s.name, "type": s.type, "anonymous": s.anonymous,
                          "aliases": [a.alias for a in s.aliases][:3]} for s in page.items])


class NewSource(BaseModel):
    name: Annotated[Text, Field(min_length=1, max_length=500)]
    type: str = Field(max_length=20)
    article_id: Id | None = None


@router.post("/sources")
def new_source(request: Request, session: SessionDep, body: NewSource) -> JSONResponse:
    """Create a source (or find the named one that exists)."""
    user = _changer(request, session)
    try:
        source = repository.create_source(session, name=body.name, type=body.type, user=user.user_id,
                                          article_id=body.article_id if body.type == "anonymous" else None)
        out = {"id": source.id, "name": source.name, "type": source.type}
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _problem(exc)
    return JSONResponse(out, status_code=201)


@router.get("/sources/{source_id}")
def source_page(request: Request, session: ReadSessionDep, source_id: SourceId,
                merged: Annotated[str, Query(max_length=500)] = "",
                unmerged: Annotated[str, Query(max_length=500)] = "") -> Response:
    """A source: who it is, every claim by it grouped by publisher, a timeline; merge duplicates into it."""
    user = _user(request, session)
    try:
        profile = repository.source_profile(source_id, session=session)
    except StoreError as exc:
        return _page(request, "error.html", user, status=404, message=str(exc))
    if profile.source.id != source_id:
        return RedirectResponse(f"{PREFIX}/sources/{profile.source.id}", status_code=303)
    claims = repository.list_claims(session=session, speaker_id=source_id, limit=repository.MAX_LIMIT).items
    groups: dict[str | None, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim.article.publisher].append(claim)
    relayed = repository.list_claims(session=session, outlet_id=source_id, limit=50).items
    peak = max((n for _, n in profile.by_month), default=1)
    suggestions = merge_suggestions(session=session, source_id=source_id, limit=10)
    return _page(request, "source.html", user, profile=profile, source=profile.source, suggestions=suggestions,
                 groups=sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0] or "")), relayed=relayed,
                 peak=peak, merged=merged, unmerged=unmerged, badge=_badge(profile.source))


@router.post("/sources/{source_id}/merge")
def merge(request: Request, session: SessionDep, source_id: SourceId,
          duplicate_id: Annotated[int, Form(ge=1, le=MAX_ID)],
          csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Merge a duplicate source into this one (checked as POST /v1/sources/{id}/merge is)."""
    return _merge_or_unmerge(request, session, merges.merge_sources, source_id, duplicate_id, csrf_token, "merged")


@router.post("/sources/{source_id}/unmerge")
def unmerge(request: Request, session: SessionDep, source_id: SourceId,
            duplicate_id: Annotated[int, Form(ge=1, le=MAX_ID)],
            csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Undo the merge of a duplicate into this source."""
    return _merge_or_unmerge(request, session, merges.unmerge_sources, source_id, duplicate_id, csrf_token,
                             "unmerged")


def _merge_or_unmerge(request: Request, session, change, source_id: int, duplicate_id: int, csrf_token: str,
                      done: str) -> Response:
    user = _changer(request, session, csrf_token)
    try:
        record = change(session=session, target_id=source_id, duplicate_id=duplicate_id, user_id=user.user_id)
        name = repository.get_source(record.duplicate_id, session=session).name
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _page(request, "error.html", user, status=_domain_status(exc), message=str(exc))
    return RedirectResponse(f"{PREFIX}/sources/{source_id}?{done}={quote(name)}", status_code=303)


# --- outlet relays ----------------------------------------------------------------------------------------

def relay_graph(edges: list[repository.RelayEdge], width: int = 760, height: int = 520) -> dict:
    """A circular layout of the relay network, computed here and drawn as SVG by the template."""
    names: list[str] = []
    weight: dict[str, int] = defaultdict(int)
    for e in edges:
        for name in (e.source, e.target):
            if name not in names:
                names.append(name)
        weight[e.source] += e.claims
        weight[e.target] += e.claims
    names.sort(key=lambda n: (-weight[n], n))
    cx, cy, r = width / 2, height / 2, min(width, height) / 2 - 90
    pos = {}
    for i, name in enumerate(names):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(names))
        pos[name] = (cx + r * math.cos(angle), cy + r * math.sin(angle), math.cos(angle))
    top = max((e.claims for e in edges), default=1)
    lines = []
    for e in edges:
        x1, y1, _ = pos[e.source]
        x2, y2, _ = pos[e.target]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        shrink = 14 / length  # stop at the node's circle, so the arrowhead shows
        lines.append({"edge": e, "x1": x1 + dx * shrink, "y1": y1 + dy * shrink, "x2": x2 - dx * shrink,
                      "y2": y2 - dy * shrink, "w": 1.5 + 5 * math.sqrt(e.claims / top),
                      "lx": (x1 + x2) / 2, "ly": (y1 + y2) / 2})
    nodes = [{"name": n, "x": x, "y": y, "anchor": "start" if c > 0.2 else "end" if c < -0.2 else "middle",
              "weight": weight[n]} for n, (x, y, c) in pos.items()]
    return {"width": width, "height": height, "nodes": nodes, "lines": lines}


@router.get("/outlets")
def outlets_page(request: Request, session: ReadSessionDep, published_from: IsoDate | None = None,
                 published_to: IsoDate | None = None, edge_from: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
                 edge_to: Annotated[str, Query(max_length=300)] = "") -> HTMLResponse:
    """Who relays whom: a graph of outlets, filterable by date; an edge lists its claims."""
    user = _user(request, session)
    try:
        edges = repository.relay_edges(session=session, published_from=published_from, published_to=published_to)
    except StoreError as exc:
        return _page(request, "error.html", user, status=422, message=str(exc))
    edge_claims = []
    if edge_from is not None and edge_to:
        edge_claims = [c for c in queries.edge_claims(edge_from, edge_to, session=session)
                       if (published_from is None or (c.article.published and c.article.published >= published_from))
                       and (published_to is None or (c.article.published and c.article.published <= published_to))]
    selected = next((e for e in edges if e.source_id == edge_from and e.target == edge_to), None)
    return _page(request, "outlets.html", user, edges=edges, graph=relay_graph(edges), edge_claims=edge_claims,
                 selected=selected, edge_from=edge_from, edge_to=edge_to,
                 filters={"published_from": published_from or "", "published_to": published_to or ""})


router.add_api_route("", root_redirect, include_in_schema=False)
