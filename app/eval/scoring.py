"""Score annotations against hand-made gold files, by the rules of DESIGN.md ("Gold data and scoring").

Public API (inputs are plain dicts: a gold file as loaded from ``NAME.gold.json`` and a prediction in the
annotation-contract shape printed by ``whosaid annotate FILE --format json``)::

    score_document(gold: dict, pred: dict) -> DocumentScore
    figures(counts: Counts | Mapping[str, int]) -> dict[str, float | int]
    score_directory(gold_dir: str | Path, predictions: Mapping[str, dict]) -> EvalReport
    load_predictions(pred_dir: str | Path) -> dict[str, dict]      # NAME.json files keyed by NAME

and the building blocks, exposed for tests and for ``app.eval.polnear``::

    words(text) -> list[str]                 token_f1(a, b) -> float
    normalize_name(name) -> str              speaker_matches(pred_name, gold_names, gold_type) -> bool
    relay_matches(pred_relay, gold_relay) -> bool
    match_one_to_one(gold_texts, pred_texts, threshold=0.5) -> list[Match]

The rules agree with the reference scorer ``../shared/tools/score.py`` to the third decimal (the test
suite checks this); where a rule has a corner (tie-breaking, plural folding) the reference's choice is kept
so that the two never disagree on the same input.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

__all__ = [
    "MATCH_THRESHOLD",
    "Counts",
    "DocumentScore",
    "EvalReport",
    "GoldClaim",
    "Match",
    "MatchDetail",
    "PredictedClaim",
    "figures",
    "gold_claims",
    "load_predictions",
    "match_one_to_one",
    "normalize_name",
    "predicted_claims",
    "relay_matches",
    "score_directory",
    "score_document",
    "speaker_matches",
    "token_f1",
    "words",
]

MATCH_THRESHOLD = 0.5
"""A predicted claim matches a gold claim when the token F1 of their texts is at least this."""

_WORD = re.compile(r"\w+", re.UNICODE)
# Determiners and partitives that say nothing about *who* the source is: "the official" == "official",
# "one of the high-ranking representatives" == "high-ranking representatives". Longest alternatives first.
_LEADING = re.compile(r"^(?:one of the|one of|some of the|the|an|a)\s+")


# --------------------------------------------------------------------------------------------------
# Text comparison


def words(text: str | None) -> list[str]:
    """The lowercased ``\\w+`` words of ``text``; punctuation and quotation marks are dropped."""
    return [w.lower() for w in _WORD.findall(text or "")]


def token_f1(a: str | None, b: str | None) -> float:
    """Word-token F1 of two texts (bag of lowercased words, counted with multiplicity).

    0.0 when either text has no words. Symmetric: ``token_f1(a, b) == token_f1(b, a)``.
    """
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    common = sum((Counter(wa) & Counter(wb)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(wa), common / len(wb)
    return 2 * precision * recall / (precision + recall)


def _fold_plural(word: str) -> str:
    # "officials" == "official", but leave short words ("was", "us") and "-ss" words ("press") alone.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def normalize_name(name: str | None) -> str:
    """A speaker or outlet name reduced for comparison.

    Lowercased words joined by single spaces, a leading "one of the", "one of", "some of the", "the", "an"
    or "a" dropped, and a simple plural folded on every word longer than three letters that ends in "s"
    but not "ss" ("officials" → "official", "press" stays). The fold is crude ("news" → "new", "Axios" →
    "axio") but both sides of a comparison fold alike, and it is the reference scorer's rule.
    """
    joined = _LEADING.sub("", " ".join(words(name)))
    return " ".join(_fold_plural(w) for w in joined.split())


def speaker_matches(pred_name: str | None, gold_names: Sequence[str], gold_type: str | None = None) -> bool:
    """Whether a predicted speaker name is one of the accepted gold names, after ``normalize_name``.

    For a gold speaker of type ``person`` a surname accepts the full name and vice versa: gold "Dmitriev"
    accepts "Kirill Dmitriev", and gold "Kirill Dmitriev" accepts "Dmitriev" (the names must agree on
    their last words). A missing prediction is never right.
    """
    if not pred_name:
        return False
    pred = normalize_name(pred_name)
    for gold_name in gold_names:
        gold = normalize_name(gold_name)
        if pred == gold:
            return True
        if gold_type == "person" and (pred.endswith(" " + gold) or gold.endswith(" " + pred)):
            return True
    return False


def relay_matches(pred_relay: Sequence[str], gold_relay: Sequence[str | Sequence[str]]) -> bool:
    """Whether predicted relay outlet names equal the gold relay hop by hop, in order.

    A gold hop is an outlet name or a list of accepted names for that hop
    (``[["AP", "Associated Press"], "Example Times"]``); names are compared after ``normalize_name``.
    """
    if len(pred_relay) != len(gold_relay):
        return False
    for pred_hop, gold_hop in zip(pred_relay, gold_relay):
        accepted = [gold_hop] if isinstance(gold_hop, str) else list(gold_hop)
        if normalize_name(pred_hop) not in {normalize_name(n) for n in accepted}:
            return False
    return True


@dataclass(frozen=True)
class Match:
    """One gold–prediction pair chosen by ``match_one_to_one``."""

    gold: int
    pred: int
    f1: float


def match_one_to_one(
    gold_texts: Sequence[str], pred_texts: Sequence[str], threshold: float = MATCH_THRESHOLD
) -> list[Match]:
    """Pair gold and predicted texts one-to-one, best pairs first.

    Every pair with ``token_f1 >= threshold`` is a candidate; candidates are taken in order of falling F1,
    and a pair is kept when neither side is taken yet. Ties in F1 go to the pair with the higher gold index,
    then the higher prediction index — the order the reference scorer uses, so the two pick the same pairs.
    Returned in the order they were chosen.
    """
    candidates = [
        (f1, gi, pi)
        for gi, gold in enumerate(gold_texts)
        for pi, pred in enumerate(pred_texts)
        if (f1 := token_f1(gold, pred)) >= threshold
    ]
    candidates.sort(reverse=True)
    gold_used: set[int] = set()
    pred_used: set[int] = set()
    matches: list[Match] = []
    for f1, gi, pi in candidates:
        if gi in gold_used or pi in pred_used:
            continue
        gold_used.add(gi)
        pred_used.add(pi)
        matches.append(Match(gold=gi, pred=pi, f1=f1))
    return matches


# --------------------------------------------------------------------------------------------------
# Reading gold and predictions


@dataclass(frozen=True)
class GoldClaim:
    """A gold claim as the scorer needs it (see ``../shared/gold/GUIDELINES.md`` for the file format)."""

    text: str
    speaker: tuple[str, ...]
    speaker_type: str | None = None
    kind: str | None = None
    relay: tuple[str | tuple[str, ...], ...] = ()
    start: int | None = None
    end: int | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GoldClaim:
        """Read one entry of a gold file's ``claims`` or ``optional`` list (a bare speaker string is one name)."""
        speaker = data.get("speaker") or ()
        relay = tuple(hop if isinstance(hop, str) else tuple(hop) for hop in data.get("relay") or ())
        return cls(
            text=data.get("text", ""),
            speaker=(speaker,) if isinstance(speaker, str) else tuple(speaker),
            speaker_type=data.get("speaker_type"),
            kind=data.get("kind"),
            relay=relay,
            start=data.get("start"),
            end=data.get("end"),
        )


@dataclass(frozen=True)
class PredictedClaim:
    """A predicted claim with its speaker and relay resolved to names.

    ``speaker`` is the name of the claim's resolved source, or the mention text when the source id is
    missing or unknown, or ``None`` when the claim has no speaker. A relay id that names no source is
    kept as it is (so a relay given as outlet names still scores).
    """

    text: str
    speaker: str | None
    relay: tuple[str, ...]
    kind: str | None
    id: str | None = None
    start: int | None = None
    end: int | None = None


def gold_claims(gold: Mapping[str, Any]) -> tuple[list[GoldClaim], list[GoldClaim]]:
    """The required and the optional claims of a gold file."""
    required = [GoldClaim.from_dict(c) for c in gold.get("claims", [])]
    optional = [GoldClaim.from_dict(c) for c in gold.get("optional", [])]
    return required, optional


def predicted_claims(pred: Mapping[str, Any]) -> list[PredictedClaim]:
    """The claims of an annotation-contract dict, speaker and relay ids resolved to source names."""
    sources = {s.get("id"): s for s in pred.get("sources", [])}
    out: list[PredictedClaim] = []
    for claim in pred.get("claims", []):
        speaker = claim.get("speaker") or None
        name: str | None = None
        if speaker:
            source = sources.get(speaker.get("source")) or {}
            name = source.get("name") or speaker.get("text")
        relay = tuple((sources.get(r) or {}).get("name", r) for r in claim.get("relay", []))
        out.append(
            PredictedClaim(
                text=claim.get("text", ""),
                speaker=name,
                relay=relay,
                kind=claim.get("kind"),
                id=claim.get("id"),
                start=claim.get("start"),
                end=claim.get("end"),
            )
        )
    return out


# --------------------------------------------------------------------------------------------------
# Results


@dataclass
class Counts:
    """The tallies the figures are computed from; they add up across documents."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    speaker_ok: int = 0
    relay_ok: int = 0
    correct: int = 0
    kind_ok: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class MatchDetail:
    """A matched pair: what was predicted next to what the gold file says."""

    gold: GoldClaim
    pred: PredictedClaim
    f1: float
    speaker_ok: bool
    relay_ok: bool
    kind_ok: bool

    @property
    def correct(self) -> bool:
        """Both the speaker and the relay are right (the attribution-F1 criterion)."""
        return self.speaker_ok and self.relay_ok

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold.text,
            "pred": self.pred.text,
            "f1": round(self.f1, 3),
            "speaker": self.pred.speaker,
            "gold_speaker": list(self.gold.speaker),
            "speaker_ok": self.speaker_ok,
            "relay": list(self.pred.relay),
            "gold_relay": [h if isinstance(h, str) else list(h) for h in self.gold.relay],
            "relay_ok": self.relay_ok,
            "kind": self.pred.kind,
            "gold_kind": self.gold.kind,
            "kind_ok": self.kind_ok,
        }


@dataclass
class DocumentScore:
    """The score of one predicted document against its gold file."""

    counts: Counts
    details: list[MatchDetail] = field(default_factory=list)
    missed: list[GoldClaim] = field(default_factory=list)
    spurious: list[PredictedClaim] = field(default_factory=list)
    ignored: list[PredictedClaim] = field(default_factory=list)
    """Unmatched predictions that match an optional gold claim: neither right nor wrong."""

    @property
    def wrong(self) -> list[MatchDetail]:
        """Matched claims whose speaker or relay is wrong."""
        return [d for d in self.details if not d.correct]

    @property
    def figures(self) -> dict[str, float | int]:
        return figures(self.counts)

    def as_dict(self, details: bool = True) -> dict[str, Any]:
        """Figures, and with ``details`` the missed, spurious and wrong claims (as ``score.py --verbose``)."""
        out: dict[str, Any] = dict(self.figures)
        if details:
            out["missed"] = [g.text for g in self.missed]
            out["spurious"] = [p.text for p in self.spurious]
            out["wrong"] = [d.as_dict() for d in self.wrong]
        return out


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def figures(counts: Counts | Mapping[str, int]) -> dict[str, float | int]:
    """The published figures from counts, rounded to 3 decimals.

    ``claim_p/r/f1`` (matching claims), ``speaker_acc``, ``relay_acc``, ``kind_acc`` (shares of matched
    claims; 0.0 when nothing matched), ``speaker_f1`` (a prediction counts only with its speaker right),
    ``attribution_p/r/f1`` (speaker and relay both right: the headline figure), and the raw ``gold`` and
    ``pred`` claim counts.
    """
    c = counts if isinstance(counts, Counts) else Counts(**{f.name: counts[f.name] for f in fields(Counts)})
    claim_p, claim_r = _ratio(c.matched, c.pred), _ratio(c.matched, c.gold)
    speaker_p, speaker_r = _ratio(c.speaker_ok, c.pred), _ratio(c.speaker_ok, c.gold)
    attr_p, attr_r = _ratio(c.correct, c.pred), _ratio(c.correct, c.gold)
    matched = c.matched or 1
    return {
        "claim_p": round(claim_p, 3),
        "claim_r": round(claim_r, 3),
        "claim_f1": round(_f1(claim_p, claim_r), 3),
        "speaker_acc": round(c.speaker_ok / matched, 3),
        "relay_acc": round(c.relay_ok / matched, 3),
        "kind_acc": round(c.kind_ok / matched, 3),
        "speaker_f1": round(_f1(speaker_p, speaker_r), 3),
        "attribution_p": round(attr_p, 3),
        "attribution_r": round(attr_r, 3),
        "attribution_f1": round(_f1(attr_p, attr_r), 3),
        "gold": c.gold,
        "pred": c.pred,
    }


# --------------------------------------------------------------------------------------------------
# Scoring


def score_document(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> DocumentScore:
    """Score one prediction (annotation-contract dict) against one gold file (dict).

    Required gold claims are matched one-to-one with predictions (``match_one_to_one``). A prediction
    left unmatched that still matches an *optional* gold claim is ignored: it counts neither in ``pred``
    nor as spurious. Optional claims are never missed.
    """
    required, optional = gold_claims(gold)
    predictions = predicted_claims(pred)
    matches = match_one_to_one([g.text for g in required], [p.text for p in predictions])
    gold_used = {m.gold for m in matches}
    pred_used = {m.pred for m in matches}

    ignored_idx = {
        pi
        for pi, p in enumerate(predictions)
        if pi not in pred_used and any(token_f1(o.text, p.text) >= MATCH_THRESHOLD for o in optional)
    }

    details = []
    for m in matches:
        g, p = required[m.gold], predictions[m.pred]
        details.append(
            MatchDetail(
                gold=g,
                pred=p,
                f1=m.f1,
                speaker_ok=speaker_matches(p.speaker, g.speaker, g.speaker_type),
                relay_ok=relay_matches(p.relay, g.relay),
                kind_ok=p.kind == g.kind,
            )
        )
    counts = Counts(
        gold=len(required),
        pred=len(predictions) - len(ignored_idx),
        matched=len(matches),
        speaker_ok=sum(d.speaker_ok for d in details),
        relay_ok=sum(d.relay_ok for d in details),
        correct=sum(d.correct for d in details),
        kind_ok=sum(d.kind_ok for d in details),
    )
    return DocumentScore(
        counts=counts,
        details=details,
        missed=[g for gi, g in enumerate(required) if gi not in gold_used],
        spurious=[p for pi, p in enumerate(predictions) if pi not in pred_used and pi not in ignored_idx],
        ignored=[predictions[pi] for pi in sorted(ignored_idx)],
    )


@dataclass
class EvalReport:
    """Scores of a gold directory: one ``DocumentScore`` per gold file, and totals.

    Totals sum the counts over documents and then compute the figures (micro-averaging), as
    ``score.py --dir`` does.
    """

    documents: dict[str, DocumentScore]

    @property
    def counts(self) -> Counts:
        return sum((d.counts for d in self.documents.values()), Counts())

    @property
    def total(self) -> dict[str, float | int]:
        return figures(self.counts)

    def as_dict(self, details: bool = False) -> dict[str, Any]:
        """``{"total": figures, "documents": {name: figures [+ missed/spurious/wrong]}}``."""
        return {
            "total": self.total,
            "documents": {name: doc.as_dict(details=details) for name, doc in self.documents.items()},
        }


GOLD_SUFFIX = ".gold.json"


def load_predictions(pred_dir: str | Path) -> dict[str, dict]:
    """Read ``NAME.json`` annotation files from a folder, keyed by ``NAME`` (what ``score_directory`` takes)."""
    return {p.name[: -len(".json")]: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(pred_dir).glob("*.json"))}


def score_directory(gold_dir: str | Path, predictions: Mapping[str, Mapping[str, Any]]) -> EvalReport:
    """Score predictions against every ``NAME.gold.json`` in ``gold_dir``, in sorted order.

    ``predictions`` maps ``NAME`` (the gold file name without ``.gold.json``, which is also the article
    file's stem) to an annotation-contract dict; the gold file's ``document`` field (``NAME.txt``) is
    accepted as a key too. A gold file without a prediction scores as an empty prediction.
    Raises ``FileNotFoundError`` when ``gold_dir`` is not a folder.
    """
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"gold folder not found: {folder}")
    documents: dict[str, DocumentScore] = {}
    for path in sorted(folder.glob(f"*{GOLD_SUFFIX}")):
        name = path.name[: -len(GOLD_SUFFIX)]
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred = predictions.get(name) or predictions.get(gold.get("document", "")) or {"claims": [], "sources": []}
        documents[name] = score_document(gold, pred)
    return EvalReport(documents=documents)
