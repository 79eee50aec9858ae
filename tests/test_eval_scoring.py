"""Tests for app.eval: the gold scoring rules, agreement with ../shared/tools/score.py, PolNeAR reading
and scoring, and the report renderers.

Tests that read ../shared (the reference scorer, the gold article, PolNeAR) skip with a message where it
is absent; PolNeAR text is only read from there, never copied into the project.
"""
from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from app.eval.polnear import BratSpan, load_polnear, parse_brat, score_polnear
from app.eval.report import render_report, to_json
from app.eval.scoring import (
    Counts,
    figures,
    match_one_to_one,
    normalize_name,
    relay_matches,
    score_directory,
    score_document,
    speaker_matches,
    token_f1,
    words,
)

SHARED = Path(os.environ.get("WHOSAID_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SCORE_PY = SHARED / "tools" / "score.py"
GOLD_DIR = SHARED / "gold"
GOLD_NAME = "unn-us-peace-plan"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent: these tests read ../shared (set WHOSAID_SHARED to its location)")


# --------------------------------------------------------------------------------------------------
# Unit tables


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("the plan has 28 points", "the plan has 28 points", 1.0),
        ("The Plan", "plan the", 1.0),  # bag of words, case folded
        ('"Hello, world."', "hello world", 1.0),  # punctuation and quote marks ignored
        ("a a b", "a b", 0.8),  # multiplicity counts: p = 2/3, r = 1
        ("a b", "a c", 0.5),
        ("a", "a b c d", 0.4),
        ("x y", "z", 0.0),
        ("", "anything", 0.0),
        (None, "anything", 0.0),
        ("...", "!!!", 0.0),
    ],
)
def test_token_f1(a: str | None, b: str | None, expected: float) -> None:
    assert token_f1(a, b) == pytest.approx(expected)
    assert token_f1(b, a) == pytest.approx(expected)


def test_words_are_unicode_and_lowercased() -> None:
    assert words("Зеленський SAID: «так»") == ["зеленський", "said", "так"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Official", "official"),
        ("an American official", "american official"),
        ("A Ukrainian official", "ukrainian official"),
        ("One of the high-ranking Russian representatives", "high ranking russian representative"),
        ("one of them", "them"),
        ("some of the sources", "source"),
        ("American and Russian officials", "american and russian official"),
        ("informed sources", "informed source"),
        ("the press", "press"),  # "-ss" is not a plural
        ("US", "us"),  # short words are not folded
        ("the", "the"),  # a bare determiner is a name of its own
        ("  Kirill   Dmitriev ", "kirill dmitriev"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_name(name: str | None, expected: str) -> None:
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    ("pred", "gold", "gold_type", "expected"),
    [
        ("Kirill Dmitriev", ["Kirill Dmitriev", "Dmitriev"], "person", True),
        ("Dmitriev", ["Kirill Dmitriev"], "person", True),  # surname accepts the full name
        ("Kirill Dmitriev", ["Dmitriev"], "person", True),  # and the full name the surname
        ("Kirill Dmitriev", ["Dmitriev"], "anonymous", False),  # only for persons
        ("Ivan Dmitriev", ["Kirill Dmitriev"], "person", False),
        ("Dmitri", ["Kirill Dmitriev"], "person", False),  # whole words only
        ("the publication", ["Axios", "the publication"], "outlet", True),
        ("American official", ["an American official"], "anonymous", True),
        ("American officials", ["an American official"], "anonymous", True),
        ("high-ranking Russian representatives", ["One of the high-ranking Russian representatives"], "anonymous", True),
        ("a Russian official", ["an American official"], "anonymous", False),
        ("", ["Axios"], "outlet", False),
        (None, ["Axios"], "outlet", False),
    ],
)
def test_speaker_matches(pred: str | None, gold: list[str], gold_type: str, expected: bool) -> None:
    assert speaker_matches(pred, gold, gold_type) is expected


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        (["Axios", "UNN"], ["Axios", "UNN"], True),
        (["the Axios", "unn"], ["Axios", "UNN"], True),
        (["UNN", "Axios"], ["Axios", "UNN"], False),  # order matters
        (["UNN"], ["Axios", "UNN"], False),
        (["Axios", "UNN", "UNN"], ["Axios", "UNN"], False),
        ([], [], True),
        (["AP", "Example Times"], [["AP", "Associated Press"], "Example Times"], True),  # hop alternatives
        (["Associated Press", "Example Times"], [["AP", "Associated Press"], "Example Times"], True),
        (["Reuters", "Example Times"], [["AP", "Associated Press"], "Example Times"], False),
    ],
)
def test_relay_matches(pred: list[str], gold: list, expected: bool) -> None:
    assert relay_matches(pred, gold) is expected


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # each side used once: the weaker duplicate stays unmatched
        (["a b c d", "e f g h"], ["a b c d", "a b c", "e f g h x"], {(0, 0), (1, 2)}),
        # best pair first, even when another prediction also passes the threshold
        (["a b c d"], ["a b", "a b c d"], {(0, 1)}),
        # greedy: the better pair wins although the other gold claim is then left unmatched
        (["a b c d", "a b"], ["a b c"], {(0, 0)}),
        (["a b"], ["a c"], {(0, 0)}),  # F1 exactly 0.5 matches
        (["a b c d"], ["a"], set()),  # 0.4 does not
        ([], ["a"], set()),
        (["a"], [], set()),
    ],
)
def test_match_one_to_one(gold: list[str], pred: list[str], expected: set[tuple[int, int]]) -> None:
    assert {(m.gold, m.pred) for m in match_one_to_one(gold, pred)} == expected


def _claim(cid: str, text: str, speaker: str | None = None, relay: tuple[str, ...] = (), kind: str = "indirect") -> dict:
    return {
        "id": cid,
        "text": text,
        "start": 0,
        "end": len(text),
        "kind": kind,
        "speaker": {"source": speaker, "text": speaker, "start": 0, "end": 0} if speaker else None,
        "relay": list(relay),
        "confidence": 0.9,
    }


SMALL_GOLD = {
    "claims": [
        {"text": "the plan has twenty eight points", "speaker": ["Axios"], "speaker_type": "outlet",
         "kind": "indirect", "relay": ["UNN"]},
        {"text": "talks went well in Miami", "speaker": ["Kirill Dmitriev", "Dmitriev"], "speaker_type": "person",
         "kind": "direct", "relay": ["Axios", "UNN"]},
    ],
    "optional": [{"text": "the summit plans are still in effect", "speaker": ["Dmitriev"]}],
}


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # a prediction matching only an optional claim is ignored: not counted, not spurious
        ([_claim("c1", "summit plans are still in effect")],
         dict(gold=2, pred=0, matched=0, spurious=0, ignored=1, missed=2)),
        # one that matches nothing is spurious
        ([_claim("c1", "the weather was cold")], dict(gold=2, pred=1, matched=0, spurious=1, ignored=0, missed=2)),
        # a prediction that matches a required claim is matched, whatever the optional claims say
        ([_claim("c1", "the plan has twenty eight points", "Axios", ("UNN",)),
          _claim("c2", "the summit plans are still in effect")],
         dict(gold=2, pred=1, matched=1, spurious=0, ignored=1, missed=1)),
    ],
)
def test_optional_claims_are_neither_required_nor_penalised(claims: list[dict], expected: dict) -> None:
    score = score_document(SMALL_GOLD, {"claims": claims, "sources": []})
    got = dict(gold=score.counts.gold, pred=score.counts.pred, matched=score.counts.matched,
               spurious=len(score.spurious), ignored=len(score.ignored), missed=len(score.missed))
    assert got == expected
    assert all(m.text != SMALL_GOLD["optional"][0]["text"] for m in score.missed)


def test_score_document_counts_and_wrong_details() -> None:
    pred = {
        "claims": [
            _claim("c1", "the plan has twenty eight points", "s1", ("s9",)),  # speaker via source, relay id unknown
            _claim("c2", "talks went well in Miami", "s2", ("s1", "s3"), kind="indirect"),
        ],
        "sources": [
            {"id": "s1", "name": "Axios", "type": "outlet"},
            {"id": "s2", "name": "Dmitriev", "type": "person"},
            {"id": "s3", "name": "UNN", "type": "outlet"},
        ],
    }
    score = score_document(SMALL_GOLD, pred)
    assert score.counts == Counts(gold=2, pred=2, matched=2, speaker_ok=2, relay_ok=1, correct=1, kind_ok=1)
    assert [d.pred.relay for d in score.wrong] == [("s9",)]
    figs = figures(score.counts)
    assert figs["claim_f1"] == 1.0 and figs["relay_acc"] == 0.5 and figs["attribution_f1"] == 0.5


def test_figures_with_nothing() -> None:
    figs = figures(Counts())
    assert figs["claim_f1"] == 0.0 and figs["speaker_acc"] == 0.0 and figs["gold"] == 0
    assert figures(Counts().as_dict()) == figs  # a plain mapping works too


# --------------------------------------------------------------------------------------------------
# Agreement with the reference scorer on synthetic predictions built from the shared gold article


def _load_gold() -> tuple[dict, str]:
    gold_path = GOLD_DIR / f"{GOLD_NAME}.gold.json"
    _need(gold_path)
    _need(SCORE_PY)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (GOLD_DIR / f"{GOLD_NAME}.txt").read_text(encoding="utf-8")
    return gold, text


def _specs(gold: dict) -> list[dict]:
    """Editable claim descriptions: what a prediction says, before it becomes a contract dict."""
    return [
        {"text": c["text"], "start": c["start"], "end": c["end"], "kind": c["kind"], "speaker": c["speaker"][0],
         "speaker_mode": "source", "relay": list(c["relay"]), "relay_mode": "ids"}
        for c in gold["claims"]
    ]


def _contract(specs: list[dict], text: str) -> dict:
    """An annotation-contract dict for claim specs; sources are shared by name."""
    sources: dict[str, dict] = {}

    def source_id(name: str, type_: str) -> str:
        if name not in sources:
            sources[name] = {"id": f"s{len(sources) + 1}", "name": name, "type": type_, "anonymous": False,
                             "descriptors": [], "affiliation": None, "mentions": []}
        return sources[name]["id"]

    claims = []
    for i, spec in enumerate(specs):
        speaker = None
        if spec["speaker"] is not None:
            at = max(text.find(spec["speaker"]), 0)
            mention = {"text": spec["speaker"], "start": at, "end": at + len(spec["speaker"])}
            mode = spec["speaker_mode"]
            if mode == "source":
                speaker = {"source": source_id(spec["speaker"], "unknown"), **mention}
            elif mode == "dangling":  # a source id that names no source: the mention text is the name
                speaker = {"source": "s-missing", **mention}
            else:  # "mention": no source id at all
                speaker = mention
        relay = [source_id(r, "outlet") for r in spec["relay"]] if spec["relay_mode"] == "ids" else list(spec["relay"])
        claims.append({"id": f"c{i + 1}", "text": spec["text"], "start": spec["start"], "end": spec["end"],
                       "kind": spec["kind"], "cue": None, "speaker": speaker, "relay": relay, "confidence": 0.5})
    return {"schema": "whosaid.annotation/1", "text": text, "publisher": "UNN", "published": "2025-11-19",
            "claims": claims, "sources": list(sources.values())}


def _truncate(spec: dict, fraction: float) -> None:
    ws = spec["text"].split()
    spec["text"] = " ".join(ws[: max(1, round(len(ws) * fraction))])
    spec["end"] = spec["start"] + len(spec["text"])


def _variant(name: str, gold: dict, text: str) -> list[dict]:
    specs = _specs(gold)
    if name == "perfect":
        pass
    elif name == "wrong_speakers":
        for i, s in enumerate(specs):
            if i % 3 == 0:
                s["speaker"] = "Volodymyr Zelensky"
            elif i % 3 == 1:
                s["speaker"] = gold["claims"][i]["speaker"][-1]  # an accepted alternative
    elif name == "surnames_and_plurals":
        for s, g in zip(specs, gold["claims"]):
            s["speaker"] = g["speaker"][0].split()[-1] if g["speaker_type"] == "person" else g["speaker"][0] + "s"
    elif name == "no_speakers":
        for s in specs[::2]:
            s["speaker"] = None
    elif name == "dropped":
        specs = specs[::2]
    elif name == "truncated":
        for i, s in enumerate(specs):
            _truncate(s, (0.9, 0.6, 0.4, 0.3, 0.5)[i % 5])
    elif name == "shuffled_relays":
        rng = random.Random(7)
        for i, s in enumerate(specs):
            if len(s["relay"]) > 1:
                rng.shuffle(s["relay"])
            if i % 4 == 0:
                s["relay"] = s["relay"] + ["Reuters"]
            elif i % 4 == 1:
                s["relay"] = s["relay"][-1:]
    elif name == "relay_as_names":
        for s in specs[1::2]:
            s["relay_mode"] = "names"
    elif name == "wrong_kinds":
        for i, s in enumerate(specs):
            if i % 2:
                s["kind"] = "direct" if s["kind"] != "direct" else "indirect"
    elif name == "spurious":
        extra = [o["text"] for o in gold["optional"]]  # ignored: they match optional claims
        extra += [sentence for sentence in text.split(". ")[:8] if not any(sentence in c["text"] for c in gold["claims"])]
        extra += [gold["claims"][0]["text"], gold["claims"][3]["text"][:40]]  # duplicates: one of each pair is spurious
        for t in extra:
            specs.append({"text": t, "start": 0, "end": len(t), "kind": "indirect", "speaker": "Axios",
                          "speaker_mode": "source", "relay": ["UNN"], "relay_mode": "ids"})
    elif name == "mention_only":
        for i, s in enumerate(specs):
            s["speaker_mode"] = ("mention", "dangling")[i % 2]
    elif name == "empty":
        specs = []
    elif name.startswith("random"):
        rng = random.Random(int(name[len("random"):]))
        out = []
        for i, s in enumerate(specs):
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.3:
                _truncate(s, rng.choice([0.3, 0.45, 0.55, 0.7]))
            if rng.random() < 0.3:
                s["speaker"] = rng.choice([None, "Axios", "officials", "Trump", "the official", gold["claims"][i]["speaker"][-1]])
            s["speaker_mode"] = rng.choice(["source", "source", "mention", "dangling"])
            if rng.random() < 0.3:
                s["relay"] = rng.choice([[], ["UNN"], ["Axios", "UNN"], ["UNN", "Axios"], ["the Axios", "unn"]])
            s["relay_mode"] = rng.choice(["ids", "names"])
            if rng.random() < 0.2:
                s["kind"] = rng.choice(["direct", "indirect", "mixed", "according_to"])
            out.append(s)
        for _ in range(rng.randint(0, 4)):
            start = rng.randrange(0, len(text) - 200)
            t = text[start : start + rng.randint(30, 200)]
            out.insert(rng.randrange(len(out) + 1), {"text": t, "start": start, "end": start + len(t), "kind": "indirect",
                                                    "speaker": "UNN", "speaker_mode": "source", "relay": ["UNN"],
                                                    "relay_mode": "ids"})
        specs = out
    else:  # pragma: no cover - a typo in the table below
        raise ValueError(name)
    return specs


VARIANTS = [
    "perfect", "wrong_speakers", "surnames_and_plurals", "no_speakers", "dropped", "truncated", "shuffled_relays",
    "relay_as_names", "wrong_kinds", "spurious", "mention_only", "empty",
    *(f"random{seed}" for seed in range(8)),
]


def _reference(*args: Path | str) -> dict:
    done = subprocess.run([sys.executable, str(SCORE_PY), *map(str, args)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.shared
@pytest.mark.parametrize("variant", VARIANTS)
def test_agrees_with_reference_scorer(variant: str, tmp_path: Path) -> None:
    gold, text = _load_gold()
    pred = _contract(_variant(variant, gold, text), text)
    pred_path = tmp_path / f"{GOLD_NAME}.json"
    pred_path.write_text(json.dumps(pred), encoding="utf-8")

    reference = _reference(GOLD_DIR / f"{GOLD_NAME}.gold.json", pred_path, "--verbose")
    ours = score_document(copy.deepcopy(gold), pred)

    assert ours.figures == {k: reference[k] for k in ours.figures}
    assert [g.text[:60] for g in ours.missed] == reference["missed"]
    assert [p.text[:60] for p in ours.spurious] == reference["spurious"]
    assert [(d.speaker_ok, d.relay_ok) for d in ours.details] == [(d["speaker_ok"], d["relay_ok"]) for d in reference["details"]]


@pytest.mark.shared
def test_perfect_copy_scores_one() -> None:
    gold, text = _load_gold()
    figs = score_document(gold, _contract(_variant("perfect", gold, text), text)).figures
    assert figs["attribution_f1"] == figs["claim_f1"] == figs["kind_acc"] == 1.0


@pytest.mark.shared
def test_directory_totals_agree_with_reference_scorer(tmp_path: Path) -> None:
    gold, text = _load_gold()
    pred = _contract(_variant("random3", gold, text), text)
    (tmp_path / f"{GOLD_NAME}.json").write_text(json.dumps(pred), encoding="utf-8")

    reference = _reference("--dir", GOLD_DIR, tmp_path, "--verbose")
    report = score_directory(GOLD_DIR, {GOLD_NAME: pred})
    assert report.total == reference["total"]
    assert {name: doc.figures for name, doc in report.documents.items()} == {
        name: {k: v for k, v in figs.items() if k not in ("missed", "spurious", "wrong")}
        for name, figs in reference["documents"].items()
    }
    # keyed by the article file name works too, and a missing prediction scores as empty
    assert score_directory(GOLD_DIR, {f"{GOLD_NAME}.txt": pred}).total == report.total
    assert score_directory(GOLD_DIR, {}).total["claim_r"] == 0.0


def test_score_directory_sums_counts_then_computes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.gold.json").write_text(json.dumps(SMALL_GOLD), encoding="utf-8")
    perfect = {"claims": [_claim("c1", "the plan has twenty eight points", "Axios", ("UNN",)),
                          _claim("c2", "talks went well in Miami", "Dmitriev", ("Axios", "UNN"), kind="direct")],
               "sources": []}
    report = score_directory(tmp_path, {"a": perfect})
    assert report.documents["a"].figures["attribution_f1"] == 1.0
    assert report.documents["b"].figures["claim_r"] == 0.0
    assert report.counts == Counts(gold=4, pred=2, matched=2, speaker_ok=2, relay_ok=2, correct=2, kind_ok=2)
    assert report.total["claim_p"] == 1.0 and report.total["claim_r"] == 0.5 and report.total["claim_f1"] == 0.667


def test_score_directory_needs_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        score_directory(tmp_path / "nope", {})


# --------------------------------------------------------------------------------------------------
# PolNeAR


def _span(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


def _write_brat(folder: Path) -> str:
    """A tiny PolNeAR-style folder with made-up text (never PolNeAR's own)."""
    text = (
        'Senator Jane Roe said the bridge will reopen in May. '
        '"We are ready," Roe told reporters, "and the money is there." '
        "It was reported that the mayor will resign.\r\nThe council agreed."
    )
    s1, c1, t1 = _span(text, "Senator Jane Roe"), _span(text, "said"), _span(text, "the bridge will reopen in May")
    q1, q2 = _span(text, '"We are ready,"'), _span(text, '"and the money is there."')
    s2, c2 = _span(text, "Roe", q1[1]), _span(text, "told")
    c3, t3 = _span(text, "was reported"), _span(text, "the mayor will resign")
    d = _span(text, "The council agreed.")
    lines = [
        f"T1\tSource {s1[0]} {s1[1]}\t{text[s1[0]:s1[1]]}",
        f"T2\tCue {c1[0]} {c1[1]}\tsaid",
        f"T3\tContent {t1[0]} {t1[1]}\t{text[t1[0]:t1[1]]}",
        f"T4\tAttribution {c1[0]} {c1[1]}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        # a quotation interrupted by its attribution: one discontinuous Content span
        f"T5\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t{text[q1[0]:q1[1]]} {text[q2[0]:q2[1]]}",
        f"T6\tSource {s2[0]} {s2[1]}\tRoe",
        f"T7\tCue {c2[0]} {c2[1]}\ttold",
        f"T8\tAttribution {c2[0]} {c2[1]}\ttold",
        "E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5",
        # a relation without a source
        f"T9\tCue {c3[0]} {c3[1]}\twas reported",
        f"T10\tContent {t3[0]} {t3[1]}\t{text[t3[0]:t3[1]]}",
        f"T11\tAttribution-no-source {c3[0]} {c3[1]}\twas reported",
        "E3\tAttribution-no-source:T11 Content:T10 Cue:T9",
        # noise that is not a relation, and a relation without content
        f"T12\tDiscard {d[0]} {d[1]}\tThe council agreed.",
        "E4\tAttribution-no-source:T11 ",
        "#1\tAnnotatorNotes T1\ta note",
    ]
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "doc1.txt").write_bytes(text.encode("utf-8"))
    (folder / "attributions" / "doc1_aaaa.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "attributions" / "doc1_bbbb.ann").write_text("", encoding="utf-8")  # second annotator: not used
    (folder / "text" / "doc2.txt").write_text("Not annotated.", encoding="utf-8")  # no .ann: left out
    (folder / "text" / "doc0.txt").write_text("Nobody said anything.", encoding="utf-8")
    (folder / "attributions" / "doc0_cccc.ann").write_text("", encoding="utf-8")
    return text


def test_load_polnear_synthetic(tmp_path: Path) -> None:
    text = _write_brat(tmp_path)
    docs = load_polnear(tmp_path)
    assert [(d.name, d.annotator, len(d.attributions)) for d in docs] == [("doc0", "cccc", 0), ("doc1", "aaaa", 3)]
    assert [d.name for d in load_polnear(tmp_path, limit=1)] == ["doc0"]

    said, quote, reported = docs[1].attributions
    assert said.source is not None and said.source.text == "Senator Jane Roe"
    assert len(quote.content.pieces) == 2
    assert quote.content.text == '"We are ready," "and the money is there."'
    assert [text[s:e] for s, e in quote.content.pieces] == ['"We are ready,"', '"and the money is there."']
    assert reported.source is None and reported.cue is not None and reported.cue.text == "was reported"


def test_parse_brat_rejects_offsets_that_are_not_the_articles() -> None:
    with pytest.raises(ValueError, match="does not match"):
        parse_brat("T1\tContent 0 5\tHello", "Howdy, world", name="x.ann")


def test_parse_brat_merges_numbered_roles() -> None:
    text = "A said B. And C."
    ann = "T1\tContent 7 8\tB\nT2\tContent 14 15\tC\nT3\tCue 2 6\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T3 Content2:T2\n"
    (rel,) = parse_brat(ann, text)
    assert rel.content.pieces == ((7, 8), (14, 15)) and rel.content.text == "B C"


def test_brat_span_overlap() -> None:
    span = BratSpan(pieces=((0, 5), (10, 15)), text="")
    assert span.overlaps(4, 6) and span.overlaps(12, 13)
    assert not span.overlaps(5, 10) and not span.overlaps(None, None)


def _pred_claim(text: str, doc_text: str, speaker: tuple[int, int] | None, cue: tuple[int, int] | None,
                speaker_text: str | None = None) -> dict:
    return {
        "id": "c", "text": text, "start": 0, "end": len(text), "kind": "indirect", "confidence": 0.5, "relay": [],
        "speaker": None if speaker is None else {"source": "s1", "text": speaker_text or doc_text[speaker[0]:speaker[1]],
                                                 "start": speaker[0], "end": speaker[1]},
        "cue": None if cue is None else {"text": doc_text[cue[0]:cue[1]], "start": cue[0], "end": cue[1]},
    }


def test_score_polnear_synthetic(tmp_path: Path) -> None:
    text = _write_brat(tmp_path)
    docs = load_polnear(tmp_path)
    claims = [
        # matched; speaker span overlaps ("Jane" inside "Senator Jane Roe"), cue right
        _pred_claim("the bridge will reopen in May", text, _span(text, "Jane"), _span(text, "said")),
        # matched without quote marks; speaker found by name elsewhere (token F1), cue missing
        _pred_claim("We are ready, and the money is there", text, (0, 0), None, speaker_text="Roe"),
        # matched; gold has no source but we invented one -> source wrong; cue overlaps
        _pred_claim("the mayor will resign", text, _span(text, "reporters"), _span(text, "reported")),
        # spurious
        _pred_claim("The council agreed.", text, None, None),
    ]
    report = score_polnear(docs, {"doc1": {"claims": claims, "sources": []}})
    doc1 = report.documents[1]
    assert (doc1.counts.gold, doc1.counts.pred, doc1.counts.matched) == (3, 4, 3)
    assert [(p.source_ok, p.cue_ok) for p in sorted(doc1.pairs, key=lambda p: p.pred_index)] == [
        (True, True), (True, False), (False, True)
    ]
    assert doc1.spurious == [3]
    assert report.total["content_p"] == 0.75 and report.total["content_r"] == 1.0
    assert report.total["source_acc"] == 0.667 and report.total["cue_acc"] == 0.667

    # no speaker for the source-less relation is right
    claims[2]["speaker"] = None
    assert score_polnear(docs, {"doc1": {"claims": claims}}).total["source_acc"] == 1.0
    # limit keeps the first documents; a missing prediction is empty
    limited = score_polnear(docs, {}, limit=1)
    assert [d.name for d in limited.documents] == ["doc0"] and limited.total["pred"] == 0


@pytest.mark.shared
def test_load_polnear_dev_first_documents() -> None:
    _need(POLNEAR_DEV)
    docs = load_polnear(POLNEAR_DEV, limit=3)
    assert len(docs) == 3
    assert [d.name for d in docs] == sorted(d.name for d in docs)
    for doc in docs:
        assert doc.attributions, doc.name
        for rel in doc.attributions:
            assert rel.content.text == " ".join(doc.text[s:e] for s, e in rel.content.pieces)
            if rel.source is not None:
                assert rel.source.text == doc.text[rel.source.start : rel.source.end] or len(rel.source.pieces) > 1
    # copying the gold relations back as predictions scores 1.0 throughout
    predictions = {
        d.name: {"claims": [
            _pred_claim(r.content.text, d.text, (r.source.start, r.source.end) if r.source else None,
                        (r.cue.start, r.cue.end) if r.cue else None)
            for r in d.attributions
        ]}
        for d in docs
    }
    total = score_polnear(docs, predictions).total
    assert total["content_f1"] == total["source_acc"] == total["cue_acc"] == 1.0


# --------------------------------------------------------------------------------------------------
# Reports


def test_render_and_json_gold_report(tmp_path: Path) -> None:
    (tmp_path / "a.gold.json").write_text(json.dumps(SMALL_GOLD), encoding="utf-8")
    pred = {"claims": [_claim("c1", "the plan has twenty eight points", "Reuters", ("UNN",)),
                       _claim("c2", "the weather was cold")], "sources": []}
    report = score_directory(tmp_path, {"a": pred})
    console = Console(record=True, width=160)
    render_report(report, console)
    out = console.export_text()
    for expected in ("claim_f1", "total", "missed", "talks went well in Miami", "spurious", "the weather was cold",
                     "speaker: Reuters", "gold: Axios"):
        assert expected in out
    data = json.loads(to_json(report, details=True))
    assert data["total"]["claim_p"] == 0.5
    assert data["documents"]["a"]["missed"] == ["talks went well in Miami"]
    assert data["documents"]["a"]["wrong"][0]["speaker"] == "Reuters"
    assert "missed" not in json.loads(to_json(report))["documents"]["a"]


def test_render_and_json_polnear_report(tmp_path: Path) -> None:
    _write_brat(tmp_path)
    report = score_polnear(load_polnear(tmp_path), {})
    console = Console(record=True, width=160)
    render_report(report, console)
    out = console.export_text()
    assert "content_f1" in out and "doc1" in out
    assert json.loads(to_json(report))["total"]["gold"] == 3
