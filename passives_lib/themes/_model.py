"""The theme model: common themes in open-ended comments, usable in a round-table.

:class:`ThemeModel` follows the scikit-learn contract: keyword parameters stored untouched,
no work in ``__init__``, validation and learning in :meth:`ThemeModel.fit`, learned attributes
ending in ``_``. Comments are split into opinions (:mod:`passives_lib.themes._opinions`), each
with its polarity (:mod:`passives_lib.themes._tone`); the opinions are embedded with the
bundled all-MiniLM-L6-v2 model (cached) and clustered within their polarity group
(:mod:`passives_lib.themes._unit_clustering`), or first given to known themes when ``fit``
gets anchors (:mod:`passives_lib.themes._anchors`). A comment's themes are its opinions'
themes, the primary one first (:mod:`passives_lib.themes._unit_themes`). The embedding model,
reducer and clusterer (BERTopic's, see :mod:`passives_lib.themes._clustering`) can be
injected; precomputed embeddings (one row per comment) make each comment one opinion.

The result depends only on the set of comments and the parameters, not on row order: distinct
comments and opinions are sorted before anything is learned, and themes are numbered by size.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError

from passives_lib.core import NON_ANSWER_THEME_ID, OTHER_THEME_ID
from passives_lib.embedding import TextEncoder
from passives_lib.themes._anchors import checked_anchors
from passives_lib.themes._language import detect_language
from passives_lib.themes._memory import opinion_key, remembered_units
from passives_lib.themes._merging import MERGE_OVERLAP
from passives_lib.themes._model_checks import as_texts, validate_parameters
from passives_lib.themes._model_embedding import EmbeddingSteps
from passives_lib.themes._model_outputs import OutputSteps
from passives_lib.themes._model_steps import ClusterSteps
from passives_lib.themes._model_tone import beside, text_work
from passives_lib.themes._naming import OTHER_LABEL, THEME_COLUMNS, theme_table
from passives_lib.themes._non_answers import is_non_answer
from passives_lib.themes._opinions import distinct_sorted, opinion_units
from passives_lib.themes._unit_clustering import group_of
from passives_lib.themes._unit_themes import (
    budget,
    comment_themes,
    settle,
    theme_polarity,
)

OTHER = OTHER_THEME_ID
NON_ANSWER = NON_ANSWER_THEME_ID
NON_ANSWER_LABEL = "(non-answer)"
__all__ = ["NON_ANSWER_LABEL", "OTHER_LABEL", "THEME_COLUMNS", "ThemeModel"]


class ThemeModel(EmbeddingSteps, ClusterSteps, OutputSteps, BaseEstimator):
    """Find the common themes in comments.

    Parameters
    ----------
    n_themes : int, optional
        Exactly this many themes; by default the number is chosen from the data between
        ``min_themes`` and ``max_themes``.
    min_themes, max_themes : int
        The range used when ``n_themes`` is not given (5 and 50): the square root of the
        number of distinct opinions, within it.
    min_similarity : float
        An opinion belongs to the nearest theme of its polarity when its cosine similarity
        to the theme's centroid is at least this; otherwise it has no theme.
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
        Cluster praise apart from complaints (with suggestions and neutral opinions), so
        that "slow broadband" is never merged with "fast broadband".
    opinions : bool
        Split comments into opinions (sentences and contrastive clauses) and theme those;
        with False, or when one embedding per comment is given, each comment is one opinion.
    anchor_similarity : float
        With anchors, an opinion joins its nearest known theme at this cosine similarity or
        more before the rest are clustered (with remembered opinions, the least floor of
        ``new_opinion_quantile``).
    new_opinion_quantile : float
        With opinions the registry remembers (``remembered`` in ``fit``), those keep their
        theme, and (when at least five are) an opinion not seen before joins a known theme
        only when it is as close to it as this quantile of the theme's distinct remembered
        opinions in the run (0.5: as close as half of them; a theme with fewer than five:
        this quantile of all remembered opinions' similarity to their own themes; never
        below ``anchor_similarity``).
    secondary_similarity : float
        Beyond its opinions' themes, a comment also raises a further theme when its cosine
        similarity to that theme's
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
    merge_overlap : float
        Near-duplicate themes merge at this c-TF-IDF profile cosine or more (see
        :mod:`passives_lib.themes._merging`); 1, or ``n_themes``, turns merging off.

    Attributes
    ----------
    themes_ : pandas.DataFrame
        One row per theme (``theme_id``, ``label``, ``keywords``, ``size``, ``share``,
        ``representative_comments``, ``polarity``, ``mentions`` and, after a fit with
        anchors, ``anchor_id``), largest first, with "other" last when it is not empty.
        ``label`` is a short phrase from the theme's own opinions that names it (see
        :mod:`passives_lib.themes._phrases`), built from masked text, unique in the run (a
        known theme keeps its anchor's name). ``size`` and ``share`` count the real
        comments whose primary theme it is (non-answers excluded), ``mentions`` every
        comment that raises it; ``polarity`` is ``complaint``, ``praise``, ``suggestion``
        or ``neutral``; ``representative_comments`` are its most central opinions of that
        polarity, masked.
    labels_ : numpy.ndarray
        Theme of each comment passed to ``fit``: a theme id, ``-1`` for "other", ``-2`` for a
        non-answer.
    is_non_answer_ : numpy.ndarray
        Which comments were non-answers.
    centroids_ : numpy.ndarray
        Unit-length centroid of each theme's opinions, row ``i`` for theme ``i``.
    theme_groups_ : numpy.ndarray
        Polarity group of each theme (0 praise, 1 complaint, suggestion or neutral).
    opinions_ : pandas.DataFrame
        One row per opinion of each real comment: ``row`` (position given to ``fit``),
        ``opinion``, ``polarity``, ``theme_id`` and ``opinion_key`` (what the registry
        remembers it by, see :func:`opinion_key`).
    similarity_ : numpy.ndarray
        Cosine similarity of each comment's primary opinion to its theme's centroid (0 for
        "other" and non-answers): how typical of its theme a comment is.
    theme_sets_ : list of list of int
        Every theme of each comment passed to ``fit``, primary first (``[-1]`` for "other",
        ``[-2]`` for a non-answer).
    theme_similarity_ : numpy.ndarray
        Best cosine similarity of any opinion of each comment to each theme centroid (0 for
        non-answers).
    topic_model_ : bertopic.BERTopic or None
        The fitted BERTopic model when an injected reducer or clusterer was used.
    keywords_ : dict of int to list of str
        Key phrases per theme (c-TF-IDF, from masked text).
    language_ : str
        The comments' language (``en`` or ``fr``).
    method_ : str
        How the themes were found (depends on the corpus size).
    n_themes_ : int
        Number of themes (excluding "other").
    embedded_count_ : int
        Distinct opinions embedded in this fit (the rest came from the cache or were given).
    embedding_seconds_ : float
        Time spent getting embeddings (cache reads included).
    embedding_backend_ : str
        The backend that embedded, and why it was chosen.
    """

    def __init__(
        self,
        n_themes: int | None = None,
        min_themes: int = 5,
        max_themes: int = 50,
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
        opinions: bool = True,
        anchor_similarity: float = 0.3,
        new_opinion_quantile: float = 0.5,
        merge_overlap: float = MERGE_OVERLAP,
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
        self.opinions = opinions
        self.anchor_similarity = anchor_similarity
        self.new_opinion_quantile = new_opinion_quantile
        self.merge_overlap = merge_overlap

    # -- fitting --------------------------------------------------------------------------

    def fit(
        self,
        comments: Sequence[Any],
        y: Any = None,
        *,
        embeddings: np.ndarray | None = None,
        anchors: pd.DataFrame | None = None,
        remembered: pd.DataFrame | None = None,
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
            Precomputed vectors, one row per comment (each comment is then one opinion,
            unless an embedding model is given too); computed when omitted.
        anchors : pandas.DataFrame, optional
            Known themes (the registry's): ``anchor_id``, ``name`` and ``centroid`` (a unit
            vector of the embeddings' dimension). Opinions go to them first, only the rest
            are clustered (see :mod:`passives_lib.themes._anchors`).
        remembered : pandas.DataFrame, optional
            Opinions recorded in earlier weeks (the registry's): ``opinion_key`` (see
            :func:`opinion_key`) and ``anchor_id``. An opinion of this run with that key keeps
            that known theme; the others are anchored by ``new_opinion_quantile`` and the
            rest clustered with the whole budget. Keys of themes not among ``anchors``, or
            of a theme no run has matched (``seen`` false), are ignored. Only used with
            ``anchors``.

        Returns
        -------
        ThemeModel
            The fitted model.
        """
        validate_parameters(self)
        texts = as_texts(comments)
        self._n_comments = len(texts)
        non_answer = is_non_answer(texts)
        real = np.flatnonzero(~non_answer)
        self.language_ = detect_language((texts[i] for i in real), self.language)
        distinct_texts, inverse = distinct_sorted([texts[i] for i in real])
        counts = np.bincount(inverse, minlength=len(distinct_texts)).astype(float)
        split = bool(self.opinions) and (embeddings is None or self.embedding_model is not None)
        units = opinion_units(distinct_texts, split)
        weights = units.weights(counts)
        (polarity, signed, comment_score), vectors = beside(  # tone beside the embedding
            lambda: text_work(units, distinct_texts, weights, self.language_, split),
            lambda: self._unit_vectors(units, distinct_texts, inverse, real, embeddings, split),
        )
        groups = group_of(polarity) if self.split_mixed else np.zeros(len(polarity), dtype=int)
        plan = budget(
            float(weights.sum()),
            len(units.texts),
            self.n_themes,
            self.min_themes,
            self.max_themes,
            float(self.min_similarity),
            float(self.anchor_similarity),
            float(self.new_opinion_quantile),
        )
        known = None if anchors is None else checked_anchors(anchors, vectors.shape[1])
        keys = [opinion_key(text) for text in units.texts]  # what the registry remembers
        remembered_at = None
        if known is not None:
            remembered_at = remembered_units(keys, remembered, known.ids, known.seen)
        labels, anchored, self.method_ = self._unit_clusters(
            units.texts, vectors, weights, groups, plan, known, remembered_at
        )
        labels, anchored, given, words, names = self._merged(
            units.texts, labels, vectors, weights, groups, anchored, known
        )
        labels, anchored, self.centroids_, self.theme_groups_ = settle(
            labels,
            vectors,
            weights,
            groups,
            anchored,
            given,
            float(self.min_similarity),
            pinned=None if remembered_at is None else remembered_at >= 0,
        )
        n_themes = self.n_themes_ = len(self.centroids_)
        primary, sets, source = comment_themes(
            units, labels, signed, comment_score, int(self.max_themes_per_comment)
        )
        themed = primary >= 0
        sizes = np.bincount(primary[themed], weights=counts[themed], minlength=n_themes)
        fixed = {} if known is None else {k: known.names[a] for k, a in anchored.items()}
        self.themes_, self.keywords_ = theme_table(
            units.texts,
            vectors,
            labels,
            weights,
            self.centroids_,
            sizes=sizes,
            other=int(counts[~themed].sum()),
            polarity=[theme_polarity(polarity, labels, weights, k) for k in range(n_themes)],
            unit_polarity=polarity,
            language=self.language_,
            top_keywords=self.top_keywords,
            fixed_names=fixed,
            encode=self._name_encoder(embeddings),
            words=words,
            names=names,
            voices=units.voices(counts, distinct_texts),
        )
        if known is not None:
            ids = [anchored.get(k) for k in self.themes_["theme_id"]]
            self.themes_["anchor_id"] = pd.array(
                [None if a is None else known.ids[a] for a in ids], dtype="Int64"
            )
        self.labels_ = np.full(len(texts), NON_ANSWER, dtype=int)
        self.labels_[real] = primary[inverse] if len(real) else []
        self.is_non_answer_ = non_answer
        self._set_opinions(texts, real, inverse, units, polarity, labels, keys)
        self._set_similarities(
            units, vectors, labels, source, sets, inverse, real, distinct_texts, polarity
        )
        return self

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
            Their precomputed vectors (each comment is then one opinion).

        Returns
        -------
        numpy.ndarray
            Each comment's primary theme: its opinions go to the nearest theme of their
            polarity at ``min_similarity`` or more, and the primary one is chosen as in
            ``fit``; ``-1`` ("other") when none has a theme, ``-2`` for non-answers.
        """
        self._check_fitted()
        return self._assign(as_texts(comments), embeddings)

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

    def _check_fitted(self) -> None:
        if not hasattr(self, "labels_"):
            raise NotFittedError("This ThemeModel is not fitted yet: call fit first.")
