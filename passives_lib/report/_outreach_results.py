"""The report's outreach results: what came of the contacts, per week and to date, and the effect.

:func:`report_outreach_results` reads the ledger (read-only) and computes
:func:`passives_lib.outreach.outreach_results`; :func:`outreach_results_pieces` shows them in
``report.html`` (after the plan), :func:`outreach_results_lines` in the digest.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from IPython.display import HTML

from passives_lib.outreach import OutreachResults, outreach_results
from passives_lib.report._html import heading, html_table, paragraph
from passives_lib.store import ContactLedger

if TYPE_CHECKING:
    from passives_lib.report._build import ReportRun

__all__ = ["outreach_results_lines", "outreach_results_pieces", "report_outreach_results"]

_HEADERS = {
    "week": "week",
    "assigned": "assigned",
    "retries": "retries",
    "reached": "reached",
    "answered": "answered",
    "converted": "converted",
    "declined": "declined",
    "do_not_contact": "do not contact",
    "no_answer": "no answer",
    "aged_out": "aged out",
    "median_days_to_first_contact": "median days to first contact",
}


def report_outreach_results(run: ReportRun) -> OutreachResults | None:
    """The outreach results of the ledger up to the report week; None without a ledger.

    Parameters
    ----------
    run : ReportRun
        The report (its config's ``plan.ledger``, week and responses).

    Returns
    -------
    OutreachResults or None
        None for an undated survey or where no ledger exists yet.
    """
    location = run.config.plan.ledger
    if not run.dated or ("://" not in location and not Path(location).is_file()):
        return None
    with ContactLedger(location, read_only=True) as ledger:
        assignments, events = ledger.assignments(), ledger.events()
    return outreach_results(
        assignments, events, run.responses, run.week, run.config.plan.backlog_weeks
    )


def outreach_results_sentence(results: dict[str, Any] | None) -> str:
    """One sentence on the results to date (``report.json``'s ``outreach_results``).

    Examples
    --------
    >>> outreach_results_sentence(None)
    'No outreach results yet: nothing was recorded in the contact ledger.'
    """
    if not results or not results["weeks"]:
        return "No outreach results yet: nothing was recorded in the contact ledger."
    total = results["to_date"]
    median = total["median_days_to_first_contact"]
    days = "" if median is None else f"; first contact a median {median:g} days after the survey"
    return (
        f"To date ({total['weeks']} planned week(s) up to {total['through_week']}): "
        f"{total['assigned']:,} passives assigned, {total['reached']:,} reached, "
        f"{total['answered']:,} answered, {total['converted']:,} converted, "
        f"{total['declined']:,} declined, {total['no_answer']:,} without an answer, "
        f"{total['aged_out']:,} aged out of the backlog uncontacted{days}."
    )


def outreach_results_pieces(run: ReportRun, weeks: int = 12) -> list[HTML]:
    """The report's results: a sentence, the table of the latest weeks, the effect.

    Parameters
    ----------
    run : ReportRun
        The report; its ``outreach`` results.
    weeks : int
        The latest weeks shown in the table.

    Returns
    -------
    list of IPython.display.HTML
        Escaped HTML pieces.
    """
    results = None if run.outreach is None else run.outreach.as_dict()
    pieces = [heading("Outreach results"), paragraph(outreach_results_sentence(results))]
    if results and results["weeks"]:
        table = run.outreach.weekly.tail(weeks).rename(columns=_HEADERS)
        pieces.append(html_table(table, max_rows=weeks))
        pieces.append(paragraph("Effect: " + results["effect"]["text"] + "."))
    return pieces


def outreach_results_lines(results: dict[str, Any] | None) -> list[str]:
    """The digest's lines: the results to date and the effect."""
    lines = [outreach_results_sentence(results)]
    if results and results["weeks"]:
        lines.append("Effect: " + results["effect"]["text"] + ".")
    return lines
