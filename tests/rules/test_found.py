"""``Found.current()``: the attributions as the evidence so far leaves them. A Supersede drops the
earlier readings of its cue (a dash reading stays); a reading in a line of page furniture (other than a
dateline) is dropped; a Recast gives an outlet's claim the source a later
sentence names, the outlet becoming its first hop, in a new object: what the rule wrote stays as it was.
"""
from __future__ import annotations

import dataclasses

import pytest

from app.nlp.evidence import Attribution, Furniture, Mention, Recast, Supersede, WireSignal
from app.nlp.rules.base import Found

TASS = Mention(0, 4, 0, "outlet")
MINISTRY = Mention(60, 83, 14, "name")


def _reading(cue_token: int, rule: str = "reported", speaker: Mention | None = TASS, start: int = 10) -> Attribution:
    return Attribution(start, start + 30, "indirect", rule, 0.85, cue=(5, 11), cue_token=cue_token, speaker=speaker,
                       why=(f"{rule}: ...",))


def _found(*items) -> Found:
    found = Found()
    for item in items:
        found.add(item)
    return found


def test_nothing_to_change():
    a, b = _reading(1), _reading(7)
    assert _found(a, b).current() == [a, b]


def test_supersede_drops_the_readings_of_its_cue():
    a, b = _reading(1), _reading(7)
    assert _found(a, b, Supersede(1, "dash: '- said' closes what precedes it")).current() == [b]


def test_supersede_keeps_the_dash_reading_itself():
    reported, dash = _reading(1), _reading(1, rule="dash_quote")
    assert _found(reported, dash, Supersede(1, "dash")).current() == [dash]


def test_a_reading_in_page_furniture_is_dropped():
    headline, story = _reading(1, start=0), _reading(9, start=50)
    assert _found(headline, story, Furniture(0, 40, "headline")).current() == [story]


def test_a_reading_running_on_from_a_dateline_stays():
    """(the resolver moves its start past the dateline)"""
    a = _reading(1, start=0)
    assert _found(a, Furniture(0, 20, "dateline")).current() == [a]


def test_recast_names_the_source_and_makes_the_outlet_a_hop():
    claim = _reading(1)
    found = _found(claim, Recast(1, MINISTRY, "hop TASS: the next sentence says whom it cites ('cites')"))
    (recast,) = found.current()
    assert recast.speaker == MINISTRY
    assert recast.hop_mentions == [TASS]
    assert recast.sets_frame
    assert recast.why[-1].startswith("hop TASS")
    # the rule's own evidence is untouched
    assert found.attributions == [claim] and claim.speaker == TASS and claim.hops == ()


def test_recast_of_a_claim_without_speaker_changes_nothing():
    claim = _reading(1, speaker=None)
    assert _found(claim, Recast(1, MINISTRY, "hop")).current() == [claim]


def test_recast_of_another_cue_changes_nothing():
    claim = _reading(1)
    assert _found(claim, Recast(9, MINISTRY, "hop")).current() == [claim]


def test_evidence_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        _reading(1).start = 0  # type: ignore[misc]


def test_add_files_evidence_by_type():
    items = [_reading(1), Recast(1, MINISTRY, "hop"), Supersede(1, "dash"), Furniture(0, 5, "headline"),
             WireSignal(0, 5, "AFP", "dateline")]
    found = _found(*items)
    assert (found.attributions, found.recasts, found.supersedes, found.furniture, found.wire) == tuple(
        [i] for i in items)
