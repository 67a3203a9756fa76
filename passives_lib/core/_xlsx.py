"""Reading an XLSX worksheet cell by cell with openpyxl, every cell as its own value.

pandas' ``read_excel`` maps cell values through a lookup in which ``1 == True``: a ``TRUE``
cell above a ``1`` turned every later 1 of that column into ``True`` (issue 25). Here each
cell keeps its own value; booleans are written ``TRUE``/``FALSE`` as a spreadsheet shows them
(so a ``TRUE`` in the score column is refused as a score, and 1 stays 1).
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from passives_lib.core._errors import InputError


def read_xlsx(path: Path, sheet: str | int | None) -> pd.DataFrame:
    """The worksheet's cells as text, header row included (trailing empty rows dropped).

    Parameters
    ----------
    path : Path
        The workbook.
    sheet : str or int, optional
        Sheet name or index; the first sheet when ``None``.

    Returns
    -------
    pandas.DataFrame
        One text cell per worksheet cell, the header as the first row.

    Raises
    ------
    InputError
        When the file is no workbook or the sheet does not exist.
    """
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"cannot be read as an XLSX workbook: {exc}", path=path) from None
    try:
        names = book.sheetnames
        if isinstance(sheet, str) and sheet not in names:
            raise InputError(
                f"cannot be read as an XLSX workbook: no sheet named {sheet!r} (sheets: {names})",
                path=path,
            )
        index = 0 if sheet is None else sheet
        if isinstance(index, int) and not 0 <= index < len(names):
            raise InputError(
                f"cannot be read as an XLSX workbook: no sheet {index} ({len(names)} sheets)",
                path=path,
            )
        worksheet = book[names[index]] if isinstance(index, int) else book[index]
        rows = [[cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet inside a readable workbook
        raise InputError(f"cannot be read as an XLSX workbook: {exc}", path=path) from None
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)


def cell_text(value: object) -> str:
    """One worksheet cell as text: ``TRUE``/``FALSE``, ``8`` for 8.0, ISO dates.

    Examples
    --------
    >>> cell_text(True), cell_text(1), cell_text(8.0), cell_text(12.5), cell_text(None)
    ('TRUE', '1', '8', '12.5', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
