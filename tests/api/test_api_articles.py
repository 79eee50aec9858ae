"""/v1/articles: ingest text and HTML (201, then 200 for the same article), list with filters and pages,
read with claims and sources, delete."""
from __future__ import annotations

import pytest
from api_helpers import ARTICLE_HTML, assert_problem, ingest

DMITRIEV = "Kirill Dmitriev told Axios that the plan was ready."
OFFICIAL = "According to a Ukrainian official, the talks failed."
SMITH = '"We will win," said John Smith, the mayor of Springfield.'
LOPEZ = "Maria Lopez said the budget would pass. She added that taxes would fall."
ARTICLES = [  # text, publisher, published, title
    (DMITRIEV, "UNN", "2025-11-19", "Peace plan"),
    (OFFICIAL, "Kyiv Post", "2025-10-01", "Talks fail"),
    (SMITH, "UNN", "2025-12-05", "Mayor speaks"),
    (LOPEZ, "BBC", "2024-03-10", "Budget vote"),
]


@pytest.fixture(scope="module")
def stored(client, headers) -> dict[str, dict]:
    return {title: ingest(client, headers, text, publisher=publisher, published=published, title=title)
            for text, publisher, published, title in ARTICLES}


def test_ingest_returns_201_with_the_stored_article(client, headers):
    text = "Dmitriev told Reuters that sanctions must end."
    response = client.post("/v1/articles", json={"text": text, "publisher": "UNN", "url": "https://unn.example/1",
                                                  "published": "2025-11-20", "title": "Sanctions"},
                           headers=headers["analyst"])
    assert response.status_code == 201, response.text
    data = response.json()
    assert response.headers["location"] == f"/v1/articles/{data['id']}"
    assert (data["text"], data["publisher"], data["url"], data["published"], data["title"]) == (
        text, "UNN", "https://unn.example/1", "2025-11-20", "Sanctions")
    assert data["source_format"] == "text" and data["claim_count"] == 1 and data["pipeline_version"]
    [claim] = data["claims"]
    assert claim["text"] == text[claim["start"]:claim["end"]] == "sanctions must end"
    assert claim["speaker"]["name"] == "Dmitriev" and claim["speaker"]["mention"]["text"] == "Dmitriev"
    assert [r["name"] for r in claim["relay"]] == ["Reuters", "UNN"]
    assert claim["article"]["id"] == data["id"] and claim["review_status"] == "unreviewed"
    by_name = {s["name"]: s for s in data["sources"]}
    assert by_name["Dmitriev"]["mentions"] == [{"text": "Dmitriev", "start": 0, "end": 8}]
    assert by_name["Reuters"]["type"] == "outlet"


def test_the_same_article_again_is_200_with_the_stored_one(client, headers, stored):
    first = stored["Peace plan"]
    again = client.post("/v1/articles", json={"text": DMITRIEV + "\n\n", "publisher": "UNN"},
                        headers=headers["analyst"])
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first["id"] and "location" not in again.headers
    assert [c["id"] for c in again.json()["claims"]] == [c["id"] for c in first["claims"]]


def test_html_is_ingested_with_its_metadata(client, headers):
    response = client.post("/v1/articles", json={"html": ARTICLE_HTML, "url": "https://example.org/miami"},
                           headers=headers["analyst"])
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["source_format"] == "html" and data["title"] == "Talks in Miami"
    assert data["url"] == "https://example.org/miami" and "<p>" not in data["text"]
    assert all(c["text"] == data["text"][c["start"]:c["end"]] for c in data["claims"])
    assert client.post("/v1/articles", json={"html": ARTICLE_HTML, "url": "https://example.org/miami"},
                       headers=headers["analyst"]).status_code == 200


def test_get_an_article_with_claims_and_sources(client, headers, stored):
    article = stored["Budget vote"]
    response = client.get(f"/v1/articles/{article['id']}", headers=headers["reader"])
    assert response.status_code == 200
    data = response.json()
    assert data == article
    assert [c["text"] for c in data["claims"]] == ["the budget would pass", "taxes would fall"]
    assert [c["position"] for c in data["claims"]] == [1, 2]
    lopez = next(s for s in data["sources"] if s["name"] == "Maria Lopez")
    assert [m["text"] for m in lopez["mentions"]] == ["Maria Lopez", "She"]


def test_unknown_article_is_404(client, headers):
    assert_problem(client.get("/v1/articles/999999", headers=headers["reader"]), 404, "article 999999")
    assert_problem(client.get("/v1/articles/0", headers=headers["reader"]), 422, "article_id")
    assert_problem(client.get("/v1/articles/abc", headers=headers["reader"]), 422, "article_id")
    assert_problem(client.get(f"/v1/articles/{2**63}", headers=headers["reader"]), 422, "article_id")


def titles(client, headers, **params) -> list[str]:
    response = client.get("/v1/articles", params=params, headers=headers["reader"])
    assert response.status_code == 200, response.text
    return [a["title"] for a in response.json()["items"]]


def test_list_filters(client, headers, stored):
    assert set(titles(client, headers, publisher="UNN")) >= {"Peace plan", "Mayor speaks"}
    assert "Talks fail" not in titles(client, headers, publisher="UNN")
    assert titles(client, headers, publisher="BBC") == ["Budget vote"]
    assert titles(client, headers, published_from="2025-10-01", published_to="2025-10-31") == ["Talks fail"]
    assert set(titles(client, headers, published_from="2025-11-19")) >= {"Peace plan", "Mayor speaks"}
    assert titles(client, headers, published_to="2024-12-31") == ["Budget vote"]
    assert titles(client, headers, q="SPRINGFIELD") == ["Mayor speaks"]
    assert titles(client, headers, q="budget", publisher="UNN") == []
    assert titles(client, headers, q="100%_") == []


def test_list_items_are_summaries(client, headers, stored):
    item = next(a for a in client.get("/v1/articles", params={"publisher": "BBC"}, headers=headers["reader"])
                .json()["items"])
    assert item["claim_count"] == 2 and "text" not in item and "claims" not in item


def test_pages_follow_the_cursor(client, headers, stored):
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/articles", params=params, headers=headers["reader"]).json()
        assert len(page["items"]) <= 2
        seen += [a["id"] for a in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    everything = client.get("/v1/articles", params={"limit": 500}, headers=headers["reader"]).json()
    assert seen == [a["id"] for a in everything["items"]] and everything["next_cursor"] is None
    assert seen == sorted(seen, reverse=True) and len(seen) >= len(ARTICLES)


@pytest.mark.parametrize(("params", "words"), [
    ({"limit": 0}, ["query.limit"]),
    ({"limit": 501}, ["query.limit"]),
    ({"cursor": "x"}, ["query.cursor"]),
    ({"published_from": "2025-13-01"}, ["query.published_from"]),
    ({"published_from": "2025-02-01", "published_to": "2025-01-01"}, ["ends", "before it starts"]),
])
def test_bad_list_parameters_are_422(client, headers, params, words):
    assert_problem(client.get("/v1/articles", params=params, headers=headers["reader"]), 422, *words)


def test_delete_removes_the_article_and_its_claims(client, headers):
    article = ingest(client, headers, "Maria Lopez said the vote was close.", publisher="Delete Daily")
    claim_id = article["claims"][0]["id"]
    response = client.delete(f"/v1/articles/{article['id']}", headers=headers["admin"])
    assert response.status_code == 204 and response.content == b""
    assert_problem(client.get(f"/v1/articles/{article['id']}", headers=headers["reader"]), 404)
    assert_problem(client.get(f"/v1/claims/{claim_id}", headers=headers["reader"]), 404)
    assert_problem(client.delete(f"/v1/articles/{article['id']}", headers=headers["admin"]), 404)
    # named sources stay for other articles
    assert client.get("/v1/sources", params={"q": "Maria Lopez"}, headers=headers["reader"]).json()["items"]


def test_ingest_without_publisher_detects_it_or_leaves_it_empty(client, headers):
    data = ingest(client, headers, "Maria Lopez said the harbour would reopen in spring.")
    assert data["publisher"] is None and data["claims"]


def test_an_article_without_claims_is_stored(client, headers):
    data = ingest(client, headers, "The weather was nice today.", publisher="UNN")
    assert data["claims"] == [] and data["claim_count"] == 0


def test_ingest_errors(client, headers):
    analyst = headers["analyst"]
    assert_problem(client.post("/v1/articles", json={"text": "   "}, headers=analyst), 422, "text is empty")
    assert_problem(client.post("/v1/articles", json={}, headers=analyst), 422, "url to fetch")
    assert_problem(client.post("/v1/articles", json={"html": "<html><body></body></html>"}, headers=analyst),
                   422, "no article text")
    plain = {**analyst, "Content-Type": "text/plain"}
    assert_problem(client.post("/v1/articles", content=b"plain text", headers=plain), 415, "text/plain")
