from datetime import date

import pandas as pd
import pytest

from passives_lib.store.ledger._ledger import ContactLedger, LedgerError
from passives_lib.store.ledger._lifecycle import (
    fix_matches,
    incentive_due,
    lifecycle_state,
    transition_problem,
)


def frames(assignments=(), events=()):
    return (
        pd.DataFrame(list(assignments), columns=["week", "respondent_id", "list"]),
        pd.DataFrame(list(events), columns=["respondent_id", "status", "at"]),
    )


def test_lifecycle_stages_and_one_rule_for_awaiting():
    assigned, events = frames(
        [
            ("2026-W27", "A", "call_list"),  # Monday 2026-06-29
            ("2026-W27", "S", "call_list"),
            ("2026-W27", "V", "management_sample"),
            ("2026-W27", "P", "panel_invites"),
            ("2026-W27", "N", "call_list"),
        ],
        [
            ("S", "responded", pd.Timestamp("2026-06-29 08:00")),  # the same day counts
            ("V", "contacted", pd.Timestamp("2026-06-30")),
            ("V", "converted", pd.Timestamp("2026-07-01")),
            ("N", "no_answer", pd.Timestamp("2026-07-01")),
        ],
    )
    state = lifecycle_state(assigned, events).set_index("respondent_id")
    assert state["stage"].to_dict() == {
        "A": "assigned",
        "N": "no_answer",
        "P": "assigned",
        "S": "responded",
        "V": "converted",
    }
    assert sorted(state.index[state["awaiting_response"]]) == ["A", "N"]
    assert state.loc["V", "final"] and not state.loc["S", "final"]
    assert state.loc["P", "panel_invited"]
    # the planner's view of W27 does not count W27's own assignments
    assert lifecycle_state(assigned, events, before_week="2026-W27")["awaiting_response"].sum() == 1


def test_incentive_due_only_after_a_response_and_a_later_fix():
    assigned, events = frames(
        [("2026-W27", r, "call_list") for r in "ABCD"] + [("2026-W28", "E", "incentives_due")],
        [
            ("A", "responded", pd.Timestamp("2026-06-30")),
            ("B", "responded", pd.Timestamp("2026-07-08")),  # after the fix
            ("C", "responded", pd.Timestamp("2026-06-30")),
            ("C", "declined", pd.Timestamp("2026-07-01")),
            ("E", "responded", pd.Timestamp("2026-06-30")),
        ],
    )
    state = lifecycle_state(assigned, events)
    passives = pd.DataFrame(
        {"respondent_id": list("ABCDE"), "theme_id": [3] * 5, "theme_label": ["delivery"] * 5}
    )
    fixes = pd.DataFrame({"theme": ["3"], "fixed_at": [pd.Timestamp("2026-07-06")]})
    due = incentive_due(passives, state, fixes, "2026-W28")
    assert passives.loc[due, "respondent_id"].tolist() == ["A"]
    assert not incentive_due(passives, state, fixes, "2026-W27").any()  # fix not yet made


def test_fix_matches_an_id_or_an_exact_name_only():
    assert fix_matches("3", 3, "delivery") and fix_matches(" DELIVERY ", 7, "delivery")
    assert not fix_matches("deliver", 3, "delivery") and not fix_matches("", 3, "delivery")


@pytest.mark.parametrize(
    ("status", "earlier", "invited", "expected"),
    [
        ("contacted", ["converted"], False, "already converted"),
        ("panel_joined", ["declined"], True, None),
        ("incentive_sent", ["contacted"], False, "has no 'responded' answer"),
        ("panel_declined", ["responded"], False, "never on a panel invitation list"),
        ("responded", ["no_answer"], False, None),
    ],
)
def test_transition_rules(status, earlier, invited, expected):
    problem = transition_problem("R1", status, earlier, invited)
    assert problem is None if expected is None else expected in problem


def test_ledger_refuses_impossible_transitions_and_records_nothing(tmp_path):
    with ContactLedger(tmp_path / "ledger.sqlite") as ledger:
        ledger.record_status("R1", "converted", date(2026, 7, 1))
        with pytest.raises(LedgerError, match="R1 is already converted"):
            ledger.record_status("R1", "contacted", date(2026, 7, 2))
        export = tmp_path / "outcomes.csv"
        export.write_text(
            "respondent_id,status,date\nR2,responded,2026-07-01\nR2,incentive_sent,2026-07-02\n"
            "R3,incentive_sent,2026-07-02\n"
        )
        with pytest.raises(LedgerError, match=r"row 4: R3 has no 'responded' answer"):
            ledger.import_outcomes(export)
        assert len(ledger.events()) == 1
