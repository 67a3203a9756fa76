"""Checking what is written to the contact ledger: weeks, assignments and status events.

Everything is checked before the ledger is touched. Plans and CRM exports are validated
lazily: every bad row is listed in one error (the first ten, then a count) and nothing is
written.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from passives_lib.core import LEDGER_STATUSES, InputError, NoDataRowsError, read_table
from passives_lib.store.db import MAX_TEXT, LedgerError
from passives_lib.store.ledger._note_author import checked_note
from passives_lib.store.ledger._schema import IMPORT_SOURCE, LISTS

_UNDECODABLE = re.compile("[\U0010ff00-\U0010ffff]")  # marker characters of _reading
_MAX_LISTED_PROBLEMS = 10
_ALLOWED_STATUSES = f"allowed: {', '.join(LEDGER_STATUSES)} (any case; 'no answer' for no_answer)"


def clean_text(value: object) -> str | None:
    """Text of an id-like cell, stripped; None for blank or missing.

    Examples
    --------
    >>> clean_text(1001.0), clean_text("  R1 "), clean_text(float("nan")), clean_text(" ")
    ('1001', 'R1', None, None)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return None
        if float(value).is_integer():
            return str(int(value))
    if isinstance(value, np.integer):
        value = int(value)
    text = str(value).strip()
    return text or None


def required_text(value: object, what: str) -> str:
    """``value`` as :func:`clean_text`; an error if blank or longer than :data:`MAX_TEXT`."""
    text = clean_text(value)
    if text is None:
        raise LedgerError(f"{what} is blank")
    if len(text) > MAX_TEXT:
        raise LedgerError(f"{what} {text[:40]!r}... is longer than {MAX_TEXT} characters")
    return text


def utc_naive(value: object, what: str) -> datetime:
    """A date or datetime as a naive datetime in UTC (a date means midnight)."""
    if value is None or value is pd.NaT:
        raise LedgerError(f"{what} is missing")
    if isinstance(value, datetime):  # pandas.Timestamp included
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    raise LedgerError(f"{what} must be a date or datetime, not {type(value).__name__} {value!r}")


def status_event_row(
    respondent_id: object,
    status: object,
    at: object,
    note: object,
    source: object,
    author: object = None,
) -> dict[str, Any]:
    """The values of one ``status_events`` row, checked one by one (the first problem raises)."""
    clean_id = required_text(respondent_id, "respondent_id")
    canonical = _canonical_status(status)
    if canonical is None:
        raise LedgerError(f"unknown status {status!r}; {_ALLOWED_STATUSES}")
    clean_source = required_text(source, "source")
    return {
        "respondent_id": clean_id,
        "status": canonical,
        "at": utc_naive(at, "at"),
        "note": checked_note(clean_text(note)),
        "source": clean_source,
        "author": None if clean_text(author) is None else required_text(author, "author"),
    }


def assignment_rows(frame: pd.DataFrame) -> list[tuple[object, str, str, str | None]]:
    """``(label, respondent_id, list, assignee)`` of each row of a plan, every problem listed."""
    if not isinstance(frame, pd.DataFrame):
        raise LedgerError(f"assignments must be a DataFrame, not {type(frame).__name__}")
    missing = [c for c in ("respondent_id", "list") if c not in frame.columns]
    if missing:
        raise LedgerError(
            f"the assignments lack column(s) {', '.join(missing)}; "
            f"found {', '.join(map(str, frame.columns)) or 'none'}"
        )
    has_assignee = "assignee" in frame.columns
    rows: list[tuple[object, str, str, str | None]] = []
    problems: list[str] = []
    columns = ["respondent_id", "list"] + (["assignee"] if has_assignee else [])
    for label, *cells in frame[columns].itertuples(index=True, name=None):
        respondent_id = clean_text(cells[0])
        list_name = clean_text(cells[1])
        assignee = clean_text(cells[2]) if has_assignee else None
        if respondent_id is None:
            problems.append(f"row {label!r}: respondent_id is blank")
        elif len(respondent_id) > MAX_TEXT:
            problems.append(f"row {label!r}: respondent_id is longer than {MAX_TEXT} characters")
        if list_name not in LISTS:
            problems.append(f"row {label!r}: list {cells[1]!r} is not one of {', '.join(LISTS)}")
        if assignee is not None and len(assignee) > MAX_TEXT:
            problems.append(f"row {label!r}: assignee is longer than {MAX_TEXT} characters")
        if not problems:
            rows.append((label, respondent_id, list_name, assignee))  # type: ignore[arg-type]
    if problems:
        raise LedgerError(_problem_list("the assignments", problems) + "nothing was recorded")
    return rows


def outcome_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:  # noqa: C901 (one check per column of a row)
    """``(row, values)`` of each event in a CRM export, every problem listed."""
    try:
        raw = read_table(path)
    except NoDataRowsError:
        return []  # a header and nothing else: no outcomes this time
    except InputError as exc:
        raise LedgerError(exc.reason, path=exc.path, row=exc.row, column=exc.column) from None
    by_name: dict[str, str] = {}
    for header in raw.headers:
        key = header.strip().lower()
        if key in by_name and key in ("respondent_id", "status", "date", "note"):
            raise LedgerError(
                f"columns {by_name[key]!r} and {header!r} both name {key}", path=path, row=1
            )
        by_name.setdefault(key, header)
    missing = [c for c in ("respondent_id", "status", "date") if c not in by_name]
    if missing:
        raise LedgerError(
            f"missing column(s) {', '.join(missing)}; the header has "
            f"{', '.join(repr(h) for h in raw.headers)} (respondent_id, status and date are "
            "needed, note is optional)",
            path=path,
            row=1,
        )
    id_col, status_col, date_col = by_name["respondent_id"], by_name["status"], by_name["date"]
    note_col = by_name.get("note")
    cells = raw.cells
    rows: list[tuple[int, dict[str, Any]]] = []
    problems: list[tuple[int, str, str]] = []
    for row, respondent_id, status, when, note in zip(
        cells.index,
        cells[id_col],
        cells[status_col],
        cells[date_col],
        cells[note_col] if note_col is not None else [""] * len(cells),
        strict=True,
    ):
        respondent_id, status, when = respondent_id.strip(), status.strip(), when.strip()
        if not (respondent_id or status or when or note.strip()):
            continue  # a blank line
        found_before = len(problems)
        if not respondent_id:
            problems.append((row, id_col, "respondent_id is blank"))
        elif _UNDECODABLE.search(respondent_id):
            problems.append((row, id_col, "respondent_id holds bytes the encoding cannot read"))
        elif len(respondent_id) > MAX_TEXT:
            problems.append((row, id_col, f"respondent_id is longer than {MAX_TEXT} characters"))
        canonical = _canonical_status(status)
        if canonical is None:
            shown = f"unknown status {status!r}" if status else "status is blank"
            problems.append((row, status_col, f"{shown}; {_ALLOWED_STATUSES}"))
        at = _parse_when(when)
        if at is None:
            shown = f"{when!r} is not an ISO date or date-time" if when else "date is blank"
            problems.append((row, date_col, f"{shown} (e.g. 2026-07-03 or 2026-07-03T14:30)"))
        if len(problems) == found_before:
            values = {
                "respondent_id": respondent_id,
                "status": canonical,
                "at": at,
                "note": clean_text(_UNDECODABLE.sub("\ufffd", note)),
                "source": IMPORT_SOURCE,
            }
            rows.append((int(row), values))
    if problems:
        first_row, first_column, first_reason = problems[0]
        if len(problems) == 1:
            message = f"{first_reason}; nothing was imported"
            raise LedgerError(message, path=path, row=first_row, column=first_column)
        listed = [f"row {row}, column {column!r}: {reason}" for row, column, reason in problems]
        error = LedgerError(_problem_list(f"file {str(path)!r}", listed) + "nothing was imported")
        error.path, error.row, error.column = path, first_row, first_column
        raise error
    return rows


def _canonical_status(value: object) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    key = re.sub(r"[\s_-]+", "_", text.lower())
    return key if key in LEDGER_STATUSES else None


def _parse_when(text: str) -> datetime | None:
    try:
        return utc_naive(datetime.fromisoformat(text), "date")
    except ValueError:
        return None


def _problem_list(where: str, problems: list[str]) -> str:
    shown = problems[:_MAX_LISTED_PROBLEMS]
    more = len(problems) - len(shown)
    lines = "\n  ".join(shown)
    tail = f"\n  ... and {more} more" if more else ""
    return f"{where}: {len(problems)} problem(s):\n  {lines}{tail}\n"
