"""Reading a CRM export of contact outcomes and recording it in the contact ledger.

The file is read like a survey export: the config's encoding, delimiter and sheet; its
column mapping (the headers that hold ``respondent_id`` and ``contact_status``); its date
order (``dates``); and its ``contact_statuses`` (export values to statuses). Every row is
checked before the ledger is touched, and a respondent id the ledger and the survey do not
know is refused with its row.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from passives_lib.config import Config
from passives_lib.core import (
    FIRST_YEAR,
    FOLLOW_UP_STATUSES,
    LAST_YEAR,
    LEDGER_STATUSES,
    NOT_CONTACTED,
    InputError,
    NoDataRowsError,
    read_table,
)
from passives_lib.pipeline._crm import CRM_STATUSES, activity_cells
from passives_lib.store import ContactLedger
from passives_lib.survey import infer_date_order, normalise_status, parse_dates

_ROLES = {
    "respondent_id": ("respondent_id", "respondent", "customer_id", "id"),
    "status": ("status", "contact_status", "outcome"),
    "date": (
        "date",
        "at",
        "status_date",
        "outcome_date",
        "contact_date",
        "date_of_contact",
        "updated_at",
        "changed_at",
        "date_time",
    ),
    "note": ("note", "notes"),
    "author": ("author", "caller", "owner", "called_by"),
}
_MAX_LISTED = 10


def _key(header: str) -> str:
    return re.sub(r"[\s_-]+", "_", str(header).strip().lower())


def _columns(headers: list[str], config: Config, path: Path) -> dict[str, str]:
    """The header of each role: the config's mapping first, then the usual names."""
    names = {role: [_key(n) for n in names] for role, names in _ROLES.items()}
    for role, canonical in (("respondent_id", "respondent_id"), ("status", "contact_status")):
        if canonical in config.columns:
            names[role].insert(0, _key(config.columns[canonical]))
    found: dict[str, str] = {}
    for role, candidates in names.items():
        for candidate in candidates:
            match = [h for h in headers if _key(h) == candidate]
            if match:
                found[role] = match[0]
                break
    missing = [r for r in ("respondent_id", "status", "date") if r not in found]
    if missing:
        raise InputError(
            f"expected columns for {', '.join(missing)} (e.g. respondent_id, status, date, "
            f"or the headers the config maps); found {', '.join(map(repr, headers))}",
            path=path,
            row=1,
        )
    return found


def _statuses(values: pd.Series, config: Config) -> pd.Series:
    keys = values.str.strip().str.lower().str.replace(r"[\s_-]+", "_", regex=True)
    follow_up = keys.where(keys.isin(FOLLOW_UP_STATUSES))
    contact = normalise_status(values, config.contact_statuses)
    status = follow_up.where(follow_up.notna(), contact).astype(object)
    return status.where(status.isin(LEDGER_STATUSES))


def _dates(values: pd.Series, config: Config) -> pd.Series:
    iso = pd.Series([_iso(v) for v in values], index=values.index, dtype="datetime64[ns]")
    rest = values[iso.isna() & values.str.strip().ne("")]
    if rest.empty:
        return iso
    order = config.dates if config.dates != "auto" else infer_date_order(rest)
    return iso.fillna(parse_dates(rest, order))


def _iso(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value if FIRST_YEAR <= value.year <= LAST_YEAR else None  # else: cannot be read


def read_outcomes(
    path: str | Path, config: Config, known_ids: set[str] | None, crm: str | None = None
) -> pd.DataFrame:
    """Read and check a CRM export of contact outcomes.

    Parameters
    ----------
    path : str or Path
        CSV, XLSX or Parquet with a respondent id, a status and a date per row (and an
        optional note); headers as the config maps them or the usual names, any case.
    config : Config
        Column mapping, date order, ``contact_statuses``, encoding and delimiter.
    known_ids : set of str, optional
        The respondents the ledger or the survey knows; others are refused.
    crm : str, optional
        A CRM's activity export in its own layout (``generic``, ``salesforce``,
        ``hubspot``; :mod:`passives_lib.pipeline._crm`): its columns are found by the layout,
        its own outcome values are known (the config's ``contact_statuses`` win), and tasks
        not done yet are left out (counted in ``attrs["open_tasks"]``).

    Returns
    -------
    pandas.DataFrame
        ``row`` (as a spreadsheet counts it), ``respondent_id``, ``status``, ``at``, ``note``,
        ``author`` (an optional ``author``, ``caller`` or ``owner`` column: who made the
        contact; recorded with the event).

    Raises
    ------
    InputError
        Listing every bad row (file, row, column): blank or unknown id, unknown status,
        unreadable date, a date after today.
    """
    path = Path(path)
    try:
        raw = read_table(path, config.encoding, config.delimiter, config.sheet)
    except NoDataRowsError:
        return pd.DataFrame(columns=["row", "respondent_id", "status", "at", "note", "author"])
    cells, headers, still_open = raw.cells, raw.headers, 0
    if crm is not None:
        cells, still_open = activity_cells(raw.cells, crm, path)
        headers = list(cells.columns)
        config = replace(config, contact_statuses=CRM_STATUSES[crm] | config.contact_statuses)
    columns = _columns(headers, config, path)
    ids = cells[columns["respondent_id"]].str.strip()
    status_text = cells[columns["status"]]
    date_text = cells[columns["date"]]
    notes = cells[columns["note"]] if "note" in columns else pd.Series("", index=cells.index)
    authors = cells[columns["author"]] if "author" in columns else pd.Series("", index=cells.index)
    blank = (ids == "") & status_text.str.strip().eq("") & date_text.str.strip().eq("")
    frame = pd.DataFrame(
        {
            "row": cells.index.astype(int),
            "respondent_id": ids,
            "status": _statuses(status_text, config),
            "at": _dates(date_text, config),
            "note": notes.str.strip().replace("", None),
            "author": authors.fillna("").str.strip().replace("", None),
        }
    )[~blank]
    problems = _problems(frame, cells, columns, known_ids)
    if problems:
        row, column, reason = problems[0]
        if len(problems) == 1:
            raise InputError(f"{reason}; nothing was imported", path=path, row=row, column=column)
        listed = [f"row {r}, column {c!r}: {why}" for r, c, why in problems[:_MAX_LISTED]]
        more = f"\n  ... and {len(problems) - _MAX_LISTED} more" if len(problems) > 10 else ""
        raise InputError(
            f"{len(problems)} problem(s):\n  "
            + "\n  ".join(listed)
            + more
            + "\nnothing was imported",
            path=path,
        )
    frame = frame.reset_index(drop=True)
    frame.attrs["open_tasks"] = still_open
    return frame


def _problems(
    frame: pd.DataFrame, cells: pd.DataFrame, columns: dict, known: set[str] | None
) -> list[tuple[int, str, str]]:
    problems = []
    # A time zone is at most a day ahead; anything later is a typo (2031 for 2025).
    latest = pd.Timestamp(date.today() + timedelta(days=2))
    for index, item in frame.iterrows():
        row = int(item["row"])
        if not item["respondent_id"]:
            problems.append((row, columns["respondent_id"], "respondent_id is blank"))
        elif known is not None and item["respondent_id"] not in known:
            problems.append(
                (
                    row,
                    columns["respondent_id"],
                    f"unknown respondent id {item['respondent_id']!r}: expected an id the "
                    "ledger or the survey knows",
                )
            )
        if pd.isna(item["status"]):
            shown = cells.at[index, columns["status"]]
            problems.append(
                (
                    row,
                    columns["status"],
                    f"unknown status {shown!r}; expected one of "
                    f"{', '.join(s for s in LEDGER_STATUSES if s != NOT_CONTACTED)} "
                    "or a value the config's contact_statuses maps",
                )
            )
        if pd.isna(item["at"]):
            shown = cells.at[index, columns["date"]]
            problems.append(
                (
                    row,
                    columns["date"],
                    f"date {shown!r} cannot be read as a date from {FIRST_YEAR} to today",
                )
            )
        elif item["at"] > latest:
            shown = cells.at[index, columns["date"]]
            problems.append(
                (
                    row,
                    columns["date"],
                    f"date {shown!r} is in the future: an outcome is imported after it "
                    f"happened (today is {date.today().isoformat()})",
                )
            )
    return problems


def import_outcomes_file(
    path: str | Path,
    config: Config,
    ledger_location: str,
    survey_ids: set[str] | None = None,
    crm: str | None = None,
) -> int:
    """Read a CRM export (:func:`read_outcomes`) and record it in the ledger.

    Parameters
    ----------
    path : str or Path
        The export.
    config : Config
        How to read it.
    ledger_location : str
        The contact ledger.
    survey_ids : set of str, optional
        Respondent ids of the survey; with the ledger's, the ids an outcome may name.
    crm : str, optional
        The export's CRM layout (:func:`read_outcomes`).

    Returns
    -------
    int
        Status events newly recorded.
    """
    with ContactLedger(ledger_location) as ledger:
        state = ledger.contact_state()
        known = set(state["respondent_id"]) | (survey_ids or set())
        outcomes = read_outcomes(path, config, known, crm)
        return ledger.record_outcomes(outcomes, f"file {str(path)!r}")
