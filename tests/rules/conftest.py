"""The rule tests build their parses by hand (``docs.py``): none of them may load a spaCy pipeline."""
from __future__ import annotations

import pytest
import spacy


@pytest.fixture(autouse=True)
def _no_model(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("tests/rules build their Docs by hand and must not load a spaCy model")

    monkeypatch.setattr(spacy, "load", refuse)
