"""An interactive explorer of the week's passives: filter, re-weight, record, export the calls.

:class:`PassivesExplorer` holds ipywidgets; the rules behind them are the pure functions of
``_explorer_state`` over an :class:`ExplorerState` built from the widgets' values. Every
widget can be set from code (``explorer.segment.value = ("Enterprise",)``) and the rendered
HTML read back (``explorer.table.value``), so the explorer is tested without a browser.
Customers' words are masked for personal data and HTML-escaped before they are shown. The
explorer opens no file or database: the contact ledger comes in as a
:class:`~passives_lib.outreach.WorklistLedger`, and the export is a download in the browser.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from passives_lib.config import PROFILES, STRATEGIES, PlanSettings
from passives_lib.core import PassivesError
from passives_lib.outreach._briefs import fixed_theme_dates
from passives_lib.outreach._explorer_html import briefs_html, drilldown_html, table_html
from passives_lib.outreach._explorer_state import (
    EVERYONE,
    NOT_CONTACTED_ONLY,
    ExplorerState,
    call_list,
    download_link,
    export_frame,
    export_name,
    filter_pool,
    rank_pool,
)
from passives_lib.outreach._plan import ContactHistory
from passives_lib.outreach._worklist import WorklistLedger, passive_pool, worklist
from passives_lib.survey import LEANS

__all__ = ["ALL_THEMES", "EVERYONE", "NOT_CONTACTED_ONLY", "PassivesExplorer"]

ALL_THEMES = "All themes"
NO_DATES = "(no dates)"
LEDGER_STATUSES_SHOWN = ("contacted", "no_answer", "responded", "converted", "declined")


class PassivesExplorer:
    """Filter the week's passives, re-rank them with strategy weights, record, export.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified responses (``LoadedSurvey.responses``, or any frame passed through
        :func:`~passives_lib.add_classification`); only the passives are explored.
    themes : pandas.DataFrame, optional
        Theme of each respondent (``respondent_id``, ``theme_id``, ``theme_label``,
        ``theme_keywords``, ``theme_effort``): the report's, as the pipeline's
        ``load_worklist`` gives them.
    settings : PlanSettings, optional
        Profile, capacity, backlog and segment weights to start from (``config.plan``).
    theme_table : pandas.DataFrame, optional
        The report's theme table (``theme_id``, ``label``, ``keywords``, ``size``,
        ``representative_comments``) for the drill-down.
    ledger : WorklistLedger, optional
        The contact ledger (history in, statuses and notes out, by its ``author``); without
        it the export's ``contact_status`` is all there is and nothing can be saved.
    week : str, optional
        The week whose pool is explored (answers of the ``settings.backlog_weeks`` weeks up
        to it); every passive when omitted.

    Attributes
    ----------
    passives_ : pandas.DataFrame
        The worklist: the passives with their theme, sentiment and ledger columns.
    sliders : dict of str to ipywidgets.FloatSlider
        One weight slider per strategy.
    table, drilldown, status, download : ipywidgets.HTML
        The call list, the selected theme, the last save's outcome and the export link.
    notes_ : list of str
        Notes of the last ranking (strategies left out, weights used).
    """

    def __init__(
        self,
        responses: pd.DataFrame,
        themes: pd.DataFrame | None = None,
        settings: PlanSettings | None = None,
        theme_table: pd.DataFrame | None = None,
        ledger: WorklistLedger | None = None,
        week: str | None = None,
    ) -> None:
        self.settings = settings or PlanSettings()
        self.theme_table = theme_table
        self.ledger = ledger
        self.week = week
        self._base = passive_pool(responses, themes, week, self.settings.backlog_weeks)
        self._history = ledger.history() if ledger is not None else None
        self.passives_ = worklist(self._base, self._history)
        self.notes_: list[str] = []
        self._holding = False
        start = ExplorerState.from_settings(self.settings)
        self._make_filters(self.passives_)
        self._make_ranking_controls(self.passives_, start)
        self._make_ledger_controls()
        self.export_button = widgets.Button(description="Export call list", icon="download")
        self.header, self.summary = widgets.HTML(self._header_html()), widgets.HTML()
        self.table, self.drilldown = widgets.HTML(), widgets.HTML()
        self.status, self.download, self.briefs = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self._wire()
        self.refresh()

    def _make_filters(self, pool: pd.DataFrame) -> None:
        """Segment, lean, status, owner, who to show, theme and weeks."""
        self.segment = _multi("Segment", _distinct(pool, "segment"))
        self.lean = _multi("Lean", list(LEANS))
        self.contact_status = _multi("Status", _distinct(pool, "contact"))
        self.owner = _multi("Owner", _distinct(pool, "owner"))  # a caller's own worklist
        self.show = widgets.ToggleButtons(
            description="Show", options=[NOT_CONTACTED_ONLY, EVERYONE], value=NOT_CONTACTED_ONLY
        )
        self.theme = widgets.Dropdown(description="Theme", options=self._theme_options())
        weeks = _distinct(pool, "iso_week") or [NO_DATES]
        self.weeks = widgets.SelectionRangeSlider(
            description="Weeks",
            options=weeks,
            index=(0, len(weeks) - 1),
            disabled=weeks == [NO_DATES],
            layout=widgets.Layout(width="480px"),
        )

    def _make_ranking_controls(self, pool: pd.DataFrame, start: ExplorerState) -> None:
        """The profile, a slider per strategy, and the capacity."""
        self.profile = widgets.Dropdown(
            description="Profile", options=list(PROFILES), value=start.profile
        )
        self.sliders = {
            name: widgets.FloatSlider(
                description=name,
                value=start.weights[name],
                min=0.0,
                max=3.0,
                step=0.1,
                continuous_update=False,
            )
            for name in STRATEGIES
        }
        self.capacity = widgets.IntSlider(
            description="Capacity",
            value=start.capacity,
            min=0,
            max=max(len(pool), start.capacity, 1),
            continuous_update=False,
        )

    def _make_ledger_controls(self) -> None:
        """A status change and note for one respondent, saved to the ledger."""
        self.change_id = widgets.Text(description="Respondent")
        self.change_note = widgets.Textarea(description="Note", rows=2)
        self.change_status = widgets.Dropdown(description="Status", options=LEDGER_STATUSES_SHOWN)
        self.save_button = widgets.Button(
            description="Save to ledger", disabled=self.ledger is None
        )

    def _wire(self) -> None:
        """Re-rank when a control changes; export and save on their buttons."""
        for control in (
            self.segment,
            self.lean,
            self.contact_status,
            self.show,
            self.theme,
            self.weeks,
            self.capacity,
            *self.sliders.values(),
        ):
            control.observe(self._changed, names="value")
        self.owner.observe(self._owner_changed, names="value")
        self.profile.observe(self._profile_changed, names="value")
        self.export_button.on_click(self.export_call_list)
        self.save_button.on_click(self.save_change)

    def state(self) -> ExplorerState:
        """What the widgets hold, as an :class:`ExplorerState`."""
        weeks = None
        if not self.weeks.disabled and self.weeks.index != (0, len(self.weeks.options) - 1):
            weeks = tuple(self.weeks.value)
        return ExplorerState(
            segments=tuple(self.segment.value),
            leans=tuple(self.lean.value),
            statuses=tuple(self.contact_status.value),
            owners=tuple(self.owner.value),
            show=self.show.value,
            theme=None if self.theme.value == ALL_THEMES else int(self.theme.value),
            weeks=weeks,
            profile=self.profile.value,
            weights=self.weights(),
            capacity=int(self.capacity.value),
        )

    def weights(self) -> dict[str, float]:
        """The strategy weights the sliders hold."""
        return {name: float(slider.value) for name, slider in self.sliders.items()}

    def filtered(self) -> pd.DataFrame:
        """The passives that pass every filter (:func:`filter_pool` of :meth:`state`)."""
        return filter_pool(self.passives_, self.state())

    def ranked(self) -> pd.DataFrame:
        """The filtered passives ranked with the sliders' weights, highest priority first."""
        ranked, self.notes_ = rank_pool(self.passives_, self.state(), self.settings)
        return ranked

    def call_list(self) -> pd.DataFrame:
        """The top ``capacity`` ranked passives that may be proposed (:func:`call_list`)."""
        return call_list(self.passives_, self.state(), self.settings)

    def save_change(self, _button: Any = None) -> None:
        """Record the status and note typed in the explorer in the ledger, then reload it."""
        if self.ledger is None:
            return
        respondent, status = self.change_id.value.strip(), self.change_status.value
        try:
            self.ledger.record(respondent, status, self.change_note.value or None)
            self._history = self.ledger.history()
        except PassivesError as error:
            self.status.value = html.escape(f"Not saved: {error}")
            return
        self.passives_ = worklist(self._base, self._history)
        self.change_note.value = ""
        self.refresh()
        self.status.value = html.escape(
            f"Saved {status} for {respondent} (by {self.ledger.author})"
        )

    def export_call_list(self, _button: Any = None) -> pd.DataFrame:
        """Offer the current call list as a CSV download in the page.

        Parameters
        ----------
        _button : ipywidgets.Button, optional
            Passed by the button's click handler; ignored.

        Returns
        -------
        pandas.DataFrame
            The rows offered (:func:`export_frame`): comments masked, formulas neutralised
            in the file.
        """
        frame = export_frame(self.call_list())
        self.download.value = download_link(frame, export_name(self.state(), self.week))
        return frame

    def refresh(self) -> None:
        """Re-render the call list, the briefs and the theme drill-down."""
        state = self.state()
        ranked, self.notes_ = rank_pool(self.passives_, state, self.settings)
        calls = ranked[ranked["proposable"].astype(bool)].head(state.capacity)
        self.summary.value = html.escape(
            f"{len(filter_pool(self.passives_, state))} passive(s) match the filters; the top "
            f"{len(calls)} (capacity {state.capacity}) are shown."
        )
        self.table.value = table_html(calls)
        history = self._history or ContactHistory()
        themed = "theme_id" in self.passives_
        fixed = fixed_theme_dates(self.passives_, history.fixed_themes) if themed else {}
        self.briefs.value = briefs_html(calls, fixed)
        self.drilldown.value = drilldown_html(self.passives_, state.theme, self.theme_table)
        self.download.value = ""

    def widget(self) -> widgets.Widget:
        """The whole explorer: filters, weights, and a tab for the calls and the themes."""
        filters = widgets.VBox(
            [
                self.show,
                widgets.HBox([self.segment, self.lean, self.contact_status, self.owner]),
                self.theme,
                self.weeks,
            ]
        )
        change = widgets.HBox(
            [self.change_id, self.change_status, self.change_note, self.save_button]
        )
        weights = widgets.VBox([self.profile, *self.sliders.values(), self.capacity])
        export = widgets.HBox([self.export_button, self.download])
        calls = widgets.VBox([self.summary, self.table, change, self.status, export])
        tabs = widgets.Tab(children=[calls, self.briefs, self.drilldown])
        tabs.titles = ("Call list", "Call briefs", "Theme drill-down")
        return widgets.VBox([self.header, widgets.HBox([filters, weights]), tabs])

    def _header_html(self) -> str:
        weeks = _distinct(self.passives_, "iso_week")
        span = f" (answers of {weeks[0]} to {weeks[-1]})" if len(weeks) > 1 else ""
        title = f"Week {self.week}" if self.week else "All weeks"
        who = f"; statuses and notes are saved as {self.ledger.author}" if self.ledger else ""
        return html.escape(f"{title}: {len(self.passives_)} passive(s){span}{who}.")

    def _changed(self, _change: dict[str, Any]) -> None:
        if not self._holding:
            self.refresh()

    def _profile_changed(self, change: dict[str, Any]) -> None:
        self._holding = True
        try:
            for name, weight in PROFILES[change["new"]].items():
                self.sliders[name].value = weight
        finally:
            self._holding = False
        self.refresh()

    def _owner_changed(self, change: dict[str, Any]) -> None:
        """Show everyone once an owner is chosen: a caller's assigned people await answers."""
        if change["new"] and self.show.value == NOT_CONTACTED_ONLY:
            self._holding = True
            try:
                self.show.value = EVERYONE
            finally:
                self._holding = False
        self.refresh()

    def _theme_options(self) -> list[tuple[str, Any]]:
        themed = self.passives_.dropna(subset=["theme_id"])
        counts = themed.groupby("theme_id")["theme_label"].agg(["first", "size"])
        return [(ALL_THEMES, ALL_THEMES)] + [
            (f"{label} ({size} passives)", int(theme_id))
            for theme_id, (label, size) in counts.sort_index().iterrows()
        ]


def _multi(description: str, options: list[str]) -> widgets.SelectMultiple:
    return widgets.SelectMultiple(
        description=description,
        options=options,
        value=(),
        rows=min(max(len(options), 2), 6),
        disabled=not options,
    )


def _distinct(pool: pd.DataFrame, column: str) -> list[str]:
    return sorted(pool[column].dropna().astype(str).unique()) if column in pool else []
