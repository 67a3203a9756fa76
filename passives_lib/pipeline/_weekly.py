"""One weekly run: the survey loaded once, themes fitted once, stable ids given once.

Findings, the week's plan and the report all take what :func:`run_weekly` returns.

``passives findings``, ``passives plan`` and ``passives report`` are this run with different
parts switched on; nothing is loaded or fitted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from passives_lib.config import Config
from passives_lib.core import CSV_NAMES, write_csv
from passives_lib.outreach import soft_promoters, write_soft_promoters
from passives_lib.pipeline._findings_run import (
    UNDATED,
    USE_CONFIG,
    FindingsRun,
    run_findings,
    write_findings,
)
from passives_lib.pipeline._plan_run import PlanRun, fitted_respondent_themes, run_plan, write_plan
from passives_lib.pipeline._theme_run import ThemeRun, stable_theme_ids, write_theme_outputs
from passives_lib.survey import LoadedSurvey
from passives_lib.themes import THEME_COLUMNS, ThemeModel

__all__ = ["NO_DATES_NO_PLAN", "WeeklyRun", "run_weekly", "write_weekly"]

NO_DATES_NO_PLAN = "the survey has no response dates, so there is no week to plan"


@dataclass
class WeeklyRun:
    """Everything one week's run computed.

    Attributes
    ----------
    config : Config
        The settings it ran with.
    findings : FindingsRun
        The survey as loaded (``findings.loaded``), the report window with each response's
        stable ``theme_id``, the fitted model, the theme table, findings and quick wins.
    plan : PlanRun or None
        The week's outreach plan; ``None`` when not asked for or the survey has no dates.
    no_plan_reason : str or None
        Why there is no plan.
    lookback_weeks : int
        Weeks in the window.
    soft_promoters : pandas.DataFrame or None
        Promoters of the window who behave like passives (lukewarm comment or falling
        usage; see :func:`passives_lib.outreach.soft_promoters`).
    """

    config: Config
    findings: FindingsRun
    plan: PlanRun | None = None
    no_plan_reason: str | None = None
    lookback_weeks: int = 13
    soft_promoters: pd.DataFrame | None = None

    @property
    def week(self) -> str:
        """The report week, or ``"undated"`` for a survey without dates."""
        return self.findings.week

    @property
    def dated(self) -> bool:
        """Whether the survey has response dates."""
        return self.findings.week != UNDATED

    @property
    def loaded(self) -> LoadedSurvey:
        """The survey as loaded (once)."""
        return self.findings.loaded

    @property
    def model(self) -> ThemeModel:
        """The theme model, fitted once on the window's comments."""
        return self.findings.model

    def theme_run(self) -> ThemeRun:
        """The window's themes as a :class:`ThemeRun`, with the stable ids and names.

        ``assignments`` has one row per response of the window: ``row`` (the 0-based data row
        of the file), ``theme_id``, ``theme_label``, ``is_non_answer`` and ``respondent_id``.
        """
        findings = self.findings
        themes = findings.themes if findings.themes is not None else self.model.themes_
        names = dict(zip(themes["theme_id"], themes["label"], strict=True))
        window = findings.window
        assignments = self.model.assignments()
        assignments["theme_id"] = window["theme_id"].to_numpy()
        assignments["theme_ids"] = stable_theme_ids(self.model, themes)
        assignments["theme_label"] = [
            names.get(theme_id, label)
            for theme_id, label in zip(
                assignments["theme_id"], assignments["theme_label"], strict=True
            )
        ]
        assignments["row"] = window["source_row"].to_numpy() - 2
        assignments["respondent_id"] = window["respondent_id"].to_numpy()
        assignments = assignments.sort_values("row", ignore_index=True)
        notes = [f"{self.model.n_themes_} themes ({self.model.method_}) over the report window"]
        return ThemeRun(themes[THEME_COLUMNS].copy(), assignments, self.model, self.loaded, notes)


def run_weekly(
    path: str | Path,
    config: Config | None = None,
    week: str | None = None,
    *,
    lookback_weeks: int = 13,
    model: ThemeModel | None = None,
    plan: bool = True,
    dry_run: bool = True,
    registry: str | None = USE_CONFIG,
    record_themes: bool = True,
    replan: bool = False,
) -> WeeklyRun:
    """Run one week: load, fit themes, stable ids, findings and (optionally) the plan.

    Parameters
    ----------
    path : str or Path
        The survey export.
    config : Config, optional
        Settings; the defaults when omitted.
    week : str, optional
        Report week ``YYYY-Www``; the latest in the data when omitted.
    lookback_weeks : int
        Weeks of comments the themes and findings are learned from, the week included.
    model : ThemeModel, optional
        The (unfitted) theme model; built from the config when omitted.
    plan : bool
        Also plan the week's outreach (dated surveys only).
    dry_run : bool
        Plan without recording anything in the contact ledger; with ``record_themes`` False,
        nothing is written to the theme registry either (it is opened read-only).
    registry : str, optional
        Theme registry location; the ledger's (``plan.ledger``) by default, ``None`` for
        run-local theme ids.
    record_themes : bool
        Record this week's themes in the registry (else only match them).
    replan : bool
        Re-plan a week already recorded (see :func:`run_plan`).

    Returns
    -------
    WeeklyRun
        What the week's findings, plan and report show.

    Raises
    ------
    PassivesError
        On bad input or settings.
    """
    config = config or Config()
    findings = run_findings(
        path,
        config,
        week,
        lookback_weeks,
        model,
        registry=registry,
        record=record_themes,
        read_only=dry_run and not record_themes,  # a dry run writes nothing to the registry
    )
    run = WeeklyRun(config, findings, lookback_weeks=lookback_weeks)
    run.soft_promoters = soft_promoters(findings.window, config.plan.soft_promoter_usage_drop)
    if not plan:
        return run
    if not run.dated:
        run.no_plan_reason = NO_DATES_NO_PLAN
        return run
    themes, _ = fitted_respondent_themes(
        findings.window,
        findings.model,
        findings.themes if findings.themes is not None else findings.model.themes_,
        findings.window["theme_id"].to_numpy(),
        "",
        config,
    )
    run.plan = run_plan(
        path,
        config,
        findings.week,
        dry_run=dry_run,
        lookback_weeks=lookback_weeks,
        loaded=findings.loaded,
        themes=themes,
        replan=replan,
    )
    return run


def write_weekly(run: WeeklyRun, out_dir: str | Path) -> dict[str, Path]:
    """Write every CSV output of a weekly run into ``out_dir``.

    The rejected rows (and the warnings, when rows were changed), ``themes.csv`` and
    ``assignments.csv`` of the window, ``findings.csv`` and ``quick_wins.csv``,
    ``soft_promoters.csv``, and the plan's lists (with ``briefs/<caller>.html``) when there is
    a plan.

    Returns
    -------
    dict of str to Path
        Each file written, by name.
    """
    out = Path(out_dir)
    loaded = run.loaded
    stem = Path(loaded.path).stem
    written = {"rejected": write_csv(loaded.rejected, out / f"{stem}.rejected.csv")}
    if len(loaded.warnings):
        written["warnings"] = write_csv(loaded.warnings, out / f"{stem}.warnings.csv")
    written |= write_theme_outputs(run.theme_run(), out)
    written |= write_findings(run.findings, out)
    if run.soft_promoters is not None:
        soft = run.soft_promoters.rename(columns=CSV_NAMES["responses"])
        written["soft_promoters"] = write_soft_promoters(soft, out)
    if run.plan is not None:
        written |= write_plan(run.plan, out)
    return written
