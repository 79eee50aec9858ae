"""Tests for the spaCy components as a spaCy user meets them: entry points, add_pipe on their own
pipeline, save and reload with the lexicon, user lexicons, lexicon errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from app.core.config import get_settings
from app.nlp.lexicon import Lexicon, LexiconError

MODEL = get_settings().spacy_model
QUIP = "The mayor quipped that the bridge would never open."
TEXT = (
    "Kirill Dmitriev told Axios that the talks had gone well. "
    "\u201cWe are close to a deal,\u201d he said.\n\n"
    "According to the mayor, the bridge will reopen in May."
)


def _claims(doc) -> list[tuple[str, str]]:
    return [(doc.text[c.start:c.end], c.kind) for c in doc._.whosaid_claims]


def _user_pipeline(*, lexicon_dir: str | None = None, publisher: str | None = "UNN"):
    """A spaCy user's own pipeline with whosaid's components added by name, as the README shows."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("whosaid_claims", config={"lexicon_dir": lexicon_dir})
    nlp.add_pipe("whosaid_speakers", config={"lexicon_dir": lexicon_dir})
    nlp.add_pipe("whosaid_relay", config={"lexicon_dir": lexicon_dir, "publisher": publisher})
    return nlp


@pytest.fixture
def quip_dir(tmp_path: Path) -> Path:
    # "quip" is no cue in the shipped lexicon (checked below), so only the extension can find the claim
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "cues.local.jsonl").write_text(json.dumps({"cue": "quip", "category": "speech"}) + "\n",
                                             encoding="utf-8")
    return folder


def test_quip_is_not_a_shipped_cue() -> None:
    shipped = Lexicon.from_dirs([get_settings().models_dir])
    assert shipped.cue_category("quip") is None
    assert shipped.cue_category("say") == "speech"


def test_factories_come_from_entry_points() -> None:
    # a fresh interpreter that imports nothing from app: spaCy must find the factories through the
    # package's spacy_factories entry points
    code = (
        "import sys, spacy\n"
        "from importlib.metadata import entry_points\n"
        "names = sorted(ep.name for ep in entry_points(group='spacy_factories') if ep.value.startswith('app.'))\n"
        "assert 'app' not in sys.modules\n"
        "spacy.blank('en')  # a Language instance loads the entry-point factories\n"
        "print(names, [spacy.Language.has_factory(n) for n in names], 'app.nlp.components' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parent)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        "['whosaid_claims', 'whosaid_confidence', 'whosaid_relay', 'whosaid_speakers'] [True, True, True, True] True"
    )


@pytest.mark.model
def test_add_pipe_on_a_users_pipeline() -> None:
    nlp = _user_pipeline()
    assert nlp.pipe_names[-3:] == ["whosaid_claims", "whosaid_speakers", "whosaid_relay"]
    doc = nlp(TEXT)
    claims = _claims(doc)
    assert ("the talks had gone well", "indirect") in claims
    assert any(kind == "direct" and "close to a deal" in text for text, kind in claims)
    assert any(kind == "according_to" and "reopen in May" in text for text, kind in claims)
    assert doc._.whosaid_publisher == "UNN"
    names = [s.name for s in doc._.whosaid_sources]
    assert "Kirill Dmitriev" in names and "Axios" in names and "UNN" in names
    # the spans mirror the claims, for displaCy and the user's own code
    assert [(s.start_char, s.end_char) for s in doc.spans["whosaid_claims"]] == [
        (c.start, c.end) for c in doc._.whosaid_claims
    ]
    assert {s.text for s in doc.spans["whosaid_cues"]} >= {"told", "said"}
    assert "Kirill Dmitriev" in {s.text for s in doc.spans["whosaid_speakers"]}
    # Dmitriev told Axios, and UNN published it: the relay is Axios -> UNN
    dmitriev = next(c for c in doc._.whosaid_claims if doc.text[c.start:c.end] == "the talks had gone well")
    assert [doc._.whosaid_sources[i].name for i in dmitriev.relay] == ["Axios", "UNN"]


@pytest.mark.model
def test_components_need_their_predecessors() -> None:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("whosaid_speakers")
    with pytest.raises(ValueError, match="whosaid_claims"):
        nlp("The mayor said the bridge would open.")


@pytest.mark.model
def test_save_and_reload_keep_the_lexicon(tmp_path: Path, quip_dir: Path) -> None:
    nlp = _user_pipeline(lexicon_dir=str(quip_dir))
    before = _claims(nlp(QUIP + " " + TEXT))
    assert ("the bridge would never open", "indirect") in before

    nlp.to_disk(tmp_path / "saved")
    assert (tmp_path / "saved" / "whosaid_claims" / "cues.jsonl").is_file()
    # the folder named in the saved config is gone: the lexicon comes from the saved pipeline
    for path in quip_dir.iterdir():
        path.unlink()
    quip_dir.rmdir()
    reloaded = spacy.load(tmp_path / "saved")
    assert reloaded.pipe_names == nlp.pipe_names
    assert _claims(reloaded(QUIP + " " + TEXT)) == before
    assert reloaded.get_pipe("whosaid_claims").lexicon.cue_category("quip") == "speech"


@pytest.mark.model
def test_lexicon_dir_config_extends_the_shipped_lexicon(quip_dir: Path) -> None:
    plain = _user_pipeline()
    assert _claims(plain(QUIP)) == []
    extended = _user_pipeline(lexicon_dir=str(quip_dir))
    doc = extended(QUIP + " The mayor said the bridge was safe.")
    # the new cue works and the shipped ones still do
    assert _claims(doc) == [("the bridge would never open", "indirect"), ("the bridge was safe", "indirect")]


@pytest.mark.model
def test_whosaid_lexicon_dirs_setting(quip_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHOSAID_LEXICON_DIRS", json.dumps([str(quip_dir)]))
    get_settings.cache_clear()
    try:
        assert get_settings().lexicon_dirs == [quip_dir]
        nlp = _user_pipeline()
        assert _claims(nlp(QUIP)) == [("the bridge would never open", "indirect")]
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert quip_dir not in get_settings().lexicon_dirs


@pytest.mark.model
def test_user_lexicon_adds_a_prepositional_cue(tmp_path: Path) -> None:
    """`{"cue": "lobby", "preposition": "for"}`: "lobbied for X" reports X; "lobbied" alone does not."""
    text = "The farmers' union lobbied for a ban on imported grain."
    assert _claims(_user_pipeline()(text)) == []
    (tmp_path / "cues.local.jsonl").write_text(
        json.dumps({"cue": "lobby", "preposition": "for", "category": "speech"}) + "\n", encoding="utf-8")
    nlp = _user_pipeline(lexicon_dir=str(tmp_path))
    assert _claims(nlp(text)) == [("lobbied for a ban on imported grain", "indirect")]
    assert _claims(nlp("The farmers' union lobbied hard in Brussels last week.")) == []


def test_missing_lexicon_dir_fails_on_first_use(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("whosaid_claims", config={"lexicon_dir": str(tmp_path / "nowhere")})
    with pytest.raises(LexiconError, match="nowhere"):
        pipe.lexicon


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"cue": "quip", "category": "speech"', "Expecting"),  # broken JSON
        ('{"category": "speech"}', "cue"),  # no cue
        ('{"cue": "quip", "category": "gossip"}', "unknown cue category"),
        ('{"cue": "go on", "category": "speech"}', "one lemma"),
        ('{"cue": "lobby", "particle": "up", "preposition": "for", "category": "speech"}', "both a particle"),
    ],
)
def test_malformed_lexicon_line_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "cues.local.jsonl"
    path.write_text('{"cue": "opine", "category": "speech"}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        Lexicon.from_dirs([tmp_path])
    message = str(info.value)
    assert message.startswith(f"{path}:3:")
    assert problem in message


def test_malformed_lexicon_in_component_config(tmp_path: Path) -> None:
    (tmp_path / "outlets.x.jsonl").write_text('{"name": ""}\n', encoding="utf-8")
    nlp = spacy.blank("en")
    with pytest.raises(LexiconError, match=r"outlets\.x\.jsonl:1: an outlet needs a name"):
        nlp.add_pipe("whosaid_relay", config={"lexicon_dir": str(tmp_path)})


def _annotations(doc) -> list[tuple]:
    names = [s.name for s in doc._.whosaid_sources]
    return [(c.start, c.end, c.kind, names[c.source] if c.source is not None else None,
             [names[i] for i in c.relay], c.why) for c in doc._.whosaid_claims]


@pytest.mark.model
def test_annotations_survive_docbin_and_to_bytes() -> None:
    from spacy.tokens import Doc, DocBin

    nlp = _user_pipeline()
    doc = nlp(TEXT)
    expected = _annotations(doc)
    assert expected and all(why for *_, why in expected)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _annotations(again) == expected
    box = DocBin(store_user_data=True)
    box.add(doc)
    (restored,) = DocBin(store_user_data=True).from_bytes(box.to_bytes()).get_docs(nlp.vocab)
    assert _annotations(restored) == expected
    assert restored._.whosaid_publisher == "UNN"


@pytest.mark.model
def test_two_processes_annotate_as_one() -> None:
    nlp = _user_pipeline()
    texts = [TEXT, QUIP + " The mayor said the bridge was safe.", "Nothing was said here.", TEXT * 2]
    one = [_annotations(d) for d in nlp.pipe(texts)]
    two = [_annotations(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one
    assert any(one)
