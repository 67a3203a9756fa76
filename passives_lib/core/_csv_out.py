"""Writing CSV files that a spreadsheet opens safely.

A cell such as ``=HYPERLINK(...)`` or ``+1 great`` would be run as a formula by Excel or
LibreOffice. Every CSV the project writes goes through :func:`write_csv`, which prefixes such
text cells with an apostrophe (the OWASP advice for CSV injection); numbers stay numbers.

Line breaks inside a cell are where a careless reader splits a row, so every line of a text
cell is neutralised, not only the first: a bare carriage return is written as a newline, any
line that starts like a formula gets the apostrophe, and a cell with a line break is always
quoted.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINE_BREAK = re.compile(r"\r\n?")
_RISKY_LINE = re.compile(r"(^|\n)(?=[=+\-@\t\r])")
# A plain number ("-1", "-2.5", "1e-3") is no formula: it stays as it is, so machine-read
# columns such as theme_ids keep "-1" (other) and "-2" (non-answer) as numbers.
_PLAIN_NUMBER = r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"


def neutralise_text(text: str) -> str:
    r"""One text cell made safe: bare carriage returns become newlines, risky lines get ``'``.

    Parameters
    ----------
    text : str
        A cell's text.

    Returns
    -------
    str
        The text with ``\r\n`` and ``\r`` as ``\n``, and an apostrophe before every line
        that starts with ``=``, ``+``, ``-``, ``@`` or tab.

    Examples
    --------
    >>> neutralise_text("fine\r=cmd|' /c calc'!A1")
    "fine\n'=cmd|' /c calc'!A1"
    """
    return _RISKY_LINE.sub(r"\1'", _LINE_BREAK.sub("\n", text))


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would execute with an apostrophe.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table.

    Returns
    -------
    pandas.DataFrame
        A copy in which text cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
        return start with ``'`` instead, as does every line of a multi-line cell (see
        :func:`neutralise_text`); non-text cells are unchanged.

    Examples
    --------
    >>> neutralise_formulas(pd.DataFrame({"c": ["=1+1", "fine", -3]}))["c"].tolist()
    ["'=1+1", 'fine', -3]
    """
    out = frame.copy()
    out.columns = [neutralise_text(c) if isinstance(c, str) else c for c in out.columns]
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            is_text = values.map(lambda v: isinstance(v, str))
            text = values.astype(str)
            risky = is_text & (text.str.startswith(FORMULA_START) | text.str.contains("[\r\n]"))
            risky &= ~text.str.fullmatch(_PLAIN_NUMBER)
            if risky.any():
                out[column] = values.where(~risky, text.map(neutralise_text))
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV, formulas neutralised, replacing the file atomically.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (its index is not written).
    path : str or Path
        Destination; its folder is created if needed.

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            neutralise_formulas(frame).to_csv(
                stream, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL
            )
        os.chmod(temporary, 0o666 & ~current_umask())  # mkstemp makes it private; a report is not
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def current_umask() -> int:
    """The process's file-creation mask (read without changing it)."""
    current = os.umask(0)
    os.umask(current)
    return current
