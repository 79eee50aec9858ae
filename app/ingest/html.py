"""HTML pages → article text and metadata, through trafilatura (main text, title, date, site name)."""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura


class NoArticleText(ValueError):
    """The page has no main text that could be extracted."""


@dataclass
class ArticleText:
    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


def looks_like_html(data: str) -> bool:
    head = data.lstrip()[:1000].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or (
        head.startswith("<") and any(tag in head for tag in ("<body", "<p", "<div", "<article", "<head")))


def article_from_html(html: str | bytes, url: str | None = None) -> ArticleText:
    """Extract the main text of a page; all offsets downstream refer to the extracted text."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not html.strip():
        raise NoArticleText("the HTML document is empty")
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                      favor_recall=True, with_metadata=True)
    if doc is None:
        raise NoArticleText("no article text found in the HTML (is it a page with a main text?)")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise NoArticleText("no article text found in the HTML (is it a page with a main text?)")
    # trafilatura separates paragraphs with single newlines; a blank line is what the pipeline reads
    # as a paragraph break.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return ArticleText(text=text, title=data.get("title") or None, published=data.get("date") or None,
                       publisher=data.get("sitename") or None, url=url or data.get("url") or None)
