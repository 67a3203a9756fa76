"""The explorer's pure functions: filter, rank, call list and export over an ExplorerState."""

from __future__ import annotations

import base64
import re
from datetime import date

import pandas as pd
import pytest

from passives_lib.config import PROFILES, PlanSettings
from passives_lib.outreach import (
    ContactHistory,
    ExplorerState,
    call_list,
    filter_pool,
    rank_pool,
    week_passives,
    worklist,
)
from passives_lib.outreach._explorer_state import download_link, export_frame, export_name
from passives_lib.outreach._worklist import passive_pool
from tests.outreach.explorer_data import responses, themes


@pytest.fixture
def pool() -> pd.DataFrame:
    return worklist(passive_pool(responses(), themes()), None, as_of=date(2026, 2, 1))


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["respondent_id"])


def test_the_default_state_keeps_the_not_contacted(pool):
    assert ids(filter_pool(pool, ExplorerState())) == {"a", "c", "e"}
    assert ids(filter_pool(pool, ExplorerState(show="everyone"))) == {"a", "b", "c", "d", "e"}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ExplorerState(show="everyone", segments=("SMB",)), {"c", "d"}),
        (ExplorerState(show="everyone", leans=("leans detractor",)), {"b", "d"}),
        (ExplorerState(show="everyone", statuses=("contacted",)), {"b"}),
        (ExplorerState(show="everyone", theme=1), {"b", "c"}),
        (ExplorerState(show="everyone", weeks=("2026-W03", "2026-W03")), {"b", "d"}),
        (ExplorerState(segments=("Enterprise", "SMB"), leans=("leans promoter",)), {"a", "c"}),
    ],
)
def test_each_filter_of_the_state_narrows_the_pool(pool, state, expected):
    assert ids(filter_pool(pool, state)) == expected


def test_the_state_starts_from_the_plans_profile_weights_and_capacity():
    settings = PlanSettings(profile="advocacy", weights={"value": 2.5}, capacity=4)
    state = ExplorerState.from_settings(settings)
    assert state.weights == PROFILES["advocacy"] | {"value": 2.5} and state.capacity == 4


def test_ranking_follows_the_weights_and_the_call_list_only_proposable(pool):
    weights = dict.fromkeys(PROFILES["balanced"], 0.0) | {"value": 3.0}
    state = ExplorerState(show="everyone", weights=weights, capacity=10)
    ranked, notes = rank_pool(pool, state, PlanSettings())
    assert ranked["respondent_id"].tolist() == ["b", "d", "c", "a", "e"]
    assert any("weights" in note or "left out" in note for note in notes)
    calls = call_list(pool, state, PlanSettings())
    assert calls["respondent_id"].tolist() == ["c", "a", "e"]  # b and d: contacted (export)
    assert call_list(pool, ExplorerState(show="everyone", capacity=1), PlanSettings()).shape[0] == 1


def test_the_export_masks_names_columns_and_the_download_neutralises_formulas(pool):
    calls = call_list(pool, ExplorerState(capacity=10), PlanSettings())
    frame = export_frame(calls)
    assert frame["rank"].tolist() == [1, 2, 3] and "nps_score" in frame
    assert "mail me at [email]" in frame["comment"].tolist()
    link = download_link(frame, "call_list_2026-W04.csv")
    text = base64.b64decode(re.search(r"base64,([^\"]+)", link).group(1)).decode()
    assert "'=SUM(A1:A9) too pricey" in text and "jo@example.com" not in text
    assert 'download="call_list_2026-W04.csv"' in link and "3 call(s)" in link


def test_the_export_name_is_the_week_range_or_the_week():
    assert export_name(ExplorerState(weeks=("2026-W45", "2026-W45"))) == "call_list_2026-W45.csv"
    assert export_name(ExplorerState(), "2026-W46") == "call_list_2026-W46.csv"
    assert export_name(ExplorerState()) == "call_list_all_weeks.csv"


def test_the_weeks_pool_is_the_backlog_up_to_the_week_latest_answer_each():
    frame = responses().assign(category="passive")
    frame = pd.concat([frame, frame.iloc[[0]].assign(responded_at=pd.Timestamp("2026-01-19"))])
    frame["iso_week"] = frame["responded_at"].dt.strftime("%G-W%V")
    pool = week_passives(frame, "2026-W03", 2)  # answers of W02 and W03
    assert sorted(pool["respondent_id"]) == ["a", "b", "d", "e", "f", "g"]
    assert pool.set_index("respondent_id").loc["a", "iso_week"] == "2026-W02"
    pool = week_passives(frame, "2026-W04", 1)
    assert sorted(pool["respondent_id"]) == ["a", "c"]
    assert pool.set_index("respondent_id").loc["a", "iso_week"] == "2026-W04"  # the latest


def test_the_worklist_takes_status_owner_and_the_last_note_with_its_author(pool):
    history = ContactHistory(
        assignments=pd.DataFrame(
            {
                "week": ["2026-W04"],
                "respondent_id": ["a"],
                "list": ["call_list"],
                "assignee": ["front-line team"],
                "recorded_at": [pd.Timestamp("2026-01-26")],
            }
        ),
        events=pd.DataFrame(
            {
                "respondent_id": ["c", "c"],
                "status": ["contacted", "responded"],
                "at": pd.to_datetime(["2026-01-27", "2026-01-28"]),
                "note": ["first try", "happy now"],
                "author": ["ana", "ben"],
            }
        ),
    )
    frame = worklist(passive_pool(responses(), themes()), history, as_of=date(2026, 2, 1))
    rows = frame.set_index("respondent_id")
    assert rows.loc["a", ["contact", "owner", "proposable"]].tolist() == [
        "awaiting response",
        "front-line team",
        False,
    ]
    assert rows.loc["c", ["contact", "last_note", "noted_by"]].tolist() == [
        "responded",
        "happy now",
        "ben",
    ]
    assert rows.loc["e", "days_uncontacted"] == 27 and bool(rows.loc["e", "proposable"])
    assert pd.isna(rows.loc["c", "days_uncontacted"])


def test_the_owner_filter_keeps_a_callers_own_people(pool):
    mine = pool.assign(owner=["Dana Lee", None, "Eli Moss", "Dana Lee", None])
    dana = ExplorerState(show="everyone", owners=("Dana Lee",))
    assert ids(filter_pool(mine, dana)) == {"a", "d"}
    both = ExplorerState(show="everyone", owners=("Dana Lee", "Eli Moss"))
    assert ids(filter_pool(mine, both)) == {"a", "c", "d"}
    assert ids(filter_pool(mine, ExplorerState(owners=("Dana Lee",)))) == {"a"}  # not contacted
    assert len(filter_pool(mine, ExplorerState(show="everyone"))) == 5  # none chosen: all


def test_the_table_shows_blanks_for_what_is_not_known(pool):
    from passives_lib.outreach._explorer_html import table_html

    calls = call_list(pool.assign(owner=None), ExplorerState(capacity=10), PlanSettings())
    table = table_html(calls.assign(days_uncontacted=pd.NA, theme_label=None))
    assert "&lt;NA&gt;" not in table and "None" not in table and "nan" not in table
