"""POST /v1/annotate: the annotation contract for text and HTML, nothing stored; and its bad inputs."""
from __future__ import annotations

import pytest
from api_helpers import ARTICLE_HTML, assert_problem

from app.core.config import Settings
from app.main import create_app
from app.schemas.annotation import SCHEMA, Annotation

BACKENDS = ("sqlite",)  # nothing is stored
TEXT = "Kirill Dmitriev told Axios that the plan was ready."


def test_text_gives_the_annotation_contract(client, headers):
    response = client.post("/v1/annotate", json={"text": TEXT, "publisher": "UNN", "published": "2025-11-19"},
                           headers=headers["reader"])
    assert response.status_code == 200, response.text
    data = response.json()
    annotation = Annotation.model_validate(data)
    assert data["schema"] == SCHEMA and data["publisher"] == "UNN" and data["published"] == "2025-11-19"
    [claim] = annotation.claims
    assert (claim.text, claim.kind) == ("the plan was ready", "indirect")
    assert TEXT[claim.start:claim.end] == claim.text
    assert annotation.source(claim.speaker.source).name == "Kirill Dmitriev"
    assert [annotation.source(s).name for s in claim.relay] == ["Axios", "UNN"]


def test_html_is_annotated_on_its_extracted_text(client, headers):
    response = client.post("/v1/annotate", json={"html": ARTICLE_HTML}, headers=headers["reader"])
    assert response.status_code == 200, response.text
    data = response.json()
    assert "<p>" not in data["text"] and data["title"] == "Talks in Miami"
    assert any(c["text"] == data["text"][c["start"]:c["end"]] for c in data["claims"])
    assert {"Kirill Dmitriev", "a Ukrainian official"} <= {s["name"] for s in data["sources"]}


def test_annotate_stores_nothing(client, headers):
    client.post("/v1/annotate", json={"text": TEXT}, headers=headers["reader"])
    assert client.get("/v1/articles", headers=headers["reader"]).json()["items"] == []


@pytest.mark.parametrize(("body", "words"), [
    ({"text": ""}, ["text is empty"]),
    ({"text": " \n\t "}, ["text is empty"]),
    ({"html": "  "}, ["html is empty"]),
    ({}, ["give the article as text or html"]),
    ({"text": TEXT, "html": "<p>x</p>"}, ["not both"]),
    ({"text": TEXT, "speaker": "x"}, ["body.speaker", "extra inputs"]),
    ({"text": 42}, ["body.text", "valid string"]),
    ({"text": TEXT, "published": "19/11/2025"}, ["body.published"]),
    ({"text": "nul \x00 inside"}, ["nul character"]),
    ({"text": TEXT, "publisher": "P" * 301}, ["body.publisher", "300"]),
    ([TEXT], ["valid dictionary"]),
])
def test_wrong_fields_are_422(client, headers, body, words):
    body = assert_problem(client.post("/v1/annotate", json=body, headers=headers["reader"]), 422, *words)
    assert body["type"] == "urn:whosaid:problem:invalid-request" and body["errors"]


def test_malformed_json_is_422(client, headers):
    response = client.post("/v1/annotate", content=b'{"text": "unterminated',
                           headers={**headers["reader"], "Content-Type": "application/json"})
    assert_problem(response, 422, "malformed json")


def test_a_lone_surrogate_is_422(client, headers):
    response = client.post("/v1/annotate", content=b'{"text": "half a pair \\ud800 here"}',
                           headers={**headers["reader"], "Content-Type": "application/json"})
    assert_problem(response, 422, "surrogate")


def test_no_body_is_422(client, headers):
    assert_problem(client.post("/v1/annotate", headers=headers["reader"]), 422, "json body")


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "multipart/form-data; boundary=x",
                                          "application/x-www-form-urlencoded"])
def test_other_content_types_are_415(client, headers, content_type):
    response = client.post("/v1/annotate", content=TEXT.encode(),
                           headers={**headers["reader"], "Content-Type": content_type})
    assert_problem(response, 415, content_type.split(";")[0], "application/json")


def test_a_body_without_content_type_is_415(client, headers):
    response = client.post("/v1/annotate", content=b'{"text": "x"}', headers=headers["reader"])
    assert_problem(response, 415, "content-type")


def test_json_subtypes_are_json(client, headers):
    response = client.post("/v1/annotate", content=f'{{"text": "{TEXT}"}}'.encode(),
                           headers={**headers["reader"], "Content-Type": "application/merge-patch+json"})
    assert response.status_code == 200, response.text


@pytest.fixture(scope="module")
def small_client(database_url, nlp, keys):
    """An app whose text limit is 100 characters (the same database, so the keys work)."""
    from fastapi.testclient import TestClient

    settings = Settings(database_url=database_url, max_text_chars=100, fetch_max_bytes=300)
    with TestClient(create_app(settings, nlp=nlp)) as test_client:
        yield test_client


def test_text_over_the_limit_is_413(small_client, headers):
    response = small_client.post("/v1/annotate", json={"text": "x" * 101}, headers=headers["reader"])
    body = assert_problem(response, 413, "101 characters", "limit is 100")
    assert body["type"] == "urn:whosaid:problem:text-too-long"
    assert small_client.post("/v1/annotate", json={"text": TEXT}, headers=headers["reader"]).status_code == 200


def test_html_over_the_limit_is_413(small_client, headers):
    response = small_client.post("/v1/annotate", json={"html": "<p>" + "x" * 400 + "</p>"}, headers=headers["reader"])
    assert_problem(response, 413, "html", "limit is 300")


def test_extracted_text_over_the_limit_is_413(small_client, headers):
    html = "<html><body><article><p>" + "word " * 40 + "</p></article></body></html>"
    assert len(html) < 300
    response = small_client.post("/v1/annotate", json={"html": html}, headers=headers["reader"])
    assert_problem(response, 413, "limit is 100")


def test_a_body_over_the_byte_limit_is_413_before_it_is_read(small_client, headers):
    # the body limit is 6 bytes a character of the largest article, plus 64 KiB for the metadata
    response = small_client.post("/v1/annotate", content=b'{"text": "' + b"x" * 70_000 + b'"}',
                                 headers={**headers["reader"], "Content-Type": "application/json"})
    assert_problem(response, 413)


def test_html_without_an_article_is_422(client, headers):
    response = client.post("/v1/annotate", json={"html": "<html><body></body></html>"}, headers=headers["reader"])
    body = assert_problem(response, 422, "no article text")
    assert body["type"] == "urn:whosaid:problem:no-article-text"


def test_a_body_that_is_not_utf8_is_malformed_json(client, headers):
    response = client.post("/v1/annotate", content=b'{"text": "caf\xe9"}',
                           headers={**headers["reader"], "Content-Type": "application/json"})
    assert_problem(response, 422, "malformed json", "utf-8")
