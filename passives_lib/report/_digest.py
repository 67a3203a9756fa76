"""What the weekly e-mail digest says, computed with the report and kept as ``digest.json``.

The notebook writes ``digest.json`` beside the CSV files (:func:`write_digest`), from the same
figures the report shows: the headline NPS with its margin and change, what changed (new and
rising themes by the report's trend test, a significant NPS move by its z-test), the top three
quick wins and the plan's counts. Customers' words (theme labels are made of them) are masked
for personal data here; :mod:`passives_lib.report._email` escapes them in the HTML part.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from passives_lib.core import mask_personal_data
from passives_lib.report import _narrative as narrative
from passives_lib.report._build import ReportRun, plan_summary
from passives_lib.report._outreach_results import outreach_results_lines

DIGEST_FILE = "digest.json"
CHANGING_TRENDS = ("new", "rising")


def _number(value: Any) -> float | None:
    number = float(value) if value is not None else math.nan
    return number if math.isfinite(number) else None


def nps_facts(run: ReportRun) -> dict[str, Any]:
    """The headline NPS of the report week (or of every response, undated)."""
    if run.dated and run.week in run.weekly.index:
        row, period = run.weekly.loc[run.week], run.week
    else:
        row, period = run.overall, "every response"
    return {
        "period": period,
        "nps": _number(row["nps"]),
        "margin_95": _number(row["nps_margin_95"]),
        "responses": int(row["n"]),
        "change": _number(row.get("change")),
        "p_value": _number(row.get("p_value")),
        "significant": bool(row.get("significant", False)),
    }


def change_sentences(findings: pd.DataFrame, nps: dict[str, Any], week: str) -> list[str]:
    """New and rising themes, and a significant NPS move, by the rules the report states.

    Examples
    --------
    >>> findings = pd.DataFrame({"label": ["app crashes"], "trend": ["rising"],
    ...     "share_this_week": [0.1], "share_before": [0.04], "trend_p": [0.005]})
    >>> change_sentences(findings, {"change": -10.4, "p_value": 0.25, "significant": False},
    ...     "2026-W46")  # doctest: +NORMALIZE_WHITESPACE
    ["Rising theme 'app crashes': 10% of commenters in 2026-W46 against 4% before (p = 0.005).",
     'No significant NPS move: -10.4 points on the previous week (p = 0.250).']
    """
    sentences = []
    changing = findings[findings["trend"].isin(CHANGING_TRENDS)] if len(findings) else findings
    for _, theme in changing.iterrows():
        label = mask_personal_data(str(theme["label"]))
        sentences.append(
            f"{str(theme['trend']).capitalize()} theme '{label}': "
            f"{float(theme['share_this_week']):.0%} of commenters in {week} against "
            f"{float(theme['share_before']):.0%} before (p = {float(theme['trend_p']):.3f})."
        )
    if not sentences:
        sentences.append("No new or rising theme (two-proportion z-test at 5%).")
    if nps.get("change") is not None:
        kind = "Significant NPS move" if nps["significant"] else "No significant NPS move"
        sentences.append(
            f"{kind}: {narrative.signed(nps['change'])} points on the previous week "
            f"(p = {nps['p_value']:.3f})."
        )
    return sentences


def quick_win_facts(quick_wins: pd.DataFrame) -> list[dict[str, Any]]:
    """The top three quick wins: rank, theme, suggested project, NPS upside, effort."""
    return [
        {
            "rank": int(win["rank"]),
            "theme": mask_personal_data(str(win["theme_label"])),
            "project": mask_personal_data(str(win["suggested_project"])),
            "nps_upside": _number(win["nps_upside"]),
            "effort": str(win["effort"]),
        }
        for _, win in quick_wins.sort_values("rank").head(3).iterrows()
    ]


def digest_facts(run: ReportRun) -> dict[str, Any]:
    """Everything the digest says, as plain values (masked, not yet escaped)."""
    nps = nps_facts(run)
    summary = plan_summary(run)
    return {
        "week": run.week,
        "dated": run.dated,
        "window": run.window_label,
        "headline": narrative.headline_sentence(
            run.weekly, run.week if run.dated else None, run.overall
        ),
        "nps": nps,
        "changes": change_sentences(run.findings.findings, nps, run.week) if run.dated else [],
        "quick_wins": quick_win_facts(run.findings.quick_wins),
        "plan": narrative.plan_sentence(summary, run.no_plan_reason),
        "outreach_results": outreach_results_lines(
            None if run.outreach is None else run.outreach.as_dict()
        ),
        "plan_counts": None
        if summary is None
        else {
            name: summary[name]
            for name in (
                "eligible",
                "call_list",
                "management_sample",
                "panel_invites",
                "incentives_due",
            )
        },
    }


def write_digest(run: ReportRun) -> Path:
    """Write ``digest.json`` into the report's output folder.

    Returns
    -------
    Path
        The file written.
    """
    path = run.output_dir / DIGEST_FILE
    path.write_text(
        json.dumps(digest_facts(run), indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )
    return path
