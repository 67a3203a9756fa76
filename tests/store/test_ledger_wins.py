"""Quick wins someone owns, in the ledger and through `passives wins` (issue 22, item 4)."""

from __future__ import annotations

from datetime import date

import pytest

from passives_lib.cli import main
from passives_lib.store.ledger._ledger import ContactLedger, LedgerError
from tests.store.conftest import Store


def test_a_quick_win_gets_an_owner_a_due_week_and_a_status(store: Store):
    with ContactLedger(store.location) as ledger:
        win = ledger.set_quick_win("4", "2026-W45", theme_label="tracking email", owner="Ana")
        assert (win["status"], win["owner"], win["raised_week"]) == ("open", "Ana", "2026-W45")
        ledger.set_quick_win("4", "2026-W46", due_week="2026-W48", status="in_progress")
        fixed = ledger.set_quick_win("4", "2026-W47", status="fixed", fixed_on=date(2026, 11, 18))
        assert (fixed["owner"], fixed["due_week"], fixed["raised_week"]) == (
            "Ana",
            "2026-W48",
            "2026-W45",
        )  # fields not given are kept
        # fixed: the theme is marked fixed the same day, so plans, briefs and the report follow
        fixes = ledger.fixed_themes()
        assert fixes["theme"].tolist() == ["4"]
        assert str(fixes["fixed_at"].iloc[0].date()) == "2026-11-18"
        assert ledger.quick_wins()["status"].tolist() == ["fixed"]
        with pytest.raises(LedgerError, match="status among"):
            ledger.set_quick_win("4", "2026-W47", status="done")
        with pytest.raises(LedgerError, match="not an ISO week"):
            ledger.set_quick_win("4", "2026-W47", due_week="next week")


def test_wins_through_the_command_line(tmp_path, capsys):
    ledger = str(tmp_path / "ledger.sqlite")
    argv = ["wins", "set", "6", "--week", "2026-W45", "--owner", "Ben", "--due", "2026-W46"]
    assert main([*argv, "--ledger", ledger]) == 0
    assert "quick win: theme 6: open, Ben, due 2026-W46" in capsys.readouterr().out
    argv = ["wins", "set", "6", "--week", "2026-W46", "--status", "fixed"]
    assert main([*argv, "--ledger", ledger]) == 0
    assert "fixed on 2026-11-09" in capsys.readouterr().out  # the Monday of the week
    out = tmp_path / "wins.csv"
    assert main(["wins", "list", "--ledger", ledger, "--out", str(out)]) == 0
    assert "Ben" in capsys.readouterr().out and "fixed" in out.read_text()
    with pytest.raises(SystemExit) as refused:  # a bad week: one error line, exit status 2
        main(["wins", "set", "6", "--week", "2026-W46", "--due", "soon", "--ledger", ledger])
    assert refused.value.code == 2
