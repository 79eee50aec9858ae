"""API fixtures: a fresh, migrated database per test module on SQLite and, where it answers, PostgreSQL.

- `database_url` (module scope, params sqlite / postgresql): SQLite is a new file; PostgreSQL is the
  database `whosaid_api_test_<pid>` (the run's own, so that neither the store's tests nor another test run
  clash with these), created on the server of WHOSAID_API_TEST_POSTGRES (default
  postgresql+psycopg://postgres@127.0.0.1:5432/test) for the run, emptied for each module, dropped at the end.
  PostgreSQL runs are skipped, with the reason, when the server does not answer. A module narrows the
  backends with `BACKENDS = ("sqlite",)`.
- `app` / `client`: create_app() on that database with the session's spaCy pipeline (loaded once);
  fetching is allowed on loopback (the tests' page server) with a 1 s timeout and a 200 kB limit.
- `headers`: `headers["analyst"]` is an Authorization header with an analyst's key (reader, analyst, admin).
- api_helpers.py has the plain helpers: `ingest(client, headers, text, **metadata)` (POST /v1/articles),
  `assert_problem(response, status, *words)`, the pages' contents.
- `page_server`: a local HTTP server (127.0.0.1, in a thread) serving the pages of `_Pages`.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from api_helpers import (
    ARTICLE_HTML,
    ARTICLE_TEXT,
    FETCH_MAX_BYTES,
    FETCH_TIMEOUT,
    ROLES,
    SLOW_SECONDS,
    create_postgres_database,
    drop_everything,
    drop_postgres_database,
)
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from app.core.config import Settings
from app.core.db import make_engine, make_sessionmaker
from app.main import create_app
from app.store import migrate, repository


def pytest_generate_tests(metafunc) -> None:
    if "database_url" in metafunc.fixturenames:
        backends = getattr(metafunc.module, "BACKENDS", ("sqlite", "postgresql"))
        metafunc.parametrize("database_url", backends, indirect=True, scope="module")


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The run's PostgreSQL database (created on first use, dropped at the end); skips when unreachable."""
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database()


@pytest.fixture(scope="module")
def database_url(request, tmp_path_factory) -> str:
    """A migrated, empty database for the module."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'whosaid.db'}"
    else:
        url = request.getfixturevalue("postgres_database")
        drop_everything(url)
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="module")
def backend(database_url) -> str:
    return make_url(database_url).get_backend_name()


@pytest.fixture(scope="module")
def settings(database_url) -> Settings:
    # the access tests send hundreds of bad keys from one client: test_api_throttle.py tests the throttle
    return Settings(database_url=database_url, fetch_timeout=FETCH_TIMEOUT, fetch_max_bytes=FETCH_MAX_BYTES,
                    fetch_private_addresses=True, auth_failure_limit=100_000)


@pytest.fixture(scope="module")
def app(settings, nlp):
    return create_app(settings, nlp=nlp)


@pytest.fixture(scope="module")
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def keys(app) -> dict[str, str]:
    """One user and key per role: {"reader": key, ...}."""
    out = {}
    with make_sessionmaker(app.state.engine)() as session:
        for role in ROLES:
            user = repository.create_user(session=session, name=f"test-{role}", role=role)
            _, out[role] = repository.create_api_key(session=session, user_id=user.id, label="tests")
        session.commit()
    return out


@pytest.fixture(scope="module")
def headers(keys) -> dict[str, dict[str, str]]:
    return {role: {"Authorization": f"Bearer {key}"} for role, key in keys.items()}


# --- a local page server for URL ingestion ----------------------------------------------------------------

class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        if path == "/article.html":
            self._send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode())
        elif path == "/article.txt":
            self._send(200, "text/plain; charset=utf-8", ARTICLE_TEXT.encode())
        elif path == "/data.json":
            self._send(200, "application/json", b'{"not": "an article"}')
        elif path == "/image.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        elif path == "/large.html":
            self._send(200, "text/html", b"<html><body><p>" + b"word " * (FETCH_MAX_BYTES // 4) + b"</p></body></html>")
        elif path == "/large-undeclared.html":  # no Content-Length: the limit must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(FETCH_MAX_BYTES // 10_000 + 5):
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            self._send(200, "text/html", ARTICLE_HTML.encode())
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/redirect-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/article.txt")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/empty.html":
            self._send(200, "text/html", b"<html><body></body></html>")
        else:
            self._send(404, "text/html", b"<html><body><h1>Not Found</h1></body></html>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (size limit, timeout)
            pass

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture(scope="session")
def page_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
