"""The theme model: common themes in open-ended comments, usable in a round-table.

:class:`ThemeModel` follows the scikit-learn contract: keyword parameters stored untouched,
no work in ``__init__``, validation and learning in :meth:`ThemeModel.fit`, learned attributes
ending in ``_``. By default it embeds with the bundled all-MiniLM-L6-v2 model and models themes
with BERTopic (see :mod:`passives_lib.themes._clustering` for how the method follows the size of
the corpus); the embedding model, reducer and clusterer can be injected and precomputed
embeddings are accepted.

The result depends only on the set of comments and the parameters, not on row order: distinct
comments are sorted before anything is learned, and themes are numbered by size.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError

from passives_lib.core import NON_ANSWER_THEME_ID, OTHER_THEME_ID, InvalidParameterError
from passives_lib.embedding import EmbeddingCache, TextEncoder, cache_name, embed_texts, encoder_for
from passives_lib.themes._cluster_cache import ClusterCache, cluster_key
from passives_lib.themes._clustering import (
    assign_leftovers,
    centroids,
    cluster_embeddings,
    number_by_size,
    unit_rows,
)
from passives_lib.themes._language import detect_language, strip_openers
from passives_lib.themes._multi import keyword_evidence, member_floors, theme_sets
from passives_lib.themes._naming import OTHER_LABEL, THEME_COLUMNS, theme_table
from passives_lib.themes._non_answers import is_non_answer, missing_value
from passives_lib.themes._polarity import split_mixed_themes
from passives_lib.themes._sentiment import sentiment

OTHER = OTHER_THEME_ID
NON_ANSWER = NON_ANSWER_THEME_ID
NON_ANSWER_LABEL = "(non-answer)"
SPLIT_MIN = 100  # distinct comments before mixed themes are split by sentiment
__all__ = ["NON_ANSWER_LABEL", "OTHER_LABEL", "THEME_COLUMNS", "ThemeModel"]


class ThemeModel(BaseEstimator):
    """Find the common themes in comments.

    Parameters
    ----------
    n_themes : int, optional
        Exactly this many themes; by default the number is chosen from the data between
        ``min_themes`` and ``max_themes``.
    min_themes, max_themes : int
        The range used when ``n_themes`` is not given (5 and 30).
    min_similarity : float
        A comment left over by the clusterer joins the nearest theme when its cosine
        similarity to the theme's centroid is at least this; otherwise it is "other".
    embedding_model : object, optional
        Anything with ``encode(list_of_str) -> array``; the bundled all-MiniLM-L6-v2 when
        omitted.
    reducer, clusterer : object, optional
        Replacements for UMAP and HDBSCAN, passed to BERTopic.
    cache_dir : str or Path, optional
        Folder for the embedding cache and the cluster cache (the clusters of identical
        comments, vectors and settings, see :mod:`passives_lib.themes._cluster_cache`); no
        cache when omitted.
    cache_key : str, optional
        Names the embedding model in the cache; required to cache an injected model.
    random_state : int
        Seed for every random step.
    show_progress : bool, optional
        Progress bar while embedding; by default only on a terminal.
    top_keywords : int
        Key phrases kept per theme.
    backend : {"auto", "torch", "torch-bf16", "onnx-int8"}
        How the bundled model runs (see :func:`passives_lib.embedding.choose_backend`);
        ignored when ``embedding_model`` is given.
    dask_scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:8786``) to run the embedding batches on.
    language : {"en", "fr"}, optional
        The comments' language (stop words and openers); detected when omitted or "auto".
    strip_openers : bool
        Embed comments without the openers NPS answers start with ("because", "well", the
        score repeated), so that themes follow issues rather than wording.
    split_mixed : bool
        Split a theme that mixes praise and complaint about the same subject (see
        :mod:`passives_lib.themes._polarity`), so that "slow broadband" is not merged with
        "fast broadband"; only when the number of themes is not fixed.
    secondary_similarity : float
        A comment also raises a further theme when its cosine similarity to that theme's
        centroid is at least this (see :mod:`passives_lib.themes._multi`); 1 turns further
        themes off.
    secondary_margin : float
        ... and at most this much below its similarity to its closest theme.
    max_themes_per_comment : int
        Themes per comment at most, the primary theme included.
    secondary_percentile : float, optional
        ... and at least this percentile of the theme's own members' similarity to it (25: as
        close as three in four of its members); ``None`` leaves this floor out.
    secondary_keywords : int, optional
        ... and the comment uses one of the theme's first ``secondary_keywords`` key phrases,
        so that a further theme is a subject the comment raises in its own words, not just a
        neighbouring theme; ``None`` leaves this condition out (similarity alone decides).

    Attributes
    ----------
    themes_ : pandas.DataFrame
        One row per theme (``theme_id``, ``label``, ``keywords``, ``size``, ``share``,
        ``representative_comments``), largest first, with "other" last when it is not empty.
        ``label`` is a short phrase from the theme's own comments that names it (see
        :mod:`passives_lib.themes._phrases`), built from masked text.
        ``share`` is of the real comments (non-answers excluded).
    labels_ : numpy.ndarray
        Theme of each comment passed to ``fit``: a theme id, ``-1`` for "other", ``-2`` for a
        non-answer.
    is_non_answer_ : numpy.ndarray
        Which comments were non-answers.
    centroids_ : numpy.ndarray
        Unit-length centroid of each theme, row ``i`` for theme ``i``.
    similarity_ : numpy.ndarray
        Cosine similarity of each comment to its theme's centroid (0 for "other" and
        non-answers): how typical of its theme a comment is.
    theme_sets_ : list of list of int
        Every theme of each comment passed to ``fit``, primary first (``[-1]`` for "other",
        ``[-2]`` for a non-answer).
    theme_similarity_ : numpy.ndarray
        Cosine similarity of each comment to each theme centroid (0 for non-answers).
    keywords_ : dict of int to list of str
        Key phrases per theme (c-TF-IDF, from masked text).
    language_ : str
        The comments' language (``en`` or ``fr``).
    method_ : str
        How the themes were found (depends on the corpus size).
    n_themes_ : int
        Number of themes (excluding "other").
    embedded_count_ : int
        Distinct comments embedded in this fit (the rest came from the cache or were given).
    embedding_seconds_ : float
        Time spent getting embeddings (cache reads included).
    embedding_backend_ : str
        The backend that embedded, and why it was chosen.
    topic_model_ : bertopic.BERTopic or None
        The fitted BERTopic model when BERTopic was used (None when the clusters came from
        the cluster cache).
    """

    def __init__(
        self,
        n_themes: int | None = None,
        min_themes: int = 5,
        max_themes: int = 30,
        min_similarity: float = 0.30,
        embedding_model: TextEncoder | None = None,
        reducer: Any = None,
        clusterer: Any = None,
        cache_dir: str | Path | None = None,
        cache_key: str | None = None,
        random_state: int = 42,
        show_progress: bool | None = None,
        top_keywords: int = 10,
        backend: str = "auto",
        dask_scheduler: str | None = None,
        language: str | None = None,
        strip_openers: bool = True,
        split_mixed: bool = True,
        secondary_similarity: float = 0.30,
        secondary_margin: float = 1.0,
        max_themes_per_comment: int = 3,
        secondary_percentile: float | None = None,
        secondary_keywords: int | None = 5,
    ) -> None:
        self.n_themes = n_themes
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.min_similarity = min_similarity
        self.embedding_model = embedding_model
        self.reducer = reducer
        self.clusterer = clusterer
        self.cache_dir = cache_dir
        self.cache_key = cache_key
        self.random_state = random_state
        self.show_progress = show_progress
        self.top_keywords = top_keywords
        self.backend = backend
        self.dask_scheduler = dask_scheduler
        self.language = language
        self.strip_openers = strip_openers
        self.split_mixed = split_mixed
        self.secondary_similarity = secondary_similarity
        self.secondary_margin = secondary_margin
        self.max_themes_per_comment = max_themes_per_comment
        self.secondary_percentile = secondary_percentile
        self.secondary_keywords = secondary_keywords

    # -- fitting --------------------------------------------------------------------------

    def fit(
        self, comments: Sequence[Any], y: Any = None, *, embeddings: np.ndarray | None = None
    ) -> ThemeModel:
        """Learn themes from comments.

        Parameters
        ----------
        comments : sequence of str
            One comment per response; empty comments and non-answers are allowed and set
            aside.
        y : None
            Ignored (scikit-learn's unsupervised convention).
        embeddings : numpy.ndarray, optional
            Precomputed vectors, one row per comment; computed when omitted.

        Returns
        -------
        ThemeModel
            The fitted model.
        """
        self._validate_parameters()
        texts = _as_texts(comments)
        self._n_comments = len(texts)
        non_answer = is_non_answer(texts)
        real = np.flatnonzero(~non_answer)
        self.language_ = detect_language((texts[i] for i in real), self.language)
        distinct, inverse = np.unique(
            np.array([texts[i] for i in real], dtype=object).astype(str), return_inverse=True
        )
        distinct_texts = [str(t) for t in distinct]
        vectors, counts = self._distinct_vectors(distinct_texts, inverse, real, embeddings)
        labels, self.method_, self.topic_model_ = self._clusters(distinct_texts, vectors)
        labels = assign_leftovers(labels, vectors, self.min_similarity)
        if self.split_mixed and self.n_themes is None and len(distinct_texts) >= SPLIT_MIN:
            size = max(10, int(0.02 * counts.sum()))
            tone = sentiment(distinct_texts)
            labels = split_mixed_themes(labels, tone, counts, size, self.max_themes)
        labels = number_by_size(labels, counts)
        themes = sorted(set(labels.tolist()) - {OTHER})
        self.centroids_ = (
            centroids(labels, vectors, themes) if themes else np.zeros((0, vectors.shape[1]))
        )
        self.n_themes_ = len(themes)
        self.themes_, self.keywords_ = theme_table(
            distinct_texts,
            vectors,
            labels,
            counts,
            self.centroids_,
            language=self.language_,
            top_keywords=self.top_keywords,
            encode=self._name_encoder(embeddings),
        )
        self.labels_ = np.full(len(texts), NON_ANSWER, dtype=int)
        self.labels_[real] = labels[inverse] if len(real) else []
        self.is_non_answer_ = non_answer
        self._set_similarities(vectors, labels, inverse, real, distinct_texts)
        return self

    def _clusters(self, texts: list[str], vectors: np.ndarray) -> tuple[np.ndarray, str, Any]:
        """Cluster the distinct comments, or take the clusters of an identical earlier run.

        The cluster cache (see :mod:`passives_lib.themes._cluster_cache`) is used with a
        ``cache_dir`` and the default reducer and clusterer; ``topic_model_`` is then None.
        """
        settings = {
            "n_themes": self.n_themes,
            "min_themes": self.min_themes,
            "max_themes": self.max_themes,
            "random_state": self.random_state,
        }
        cache = key = None
        if self.cache_dir is not None and self.reducer is None and self.clusterer is None:
            cache = ClusterCache(self.cache_dir)
            key = cluster_key(texts, vectors, settings)
            stored = cache.get(key, len(texts))
            if stored is not None:
                return stored[0], f"{stored[1]} (from the cluster cache)", None
        labels, method, topic_model = cluster_embeddings(
            texts,
            vectors,
            **settings,
            reducer=self.reducer,
            clusterer=self.clusterer,
            embedding_model=self._model_for_bertopic(),
        )
        if cache is not None and key is not None:
            cache.put(key, labels, method)
        return labels, method, topic_model

    def _set_similarities(
        self,
        vectors: np.ndarray,
        labels: np.ndarray,
        inverse: np.ndarray,
        real: np.ndarray,
        texts: list[str],
    ) -> None:
        """``similarity_``, ``theme_similarity_`` and ``theme_sets_`` of every comment."""
        similarity = vectors @ self.centroids_.T
        closeness = np.zeros(len(vectors))
        themed = labels >= 0
        closeness[themed] = similarity[themed, labels[themed]]
        self.similarity_ = np.zeros(len(self.labels_))
        self.similarity_[real] = closeness[inverse] if len(real) else []
        sets = theme_sets(
            labels,
            similarity,
            threshold=float(self.secondary_similarity),
            margin=float(self.secondary_margin),
            max_per_comment=int(self.max_themes_per_comment),
            floors=None
            if self.secondary_percentile is None
            else member_floors(similarity, labels, float(self.secondary_percentile)),
            evidence=None
            if self.secondary_keywords is None
            else keyword_evidence(
                texts,
                self.keywords_,
                self.n_themes_,
                top=int(self.secondary_keywords),
                language=self.language_,
            ),
        )
        self.theme_similarity_ = np.zeros((len(self.labels_), self.n_themes_))
        self.theme_similarity_[real] = similarity[inverse] if len(real) else 0.0
        self.theme_sets_ = [[NON_ANSWER] for _ in self.labels_]
        for position, distinct in zip(real.tolist(), np.asarray(inverse).tolist(), strict=True):
            self.theme_sets_[position] = list(sets[distinct])

    def fit_transform(
        self, comments: Sequence[Any], y: Any = None, *, embeddings: np.ndarray | None = None
    ) -> np.ndarray:
        """Fit, then return the theme of each comment (see ``labels_``)."""
        return self.fit(comments, embeddings=embeddings).labels_

    fit_predict = fit_transform

    def transform(
        self, comments: Sequence[Any], embeddings: np.ndarray | None = None
    ) -> np.ndarray:
        """Assign new comments to the learned themes.

        Parameters
        ----------
        comments : sequence of str
            Comments to assign.
        embeddings : numpy.ndarray, optional
            Their precomputed vectors.

        Returns
        -------
        numpy.ndarray
            The nearest theme by centroid similarity, ``-1`` ("other") below
            ``min_similarity``, ``-2`` for non-answers.
        """
        self._check_fitted()
        texts = _as_texts(comments)
        non_answer = is_non_answer(texts)
        out = np.full(len(texts), NON_ANSWER, dtype=int)
        real = np.flatnonzero(~non_answer)
        if len(real) == 0 or self.n_themes_ == 0:
            out[real] = OTHER
            return out
        if embeddings is None:
            vectors, _ = embed_texts(
                [self._embedding_text(texts[i]) for i in real],
                self._encoder(),
                self._cache(),
                self.show_progress,
            )
        else:
            vectors = unit_rows(_checked_embeddings(embeddings, len(texts))[real])
        similarity = vectors @ self.centroids_.T
        best = similarity.argmax(axis=1)
        out[real] = np.where(similarity.max(axis=1) >= self.min_similarity, best, OTHER)
        return out

    predict = transform

    def assignments(self) -> pd.DataFrame:
        """One row per comment given to ``fit``, in input order.

        Returns
        -------
        pandas.DataFrame
            ``row`` (0-based position), ``theme_id`` (the primary theme), ``theme_label``,
            ``theme_ids`` (every theme of the comment, ``;``-separated, primary first) and
            ``is_non_answer``.
        """
        self._check_fitted()
        names = dict(zip(self.themes_["theme_id"], self.themes_["label"], strict=True))
        names[NON_ANSWER] = NON_ANSWER_LABEL
        names.setdefault(OTHER, OTHER_LABEL)
        return pd.DataFrame(
            {
                "row": np.arange(len(self.labels_)),
                "theme_id": self.labels_,
                "theme_label": [names[k] for k in self.labels_],
                "theme_ids": [";".join(map(str, ids)) for ids in self.theme_sets_],
                "is_non_answer": self.is_non_answer_,
            }
        )

    # -- steps ----------------------------------------------------------------------------

    def _validate_parameters(self) -> None:
        def fail(name: str, expected: str, got: object) -> None:
            raise InvalidParameterError(
                f"The {name!r} parameter of ThemeModel must be {expected}. Got {got!r} instead."
            )

        if self.n_themes is not None and (not isinstance(self.n_themes, int) or self.n_themes < 1):
            fail("n_themes", "a positive int or None", self.n_themes)
        if not isinstance(self.min_themes, int) or self.min_themes < 1:
            fail("min_themes", "a positive int", self.min_themes)
        if not isinstance(self.max_themes, int) or self.max_themes < self.min_themes:
            fail("max_themes", f"an int >= min_themes ({self.min_themes})", self.max_themes)
        for name in ("min_similarity", "secondary_similarity", "secondary_margin"):
            if not 0.0 <= float(getattr(self, name)) <= 1.0:
                fail(name, "a float in [0, 1]", getattr(self, name))
        if self.secondary_percentile is not None and not 0 <= self.secondary_percentile <= 100:
            fail("secondary_percentile", "a float in [0, 100] or None", self.secondary_percentile)
        if not isinstance(self.max_themes_per_comment, int) or self.max_themes_per_comment < 1:
            fail("max_themes_per_comment", "a positive int", self.max_themes_per_comment)
        keywords = self.secondary_keywords
        if keywords is not None and (not isinstance(keywords, int) or keywords < 1):
            fail("secondary_keywords", "a positive int or None", keywords)
        if self.embedding_model is not None and not hasattr(self.embedding_model, "encode"):
            fail("embedding_model", "an object with an encode method", self.embedding_model)

    def _encoder(self) -> TextEncoder:
        wanted = (id(self.embedding_model), self.backend, self.dask_scheduler)
        if getattr(self, "_encoder_for", None) != wanted:  # chosen again after set_params
            self._default_model, self.embedding_backend_ = encoder_for(
                self.embedding_model, self.backend, self.dask_scheduler
            )
            self._encoder_for = wanted
        return self._default_model

    def _embedding_text(self, text: str) -> str:
        return strip_openers(text, self.language_) if self.strip_openers else text

    def _name_encoder(self, embeddings: np.ndarray | None) -> Any:
        """Embeds candidate names, unless the comments came embedded and no model was given."""
        if embeddings is not None and self.embedding_model is None:
            return None

        def encode(phrases: list[str]) -> np.ndarray:
            return embed_texts(phrases, self._encoder(), self._cache(), False)[0]

        return encode

    def _model_for_bertopic(self) -> Any:
        model = self.embedding_model or getattr(self, "_default_model", None)
        model = getattr(model, "encoder", model)  # the local encoder behind DaskEncoder
        model = getattr(model, "model", model)  # the loaded model behind DefaultModel
        return model if type(model).__name__ == "SentenceTransformer" else None

    def _cache(self) -> EmbeddingCache | None:
        if self.cache_dir is None:
            return None
        encoder = self._encoder()
        key = self.cache_key or (cache_name(encoder) if self.embedding_model is None else None)
        return EmbeddingCache(self.cache_dir, key) if key else None

    def _distinct_vectors(
        self,
        distinct: list[str],
        inverse: np.ndarray,
        real: np.ndarray,
        embeddings: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        counts = np.bincount(inverse, minlength=len(distinct)).astype(float)
        if embeddings is None:
            started = time.perf_counter()
            vectors, self.embedded_count_ = embed_texts(
                [self._embedding_text(t) for t in distinct],
                self._encoder(),
                self._cache(),
                self.show_progress,
            )
            self.embedding_seconds_ = time.perf_counter() - started
            return unit_rows(vectors.astype(np.float64)), counts
        given = _checked_embeddings(embeddings, self._n_comments)[real].astype(np.float64)
        summed = np.zeros((len(distinct), given.shape[1]))
        np.add.at(summed, inverse, given)
        self.embedded_count_, self.embedding_seconds_ = 0, 0.0
        self.embedding_backend_ = "embedding backend: none (embeddings given)"
        return unit_rows(summed), counts

    def _check_fitted(self) -> None:
        if not hasattr(self, "labels_"):
            raise NotFittedError("This ThemeModel is not fitted yet: call fit first.")


def _as_texts(comments: Sequence[Any]) -> list[str]:
    return ["" if missing_value(c) else str(c).strip() for c in comments]


def _checked_embeddings(embeddings: np.ndarray, expected_rows: int | None) -> np.ndarray:
    array = np.asarray(embeddings)
    if array.ndim != 2 or (expected_rows is not None and len(array) != expected_rows):
        raise InvalidParameterError(
            f"embeddings must be a 2-D array with one row per comment; got shape {array.shape}"
        )
    return array
