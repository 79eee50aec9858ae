"""whosaid: who said this, and through whom did it reach me?

    from app import annotate
    result = annotate(text, publisher="UNN")   # an app.schemas.annotation.Annotation
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["annotate", "annotate_html", "__version__"]


def annotate(text: str, **metadata):
    """Annotate a plain-text article (see app.nlp.pipeline.annotate)."""
    from app.nlp.pipeline import annotate as _annotate

    return _annotate(text, **metadata)


def annotate_html(html: str | bytes, **metadata):
    """Annotate an HTML page: its main text is extracted first (see app.ingest.html)."""
    from app.ingest.html import article_from_html
    from app.nlp.pipeline import annotate as _annotate

    article = article_from_html(html)
    meta = {"publisher": article.publisher, "published": article.published, "title": article.title, "url": article.url}
    meta.update({k: v for k, v in metadata.items() if v})
    return _annotate(article.text, **meta)
