"""POST /v1/articles {"url": ...}: the service fetches the page from a local server (127.0.0.1, see conftest);
every way a page can fail is a 422 problem that says why."""
from __future__ import annotations

import time

import httpx
import pytest
from api_helpers import ARTICLE_TEXT, FETCH_MAX_BYTES, FETCH_TIMEOUT, assert_problem

from app.fetch import FetchError, fetch_page

BACKENDS = ("sqlite",)  # fetching is the same on both


def post_url(client, headers, url: str, **metadata):
    return client.post("/v1/articles", json={"url": url, **metadata}, headers=headers["analyst"])


def test_an_html_page_is_fetched_and_ingested(client, headers, page_server):
    response = post_url(client, headers, f"{page_server}/article.html", publisher="Example News")
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["url"] == f"{page_server}/article.html" and data["source_format"] == "html"
    assert data["title"] == "Talks in Miami" and data["publisher"] == "Example News"
    assert any(c["speaker"] and c["speaker"]["name"] == "Kirill Dmitriev" for c in data["claims"])
    assert post_url(client, headers, f"{page_server}/article.html", publisher="Example News").status_code == 200


def test_a_plain_text_page_is_ingested_as_text(client, headers, page_server):
    response = post_url(client, headers, f"{page_server}/article.txt", publisher="BBC")
    assert response.status_code == 201, response.text
    assert response.json()["text"] == ARTICLE_TEXT and response.json()["source_format"] == "text"


def test_redirects_are_followed_and_the_final_url_kept(client, headers, page_server):
    response = post_url(client, headers, f"{page_server}/redirect", publisher="Redirected News")
    assert response.status_code == 201, response.text
    assert response.json()["url"] == f"{page_server}/article.html"


@pytest.mark.parametrize(("path", "words"), [
    ("/data.json", ["application/json", "not an html or plain-text page"]),
    ("/image.png", ["image/png"]),
    ("/missing", ["answered http 404"]),
    ("/large.html", [f"limit is {FETCH_MAX_BYTES:,}"]),
    ("/large-undeclared.html", [f"limit of {FETCH_MAX_BYTES:,} bytes"]),
    ("/redirect-ftp", ["ftp://", "not an http or https url"]),
    ("/empty.html", ["no article text"]),
])
def test_pages_that_are_no_articles_are_422(client, headers, page_server, path, words):
    body = assert_problem(post_url(client, headers, page_server + path), 422, *words)
    assert body["type"] in ("urn:whosaid:problem:url-not-fetched", "urn:whosaid:problem:no-article-text")


def test_a_slow_page_times_out(client, headers, page_server):
    started = time.monotonic()
    assert_problem(post_url(client, headers, f"{page_server}/slow.html"), 422, f"within {FETCH_TIMEOUT:g} s")
    assert time.monotonic() - started < FETCH_TIMEOUT + 1.5


def test_an_unreachable_host_is_422(client, headers):
    # port 9 (discard) on loopback: nothing listens there, the connection is refused at once
    assert_problem(post_url(client, headers, "http://127.0.0.1:9/article.html"), 422, "cannot connect", "127.0.0.1")


@pytest.mark.parametrize(("url", "words"), [
    ("ftp://127.0.0.1/article.txt", ["http or https", "'ftp'"]),
    ("file:///etc/passwd", ["http or https", "'file'"]),
    ("javascript:alert(1)", ["http or https", "'javascript'"]),
    ("not a url", ["http or https", "no scheme"]),
    ("http://", ["http or https", "host name"]),
])
def test_urls_that_are_not_http_are_422(client, headers, url, words):
    # refused with the request (an article's url is a web address), before anything is fetched
    body = assert_problem(post_url(client, headers, url), 422, "url", *words)
    assert body["errors"][0]["field"] == "body.url"


def test_private_addresses_are_refused_unless_allowed(page_server):
    with pytest.raises(FetchError, match="loopback, private or reserved"):
        fetch_page(f"{page_server}/article.html", allow_private=False)
    with pytest.raises(FetchError, match="loopback, private or reserved"):
        fetch_page("http://localhost:9/", allow_private=False)
    assert fetch_page(f"{page_server}/article.html", allow_private=True).is_html


def test_a_redirect_to_a_private_address_is_refused():
    """A public page that redirects to the machine's own network: the redirect is checked too."""
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"})

    checked = []

    def resolve_public(host, port, **kwargs):  # the first host "resolves" to a public address
        checked.append(host)
        address = "93.184.215.14" if host == "public.example" else "127.0.0.1"
        return [(2, 1, 6, "", (address, port))]

    import app.fetch as fetch_module

    original = fetch_module.socket.getaddrinfo
    fetch_module.socket.getaddrinfo = resolve_public
    try:
        with pytest.raises(FetchError, match=r"127\.0\.0\.1 is on a loopback"):
            fetch_page("http://public.example/story", transport=httpx.MockTransport(handler))
    finally:
        fetch_module.socket.getaddrinfo = original
    assert checked == ["public.example", "127.0.0.1"]


def test_the_charset_of_the_page_is_used():
    body = "Señora López said the budget would pass.".encode("latin-1")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "text/plain; charset=ISO-8859-1"})

    page = fetch_page("http://127.0.0.1/x", allow_private=True, transport=httpx.MockTransport(handler))
    assert page.text == "Señora López said the budget would pass." and not page.is_html
