import json

import pandas as pd
import pytest

from passives_lib.cli import main

GOOD = (
    "respondent_id,score,comment,responded_at,segment\n"
    "a1,9,Great,2026-07-01,SMB\n"
    "a2,7,=cmd(),2026-07-02,SMB\n"
    "a3,eight,Hmm,2026-07-03,Retail\n"
    "a4,2,Awful,2026-07-08,Retail\n"
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_json_has_the_promised_keys(write_export, tmp_path, capsys):
    path = write_export(GOOD)
    code, out, err = run(capsys, "validate", str(path), "--json", "--out", str(tmp_path / "o"))
    assert code == 0 and err == ""
    summary = json.loads(out)
    assert summary["rows_read"] == 4
    assert summary["rows_accepted"] == 3 and summary["rows_rejected"] == 1
    assert summary["counts"] == {"detractor": 1, "passive": 1, "promoter": 1}
    assert summary["nps"] == 0.0
    assert summary["nps_margin_95"] > 0
    assert [w["iso_week"] for w in summary["by_week"]] == ["2026-W27", "2026-W28"]
    assert {s["segment"] for s in summary["by_segment"]} == {"SMB", "Retail"}
    rejected = pd.read_csv(summary["rejected_file"])
    assert rejected["source_row"].tolist() == [4]
    assert rejected["reason"].tolist() == ["score is not a number"]


def test_validate_writes_rejected_rows_next_to_the_input_by_default(write_export, capsys):
    path = write_export(GOOD, name="week.csv")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert (path.parent / "week.rejected.csv").is_file()
    assert "Rows read: 4, accepted: 3, rejected: 1" in out
    assert "1 row(s): score is not a number" in out
    assert "NPS: +0.0 (95% margin" in out


def test_validate_out_may_name_a_csv_file(write_export, tmp_path, capsys):
    target = tmp_path / "elsewhere" / "bad.csv"
    code, _, _ = run(capsys, "validate", str(write_export(GOOD)), "--out", str(target))
    assert code == 0 and target.is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("respondent_id,score,comment\n", "header row but no data rows"),
        ("id,comment\n1,hi\n", "no score column"),
        ("id,score,score\n1,2,3\n", "the header appears twice"),
        ("id,score,date\n1,2,13/01/2026\n2,3,01/13/2026\n", "mixed date formats"),
    ],
)
def test_bad_files_exit_2_with_one_clear_line(write_export, tmp_path, capsys, content, message):
    path = write_export(content)
    code, out, err = run(capsys, "validate", str(path), "--out", str(tmp_path))
    assert code == 2
    assert out == ""
    assert err.startswith("error: file ") and message in err
    assert str(path) in err
    assert "Traceback" not in err


def test_bad_config_exits_2(write_export, tmp_path, capsys):
    config = tmp_path / "c.yml"
    config.write_text("dates: sometimes\n")
    code, _, err = run(capsys, "validate", str(write_export(GOOD)), "--config", str(config))
    assert code == 2 and "dates must be one of" in err


def test_unwritable_output_exits_2(write_export, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "validate", str(write_export(GOOD)), "--out", str(blocker / "d"))
    assert code == 2 and err.startswith("error: ")


def test_console_script_is_installed():
    from importlib.metadata import entry_points

    scripts = {e.name: e.value for e in entry_points(group="console_scripts")}
    assert scripts.get("passives") == "passives_lib.cli:main"


def test_themes_rename_and_merge_act_on_the_registry(tmp_path, capsys):
    import numpy as np

    from passives_lib import ThemeRegistry

    ledger = str(tmp_path / "ledger.sqlite")
    themes = pd.DataFrame(
        {
            "theme_id": [0, 1],
            "label": ["tracking / email", "invoice / pdf"],
            "keywords": [["tracking"], ["invoice"]],
            "size": [5, 4],
        }
    )
    with ThemeRegistry(ledger) as registry:
        ids = registry.assign("2026-W45", themes, np.eye(2, 8))["stable_id"].tolist()
    assert main(["themes", "rename", str(ids[0]), "Delivery updates", "--ledger", ledger]) == 0
    assert main(["themes", "merge", str(ids[0]), str(ids[1]), "--ledger", ledger]) == 0
    assert "merged into theme" in capsys.readouterr().out
    with ThemeRegistry(ledger) as registry:
        assert registry.resolve(ids[1]) == ids[0]
        assert registry.themes().set_index("stable_id").loc[ids[0], "name"] == "Delivery updates"
    assert main(["themes", "rename", "999", "x", "--ledger", ledger]) == 2
    assert "999" in capsys.readouterr().err
    # a name another theme has is refused: one error line saying which theme has it
    assert main(["themes", "rename", str(ids[0]), "Invoice / PDF", "--ledger", ledger]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error:") and len(error.splitlines()) == 1
    assert f"the name of theme {ids[1]}" in error


@pytest.mark.parametrize("week", ["2027-W53", "2026-W00", "2026-46", "W46"])
def test_weeks_that_do_not_exist_are_refused_by_the_command_line(week, capsys):
    with pytest.raises(SystemExit) as info:
        main(["findings", "x.csv", "--out", "o", "--week", week])
    assert info.value.code == 2
    assert "that exists" in capsys.readouterr().err
