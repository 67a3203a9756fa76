"""An analyst's codebook as vectors: each theme's centroid from its embedded example phrases."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from passives_lib.core import InvalidParameterError
from passives_lib.embedding import embed_texts
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._language import detect_language
from passives_lib.themes._model import ThemeModel
from passives_lib.themes._tone import NEUTRAL, polarities

__all__ = ["codebook_centroids", "codebook_polarity", "phrase_vectors"]


def phrase_vectors(model: ThemeModel, phrases: Sequence[str]) -> np.ndarray:
    """Unit vectors of texts, embedded by ``model``'s encoder, backend and embedding cache.

    Parameters
    ----------
    model : ThemeModel
        The model of the runs (fitted or not).
    phrases : sequence of str
        The texts, as given (no opener is stripped).

    Returns
    -------
    numpy.ndarray
        One unit row per text (float64).
    """
    if not phrases:
        return np.zeros((0, 0))
    vectors, _ = embed_texts([str(p) for p in phrases], model._encoder(), model._cache(), False)
    return unit_rows(np.asarray(vectors, dtype=np.float64))


def codebook_centroids(model: ThemeModel, examples: Sequence[Sequence[str]]) -> np.ndarray:
    """The unit centroid of each codebook theme's example phrases, embedded as ``model`` would.

    The phrases go through the encoder, backend and embedding cache the model's runs use, so
    the centroids compare with the centroids of its themes (and the registry's).

    Parameters
    ----------
    model : ThemeModel
        The model of the runs (fitted or not).
    examples : sequence of sequences of str
        Each codebook theme's example phrases (at least one each).

    Returns
    -------
    numpy.ndarray
        One unit row per codebook theme, in order.

    Raises
    ------
    InvalidParameterError
        If a theme has no example phrase.
    """
    groups = [[str(p) for p in group] for group in examples]
    empty = [i for i, group in enumerate(groups) if not group]
    if empty:
        raise InvalidParameterError(
            f"every codebook theme needs an example phrase; theme {empty[0]} has none"
        )
    phrases = [p for group in groups for p in group]
    if not phrases:
        return np.zeros((0, 0))
    vectors = phrase_vectors(model, phrases)
    bounds = np.cumsum([0] + [len(group) for group in groups])
    means = np.stack([vectors[a:b].mean(axis=0) for a, b in zip(bounds, bounds[1:], strict=False)])
    return unit_rows(means)


def codebook_polarity(examples: Sequence[str], language: str | None = None) -> str | None:
    """The tone a codebook theme's example phrases say most, if any.

    Parameters
    ----------
    examples : sequence of str
        The theme's example phrases.
    language : str, optional
        ``en`` or ``fr`` (``themes.language``); detected from the phrases when omitted or
        ``auto``.

    Returns
    -------
    str or None
        ``praise``, ``complaint`` or ``suggestion``, the tone most of the phrases that have
        one say; None when none has a tone or two tones tie (the runs tell then).

    Examples
    --------
    >>> codebook_polarity(["the staff were rude", "receptionist was rude and unhelpful"])
    'complaint'
    >>> codebook_polarity(["delivery", "the parcel"]) is None
    True
    """
    phrases = [str(p) for p in examples]
    if not phrases:
        return None
    tones = [t for t in polarities(phrases, detect_language(phrases, language)) if t != NEUTRAL]
    counts = {tone: tones.count(tone) for tone in sorted(set(tones))}
    if not counts:
        return None
    most = max(counts.values())
    leaders = [tone for tone, count in counts.items() if count == most]
    return leaders[0] if len(leaders) == 1 else None
