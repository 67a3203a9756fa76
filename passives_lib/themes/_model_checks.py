"""The theme model's parameter checks and input coercion (kept apart from the model itself)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from passives_lib.core import InvalidParameterError, repair_code_page, repair_glued_je
from passives_lib.themes._non_answers import missing_value


def validate_parameters(model: Any) -> None:
    """Raise :class:`InvalidParameterError` for the first invalid parameter of ``model``."""

    def fail(name: str, expected: str, got: object) -> None:
        raise InvalidParameterError(
            f"The {name!r} parameter of ThemeModel must be {expected}. Got {got!r} instead."
        )

    if model.n_themes is not None and (not isinstance(model.n_themes, int) or model.n_themes < 1):
        fail("n_themes", "a positive int or None", model.n_themes)
    if not isinstance(model.min_themes, int) or model.min_themes < 1:
        fail("min_themes", "a positive int", model.min_themes)
    if not isinstance(model.max_themes, int) or model.max_themes < model.min_themes:
        fail("max_themes", f"an int >= min_themes ({model.min_themes})", model.max_themes)
    for name in (
        "min_similarity",
        "secondary_similarity",
        "secondary_margin",
        "anchor_similarity",
        "new_opinion_quantile",
        "merge_overlap",
    ):
        if not 0.0 <= float(getattr(model, name)) <= 1.0:
            fail(name, "a float in [0, 1]", getattr(model, name))
    if model.secondary_percentile is not None and not 0 <= model.secondary_percentile <= 100:
        fail("secondary_percentile", "a float in [0, 100] or None", model.secondary_percentile)
    if not isinstance(model.max_themes_per_comment, int) or model.max_themes_per_comment < 1:
        fail("max_themes_per_comment", "a positive int", model.max_themes_per_comment)
    keywords = model.secondary_keywords
    if keywords is not None and (not isinstance(keywords, int) or keywords < 1):
        fail("secondary_keywords", "a positive int or None", keywords)
    if model.embedding_model is not None and not hasattr(model.embedding_model, "encode"):
        fail("embedding_model", "an object with an encode method", model.embedding_model)


def as_texts(comments: Sequence[Any]) -> list[str]:
    """Comments as stripped strings, missing values as empty ones, misread accents repaired.

    French "je" glued to the next word is split too (:func:`passives_lib.core.repair_glued_je`).
    """
    return [
        "" if missing_value(c) else repair_glued_je(repair_code_page(str(c).strip()))
        for c in comments
    ]


def checked_embeddings(embeddings: np.ndarray, expected_rows: int | None) -> np.ndarray:
    """``embeddings`` as a 2-D array with one row per comment, or an error."""
    array = np.asarray(embeddings)
    if array.ndim != 2 or (expected_rows is not None and len(array) != expected_rows):
        raise InvalidParameterError(
            f"embeddings must be a 2-D array with one row per comment; got shape {array.shape}"
        )
    return array
