"""The theme model's per-comment outputs: opinions, similarities and theme sets."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from passives_lib.core import NON_ANSWER_THEME_ID
from passives_lib.themes._multi import (
    clause_similarity,
    keyword_evidence,
    member_floors,
    theme_sets,
)
from passives_lib.themes._opinions import Units
from passives_lib.themes._quotes import opinion_table, theme_opinions
from passives_lib.themes._unit_clustering import group_of

NON_ANSWER = NON_ANSWER_THEME_ID


class OutputSteps:
    """Mixed into :class:`passives_lib.themes._model.ThemeModel`: what it says per comment."""

    n_themes_: int
    centroids_: np.ndarray
    labels_: np.ndarray
    keywords_: dict[int, list[str]]
    language_: str
    secondary_keywords: int | None
    secondary_similarity: float
    secondary_margin: float
    secondary_percentile: float | None
    max_themes_per_comment: int
    split_mixed: bool
    theme_groups_: np.ndarray
    opinions_: Any
    similarity_: Any
    theme_similarity_: Any
    theme_sets_: Any
    theme_opinions_: Any

    def _set_opinions(
        self,
        texts: list[str],
        real: np.ndarray,
        inverse: np.ndarray,
        units: Units,
        polarity: list[str],
        labels: np.ndarray,
        keys: list[str],
    ) -> None:
        """``opinions_``: every opinion of every real comment, in input order.

        ``keys`` holds each distinct opinion's key (:func:`passives_lib.themes.opinion_key`).
        """
        per_comment: list[list[int]] = [[] for _ in range(int(inverse.max(initial=-1)) + 1)]
        for comment, unit in zip(units.owner.tolist(), units.unit.tolist(), strict=True):
            per_comment[comment].append(unit)
        rows = [
            (int(r), u)
            for r, c in zip(real.tolist(), inverse.tolist(), strict=True)
            for u in per_comment[c]
        ]
        self.opinions_ = pd.DataFrame(
            {
                "row": [r for r, _ in rows],
                "opinion": [units.texts[u] for _, u in rows],
                "polarity": [polarity[u] for _, u in rows],
                "theme_id": [int(labels[u]) for _, u in rows],
                "opinion_key": [keys[u] for _, u in rows],
            }
        )

    def _set_similarities(
        self,
        units: Units,
        vectors: np.ndarray,
        labels: np.ndarray,
        source: np.ndarray,
        sets: list[list[int]],
        inverse: np.ndarray,
        real: np.ndarray,
        texts: list[str],
        polarity: list[str] | None = None,
    ) -> None:
        """``similarity_``, ``theme_similarity_``, ``theme_sets_`` and ``theme_opinions_``.

        ``theme_opinions_`` holds, per comment row and theme of its set, the opinion that put
        it there (:mod:`passives_lib.themes._quotes`), which quotes of the theme show.
        """
        closeness = np.zeros(len(texts))
        has = source >= 0
        if self.n_themes_:
            best = vectors[source[has]] * self.centroids_[labels[source[has]]]
            closeness[has] = best.sum(axis=1)
        self.similarity_ = np.zeros(len(self.labels_))
        self.similarity_[real] = closeness[inverse] if len(real) else []
        by_group = polarity is not None and self.split_mixed
        similarity = clause_similarity(
            units.owner,
            vectors[units.unit],
            self.centroids_,
            len(texts),
            group_of(list(polarity))[units.unit] if by_group else None,
            self.theme_groups_ if by_group else None,
        )
        sets = self._further_themes(sets, similarity, texts)
        self.theme_similarity_ = np.zeros((len(self.labels_), self.n_themes_))
        self.theme_similarity_[real] = np.maximum(similarity[inverse], 0.0) if len(real) else 0.0
        self.theme_sets_ = [[NON_ANSWER] for _ in self.labels_]
        for position, distinct in zip(real.tolist(), inverse.tolist(), strict=True):
            self.theme_sets_[position] = list(sets[distinct])
        chosen = theme_opinions(units, vectors, labels, self.centroids_, sets)
        tones = list(polarity) if polarity is not None else ["neutral"] * len(units.texts)
        self.theme_opinions_ = opinion_table(
            real, inverse, chosen, units, vectors, self.centroids_, tones, labels
        )

    def _further_themes(
        self, sets: list[list[int]], similarity: np.ndarray, texts: list[str]
    ) -> list[list[int]]:
        """Add the themes a comment names in its own words (key phrases), while room is left."""
        if self.n_themes_ == 0:
            return sets
        evidence = None
        if self.secondary_keywords is not None:
            evidence = keyword_evidence(
                texts,
                self.keywords_,
                self.n_themes_,
                top=int(self.secondary_keywords),
                language=self.language_,
            )
        primary = np.array([s[0] for s in sets], dtype=int)
        floors = None
        if self.secondary_percentile is not None:
            floors = member_floors(similarity, primary, float(self.secondary_percentile))
        extra = theme_sets(
            primary,
            similarity,
            threshold=float(self.secondary_similarity),
            margin=float(self.secondary_margin),
            max_per_comment=int(self.max_themes_per_comment),
            floors=floors,
            evidence=evidence,
        )
        out = []
        for own, more in zip(sets, extra, strict=True):
            merged = list(own)
            for theme in more:
                if theme not in merged and len(merged) < self.max_themes_per_comment:
                    merged.append(theme)
            out.append(merged)
        return out
