"""/v1/export: JSONL, CSV and W3C Web Annotation JSON-LD, parsed back; the claims' filters; paging."""
from __future__ import annotations

import csv
import io
import json

import pytest
from api_helpers import assert_problem, ingest

from app.api.routes import export as export_route

ARTICLES = [  # text, publisher, published
    ("Kirill Dmitriev told Axios that the plan was ready.", "UNN", "2025-11-19"),
    ("According to a Ukrainian official, the talks failed.", "Kyiv Post", "2025-10-01"),
    ('"We will win," said John Smith, the mayor of Springfield.', "UNN", "2025-12-05"),
    ("Maria Lopez said the budget would pass. She added that taxes would fall.", "BBC", "2024-03-10"),
]


@pytest.fixture(scope="module")
def stored(client, headers) -> dict[int, dict]:
    """Articles by id."""
    out = {}
    for text, publisher, published in ARTICLES:
        article = ingest(client, headers, text, publisher=publisher, published=published)
        out[article["id"]] = article
    return out


@pytest.fixture(params=[export_route.PAGE, 2], ids=["one-page", "pages-of-2"])
def page_size(request, monkeypatch) -> int:
    """Every export test runs with the real page size and with pages of 2 (several reads per export)."""
    monkeypatch.setattr(export_route, "PAGE", request.param)
    return request.param


def export(client, headers, **params):
    response = client.get("/v1/export", params=params, headers=headers["reader"])
    assert response.status_code == 200, response.text
    return response


def test_jsonl(client, headers, stored, page_size):
    response = export(client, headers, format="jsonl")
    assert response.headers["content-type"] == "application/x-ndjson"
    assert 'filename="whosaid-claims.jsonl"' in response.headers["content-disposition"]
    lines = response.text.splitlines()
    claims = [json.loads(line) for line in lines]
    assert len(claims) == 5 and [c["id"] for c in claims] == sorted((c["id"] for c in claims), reverse=True)
    for claim in claims:
        article = stored[claim["article"]["id"]]
        assert claim == next(c for c in article["claims"] if c["id"] == claim["id"])


def test_jsonl_is_the_default_format(client, headers, stored):
    assert export(client, headers).headers["content-type"] == "application/x-ndjson"


def test_csv(client, headers, stored, page_size):
    response = export(client, headers, format="csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and list(rows[0]) == export_route.CSV_COLUMNS
    by_text = {r["text"]: r for r in rows}
    plan = by_text["the plan was ready"]
    assert (plan["publisher"], plan["published"]) == ("UNN", "2025-11-19")
    assert (plan["kind"], plan["cue"]) == ("indirect", "told")
    assert (plan["speaker"], plan["speaker_type"], plan["speaker_anonymous"]) == ("Kirill Dmitriev", "person", "false")
    assert plan["relay"] == "Axios > UNN" and len(plan["relay_ids"].split()) == 2
    assert by_text["the talks failed"]["speaker_anonymous"] == "true"
    quote = by_text["We will win,"]
    stored_quote = next(c for a in stored.values() for c in a["claims"] if c["text"] == "We will win,")
    assert quote["kind"] == "direct" and float(quote["confidence"]) == pytest.approx(stored_quote["confidence"])
    assert 0.0 < float(quote["confidence"]) < 1.0
    article = stored[int(plan["article_id"])]
    assert article["text"][int(plan["start"]):int(plan["end"])] == plan["text"]


def test_jsonld_web_annotations(client, headers, stored, page_size):
    response = export(client, headers, format="jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    assert "http://www.w3.org/ns/anno.jsonld" in response.headers["content-type"]
    doc = response.json()
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["@context"][1]["prov"] == "http://www.w3.org/ns/prov#"
    assert doc["type"] == "AnnotationCollection" and doc["first"]["type"] == "AnnotationPage"
    items = doc["first"]["items"]
    assert len(items) == 5
    for annotation in items:
        assert annotation["type"] == "Annotation" and annotation["id"].startswith("http://testserver/v1/claims/")
        target = annotation["target"]
        article_id = int(target["source"].rsplit("/", 1)[1])
        text = stored[article_id]["text"]
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"]) and text[position["end"]:].startswith(quote["suffix"])
        assert len(quote["prefix"]) <= export_route.CONTEXT_CHARS
    plan = next(a for a in items if a["target"]["selector"][0]["exact"] == "the plan was ready")
    speaker = plan["target"]["prov:wasAttributedTo"]
    assert speaker["name"] == "Kirill Dmitriev" and speaker["type"] == "prov:Person"
    assert speaker["id"].startswith("http://testserver/v1/sources/")
    assert plan["target"]["selector"][0]["prefix"] == "Kirill Dmitriev told Axios that "
    assert [r["name"] for r in plan["whosaid:relay"]] == ["Axios", "UNN"] and plan["whosaid:kind"] == "indirect"
    official = next(a for a in items if a["target"]["selector"][0]["exact"] == "the talks failed")
    assert official["target"]["prov:wasAttributedTo"]["type"] == "prov:Agent"


def test_jsonld_with_no_claims_is_an_empty_collection(client, headers, stored):
    doc = export(client, headers, format="jsonld", publisher="Nobody").json()
    assert doc["first"]["items"] == []


@pytest.mark.parametrize(("params", "expected"), [
    ({"publisher": "UNN"}, {"the plan was ready", "We will win,"}),
    ({"speaker": "Lopez"}, {"the budget would pass", "taxes would fall"}),
    ({"anonymous": "true"}, {"the talks failed"}),
    ({"outlet": "Axios"}, {"the plan was ready"}),
    ({"kind": "direct"}, {"We will win,"}),
    ({"published_from": "2025-01-01", "q": "the"}, {"the plan was ready", "the talks failed"}),
    ({"confidence_below": 0.1}, set()),
])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "jsonld"])
def test_export_takes_the_claims_filters(client, headers, stored, page_size, params, expected, fmt):
    response = export(client, headers, format=fmt, **params)
    if fmt == "jsonl":
        found = {json.loads(line)["text"] for line in response.text.splitlines()}
    elif fmt == "csv":
        found = {row["text"] for row in csv.DictReader(io.StringIO(response.text))}
    else:
        found = {a["target"]["selector"][0]["exact"] for a in response.json()["first"]["items"]}
    assert found == expected
    listed = client.get("/v1/claims", params=params, headers=headers["reader"]).json()["items"]
    assert found == {c["text"] for c in listed}


def test_export_streams(client, headers, stored, monkeypatch):
    monkeypatch.setattr(export_route, "PAGE", 1)
    with client.stream("GET", "/v1/export", params={"format": "jsonl"}, headers=headers["reader"]) as response:
        assert response.status_code == 200 and "content-length" not in response.headers
        chunks = [chunk for chunk in response.iter_text() if chunk]
    assert len(chunks) >= 5


@pytest.mark.parametrize(("params", "words"), [
    ({"format": "xml"}, ["query.format"]),
    ({"kind": "rumour"}, ["query.kind"]),
    ({"published_from": "2025-12-01", "published_to": "2025-01-01"}, ["before it starts"]),
])
def test_bad_export_parameters_are_422_before_streaming(client, headers, stored, params, words):
    assert_problem(client.get("/v1/export", params=params, headers=headers["reader"]), 422, *words)
