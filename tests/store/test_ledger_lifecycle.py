from datetime import date

import pandas as pd
import pytest

from passives_lib.config import ContactPolicy
from passives_lib.store.ledger._ledger import ContactLedger, LedgerError
from passives_lib.store.ledger._lifecycle import (
    aged_out,
    ages_out_next_week,
    fix_matches,
    incentive_due,
    lifecycle_state,
    transition_problem,
    worked_assignments,
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
    # a panel invitation is a contact awaiting an answer like a call
    assert sorted(state.index[state["awaiting_response"]]) == ["A", "N", "P"]
    assert state.loc["V", "final"] and not state.loc["S", "final"]
    assert state.loc["P", "panel_invited"]
    # the planner's view of W27 does not count W27's own assignments
    assert lifecycle_state(assigned, events, "2026-W27")["awaiting_response"].sum() == 1
    # ... but counts a later week's: planning W26 never books someone W27 already holds
    later = lifecycle_state(assigned, events, "2026-W26").set_index("respondent_id")
    assert sorted(later.index[later["awaiting_response"]]) == ["A", "N", "P"]


def test_a_panel_answer_answers_the_invitation():
    assigned, events = frames(
        [("2026-W27", "P", "panel_invites")],
        [("P", "panel_declined", pd.Timestamp("2026-07-01"))],
    )
    state = lifecycle_state(assigned, events).set_index("respondent_id")
    assert not state.loc["P", "awaiting_response"]
    assert state.loc["P", "last_answer_at"] == pd.Timestamp("2026-07-01")


def test_retries_after_no_answer_follow_the_policy():
    policy = ContactPolicy(retries=1, retry_after_days=7)
    assigned, events = frames(
        [("2026-W27", "N", "call_list"), ("2026-W27", "G", "call_list")]
        + [("2026-W29", "G", "call_list")],
        [
            ("N", "no_answer", pd.Timestamp("2026-06-30")),  # a Tuesday
            ("G", "no_answer", pd.Timestamp("2026-06-30")),
            ("G", "no_answer", pd.Timestamp("2026-07-14")),
        ],
    )

    def row(week, who):
        return lifecycle_state(assigned, events, week, policy).set_index("respondent_id").loc[who]

    # six days after the no answer: still waiting; seven or more: a retry is due
    assert row("2026-W28", "N")["awaiting_response"] and not row("2026-W28", "N")["retry_due"]
    assert row("2026-W29", "N")["retry_due"] and row("2026-W29", "N")["attempts"] == 1
    # two contacts without an answer with one retry allowed: given up, not awaiting any more
    gave_up = row("2026-W31", "G")
    assert gave_up["given_up"] and not gave_up["awaiting_response"] and not gave_up["retry_due"]
    assert gave_up["attempts"] == 2
    # the default policy (2 retries) still tries G a third time
    default = lifecycle_state(assigned, events, "2026-W31").set_index("respondent_id").loc["G"]
    assert default["retry_due"] and not default["given_up"]
    # without a planned week no retry is due (contacts list shows who still awaits)
    assert not lifecycle_state(assigned, events, policy=policy)["retry_due"].any()


def test_do_not_contact_is_apart_from_declined():
    assigned, events = frames(
        [("2026-W27", "D", "call_list"), ("2026-W27", "X", "call_list")],
        [
            ("D", "do_not_contact", pd.Timestamp("2026-06-30")),
            ("X", "declined", pd.Timestamp("2026-06-30")),
        ],
    )
    state = lifecycle_state(assigned, events).set_index("respondent_id")
    assert state.loc["D", "do_not_contact"] and not state.loc["D", "final"]
    assert state.loc["D", "stage"] == "do_not_contact" and not state.loc["D", "awaiting_response"]
    assert state.loc["X", "final"] and not state.loc["X", "do_not_contact"]
    assert "asked not to be contacted" in transition_problem(
        "D", "contacted", ["do_not_contact"], False
    )
    assert transition_problem("X", "do_not_contact", ["declined"], False) is None


def test_ageing_out_of_the_backlog():
    answered = pd.to_datetime(["2026-06-01", "2026-06-03", "2026-06-08", "2026-06-29"])
    passives = pd.DataFrame({"respondent_id": ["A", "C", "B", "N"], "responded_at": answered})
    # W27's backlog of 4 weeks starts on 2026-06-08: B is in its last week, N just came in
    assert ages_out_next_week(passives["responded_at"], "2026-W27", 4).tolist() == [
        True, True, True, False
    ]  # fmt: skip
    assigned, events = frames([("2026-W26", "C", "call_list")])
    state = lifecycle_state(assigned, events, "2026-W27")
    # A and C answered in W23, the week that leaves the backlog with W27; C was contacted
    assert aged_out(passives, state, "2026-W27", 4)["respondent_id"].tolist() == ["A"]


def test_worked_assignments_are_those_with_an_event_since_monday():
    week_rows = pd.DataFrame({"respondent_id": ["A", "B", "C"]})
    events = pd.DataFrame(
        {
            "respondent_id": ["A", "B"],
            "at": pd.to_datetime(["2026-06-30", "2026-06-20"]),  # B's is from before W27
        }
    )
    assert worked_assignments(week_rows, events, "2026-W27").tolist() == [True, False, False]


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


def test_an_incentive_booked_by_a_week_planned_first_is_not_due_in_the_other():
    # Two weeks planned at once: whichever is recorded first books the incentive; the other
    # week's plan (its own assignments left out) sees it booked, earlier week or later.
    fixes = pd.DataFrame({"theme": ["3"], "fixed_at": [pd.Timestamp("2026-07-07")]})
    passives = pd.DataFrame({"respondent_id": ["A"], "theme_id": [3], "theme_label": ["x"]})
    responded = [("A", "responded", pd.Timestamp("2026-06-30"))]
    for booked, planned in (("2026-W29", "2026-W28"), ("2026-W28", "2026-W29")):
        assigned, events = frames([(booked, "A", "incentives_due")], responded)
        state = lifecycle_state(assigned, events, planned)
        assert state["has_incentive"].tolist() == [True]
        assert not incentive_due(passives, state, fixes, planned).any(), (booked, planned)
        alone = lifecycle_state(*frames([], responded), planned)
        assert incentive_due(passives, alone, fixes, planned).tolist() == [True]


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
        outcomes = pd.DataFrame(
            {
                "row": [2, 3, 4],
                "respondent_id": ["R2", "R2", "R3"],
                "status": ["responded", "incentive_sent", "incentive_sent"],
                "at": pd.to_datetime(["2026-07-01", "2026-07-02", "2026-07-02"]),
            }
        )
        with pytest.raises(LedgerError, match=r"row 4: R3 has no 'responded' answer"):
            ledger.record_outcomes(outcomes, "file 'outcomes.csv'")
        assert len(ledger.events()) == 1
