"""/v1/export: claims as JSON Lines, CSV or W3C Web Annotations (JSON-LD), streamed.

The response is a generator that reads the claims a page at a time, each page in its own short
transaction, so that neither memory nor a database lock grows with the size of the export. The filters are
those of `GET /v1/claims`; the first page is read before the response starts, so that a bad filter is
still a 422 and not a broken stream.

In JSON-LD every claim is a Web Annotation (https://www.w3.org/TR/annotation-model/) whose target is the
claim's stretch of the stored article text, chosen by a TextQuoteSelector (exact, with 32 characters of
prefix and suffix) and a TextPositionSelector (the claim's offsets). The target carries
`prov:wasAttributedTo`: the source the article attributes that text to (its speaker). Kind, cue, relay,
confidence and review status are `whosaid:` properties of the annotation.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session, sessionmaker

from app.api import queries
from app.api.deps import ReadSessionDep
from app.api.errors import problem_responses
from app.api.security import Reader
from app.schemas.api import ClaimOut, ExportQuery
from app.stories.claims import add_stories
from app.store import repository

router = APIRouter(tags=["export"], responses=problem_responses(401, 403, 422, 429))
PAGE = 200
CONTEXT_CHARS = 32
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "jsonld": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
}
CSV_COLUMNS = ["claim_id", "article_id", "position", "publisher", "published", "article_title", "article_url",
               "kind", "text", "start", "end", "cue", "speaker_id", "speaker", "speaker_type", "speaker_anonymous",
               "speaker_mention", "relay", "relay_ids", "confidence", "review_status", "origin"]
# OWASP's CSV injection advice: a cell that starts with one of these is read as a formula by
# spreadsheets; a single quote before it makes the cell plain text
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROV_TYPES = {"person": "prov:Person", "organization": "prov:Organization", "outlet": "prov:Organization"}
JSONLD_CONTEXT = ["http://www.w3.org/ns/anno.jsonld",
                  {"prov": "http://www.w3.org/ns/prov#", "whosaid": "urn:whosaid:vocab:"}]

Batch = list[tuple[ClaimOut, str]]  # claims with their article's text (JSON-LD only; "" otherwise)


# the JSON-LD answer as it is (app.main documents it); JSON Lines and CSV are text, one claim a line
_TEXT = {"type": "string"}
_NAMED = {"type": "object", "required": ["id", "name"], "properties": {"id": _TEXT, "name": _TEXT}}
WEB_ANNOTATION_SCHEMA = {
    "type": "object",
    "required": ["id", "type", "motivation", "created", "modified", "body", "target"],
    "properties": {
        "id": _TEXT, "type": {"const": "Annotation"}, "motivation": {"const": "describing"},
        "created": {"type": "string", "format": "date-time"}, "modified": {"type": "string", "format": "date-time"},
        "generator": {"type": "object"},
        "body": {"type": "object", "required": ["type", "value"], "properties": {
            "type": {"const": "TextualBody"}, "value": _TEXT}},
        "target": {"type": "object", "required": ["type", "source", "selector"], "properties": {
            "type": {"const": "SpecificResource"}, "source": _TEXT, "selector": {"type": "array"},
            "prov:wasAttributedTo": {"type": "object"}}},
        "whosaid:kind": _TEXT, "whosaid:cue": {"type": ["string", "null"]},
        "whosaid:relay": {"type": "array", "items": _NAMED}, "whosaid:confidence": {"type": "number"},
        "whosaid:reviewStatus": _TEXT, "whosaid:article": {"type": "object"},
    },
}
JSONLD_SCHEMA = {
    "type": "object",
    "required": ["@context", "id", "type", "first"],
    "properties": {
        "@context": {"type": "array"}, "id": _TEXT, "type": {"const": "AnnotationCollection"}, "label": _TEXT,
        "first": {"type": "object", "required": ["type", "items"], "properties": {
            "type": {"const": "AnnotationPage"}, "items": {"type": "array", "items": WEB_ANNOTATION_SCHEMA}}},
    },
}
RESPONSE_SCHEMAS = {"jsonl": {**_TEXT, "description": "One claim (as GET /v1/claims/{claim_id}) a line."},
                    "csv": {**_TEXT, "description": f"A header row ({', '.join(CSV_COLUMNS)}), then a claim a row."},
                    "jsonld": JSONLD_SCHEMA}


@router.get("/export", response_class=StreamingResponse, responses={200: {
    "description": "The claims, streamed",
    "content": {MEDIA_TYPES[name].split(";")[0]: {"schema": schema} for name, schema in RESPONSE_SCHEMAS.items()}}})
def export(_: Reader, query: Annotated[ExportQuery, Query()], request: Request,
           session: ReadSessionDep) -> StreamingResponse:
    """Export the claims that match GET /v1/claims's filters, as JSONL, CSV or W3C Web Annotation JSON-LD; reader."""
    filters = query.repository_filters()
    with_text = query.format == "jsonld"
    first, cursor = _read_page(session, filters, None, with_text)
    session.rollback()  # nothing stays open while the client reads
    pages = _pages(request.app.state.read_sessionmaker, filters, first, cursor, with_text)
    base = str(request.base_url).rstrip("/")
    body = {"jsonl": _jsonl, "csv": _csv, "jsonld": lambda p: _jsonld(p, base)}[query.format](pages)
    extension = {"jsonl": "jsonl", "csv": "csv", "jsonld": "jsonld"}[query.format]
    return StreamingResponse(body, media_type=MEDIA_TYPES[query.format],
                             headers={"Content-Disposition": f'attachment; filename="whosaid-claims.{extension}"'})


def _read_page(session: Session, filters: dict[str, Any], cursor: int | None,
               with_text: bool) -> tuple[Batch, int | None]:
    page = repository.list_claims(session=session, cursor=cursor, limit=PAGE, **filters)
    texts = queries.article_texts([c.article_id for c in page.items], session=session) if with_text else {}
    claims = add_stories(session, [ClaimOut.of(c) for c in page.items])
    return [(claim, texts.get(c.article_id, "")) for claim, c in zip(claims, page.items)], page.next_cursor


def _pages(factory: sessionmaker[Session], filters: dict[str, Any], first: Batch, cursor: int | None,
           with_text: bool) -> Iterator[Batch]:
    yield first
    while cursor is not None:
        with factory() as session:
            batch, cursor = _read_page(session, filters, cursor, with_text)
        yield batch


def _jsonl(pages: Iterator[Batch]) -> Iterator[str]:
    for batch in pages:
        yield "".join(claim.model_dump_json() + "\n" for claim, _ in batch)


def _csv(pages: Iterator[Batch]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for batch in pages:
        for claim, _ in batch:
            writer.writerow(_csv_row(claim))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # pragma: no cover - every row is flushed with its page
        yield buffer.getvalue()


def inert(cell: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula: text starting with =, +, -, @, a tab or a carriage
    return gets a single quote before it (numbers are written as they are)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _csv_row(claim: ClaimOut) -> list[Any]:
    return [inert(cell) for cell in _csv_cells(claim)]


def _csv_cells(claim: ClaimOut) -> list[Any]:
    speaker = claim.speaker
    return [claim.id, claim.article.id, claim.position, claim.article.publisher or "",
            claim.article.published.isoformat() if claim.article.published else "", claim.article.title or "",
            claim.article.url or "", claim.kind, claim.text, claim.start, claim.end,
            claim.cue.text if claim.cue else "", speaker.id if speaker else "", speaker.name if speaker else "",
            speaker.type if speaker else "", str(speaker.anonymous).lower() if speaker else "",
            speaker.mention.text if speaker and speaker.mention else "",
            " > ".join(r.name for r in claim.relay), " ".join(str(r.id) for r in claim.relay),
            claim.confidence, claim.review_status, claim.origin]


def _jsonld(pages: Iterator[Batch], base: str) -> Iterator[str]:
    head = {"@context": JSONLD_CONTEXT, "id": f"{base}/v1/export?format=jsonld", "type": "AnnotationCollection",
            "label": "whosaid claims"}
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "first": {"type": "AnnotationPage", "items": ['
    yield opening
    separator = ""
    for batch in pages:
        chunk = []
        for claim, text in batch:
            chunk.append(separator + json.dumps(web_annotation(claim, text, base), ensure_ascii=False))
            separator = ", "
        yield "".join(chunk)
    yield "]}}\n"


def web_annotation(claim: ClaimOut, text: str, base: str) -> dict[str, Any]:
    """One claim as a W3C Web Annotation (see the module docstring)."""
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": f"{base}/v1/articles/{claim.article.id}",
        "selector": [
            {"type": "TextQuoteSelector", "exact": text[claim.start:claim.end] or claim.text,
             "prefix": text[max(0, claim.start - CONTEXT_CHARS):claim.start],
             "suffix": text[claim.end:claim.end + CONTEXT_CHARS]},
            {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
        ],
    }
    if claim.speaker is not None:
        target["prov:wasAttributedTo"] = {"id": f"{base}/v1/sources/{claim.speaker.id}",
                                          "type": PROV_TYPES.get(claim.speaker.type, "prov:Agent"),
                                          "name": claim.speaker.name, "whosaid:sourceType": claim.speaker.type,
                                          "whosaid:anonymous": claim.speaker.anonymous}
    relay = " → ".join(r.name for r in claim.relay)
    summary = f"{claim.kind} claim by {claim.speaker.name if claim.speaker else 'an unknown speaker'}"
    return {
        "id": f"{base}/v1/claims/{claim.id}",
        "type": "Annotation",
        "motivation": "describing",
        "created": claim.created_at.isoformat(),
        "modified": claim.updated_at.isoformat(),
        "generator": {"id": f"{base}/", "type": "Software", "name": "whosaid"},
        "body": {"type": "TextualBody", "purpose": "describing", "format": "text/plain",
                 "value": summary + (f", relayed by {relay}" if relay else "")},
        "target": target,
        "whosaid:kind": claim.kind,
        "whosaid:cue": claim.cue.text if claim.cue else None,
        "whosaid:relay": [{"id": f"{base}/v1/sources/{r.id}", "name": r.name} for r in claim.relay],
        "whosaid:confidence": claim.confidence,
        "whosaid:reviewStatus": claim.review_status,
        "whosaid:article": {"id": f"{base}/v1/articles/{claim.article.id}", "url": claim.article.url,
                            "publisher": claim.article.publisher,
                            "published": claim.article.published.isoformat() if claim.article.published else None},
    }
