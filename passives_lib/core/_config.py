"""The YAML configuration that maps a survey export onto the canonical columns.

A configuration is optional: without one, common header names are recognised. A minimal file::

    columns: {score: NPS_SCORE, comment: text, responded_at: CUSTOMER_RESPONSE_DATE,
              segment: SURVEY_SUB_TYPE}
    dates: dayfirst

Unknown keys are refused rather than ignored, so a typo never passes silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from passives_lib.core._errors import ConfigError, settings_section
from passives_lib.core._plan_settings import PlanSettings, plan_settings_from_dict
from passives_lib.core._vocabulary import CANONICAL_COLUMNS, CONTACT_STATUSES

DATE_ORDERS = ("auto", "iso", "dayfirst", "monthfirst")
DELIMITERS = {"auto": None, ",": ",", ";": ";", "\\t": "\t", "\t": "\t", "tab": "\t"}


@dataclass(frozen=True)
class NpsSettings:
    """When an NPS figure is too uncertain to read.

    Attributes
    ----------
    wide_margin : float
        A 95% margin of error wider than this many NPS points is flagged.
    min_responses : int
        Fewer responses than this are flagged whatever the margin.
    """

    wide_margin: float = 15.0
    min_responses: int = 30


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
    language : {"auto", "en", "fr"}
        The comments' language (stop words, openers, names of themes); detected by default.
    secondary_similarity : float
        A comment also counts under a further theme when its similarity to that theme is at
        least this (1 turns further themes off).
    """

    n_themes: int | None = None
    min_themes: int = 5
    max_themes: int = 30
    min_similarity: float = 0.30
    random_state: int = 42
    cache_dir: str | None = None
    language: str = "auto"
    secondary_similarity: float = 0.50


@dataclass(frozen=True)
class Config:
    """Settings read from a YAML file (all optional).

    Attributes
    ----------
    columns : dict of str to str
        Canonical column name to the header used in the export.
    dates : {"auto", "iso", "dayfirst", "monthfirst"}
        How to read dates; ``auto`` infers the order from the values and refuses mixed ones.
    encoding : str
        ``auto`` or a Python codec name such as ``cp1252``.
    delimiter : str
        ``auto``, ``,``, ``;`` or ``tab``.
    sheet : str or int, optional
        The worksheet of an XLSX file (the first one by default).
    max_comment_chars : int
        Longer comments are cut to this length and the cut is reported.
    contact_statuses : dict of str to str
        Export value (case-insensitive) to one of the canonical contact statuses.
    nps : NpsSettings
        Thresholds for the small-sample warning.
    themes : ThemeSettings
        Theme model settings.
    plan : PlanSettings
        Prioritisation and the week's plan.
    source : Path, optional
        The file the configuration came from.
    """

    columns: dict[str, str] = field(default_factory=dict)
    dates: str = "auto"
    encoding: str = "auto"
    delimiter: str = "auto"
    sheet: str | int | None = None
    max_comment_chars: int = 5000
    contact_statuses: dict[str, str] = field(default_factory=dict)
    nps: NpsSettings = field(default_factory=NpsSettings)
    themes: ThemeSettings = field(default_factory=ThemeSettings)
    plan: PlanSettings = field(default_factory=PlanSettings)
    source: Path | None = None


_TOP_LEVEL_KEYS = {
    "columns",
    "dates",
    "encoding",
    "delimiter",
    "sheet",
    "max_comment_chars",
    "contact_statuses",
    "nps",
    "themes",
    "plan",
}


def load_config(path: str | Path | None) -> Config:
    """Read a YAML configuration file.

    Parameters
    ----------
    path : str or Path or None
        The file to read; ``None`` gives the defaults.

    Returns
    -------
    Config
        The validated settings.

    Raises
    ------
    ConfigError
        If the file is missing, is not YAML, or holds an unknown key or an invalid value.
    """
    if path is None:
        return Config()
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"config file {str(path)!r} does not exist")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {str(path)!r} is not valid YAML: {exc}") from None
    return config_from_dict(raw or {}, source=path)


def config_from_dict(raw: Any, source: Path | None = None) -> Config:
    """Validate a configuration given as a mapping (as parsed from YAML).

    Parameters
    ----------
    raw : mapping
        The parsed configuration.
    source : Path, optional
        Where it came from, for error messages.

    Returns
    -------
    Config
        The validated settings.

    Raises
    ------
    ConfigError
        If a key is unknown or a value is invalid.
    """
    where = f"config {str(source)!r}" if source else "config"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of settings, got {type(raw).__name__}")
    unknown = sorted(set(map(str, raw)) - _TOP_LEVEL_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {unknown}; known keys are {sorted(_TOP_LEVEL_KEYS)}"
        )
    columns = _columns(raw.get("columns") or {}, where)
    dates = str(raw.get("dates", "auto")).lower()
    if dates not in DATE_ORDERS:
        raise ConfigError(f"{where}: 'dates' must be one of {list(DATE_ORDERS)}, got {dates!r}")
    delimiter = str(raw.get("delimiter", "auto"))
    if delimiter not in DELIMITERS:
        raise ConfigError(
            f"{where}: 'delimiter' must be one of ',', ';', 'tab' or 'auto', got {delimiter!r}"
        )
    max_chars = raw.get("max_comment_chars", 5000)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 1:
        raise ConfigError(
            f"{where}: 'max_comment_chars' must be a positive whole number, got {max_chars!r}"
        )
    sheet = raw.get("sheet")
    if sheet is not None and not isinstance(sheet, str | int):
        raise ConfigError(f"{where}: 'sheet' must be a sheet name or index, got {sheet!r}")
    return Config(
        columns=columns,
        dates=dates,
        encoding=str(raw.get("encoding", "auto")),
        delimiter=delimiter,
        sheet=sheet,
        max_comment_chars=max_chars,
        contact_statuses=_contact_statuses(raw.get("contact_statuses") or {}, where),
        nps=_nps_settings(raw.get("nps") or {}, where),
        themes=_theme_settings(raw.get("themes") or {}, where),
        plan=plan_settings_from_dict(raw.get("plan") or {}, where),
        source=source,
    )


def _columns(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: 'columns' must map canonical names to export headers")
    unknown = sorted(set(map(str, raw)) - set(CANONICAL_COLUMNS))
    if unknown:
        raise ConfigError(
            f"{where}: 'columns' names unknown canonical column(s) {unknown}; "
            f"canonical columns are {list(CANONICAL_COLUMNS)}"
        )
    headers = [str(v) for v in raw.values()]
    repeated = sorted({h for h in headers if headers.count(h) > 1})
    if repeated:
        raise ConfigError(f"{where}: 'columns' maps the header(s) {repeated} more than once")
    return {str(k): str(v) for k, v in raw.items()}


def _contact_statuses(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: 'contact_statuses' must map export values to statuses")
    mapping = {}
    for value, status in raw.items():
        if status not in CONTACT_STATUSES:
            raise ConfigError(
                f"{where}: 'contact_statuses' maps {value!r} to {status!r}; "
                f"statuses are {list(CONTACT_STATUSES)}"
            )
        mapping[str(value).strip().lower()] = status
    return mapping


def _nps_settings(raw: Any, where: str) -> NpsSettings:
    settings = settings_section(raw, "nps", NpsSettings, where)
    if not settings.wide_margin > 0 or int(settings.min_responses) < 1:
        raise ConfigError(f"{where}: 'nps' thresholds must be positive, got {raw}")
    return settings


def _theme_settings(raw: Any, where: str) -> ThemeSettings:
    settings = settings_section(raw, "themes", ThemeSettings, where)
    whole = (settings.min_themes, settings.max_themes, settings.random_state)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in whole) or not (
        1 <= settings.min_themes <= settings.max_themes
    ):
        raise ConfigError(
            f"{where}: 'themes' needs whole numbers with 1 <= min_themes <= max_themes, got {raw}"
        )
    if settings.n_themes is not None and (
        not isinstance(settings.n_themes, int) or settings.n_themes < 1
    ):
        raise ConfigError(f"{where}: 'themes.n_themes' must be a positive whole number")
    for key in ("min_similarity", "secondary_similarity"):
        if not 0 <= float(getattr(settings, key)) <= 1:
            raise ConfigError(f"{where}: 'themes.{key}' must be between 0 and 1")
    if settings.language not in ("auto", "en", "fr"):
        raise ConfigError(
            f"{where}: 'themes.language' must be auto, en or fr, got {settings.language!r}"
        )
    return settings
