"""The contact ledger: idempotent assignments, statuses and contact state.

Tests taking ``store`` (or ``ledger``) run on SQLite and on a real PostgreSQL server (see
``conftest.py``); those taking ``ledger_path`` are about the SQLite file itself. The schema
is tested in ``test_ledger_schema.py``; outcomes, opening and concurrency in
``test_ledger_writes.py``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest

from passives_lib.store.ledger._ledger import (
    ContactLedger,
    LedgerError,
)
from tests.store.conftest import Store
from tests.store.ledger_plan import MONDAY, WEEK, plan

# -- assignments ------------------------------------------------------------------------------


def test_record_assignments_is_idempotent(ledger: ContactLedger, store: Store):
    rows = plan(("R1", "call_list", "ann"), ("R2", "management_sample"), ("R1", "incentives_due"))
    assert ledger.record_assignments(WEEK, rows, recorded_at=MONDAY) == 3
    before = store.dump()
    assert ledger.record_assignments(WEEK, rows) == 0
    assert store.dump() == before
    frame = ledger.assignments()
    assert list(frame.columns) == ["week", "respondent_id", "list", "assignee", "recorded_at"]
    assert frame["respondent_id"].tolist() == ["R1", "R2", "R1"]
    assert frame["assignee"].tolist() == ["ann", None, None]
    assert (frame["recorded_at"] == pd.Timestamp(MONDAY)).all()


def test_record_assignments_adds_only_what_is_new(ledger: ContactLedger):
    ledger.record_assignments(WEEK, plan(("R1", "call_list", "ann")), recorded_at=MONDAY)
    again = plan(("R1", "call_list", "bob"), ("R2", "call_list"), ("R2", "call_list"))
    assert ledger.record_assignments(WEEK, again) == 1  # R2 once, R1 kept with its assignee
    assert ledger.record_assignments("2026-W28", plan(("R1", "call_list"))) == 1
    frame = ledger.assignments()
    assert frame[["week", "respondent_id", "assignee"]].values.tolist() == [
        [WEEK, "R1", "ann"],
        [WEEK, "R2", None],
        ["2026-W28", "R1", None],
    ]


def test_record_assignments_accepts_numeric_ids_and_no_assignee_column(ledger: ContactLedger):
    frame = pd.DataFrame({"respondent_id": [1001, 1002], "list": ["call_list", "panel_invites"]})
    assert ledger.record_assignments(WEEK, frame, recorded_at=MONDAY) == 2
    assert ledger.assignments()["respondent_id"].tolist() == ["1001", "1002"]


def test_aware_recorded_at_is_stored_in_utc(ledger: ContactLedger):
    paris = timezone(timedelta(hours=2))
    ledger.record_assignments(
        WEEK, plan(("R1", "call_list")), recorded_at=datetime(2026, 6, 29, 11, 0, tzinfo=paris)
    )
    assert ledger.assignments()["recorded_at"].tolist() == [pd.Timestamp("2026-06-29 09:00")]


@pytest.mark.parametrize("week", ["2026-27", "2026-W7", "2026-W00", "2025-W53", "W27", "", None])
def test_invalid_week_is_rejected(ledger: ContactLedger, week):
    with pytest.raises(LedgerError, match=r"not an ISO week such as '2026-W27'"):
        ledger.record_assignments(week, plan(("R1", "call_list")))
    assert ledger.assignments().empty


def test_week_53_exists_only_in_long_years(ledger: ContactLedger):
    assert ledger.record_assignments("2026-W53", plan(("R1", "call_list"))) == 1


def test_invalid_list_and_blank_id_are_rejected_with_rows_and_nothing_written(
    ledger: ContactLedger, store: Store
):
    before = store.dump()
    rows = plan(("R1", "call_list"), ("R2", "phone_list"), (" ", "call_list"), (None, "x"))
    with pytest.raises(LedgerError) as caught:
        ledger.record_assignments(WEEK, rows)
    message = str(caught.value)
    assert "row 1: list 'phone_list' is not one of call_list, management_sample" in message
    assert "row 2: respondent_id is blank" in message
    assert "row 3: respondent_id is blank" in message and "row 3: list 'x'" in message
    assert "nothing was recorded" in message
    assert store.dump() == before


def test_assignments_without_required_columns_are_rejected(ledger: ContactLedger):
    with pytest.raises(LedgerError, match="lack column.*list"):
        ledger.record_assignments(WEEK, pd.DataFrame({"respondent_id": ["R1"]}))


# -- status and contact state -----------------------------------------------------------------


def test_assigned_on_call_list_is_awaiting_until_a_later_response(ledger: ContactLedger):
    ledger.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
    assert ledger.awaiting_response() == {"R1"}
    ledger.record_status("R1", "responded", date(2026, 7, 2))
    assert ledger.awaiting_response() == set()


def test_a_response_dated_before_the_assignment_does_not_clear_it(ledger: ContactLedger):
    ledger.record_status("R1", "responded", date(2026, 6, 20))
    ledger.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
    assert ledger.awaiting_response() == {"R1"}
    state = ledger.contact_state().set_index("respondent_id")
    assert state.loc["R1", "last_status"] == "responded"
    assert bool(state.loc["R1", "awaiting_response"]) is True


def test_a_new_contact_after_an_answer_is_awaiting_again(ledger: ContactLedger):
    ledger.record_assignments(WEEK, plan(("R1", "call_list")), recorded_at=MONDAY)
    ledger.record_status("R1", "responded", MONDAY + timedelta(days=1))
    ledger.record_assignments(
        "2026-W30", plan(("R1", "management_sample")), recorded_at=MONDAY + timedelta(weeks=3)
    )
    assert ledger.awaiting_response() == {"R1"}


def test_which_lists_and_events_count_as_contact(ledger: ContactLedger):
    ledger.record_assignments(
        WEEK,
        plan(("P", "panel_invites"), ("I", "incentives_due"), ("M", "management_sample")),
        recorded_at=MONDAY,
    )
    ledger.record_status("C", "contacted", date(2026, 7, 1))
    ledger.record_status("N", "no_answer", date(2026, 7, 1))
    ledger.record_status("V", "converted", date(2026, 7, 1))
    # an answer on the same day as a date-only contact counts as after it
    ledger.record_status("S", "contacted", date(2026, 7, 1))
    ledger.record_status("S", "responded", date(2026, 7, 1))
    # a panel invitation is a contact awaiting an answer (the contact policy); incentives not
    assert ledger.awaiting_response() == {"M", "C", "N", "P"}


def test_contact_state_columns_and_values(ledger: ContactLedger):
    ledger.record_assignments(
        WEEK, plan(("R2", "call_list", "ann"), ("R1", "incentives_due")), recorded_at=MONDAY
    )
    ledger.record_assignments(
        "2026-W28", plan(("R2", "panel_invites", "bob")), recorded_at=MONDAY + timedelta(days=7)
    )
    ledger.record_status("R2", "no_answer", datetime(2026, 7, 1, 10, 30))
    ledger.record_status("R3", "contacted", datetime(2026, 7, 2, 8, 0))
    ledger.record_status("R3", "converted", datetime(2026, 7, 3, 8, 0), note="upgraded")
    state = ledger.contact_state()
    assert list(state.columns) == [
        "respondent_id",
        "last_week",
        "last_list",
        "last_assignee",
        "last_contact_at",
        "last_status",
        "last_status_at",
        "awaiting_response",
        "attempts",
        "given_up",
        "do_not_contact",
        "incentive_sent",
    ]
    assert state["respondent_id"].tolist() == ["R1", "R2", "R3"]
    rows = state.set_index("respondent_id")
    assert rows.loc["R2", ["last_week", "last_list", "last_assignee"]].tolist() == [
        "2026-W28",
        "panel_invites",
        "bob",
    ]
    # the W28 panel invitation is a contact, later than the no_answer call
    assert rows.loc["R2", "last_contact_at"] == pd.Timestamp("2026-07-06 09:00")
    assert rows.loc["R2", "attempts"] == 1 and not rows.loc["R2", "given_up"]
    assert rows.loc["R2", "last_status"] == "no_answer"
    assert rows.loc["R1", "last_contact_at"] is pd.NaT
    assert rows.loc["R1", "last_status"] is None
    assert rows.loc["R3", "last_week"] is None
    assert rows.loc["R3", ["last_status", "last_status_at"]].tolist() == [
        "converted",
        pd.Timestamp("2026-07-03 08:00"),
    ]
    assert rows["awaiting_response"].tolist() == [False, True, False]
    assert rows["incentive_sent"].tolist() == [True, False, False]
    assert state["awaiting_response"].dtype == bool and state["incentive_sent"].dtype == bool


def test_empty_ledger_has_empty_frames_with_columns(ledger: ContactLedger):
    assert ledger.contact_state().empty and "awaiting_response" in ledger.contact_state()
    columns = ["respondent_id", "status", "at", "note", "source", "author"]
    assert list(ledger.events().columns) == columns
    assert list(ledger.fixed_themes().columns) == ["theme", "fixed_at", "note"]
    assert ledger.awaiting_response() == set()


def test_record_status_normalises_and_is_idempotent(ledger: ContactLedger):
    ledger.record_status(" R1 ", "No Answer", date(2026, 7, 1), note="  voicemail ")
    ledger.record_status("R1", "no_answer", datetime(2026, 7, 1))  # the same event
    ledger.record_status("R1", "RESPONDED", datetime(2026, 7, 1, 14, tzinfo=UTC), source="crm")
    events = ledger.events()
    assert events.values.tolist() == [
        ["R1", "no_answer", pd.Timestamp("2026-07-01"), "voicemail", "manual", None],
        ["R1", "responded", pd.Timestamp("2026-07-01 14:00"), None, "crm", None],
    ]


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (("R1", "phoned", date(2026, 7, 1)), r"unknown status 'phoned'; allowed: contacted, "),
        (("", "contacted", date(2026, 7, 1)), "respondent_id is blank"),
        (("R1", "contacted", "2026-07-01"), "must be a date or datetime"),
        (("R1", "contacted", None), "at is missing"),
    ],
)
def test_record_status_rejects_bad_values(ledger: ContactLedger, args, pattern):
    with pytest.raises(LedgerError, match=pattern):
        ledger.record_status(*args)
    assert ledger.events().empty
