"""Consistency checks for the hand-annotated development sets in tests/gold/ (Wikinews) and
tests/gold_translated/ (translated-news style, written and annotated blind to the engine); no models, fast."""
import json
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).parent / "gold"
TRANSLATED_DIR = Path(__file__).parent / "gold_translated"
GOLD_FILES = sorted(GOLD_DIR.glob("*.gold.json")) + sorted(TRANSLATED_DIR.glob("*.gold.json"))

KINDS = {"direct", "indirect", "mixed", "according_to"}
SPEAKER_TYPES = {"person", "organization", "outlet", "anonymous", "document", "unknown"}
CLAIM_KEYS = {"text", "start", "end", "kind", "speaker", "speaker_type", "relay"}
OPTIONAL_KEYS = {"text", "speaker"}
DOC_KEYS = {"document", "publisher", "published", "claims", "optional"}


def _load(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    txt = (path.parent / gold["document"]).read_text(encoding="utf-8")
    return gold, txt


def _hop_names(hop):
    return hop if isinstance(hop, list) else [hop]


def test_gold_files_present():
    assert len(list(GOLD_DIR.glob("*.gold.json"))) >= 14
    assert len(list(TRANSLATED_DIR.glob("*.gold.json"))) >= 6


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_document_and_header(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert DOC_KEYS <= gold.keys()
    assert gold["document"] == path.name[: -len(".gold.json")] + ".txt"
    assert (path.parent / gold["document"]).is_file()
    assert isinstance(gold["publisher"], str) and gold["publisher"]
    assert isinstance(gold["claims"], list) and gold["claims"]


def _check_entry(entry, txt, publisher, required):
    missing = required - entry.keys()
    assert not missing, f"{entry.get('text', '')[:50]!r} lacks {missing}"
    assert isinstance(entry["text"], str) and entry["text"].strip()
    assert isinstance(entry["speaker"], list) and entry["speaker"]
    assert all(isinstance(s, str) and s.strip() for s in entry["speaker"])
    if "kind" in entry:
        assert entry["kind"] in KINDS, entry["kind"]
    if "speaker_type" in entry:
        assert entry["speaker_type"] in SPEAKER_TYPES, entry["speaker_type"]
    if "relay" in entry:
        relay = entry["relay"]
        assert isinstance(relay, list) and relay, entry["text"][:50]
        for hop in relay:
            names = _hop_names(hop)
            assert names and all(isinstance(n, str) and n.strip() for n in names)
        assert publisher in _hop_names(relay[-1]), f"relay {relay} does not end with {publisher}"
    if "start" in entry or "end" in entry:
        assert txt[entry["start"]:entry["end"]] == entry["text"]
    assert entry["text"] in txt


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_claims(path):
    gold, txt = _load(path)
    spans = set()
    for claim in gold["claims"]:
        _check_entry(claim, txt, gold["publisher"], CLAIM_KEYS)
        assert txt.count(claim["text"]) == 1, f"claim text not unique: {claim['text'][:60]!r}"
        span = (claim["start"], claim["end"])
        assert span not in spans, f"two claims share the span {span}"
        spans.add(span)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_optional(path):
    gold, txt = _load(path)
    for opt in gold["optional"]:
        _check_entry(opt, txt, gold["publisher"], OPTIONAL_KEYS)
