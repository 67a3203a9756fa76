"""Themes in comments: clustering, labels, non-answers, sentiment, effort, the model."""

from passives_lib.themes._codebook import codebook_centroids, codebook_polarity, phrase_vectors
from passives_lib.themes._effort import DEFAULT_EFFORT_RULE, IssueKind, issue_kinds, theme_efforts
from passives_lib.themes._language import detect_language
from passives_lib.themes._masking import mask_theme_table
from passives_lib.themes._memory import opinion_key
from passives_lib.themes._model import THEME_COLUMNS, ThemeModel
from passives_lib.themes._name_words import name_stems, name_words_used
from passives_lib.themes._non_answers import is_non_answer
from passives_lib.themes._sentiment import sentiment
from passives_lib.themes._tone import SIDE_OF

__all__ = [
    "DEFAULT_EFFORT_RULE",
    "IssueKind",
    "SIDE_OF",
    "issue_kinds",
    "THEME_COLUMNS",
    "ThemeModel",
    "codebook_centroids",
    "codebook_polarity",
    "detect_language",
    "is_non_answer",
    "mask_theme_table",
    "name_stems",
    "name_words_used",
    "opinion_key",
    "phrase_vectors",
    "sentiment",
    "theme_efforts",
]
