"""The contact ledger's errors: :class:`LedgerError`, and the wrapper of a row's failed write."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from passives_lib._errors import LocatedError


class LedgerError(LocatedError):
    """The contact ledger cannot be opened, or a write to it was refused or failed.

    It names the file concerned (an imported export, or the ledger itself), and the row and
    column where there is one (see :class:`passives_lib.LocatedError`).
    """


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
