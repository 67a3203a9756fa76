"""The tone of a fit's opinions, worked out in a second thread while they are embedded.

Tone reads only the texts (VADER scores, cue words; :mod:`passives_lib.themes._tone`), and so
do the facts of the opinions' words that the theme table reads (label texts, names, word uses,
misspellings, things: :func:`text_work`, remembered for it); the embedding reads only its
model: neither needs the other's result. The embedding's batches run in ONNX Runtime or
torch, which let go of Python's lock while they compute, so this pure-Python work shares the
cores with them (:func:`beside`) instead of running after them on one core while the other
waits. Each is computed exactly as before, so the results are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple, TypeVar

import numpy as np

from passives_lib.themes._labels import label_text
from passives_lib.themes._opinions import Units
from passives_lib.themes._phrases import proper_nouns
from passives_lib.themes._tone import SIDE_OF, polarities, scores, with_comment_tone
from passives_lib.themes._wording import corpus_words

First = TypeVar("First")
Second = TypeVar("Second")


class Tone(NamedTuple):
    """The tone of a fit's opinions and comments."""

    polarity: list[str]  # each opinion's, its comment's tone taken where it has none
    signed: np.ndarray  # each opinion's sign times (0.1 + its score's size)
    comment_score: np.ndarray  # each distinct comment's score


def opinion_tone(units: Units, comments: list[str], language: str, split: bool) -> Tone:
    """Polarity and scores of the opinions ``units`` of the distinct ``comments``.

    Parameters
    ----------
    units : Units
        The comments' opinions.
    comments : list of str
        The distinct comments.
    language : str
        ``en`` or ``fr``.
    split : bool
        Whether the comments were split into opinions (else each comment is one opinion and
        its score is its opinion's signed score).

    Returns
    -------
    Tone
        ``polarity``, ``signed`` and ``comment_score``.

    Examples
    --------
    >>> units = Units(["great staff", "slow delivery"], np.array([0, 0]), np.array([0, 1]))
    >>> tone = opinion_tone(units, ["great staff, slow delivery"], "en", True)
    >>> tone.polarity, bool(tone.signed[0] > 0), bool(tone.signed[1] < 0)
    (['praise', 'complaint'], True, True)
    """
    unit_score = scores(units.texts, language)
    polarity = polarities(units.texts, language, unit_score)
    signed = np.array([SIDE_OF[p] for p in polarity], dtype=float) * (0.1 + np.abs(unit_score))
    comment_score = scores(comments, language) if split else signed[units.unit]
    polarity = with_comment_tone(polarity, units.owner, units.unit, comment_score)
    return Tone(polarity, signed, comment_score)


def text_work(
    units: Units, comments: list[str], weights: np.ndarray, language: str, split: bool
) -> Tone:
    """:func:`opinion_tone`, and what the theme table reads of the opinions' words.

    Each opinion's label text, the names among the words
    (:func:`passives_lib.themes._phrases.proper_nouns`) and the facts of the words
    (:func:`passives_lib.themes._wording.corpus_words`) are remembered, so the theme table
    finds them ready; ``weights`` are the opinions' (how many comments hold each).
    """
    tone = opinion_tone(units, comments, language, split)
    words = [label_text(text, language) for text in units.texts]
    proper_nouns(units.texts, weights)
    corpus_words(words, weights, language)
    return tone


def beside(side: Callable[[], First], main: Callable[[], Second]) -> tuple[First, Second]:
    """Run ``side`` in a second thread while ``main`` runs in this one; both results.

    An exception of either is raised here, once both have finished.

    Examples
    --------
    >>> beside(lambda: "tone", lambda: "vectors")
    ('tone', 'vectors')
    """
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(side)
        done = main()
        return pending.result(), done
