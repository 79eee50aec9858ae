"""The page's own publisher, as its text credits it: "..., reports UNN." / ", UNN reports." in the lead."""
from __future__ import annotations

import re

from app.nlp.lexicon import Lexicon, trie_alternation

LEAD_CHARS = 1500


def _credit_pattern(lexicon: Lexicon, extra: tuple[str, ...] = ()) -> re.Pattern:
    names = trie_alternation([*lexicon.outlets, *extra])
    # ", reports UNN." / ", UNN reports." / "— UNN" closing a sentence of the lead
    # an outlet the lexicon does not list, credited the same way: ", writes Glavcom.", ", reports NV."
    shaped = r"[A-Z][\w&'-]*(?:\.[a-z]{2,4})?(?:[ -][A-Z0-9][\w&'-]*(?:\.[a-z]{2,4})?){0,3}"
    verb, after, staff = (lexicon.alternation(c) for c in ("credit_verb", "credit_verb_after", "outlet_staff"))
    return re.compile(
        rf"(?:[,\u2014\u2013-]\s*{verb}\s+(?:the\s+)?(?P<a>{names})(?:'s)?(?:\s+{staff})?"
        rf"|[,\u2014\u2013-]\s*(?:the\s+|an?\s+)?(?P<b>{names})(?:\s+{staff}"
        rf"(?:\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?)?\s+{after}"
        rf"|[,\u2014\u2013-]\s*{after}\s+(?P<c>{shaped}))"
        rf"(?=\s*,?\s*(?:[.;]|{lexicon.phrase_alternation('citing')}|$))",
        re.MULTILINE,
    )


_CREDIT: dict[tuple, tuple[Lexicon, re.Pattern]] = {}


def credit_spans(text: str, lexicon: Lexicon, publisher: str | None = None) -> list[tuple[int, int, str]]:
    """Publisher credit lines in the lead: (start, end, canonical outlet). A publisher the lexicon does
    not list is looked for by its own name ("..., SİA informs")."""
    extra = (publisher,) if publisher and lexicon.canonical_outlet(publisher) is None else ()
    key = (id(lexicon), extra)
    if key not in _CREDIT or _CREDIT[key][0] is not lexicon:  # (an id is reused once its lexicon is gone)
        if len(_CREDIT) > 256:
            _CREDIT.clear()
        _CREDIT[key] = (lexicon, _credit_pattern(lexicon, extra))
    out = []
    for m in _CREDIT[key][1].finditer(text[:LEAD_CHARS]):
        name = m.group("a") or m.group("b") or m.group("c")
        out.append((m.start(), m.end(), lexicon.canonical_outlet(name) or name))
    return out


def publisher_credits(text: str, lexicon: Lexicon, publisher: str | None) -> list[tuple[int, int]]:
    """The credit spans that credit `publisher` (all of them when it is not known): "The Telegraph writes
    with reference to sources" on a Kyiv Post page is a relay frame, not the page's credit."""
    spans = credit_spans(text, lexicon, publisher)
    if publisher:
        own = (lexicon.canonical_outlet(publisher) or publisher).lower()
        spans = [sp for sp in spans if sp[2].lower() == own]
    return [(start, end) for start, end, _ in spans]


def detect_publisher(text: str, lexicon: Lexicon) -> str | None:
    """The publisher a text credits itself to, e.g. "..., reports UNN." in its lead."""
    spans = credit_spans(text, lexicon)
    return spans[0][2] if spans else None
