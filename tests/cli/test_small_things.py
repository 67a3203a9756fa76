"""Issue 26's small things a caller meets: `contacts list | head`, and marking a fix twice."""

import subprocess
import sys
from pathlib import Path

import pandas as pd

from passives_lib.cli import main
from passives_lib.store import ContactLedger

REPO = Path(__file__).resolve().parents[2]


def ledger_with_contacts(tmp_path: Path, count: int) -> str:
    ledger = str(tmp_path / "ledger.sqlite")
    rows = pd.DataFrame({"respondent_id": [f"R{i:05d}" for i in range(count)], "list": "call_list"})
    with ContactLedger(ledger) as store:
        store.record_assignments("2026-W45", rows)
    return ledger


def test_contacts_list_into_a_pipe_that_closes_early_stops_quietly(tmp_path):
    ledger = ledger_with_contacts(tmp_path, 3000)  # far more than a pipe's buffer holds
    code = "import sys; from passives_lib.cli import main; sys.exit(main())"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "contacts", "list", "--ledger", ledger],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()  # what `head -1` reads, then it goes away
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert b"respondent_id" in first
    assert error == ""  # no "error: Broken pipe", no traceback


def test_a_broken_pipe_is_no_error_but_other_os_errors_are(tmp_path, capsys, monkeypatch):
    ledger = ledger_with_contacts(tmp_path, 2)

    def closed(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("builtins.print", closed)
    assert main(["contacts", "list", "--ledger", ledger]) == 0
    monkeypatch.undo()
    assert capsys.readouterr().err == ""
    under_a_file = str(Path(ledger) / "x.csv")
    assert main(["contacts", "list", "--ledger", ledger, "--out", under_a_file]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert main(["contacts", "list", "--ledger", str(tmp_path / "none.sqlite")]) == 2


def test_marking_a_fixed_theme_again_says_so_and_records_nothing(tmp_path, capsys):
    ledger = str(tmp_path / "ledger.sqlite")
    argv = ["themes", "mark-fixed", "7", "--ledger", ledger]
    assert main([*argv, "--date", "2026-11-04"]) == 0
    assert "recorded: theme 7" in capsys.readouterr().out
    assert main([*argv, "--date", "2026-11-06", "--note", "again?"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("already fixed: theme 7 was marked fixed on 2026-11-04")
    assert "nothing recorded" in said and "--again" in said
    with ContactLedger(ledger) as store:
        assert store.fixed_themes()["fixed_at"].dt.date.astype(str).tolist() == ["2026-11-04"]
    assert main([*argv, "--date", "2026-12-01", "--again", "--note", "it came back"]) == 0
    assert "recorded: theme 7" in capsys.readouterr().out
    with ContactLedger(ledger) as store:
        fixes = store.fixed_themes()
    assert fixes["fixed_at"].dt.date.astype(str).tolist() == ["2026-12-01"]
    assert fixes["note"].tolist() == ["it came back"]


def test_the_readme_cron_line_creates_its_log_folder_first():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("```cron\n", 1)[1].split("```", 1)[0]
    line = next(row for row in block.splitlines() if row.strip() and not row.startswith("#"))
    log = line.rsplit(">>", 1)[1].split()[0]
    folder = log.rsplit("/", 1)[0]
    assert f"mkdir -p {folder}" in line
    assert line.index(f"mkdir -p {folder}") < line.index(">>")
