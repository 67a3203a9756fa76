"""Theme runs for the registry tests: unit centroids on named axes and the weeks they make."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

DIM = 16
W1, W2, W3 = "2026-W27", "2026-W28", "2026-W29"

DELIVERY = ["delivery", "courier", "parcel"]
PRICE = ["price", "expensive", "discount"]
STAFF = ["staff", "friendly", "helpful"]
APP = ["app", "login", "crash"]


def axis(i: int) -> np.ndarray:
    vector = np.zeros(DIM)
    vector[i] = 1.0
    return vector


def tilt(base: int, towards: int, cosine: float) -> np.ndarray:
    """A unit vector at exactly ``cosine`` to axis ``base``, leaning towards axis ``towards``."""
    return cosine * axis(base) + math.sqrt(1.0 - cosine**2) * axis(towards)


def run_of(*themes: tuple[int, np.ndarray, list[str]]) -> tuple[pd.DataFrame, np.ndarray]:
    """A run's themes_ and centroids_ from (theme_id, centroid, keywords) triples."""
    count = max(theme_id for theme_id, _, _ in themes) + 1
    centroids = np.zeros((count, DIM))
    rows = []
    for theme_id, vector, keywords in themes:
        centroids[theme_id] = vector
        rows.append(
            {
                "theme_id": theme_id,
                "label": " / ".join(keywords) or f"theme {theme_id}",
                "keywords": list(keywords),
                "size": 10 - theme_id,
            }
        )
    return pd.DataFrame(rows), centroids


def first_week() -> tuple[pd.DataFrame, np.ndarray]:
    return run_of((0, axis(0), DELIVERY), (1, axis(2), PRICE), (2, axis(4), STAFF))


def ids(result: pd.DataFrame) -> dict[int, int]:
    return dict(zip(result["theme_id"], result["stable_id"], strict=True))
