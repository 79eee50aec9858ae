"""/v1/stories and /v1/sources/suggestions: listing with filters, one story, JSON-LD, split and merge, the
story on each claim, merge suggestions."""
from __future__ import annotations

import pytest
from api_helpers import assert_problem

from app.core.db import make_engine, make_sessionmaker
from app.services.ingest import store_annotation
from tests.store.conftest import build_annotation
from tests.store.test_stories import ARTICLES


@pytest.fixture(scope="module")
def stored(database_url, client):
    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session:
            for name in ARTICLES:
                store_annotation(session, build_annotation(**ARTICLES[name]), pipeline_version="test")
            session.commit()
    finally:
        engine.dispose()


def test_list_and_filter_stories(client, headers, stored):
    r = client.get("/v1/stories", headers=headers["reader"])
    assert r.status_code == 200, r.text
    assert [(s["articles"], s["outlets"]) for s in r.json()] == [(3, 3), (2, 2)]
    r = client.get("/v1/stories", params={"speaker": "zelensk"}, headers=headers["reader"])
    assert [s["articles"] for s in r.json()] == [2]
    r = client.get("/v1/stories", params={"outlet": "Axios", "published_from": "2025-11-01"},
                   headers=headers["reader"])
    assert [s["articles"] for s in r.json()] == [3]
    assert client.get("/v1/stories", params={"q": "nothing like this"}, headers=headers["reader"]).json() == []
    assert_problem(client.get("/v1/stories", params={"published_from": "2025-12-01", "published_to": "2025-11-01"},
                              headers=headers["reader"]), 422, "published_from")
    assert_problem(client.get("/v1/stories", params={"sort": "sideways"}, headers=headers["reader"]), 422)
    assert client.get("/v1/stories").status_code == 401


def test_one_story(client, headers, stored):
    story_id = client.get("/v1/stories", headers=headers["reader"]).json()[0]["id"]
    r = client.get(f"/v1/stories/{story_id}", headers=headers["reader"])
    assert r.status_code == 200, r.text
    story = r.json()
    assert story["first_appearance"]["publisher"] == "Newser"
    assert story["origin"] == {"outlet": "Axios", "appearances": 3}
    assert {sp["name"] for sp in story["speakers"]} == {"Dmitriyev", "Kirill Dmitriev", "Dmitriev"}
    assert {(e["source"], e["target"]) for e in story["propagation"]} == {
        ("Axios", "Newser"), ("Axios", "UNN"), ("Axios", "Reuters"), ("Reuters", "Mashaher")}
    flags = {f["kind"] for c in story["changes"] for f in c["flags"]}
    assert "number" in flags
    assert_problem(client.get("/v1/stories/999999", headers=headers["reader"]), 404, "story 999999")
    assert_problem(client.get("/v1/stories/0", headers=headers["reader"]), 422)


def test_story_jsonld(client, headers, stored):
    story_id = client.get("/v1/stories", headers=headers["reader"]).json()[0]["id"]
    r = client.get(f"/v1/stories/{story_id}/jsonld", headers=headers["reader"])
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    doc = r.json()
    assert doc["@type"] == "Claim" and doc["firstAppearance"]["publisher"]["name"] == "Newser"
    assert doc["author"]["@type"] == "Person"
    assert len(doc["appearance"]) == 3
    mashaher = next(a for a in doc["appearance"] if a["publisher"]["name"] == "Mashaher")
    via = mashaher["prov:wasDerivedFrom"]
    assert via["prov:wasAttributedTo"]["name"] == "Reuters"
    assert via["prov:wasDerivedFrom"]["prov:wasAttributedTo"]["name"] == "Axios"


def test_claims_carry_their_story(client, headers, stored):
    story = client.get("/v1/stories", headers=headers["reader"]).json()[0]
    claims = client.get("/v1/claims", params={"q": "Witkoff"}, headers=headers["reader"]).json()["items"]
    assert {c["story_id"] for c in claims} == {story["id"]}
    assert {c["also_reported_by"] for c in claims} == {2}
    one = client.get(f"/v1/claims/{claims[0]['id']}", headers=headers["reader"]).json()
    assert one["story_id"] == story["id"]


def test_split_and_merge(client, headers, stored):
    story = client.get("/v1/stories", params={"speaker": "zelensk"}, headers=headers["reader"]).json()[0]
    detail = client.get(f"/v1/stories/{story['id']}", headers=headers["reader"]).json()
    moved = max(m["claim_id"] for m in detail["members"])
    assert client.post(f"/v1/stories/{story['id']}/split", json={"claim_ids": [moved]},
                       headers=headers["reader"]).status_code == 403
    r = client.post(f"/v1/stories/{story['id']}/split", json={"claim_ids": [moved], "note": "two remarks"},
                    headers=headers["analyst"])
    assert r.status_code == 200, r.text
    assert r.json() == {"story_id": story["id"], "new_story_id": moved}
    assert client.get("/v1/stories", params={"speaker": "zelensk"}, headers=headers["reader"]).json() == []
    assert_problem(client.post(f"/v1/stories/{story['id']}/split", json={"claim_ids": [story["id"]]},
                               headers=headers["analyst"]), 422, "at least one claim")
    r = client.post(f"/v1/stories/{story['id']}/merge", json={"other_id": moved}, headers=headers["analyst"])
    assert r.status_code == 200 and r.json() == {"story_id": story["id"]}
    assert [s["id"] for s in client.get("/v1/stories", params={"speaker": "zelensk"},
                                        headers=headers["reader"]).json()] == [story["id"]]
    assert_problem(client.post(f"/v1/stories/{story['id']}/merge", json={"other_id": 999999},
                               headers=headers["analyst"]), 404, "999999")


def test_source_suggestions(client, headers, stored):
    r = client.get("/v1/sources/suggestions", headers=headers["reader"])
    assert r.status_code == 200, r.text
    pairs = {frozenset((s["target"], s["duplicate"])): s for s in r.json()}
    zelensky = pairs[frozenset({"Volodymyr Zelenskyy", "Zelensky"})]
    assert "surname spelled 'Zelenskyy' and 'Zelensky'" in " ".join(zelensky["reasons"])
    only = client.get("/v1/sources/suggestions", params={"source_id": zelensky["target_id"]},
                      headers=headers["reader"]).json()
    assert only and all(zelensky["target_id"] in (s["target_id"], s["duplicate_id"]) for s in only)
    merged = client.post(f"/v1/sources/{zelensky['target_id']}/merge", json={"duplicate_id": zelensky["duplicate_id"]},
                         headers=headers["analyst"])
    assert merged.status_code == 200, merged.text
    after = {frozenset((s["target"], s["duplicate"])) for s in
             client.get("/v1/sources/suggestions", headers=headers["reader"]).json()}
    assert frozenset({"Volodymyr Zelenskyy", "Zelensky"}) not in after


def test_one_story_groups_anonymous_speakers_of_compatible_descriptions(database_url, client, headers, stored):
    """Anonymous sources stay one per article; the story shows one speaker for 'a Ukrainian official' and
    'a senior Ukrainian official' quoting one remark, with both descriptions."""
    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session:
            for publisher, description in (("Ukrinform", "A Ukrainian official"),
                                           ("Hromadske", "A senior Ukrainian official")):
                text = f"{description} said the dam near Kherson was shelled twice before dawn."
                store_annotation(session, build_annotation(
                    text, publisher=publisher,
                    sources={"s1": {"name": description.removeprefix("A "), "type": "anonymous",
                                    "mentions": [description]}, "s2": {"name": publisher, "type": "outlet"}},
                    claims=[{"text": "the dam near Kherson was shelled twice before dawn",
                             "speaker": ("s1", description), "cue": "said", "relay": ["s2"]}]),
                    pipeline_version="test")
            session.commit()
    finally:
        engine.dispose()
    [summary] = client.get("/v1/stories", params={"q": "Kherson"}, headers=headers["reader"]).json()
    story = client.get(f"/v1/stories/{summary['id']}", headers=headers["reader"]).json()
    [speaker] = story["speakers"]
    assert (speaker["name"], speaker["type"], speaker["articles"], len(speaker["source_ids"])) == \
        ("Ukrainian official", "anonymous", 2, 2)
    assert speaker["descriptions"] == ["Ukrainian official", "senior Ukrainian official"]
