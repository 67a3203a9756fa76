"""Comment sentiment with VADER, a lexicon that ships inside the ``vaderSentiment`` package.

VADER needs no download and no network, is deterministic, and is tuned for short social and
review text. Scores are computed once per distinct comment and remembered for the process (up
to ``MEMO_CHARS`` characters of comments), so that the theme model, the findings and the plan of
one weekly run score each comment once.

The scoring itself is :func:`passives_lib.themes._vader.compound`: VADER's rules with each
word lower-cased once, the stock analyser's scores in about a third of its time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from passives_lib.themes._vader import compound

MEMO_CHARS = 20_000_000
_memo: dict[str, float] = {}
_memo_chars = 0


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
    scores = np.array([_score(t) for t in distinct], dtype=float)
    return scores[codes] if len(texts) else np.zeros(0)


def _score(text: str) -> float:
    """One comment's compound score, remembered while the memo has room."""
    global _memo_chars
    known = _memo.get(text)
    if known is not None:
        return known
    score = compound(text) if text.strip() else 0.0
    if _memo_chars + len(text) > MEMO_CHARS:
        _memo.clear()
        _memo_chars = 0
    _memo[text] = score
    _memo_chars += len(text)
    return score
