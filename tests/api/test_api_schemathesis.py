"""No input makes the service answer 500 or answer off its schema.

- In process: schemathesis generates requests for every operation of the OpenAPI schema (25 each, with an
  admin key so that authentication does not hide the handlers) and checks each response: no 5xx, and the
  status code, content type, headers and body as the schema declares them; then arbitrary text through
  the engine. URL fetching is replaced by a stand-in that refuses every URL.
- Live: benchmarks/fuzz_live.py runs `schemathesis run` against uvicorn on a fresh database for a minute,
  with every phase (the stateful one follows the OpenAPI links of app/api/links.py, chaining created
  articles, claims and sources into reads, reviews, corrections, merges and deletes) and every check
  (use_after_free, ensure_resource_availability, ignored_auth, ...), judged as ./schemathesis.toml says.

SQLite only, about two minutes in all; deselect with `-m "not schemathesis"`.
"""
from __future__ import annotations

import secrets
import sys
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.core.db import make_sessionmaker
from app.fetch import FetchError
from app.store import repository

BACKENDS = ("sqlite",)
pytestmark = [pytest.mark.schemathesis, pytest.mark.model]
EXAMPLES = 25  # per operation
# what a response is checked for in process (the live run adds the checks that send requests of their own)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
LIVE_SECONDS = 60
LIVE_SEED = 20261205


def refuse(url: str):
    raise FetchError(f"fetching is off in this test ({url!r})")


@pytest.fixture(scope="module")
def fuzz_client(app, client, headers) -> TestClient:
    """The module's app, fetching nothing, answering 500s instead of raising them, with some data."""
    app.state.fetch = refuse
    for text in ("Kirill Dmitriev told Axios that the plan was ready.",
                 "According to a Ukrainian official, the talks failed."):
        client.post("/v1/articles", json={"text": text, "publisher": "UNN"}, headers=headers["analyst"])
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def admin(app) -> dict[str, str]:
    """A new admin key for each test: the fuzzing of DELETE /v1/keys/{key_id} revokes keys it guesses."""
    with make_sessionmaker(app.state.engine)() as session:
        user = repository.create_user(session=session, name=f"fuzz-admin-{secrets.token_hex(4)}", role="admin")
        _, key = repository.create_api_key(session=session, user_id=user.id)
        session.commit()
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_dict(app.openapi())


# every operation (a test below checks that the schema has no other): fuzzed one by one, so that a
# failure names its operation
OPERATIONS = [
    "GET /healthz", "GET /readyz", "POST /v1/annotate",
    "POST /v1/articles", "GET /v1/articles", "GET /v1/articles/{article_id}", "DELETE /v1/articles/{article_id}",
    "GET /v1/claims", "GET /v1/claims/{claim_id}", "PATCH /v1/claims/{claim_id}",
    "POST /v1/claims/{claim_id}/review", "GET /v1/claims/{claim_id}/history",
    "GET /v1/sources", "GET /v1/sources/{source_id}", "POST /v1/sources/{source_id}/merge",
    "POST /v1/sources/{source_id}/unmerge",
    "GET /v1/outlets/relays", "GET /v1/export", "POST /v1/keys", "DELETE /v1/keys/{key_id}",
    "POST /v1/jobs", "GET /v1/jobs", "GET /v1/jobs/{job_id}",
    "GET /v1/stories", "GET /v1/stories/{story_id}", "GET /v1/stories/{story_id}/jsonld",
    "POST /v1/stories/{story_id}/split", "POST /v1/stories/{story_id}/merge", "GET /v1/sources/suggestions",
]


def test_every_operation_is_fuzzed(api_schema):
    assert sorted(result.ok().label for result in api_schema.get_all_operations()) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_input_is_a_server_error(api_schema, fuzz_client, admin, label):
    operation = api_schema.find_operation_by_label(label)
    # valid requests and invalid ones (wrong types, missing fields, out-of-range values)
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def check(case):
        kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=admin)
        request = {k: v for k, v in kwargs.items() if k in ("method", "url", "params", "headers", "json")}
        if "data" in kwargs:  # requests' name for a raw body
            request["content"] = kwargs["data"]
        response = fuzz_client.request(**request)
        case.validate_response(response, checks=CHECKS)

    check()


# The schema cannot say "text or html, not both", so few generated bodies reach the engine: these feed it
# arbitrary text (any Unicode but unpaired surrogates, which are refused) through the API.
ARTICLE_TEXT = st.text(min_size=1, max_size=400).filter(lambda t: t.strip() and "\x00" not in t)
WORDS = st.lists(st.sampled_from(["Kirill", "Dmitriev", "told", "said", "Axios", "that", "according", "to", "a",
                                  "official", '"', "\u201c", "\u201d", ",", ".", "\n\n", "citing", "Reuters", "he",
                                  "-", "(Reuters)", "according to", "she", "the", "plan", ":", "'"]),
                 min_size=1, max_size=80).map(" ".join)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(text=st.one_of(ARTICLE_TEXT, WORDS), as_html=st.booleans())
def test_any_text_is_annotated(fuzz_client, admin, text, as_html):
    body = {"html": f"<html><body><article><p>{text}</p></article></body></html>"} if as_html else {"text": text}
    response = fuzz_client.post("/v1/annotate", json=body, headers=admin)
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        data = response.json()
        assert all(data["text"][c["start"]:c["end"]] == c["text"] for c in data["claims"])


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(text=st.one_of(ARTICLE_TEXT, WORDS), publisher=st.one_of(st.none(), st.text(min_size=1, max_size=300)))
def test_any_text_is_stored(fuzz_client, admin, text, publisher):
    response = fuzz_client.post("/v1/articles", json={"text": text, "publisher": publisher}, headers=admin)
    assert response.status_code in (200, 201, 422), response.text


def test_a_live_server_passes_every_check_statefully(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from fuzz_live import CONFORMANCE, fuzz

    summary = fuzz("sqlite", LIVE_SECONDS, tmp_path, seed=LIVE_SEED)
    report = tmp_path / "fuzz-sqlite-schemathesis.txt"
    assert summary.exit_code == 0, report.read_text(encoding="utf-8")[-6000:]
    assert summary.server_errors == summary.logged_errors == 0, summary.failure_examples
    assert all(summary.conformance_failures[name] == 0 for name in CONFORMANCE), summary.failure_examples
    assert summary.failures_by_check == {}
    assert summary.stateful_scenarios > 0 and summary.requests > 1000
