"""The explorer's state and the pure functions over it: filter, rank, the call list, the export.

:class:`ExplorerState` holds what a user chose (filters, weights, capacity); nothing here
reads widgets, files or databases, so every rule is tested on small frames. The widgets of
:class:`~passives_lib.outreach.PassivesExplorer` only build a state and show what these
functions return.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from passives_lib.config import PROFILES, STRATEGIES, PlanSettings
from passives_lib.core import CSV_NAMES, NOT_CONTACTED, mask_personal_data, neutralise_formulas
from passives_lib.outreach._priority import prioritise

NOT_CONTACTED_ONLY, EVERYONE = "not contacted", "everyone"
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
    "theme_id",
    "theme_label",
    "theme_effort",
    "iso_week",
    "responded_at",
    "comment",
]


@dataclass(frozen=True)
class ExplorerState:
    """What the user chose in the explorer.

    Attributes
    ----------
    segments, leans, statuses, owners : tuple of str
        Keep these values of ``segment``, ``lean``, ``contact`` and ``owner`` (the caller or
        team the ledger assigned them to: a caller's own worklist); empty keeps all.
    show : str
        ``"not contacted"`` (the default) or ``"everyone"``.
    theme : int, optional
        Keep this theme id; ``None`` keeps all themes.
    weeks : tuple of (str, str), optional
        First and last ISO week kept (responses without a date are then left out); ``None``
        keeps every week.
    profile : str
        The priority profile the weights started from.
    weights : mapping of str to float
        Strategy weights (the profile's for strategies not given).
    capacity : int
        Calls on the call list.
    """

    segments: tuple[str, ...] = ()
    leans: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    show: str = NOT_CONTACTED_ONLY
    theme: int | None = None
    weeks: tuple[str, str] | None = None
    profile: str = "balanced"
    weights: Mapping[str, float] = field(default_factory=dict)
    capacity: int = 15

    @classmethod
    def from_settings(cls, settings: PlanSettings) -> ExplorerState:
        """The state a fresh explorer starts in: the plan's profile, weights and capacity.

        Examples
        --------
        >>> ExplorerState.from_settings(PlanSettings(capacity=3)).capacity
        3
        """
        profile = settings.profile if settings.profile in PROFILES else "balanced"
        weights = dict(PROFILES[profile] | settings.weights)
        return cls(profile=profile, weights=weights, capacity=settings.capacity)


def filter_pool(pool: pd.DataFrame, state: ExplorerState) -> pd.DataFrame:
    """The passives of ``pool`` that pass every filter of ``state``.

    Parameters
    ----------
    pool : pandas.DataFrame
        The worklist (:func:`~passives_lib.outreach.worklist`): ``contact``, ``segment``,
        ``lean``, ``owner``, ``theme_id``, ``iso_week``.
    state : ExplorerState
        The filters.

    Returns
    -------
    pandas.DataFrame
        Rows of ``pool``, in its order.

    Examples
    --------
    >>> pool = pd.DataFrame({"contact": ["not_contacted", "contacted"], "segment": ["A", "A"]})
    >>> everyone = ExplorerState(show="everyone")
    >>> len(filter_pool(pool, ExplorerState())), len(filter_pool(pool, everyone))
    (1, 2)
    >>> mine = pool.assign(owner=[None, "Dana Lee"])
    >>> filter_pool(mine, replace(everyone, owners=("Dana Lee",)))["contact"].tolist()
    ['contacted']
    """
    keep = pd.Series(True, index=pool.index)
    for chosen, column in (
        (state.segments, "segment"),
        (state.leans, "lean"),
        (state.statuses, "contact"),
        (state.owners, "owner"),
    ):
        if chosen and column in pool:
            keep &= pool[column].astype(str).isin(chosen)
    if state.show == NOT_CONTACTED_ONLY:
        keep &= pool["contact"].eq(NOT_CONTACTED)
    if state.theme is not None and "theme_id" in pool:
        keep &= pool["theme_id"].eq(state.theme).fillna(False).astype(bool)
    if state.weeks is not None and "iso_week" in pool:
        first, last = state.weeks
        weeks = pool["iso_week"].astype("string")
        keep &= weeks.between(first, last).fillna(False).astype(bool)
    return pool[keep]


def rank_pool(
    pool: pd.DataFrame, state: ExplorerState, settings: PlanSettings
) -> tuple[pd.DataFrame, list[str]]:
    """The filtered passives ranked with the state's weights, highest priority first.

    Parameters
    ----------
    pool : pandas.DataFrame
        The worklist.
    state : ExplorerState
        Filters, profile, weights and capacity.
    settings : PlanSettings
        The rest of the plan's settings (segment weights, ...).

    Returns
    -------
    tuple of (pandas.DataFrame, list of str)
        As :func:`~passives_lib.prioritise` returns them: ``strategy_*``, ``priority`` and
        ``reason`` columns; notes on the strategies left out and the weights used.
    """
    chosen = replace(
        settings, profile=state.profile, weights=dict(state.weights), capacity=state.capacity
    )
    return prioritise(filter_pool(pool, state), chosen)


def call_list(pool: pd.DataFrame, state: ExplorerState, settings: PlanSettings) -> pd.DataFrame:
    """The top ``state.capacity`` ranked passives that may be proposed.

    Never anyone awaiting an answer, converted or declined (``proposable`` false), whatever
    the filters.

    Parameters
    ----------
    pool : pandas.DataFrame
        The worklist, with ``proposable``.
    state : ExplorerState
        Filters, weights and capacity.
    settings : PlanSettings
        The plan's other settings.

    Returns
    -------
    pandas.DataFrame
        Ranked rows, at most ``state.capacity``.
    """
    ranked, _ = rank_pool(pool, state, settings)
    return ranked[ranked["proposable"].astype(bool)].head(int(state.capacity))


def export_frame(calls: pd.DataFrame) -> pd.DataFrame:
    """The call list as the export writes it: a rank, comments masked, CSV column names.

    Parameters
    ----------
    calls : pandas.DataFrame
        From :func:`call_list`.

    Returns
    -------
    pandas.DataFrame
        :data:`EXPORT_COLUMNS` that ``calls`` has, after ``rank``; ``nps_score`` as every
        CSV of the project names the score.
    """
    frame = calls[[c for c in EXPORT_COLUMNS if c in calls]].copy()
    frame.insert(0, "rank", range(1, len(frame) + 1))
    if "comment" in frame:
        frame["comment"] = frame["comment"].map(mask_personal_data)
    if "responded_at" in frame:
        frame["responded_at"] = pd.to_datetime(frame["responded_at"]).dt.strftime("%Y-%m-%d")
    return frame.rename(columns=CSV_NAMES["responses"])


def export_name(state: ExplorerState, week: str | None = None) -> str:
    """The export's file name: the week range chosen, else the worklist's week.

    Examples
    --------
    >>> export_name(ExplorerState(weeks=("2026-W45", "2026-W46")))
    'call_list_2026-W45_2026-W46.csv'
    >>> export_name(ExplorerState(), "2026-W46")
    'call_list_2026-W46.csv'
    """
    if state.weeks is not None:
        first, last = state.weeks
        return f"call_list_{first}.csv" if first == last else f"call_list_{first}_{last}.csv"
    return f"call_list_{week}.csv" if week else "call_list_all_weeks.csv"


def download_link(frame: pd.DataFrame, name: str) -> str:
    """An HTML link that downloads ``frame`` as CSV (formulas neutralised) in the browser.

    The file is made in the page, not on the server, so a colleague using a shared
    worklist gets it on their own machine.

    Examples
    --------
    >>> download_link(pd.DataFrame({"c": ["=1+1"]}), "x.csv")[:40]
    '<a download="x.csv" href="data:text/csv;'
    """
    text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\n")
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a download="{html.escape(name)}" href="data:text/csv;charset=utf-8;base64,'
        f'{encoded}">Download {html.escape(name)} ({len(frame)} call(s))</a>'
    )
