"""The stories' pages of the review UI: the Stories list and a story (timeline of appearances, propagation
graph from the origin, wordings side by side with flagged changes, split and merge for analysts).
Mounted by app/ui/routes.mount; the layouts are computed here and drawn as SVG by the templates."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from app.api.deps import ReadSessionDep, SessionDep, path_id
from app.schemas.api import MAX_ID
from app.store.errors import StoreError
from app.stories import queries, review
from app.stories.jsonld import story_jsonld
from app.stories.queries import Edge, Member
from app.ui.routes import PREFIX, _changer, _page, _user

router = APIRouter(prefix=PREFIX, include_in_schema=False)
StoryId = path_id("story")
FLAG_LABELS = {"number": "number changed", "date": "date changed", "negation": "negation added or dropped",
               "hedge": "hedge lost or added", "speaker_dropped": "speaker dropped", "hop_dropped": "origin hop dropped"}


@router.get("/stories")
def stories_page(request: Request, session: ReadSessionDep, q: Annotated[str, Query(max_length=300)] = "",
                 speaker: Annotated[str, Query(max_length=300)] = "", outlet: Annotated[str, Query(max_length=300)] = "",
                 sort: Literal["size", "recent"] = "size") -> HTMLResponse:
    """The biggest (or newest) stories over two or more articles, searchable."""
    user = _user(request, session)
    stories = queries.list_stories(session=session, q=q or None, speaker=speaker or None, outlet=outlet or None,
                                   sort=sort, limit=100)
    return _page(request, "stories.html", user, stories=stories,
                 filters={"q": q, "speaker": speaker, "outlet": outlet, "sort": sort})


@router.get("/stories/{story_id}")
def story_page(request: Request, session: ReadSessionDep, story_id: StoryId,
               done: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    """One story: where it first appeared, how it travelled, how it changed."""
    user = _user(request, session)
    try:
        story = queries.get_story(story_id, session=session)
    except StoreError as exc:
        return _page(request, "error.html", user, status=404, message=str(exc))
    changes = {c["claim_id"]: c for c in story.changes}
    rows = [{"m": m, "segments": changes[m.claim_id]["segments"], "flags": changes[m.claim_id]["flags"]}
            for m in story.members]
    return _page(request, "story.html", user, story=story, rows=rows, timeline=timeline(story.members),
                 graph=propagation_graph(story.edges, story.origin), FLAG_LABELS=FLAG_LABELS, done=done,
                 flagged=sum(1 for r in rows if r["flags"]))


@router.get("/stories/{story_id}/jsonld")
def story_jsonld_page(request: Request, session: ReadSessionDep, story_id: StoryId) -> Response:
    """The story as schema.org Claim JSON-LD, for a signed-in user (the API's route needs a key)."""
    user = _user(request, session)
    try:
        story = queries.get_story(story_id, session=session)
    except StoreError as exc:
        return _page(request, "error.html", user, status=404, message=str(exc))
    return JSONResponse(story_jsonld(story), media_type="application/ld+json")


@router.post("/stories/{story_id}/split")
def split(request: Request, session: SessionDep, story_id: StoryId,
          claim_ids: Annotated[list[int], Form()] = [],  # noqa: B006 (FastAPI reads the default, never mutates it)
          csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    user = _changer(request, session, csrf_token)
    try:
        rest, new = review.split_story(session=session, story_id=story_id,
                                       claim_ids=[c for c in claim_ids if 1 <= c <= MAX_ID], user_id=user.user_id)
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _page(request, "error.html", user, status=422, message=str(exc))
    return RedirectResponse(f"{PREFIX}/stories/{rest}?done={quote(f'split off as story {new}')}", status_code=303)


@router.post("/stories/{story_id}/merge")
def merge(request: Request, session: SessionDep, story_id: StoryId,
          other_id: Annotated[int, Form(ge=1, le=MAX_ID)], csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    user = _changer(request, session, csrf_token)
    try:
        merged = review.merge_stories(session=session, story_id=story_id, other_id=other_id, user_id=user.user_id)
        session.commit()
    except StoreError as exc:
        session.rollback()
        return _page(request, "error.html", user, status=422, message=str(exc))
    return RedirectResponse(f"{PREFIX}/stories/{merged}?done={quote(f'merged story {other_id} into this one')}",
                            status_code=303)


def timeline(members: list[Member], width: int = 900, row: int = 30, left: int = 170) -> dict:
    """Appearances by outlet (a row each, in order of first appearance) along the dates; undated ones in a
    column of their own at the right."""
    outlets: list[str] = []
    for m in members:
        if (m.publisher or "unknown") not in outlets:
            outlets.append(m.publisher or "unknown")
    dated = [m.published for m in members if m.published]
    lo, hi = (min(dated), max(dated)) if dated else (date.today(), date.today())
    span = max(1, (hi - lo).days)
    plot = width - left - 170
    points = []
    for m in members:
        y = 24 + outlets.index(m.publisher or "unknown") * row
        x = left + (m.published - lo).days / span * plot if m.published else width - 60
        if m.published and lo == hi:
            x = left + plot / 2
        points.append({"x": round(x, 1), "y": y, "m": m})
    ticks = [{"x": left, "label": lo.isoformat()}] if dated else []
    if dated and hi != lo:
        ticks.append({"x": left + plot, "label": hi.isoformat()})
    return {"width": width, "height": 40 + len(outlets) * row, "rows": [
        {"name": o, "y": 24 + i * row} for i, o in enumerate(outlets)], "points": points, "ticks": ticks,
        "undated_x": width - 60, "has_undated": any(m.published is None for m in members), "left": left}


def propagation_graph(edges: list[Edge], origin: str | None, width: int = 900, column: int = 210) -> dict:
    """Outlets in columns by their distance from the roots (the origin first), edges as arrows."""
    incoming: dict[str, set[str]] = defaultdict(set)
    names: list[str] = []
    for e in edges:
        incoming[e.target].add(e.source)
        for n in (e.source, e.target):
            if n not in names:
                names.append(n)
    depth: dict[str, int] = {}

    def level(name: str, seen: frozenset = frozenset()) -> int:
        if name not in depth:
            parents = [p for p in incoming[name] if p not in seen]
            depth[name] = 0 if not parents else 1 + max(level(p, seen | {name}) for p in parents)
        return depth[name]

    for n in names:
        level(n)
    columns: dict[int, list[str]] = defaultdict(list)
    for n in sorted(names, key=lambda n: (depth[n], n != origin, n)):
        columns[depth[n]].append(n)
    tallest = max((len(c) for c in columns.values()), default=1)
    height = 40 + tallest * 46
    pos = {}
    for d, col in columns.items():
        for i, n in enumerate(col):
            pos[n] = (70 + d * column, (height / (len(col) + 1)) * (i + 1))
    lines = [{"e": e, "x1": pos[e.source][0] + 8, "y1": pos[e.source][1], "x2": pos[e.target][0] - 10,
              "y2": pos[e.target][1]} for e in edges]
    graph_width = max(width, 140 + (max(columns, default=0)) * column + 160)
    return {"width": graph_width, "height": height, "lines": lines,
            "nodes": [{"name": n, "x": x, "y": y, "origin": n == origin} for n, (x, y) in pos.items()]}
