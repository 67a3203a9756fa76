"""Checking config values by type and range, with the project's one message form.

Each check names the config key, says what was expected and shows what was found, e.g.
``plan.panel_size must be a whole number >= 0, got -5``. The ``where`` prefix names the file.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from passives_lib.core._errors import ConfigError


def _fail(where: str, key: str, expected: str, value: object) -> ConfigError:
    return ConfigError(f"{where}: {key} must be {expected}, got {value!r}")


def _range_words(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f" between {minimum} and {maximum}"
    if minimum is not None:
        return f" >= {minimum}"
    if maximum is not None:
        return f" <= {maximum}"
    return ""


def whole_number(
    value: Any, key: str, where: str, minimum: int | None = None, maximum: int | None = None
) -> int:
    """A whole number in range (``True``/``False`` and ``2.5`` are refused).

    Parameters
    ----------
    value : object
        The value as parsed from YAML.
    key : str
        The config key, for the message (e.g. ``plan.panel_size``).
    where : str
        Names the config file.
    minimum, maximum : int, optional
        Inclusive bounds.

    Returns
    -------
    int
        The value.

    Raises
    ------
    ConfigError
        ``plan.panel_size must be a whole number >= 0, got -5``.
    """
    ok = isinstance(value, int) and not isinstance(value, bool)
    ok = ok and (minimum is None or value >= minimum) and (maximum is None or value <= maximum)
    if not ok:
        raise _fail(where, key, "a whole number" + _range_words(minimum, maximum), value)
    return int(value)


def real_number(
    value: Any,
    key: str,
    where: str,
    minimum: float | None = None,
    maximum: float | None = None,
    above: float | None = None,
) -> float:
    """A finite number in range (text, ``inf`` and ``nan`` are refused).

    Parameters
    ----------
    value : object
        The value as parsed from YAML.
    key : str
        The config key.
    where : str
        Names the config file.
    minimum, maximum : float, optional
        Inclusive bounds.
    above : float, optional
        Exclusive lower bound.

    Returns
    -------
    float
        The value.

    Raises
    ------
    ConfigError
        ``nps.wide_margin must be a number > 0, got 'x'``.
    """
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    ok = ok and (minimum is None or value >= minimum) and (maximum is None or value <= maximum)
    ok = ok and (above is None or value > above)
    if not ok:
        words = f" > {above}" if above is not None else _range_words(minimum, maximum)
        raise _fail(where, key, "a number" + words, value)
    return float(value)


def text_value(value: Any, key: str, where: str, allow_empty: bool = False) -> str:
    """A text value (a number or a list is refused, so nothing is misread).

    Parameters
    ----------
    value : object
        The value as parsed from YAML.
    key : str
        The config key.
    where : str
        Names the config file.
    allow_empty : bool
        Whether ``""`` is accepted.

    Returns
    -------
    str
        The value.

    Raises
    ------
    ConfigError
        If the value is not text.
    """
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise _fail(where, key, "a non-empty text" if not allow_empty else "a text", value)
    return value


def text_list(value: Any, key: str, where: str) -> list[str]:
    """A non-empty list of non-empty texts (a bare text is refused, not split into letters).

    Parameters
    ----------
    value : object
        The value as parsed from YAML.
    key : str
        The config key.
    where : str
        Names the config file.

    Returns
    -------
    list of str
        The texts.

    Raises
    ------
    ConfigError
        ``plan.managers must be a non-empty list of names, got 'Ana'``.
    """
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise _fail(where, key, "a non-empty list of names", value)
    return list(value)


def number_mapping(value: Any, key: str, where: str) -> dict[str, float]:
    """A mapping of names to finite numbers >= 0.

    Parameters
    ----------
    value : object
        The value as parsed from YAML.
    key : str
        The config key.
    where : str
        Names the config file.

    Returns
    -------
    dict of str to float
        The mapping, keys as text.

    Raises
    ------
    ConfigError
        ``plan.segment_weights must be a mapping of names to numbers >= 0, got 'x'``.
    """
    if not isinstance(value, dict):
        raise _fail(where, key, "a mapping of names to numbers >= 0", value)
    return {
        str(name): real_number(weight, f"{key}.{name}", where, minimum=0)
        for name, weight in value.items()
    }


def config_path(value: Any, key: str, where: str, base: Path | None) -> str:
    """A file or folder path, resolved against the config file's folder when relative.

    URLs (``scheme://...``) are kept as they are.

    Parameters
    ----------
    value : object
        The value as parsed from YAML (or a ``Path`` given in code).
    key : str
        The config key.
    where : str
        Names the config file.
    base : Path, optional
        The config file's folder; relative paths are kept relative when ``None``.

    Returns
    -------
    str
        The path (absolute when ``base`` was given).

    Raises
    ------
    ConfigError
        If the value is not a non-empty text.
    """
    text = text_value(os.fspath(value) if isinstance(value, os.PathLike) else value, key, where)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    if base is not None and not path.is_absolute():
        path = Path(os.path.normpath(base / path))
    return str(path)
