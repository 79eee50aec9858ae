"""Claims of pages the engine was not developed on: the sample the confidence model is fitted on.

On the development gold the engine is right on about nine claims in ten because it was tuned there; on
real pages it has never seen, on about six. A model fitted on the development gold is overconfident on
such pages and ranks their claims no better than chance. Unseen pages can be scored honestly only once,
before anyone develops on them: ``record`` annotates their gold folders (one folder is one batch) with
the engine as it is then and keeps, per claim, its features, the rules' own confidence and whether it
was fully correct. No text is kept: the pages are publishers' and stay outside the project.

    record(gold_dirs, path, engine=...) -> list[Record]   score batches once, append them to the sample
    load(path) -> list[Record]

``whosaid record-unseen`` runs ``record``; ``whosaid train-confidence`` fits the model on the sample in
``models/confidence_unseen.jsonl`` when it holds two batches or more (``app.nlp.confidence.train``).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path


SCHEMA = "whosaid.confidence-unseen/1"


@dataclass(frozen=True)
class Record:
    """One claim the engine found on a page of an unseen batch, as the engine of ``engine`` saw it."""

    batch: str  # the gold folder's name
    article: str
    features: dict[str, float]
    rule_confidence: float  # the rules' own number, what the engine reported before the model
    correct: int
    engine: str  # the commit the engine was at when the batch was scored
    recorded: str  # ISO date

    def to_json(self) -> str:
        return json.dumps({"schema": SCHEMA, **asdict(self)}, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_data(cls, data: dict, where: str) -> "Record":
        if data.get("schema") != SCHEMA:
            raise ValueError(f"{where}: not an unseen-page record (schema {data.get('schema')!r}, expected {SCHEMA!r})")
        try:
            features = {str(k): float(v) for k, v in data["features"].items()}
            correct = int(data["correct"])
            if correct not in (0, 1):
                raise ValueError("correct must be 0 or 1")
            return cls(str(data["batch"]), str(data["article"]), features, float(data["rule_confidence"]),
                       correct, str(data["engine"]), str(data["recorded"]))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise ValueError(f"{where}: malformed unseen-page record: {err}") from err


def load(path: Path) -> list[Record]:
    """The records of the sample at ``path`` (JSON lines); an absent file is an empty sample."""
    if not path.is_file():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{n}: not JSON: {err.msg}") from err
            out.append(Record.from_data(data, f"{path}:{n}"))
    return out


def record(gold_dirs: Sequence[Path], path: Path, *, engine: str, nlp=None, progress=None,
           today: str | None = None) -> list[Record]:
    """Score each gold folder (a batch) with the engine as it is and append its claims to the sample at
    ``path``. A batch already in the sample is refused: it was scored once, and the engine may since
    have been developed on it."""
    from app.nlp.confidence.train import collect

    known = {r.batch for r in load(path)}
    names = [Path(d).name for d in gold_dirs]
    if len(set(names)) != len(names):
        raise ValueError("two batches share a folder name: " + ", ".join(sorted({n for n in names if names.count(n) > 1})))
    again = sorted(set(names) & known)
    if again:
        raise ValueError(f"batch {', '.join(again)} is already in {path}: a batch is recorded once, before "
                         f"the engine is developed on it")
    examples = collect([Path(d) for d in gold_dirs], nlp=nlp, progress=progress)
    today = today or date.today().isoformat()
    records = [Record(e.folder, e.article, e.features, e.rule_confidence, e.correct, engine, today) for e in examples]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        for r in records:
            out.write(r.to_json() + "\n")
    return records
