"""The Doc's text, read once."""
from __future__ import annotations

from spacy.tokens import Doc

_TEXT_KEY = ("whosaid", "text")
UNNAMED_MEDIA = "media:"  # source-key prefix of outlets the text leaves unnamed ("Western media"): no frame


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins it from the tokens on every access, which costs a
    whole pass over a long article each time. A doc's text never changes (retokenizing keeps it)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_RAW_KEY = ("whosaid", "raw")


def remember_text(doc: Doc, text: str, raw: str | None = None) -> None:
    """Tell ``doc_text`` what ``doc``'s text is when the caller built the doc from it (``make_doc``);
    ``raw``: the text as given, before normalization folded its quote marks (same length, same offsets)."""
    doc.user_data[_TEXT_KEY] = text
    if raw is not None and len(raw) == len(text):
        doc.user_data[_RAW_KEY] = raw


def raw_text(doc: Doc) -> str:
    """The doc's text as given, typographic quote marks and all (``doc_text`` where none was kept): which
    way a curly mark faces tells a quotation's start from its end."""
    return doc.user_data.get(_RAW_KEY) or doc_text(doc)
