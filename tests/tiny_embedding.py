"""A tiny, fast, deterministic text encoder for tests (no model weights).

Words are hashed into a fixed number of buckets (a stable hash, not Python's salted one), so
texts that share words get similar vectors: enough for themes to form in unit tests.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np


class TinyEncoder:
    """Bag of hashed words and word pairs, projected to ``dimension`` values."""

    def __init__(self, dimension: int = 256, seed: int = 0) -> None:
        self.dimension = dimension
        self.seed = seed
        self.calls: list[list[str]] = []

    def _bucket(self, token: str) -> int:
        digest = hashlib.md5(f"{self.seed}:{token}".encode()).digest()
        return int.from_bytes(digest[:4], "little") % self.dimension

    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        self.calls.append(list(sentences))
        out = np.zeros((len(sentences), self.dimension), dtype=np.float32)
        for row, text in enumerate(sentences):
            words = re.findall(r"[a-z]+", text.lower())
            for word in words:
                if len(word) > 2:
                    out[row, self._bucket(word)] += 1.0
            if not words:
                out[row, self._bucket(text)] += 1.0
        return out
