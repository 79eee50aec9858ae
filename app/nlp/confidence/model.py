"""The confidence model: logistic regression over a claim's features, fitted on unseen pages or the development gold.

Its output is the probability that the claim is fully correct (a gold claim matches it, and its speaker
and relay are right: DESIGN.md's attribution criterion). The fitted model is a small JSON file
(``models/confidence.json``): feature names, their scaling, weights and bias, the low-confidence
threshold, and what it was fitted on. Predicting needs nothing but the file; fitting needs numpy.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SCHEMA = "whosaid.confidence/1"
LOW_CONFIDENCE = 0.5
"""A claim below this is more likely wrong than right: the review UI's "low confidence" filter."""


class ConfidenceModelError(RuntimeError):
    """The confidence model file is missing or cannot be read."""


@dataclass(frozen=True)
class ConfidenceModel:
    """Weights over named features; ``center`` and ``scale`` standardize each feature before weighing it."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    center: tuple[float, ...]
    scale: tuple[float, ...]
    low_confidence: float = LOW_CONFIDENCE
    meta: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.weights) == len(self.center) == len(self.scale) == n):
            raise ConfidenceModelError(f"confidence model has {n} features but {len(self.weights)} weights, "
                                       f"{len(self.center)} centers and {len(self.scale)} scales")
        if any(s <= 0 for s in self.scale):
            raise ConfidenceModelError("confidence model has a feature scale that is not positive")

    def predict(self, features: Mapping[str, float]) -> float:
        """The probability that the claim with these features is fully correct, in [0, 1]. Features the
        model was not fitted on are ignored."""
        z = self.bias
        for name, w, c, s in zip(self.features, self.weights, self.center, self.scale):
            z += w * (features.get(name, 0.0) - c) / s
        return _sigmoid(z)

    def to_data(self) -> dict:
        return {"schema": SCHEMA, "low_confidence": self.low_confidence, "bias": self.bias,
                "features": [{"name": n, "weight": w, "center": c, "scale": s}
                             for n, w, c, s in zip(self.features, self.weights, self.center, self.scale)],
                "meta": self.meta}

    @classmethod
    def from_data(cls, data: Mapping) -> "ConfidenceModel":
        if data.get("schema") != SCHEMA:
            raise ConfidenceModelError(f"not a confidence model: schema is {data.get('schema')!r}, expected {SCHEMA!r}")
        try:
            rows = data["features"]
            return cls(tuple(r["name"] for r in rows), tuple(float(r["weight"]) for r in rows), float(data["bias"]),
                       tuple(float(r["center"]) for r in rows), tuple(float(r["scale"]) for r in rows),
                       float(data.get("low_confidence", LOW_CONFIDENCE)), dict(data.get("meta", {})))
        except (KeyError, TypeError, ValueError) as err:
            raise ConfidenceModelError(f"confidence model is malformed: {err!r}") from err

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_data(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "ConfidenceModel":
        if not path.is_file():
            raise ConfidenceModelError(f"confidence model {path} not found; train it with `whosaid train-confidence` "
                                       f"or set WHOSAID_CONFIDENCE_MODEL to a model file")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise ConfidenceModelError(f"confidence model {path} cannot be read: {err}") from err
        return cls.from_data(data)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def default_model_path() -> Path:
    from app.core.config import get_settings

    settings = get_settings()
    return settings.confidence_model or settings.models_dir / "confidence.json"


@lru_cache(maxsize=4)
def _load_cached(path: Path, mtime: float) -> ConfidenceModel:
    return ConfidenceModel.load(path)


def get_confidence_model(path: Path | None = None) -> ConfidenceModel:
    """The model at ``path`` (default: ``WHOSAID_CONFIDENCE_MODEL`` or ``models/confidence.json``),
    read once per version of the file."""
    path = Path(path or default_model_path())
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return ConfidenceModel.load(path)  # raises: not found
    return _load_cached(path, mtime)


# -- fitting ----------------------------------------------------------------------------------------

MIN_FEATURE_COUNT = 3
"""A feature seen on fewer training claims than this is left out: its weight could not be estimated."""


def vocabulary(rows: Sequence[Mapping[str, float]], min_count: int = MIN_FEATURE_COUNT) -> list[str]:
    """The features present (non-zero) on at least ``min_count`` rows, sorted; ``bias`` is the model's own."""
    counts: dict[str, int] = {}
    for row in rows:
        for name, value in row.items():
            if value and name != "bias":
                counts[name] = counts.get(name, 0) + 1
    return sorted(n for n, c in counts.items() if c >= min_count)


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[int], *, l2: float = 1.0,
        min_count: int = MIN_FEATURE_COUNT, iterations: int = 50, meta: dict | None = None) -> ConfidenceModel:
    """Fit an L2-regularized logistic regression by Newton's method (deterministic: the same rows give the
    same model). ``l2`` weighs the penalty on the standardized weights (the bias is not penalized)."""
    import numpy as np

    if len(rows) != len(labels):
        raise ValueError(f"{len(rows)} feature rows but {len(labels)} labels")
    if not rows:
        raise ValueError("no claims to fit the confidence model on")
    y = np.asarray(labels, dtype=float)
    if not set(np.unique(y)) <= {0.0, 1.0}:
        raise ValueError("labels must be 0 or 1")
    names = vocabulary(rows, min_count)
    x = np.array([[row.get(n, 0.0) for n in names] for row in rows], dtype=float).reshape(len(rows), len(names))
    center = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = np.hstack([np.ones((len(rows), 1)), (x - center) / scale])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    w = np.zeros(z.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -35, 35)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(z.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    def r(v) -> float:
        return round(float(v), 6)

    return ConfidenceModel(tuple(names), tuple(r(v) for v in w[1:]), r(w[0]),
                           tuple(r(v) for v in center), tuple(r(v) for v in scale),
                           LOW_CONFIDENCE, dict(meta or {}))
