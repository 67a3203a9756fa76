"""Sentence embeddings of comments: the bundled model, its backends, batching and the cache.

The embedding runtime the theme model uses: the bundled all-MiniLM-L6-v2 weights run with
sentence-transformers, a direct torch forward (float32 or bf16), an int8 ONNX build made
once per install, or on a Dask cluster; texts are batched by token budget and their vectors
kept in an on-disk cache keyed by how they were computed.
"""

from passives_lib.embedding._backend import BackendChoice, cache_name, choose_backend, encoder_for
from passives_lib.embedding._embed import (
    DEFAULT_MODEL_NAME,
    DefaultModel,
    EmbeddingCache,
    TextEncoder,
    embed_texts,
    load_default_model,
    text_key,
)

__all__ = [
    "DEFAULT_MODEL_NAME",
    "BackendChoice",
    "DefaultModel",
    "EmbeddingCache",
    "TextEncoder",
    "cache_name",
    "choose_backend",
    "embed_texts",
    "encoder_for",
    "load_default_model",
    "text_key",
]
