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


def remember_text(doc: Doc, text: str) -> None:
    """Tell ``doc_text`` what ``doc``'s text is when the caller built the doc from it (``make_doc``)."""
    doc.user_data[_TEXT_KEY] = text
