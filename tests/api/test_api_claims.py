"""/v1/claims: every filter, pages, one claim, corrections (PATCH), reviews and their history."""
from __future__ import annotations

import pytest
from api_helpers import assert_problem, ingest

ARTICLES = [  # text, publisher, published
    ("Kirill Dmitriev told Axios that the plan was ready.", "UNN", "2025-11-19"),
    ("According to a Ukrainian official, the talks failed.", "Kyiv Post", "2025-10-01"),
    ('"We will win," said John Smith, the mayor of Springfield.', "UNN", "2025-12-05"),
    ("Maria Lopez said the budget would pass. She added that taxes would fall.", "BBC", "2024-03-10"),
    ("Reuters reported that Kirill Dmitriev said the deal was close.", "UNN", "2025-11-21"),
]


@pytest.fixture(scope="module")
def claims(client, headers) -> dict[str, dict]:
    """Every stored claim by its text."""
    out = {}
    for text, publisher, published in ARTICLES:
        for claim in ingest(client, headers, text, publisher=publisher, published=published)["claims"]:
            out[claim["text"]] = claim
    return out


def texts(client, headers, **params) -> set[str]:
    response = client.get("/v1/claims", params=params, headers=headers["reader"])
    assert response.status_code == 200, response.text
    return {c["text"] for c in response.json()["items"]}


def test_all_claims(client, headers, claims):
    assert texts(client, headers) == set(claims) == {
        "the plan was ready", "the talks failed", "We will win,", "the budget would pass", "taxes would fall",
        "the deal was close"}


def test_stored_claims_keep_the_engines_trace(client, headers, claims):
    """The `why` of the annotation is stored with the claim and served by /v1/claims/{id}."""
    claim = claims["the plan was ready"]
    assert any(step.startswith("speaker") for step in claim["why"])
    assert any("Axios" in step for step in claim["why"])
    one = client.get(f"/v1/claims/{claim['id']}", headers=headers["reader"]).json()
    assert one["why"] == claim["why"]


@pytest.mark.parametrize(("params", "expected"), [
    ({"speaker": "Kirill Dmitriev"}, {"the plan was ready", "the deal was close"}),
    ({"speaker": "dmitriev"}, {"the plan was ready", "the deal was close"}),
    ({"speaker": "LOPEZ"}, {"the budget would pass", "taxes would fall"}),
    ({"speaker": "nobody at all"}, set()),
    ({"speaker_type": "anonymous"}, {"the talks failed"}),
    ({"speaker_type": "person", "publisher": "BBC"}, {"the budget would pass", "taxes would fall"}),
    ({"anonymous": "true"}, {"the talks failed"}),
    ({"anonymous": "false", "publisher": "Kyiv Post"}, set()),
    ({"publisher": "UNN"}, {"the plan was ready", "We will win,", "the deal was close"}),
    ({"outlet": "Axios"}, {"the plan was ready"}),
    ({"outlet": "Reuters"}, {"the deal was close"}),
    ({"outlet": "BBC"}, {"the budget would pass", "taxes would fall"}),
    ({"outlet": "Axio"}, set()),  # an outlet is named whole
    ({"kind": "direct"}, {"We will win,"}),
    ({"kind": "according_to"}, {"the talks failed"}),
    ({"review_status": "rejected"}, set()),
    ({"published_from": "2025-11-01", "published_to": "2025-11-30"}, {"the plan was ready", "the deal was close"}),
    ({"published_to": "2024-12-31"}, {"the budget would pass", "taxes would fall"}),
    ({"q": "BUDGET"}, {"the budget would pass"}),
    ({"q": "would", "publisher": "BBC", "kind": "indirect"}, {"the budget would pass", "taxes would fall"}),
])
def test_filters(client, headers, claims, params, expected):
    assert texts(client, headers, **params) == expected


def test_confidence_below_is_strictly_below(client, headers, claims):
    # the confidences are the model's (models/confidence.json), so the expected sets come from the claims
    values = sorted({c["confidence"] for c in claims.values()})
    assert len(values) > 2
    for threshold in (0.0, *values, 1.0):
        assert texts(client, headers, confidence_below=threshold) == {
            text for text, c in claims.items() if c["confidence"] < threshold}


def test_speaker_and_outlet_by_id(client, headers, claims):
    plan = claims["the plan was ready"]
    assert texts(client, headers, speaker=str(plan["speaker"]["id"])) == {"the plan was ready", "the deal was close"}
    axios = plan["relay"][0]
    assert axios["name"] == "Axios"
    assert texts(client, headers, outlet=str(axios["id"])) == {"the plan was ready"}
    assert texts(client, headers, speaker="99999999999") == set()
    assert texts(client, headers, article_id=plan["article"]["id"]) == {"the plan was ready"}


@pytest.mark.parametrize(("params", "words"), [
    ({"kind": "rumour"}, ["query.kind"]),
    ({"speaker_type": "alien"}, ["query.speaker_type"]),
    ({"review_status": "maybe"}, ["query.review_status"]),
    ({"confidence_below": "1.5"}, ["query.confidence_below"]),
    ({"confidence_below": "nan"}, ["query.confidence_below"]),
    ({"anonymous": "perhaps"}, ["query.anonymous"]),
    ({"published_from": "yesterday"}, ["query.published_from"]),
    ({"limit": "9999"}, ["query.limit"]),
    ({"published_from": "2025-12-01", "published_to": "2025-01-01"}, ["before it starts"]),
])
def test_bad_filters_are_422(client, headers, claims, params, words):
    assert_problem(client.get("/v1/claims", params=params, headers=headers["reader"]), 422, *words)


def test_pages(client, headers, claims):
    seen, cursor = [], None
    for _ in range(10):
        page = client.get("/v1/claims", params={"limit": 4, **({"cursor": cursor} if cursor else {})},
                          headers=headers["reader"]).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == len(claims) and seen == sorted(seen, reverse=True)
    filtered = client.get("/v1/claims", params={"publisher": "UNN", "limit": 2}, headers=headers["reader"]).json()
    rest = client.get("/v1/claims", params={"publisher": "UNN", "limit": 2, "cursor": filtered["next_cursor"]},
                      headers=headers["reader"]).json()
    assert len(filtered["items"]) == 2 and len(rest["items"]) == 1 and rest["next_cursor"] is None


def test_get_one_claim(client, headers, claims):
    claim = claims["the plan was ready"]
    response = client.get(f"/v1/claims/{claim['id']}", headers=headers["reader"])
    assert response.status_code == 200
    data = response.json()
    assert data == claim
    assert data["article"]["publisher"] == "UNN" and data["article"]["published"] == "2025-11-19"
    assert data["cue"] == {"text": "told", "start": 16, "end": 20}
    assert_problem(client.get("/v1/claims/424242", headers=headers["reader"]), 404, "claim 424242")


def test_patch_corrects_and_records_a_review(client, headers, claims):
    claim = claims["the deal was close"]
    dmitriev = claim["speaker"]["id"]
    reuters = claim["relay"][0]["id"]
    ukrainian = claims["the talks failed"]["speaker"]["id"]
    assert ukrainian != dmitriev
    response = client.patch(f"/v1/claims/{claim['id']}", headers=headers["analyst"], json={
        "kind": "according_to", "relay": [reuters], "note": "the wire said it"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["kind"] == "according_to" and [r["id"] for r in data["relay"]] == [reuters]
    assert data["review_status"] == "corrected" and data["speaker"]["id"] == dmitriev

    history = client.get(f"/v1/claims/{claim['id']}/history", headers=headers["reader"]).json()
    assert len(history) == 1
    [review] = history
    assert review["action"] == "correct" and review["user"] == "test-analyst" and review["note"] == "the wire said it"
    assert review["before"]["kind"] == "indirect" and review["after"]["kind"] == "according_to"
    assert [r["name"] for r in review["before"]["relay"]] == ["Reuters", "UNN"]


def test_patch_spans_and_speaker(client, headers, claims):
    claim = claims["We will win,"]
    article = client.get(f"/v1/articles/{claim['article']['id']}", headers=headers["reader"]).json()
    text = article["text"]
    start = text.index("We will win")
    response = client.patch(f"/v1/claims/{claim['id']}", headers=headers["analyst"], json={
        "span": {"start": start, "end": start + len("We will win")},
        "speaker_span": {"start": text.index("John Smith"), "end": text.index("John Smith") + 10},
        "cue_span": None})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["text"] == "We will win" and data["cue"] is None
    assert data["speaker"]["mention"]["text"] == "John Smith"
    removed = client.patch(f"/v1/claims/{claim['id']}", headers=headers["analyst"], json={"speaker_id": None})
    assert removed.status_code == 200 and removed.json()["speaker"] is None
    assert len(client.get(f"/v1/claims/{claim['id']}/history", headers=headers["reader"]).json()) == 2


@pytest.mark.parametrize(("body", "status", "words"), [
    ({}, 422, ["nothing to correct"]),
    ({"note": "only a note"}, 422, ["nothing to correct"]),
    ({"kind": None}, 422, ["kind cannot be null"]),
    ({"kind": "rumour"}, 422, ["body.kind"]),
    ({"span": {"start": 5, "end": 2}}, 422, ["span", "not inside"]),
    ({"span": {"start": 0, "end": 10**6}}, 422, ["not inside"]),
    ({"span": [0, 4]}, 422, ["body.span"]),
    ({"speaker_id": 987654}, 404, ["source 987654"]),
    ({"relay": [987654]}, 404, ["source 987654"]),
    ({"relay": [0]}, 422, ["body.relay.0"]),
    ({"speaker": "Somebody"}, 422, ["body.speaker", "extra inputs"]),
])
def test_bad_corrections(client, headers, claims, body, status, words):
    claim = claims["the budget would pass"]
    assert_problem(client.patch(f"/v1/claims/{claim['id']}", json=body, headers=headers["analyst"]), status, *words)


def test_patch_unknown_claim_is_404(client, headers, claims):
    assert_problem(client.patch("/v1/claims/987654", json={"kind": "direct"}, headers=headers["analyst"]), 404)


def test_review_accept_and_reject(client, headers, claims):
    claim = claims["taxes would fall"]
    accepted = client.post(f"/v1/claims/{claim['id']}/review", json={"action": "accept", "note": "checked"},
                           headers=headers["analyst"])
    assert accepted.status_code == 201, accepted.text
    review = accepted.json()
    assert review["action"] == "accept" and review["user"] == "test-analyst" and review["note"] == "checked"
    assert review["before"]["review_status"] == "unreviewed" and review["after"]["review_status"] == "accepted"
    rejected = client.post(f"/v1/claims/{claim['id']}/review", json={"action": "reject"}, headers=headers["admin"])
    assert rejected.status_code == 201 and rejected.json()["user"] == "test-admin"
    assert client.get(f"/v1/claims/{claim['id']}", headers=headers["reader"]).json()["review_status"] == "rejected"
    assert texts(client, headers, review_status="rejected") == {"taxes would fall"}
    history = client.get(f"/v1/claims/{claim['id']}/history", headers=headers["reader"]).json()
    assert [h["action"] for h in history] == ["accept", "reject"]


@pytest.mark.parametrize(("body", "words"), [
    ({"action": "correct"}, ["body.action"]),
    ({}, ["body.action", "field required"]),
    ({"action": "accept", "extra": 1}, ["body.extra"]),
])
def test_bad_reviews_are_422(client, headers, claims, body, words):
    claim = claims["the plan was ready"]
    assert_problem(client.post(f"/v1/claims/{claim['id']}/review", json=body, headers=headers["analyst"]), 422, *words)


def test_review_and_history_of_an_unknown_claim_are_404(client, headers):
    assert_problem(client.post("/v1/claims/987654/review", json={"action": "accept"}, headers=headers["analyst"]), 404)
    assert_problem(client.get("/v1/claims/987654/history", headers=headers["reader"]), 404)
