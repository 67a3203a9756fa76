"""The passives explorer: filters, weights, capacity and the call-list export."""

import base64
import io
import re

import pandas as pd
import pytest

from passives_lib.config import PROFILES, PlanSettings
from passives_lib.outreach._explorer import ALL_THEMES, EVERYONE, PassivesExplorer
from tests.outreach.explorer_data import ids, responses, set_weights, themes


def test_only_passives_are_explored(explorer):
    assert ids(explorer.filtered()) == {"a", "c", "e"}  # "not contacted" by default
    explorer.show.value = EVERYONE
    assert ids(explorer.filtered()) == {"a", "b", "c", "d", "e"}
    assert ids(explorer.ranked()) == {"a", "b", "c", "d", "e"}


@pytest.mark.parametrize(
    ("widget", "value", "expected"),
    [
        ("segment", ("SMB",), {"c", "d"}),
        ("segment", ("SMB", "Consumer"), {"c", "d", "e"}),
        ("lean", ("leans detractor",), {"b", "d"}),
        ("lean", ("leans promoter",), {"a", "c", "e"}),
        ("contact_status", ("contacted", "no_answer"), {"b", "d"}),
        ("theme", 1, {"b", "c"}),
        ("theme", 0, {"a", "d"}),
        ("weeks", ("2026-W03", "2026-W03"), {"b", "d"}),
        ("weeks", ("2026-W02", "2026-W03"), {"a", "b", "d", "e"}),
    ],
)
def test_each_filter_narrows_the_table(explorer, widget, value, expected):
    explorer.show.value = EVERYONE
    getattr(explorer, widget).value = value
    assert ids(explorer.filtered()) == expected
    proposed = expected - {"b", "d"}  # contacted in the export: never proposed
    assert ids(explorer.call_list()) == proposed
    shown = {i for i in "abcdefg" if f"<td>{i}</td>" in explorer.table.value}
    assert shown == proposed


def test_filters_combine_and_empty_selection_means_all(explorer):
    explorer.show.value = EVERYONE
    explorer.segment.value = ("Enterprise", "SMB")
    explorer.lean.value = ("leans promoter",)
    assert ids(explorer.filtered()) == {"a", "c"}
    explorer.segment.value = ()
    explorer.lean.value = ()
    assert ids(explorer.filtered()) == {"a", "b", "c", "d", "e"}
    explorer.theme.value = ALL_THEMES
    assert len(explorer.filtered()) == 5


def test_a_high_value_weight_puts_the_highest_value_passive_first(open_explorer):
    explorer = open_explorer
    set_weights(explorer, value=3.0)
    assert explorer.ranked()["respondent_id"].tolist() == ["b", "d", "c", "a", "e"]
    assert explorer.table.value.index("<td>b</td>") < explorer.table.value.index("<td>d</td>")


def test_score_weight_alone_puts_the_eights_first(open_explorer):
    explorer = open_explorer
    set_weights(explorer, value=3.0)
    set_weights(explorer, score=3.0)
    ranked = explorer.ranked()
    assert ranked["score"].tolist() == [8, 8, 8, 7, 7]
    assert ranked["respondent_id"].head(3).tolist() == ["a", "c", "e"]


def test_sliders_start_from_the_profile_and_reset_when_it_changes(tmp_path):
    settings = PlanSettings(profile="advocacy", weights={"value": 2.5})
    explorer = PassivesExplorer(responses(), themes(), settings)
    assert explorer.weights() == PROFILES["advocacy"] | {"value": 2.5}
    set_weights(explorer, engagement=0.7)
    explorer.profile.value = "quick_fix"
    assert explorer.weights() == PROFILES["quick_fix"]
    explorer.profile.value = "value"
    assert explorer.weights() == PROFILES["value"]
    assert all(
        s.min == 0 and s.max == 3 and s.step == pytest.approx(0.1)
        for s in explorer.sliders.values()
    )


def test_a_profile_change_re_renders_once(explorer, monkeypatch):
    calls = []
    monkeypatch.setattr(explorer, "refresh", lambda: calls.append(1))
    explorer.profile.value = "retention"
    assert calls == [1]


def test_capacity_bounds_the_call_list(explorer):
    explorer.capacity.value = 2
    assert len(explorer.call_list()) == 2
    assert (
        explorer.call_list()["respondent_id"].tolist()
        == explorer.ranked()["respondent_id"].head(2).tolist()
    )
    assert explorer.table.value.count("<tr>") == 2  # body rows (the header row has a style)
    explorer.capacity.value = 0
    assert explorer.call_list().empty


def downloaded(explorer: PassivesExplorer) -> tuple[str, pd.DataFrame]:
    """The file name and table of the download link the export button put on the page."""
    link = explorer.download.value
    name = re.search(r'download="([^"]+)"', link).group(1)
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1)
    text = base64.b64decode(data).decode("utf-8")
    return name, pd.read_csv(io.StringIO(text), keep_default_na=False)


def test_the_export_button_offers_the_current_call_list_as_a_download(open_explorer):
    explorer = open_explorer
    set_weights(explorer, value=3.0)
    explorer.capacity.value = 3
    explorer.export_button.click()
    name, written = downloaded(explorer)
    assert name == "call_list_all_weeks.csv"
    assert written["respondent_id"].tolist() == ["b", "d", "c"]
    assert written["rank"].tolist() == [1, 2, 3]
    assert "nps_score" in written.columns and "score" not in written.columns
    assert "mail me at [email]" in written["comment"].tolist()
    explorer.lean.value = ("leans promoter",)
    assert explorer.download.value == ""  # a changed filter takes the stale link away
    frame = explorer.export_call_list()
    name, written = downloaded(explorer)
    assert written["respondent_id"].tolist() == frame["respondent_id"].tolist() == ["c", "a", "e"]
    assert written.loc[1, "comment"] == "'=SUM(A1:A9) too pricey"


def test_the_export_is_named_after_the_week_range(open_explorer):
    explorer = open_explorer
    explorer.weeks.value = ("2026-W03", "2026-W03")
    explorer.export_call_list()
    assert downloaded(explorer)[0] == "call_list_2026-W03.csv"
    undated = PassivesExplorer(responses(dated=False).assign(contact_status="not_contacted"))
    assert undated.weeks.disabled
    assert len(undated.filtered()) == 5
    undated.export_call_list()
    assert downloaded(undated)[0] == "call_list_all_weeks.csv"
