"""pydantic's ``ValidationError`` told in the project's one form: key, expected, found.

``config 'c.yml': plan.callers[1].capacity must be a whole number >= 0, got -1``: the key
path as the YAML file spells it, what was expected, what was found. Every error of one
validation is told, on one line, separated by ``;``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from passives_lib.config._values import checked_whole, shown
from passives_lib.core import ConfigError

__all__ = ["config_error", "key_path", "validated", "whole_number"]


def key_path(loc: tuple[Any, ...]) -> str:
    """A pydantic location as a config key: ``("plan", "callers", 1)`` -> ``plan.callers[1]``.

    Examples
    --------
    >>> key_path(("plan", "callers", 1, "capacity"))
    'plan.callers[1].capacity'
    """
    text = ""
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _told(error: dict[str, Any], prefix: tuple[Any, ...]) -> str:
    ctx = error.get("ctx") or {}
    loc = prefix + tuple(error["loc"]) + tuple(ctx.get("at") or ())
    key = key_path(loc)
    kind = error["type"]
    if kind == "config":
        found = ctx.get("found")
        return f"{key} must {ctx['rule']}, got {shown(error['input']) if found is None else found}"
    if kind == "config_keys":
        under = f" under '{key}':" if key else ""
        return f"unknown key(s){under} {ctx['unknown']}; known keys are {ctx['known']}"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return f"unknown key(s) under '{key_path(loc[:-1])}': {[str(loc[-1])]}"
    if kind in ("missing", "missing_keyword_argument"):
        given = sorted(map(str, error["input"])) if isinstance(error["input"], dict) else []
        return f"{key_path(loc[:-1])} needs a {loc[-1]}, got the keys {given}"
    return f"{key} must be valid ({error['msg']}), got {shown(error['input'])}"


def config_error(exc: ValidationError, where: str, prefix: tuple[Any, ...] = ()) -> ConfigError:
    """The :class:`ConfigError` telling every error of a validation.

    Parameters
    ----------
    exc : pydantic.ValidationError
        What pydantic found.
    where : str
        Names the config file (or the command line) at the start of the message.
    prefix : tuple, optional
        The key of the validated section (``("plan",)``), when not the whole config.

    Returns
    -------
    ConfigError
        ``config 'c.yml': plan.panel_size must be a whole number >= 0, got -5``.
    """
    told = list(dict.fromkeys(_told(error, prefix) for error in exc.errors()))
    return ConfigError(f"{where}: " + "; ".join(told))


@cache
def _adapter(kind: Any) -> TypeAdapter:
    return TypeAdapter(kind)


def validated(
    kind: Any, raw: Any, where: str, prefix: tuple[Any, ...] = (), context: dict | None = None
) -> Any:
    """``raw`` validated as ``kind`` (a settings class), or the :class:`ConfigError` raised.

    Parameters
    ----------
    kind : type
        A settings class such as :class:`passives_lib.config.PlanSettings`.
    raw : object
        The values as parsed from YAML (or given on the command line).
    where : str
        Names the source of the values in messages.
    prefix : tuple, optional
        The section's key, so that messages name ``plan.capacity`` rather than ``capacity``.
    context : dict, optional
        ``{"base": folder}``: relative paths are read from that folder.

    Returns
    -------
    object
        An instance of ``kind``.

    Raises
    ------
    ConfigError
        In the one form, e.g. ``command line: plan.capacity must be a whole number >= 0, got -1``.
    """
    try:
        return _adapter(kind).validate_python(raw, context=context)
    except ValidationError as exc:
        raise config_error(exc, where, prefix) from None


def whole_number(
    value: Any, key: str, where: str, minimum: int | None = None, maximum: int | None = None
) -> int:
    """A whole number in range, checked as a config value is (``True`` and ``2.5`` refused).

    Parameters
    ----------
    value : object
        The value given.
    key : str
        Its name, for the message (e.g. ``lookback_weeks``).
    where : str
        Names the source of the value.
    minimum, maximum : int, optional
        Inclusive bounds.

    Returns
    -------
    int
        The value.

    Raises
    ------
    ConfigError
        ``report parameters: lookback_weeks must be a whole number between 1 and 520, got 0``.

    Examples
    --------
    >>> whole_number(3, "lookback_weeks", "command line", minimum=1)
    3
    """
    try:
        return checked_whole(value, minimum, maximum)
    except PydanticCustomError as exc:
        rule = (exc.context or {})["rule"]
        raise ConfigError(f"{where}: {key} must {rule}, got {shown(value)}") from None
