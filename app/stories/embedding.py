"""The semantic signal: WordLlama's `l2_supercat` static embeddings (256 dimensions), read from the files the
`wordllama` wheel ships (`wordllama/weights`, `wordllama/tokenizers`), never from the network.

`WordLlama.load()` looks in a cache folder and falls back to downloading; we build the inference object
from the package's own files instead, so a missing file is an error at once, not a download attempt.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import numpy as np

MODEL_NAME = "wordllama l2_supercat_256"
DIM = 256


class EmbeddingModelMissing(RuntimeError):
    """The wordllama package is not installed, or lacks its bundled weights."""


@lru_cache(maxsize=1)
def get_model():
    """The embedding model, loaded once per process (about 16 MB of weights)."""
    try:
        from safetensors import safe_open
        from tokenizers import Tokenizer
        from wordllama.inference import WordLlamaInference
    except ImportError as exc:  # pragma: no cover - a broken install
        raise EmbeddingModelMissing(f"the wordllama package is needed for story clustering: {exc}") from exc
    package = files("wordllama")
    weights = package / "weights" / "l2_supercat_256.safetensors"
    tokenizer = package / "tokenizers" / "l2_supercat_tokenizer_config.json"
    for path in (weights, tokenizer):
        if not path.is_file():
            raise EmbeddingModelMissing(f"the wordllama package has no {path}: reinstall it (`pip install wordllama`)")
    with safe_open(str(weights), framework="np", device="cpu") as handle:
        table = handle.get_tensor("embedding.weight")
    return WordLlamaInference(table, Tokenizer.from_file(str(tokenizer)))


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (an empty list gives a 0 x 256 array)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(get_model().embed(texts, norm=True), dtype=np.float32)
