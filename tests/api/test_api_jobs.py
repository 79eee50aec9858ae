"""/v1/jobs: a corpus ingested in the background (here the service's own process pool: no broker is
configured), its progress and its errors."""
from __future__ import annotations

import json
import time

import pytest
from api_helpers import assert_problem

pytestmark = pytest.mark.model

ARTICLES = [
    {"text": 'Kirill Dmitriev told Axios that the plan was ready. "We are close," he said.', "publisher": "UNN",
     "published": "2025-11-19"},
    {"text": "A Ukrainian official said the talks were over.", "publisher": "Ukrinform", "date": "19 Nov 2025"},
]
JSONL = "\n".join(json.dumps(a) for a in ARTICLES) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n"


def wait_done(client, headers, job_id: str, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/v1/jobs/{job_id}", headers=headers["reader"]).json()
        if body["state"] == "done" or time.monotonic() > deadline:
            return body
        time.sleep(0.5)


def test_a_json_lines_job_stores_its_articles_and_reports_its_errors(client, headers):
    response = client.post("/v1/jobs", content=JSONL, headers={**headers["analyst"],
                                                               "Content-Type": "application/x-ndjson"})
    assert response.status_code == 202, response.text
    created = response.json()
    assert created["total"] == 4 and created["runner"] == "local"
    assert response.headers["Location"] == f"/v1/jobs/{created['id']}"
    job = wait_done(client, headers, created["id"])
    assert (job["state"], job["done"], job["stored"], job["failed"]) == ("done", 4, 2, 2), job
    assert [(e["item"], e["reason"]) for e in job["errors"]] == [
        ("upload:3", "not a JSON object: Expecting property name enclosed in double quotes at column 2"),
        ("upload:4", 'the object has neither "text" nor "html"')]
    stored = client.get("/v1/articles", headers=headers["reader"]).json()["items"]
    assert {a["publisher"] for a in stored} >= {"UNN", "Ukrinform"}
    assert {a["published"] for a in stored if a["publisher"] == "Ukrinform"} == {"2025-11-19"}
    claims = client.get("/v1/claims", headers=headers["reader"]).json()["items"]
    assert claims and all(c["story_id"] is not None for c in claims)   # the job's batches were clustered
    # the same corpus again stores nothing new
    again = client.post("/v1/jobs", content=JSONL, headers={**headers["analyst"],
                                                            "Content-Type": "application/x-ndjson"}).json()
    job = wait_done(client, headers, again["id"])
    assert (job["stored"], job["known"], job["failed"]) == (0, 2, 2)
    listed = client.get("/v1/jobs", headers=headers["reader"]).json()
    assert [j["id"] for j in listed[:2]] == [again["id"], created["id"]] and listed[0]["errors"] == []


def test_a_url_job_reports_every_url_that_could_not_be_fetched(client, headers):
    body = {"urls": ["http://127.0.0.1:9/article.html", "ftp://example.org/x"], "label": "crawl"}
    created = client.post("/v1/jobs", json=body, headers=headers["analyst"]).json()
    job = wait_done(client, headers, created["id"])
    assert (job["label"], job["failed"]) == ("crawl", 2)
    reasons = {e["item"]: e["reason"] for e in job["errors"]}
    assert "loopback" in reasons["urls:1"] and "not an http or https URL" in reasons["urls:2"]


@pytest.mark.parametrize("content_type, body, status, words", [
    ("text/plain", "hello", 415, ["JSON Lines"]),
    ("application/x-ndjson", "\n\n", 422, ["no items"]),
    ("application/json", '{"urls": "https://x"}', 422, ['{"urls"']),
    ("application/json", "[1,", 422, ["not JSON"]),
])
def test_bad_job_bodies_are_refused_with_the_reason(client, headers, content_type, body, status, words):
    response = client.post("/v1/jobs", content=body, headers={**headers["analyst"], "Content-Type": content_type})
    assert_problem(response, status, *words)


def test_jobs_need_an_analyst_and_an_existing_id(client, headers):
    response = client.post("/v1/jobs", json={"urls": ["https://example.org/"]}, headers=headers["reader"])
    assert response.status_code == 403
    assert_problem(client.get("/v1/jobs/nope", headers=headers["reader"]), 404, "job nope")
    assert_problem(client.get("/v1/jobs/a%00b", headers=headers["reader"]), 404, "does not exist")
