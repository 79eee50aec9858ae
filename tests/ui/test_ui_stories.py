"""Issue 10's pages in a real browser (Debian's Chromium through Playwright), on SQLite and PostgreSQL: the
Stories page, a story (timeline, propagation graph from the origin, wordings side by side with flagged
changes, split), "also reported by N" on claim cards, merge suggestions on the source page (the `m` key)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.services.ingest import store_annotation
from app.store.models import Claim, Source
from app.stories.models import StoryMember, StoryReview
from tests.store.conftest import build_annotation
from tests.store.test_stories import ARTICLES
from tests.ui.conftest import shoot, sign_in

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def stored(server):
    with server.sessionmaker() as session:
        ids = {}
        for name, spec in ARTICLES.items():
            ids[name] = store_annotation(session, build_annotation(**spec), pipeline_version="test").article.id
        session.commit()
    return ids


def _story_of(server, article_id: int, position: int = 1) -> int:
    with server.sessionmaker() as session:
        return session.scalar(select(StoryMember.story_id).join(Claim, Claim.id == StoryMember.claim_id)
                              .where(Claim.article_id == article_id, Claim.position == position))


def test_stories_page_lists_and_searches(page, server, stored):
    sign_in(page, server, "reader")
    page.click("nav >> text=Stories")
    rows = page.locator(".stories-table tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("td.num").nth(0).inner_text() == "3"
    # regression: the wording's cell once took the article page's `.text` pane style (a full-height box)
    assert rows.nth(0).bounding_box()["height"] < 80
    shoot(page, "stories")
    page.fill("input[name=q]", "eastern front")
    page.click("form.filters button[type=submit]")
    assert page.locator(".stories-table tbody tr").count() == 1
    assert "Zelensk" in page.locator(".stories-table tbody tr td").nth(1).inner_text()


def test_story_page_shows_origin_timeline_graph_and_flagged_changes(page, server, stored):
    story_id = _story_of(server, stored["unn"])
    sign_in(page, server, "reader")
    page.goto(f"{server.url}/ui/stories/{story_id}")
    assert "Newser" in page.locator("#first-appearance").inner_text()
    assert page.locator("#origin").inner_text().startswith("Axios")
    assert "Kirill Dmitriev" in page.locator("#speakers").inner_text()
    assert page.locator("#timeline circle.dot").count() == 3
    assert page.locator("#timeline circle.dot.first").count() == 1
    nodes = page.locator("#propagation circle.node")
    assert nodes.count() == 5  # Axios, Newser, UNN, Reuters, Mashaher
    assert page.locator("#propagation circle.node.origin").count() == 1
    mashaher = page.locator("tr", has_text="Mashaher").filter(has=page.locator("td.outlet"))
    assert "number changed" in mashaher.locator(".flag").first.inner_text()
    assert "two" in " ".join(i.inner_text() for i in mashaher.locator("ins").all()).split()
    assert "three" in " ".join(d.inner_text() for d in mashaher.locator("del").all()).split()
    assert page.locator("#split-submit").count() == 0  # a reader cannot split
    shoot(page, "story", full_page=True)


def test_claim_card_links_to_its_story(page, server, stored):
    sign_in(page, server, "reader")
    page.goto(f"{server.url}/ui/articles/{stored['unn']}")
    link = page.locator("li.claim a.also").first
    assert link.inner_text() == "also reported by 2 outlets"
    assert page.locator("li.claim a.also").count() == 1  # the mayor's claim is in no story
    link.click()
    page.wait_for_url(f"**/ui/stories/{_story_of(server, stored['unn'])}")
    shoot(page, "claim-also-reported")


def test_analyst_splits_a_claim_off_and_merges_it_back(page, server, stored):
    story_id = _story_of(server, stored["kyiv"])
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/stories/{story_id}")
    page.locator("tr", has_text="BBC").locator("input[type=checkbox]").check()
    page.click("#split-submit")
    page.wait_for_url(f"**/ui/stories/{story_id}?done=*")
    assert page.locator(".wordings tbody tr").count() == 1
    with server.sessionmaker() as session:
        new_id = session.scalar(select(StoryMember.story_id).join(Claim, Claim.id == StoryMember.claim_id)
                                .where(Claim.article_id == stored["bbc"]))
        assert new_id != story_id
        assert session.scalar(select(func.count()).select_from(StoryReview).where(StoryReview.action == "split")) == 1
    page.fill("#merge-other", str(new_id))
    page.click("#merge-story-form button[type=submit]")
    page.wait_for_url(f"**/ui/stories/{story_id}?done=*")
    assert page.locator(".wordings tbody tr").count() == 2


def test_source_page_suggests_a_merge_accepted_with_one_key(page, server, stored):
    with server.sessionmaker() as session:
        zelenskyy = session.scalar(select(Source.id).where(Source.name == "Volodymyr Zelenskyy"))
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/sources/{zelenskyy}")
    suggestion = page.locator(".suggestions li").first
    assert "Zelensky" in suggestion.inner_text() and "zelensk" in suggestion.inner_text()
    shoot(page, "source-suggestions")
    page.keyboard.press("m")
    page.wait_for_url("**merged=*")
    with server.sessionmaker() as session:
        merged = session.scalar(select(Source.merged_into_id).where(Source.name == "Zelensky"))
        assert merged is not None
    assert page.locator(".suggestions li").count() == 0


def test_story_page_groups_anonymous_speakers(page, server, stored):
    """One speaker for 'a Ukrainian official' and 'a senior Ukrainian official' quoting one remark, with
    both descriptions."""
    with server.sessionmaker() as session:
        for publisher, description in (("Ukrinform", "A Ukrainian official"),
                                       ("Hromadske", "A senior Ukrainian official")):
            text = f"{description} said the dam near Kherson was shelled twice before dawn."
            article_id = store_annotation(session, build_annotation(
                text, publisher=publisher,
                sources={"s1": {"name": description.removeprefix("A "), "type": "anonymous",
                                "mentions": [description]}, "s2": {"name": publisher, "type": "outlet"}},
                claims=[{"text": "the dam near Kherson was shelled twice before dawn",
                         "speaker": ("s1", description), "cue": "said", "relay": ["s2"]}]),
                pipeline_version="test").article.id
        session.commit()
    sign_in(page, server, "reader")
    page.goto(f"{server.url}/ui/stories/{_story_of(server, article_id)}")
    speakers = page.locator("#speakers").inner_text()
    assert "Ukrainian official (anonymous, 2 articles: Ukrainian official / senior Ukrainian official)" in speakers
    shoot(page, "story-anonymous")
