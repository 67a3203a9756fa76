"""From opinions to themes, and from opinions' themes to each comment's themes.

:func:`learn_unit_themes` clusters the opinions (see
:mod:`passives_lib.themes._unit_clustering`), first giving them to known themes when anchors
are given (see :mod:`passives_lib.themes._anchors`), or, with an injected reducer or
clusterer, through BERTopic as before, split by polarity group afterwards.
:func:`comment_themes` gives each comment its primary theme (from the opinion that agrees
with the comment's tone, :func:`passives_lib.themes._opinions.primary_opinion`) and its
other opinions' themes after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from passives_lib.themes._anchors import (
    Anchors,
    anchor_groups,
    anchor_units,
    distinct_clusters,
    keep_new,
    member_floors,
    remembers,
    standout_clusters,
)
from passives_lib.themes._clustering import assign_leftovers, cluster_embeddings, unit_rows
from passives_lib.themes._opinions import Units, primary_opinion
from passives_lib.themes._unit_clustering import GROUPS, cluster_units

MIN_THEME_SHARE = 0.004  # a theme holds at least this share of the opinions' weight
SETTLE_BY_GROUP = True  # settle on the nearest centre of its polarity group
SMALL = 20  # fewer opinions: a theme may hold one


@dataclass(frozen=True)
class Budget:
    """How many themes, how small one may be, and the similarity floors."""

    total: int
    min_size: float
    min_similarity: float
    anchor_similarity: float
    low_share: float = 1 / 3
    fixed: bool = False
    new_opinion_quantile: float | None = None  # with memory: see learn_unit_themes


def budget(
    weight: float,
    n_units: int,
    n_themes: int | None,
    min_themes: int,
    max_themes: int,
    min_similarity: float,
    anchor_similarity: float,
    new_opinion_quantile: float | None = None,
) -> Budget:
    """Themes wanted and the least theme weight, from the corpus size.

    ``n_themes`` when given; else ``sqrt`` of the opinions' number, between ``min_themes``
    and ``max_themes``. A theme weighs at least ``MIN_THEME_SHARE`` of all opinions (at
    least 2, 1 among fewer than ``SMALL`` opinions), never the 1% of comments that made
    catch-alls. Each group's number is chosen by silhouette between ``low_share`` of its
    budget (a third, or ``min_themes / total`` when more) and its budget; all of it when
    ``n_themes`` is given.
    """
    min_size = max(1.0 if n_units < SMALL else 2.0, MIN_THEME_SHARE * weight)
    if n_themes is not None:
        total = int(n_themes)
    else:
        total = int(min(max_themes, max(min_themes, np.floor(np.sqrt(max(n_units, 1))))))
        total = max(1, min(total, int(weight // min_size) or 1))
    low_share = max(1 / 3, min(1.0, min_themes / max(total, 1)))
    if n_themes is not None:
        low_share = 1.0
    return Budget(
        total,
        min_size,
        min_similarity,
        anchor_similarity,
        low_share,
        n_themes is not None,
        new_opinion_quantile,
    )


def learn_unit_themes(
    texts: list[str],
    vectors: np.ndarray,
    weights: np.ndarray,
    groups: np.ndarray,
    plan: Budget,
    *,
    anchors: Anchors | None = None,
    injected: dict[str, Any] | None = None,
    remembered_at: np.ndarray | None = None,
) -> tuple[np.ndarray, dict[int, int], str, Any]:
    """Each opinion's theme, which themes are known ones, and how they were found.

    With ``remembered_at`` (each opinion's theme in an earlier recorded week, as a position
    in ``anchors``, ``-1`` for an opinion not seen before), a remembered opinion keeps its
    theme. When enough are remembered (five:
    :func:`~passives_lib.themes._anchors.remembers`), another opinion joins a known theme
    only when it is as close to it as the ``plan.new_opinion_quantile`` of the theme's
    remembered opinions are
    (:func:`~passives_lib.themes._anchors.member_floors`); the rest are clustered with the
    whole budget, and a cluster becomes a new theme when its opinions are at least
    ``DISTINCT_MARGIN`` closer to their own centre than to any known theme
    (:func:`~passives_lib.themes._anchors.distinct_clusters`), so that a subject first
    raised this week is seen. With fewer (none: a first week, a ledger upgraded from
    version 4, or a window of all-new comments) every other opinion is anchored at
    ``plan.anchor_similarity``, the rest share the budget the known themes left, and a
    cluster is new unless it is a copy of a known theme
    (:func:`~passives_lib.themes._anchors.keep_new`).

    Returns
    -------
    tuple
        Labels (``-1``: no theme); for each label that is a known theme, the position of
        that theme in ``anchors``; the method in words; the fitted BERTopic model when an
        injected reducer or clusterer was used (else None).
    """
    if injected is not None:
        labels, method, topic_model = cluster_embeddings(texts, vectors, **injected)
        labels = assign_leftovers(labels, vectors, plan.min_similarity)
        labels = np.where(labels >= 0, labels * 3 + groups, -1)
        return labels, {}, f"{method}, opinions split by polarity", topic_model
    if anchors is None or not len(anchors):
        labels = cluster_units(
            texts,
            vectors,
            weights,
            groups,
            total=plan.total,
            min_size=plan.min_size,
            min_similarity=plan.min_similarity,
            low_share=plan.low_share,
            fixed=plan.fixed,
        )
        return labels, {}, "Ward tree on opinion embeddings, cut heaviest first, per polarity", None
    return anchored_unit_themes(texts, vectors, weights, groups, plan, anchors, remembered_at)


def anchored_unit_themes(
    texts: list[str],
    vectors: np.ndarray,
    weights: np.ndarray,
    groups: np.ndarray,
    plan: Budget,
    anchors: Anchors,
    remembered_at: np.ndarray | None = None,
) -> tuple[np.ndarray, dict[int, int], str, None]:
    """:func:`learn_unit_themes` with anchors: known themes first, then the rest clustered."""
    # A theme known only by its examples (a codebook's, never seen in a run) takes no opinion
    # directly, no leftover and no copy: only the clusters that stand out towards it.
    unseen = np.zeros(len(anchors), dtype=bool) if anchors.seen is None else ~anchors.seen
    direct = np.where(unseen, -np.inf, vectors @ anchors.centroids.T)
    owners = anchor_groups(direct, groups, weights, plan.min_similarity)
    if anchors.groups is not None:  # stored polarity wins where there is one
        owners = np.where(anchors.groups >= 0, anchors.groups, owners)
    if not SETTLE_BY_GROUP:  # known themes take the nearest opinions, whatever their tone
        owners = np.zeros_like(owners)
    match_groups = groups if SETTLE_BY_GROUP else np.zeros_like(groups)
    memory = np.full(len(texts), -1) if remembered_at is None else np.asarray(remembered_at)
    held = memory >= 0
    remembering = remembers(memory)
    anchored = first_anchoring(direct, match_groups, owners, memory, plan)
    rest = np.flatnonzero(anchored < 0)
    room = max(1, plan.total - int(len(set(anchored.tolist()) - {-1})))
    if remembering:  # the known themes are held by memory: the rest may use the whole budget
        room = plan.total
    rest_texts = [texts[i] for i in rest]
    found = cluster_units(
        rest_texts,
        vectors[rest],
        weights[rest],
        groups[rest],
        total=min(room, max(1, len(rest))),
        min_size=plan.min_size,
        min_similarity=plan.min_similarity,
    )
    taken = standout_clusters(
        found,
        vectors[rest],
        weights[rest],
        groups[rest],
        anchors.centroids[unseen],
        None if anchors.groups is None else anchors.groups[unseen],
        rest_texts,
        None if anchors.words is None else [anchors.words[i] for i in np.flatnonzero(unseen)],
    )
    codebook_rows = np.flatnonzero(unseen)
    new_test = distinct_clusters if remembering else keep_new
    kept = new_test(found, vectors[rest], weights[rest], anchors.centroids[~unseen], plan.min_size)
    # opinions of clusters that are no new theme join known ones as leftovers
    late = anchor_units(direct[rest], match_groups[rest], owners, plan.min_similarity)
    labels = anchored.copy()
    offset = len(anchors)
    for position, (cluster, known) in enumerate(zip(found.tolist(), late.tolist(), strict=True)):
        if cluster in taken:
            labels[rest[position]] = int(codebook_rows[taken[cluster]])
        elif cluster >= 0 and kept[cluster]:
            labels[rest[position]] = offset + cluster
        else:
            labels[rest[position]] = known
    known_map = {a: a for a in range(len(anchors))}
    new = len({label for label in labels.tolist() if label >= offset})
    method = f"anchored in {len(anchors)} known themes, {new} new from the rest"
    if len(codebook_rows):  # codebook themes no run has matched: how many found clusters
        method = (
            f"anchored in {len(anchors) - len(codebook_rows)} known themes and "
            f"{len(codebook_rows)} codebook themes ({len(set(taken.values()))} found), "
            f"{new} new from the rest"
        )
    if held.any():
        method += f"; {int(held.sum())} opinions kept their remembered theme"
    return labels, known_map, method, None


def first_anchoring(
    direct: np.ndarray,
    groups: np.ndarray,
    owners: np.ndarray,
    memory: np.ndarray,
    plan: Budget,
) -> np.ndarray:
    """Each opinion's known theme before the rest are clustered (``-1``: none).

    A remembered opinion (``memory`` >= 0) keeps its theme. With enough of them
    (:func:`~passives_lib.themes._anchors.remembers`), an opinion not seen before joins its
    nearest known theme of its group only at that theme's floor from the remembered
    opinions (:func:`~passives_lib.themes._anchors.member_floors`); with fewer, at
    ``plan.anchor_similarity``.

    Examples
    --------
    >>> plan = Budget(4, 1.0, 0.3, 0.3, new_opinion_quantile=0.5)
    >>> direct = np.array([[0.9], [0.7], [0.8], [0.75], [0.85], [0.82], [0.78]])
    >>> same, owner = np.zeros(7, dtype=int), np.zeros(1, dtype=int)
    >>> first_anchoring(direct, same, owner, np.full(7, -1), plan).tolist()
    [0, 0, 0, 0, 0, 0, 0]
    >>> memory = np.array([0, 0, 0, 0, 0, -1, -1])  # the members' median is 0.8
    >>> first_anchoring(direct, same, owner, memory, plan).tolist()
    [0, 0, 0, 0, 0, 0, -1]
    """
    held = memory >= 0
    floor: float | np.ndarray = plan.anchor_similarity
    if remembers(memory) and plan.new_opinion_quantile is not None:
        floor = member_floors(direct, memory, plan.anchor_similarity, plan.new_opinion_quantile)
    anchored = anchor_units(direct, groups, owners, floor)
    anchored[held] = memory[held]
    return anchored


def comment_themes(
    units: Units,
    unit_labels: np.ndarray,
    signed: np.ndarray,
    comment_score: np.ndarray,
    max_per_comment: int,
) -> tuple[np.ndarray, list[list[int]], np.ndarray]:
    """Each distinct comment's primary theme, its themes (primary first) and primary opinion.

    Parameters
    ----------
    units : Units
        The comments' opinions.
    unit_labels : numpy.ndarray
        Theme of each distinct opinion.
    signed : numpy.ndarray
        Signed strength of each distinct opinion (negative for complaint and suggestion,
        positive for praise, 0 for neutral).
    comment_score : numpy.ndarray
        Overall tone of each distinct comment.
    max_per_comment : int
        Themes per comment at most.

    Returns
    -------
    tuple
        Primary theme per comment (``-1`` none), theme lists, and the distinct opinion the
        primary theme comes from (``-1`` none).

    Examples
    --------
    >>> units = Units(["a", "b", "c"], np.array([0, 0, 1]), np.array([0, 1, 2]))
    >>> primary, sets, _ = comment_themes(units, np.array([5, 7, -1]), np.array([0.5, -0.6, 0]),
    ...                                   np.array([-0.3, 0.0]), 3)
    >>> primary.tolist(), sets
    ([7, -1], [[7, 5], [-1]])
    """
    pair_labels = unit_labels[units.unit]
    best = primary_opinion(units.owner, pair_labels, signed[units.unit], comment_score)
    n = len(comment_score)
    primary = np.where(best >= 0, pair_labels[np.maximum(best, 0)], -1)
    sets: list[list[int]] = [[int(p)] for p in primary.tolist()]
    for comment, label in zip(units.owner.tolist(), pair_labels.tolist(), strict=True):
        chosen = sets[comment]
        if label >= 0 and label not in chosen and len(chosen) < max_per_comment:
            chosen.append(int(label))
    source = np.where(best >= 0, units.unit[np.maximum(best, 0)], -1)
    return primary.astype(int), sets[:n], source.astype(int)


def by_weight(
    labels: np.ndarray, weights: np.ndarray, anchored: dict[int, int]
) -> tuple[np.ndarray, dict[int, int]]:
    """Themes renumbered 0, 1, ... from the heaviest down (ties by first opinion); -1 stays."""
    themes = sorted(set(labels.tolist()) - {-1})
    mass = {k: float(weights[labels == k].sum()) for k in themes}
    first = {k: int(np.argmax(labels == k)) for k in themes}
    order = sorted(themes, key=lambda k: (-round(mass[k], 9), first[k]))
    mapping = {k: i for i, k in enumerate(order)} | {-1: -1}
    renumbered = np.array([mapping[k] for k in labels.tolist()], dtype=int)
    return renumbered, {mapping[k]: a for k, a in anchored.items() if k in mapping}


def weighted_centroids(
    labels: np.ndarray, vectors: np.ndarray, weights: np.ndarray, n: int
) -> np.ndarray:
    """Unit-length weighted mean of each theme's opinions (row ``k`` for theme ``k``)."""
    if n == 0:
        return np.zeros((0, vectors.shape[1]))
    summed = np.zeros((n, vectors.shape[1]))
    themed = labels >= 0
    np.add.at(summed, labels[themed], vectors[themed] * weights[themed, None])
    return unit_rows(summed)


def theme_polarity(polarity: list[str], labels: np.ndarray, weights: np.ndarray, k: int) -> str:
    """The polarity most of a theme's opinions (by weight) have."""
    mass: dict[str, float] = {}
    for position in np.flatnonzero(labels == k).tolist():
        mass[polarity[position]] = mass.get(polarity[position], 0.0) + float(weights[position])
    return min(mass, key=lambda p: (-mass[p], p)) if mass else "neutral"


def settle(
    labels: np.ndarray,
    vectors: np.ndarray,
    weights: np.ndarray,
    groups: np.ndarray,
    anchored: dict[int, int],
    given: dict[int, np.ndarray],
    floor: float = -1.0,
    pinned: np.ndarray | None = None,
) -> tuple[np.ndarray, dict[int, int], np.ndarray, np.ndarray]:
    """Every themed opinion moved to its nearest theme centroid of its group, once more.

    The centroids are the themes' weighted means, a known theme's given centroid instead
    (``given``, by label); they are returned as they are, not recomputed from the moved
    opinions, so that each theme is exactly the opinions nearest its centroid (but for the
    opinions marked ``pinned``, those the registry remembers, which stay where they are):
    next week, anchored in these centroids, an unchanged opinion lands in the same theme.
    Themes left empty are dropped and the rest renumbered by weight.

    Returns
    -------
    tuple
        Labels, the known themes (label -> anchor position), centroids (row ``k`` for theme
        ``k``) and each theme's polarity group.
    """
    n = int(labels.max(initial=-1)) + 1
    if n == 0:
        return labels, {}, np.zeros((0, vectors.shape[1])), np.zeros(0, dtype=int)
    centres = weighted_centroids(labels, vectors, weights, n)
    for label, vector in given.items():
        centres[label] = vector
    owners = np.array(
        [np.bincount(groups[labels == k], minlength=len(GROUPS)).argmax() for k in range(n)]
    )
    similarity = vectors @ centres.T
    if SETTLE_BY_GROUP:
        similarity = np.where(owners[None, :] == groups[:, None], similarity, -np.inf)
    if given:  # an opinion of a known theme stays among the known themes
        known_cols = np.zeros(n, dtype=bool)
        known_cols[list(given)] = True
        in_known = np.isin(labels, list(given))
        similarity = np.where(in_known[:, None] & ~known_cols[None, :], -np.inf, similarity)
    themed = labels >= 0
    moved = labels.copy()
    moved[themed] = similarity[themed].argmax(axis=1)
    best = similarity[np.flatnonzero(themed), moved[themed]]
    moved[np.flatnonzero(themed)[best < floor]] = -1  # too far from every centre: "other"
    if pinned is not None:
        moved[pinned] = labels[pinned]
    kept = [k for k in range(n) if (moved == k).any()]
    order = sorted(kept, key=lambda k: (-round(float(weights[moved == k].sum()), 9), k))
    mapping = {k: i for i, k in enumerate(order)} | {-1: -1}
    renumbered = np.array([mapping[k] for k in moved.tolist()], dtype=int)
    known = {mapping[k]: a for k, a in anchored.items() if k in mapping}
    return renumbered, known, centres[order], owners[order].astype(int)
