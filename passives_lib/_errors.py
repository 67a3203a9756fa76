"""One exception tree for the project.

Every error a user can cause derives from :class:`PassivesError`. Messages say what was
expected, what was found, and where (file, row, column), so the command line can print them
without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class PassivesError(Exception):
    """Base class of every error raised on purpose by ``passives_lib``."""


class ConfigError(PassivesError):
    """The YAML configuration is missing, malformed or holds an unknown key or value."""


class LocatedError(PassivesError):
    """An error about a place in a file: the message names the file, row and column.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    path : str or Path, optional
        The file concerned.
    row : int, optional
        The row in the file, counted as a spreadsheet does (the header is row 1).
    column : str, optional
        The column concerned.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = None if path is None else Path(path)
        self.row = row
        self.column = column
        self.reason = message
        super().__init__(_locate(message, self.path, row, column))


class InputError(LocatedError):
    """A survey file cannot be read as a table at all (see :class:`LocatedError`)."""


def _locate(message: str, path: Path | None, row: int | None, column: str | None) -> str:
    where = []
    if path is not None:
        where.append(f"file {str(path)!r}")
    if row is not None:
        where.append(f"row {row}")
    if column is not None:
        where.append(f"column {column!r}")
    return f"{', '.join(where)}: {message}" if where else message


class NoDataRowsError(InputError):
    """A file has a header row but no data rows (callers may treat it as "nothing new")."""


def settings_section(raw: object, name: str, settings_class: type, where: str) -> object:
    """Build a settings dataclass from one section of a config, refusing unknown keys.

    Parameters
    ----------
    raw : object
        The section as parsed from YAML (expected a mapping).
    name : str
        The section's key, for messages (e.g. ``"plan"``).
    settings_class : type
        A dataclass whose fields are the section's keys.
    where : str
        Names the config in messages.

    Returns
    -------
    object
        An instance of ``settings_class``; its values are checked by the caller.

    Raises
    ------
    ConfigError
        If the section is not a mapping or names an unknown key.
    """
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: '{name}' must be a mapping")
    known = set(settings_class.__dataclass_fields__)
    unknown = sorted(set(map(str, raw)) - known)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) under '{name}': {unknown}; known keys are {sorted(known)}"
        )
    return settings_class(**raw)
