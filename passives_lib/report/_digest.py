"""What the weekly digest and the deck say, computed with the report and kept as ``digest.json``.

The notebook writes ``digest.json`` beside the CSV files (:func:`write_digest`), from the same
figures the report shows: the headline NPS with its margin and change, what changed (new and
rising themes by the report's trend test, a significant NPS move by its z-test), the top
themes of detractors and passives with their NPS impact, the round-table findings with a few
verbatims, the top three quick wins (with owner, due week and status where the quick wins
carry them) and the plan's counts. Customers' words (theme labels are made of them, quotes
are theirs) are masked for personal data here; the e-mail (:mod:`passives_lib.report._email`)
and the deck (:mod:`passives_lib.report._deck`) escape them where they show them.
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
TOP_THEMES = 6  # themes in the chart of the deck and the digest
TOP_FINDINGS = 4  # round-table findings, one slide each
QUOTES_PER_FINDING = 3
QUOTE_CHARS = 160  # a verbatim is cut (at a word) to fit its slide
TRACKING = ("owner", "due_week", "status")  # quick-win columns added by the follow-up loop


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
    """The top three quick wins: rank, theme, suggested project, NPS upside, effort.

    ``owner``, ``due_week`` and ``status`` are copied where the quick wins carry them (the
    follow-up of earlier weeks), ``None`` otherwise: the deck then says "not recorded yet".

    Examples
    --------
    >>> wins = pd.DataFrame({"rank": [1], "theme_label": ["late parcels"],
    ...     "suggested_project": ["Track parcels"], "nps_upside": [4.2], "effort": ["low"],
    ...     "owner": ["Ana"]})
    >>> fact = quick_win_facts(wins)[0]
    >>> fact["owner"], fact["due_week"], fact["status"]
    ('Ana', None, None)
    """
    return [
        {
            "rank": int(win["rank"]),
            "theme": mask_personal_data(str(win["theme_label"])),
            "project": mask_personal_data(str(win["suggested_project"])),
            "nps_upside": _number(win["nps_upside"]),
            "effort": str(win["effort"]),
            **{name: _tracked(win.get(name)) for name in TRACKING},
        }
        for _, win in quick_wins.sort_values("rank").head(3).iterrows()
    ]


def _tracked(value: Any) -> str | None:
    if value is None or (not isinstance(value, list | tuple | dict) and pd.isna(value)):
        return None
    text = str(value).strip()
    return mask_personal_data(text) if text else None


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A verbatim masked for personal data and cut at a word to at most ``limit`` characters.

    Examples
    --------
    >>> short_quote("Call me on 07700 900123, the app keeps crashing", 40)
    'Call me on [phone], the app keeps...'
    """
    text = " ".join(mask_personal_data(str(text)).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 3].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "..."


# What went wrong (or is asked for) comes first at the round table, then neutral remarks, then
# praise: "pretty happy overall" tells the team nothing to fix.
ACTION_ORDER = {"complaint": 0, "suggestion": 0, "neutral": 1, "praise": 2}


def unhappy_first(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings, complaints and suggestions first, each by detractors and passives raising it.

    Within a polarity (``polarity``, when the findings have it), by the detractors and
    passives who raise the theme, then by mentions.

    Examples
    --------
    >>> table = pd.DataFrame({"label": ["happy", "late", "rude"], "detractors": [9, 5, 3],
    ...     "passives_7": [5, 1, 1], "passives_8": [5, 1, 0], "mentions": [30, 5, 6],
    ...     "polarity": ["praise", "complaint", "complaint"]})
    >>> unhappy_first(table)["label"].tolist()
    ['late', 'rude', 'happy']
    """
    if findings.empty:
        return findings
    unhappy = findings["detractors"] + findings["passives_7"] + findings["passives_8"]
    action = 0
    if "polarity" in findings:
        action = findings["polarity"].map(ACTION_ORDER).fillna(1)
    return (
        findings.assign(_action=action, _unhappy=-unhappy, _mentions=-findings["mentions"])
        .sort_values(["_action", "_unhappy", "_mentions"], kind="stable")
        .drop(columns=["_action", "_unhappy", "_mentions"])
    )


def theme_facts(findings: pd.DataFrame, top: int = TOP_THEMES) -> list[dict[str, Any]]:
    """The top themes of detractors and passives: who raised each and its NPS impact."""
    return [
        {
            "theme": mask_personal_data(str(row["label"])),
            "detractors": int(row["detractors"]),
            "passives_7": int(row["passives_7"]),
            "passives_8": int(row["passives_8"]),
            "promoters": int(row["promoters"]),
            "nps_impact": _number(row["nps_impact"]),
            "nps_impact_low": _number(row.get("nps_impact_low")),
            "nps_impact_high": _number(row.get("nps_impact_high")),
            "trend": str(row.get("trend", "")),
        }
        for _, row in unhappy_first(findings).head(top).iterrows()
    ]


def finding_facts(
    findings: pd.DataFrame, top: int = TOP_FINDINGS, quotes: int = QUOTES_PER_FINDING
) -> list[dict[str, Any]]:
    """The round-table findings: the top themes with a few short, masked verbatims each."""
    facts = theme_facts(findings, top)
    rows = unhappy_first(findings).head(top)
    for fact, (_, row) in zip(facts, rows.iterrows(), strict=True):
        said = [short_quote(q) for q in list(row["quotes"] or [])]
        fact["quotes"] = [q for q in dict.fromkeys(said) if q][:quotes]
        fact["lift"] = _number(row.get("lift_unhappy"))
        fact["segments"] = mask_personal_data(str(row["segments"])) if "segments" in row else ""
    return facts


DONE = ("done", "closed", "shipped", "complete", "completed", "cancelled", "dropped")


def next_steps(facts: dict[str, Any]) -> list[str]:
    """What the team does next, from the facts: calls, open quick wins, themes to watch.

    Examples
    --------
    >>> next_steps({"plan_counts": {"call_list": 15, "management_sample": 4},
    ...     "quick_wins": [{"rank": 1, "theme": "invoices", "owner": None, "due_week": None,
    ...     "status": None}, {"rank": 2, "theme": "app", "owner": "Ana", "due_week": "2026-W48",
    ...     "status": "done"}], "themes": [{"theme": "crashes", "trend": "rising"}]})
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Call the 15 passives on the call list; managers call their 4.',
     "Quick win 1 'invoices': name an owner and a due week.",
     "Watch 'crashes': rising among commenters."]
    """
    steps = []
    counts = facts.get("plan_counts") or {}
    if counts.get("call_list"):
        step = f"Call the {counts['call_list']} passives on the call list"
        if counts.get("management_sample"):
            step += f"; managers call their {counts['management_sample']}"
        steps.append(step + ".")
    for win in facts.get("quick_wins", []):
        if str(win.get("status") or "").lower() in DONE:
            continue
        head = f"Quick win {win['rank']} '{win['theme']}'"
        if win.get("owner") and win.get("due_week"):
            steps.append(f"{head}: {win['owner']} delivers by {win['due_week']}.")
        elif win.get("owner"):
            steps.append(f"{head}: {win['owner']} sets a due week.")
        else:
            steps.append(f"{head}: name an owner and a due week.")
    for theme in facts.get("themes", []):
        if theme.get("trend") in CHANGING_TRENDS:
            steps.append(f"Watch '{theme['theme']}': {theme['trend']} among commenters.")
    return steps[:6]


def digest_facts(run: ReportRun) -> dict[str, Any]:
    """Everything the digest says, as plain values (masked, not yet escaped)."""
    nps = nps_facts(run)
    summary = plan_summary(run)
    facts = {
        "week": run.week,
        "dated": run.dated,
        "window": run.window_label,
        "headline": narrative.headline_sentence(
            run.weekly, run.week if run.dated else None, run.overall
        ),
        "nps": nps,
        "changes": change_sentences(run.findings.findings, nps, run.week) if run.dated else [],
        "themes": theme_facts(run.findings.findings),
        "findings": finding_facts(run.findings.findings),
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
    facts["next_steps"] = next_steps(facts)
    return facts


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
