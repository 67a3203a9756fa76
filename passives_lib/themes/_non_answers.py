"""Recognising comments that say nothing ("n/a", "nothing", "-", an emoji, ...).

Non-answers are taken out before themes are modelled and reported as their own bucket, never as
a theme. The rule is deliberately plain so an analyst can predict it: a comment is a non-answer
when, after lower-casing and removing punctuation, it is empty, has no letters at all (only
punctuation, digits, symbols or emoji), is one or two letters, or is one of the stock phrases in
``NON_ANSWER_PHRASES``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

NON_ANSWER_PHRASES = frozenset(
    {
        "n a",
        "na",
        "none",
        "nothing",
        "no comment",
        "no comments",
        "nope",
        "no",
        "nil",
        "null",
        "nothing to add",
        "nothing else",
        "nothing to say",
        "nothing really",
        "nothing much",
        "nothing more",
        "nothing further",
        "not applicable",
        "no idea",
        "dont know",
        "don t know",
        "do not know",
        "idk",
        "not sure",
        "no reason",
        "no reason given",
        "no opinion",
        "none at all",
        "nothing at all",
        "no answer",
        "did not answer",
        "didn t answer",
        "not answered",
        "no response",
        "unanswered",
        "skipped",
        "prefer not to say",
        "ok",
        "okay",
        "k",
        "test",
        "asdf",
        "xxx",
        "blank",
        "same as above",
        "see above",
        "as above",
        "rien",
        "ras",
        "aucun",
        "aucune",
        "rien a signaler",
        "sans commentaire",
        "pas de commentaire",
        "nada",
    }
)
_WORDS = re.compile(r"[^\w]+|_")


def normalise_comment(text: str) -> str:
    """Lower-case, drop accents and punctuation, and collapse spaces.

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        The normalised form, e.g. ``"N/A!"`` becomes ``"n a"``.
    """
    folded = unicodedata.normalize("NFKD", str(text).lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORDS.sub(" ", folded).strip()


def is_non_answer(comments: Iterable[object]) -> np.ndarray:
    """Flag comments that carry no content.

    Parameters
    ----------
    comments : iterable of str
        Comments; missing values count as empty.

    Returns
    -------
    numpy.ndarray of bool
        True for empty comments, comments without letters, one- or two-letter comments and
        stock phrases such as "n/a", "nothing", "no comment".

    Examples
    --------
    >>> is_non_answer(["n/a", "Nothing.", "👍", "--", "", "The app is slow"]).tolist()
    [True, True, True, True, True, False]
    """
    flags = []
    for comment in comments:
        text = "" if missing_value(comment) else str(comment)
        normal = normalise_comment(text)
        letters = sum(ch.isalpha() for ch in normal)
        flags.append(letters <= 2 or normal in NON_ANSWER_PHRASES)
    return np.array(flags, dtype=bool)


def missing_value(value: object) -> bool:
    """None, NaN, NaT or pd.NA (a comment cell left empty)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # not a scalar
        return False
