"""Fixtures shared by the test modules.

- `nlp`: the whosaid pipeline (the spaCy English model plus whosaid's components), loaded once per
  session; tests that use it should carry `@pytest.mark.model` (markers are declared in pyproject.toml).
- `shared`: the project's `../shared` folder (gold articles, corpora, reference scorer); tests that use it
  are skipped with a message where it is absent. `WHOSAID_SHARED` points elsewhere.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp():
    from app.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = Path(os.environ.get("WHOSAID_SHARED", REPO_ROOT.parent / "shared"))
    if not path.is_dir():
        pytest.skip(f"{path} is absent: this test reads ../shared (set WHOSAID_SHARED to its location)")
    return path
