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


def test_a_quotation_closed_by_a_single_mark_ends_where_the_next_opens():
    """Regression (real pages annotated blind): '“ We have ... needs’, he noted. ... Dr Gargash said: “ What
    happened ...”' - the first quotation was closed by a right single mark, so the pairing ran on to the
    second left mark and took it for the closing one; the words of the second quotation were read as
    narration ('What happened' the speaker)."""
    text = ("He added. \u201c We have been looking forward to it\u2019, he noted. He said more. Dr Gargash said: "
            "\u201c What happened showed that it is so\u201d. He said that Y.")
    assert [text[q.start:q.end].strip() for q in find_quotes(text)] == [
        "We have been looking forward to it", "What happened showed that it is so"]
    # a single-quoted phrase inside a quotation closed properly changes nothing
    text = "\u201cThey called it \u2018a farce\u2019, and left,\u201d she said. \u201cWe stayed.\u201d"
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["They called it \u2018a farce\u2019, and left,",
                                                               "We stayed."]


def test_two_grave_accents_open_a_quotation():
    """Blind batch K2: older wire copy opens a quotation with two grave accents and closes it with two
    apostrophes ("``We need ...,'' he said"); the quotation was not found."""
    text = "Stocks rose.\n``We need another lift to reach new highs,'' an analyst said. ``The market will settle.''"
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["We need another lift to reach new highs,",
                                                                 "The market will settle."]
