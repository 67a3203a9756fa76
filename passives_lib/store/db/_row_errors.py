"""The wrapper of a row's failed write (the errors themselves are in ``core._errors``)."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from passives_lib.core import LedgerError

__all__ = ["LedgerError", "RowWriteError"]


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
