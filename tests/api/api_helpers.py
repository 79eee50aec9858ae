"""Helpers of the API tests (constants, assertions, the PostgreSQL test database); fixtures are in conftest.py."""
from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.core.db import make_engine

# the server of WHOSAID_API_TEST_POSTGRES, else of TEST_DATABASE_URL (as the store's and the UI's tests);
# the run's own database on it is named after the one configured
_TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
POSTGRES_SERVER = (os.environ.get("WHOSAID_API_TEST_POSTGRES")
                   or (_TEST_DATABASE_URL if _TEST_DATABASE_URL.startswith("postgresql") else "")
                   or "postgresql+psycopg://postgres@127.0.0.1:5432/test")
POSTGRES_DATABASE = f"{make_url(POSTGRES_SERVER).database or 'whosaid'}_api_{os.getpid()}"
FETCH_MAX_BYTES = 200_000
FETCH_TIMEOUT = 1.0
ROLES = ("reader", "analyst", "admin")

ARTICLE_HTML = """<!doctype html><html><head><title>Talks in Miami</title>
<meta property="og:site_name" content="Example News"></head><body><article>
<h1>Talks in Miami</h1>
<p>Kirill Dmitriev told Axios that the plan was ready for the talks in Miami next week.</p>
<p>According to a Ukrainian official, the talks failed before they started in earnest.</p>
</article></body></html>"""
ARTICLE_TEXT = "Maria Lopez said the budget would pass. She added that taxes would fall."
SLOW_SECONDS = 3.0



def create_postgres_database() -> str:
    """Create this test run's own database on the server and return its URL; skip when unreachable.
    Its name carries the process id, so that test runs on one machine at the same time never share it."""
    server = make_url(POSTGRES_SERVER)
    engine = make_engine(server)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{POSTGRES_DATABASE}"'))
            connection.execute(text(f'CREATE DATABASE "{POSTGRES_DATABASE}"'))
    except OperationalError as exc:
        pytest.skip(f"PostgreSQL at {server.render_as_string(hide_password=True)} is unreachable "
                    f"(set WHOSAID_API_TEST_POSTGRES): {str(exc).splitlines()[0]}")
    finally:
        engine.dispose()
    return server.set(database=POSTGRES_DATABASE).render_as_string(hide_password=False)


def drop_postgres_database() -> None:
    engine = make_engine(make_url(POSTGRES_SERVER))
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{POSTGRES_DATABASE}" WITH (FORCE)'))
    finally:
        engine.dispose()


def drop_everything(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            meta = MetaData()
            meta.reflect(bind=connection)
            meta.drop_all(bind=connection)
    finally:
        engine.dispose()


def ingest(client: TestClient, headers: dict[str, dict[str, str]], text: str, *, expect: int | None = 201,
           **metadata) -> dict:
    response = client.post("/v1/articles", json={"text": text, **metadata}, headers=headers["analyst"])
    if expect is not None:
        assert response.status_code == expect, response.text
    return response.json()


def assert_problem(response, status: int, *words: str) -> dict:
    """The response is problem+json with this status, and its detail names the problem (has `words`)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    assert body["status"] == status
    assert body["instance"] == response.request.url.path
    for word in words:
        assert word.lower() in body["detail"].lower(), body["detail"]
    return body
