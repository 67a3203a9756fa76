"""Commands that only read the ledger open it read-only: nothing created, read-only shares work."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest

from passives_lib.cli import EXIT_USER_ERROR, main
from passives_lib.core._errors import LedgerError
from passives_lib.store.ledger._ledger import ContactLedger


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "share" / "ledger.sqlite"
    with ContactLedger(path) as ledger:
        assignments = pd.DataFrame(
            {"respondent_id": ["R1"], "list": ["call_list"], "assignee": ["Ana"]}
        )
        ledger.record_assignments("2026-W46", assignments)
    return path


def test_a_read_only_ledger_reads_and_refuses_writes(ledger_file):
    before = ledger_file.read_bytes()
    with ContactLedger(ledger_file, read_only=True) as ledger:
        assert ledger.contact_state()["respondent_id"].tolist() == ["R1"]
        with pytest.raises(LedgerError):
            ledger.mark_theme_fixed("3", date(2026, 11, 20), None)
    assert ledger_file.read_bytes() == before


def test_read_only_never_creates_a_ledger(tmp_path):
    with pytest.raises(LedgerError, match="expected an existing ledger file"):
        ContactLedger(tmp_path / "typo.sqlite", read_only=True)
    assert not (tmp_path / "typo.sqlite").exists()


def test_contacts_list_reads_a_ledger_on_a_read_only_share(ledger_file, capsys):
    chattr = shutil.which("chattr")
    share = ledger_file.parent
    if not chattr or subprocess.run([chattr, "+i", str(ledger_file)]).returncode != 0:
        pytest.skip("chattr +i is not available here to make the share read-only")
    try:
        subprocess.run([chattr, "+i", str(share)], check=True)
        code = main(["contacts", "list", "--ledger", str(ledger_file)])
        printed = capsys.readouterr()
    finally:
        subprocess.run([chattr, "-i", str(share), str(ledger_file)], check=False)
    assert code == 0, printed.err
    assert "R1" in printed.out


def test_contacts_list_refuses_a_missing_ledger(tmp_path, capsys):
    assert main(["contacts", "list", "--ledger", str(tmp_path / "typo.sqlite")]) == EXIT_USER_ERROR
    assert "expected an existing contact ledger" in capsys.readouterr().err
    assert not (tmp_path / "typo.sqlite").exists()
