"""/v1/sources (search, profile, merge) and /v1/outlets/relays (who relays whom)."""
from __future__ import annotations

import pytest
from api_helpers import assert_problem, ingest

ARTICLES = [  # text, publisher, published
    ("Kirill Dmitriev told Axios that the plan was ready.", "UNN", "2025-11-19"),
    ("Reuters reported that Kirill Dmitriev said the deal was close.", "UNN", "2025-11-21"),
    ("Kirill Dmitriev said the sanctions hurt everyone.", "Kyiv Post", "2025-10-03"),
    ("Dmitriev told Reuters that sanctions must end.", "UNN", "2025-12-02"),
    ("According to a Ukrainian official, the talks failed.", "Kyiv Post", "2025-10-01"),
    ("Maria Lopez told Axios that the budget would pass.", "BBC", "2024-03-10"),
]


@pytest.fixture(scope="module")
def stored(client, headers) -> list[dict]:
    return [ingest(client, headers, text, publisher=publisher, published=published)
            for text, publisher, published in ARTICLES]


def source_id(client, headers, name: str) -> int:
    items = client.get("/v1/sources", params={"q": name}, headers=headers["reader"]).json()["items"]
    return next(s["id"] for s in items if s["name"] == name)


def names(client, headers, **params) -> list[str]:
    response = client.get("/v1/sources", params=params, headers=headers["reader"])
    assert response.status_code == 200, response.text
    return [s["name"] for s in response.json()["items"]]


def test_search_by_name_and_type(client, headers, stored):
    assert set(names(client, headers, q="dmitriev")) == {"Kirill Dmitriev", "Dmitriev"}
    assert names(client, headers, q="Dmitriev", type="outlet") == []
    assert set(names(client, headers, type="outlet")) == {"Axios", "UNN", "Reuters", "Kyiv Post", "BBC"}
    assert names(client, headers, type="anonymous") == ["a Ukrainian official"]
    assert names(client, headers, anonymous="true") == ["a Ukrainian official"]
    assert "a Ukrainian official" not in names(client, headers, anonymous="false")
    assert_problem(client.get("/v1/sources", params={"type": "alien"}, headers=headers["reader"]), 422, "query.type")


def test_source_pages(client, headers, stored):
    first = client.get("/v1/sources", params={"limit": 3}, headers=headers["reader"]).json()
    second = client.get("/v1/sources", params={"limit": 3, "cursor": first["next_cursor"]},
                        headers=headers["reader"]).json()
    ids = [s["id"] for s in first["items"] + second["items"]]
    assert len(first["items"]) == 3 and len(set(ids)) == len(ids) and ids == sorted(ids, reverse=True)


def test_profile(client, headers, stored):
    kirill = source_id(client, headers, "Kirill Dmitriev")
    response = client.get(f"/v1/sources/{kirill}", headers=headers["reader"])
    assert response.status_code == 200, response.text
    profile = response.json()
    assert profile["name"] == "Kirill Dmitriev" and profile["type"] == "person" and profile["claim_count"] == 3
    assert {c["key"]: c["claims"] for c in profile["by_publisher"]} == {"UNN": 2, "Kyiv Post": 1}
    assert {c["key"]: c["claims"] for c in profile["by_month"]} == {"2025-11": 2, "2025-10": 1}
    assert [c["text"] for c in profile["latest_claims"]] == [
        "the sanctions hurt everyone", "the deal was close", "the plan was ready"]
    axios = client.get(f"/v1/sources/{source_id(client, headers, 'Axios')}", headers=headers["reader"]).json()
    assert axios["relayed_count"] == 2 and axios["claim_count"] == 0
    assert_problem(client.get("/v1/sources/987654", headers=headers["reader"]), 404, "source 987654")


def test_merge_keeps_history(client, headers, stored):
    kirill = source_id(client, headers, "Kirill Dmitriev")
    short = source_id(client, headers, "Dmitriev")
    response = client.post(f"/v1/sources/{kirill}/merge", json={"duplicate_id": short, "note": "same man"},
                           headers=headers["analyst"])
    assert response.status_code == 200, response.text
    merge = response.json()
    assert merge["target_id"] == kirill and merge["duplicate_id"] == short and merge["note"] == "same man"
    assert "Dmitriev" in merge["target"]["aliases"] and merge["details"]["claims"]

    profile = client.get(f"/v1/sources/{kirill}", headers=headers["reader"]).json()
    assert profile["claim_count"] == 4 and "Dmitriev" in profile["aliases"]
    # the duplicate stays, pointing to the target; its profile is the target's
    assert names(client, headers, q="Dmitriev") == ["Kirill Dmitriev"]
    merged = client.get("/v1/sources", params={"q": "Dmitriev", "include_merged": "true"},
                        headers=headers["reader"]).json()["items"]
    assert {s["id"]: s["merged_into_id"] for s in merged} == {kirill: None, short: kirill}
    assert client.get(f"/v1/sources/{short}", headers=headers["reader"]).json()["id"] == kirill
    # claims of the duplicate are the target's now
    claims = client.get("/v1/claims", params={"speaker": str(kirill)}, headers=headers["reader"]).json()["items"]
    assert "sanctions must end" in {c["text"] for c in claims}

    assert_problem(client.post(f"/v1/sources/{kirill}/merge", json={"duplicate_id": short},
                               headers=headers["analyst"]), 409, "merged into")
    assert_problem(client.post(f"/v1/sources/{kirill}/merge", json={"duplicate_id": kirill},
                               headers=headers["analyst"]), 409, "itself")
    assert_problem(client.post(f"/v1/sources/{kirill}/merge", json={}, headers=headers["analyst"]), 422,
                   "body.duplicate_id")
    assert_problem(client.post("/v1/sources/987654/merge", json={"duplicate_id": kirill},
                               headers=headers["analyst"]), 404)


def test_anonymous_sources_are_not_merged_into_named_ones(client, headers, stored):
    official = source_id(client, headers, "a Ukrainian official")
    kirill = source_id(client, headers, "Kirill Dmitriev")
    assert_problem(client.post(f"/v1/sources/{official}/merge", json={"duplicate_id": kirill},
                               headers=headers["analyst"]), 409, "anonymous")


def edges(client, headers, **params) -> dict[tuple[str, str], int]:
    response = client.get("/v1/outlets/relays", params=params, headers=headers["reader"])
    assert response.status_code == 200, response.text
    return {(e["source"], e["target"]): e["claims"] for e in response.json()["edges"]}


def test_relay_network(client, headers, stored):
    network = edges(client, headers)
    assert network[("Axios", "UNN")] == 1 and network[("Axios", "BBC")] == 1
    assert network[("Reuters", "UNN")] == 2
    assert all(source != target for source, target in network)
    response = client.get("/v1/outlets/relays", headers=headers["reader"]).json()["edges"]
    assert [e["claims"] for e in response] == sorted((e["claims"] for e in response), reverse=True)
    assert all(e["target_id"] is not None for e in response)


def test_relay_network_by_date(client, headers, stored):
    assert edges(client, headers, published_from="2025-11-20") == {("Reuters", "UNN"): 2}
    assert edges(client, headers, published_to="2024-12-31") == {("Axios", "BBC"): 1}
    assert edges(client, headers, published_from="2030-01-01") == {}
    assert_problem(client.get("/v1/outlets/relays", params={"published_from": "soon"}, headers=headers["reader"]),
                   422, "query.published_from")


def test_rejected_claims_leave_the_network_unless_asked(client, headers, stored):
    bbc = next(a for a in stored if a["publisher"] == "BBC")
    claim = bbc["claims"][0]
    client.post(f"/v1/claims/{claim['id']}/review", json={"action": "reject"}, headers=headers["analyst"])
    assert ("Axios", "BBC") not in edges(client, headers)
    assert edges(client, headers, include_rejected="true")[("Axios", "BBC")] == 1
