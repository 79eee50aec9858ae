"""Keys that decide when two names are one source: canonical keys, alias keys, anonymous grouping keys."""
from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[.'\u2019\u02bc]")  # "U.S." = "US", "O'Brien" = "OBrien"
_NON_WORD = re.compile(r"[\W_]+")
_LEADING = ("the ", "a ", "an ")
# connectors that may stand lowercase inside a proper name ("Ministry of Defense", "Abu al-Hassan")
_CONNECTORS = {"of", "the", "and", "for", "de", "del", "da", "di", "du", "von", "van", "der", "al", "bin", "ibn",
               "la", "le", "on", "in", "&"}
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "i", "me",
             "my", "we", "us", "our", "you", "your", "who", "whom", "which", "that", "this", "these", "those"}


def name_key(name: str) -> str:
    """Lowercased, accents kept, punctuation dropped, whitespace collapsed, no leading article:
    'The U.S. State Department' -> 'us state department'."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _NON_WORD.sub(" ", _DROP.sub("", text)).strip()
    for article in _LEADING:
        if text.startswith(article):
            text = text[len(article):]
            break
    return text or " ".join(name.casefold().split())


def canonical_key(source_type: str, name: str) -> str:
    """The key that makes a named source one row across articles: 'person:kirill dmitriev'."""
    return f"{source_type}:{name_key(name)}"


def grouping_key(name: str, affiliation: str | None) -> str:
    """How anonymous sources are grouped (never merged): 'ukrainian official|ukrainian'."""
    return f"{name_key(name)}|{name_key(affiliation) if affiliation else ''}"


def looks_like_name(mention: str) -> bool:
    """A mention worth keeping as an alias: a proper name ('Dmitriev', 'RDIF'), not a pronoun or a
    description ('he', 'the Russian envoy')."""
    words = mention.split()
    if words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    if not words or (len(words) == 1 and words[0].casefold() in _PRONOUNS):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in _CONNECTORS for w in words) \
        and words[0][:1].isupper()
