"""Keys that tell whether two speakers can be one source across articles.

`fold_name` reduces spelling and transliteration variants to one key: 'Zelensky', 'Zelenskyy', 'Zelenskiy'
and 'Zelenskyi' all give 'zelensk'; 'Dmitriev' and 'Dmitriyev' give 'dmtrev'. It drops accents, the
letters transliterations disagree on most (i, y, j) and doubled letters, and folds kh/h, ks/x, ck/k.
"""
from __future__ import annotations

import re
import unicodedata

_FOLDS = (("kh", "h"), ("ks", "x"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("ie", "e"))
_TITLES = {"mr", "mrs", "ms", "dr", "president", "prime", "minister", "sir", "lord", "gen", "general", "col",
           "colonel", "sen", "senator", "rep", "gov", "governor", "mayor", "king", "queen", "prince", "pope",
           "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
           "commander", "adviser", "advisor", "chief", "head", "deputy", "foreign", "defence", "defense"}
_WORD = re.compile(r"[^\W\d_]+")
_GENERIC = {"the", "a", "an", "of", "and", "for", "s"}


def ascii_words(text: str) -> list[str]:
    """Lowercase words without accents: 'Zelenskyy’s Office' -> ['zelenskyy', 's', 'office']."""
    plain = unicodedata.normalize("NFKD", re.sub(r"[.'\u2019]", "", text))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    return _WORD.findall(plain)


_SINGULAR = (("men", "man"), ("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x"),
             ("ss", "ss"), ("us", "us"), ("is", "is"), ("s", ""))


def singular(word: str) -> str:
    """The singular of a lowercase English plural noun of the kinds that describe sources ('officials',
    'spokesmen', 'authorities', 'witnesses'); a singular stays as it is ('press', 'census', 'analysis')."""
    for plural, single in _SINGULAR:
        if word.endswith(plural) and len(word) - len(plural) >= 2:
            return word[:-len(plural)] + single
    return word


def fold_word(word: str) -> str:
    """One word's transliteration key ('zelenskiy' -> 'zelensk')."""
    for old, new in _FOLDS:
        word = word.replace(old, new)
    word = re.sub(r"[iyj]", "", word)
    return re.sub(r"(.)\1+", r"\1", word) or word


def fold_name(name: str) -> str:
    """A person's or organization's name as a variant-proof key, titles dropped: 'President Volodymyr
    Zelenskyy' -> 'voldmr zelensk'."""
    words = [w for w in ascii_words(name) if w not in _TITLES and w not in _GENERIC]
    return " ".join(fold_word(w) for w in words)


def surname_key(name: str) -> str:
    """The last word of a folded person's name ('' for none): the key a surname-only mention shares."""
    folded = fold_name(name).split()
    return folded[-1] if folded else ""


def content_words(text: str | None) -> set[str]:
    """The folded words of a description or affiliation, generic words dropped ('a Kremlin spokesman' ->
    {'kremlin'})."""
    return {fold_word(w) for w in ascii_words(text or "") if w not in _TITLES and w not in _GENERIC and len(w) > 1}


def abbreviations(name: str | None) -> set[str]:
    """The words of a name written in capitals, two letters or more, dots dropped ('U.S. and NATO' ->
    {'us', 'nato'}), casefolded but not folded: an abbreviation is compared letter for letter."""
    words = _WORD.findall(re.sub(r"[.'\u2019]", "", name or ""))
    return {w.casefold() for w in words if len(w) >= 2 and w.isupper()}


def initialisms(name: str | None) -> set[str]:
    """The initials of each run of two or more capitalised words ('United States' -> 'us', 'North Atlantic
    Treaty Organization' -> 'nato'): what an abbreviation of the name reads, casefolded (not folded:
    'nt' of 'Northern Territory' is not 'NYT')."""
    out: set[str] = set()
    run: list[str] = []
    for word in [*_WORD.findall(re.sub(r"[.'\u2019]", "", name or "")), ""]:
        if word[:1].isupper() and word.casefold() not in _GENERIC:
            run.append(word)
            continue
        if len(run) >= 2:
            out.add("".join(w[0] for w in run).casefold())
        run = []
    return out
