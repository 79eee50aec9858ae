"""UI fixtures: the whole service (API + UI) on a fresh, migrated database per test module, on SQLite and,
with TEST_DATABASE_URL, PostgreSQL; driven through Starlette's TestClient and through Debian's Chromium.

- `database_url` (module scope, params sqlite / postgresql): SQLite is a new file; PostgreSQL is the
  database `<TEST_DATABASE_URL's name>_ui_<pid>` (this run's own), created on TEST_DATABASE_URL's server
  for the run, emptied for each module, dropped at the end. PostgreSQL runs are skipped, with the reason,
  when TEST_DATABASE_URL is unset or the server does not answer. A module narrows the backends with
  `BACKENDS = ("sqlite",)`.
- `keys[role]`: an API key of a user with that role (reader, analyst, admin) in that database.
- `ui(role)`: a TestClient signed in to the UI through the sign-in form; `.csrf` is its CSRF token.
  `client_api` is a plain TestClient of the same app, `api_headers` an analyst's Authorization header.
- `server` (module scope): create_app() on that database with the session's spaCy pipeline, served by
  uvicorn in a thread on a free port; `server.keys`, `server.sessionmaker` open the same database.
- `browser` (module scope): /usr/bin/chromium through Playwright, headless; tests that use it are
  skipped with the reason where Chromium or Playwright is absent (CI installs Chromium:
  `apt-get install -y chromium`); never `playwright install`.
- `page`: a new browser context and page; `sign_in(page, server, role)` signs in through the form.
- Screenshots go to test-artifacts/ (git-ignored).
"""
from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.core.config import Settings
from app.core.db import make_engine, make_sessionmaker
from app.main import create_app
from app.store import migrate, repository

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ROLES = ("reader", "analyst", "admin")
POSTGRES_HINT = "set TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test to run them on PostgreSQL too"


def pytest_generate_tests(metafunc) -> None:
    if "database_url" in metafunc.fixturenames:
        backends = getattr(metafunc.module, "BACKENDS", ("sqlite", "postgresql"))
        metafunc.parametrize("database_url", backends, indirect=True, scope="module")


def _drop_everything(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            meta = MetaData()
            meta.reflect(bind=connection)
            meta.drop_all(bind=connection)
    finally:
        engine.dispose()


def _on_server(url, statement: str) -> None:
    engine = make_engine(url)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def ui_postgres_database() -> Iterator[str]:
    """This run's PostgreSQL database for the UI tests (created on first use, dropped at the end)."""
    configured = os.environ.get("TEST_DATABASE_URL")
    if not configured or make_url(configured).get_backend_name() != "postgresql":
        pytest.skip(f"PostgreSQL not configured: {POSTGRES_HINT}")
    server = make_url(configured)
    name = f"{server.database or 'whosaid'}_ui_{os.getpid()}"
    try:
        _on_server(server, f'DROP DATABASE IF EXISTS "{name}"')
        _on_server(server, f'CREATE DATABASE "{name}"')
    except OperationalError as exc:
        pytest.skip(f"PostgreSQL at {server.render_as_string(hide_password=True)} is unreachable: "
                    f"{str(exc).splitlines()[0]}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        _on_server(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def database_url(request, tmp_path_factory) -> str:
    """A migrated, empty database for the module."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'whosaid.db'}"
    else:
        url = request.getfixturevalue("ui_postgres_database")
        _drop_everything(url)
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
def keys(database_url) -> dict[str, str]:
    """One user and key per role: {"reader": key, ...}."""
    engine = make_engine(database_url)
    out = {}
    try:
        with make_sessionmaker(engine)() as session:
            for role in ROLES:
                user = repository.create_user(session=session, name=f"ui-{role}", role=role)
                _, out[role] = repository.create_api_key(session=session, user_id=user.id, label="ui tests")
            session.commit()
    finally:
        engine.dispose()
    return out


@pytest.fixture(scope="module")
def app(database_url, keys, nlp):
    app = create_app(Settings(database_url=database_url), nlp=nlp)
    yield app
    app.state.engine.dispose()


class UiClient(TestClient):
    """A TestClient signed in to the review UI; `csrf` is the session's CSRF token."""

    csrf: str = ""

    def sign_in(self, key: str) -> UiClient:
        form = self.get("/ui/login")
        token = re.search(r'name="login_token" value="([^"]+)"', form.text).group(1)
        response = self.post("/ui/login", data={"api_key": key, "login_token": token}, follow_redirects=False)
        assert response.status_code == 303, response.text
        inbox = self.get("/ui/")
        self.csrf = re.search(r'name="csrf-token" content="([^"]+)"', inbox.text).group(1)
        return self

    def post_json(self, path: str, body: dict):
        return self.post(path, json=body, headers={"X-CSRF-Token": self.csrf, "Accept": "application/json"})


@pytest.fixture
def ui(app, keys) -> Iterator[Callable[[str], UiClient]]:
    """`ui("analyst")`: a new TestClient signed in with that role's key (errors answered, not raised)."""
    clients: list[UiClient] = []

    def signed_in(role: str) -> UiClient:
        client = UiClient(app, raise_server_exceptions=False)
        clients.append(client)
        return client.sign_in(keys[role])

    yield signed_in
    for client in clients:
        client.close()


@pytest.fixture
def client_api(app) -> Iterator[TestClient]:
    """A plain TestClient of the same app, for the API's answers to the same requests."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def api_headers(keys) -> dict[str, str]:
    return {"Authorization": f"Bearer {keys['analyst']}"}


@pytest.fixture(scope="module")
def sessionmaker(app):
    return make_sessionmaker(app.state.engine)


# --- a real server and a real browser ---------------------------------------------------------------------

@dataclass
class Server:
    url: str
    keys: dict[str, str]
    sessionmaker: object
    app: object


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(database_url, keys, nlp):
    import uvicorn

    app = create_app(Settings(database_url=database_url), nlp=nlp)
    factory = make_sessionmaker(app.state.engine)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.1)
    yield Server(base, keys, factory, app)
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: the browser tests need Debian's Chromium (apt-get install -y chromium)")
    playwright_sync = pytest.importorskip("playwright.sync_api",
                                          reason="the browser tests need the playwright package")
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def sign_in(page, server: Server, role: str) -> None:
    page.goto(f"{server.url}/ui/login")
    page.fill("#api_key", server.keys[role])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/ui/(\?.*)?$"))


def shoot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"ui-{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
