"""The semantic signal: WordLlama's `l2_supercat` static embeddings (256 dimensions), read from the files the
`wordllama` wheel ships (`wordllama/weights`, `wordllama/tokenizers`), never from the network.

`WordLlama.load()` looks in a cache folder and falls back to downloading; we read the package's own files
instead (the token-embedding table and the tokenizer), so a missing file is an error at once, not a
download attempt, and pool the token embeddings as WordLlama does (their mean, made unit length).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

MODEL_NAME = "wordllama l2_supercat_256"
DIM = 256


class EmbeddingModelMissing(RuntimeError):
    """The wordllama package is not installed, or lacks its bundled weights."""


@dataclass(frozen=True)
class Model:
    table: np.ndarray        # token id -> 256 floats
    tokenizer: object        # tokenizers.Tokenizer


@lru_cache(maxsize=1)
def get_model() -> Model:
    """The embedding model, loaded once per process (about 16 MB of weights)."""
    try:
        from safetensors import safe_open
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - a broken install
        raise EmbeddingModelMissing(f"the wordllama package is needed for story clustering: {exc}") from exc
    package = files("wordllama")
    weights = package / "weights" / "l2_supercat_256.safetensors"
    tokenizer = package / "tokenizers" / "l2_supercat_tokenizer_config.json"
    for path in (weights, tokenizer):
        if not path.is_file():
            raise EmbeddingModelMissing(f"the wordllama package has no {path}: reinstall it (`pip install wordllama`)")
    with safe_open(str(weights), framework="np", device="cpu") as handle:
        table = handle.get_tensor("embedding.weight").astype(np.float32)
    return Model(table=table, tokenizer=Tokenizer.from_file(str(tokenizer)))


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (an empty list gives a 0 x 256 array): the mean of the
    text's token embeddings, as WordLlama's `embed(texts, norm=True)` computes it. Texts are tokenized one
    by one: `encode_batch` hands a few short claims to a thread pool whose wake-up, on a busy machine, cost
    15 ms a call against 0.3 ms for the whole article this way."""
    model = get_model()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, text in enumerate(texts):
        ids = np.clip(np.asarray(model.tokenizer.encode(text, add_special_tokens=False).ids, dtype=np.int64),
                      0, model.table.shape[0] - 1)
        if ids.size:
            vector = model.table[ids].mean(axis=0)
            norm = float(np.linalg.norm(vector))
            out[i] = vector / norm if norm else vector
    return out
