"""What the worklist (``passives explore``) shows, read from files and the ledger.

The explorer itself opens nothing: this module loads the week's run (the report's themes:
the same window, the same fit and the registry's stable ids and names, matched and not
recorded) and gives the explorer a :class:`LedgerWorklist`, which reads the ledger's history
and records statuses and notes by one author.
"""

from __future__ import annotations

import getpass
import html
import io
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from passives_lib.config import Config, load_config
from passives_lib.core import InputError, LedgerError, PassivesError
from passives_lib.outreach import ContactHistory, PassivesExplorer
from passives_lib.pipeline._plan_run import fitted_respondent_themes
from passives_lib.pipeline._weekly import run_weekly
from passives_lib.store import ContactLedger, registry_has_themes
from passives_lib.survey import load_survey
from passives_lib.themes import ThemeModel

EXPLORER_SOURCE = "explorer"


@dataclass
class WorklistRun:
    """The week the worklist shows.

    Attributes
    ----------
    week : str or None
        The week shown (the latest in the data unless one was asked for); ``None`` for a
        survey without dates (every passive is shown).
    responses : pandas.DataFrame
        The survey's classified responses (the explorer keeps the week's passives).
    themes : pandas.DataFrame or None
        Per respondent of the report window: ``theme_id``, ``theme_label`` (the registry's
        names), ``theme_keywords``, ``theme_effort``; ``None`` without themes.
    theme_table : pandas.DataFrame or None
        The report's theme table (``theme_id``, ``label``, ``keywords``, ``size``,
        ``representative_comments``).
    """

    week: str | None
    responses: pd.DataFrame
    themes: pd.DataFrame | None = None
    theme_table: pd.DataFrame | None = None


def load_worklist(
    path: str | Path,
    config: Config,
    week: str | None = None,
    *,
    with_themes: bool = True,
    lookback_weeks: int = 13,
    model: ThemeModel | None = None,
) -> WorklistRun:
    """Load the survey and the week's themes as the report has them.

    Parameters
    ----------
    path : str or Path
        The survey export.
    config : Config
        Mapping, theme and plan settings; ``plan.ledger`` must exist.
    week : str, optional
        ``YYYY-Www``; the latest week in the data by default.
    with_themes : bool
        Fit the window's themes (the report's fit) and give them the registry's ids.
    lookback_weeks : int
        The report window, as ``passives report`` uses it.
    model : ThemeModel, optional
        The (unfitted) theme model; the config's, as the report builds it, by default.

    Returns
    -------
    WorklistRun
        The week (``None`` for a survey without dates: then every passive is shown), the
        responses and their themes.

    Raises
    ------
    LedgerError
        If the ledger named by ``plan.ledger`` does not exist (no empty one is made).
    InputError
        If a week is asked of a survey without dates.
    """
    check_ledger(config.plan.ledger)
    if not with_themes:
        loaded = load_survey(path, config)
        dates = loaded.responses["iso_week"].dropna()
        if dates.empty and week:
            raise InputError(f"no response dates, so no week {week} to show", path=path)
        return WorklistRun(week or (str(dates.max()) if len(dates) else None), loaded.responses)
    known = registry_has_themes(config.plan.ledger)  # recorded by the report or findings
    run = run_weekly(
        path,
        config,
        week,
        lookback_weeks=lookback_weeks,
        model=model,
        dry_run=True,
        registry=config.plan.ledger if known else None,
        record_themes=False,
    )
    table = run.findings.themes if run.findings.themes is not None else run.model.themes_
    if run.plan is not None:
        return WorklistRun(run.week, run.loaded.responses, run.plan.themes, table)
    window = run.findings.window  # undated: every response, themes as the findings have them
    labels = window["theme_id"].to_numpy()
    themes, _ = fitted_respondent_themes(window, run.model, table, labels, "", config)
    return WorklistRun(None, run.loaded.responses, themes, table)


def check_ledger(location: str) -> None:
    """Refuse a ledger path that does not exist (a typo must not start an empty ledger).

    Parameters
    ----------
    location : str
        A SQLite file path or an SQLAlchemy URL (a URL is checked when it is opened).

    Raises
    ------
    LedgerError
        If the SQLite file is missing.
    """
    if "://" not in location and not Path(location).is_file():
        raise LedgerError(
            f"expected a contact ledger at {location} (plan.ledger); found no file there. "
            "`passives plan` or `passives report` creates it; check the path in the config"
        )


class LedgerWorklist:
    """The contact ledger as the explorer uses it: history in, statuses and notes out.

    Each call opens the ledger briefly, so several pages (and other commands) share it.

    Parameters
    ----------
    location : str
        The ledger: an existing SQLite file or an SQLAlchemy URL.
    author : str
        Who records through this object (``passives explore --user``).

    Raises
    ------
    LedgerError
        If the SQLite file does not exist or the author is blank.
    """

    def __init__(self, location: str, author: str) -> None:
        check_ledger(location)
        if not author or not author.strip():
            raise LedgerError("expected the name of who records notes (--user); found none")
        self.location = location
        self.author = author.strip()

    def history(self) -> ContactHistory:
        """Assignments, status events (with ``note`` and ``author``) and fixed themes."""
        with ContactLedger(self.location) as ledger:
            return ContactHistory(ledger.assignments(), ledger.events(), ledger.fixed_themes())

    def record(self, respondent_id: str, status: str, note: str | None) -> None:
        """Record a status and note now, with source ``explorer`` and :attr:`author`.

        Raises
        ------
        LedgerError
            If the status is unknown, the note too long or the change impossible.
        """
        with ContactLedger(self.location) as ledger:
            ledger.record_status(
                respondent_id,
                status,
                datetime.now(UTC),
                note,
                EXPLORER_SOURCE,
                author=self.author,
            )


def worklist_author(user: str | None = None) -> str:
    """Who records notes: the signed-in user of ``passives explore``, else ``user``, else the login.

    ``passives explore`` starts each page's kernel with ``PASSIVES_USER`` set to the user
    whose token opened the page.

    Examples
    --------
    >>> worklist_author("ana") if "PASSIVES_USER" not in os.environ else "ana"
    'ana'
    """
    return os.environ.get("PASSIVES_USER") or user or getpass.getuser()


def explorer_page(
    input_path: str | Path,
    config_path: str | Path | None,
    week: str | None = None,
    *,
    with_themes: bool = True,
    user: str | None = None,
) -> Any:
    """The worklist page: the explorer's widget, or one line saying what is wrong.

    Nothing the loading prints or logs reaches the page.

    Parameters
    ----------
    input_path, config_path : str or Path
        The survey export and the config.
    week : str, optional
        The week; the latest by default.
    with_themes : bool
        Show the report's themes.
    user : str, optional
        The author of notes (see :func:`worklist_author`).

    Returns
    -------
    ipywidgets.Widget
        The explorer, or an HTML line ``error: ...``.
    """
    import ipywidgets as widgets

    try:
        with _quiet():
            config = load_config(config_path)
            run = load_worklist(input_path, config, week, with_themes=with_themes)
            ledger = LedgerWorklist(config.plan.ledger, worklist_author(user))
            explorer = PassivesExplorer(
                run.responses,
                run.themes,
                config.plan,
                theme_table=run.theme_table,
                ledger=ledger,
                week=run.week,
            )
    except PassivesError as error:
        return widgets.HTML(html.escape(f"error: {error}"))
    return explorer.widget()


@contextmanager
def _quiet() -> Iterator[None]:
    """Print, log and warn nothing (a page is not a console)."""
    sink = io.StringIO()
    with redirect_stdout(sink), redirect_stderr(sink), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        previous = logging.root.manager.disable
        logging.disable(logging.CRITICAL)
        try:
            yield
        finally:
            logging.disable(previous)
