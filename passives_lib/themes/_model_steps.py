"""The theme model's clustering step (with its cache) and its assignment of new comments."""

from __future__ import annotations

from typing import Any

import numpy as np

from passives_lib.core import NON_ANSWER_THEME_ID, OTHER_THEME_ID
from passives_lib.embedding import embed_texts
from passives_lib.themes._anchors import anchor_units, given_centroids
from passives_lib.themes._cluster_cache import ClusterCache, cluster_key
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._labels import label_text
from passives_lib.themes._merging import merge_duplicates
from passives_lib.themes._model_checks import checked_embeddings
from passives_lib.themes._model_tone import opinion_tone
from passives_lib.themes._non_answers import is_non_answer
from passives_lib.themes._opinions import opinion_units
from passives_lib.themes._phrases import proper_nouns
from passives_lib.themes._unit_clustering import group_of
from passives_lib.themes._unit_themes import (
    SETTLE_BY_GROUP,
    Budget,
    by_weight,
    comment_themes,
    learn_unit_themes,
)

NON_ANSWER = NON_ANSWER_THEME_ID
OTHER = OTHER_THEME_ID
CACHED = " (from the cluster cache)"


class ClusterSteps:
    """Mixed into :class:`passives_lib.themes._model.ThemeModel`: clustering and assigning."""

    n_themes: int | None
    min_themes: int
    max_themes: int
    random_state: int
    reducer: Any
    clusterer: Any
    cache_dir: Any
    opinions: bool
    embedding_model: Any
    split_mixed: bool
    min_similarity: float
    merge_overlap: float
    method_: str
    show_progress: bool | None
    language_: str
    n_themes_: int
    centroids_: np.ndarray
    theme_groups_: np.ndarray
    topic_model_: Any

    def _unit_clusters(
        self,
        texts: list[str],
        vectors: np.ndarray,
        weights: np.ndarray,
        groups: np.ndarray,
        plan: Budget,
        known: Any,
        remembered_at: np.ndarray | None = None,
    ) -> tuple[np.ndarray, dict[int, int], str]:
        """The opinions' themes, from the cluster cache when an identical run stored them."""
        injected = None
        if self.reducer is not None or self.clusterer is not None:
            injected = {
                "n_themes": self.n_themes,
                "min_themes": self.min_themes,
                "max_themes": self.max_themes,
                "random_state": self.random_state,
                "reducer": self.reducer,
                "clusterer": self.clusterer,
                "embedding_model": None,
            }
        cache = key = None
        if self.cache_dir is not None and injected is None and known is None:
            cache = ClusterCache(self.cache_dir)
            settings = {"opinions": 1, "plan": repr(plan), "groups": groups.tolist()}
            key = cluster_key(texts, vectors, settings)
            stored = cache.get(key, len(texts))
            if stored is not None:
                self.topic_model_ = None
                return stored[0], {}, f"{stored[1]}{CACHED}"
        labels, anchored, method, self.topic_model_ = learn_unit_themes(
            texts,
            vectors,
            weights,
            groups,
            plan,
            anchors=known,
            injected=injected,
            remembered_at=remembered_at,
        )
        if cache is not None and key is not None:
            cache.put(key, labels, method)
        return labels, anchored, method

    def _merged(
        self,
        texts: list[str],
        labels: np.ndarray,
        vectors: np.ndarray,
        weights: np.ndarray,
        groups: np.ndarray,
        anchored: dict[int, int],
        known: Any,
    ) -> tuple[np.ndarray, dict[int, int], dict[int, np.ndarray], list[str], frozenset[str]]:
        """Themes renumbered by weight, near-duplicates merged (see ``_merging``).

        Returns the labels, the known themes (label -> anchor position), their centroids by
        label, and the opinions' label text and name words (for the theme table).
        """
        labels, anchored = by_weight(labels, weights, anchored)
        given = {} if known is None else given_centroids(known, anchored, labels, vectors, weights)
        words = [label_text(t, self.language_) for t in texts]
        names = proper_nouns(texts, weights)
        labels, merged = merge_duplicates(
            labels,
            vectors,
            weights,
            groups,
            words,
            overlap=float(self.merge_overlap) if self.n_themes is None else 1.0,  # exactly n
            language=self.language_,
            names=names,
            given=given,
        )
        if merged:
            base, cached, _ = self.method_.partition(CACHED)
            self.method_ = f"{base}; {len(merged)} near-duplicate theme(s) merged{cached}"
            labels, anchored = by_weight(labels, weights, anchored)
            given = (
                {} if known is None else given_centroids(known, anchored, labels, vectors, weights)
            )
        return labels, anchored, given, words, names

    def _assign(self, texts: list[str], embeddings: np.ndarray | None) -> np.ndarray:
        """Primary theme of each new comment (see ``ThemeModel.transform``)."""
        non_answer = is_non_answer(texts)
        out = np.full(len(texts), NON_ANSWER, dtype=int)
        real = np.flatnonzero(~non_answer)
        if len(real) == 0 or self.n_themes_ == 0:
            out[real] = OTHER
            return out
        mine = [texts[i] for i in real]
        split = bool(self.opinions) and (embeddings is None or self.embedding_model is not None)
        units = opinion_units(mine, split)
        if embeddings is None or split:
            vectors, _ = embed_texts(
                [self._embedding_text(t) for t in units.texts],
                self._encoder(),
                self._cache(),
                self.show_progress,
            )
            vectors = unit_rows(np.asarray(vectors, dtype=np.float64))
        else:
            given = checked_embeddings(embeddings, len(texts))[real].astype(np.float64)
            vectors = np.zeros((len(units.texts), given.shape[1]))
            vectors[units.unit] = given  # one opinion per comment: the comment itself
            vectors = unit_rows(vectors)
        polarity, signed, overall = opinion_tone(units, mine, self.language_, split)
        groups = group_of(polarity) if self.split_mixed else np.zeros(len(polarity), dtype=int)
        owners = self.theme_groups_ if SETTLE_BY_GROUP else np.zeros_like(self.theme_groups_)
        unit_groups = groups if SETTLE_BY_GROUP else np.zeros_like(groups)
        similarity = vectors @ self.centroids_.T
        labels = anchor_units(similarity, unit_groups, owners, float(self.min_similarity))
        primary, _, _ = comment_themes(units, labels, signed, overall, 1)
        out[real] = primary
        return out
