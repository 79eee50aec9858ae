"""The article text cut into segments for highlighting, server-side, on code-point offsets.

Every boundary of a claim, speaker mention or cue cuts the text; each segment knows the claims that
cover it, whether it is (part of) a mention or a cue, and its code-point start, which the browser reads
back (`data-s`) to turn a text selection into offsets. The template escapes each segment's text, so the
article's text never reaches the page as markup.

Speakers' colours: see `speaker_colors`; every claim's first segment also carries its speaker's marker
number (`mark`), a cue that does not depend on telling colours apart.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PALETTE_SIZE = 16  # the colours --sp0 ... --sp15 of static/ui.css


@dataclass(frozen=True)
class Mark:
    start: int
    end: int


@dataclass(frozen=True)
class ClaimMark(Mark):
    claim_id: int
    color: int  # the speaker's slot (speaker_colors); -1: no speaker
    rejected: bool = False


@dataclass(frozen=True)
class Segment:
    start: int
    text: str
    claims: tuple[int, ...]  # covering claims, outermost first
    color: int | None        # the innermost claim's slot
    mention: bool
    cue: bool
    opens: tuple[int, ...]   # claims that start here
    rejected: bool = False   # every covering claim was rejected
    mark: int | None = None  # the marker number of the speaker of the first claim starting here

    @property
    def css(self) -> str:
        classes = []
        if self.claims:
            classes.append("hl")
            classes.append(slot_css(self.color))
        if self.rejected:
            classes.append("rej")
        if self.mention:
            classes.append("mention")
        if self.cue:
            classes.append("cue")
        return " ".join(classes)


def speaker_colors(speaker_ids: Iterable[int | None]) -> dict[int, int]:
    """One slot per speaker of an article. The colour is `slot % PALETTE_SIZE`, the marker number `slot + 1`.

    A source's slot is its id modulo PALETTE_SIZE: the same colour in every article, which no edit of
    another claim moves. Two speakers of one article that would share a slot are told apart: the one with
    the higher id takes the next free slot, so up to PALETTE_SIZE speakers have PALETTE_SIZE different
    colours. Past that, slots go on from PALETTE_SIZE: the colour repeats, hatched, with its own marker.
    """
    ids = sorted({sid for sid in speaker_ids if sid is not None})
    taken: set[int] = set()
    slots: dict[int, int] = {}
    for sid in ids:
        wanted = sid % PALETTE_SIZE
        free = (slot for slot in ((wanted + k) % PALETTE_SIZE for k in range(PALETTE_SIZE)) if slot not in taken)
        slot = next(free, None)
        if slot is None:
            slot = max(max(taken) + 1, PALETTE_SIZE)
        taken.add(slot)
        slots[sid] = slot
    return slots


def slot_css(slot: int | None) -> str:
    """The CSS classes of a speaker's slot: its colour, hatched past the palette; `sp-none` for no speaker."""
    if slot is None or slot < 0:
        return "sp-none"
    return f"sp{slot % PALETTE_SIZE}" + (" sp-hatch" if slot >= PALETTE_SIZE else "")


def segments(text: str, claims: Sequence[ClaimMark], mentions: Sequence[Mark] = (),
             cues: Sequence[Mark] = ()) -> list[Segment]:
    """Cut `text` at every mark's boundary (marks outside the text are clipped)."""
    n = len(text)
    cuts = {0, n}
    for mark in (*claims, *mentions, *cues):
        cuts.update((max(0, min(n, mark.start)), max(0, min(n, mark.end))))
    bounds = sorted(cuts)
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for kind, marks in (("c", claims), ("m", mentions), ("q", cues)):
        for mark in marks:
            if mark.start < mark.end:
                starts.setdefault(mark.start, []).append((kind, mark))
                ends.setdefault(mark.end, []).append((kind, mark))
    active_claims: list[ClaimMark] = []
    mention_depth = cue_depth = 0
    out: list[Segment] = []
    for a, b in zip(bounds, bounds[1:]):
        for kind, mark in ends.get(a, ()):
            if kind == "c":
                active_claims.remove(mark)
            elif kind == "m":
                mention_depth -= 1
            else:
                cue_depth -= 1
        opens = []
        marker = None
        for kind, mark in starts.get(a, ()):
            if kind == "c":
                active_claims.append(mark)
                opens.append(mark.claim_id)
                if marker is None and mark.color >= 0:
                    marker = mark.color + 1
            elif kind == "m":
                mention_depth += 1
            else:
                cue_depth += 1
        if a == b:
            continue
        ordered = sorted(active_claims, key=lambda c: (c.start, -c.end))
        out.append(Segment(start=a, text=text[a:b], claims=tuple(c.claim_id for c in ordered),
                           color=ordered[-1].color if ordered else None, mention=mention_depth > 0,
                           cue=cue_depth > 0, opens=tuple(opens),
                           rejected=bool(ordered) and all(c.rejected for c in ordered), mark=marker))
    return out
