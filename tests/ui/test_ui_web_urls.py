"""Issue 8, item 9 in the UI: the ingest form refuses a URL that is not http(s), as the API does (one
validation path), and an article's stored URL becomes the "original" link only when it is a web address.
Also item 11's dates: the outlets page takes a date only as YYYY-MM-DD."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from app.store.models import Article
from tests.ui.ui_helpers import Said, store_article

pytestmark = pytest.mark.model  # the app holds the session's spaCy pipeline


def _paste(client, text: str, **fields):
    data = {"csrf_token": client.csrf, "text": text, **fields}
    return client.post("/ui/articles", data=data, files={"file": ("", b"", "application/octet-stream")},
                       headers={"Accept": "text/html"}, follow_redirects=False)


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "file:///etc/passwd"])
def test_the_ingest_form_refuses_a_non_web_url(ui, sessionmaker, url):
    with sessionmaker() as session:
        before = session.scalar(select(func.count()).select_from(Article))
    response = _paste(ui("analyst"), f"The minister said that the talks about {url[:4]} failed.", url=url)
    assert response.status_code == 422
    assert "http or https" in response.text
    with sessionmaker() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == before


def test_the_ingest_form_keeps_a_web_url(ui):
    response = _paste(ui("analyst"), "The mayor said that the bridge would reopen in May.",
                      url="https://news.example/bridge")
    assert response.status_code == 303
    page = ui("reader").get(response.headers["location"])
    assert 'href="https://news.example/bridge"' in page.text


def test_a_stored_non_web_url_is_no_link(ui, sessionmaker):
    stored = store_article(sessionmaker, "the canal froze", [Said("Helena Quist")])
    with sessionmaker() as session:  # as an older version could store it
        session.execute(update(Article).where(Article.id == stored.article_id).values(url="javascript:alert(1)"))
        session.commit()
    page = ui("reader").get(f"/ui/articles/{stored.article_id}")
    assert page.status_code == 200
    assert "javascript:" not in page.text and ">original</a>" not in page.text


@pytest.mark.parametrize("value", ["0", "20251119"])
def test_the_outlets_page_takes_dates_as_dates(ui, value):
    page = ui("reader").get("/ui/outlets", params={"published_to": value})
    assert page.status_code == 422 and "YYYY-MM-DD" in page.text
