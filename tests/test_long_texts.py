"""Long texts stream through the parser in bounded memory: a long article's chunks are parsed a few at a
time, and only what the components found is kept of each parsed chunk (not the whole article's Docs)."""
from __future__ import annotations

import pytest

from app.core.config import get_settings
from app.nlp import pipeline

PARAGRAPH = 'The minister said the talks would resume on Monday. "We are ready," she told Reuters.\n\n'


@pytest.mark.model
def test_a_long_articles_chunks_go_through_the_parser_in_small_batches(nlp, monkeypatch):
    text = PARAGRAPH * 60  # about 5,300 characters
    whole = pipeline.annotate(text, publisher="UNN", nlp=nlp)
    monkeypatch.setattr(get_settings(), "chunk_chars", 600)
    seen: list[int] = []
    parse = nlp.pipe

    def recording_pipe(docs, **kwargs):
        if kwargs.get("as_tuples"):  # (spaCy calls itself again without tuples)
            docs = list(docs)
            seen.append(sum(len(d.text) for d, _ in docs))
        return parse(docs, **kwargs)

    monkeypatch.setattr(nlp, "pipe", recording_pipe)
    short = [(PARAGRAPH, {"publisher": "UNN"})] * 3
    results = list(pipeline.annotate_many([*short, (text, {"publisher": "UNN"}), *short], nlp=nlp))
    assert len(seen) > 5 and max(seen) <= 600  # never the whole article, or all its chunks, in one batch
    chunked = results[3]
    assert len(chunked.claims) == len(whole.claims) == 120  # every chunk's claims are kept
    assert all(chunked.text[c.start:c.end] == c.text for c in chunked.claims)
    assert [len(r.claims) for r in results[:3] + results[4:]] == [2] * 6
