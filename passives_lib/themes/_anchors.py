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

A codebook theme that no run has matched yet (``seen`` false) is known only by a few example
phrases: it takes no single opinion, no leftover and no copy, only the clusters of the run
that stand out towards it (:func:`standout_clusters`), and settles on their centre
(:func:`given_centroids`). Taking single opinions, one codebook theme gathered whatever came
nearest (69% of the French garden-centre comments). Once matched, it anchors like any other.

As the first week's themes are exactly the opinions nearest each centroid (see
:mod:`passives_lib.themes._unit_clustering`), an unchanged opinion is nearest the same
centroid the next week and keeps its theme.

Once the registry remembers which theme each recorded opinion went to (see
:mod:`passives_lib.themes._memory`), an unchanged opinion keeps its theme by identity, and
the low floor is no longer what holds it. Known themes then took 97-99% of a week's
opinions and a subject first raised that week never became a theme. So with memory an
opinion not seen before joins a known theme only when it is as close to it as the theme's
own remembered opinions are (:func:`member_floors`), and a cluster of the rest becomes a new
theme when it weighs enough and its opinions are on average ``DISTINCT_MARGIN`` closer to
their own centre (each left out of it) than to any known theme (:func:`distinct_clusters`);
the others' opinions join known themes as leftovers. This takes at least ``MIN_REMEMBERED``
remembered opinions in the run; with fewer, the rule above holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from passives_lib.core import InvalidParameterError
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._name_words import name_stems
from passives_lib.themes._unit_clustering import GROUPS, POLARITY_GROUP

COPY_SIMILARITY = 0.75  # a new cluster this close to a known theme is that theme
DISTINCT_MARGIN = 0.05  # with memory: members this much closer to their own centre than to known
MIN_REMEMBERED = 5  # fewer remembered opinions: a theme's floor is pooled; a run's, no memory


@dataclass(frozen=True)
class Anchors:
    """Known themes: ids, names and unit centroids (row ``i`` for ``ids[i]``)."""

    ids: list[int]
    names: list[str]
    centroids: np.ndarray
    groups: np.ndarray | None = None  # polarity group of each, when the table said
    seen: np.ndarray | None = None  # whether each has had members (a codebook theme not yet)
    words: tuple[frozenset[str], ...] | None = None  # light stems of each one's phrases

    def __len__(self) -> int:
        return len(self.ids)


def checked_anchors(anchors: object, dimension: int) -> Anchors:
    """Anchors from a table with ``anchor_id``, ``name`` and ``centroid`` (one vector a row).

    An optional ``polarity`` column (``praise``, ``complaint``, ``suggestion``, ``neutral``)
    says each known theme's polarity group; it is inferred from the opinions otherwise. An
    optional ``seen`` column says whether each has had members in a run; a theme that has
    not (a codebook theme, known only by its example phrases) takes no opinion directly, only
    the clusters of the run that stand out towards it (:func:`standout_clusters`), and an
    optional ``phrases`` column (a list of texts each: its name and examples; a single text
    counts as one phrase) gives the words such a cluster must use.

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
    seen = None
    if "seen" in table:  # a missing value: seen, as a theme without the column is
        seen = np.array([True if pd.isna(v) else bool(v) for v in table["seen"]], dtype=bool)
    words = None
    if "phrases" in table:
        words = tuple(
            frozenset().union(*(name_stems(str(p)) for p in _phrase_list(phrases)))
            for phrases in table["phrases"]
        )
    return Anchors(ids, [str(n) for n in table["name"]], matrix, groups, seen, words)


def _phrase_list(phrases: object) -> list[object]:
    """A cell of the ``phrases`` column as a list: a single text is one phrase, none is none."""
    if isinstance(phrases, str):
        return [phrases]
    if phrases is None or (not isinstance(phrases, list | tuple | np.ndarray) and pd.isna(phrases)):
        return []
    return list(phrases)


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
    similarity: np.ndarray, groups: np.ndarray, owners: np.ndarray, floor: float | np.ndarray
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
    floor : float or numpy.ndarray
        Least similarity to join: one for all, or one per known theme.

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
    floors = np.broadcast_to(np.asarray(floor, dtype=float), (similarity.shape[1],))
    joins = top >= floors[best]
    out[joins] = best[joins]
    return out


def remembers(memory: np.ndarray) -> bool:
    """Whether a run remembers enough opinions (``MIN_REMEMBERED``) to hold new ones apart.

    Examples
    --------
    >>> remembers(np.array([0, 1, 1, 2, -1])), remembers(np.array([0, 1, 1, 2, 0]))
    (False, True)
    """
    return int((np.asarray(memory) >= 0).sum()) >= MIN_REMEMBERED


def member_floors(
    similarity: np.ndarray,
    memory: np.ndarray,
    floor: float,
    quantile: float,
    min_remembered: int = MIN_REMEMBERED,
) -> np.ndarray:
    """Each known theme's floor for opinions it does not remember: as close as its members.

    A theme with at least ``min_remembered`` remembered opinions in the run takes a new one
    only when it is as close to the theme as the ``quantile`` of those members are; a theme
    with fewer, as close as the ``quantile`` of all remembered opinions to their own themes
    (so that a theme whose opinions left the window is no open door); never below
    ``floor``, which is also every theme's floor when nothing is remembered. Scale-free: the
    French comments under the English model sit much closer together than English ones, so
    one absolute floor either keeps every new French subject in a known theme or splits
    English themes.

    Parameters
    ----------
    similarity : numpy.ndarray
        Opinions x known themes, cosine.
    memory : numpy.ndarray
        Each opinion's remembered theme (column), ``-1`` for none.
    floor : float
        The least floor.
    quantile : float
        Of the members' similarity, in [0, 1].
    min_remembered : int
        Fewer remembered opinions in a theme: the pooled floor.

    Examples
    --------
    >>> sim = np.array([[0.9, 0.1], [0.7, 0.2], [0.8, 0.3], [0.5, 0.6]])
    >>> member_floors(sim, np.array([0, 0, 0, 1]), 0.3, 0.0, min_remembered=3).tolist()
    [0.7, 0.6]
    """
    out = np.full(similarity.shape[1], float(floor))
    held = np.flatnonzero(memory >= 0)
    own = similarity[held, memory[held]]
    own = own[np.isfinite(own)]  # a theme that takes no single opinion has none
    if not len(own):
        return out
    out[:] = max(float(floor), float(np.quantile(own, quantile)))
    for anchor in range(similarity.shape[1]):
        members = similarity[memory == anchor, anchor]
        members = members[np.isfinite(members)]
        if len(members) >= min_remembered:
            out[anchor] = max(float(floor), float(np.quantile(members, quantile)))
    return out


STANDOUT = 2.0  # robust z of a cluster's closeness to a codebook theme, among the run's clusters
MATCH_LIFT = 0.35  # and the share of the way from the clusters' median closeness to 1 it covers
WORD_SUPPORT = 0.2  # and this share of its opinions (by weight) use a word of the theme's phrases
SPREAD_CLUSTERS = 5  # fewer clusters tell no spread: the other tests decide without STANDOUT


def standout_clusters(
    labels: np.ndarray,
    vectors: np.ndarray,
    weights: np.ndarray,
    groups: np.ndarray,
    centroids: np.ndarray,
    owners: np.ndarray | None = None,
    texts: Sequence[str] | None = None,
    words: Sequence[frozenset[str]] | None = None,
) -> dict[int, int]:
    """The clusters each theme known only by its examples (a codebook theme) takes.

    Example phrases are short and a run's clusters are means of many opinions, so no fixed
    cosine says that a cluster is a codebook theme (French under the English model puts
    every centre near every other). A cluster is taken when its centre stands out among the
    run's clusters in closeness to the theme: a robust z-score (median and scaled median
    absolute deviation over all clusters) of at least ``STANDOUT``, the theme its nearest,
    and its polarity group the theme's (its examples' tone, else that of its nearest
    cluster: "rude staff" must not take "friendly staff"). Standing out is not enough when
    the theme has no cluster of its own (the sample's login failures sit among its app
    crashes, which then stand out towards "login problems"): the cluster must also cover
    ``MATCH_LIFT`` of the way from the clusters' median closeness to 1, and, where the
    theme's words are given, ``WORD_SUPPORT`` of its opinions (by weight) must use one of
    them (light stems, :func:`passives_lib.themes._name_words.name_stems`): the NHS
    transport complaints stand out towards "parking is difficult" and come close, but
    hardly one says "parking". Fewer than ``SPREAD_CLUSTERS`` clusters tell no spread, so
    the other tests decide then. A codebook theme that takes nothing is left out of the run;
    its examples name nothing else.

    Parameters
    ----------
    labels : numpy.ndarray
        Cluster of each opinion (``-1`` none).
    vectors : numpy.ndarray
        Unit vectors of the opinions.
    weights : numpy.ndarray
        Weight of each opinion.
    groups : numpy.ndarray
        Polarity group of each opinion (a cluster's opinions share one).
    centroids : numpy.ndarray
        Unit centroid of each codebook theme, one row each.
    owners : numpy.ndarray, optional
        Polarity group of each codebook theme, ``-1`` where its examples have no tone.
    texts : sequence of str, optional
        The opinions, for the word test (none without them).
    words : sequence of frozenset of str, optional
        Each codebook theme's light stems (an empty set: no word test for it).

    Returns
    -------
    dict of int to int
        Cluster -> row of ``centroids`` it joins.

    Examples
    --------
    >>> theme = unit_rows(np.array([[0.9, 0.3, 0.2, 0.25, 0.15, 0.1]]))
    >>> standout_clusters(np.arange(6), np.eye(6), np.ones(6), np.zeros(6, dtype=int), theme)
    {0: 0}
    """
    clusters = np.array(sorted(set(labels.tolist()) - {-1}), dtype=int)
    if not len(clusters) or not len(centroids):
        return {}
    centres = np.zeros((len(clusters), vectors.shape[1]))
    cluster_groups = np.zeros(len(clusters), dtype=int)
    for row, cluster in enumerate(clusters.tolist()):
        members = labels == cluster
        centres[row] = (vectors[members] * weights[members, None]).sum(axis=0)
        cluster_groups[row] = int(np.bincount(groups[members]).argmax())
    closeness = unit_rows(centres) @ centroids.T
    nearest = closeness.argmax(axis=1)
    taken: dict[int, int] = {}
    for theme in range(len(centroids)):
        column = closeness[:, theme]
        group = cluster_groups[int(column.argmax())]
        if owners is not None and owners[theme] >= 0:
            group = int(owners[theme])
        middle = float(np.median(column))
        spread = max(1.4826 * float(np.median(np.abs(column - middle))), 1e-9)
        standing = (column - middle) / spread >= STANDOUT
        if len(clusters) < SPREAD_CLUSTERS:
            standing = np.ones(len(clusters), dtype=bool)
        close = (column - middle) / max(1.0 - middle, 1e-9) >= MATCH_LIFT
        chosen = standing & close & (nearest == theme) & (cluster_groups == group)
        stems = words[theme] if words is not None and texts is not None else frozenset()
        for row in np.flatnonzero(chosen).tolist():
            cluster = int(clusters[row])
            if not stems or word_support(labels == cluster, weights, texts, stems):
                taken[cluster] = theme
    return taken


def word_support(
    members: np.ndarray, weights: np.ndarray, texts: Sequence[str] | None, stems: frozenset[str]
) -> bool:
    """Whether ``WORD_SUPPORT`` of the members' weight is opinions using one of ``stems``.

    Examples
    --------
    >>> texts = ["parking was full", "the taxi was late", "taxi never came"]
    >>> word_support(np.ones(3, dtype=bool), np.ones(3), texts, frozenset({"park"}))
    True
    >>> word_support(np.array([False, True, True]), np.ones(3), texts, frozenset({"park"}))
    False
    """
    rows = np.flatnonzero(members)
    total = float(weights[rows].sum())
    if texts is None or total <= 0:
        return False
    using = sum(float(weights[i]) for i in rows.tolist() if stems & name_stems(texts[i]))
    return using >= WORD_SUPPORT * total


def given_centroids(
    anchors: Anchors,
    anchored: dict[int, int],
    labels: np.ndarray,
    vectors: np.ndarray,
    weights: np.ndarray,
) -> dict[int, np.ndarray]:
    """The centroid each known theme of a run settles on, by label.

    A theme seen in a run before keeps the centroid it came with, so that an unchanged
    opinion lands in it again; a codebook theme never seen takes the weighted mean of the
    opinions it took this run (its examples only told which clusters are its own).

    Examples
    --------
    >>> known = Anchors([7], ["late parcel"], np.array([[1.0, 0.0]]), seen=np.array([False]))
    >>> given_centroids(known, {0: 0}, np.array([0, 0]), np.array([[0.0, 1.0], [0.0, 1.0]]),
    ...                 np.ones(2))[0].tolist()
    [0.0, 1.0]
    """
    out = {}
    for label, position in anchored.items():
        members = labels == label
        if anchors.seen is None or anchors.seen[position] or not members.any():
            out[label] = anchors.centroids[position]
        else:
            total = (vectors[members] * weights[members, None]).sum(axis=0, keepdims=True)
            out[label] = unit_rows(total)[0]
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


def distinct_clusters(
    labels: np.ndarray,
    vectors: np.ndarray,
    weights: np.ndarray,
    anchors: np.ndarray,
    min_size: float,
    margin: float = DISTINCT_MARGIN,
) -> dict[int, bool]:
    """Which clusters of new opinions become new themes: heavy, and apart from known themes.

    A cluster is apart when its opinions are, on average (by weight), at least ``margin``
    closer to their cluster's centre (left out of it themselves) than to their nearest
    known theme. Both sides are similarities of the same opinions, so the test holds under
    any embedding's scale: French comments under the English model sit close to every
    centroid, and a fixed copy similarity took even a new subject for a known theme.

    Parameters
    ----------
    labels : numpy.ndarray
        Cluster of each opinion, ``-1`` none.
    vectors : numpy.ndarray
        The opinions' unit vectors.
    weights : numpy.ndarray
        The opinions' weights.
    anchors : numpy.ndarray
        Known themes' unit centroids, one per row.
    min_size : float
        Least weight of a new theme.
    margin : float
        Least mean gain in similarity.

    Returns
    -------
    dict of int to bool
        For each cluster.

    Examples
    --------
    >>> v = np.array([[1.0, 0.0, 0.0], [0.96, 0.28, 0.0], [0.0, 1.0, 0.0], [0.0, 0.96, 0.28]])
    >>> known = np.array([[0.0, 0.0, 1.0], [0.0, 0.99, 0.14]])
    >>> distinct_clusters(np.array([0, 0, 1, 1]), v, np.ones(4), known, 2.0)
    {0: True, 1: False}
    """
    out = {}
    for cluster in sorted(set(labels.tolist()) - {-1}):
        members = np.flatnonzero(labels == cluster)
        weight = weights[members]
        if weight.sum() < min_size:
            out[cluster] = False
            continue
        own = vectors[members] * weight[:, None]
        others = own.sum(axis=0)[None, :] - own  # each opinion's centre without it
        norms = np.linalg.norm(others, axis=1)
        loo = np.where(
            norms > 0, (own / weight[:, None] * others).sum(axis=1) / np.maximum(norms, 1e-12), 0.0
        )
        nearest = (
            (vectors[members] @ anchors.T).max(axis=1) if len(anchors) else np.zeros(len(members))
        )
        gain = float(np.average(loo - nearest, weights=weight))
        out[cluster] = gain >= margin
    return out
