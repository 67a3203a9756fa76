"""The theme registry's matching rule: which run theme is which known theme.

Pure functions over unit centroids and keyword lists: pair scores, which pairs may match,
greedy one-to-one pairing with its tie-breaks, and the smoothing of a stable theme's centroid
over the weeks. Nothing here reads or writes the database.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from passives_lib.core import InvalidParameterError

EMA_WEIGHT = 0.5  # weight of the newer week's centroid in a stable theme's centroid
BORDERLINE_MARGIN = 0.1  # how far below min_similarity keywords can still rescue a pair
_TOLERANCE = 1e-6  # thresholds allow for float32 storage of centroids
_SCORE_DECIMALS = 9  # scores equal to this many decimals tie (and break by id)


@dataclass(frozen=True)
class MatchSettings:
    """When a theme of this run is the same as a theme seen before.

    Parameters
    ----------
    min_similarity : float
        Cosine similarity of the two centroids at or above which the pair matches.
    min_keyword_overlap : float
        Jaccard overlap of the two keyword sets (lower-cased) at or above which a borderline
        pair matches: one whose cosine is below ``min_similarity`` by less than 0.1.
    centroid_weight : float
        Weight of the cosine in the score that decides between candidate pairs; the keyword
        overlap weighs ``1 - centroid_weight``.

    Notes
    -----
    A run theme and a known theme may match when

    ``cosine >= min_similarity`` or
    (``cosine >= min_similarity - 0.1`` and ``jaccard >= min_keyword_overlap``),

    thresholds allowing 1e-6 for the rounding of stored centroids. Matching is one-to-one and
    greedy: candidate pairs are taken best first by
    ``score = centroid_weight * cosine + (1 - centroid_weight) * jaccard`` (equal scores by
    the lower stable id, then the lower run theme id), skipping a pair whose run theme or
    known theme is already taken.
    """

    min_similarity: float = 0.75
    min_keyword_overlap: float = 0.2
    centroid_weight: float = 0.8

    def __post_init__(self) -> None:
        for name in ("min_similarity", "min_keyword_overlap", "centroid_weight"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float | np.floating | np.integer)
                or not 0.0 <= float(value) <= 1.0
            ):
                raise InvalidParameterError(
                    f"The {name!r} parameter of MatchSettings must be a float in [0, 1]. "
                    f"Got {value!r} instead."
                )


class Theme(NamedTuple):
    """A theme to match: a run theme, or a known theme as of some week."""

    key: int  # run-local theme_id, or stable_id
    label: str
    keywords: list[str]
    vector: np.ndarray  # unit length, float64
    polarity: str | None = None  # praise, complaint, suggestion or neutral; None: not known


# As the theme model groups opinions (themes._unit_clustering.POLARITY_GROUP): praise apart,
# complaints, suggestions and neutral remarks together.
POLARITY_GROUPS = {"praise": 0, "complaint": 1, "suggestion": 1, "neutral": 1}


def same_tone(left: str | None, right: str | None) -> bool:
    """Whether two themes' polarities may match: unknown matches any, else the same group.

    Complaints, suggestions and neutral remarks are one group (a request names what is
    missing; a neutral remark mostly names what to change), praise the other.

    Examples
    --------
    >>> same_tone("complaint", "suggestion"), same_tone("praise", "complaint")
    (True, False)
    >>> same_tone("neutral", "complaint"), same_tone("neutral", "praise")
    (True, False)
    >>> same_tone(None, "praise")
    True
    """
    if left is None or right is None:
        return True
    return POLARITY_GROUPS.get(left, -1) == POLARITY_GROUPS.get(right, -1)


class Choice(NamedTuple):
    """The stable id a run theme was given."""

    stable_id: int
    similarity: float  # cosine to the matched known theme; NaN when new
    is_new: bool


def choose_ids(
    run: list[Theme],
    known: list[Theme],
    born: list[Theme],
    next_id: int,
    settings: MatchSettings,
    fixed: dict[int, int] | None = None,
) -> dict[int, Choice]:
    """Each run theme's stable id, by run theme id.

    A run theme anchored in a known theme (``fixed``: run theme id -> stable id, from a fit
    anchored in the registry's themes) takes that id; one matched to a ``known`` theme (seen
    in an earlier week) takes its id; one left over and matched to a theme ``born`` in an
    earlier recording of the same week takes that id and is still new; any other gets a new
    id, counting up from ``next_id``.
    """
    vectors = {t.key: t.vector for t in known}
    pinned = {r: k for r, k in (fixed or {}).items() if k in vectors}
    free_known = [t for t in known if t.key not in set(pinned.values())]
    matched = {
        t.key: (pinned[t.key], float(min(t.vector @ vectors[pinned[t.key]], 1.0)))
        for t in run
        if t.key in pinned
    }
    matched |= match([t for t in run if t.key not in pinned], free_known, settings)
    rematched = match([t for t in run if t.key not in matched], born, settings)
    chosen = {}
    for theme in run:
        if theme.key in matched:
            stable_id, cosine = matched[theme.key]
            chosen[theme.key] = Choice(stable_id, cosine, False)
        elif theme.key in rematched:
            chosen[theme.key] = Choice(rematched[theme.key][0], math.nan, True)
        else:
            chosen[theme.key] = Choice(next_id, math.nan, True)
            next_id += 1
    return chosen


def match(
    run: list[Theme], known: list[Theme], settings: MatchSettings
) -> dict[int, tuple[int, float]]:
    """Greedy one-to-one matching: run theme id -> (known key, cosine).

    A praise theme never matches a complaint theme (:func:`same_tone`), however close.
    """
    if not run or not known:
        return {}
    cosine = np.stack([t.vector for t in run]) @ np.stack([t.vector for t in known]).T
    overlap = np.array([[jaccard(r.keywords, k.keywords) for k in known] for r in run])
    tone = np.array([[same_tone(r.polarity, k.polarity) for k in known] for r in run])
    pairs = greedy_pairs(
        scores(cosine, overlap, settings),
        eligible(cosine, overlap, settings) & tone,
        [t.key for t in run],
        [t.key for t in known],
    )
    return {run[i].key: (known[j].key, float(min(cosine[i, j], 1.0))) for i, j in pairs}


def eligible(cosine: np.ndarray, overlap: np.ndarray, settings: MatchSettings) -> np.ndarray:
    """Which pairs may match: similar enough, or borderline with enough keywords shared.

    Examples
    --------
    >>> eligible(np.array([0.8, 0.7, 0.7, 0.6]), np.array([0.0, 0.5, 0.1, 1.0]),
    ...          MatchSettings()).tolist()
    [True, True, False, False]
    """
    borderline = settings.min_similarity - BORDERLINE_MARGIN - _TOLERANCE
    return (cosine >= settings.min_similarity - _TOLERANCE) | (
        (cosine >= borderline) & (overlap >= settings.min_keyword_overlap - _TOLERANCE)
    )


def scores(cosine: np.ndarray, overlap: np.ndarray, settings: MatchSettings) -> np.ndarray:
    """The score that orders candidate pairs, rounded so that near-equal scores tie.

    Examples
    --------
    >>> scores(np.array([0.80, 0.76]), np.array([0.0, 1.0]), MatchSettings()).tolist()
    [0.64, 0.808]
    """
    weight = settings.centroid_weight
    return np.round(weight * cosine + (1.0 - weight) * overlap, _SCORE_DECIMALS)


def greedy_pairs(
    score: np.ndarray, allowed: np.ndarray, run_keys: Sequence[int], known_keys: Sequence[int]
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(i, j)`` (run row, known column) taken best score first.

    Equal scores go to the lower known key, then the lower run key; a pair whose run theme
    or known theme is already taken is skipped. Keys must be unique.

    Examples
    --------
    >>> score = np.array([[0.9, 0.8], [0.95, 0.1]])
    >>> greedy_pairs(score, score > 0.5, run_keys=[0, 1], known_keys=[1, 2])
    [(1, 0), (0, 1)]
    """
    candidates = sorted(
        (-score[i, j], known_keys[j], run_keys[i], int(i), int(j)) for i, j in np.argwhere(allowed)
    )
    taken_run: set[int] = set()
    taken_known: set[int] = set()
    pairs = []
    for *_, i, j in candidates:
        if i not in taken_run and j not in taken_known:
            taken_run.add(i)
            taken_known.add(j)
            pairs.append((i, j))
    return pairs


def jaccard(left: list[str], right: list[str]) -> float:
    """Overlap of two keyword sets, compared lower-cased with spaces collapsed.

    Examples
    --------
    >>> jaccard(["Delivery", " late "], ["delivery", "price"])
    0.3333333333333333
    """
    a = {" ".join(k.lower().split()) for k in left}
    b = {" ".join(k.lower().split()) for k in right}
    return len(a & b) / len(a | b) if a | b else 0.0


def smoothed(vectors: list[np.ndarray]) -> np.ndarray:
    """Exponential moving average of unit vectors in order, re-normalised at each step.

    The newer vector weighs :data:`EMA_WEIGHT`: the centroid follows a theme that drifts
    slowly while one odd week does not replace it.
    """
    centroid = vectors[0]
    for vector in vectors[1:]:
        mixed = (1.0 - EMA_WEIGHT) * centroid + EMA_WEIGHT * vector
        norm = float(np.linalg.norm(mixed))
        centroid = mixed / norm if norm > 1e-12 else vector
    return centroid
