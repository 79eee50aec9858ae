"""`whosaid ingest`: every input form, the error report, the exit code, resuming, --workers, and the readers."""
from __future__ import annotations

import gzip
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from app.cli import app
from app.core.config import get_settings
from app.core.db import make_engine, make_sessionmaker
from app.ingest.fetching import HostGate
from app.ingest.sources import iso_date, read_items
from app.store.models import Article, Claim

STORY = ("KYIV (Reuters) - Ukraine's foreign minister said on Tuesday that the talks would resume next week.\n\n"
         "\u201cWe are ready to talk,\u201d he told reporters in Kyiv.\n")
PAGE = """<!DOCTYPE html><html><head><title>Bridge to reopen</title></head><body><article>
<p>The old harbour bridge will reopen to traffic in May, the mayor of Springfield said on Tuesday.</p>
<p>&ldquo;We are ready, and the money is there,&rdquo; Mayor Jane Roe told reporters at city hall.</p>
</article></body></html>"""


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def warc_bytes(pages: list[tuple[str, str, str]]) -> bytes:
    """A gzipped WARC with one response per (url, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                                      http_headers=headers))
    return out.getvalue()


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def articles(url: str) -> list[Article]:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            return list(session.scalars(select(Article).order_by(Article.id)))
    finally:
        engine.dispose()


def run(*args, input: str | None = None):
    return CliRunner().invoke(app, ["ingest", "--no-progress", *args], input=input)


# --- readers (no model) ---------------------------------------------------------------------------------

def test_readers_name_every_item_and_its_problem(tmp_path):
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(STORY)
    (folder / "sub" / "b.html").write_text(PAGE)
    (folder / "README.md").write_text("not an article")
    (tmp_path / "c.jsonl").write_text(jsonl({"text": "x", "publisher": "UNN", "date": "26-FEB-1987 15:01:01.79"},
                                            "", "[1]", {"html": "<p>y</p>", "published": "soon"}, {"text": 3}))
    (tmp_path / "d.warc.gz").write_bytes(warc_bytes([("https://e.org/1", "text/html", PAGE),
                                                     ("https://e.org/logo", "image/png", "PNG")]))
    (tmp_path / "e.urls").write_text("# a comment\nhttps://e.org/2\n\nftp://e.org/3\n")
    items = list(read_items([folder, tmp_path / "c.jsonl", tmp_path / "d.warc.gz", tmp_path / "e.urls"]))
    assert [(i.where.replace(str(tmp_path), "T"), i.problem) for i in items] == [
        ("T/folder/a.txt", None), ("T/folder/sub/b.html", None),
        ("T/c.jsonl:1", None), ("T/c.jsonl:3", "a line must be a JSON object, not list"),
        ("T/c.jsonl:4", "\"published\" is not a date: 'soon'"), ("T/c.jsonl:5", '"text" must be a string, not int'),
        ("T/d.warc.gz#1", None), ("T/e.urls:2", None), ("T/e.urls:4", "not an http or https URL: 'ftp://e.org/3'")]
    assert items[2].meta == {"publisher": "UNN", "published": "1987-02-26"}
    assert items[1].html == PAGE and items[6].html == PAGE and items[6].meta == {"url": "https://e.org/1"}
    assert items[7].fetch == "https://e.org/2"
    assert (items[3].file, items[3].line) == (str(tmp_path / "c.jsonl"), 3)


@pytest.mark.parametrize(("value", "expected"), [
    ("26-FEB-1987 15:01:01.79", "1987-02-26"), ("2025-11-19T08:00:00Z", "2025-11-19"), ("March 5, 2024", "2024-03-05"),
    ("27-MAR-1987 02:17:09.88T C", "1987-03-27"), ("31-MAR-1987 605:12:19.12", "1987-03-31"),  # garbled after the day
    ("soon", None), ("5 things", None), ("", None)])
def test_published_dates_of_records(value, expected):
    assert iso_date(value) == expected


def test_the_host_gate_spaces_requests_to_one_host():
    import time

    gate = HostGate(per_host=1, delay=0.2)
    starts = []
    for _ in range(3):
        slot = gate.enter("example.org")
        starts.append(time.monotonic())
        slot.release()
    assert starts[2] - starts[0] >= 0.39
    with pytest.raises(ValueError, match="per_host"):
        HostGate(0, 1)


# --- the command (model) --------------------------------------------------------------------------------

@pytest.mark.model
def test_ingest_stores_a_corpus_reports_failures_and_resumes(tmp_path, database):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(jsonl({"text": STORY, "publisher": "Reuters", "published": "2025-11-19", "title": "Talks"},
                            "{broken", {"html": PAGE, "publisher": "Springfield Post"},
                            {"text": "   "}, {"text": STORY, "publisher": "Reuters"}))
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "bridge.html").write_text(PAGE.replace("May", "June"))
    result = run(str(corpus), str(folder), "--errors", "errors.jsonl")
    assert result.exit_code == 1, result.output
    assert "stored 3 new articles; 1 were stored before; 2 failed" in result.output
    report = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert [(r["file"], r["line"], r["reason"][:30]) for r in report] == [
        (str(corpus), 2, "not a JSON object: Expecting p"), (str(corpus), 4, "the article has no text")]
    stored = {(a.publisher, a.source_format, a.title, a.published and a.published.isoformat())
              for a in articles(database)}
    assert len(stored) == 3 and {("Reuters", "text", "Talks", "2025-11-19"),
                                 ("Springfield Post", "html", "Bridge to reopen", None)} < stored

    again = run(str(corpus), str(folder), "--errors", "errors2.jsonl")
    assert again.exit_code == 1 and "nothing new stored: 4 articles were stored before; 2 failed" in again.output
    assert len(articles(database)) == 3


@pytest.mark.model
def test_ingest_reads_standard_input_and_warc_and_succeeds_without_failures(tmp_path, database):
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes([("https://e.org/bridge", "text/html; charset=utf-8", PAGE)]))
    result = run("-", str(tmp_path / "crawl.warc.gz"), input=jsonl({"text": STORY, "publisher": "Reuters"}))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "ingest-errors.jsonl").exists()
    assert sorted((a.url or "", a.source_format) for a in articles(database)) == [
        ("", "text"), ("https://e.org/bridge", "html")]


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/story.html":
            body, status = PAGE.encode(), 200
        else:
            body, status = b"<html><body>gone</body></html>", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.mark.model
def test_ingest_fetches_a_file_of_urls(tmp_path, database, monkeypatch):
    monkeypatch.setenv("WHOSAID_FETCH_PRIVATE_ADDRESSES", "true")
    get_settings.cache_clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        (tmp_path / "list.txt").write_text(f"{base}/story.html\n{base}/missing.html\n")
        result = run("--urls", "--delay", "0", str(tmp_path / "list.txt"))
    finally:
        server.shutdown()
    assert result.exit_code == 1, result.output
    [error] = [json.loads(line) for line in (tmp_path / "ingest-errors.jsonl").read_text().splitlines()]
    assert error["line"] == 2 and "404" in error["reason"]
    assert [a.url for a in articles(database)] == [f"{base}/story.html"]


@pytest.mark.model
def test_two_workers_store_what_one_stores(tmp_path, database):
    records = [{"text": STORY.replace("Tuesday", day), "publisher": "Reuters"}
               for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")]
    (tmp_path / "week.jsonl").write_text(jsonl(*records))
    result = run("--workers", "2", "--batch-size", "2", str(tmp_path / "week.jsonl"))
    assert result.exit_code == 0, result.output
    stored = articles(database)
    assert sorted(a.text for a in stored) == sorted(r["text"] for r in records)
    engine = make_engine(database)
    with make_sessionmaker(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Claim)) >= 6
    engine.dispose()


@pytest.mark.model
def test_ingest_clusters_claims_into_stories_unless_told_not_to(tmp_path, database):
    from app.stories.models import StoryMember

    def stories() -> dict[int, set[str]]:
        engine = make_engine(database)
        with make_sessionmaker(engine)() as session:
            found: dict[int, set[str]] = {}
            for story_id, publisher in session.execute(
                    select(StoryMember.story_id, Article.publisher).join(Claim, Claim.id == StoryMember.claim_id)
                    .join(Article, Article.id == Claim.article_id)):
                found.setdefault(story_id, set()).add(publisher)
        engine.dispose()
        return found

    (tmp_path / "off.jsonl").write_text(jsonl(*({"text": STORY, "publisher": p} for p in ("Reuters", "UNN"))))
    result = run("--no-cluster", str(tmp_path / "off.jsonl"))
    assert result.exit_code == 0, result.output
    assert len(articles(database)) == 2 and stories() == {}
    result = CliRunner().invoke(app, ["stories", "cluster"])
    assert result.exit_code == 0 and "claims put into stories" in result.output, result.output
    assert {"Reuters", "UNN"} in stories().values()
    (tmp_path / "on.jsonl").write_text(jsonl(*({"text": STORY, "publisher": p} for p in ("BBC", "Kyiv Post"))))
    result = run("--batch-size", "1", str(tmp_path / "on.jsonl"))
    assert result.exit_code == 0, result.output
    # one story across the two batches, and the articles clustered before
    assert {"Reuters", "UNN", "BBC", "Kyiv Post"} in stories().values()


def test_ingest_says_what_is_wrong_with_its_arguments(tmp_path, database):
    result = run(str(tmp_path / "nowhere.jsonl"))
    assert result.exit_code == 2 and "does not exist" in result.output
    result = CliRunner().invoke(app, ["ingest", "--queue", "-"], input="")
    assert result.exit_code == 2 and "no broker is configured" in result.output
    result = CliRunner().invoke(app, ["ingest", "--queue", "--no-cluster", "-"], input="")
    assert result.exit_code == 2 and "WHOSAID_STORIES" in result.output
