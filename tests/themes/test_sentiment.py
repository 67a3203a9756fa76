"""Comment sentiment (VADER), remembered per distinct comment for the process."""

from __future__ import annotations

import numpy as np

from passives_lib.themes import _sentiment
from passives_lib.themes._opinions import split_opinions
from passives_lib.themes._sentiment import sentiment
from passives_lib.themes._vader import compound


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


def _stock_analyser():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    stock = SentimentIntensityAnalyzer()
    for word in _sentiment.SUBJECT_WORDS:  # the same lexicon
        stock.lexicon.pop(word, None)
    return stock


def _stock_compound(texts: list[str]) -> list[float]:
    """Stock VADER on the same text, with the same answered-"Nothing" rule on top."""
    stock = _stock_analyser()

    def score(text: str) -> float:
        value = float(stock.polarity_scores(text)["compound"])
        opening = _sentiment._ANSWER_FIRST.match(text)
        if value < 0 and opening is not None and opening.end() < len(text):
            rest = text[opening.end() :]
            praise = float(stock.polarity_scores(rest)["compound"])
            if praise >= _sentiment.ANSWERED_PRAISE:
                return praise
            stop = _sentiment._ANSWER_STOP.search(opening.group())
            if (stop or _sentiment._PRONOUN_FIRST.match(rest)) and praise >= 0:
                return praise
        return value

    texts = [_sentiment.without_hedges(t) for t in texts]  # the same text
    return [score(t) if t.strip() else 0.0 for t in texts]


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
    "lovely😀 staff👍👍 ",
    "  Least helpful staff ever  ",
    "very least helpful, at LEAST they tried",
    "no good",
    "not bad at all",
    "no, no good",
    "no or nor bad",
    "no bad or nor good",
    "Kind of GOOD, sort of BAD, kinda ok, kind-of nice",
    "GOOD GREAT BAD",
    "GOOD great",
    "VERY good",
    "very GOOD and SO bad",
    "EXTREMELY slow",
    "so good",
    "this bad",
    "never so good",
    "never this bad",
    "without doubt the best",
    "the doubt was awful",
    "It was to die for",
    "a bus stop nightmare",
    "yeah right, great",
    "kiss of death",
    "beating heart lovely",
    "back handed compliment, the bomb, badass",
    "good but bad but good",
    "good good but bad bad",
    "BUT good",
    "great, but",
    "Great!!!!!!",
    "great??",
    "great????",
    "terrible?!?!",
    "?",
    "!!!",
    ":) :( :-)",
    ".",
    "",
    "don't like it",
    "doesnt work well",
    "aint nice",
    "couldn't be happier",
    "nope, good",
    "hardly good",
    "barely bad at all",
    "I won't say it's good",
    "uh-uh not good",
    "The 'best' \"worst\" (ugly) -nice- shop...",
    "A+ service; 10/10 would recommend",
    "Très bien, merci",
    "l'accueil était nul",
    "\u212aind staff",
    "ſuper kind",
    "Great support, poor care, no credit",
    "SUPPORT was not good, hand it to them",
    "Honestly, to be fair the staff were lovely",
]


def test_compound_scores_exactly_as_stock_vader_on_tricky_phrasing(monkeypatch):
    monkeypatch.setattr(_sentiment, "_memo", {})
    monkeypatch.setattr(_sentiment, "_memo_chars", 0)
    assert sentiment(TRICKY).tolist() == _stock_compound(TRICKY)
    stock = _stock_analyser()
    assert [compound(t) for t in TRICKY] == [stock.polarity_scores(t)["compound"] for t in TRICKY]


def test_compound_scores_exactly_as_stock_vader_on_real_comments_and_opinions(monkeypatch):
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
    texts += [opinion for text in texts for opinion in split_opinions(text)]
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


def test_hedges_and_comparing_like_are_found_in_any_case():
    assert _sentiment.without_hedges("HONESTLY, it LOOKS LIKE a sack") == " it LOOKS as a sack"
    assert _sentiment.without_hedges("In All Fairness the fit Is Like a tent") == (
        " the fit Is as a tent"
    )
    assert _sentiment.without_hedges("I like the colour, fair price") == (
        "I like the colour, fair price"
    )


def test_an_answer_that_opens_with_nothing_is_scored_on_its_praise(monkeypatch):
    monkeypatch.setattr(_sentiment, "_memo", {})
    monkeypatch.setattr(_sentiment, "_memo_chars", 0)
    answered = ["Nothing it was perfect", "Nothing all excellent", "No happy with it all"]
    assert [compound(t) < 0 for t in answered] == [True, True, True]  # VADER's negation
    assert (sentiment(answered) >= _sentiment.ANSWERED_PRAISE).all()
    meant = ["Nothing was good about it", "nothing good to say", "No staff have a clue", "No good"]
    assert sentiment(meant).tolist() == [compound(t) for t in meant]  # a subject or object
    assert (sentiment(meant) < 0).all()
    weak = "Nothing staff were ok I guess"  # no stop, no pronoun, weak praise after it
    assert sentiment([weak])[0] == compound(weak) < 0
    # after a stop, or before a pronoun, the answer word alone read as a negation: what follows
    # is scored ("it was ok I guess" is lukewarm, no complaint); a determiner keeps its score
    answers = ["Nothing, it was ok I guess", "Nothing, thank you", "No everything is ok."]
    assert [compound(t) < 0 for t in answers] == [True, True, True]
    assert sentiment(answers).tolist() == [compound(t.split(" ", 1)[1]) for t in answers]
    assert sentiment(["No staff", "No, it never came"]).tolist() == [
        compound("No staff"),
        compound("No, it never came"),
    ]
    # an adverb before the answer, "for me" after it; what there was none of keeps its "no"
    opened = ["Absolutely nothing, everything was amazing", "Nothing for me excellent experience"]
    assert (sentiment(opened) >= _sentiment.ANSWERED_PRAISE).all()
    lacking = ["No help", "absolutely no help", "No help leaving transport to front door"]
    assert sentiment(lacking).tolist() == [compound(t) for t in lacking]
    assert (sentiment(lacking) < 0).all()
