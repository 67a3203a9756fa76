"""One exception tree for the project.

Every error a user can cause derives from :class:`PassivesError`. Messages say what was
expected, what was found, and where (file, row, column, or config key), so the command line
can print them without a traceback::

    PassivesError
    ├── ConfigError                 a config file or key
    │   └── InvalidParameterError   a parameter given in code (also a ValueError)
    ├── LocatedError                a place in a file: file, row, column
    │   ├── InputError              a survey export or outcome file
    │   │   ├── NoDataRowsError
    │   │   └── AmbiguousDatesError
    │   └── StoreError              a database of the project
    │       ├── LedgerError         the contact ledger
    │       └── RegistryError       the theme registry
    └── ReportError                 the weekly report
        └── ReportFailedError

An unfitted :class:`passives_lib.ThemeModel` raises scikit-learn's ``NotFittedError``.
"""

from __future__ import annotations

from pathlib import Path


class PassivesError(Exception):
    """Base class of every error raised on purpose by ``passives_lib``."""


class ConfigError(PassivesError):
    """The YAML configuration is missing, malformed or holds an unknown key or value."""


class InvalidParameterError(ConfigError, ValueError):
    """A parameter given in code (a :class:`passives_lib.ThemeModel` keyword, say) is invalid.

    Also a ``ValueError``, as scikit-learn's parameter errors are, so code written for the
    scikit-learn contract catches it; the message follows scikit-learn's form: "The 'x'
    parameter of Y must be .... Got ... instead."
    """


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


class AmbiguousDatesError(InputError):
    """The day/month order of a date column cannot be settled from its values.

    Attributes
    ----------
    examples : list of str
        Values that show the problem (one of each kind for a mixed column).
    """

    def __init__(self, message: str, examples: list[str], **where: object) -> None:
        super().__init__(message, **where)  # type: ignore[arg-type]
        self.examples = examples


class StoreError(LocatedError):
    """A database of the project (contact ledger, theme registry) cannot be used as asked.

    It names the file concerned (an imported export, or the database itself), and the row and
    column where there is one.
    """


class LedgerError(StoreError):
    """The contact ledger cannot be opened, or a write to it was refused or failed."""


class RegistryError(StoreError):
    """The theme registry cannot be opened, or a request to it was refused or failed."""


class ReportError(PassivesError):
    """The report cannot be run as asked (unknown parameter, missing notebook, ...)."""


class ReportFailedError(ReportError):
    """The notebook failed; the previous report is untouched and the failed run is kept.

    Attributes
    ----------
    ename, evalue : str
        The failing cell's error type and message.
    cell : int or None
        Its execution count.
    failed_notebook : Path or None
        The executed notebook, with the error at the failing cell; ``None`` when it could not
        be written whole (a full disk), so none was kept.
    """

    def __init__(
        self,
        message: str,
        *,
        ename: str,
        evalue: str,
        cell: int | None,
        failed_notebook: Path | None,
    ) -> None:
        super().__init__(message)
        self.ename, self.evalue, self.cell = ename, evalue, cell
        self.failed_notebook = failed_notebook
