"""VADER's compound score, each word lower-cased once.

``SentimentIntensityAnalyzer.polarity_scores`` (package ``vaderSentiment``) rebuilds the text
character by character to replace emojis, calls a method for every word (most are in neither
of its lexicons), lower-cases the whole text again in each negation and idiom check of every
sentiment word, and computes four scores where the theme model reads one. :func:`compound`
follows the same rules, in the same order and with the same floating-point operations, from
one lower-cased copy of the words: the same compound score (checked against the stock
analyser in the tests, on tricky phrasing and on real comments and opinions) in about a
third of the time.
"""

from __future__ import annotations

import string
from functools import lru_cache
from types import SimpleNamespace

# What customers talk about, not how they feel about it: VADER counts "support" (+1.7),
# "care" (+2.2), "hand" (+2.2) and "credit" (+1.6) as praise, so "Support is impossible to
# reach" scored +0.42 and "everything is done by hand" +0.49. The names of conditions that
# name a service ("the specialist depression service", "an emergency ambulance", "the cancer
# ward") are no complaint either: "I am lucky to have had access to the specialist depression
# service" scored -0.13. They are left out of the lexicon (how a patient feels, "depressed",
# "in pain", "anxious", keeps its score).
SUBJECT_WORDS = frozenset(
    {"support", "care", "hand", "credit"}
    | {"depression", "anxiety", "cancer", "illness", "emergency", "injury", "disorder", "trauma"}
)


@lru_cache(maxsize=1)
def _vader() -> SimpleNamespace:
    """The stock analyser, its lexicons, and VADER's constants and helpers (loaded once)."""
    from vaderSentiment.vaderSentiment import (
        BOOSTER_DICT,
        C_INCR,
        N_SCALAR,
        NEGATE,
        SPECIAL_CASES,
        SentimentIntensityAnalyzer,
        normalize,
        scalar_inc_dec,
    )

    analyser = SentimentIntensityAnalyzer()
    for word in SUBJECT_WORDS:
        analyser.lexicon.pop(word, None)
    return SimpleNamespace(
        analyser=analyser,
        lexicon=analyser.lexicon,
        emojis=analyser.emojis,
        emoji_chars=frozenset(
            key for key in analyser.emojis if len(key) == 1 and not key.isascii()
        ),
        boosters=BOOSTER_DICT,
        negations=frozenset(NEGATE),
        special=SPECIAL_CASES,
        n_scalar=N_SCALAR,
        c_incr=C_INCR,
        normalize=normalize,
        scalar_inc_dec=scalar_inc_dec,
        punctuation=string.punctuation,
    )


def lexicon() -> dict[str, float]:
    """VADER's sentiment lexicon (word to valence), without :data:`SUBJECT_WORDS`."""
    return _vader().lexicon


def compound(text: str) -> float:
    """VADER's compound score of a text, as ``polarity_scores(text)["compound"]`` gives it.

    The lexicon is VADER's without :data:`SUBJECT_WORDS`.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    float
        From -1 (very negative) to 1 (very positive), rounded to 4 decimals as VADER does.

    Examples
    --------
    >>> compound("The staff were not helpful"), compound("Kind of slow but VERY friendly!")
    (-0.3252, 0.7981)
    """
    vader = _vader()
    lex, boosters = vader.lexicon, vader.boosters
    if not text.isascii() and not vader.emoji_chars.isdisjoint(text):  # no emoji is ASCII
        text = _without_emojis(text, vader.emojis)
    text = text.strip()
    punctuation = vader.punctuation  # VADER's SentiText: a token stripped of it, unless short
    words = [w if len(w := token.strip(punctuation)) > 2 else token for token in text.split()]
    lower = list(map(str.lower, words))
    capitals = sum(map(str.isupper, words))
    cap_diff = 0 < len(words) - capitals < len(words)
    sentiments: list[float] = [0] * len(words)  # words in no lexicon count 0
    last = len(words) - 1
    for i in [i for i, word in enumerate(lower) if word in lex]:
        word = lower[i]
        if word in boosters or (i < last and word == "kind" and lower[i + 1] == "of"):
            continue
        sentiments[i] = _valence(words, lower, i, cap_diff)
    if "but" in lower:
        sentiments = vader.analyser._but_check(words, sentiments)
    if not sentiments:
        return 0.0
    total = float(sum(sentiments))
    if total > 0:
        total += vader.analyser._punctuation_emphasis(text)
    elif total < 0:
        total -= vader.analyser._punctuation_emphasis(text)
    return round(vader.normalize(total), 4)


def _without_emojis(text: str, emojis: dict[str, str]) -> str:
    """Emojis replaced by their descriptions, as ``polarity_scores`` does."""
    out = ""
    previous_space = True
    for char in text:
        if char in emojis:
            out += ("" if previous_space else " ") + emojis[char]
            previous_space = False
        else:
            out += char
            previous_space = char == " "
    return out


def _valence(words: list[str], lower: list[str], i: int, cap_diff: bool) -> float:
    """``sentiment_valence`` of a lexicon word (the position ``i``)."""
    vader = _vader()
    lex = vader.lexicon
    item = lower[i]
    valence = lex[item]
    if item == "no" and i != len(words) - 1 and lower[i + 1] in lex:
        valence = 0.0
    if (
        (i > 0 and lower[i - 1] == "no")
        or (i > 1 and lower[i - 2] == "no")
        or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"])
    ):
        valence = lex[item] * vader.n_scalar
    if words[i].isupper() and cap_diff:
        valence = valence + vader.c_incr if valence > 0 else valence - vader.c_incr
    for start_i in range(3):
        before = i - (start_i + 1)
        if i > start_i and lower[before] not in lex:
            scalar = vader.scalar_inc_dec(words[before], valence, cap_diff)
            if start_i == 1 and scalar != 0:
                scalar = scalar * 0.95
            if start_i == 2 and scalar != 0:
                scalar = scalar * 0.9
            valence = valence + scalar
            valence = _negation_check(valence, lower, start_i, i)
            if start_i == 2:
                valence = _special_idioms_check(valence, lower, i)
    return _least_check(valence, lower, i)


def _negated(word: str) -> bool:
    """VADER's ``negated([word])``: a negation word, or any word with "n't"."""
    return word in _vader().negations or "n't" in word


def _negation_check(valence: float, lower: list[str], start_i: int, i: int) -> float:
    """VADER's ``_negation_check`` on lower-cased words."""
    scalar = _vader().n_scalar
    if start_i == 0 and _negated(lower[i - 1]):
        valence = valence * scalar
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * scalar
    if start_i == 2:
        if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
            lower[i - 1] == "so" or lower[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * scalar
    return valence


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    """VADER's ``_special_idioms_check`` on lower-cased words (``i`` is at least 3)."""
    vader = _vader()
    special, boosters = vader.special, vader.boosters
    one_zero = f"{lower[i - 1]} {lower[i]}"
    two_one_zero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    two_one = f"{lower[i - 2]} {lower[i - 1]}"
    three_two_one = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    three_two = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
        if sequence in special:
            valence = special[sequence]
            break
    if len(lower) - 1 > i:
        zero_one = f"{lower[i]} {lower[i + 1]}"
        if zero_one in special:
            valence = special[zero_one]
    if len(lower) - 1 > i + 1:
        zero_one_two = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zero_one_two in special:
            valence = special[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in boosters:
            valence = valence + boosters[n_gram]
    return valence


def _least_check(valence: float, lower: list[str], i: int) -> float:
    """VADER's ``_least_check`` on lower-cased words."""
    lex, scalar = _vader().lexicon, _vader().n_scalar
    if i > 1 and lower[i - 1] not in lex and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * scalar
    elif i > 0 and lower[i - 1] not in lex and lower[i - 1] == "least":
        valence = valence * scalar
    return valence
