"""The building blocks of the config's models: value types, the section base, one error form.

Every check fails with :func:`fail`, a pydantic error that carries what was expected (and, where
the value itself would not say it, what was found); :mod:`passives_lib.config._translate` turns
pydantic's ``ValidationError`` into the project's :class:`~passives_lib.core.ConfigError`:
``plan.callers[1].capacity must be a whole number >= 0, got -1``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    WrapValidator,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import ArgsKwargs, PydanticCustomError

MODEL = ConfigDict(extra="forbid")  # the section base names the unknown keys first


def fail(
    expected: str | None = None,
    *,
    must: str | None = None,
    found: str | None = None,
    at: tuple[str | int, ...] = (),
) -> PydanticCustomError:
    """The error of one config value: ``KEY must be EXPECTED, got FOUND``.

    Parameters
    ----------
    expected : str, optional
        What the value should be (``"a whole number >= 0"``).
    must : str, optional
        The rule in full when "be ..." does not say it (``"name only the strategies [...]"``).
    found : str, optional
        What was found, when the value's ``repr`` would not say it.
    at : tuple, optional
        The key below the validated one the error is about (``("callers", 1, "name")``).
    """
    rule = must if must is not None else f"be {expected}"
    return PydanticCustomError("config", "must {rule}", {"rule": rule, "found": found, "at": at})


def shown(value: Any) -> str:
    """A value as a message shows it: its ``repr``, cut to 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def expecting(expected: str) -> WrapValidator:
    """Any failure of the annotated type reads ``must be EXPECTED`` (not pydantic's words)."""

    def check(value: Any, handler: Callable[[Any], Any]) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise fail(expected) from None

    return WrapValidator(check)


def range_words(minimum: float | None, maximum: float | None, above: float | None = None) -> str:
    """``" between 0 and 1"``, ``" >= 0"``, ``" > 0"``, ``" <= 3"`` or ``""``."""
    if above is not None:
        return f" > {above}" + ("" if maximum is None else f" and <= {maximum}")
    if minimum is not None and maximum is not None:
        return f" between {minimum} and {maximum}"
    if minimum is not None:
        return f" >= {minimum}"
    return "" if maximum is None else f" <= {maximum}"


def checked_whole(value: Any, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number in range (``True`` and ``2.5`` are refused), else :func:`fail`."""
    ok = isinstance(value, int) and not isinstance(value, bool)
    ok = ok and (minimum is None or value >= minimum) and (maximum is None or value <= maximum)
    if not ok:
        raise fail("a whole number" + range_words(minimum, maximum))
    return int(value)


def whole(minimum: int | None = None, maximum: int | None = None) -> Any:
    """The type of a whole number in range (``True``, ``2.0`` and text refused)."""
    words = "a whole number" + range_words(minimum, maximum)
    return Annotated[int, Strict(), Field(ge=minimum, le=maximum), expecting(words)]


def number(
    minimum: float | None = None, maximum: float | None = None, above: float | None = None
) -> Any:
    """The type of a finite number in range (text, ``inf``, ``nan`` and booleans refused)."""
    words = "a number" + range_words(minimum, maximum, above)
    limits = Field(gt=above, ge=minimum, le=maximum)
    return Annotated[float, Strict(), AllowInfNan(False), limits, expecting(words)]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("blank")
    return value


def _not_empty(value: list) -> list:
    if not value:
        raise ValueError("empty")
    return value


Text = Annotated[str, Strict(), AfterValidator(_not_blank), expecting("a non-empty text")]
AnyText = Annotated[str, Strict(), expecting("a text")]
Flag = Annotated[bool, Strict(), expecting("true or false")]
Names = Annotated[
    list[Annotated[str, Strict(), AfterValidator(_not_blank)]],
    AfterValidator(_not_empty),
    expecting("a non-empty list of names"),
]
Key = Annotated[str, BeforeValidator(str)]


def mapping(expected: str) -> BeforeValidator:
    """Refuse anything but a mapping, saying what mapping was expected."""

    def check(value: Any) -> Any:
        if not isinstance(value, dict):
            raise fail(expected)
        return value

    return BeforeValidator(check)


NumberMap = Annotated[dict[Key, number(minimum=0)], mapping("a mapping of names to numbers >= 0")]


def one_of(options: Iterable[str], words: str | None = None) -> Callable[[Any], Any]:
    """A check that a value is one of ``options`` (``must be one of [...]`` else)."""
    options = tuple(options)

    def check(value: Any) -> Any:
        if value not in options:
            raise fail(words or f"one of {list(options)}")
        return value

    return check


def choice(options: Iterable[str], words: str | None = None) -> Any:
    """The type of one of ``options``."""
    return Annotated[str, BeforeValidator(one_of(options, words))]


def only_keys(mapping_: dict, known: Iterable[str], kind: str) -> None:
    """Refuse keys of ``mapping_`` not in ``known`` (``plan.weights`` names strategies)."""
    known = list(known)
    unknown = sorted(set(map(str, mapping_)) - set(known))
    if unknown:
        raise fail(must=f"name only the {kind} {known}", found=f"unknown {kind} {unknown}")


def _resolved(value: str, info: ValidationInfo) -> str:
    if "://" in value:
        return value
    path = Path(value).expanduser()
    base = (info.context or {}).get("base")
    if base is not None and not path.is_absolute():
        path = Path(os.path.normpath(base / path))
    return str(path)


# A file or folder, relative to the config file's folder (``context={"base": ...}``); URLs kept.
ConfigPath = Annotated[
    Text,
    BeforeValidator(lambda v: os.fspath(v) if isinstance(v, os.PathLike) else v),
    AfterValidator(_resolved),
]


@dataclass(frozen=True, config=MODEL)
class Section:
    """Base of a config section: a mapping whose keys are the fields, unknown keys refused.

    ``SHAPE`` says what the section must be when it is not a mapping; ``NOT_KEYS`` are fields
    set by code, never by the config file.
    """

    SHAPE: ClassVar[str] = "a mapping"
    NOT_KEYS: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        if isinstance(data, ArgsKwargs | cls):
            return data
        if not isinstance(data, dict):
            raise fail(cls.SHAPE)
        known = sorted({f.name for f in fields(cls)} - set(cls.NOT_KEYS))
        unknown = sorted(set(map(str, data)) - set(known))
        if unknown:
            raise PydanticCustomError(
                "config_keys", "unknown keys", {"unknown": unknown, "known": known}
            )
        return data
