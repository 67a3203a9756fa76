"""The sections of the weekly report, each a list of displayable HTML pieces.

The notebook shows a section with ``display(*headline_section(report))``: the sentences come
from :mod:`passives_lib.report._narrative`, the tables and text are escaped by
:mod:`passives_lib.report._html`, and the figures are drawn by the plotly.js copy that
:func:`title_section` embeds once.
"""

from __future__ import annotations

import math
from datetime import datetime

import pandas as pd
from IPython.display import HTML

from passives_lib.findings import (
    NO_MORE_PREFIX,
    fix_follow_up,
    impact_figure,
    themes_by_group_figure,
    trend_figure,
    weekly_nps_figure,
)
from passives_lib.outreach import soft_promoter_sentence, soft_promoter_trend
from passives_lib.report import _narrative as narrative
from passives_lib.report._build import ReportRun, passive_counts, plan_summary
from passives_lib.report._digest import unhappy_first
from passives_lib.report._figures import passives_by_segment_figure, passives_trend_figure
from passives_lib.report._html import (
    bullet_list,
    figure,
    heading,
    html_table,
    key_values,
    paragraph,
    plotly_library,
    quotes,
)
from passives_lib.report._narrative import fix_follow_up_line
from passives_lib.report._outreach_results import outreach_results_pieces

CALL_LIST_COLUMNS = [
    "respondent_id",
    "segment",
    "score",
    "priority",
    "reason",
    "next_step",
    "assignee",
    "comment",
]


def title_section(run: ReportRun) -> list[HTML]:
    """The plotly.js library (once, for every figure after it) and what the report covers."""
    survey = run.findings.loaded.path.name
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    week = f"week {run.week}" if run.dated else "every response (no dates in the survey)"
    return [
        plotly_library(),
        paragraph(
            f"Survey {survey}; report on {week}; themes and findings over "
            f"{run.window_label}. Built {when}."
        ),
    ]


def headline_section(run: ReportRun) -> list[HTML]:
    """The week's NPS, its change against last week, the counts and the weekly trend."""
    sentence = narrative.headline_sentence(run.weekly, run.week if run.dated else None, run.overall)
    if run.dated and run.week in run.weekly.index:
        row = run.weekly.loc[run.week]
        figures = {
            "week": run.week,
            **_nps_figures(row),
            "change on previous week": narrative.signed(row["change"]),
            "p-value": _number(row["p_value"], 3),
            "significant (5%)": "yes" if row["significant"] else "no",
        }
    else:
        figures = {"period": "every response", **_nps_figures(run.overall)}
    pieces = [paragraph(sentence), key_values(figures)]
    if run.dated:
        pieces.append(figure(weekly_nps_figure(run.weekly)))
    else:
        pieces.append(paragraph("No weekly trend: the survey has no response dates."))
    return pieces


def _nps_figures(row: pd.Series) -> dict[str, str]:
    return {
        "NPS": narrative.signed(row["nps"]),
        "95% margin": f"+/-{_number(row['nps_margin_95'], 1)}",
        "responses": f"{int(row['n']):,}",
        "promoters": f"{int(row['promoter']):,}",
        "passives": f"{int(row['passive']):,}",
        "detractors": f"{int(row['detractor']):,}",
    }


def _number(value: object, digits: int) -> str:
    number = float(value) if value is not None else math.nan
    return f"{number:.{digits}f}" if math.isfinite(number) else "n/a"


def passives_section(run: ReportRun) -> list[HTML]:
    """Passives: 7s against 8s this week, by segment over the window, and by week."""
    responses = run.responses
    if run.dated:
        this_week = responses[responses["iso_week"] == run.week]
        period = f"in {run.week}"
    else:
        this_week, period = responses, "over every response (no dates)"
    by_segment = passive_counts(run.findings.window, "segment")
    sentence = narrative.passives_sentence(passive_counts(this_week).iloc[0], period, by_segment)
    table = by_segment.reset_index().rename(
        columns={"share_passives": "share passives", "share_eights": "8s among passives"}
    )
    pieces = [
        paragraph(sentence),
        heading(f"By segment, over {run.window_label}"),
        html_table(table, float_format="{:.1%}"),
    ]
    if len(by_segment) > 1:
        pieces.append(figure(passives_by_segment_figure(by_segment)))
    if run.dated:
        by_week = passive_counts(responses[responses["iso_week"].notna()], "iso_week")
        pieces.append(figure(passives_trend_figure(by_week)))
    else:
        pieces.append(paragraph("No trend by week: the survey has no response dates."))
    return pieces + soft_promoter_pieces(run)


def soft_promoter_pieces(run: ReportRun) -> list[HTML]:
    """Promoters who behave like passives: this week's count, its trend, and the rule."""
    soft = run.weekly_run.soft_promoters
    if soft is None:
        return []
    drop = run.config.plan.soft_promoter_usage_drop
    pieces = [heading("Soft promoters: passives in all but score")]
    if not run.dated:
        count = len(soft)
        pieces.append(
            paragraph(
                f"{count} soft promoter{'' if count == 1 else 's'} over every response: "
                "promoters whose comment is lukewarm or whose usage fell by more than "
                f"{drop:.0%}. They are listed in soft_promoters.csv, not called as passives."
            )
        )
        return pieces
    trend = soft_promoter_trend(run.findings.window, soft)
    pieces.append(paragraph(soft_promoter_sentence(trend, run.week, drop)))
    if len(trend):
        shown = trend.rename(columns={"iso_week": "week", "soft_promoters": "soft promoters"})
        pieces.append(html_table(shown.tail(6), float_format="{:.1%}"))
    return pieces


def _unhappy_first(run: ReportRun) -> pd.DataFrame:
    return unhappy_first(run.findings.findings)


def findings_overview_section(run: ReportRun) -> list[HTML]:
    """The themes, who raised each (detractors and passives first)."""
    findings = _unhappy_first(run)
    sentence = narrative.findings_sentence(findings, run.window_label, len(run.findings.window))
    pieces = [paragraph(sentence)]
    if not findings.empty:
        pieces.append(figure(themes_by_group_figure(findings)))
    return pieces + fixed_theme_pieces(run)


def fixed_theme_pieces(run: ReportRun) -> list[HTML]:
    """Themes marked fixed, apart from the quick wins: when, and whether mentions fall."""
    findings = run.findings.findings
    if "fixed_on" not in findings or not findings["fixed_on"].notna().any():
        return []
    follow = fix_follow_up(run.findings.window, findings)
    lines = [fix_follow_up_line(row) for _, row in follow.iterrows()]
    return [heading("Fixed themes (not quick wins): before and after the fix"), bullet_list(lines)]


def findings_impact_section(run: ReportRun) -> list[HTML]:
    """NPS impact of each theme with its 95% interval."""
    findings = _unhappy_first(run)
    if findings.empty:
        return [paragraph("No theme, so no NPS impact to show.")]
    return [
        paragraph(
            "NPS impact: the NPS of all respondents minus the NPS without the "
            "theme's respondents; a negative impact is NPS the theme costs."
        ),
        figure(impact_figure(findings)),
    ]


def findings_trend_section(run: ReportRun) -> list[HTML]:
    """Share of commenters raising the largest themes, per week (dated surveys)."""
    if not run.dated:
        return [paragraph("No trend by week: the survey has no response dates.")]
    if run.findings.findings.empty:
        return [paragraph("No theme, so no trend to show.")]
    return [
        figure(
            trend_figure(
                run.findings.weekly_shares(), title="Share of commenters raising each large theme"
            )
        )
    ]


def findings_table(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings as a readable table: counts, lift, NPS impact with its interval, a quote.

    Examples
    --------
    >>> row = pd.DataFrame({"label": ["price"], "detractors": [9], "passives_7": [3],
    ...     "passives_8": [1], "promoters": [2], "lift_unhappy": [2.345], "theme_nps": [-46.7],
    ...     "nps_impact": [-3.1], "nps_impact_low": [-4.0], "nps_impact_high": [-2.2],
    ...     "sentiment": [-0.41], "trend": ["rising"], "quotes": [["too dear", "pricey"]]})
    >>> findings_table(row).iloc[0, 5:].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['2.3x', '-46.7', '-3.1 (-4.0 to -2.2)', '-0.41', 'rising', 'too dear']
    """
    table = pd.DataFrame(
        {
            "theme": findings["label"],
            "detractors": findings["detractors"],
            "7s": findings["passives_7"],
            "8s": findings["passives_8"],
            "promoters": findings["promoters"],
            "lift vs promoters": findings["lift_unhappy"].map("{:.1f}x".format),
            "theme NPS": findings["theme_nps"].map(narrative.signed),
            "NPS impact (95% interval)": [
                f"{narrative.signed(v)} ({narrative.signed(lo)} to {narrative.signed(hi)})"
                for v, lo, hi in zip(
                    findings["nps_impact"],
                    findings["nps_impact_low"],
                    findings["nps_impact_high"],
                    strict=True,
                )
            ],
            "sentiment": findings["sentiment"].map(lambda v: narrative.signed(v, 2)),
            "trend": findings["trend"],
        }
    )
    if "effort" in findings:
        table["effort"] = findings["effort"]
    if "segments" in findings:
        table["most affected segments"] = findings["segments"]
    table["example quote"] = [next(iter(q), "") for q in findings["quotes"]]
    return table.reset_index(drop=True)


def findings_table_section(run: ReportRun, top: int = 15) -> list[HTML]:
    """The findings table (detractors and passives first), quotes masked and escaped."""
    table = findings_table(_unhappy_first(run).head(top))
    table = table.rename(columns={"example quote": "quote"})
    notes = [n for n in run.findings.notes if not n.startswith("quick-win score")]
    return [html_table(table, mask_columns=("quote",)), bullet_list(notes)]


def quick_win_section(run: ReportRun, rank: int) -> list[HTML]:
    """One quick win: theme, numbers, who is affected, two quotes, suggested project."""
    wins = run.findings.quick_wins
    chosen = wins[wins["rank"] == rank]
    if chosen.empty:
        notes = [n for n in run.findings.notes if "quick win" in n or "qualif" in n]
        why = [n[len(NO_MORE_PREFIX) :] for n in notes if n.startswith(NO_MORE_PREFIX)]
        sentence = narrative.quick_win_sentence(None, rank, why[0] if why else None)
        notes = [n for n in notes if not n.startswith(NO_MORE_PREFIX)]
        return [paragraph(sentence), bullet_list(notes)]
    win = chosen.iloc[0]
    finding = run.findings.findings.set_index("theme_id").loc[win["theme_id"]]
    numbers = {
        "theme": win["theme_label"],
        "quick-win score": f"{float(win['score']):.2f}",
        "detractors / 7s / 8s / promoters": (
            f"{int(finding['detractors'])} / {int(finding['passives_7'])} / "
            f"{int(finding['passives_8'])} / {int(finding['promoters'])}"
        ),
        "reach (commenting detractors and passives)": f"{float(win['reach']):.0%}",
        "NPS upside (points)": narrative.signed(win["nps_upside"]),
        "lift against promoters": f"{float(finding['lift_unhappy']):.1f}x",
        "effort": win["effort"],
        "trend": finding["trend"],
    }
    return [
        paragraph(narrative.quick_win_sentence(win, rank)),
        key_values(numbers),
        heading("Who is affected"),
        paragraph(win["affected"]),
        heading("In their words"),
        quotes(list(win["quotes"])[:2]),
        heading("Suggested project"),
        paragraph(win["suggested_project"]),
        paragraph(f"Why: {win['why']}.", css_class="passives-note"),
    ]


def plan_section(run: ReportRun, rows: int = 15) -> list[HTML]:
    """The week's outreach plan: list sizes and the call list, or why there is none."""
    summary = plan_summary(run)
    pieces = [paragraph(narrative.plan_sentence(summary, run.no_plan_reason))]
    if run.plan is None:
        return pieces
    plan = run.plan.plan
    sizes = {
        "eligible passives": len(plan.pool),
        "call list": len(plan.call_list),
        "management sample": len(plan.management_sample),
        "panel invitations": len(plan.panel_invites),
        "incentives due": len(plan.incentives_due),
        "excluded": len(plan.excluded),
    }
    pieces.append(key_values({name: f"{count:,}" for name, count in sizes.items()}))
    if not plan.call_list.empty:
        columns = [c for c in CALL_LIST_COLUMNS if c in plan.call_list]
        pieces += [heading("Call list"), html_table(plan.call_list[columns], max_rows=rows)]
    if not plan.management_sample.empty:
        columns = [
            c
            for c in ["respondent_id", "assignee", "segment", "lean", "score", "next_step"]
            if c in plan.management_sample
        ]
        pieces += [
            heading("Management sample"),
            html_table(plan.management_sample[columns], max_rows=rows),
        ]
    pieces.append(bullet_list([*run.plan.notes, *plan.notes]))
    return pieces + outreach_results_pieces(run)


def data_quality_section(run: ReportRun) -> list[HTML]:
    """Rows read, accepted and rejected, the reasons, and the notes on the load."""
    summary = run.summary
    counts = {
        "rows read": f"{summary['rows_read']:,}",
        "rows accepted": f"{summary['rows_accepted']:,}",
        "rows rejected": f"{summary['rows_rejected']:,}",
        "rows accepted with a change": f"{summary['rows_with_warnings']:,}",
        "file": summary["file"],
        "format": summary["format"],
        "encoding": summary["encoding"] or "",
        "date order": summary["date_order"] or "",
    }
    reasons = pd.DataFrame(
        {
            "reason": list(summary["rejection_reasons"]),
            "rows": list(summary["rejection_reasons"].values()),
        }
    )
    pieces = [paragraph(narrative.data_quality_sentence(summary)), key_values(counts)]
    if not reasons.empty:
        pieces += [heading("Why rows were rejected"), html_table(reasons)]
    pieces += [heading("Notes on the load"), bullet_list(summary["notes"])]
    return pieces


def method_section(run: ReportRun) -> list[HTML]:
    """Model and method, the parameters, the files written and the run time."""
    model = run.findings.model
    method = {
        "theme model": "all-MiniLM-L6-v2 sentence embeddings (bundled, offline)",
        "embedding backend": getattr(model, "embedding_backend_", "-"),
        "clustering": model.method_,
        "themes": f"{model.n_themes_}",
        "random state": f"{model.random_state}",
        "comments embedded in this run": f"{getattr(model, 'embedded_count_', 0):,}",
        "window": run.window_label,
    }
    timings = {stage: f"{seconds:.1f} s" for stage, seconds in run.timings.items()}
    timings["total"] = f"{sum(run.timings.values()):.1f} s"
    files = sorted(path.name for path in run.written.values())
    return [
        heading("Model and method"),
        key_values(method),
        heading("Parameters"),
        key_values({k: v for k, v in run.parameters.items() if k != "output_dir"}),
        heading("Run time"),
        key_values(timings),
        heading("Files written beside this report"),
        bullet_list(files),
    ]
