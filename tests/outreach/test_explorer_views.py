"""The passives explorer: escaped and masked views, the drill-down, the widget, the worklist."""

import ipywidgets as widgets
import pandas as pd
import pytest

from passives_lib.config import PlanSettings
from passives_lib.outreach._explorer import ALL_THEMES, EVERYONE, PassivesExplorer
from passives_lib.store import ContactLedger
from tests.outreach.explorer_data import XSS, ids, responses, set_weights, themes


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
