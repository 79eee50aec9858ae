"""What may be kept as an article's URL: a web address (http or https, with a host).

An article's URL is shown as a link to the original; any other scheme (`javascript:`, `data:`, `file:`)
would turn that link into something else than a page, so it is refused where a URL comes in: the API's
requests and the UI's form, which are validated alike (app.schemas.api.ArticleCreate). (A page's own
canonical URL, which trafilatura reads, is kept only when it is a web address already.)
"""
from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def url_problem(url: str) -> str | None:
    """Why `url` is not a web address, or None when it is one."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError as exc:
        return f"must be an http or https URL; this one cannot be read ({exc})"
    if parts.scheme.lower() not in WEB_SCHEMES:
        scheme = f"the scheme {parts.scheme!r}" if parts.scheme else "no scheme"
        return f"must be an http or https URL; it has {scheme}"
    if not parts.hostname:
        return "must be an http or https URL with a host name"
    return None


def web_url(url: str | None) -> str | None:
    """`url` when it is a web address, else None."""
    return url if url and url_problem(url) is None else None
