"""CRM-ready files: the week's calls as tasks a CRM imports, and its activity exports read back.

Three layouts (``--crm FORMAT``), one row per person on the call list and the management
sample, each with the owner (the caller's ``crm_user``, else their name), the due date, a
subject, the call brief as the description and the respondent id as the external key:

- ``generic``: ``external_id``, ``owner``, ``due_date``, ``subject``, ``description``,
  ``priority``, ``list`` and the contact details the export maps;
- ``salesforce``: a Task insert for Data Loader: ``Subject``, ``ActivityDate``, ``OwnerId``,
  ``Status``, ``Priority``, ``Type``, ``TaskSubtype``, ``Description`` and the external id
  field ``Passives_Respondent_Id__c`` (a custom text field on Task, marked External ID);
- ``hubspot``: a task import with HubSpot's internal property names (``hs_task_subject``,
  ``hs_timestamp``, ``hubspot_owner_id``, ``hs_task_body``, ``hs_task_status``,
  ``hs_task_priority``, ``hs_task_type``), the custom task property
  ``passives_respondent_id``, and ``Email`` (the contact to associate) when the export maps
  e-mail addresses.

Their activity exports come back through ``passives contacts import --crm FORMAT``: each
layout names the columns that hold the external key, the outcome (a call's result first,
else the task's status), the date and the note; outcomes go through the config's
``contact_statuses`` over the layout's own values (:data:`CRM_STATUSES`), and tasks not done
yet ("Not Started") are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from passives_lib.config import Config
from passives_lib.core import (
    CALL_LISTS,
    CONTACT_COLUMNS,
    CRM_FORMATS,
    InputError,
    week_start,
    write_csv,
)
from passives_lib.outreach import CallBrief


@dataclass(frozen=True)
class ActivityLayout:
    """Where a CRM's activity export keeps what the ledger needs (headers, any case)."""

    key: tuple[str, ...]
    status: tuple[str, ...]  # the first non-blank of these, in order
    date: tuple[str, ...]
    note: tuple[str, ...]
    owner: tuple[str, ...]  # who made the contact: the ledger event's ``author``
    open: tuple[str, ...]  # statuses of tasks not done yet, left out


ACTIVITY_LAYOUTS = {
    "generic": ActivityLayout(
        key=("external_id",),
        status=("status",),
        date=("completed_at", "date", "due_date"),
        note=("note", "notes"),
        owner=("owner",),
        open=("open", "not started", "planned"),
    ),
    "salesforce": ActivityLayout(
        key=("Passives_Respondent_Id__c",),
        status=("CallDisposition", "Status"),
        date=("CompletedDateTime", "ActivityDate", "LastModifiedDate"),
        note=("Description",),
        owner=("OwnerId",),
        open=("not started", "in progress", "waiting on someone else", "deferred"),
    ),
    "hubspot": ActivityLayout(
        key=("passives_respondent_id",),
        status=("hs_call_disposition", "hs_task_status"),
        date=("hs_task_completion_date", "hs_timestamp"),
        note=("hs_call_body", "hs_task_body"),
        owner=("hubspot_owner_id",),
        open=("not started", "in progress", "waiting", "deferred"),
    ),
}
# A CRM's own outcome values (lower case, "_" and "-" read as spaces) and the ledger status
# each means; the config's ``contact_statuses`` win over these.
CRM_STATUSES = {
    "generic": {"done": "contacted", "completed": "contacted"},
    "salesforce": {
        "completed": "contacted",
        "connected": "responded",
        "left voicemail": "no_answer",
        "no answer": "no_answer",
        "busy": "no_answer",
        "wrong number": "no_answer",
    },
    "hubspot": {
        "completed": "contacted",
        "connected": "responded",
        "left live message": "contacted",
        "left voicemail": "no_answer",
        "no answer": "no_answer",
        "busy": "no_answer",
        "wrong number": "no_answer",
    },
}


def due_date(week: str) -> date:
    """The tasks' due date: the Friday after the planned week (calls are made the week after).

    Examples
    --------
    >>> due_date("2026-W46")
    datetime.date(2026, 11, 20)
    """
    return (week_start(week) + pd.Timedelta(days=11)).date()


def crm_tasks(
    lists: dict[str, pd.DataFrame],
    briefs: dict[str, list[CallBrief]],
    contacts: pd.DataFrame | None,
    config: Config,
    fmt: str,
    due: date,
) -> pd.DataFrame:
    """The call list and the management sample as tasks in a CRM's import layout.

    Parameters
    ----------
    lists : dict of str to pandas.DataFrame
        ``WeekPlan.lists()``.
    briefs : dict of str to list of CallBrief
        ``PlanRun.briefs``, one per row of the call list and the management sample.
    contacts : pandas.DataFrame, optional
        ``LoadedSurvey.contacts``.
    config : Config
        ``plan.callers`` (each caller's ``crm_user``).
    fmt : str
        One of :data:`CRM_FORMATS`.
    due : date
        The due date of every task.

    Returns
    -------
    pandas.DataFrame
        One task per person, call list first, by priority; columns as the module doc says.
    """
    if fmt not in CRM_FORMATS:
        raise ValueError(f"fmt must be one of {CRM_FORMATS}, got {fmt!r}")
    owners = {c.name: c.owner for c in config.plan.callers}
    rows = []
    for name in CALL_LISTS:
        by_id = {b.respondent_id: b for b in briefs.get(name, [])}
        for row in lists[name].to_dict(orient="records"):
            brief = by_id.get(str(row["respondent_id"]))
            rows.append(
                {
                    "external_id": str(row["respondent_id"]),
                    "owner": owners.get(str(row["assignee"]), str(row["assignee"])),
                    "due_date": due.isoformat(),
                    "subject": f"Passives call ({name.replace('_', ' ')}): "
                    f"scored {int(row['score'])}, {row.get('lean') or 'passive'}",
                    "description": brief.as_text() if brief else str(row.get("next_step", "")),
                    "priority": "high" if name == "management_sample" else "normal",
                    "list": name,
                }
            )
    tasks = pd.DataFrame(
        rows,
        columns=["external_id", "owner", "due_date", "subject", "description", "priority", "list"],
    )
    if contacts is not None:
        details = contacts.drop_duplicates("respondent_id", keep="last")
        tasks = tasks.merge(
            details.rename(columns={"respondent_id": "external_id"}), on="external_id", how="left"
        )
    return _layout(tasks, fmt)


def _layout(tasks: pd.DataFrame, fmt: str) -> pd.DataFrame:
    if fmt == "generic":
        return tasks
    if fmt == "salesforce":
        return pd.DataFrame(
            {
                "Subject": tasks["subject"],
                "ActivityDate": tasks["due_date"],
                "OwnerId": tasks["owner"],
                "Status": "Not Started",
                "Priority": tasks["priority"].map({"high": "High", "normal": "Normal"}),
                "Type": "Call",
                "TaskSubtype": "Call",
                "Description": tasks["description"],
                "Passives_Respondent_Id__c": tasks["external_id"],
            }
        )
    frame = pd.DataFrame(
        {
            "hs_task_subject": tasks["subject"],
            "hs_timestamp": tasks["due_date"],
            "hubspot_owner_id": tasks["owner"],
            "hs_task_body": tasks["description"],
            "hs_task_status": "NOT_STARTED",
            "hs_task_priority": tasks["priority"].map({"high": "HIGH", "normal": "MEDIUM"}),
            "hs_task_type": "CALL",
            "passives_respondent_id": tasks["external_id"],
        }
    )
    if "email" in tasks:
        frame["Email"] = tasks["email"]
    return frame


def write_crm_tasks(tasks: pd.DataFrame, fmt: str, out_dir: str | Path) -> Path:
    """Write ``crm/<fmt>_tasks.csv``: private (0600) when it holds a contact detail.

    Parameters
    ----------
    tasks : pandas.DataFrame
        :func:`crm_tasks`.
    fmt : str
        Its layout.
    out_dir : str or Path
        The week's output folder.

    Returns
    -------
    Path
        The file written.
    """
    private = bool(set(tasks.columns) & {*CONTACT_COLUMNS, "Email"})
    return write_csv(tasks, Path(out_dir) / "crm" / f"{fmt}_tasks.csv", private=private)


def _key(header: object) -> str:
    return " ".join(str(header).replace("_", " ").replace("-", " ").lower().split())


def activity_cells(cells: pd.DataFrame, fmt: str, path: Path) -> tuple[pd.DataFrame, int]:
    """A CRM activity export as the outcome file's columns, tasks not done yet left out.

    Parameters
    ----------
    cells : pandas.DataFrame
        The export's cells (text), indexed by spreadsheet row.
    fmt : str
        One of :data:`CRM_FORMATS`.
    path : Path
        The export, for messages.

    Returns
    -------
    tuple of (pandas.DataFrame, int)
        ``respondent_id``, ``status``, ``date``, ``note``, ``author`` (the activity's
        owner; same index); and how many open tasks were left out.

    Raises
    ------
    InputError
        If the key, status or date columns of the layout are all missing.
    """
    layout = ACTIVITY_LAYOUTS[fmt]
    by_key = {_key(h): h for h in cells.columns}

    def pick(names: tuple[str, ...], role: str, required: bool = True) -> pd.Series:
        present = [by_key[_key(n)] for n in names if _key(n) in by_key]
        if not present:
            if not required:
                return pd.Series("", index=cells.index)
            raise InputError(
                f"expected a {fmt} activity export with a {role} column "
                f"({' or '.join(names)}); found {', '.join(map(repr, cells.columns))}",
                path=path,
                row=1,
            )
        value = cells[present[0]].fillna("").astype(str)
        for header in present[1:]:
            value = value.where(value.str.strip() != "", cells[header].fillna("").astype(str))
        return value

    frame = pd.DataFrame(
        {
            "respondent_id": pick(layout.key, "respondent id"),
            "status": pick(layout.status, "status"),
            "date": pick(layout.date, "date"),
            "note": pick(layout.note, "note", required=False),
            "author": pick(layout.owner, "owner", required=False),
        }
    )
    still_open = frame["status"].map(_key).isin(layout.open)
    return frame[~still_open], int(still_open.sum())
