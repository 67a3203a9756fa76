"""Reading an export file (CSV, XLSX or Parquet) into a frame of text cells.

Every cell is kept as text so that validation sees exactly what the file holds. CSV encoding
and delimiter are detected: UTF-8 with or without a byte-order mark, UTF-16 with one, and
cp1252 (a superset of latin-1 for printable text); comma, semicolon or tab. Bytes that the
chosen encoding cannot decode are kept as marker characters (see ``UNDECODABLE_PATTERN``) so
that the rows holding them can be reported rather than silently altered.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from passives_lib.core._errors import InputError, NoDataRowsError
from passives_lib.core._xlsx import read_xlsx

_MARK_BASE = 0x10FF00
_MARK_ERRORS = "passives-mark"
_MARKS = re.compile("[\U0010ff00-\U0010ffff]")


def _mark_undecodable(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    return "".join(chr(_MARK_BASE + b) for b in bad), error.end


codecs.register_error(_MARK_ERRORS, _mark_undecodable)


@dataclass(frozen=True)
class RawTable:
    """An export as read, before any validation.

    Attributes
    ----------
    path : Path
        The file read.
    headers : list of str
        Column headers in file order.
    cells : pandas.DataFrame
        Data rows as text (blank cells are ``""``), columns named by header, indexed by the
        row's number in the file as a spreadsheet counts it (the header is row 1).
    file_format : str
        ``csv``, ``xlsx`` or ``parquet``.
    undecodable : bool
        Whether any cell holds bytes the encoding could not decode.
    encoding : str, optional
        The text encoding of a CSV file.
    delimiter : str, optional
        The delimiter of a CSV file.
    short_rows : dict of int to int
        Rows of a CSV file with fewer fields than the header (row number to field count);
        their missing cells read as blank.
    """

    path: Path
    headers: list[str]
    cells: pd.DataFrame
    file_format: str
    undecodable: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    short_rows: dict[int, int] = field(default_factory=dict)


def read_table(
    path: str | Path,
    encoding: str = "auto",
    delimiter: str = "auto",
    sheet: str | int | None = None,
) -> RawTable:
    """Read a survey export as text.

    Parameters
    ----------
    path : str or Path
        A ``.csv``/``.tsv``/``.txt``, ``.xlsx`` or ``.parquet`` file; other names are sniffed.
    encoding : str
        ``auto`` or a codec name, for CSV.
    delimiter : str
        ``auto``, ``,``, ``;`` or a tab, for CSV.
    sheet : str or int, optional
        The worksheet of an XLSX file (the first by default).

    Returns
    -------
    RawTable
        Headers and text cells.

    Raises
    ------
    InputError
        If the file is missing, empty, has only a header, repeats a header, or cannot be
        parsed as a table; the message names the file and, where it can, the row and column.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", path=path)
    data = path.read_bytes()
    if not data.strip():
        raise InputError("the file is empty (no header, no rows)", path=path)
    fmt = _format_of(path, data)
    undecodable, short = False, {}
    if fmt == "xlsx":
        frame, enc, sep = read_xlsx(path, sheet), None, None
    elif fmt == "parquet":
        frame, enc, sep = _read_parquet(path), None, None
    else:
        frame, enc, sep, undecodable, short = _read_csv(path, data, encoding, delimiter)
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise InputError("the file is empty (no header, no rows)", path=path)
    headers = [_header_text(h) for h in frame.iloc[0].tolist()]
    _refuse_duplicate_headers(path, headers)
    cells = frame.iloc[1:].copy()
    if cells.empty:
        raise NoDataRowsError("the file has a header row but no data rows", path=path, row=2)
    cells.columns = _unique_blank_headers(headers)
    cells.index = pd.RangeIndex(2, len(cells) + 2, name="source_row")
    return RawTable(path, headers, cells, fmt, undecodable, enc, sep, short)


def _format_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    text_suffix = suffix in {".csv", ".tsv", ".txt"}
    if suffix in {".xlsx", ".xlsm"} or (not text_suffix and data[:2] == b"PK"):
        return "xlsx"
    if suffix in {".parquet", ".pq"} or data[:4] == b"PAR1":
        return "parquet"
    return "csv"


def decode_text(data: bytes, encoding: str = "auto") -> tuple[str, str]:
    """Decode file bytes, detecting the encoding unless one is given.

    Parameters
    ----------
    data : bytes
        The file's content.
    encoding : str
        ``auto`` or a codec name.

    Returns
    -------
    tuple of (str, str)
        The text, with undecodable bytes as marker characters, and the encoding used.
    """
    if encoding != "auto":
        text = data.decode(encoding, errors=_MARK_ERRORS)
        return text.removeprefix("\ufeff"), encoding
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors=_MARK_ERRORS), name
    wide = _wide_encoding(data)
    if wide is not None:
        return data.decode(wide, errors=_MARK_ERRORS), wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    as_utf8 = data.decode("utf-8", errors=_MARK_ERRORS)
    invalid = len(_MARKS.findall(as_utf8))
    non_ascii = sum(1 for ch in as_utf8 if ord(ch) > 127)
    # A UTF-8 file with a few stray bad bytes keeps UTF-8 (its other non-ASCII letters decode
    # as UTF-8 sequences); a legacy file fails at almost every non-ASCII letter.
    valid = non_ascii - invalid
    if invalid <= max(2, non_ascii // 20) or valid >= invalid:
        return as_utf8, "utf-8"
    return data.decode("cp1252", errors=_MARK_ERRORS), "cp1252"


def _wide_encoding(data: bytes) -> str | None:
    r"""UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes fall.

    Text that is mostly ASCII has a zero high byte in every 2- or 4-byte unit: UTF-16-LE puts
    it second (``a\x00``), UTF-32-LE has three after each letter. ``None`` for anything else.

    Examples
    --------
    >>> _wide_encoding("id,score\n".encode("utf-16-le")), _wide_encoding(b"id,score")
    ('utf-16-le', None)
    >>> _wide_encoding("id,score\n".encode("utf-32-be"))
    'utf-32-be'
    """
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8 or sample.count(0) < len(sample) // 3:
        return None
    zeros = [sample[i::4].count(0) / (len(sample) // 4) for i in range(4)]
    high, low = 0.9, 0.1
    if zeros[0] < low and min(zeros[1:]) > high:
        return "utf-32-le"
    if zeros[3] < low and min(zeros[:3]) > high:
        return "utf-32-be"
    if max(zeros[0], zeros[2]) < low and min(zeros[1], zeros[3]) > high:
        return "utf-16-le"
    if max(zeros[1], zeros[3]) < low and min(zeros[0], zeros[2]) > high:
        return "utf-16-be"
    return None


def _detect_delimiter(text: str) -> str:
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {sep: unquoted.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(
    path: Path, data: bytes, encoding: str, delimiter: str
) -> tuple[pd.DataFrame, str, str, bool, dict[int, int]]:
    try:
        text, used = decode_text(data, encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r} in the config", path=path) from None
    sep = _detect_delimiter(text) if delimiter == "auto" else delimiter
    if sep in {"\\t", "tab"}:
        sep = "\t"
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty (no header, no rows)", path=path) from None
    except pd.errors.ParserError as exc:
        raise InputError(_parser_message(str(exc)), path=path, row=_parser_row(str(exc))) from None
    frame = _drop_trailing_blank_line(frame)
    return frame, used, sep, _MARKS.search(text) is not None, _short_rows(text, sep, frame)


def _short_rows(text: str, sep: str, frame: pd.DataFrame) -> dict[int, int]:
    """Data rows with fewer fields than the header (pandas pads them with blanks silently).

    Only a row whose last cell is blank can be short, so the fields are counted (with the
    csv module, which splits records as pandas does) only when there is such a row.
    """
    if len(frame) < 2 or not (frame.iloc[1:, -1] == "").any():
        return {}
    lengths = [len(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep)]
    if len(lengths) < len(frame):  # the two readers disagree: report nothing rather than guess
        return {}
    width = frame.shape[1]
    return {
        number: count
        for number, count in enumerate(lengths[1 : len(frame)], start=2)
        if 0 < count < width
    }


def _drop_trailing_blank_line(frame: pd.DataFrame) -> pd.DataFrame:
    # A file that ends with an extra empty line yields one empty record that is not a row.
    if len(frame) > 1 and frame.shape[1] > 0:
        last = frame.iloc[-1]
        if (last == "").all() and frame.shape[1] > 1:
            return frame.iloc[:-1]
    return frame


def _parser_message(message: str) -> str:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if match:
        expected, _, saw = match.groups()
        return (
            f"this row has {saw} fields but the header has {expected}; "
            "check the delimiter and quoting"
        )
    return f"cannot be parsed as CSV: {message.strip()}"


def _parser_row(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises many types for a damaged file
        raise InputError(f"cannot be read as Parquet: {exc}", path=path) from None
    text = pd.DataFrame({i: _column_text(frame[c]) for i, c in enumerate(frame.columns)})
    header = pd.DataFrame([list(map(str, frame.columns))])
    return pd.concat([header, text], ignore_index=True)


def _column_text(column: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%dT%H:%M:%S").fillna("")
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        text = column.astype(str)
        return text.where(column.notna(), "")
    return column.map(_cell_text)


def _cell_text(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header_text(value: object) -> str:
    return _cell_text(value).strip()


def _refuse_duplicate_headers(path: Path, headers: list[str]) -> None:
    seen: dict[str, int] = {}
    for position, header in enumerate(headers, start=1):
        if not header:
            continue
        if header in seen:
            raise InputError(
                f"the header appears twice (columns {seen[header]} and {position}); "
                "rename one so it is clear which to use",
                path=path,
                row=1,
                column=header,
            )
        seen[header] = position


def _unique_blank_headers(headers: list[str]) -> list[str]:
    return [h if h else f"(unnamed column {i})" for i, h in enumerate(headers, start=1)]
