"""A week's plan worked out and recorded in one write transaction (issue 22, item 2).

Runs on SQLite and on a real PostgreSQL server (the ``store`` fixture of ``conftest.py``).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from passives_lib.store.ledger._ledger import ContactLedger, LedgerError
from passives_lib.store.ledger._lifecycle import lifecycle_state
from tests.store.conftest import Store

REPO = Path(__file__).resolve().parents[2]
W27, W28 = "2026-W27", "2026-W28"
MONDAY = datetime(2026, 6, 29, 9, 0)


def rows(*items: tuple) -> pd.DataFrame:
    return pd.DataFrame(
        [(r[0], r[1], r[2] if len(r) > 2 else None) for r in items],
        columns=["respondent_id", "list", "assignee"],
    )


def picker(candidates: list[str], size: int):
    """A planner: the held assignments, then the first candidates free to call, up to size."""
    seen = []

    def plan(snapshot):
        seen.append(snapshot)
        state = lifecycle_state(snapshot.assignments, snapshot.events, snapshot.week)
        busy = set(state.loc[state["awaiting_response"] | state["final"], "respondent_id"])
        held = snapshot.held
        chosen = list(held["respondent_id"])
        if snapshot.may_draw:
            free = [c for c in candidates if c not in busy and c not in chosen]
            chosen += free[: size - len(chosen)]
        table = rows(*((who, "call_list") for who in chosen))
        return chosen, table

    return plan, seen


def test_a_recorded_week_gives_its_lists_again_and_records_nothing(store: Store):
    with ContactLedger(store.location) as ledger:
        plan, seen = picker(["A", "B", "C", "D"], 2)
        first = ledger.record_plan(W27, plan, recorded_at=MONDAY)
        assert (first.plan, first.mode, first.added) == (["A", "B"], "new", 2)
        ledger.record_status("A", "declined", date(2026, 6, 30))
        again = ledger.record_plan(W27, plan)
        assert (again.plan, again.mode, again.added) == (["A", "B"], "recorded", 0)
        assert not seen[-1].may_draw
        assert len(ledger.assignments()) == 2
        preview = ledger.preview_plan(W27, plan, replan=True)
        assert (preview.mode, preview.replaced) == ("replanned", 1)
        assert len(ledger.assignments()) == 2  # a preview writes nothing


def test_an_empty_plan_is_recorded_as_planned(store: Store):
    with ContactLedger(store.location) as ledger:
        plan, _ = picker([], 2)
        assert ledger.record_plan(W27, plan).mode == "new"
        assert ledger.record_plan(W27, plan).mode == "recorded"


def test_a_replan_keeps_worked_assignments_and_replaces_untouched_ones(store: Store):
    with ContactLedger(store.location) as ledger:
        plan, seen = picker(["A", "B", "C", "D"], 3)
        ledger.record_plan(W27, plan, recorded_at=MONDAY)
        ledger.record_status("A", "declined", date(2026, 6, 30))  # worked: kept
        ledger.record_status("B", "no_answer", date(2026, 6, 30))  # worked: kept
        wider, _ = picker(["D", "C", "A", "B"], 3)
        again = ledger.record_plan(W27, wider, replan=True)
        assert (again.mode, again.replaced, again.added) == ("replanned", 1, 1)
        week = ledger.assignments()
        assert sorted(week["respondent_id"]) == ["A", "B", "D"]  # C replaced by D, cap 3 kept
        assert store.execute("SELECT replans FROM planned_weeks") == [(1,)]


def test_a_plan_that_drops_a_held_assignment_is_refused(store: Store):
    with ContactLedger(store.location) as ledger:
        plan, _ = picker(["A", "B"], 2)
        ledger.record_plan(W27, plan, recorded_at=MONDAY)
        ledger.record_status("A", "responded", date(2026, 6, 30))

        def forgetful(snapshot):
            return None, rows(("Z", "call_list"))

        with pytest.raises(LedgerError, match="dropped 1 assignment.*'A' on call_list"):
            ledger.record_plan(W27, forgetful, replan=True)
        assert sorted(ledger.assignments()["respondent_id"]) == ["A", "B"]  # rolled back


def test_the_ledger_refuses_to_book_anyone_twice(store: Store):
    with ContactLedger(store.location) as ledger:
        plan, _ = picker(["A", "B"], 2)
        ledger.record_plan(W27, plan, recorded_at=MONDAY)
        ledger.record_status("D", "do_not_contact", date(2026, 6, 30))

        def greedy(snapshot):
            return None, rows(("A", "call_list"), ("D", "management_sample"), ("E", "call_list"))

        with pytest.raises(LedgerError, match=r"A is awaiting an answer.*D is do_not_contact"):
            ledger.record_plan(W28, greedy)
        assert set(ledger.assignments()["week"]) == {W27}


_RACER = textwrap.dedent(
    """
    import sys, time
    import pandas as pd
    from passives_lib.store.ledger._ledger import ContactLedger
    from passives_lib.store.ledger._lifecycle import lifecycle_state

    location, week, start = sys.argv[1], sys.argv[2], float(sys.argv[3])

    def plan(snapshot):
        state = lifecycle_state(snapshot.assignments, snapshot.events, snapshot.week)
        busy = set(state.loc[state["awaiting_response"], "respondent_id"])
        time.sleep(0.5)  # a slow planner: the other process is waiting for the lock meanwhile
        free = [f"R{i}" for i in range(10) if f"R{i}" not in busy][:6]
        return free, pd.DataFrame({"respondent_id": free, "list": "call_list", "assignee": None})

    with ContactLedger(location) as ledger:
        time.sleep(max(0.0, start - time.time()))
        print(ledger.record_plan(week, plan).added)
    """
)


def test_two_plans_started_together_never_book_one_person_twice(store: Store, tmp_path: Path):
    ContactLedger(store.location).close()
    start = datetime.now().timestamp() + 3
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(store.location), week, str(start)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for week in (W27, W28)
    ]
    results = [racer.communicate(timeout=120) for racer in racers]
    assert all(racer.returncode == 0 for racer in racers), results
    with ContactLedger(store.location) as ledger:
        recorded = ledger.assignments()
    # one after the other: the first takes R0-R5, the second the four left
    assert sorted(int(out) for out, _ in results) == [4, 6]
    assert not recorded["respondent_id"].duplicated().any()
