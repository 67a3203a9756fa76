"""Reading a config: the YAML file, its validation, and overrides checked the same way.

A configuration is optional: without one, common header names are recognised. Unknown keys are
refused rather than ignored, so a typo never passes silently; so is a key given twice.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import yaml

from passives_lib.config._briefs import BriefSettings
from passives_lib.config._config import Config
from passives_lib.config._nps import NpsSettings
from passives_lib.config._plan import PlanSettings
from passives_lib.config._themes import ThemeSettings
from passives_lib.config._translate import validated
from passives_lib.core import ConfigError

__all__ = ["brief_settings_from_dict", "config_from_dict", "load_config", "with_settings"]

_SECTIONS = {"plan": PlanSettings, "themes": ThemeSettings, "nps": NpsSettings}


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
        If the file is missing, is not YAML, gives a key twice, or holds an unknown key or an
        invalid value.
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
        Where it came from: named in messages, and relative paths are read from its folder.

    Returns
    -------
    Config
        The validated settings.

    Raises
    ------
    ConfigError
        If a key is unknown or a value is invalid, e.g.
        ``config 'c.yml': plan.callers[1].capacity must be a whole number >= 0, got -1``.
    """
    where = f"config {str(source)!r}" if source else "config"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of settings, got {type(raw).__name__}")
    context = {"base": source.parent.resolve() if source else None}
    config = validated(Config, raw, where, context=context)
    return config if source is None else replace(config, source=source)


def brief_settings_from_dict(raw: Any, where: str) -> BriefSettings:
    """Validate a ``briefs`` section (the package's default question bank is one).

    Raises
    ------
    ConfigError
        As :func:`config_from_dict` does, keys named from ``briefs``.
    """
    return validated(BriefSettings, raw, where, ("briefs",))


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
    if section not in _SECTIONS:
        raise ConfigError(
            f"{where}: no settings section {section!r}; sections are {list(_SECTIONS)}"
        )
    current = getattr(config, section)
    raw = {f.name: getattr(current, f.name) for f in fields(current)} | given
    return replace(config, **{section: validated(_SECTIONS[section], raw, where, (section,))})
