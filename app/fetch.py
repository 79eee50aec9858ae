"""Fetch an article's page over HTTP(S) for `POST /v1/articles {"url": ...}`: bounded in time and size.

Only http and https; redirects are followed (at most 5); the page must be HTML or plain text. Unless
`allow_private`, every host on the way (the first request and each redirect) must resolve to public
addresses only, so that the service cannot be made to read the machine's own or its network's services
(the check resolves the name before httpx connects: it does not stop a DNS server that answers
differently the second time, so keep fetch_private_addresses off behind untrusted clients anyway).
"""
from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from app import __version__

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
MAX_REDIRECTS = 5
USER_AGENT = f"whosaid/{__version__} (+article fetcher)"


class FetchError(Exception):
    """The URL could not be fetched as an article page; the message says why."""


@dataclass(frozen=True)
class FetchedPage:
    url: str           # after redirects
    content_type: str  # text/html, application/xhtml+xml or text/plain
    text: str

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES


def fetch_page(url: str, *, timeout: float = 10.0, max_bytes: int = 5_000_000,
               allow_private: bool = False, transport: httpx.BaseTransport | None = None,
               on_request: Callable[[str], None] | None = None) -> FetchedPage:
    """GET `url` and return its text; FetchError for anything that is not a reachable HTML or text page.
    `on_request(url)` is called before each request: the first and each redirect's (each has `timeout`)."""
    target = _parse(url)
    deadline = time.monotonic() + timeout

    def check_host(request: httpx.Request) -> None:
        if request.url.scheme not in ("http", "https"):
            raise FetchError(f"{url} redirects to {request.url}, which is not an http or https URL")
        if not allow_private:
            _check_public(request.url.host, request.url.port or (443 if request.url.scheme == "https" else 80))
        if on_request is not None:
            on_request(str(request.url))

    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS, transport=transport,
                          headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"},
                          event_hooks={"request": [check_host]}) as client:
            with client.stream("GET", target) as response:
                if response.status_code >= 400:
                    raise FetchError(f"{url} answered HTTP {response.status_code} {response.reason_phrase}".rstrip())
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if content_type not in HTML_TYPES | TEXT_TYPES:
                    raise FetchError(f"{url} is {content_type or 'of no declared content type'}, not an HTML or "
                                     "plain-text page")
                declared = response.headers.get("content-length", "")
                if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"{url} is {int(declared):,} bytes; the limit is {max_bytes:,}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise FetchError(f"{url} is larger than the limit of {max_bytes:,} bytes")
                    if time.monotonic() > deadline:
                        raise FetchError(f"{url} took longer than {timeout:g} s to send")
                return FetchedPage(url=str(response.url), content_type=content_type,
                                   text=_decode(bytes(body), response.charset_encoding))
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url} did not answer within {timeout:g} s") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {target.host}: {_reason(exc)}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {url}: {_reason(exc)}") from exc


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"{url!r} is not a valid URL: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {url!r}")
    if not parsed.host:
        raise FetchError(f"{url!r} has no host")
    return parsed


def _check_public(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FetchError(f"{host} is on a loopback, private or reserved network ({address}); the service "
                             "does not fetch such addresses (setting WHOSAID_FETCH_PRIVATE_ADDRESSES)")


def _decode(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:  # an unknown charset name
        return body.decode("utf-8", errors="replace")


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0]
