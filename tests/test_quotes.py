"""Quotation spans (app.nlp.quotes.find_quotes): the words inside the marks, whatever marks the text uses."""
from __future__ import annotations

import pytest

from app.nlp.quotes import find_quotes


def _quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize("text,expected", [
    pytest.param('"The bridge will reopen," the mayor said.', ["The bridge will reopen,"], id="straight double"),
    pytest.param("“The bridge will reopen,” the mayor said.", ["The bridge will reopen,"], id="curly double"),
    # two apostrophes standing for a double mark, as some newspapers' archives write them
    pytest.param("''The bridge will reopen,'' the mayor said. ''It is safe.''",
                 ["The bridge will reopen,", "It is safe."], id="apostrophe pairs"),
    pytest.param("The mayor said, ''The bridge will reopen.''", ["The bridge will reopen."],
                 id="apostrophe pair after the cue"),
    # a run of three: the pair and a single mark nested on its inner side
    pytest.param("''Part of my job is to say: 'He is one of us,''' Mr. English said.",
                 ["Part of my job is to say: 'He is one of us,'"], id="nested single mark"),
    pytest.param("'''Hey' is all he said,'' she recalled.", ["'Hey' is all he said,"], id="nested at the opening"),
    # apostrophes that are no quotation marks
    pytest.param("The leaders' summit ended and the ministers' talks went on.", [], id="plural possessives"),
])
def test_quotations(text, expected):
    assert _quoted(text) == expected


def test_a_quotation_in_apostrophe_pairs_keeps_its_offsets():
    text = "Officials said: ''The bridge will reopen.''"
    (q,) = find_quotes(text)
    # the marks are the pairs' first apostrophes, as the rules read the words before a quotation
    assert (q.open_mark, q.start, q.end, q.close_mark) == (16, 18, 41, 41)
    assert text[q.open_mark:q.start] == "''" and text[q.close_mark:q.close_mark + 2] == "''"
