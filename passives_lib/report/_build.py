"""Computing the weekly report: findings, plan and figures, and writing their CSV files.

:func:`build_report` is what the notebook ``notebooks/weekly_theme_report.ipynb`` calls with
its parameters. It runs the week once (:func:`passives_lib.pipeline.run_weekly`: the survey
loaded once, the themes of the report window fitted once, findings and the plan from them), and
writes every CSV output to ``output_dir`` (:func:`passives_lib.pipeline.write_weekly`):

- ``NAME.rejected.csv`` (and ``NAME.warnings.csv`` when rows were changed);
- ``themes.csv`` and ``assignments.csv``: the themes of the report window, the same fit as
  the findings (one row per response of the window in ``assignments.csv``);
- ``findings.csv`` and ``quick_wins.csv``;
- ``call_list.csv``, ``management_sample.csv``, ``panel_invites.csv``, ``incentives_due.csv``,
  ``backlog.csv`` and ``excluded.csv`` (dated surveys only);
- ``report.json``: the week, the parameters, the counts, the outreach results (key
  ``outreach_results``: ``weeks``, ``to_date``, ``effect``) and the run time of each stage.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from passives_lib.config import Config, load_config, whole_number, with_settings
from passives_lib.core import MAX_WEEKS
from passives_lib.outreach import OutreachResults
from passives_lib.pipeline import (
    FindingsRun,
    PlanRun,
    WeeklyRun,
    model_from_config,
    run_weekly,
    write_weekly,
)
from passives_lib.survey import load_summary, nps_table, weekly_nps

SUMMARY_FILE = "report.json"


@dataclass
class ReportRun:
    """Everything the weekly report shows.

    Attributes
    ----------
    parameters : dict
        The notebook parameters the report was built with.
    weekly_run : WeeklyRun
        The week's run (see :func:`passives_lib.pipeline.run_weekly`): the survey, themes,
        findings and quick wins of the window, and the plan.
    weekly : pandas.DataFrame or None
        :func:`weekly_nps` of every dated response; ``None`` without dates.
    overall : pandas.Series
        The overall NPS row.
    summary : dict
        :func:`load_summary` of the survey.
    output_dir : Path
        Where the CSV files were written.
    written : dict of str to Path
        Each file written.
    timings : dict of str to float
        Seconds per stage.
    outreach : OutreachResults or None
        What came of the recorded weeks' contacts, and the effect estimate (None without a
        ledger or dates); ``report.json``'s ``outreach_results``.
    """

    parameters: dict[str, Any]
    weekly_run: WeeklyRun
    weekly: pd.DataFrame | None
    overall: pd.Series
    summary: dict[str, Any]
    output_dir: Path
    written: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    outreach: OutreachResults | None = None

    @property
    def config(self) -> Config:
        """The config with the parameters applied (plan settings, ledger, seed)."""
        return self.weekly_run.config

    @property
    def findings(self) -> FindingsRun:
        """Themes, findings and quick wins of the window; ``findings.loaded`` is the survey."""
        return self.weekly_run.findings

    @property
    def plan(self) -> PlanRun | None:
        """The week's plan; ``None`` for a survey without dates."""
        return self.weekly_run.plan

    @property
    def no_plan_reason(self) -> str | None:
        """Why there is no plan."""
        return self.weekly_run.no_plan_reason

    @property
    def week(self) -> str:
        """The report week, or ``"undated"``."""
        return self.weekly_run.week

    @property
    def dated(self) -> bool:
        """Whether the survey has response dates."""
        return self.weekly_run.dated

    @property
    def responses(self) -> pd.DataFrame:
        """Every accepted response."""
        return self.findings.loaded.responses

    @property
    def window_label(self) -> str:
        """The findings window in words."""
        if not self.dated:
            return "every response"
        return f"the {self.parameters['lookback_weeks']} weeks up to {self.week}"


def configured(
    config: Config,
    *,
    capacity: int | None = None,
    profile: str | None = None,
    management_share: float | None = None,
    managers: list[str] | None = None,
    ledger: str | None = None,
    random_seed: int | None = None,
    where: str = "report parameters",
) -> Config:
    """The config with the report's parameters applied, the plan settings validated again.

    Parameters
    ----------
    config : Config
        As read from the YAML file.
    capacity, profile, management_share, managers, ledger : optional
        Replace the ``plan`` settings of the same name.
    random_seed : int, optional
        Seed of the theme model (``themes.random_state``).
    where : str
        Names the source of the values in messages.

    Returns
    -------
    Config
        A new config.

    Raises
    ------
    ConfigError
        If a value is out of range (e.g. an unknown profile).
    """
    if isinstance(managers, str):  # one name given as text, e.g. --param managers=Ana
        managers = [managers]
    config = with_settings(
        config,
        "plan",
        where,
        capacity=capacity,
        profile=profile,
        management_share=management_share,
        managers=managers,
        ledger=None if ledger is None else str(ledger),
    )
    return with_settings(config, "themes", where, random_state=random_seed)


def check_lookback_weeks(value: Any, where: str) -> int:
    """``lookback_weeks``: a whole number of weeks from 1 to 520."""
    return whole_number(value, "lookback_weeks", where, minimum=1, maximum=MAX_WEEKS)


def build_report(
    input_path: str | Path,
    config_path: str | Path | None = None,
    *,
    output_dir: str | Path,
    week: str | None = None,
    lookback_weeks: int = 13,
    capacity: int | None = None,
    profile: str | None = None,
    management_share: float | None = None,
    managers: list[str] | None = None,
    ledger: str | None = None,
    random_seed: int | None = None,
    record_plan: bool = False,
) -> ReportRun:
    """Compute the weekly report and write its CSV files.

    Parameters
    ----------
    input_path : str or Path
        The survey export.
    config_path : str or Path, optional
        YAML config; the defaults when omitted.
    output_dir : str or Path
        Folder for the CSV files and ``report.json`` (created if needed).
    week : str, optional
        Report week ``YYYY-Www``; the latest in the data when omitted.
    lookback_weeks : int
        Weeks of comments the themes and findings are learned from.
    capacity, profile, management_share, managers, ledger : optional
        Plan settings; the config's when omitted.
    random_seed : int, optional
        Seed of the theme model; the config's when omitted.
    record_plan : bool
        Record the plan's assignments in the contact ledger (otherwise a dry run).

    Returns
    -------
    ReportRun
        What the report shows.

    Raises
    ------
    PassivesError
        On bad input or settings (InputError, ConfigError).
    """
    check_lookback_weeks(lookback_weeks, "report parameters")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    config = configured(
        load_config(config_path),
        capacity=capacity,
        profile=profile,
        management_share=management_share,
        managers=managers,
        ledger=ledger,
        random_seed=random_seed,
    )
    parameters = {
        "input_path": str(input_path),
        "config_path": _text(config_path),
        "week": week,
        "lookback_weeks": lookback_weeks,
        "capacity": config.plan.capacity,
        "profile": config.plan.profile,
        "management_share": config.plan.management_share,
        "managers": list(config.plan.managers),
        "ledger": config.plan.ledger,
        "output_dir": str(output_dir),
        "random_seed": config.themes.random_state,
        "record_plan": bool(record_plan),
    }
    weekly_run = run_weekly(
        input_path,
        config,
        week,
        lookback_weeks=lookback_weeks,
        model=model_from_config(config, show_progress=False),
        dry_run=not record_plan,
        record_themes=bool(record_plan),  # a dry run writes nothing, the registry included
    )
    timings["load, themes, findings and plan"] = time.perf_counter() - started

    started = time.perf_counter()
    responses = weekly_run.loaded.responses
    run = ReportRun(
        parameters=parameters,
        weekly_run=weekly_run,
        weekly=weekly_nps(responses, config.nps) if weekly_run.dated else None,
        overall=nps_table(responses, settings=config.nps).iloc[0],
        summary=load_summary(weekly_run.loaded, config.nps),
        output_dir=Path(output_dir),
        timings=timings,
    )
    run.written = write_weekly(weekly_run, run.output_dir)
    timings["write CSV files"] = time.perf_counter() - started
    started = time.perf_counter()
    from passives_lib.report._outreach_results import report_outreach_results

    run.outreach = report_outreach_results(run)
    timings["outreach results"] = time.perf_counter() - started
    write_summary(run)
    return run


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def write_summary(run: ReportRun) -> Path:
    """Write ``report.json``: week, parameters, counts, files and timings."""
    summary = {
        "week": run.week,
        "dated": run.dated,
        "parameters": run.parameters,
        "rows_read": run.summary["rows_read"],
        "rows_accepted": run.summary["rows_accepted"],
        "rows_rejected": run.summary["rows_rejected"],
        "themes": int(run.findings.model.n_themes_),
        "quick_wins": run.findings.quick_wins["theme_label"].tolist(),
        "soft_promoters": soft_promoter_count(run),
        "plan": plan_summary(run),
        "outreach_results": None if run.outreach is None else run.outreach.as_dict(),
        "files": {name: path.name for name, path in run.written.items()},
        "timings_s": {name: round(seconds, 3) for name, seconds in run.timings.items()},
    }
    path = run.output_dir / SUMMARY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(summary, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )
    return path


def soft_promoter_count(run: ReportRun) -> int | None:
    """Soft promoters of the report week (of every response for an undated survey)."""
    soft = run.weekly_run.soft_promoters
    if soft is None:
        return None
    if not run.dated:
        return len(soft)
    return int((soft["iso_week"] == run.week).sum())


def plan_summary(run: ReportRun) -> dict[str, Any] | None:
    """The sizes of the week's lists (see :func:`passives_lib.report._narrative.plan_sentence`)."""
    if run.plan is None:
        return None
    plan, settings = run.plan.plan, run.config.plan
    return {
        "week": plan.week,
        "eligible": len(plan.pool),
        "call_list": len(plan.call_list),
        "capacity": settings.capacity,
        "management_sample": len(plan.management_sample),
        "management_share": settings.management_share,
        "managers": list(settings.managers),
        "panel_invites": len(plan.panel_invites),
        "incentives_due": len(plan.incentives_due),
        "recorded": run.plan.recorded,
        "dry_run": not run.parameters["record_plan"],
    }


def passive_counts(responses: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Respondents, passives, 7s and 8s, overall or per group.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified responses (``score``, ``category`` and the ``by`` column).
    by : str, optional
        Group column (``segment``, ``iso_week``); one row ``all`` when omitted.

    Returns
    -------
    pandas.DataFrame
        ``respondents``, ``passives``, ``sevens``, ``eights``, ``share_passives`` and
        ``share_eights`` (of the passives), one row per group.

    Examples
    --------
    >>> frame = pd.DataFrame({"score": [7, 8, 8, 10, 3], "category": ["passive", "passive",
    ...     "passive", "promoter", "detractor"]})
    >>> passive_counts(frame)[["respondents", "passives", "sevens", "eights"]].iloc[0].tolist()
    [5, 3, 1, 2]
    """
    frame = pd.DataFrame(
        {
            "group": responses[by].to_numpy() if by else "all",
            "respondents": 1,
            "passives": (responses["category"] == "passive").to_numpy(int),
            "sevens": (responses["score"] == 7).to_numpy(int),
            "eights": (responses["score"] == 8).to_numpy(int),
        }
    )
    table = frame.groupby("group", sort=True).sum()
    if by is None:  # one row, even without responses
        table = table.reindex(["all"], fill_value=0)
    table.index.name = by
    table["share_passives"] = table["passives"] / table["respondents"].where(
        table["respondents"] > 0
    )
    table["share_eights"] = table["eights"] / table["passives"].where(table["passives"] > 0)
    return table
