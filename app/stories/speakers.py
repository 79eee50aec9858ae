"""Whether two claims' speakers can be one source (README, "Stories"): a level, not a yes/no.

- `SAME` (2): one named source under variants ('Zelensky' / 'Zelenskiy', 'Peskov' / 'Dmitry Peskov'), an
  organization and a person who speaks for it ('the Kremlin' / 'Kremlin spokesman Dmitry Peskov'), a
  person's office and the person ("Peskov's office" / 'Dmitry Peskov'), or two
  anonymous sources of compatible description and affiliation ('U.S. officials' / 'US officials').
- `OPEN` (1): nothing tells: a claim without a speaker, a document or unknown source, an outlet (which
  reports what others said), an anonymous source beside an organization, an organization named by a
  common noun alone ('the company': each article's own).
- `OTHER` (0): two different people or organizations, or anonymous sources of different affiliations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.stories.names import abbreviations, content_words, fold_name, initialisms, surname_key

OTHER, OPEN, SAME = 0, 1, 2
_OPEN_TYPES = {"unknown", "document", "outlet"}


@dataclass(frozen=True)
class Speaker:
    """What the matching needs to know of a claim's speaker; built from the stored source."""

    type: str | None            # None: the claim has no speaker
    name: str = ""
    descriptors: tuple[str, ...] = ()
    affiliation: str | None = None
    source_id: int | None = None

    def to_json(self) -> dict:
        return {"type": self.type, "name": self.name, "descriptors": list(self.descriptors),
                "affiliation": self.affiliation, "source_id": self.source_id}

    @classmethod
    def from_json(cls, data: dict | None) -> Speaker:
        data = data or {}
        return cls(type=data.get("type"), name=data.get("name") or "", descriptors=tuple(data.get("descriptors") or ()),
                   affiliation=data.get("affiliation"), source_id=data.get("source_id"))

    @property
    def generic(self) -> bool:
        """An organization named by a common noun alone ('company', 'the board'): every article's own,
        so no identity across articles, even where the store keeps one source for the word."""
        return self.type == "organization" and bool(self.name) and not any(w[:1].isupper() for w in self.name.split())

    @property
    def roles(self) -> set[str]:
        """Folded words of the descriptors and affiliation: what the speaker speaks for."""
        words = content_words(self.affiliation)
        for d in self.descriptors:
            words |= content_words(d)
        return words


def compatibility(a: Speaker, b: Speaker) -> int:
    """OTHER, OPEN or SAME (see the module docstring); symmetric."""
    if a.type is None or b.type is None or a.type in _OPEN_TYPES or b.type in _OPEN_TYPES:
        return OPEN
    if a.generic or b.generic:
        return OPEN  # "the company", "the board": which one, only the claim's own article says
    if a.source_id is not None and a.source_id == b.source_id:
        return SAME
    if a.type > b.type:  # one order for the pairs of types below
        a, b = b, a
    if a.type == b.type == "person":
        return SAME if _same_person(a.name, b.name) else OTHER
    if a.type == b.type == "anonymous":
        return SAME if _compatible_anonymous(a, b) else OTHER
    if a.type == b.type == "organization":
        return SAME if _same_organization(a.name, b.name) else OTHER
    if (a.type, b.type) == ("organization", "person"):
        if (owner := person_owner(a.name)) is not None and _same_person(owner, b.name):
            return SAME  # "Peskov's office" speaks for Dmitry Peskov
        return SAME if _speaks_for(content_words(a.name), b.roles) else OTHER
    if (a.type, b.type) == ("anonymous", "person"):
        return OPEN if content_words(a.name) & b.roles else OTHER
    return OPEN  # anonymous beside an organization


_DEMONYM_ENDINGS = ("n", "an", "ese")  # of folded words (no i, y or j): Russia/Russian, Ukraine/Ukrainian, China/Chinese


def _speaks_for(organization: set[str], roles: set[str]) -> bool:
    """Every word of the organization's name is one of the person's role words, or the country whose
    nationality a role word is ('Russia' / 'Russian Deputy Prime Minister Alexander Novak': the role word is
    the folded name, its last vowel dropped or not, and a demonym's ending; not Austria / Australian)."""
    def nationality(word: str, role: str) -> bool:
        return len(word) >= 4 and any(role in (word + e, word[:-1] + e) for e in _DEMONYM_ENDINGS)
    # (the people of the nation too: 'the Russians' / a Russian minister)
    return bool(organization) and all(w in roles or any(nationality(w, r) or w == r + "s" for r in roles)
                                      for w in organization)


_OWNER = re.compile(r"^(?:the\s+)?(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['\u2019]s?\s+\S")


def person_owner(name: str) -> str | None:
    """The name that owns an organization named by a possessive ("Peskov's office", "Zelenskyy's office"):
    whose channel it is, if a person's (a caller compares it with a person's name)."""
    m = _OWNER.match(name)
    return m.group("owner") if m is not None else None


def _same_person(a: str, b: str) -> bool:
    """Same folded surname, and first names that agree where both are given (initials count)."""
    if not surname_key(a) or surname_key(a) != surname_key(b):
        return False
    first_a, first_b = fold_name(a).split()[:-1], fold_name(b).split()[:-1]
    if not first_a or not first_b:
        return True
    return first_a[0][0] == first_b[0][0]


def _same_organization(a: str, b: str) -> bool:
    """The words of one name are all in the other, an abbreviation read as its initials ('US and NATO' /
    'the United States and NATO')."""
    wa, wb = content_words(a), content_words(b)
    return bool(wa and wb) and (_covered(a, wa, b, wb) or _covered(b, wb, a, wa))


def _covered(a: str, wa: frozenset[str], b: str, wb: frozenset[str]) -> bool:
    """Every word of `a` is a word of `b`, or an abbreviation in capitals of a run of `b`'s capitalised words."""
    spelled_out = {w for abbreviation in abbreviations(a) & initialisms(b) for w in content_words(abbreviation)}
    return wa <= wb | spelled_out


def _compatible_anonymous(a: Speaker, b: Speaker) -> bool:
    """'U.S. officials' and 'US officials' or 'officials'; not 'U.S. officials' and 'Ukrainian officials'."""
    aff_a = content_words(a.affiliation) or _place_words(a.name)
    aff_b = content_words(b.affiliation) or _place_words(b.name)
    if aff_a and aff_b and not {w[:4] for w in aff_a} & {w[:4] for w in aff_b}:
        return False  # 'Ukraine' and 'Ukrainian' agree on their first letters, 'US' and 'Ukraine' do not
    return True


def _place_words(name: str) -> set[str]:
    """Capitalised words of a description ('Ukrainian' in 'a Ukrainian official'): its affiliation."""
    return {w for w in content_words(" ".join(t for t in name.split() if t[:1].isupper()))}
