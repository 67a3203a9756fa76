"""The contact ledger's errors: :class:`LedgerError`, and the wrapper of a row's failed write."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from passives_lib._errors import PassivesError, _locate


class LedgerError(PassivesError):
    """The contact ledger cannot be opened, or a write to it was refused or failed.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    path : str or Path, optional
        The file concerned (an imported export, or the ledger itself).
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


class RowWriteError(Exception):
    """A database error while writing one row; carries the row's description.

    Parameters
    ----------
    where : str
        The row, as the error message should name it (e.g. ``file 'crm.csv', row 3``).
    error : sqlalchemy.exc.SQLAlchemyError
        The database's error.
    """

    def __init__(self, where: str, error: SQLAlchemyError) -> None:
        super().__init__(where)
        self.where = where
        self.error = error
