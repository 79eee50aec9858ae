"""The app itself: start-up (migrations checked, pipeline loaded once), health, readiness, OpenAPI, errors."""
from __future__ import annotations

import inspect

import pytest
from api_helpers import assert_problem
from fastapi.testclient import TestClient

from app.api.routes import annotate, articles, claims, export, health, keys, outlets, sources
from app.core.config import Settings
from app.core.db import make_engine
from app.main import create_app
from app.store import migrate
from app.store.errors import DatabaseNotMigrated

BACKENDS = ("sqlite",)
ROUTERS = (annotate, articles, claims, export, health, keys, outlets, sources)


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["status"] == "ready" and data["database"] == "sqlite" and data["revision"] == migrate.head_revision()
    assert "whosaid_claims" in data["pipeline"]


def test_create_app_refuses_an_unmigrated_database(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(DatabaseNotMigrated, match="run `whosaid db upgrade`"):
        create_app(settings)


def test_readyz_is_503_when_the_database_falls_behind(tmp_path, nlp):
    url = f"sqlite:///{tmp_path / 'behind.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with TestClient(create_app(Settings(database_url=url), nlp=nlp)) as test_client:
        assert test_client.get("/readyz").status_code == 200
        migrate.downgrade(engine, "base")
        assert_problem(test_client.get("/readyz"), 503, "whosaid db upgrade")
        assert test_client.get("/healthz").status_code == 200
    engine.dispose()


def test_readyz_is_503_without_the_pipeline(app, client):
    loaded = app.state.nlp
    app.state.nlp = None
    try:
        assert_problem(client.get("/readyz"), 503, "pipeline")
    finally:
        app.state.nlp = loaded


@pytest.mark.model
def test_the_lifespan_loads_the_pipeline_once(database_url, nlp):
    from app.nlp.pipeline import get_nlp

    app = create_app(Settings(database_url=database_url))
    assert app.state.nlp is None  # not before start-up
    with TestClient(app) as test_client:
        assert app.state.nlp is get_nlp()
        assert test_client.get("/readyz").status_code == 200
        loaded = app.state.nlp
        test_client.get("/healthz")
        assert app.state.nlp is loaded


def test_routes_are_sync_so_parsing_stays_off_the_event_loop():
    # POST /v1/annotate is the exception: it awaits the annotation workers (app/api/workers.py), which
    # run the engine on threads of their own (tests/api/test_api_annotate_workers.py)
    for module in ROUTERS:
        for route in module.router.routes:
            if route.path == "/annotate":
                assert "annotation_workers.run" in inspect.getsource(route.endpoint)
                continue
            assert not inspect.iscoroutinefunction(route.endpoint), route.path


def test_every_route_has_a_one_line_docstring():
    for module in ROUTERS:
        for route in module.router.routes:
            doc = inspect.getdoc(route.endpoint) or ""
            assert doc and "\n" not in doc.strip(), route.path


def test_openapi_documents_problem_json_errors(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "whosaid"
    assert "Problem" in spec["components"]["schemas"]
    claims_get = spec["paths"]["/v1/claims/{claim_id}"]["get"]
    assert set(claims_get["responses"]) >= {"200", "401", "403", "404", "422"}
    for code in ("401", "404", "422"):
        assert list(claims_get["responses"][code]["content"]) == ["application/problem+json"]
    assert claims_get["description"] == "A claim with its speaker, relay and article; reader."
    params = {p["name"] for p in spec["paths"]["/v1/claims"]["get"]["parameters"]}
    assert params >= {"speaker", "speaker_type", "anonymous", "publisher", "outlet", "kind", "review_status",
                      "confidence_below", "published_from", "published_to", "q", "cursor", "limit"}
    export_params = {p["name"] for p in spec["paths"]["/v1/export"]["get"]["parameters"]}
    assert export_params >= params - {"cursor", "limit"} | {"format"}


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/v1/nothing-here", 404),
    ("PUT", "/v1/claims", 405),
    ("GET", "/nothing", 404),
])
def test_unknown_paths_and_methods_are_problems(client, headers, method, path, status):
    assert_problem(client.request(method, path, headers=headers["reader"]), status)


def test_a_chunked_body_over_the_limit_is_413(database_url, nlp, keys):
    settings = Settings(database_url=database_url, max_text_chars=100, fetch_max_bytes=100)
    limit = 6 * 100 + 65_536

    def chunks():
        yield b'{"text": "'
        for _ in range(limit // 10_000 + 2):
            yield b"x" * 10_000
        yield b'"}'

    with TestClient(create_app(settings, nlp=nlp)) as test_client:
        response = test_client.post("/v1/annotate", content=chunks(),
                                    headers={"Authorization": f"Bearer {keys['reader']}",
                                             "Content-Type": "application/json"})
    assert_problem(response, 413, f"limit of {limit:,} bytes")
