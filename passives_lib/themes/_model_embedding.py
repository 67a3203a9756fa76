"""The theme model's embedding steps: the encoder, its cache, and the opinions' vectors."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from passives_lib.embedding import EmbeddingCache, TextEncoder, cache_name, embed_texts, encoder_for
from passives_lib.themes._clustering import unit_rows
from passives_lib.themes._language import strip_openers
from passives_lib.themes._model_checks import checked_embeddings
from passives_lib.themes._opinions import Units


class EmbeddingSteps:
    """Mixed into :class:`passives_lib.themes._model.ThemeModel`: how it gets vectors."""

    embedding_model: Any
    backend: str
    dask_scheduler: str | None
    cache_dir: Any
    cache_key: str | None
    strip_openers: bool
    show_progress: bool | None
    language_: str
    _n_comments: int

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
        """Embeds candidate names, unless the comments came embedded and no model was given.

        The names go through the cache the opinions went through (:meth:`_unit_vectors`),
        which still holds what it wrote: the file is not read back.
        """
        cache = self.__dict__.pop("_opinion_cache", None)
        if embeddings is not None and self.embedding_model is None:
            return None
        cache = cache or self._cache()

        def encode(phrases: list[str]) -> np.ndarray:
            return embed_texts(phrases, self._encoder(), cache, False)[0]

        return encode

    def _cache(self) -> EmbeddingCache | None:
        if self.cache_dir is None:
            return None
        encoder = self._encoder()
        key = self.cache_key or (cache_name(encoder) if self.embedding_model is None else None)
        return EmbeddingCache(self.cache_dir, key) if key else None

    def _unit_vectors(
        self,
        units: Units,
        distinct: list[str],
        inverse: np.ndarray,
        real: np.ndarray,
        embeddings: np.ndarray | None,
        split: bool,
    ) -> np.ndarray:
        """Unit-length vectors of the distinct opinions (embedded, cached, or given)."""
        if embeddings is None or split:
            started = time.perf_counter()
            self._opinion_cache = self._cache()  # handed on to the names (_name_encoder)
            vectors, self.embedded_count_ = embed_texts(
                [self._embedding_text(t) for t in units.texts],
                self._encoder(),
                self._opinion_cache,
                self.show_progress,
            )
            self.embedding_seconds_ = time.perf_counter() - started
            return unit_rows(np.asarray(vectors, dtype=np.float64))
        given = checked_embeddings(embeddings, self._n_comments)[real].astype(np.float64)
        summed = np.zeros((len(distinct), given.shape[1]))
        np.add.at(summed, inverse, given)
        self.embedded_count_, self.embedding_seconds_ = 0, 0.0
        self.embedding_backend_ = "embedding backend: none (embeddings given)"
        vectors = np.zeros((len(units.texts), given.shape[1]))
        vectors[units.unit] = summed[units.owner]  # one opinion per comment
        return unit_rows(vectors)
