"""Planning a week from a survey file: themes, the ledger's memory, the plan, its CSV files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from passives_lib.config import STRATEGIES, Config
from passives_lib.core import CSV_NAMES, InputError, mask_personal_data, report_window, write_csv
from passives_lib.outreach import (
    CallBrief,
    ContactHistory,
    WeekPlan,
    call_brief_column,
    plan_week,
    write_brief_pages,
)
from passives_lib.pipeline._caller_files import write_caller_lists, write_panel_invitations
from passives_lib.pipeline._codebook_run import codebook_found, codebook_note
from passives_lib.pipeline._plan_briefs import plan_briefs
from passives_lib.pipeline._theme_run import fit_themes, stable_themes
from passives_lib.store import (
    ContactLedger,
    LedgerSnapshot,
    RecordedPlan,
    can_write,
    display_location,
    registry_has_themes,
)
from passives_lib.survey import LoadedSurvey, load_survey
from passives_lib.themes import DEFAULT_EFFORT_RULE, ThemeModel, issue_kinds, theme_efforts

PLAN_COLUMNS = [
    "respondent_id",
    *(f"strategy_{s}" for s in STRATEGIES),
    "priority",
    "reason",
    "next_step",
    "assignee",
    "score",
    "lean",
    "segment",
    "lifetime_value",
    "theme_id",
    "theme_label",
    "theme_effort",
    "responded_at",
    "days_uncontacted",
    "attempt",
    "ages_out_next_week",
    "comment",
    "call_brief",
]


GENERATED_IDS_NOTE = (
    "nothing recorded in the ledger: the export has no respondent id column, so ids were "
    "generated from row numbers (row-N) and history would attach to the wrong customers once "
    "the export is sorted differently; map the column that identifies a customer in the "
    "config (columns: respondent_id: YOUR_HEADER)"
)


@dataclass
class PlanRun:
    """A planned week and what it was planned from.

    Attributes
    ----------
    plan : WeekPlan
        The lists.
    loaded : LoadedSurvey
        The survey as loaded.
    themes : pandas.DataFrame, optional
        Theme of each respondent in the window, with its effort.
    recorded : int
        Assignments newly written to the ledger (0 for a dry run or a re-run).
    notes : list of str
        What was done.
    briefs : dict of str to list of CallBrief
        A call brief for every person on the call list and the management sample.
    mode : str
        ``new`` (the week planned the first time), ``recorded`` (planned before: the recorded
        lists, nothing new) or ``replanned``.
    contacts : pandas.DataFrame, optional
        The contact details the export maps (``LoadedSurvey.contacts``), for the callers'
        own lists and brief pages only.
    """

    plan: WeekPlan
    loaded: LoadedSurvey
    themes: pd.DataFrame | None
    recorded: int = 0
    notes: list[str] = field(default_factory=list)
    briefs: dict[str, list[CallBrief]] = field(default_factory=dict)
    mode: str = "new"
    contacts: pd.DataFrame | None = None

    @property
    def private_files(self) -> bool:
        """Whether the callers' lists and brief pages hold contact details (written 0600)."""
        return self.contacts is not None


def respondent_themes(
    responses: pd.DataFrame, model: ThemeModel, config: Config, week: str | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Fit themes on the responses' comments and give each respondent its theme and effort.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified responses (the window to learn themes from).
    model : ThemeModel
        The (unfitted) theme model.
    config : Config
        Theme effort words (``plan.theme_effort``) and the ledger (``plan.ledger``).
    week : str, optional
        The planned week: when the theme registry beside the ledger exists, themes take its
        stable ids and the analysts' names (matched, not recorded), so fixes marked under a
        theme's name find it.

    Returns
    -------
    tuple of (pandas.DataFrame, list of str)
        ``respondent_id``, ``theme_id``, ``theme_label``, ``theme_keywords`` (the automatic
        label's words included), ``theme_effort``, ``effort_source``; and notes.
    """
    location = config.plan.ledger
    known = registry_has_themes(location)  # recorded by `passives findings` or the report
    fit_themes(
        model,
        responses["comment"].tolist(),
        week or "",
        location if known else None,
        config.themes.codebook,
    )
    themes, labels, note = stable_themes(
        model, week or "", location if known else None, record=False
    )
    codebook = config.themes.codebook
    said = codebook_note(codebook, week or "", location if known else None, known)
    if said:  # the codebook anchored this plan's themes itself
        note = f"{note}; {said}; {codebook_found(themes, codebook)}"
    return fitted_respondent_themes(responses, model, themes, labels, note, config)


def fitted_respondent_themes(
    responses: pd.DataFrame,
    model: ThemeModel,
    themes: pd.DataFrame,
    labels: np.ndarray,
    note: str,
    config: Config,
) -> tuple[pd.DataFrame, list[str]]:
    """:func:`respondent_themes` for a model already fitted on ``responses``.

    Parameters
    ----------
    responses : pandas.DataFrame
        The responses the model was fitted on, in the same order.
    model : ThemeModel
        The fitted model.
    themes, labels, note
        The theme table, each comment's theme id and a note, as :func:`stable_themes` gives.
    config : Config
        Theme effort words.

    Returns
    -------
    tuple of (pandas.DataFrame, list of str)
        As :func:`respondent_themes`.
    """
    themes = themes.copy()
    automatic = model.themes_.set_index("theme_id")["label"]
    if "run_theme_id" in themes:
        themes["keywords"] = [
            [*keywords, *str(automatic.get(run_id, "")).split(" / ")]
            for keywords, run_id in zip(themes["keywords"], themes["run_theme_id"], strict=True)
        ]
    members = pd.DataFrame(
        {"theme_id": labels, "category": responses["category"].astype(str).to_numpy()}
    )
    efforts = theme_efforts(
        themes,
        members[members["theme_id"] >= 0],
        config.plan.theme_effort,
        issue_kinds(config.plan.issue_kinds),
    )
    table = themes[["theme_id", "label", "keywords"]].merge(efforts, on="theme_id", how="left")
    table = table.rename(
        columns={"label": "theme_label", "keywords": "theme_keywords", "effort": "theme_effort"}
    )
    per_respondent = pd.DataFrame(
        {"respondent_id": responses["respondent_id"].to_numpy(), "theme_id": labels}
    )
    per_respondent = per_respondent.merge(table, on="theme_id", how="left")
    notes = [f"themes: {model.n_themes_} ({model.method_}); {note}"]
    if (~efforts["effort_source"].str.startswith("config")).any():
        notes.append(f"theme effort: {DEFAULT_EFFORT_RULE}")
    return per_respondent, notes


def run_plan(
    path: str | Path,
    config: Config | None = None,
    week: str | None = None,
    dry_run: bool = False,
    model: ThemeModel | None = None,
    lookback_weeks: int = 13,
    with_themes: bool = True,
    loaded: LoadedSurvey | None = None,
    themes: pd.DataFrame | None = None,
    replan: bool = False,
) -> PlanRun:
    """Load a survey, plan a week, and record the assignments in the ledger.

    Parameters
    ----------
    path : str or Path
        The survey export.
    config : Config, optional
        Mapping and ``plan`` settings (capacity, profile, ledger, ...).
    week : str, optional
        ISO week to plan (``YYYY-Www``); the latest in the data by default.
    dry_run : bool
        Plan without writing to the ledger.
    model : ThemeModel, optional
        Theme model for the easy-fix strategy; built from the config when omitted.
    lookback_weeks : int
        Themes are learned from this many weeks of comments up to the planned week.
    with_themes : bool
        Model themes (needed for the easy-fix strategy and incentives).
    loaded : LoadedSurvey, optional
        The survey already loaded from ``path`` (it is not read again).
    themes : pandas.DataFrame, optional
        Per-respondent themes already fitted (as :func:`respondent_themes` gives); no fit.
    replan : bool
        Re-plan a week already recorded: keep the assignments worked since its Monday,
        replace the untouched ones (every cap holds). Without it, a recorded week gives its
        recorded lists and records nothing new.

    Returns
    -------
    PlanRun
        The plan and what it came from. The plan is worked out and recorded in one write
        transaction of the ledger, so plans started together never book one person twice.
    """
    from passives_lib.pipeline._theme_run import model_from_config

    config = config or Config()
    loaded = loaded or load_survey(path, config)
    responses = loaded.responses
    if responses["iso_week"].isna().all():
        raise InputError("planning needs response dates; the survey has no date column", path=path)
    week = week or str(responses["iso_week"].dropna().max())
    notes: list[str] = []
    if themes is not None:
        notes.append("themes: the same fit as the week's findings")
    elif with_themes:
        window = report_window(responses, week, lookback_weeks)
        themes, theme_notes = respondent_themes(
            window, model or model_from_config(config), config, week
        )
        notes += theme_notes
    location = config.plan.ledger
    seen: list[ContactHistory] = []

    def planner(snapshot: LedgerSnapshot) -> tuple[WeekPlan, pd.DataFrame]:
        history = ContactHistory(snapshot.assignments, snapshot.events, snapshot.fixed_themes)
        seen[:] = [history]
        plan = plan_week(
            responses, config.plan, week, history, themes, snapshot.held, snapshot.may_draw
        )
        return plan, plan_assignments(plan)

    generated = "respondent_id" not in loaded.mapping.columns
    if dry_run and "://" not in location and not Path(location).exists():
        outcome = RecordedPlan(planner(LedgerSnapshot.empty(week))[0], "new", 0, 0)
    else:
        # A dry run only reads: a ledger it cannot write is opened read-only.
        read_only = dry_run and "://" not in location and not can_write(Path(location))
        with ContactLedger(location, read_only=read_only) as ledger:
            if dry_run or generated:
                outcome = ledger.preview_plan(week, planner, replan)
            else:  # worked out and recorded in one write transaction
                outcome = ledger.record_plan(week, planner, replan, config.plan.contact_policy)
    plan = outcome.plan
    briefs = plan_briefs(plan, themes, seen[0], config, loaded.contacts)
    recorded = 0 if dry_run or generated else outcome.added
    if generated and not dry_run:
        notes.append(GENERATED_IDS_NOTE)
    notes += _ledger_notes(outcome, week, dry_run or generated)
    if dry_run:
        notes.append("dry run: nothing recorded in the ledger")
    elif not generated:
        location = display_location(config.plan.ledger)
        notes.append(f"ledger {location}: {recorded} new assignment(s) recorded")
    if loaded.contacts is not None:
        notes.append(
            "contact details (" + ", ".join(c for c in loaded.contacts.columns[1:]) + ") are on "
            "the callers' own lists (callers/<caller>.csv), their brief pages and the panel "
            "invitations to e-mail (panel/invitations.csv) only, written private (0600): "
            "readable by you alone"
        )
    return PlanRun(plan, loaded, themes, recorded, notes, briefs, outcome.mode, loaded.contacts)


def plan_assignments(plan: WeekPlan) -> pd.DataFrame:
    """The plan's lists as ledger rows: ``respondent_id``, ``list``, ``assignee``."""
    return pd.concat(
        [
            table.assign(list=name)[["respondent_id", "list", "assignee"]]
            for name, table in plan.lists().items()
        ],
        ignore_index=True,
    )


def _ledger_notes(outcome: RecordedPlan, week: str, preview: bool) -> list[str]:
    would = "would be " if preview else ""
    if outcome.mode == "recorded":
        return [
            f"{week} was planned before: its recorded lists are shown and nothing new is "
            f"recorded (`passives plan --replan` replaces the untouched assignments)"
        ]
    if outcome.mode == "replanned":
        return [
            f"{week} re-planned: {outcome.replaced} untouched assignment(s) {would}replaced, "
            "those worked since Monday kept; every cap holds for kept and new together"
        ]
    return []


def write_plan(run: PlanRun, out_dir: str | Path) -> dict[str, Path]:
    """Write the four lists, the backlog, the excluded and the aged-out passives as CSV.

    Each list has ``respondent_id``, the strategy scores, ``priority``, ``reason``,
    ``next_step``, ``assignee`` and context columns; comments are masked for personal data.
    The call list and the management sample carry each person's ``call_brief``;
    ``briefs/<caller>.html`` is a printable page of briefs per caller and
    ``callers/<caller>.csv`` the caller's own list (call list and management sample), both
    with the contact details the export maps (and then private, 0600); the panel invitations,
    sent by e-mail rather than called, are in ``panel/invitations.csv`` with the contact
    details (private), written only when the export maps them.

    Parameters
    ----------
    run : PlanRun
        From :func:`run_plan`.
    out_dir : str or Path
        Folder, created if needed.

    Returns
    -------
    dict of str to Path
        File per list, ``backlog`` (eligible passives on no list this week, by priority;
        ``ages_out_next_week`` flags those in their last backlog week), ``excluded`` and
        ``aged_out`` (answers that left the backlog with the week without a contact).
    """
    out_dir = Path(out_dir)
    written = {}
    for name, table in (run.plan.lists() | {"backlog": run.plan.backlog}).items():
        columns = [c for c in PLAN_COLUMNS if c in table]
        frame = table[columns].copy()
        if "comment" in frame:
            frame["comment"] = frame["comment"].map(mask_personal_data)
        if "responded_at" in frame:
            frame["responded_at"] = pd.to_datetime(frame["responded_at"]).dt.strftime("%Y-%m-%d")
        if name in run.briefs:
            frame["call_brief"] = call_brief_column(run.briefs[name])
        if "theme_id" in frame:  # whole numbers, blank where a passive has no theme
            frame["theme_id"] = pd.to_numeric(frame["theme_id"]).astype("Int64")
        frame = frame.rename(columns=CSV_NAMES["responses"])
        written[name] = write_csv(frame, out_dir / f"{name}.csv")
    written["excluded"] = write_csv(run.plan.excluded, out_dir / "excluded.csv")
    aged = run.plan.aged_out
    columns = [
        c for c in ("respondent_id", "responded_at", "iso_week", "segment", "lean") if c in aged
    ]
    aged = aged[columns].copy() if len(aged) else pd.DataFrame(columns=columns or ["respondent_id"])
    if "responded_at" in aged and len(aged):
        aged["responded_at"] = pd.to_datetime(aged["responded_at"]).dt.strftime("%Y-%m-%d")
    written["aged_out"] = write_csv(aged, out_dir / "aged_out.csv")
    everyone = [brief for briefs in run.briefs.values() for brief in briefs]
    pages = write_brief_pages(everyone, out_dir, run.plan.week)
    written |= {f"briefs {caller}": path for caller, path in pages.items()}
    own = write_caller_lists(run.plan.lists(), run.briefs, run.contacts, out_dir)
    written |= {f"list {caller}": path for caller, path in own.items()}
    return written | write_panel_invitations(run.plan.lists(), run.contacts, out_dir)
