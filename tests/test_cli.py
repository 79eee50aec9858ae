"""Tests for the `whosaid` command line: annotate (formats, --out, folders, HTML, bad inputs) and eval."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD = REPO_ROOT / "tests" / "gold"

ARTICLE = (
    "KYIV (Reuters) - Ukraine's foreign minister said on Tuesday that the talks would resume next week.\n\n"
    "\u201cWe are ready to talk,\u201d he told reporters in Kyiv.\n"
)
HTML = """<!DOCTYPE html>
<html><head><title>Bridge to reopen in May</title>
<meta property="og:site_name" content="Daily Bugle">
<meta property="article:published_time" content="2025-11-19">
</head><body>
<nav><a href="/">Home</a> <a href="/subscribe">Subscribe now</a></nav>
<article>
<p>The old harbour bridge will reopen to traffic in May, the mayor of Springfield said on Tuesday.</p>
<p>&ldquo;We are ready, and the money is there,&rdquo; Mayor Jane Roe told reporters at city hall.</p>
</article>
<footer>Copyright 2025 Daily Bugle. All rights reserved.</footer>
</body></html>
"""

# most tests here run the engine, which loads the spaCy model
pytestmark = pytest.mark.model


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kyiv.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _check_offsets(data: dict) -> None:
    """Every offset in the annotation points into data["text"] (the contract's one promise about offsets)."""
    text = data["text"]
    for claim in data["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
        for part in (claim["cue"], claim["speaker"]):
            if part is not None:
                assert text[part["start"]:part["end"]] == part["text"]


# -- annotate -------------------------------------------------------------------------------------


def test_annotate_json(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["annotate", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "whosaid.annotation/1"
    assert data["text"] == ARTICLE
    assert len(data["claims"]) >= 2
    assert {"direct", "indirect"} <= {c["kind"] for c in data["claims"]}
    _check_offsets(data)


def test_annotate_jsonl_one_line_per_file(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("The mayor said the bridge would reopen in May.\n", encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(article), str(other), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["text"] == ARTICLE and second["text"].startswith("The mayor said")


def test_annotate_table(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["annotate", str(article), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "kyiv.txt" in result.stdout and "claims" in result.stdout
    assert "speaker" in result.stdout and "relay" in result.stdout


def test_annotate_table_why_shows_each_claims_trace(runner: CliRunner, article: Path) -> None:
    """--why puts the rules that decided each claim under it; without it the table has no trace."""
    plain = runner.invoke(app, ["annotate", str(article), "--format", "table"])
    traced = runner.invoke(app, ["annotate", str(article), "--format", "table", "--why"])
    assert plain.exit_code == traced.exit_code == 0, traced.output
    assert "speaker:" in traced.stdout and "speaker:" not in plain.stdout
    assert "hop " in traced.stdout or "cue" in traced.stdout


def test_annotate_bad_format(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["annotate", str(article), "--format", "xml"])
    assert result.exit_code != 0
    assert "json" in result.output


def test_annotate_out_dir_and_folder_input(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "nested").mkdir(parents=True)
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "nested" / "b.txt").write_text("Police said the suspect had been arrested.\n", encoding="utf-8")
    # not article suffixes: skipped when a folder is scanned
    (src / "notes.csv").write_text("not,an,article\n", encoding="utf-8")
    (src / "README.md").write_text("# Articles\n\nThe editor said these are examples.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["annotate", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    data = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert data["text"] == "Police said the suspect had been arrested.\n"
    assert data["claims"] and data["claims"][0]["text"] == "the suspect had been arrested"
    _check_offsets(data)


def test_annotate_publisher_and_published_override(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text("date 2025-11-19 KYIV (Reuters) - The minister said the talks would resume.\n", encoding="utf-8")
    detected = json.loads(runner.invoke(app, ["annotate", str(path), "--format", "json"]).stdout)
    assert detected["published"] == "2025-11-19"

    result = runner.invoke(app, ["annotate", str(path), "--format", "json",
                                 "--publisher", "UNN", "--published", "2024-01-02"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["publisher"] == "UNN"
    assert data["published"] == "2024-01-02"
    # the publisher is the last hop of every claim's relay
    names = {s["id"]: s["name"] for s in data["sources"]}
    assert data["claims"] and all(c["relay"] and names[c["relay"][-1]] == "UNN" for c in data["claims"])


def test_annotate_html_offsets_into_extracted_text(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "<p>" not in data["text"] and "Subscribe now" not in data["text"]
    assert "\u201cWe are ready, and the money is there,\u201d Mayor Jane Roe told" in data["text"]
    assert data["publisher"] == "Daily Bugle" and data["published"] == "2025-11-19"
    quotes = [c for c in data["claims"] if c["kind"] == "direct"]
    assert quotes and "We are ready" in quotes[0]["text"]
    _check_offsets(data)


def test_annotate_missing_path(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["annotate", "no-such-article.txt"])
    assert result.exit_code != 0
    assert "no-such-article.txt" in result.output
    assert "does not exist" in result.output


def test_annotate_binary_file_does_not_stop_the_batch(runner: CliRunner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    src = Path("batch")
    src.mkdir()
    (src / "a-good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b-junk.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (src / "c-good.txt").write_text("The mayor said the bridge would reopen.\n", encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(src), "--out", "out"])
    assert result.exit_code == 1
    assert "b-junk.txt" in result.stderr and "binary" in result.stderr
    assert result.stderr.count("b-junk.txt") == 1  # the path once, before the reason
    assert sorted(p.name for p in Path("out").iterdir()) == ["a-good.json", "c-good.json"]


@pytest.mark.parametrize("bad", ["19/11/2025", "2025-02-30", "yesterday", "2025-11", "20251119"])
def test_annotate_published_must_be_a_date(runner: CliRunner, article: Path, bad: str) -> None:
    result = runner.invoke(app, ["annotate", str(article), "--published", bad, "--format", "json"])
    assert result.exit_code == 2
    words = " ".join(result.output.replace("│", " ").split())
    assert f"'{bad}' is not a date: write it as YYYY-MM-DD" in words
    assert '"claims"' not in result.output


def test_annotate_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["annotate", str(tmp_path)])
    assert result.exit_code != 0
    assert "no .txt or .html files" in result.output


# -- eval -----------------------------------------------------------------------------------------


def test_eval_gold_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", str(GOLD), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert "total" in report
    assert 0.0 <= report["total"]["attribution_f1"] <= 1.0
    # the totals are over the first two documents only, not the unannotated rest
    assert len(report["documents"]) == 2
    assert report["total"]["gold"] == sum(d["gold"] for d in report["documents"].values())


def test_eval_gold_with_prediction_folder(runner: CliRunner, tmp_path: Path) -> None:
    # a prediction that is the gold article annotated by the engine, read back from --pred
    preds = tmp_path / "pred"
    result = runner.invoke(app, ["annotate", str(GOLD / "wikinews-2019-001.txt"), "--out", str(preds)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["eval", str(GOLD), "--pred", str(preds), "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"]["pred"] > 0


def test_eval_polnear_style_folder(runner: CliRunner, tmp_path: Path) -> None:
    # made-up text in PolNeAR's layout (text/NAME.txt, attributions/NAME_ANNOTATOR.ann in brat standoff)
    text = "Senator Jane Roe said the bridge will reopen in May. The council agreed."
    source, cue, content = (text.index(p) for p in ("Senator Jane Roe", "said", "the bridge will reopen in May"))
    ann = "\n".join([
        f"T1\tSource {source} {source + 16}\tSenator Jane Roe",
        f"T2\tCue {cue} {cue + 4}\tsaid",
        f"T3\tContent {content} {content + 29}\tthe bridge will reopen in May",
        f"T4\tAttribution {cue} {cue + 4}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ]) + "\n"
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "doc1_abcd.ann").write_text(ann, encoding="utf-8")

    result = runner.invoke(app, ["eval", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["total"]["content_r"] == 1.0

    table = runner.invoke(app, ["eval", str(tmp_path)])
    assert table.exit_code == 0, table.output


def test_eval_not_a_folder(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short path: typer's error box wraps long lines
    result = runner.invoke(app, ["eval", "nowhere"])
    assert result.exit_code != 0
    assert "nowhere is not a folder" in result.output


@pytest.mark.parametrize(("args", "usage", "shown"), [
    (["annotate", "--help"], "Usage: whosaid annotate [OPTIONS] PATH...",
     ["PATH... Files", "--publisher NAME", "--published DATE", "--out DIR", "--format -f FORMAT"]),
    (["eval", "--help"], "Usage: whosaid eval [OPTIONS] [GOLD_DIR]",
     ["--pred DIR", "--limit N", "--json Print", "--calibration Also", "--stories DIR"]),
    (["train-confidence", "--help"], "Usage: whosaid train-confidence [OPTIONS] [GOLD_DIR...]",
     ["--out FILE", "--card FILE", "--folds K", "--l2 L2"]),
    (["serve", "--help"], "Usage: whosaid serve [OPTIONS]", ["--host ADDRESS", "--port PORT", "/ui/"]),
    (["db", "upgrade", "--help"], "Usage: whosaid db upgrade [OPTIONS] [REVISION]", ["REVISION Target revision"]),
    (["keys", "create", "--help"], "Usage: whosaid keys create [OPTIONS]", ["--name NAME", "--role ROLE"]),
    (["keys", "revoke", "--help"], "Usage: whosaid keys revoke [OPTIONS] ID", ["ID The key's id"]),
    (["ingest", "--help"], "Usage: whosaid ingest [OPTIONS] PATH...", ["--workers N", "--no-cluster"]),
    (["stories", "cluster", "--help"], "Usage: whosaid stories cluster [OPTIONS]", ["--batch-size N"]),
    (["--help"], "Usage: whosaid [OPTIONS] COMMAND [ARGS]...", ["annotate", "serve"]),
])
def test_help_reads_as_a_person_writes_it(runner: CliRunner, args: list[str], usage: str, shown: list[str]) -> None:
    """No `{paths}...` in the usage line, no `<bool>` after a flag, no `<str>` or `<list[Path]>`: the names
    of what an option takes, as the README writes them."""
    result = runner.invoke(app, args, prog_name="whosaid", terminal_width=120)
    assert result.exit_code == 0, result.output
    words = " ".join(result.output.replace("│", " ").split())
    assert usage in words
    for part in shown:
        assert part in words
    for junk in ("{", "<bool>", "<str>", "<int>", "<path>", "<list["):
        assert junk not in result.output
    assert "--help Show this message and exit." in words


def test_python_dash_m_app_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "app", "--help"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "annotate" in proc.stdout and "eval" in proc.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"WHOSAID_SPACY_MODEL": "no_such_pipeline"}, "'no_such_pipeline' is not installed"),
        ({"WHOSAID_LEXICON_DIRS": '["badlex"]'}, "cues.local.jsonl:1: unknown cue category 'gossip'"),
        ({"WHOSAID_LEXICON_DIRS": "badlex"}, "lists are JSON"),
    ],
)
def test_setup_errors_are_one_clear_line(tmp_path: Path, env: dict[str, str], message: str) -> None:
    (tmp_path / "badlex").mkdir()
    (tmp_path / "badlex" / "cues.local.jsonl").write_text('{"cue": "quip", "category": "gossip"}\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "app", "annotate", "a.txt"], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path, env={**os.environ, **env})
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) <= 3
