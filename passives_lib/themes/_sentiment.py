"""Comment sentiment with VADER, a lexicon that ships inside the ``vaderSentiment`` package.

VADER needs no download and no network, is deterministic, and is tuned for short social and
review text. Scores are computed once per distinct comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd


@lru_cache(maxsize=1)
def _analyser() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentiment(comments: Sequence[Any]) -> np.ndarray:
    """VADER compound sentiment of each comment.

    Parameters
    ----------
    comments : sequence of str
        Comments; missing or empty ones score 0.

    Returns
    -------
    numpy.ndarray
        Values from -1 (very negative) to 1 (very positive).

    Examples
    --------
    >>> sentiment(["Great service, thank you!", "", "Terrible, slow and rude."]).round(2).tolist()
    [0.78, 0.0, -0.73]
    """
    texts = pd.Series(list(comments), dtype=object).fillna("").astype(str)
    codes, distinct = pd.factorize(texts)
    analyser = _analyser()
    scores = np.array(
        [analyser.polarity_scores(t)["compound"] if t.strip() else 0.0 for t in distinct],
        dtype=float,
    )
    return scores[codes] if len(texts) else np.zeros(0)
