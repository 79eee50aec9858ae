"""Score annotations against PolNeAR attribution relations (a large development set, no gold relays).

Public API::

    load_polnear(folder: str | Path, limit: int | None = None) -> list[PolnearDocument]
    score_polnear(docs: Sequence[PolnearDocument], predictions: Mapping[str, dict],
                  limit: int | None = None) -> PolnearReport
    parse_brat(ann: str, text: str, name: str = "") -> list[PolnearAttribution]

``folder`` is a PolNeAR split (``../shared/data/polnear/dev``): ``text/NAME.txt`` holds the article and
``attributions/NAME_ANNOTATOR.ann`` its relations in brat standoff. ``predictions`` maps ``NAME`` to an
annotation-contract dict (``whosaid annotate --format json``) whose offsets refer to ``NAME.txt``.

Figures: content precision / recall / F1 (predicted claim text against gold Content, one-to-one, best
pairs first, token F1 >= 0.5, as in ``app.eval.scoring``), and on matched pairs source accuracy and cue
accuracy (see ``score_polnear``). PolNeAR has no relays and its own notion of a source span, so these are
development figures, not the headline gold figure.

PolNeAR has no licence: read it from ``../shared``; never copy its text into the project.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.eval.scoring import MATCH_THRESHOLD, match_one_to_one, token_f1

__all__ = [
    "BratSpan",
    "PolnearAttribution",
    "PolnearCounts",
    "PolnearDocument",
    "PolnearDocumentScore",
    "PolnearPair",
    "PolnearReport",
    "load_polnear",
    "parse_brat",
    "polnear_figures",
    "score_polnear",
    "score_polnear_document",
]

# Brat joins the pieces of a discontinuous span with one space in the T line's text; we do the same.
PIECE_SEPARATOR = " "

_ROLE_DIGITS = re.compile(r"\d+$")


@dataclass(frozen=True)
class BratSpan:
    """A possibly discontinuous span: ``pieces`` are (start, end) offsets into the article, in order.

    ``text`` is the pieces' text joined by one space (what brat writes and what token F1 compares).
    """

    pieces: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def overlaps(self, start: int | None, end: int | None) -> bool:
        """Whether the character range [start, end) shares at least one character with a piece."""
        if start is None or end is None:
            return False
        return any(s < end and start < e for s, e in self.pieces)

    @classmethod
    def merge(cls, spans: Sequence[BratSpan]) -> BratSpan:
        """One span from several (PolNeAR's ``Content`` and ``Content2`` roles), pieces in text order."""
        ordered = sorted(spans, key=lambda s: s.pieces)
        pieces = tuple(p for s in ordered for p in s.pieces)
        return cls(pieces=pieces, text=PIECE_SEPARATOR.join(s.text for s in ordered))


@dataclass(frozen=True)
class PolnearAttribution:
    """One attribution relation: its content, and its source and cue when the annotator marked them."""

    id: str
    content: BratSpan
    source: BratSpan | None = None
    cue: BratSpan | None = None


@dataclass
class PolnearDocument:
    """A PolNeAR article with the relations of one annotator."""

    name: str
    text: str
    annotator: str
    attributions: list[PolnearAttribution] = field(default_factory=list)


def _parse_offsets(offsets: str) -> tuple[tuple[int, int], ...]:
    pieces = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def parse_brat(ann: str, text: str, name: str = "", *, strict: bool = True) -> list[PolnearAttribution]:
    """The attribution relations of one brat ``.ann`` file over its article ``text``.

    ``T`` lines give spans (``Tn<TAB>Type start end[;start end]<TAB>text``), ``E`` lines tie them
    (``En<TAB>Attribution:Tx Content:Ty Cue:Tz Source:Tw``; the trigger is ``Attribution`` or
    ``Attribution-no-source``). A role with a number (``Content2``) adds to the role without one.
    Relations without any content are skipped; so are ``Discard``/``Discuss`` spans and other line kinds.
    Span text is taken from ``text`` by offset; a span whose text disagrees with the ``.ann`` file raises
    ``ValueError`` (the offsets would not be the article's); with ``strict=False`` such a span is
    dropped instead, for reading a large split that holds a few faulty lines.
    """
    spans: dict[str, BratSpan] = {}
    relations: list[tuple[str, list[tuple[str, str]]]] = []
    for lineno, line in enumerate(ann.splitlines(), start=1):
        if line.startswith("T"):
            parts = line.split("\t")
            try:
                if len(parts) < 2:
                    raise ValueError("no type and offsets")
                _type, _, offsets = parts[1].partition(" ")
                pieces = _parse_offsets(offsets)
            except ValueError as err:
                if strict:
                    raise ValueError(f"{name}:{lineno}: malformed T line ({err})") from err
                continue
            span_text = PIECE_SEPARATOR.join(text[s:e] for s, e in pieces)
            if len(parts) > 2 and parts[2] != span_text:
                if strict:
                    raise ValueError(f"{name}:{lineno}: span text does not match the article at {offsets}")
                continue
            spans[parts[0]] = BratSpan(pieces=pieces, text=span_text)
        elif line.startswith("E"):
            parts = line.split("\t")
            args = [tuple(a.split(":", 1)) for a in parts[1].split()] if len(parts) > 1 else []
            relations.append((parts[0], [(a[0], a[1]) for a in args if len(a) == 2]))

    out: list[PolnearAttribution] = []
    for rel_id, args in relations:
        roles: dict[str, list[BratSpan]] = {}
        for role, span_id in args:
            if span_id in spans:
                roles.setdefault(_ROLE_DIGITS.sub("", role), []).append(spans[span_id])
        if not roles.get("Content"):
            continue
        source, cue = roles.get("Source"), roles.get("Cue")
        out.append(
            PolnearAttribution(
                id=rel_id,
                content=BratSpan.merge(roles["Content"]),
                source=BratSpan.merge(source) if source else None,
                cue=BratSpan.merge(cue) if cue else None,
            )
        )
    return out


def load_polnear(folder: str | Path, limit: int | None = None, *, strict: bool = True) -> list[PolnearDocument]:
    """Read a PolNeAR split folder (``text/*.txt``, ``attributions/*.ann``) into documents.

    Documents come in sorted order of name; ``limit`` keeps the first N. Several annotators annotated a
    few texts (``NAME_4b22.ann``, ``NAME_4e07.ann``, ...): we use one file per text, the first in sorted
    order. Texts without an annotation file are left out (unannotated is not "no attributions").
    Raises ``FileNotFoundError`` when the folder lacks ``text/`` or ``attributions/``.
    """
    root = Path(folder)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"not a PolNeAR folder (needs text/ and attributions/): {root}")
    ann_files: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        name, sep, _annotator = path.stem.rpartition("_")
        if sep:
            ann_files.setdefault(name, path)  # sorted, so the first annotator wins
    docs: list[PolnearDocument] = []
    for text_path in sorted(text_dir.glob("*.txt")):
        if limit is not None and len(docs) >= limit:
            break
        ann_path = ann_files.get(text_path.stem)
        if ann_path is None:
            continue
        # newline="" keeps "\r\n" as two characters, as brat counts them
        with text_path.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        with ann_path.open(encoding="utf-8", newline="") as fh:
            ann = fh.read()
        docs.append(
            PolnearDocument(
                name=text_path.stem,
                text=text,
                annotator=ann_path.stem.rpartition("_")[2],
                attributions=parse_brat(ann, text, name=ann_path.name, strict=strict),
            )
        )
    return docs


# --------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class PolnearCounts:
    """Tallies that add up across documents."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    source_ok: int = 0
    cue_ok: int = 0

    def __add__(self, other: PolnearCounts) -> PolnearCounts:
        return PolnearCounts(**{k: v + getattr(other, k) for k, v in asdict(self).items()})

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def polnear_figures(counts: PolnearCounts) -> dict[str, float | int]:
    """``content_p/r/f1``, ``source_acc`` and ``cue_acc`` (shares of matched pairs; 0.0 when none),
    ``source_f1`` (a prediction counts only with its source right), and the raw counts; 3 decimals."""

    def f1(p: float, r: float) -> float:
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    c = counts
    p = c.matched / c.pred if c.pred else 0.0
    r = c.matched / c.gold if c.gold else 0.0
    sp = c.source_ok / c.pred if c.pred else 0.0
    sr = c.source_ok / c.gold if c.gold else 0.0
    m = c.matched or 1
    return {
        "content_p": round(p, 3),
        "content_r": round(r, 3),
        "content_f1": round(f1(p, r), 3),
        "source_acc": round(c.source_ok / m, 3),
        "cue_acc": round(c.cue_ok / m, 3),
        "source_f1": round(f1(sp, sr), 3),
        "gold": c.gold,
        "pred": c.pred,
        "matched": c.matched,
    }


@dataclass(frozen=True)
class PolnearPair:
    """A gold relation matched with a predicted claim (index into the prediction's ``claims``)."""

    gold: PolnearAttribution
    pred_index: int
    f1: float
    source_ok: bool
    cue_ok: bool


@dataclass
class PolnearDocumentScore:
    name: str
    counts: PolnearCounts
    pairs: list[PolnearPair] = field(default_factory=list)
    missed: list[PolnearAttribution] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)
    """Indices of predicted claims that matched no gold content."""

    @property
    def figures(self) -> dict[str, float | int]:
        return polnear_figures(self.counts)


@dataclass
class PolnearReport:
    """Per-document scores and totals (counts summed over documents, then figures)."""

    documents: list[PolnearDocumentScore]

    @property
    def counts(self) -> PolnearCounts:
        return sum((d.counts for d in self.documents), PolnearCounts())

    @property
    def total(self) -> dict[str, float | int]:
        return polnear_figures(self.counts)

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "documents": {d.name: d.figures for d in self.documents}}


def _source_ok(gold: PolnearAttribution, speaker: Mapping[str, Any] | None) -> bool:
    # A relation the annotator marked without a source ("Attribution-no-source": "it was reported that")
    # is right only when we did not invent a speaker either.
    if gold.source is None:
        return not speaker
    if not speaker:
        return False
    if gold.source.overlaps(speaker.get("start"), speaker.get("end")):
        return True
    return token_f1(speaker.get("text"), gold.source.text) >= MATCH_THRESHOLD


def _cue_ok(gold: PolnearAttribution, cue: Mapping[str, Any] | None) -> bool:
    if gold.cue is None:
        return not cue
    return bool(cue) and gold.cue.overlaps(cue.get("start"), cue.get("end"))


def score_polnear_document(doc: PolnearDocument, pred: Mapping[str, Any]) -> PolnearDocumentScore:
    """Score one annotation-contract dict against one PolNeAR document (see ``score_polnear``)."""
    claims = list(pred.get("claims", []))
    matches = match_one_to_one([a.content.text for a in doc.attributions], [c.get("text", "") for c in claims])
    pairs = [
        PolnearPair(
            gold=doc.attributions[m.gold],
            pred_index=m.pred,
            f1=m.f1,
            source_ok=_source_ok(doc.attributions[m.gold], claims[m.pred].get("speaker")),
            cue_ok=_cue_ok(doc.attributions[m.gold], claims[m.pred].get("cue")),
        )
        for m in matches
    ]
    gold_used = {m.gold for m in matches}
    pred_used = {m.pred for m in matches}
    counts = PolnearCounts(
        gold=len(doc.attributions),
        pred=len(claims),
        matched=len(pairs),
        source_ok=sum(p.source_ok for p in pairs),
        cue_ok=sum(p.cue_ok for p in pairs),
    )
    return PolnearDocumentScore(
        name=doc.name,
        counts=counts,
        pairs=pairs,
        missed=[a for i, a in enumerate(doc.attributions) if i not in gold_used],
        spurious=[i for i in range(len(claims)) if i not in pred_used],
    )


def score_polnear(
    docs: Sequence[PolnearDocument], predictions: Mapping[str, Mapping[str, Any]], limit: int | None = None
) -> PolnearReport:
    """Score predictions (annotation-contract dicts keyed by document name) against PolNeAR documents.

    - content: predicted claim text vs gold Content text (discontinuous pieces joined), one-to-one, best
      pairs first, token F1 >= 0.5; quotation marks in PolNeAR's direct-quote spans do not matter since
      token F1 ignores punctuation;
    - source, on matched pairs: the predicted speaker mention (``claim["speaker"]`` text, start, end) is
      right when its character span overlaps the gold Source span or its token F1 with the gold source
      text is >= 0.5; a gold relation without a Source is right only when the claim has no speaker;
    - cue, on matched pairs: the predicted cue span overlaps the gold Cue span; a gold relation without a
      Cue is right only when the claim has no cue.

    A document without a prediction scores as an empty prediction. ``limit`` keeps the first N documents.
    """
    selected = docs[:limit] if limit is not None else docs
    empty: dict[str, Any] = {"claims": [], "sources": []}
    return PolnearReport(documents=[score_polnear_document(d, predictions.get(d.name) or empty) for d in selected])
