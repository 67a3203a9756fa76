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


def _stock_compound(texts: list[str]) -> list[float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    stock = SentimentIntensityAnalyzer()
    for word in _sentiment.SUBJECT_WORDS:  # the same lexicon, the same text
        stock.lexicon.pop(word, None)
    texts = [_sentiment.without_hedges(t) for t in texts]
    return [float(stock.polarity_scores(t)["compound"]) if t.strip() else 0.0 for t in texts]


TRICKY = [
    "not good",
    "Never so happy with a shop",
    "never this bad",
    "It was without doubt the worst wait",
    "Staff were kind of rude but the doctor was the bomb",
    "the least helpful receptionist, at least the nurse was nice",
    "No problems, no complaints, no",
    "I am NOT HAPPY with it",
    "Good. Bad! Ugly? :) :(",
    "it isn't great, never great, not really good at all at the end of the day",
    "good",
    "bad service",
    "yeah right, the shit cut the mustard",
    "😀 lovely 👍 but slow",
]


def test_the_windowed_checks_score_exactly_as_stock_vader_on_tricky_phrasing(monkeypatch):
    monkeypatch.setattr(_sentiment, "_memo", {})
    monkeypatch.setattr(_sentiment, "_memo_chars", 0)
    assert sentiment(TRICKY).tolist() == _stock_compound(TRICKY)


def test_the_windowed_checks_score_exactly_as_stock_vader_on_real_comments(monkeypatch):
    import pandas as pd

    from tests.conftest import shared_file

    monkeypatch.setattr(_sentiment, "_memo", {})
    monkeypatch.setattr(_sentiment, "_memo_chars", 0)
    nhs = pd.read_csv(shared_file("nhs_fft_themes/v6framework_230831.csv"))
    reviews = pd.read_csv(shared_file("clothing_reviews/reviews.csv"))
    texts = pd.concat(
        [nhs["FFT answer"].dropna().head(1500), reviews["Review Text"].dropna().head(1500)]
    ).astype(str)
    texts = texts.tolist()
    assert sentiment(texts).tolist() == _stock_compound(texts)


def test_subject_words_and_hedges_carry_no_tone(monkeypatch):
    monkeypatch.setattr(_sentiment, "_memo", {})
    monkeypatch.setattr(_sentiment, "_memo_chars", 0)
    plain = sentiment(["Support is impossible to reach", "The service was poor"])
    hedged = sentiment(
        ["To be honest, support is impossible to reach", "Honestly the service was poor"]
    )
    assert plain[0] < 0.05 and hedged.tolist() == plain.tolist()  # was +0.42: praise
    assert sentiment(["Everything is done by hand"])[0] == 0.0
    assert sentiment(["Fair prices, honest staff"])[0] > 0.5  # not hedges: kept


def test_word_window_keeps_the_three_words_before_and_two_after():
    words = [f"w{i}" for i in range(10)]
    assert _sentiment.word_window(words, 0) == (["w0", "w1", "w2"], 0)
    assert _sentiment.word_window(words, 5) == (["w2", "w3", "w4", "w5", "w6", "w7"], 3)
    assert _sentiment.word_window(words, 9) == (["w6", "w7", "w8", "w9"], 3)
