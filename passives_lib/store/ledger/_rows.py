"""Checking what is written to the contact ledger: weeks, assignments and status events.

Everything is checked before the ledger is touched. Plans are validated
lazily: every bad row is listed in one error (the first ten, then a count) and nothing is
written.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

import numpy as np
import pandas as pd

from passives_lib.core import LEDGER_STATUSES
from passives_lib.store.db import MAX_TEXT, LedgerError
from passives_lib.store.ledger._note_author import checked_note
from passives_lib.store.ledger._schema import LISTS

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


def _canonical_status(value: object) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    key = re.sub(r"[\s_-]+", "_", text.lower())
    return key if key in LEDGER_STATUSES else None


def _problem_list(where: str, problems: list[str]) -> str:
    shown = problems[:_MAX_LISTED_PROBLEMS]
    more = len(problems) - len(shown)
    lines = "\n  ".join(shown)
    tail = f"\n  ... and {more} more" if more else ""
    return f"{where}: {len(problems)} problem(s):\n  {lines}{tail}\n"
