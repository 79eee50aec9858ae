"""Access: every /v1 route wants a key (401 without one or with a bad one) and a role (403 below it).

ROUTES is the table of all routes with the role each needs; a test checks that it lists every route the
app has, so a new route cannot be added without deciding its role here.
"""
from __future__ import annotations

import re

import pytest
from api_helpers import ROLES, assert_problem, ingest

TEXT = "Kirill Dmitriev told Axios that the plan was ready."
MISSING = 987654

# (method, path, role needed, JSON body); {article}, {claim}, {source}, {story} are filled with stored ids
ROUTES = [
    ("POST", "/v1/annotate", "reader", {"text": TEXT}),
    ("POST", "/v1/articles", "analyst", {"text": TEXT, "publisher": "UNN"}),
    ("GET", "/v1/articles", "reader", None),
    ("GET", "/v1/articles/{article}", "reader", None),
    ("DELETE", "/v1/articles/{missing}", "admin", None),
    ("GET", "/v1/claims", "reader", None),
    ("GET", "/v1/claims/{claim}", "reader", None),
    ("PATCH", "/v1/claims/{claim}", "analyst", {"kind": "indirect", "note": "auth test"}),
    ("POST", "/v1/claims/{claim}/review", "analyst", {"action": "accept"}),
    ("GET", "/v1/claims/{claim}/history", "reader", None),
    ("GET", "/v1/sources", "reader", None),
    ("GET", "/v1/sources/{source}", "reader", None),
    ("POST", "/v1/sources/{source}/merge", "analyst", {"duplicate_id": MISSING}),
    ("POST", "/v1/sources/{source}/unmerge", "analyst", {"duplicate_id": MISSING}),
    ("GET", "/v1/outlets/relays", "reader", None),
    ("GET", "/v1/stories", "reader", None),
    ("GET", "/v1/stories/{story}", "reader", None),
    ("GET", "/v1/stories/{story}/jsonld", "reader", None),
    ("POST", "/v1/stories/{missing}/split", "analyst", {"claim_ids": [MISSING]}),
    ("POST", "/v1/stories/{story}/merge", "analyst", {"other_id": MISSING}),
    ("GET", "/v1/sources/suggestions", "reader", None),
    ("GET", "/v1/export", "reader", None),
    ("POST", "/v1/keys", "admin", {"name": "auth-test-user"}),
    ("DELETE", "/v1/keys/{missing}", "admin", None),
    ("POST", "/v1/jobs", "analyst", {"urls": ["ftp://example.org/not-fetched"]}),
    ("GET", "/v1/jobs", "reader", None),
    ("GET", "/v1/jobs/{missing}", "reader", None),
]
ROUTE_IDS = [f"{method} {path}" for method, path, _, _ in ROUTES]
ABOVE_READER = [route for route in ROUTES if route[2] != "reader"]
ABOVE_READER_IDS = [f"{method} {path}" for method, path, _, _ in ABOVE_READER]
OPEN = {("GET", "/healthz"), ("GET", "/readyz")}


@pytest.fixture(scope="module")
def ids(client, headers) -> dict[str, int]:
    article = ingest(client, headers, TEXT, publisher="UNN")
    claim = article["claims"][0]
    return {"article": article["id"], "claim": claim["id"], "source": claim["speaker"]["id"], "missing": MISSING,
            "story": claim["story_id"]}


def call(client, method: str, path: str, body, ids: dict[str, int], headers: dict[str, str] | None = None):
    return client.request(method, path.format(**ids), json=body, headers=headers or {})


def test_the_table_lists_every_route(client):
    spec = client.get("/openapi.json").json()
    served = {(method.upper(), re.sub(r"\{\w+\}", "{}", path))
              for path, operations in spec["paths"].items() for method in operations}
    listed = {(method, re.sub(r"\{\w+\}", "{}", path)) for method, path, _, _ in ROUTES}
    assert served - OPEN == listed


@pytest.mark.parametrize(("method", "path", "role", "body"), ROUTES, ids=ROUTE_IDS)
def test_no_key_is_401(client, ids, method, path, role, body):
    response = call(client, method, path, body, ids)
    assert_problem(response, 401, "api key")
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "path", "role", "body"), ROUTES, ids=ROUTE_IDS)
@pytest.mark.parametrize("key", ["wsk_000000000000_not-a-real-key", "garbage", "wsk_abc", "ünïcode-key"])
def test_a_bad_key_is_401(client, ids, method, path, role, body, key):
    response = call(client, method, path, body, ids, {"Authorization": f"Bearer {key}".encode()})
    assert_problem(response, 401, "unknown or revoked")


@pytest.mark.parametrize(("method", "path", "role", "body"), ABOVE_READER, ids=ABOVE_READER_IDS)
def test_a_lower_role_is_403(client, ids, headers, method, path, role, body):
    for have in ROLES[:ROLES.index(role)]:
        response = call(client, method, path, body, ids, headers[have])
        assert_problem(response, 403, f"needs the {role} role", f"has the {have} role")


@pytest.mark.parametrize(("method", "path", "role", "body"), ROUTES, ids=ROUTE_IDS)
def test_the_role_and_those_above_it_pass(client, ids, headers, method, path, role, body):
    for have in ROLES[ROLES.index(role):]:
        response = call(client, method, path, body, ids, headers[have])
        # the key and role are accepted; missing ids answer 404 from the handler itself
        assert response.status_code in (200, 201, 202, 204, 404), response.text
        if "{missing}" in path or "merge" in path:
            assert_problem(response, 404, str(MISSING))


def test_a_revoked_key_is_401(client, headers):
    made = client.post("/v1/keys", json={"name": "soon-revoked", "role": "analyst"}, headers=headers["admin"])
    assert made.status_code == 201, made.text
    key = made.json()
    own = {"Authorization": f"Bearer {key['key']}"}
    assert client.get("/v1/claims", headers=own).status_code == 200
    revoked = client.delete(f"/v1/keys/{key['id']}", headers=headers["admin"])
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert_problem(client.get("/v1/claims", headers=own), 401, "revoked")


def test_keys_of_an_existing_user_keep_its_role(client, headers):
    assert client.post("/v1/keys", json={"name": "test-reader"}, headers=headers["admin"]).json()["user"]["role"] \
        == "reader"
    assert_problem(client.post("/v1/keys", json={"name": "test-reader", "role": "admin"}, headers=headers["admin"]),
                   409, "reader role")


def test_other_schemes_than_bearer_are_401(client, keys):
    response = client.get("/v1/claims", headers={"Authorization": f"Basic {keys['admin']}"})
    assert_problem(response, 401, "authorization: bearer")


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/openapi.json", "/docs"])
def test_health_and_docs_are_open(client, path):
    assert client.get(path).status_code == 200


def test_openapi_declares_the_bearer_scheme_on_every_v1_route(client):
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["ApiKey"]["scheme"].lower() == "bearer"
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert bool(operation.get("security")) == path.startswith("/v1"), (method, path)
            assert operation.get("description") or operation.get("summary"), (method, path)
