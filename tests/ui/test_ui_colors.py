"""Speakers' colours (app/ui/text.py speaker_colors, static/ui.css): stable from the source's id, different
for up to 16 speakers of one article, told apart in CIELAB, readable, and a marker for every speaker."""
from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from app.ui.text import PALETTE_SIZE, ClaimMark, segments, slot_css, speaker_colors

CSS = (Path(__file__).resolve().parents[2] / "app" / "ui" / "static" / "ui.css").read_text(encoding="utf-8")
TEXT_COLOUR = "#1d2327"  # --fg


def _palette(suffix: str) -> list[str]:
    found = dict(re.findall(rf"--sp(\d+){suffix}:\s*(#[0-9a-f]{{6}})", CSS))
    return [found[str(i)] for i in range(PALETTE_SIZE)]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(_linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))


def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = _rgb(colour)
    x, y, z = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] for c in (_rgb(a), _rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_palette_has_sixteen_colours_told_apart():
    """CIE76 distance: 2.3 is the smallest difference a person notices, 10 reads as another colour. The
    underlines (full colours) differ by at least 25, the highlights (mixed half with white) by 12."""
    lines, highlights = _palette(""), _palette("-bg")
    assert len(set(lines)) == len(set(highlights)) == PALETTE_SIZE == 16
    assert min(math.dist(_lab(a), _lab(b)) for a, b in itertools.combinations(lines, 2)) >= 25
    assert min(math.dist(_lab(a), _lab(b)) for a, b in itertools.combinations(highlights, 2)) >= 12
    # the article's text stays readable on every highlight (WCAG AA asks 4.5:1)
    assert min(_contrast(TEXT_COLOUR, bg) for bg in highlights) >= 4.5
    for i in range(PALETTE_SIZE):
        assert f".sp{i} {{ --sp: var(--sp{i}); --sp-bg: var(--sp{i}-bg); }}" in CSS


def test_a_source_keeps_its_colour_from_its_id():
    assert speaker_colors([5, None, 38, 5, 3]) == {3: 3, 5: 5, 38: 38 % 16}
    # the same source in two articles, with other speakers around it
    assert speaker_colors([40, 7])[40] == speaker_colors([40, 1, 2, 99])[40] == 40 % 16
    # an edit that replaces one speaker moves nobody else (when no two want the same slot)
    before = speaker_colors([10, 11, 12, 13])
    after = speaker_colors([10, 11, 12, 77])
    assert {k: v for k, v in before.items() if k != 13} == {k: v for k, v in after.items() if k != 77}


def test_up_to_sixteen_speakers_have_different_colours():
    ids = [3, 19, 35, 51, 4, 20, 100, 116, 7, 8, 9, 10, 11, 12, 13, 14]  # many want the same slot
    slots = speaker_colors(ids)
    assert sorted(slots.values()) == list(range(16))
    assert slots[3] == 3 and slots[19] != 3  # the lower id keeps the slot it wants
    assert all(slot_css(slot) == f"sp{slot}" for slot in slots.values())


def test_past_sixteen_speakers_the_markers_stay_different():
    slots = speaker_colors(range(1, 21))
    assert len(set(slots.values())) == 20
    extra = [slot for slot in slots.values() if slot >= PALETTE_SIZE]
    assert len(extra) == 4 and all("sp-hatch" in slot_css(slot) for slot in extra)
    assert slot_css(-1) == "sp-none"


@pytest.mark.parametrize("rejected", [False, True])
def test_every_claim_starts_with_its_speakers_marker(rejected):
    text = "Ann said one thing. Bob said another. Nobody said a third."
    claims = [ClaimMark(9, 18, 1, 4, rejected), ClaimMark(28, 36, 2, 17), ClaimMark(51, 58, 3, -1)]
    cut = segments(text, claims)
    opening = {seg.opens[0]: seg for seg in cut if seg.opens}
    assert (opening[1].mark, opening[2].mark, opening[3].mark) == (5, 18, None)
    assert "sp1 sp-hatch" in opening[2].css and "sp-none" in opening[3].css
    assert all(seg.mark is None for seg in cut if not seg.opens)
