"""Themes in comments: embedding, clustering, labels, non-answers, sentiment, effort, the model."""

from passives_lib.themes._codebook import codebook_centroids, phrase_vectors
from passives_lib.themes._effort import DEFAULT_EFFORT_RULE, theme_efforts
from passives_lib.themes._embedding import EmbeddingCache, embed_texts, load_default_model
from passives_lib.themes._masking import mask_theme_table
from passives_lib.themes._model import ThemeModel
from passives_lib.themes._non_answers import is_non_answer
from passives_lib.themes._sentiment import sentiment

__all__ = [
    "DEFAULT_EFFORT_RULE",
    "EmbeddingCache",
    "ThemeModel",
    "codebook_centroids",
    "embed_texts",
    "is_non_answer",
    "load_default_model",
    "mask_theme_table",
    "phrase_vectors",
    "sentiment",
    "theme_efforts",
]
