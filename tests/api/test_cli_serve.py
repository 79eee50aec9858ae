"""`whosaid serve` on a fresh machine: it creates and migrates the SQLite database, loads the example
article, makes a local admin key kept in var/admin.key (0600), prints the URL and key, and starts uvicorn
(replaced here by a stand-in that records its arguments)."""
from __future__ import annotations

import re
import stat

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from app.cli import app as cli
from app.core.config import get_settings
from app.core.db import make_engine, make_sessionmaker
from app.store import repository
from app.store.models import Article

KEY = re.compile(r"wsk_[0-9a-f]{12}_[A-Za-z0-9_-]+")


@pytest.fixture
def fresh_machine(tmp_path, monkeypatch):
    """An empty working directory, no database configured, and uvicorn.run recorded instead of run."""
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "WHOSAID_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    calls = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: calls.append((app, kwargs)))
    yield tmp_path, calls
    get_settings.cache_clear()


def articles(tmp_path) -> list[Article]:
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'whosaid.db'}")
    with make_sessionmaker(engine)() as session:
        rows = list(session.scalars(select(Article)))
    engine.dispose()
    return rows


@pytest.mark.model
def test_serve_on_a_fresh_machine(fresh_machine, nlp):
    tmp_path, calls = fresh_machine
    result = CliRunner().invoke(cli, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123" in result.output and "/docs" in result.output
    assert "applied the migrations" in result.output and "wikinews-2019-082.txt" in result.output
    [key] = KEY.findall(result.output)[:1]
    key_file = tmp_path / "var" / "admin.key"
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    [(app, kwargs)] = calls
    assert kwargs["host"] == "127.0.0.1" and kwargs["port"] == 8123
    assert app.title == "whosaid"
    [article] = articles(tmp_path)
    assert article.publisher == "Wikinews" and article.title.startswith("Gunman opens fire")

    # the key works against the app serve built
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        response = client.get("/v1/articles", headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 200 and len(response.json()["items"]) == 1
        assert client.delete("/v1/articles/999", headers={"Authorization": f"Bearer {key}"}).status_code == 404
        # every URL serve prints answers: the UI's (its sign-in page first), the docs, and the bare host
        printed = re.findall(r"http://127\.0\.0\.1:8123(/[^\s),]*)?", result.output)
        assert "/ui/" in printed and "/docs" in printed
        for path in {p or "/" for p in printed} | {"/"}:
            page = client.get(path, headers={"Authorization": f"Bearer {key}"})
            assert page.status_code == 200, (path, page.status_code)
        assert client.get("/").url.path == "/ui/login"

    # a restart prints the same key, migrates nothing and loads no second example
    again = CliRunner().invoke(cli, ["serve"])
    assert again.exit_code == 0, again.output
    assert KEY.findall(again.output)[0] == key and "new admin key" not in again.output
    assert "applied the migrations" not in again.output and "example" not in again.output
    assert len(articles(tmp_path)) == 1
    assert calls[-1][1]["port"] == 8000


def test_serve_without_the_example(fresh_machine):
    tmp_path, calls = fresh_machine
    result = CliRunner().invoke(cli, ["serve", "--no-example"])
    assert result.exit_code == 0, result.output
    assert articles(tmp_path) == [] and "new admin key" in result.output and len(calls) == 1


def test_a_lost_key_file_is_not_replaced_while_admins_have_keys(fresh_machine):
    tmp_path, _ = fresh_machine
    assert CliRunner().invoke(cli, ["serve", "--no-example"]).exit_code == 0
    (tmp_path / "var" / "admin.key").unlink()
    result = CliRunner().invoke(cli, ["serve", "--no-example"])
    assert result.exit_code == 0, result.output
    assert KEY.search(result.output) is None and "whosaid keys create" in result.output
    assert not (tmp_path / "var" / "admin.key").exists()


def test_a_revoked_local_key_is_replaced(fresh_machine):
    tmp_path, _ = fresh_machine
    first = KEY.search(CliRunner().invoke(cli, ["serve", "--no-example"]).output).group()
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'whosaid.db'}")
    with make_sessionmaker(engine)() as session:
        for key in repository.list_api_keys(repository.get_user_by_name("local-admin", session=session).id,
                                            session=session):
            repository.revoke_api_key(key.id, session=session)
        session.commit()
    engine.dispose()
    result = CliRunner().invoke(cli, ["serve", "--no-example"])
    second = KEY.search(result.output).group()
    assert second != first and "new admin key" in result.output
    assert (tmp_path / "var" / "admin.key").read_text().strip() == second


def test_serve_on_0000_warns_that_it_is_exposed(fresh_machine):
    _, calls = fresh_machine
    result = CliRunner().invoke(cli, ["serve", "--no-example", "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "reachable from the network" in result.output
    assert calls[0][1]["host"] == "0.0.0.0"


def test_serve_on_an_unmigrated_postgresql_says_what_to_run(fresh_machine, monkeypatch, postgres_database):
    from api_helpers import drop_everything

    url = postgres_database
    drop_everything(url)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["serve", "--no-example"])
    assert result.exit_code == 2 and "whosaid db upgrade" in result.output
