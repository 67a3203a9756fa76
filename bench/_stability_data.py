"""The shared data sets of the theme stability bench, each as comments and two score groups.

Every set gives its comments, a "low" and a "high" group per comment (a theme is *mixed* when
both groups exceed 25% of its members), a 0-10 score for the weekly runs, and, for the NHS FFT
set, the human multi-label codes. :func:`survey_export` makes one of any NPS export, read as
the pipeline reads it (its config's columns and theme settings), so the same figures can be
checked on real exports this project does not ship.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bench._common import labelled_fft, shared_file

CLOTHING = "clothing_reviews/reviews.csv"
GARDEN = "garden_centre_nps_fr/nps.csv"
CLOTHING_ROWS = 3000


@dataclass
class DataSet:
    """One data set as the bench uses it."""

    name: str
    texts: list[str]
    low: np.ndarray  # bool: the unhappy group (detractors, 1-3 stars, poor FFT answers)
    high: np.ndarray  # bool: the happy group (promoters, 5 stars, very good FFT answers)
    score: np.ndarray  # 0-10, for the weekly runs
    groups: str  # what low and high are, in words
    codes: np.ndarray | None = None  # one-hot human codes (FFT only)
    theme_settings: dict[str, Any] = field(default_factory=dict)  # the export's `themes:`


def nhs_fft() -> DataSet:
    """NHS FFT comments with human codes (as ``bench.theme_multilabel``); 1-2 good, 4-5 poor."""
    frame, text, keep, codes = labelled_fft()
    answer = pd.to_numeric(frame.loc[keep, "FFT categorical answer"], errors="coerce").to_numpy()
    # 1 = very good ... 5 = very poor; 6 and 7 are undocumented: neither group.
    score = np.select([answer == 1, answer == 2, answer == 3, answer == 4], [10, 8, 6, 3], 0)
    return DataSet(
        "NHS FFT",
        text[keep].tolist(),
        np.isin(answer, [4, 5]),
        np.isin(answer, [1, 2]),
        score,
        "poor (4-5) vs good (1-2)",
        frame.loc[keep, codes].fillna(0).astype(int).to_numpy(),
    )


def clothing() -> DataSet:
    """The first 3,000 clothing reviews with text; 1-3 stars vs 5 stars."""
    frame = pd.read_csv(shared_file(CLOTHING))
    frame = frame[frame["Review Text"].fillna("").astype(str).str.strip() != ""]
    frame = frame.head(CLOTHING_ROWS)
    rating = frame["Rating"].astype(int).to_numpy()
    return DataSet(
        "clothing 3,000",
        frame["Review Text"].astype(str).tolist(),
        rating <= 3,
        rating == 5,
        np.array([0, 0, 3, 6, 8, 10])[rating],
        "1-3 stars vs 5 stars",
    )


def garden_centre() -> DataSet:
    """The French garden-centre NPS comments; detractors (0-6) vs promoters (9-10)."""
    frame = pd.read_csv(shared_file(GARDEN))
    frame = frame[frame["explication"].fillna("").astype(str).str.strip() != ""]
    frame = frame[frame["nps"].between(0, 10)]
    nps = frame["nps"].astype(int).to_numpy()
    return DataSet(
        "garden centre FR",
        frame["explication"].astype(str).tolist(),
        nps <= 6,
        nps >= 9,
        nps,
        "detractors vs promoters",
    )


def survey_export(path: str | Path, config_path: str | Path | None = None) -> DataSet:
    """An NPS export read by the pipeline's loader; detractors (0-6) vs promoters (9-10).

    The config (optional) maps the export's columns and gives its theme settings (language,
    codebook, ...), which the bench's fits then use, the bench's random state and cache aside.
    Only the accepted responses with a comment count, as in a weekly run.

    Parameters
    ----------
    path : str or Path
        The survey export (CSV or Excel).
    config_path : str or Path, optional
        Its YAML config; columns are found by their usual names when omitted.

    Returns
    -------
    DataSet
        Named after the file.
    """
    from passives_lib.config import load_config
    from passives_lib.survey import load_survey

    config = load_config(config_path)
    responses = load_survey(path, config).responses
    comments = responses["comment"].fillna("").astype(str)
    responses = responses[comments.str.strip() != ""]
    score = responses["score"].astype(int).to_numpy()
    default = type(config.themes)()
    settings = {  # what the config sets apart from the defaults, the seed and cache aside
        f.name: getattr(config.themes, f.name)
        for f in fields(config.themes)
        if f.name not in (*config.themes.NOT_KEYS, "random_state", "cache_dir")
        and getattr(config.themes, f.name) != getattr(default, f.name)
    }
    return DataSet(
        Path(path).stem[:16],
        responses["comment"].astype(str).tolist(),
        score <= 6,
        score >= 9,
        score,
        "detractors vs promoters",
        theme_settings=settings,
    )


DATA_SETS = {"fft": nhs_fft, "clothing": clothing, "garden": garden_centre}
