"""Browser fixtures: the whole service (API + UI) under uvicorn on 127.0.0.1, and Debian's Chromium.

- `server` (module scope): create_app() on a fresh, migrated SQLite database with the session's spaCy
  pipeline, served by uvicorn in a thread on a free port; `server.keys[role]` is an API key of a
  user with that role (reader, analyst, admin), `server.sessionmaker` opens the same database.
- `browser` (module scope): /usr/bin/chromium through Playwright, headless. The module is skipped
  with the reason where Chromium or Playwright is absent (CI installs Chromium: `apt-get install -y chromium`);
  never `playwright install`.
- `page`: a new browser context and page; `sign_in(page, server, role)` signs in through the form.
- Screenshots go to test-artifacts/ (git-ignored).
"""
from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ROLES = ("reader", "analyst", "admin")

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent: the browser tests need Debian's Chromium (apt-get install -y chromium)",
                allow_module_level=True)
playwright_sync = pytest.importorskip("playwright.sync_api", reason="the browser tests need the playwright package")


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
def server(tmp_path_factory, nlp):
    import uvicorn

    from app.core.config import Settings
    from app.core.db import make_engine, make_sessionmaker
    from app.main import create_app
    from app.store import migrate, repository

    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'whosaid.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    app = create_app(Settings(database_url=url), nlp=nlp)
    factory = make_sessionmaker(app.state.engine)
    keys = {}
    with factory() as session:
        for role in ROLES:
            user = repository.create_user(session=session, name=f"ui-{role}", role=role)
            _, keys[role] = repository.create_api_key(session=session, user_id=user.id, label="ui tests")
        session.commit()
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
    page.wait_for_url(re.compile(r".*/ui/$"))


def shoot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"ui-{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
