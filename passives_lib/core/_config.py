"""The YAML configuration that maps a survey export onto the canonical columns.

A configuration is optional: without one, common header names are recognised. A minimal file::

    columns: {score: NPS_SCORE, comment: text, responded_at: CUSTOMER_RESPONSE_DATE,
              segment: SURVEY_SUB_TYPE}
    dates: dayfirst

Unknown keys are refused rather than ignored, so a typo never passes silently.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from passives_lib.core._brief_settings import BriefSettings, brief_settings_from_dict
from passives_lib.core._checks import real_number, text_value, whole_number
from passives_lib.core._email_settings import EmailSettings, email_settings
from passives_lib.core._errors import ConfigError, settings_section
from passives_lib.core._plan_settings import PlanSettings, plan_settings_from_dict
from passives_lib.core._theme_settings import (
    ThemeSettings,
    theme_settings,
)
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
    score_values : dict of str to int or None
        When given, the complete list of the export's score values (case-insensitive), each
        with its 0-10 score, or ``None`` for "no score" (such as "Don't know"); a score not
        listed is rejected with its row. For exports that label their scores ("10 -
        Extremely likely") or use another scale.
    nps : NpsSettings
        Thresholds for the small-sample warning.
    themes : ThemeSettings
        Theme model settings.
    plan : PlanSettings
        Prioritisation and the week's plan.
    email : EmailSettings, optional
        Where the weekly digest is sent (``passives report --email``).
    briefs : BriefSettings
        Changes to the call briefs' question bank.
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
    score_values: dict[str, int | None] = field(default_factory=dict)
    nps: NpsSettings = field(default_factory=NpsSettings)
    themes: ThemeSettings = field(default_factory=ThemeSettings)
    plan: PlanSettings = field(default_factory=PlanSettings)
    email: EmailSettings | None = None
    briefs: BriefSettings = field(default_factory=BriefSettings)
    source: Path | None = None


_TOP_LEVEL_KEYS = {
    "columns",
    "dates",
    "encoding",
    "delimiter",
    "sheet",
    "max_comment_chars",
    "contact_statuses",
    "score_values",
    "nps",
    "themes",
    "plan",
    "email",
    "briefs",
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
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except _DuplicateKeyError as exc:
        raise ConfigError(
            f"config file {str(path)!r}: key {exc.key!r} is given twice (lines {exc.first} and "
            f"{exc.second}); give each key once"
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {str(path)!r} is not valid YAML: {exc}") from None
    return config_from_dict({} if raw is None else raw, source=path)


class _DuplicateKeyError(yaml.YAMLError):
    def __init__(self, key: object, first: int, second: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key, self.first, self.second = key, first, second


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key given twice in one mapping.

    YAML says the keys of a mapping are unique; PyYAML would keep the last value silently.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # "<<: *defaults" may be overridden
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                if key in seen:
                    raise _DuplicateKeyError(key, seen[key], line)
                seen[key] = line
            except TypeError:  # an unhashable key: the base loader says so
                break
        return super().construct_mapping(node, deep=deep)


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
    if sheet is not None and (not isinstance(sheet, str | int) or isinstance(sheet, bool)):
        raise ConfigError(f"{where}: 'sheet' must be a sheet name or index, got {sheet!r}")
    base = source.parent.resolve() if source else None
    return Config(
        columns=columns,
        dates=dates,
        encoding=_encoding(raw.get("encoding", "auto"), where),
        delimiter=delimiter,
        sheet=sheet,
        max_comment_chars=max_chars,
        contact_statuses=_contact_statuses(raw.get("contact_statuses") or {}, where),
        score_values=_score_values(raw.get("score_values") or {}, where),
        nps=_nps_settings(_section(raw, "nps"), where),
        themes=theme_settings(_section(raw, "themes"), where, base),
        plan=plan_settings_from_dict(_section(raw, "plan"), where, base),
        email=None if raw.get("email") is None else email_settings(raw["email"], where),
        briefs=brief_settings_from_dict(_section(raw, "briefs"), where),
        source=source,
    )


def with_settings(config: Config, section: str, where: str, **values: Any) -> Config:
    """The config with settings of one section replaced, checked as when a config loads.

    The one way overrides are applied: report parameters, command-line options and
    ``--param``. A value of ``None`` means "keep the config's".

    Parameters
    ----------
    config : Config
        The settings to start from.
    section : {"plan", "themes", "nps"}
        The section the values belong to.
    where : str
        Names the source of the values in messages (e.g. ``"command line"``).
    **values
        Settings of that section, by their config key.

    Returns
    -------
    Config
        A new config; ``config`` itself when every value is ``None``.

    Raises
    ------
    ConfigError
        For an unknown key or a value of the wrong type or range, in the config's one form
        (``command line: plan.capacity must be a whole number >= 0, got -1``).

    Examples
    --------
    >>> with_settings(Config(), "plan", "command line", capacity=5, profile=None).plan.capacity
    5
    """
    given = {key: value for key, value in values.items() if value is not None}
    if not given:
        return config
    builders = {
        "plan": plan_settings_from_dict,
        "themes": theme_settings,
        "nps": _nps_settings,
    }
    if section not in builders:
        raise ConfigError(
            f"{where}: no settings section {section!r}; sections are {list(builders)}"
        )
    current = getattr(config, section)
    raw = {name: getattr(current, name) for name in current.__dataclass_fields__} | given
    return replace(config, **{section: builders[section](raw, where)})


def _columns(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: 'columns' must map canonical names to export headers")
    unknown = sorted(set(map(str, raw)) - set(CANONICAL_COLUMNS))
    if unknown:
        raise ConfigError(
            f"{where}: 'columns' names unknown canonical column(s) {unknown}; "
            f"canonical columns are {list(CANONICAL_COLUMNS)}"
        )
    for key, header in raw.items():
        if not isinstance(header, str | int) or isinstance(header, bool) or not str(header):
            raise ConfigError(f"{where}: columns.{key} must be a header name, got {header!r}")
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


def _score_values(raw: Any, where: str) -> dict[str, int | None]:
    """Export score values (stripped, lower case) to 0-10 scores or None.

    Examples
    --------
    >>> _score_values({"10 - Extremely likely": 10, 6: None}, "config.yml")
    {'10 - extremely likely': 10, '6': None}
    """
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: 'score_values' must map export values to 0-10 scores")
    mapping: dict[str, int | None] = {}
    for value, score in raw.items():
        whole = isinstance(score, int) and not isinstance(score, bool)
        if score is not None and not (whole and 0 <= score <= 10):
            raise ConfigError(
                f"{where}: score_values.{value} must be a whole number 0-10, or null for "
                f"'no score', got {score!r}"
            )
        key = str(value).strip().lower()
        if key in mapping:
            raise ConfigError(f"{where}: 'score_values' lists {value!r} more than once")
        mapping[key] = score
    return mapping


def _section(raw: dict, name: str) -> Any:
    value = raw.get(name)
    return {} if value is None else value


def _encoding(value: Any, where: str) -> str:
    encoding = text_value(value, "encoding", where)
    if encoding != "auto":
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ConfigError(
                f"{where}: encoding must be 'auto' or a codec name such as 'cp1252', "
                f"got {encoding!r}"
            ) from None
    return encoding


def _nps_settings(raw: Any, where: str) -> NpsSettings:
    settings = settings_section(raw, "nps", NpsSettings, where)
    return NpsSettings(
        wide_margin=real_number(settings.wide_margin, "nps.wide_margin", where, above=0),
        min_responses=whole_number(settings.min_responses, "nps.min_responses", where, minimum=1),
    )
