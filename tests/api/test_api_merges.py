"""Issue 8, merges and relays through the API, on SQLite and PostgreSQL: opposite merges at once (one 200,
one 409, never a loop), merges of sources of different types refused (422), a relay correction that names
a non-outlet or repeats a hop refused (422), and unmerge, with both in the source's history."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from api_helpers import assert_problem, ingest
from sqlalchemy import select

from app.core.db import make_sessionmaker
from app.store import repository
from app.store.models import Source

TRIALS = 8


@pytest.fixture(scope="module")
def sessions(app):
    return make_sessionmaker(app.state.engine)


def new_source(sessions, name: str, type: str = "person") -> int:
    with sessions() as session:
        analyst = repository.get_user_by_name("test-analyst", session=session)
        source = repository.create_source(session, name=name, type=type, user=analyst.id)
        session.commit()
        return source.id


@pytest.fixture(scope="module")
def article(client, headers) -> dict:
    return ingest(client, headers, "Helena Quist told Reuters that the port was closed.", publisher="UNN",
                  published="2025-11-19")


def source_named(article: dict, name: str) -> int:
    return next(s["id"] for s in article["sources"] if s["name"] == name)


def merge(client, headers, target: int, duplicate: int, action: str = "merge", note: str | None = None):
    return client.post(f"/v1/sources/{target}/{action}", json={"duplicate_id": duplicate, "note": note},
                       headers=headers["analyst"])


def test_opposite_merges_at_once_one_wins(client, headers, sessions):
    """Eight times, "A into B" and "B into A" leave together: one 200, one 409, and A and B form no loop."""
    for trial in range(TRIALS):
        a, b = new_source(sessions, f"Opposite A{trial}"), new_source(sessions, f"Opposite B{trial}")
        barrier = threading.Barrier(2, timeout=30)

        def post(pair: tuple[int, int]):
            barrier.wait()
            return merge(client, headers, *pair)

        with ThreadPoolExecutor(2) as pool:
            responses = list(pool.map(post, [(a, b), (b, a)]))
        assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]
        refused = next(r for r in responses if r.status_code == 409)
        assert "was merged into" in refused.json()["detail"]
        with sessions() as session:
            merged_into = dict(session.execute(select(Source.id, Source.merged_into_id)
                                               .where(Source.id.in_([a, b]))).all())
        assert sorted(merged_into.values(), key=str) in ([a, None], [b, None]), merged_into
        assert merged_into[a] != a and merged_into[b] != b
        for source_id in (a, b):
            assert client.get(f"/v1/sources/{source_id}", headers=headers["reader"]).status_code == 200


def test_sources_of_different_types_are_not_merged(client, headers, article, sessions):
    person, outlet = new_source(sessions, "Maria Typed"), source_named(article, "Reuters")
    body = assert_problem(merge(client, headers, person, outlet), 422, "sources of different types do not merge",
                          "(Reuters) is an outlet", "(Maria Typed) a person:")
    assert body["type"] == "urn:whosaid:problem:invalid-input"
    assert_problem(merge(client, headers, outlet, person), 422, "different types")
    reuters = client.get(f"/v1/sources/{outlet}", headers=headers["reader"]).json()
    assert reuters["merged_into_id"] is None and reuters["history"] == []


def test_a_relay_correction_names_only_outlets_once_in_a_row(client, headers, article, sessions):
    claim = article["claims"][0]
    person = new_source(sessions, "Maria Relayed")
    reuters, unn = (source_named(article, n) for n in ("Reuters", "UNN"))
    url = f"/v1/claims/{claim['id']}"
    assert_problem(client.patch(url, json={"relay": [person, unn]}, headers=headers["analyst"]), 422,
                   "relay hop 1 is source", "(Maria Relayed), a person: a relay lists only outlets")
    assert_problem(client.patch(url, json={"relay": [person, person, person]}, headers=headers["analyst"]), 422,
                   "relay hop 1")
    assert_problem(client.patch(url, json={"relay": [reuters, reuters, unn]}, headers=headers["analyst"]), 422,
                   "relay hops 1 and 2", "Reuters")
    assert client.get(url, headers=headers["reader"]).json()["relay"] == claim["relay"]
    response = client.patch(url, json={"relay": [reuters, unn]}, headers=headers["analyst"])
    assert response.status_code == 200, response.text


def test_unmerge_puts_back_what_the_merge_moved(client, headers, article, sessions):
    helena = source_named(article, "Helena Quist")
    target = new_source(sessions, "H. Quist", next(s["type"] for s in article["sources"] if s["id"] == helena))
    claim = article["claims"][0]
    merged = merge(client, headers, target, helena, note="same envoy")
    assert merged.status_code == 200, merged.text
    assert (merged.json()["action"], merged.json()["duplicate"]["merged_into_id"]) == ("merge", target)
    assert client.get(f"/v1/claims/{claim['id']}", headers=headers["reader"]).json()["speaker"]["id"] == target

    response = merge(client, headers, target, helena, action="unmerge", note="two people")
    assert response.status_code == 200, response.text
    unmerge = response.json()
    assert (unmerge["action"], unmerge["undoes_id"], unmerge["details"]["claims"]) == (
        "unmerge", merged.json()["id"], [claim["id"]])
    assert unmerge["duplicate"]["merged_into_id"] is None and "Helena Quist" not in unmerge["target"]["aliases"]
    restored = client.get(f"/v1/claims/{claim['id']}", headers=headers["reader"]).json()
    assert restored["speaker"]["id"] == helena and restored["relay"] == claim["relay"]

    # the history, in both sources' profiles
    for source_id in (helena, target):
        profile = client.get(f"/v1/sources/{source_id}", headers=headers["reader"]).json()
        assert profile["id"] == source_id
        history = [(h["action"], h["target"]["id"], h["duplicate"]["id"], h["user"], h["note"])
                   for h in profile["history"]]
        assert history == [("merge", target, helena, "test-analyst", "same envoy"),
                           ("unmerge", target, helena, "test-analyst", "two people")]
        assert profile["history"][0]["undone_by_id"] == unmerge["id"]
        assert profile["history"][1]["undoes_id"] == merged.json()["id"]
    assert client.get(f"/v1/sources/{helena}", headers=headers["reader"]).json()["claim_count"] == 1

    assert_problem(merge(client, headers, target, helena, action="unmerge"), 409, "no merge to undo")
    assert_problem(merge(client, headers, 987654, helena, action="unmerge"), 404, "source 987654")
    assert_problem(client.post(f"/v1/sources/{target}/unmerge", json={"duplicate_id": helena},
                               headers=headers["reader"]), 403)
    assert_problem(client.post(f"/v1/sources/{target}/unmerge", json={}, headers=headers["analyst"]), 422,
                   "body.duplicate_id")
