"""Round-table findings from a survey file: window, themes, findings, quick wins, CSV files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from passives_lib.config import Config
from passives_lib.core import CSV_NAMES, InputError, report_window, write_csv
from passives_lib.findings import (
    MULTI_THEME_RULE,
    TREND_RULE,
    fixed_dates,
    quick_wins,
    theme_findings,
)
from passives_lib.pipeline._codebook_run import (
    codebook_found,
    codebook_left_out,
    codebook_note,
    seed_codebook,
)
from passives_lib.pipeline._seed_history import history_before
from passives_lib.pipeline._theme_run import (
    fit_themes,
    registry_in_use,
    stable_theme_ids,
    stable_themes,
)
from passives_lib.survey import LoadedSurvey, load_survey
from passives_lib.themes import DEFAULT_EFFORT_RULE, ThemeModel, issue_kinds, theme_efforts

UNDATED = "undated"
USE_CONFIG = "config"  # registry location: the contact ledger's, from the config


@dataclass
class FindingsRun:
    """Findings for one report week.

    Attributes
    ----------
    week : str
        The report week, or ``UNDATED`` for a survey without response dates (then the
        window is every response and trends are ``n/a``).
    window : pandas.DataFrame
        The responses of the window, with ``theme_id``.
    findings : pandas.DataFrame
        Per theme (see :func:`passives_lib.theme_findings`), with ``effort``.
    quick_wins : pandas.DataFrame
        The top three (see :func:`passives_lib.quick_wins`).
    model : ThemeModel
        The fitted theme model.
    themes : pandas.DataFrame
        The model's theme table with the ids and names used in ``window`` and ``findings``
        (the registry's stable ids when one is used).
    loaded : LoadedSurvey
        The survey as loaded.
    notes : list of str
        Rules and what was done.
    """

    week: str
    window: pd.DataFrame
    findings: pd.DataFrame
    quick_wins: pd.DataFrame
    model: ThemeModel
    loaded: LoadedSurvey
    notes: list[str] = field(default_factory=list)
    themes: pd.DataFrame | None = None

    def weekly_shares(self, top: int = 5) -> pd.DataFrame:
        """Share of commenters raising each of the ``top`` largest themes, per week."""
        commenters = self.window[self.window["theme_id"] != -2]
        chosen = list(self.findings["theme_id"].head(top))
        labels = list(self.findings["label"].head(top))
        counts = pd.crosstab(commenters["iso_week"], commenters["theme_id"])
        shares = counts.div(counts.sum(axis=1), axis=0).reindex(columns=chosen, fill_value=0)
        # Columns are the themes' names; two themes of one name (a model's own labels can
        # repeat) are told apart by their ids rather than merged or refused.
        repeated = {label for label in labels if labels.count(label) > 1}
        shares.columns = [
            f"{label} (theme {theme_id})" if label in repeated else label
            for theme_id, label in zip(chosen, labels, strict=True)
        ]
        return shares


def run_findings(
    path: str | Path,
    config: Config | None = None,
    week: str | None = None,
    lookback_weeks: int = 13,
    model: ThemeModel | None = None,
    registry: str | None = USE_CONFIG,
    record: bool = True,
    read_only: bool = False,
) -> FindingsRun:
    """Load a survey and compute the round-table findings and quick wins for a week.

    Parameters
    ----------
    path : str or Path
        The survey export.
    config : Config, optional
        Mapping, theme settings and ``plan.theme_effort``.
    week : str, optional
        Report week (``YYYY-Www``); the latest in the data by default.
    lookback_weeks : int
        Weeks in the window, the report week included.
    model : ThemeModel, optional
        The theme model; built from the config when omitted.
    registry : str, optional
        Theme registry location (SQLite path or SQLAlchemy URL) that gives themes ids kept
        from week to week; by default the contact ledger's (``plan.ledger``); ``None`` for
        run-local ids. An undated survey has no week, so no registry is used.
    record : bool
        Record this week's themes in the registry (else only match them).
    read_only : bool
        Write nothing to the registry's database at all (a dry run): not even its tables or
        an upgrade of them; a registry that needs one leaves this run's own theme ids.

    Returns
    -------
    FindingsRun
        Findings, quick wins and notes.
    """
    from passives_lib.pipeline._theme_run import model_from_config

    config = config or Config()
    loaded = load_survey(path, config)
    responses = loaded.responses
    if responses["iso_week"].isna().all():
        if week:
            raise InputError(f"no response dates, so no week {week} to report on", path=path)
        week, window = UNDATED, responses.reset_index(drop=True)
    else:
        week = week or str(responses["iso_week"].dropna().max())
        window = report_window(responses, week, lookback_weeks)
    if window.empty:
        raise InputError(f"no responses in the {lookback_weeks} weeks up to {week}", path=path)
    model = model or model_from_config(config)
    location = config.plan.ledger if registry is USE_CONFIG else registry
    codebook = config.themes.codebook
    seeded = seed_codebook(model, codebook, week, location) if record else None
    known = registry_in_use(location, week)
    codebook_line = seeded or codebook_note(codebook, week, location, known)
    history: list[str] = []
    if week != UNDATED and not known and not codebook:  # nothing else anchors this run
        history = history_before(responses, window, config.themes.seed_comments)
    fit_themes(model, window["comment"].tolist(), week, location, codebook, history)
    themes, labels, registry_note = stable_themes(model, week, location, record, read_only)
    if codebook_line:  # the codebook anchored this run itself: say what it found
        codebook_line += f"; {codebook_found(themes, codebook)}"
    elif known and location is not None:
        codebook_line = codebook_left_out(codebook, location)
    window["theme_id"] = labels
    assignments = pd.DataFrame(
        {
            "respondent_id": window["respondent_id"],
            "theme_id": labels,
            "theme_ids": stable_theme_ids(model, themes),
            "similarity": model.similarity_,
        }
    )
    findings = theme_findings(
        window.drop(columns="theme_id"),
        assignments,
        week,
        themes,
        opinions=quoted_opinions(model, themes, window["respondent_id"]),
    )
    members = window[window["theme_id"] >= 0]
    efforts = theme_efforts(
        themes,
        members[["theme_id", "category"]],
        config.plan.theme_effort,
        issue_kinds(config.plan.issue_kinds),
    )
    # Ids as whole numbers on both sides, also when the window has no theme (no real comment).
    findings["theme_id"] = findings["theme_id"].astype("int64")
    efforts = efforts.astype({"theme_id": "int64"})
    findings = findings.merge(efforts, on="theme_id", how="left")
    if "is_new" in themes:
        new = themes.loc[themes["theme_id"] >= 0, ["theme_id", "is_new"]]
        findings = findings.merge(
            new.rename(columns={"is_new": "new_this_week"}), on="theme_id", how="left"
        )
    unhappy = int(((window["category"] != "promoter") & (window["theme_id"] != -2)).sum())
    fixed = fixed_themes(config.plan.ledger if registry is USE_CONFIG else registry)
    findings["fixed_on"] = fixed_dates(findings, fixed)
    wins, notes = quick_wins(findings, len(window), unhappy, efforts, fixed=fixed)
    span = f"{lookback_weeks} weeks up to {week}"
    span = "every response (no dates)" if week == UNDATED else span
    notes = [
        f"window: {span} ({len(window)} responses); {model.n_themes_} themes ({model.method_})",
        TREND_RULE,
        MULTI_THEME_RULE,
        "NPS impact: NPS of all respondents minus NPS without the theme's respondents, "
        "95% bootstrap interval (400 resamples)",
        *notes,
    ]
    if history:
        notes.append(
            f"themes learnt from the window and the {len(history)} comments before it: the "
            f"window holds fewer than themes.seed_comments ({config.themes.seed_comments}) "
            "and no theme is recorded yet; counts and findings are the window's"
        )
    if (~efforts["effort_source"].str.startswith("config")).any():
        notes.append(f"theme effort: {DEFAULT_EFFORT_RULE}")
    notes += [codebook_line, registry_note] if codebook_line else [registry_note]
    return FindingsRun(week, window, findings, wins, model, loaded, notes, themes)


def quoted_opinions(
    model: ThemeModel, themes: pd.DataFrame, respondents: pd.Series
) -> pd.DataFrame | None:
    """The opinion that put each comment in each of its themes, in the theme table's ids.

    Parameters
    ----------
    model : ThemeModel
        Fitted on the window's comments, in order (``theme_opinions_``).
    themes : pandas.DataFrame
        The theme table; with ``run_theme_id`` the run's ids become the stable ones.
    respondents : pandas.Series
        Each comment's respondent id, in the order given to ``fit``.

    Returns
    -------
    pandas.DataFrame or None
        ``respondent_id``, ``theme_id``, ``opinion``, ``polarity``, ``similarity``; None when
        the model has no opinions (quotes are then whole comments).
    """
    opinions = getattr(model, "theme_opinions_", None)
    if opinions is None:
        return None
    stable: dict[int, int] = {}
    if "run_theme_id" in themes:
        stable = dict(zip(themes["run_theme_id"], themes["theme_id"], strict=True))
    ids = respondents.to_numpy()
    return opinions.assign(
        respondent_id=ids[opinions["row"].to_numpy(dtype=int)],
        theme_id=[stable.get(t, t) for t in opinions["theme_id"].tolist()],
    ).drop(columns="row")


def fixed_themes(location: str | None) -> pd.DataFrame | None:
    """The themes marked fixed in the contact ledger there (None without a ledger file).

    Parameters
    ----------
    location : str, optional
        The ledger: a SQLite path or an SQLAlchemy URL.

    Returns
    -------
    pandas.DataFrame or None
        ``theme``, ``fixed_at``, ``note``.
    """
    if not location or ("://" not in location and not Path(location).is_file()):
        return None
    from passives_lib.store import ContactLedger, can_write

    read_only = "://" not in location and not can_write(Path(location))  # a read-only ledger
    with ContactLedger(location, read_only=read_only) as ledger:
        return ledger.fixed_themes()


def write_findings(run: FindingsRun, out_dir: str | Path) -> dict[str, Path]:
    """Write ``findings.csv`` and ``quick_wins.csv`` (lists joined with ``" | "``).

    Columns are named as in every CSV of the project (``theme_label``, ``theme_effort``,
    ``win_score``: :data:`passives_lib.core.CSV_NAMES`).

    Parameters
    ----------
    run : FindingsRun
        From :func:`run_findings`.
    out_dir : str or Path
        Folder, created if needed.

    Returns
    -------
    dict of str to Path
        ``findings`` and ``quick_wins``.
    """
    out_dir = Path(out_dir)
    findings = run.findings.copy()
    findings["quotes"] = findings["quotes"].map(" | ".join)
    wins = run.quick_wins.copy()
    wins["quotes"] = wins["quotes"].map(" | ".join)
    findings = findings.round(4).rename(columns=CSV_NAMES["findings"])
    wins = wins.rename(columns=CSV_NAMES["quick_wins"])
    return {
        "findings": write_csv(findings, out_dir / "findings.csv"),
        "quick_wins": write_csv(wins, out_dir / "quick_wins.csv"),
    }
