"""Issue 8, "the review UI for a working day", in a real browser (Debian's Chromium through Playwright) on
SQLite and PostgreSQL: reviewing with the mouse, working through the queue with the keyboard across
articles, pasted articles (title, duplicates), speaker colours and markers, the type-ahead, the inbox's
dates, and /docs and /redoc with no network but the service's own."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from app.store import repository
from app.store.models import Article, Claim
from tests.ui.conftest import shoot, sign_in
from tests.ui.ui_helpers import Said, store_article

pytestmark = pytest.mark.model


def _ready(page) -> None:
    page.wait_for_function("window.whosaidReady === true")
    page.evaluate("() => window.whosaidIdle()")


def _status(server, claim_id: int) -> str:
    with server.sessionmaker() as session:
        return session.get_one(Claim, claim_id).review_status


def _path(page) -> str:
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def test_docs_and_redoc_work_with_no_network_but_the_service(page, server):
    """Every request to another host is refused, as on a machine without internet access: both pages
    still render the API (their scripts and styles come from the service itself)."""
    refused = []

    def only_the_service(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_service)
    page.goto(f"{server.url}/docs")
    page.locator(".swagger-ui .info .title", has_text="whosaid").wait_for(timeout=15_000)
    page.locator(".opblock-summary-path", has_text="/v1/articles").first.wait_for(timeout=15_000)
    assert page.locator(".opblock").count() >= 15
    shoot(page, "docs-offline")
    page.goto(f"{server.url}/redoc")
    page.locator("h1", has_text="whosaid").wait_for(timeout=15_000)
    page.get_by_text("Annotate and store an article").first.wait_for(timeout=15_000)
    shoot(page, "redoc-offline")
    assert refused == []


def test_an_analyst_reviews_with_the_mouse(page, server):
    stored = store_article(server.sessionmaker, "the ferry resumed", [Said("Helena Quist"), Said("Paul Ardent"),
                                                                        Said(None)])
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/articles/{stored.article_id}")
    _ready(page)
    assert page.locator("#claims > .claim").count() == 3
    for act in ("accept", "reject", "edit"):
        assert page.locator(f"#claims [data-act={act}]").count() == 3
    first, second, third = stored.claim_ids
    page.click(f"#c{first} [data-act=accept]")
    _ready(page)
    page.click(f"#c{second} [data-act=reject]")
    _ready(page)
    assert (_status(server, first), _status(server, second)) == ("accepted", "rejected")
    assert "status-accepted" in page.locator(f"#c{first}").get_attribute("class")
    # the card that came back after the decision still has its buttons
    assert page.locator(f"#c{first} [data-act=reject]").count() == 1
    page.click(f"#c{third} [data-act=edit]")
    page.locator("#editor[open]").wait_for()
    assert page.locator("#editor-h").text_content() == "Edit claim #3"
    shoot(page, "mouse-review")


def test_keys_work_through_the_queue_across_articles(page, server):
    older = store_article(server.sessionmaker, "the queue begins", [Said("Helena Quist"), Said("Paul Ardent")],
                          status={0: "accept"})
    middle = store_article(server.sessionmaker, "the queue pauses", [Said("Paul Ardent")], status={0: "accept"})
    newer = store_article(server.sessionmaker, "the queue moves", [Said("Helena Quist"), Said("Paul Ardent")])
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/articles/{newer.article_id}")
    _ready(page)
    page.locator("#text").click(position={"x": 5, "y": 5})

    # ] and [: the next and previous article, in the inbox's order (newest first)
    with page.expect_navigation():
        page.keyboard.press("]")
    assert urlsplit(page.url).path == f"/ui/articles/{middle.article_id}"
    _ready(page)
    with page.expect_navigation():
        page.keyboard.press("[")
    assert urlsplit(page.url).path == f"/ui/articles/{newer.article_id}"
    _ready(page)

    # a and then .: the first claim accepted, the second one current; . past the last unreviewed claim
    # here goes down the inbox, past the reviewed article, to the older one's unreviewed claim
    page.keyboard.press("a")
    _ready(page)
    assert _status(server, newer.claim_ids[0]) == "accepted"
    assert page.locator(".claim.current").get_attribute("data-id") == str(newer.claim_ids[1])
    page.keyboard.press("k")
    page.keyboard.press(".")
    _ready(page)
    assert page.locator(".claim.current").get_attribute("data-id") == str(newer.claim_ids[1])
    page.keyboard.press("a")
    _ready(page)
    with page.expect_navigation():
        page.keyboard.press(".")
    _ready(page)
    assert _path(page) == f"/ui/articles/{older.article_id}#c{older.claim_ids[1]}"
    assert page.locator(".claim.current").get_attribute("data-id") == str(older.claim_ids[1])
    page.keyboard.press("r")
    _ready(page)
    assert _status(server, older.claim_ids[1]) == "rejected"
    # the help lists the new keys
    page.keyboard.press("?")
    help_text = " ".join(page.locator("#help").text_content().split())
    assert "next unreviewed claim" in help_text and "next / previous article" in help_text


def test_a_pasted_article_is_titled_and_a_second_paste_opens_it(page, server):
    sign_in(page, server, "analyst")
    text = "Harbour bridge to reopen in May\n\nThe mayor said on Tuesday that the harbour bridge would reopen in May."
    page.fill("#text", text)
    page.fill("input[name=publisher]", "Springfield Daily")
    page.click("text=Annotate and store")
    page.wait_for_url(re.compile(r".*/ui/articles/\d+(#c\d+)?$"), timeout=60_000)
    _ready(page)
    article_id = int(re.search(r"/ui/articles/(\d+)", page.url).group(1))
    assert page.locator("h1").text_content() == "Harbour bridge to reopen in May"
    assert page.locator("#existing").count() == 0
    with server.sessionmaker() as session:
        stored = session.get_one(Article, article_id)
        assert (stored.title, stored.text) == ("Harbour bridge to reopen in May", text)
        count = session.scalar(select(func.count()).select_from(Article))
    page.goto(f"{server.url}/ui/")
    assert "Harbour bridge to reopen in May" in page.locator("table.articles").text_content()
    page.fill("#text", text)
    page.fill("input[name=publisher]", "Springfield Daily")
    page.click("text=Annotate and store")
    page.wait_for_url(re.compile(rf".*/ui/articles/{article_id}\?existing=true(#c\d+)?$"), timeout=60_000)
    assert "stored already" in page.locator("#existing").text_content()
    shoot(page, "duplicate-paste")
    with server.sessionmaker() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == count


def test_sixteen_speakers_have_sixteen_colours_and_markers(page, server):
    names = [f"Speaker {chr(ord('A') + i)} Quimby" for i in range(16)]
    stored = store_article(server.sessionmaker, "the colours hold", [Said(name) for name in names])
    sign_in(page, server, "reader")
    page.goto(f"{server.url}/ui/articles/{stored.article_id}")
    _ready(page)

    def looks() -> dict[int, tuple[str, str, str]]:
        """Claim id -> (highlight colour, underline colour, marker) of its first segment."""
        return page.evaluate("""(ids) => Object.fromEntries(ids.map((id) => {
            const seg = document.getElementById(`t${id}`);
            const style = getComputedStyle(seg);
            return [id, [style.backgroundColor, style.borderBottomColor,
                         getComputedStyle(seg, '::before').content]]; }))""", stored.claim_ids)

    before = {int(k): tuple(v) for k, v in looks().items()}
    assert len({bg for bg, _, _ in before.values()}) == 16
    assert len({line for _, line, _ in before.values()}) == 16
    markers = [marker.strip('"') for _, _, marker in before.values()]
    assert sorted(markers, key=int) == [str(n) for n in range(1, 17)]
    # the legend and the cards carry the same marker numbers as the text
    legend = page.locator(".legend li").all_text_contents()
    assert sorted(re.match(r"\s*(\d+)", item).group(1) for item in legend) == sorted(markers)
    for claim_id, (_, _, marker) in before.items():
        assert page.locator(f"#c{claim_id} .swatch").text_content().strip() == marker.strip('"')
    shoot(page, "sixteen-speakers")

    # an edit of one claim moves no other speaker's colour
    with server.sessionmaker() as session:
        analyst = repository.get_user_by_name("ui-analyst", session=session)
        other = repository.create_source(session, name="Zed Newcomer Quimby", type="person", user=analyst)
        repository.correct_claim(session=session, claim_id=stored.claim_ids[3], user_id=analyst.id,
                                 speaker_id=other.id)
        session.commit()
    page.reload()
    _ready(page)
    after = {int(k): tuple(v) for k, v in looks().items()}
    assert "Zed Newcomer Quimby" in page.locator(f"#c{stored.claim_ids[3]} .speaker").text_content()
    assert all(after[c] == before[c] for c in stored.claim_ids if c != stored.claim_ids[3])

    # and a speaker has its colour in another article too
    again = store_article(server.sessionmaker, "the colours travel", [Said(names[5]), Said(names[0])])
    page.goto(f"{server.url}/ui/articles/{again.article_id}")
    _ready(page)
    colour = page.evaluate("(id) => getComputedStyle(document.getElementById(`t${id}`)).backgroundColor",
                           again.claim_ids[0])
    assert colour == before[stored.claim_ids[5]][0]


def test_the_speaker_list_opens_below_its_input(page, server):
    stored = store_article(server.sessionmaker, "the list stays below", [Said("Helena Quist"), Said("Paul Ardent")])
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/articles/{stored.article_id}")
    _ready(page)
    page.locator("#text").click(position={"x": 5, "y": 5})
    page.keyboard.press("e")
    page.locator("#editor[open]").wait_for()
    for field, listbox, typed in (("#ed-speaker", "#ed-speaker-list", "Quist"), ("#ed-relay", "#ed-relay-list", "Ax")):
        page.locator(field).press_sequentially(typed, delay=30)
        page.locator(f"{listbox} li").first.wait_for()
        box, options = page.locator(field).bounding_box(), page.locator(listbox).bounding_box()
        assert options["y"] >= box["y"] + box["height"] - 1, (field, box, options)
        # what is typed stays visible: the input's middle is the input, not the list
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).id",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit == field[1:]
        page.keyboard.press("Escape")
    shoot(page, "typeahead")
    # the merge form's type-ahead on a source profile
    page.goto(f"{server.url}/ui/sources/{stored.source_ids['Helena Quist']}")
    page.locator("#merge-q").press_sequentially("Ardent", delay=30)
    page.locator("#merge-list li").first.wait_for()
    box, options = page.locator("#merge-q").bounding_box(), page.locator("#merge-list").bounding_box()
    assert options["y"] >= box["y"] + box["height"] - 1


def test_inbox_dates_stay_on_one_line(page, server):
    store_article(server.sessionmaker, "a headline long enough to take the whole width of the inbox's first "
                  "column, as wire headlines do when they name every party, place and figure in the story",
                  [Said("Helena Quist")], publisher="The International Herald of Long Publisher Names")
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(page, server, "reader")
    lines = page.evaluate("""() => [...document.querySelectorAll('table.articles tbody td:nth-child(3)')].map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; })""")
    assert lines and set(lines) == {1}, lines
    shoot(page, "inbox-dates")


def test_a_claim_card_says_why_the_engine_attributed_it(page, server, nlp):
    """The engine's trace is stored with each claim and shown, folded, on its card."""
    from app.services.ingest import ingest_article

    with server.sessionmaker() as session:
        result = ingest_article(session, "Kirill Dmitriev told Axios that the plan was ready.", publisher="UNN",
                                nlp=nlp)
        article_id = result.article.id
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/articles/{article_id}")
    _ready(page)
    why = page.locator("#claims > .claim .why").first
    assert why.locator("li").count() == 0 or not why.locator("li").first.is_visible()
    why.locator("summary").click()
    steps = why.locator("li").all_text_contents()
    assert any(step.startswith("speaker") for step in steps) and any("Axios" in step for step in steps)
    shoot(page, "claim-why")
