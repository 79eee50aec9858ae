"""Failed authentications are throttled per client (issue 8, item 12): after `auth_failure_limit` unknown
or revoked keys within `auth_failure_window` seconds a client gets 429 with Retry-After, in the API and at
the UI's sign-in alike; requests that authenticate never count, and other clients are not affected."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from api_helpers import assert_problem
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app

LIMIT = 3
WINDOW = 2  # seconds
BAD = {"Authorization": "Bearer wsk_000000000000_not-a-real-key"}


@pytest.fixture
def throttled_app(database_url, nlp, keys):
    app = create_app(Settings(database_url=database_url, auth_failure_limit=LIMIT, auth_failure_window=WINDOW),
                     nlp=nlp)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def client_at(throttled_app) -> Iterator:
    """`client_at("10.0.0.1")`: a TestClient whose requests come from that address."""
    clients = []

    def make(address: str) -> TestClient:
        client = TestClient(throttled_app, client=(address, 40000))
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def test_too_many_bad_keys_are_429_with_retry_after(client_at):
    client = client_at("203.0.113.7")
    for _ in range(LIMIT):
        assert_problem(client.get("/v1/articles", headers=BAD), 401, "unknown or revoked")
    response = client.get("/v1/articles", headers=BAD)
    assert_problem(response, 429, "too many failed authentications", "try again in")
    assert 1 <= int(response.headers["retry-after"]) <= WINDOW


def test_a_throttled_client_is_refused_whatever_key_it_sends(client_at, headers):
    client = client_at("203.0.113.8")
    for _ in range(LIMIT):
        client.get("/v1/claims", headers=BAD)
    assert_problem(client.get("/v1/claims", headers=headers["reader"]), 429, "too many failed authentications")


def test_the_throttle_lifts_when_the_window_passes(client_at, headers):
    client = client_at("203.0.113.9")
    for _ in range(LIMIT):
        client.get("/v1/articles", headers=BAD)
    wait = int(client.get("/v1/articles", headers=BAD).headers["retry-after"])
    time.sleep(wait + 0.1)
    assert client.get("/v1/articles", headers=headers["reader"]).status_code == 200
    assert_problem(client.get("/v1/articles", headers=BAD), 401, "unknown or revoked")


def test_successful_requests_never_count(client_at, headers):
    client = client_at("203.0.113.10")
    for _ in range(5 * LIMIT):
        assert client.get("/v1/articles", headers=headers["reader"]).status_code == 200
    for _ in range(LIMIT - 1):
        assert client.get("/v1/articles", headers=BAD).status_code == 401
    assert client.get("/v1/articles", headers=headers["reader"]).status_code == 200


def test_requests_without_a_key_do_not_count(client_at, headers):
    client = client_at("203.0.113.11")
    for _ in range(5 * LIMIT):
        assert_problem(client.get("/v1/articles"), 401, "needs an API key")
    assert client.get("/v1/articles", headers=headers["reader"]).status_code == 200


def test_other_clients_are_not_affected(client_at, headers):
    attacker, other = client_at("198.51.100.1"), client_at("198.51.100.2")
    for _ in range(LIMIT + 2):
        attacker.get("/v1/articles", headers=BAD)
    assert attacker.get("/v1/articles", headers=headers["reader"]).status_code == 429
    assert other.get("/v1/articles", headers=headers["reader"]).status_code == 200
    assert other.get("/v1/articles", headers=BAD).status_code == 401


def test_the_openapi_document_declares_429(client_at):
    spec = client_at("192.0.2.1").get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        if path.startswith("/v1/"):
            for method, operation in operations.items():
                assert "Retry-After" in operation["responses"]["429"]["headers"], (method, path)


def _sign_in(client: TestClient, key: str):
    form = client.get("/ui/login")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text).group(1)
    return client.post("/ui/login", data={"api_key": key, "login_token": token}, follow_redirects=False)


def test_ui_sign_in_is_throttled_too(client_at, keys):
    client = client_at("203.0.113.20")
    for _ in range(LIMIT):
        assert _sign_in(client, "wsk_000000000000_wrong").status_code == 400
    response = _sign_in(client, keys["analyst"])
    assert response.status_code == 429
    assert "too many failed authentications" in response.text
    assert 1 <= int(response.headers["retry-after"]) <= WINDOW


def test_the_api_and_the_ui_share_one_count(client_at, headers):
    client = client_at("203.0.113.21")
    for _ in range(LIMIT - 1):
        client.get("/v1/articles", headers=BAD)
    assert _sign_in(client, "wsk_000000000000_wrong").status_code == 400
    assert client.get("/v1/articles", headers=headers["reader"]).status_code == 429


def test_ui_sign_in_with_a_good_key_does_not_count(client_at, keys):
    client = client_at("203.0.113.22")
    for _ in range(2 * LIMIT):
        assert _sign_in(client, keys["reader"]).status_code == 303
        client.cookies.clear()
