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


class InputError(PassivesError):
    """A survey file cannot be read as a table at all.

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
