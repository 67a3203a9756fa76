"""Anchoring a run's opinions in themes already known (the registry's), BERTopic zero-shot style.

From the second week on, the themes the registry knows come to :meth:`ThemeModel.fit` as
anchors: an id, a name and a unit centroid each (a codebook theme is just that too). Each
polarity group's opinions first go to the known themes (:func:`anchor_units`): a known theme
belongs to the group its own opinions come from (:func:`anchor_groups`), and an opinion of that
group joins its nearest known theme of the group when the similarity is at least
``anchor_similarity``. Only the rest are clustered; a new cluster becomes a new theme when
it is heavy enough and not a copy of a known theme (:func:`keep_new`); the opinions of a
cluster that is not join their nearest known theme of the group at ``min_similarity``, as
leftovers of the first week did.

As the first week's themes are exactly the opinions nearest each centroid (see
:mod:`passives_lib.themes._unit_clustering`), an unchanged opinion is nearest the same
centroid the next week and keeps its theme.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from passives_lib.core import InvalidParameterError
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._unit_clustering import GROUPS, POLARITY_GROUP

COPY_SIMILARITY = 0.75  # a new cluster this close to a known theme is that theme


@dataclass(frozen=True)
class Anchors:
    """Known themes: ids, names and unit centroids (row ``i`` for ``ids[i]``)."""

    ids: list[int]
    names: list[str]
    centroids: np.ndarray
    groups: np.ndarray | None = None  # polarity group of each, when the table said

    def __len__(self) -> int:
        return len(self.ids)


def checked_anchors(anchors: object, dimension: int) -> Anchors:
    """Anchors from a table with ``anchor_id``, ``name`` and ``centroid`` (one vector a row).

    An optional ``polarity`` column (``praise``, ``complaint``, ``suggestion``, ``neutral``)
    says each known theme's polarity group; it is inferred from the opinions otherwise.

    Raises
    ------
    InvalidParameterError
        If a column is missing, ids repeat, or a centroid is not a finite vector of the
        embeddings' dimension.
    """
    if isinstance(anchors, Anchors):
        table = pd.DataFrame(
            {"anchor_id": anchors.ids, "name": anchors.names, "centroid": list(anchors.centroids)}
        )
    elif isinstance(anchors, pd.DataFrame):
        table = anchors
    else:
        raise InvalidParameterError(
            f"anchors must be a DataFrame with anchor_id, name and centroid; got {anchors!r}"
        )
    missing = [c for c in ("anchor_id", "name", "centroid") if c not in table]
    if missing:
        raise InvalidParameterError(f"anchors lack the column(s) {missing}")
    ids = [int(i) for i in table["anchor_id"]]
    if len(set(ids)) != len(ids):
        raise InvalidParameterError("anchors repeat an anchor_id")
    vectors = [np.asarray(v, dtype=float).ravel() for v in table["centroid"]]
    if any(len(v) != dimension or not np.isfinite(v).all() for v in vectors):
        raise InvalidParameterError(
            f"each anchor centroid must be a finite vector of {dimension} values"
        )
    matrix = unit_rows(np.stack(vectors)) if vectors else np.zeros((0, dimension))
    groups = None
    if "polarity" in table:
        groups = np.array([POLARITY_GROUP.get(str(p), -1) for p in table["polarity"]], dtype=int)
    return Anchors(ids, [str(n) for n in table["name"]], matrix, groups)


def anchor_groups(
    similarity: np.ndarray, groups: np.ndarray, weights: np.ndarray, floor: float = -1.0
) -> np.ndarray:
    """The polarity group of each known theme: the group of most of its nearest opinions.

    Only opinions at ``floor`` or more from their nearest known theme count: an opinion far
    from every known theme (a new subject) says nothing of their tone.

    Used when the anchors do not say their polarity; embeddings hold tone weakly (French
    under the English model most of all), so a stored polarity is better. A known theme
    nearest to no opinion keeps group ``-1`` (it takes none).

    Examples
    --------
    >>> sim = np.array([[0.9, 0.1], [0.8, 0.2], [0.1, 0.7], [0.5, 0.6]])
    >>> anchor_groups(sim, np.array([0, 0, 1, 1]), np.ones(4)).tolist()
    [0, 1]
    """
    n_anchors = similarity.shape[1]
    out = np.full(n_anchors, -1, dtype=int)
    if not len(similarity) or not n_anchors:
        return out
    nearest = similarity.argmax(axis=1)
    close = similarity.max(axis=1) >= floor
    for anchor in range(n_anchors):
        mine = (nearest == anchor) & close
        if mine.any():
            mass = np.bincount(groups[mine], weights=weights[mine], minlength=len(GROUPS))
            out[anchor] = int(np.argmax(mass))
    return out


def anchor_units(
    similarity: np.ndarray, groups: np.ndarray, owners: np.ndarray, floor: float
) -> np.ndarray:
    """Each opinion's known theme (column of ``similarity``), ``-1`` when none is close enough.

    Parameters
    ----------
    similarity : numpy.ndarray
        Opinions x known themes, cosine.
    groups : numpy.ndarray
        Polarity group of each opinion.
    owners : numpy.ndarray
        Group of each known theme (:func:`anchor_groups`).
    floor : float
        Least similarity to join.

    Examples
    --------
    >>> sim = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.5], [0.1, 0.2]])
    >>> anchor_units(sim, np.array([0, 1, 1, 0]), np.array([0, 1]), 0.4).tolist()
    [0, 1, 1, -1]
    """
    out = np.full(len(similarity), -1, dtype=int)
    if not similarity.size:
        return out
    allowed = np.where(owners[None, :] == groups[:, None], similarity, -np.inf)
    best = allowed.argmax(axis=1)
    top = allowed[np.arange(len(allowed)), best]
    out[top >= floor] = best[top >= floor]
    return out


def keep_new(
    labels: np.ndarray,
    vectors: np.ndarray,
    weights: np.ndarray,
    anchors: np.ndarray,
    min_size: float,
) -> dict[int, bool]:
    """Which new clusters become new themes: heavy enough, and no copy of a known theme."""
    out = {}
    for theme in sorted(set(labels.tolist()) - {-1}):
        members = labels == theme
        centre = unit_rows(vectors[members].mean(axis=0, keepdims=True))[0]
        copy = len(anchors) and float((anchors @ centre).max()) >= COPY_SIMILARITY
        out[theme] = bool(weights[members].sum() >= min_size and not copy)
    return out
