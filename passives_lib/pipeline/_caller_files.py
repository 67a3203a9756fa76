"""Each caller's own list, ``callers/<caller>.csv``, with the contact details the export maps.

The team-wide lists (``call_list.csv``, ``management_sample.csv``, ``panel_invites.csv``)
never hold contact details; a caller's own list does, beside their brief page
(``briefs/<caller>.html``). A caller's list holds the people they call (:data:`CALL_LISTS`:
the call list and the management sample), as the briefs and the CRM tasks do. Panel
invitations go out by e-mail, not by a caller's phone: they are in their own file,
``panel/invitations.csv``, with the contact details, for whoever sends them (written only
when the export maps contact details; else ``panel_invites.csv`` is that list). Every file
that holds a contact detail is written private (mode 0600), and the command that wrote it
says so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from passives_lib.core import (
    CALL_LISTS,
    CONTACT_COLUMNS,
    CSV_NAMES,
    mask_personal_data,
    write_csv,
)
from passives_lib.outreach import CallBrief, call_brief_column, caller_file_stems

CALLER_COLUMNS = [
    "respondent_id",
    "list",
    *CONTACT_COLUMNS,
    "priority",
    "score",
    "lean",
    "segment",
    "theme_label",
    "next_step",
    "comment",
    "call_brief",
]
PANEL_COLUMNS = [
    "respondent_id",
    *CONTACT_COLUMNS,
    "score",
    "lean",
    "segment",
    "theme_label",
    "reason",
    "next_step",
    "comment",
]
PANEL_FILE = Path("panel") / "invitations.csv"


def with_contacts(rows: pd.DataFrame, contacts: pd.DataFrame | None) -> pd.DataFrame:
    """``rows`` with the contact details of each respondent (left join, order kept).

    Parameters
    ----------
    rows : pandas.DataFrame
        With ``respondent_id``.
    contacts : pandas.DataFrame, optional
        ``LoadedSurvey.contacts``; None leaves ``rows`` as they are.

    Returns
    -------
    pandas.DataFrame
        The rows with the contact columns the export maps (blank where a row has none).
    """
    if contacts is None:
        return rows
    details = contacts.drop_duplicates("respondent_id", keep="last")
    merged = rows.merge(details, on="respondent_id", how="left", suffixes=("", "_contact"))
    merged.index = rows.index
    return merged


def caller_lists(
    lists: dict[str, pd.DataFrame],
    briefs: dict[str, list[CallBrief]],
    contacts: pd.DataFrame | None,
) -> dict[str, pd.DataFrame]:
    """Each caller's people (call list and management sample), by priority, with contacts.

    Panel invitations are not a caller's: see :func:`panel_invitations`.

    Parameters
    ----------
    lists : dict of str to pandas.DataFrame
        The plan's lists (``WeekPlan.lists()``).
    briefs : dict of str to list of CallBrief
        ``PlanRun.briefs``: the ``call_brief`` of each row.
    contacts : pandas.DataFrame, optional
        ``LoadedSurvey.contacts``.

    Returns
    -------
    dict of str to pandas.DataFrame
        Caller (``assignee``) to their rows, columns of :data:`CALLER_COLUMNS` present,
        ``comment`` masked for personal data, in order of first appearance.
    """
    parts = []
    for name in CALL_LISTS:
        table = lists[name]
        if table.empty:
            continue
        part = table.assign(list=name)
        if name in briefs and len(briefs[name]) == len(part):
            part["call_brief"] = call_brief_column(briefs[name])
        parts.append(part)
    if not parts:
        return {}
    rows = with_contacts(pd.concat(parts, ignore_index=True), contacts)
    if "comment" in rows:
        rows["comment"] = rows["comment"].map(mask_personal_data)
    columns = [c for c in CALLER_COLUMNS if c in rows]
    return {
        str(caller): group[columns].reset_index(drop=True)
        for caller, group in rows.groupby("assignee", sort=False)
    }


def write_caller_lists(
    lists: dict[str, pd.DataFrame],
    briefs: dict[str, list[CallBrief]],
    contacts: pd.DataFrame | None,
    out_dir: str | Path,
) -> dict[str, Path]:
    """Write ``callers/<caller>.csv`` per caller: private (0600) when contacts are mapped.

    Parameters
    ----------
    lists, briefs, contacts
        As :func:`caller_lists`.
    out_dir : str or Path
        The week's output folder; ``callers/`` is created in it.

    Returns
    -------
    dict of str to Path
        Caller to the file written (file names as the brief pages': ``ana-ruiz.csv``).
    """
    per_caller = caller_lists(lists, briefs, contacts)
    stems = caller_file_stems(list(per_caller))
    private = contacts is not None
    folder = Path(out_dir) / "callers"
    return {
        caller: write_csv(
            rows.rename(columns=CSV_NAMES["responses"]),
            folder / f"{stems[caller]}.csv",
            private=private,
        )
        for caller, rows in per_caller.items()
    }


def panel_invitations(
    lists: dict[str, pd.DataFrame], contacts: pd.DataFrame | None
) -> pd.DataFrame:
    """The week's panel invitations with the contact details, for the e-mail invitation.

    Parameters
    ----------
    lists : dict of str to pandas.DataFrame
        The plan's lists (``WeekPlan.lists()``), with ``panel_invites``.
    contacts : pandas.DataFrame, optional
        ``LoadedSurvey.contacts``.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`PANEL_COLUMNS` present, in the list's order, ``comment`` masked.
    """
    rows = with_contacts(lists["panel_invites"].reset_index(drop=True), contacts)
    if "comment" in rows:
        rows["comment"] = rows["comment"].map(mask_personal_data)
    return rows[[c for c in PANEL_COLUMNS if c in rows]]


def write_panel_invitations(
    lists: dict[str, pd.DataFrame], contacts: pd.DataFrame | None, out_dir: str | Path
) -> dict[str, Path]:
    """Write ``panel/invitations.csv`` (private, 0600) when contact details are mapped.

    Parameters
    ----------
    lists, contacts
        As :func:`panel_invitations`.
    out_dir : str or Path
        The week's output folder; ``panel/`` is created in it.

    Returns
    -------
    dict of str to Path
        ``{"panel invitations": path}``, or empty when the export maps no contact details
        or nobody is invited this week (``panel_invites.csv`` is then the whole list).
    """
    invited = panel_invitations(lists, contacts)
    if contacts is None or invited.empty:
        return {}
    frame = invited.rename(columns=CSV_NAMES["responses"])
    return {"panel invitations": write_csv(frame, Path(out_dir) / PANEL_FILE, private=True)}
