"""The report's outreach results: read from the ledger, shown in report.html and the digest."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd

from passives_lib.config import PlanSettings
from passives_lib.report._outreach_results import (
    outreach_results_lines,
    outreach_results_pieces,
    report_outreach_results,
)
from passives_lib.store import ContactLedger


def test_results_from_the_ledger_in_the_report_and_the_digest(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    with ContactLedger(ledger) as store:
        store.record_assignments(
            "2026-W27",
            pd.DataFrame({"respondent_id": ["A", "B"], "list": ["call_list", "call_list"]}),
        )
        store.record_status("A", "responded", date(2026, 6, 30))
        store.record_status("B", "no_answer", date(2026, 6, 30))
    responses = pd.DataFrame(
        {
            "respondent_id": ["A", "B"],
            "score": [7, 8],
            "category": ["passive", "passive"],
            "responded_at": pd.to_datetime(["2026-06-25", "2026-06-26"]),
            "iso_week": ["2026-W26", "2026-W26"],
            "lean": ["leans detractor", "leans promoter"],
            "segment": ["<b>SMB</b>", "SMB"],
        }
    )
    config = SimpleNamespace(plan=PlanSettings(ledger=str(ledger)))
    run = SimpleNamespace(config=config, dated=True, week="2026-W28", responses=responses)
    results = report_outreach_results(run)
    plain = results.as_dict()
    assert plain["to_date"]["assigned"] == 2 and plain["to_date"]["answered"] == 1
    assert plain["weeks"][0]["no_answer"] == 1
    assert plain["effect"]["estimate"] is None
    run.outreach = results
    html = "".join(piece.data for piece in outreach_results_pieces(run))
    assert "Outreach results" in html and "median days to first contact" in html
    assert "too few to tell" in html
    lines = outreach_results_lines(plain)
    assert lines[0].startswith("To date (1 planned week(s) up to 2026-W28): 2 passives assigned")
    # no ledger yet: no results, and the report says so
    missing = SimpleNamespace(
        config=SimpleNamespace(plan=PlanSettings(ledger=str(tmp_path / "none.sqlite"))),
        dated=True,
        week="2026-W28",
        responses=responses,
    )
    assert report_outreach_results(missing) is None
    assert outreach_results_lines(None) == [
        "No outreach results yet: nothing was recorded in the contact ledger."
    ]
