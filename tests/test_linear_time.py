"""Annotation time is linear in the text, whatever the text (issue 8, item 5).

spaCy's tokenizer peels marks off a space-free stretch one at a time and searches the rest again after each
one, so a run of 10,000 quotation marks took 7 s and 20,000 took 26 s; and setting paragraph starts token by
token checked the whole doc each time, so many short lines cost the square of their number. The timing
tests compare the time for 2N against N in one run (a ratio, not a wall-clock limit: the machine is
shared): linear is about 2, quadratic about 4; they must stay under 3. Each time is the best of a few
runs (with spaCy's tokenizer cache emptied before each: a repeat would find the text tokenized already),
which drops the moments a neighbour took the CPU.

`BoundedTokenizer` must also keep the text exactly (offsets are code points into the text as given) and
leave every text without a long space-free stretch to spaCy's tokenizer untouched.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from app.nlp.components import paragraph_boundaries
from app.nlp.pipeline import annotate
from app.nlp.tokenizer import MADE_TOKEN, STRETCH_LIMIT, BoundedTokenizer

pytestmark = pytest.mark.model

MAX_GROWTH = 3.0

PATHOLOGICAL = {
    "quotation marks": '"',
    "curly quotation marks": "\u201c",
    "opening brackets": "(",
    "hyphens": "-",
    "apostrophes": "'",
    "ellipses": "\u2026",
    "emoji": "\U0001F600",
    "question and exclamation marks": "!?",
    "a currency prefix": "US$",
    "URLs glued together": "http://a.b/",
    "marks and a letter": '"' * 9 + "a",
    "a long word": "a",
    "letters and colons": "a:",
}


def _best_time(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _growth(nlp, make_text: Callable[[int], str], run: Callable[[str], object], n: int) -> float:
    small, large = make_text(n), make_text(2 * n)

    def fresh(text: str) -> None:
        nlp.tokenizer._flush_cache()  # a repeat would find every stretch tokenized already
        run(text)

    fresh(small)  # warm-up: lexemes, the model's first call
    return _best_time(lambda: fresh(large)) / _best_time(lambda: fresh(small))


def _plain(nlp):
    return nlp.tokenizer.tokenizer  # spaCy's own, inside the wrapper


def _tokens(doc) -> list[tuple[str, str, str]]:
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


def test_the_pipeline_tokenizer_is_bounded(nlp):
    assert isinstance(nlp.tokenizer, BoundedTokenizer)


@pytest.mark.parametrize("unit", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_stretches_keep_the_text_and_bounded_tokens(nlp, unit):
    text = "The minister said \"no\" before " + unit * (20_000 // len(unit)) + "  after it.\nNext line."
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= max(STRETCH_LIMIT, MADE_TOKEN)
    # the words around the stretch are the tokens spaCy makes of them alone (the stretch's last token
    # takes the first space after it, as spaCy attaches one)
    before = _tokens(_plain(nlp)('The minister said "no" before '))
    after = _tokens(_plain(nlp)(" after it.\nNext line."))
    assert _tokens(doc)[:len(before)] == before
    assert _tokens(doc)[-len(after):] == after
    assert doc[len(doc) - len(after) - 1].whitespace_ == " "


def test_a_stretch_at_either_end_of_the_text(nlp):
    for text in ('"' * 1000, '"' * 1000 + " said he", "he said " + "(" * 1000, "\n" + "a" * 5000 + "\n"):
        assert nlp.make_doc(text).text == text


def test_text_without_long_stretches_is_spacys_tokenization(nlp, shared):
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "gold-real").glob("*.txt"))]
    texts.append("Don't go, U.S. officials said: \"it's over\" (for now)... " + "x" * STRETCH_LIMIT)
    for text in texts:
        assert _tokens(nlp.make_doc(text)) == _tokens(_plain(nlp)(text))


def test_special_cases_still_reach_the_wrapped_tokenizer(nlp):
    # _keep_title_abbreviations adds "Cmdr." to the tokenizer; the wrapper passes attributes through
    assert [t.text for t in nlp.make_doc("Navy spokesman Cmdr. Sorin Dinu said")][2] == "Cmdr."
    assert nlp.tokenizer.explain("U.S.")[0][1] == "U.S."


@pytest.mark.parametrize("unit", ['"', "(", "\u2026", "US$"], ids=["quotes", "brackets", "ellipses", "currency"])
def test_tokenizing_a_run_grows_linearly(nlp, unit):
    growth = _growth(nlp, lambda n: "He said " + unit * (n // len(unit)) + " here.", nlp.make_doc, 20_000)
    assert growth < MAX_GROWTH, f"tokenizing {unit!r} * 2N took {growth:.1f}x the time of N"


def test_annotating_a_run_of_quotation_marks_grows_linearly(nlp):
    growth = _growth(nlp, lambda n: 'The mayor said "' + '"' * n + ' here."', lambda t: annotate(t, nlp=nlp), 10_000)
    assert growth < MAX_GROWTH, f"annotating 20,000 quotation marks took {growth:.1f}x the time of 10,000"


def test_paragraph_starts_grow_linearly_with_the_lines(nlp):
    # many tiny lines, each one a paragraph start for the parser; only the component is timed
    small, large = nlp.make_doc("a\n" * 20_000), nlp.make_doc("a\n" * 40_000)
    paragraph_boundaries(small)
    growth = _best_time(lambda: paragraph_boundaries(large), 7) / _best_time(lambda: paragraph_boundaries(small), 7)
    assert growth < MAX_GROWTH, f"marking 40,000 lines took {growth:.1f}x the time of 20,000"


def test_paragraph_starts_are_the_tokens_after_a_line_break(nlp):
    doc = paragraph_boundaries(nlp.make_doc("One line.\nTwo words\n\nThree"))
    assert [t.text for t in doc if t.is_sent_start] == ["One", "Two", "Three"]
    assert [t.is_sent_start for t in doc if t.text in ("line", "words")] == [None, None]


@pytest.mark.parametrize("unit", ['"', "(", "-", "'", "\u2026", "\U0001F600", "a\n", "a"],
                         ids=["quotes", "brackets", "hyphens", "apostrophes", "ellipses", "emoji", "tiny lines",
                              "one long word"])
def test_pathological_articles_keep_the_contract(nlp, unit):
    text = 'Officials said "the bridge is safe."\n' + unit * (30_000 // len(unit)) + "\nThe mayor said it was closed."
    result = annotate(text, nlp=nlp)
    assert result.text == text
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.text
    assert "it was closed" in {c.text for c in result.claims}
