"""The ``themes:`` section of a config: how themes are found, checked by type and range."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationInfo, field_validator
from pydantic.dataclasses import dataclass

from passives_lib.config._codebook import Codebook
from passives_lib.config._values import (
    MODEL,
    ConfigPath,
    Section,
    checked_whole,
    choice,
    fail,
    number,
    whole,
)

__all__ = ["EMBEDDING_BACKENDS", "ThemeSettings"]

EMBEDDING_BACKENDS = ("auto", "torch", "torch-bf16", "onnx-int8")
_SCHEDULER = re.compile(r"(tcp|tls|inproc)://\S+")


@dataclass(frozen=True, config=MODEL)
class ThemeSettings(Section):
    """How themes are found (see :class:`passives_lib.ThemeModel`).

    Attributes
    ----------
    min_themes, max_themes : int
        Range when the number is chosen from the data.
    n_themes : int, optional
        A fixed number of themes; chosen from the data when omitted.
    min_similarity : float
        Below this cosine similarity to every theme a comment is "other".
    random_state : int
        Seed.
    cache_dir : str, optional
        Embedding cache folder; ``~/.cache/passives`` (or ``$XDG_CACHE_HOME/passives``) when
        omitted.
    backend : {"auto", "torch", "torch-bf16", "onnx-int8"}
        How the embedding model runs; ``auto`` picks the fastest this machine supports.
    dask_scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:8786``) to run the embedding batches on.
    language : {"auto", "en", "fr"}
        The comments' language (stop words, openers, names of themes); detected by default.
    secondary_similarity : float
        A comment also counts under a further theme when it uses one of that theme's key
        phrases and its similarity to the theme is at least this (1 turns further themes off).
    merge_overlap : float
        Two themes of one polarity, each the other's nearest, are merged into one when the
        cosine of their key-phrase profiles (c-TF-IDF) is at least this (1 turns merging off).
    codebook : tuple of CodebookTheme
        An analyst's themes, each a name and example phrases (``themes.codebook``); they
        seed the theme registry on the first recorded run, and anchor a run that records no
        themes.
    seed_comments : int
        A run whose registry knows no theme yet and whose window holds fewer commented
        responses learns its themes from the latest earlier comments too, up to this many
        in all (0: from the window alone).
    """

    min_themes: whole(minimum=1) = 5
    max_themes: int = 50  # between min_themes and 500
    n_themes: int | None = None  # between 1 and max_themes
    min_similarity: number(0, 1) = 0.30
    random_state: whole(0, 2**32 - 1) = 42
    cache_dir: ConfigPath | None = None
    backend: choice(EMBEDDING_BACKENDS, f"one of {', '.join(EMBEDDING_BACKENDS)}") = "auto"
    dask_scheduler: str | None = None
    language: choice(("auto", "en", "fr"), "auto, en or fr") = "auto"
    secondary_similarity: number(0, 1) = 0.30
    merge_overlap: number(0, 1) = 0.15
    codebook: Codebook = ()
    seed_comments: whole(0, 100_000) = 1000

    @field_validator("max_themes", mode="before")
    @classmethod
    def _max_themes(cls, value: Any, info: ValidationInfo) -> int:
        return checked_whole(value, info.data.get("min_themes", 1), 500)

    @field_validator("n_themes", mode="before")
    @classmethod
    def _n_themes(cls, value: Any, info: ValidationInfo) -> int | None:
        return None if value is None else checked_whole(value, 1, info.data.get("max_themes"))

    @field_validator("cache_dir")
    @classmethod
    def _cache_dir(cls, value: str | None) -> str | None:
        if value is not None and Path(value).exists() and not Path(value).is_dir():
            raise fail("a folder", found=f"{value!r} (a file)")
        return value

    @field_validator("dask_scheduler", mode="before")
    @classmethod
    def _scheduler(cls, value: Any) -> Any:
        if value is not None and not (isinstance(value, str) and _SCHEDULER.fullmatch(value)):
            raise fail("a scheduler address such as tcp://host:8786")
        return value
