"""The ``themes:`` section of a config: how themes are found, checked by type and range."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from passives_lib.core._checks import config_path, real_number, whole_number
from passives_lib.core._codebook_settings import CodebookTheme, check_codebook
from passives_lib.core._errors import ConfigError, settings_section

__all__ = ["EMBEDDING_BACKENDS", "ThemeSettings", "check_theme_settings", "theme_settings"]


@dataclass(frozen=True)
class ThemeSettings:
    """How themes are found (see :class:`passives_lib.ThemeModel`).

    Attributes
    ----------
    n_themes : int, optional
        A fixed number of themes; chosen from the data when omitted.
    min_themes, max_themes : int
        Range when the number is chosen from the data.
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
    codebook : tuple of CodebookTheme
        An analyst's themes, each a name and example phrases (``themes.codebook``); they
        seed the theme registry on the first recorded run (see
        :mod:`passives_lib.core._codebook_settings`).
    """

    n_themes: int | None = None
    min_themes: int = 5
    max_themes: int = 30
    min_similarity: float = 0.30
    random_state: int = 42
    cache_dir: str | None = None
    backend: str = "auto"
    dask_scheduler: str | None = None
    language: str = "auto"
    secondary_similarity: float = 0.30
    codebook: tuple[CodebookTheme, ...] = ()


EMBEDDING_BACKENDS = ("auto", "torch", "torch-bf16", "onnx-int8")


def theme_settings(raw: Any, where: str, base: Path | None = None) -> ThemeSettings:
    """Validate the ``themes`` section of a config (see :func:`check_theme_settings`)."""
    settings = settings_section(raw, "themes", ThemeSettings, where)
    return check_theme_settings(settings, where, base)


def check_theme_settings(
    settings: ThemeSettings, where: str, base: Path | None = None
) -> ThemeSettings:
    """Check theme settings by type and range (also for command-line overrides).

    Parameters
    ----------
    settings : ThemeSettings
        The settings as given.
    where : str
        Names the config (or the command line) in messages.
    base : Path, optional
        The config file's folder, for a relative ``cache_dir``.

    Returns
    -------
    ThemeSettings
        The settings, numbers as numbers and ``cache_dir`` resolved.

    Raises
    ------
    ConfigError
        ``themes.n_themes must be a whole number between 1 and 30, got 100000``.
    """
    min_themes = whole_number(settings.min_themes, "themes.min_themes", where, minimum=1)
    max_themes = whole_number(
        settings.max_themes, "themes.max_themes", where, minimum=min_themes, maximum=500
    )
    n_themes = settings.n_themes
    if n_themes is not None:
        n_themes = whole_number(n_themes, "themes.n_themes", where, minimum=1, maximum=max_themes)
    cache_dir = settings.cache_dir
    if cache_dir is not None:
        cache_dir = config_path(cache_dir, "themes.cache_dir", where, base)
        if Path(cache_dir).exists() and not Path(cache_dir).is_dir():
            raise ConfigError(
                f"{where}: themes.cache_dir must be a folder, got {cache_dir!r} (a file)"
            )
    if settings.language not in ("auto", "en", "fr"):
        raise ConfigError(
            f"{where}: themes.language must be auto, en or fr, got {settings.language!r}"
        )
    if settings.backend not in EMBEDDING_BACKENDS:
        raise ConfigError(
            f"{where}: themes.backend must be one of {', '.join(EMBEDDING_BACKENDS)}, "
            f"got {settings.backend!r}"
        )
    scheduler = settings.dask_scheduler
    if scheduler is not None and not (
        isinstance(scheduler, str) and re.fullmatch(r"(tcp|tls|inproc)://\S+", scheduler)
    ):
        raise ConfigError(
            f"{where}: themes.dask_scheduler must be a scheduler address such as "
            f"tcp://host:8786, got {scheduler!r}"
        )
    return replace(
        settings,
        n_themes=n_themes,
        min_themes=min_themes,
        max_themes=max_themes,
        min_similarity=real_number(
            settings.min_similarity, "themes.min_similarity", where, minimum=0, maximum=1
        ),
        secondary_similarity=real_number(
            settings.secondary_similarity,
            "themes.secondary_similarity",
            where,
            minimum=0,
            maximum=1,
        ),
        random_state=whole_number(
            settings.random_state, "themes.random_state", where, minimum=0, maximum=2**32 - 1
        ),
        cache_dir=cache_dir,
        codebook=check_codebook(settings.codebook, where),
    )
