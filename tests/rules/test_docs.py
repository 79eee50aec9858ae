"""The table helper itself: a hand-built Doc spells its text, keeps paragraph breaks as whitespace tokens,
and takes its sentences from the parse."""
from __future__ import annotations

import pytest
from docs import parse

TWO_PARAGRAPHS = """
    0  He      1   nsubj   PRON  PRP
    1  left    1   ROOT    VERB  VBD  leave
    2  .       1   punct   PUNCT .
    3  She     4   nsubj   PRON  PRP
    4  stayed  4   ROOT    VERB  VBD  stay
    5  .       4   punct   PUNCT .
"""


def test_a_paragraph_break_is_a_whitespace_token_on_the_word_before():
    doc = parse("He left.\n\nShe stayed.", TWO_PARAGRAPHS)
    assert doc.text == "He left.\n\nShe stayed."
    assert [t.text for t in doc] == ["He", "left", ".", "\n\n", "She", "stayed", "."]
    assert doc[3].is_space and doc[3].head.text == "."
    assert [s.text for s in doc.sents] == ["He left.\n\n", "She stayed."]
    assert doc[4].head.text == "stayed" and doc[1].lemma_ == "leave" and doc[0].lemma_ == "he"


def test_entities_and_proper_noun_lemmas():
    doc = parse("Anna Berg spoke.", """
        0  Anna   1  compound  PROPN NNP  -      B-PERSON
        1  Berg   2  nsubj     PROPN NNP  -      I-PERSON
        2  spoke  2  ROOT      VERB  VBD  speak
        3  .      2  punct     PUNCT .
    """)
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Berg", "PERSON")]
    assert doc[1].lemma_ == "Berg"


@pytest.mark.parametrize("text,table,message", [
    ("He left.", "0 He 1 nsubj PRON PRP\n2 left 1 ROOT VERB VBD\n", "numbered"),
    ("He left.", "0 She 1 nsubj PRON PRP\n1 left 1 ROOT VERB VBD\n2 . 1 punct PUNCT .", "not the next word"),
    ("He left.", "0 He 1 nsubj PRON PRP\n1 left 1 ROOT VERB VBD\n", "stops before the end"),
])
def test_a_table_that_does_not_fit_its_text(text, table, message):
    with pytest.raises(ValueError, match=message):
        parse(text, table)
