"""An interactive explorer of the passives: filter, re-weight the strategies, export the calls.

:class:`PassivesExplorer` holds ipywidgets and the logic behind them. Every widget can be set
from code (``explorer.segment.value = ("Enterprise",)``) and the rendered HTML read back
(``explorer.table.value``), so the explorer is tested without a browser. Customers' words are
masked for personal data and HTML-escaped before they are shown; the call list is written with
:func:`~passives_lib.write_csv`, which neutralises spreadsheet formulas.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from passives_lib.core._csv_out import write_csv
from passives_lib.core._errors import PassivesError
from passives_lib.core._plan_settings import PROFILES, STRATEGIES, PlanSettings
from passives_lib.core._privacy import mask_personal_data
from passives_lib.core._vocabulary import CSV_NAMES
from passives_lib.outreach._briefs import fixed_theme_dates
from passives_lib.outreach._explorer_html import briefs_html, safe_html, table_html
from passives_lib.outreach._priority import prioritise
from passives_lib.outreach._worklist import (
    WORKLIST_COLUMNS,
    passive_pool,
    record_change,
    worklist,
)
from passives_lib.store import ContactLedger
from passives_lib.survey._classify import LEANS

ALL_THEMES = "All themes"
NO_DATES = "(no dates)"
QUOTES = 3
NOT_CONTACTED_ONLY, EVERYONE = "not contacted", "everyone"
LEDGER_STATUSES_SHOWN = ("contacted", "no_answer", "responded", "converted", "declined")
EXPORT_COLUMNS = [
    "respondent_id",
    *(f"strategy_{s}" for s in STRATEGIES),
    "priority",
    "reason",
    "score",
    "lean",
    "segment",
    "lifetime_value",
    "contact",
    "days_uncontacted",
    "owner",
    "theme_label",
    "theme_effort",
    "iso_week",
    "responded_at",
    "comment",
]


class PassivesExplorer:
    """Filter the passives, re-rank them with strategy weights, and export the call list.

    Parameters
    ----------
    responses : pandas.DataFrame
        Classified responses (``LoadedSurvey.responses``, or any frame passed through
        :func:`~passives_lib.add_classification`); only the passives are explored.
    themes : pandas.DataFrame, optional
        Theme of each respondent (``respondent_id``, ``theme_id``, ``theme_label``,
        ``theme_keywords``, ``theme_effort``) as returned by ``respondent_themes``.
    settings : PlanSettings, optional
        Profile, capacity and segment weights to start from (``config.plan``).
    export_dir : str or Path
        Folder the export button writes the call list to.
    theme_table : pandas.DataFrame, optional
        :attr:`ThemeModel.themes_` (``theme_id``, ``label``, ``keywords``, ``size``,
        ``representative_comments``) for the drill-down; without it a theme's size and quotes
        come from the passives in it.

    Attributes
    ----------
    passives_ : pandas.DataFrame
        The passives with their theme and comment sentiment, computed once.
    sliders : dict of str to ipywidgets.FloatSlider
        One weight slider per strategy.
    table, drilldown, status : ipywidgets.HTML
        The rendered call list, the selected theme, and the last export's outcome.
    notes_ : list of str
        Notes of the last ranking (strategies left out, weights used).
    """

    def __init__(
        self,
        responses: pd.DataFrame,
        themes: pd.DataFrame | None = None,
        settings: PlanSettings | None = None,
        export_dir: str | Path = "reports/explorer",
        theme_table: pd.DataFrame | None = None,
        ledger: str | None = None,
    ) -> None:
        self.settings = settings or PlanSettings()
        self.export_dir = Path(export_dir)
        self.theme_table = theme_table
        self.ledger = ledger
        self.passives_ = worklist(passive_pool(responses, themes), ledger)
        self.notes_: list[str] = []
        self._holding = False
        pool = self.passives_
        self._make_filters(pool)
        self._make_ranking_controls(pool)
        self._make_ledger_controls(ledger)
        self.export_button = widgets.Button(description="Export call list", icon="download")
        self.summary, self.table = widgets.HTML(), widgets.HTML()
        self.drilldown, self.status = widgets.HTML(), widgets.HTML()
        self.briefs = widgets.HTML()
        themed = "theme_id" in self.passives_
        self._fixed = fixed_theme_dates(self.passives_, _fixed_themes(ledger)) if themed else {}
        self._wire()
        self.refresh()

    def _make_filters(self, pool: pd.DataFrame) -> None:
        """Segment, lean, status, who to show, theme and weeks."""
        self.segment = _multi("Segment", _distinct(pool, "segment"))
        self.lean = _multi("Lean", list(LEANS))
        self.contact_status = _multi("Status", _distinct(pool, "contact"))
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

    def _make_ranking_controls(self, pool: pd.DataFrame) -> None:
        """The profile, a slider per strategy, and the capacity."""
        profile = self.settings.profile if self.settings.profile in PROFILES else "balanced"
        self.profile = widgets.Dropdown(
            description="Profile", options=list(PROFILES), value=profile
        )
        start = PROFILES[profile] | self.settings.weights
        self.sliders = {
            name: widgets.FloatSlider(
                description=name,
                value=start[name],
                min=0.0,
                max=3.0,
                step=0.1,
                continuous_update=False,
            )
            for name in STRATEGIES
        }
        self.capacity = widgets.IntSlider(
            description="Capacity",
            value=self.settings.capacity,
            min=0,
            max=max(len(pool), self.settings.capacity, 1),
            continuous_update=False,
        )

    def _make_ledger_controls(self, ledger: str | None) -> None:
        """A status change or note for one respondent, saved to the ledger."""
        self.change_id, self.change_note = (
            widgets.Text(description="Respondent"),
            widgets.Text(description="Note"),
        )
        self.change_status = widgets.Dropdown(description="Status", options=LEDGER_STATUSES_SHOWN)
        self.save_button = widgets.Button(description="Save to ledger", disabled=ledger is None)

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
        self.profile.observe(self._profile_changed, names="value")
        self.export_button.on_click(self.export_call_list)
        self.save_button.on_click(self.save_change)

    def weights(self) -> dict[str, float]:
        """The strategy weights the sliders hold."""
        return {name: float(slider.value) for name, slider in self.sliders.items()}

    def filtered(self) -> pd.DataFrame:
        """The passives that pass every filter.

        An empty multiple selection does not filter; the week range filters only when it is
        narrower than all weeks (responses without a date are then left out).

        Returns
        -------
        pandas.DataFrame
            Rows of :attr:`passives_`.
        """
        pool = self.passives_
        keep = pd.Series(True, index=pool.index)
        for name, column in (
            ("segment", "segment"),
            ("lean", "lean"),
            ("contact_status", "contact"),
        ):
            chosen = getattr(self, name).value
            if chosen and column in pool:
                keep &= pool[column].isin(chosen)
        if self.show.value == NOT_CONTACTED_ONLY:
            keep &= pool["contact"].eq("not_contacted")
        if self.theme.value != ALL_THEMES:
            keep &= pool["theme_id"].eq(self.theme.value).fillna(False).astype(bool)
        if not self.weeks.disabled and self.weeks.index != (0, len(self.weeks.options) - 1):
            first, last = self.weeks.value
            weeks = pool["iso_week"].astype("string")
            keep &= weeks.between(first, last).fillna(False).astype(bool)
        return pool[keep]

    def ranked(self) -> pd.DataFrame:
        """The filtered passives ranked with the sliders' weights, highest priority first.

        Returns
        -------
        pandas.DataFrame
            As :func:`~passives_lib.prioritise` returns it: ``strategy_*`` columns,
            ``priority`` and ``reason``.
        """
        settings = replace(
            self.settings,
            profile=self.profile.value,
            weights=self.weights(),
            capacity=int(self.capacity.value),
        )
        ranked, self.notes_ = prioritise(self.filtered(), settings)
        return ranked

    def call_list(self) -> pd.DataFrame:
        """The top ``capacity`` rows of :meth:`ranked` that may be proposed.

        Never anyone awaiting an answer, converted or declined (ledger or export), whatever
        the filters.
        """
        ranked = self.ranked()
        return ranked[ranked["proposable"].astype(bool)].head(int(self.capacity.value))

    def save_change(self, _button: Any = None) -> None:
        """Write the status and note typed in the explorer to the ledger, then reload it."""
        if self.ledger is None:
            return
        try:
            record_change(
                self.ledger,
                self.change_id.value,
                self.change_status.value,
                self.change_note.value or None,
            )
        except PassivesError as error:
            self.status.value = html.escape(f"Not saved: {error}")
            return
        self.passives_ = worklist(self.passives_.drop(columns=WORKLIST_COLUMNS), self.ledger)
        self.refresh()
        self.status.value = html.escape(
            f"Saved {self.change_status.value} for {self.change_id.value}"
        )

    def export_call_list(self, _button: Any = None) -> Path:
        """Write the current call list as CSV into ``export_dir``.

        Parameters
        ----------
        _button : ipywidgets.Button, optional
            Passed by the button's click handler; ignored.

        Returns
        -------
        Path
            ``call_list_<first week>_<last week>.csv`` (``call_list_all_weeks.csv`` without
            dates); comments are masked and formulas neutralised.
        """
        calls = self.call_list()
        frame = calls[[c for c in EXPORT_COLUMNS if c in calls]].copy()
        frame.insert(0, "rank", range(1, len(frame) + 1))
        if "comment" in frame:
            frame["comment"] = frame["comment"].map(mask_personal_data)
        if "responded_at" in frame:
            frame["responded_at"] = pd.to_datetime(frame["responded_at"]).dt.strftime("%Y-%m-%d")
        frame = frame.rename(columns=CSV_NAMES["responses"])
        path = write_csv(frame, self.export_dir / self._export_name())
        self.status.value = html.escape(f"Wrote {len(frame)} call(s) to {path}")
        return path

    def refresh(self) -> None:
        """Re-render the call list and the theme drill-down."""
        calls = self.call_list()
        self.summary.value = html.escape(
            f"{len(self.filtered())} passive(s) match the filters; the top {len(calls)} "
            f"(capacity {self.capacity.value}) are shown."
        )
        self.table.value = table_html(calls)
        self.briefs.value = briefs_html(calls, self._fixed)
        self.drilldown.value = self._drilldown_html()

    def widget(self) -> widgets.Widget:
        """The whole explorer: filters, weights, and a tab for the calls and the themes."""
        filters = widgets.VBox(
            [
                self.show,
                widgets.HBox([self.segment, self.lean, self.contact_status]),
                self.theme,
                self.weeks,
            ]
        )
        change = widgets.HBox(
            [self.change_id, self.change_status, self.change_note, self.save_button]
        )
        weights = widgets.VBox([self.profile, *self.sliders.values(), self.capacity])
        calls = widgets.VBox(
            [self.summary, self.table, change, widgets.HBox([self.export_button, self.status])]
        )
        tabs = widgets.Tab(children=[calls, self.briefs, self.drilldown])
        tabs.titles = ("Call list", "Call briefs", "Theme drill-down")
        return widgets.VBox([widgets.HBox([filters, weights]), tabs])

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

    def _theme_options(self) -> list[tuple[str, Any]]:
        pool = self.passives_
        themed = pool.dropna(subset=["theme_id"])
        counts = themed.groupby("theme_id")["theme_label"].agg(["first", "size"])
        return [(ALL_THEMES, ALL_THEMES)] + [
            (f"{label} ({size} passives)", int(theme_id))
            for theme_id, (label, size) in counts.sort_index().iterrows()
        ]

    def _export_name(self) -> str:
        if self.weeks.disabled:
            return "call_list_all_weeks.csv"
        first, last = self.weeks.value
        return f"call_list_{first}.csv" if first == last else f"call_list_{first}_{last}.csv"

    def _drilldown_html(self) -> str:
        pool = self.passives_
        if self.theme.value == ALL_THEMES:
            if not pool["theme_id"].notna().any():
                return "<p>No themes were modelled.</p>"
            overview = (
                pool.dropna(subset=["theme_id"])
                .groupby(["theme_id", "theme_label"], dropna=False)
                .size()
                .rename("passives")
                .reset_index()
            )
            return "<p>Pick a theme to see its keywords and quotes.</p>" + overview.to_html(
                escape=True, index=False
            )
        theme_id = self.theme.value
        members = pool[pool["theme_id"] == theme_id]
        label, keywords = members["theme_label"].iloc[0], members["theme_keywords"].iloc[0]
        size, quotes = len(members), _frequent(members["comment"])
        if self.theme_table is not None and theme_id in set(self.theme_table["theme_id"]):
            row = self.theme_table.set_index("theme_id").loc[theme_id]
            size, quotes = int(row["size"]), list(row["representative_comments"])[:QUOTES]
        keywords = keywords if isinstance(keywords, list | tuple) else []
        items = "".join(f"<li>{safe_html(q)}</li>" for q in quotes)
        return (
            f"<h4>{safe_html(label)}</h4><p>Size: {size} comment(s); {len(members)} "
            f"passive(s) in this theme.</p><p>Keywords: "
            f"{safe_html(', '.join(map(str, keywords))) or '(none)'}</p>"
            f"<p>Representative quotes:</p><ul>{items}</ul>"
        )


def _fixed_themes(ledger: str | None) -> pd.DataFrame:
    """The themes marked fixed in the ledger (none without one)."""
    if ledger is None or ("://" not in ledger and not Path(ledger).is_file()):
        return pd.DataFrame(columns=["theme", "fixed_at"])
    with ContactLedger(ledger, read_only=True) as store:
        return store.fixed_themes()


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


def _frequent(comments: pd.Series) -> list[str]:
    """The most frequent non-empty comments (a fallback for representative quotes)."""
    texts = comments[comments.str.strip() != ""]
    return texts.value_counts(sort=True).index[:QUOTES].tolist()
