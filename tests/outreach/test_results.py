"""Outreach results per week and to date, and the effect estimate (issue 22, item 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from passives_lib.outreach._results import RESULT_COLUMNS, contact_effect, outreach_results


def frames():
    assignments = pd.DataFrame(
        [
            ("2026-W27", "A", "call_list"),
            ("2026-W27", "B", "call_list"),
            ("2026-W27", "C", "management_sample"),
            ("2026-W27", "P", "panel_invites"),
            ("2026-W28", "D", "call_list"),
            ("2026-W29", "B", "call_list"),  # a retry of B after no answer
            ("2026-W29", "I", "incentives_due"),  # not a contact
        ],
        columns=["week", "respondent_id", "list"],
    )
    events = pd.DataFrame(
        [
            ("A", "responded", "2026-06-30"),
            ("A", "converted", "2026-07-01"),
            ("B", "no_answer", "2026-07-01"),
            ("C", "contacted", "2026-07-02"),
            ("C", "declined", "2026-07-02"),
            ("D", "do_not_contact", "2026-07-07"),
            ("P", "panel_joined", "2026-07-03"),
            ("B", "responded", "2026-07-30"),  # after the report week: left out
        ],
        columns=["respondent_id", "status", "at"],
    )
    responses = pd.DataFrame(
        {
            "respondent_id": ["A", "B", "C", "D", "P", "I", "OLD", "NEW"],
            "score": [7, 8, 7, 8, 8, 7, 7, 8],
            "category": ["passive"] * 8,
            "responded_at": pd.to_datetime(
                [
                    "2026-06-26",
                    "2026-06-22",
                    "2026-06-29",
                    "2026-07-01",
                    "2026-06-28",
                    "2026-06-01",
                    "2026-06-03",
                    "2026-07-06",
                ]
            ),  # fmt: skip
            "lean": ["leans detractor"] * 8,
            "segment": ["SMB"] * 8,
        }
    )
    responses["iso_week"] = responses["responded_at"].dt.strftime("%G-W%V")
    return assignments, events, responses


def test_results_per_week_and_to_date():
    assignments, events, responses = frames()
    results = outreach_results(assignments, events, responses, "2026-W29", backlog_weeks=4)
    weekly = results.weekly.set_index("week")
    assert list(results.weekly.columns) == RESULT_COLUMNS
    w27 = weekly.loc["2026-W27"]
    assert (w27["assigned"], w27["reached"], w27["answered"]) == (4, 3, 3)
    assert (w27["converted"], w27["declined"], w27["no_answer"]) == (1, 1, 1)
    # days from the survey answer to the first event: A 4, B 9, C 3, P 5
    assert w27["median_days_to_first_contact"] == 4.5
    w28 = weekly.loc["2026-W28"]
    assert (w28["assigned"], w28["do_not_contact"], w28["reached"]) == (1, 1, 0)
    assert weekly.loc["2026-W29", "retries"] == 1 and weekly.loc["2026-W29", "assigned"] == 0
    # OLD and I answered in W23, which leaves the 4-week backlog with W27, never contacted
    assert weekly.loc["2026-W27", "aged_out"] == 2
    assert results.to_date["assigned"] == 5 and results.to_date["answered"] == 3
    assert results.to_date["through_week"] == "2026-W29"
    plain = results.as_dict()
    assert plain["weeks"][0]["week"] == "2026-W27" and isinstance(
        plain["weeks"][0]["assigned"], int
    )
    assert plain["effect"]["estimate"] is None and "too few" in plain["effect"]["text"]


def test_the_effect_compares_next_scores_within_lean_segment_and_week():
    rng = np.random.default_rng(3)
    rows, contact, events = [], [], []
    for i in range(60):
        who, treated = f"R{i}", i % 2 == 0
        segment = "SMB" if i % 4 < 2 else "Enterprise"
        rows.append((who, 7, "2026-06-02", segment))
        rows.append((who, 9 if treated else 7 + int(rng.integers(0, 2)), "2026-08-04", segment))
        if treated:
            contact.append(who)
            events.append((who, "contacted", "2026-06-10"))
    responses = pd.DataFrame(rows, columns=["respondent_id", "score", "responded_at", "segment"])
    responses = responses.assign(
        category=np.where(responses["score"] >= 9, "promoter", "passive"),
        lean="leans detractor",
        responded_at=pd.to_datetime(responses["responded_at"]),
    )
    responses["iso_week"] = responses["responded_at"].dt.strftime("%G-W%V")
    events = pd.DataFrame(events, columns=["respondent_id", "status", "at"])
    events["at"] = pd.to_datetime(events["at"])
    effect = contact_effect(responses, events, pd.DataFrame({"respondent_id": contact}))
    assert effect["n_contacted"] == 30 and effect["n_comparable"] == 30 and effect["strata"] == 2
    # contacted: 9 next time; comparable: 7 or 8 at random (mean about 7.5)
    assert 1.2 < effect["estimate"] < 1.8
    assert effect["low"] < effect["estimate"] < effect["high"] and effect["low"] > 0
    assert "higher" in effect["text"]
    few = contact_effect(responses, events, pd.DataFrame({"respondent_id": contact}), min_n=31)
    assert few["estimate"] is None and "at least 31" in few["text"]
