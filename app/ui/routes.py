"""The analyst review UI: server-rendered pages (Jinja2, autoescaped) under /ui, and the few JSON
endpoints its script (static/review.js) calls to save a decision at once.

Pages: sign-in, inbox (+ ingest), article review, source profile, outlet relays. Every page needs a
signed-in user (app/ui/session.py); changes need an analyst and the session's CSRF token. Changes go
through app.store.repository (review_claim, correct_claim, create_claim, revert_review, create_source,
merge_sources) and
app.services.ingest, in the request's session, committed at once.
"""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from pydantic import BaseModel, Field
from sqlalchemy import select

from app.api.deps import ReadSessionDep, SessionDep
from app.fetch import FetchError
from app.services.ingest import ingest_article, ingest_html
from app.store import repository
from app.store.errors import StoreError
from app.store.models import CLAIM_KINDS, SOURCE_TYPES, Article, Claim, Review
from app.ui import queries
from app.ui.session import (
    UiUser,
    check_csrf,
    check_login_token,
    current_user,
    key_prefix,
    make_signer,
    require_analyst,
    sign_in,
    sign_out,
    new_login_token,
    set_login_cookie,
)
from app.ui.text import ClaimMark, Mark, segments, speaker_colors

HERE = Path(__file__).parent
PREFIX = "/ui"
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
templates = Jinja2Templates(env=env)
router = APIRouter(prefix=PREFIX, include_in_schema=False)
KIND_LABELS = {"direct": "direct quote", "indirect": "reported speech", "mixed": "mixed", "according_to": "according to"}
env.globals.update(KIND_LABELS=KIND_LABELS, CLAIM_KINDS=CLAIM_KINDS, SOURCE_TYPES=SOURCE_TYPES, PREFIX=PREFIX)


def mount(app: FastAPI) -> None:
    """Serve the UI from `app`: the pages under /ui, their static files under /ui/static."""
    app.state.ui_signer = make_signer()
    app.include_router(router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="ui-static")


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
    status = {"NotFound": 404, "Conflict": 409, "Forbidden": 403}.get(type(exc).__name__, 422)
    return JSONResponse({"detail": str(exc)}, status_code=status)


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
    user = repository.authenticate(api_key, session=session)
    if user is None:
        return _login_error(request, "that API key is unknown or revoked")
    response = RedirectResponse(f"{PREFIX}/", status_code=303)
    sign_in(request, response, user, key_prefix(api_key))
    return response


def _login_error(request: Request, message: str) -> HTMLResponse:
    token = new_login_token()
    response = _page(request, "login.html", None, status=400, error=message, login_token=token)
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
          speaker: Annotated[str, Query(max_length=300)] = "") -> HTMLResponse:
    """Articles with their review progress; filters; the ingest form."""
    user = _user(request, session)
    return _inbox_page(request, session, user, unreviewed=unreviewed, low=low, publisher=publisher, speaker=speaker)


def _inbox_page(request, session, user, *, unreviewed=False, low=False, publisher="", speaker="",
                error: str | None = None, status: int = 200) -> HTMLResponse:
    rows = queries.inbox(session=session, unreviewed=unreviewed, low_confidence=low, publisher=publisher or None,
                         speaker=speaker or None)
    publishers = repository.list_publishers(session=session)
    return _page(request, "inbox.html", user, status=status, rows=rows, publishers=publishers,
                 filters={"unreviewed": unreviewed, "low": low, "publisher": publisher, "speaker": speaker},
                 error=error, low_threshold=queries.LOW_CONFIDENCE)


@router.post("/articles")
def ingest(request: Request, session: SessionDep,
           csrf_token: Annotated[str, Form(max_length=100)] = "",
           text: Annotated[str, Form()] = "",
           url: Annotated[str, Form(max_length=2000)] = "",
           publisher: Annotated[str, Form(max_length=300)] = "",
           title: Annotated[str, Form(max_length=1000)] = "",
           published: Annotated[str, Form(max_length=30)] = "",
           file: Annotated[UploadFile | None, File()] = None) -> Response:
    """Ingest a pasted text, an uploaded text or HTML file, or a URL; then open the article."""
    user = _changer(request, session, csrf_token)
    settings = request.app.state.settings
    nlp = request.app.state.nlp
    meta = {"publisher": publisher.strip() or None, "title": title.strip() or None,
            "published": published.strip() or None}
    try:
        upload = file.file.read(settings.fetch_max_bytes + 1) if file is not None and file.filename else b""
        if len(upload) > settings.fetch_max_bytes:
            raise ValueError(f"the file is larger than {settings.fetch_max_bytes:,} bytes")
        if text.strip():
            result = _ingest_text(session, text, settings, nlp, url=url.strip() or None, **meta)
        elif upload:
            name = (file.filename or "").lower()
            content = upload.decode("utf-8", errors="replace")
            if name.endswith((".html", ".htm")) or content.lstrip()[:1] == "<":
                result = ingest_html(session, upload, url=url.strip() or None, nlp=nlp, **meta)
            else:
                result = _ingest_text(session, content, settings, nlp, url=url.strip() or None, **meta)
        elif url.strip():
            page = request.app.state.fetch(url.strip())
            if page.is_html:
                result = ingest_html(session, page.text, url=page.url, nlp=nlp, **meta)
            else:
                result = _ingest_text(session, page.text, settings, nlp, url=page.url, **meta)
        else:
            raise ValueError("paste a text, choose a file or give a URL")
    except (StoreError, FetchError, ValueError) as exc:
        session.rollback()
        return _inbox_page(request, session, user, error=str(exc), status=422)
    return RedirectResponse(f"{PREFIX}/articles/{result.article.id}", status_code=303)


def _ingest_text(session, text, settings, nlp, **kwargs):
    if len(text) > settings.max_text_chars:
        raise ValueError(f"the text has {len(text):,} characters; the limit is {settings.max_text_chars:,}")
    return ingest_article(session, text, nlp=nlp, **kwargs)


# --- article review ---------------------------------------------------------------------------------------

def _badge(source) -> str:
    if source is None:
        return "none"
    if source.type == "outlet":
        return "outlet"
    return "anonymous" if source.anonymous else "named"


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
    return {"article": article, "claims": claims, "segments": segments(article.text, marks, mentions, cues),
            "last_review": max(mine) if mine else "", "legend": list(legend.values()),
            "reviewed": sum(1 for c in article.claims if c.review_status != "unreviewed")}


@router.get("/articles/{article_id}")
def article_page(request: Request, session: ReadSessionDep, article_id: int) -> HTMLResponse:
    """One article: its text with the claims highlighted, and the claims to review."""
    user = _user(request, session)
    try:
        context = _article_context(session, article_id, user)
    except StoreError as exc:
        return _page(request, "error.html", user, status=404, message=str(exc))
    return _page(request, "article.html", user, **context)


def _card(session, claim_id: int) -> dict:
    claim = repository.get_claim(claim_id, session=session)
    colors = speaker_colors(session.scalars(select(Claim.speaker_source_id)
                                            .where(Claim.article_id == claim.article_id).order_by(Claim.position)))
    history = queries.reviewer_names([claim.id], session=session)[claim.id]
    view = claim_view(claim, claim.article.publisher, colors, history)
    html = env.get_template("_claim.html").render(c=view, can_review=True)
    return {"id": claim.id, "status": claim.review_status, "html": html}


class Decision(BaseModel):
    action: str = Field(pattern="^(accept|reject)$")


@router.post("/claims/{claim_id}/review")
def review(request: Request, session: SessionDep, claim_id: int, body: Decision) -> JSONResponse:
    """Accept or reject a claim."""
    user = _changer(request, session)
    try:
        record = repository.review_claim(session=session, claim_id=claim_id, user_id=user.user_id, action=body.action)
        review_id = record.id
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _problem(exc)
    return JSONResponse({**_card(session, claim_id), "review_id": review_id})


@router.post("/reviews/{review_id}/undo")
def undo(request: Request, session: SessionDep, review_id: int) -> JSONResponse:
    """Undo a decision: a new review that reverts it."""
    user = _changer(request, session)
    try:
        record = queries.undo(review_id, session=session, user_id=user.user_id)
        claim_id, new_id = record.claim_id, record.id
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _problem(exc)
    return JSONResponse({**_card(session, claim_id), "review_id": new_id})


class Correction(BaseModel):
    speaker_id: int | None = None
    set_speaker: bool = False        # speaker_id given (None: no speaker)
    relay: list[int] | None = None
    kind: str | None = None
    start: int | None = None
    end: int | None = None
    selected: str | None = Field(default=None, max_length=200_000)  # the text the browser selected, checked here


def _checked_span(session, article_id: int, start, end, selected) -> tuple[int, int]:
    text = session.get_one(Article, article_id).text
    if start is None or end is None or not 0 <= start < end <= len(text):
        raise HTTPException(422, f"the span {start}–{end} is not inside the article's text (0–{len(text)})")
    if selected is not None and text[start:end] != selected:
        raise HTTPException(422, "the selected text does not match the article at those offsets")
    return start, end


@router.post("/claims/{claim_id}/correct")
def correct(request: Request, session: SessionDep, claim_id: int, body: Correction) -> JSONResponse:
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
    return JSONResponse({**_card(session, claim_id), "review_id": review_id, "reload": bool({"span", "speaker_id"} & changes.keys())})


class NewClaim(BaseModel):
    start: int
    end: int
    selected: str = Field(max_length=200_000)
    kind: str = "indirect"
    speaker_id: int | None = None
    relay: list[int] = Field(default_factory=list)


@router.post("/articles/{article_id}/claims")
def add_claim(request: Request, session: SessionDep, article_id: int, body: NewClaim) -> JSONResponse:
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
    name: str = Field(min_length=1, max_length=500)
    type: str
    article_id: int | None = None


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
def source_page(request: Request, session: ReadSessionDep, source_id: int, merged: str = "") -> Response:
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
    return _page(request, "source.html", user, profile=profile, source=profile.source,
                 groups=sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0] or "")), relayed=relayed,
                 peak=peak, merged=merged, badge=_badge(profile.source))


@router.post("/sources/{source_id}/merge")
def merge(request: Request, session: SessionDep, source_id: int,
          duplicate_id: Annotated[int, Form()], csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Merge a duplicate source into this one."""
    user = _changer(request, session, csrf_token)
    try:
        record = repository.merge_sources(session=session, target_id=source_id, duplicate_id=duplicate_id,
                                          user_id=user.user_id)
        name = record.details["duplicate"]["name"]
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _page(request, "error.html", user, status=409, message=str(exc))
    from urllib.parse import quote
    return RedirectResponse(f"{PREFIX}/sources/{source_id}?merged={quote(name)}", status_code=303)


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
def outlets_page(request: Request, session: ReadSessionDep, published_from: date | None = None,
                 published_to: date | None = None, edge_from: int | None = None,
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


@router.get("")
def root_redirect() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/", status_code=307)
