"""Corpus inputs → items to ingest: folders of .txt/.html, JSON Lines, WARC files and files of URLs.

Every reader yields `Item`s in input order, each with `where` ("corpus.jsonl:17", "crawl.warc.gz#3",
"urls.txt:4", a file's path): the place the error report names. An input that cannot be read as an article
(a line that is not JSON, a WARC record that is not HTML) becomes an item with `problem` set, so that it is
reported and the run goes on. Reading is lazy: a dump of millions of lines is never held in memory.
"""
from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dateutil import parser as date_parser

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
URL_SUFFIXES = (".urls", ".urls.txt")
META_FIELDS = ("publisher", "url", "title", "published")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Item:
    """One article to ingest: a text, an HTML page, or a URL to fetch; or a `problem` to report."""

    where: str
    text: str | None = None
    html: str | None = None
    fetch: str | None = None  # a URL whose page is the article
    meta: dict = field(default_factory=dict)  # publisher, url, title, published (ISO date), all optional
    problem: str | None = None

    @property
    def file(self) -> str:
        return self.where.rsplit(":", 1)[0] if self.line is not None else self.where.split("#", 1)[0]

    @property
    def line(self) -> int | None:
        head, _, tail = self.where.rpartition(":")
        return int(tail) if head and tail.isdigit() else None


class UnknownInput(ValueError):
    """A path that is not a folder or a readable input file."""


def read_items(paths: Iterable[str | Path], *, urls: bool = False) -> Iterator[Item]:
    """The items of every input in order; "-" is standard input read as JSON Lines (or URLs with `urls`).
    A folder gives its .txt and .html files (recursively, sorted); a file is read by its suffix:
    .jsonl/.ndjson, .warc(.gz), .urls (or any file with `urls`), else as one text or HTML article."""
    for raw in paths:
        if str(raw) == "-":
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
            yield from (read_urls(stream, "<stdin>") if urls else read_jsonl(stream, "<stdin>"))
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES):
                yield read_file(child)
        elif path.is_file():
            name = path.name.lower()
            if urls or name.endswith(URL_SUFFIXES):
                with path.open(encoding="utf-8", errors="replace") as stream:
                    yield from read_urls(stream, str(path))
            elif path.suffix.lower() in JSONL_SUFFIXES:
                with path.open(encoding="utf-8", errors="replace") as stream:
                    yield from read_jsonl(stream, str(path))
            elif name.endswith(WARC_SUFFIXES):
                yield from read_warc(path)
            else:
                yield read_file(path)
        else:
            raise UnknownInput(f"{path} does not exist")


def read_file(path: Path) -> Item:
    """A .txt or .html file: one article (HTML when the suffix or the content says so)."""
    from app.ingest.html import looks_like_html

    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Item(where, problem=f"cannot read the file: {exc.strerror or exc}")
    if b"\x00" in raw[:4096]:
        return Item(where, problem="looks like a binary file, not an article")
    data = raw.decode("utf-8", errors="replace")
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(data):
        return Item(where, html=data)
    return Item(where, text=data)


def read_jsonl(stream: Iterable[str], name: str) -> Iterator[Item]:
    """One article per line: {"text" or "html", "publisher", "url", "title", "published"}; blank lines
    are skipped. "date" stands for "published" when that is absent (the Reuters dump's field)."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(where, problem=f"not a JSON object: {exc.msg} at column {exc.colno}")
            continue
        yield item_from_record(record, where)


def item_from_record(record: object, where: str) -> Item:
    """A JSON object (a JSON Lines line, an item of POST /v1/jobs) as an item, or an item with a problem."""
    if not isinstance(record, dict):
        return Item(where, problem=f"a line must be a JSON object, not {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        return Item(where, problem='the object has neither "text" nor "html"')
    for key, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return Item(where, problem=f'"{key}" must be a string, not {type(value).__name__}')
    meta = {}
    for key in META_FIELDS:
        value = record.get(key)
        if key == "published" and value is None:
            value = record.get("date")
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            return Item(where, problem=f'"{key}" must be a string, not {type(value).__name__}')
        if key == "published":
            value = iso_date(value)
            if value is None:
                return Item(where, problem=f'"published" is not a date: {record.get("published") or record.get("date")!r}')
        meta[key] = value
    return Item(where, text=text if text is not None else None, html=html if text is None else None, meta=meta)


def iso_date(value: str) -> str | None:
    """A date as YYYY-MM-DD from an ISO date or a form dateutil reads ("26-FEB-1987 15:01:01.79"), or else
    from its first word when that holds a year: in 58 of the Reuters dump's 19,043 dates what follows the
    day is garbled ("27-MAR-1987 02:17:09.88T C", "31-MAR-1987 605:12:19.12")."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    first = value.split(maxsplit=1)[0] if value else ""
    for text in (value, first) if first != value and _YEAR.search(first) else (value,):
        try:
            return date_parser.parse(text, dayfirst=False, fuzzy=False).date().isoformat()
        except (ValueError, OverflowError):
            pass
    return None


def read_urls(stream: Iterable[str], name: str) -> Iterator[Item]:
    """One URL per line; blank lines and lines starting with # are skipped."""
    for number, line in enumerate(stream, 1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        where = f"{name}:{number}"
        if not url.lower().startswith(("http://", "https://")):
            yield Item(where, problem=f"not an http or https URL: {url[:200]!r}")
            continue
        yield Item(where, fetch=url, meta={"url": url})


def read_warc(path: Path) -> Iterator[Item]:
    """The HTML responses of a WARC file (gzipped or not), each with its target URI; other
    records (requests, metadata, images, redirects) are not articles and are passed over silently."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as stream:
        number = 0
        try:
            for record in ArchiveIterator(stream, arc2warc=True):
                if record.rec_type != "response":
                    continue
                number += 1
                where = f"{path}#{number}"
                http = record.http_headers
                if http is None or not http.get_statuscode().startswith("2"):
                    continue
                content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if content_type not in ("text/html", "application/xhtml+xml"):
                    continue
                body = record.content_stream().read()
                charset = _charset(http.get_header("Content-Type") or "")
                url = record.rec_headers.get_header("WARC-Target-URI")
                yield Item(where, html=_decode(body, charset), meta={"url": url} if url else {})
        except ArchiveLoadFailed as exc:
            yield Item(f"{path}#{number + 1}", problem=f"not a readable WARC record: {str(exc).splitlines()[0]}")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"') or None
    return None


def _decode(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")
