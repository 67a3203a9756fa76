"""Recognising comments that say nothing ("n/a", "nothing", "-", an emoji, ...).

Non-answers are taken out before themes are modelled and reported as their own bucket, never as
a theme. The rule is deliberately plain so an analyst can predict it: a comment is a non-answer
when, after lower-casing and removing punctuation, it is empty, has no letters at all (only
punctuation, digits, symbols or emoji), is one or two letters, is one of the stock phrases in
``NON_ANSWER_PHRASES``, or is "nothing", "none" or "no comment" with only words that add
nothing around it (``NOTHING_FILLERS``: "Nothing comes to mind", "Nothing in particular", "At
the moment, nothing").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice

import numpy as np
import pandas as pd

from passives_lib.core import fold_accents

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
        "not relevant",
        "not really",
        "irrelevant",
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
        "unreadable",  # a transcriber's note on a paper form: "[word unreadable]"
        "word unreadable",
        "words unreadable",
        "illegible",
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
        # pointers to another answer: nothing said here ("See previous", NHS FFT)
        "see previous",
        "see previous answer",
        "see previous answers",
        "see previous comment",
        "see previous comments",
        "see previous entry",
        "see my previous answer",
        "see my previous comment",
        "see answer above",
        "see comment above",
        "look at answer above",
        "as previous",
        "as before",
        "same as before",
        "as previously stated",
        "as stated previously",
        "as stated above",
        "as said previously",
        "as said above",
        "as mentioned previously",
        "as mentioned above",
        "as described previously",
        "as described above",
        "said it previously",
        "already said",
        "already answered",
        "already covered by previous answers",
        # a reason that is no reason
        "because",
        "just because",
        "because it is true",
        "because it s true",
        "because it was",
        "because it is",
        "voir ci dessus",
        "idem",
        "deja dit",
        "comme dit precedemment",
        "comme indique precedemment",
        "rien",
        "ras",
        "aucun",
        "aucune",
        "rien a signaler",
        "sans commentaire",
        "pas de commentaire",
        # "no comment" in French: nothing said ("rien à redire", nothing to criticise, is praise)
        "non",
        "r a s",
        "o k",
        "aucun commentaire",
        "pas de commentaires",
        "aucune remarque",
        "aucunes remarques",
        "aucunes remarque",
        "aucunes",
        "pas de remarque",
        "pas de remarques",
        "pas de remarque particuliere",
        "pas de remarques particulieres",
        "aucune remarque particuliere",
        "aucune observation",
        "pas d observation",
        "aucune suggestion",
        "pas de suggestion",
        "pas de suggestions",
        "pas d avis",
        "sans avis",
        "rien a ajouter",
        "rien de plus",
        "rien de particulier",
        "rien de special",
        "nada",
        # "nothing", said otherwise (the answer to "what could we do better?", NHS FFT)
        "not a lot",
        "not a thing",
        "not much",
        "not very much",
        "very little",
        "absolutely nothing",
        "honestly nothing",
        "nothing obvious",
        "nothing for me",
        "for me nothing",
        "nothing in my case",
        "nothing to be honest",
        "nothing whatsoever",
        "nothing i can think of",
        "nothing that i can think of",
        "not that i can think of",
        "can t think of anything",
        "cannot think of anything",
        "i can t think of anything",
        "i cannot think of anything",
        "on this occasion nothing",
        "i can think of nothing",
        "hard to think of anything",
        "nothing as far as i m concerned",
        "i don t think there is anything",
        "i don t think so",
        "don t think so",
        "nothing extra needed",
        "nothing needed",
        "nothing and i mean nothing",
        "nothing same as above",
        "there s nothing",
        "i have nothing",
        # its mirror, "everything", says no subject either (and no tone: all good, or all
        # to change?)
        "everything",
        "absolutely everything",
        "everything really",
        "all of it",
        "for me everything",
        "everything and anything",
        "anything and everything",
    }
    | {  # "no remark (in particular, to make, for now)" in French, in its spellings
        f"{head} {thing}{tail}"
        for head in ("pas de", "aucune", "aucunes", "aucun", "aucuns")
        for thing in (
            "remarque",
            "remarques",
            "commentaire",
            "commentaires",
            "suggestion",
            "suggestions",
            "observation",
            "observations",
        )
        for tail in (
            "",
            " particuliere",
            " particulieres",
            " speciale",
            " speciales",
            " a formuler",
            " a faire",
            " a ajouter",
            " a proposer",
            " a signaler",
            " a ce jour",
            " pour l instant",
            " pour le moment",
            " a present",
            " a formuler a ce jour",
            " a faire a ce jour",
            " particuliere a ce jour",
            " particulieres a ce jour",
        )
    }
    | {"rien a dire", "rien n a signaler", "rien de speciale", "aucune pour l instant"}
)
# Words around "nothing" that add nothing to it (normalised: accents and punctuation off).
NOTHING_FILLERS = (
    "really",
    "realistically",
    "honestly",
    "to be honest",
    "to be fair",
    "in all fairness",
    "i can honestly say",
    "in particular",
    "particularly",
    "specific",
    "specifically",
    "as such",
    "so far",
    "at the moment",
    "at this moment",
    "at this moment in time",
    "at this time",
    "at present",
    "right now",
    "for now",
    "comes to mind",
    "springs to mind",
    "n a",
    "vraiment",
    "franchement",
    "honnetement",
    "en particulier",
    "pour l instant",
    "pour le moment",
    "pour l heure",
)
_NOTHING_HEADS = ("nothing", "none", "no comment", "no comments", "rien", "aucun", "aucune")
_FILLER = "|".join(sorted(NOTHING_FILLERS, key=len, reverse=True))
_FILLED_NOTHING = re.compile(
    rf"^(?:(?:{_FILLER}) )*(?:{'|'.join(_NOTHING_HEADS)})(?: (?:{_FILLER}))*$"
)
# More letters and digits than this: no stock phrase, no "nothing" with fillers (speed only).
_LONGEST = max(60, *map(len, NON_ANSWER_PHRASES))
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
    return _WORDS.sub(" ", _fold(text)).strip()


def _fold(text: object) -> str:
    """Lower-case, accents dropped (:func:`passives_lib.core.fold_accents`)."""
    return fold_accents(str(text))


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
    return np.array([says_nothing(_comment_text(c)) for c in comments], dtype=bool)


def _comment_text(comment: object) -> str:
    """The comment as text, ``""`` for a missing value."""
    if type(comment) is str:  # never missing (speed only: pd.isna is slow on scalars)
        return comment
    return "" if missing_value(comment) else str(comment)


def says_nothing(text: str) -> bool:
    """Whether ``normalise_comment(text)`` has two letters at most, is a stock phrase or fillers.

    :func:`is_non_answer` for one text (no missing value).

    Normalising keeps every letter and digit of the folded text (it only turns the rest into
    spaces), so both are counted there first, stopping early: more letters and digits than
    ``_LONGEST`` rule the phrases and a "nothing" with fillers out (speed only). ASCII text is
    counted before folding, which only lower-cases it there.
    """
    if (
        text.isascii()
        and _more_than(text, _LONGEST, str.isalnum)
        and _more_than(text, 2, str.isalpha)
    ):
        return False
    folded = _fold(text)
    if not _more_than(folded, 2, str.isalpha):
        return True
    if _more_than(folded, _LONGEST, str.isalnum):
        return False
    normalised = _WORDS.sub(" ", folded).strip()
    if normalised in NON_ANSWER_PHRASES:
        return True
    return bool(_FILLED_NOTHING.match(normalised))


def _more_than(text: str, count: int, kind: Callable[[str], bool]) -> bool:
    """Whether more than ``count`` characters of ``text`` are of ``kind`` (stops at one more)."""
    return next(islice(filter(kind, text), count, None), None) is not None


def missing_value(value: object) -> bool:
    """None, NaN, NaT or pd.NA (a comment cell left empty)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # not a scalar
        return False
