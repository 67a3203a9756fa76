"""The notebook's parameters as ``passives report --param NAME=VALUE`` gives them.

Every value is read (as YAML), named and checked here, before a kernel starts: an unknown
name, one the command sets itself, an empty value and a value of the wrong type or range are
refused with one message naming the parameter and the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from passives_lib.config import Config
from passives_lib.core import ReportError

# Set by the command from its own arguments, not through --param.
COMMAND_PARAMETERS = {
    "input_path": "INPUT",
    "config_path": "--config",
    "week": "--week",
    "output_dir": "--out",
    "record_plan": "--dry-run",
}
# Parameters that override a config setting (checked as the config's own values are).
SETTING_PARAMETERS = (
    "capacity",
    "profile",
    "management_share",
    "managers",
    "ledger",
    "random_seed",
)


def parse_parameter(text: str) -> tuple[str, Any]:
    """Split ``NAME=VALUE``; the value is read as YAML (``20``, ``0.2``, ``[a, b]``, ``null``).

    Examples
    --------
    >>> parse_parameter("capacity=20"), parse_parameter("managers=[Ana, Ben]")
    (('capacity', 20), ('managers', ['Ana', 'Ben']))
    >>> parse_parameter("profile=quick_fix")
    ('profile', 'quick_fix')
    """
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ReportError(f"--param expects NAME=VALUE (e.g. capacity=20), got {text!r}")
    if not value.strip():
        raise ReportError(
            f"--param {name} has no value (got {text!r}); give NAME=VALUE, e.g. {name}=20, or "
            "leave the option out to keep the config's"
        )
    try:
        return name, yaml.safe_load(value)
    except yaml.YAMLError:
        return name, value


def check_parameters(given: Iterable[str], declared: Iterable[str]) -> None:
    """Refuse parameters the notebook does not declare, and those the command sets itself.

    Raises
    ------
    ReportError
        Naming every unknown parameter and the known ones.
    """
    declared = list(declared)
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise ReportError(
            f"unknown report parameter(s) {unknown}; the notebook's parameters are {declared}"
        )
    reserved = sorted(set(given) & set(COMMAND_PARAMETERS))
    if reserved:
        hints = ", ".join(f"{name}: use {COMMAND_PARAMETERS[name]}" for name in reserved)
        raise ReportError(f"parameter(s) {reserved} are set by the command ({hints})")


def check_parameter_values(config: Config, overrides: Mapping[str, Any]) -> None:
    """Check ``--param`` values by type and range, as the notebook would apply them.

    Parameters
    ----------
    config : Config
        The config the values override.
    overrides : mapping
        ``--param`` values by name.

    Raises
    ------
    ConfigError
        ``--param: plan.capacity must be a whole number >= 0, got 'x'``.
    """
    from passives_lib.report._build import check_lookback_weeks, configured

    if "lookback_weeks" in overrides:
        check_lookback_weeks(overrides["lookback_weeks"], "--param")
    settings = {k: v for k, v in overrides.items() if k in SETTING_PARAMETERS}
    configured(config, where="--param", **settings)
