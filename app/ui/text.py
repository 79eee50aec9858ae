"""The article text cut into segments for highlighting, server-side, on code-point offsets.

Every boundary of a claim, speaker mention or cue cuts the text; each segment knows the claims that
cover it, whether it is (part of) a mention or a cue, and its code-point start, which the browser reads
back (`data-s`) to turn a text selection into offsets. The template escapes each segment's text, so the
article's text never reaches the page as markup.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PALETTE_SIZE = 8


@dataclass(frozen=True)
class Mark:
    start: int
    end: int


@dataclass(frozen=True)
class ClaimMark(Mark):
    claim_id: int
    color: int  # the speaker's palette slot; -1: no speaker
    rejected: bool = False


@dataclass(frozen=True)
class Segment:
    start: int
    text: str
    claims: tuple[int, ...]  # covering claims, outermost first
    color: int | None        # the innermost claim's colour
    mention: bool
    cue: bool
    opens: tuple[int, ...]   # claims that start here
    rejected: bool = False   # every covering claim was rejected

    @property
    def css(self) -> str:
        classes = []
        if self.claims:
            classes.append("hl")
            classes.append(f"sp{self.color}" if self.color is not None and self.color >= 0 else "sp-none")
        if self.rejected:
            classes.append("rej")
        if self.mention:
            classes.append("mention")
        if self.cue:
            classes.append("cue")
        return " ".join(classes)


def speaker_colors(speaker_ids: Iterable[int | None]) -> dict[int, int]:
    """One palette slot per speaker, in order of first appearance."""
    colors: dict[int, int] = {}
    for sid in speaker_ids:
        if sid is not None and sid not in colors:
            colors[sid] = len(colors) % PALETTE_SIZE
    return colors


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
        for kind, mark in starts.get(a, ()):
            if kind == "c":
                active_claims.append(mark)
                opens.append(mark.claim_id)
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
                           rejected=bool(ordered) and all(c.rejected for c in ordered)))
    return out
