"""Checks of what callers hand the theme registry: weeks, ids, names and a run's themes.

Each check returns the value cleaned, or raises :class:`RegistryError` saying what was
expected and what was found, before anything is read or written.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from passives_lib.core import RegistryError
from passives_lib.store.db import MAX_TEXT, LedgerError
from passives_lib.store.db import check_week as check_ledger_week
from passives_lib.store.registry._matching import POLARITY_GROUPS, Theme


def check_week(week: object) -> str:
    """``week`` stripped, if it is an ISO week such as ``2026-W27``.

    Examples
    --------
    >>> check_week(" 2026-W27 ")
    '2026-W27'
    """
    try:
        return check_ledger_week(week)
    except LedgerError as exc:
        raise RegistryError(str(exc)) from None


def check_id(value: object, name: str) -> int:
    """``value`` as an int, if it is one (not a bool); ``name`` says which argument."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise RegistryError(f"{name} must be an int stable id; got {value!r}")
    return int(value)


def check_name(name: object) -> str:
    """A theme's new name, stripped: non-blank and at most ``MAX_TEXT`` characters."""
    clean = name.strip() if isinstance(name, str) else ""
    if not clean:
        raise RegistryError(f"a theme's name must be a non-blank text; got {name!r}")
    if len(clean) > MAX_TEXT:
        raise RegistryError(
            f"a theme's name must be at most {MAX_TEXT} characters; got {len(clean)}"
        )
    return clean


def run_themes(themes: pd.DataFrame, centroids: np.ndarray) -> list[Theme]:
    """The run's real themes (theme_id >= 0), checked, by theme_id, with unit centroids."""
    if not isinstance(themes, pd.DataFrame):
        raise RegistryError(f"themes must be a pandas DataFrame; got {type(themes).__name__}")
    missing = [c for c in ("theme_id", "label", "keywords") if c not in themes.columns]
    if missing:
        raise RegistryError(
            f"themes must have columns theme_id, label and keywords; missing {missing}"
        )
    ids = pd.to_numeric(themes["theme_id"], errors="coerce")
    bad = themes["theme_id"][ids.isna() | (ids != ids.round())]
    if len(bad):
        raise RegistryError(f"theme_id must hold whole numbers; got {bad.iloc[0]!r}")
    real = themes[ids.to_numpy() >= 0]
    ids = ids[ids >= 0].astype(int)
    repeated = sorted(set(ids[ids.duplicated()]))
    if repeated:
        raise RegistryError(f"theme_id must not repeat; got {repeated} more than once")
    if real.empty:
        return []
    array = np.asarray(centroids, dtype=np.float64)
    if array.ndim != 2 or len(array) <= ids.max():
        raise RegistryError(
            "centroids must be a 2-D array with row i for theme i (at least "
            f"{ids.max() + 1} rows); got shape {array.shape}"
        )
    tones = real["polarity"] if "polarity" in real else [None] * len(real)
    run = []
    for theme_id, label, keywords, tone in zip(
        ids, real["label"], real["keywords"], tones, strict=True
    ):
        vector = array[theme_id]
        norm = float(np.linalg.norm(vector))
        if not np.isfinite(vector).all() or norm == 0.0:
            raise RegistryError(f"the centroid of theme {theme_id} must be finite and non-zero")
        text = "" if label is None or label != label else str(label).strip()
        run.append(
            Theme(
                int(theme_id),
                text or f"theme {theme_id}",
                _keyword_list(keywords, theme_id),
                vector / norm,
                _polarity(tone, theme_id),
            )
        )
    return sorted(run, key=lambda theme: theme.key)


def run_sizes(themes: pd.DataFrame) -> dict[int, int | None]:
    """Each real theme's ``size`` (comments whose main theme it is), None where not given.

    Examples
    --------
    >>> run_sizes(pd.DataFrame({"theme_id": [0, 1, -1], "size": [9, None, 3]}))
    {0: 9, 1: None}
    >>> run_sizes(pd.DataFrame({"theme_id": [0]}))
    {0: None}
    """
    sizes = themes["size"] if "size" in themes.columns else pd.Series(None, index=themes.index)
    counts = pd.to_numeric(sizes, errors="coerce")
    return {
        int(theme_id): None if pd.isna(count) or count < 0 else int(count)
        for theme_id, count in zip(themes["theme_id"], counts, strict=True)
        if int(theme_id) >= 0
    }


def check_dimension(stored: dict[int, Any], dimension: int, url: str) -> None:
    """Refuse centroids of another dimension than the stored themes' (another model)."""
    dimensions = {row.dimension for row in stored.values()}
    if dimensions - {dimension}:
        raise RegistryError(
            f"this run's centroids have dimension {dimension} but the theme registry at {url} "
            f"holds centroids of dimension {', '.join(map(str, sorted(dimensions)))}: the "
            "embedding model changed, so its themes cannot be compared with the stored ones"
        )


def _keyword_list(value: object, theme_id: int) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        raise RegistryError(
            f"the keywords of theme {theme_id} must be a list of str; got {value!r}"
        )
    return [str(k).strip() for k in value if str(k).strip()]


def _polarity(value: object, theme_id: int) -> str | None:
    """A run theme's polarity, checked; None when not given."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if value not in POLARITY_GROUPS:
        raise RegistryError(
            f"the polarity of theme {theme_id} must be one of {sorted(POLARITY_GROUPS)}; "
            f"got {value!r}"
        )
    return str(value)
