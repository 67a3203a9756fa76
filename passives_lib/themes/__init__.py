"""Themes in comments: clustering, labels, non-answers, sentiment, effort, the model."""

from passives_lib.themes._effort import DEFAULT_EFFORT_RULE, IssueKind, issue_kinds, theme_efforts
from passives_lib.themes._model import THEME_COLUMNS, ThemeModel
from passives_lib.themes._non_answers import is_non_answer
from passives_lib.themes._sentiment import sentiment

__all__ = [
    "DEFAULT_EFFORT_RULE",
    "IssueKind",
    "issue_kinds",
    "THEME_COLUMNS",
    "ThemeModel",
    "is_non_answer",
    "sentiment",
    "theme_efforts",
]
