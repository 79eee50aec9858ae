"""Issue 8, the UI's defects, through the TestClient on SQLite and PostgreSQL: the inbox's filters, a
boundary correction, ids out of range on every route, and the ingest form checked as the API checks
its requests (one validation path)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.schemas.api import MAX_ID
from app.store import repository
from app.store.models import Article, Claim
from tests.engine_helpers import hold_the_engine
from tests.ui.ui_helpers import Said, inbox_ids, store_article

pytestmark = pytest.mark.model  # the app holds the session's spaCy pipeline
BIG = "99999999999999999999"  # past 2^63: SQLite's driver cannot even bind it


# --- 3. the inbox's filters -------------------------------------------------------------------------------

def test_inbox_filters_answer_and_filter(ui, sessionmaker):
    reviewed = store_article(sessionmaker, "the bridge reopened", [Said("Helena Quist"), Said("Helena Quist")],
                             status={0: "accept", 1: "reject"})
    low = store_article(sessionmaker, "the dam leaked", [Said("Kirill Dmitriev", confidence=0.4),
                                                          Said("Helena Quist")], status={1: "accept"})
    high = store_article(sessionmaker, "the port closed", [Said("Oksana Dmitrenko", confidence=0.95)])
    low_but_reviewed = store_article(sessionmaker, "the mine flooded", [Said("Paul Ardent", confidence=0.3)],
                                     status={0: "accept"})
    client = ui("reader")
    mine = {reviewed.article_id, low.article_id, high.article_id, low_but_reviewed.article_id}

    def listed(query: str) -> set[int]:
        response = client.get(f"/ui/?{query}")
        assert response.status_code == 200, response.text
        return set(inbox_ids(response.text)) & mine

    assert listed("") == mine
    assert listed("unreviewed=1") == {low.article_id, high.article_id}
    assert listed("low=1") == {low.article_id}  # an unreviewed claim below the threshold
    assert listed("speaker=Dmitr") == {low.article_id, high.article_id}  # part of a name, any case
    assert listed("speaker=helena+quist") == {reviewed.article_id, low.article_id}
    assert listed("speaker=nobody-at-all") == set()
    assert listed("unreviewed=true&low=true&speaker=kirill&publisher=Test+Wire") == {low.article_id}
    assert listed("unreviewed=1&speaker=Quist") == {low.article_id}


# --- 4. a boundary correction -----------------------------------------------------------------------------

def test_boundary_correction_in_the_ui(ui, sessionmaker):
    stored = store_article(sessionmaker, "the grain deal stalled", [Said("Helena Quist"), Said("Paul Ardent")])
    claim_id = stored.claim_ids[0]
    with sessionmaker() as session:
        text = session.get_one(Article, stored.article_id).text
    start = text.index("the grain deal stalled")
    end = start + len("the grain deal stalled")
    client = ui("analyst")
    response = client.post_json(f"/ui/claims/{claim_id}/correct",
                                {"start": start, "end": end, "selected": text[start:end]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reload"] is True and body["status"] == "corrected" and f'data-end="{end}"' in body["html"]
    with sessionmaker() as session:
        claim = repository.get_claim(claim_id, session=session)
        assert (claim.start, claim.end, claim.text) == (start, end, "the grain deal stalled")
        last = repository.claim_history(claim_id, session=session)[-1]
        assert last.action == "correct" and (last.after["start"], last.after["end"]) == (start, end)

    # what the browser selected must be the text at those offsets, inside the article
    wrong = client.post_json(f"/ui/claims/{claim_id}/correct", {"start": start + 4, "end": end, "selected": "other"})
    assert wrong.status_code == 422 and "does not match" in wrong.json()["detail"]
    outside = client.post_json(f"/ui/claims/{claim_id}/correct", {"start": 0, "end": len(text) + 5})
    assert outside.status_code == 422 and "not inside" in outside.json()["detail"]
    # and a claim added from a selection, to an article that does not exist, is 404, not 500
    missing = client.post_json(f"/ui/articles/{MAX_ID}/claims", {"start": 0, "end": 3, "selected": "abc"})
    assert missing.status_code == 404 and "does not exist" in missing.json()["detail"]


# --- 7. ids out of range ----------------------------------------------------------------------------------

PAGES = ["/ui/articles/{id}", "/ui/sources/{id}", "/ui/outlets?edge_from={id}&edge_to=UNN",
         "/ui/next-unreviewed?article={id}"]
JSON_CALLS = [("/ui/claims/{id}/review", {"action": "accept"}), ("/ui/claims/{id}/correct", {"kind": "direct"}),
              ("/ui/reviews/{id}/undo", {}), ("/ui/articles/{id}/claims", {"start": 0, "end": 1, "selected": "x"})]
API_READS = ["/v1/articles/{id}", "/v1/claims/{id}", "/v1/claims/{id}/history", "/v1/sources/{id}"]


@pytest.mark.parametrize("bad", [BIG, str(MAX_ID + 1), "0", "-1"])
@pytest.mark.parametrize("path", PAGES)
def test_a_page_with_an_id_out_of_range_says_so(ui, path, bad):
    response = ui("analyst").get(path.format(id=bad), follow_redirects=False)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "ids are whole numbers from 1 to 2,147,483,647" in response.text
    assert 'class="error"' in response.text and "Back to the inbox" in response.text


@pytest.mark.parametrize("bad", [BIG, str(MAX_ID + 1), "0"])
@pytest.mark.parametrize(("path", "body"), JSON_CALLS)
def test_a_change_with_an_id_out_of_range_is_422(ui, path, body, bad):
    response = ui("analyst").post_json(path.format(id=bad), body)
    assert response.status_code == 422, response.text
    assert "less than or equal" in response.text or "greater than or equal" in response.text


@pytest.mark.parametrize("path", API_READS)
def test_the_api_refuses_the_same_ids(client_api, api_headers, path):
    response = client_api.get(path.format(id=BIG), headers=api_headers)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(("path", "body"), [
    ("/ui/claims/{claim}/correct", {"set_speaker": True, "speaker_id": int(BIG)}),
    ("/ui/claims/{claim}/correct", {"relay": [int(BIG)]}),
    ("/ui/claims/{claim}/correct", {"start": int(BIG), "end": int(BIG) + 1}),
    ("/ui/articles/{article}/claims", {"start": 0, "end": 6, "selected": "Helena", "speaker_id": int(BIG)}),
    ("/ui/articles/{article}/claims", {"start": 0, "end": 6, "selected": "Helena", "relay": [2**63]}),
    ("/ui/sources", {"name": "an official", "type": "anonymous", "article_id": int(BIG)}),
])
def test_ids_in_a_body_out_of_range_are_422(ui, sessionmaker, path, body):
    stored = store_article(sessionmaker, "the ids in bodies hold", [Said("Helena Quist")])
    target = path.format(claim=stored.claim_ids[0], article=stored.article_id)
    response = ui("analyst").post_json(target, body)
    assert response.status_code == 422, response.text


def test_merge_form_with_an_id_out_of_range(ui, sessionmaker):
    stored = store_article(sessionmaker, "the merge form holds", [Said("Helena Quist")])
    client = ui("analyst")
    source_id = stored.source_ids["Helena Quist"]
    response = client.post(f"/ui/sources/{source_id}/merge", data={"duplicate_id": BIG, "csrf_token": client.csrf},
                           headers={"Accept": "text/html"})
    assert response.status_code == 422 and "There is no duplicate" in response.text
    response = client.post(f"/ui/sources/{BIG}/merge", data={"duplicate_id": "1", "csrf_token": client.csrf},
                           headers={"Accept": "text/html"})
    assert response.status_code == 422 and "ids are whole numbers" in response.text


def test_an_id_in_range_that_does_not_exist_is_404(ui):
    client = ui("reader")
    for path in (f"/ui/articles/{MAX_ID}", f"/ui/sources/{MAX_ID}"):
        response = client.get(path)
        assert response.status_code == 404 and "does not exist" in response.text
    response = client.get("/ui/no-such-page")
    assert response.status_code == 404 and "There is no page at /ui/no-such-page" in response.text


# --- 10. the ingest form checks what the API checks -------------------------------------------------------

def _article_count(sessionmaker) -> int:
    with sessionmaker() as session:
        return session.scalar(select(func.count()).select_from(Article))


def _paste(client, text: str, **fields):
    data = {"csrf_token": client.csrf, "text": text, **fields}
    return client.post("/ui/articles", data=data, files={"file": ("", b"", "application/octet-stream")},
                       headers={"Accept": "text/html"}, follow_redirects=False)


@pytest.mark.parametrize(("text", "status", "words"), [
    ("The minister said\x00 that the talks failed.", 422, "NUL character"),
    ("\u200b", 422, "text is empty"),
    ("\ufeff \u200b\u200d\n\u2060", 422, "text is empty"),
])
def test_pasted_text_is_checked_as_the_api_checks_it(ui, client_api, api_headers, sessionmaker, text, status, words):
    before = _article_count(sessionmaker)
    client = ui("analyst")
    response = _paste(client, text)
    assert response.status_code == status, response.text
    assert words in response.text and 'class="error"' in response.text
    api = client_api.post("/v1/articles", json={"text": text}, headers=api_headers)
    assert api.status_code == status and words in api.json()["detail"]
    assert _article_count(sessionmaker) == before


def test_an_uploaded_file_is_checked_too(ui, sessionmaker):
    before = _article_count(sessionmaker)
    client = ui("analyst")
    for content, words in ((b"\xe2\x80\x8b\n", "text is empty"), (b"Officials said\x00 no.", "NUL character")):
        response = client.post("/ui/articles", data={"csrf_token": client.csrf},
                               files={"file": ("paste.txt", content, "text/plain")}, headers={"Accept": "text/html"})
        assert response.status_code == 422 and words in response.text
    response = client.post("/ui/articles", data={"csrf_token": client.csrf, "published": "2025-02-30"},
                           files={"file": ("a.txt", b"Officials said the talks failed.", "text/plain")})
    assert response.status_code == 422 and "published" in response.text
    assert _article_count(sessionmaker) == before


def test_a_paste_over_1_mb_reaches_the_api_checks(ui, sessionmaker):
    """Starlette stops a form field at 1 MB by default ("Field exceeded maximum size of 1024KB"); the API
    takes WHOSAID_MAX_TEXT_CHARS (2,000,000) characters. A 1.5 MB paste must be judged on what it says (here
    its NUL character, as the API would), and one over the limit gets the API's 413."""
    client = ui("analyst")
    response = _paste(client, "Officials said the talks failed. " * 45_000 + "\x00")
    assert response.status_code == 422, response.text[:300]
    assert "NUL character" in response.text and "1024KB" not in response.text
    response = _paste(client, "x" * 2_000_001)
    assert response.status_code == 413, response.text[:300]
    assert "the limit is 2,000,000 (setting WHOSAID_MAX_TEXT_CHARS)" in response.text
    # past what 2,000,000 characters can take (4 bytes each) the form is not read: still the reason, not
    # a complaint about a CSRF token that was never read
    response = _paste(client, "x" * 8_100_000)
    assert response.status_code == 413, response.text[:300]
    assert "a pasted text may have up to 2,000,000 characters" in response.text
    assert "CSRF" not in response.text


def test_a_paste_over_1_mb_is_ingested_whole(ui, monkeypatch):
    """The whole 1.5 MB text reaches the ingest the API uses (app.api.routes.articles.store_article, here
    recorded instead of run: annotating 1.5 MB takes a minute)."""
    from app.ui import routes

    seen = []

    def record(body, **kwargs):
        seen.append(body)
        raise routes.ApiProblem(418, "recorded")

    monkeypatch.setattr(routes, "store_article", record)
    text = "Officials said the talks failed.\n" * 45_000
    client = ui("analyst")
    response = _paste(client, text.replace("\n", "\r\n"), publisher="UNN", published="2025-11-19")
    assert response.status_code == 418 and "recorded" in response.text
    [body] = seen
    assert body.text == text and len(body.text.encode()) > 1_400_000
    assert (body.publisher, str(body.published)) == ("UNN", "2025-11-19")


# --- pasted articles: a title, and a duplicate says so ----------------------------------------------------

def test_a_pasted_article_gets_its_headline_as_title_and_a_duplicate_says_so(ui, sessionmaker):
    client = ui("analyst")
    # a browser sends a textarea's line breaks as CRLF
    text = "Ministers split over grain corridor\r\n\r\nThe minister said that the corridor would close in May."
    response = _paste(client, text, publisher="Test Daily")
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert re.fullmatch(r"/ui/articles/\d+", location)
    page = client.get(location)
    assert "<h1>Ministers split over grain corridor</h1>" in page.text
    assert "stored already" not in page.text
    article_id = int(location.rsplit("/", 1)[1])
    with sessionmaker() as session:
        article = session.get_one(Article, article_id)
        assert article.title == "Ministers split over grain corridor"
        assert "\r" not in article.text
    again = _paste(client, text, publisher="Test Daily")
    assert again.status_code == 303 and again.headers["location"] == f"{location}?existing=true"
    page = client.get(again.headers["location"])
    assert "This article was stored already" in page.text and "this is the existing one" in page.text


# --- review buttons, badges, source profiles ---------------------------------------------------------------

def test_every_card_has_its_buttons_for_an_analyst_only(ui, sessionmaker):
    stored = store_article(sessionmaker, "the buttons show", [Said("Helena Quist"), Said(None), Said("Paul Ardent")])
    page = ui("analyst").get(f"/ui/articles/{stored.article_id}").text
    for act in ("accept", "reject", "edit"):
        assert page.count(f'data-act="{act}"') == 3
    page = ui("reader").get(f"/ui/articles/{stored.article_id}").text
    assert 'data-act="accept"' not in page
    # the card sent back after a decision keeps them
    response = ui("analyst").post_json(f"/ui/claims/{stored.claim_ids[0]}/review", {"action": "accept"})
    assert response.status_code == 200 and response.json()["html"].count("data-act=") == 3


@pytest.mark.parametrize(("kind", "anonymous", "badge"), [
    ("person", False, "person"), ("organization", False, "organization"), ("outlet", False, "outlet"),
    ("document", False, "document"), ("unknown", False, "unknown"), ("anonymous", True, "anonymous")])
def test_the_badge_shows_the_type_of_source(ui, sessionmaker, kind, anonymous, badge):
    name = {"anonymous": "a senior official"}.get(kind, f"The {kind.title()} Source")
    stored = store_article(sessionmaker, f"the {kind} badge shows", [Said(name, type=kind, anonymous=anonymous)])
    page = ui("reader").get(f"/ui/articles/{stored.article_id}").text
    assert re.search(rf'<span class="badge badge-{badge}"[^>]*>{badge}</span>', page)
    assert "badge-named" not in page and ">named<" not in page


def test_a_source_profile_names_the_article_of_every_claim(ui, sessionmaker):
    first = store_article(sessionmaker, "the first profile claim", [Said("Marta Velasquez")])
    second = store_article(sessionmaker, "the second profile claim", [Said("Marta Velasquez")], publisher="Other")
    page = ui("reader").get(f"/ui/sources/{first.source_ids['Marta Velasquez']}").text
    for stored, title in ((first, "the first profile claim"), (second, "the second profile claim")):
        assert re.search(rf'in <a class="article" href="/ui/articles/{stored.article_id}">{title}</a>', page)


# --- `/` and the next unreviewed claim ----------------------------------------------------------------------

def test_the_root_leads_to_the_review_ui(ui):
    client = ui("reader")
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 303, 307) and response.headers["location"] == "/ui/"
    assert client.get("/").status_code == 200


def test_next_unreviewed_goes_across_articles_and_says_when_none_is_left(ui, sessionmaker):
    older = store_article(sessionmaker, "the queue starts", [Said("Helena Quist"), Said("Paul Ardent")],
                          status={0: "accept"})
    middle = store_article(sessionmaker, "the queue is reviewed", [Said("Paul Ardent")], status={0: "reject"})
    newer = store_article(sessionmaker, "the queue goes on", [Said("Helena Quist"), Said("Paul Ardent")])
    client = ui("analyst")

    def goes(query: str) -> str:
        response = client.get(f"/ui/next-unreviewed{query}", follow_redirects=False)
        assert response.status_code == 303
        return response.headers["location"]

    # after the newer article's first claim: its second one; after its last: down the inbox, past the
    # reviewed one, to the older article's unreviewed claim
    assert goes(f"?article={newer.article_id}&after=1") == f"/ui/articles/{newer.article_id}#c{newer.claim_ids[1]}"
    assert goes(f"?article={newer.article_id}&after=2") == f"/ui/articles/{older.article_id}#c{older.claim_ids[1]}"
    assert goes(f"?article={middle.article_id}&after=1") == f"/ui/articles/{older.article_id}#c{older.claim_ids[1]}"
    with sessionmaker() as session:
        for claim_id in session.scalars(select(Claim.id).where(Claim.review_status == "unreviewed")):
            repository.review_claim(session=session, claim_id=claim_id,
                                    user_id=repository.get_user_by_name("ui-analyst", session=session).id,
                                    action="accept")
        session.commit()
    assert goes(f"?article={newer.article_id}&after=0") == "/ui/?all_reviewed=true"
    assert "Every claim has been reviewed" in client.get("/ui/?all_reviewed=true").text


def test_a_paste_while_the_engine_is_busy_says_so_and_stores_nothing(ui, app, sessionmaker):
    """The ingest form shares POST /v1/articles' path: the engine's own workers, 503 when they are busy."""
    before = _article_count(sessionmaker)
    client = ui("analyst")
    release, threads = hold_the_engine(app)
    try:
        response = _paste(client, "The harbour master said the ferry would sail at noon.")
        assert response.status_code == 503, response.text[:300]
        assert "busy" in response.text and 'class="error"' in response.text
        assert _article_count(sessionmaker) == before
    finally:
        release.set()
        for thread in threads:
            thread.join()
    assert _paste(client, "The harbour master said the ferry would sail at noon.").status_code == 303
    assert _article_count(sessionmaker) == before + 1
