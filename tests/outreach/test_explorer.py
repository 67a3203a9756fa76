import base64
import io
import re

import ipywidgets as widgets
import pandas as pd
import pytest

from passives_lib.config import PROFILES, STRATEGIES, PlanSettings
from passives_lib.outreach._explorer import ALL_THEMES, EVERYONE, PassivesExplorer
from passives_lib.store import ContactLedger
from passives_lib.survey import add_classification

XSS = "<img src=x onerror=alert(1)>"


def responses(dated: bool = True) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d", "e", "f", "g"],
            "score": [8, 7, 8, 7, 8, 10, 3],
            "comment": [
                "=SUM(A1:A9) too pricey",
                XSS,
                "mail me at jo@example.com",
                "slow delivery",
                "",
                "love it",
                "awful",
            ],
            "responded_at": pd.to_datetime(
                [
                    "2026-01-05",
                    "2026-01-12",
                    "2026-01-19",
                    "2026-01-12",
                    "2026-01-05",
                    "2026-01-05",
                    "2026-01-12",
                ]
            ),
            "segment": ["Enterprise", "Enterprise", "SMB", "SMB", "Consumer", "Enterprise", "SMB"],
            "lifetime_value": [100.0, 90000.0, 500.0, 2000.0, 50.0, 1e6, 1e6],
            "contact_status": [
                "not_contacted",
                "contacted",
                "not_contacted",
                "no_answer",
                "not_contacted",
                "not_contacted",
                "not_contacted",
            ],
        }
    )
    if not dated:
        frame = frame.drop(columns="responded_at")
    return add_classification(frame)


def themes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d", "f", "g"],
            "theme_id": [0, 1, 1, 0, 0, 1],
            "theme_label": [
                "delivery / slow",
                "website / login",
                "website / login",
                "delivery / slow",
                "delivery / slow",
                "website / login",
            ],
            "theme_keywords": [
                ["delivery", "slow"],
                ["website", "login"],
                ["website", "login"],
                ["delivery", "slow"],
                ["delivery", "slow"],
                ["website", "login"],
            ],
            "theme_effort": ["low", "high", "high", "low", "low", "high"],
        }
    )


@pytest.fixture
def open_explorer(tmp_path) -> PassivesExplorer:
    """Nobody contacted yet: every passive may be proposed."""
    frame = responses().assign(contact_status="not_contacted")
    return PassivesExplorer(frame, themes(), PlanSettings(capacity=10))


@pytest.fixture
def explorer(tmp_path) -> PassivesExplorer:
    return PassivesExplorer(responses(), themes(), PlanSettings(capacity=10))


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["respondent_id"])


def set_weights(explorer: PassivesExplorer, **weights: float) -> None:
    for name in STRATEGIES:
        explorer.sliders[name].value = weights.get(name, 0.0)


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


def test_the_table_escapes_and_masks_comments(open_explorer):
    explorer = open_explorer
    table = explorer.table.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in table
    assert "<img" not in table
    assert "[email]" in table and "jo@example.com" not in table


def test_the_drill_down_shows_the_theme_escaped_and_masked(explorer):
    assert "website / login" in explorer.drilldown.value  # overview of the themes
    explorer.theme.value = 1
    drill = explorer.drilldown.value
    assert "website / login" in drill and "website, login" in drill
    assert "&lt;img src=x onerror=alert(1)&gt;" in drill and "<img" not in drill
    assert "mail me at [email]" in drill and "jo@example.com" not in drill
    assert "delivery" not in drill


def test_the_drill_down_uses_the_theme_table_when_given(tmp_path):
    table = pd.DataFrame(
        {
            "theme_id": [0, 1],
            "label": ["delivery / slow", "website / login"],
            "keywords": [["delivery"], ["website"]],
            "size": [40, 17],
            "share": [0.7, 0.3],
            "representative_comments": [["late again"], [XSS, "call +44 20 7946 0123 now"]],
        }
    )
    explorer = PassivesExplorer(responses(), themes(), theme_table=table)
    explorer.theme.value = 1
    drill = explorer.drilldown.value
    assert "Size: 17" in drill
    assert "&lt;img src=x" in drill and "<img" not in drill
    assert "call [phone] now" in drill and "7946" not in drill


def test_observers_re_render_when_values_are_set_in_code(explorer):
    before = explorer.table.value
    explorer.segment.value = ("Consumer",)
    assert explorer.table.value != before
    assert "<td>e</td>" in explorer.table.value and "<td>a</td>" not in explorer.table.value
    assert explorer.summary.value.startswith("1 passive(s)")
    explorer.segment.value = ()
    set_weights(explorer, value=3.0)
    first = explorer.table.value
    explorer.sliders["value"].value = 0.0
    explorer.sliders["score"].value = 3.0
    assert explorer.table.value != first


def test_without_themes_the_theme_filter_offers_all_only(tmp_path):
    explorer = PassivesExplorer(responses())
    assert [value for _, value in explorer.theme.options] == [ALL_THEMES]
    assert "No themes" in explorer.drilldown.value
    assert "strategy 'easy_fix' left out: no themes were modelled" in explorer.notes_


def test_the_widget_holds_every_control(explorer):
    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    found = set(map(id, walk(explorer.widget())))
    controls = [
        explorer.segment,
        explorer.lean,
        explorer.contact_status,
        explorer.theme,
        explorer.weeks,
        explorer.profile,
        explorer.capacity,
        explorer.export_button,
        explorer.briefs,
        explorer.table,
        explorer.drilldown,
        *explorer.sliders.values(),
    ]
    assert all(id(control) in found for control in controls)
    assert isinstance(explorer.weeks, widgets.SelectionRangeSlider)


def test_responses_without_classification_are_refused():
    with pytest.raises(ValueError, match="must have columns respondent_id, score and category"):
        PassivesExplorer(pd.DataFrame({"respondent_id": ["a"], "score": [8]}))


def test_the_worklist_reads_the_ledger_and_writes_changes_back(tmp_path):
    from passives_lib.pipeline import LedgerWorklist

    location = str(tmp_path / "ledger.sqlite")
    frame = responses().assign(contact_status="not_contacted")
    with ContactLedger(location) as store:
        rows = pd.DataFrame(
            {"respondent_id": ["a", "c"], "list": ["call_list", "management_sample"]}
        ).assign(assignee=["team", "Ana"])
        store.record_assignments("2026-W04", rows)
        store.record_status("c", "responded", pd.Timestamp("2026-01-20"), note="happy now")
        store.record_status("c", "converted", pd.Timestamp("2026-01-21"))
    ledger = LedgerWorklist(location, "ben")
    explorer = PassivesExplorer(frame, themes(), PlanSettings(capacity=10), ledger=ledger)
    assert "saved as ben" in explorer.header.value
    worklist = explorer.passives_.set_index("respondent_id")
    assert worklist.loc["a", "contact"] == "awaiting response"
    assert worklist.loc["c", ["contact", "owner", "last_note"]].tolist() == [
        "converted",
        "Ana",
        "happy now",
    ]
    assert ids(explorer.filtered()) == {"b", "d", "e"}  # not contacted, by default
    explorer.show.value = EVERYONE
    assert ids(explorer.call_list()) == {"b", "d", "e"}  # never awaiting or converted
    explorer.change_id.value, explorer.change_status.value = "b", "contacted"
    explorer.change_note.value = "left a voicemail"
    explorer.save_change()
    assert "Saved contacted for b (by ben)" in explorer.status.value
    assert ids(explorer.call_list()) == {"d", "e"}
    noted = explorer.passives_.set_index("respondent_id").loc["b", ["last_note", "noted_by"]]
    assert noted.tolist() == ["left a voicemail", "ben"]
    with ContactLedger(location) as store:
        last = store.events().iloc[-1]
    assert [last["note"], last["author"], last["source"]] == ["left a voicemail", "ben", "explorer"]
    explorer.change_id.value, explorer.change_status.value = "c", "contacted"
    explorer.save_change()  # converted is final: refused, said in the status line
    assert "Not saved" in explorer.status.value and "already converted" in explorer.status.value
    explorer.change_id.value, explorer.change_status.value = "d", "contacted"
    explorer.change_note.value = "x" * 3000
    explorer.save_change()
    assert (
        "Not saved" in explorer.status.value and "at most 2,000 characters" in explorer.status.value
    )


def test_the_worklist_has_a_call_brief_for_everyone_on_the_call_list(open_explorer):
    explorer = open_explorer
    calls = explorer.call_list()
    briefs = explorer.briefs.value
    assert briefs.count("<section>") == len(calls) > 0
    for respondent, label in zip(calls["respondent_id"], calls["theme_label"], strict=True):
        assert f"<h2>{respondent}</h2>" in briefs
        if isinstance(label, str):
            assert label in briefs  # the questions name their theme
    assert "<img" not in briefs and "jo@example.com" not in briefs
    explorer.capacity.value = 0
    assert "Nobody on the call list" in explorer.briefs.value


def test_the_owner_filter_gives_a_caller_their_own_worklist(tmp_path):
    from passives_lib.pipeline import LedgerWorklist

    location = str(tmp_path / "ledger.sqlite")
    frame = responses().assign(contact_status="not_contacted")
    with ContactLedger(location) as store:
        rows = pd.DataFrame({"respondent_id": ["a", "c", "e"], "list": "call_list"})
        store.record_assignments(
            "2026-W04", rows.assign(assignee=["Dana Lee", "Eli Moss", "Dana Lee"])
        )
    explorer = PassivesExplorer(frame, themes(), ledger=LedgerWorklist(location, "dana"))
    assert explorer.owner.options == ("Dana Lee", "Eli Moss")
    filters = explorer.widget().children[1].children[0]  # header, (filters, weights), tabs
    assert any(explorer.owner in getattr(box, "children", ()) for box in filters.children)
    explorer.owner.value = ("Dana Lee",)  # their calls await an answer: everyone is shown
    assert explorer.show.value == EVERYONE
    assert ids(explorer.filtered()) == {"a", "e"}
    assert explorer.state().owners == ("Dana Lee",)
    explorer.owner.value = ("Dana Lee", "Eli Moss")
    assert ids(explorer.filtered()) == {"a", "c", "e"}
    explorer.owner.value = ()
    assert ids(explorer.filtered()) == {"a", "b", "c", "d", "e"}
