"""Comment sentiment (VADER), remembered per distinct comment for the process."""

from __future__ import annotations

import numpy as np

from passives_lib.themes import _sentiment
from passives_lib.themes._sentiment import sentiment


def test_scores_follow_the_words_and_repeat_exactly():
    comments = ["Great service, thank you!", "Terrible, slow and rude.", "", None]
    first = sentiment(comments)
    assert first[0] > 0.5 and first[1] < -0.5 and first[2] == first[3] == 0.0
    assert np.array_equal(sentiment(comments[::-1]), first[::-1])  # from the memo, same values


def test_the_memo_is_emptied_when_full_and_scores_stay_the_same(monkeypatch):
    monkeypatch.setattr(_sentiment, "_memo", {})
    monkeypatch.setattr(_sentiment, "_memo_chars", 0)
    monkeypatch.setattr(_sentiment, "MEMO_CHARS", 30)
    texts = ["lovely staff", "awful wait", "the best shop in town"]
    expected = sentiment(texts)
    assert _sentiment._memo_chars <= 30
    assert set(_sentiment._memo) < set(texts)  # the memo was emptied on the way
    assert np.array_equal(sentiment(texts), expected)
