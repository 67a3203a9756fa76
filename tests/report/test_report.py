"""``passives report``: parameters, refusing unknown ones, publishing, failed runs."""

import os
import re

import nbformat
import pytest

from passives_lib import cli
from passives_lib.core._errors import PassivesError
from passives_lib.report._run import (
    DEFAULT_NOTEBOOK,
    ReportError,
    ReportFailedError,
    check_parameters,
    notebook_parameters,
    parse_parameter,
    publish,
    report_parameters,
    run_report,
)
from tests.conftest import REPO, SAMPLE
from tests.report.test_report_helpers import passives

SURVEY = SAMPLE / "survey.csv"
CONFIG = SAMPLE / "config.yml"
PARAMETERS = [
    "input_path",
    "config_path",
    "week",
    "lookback_weeks",
    "capacity",
    "profile",
    "management_share",
    "managers",
    "ledger",
    "output_dir",
    "random_seed",
    "record_plan",
]


def test_the_notebook_declares_the_report_parameters():
    assert list(notebook_parameters(DEFAULT_NOTEBOOK)) == PARAMETERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("capacity=20", ("capacity", 20)),
        ("management_share=0.2", ("management_share", 0.2)),
        ("managers=[Ana, Ben]", ("managers", ["Ana", "Ben"])),
        ("profile=quick_fix", ("profile", "quick_fix")),
        ("random_seed=null", ("random_seed", None)),
        ("week='2026-W46'", ("week", "2026-W46")),
    ],
)
def test_parse_parameter_reads_values_as_yaml(text, expected):
    assert parse_parameter(text) == expected


@pytest.mark.parametrize("text", ["capacity", "=3", "two words=3", "9lives=1"])
def test_parse_parameter_refuses_malformed_text(text):
    with pytest.raises(ReportError, match="--param expects NAME=VALUE"):
        parse_parameter(text)


def test_unknown_parameters_are_refused_by_name():
    with pytest.raises(
        ReportError,
        match=re.escape(
            "unknown report parameter(s) ['colour', 'speed']; the notebook's parameters are"
        ),
    ):
        check_parameters(["capacity", "speed", "colour"], PARAMETERS)
    with pytest.raises(ReportError, match=re.escape("input_path: use INPUT")):
        check_parameters(["input_path"], PARAMETERS)
    with pytest.raises(ReportError, match=re.escape("output_dir: use --out")):
        check_parameters(["output_dir"], PARAMETERS)
    check_parameters(["capacity", "lookback_weeks"], PARAMETERS)


def test_unknown_parameter_stops_before_anything_runs(tmp_path, capsys):
    out = tmp_path / "reports"
    with pytest.raises(ReportError, match="unknown report parameter"):
        run_report(SURVEY, out, params={"colour": "red"})
    assert not out.exists()
    code = passives(
        "report", SURVEY, "--out", out, "--param", "colour=red", "--param", "capacity=3"
    )
    assert code == cli.EXIT_USER_ERROR
    assert "error: unknown report parameter(s) ['colour']" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_survey_stops_before_the_kernel_starts(tmp_path):
    with pytest.raises(ReportError, match="survey file .*nope.csv' does not exist"):
        run_report(tmp_path / "nope.csv", tmp_path / "reports")
    assert not (tmp_path / "reports").exists()


def test_report_parameters_are_the_command_and_the_overrides_only(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    parameters = report_parameters(SURVEY, CONFIG, "2026-W45", tmp_path, True, {"capacity": 3})
    assert parameters == {
        "input_path": str(SURVEY.resolve()),
        "config_path": str(CONFIG.resolve()),
        "week": "2026-W45",
        "output_dir": str(tmp_path.resolve()),
        "record_plan": False,
        "capacity": 3,
    }  # profile, managers, ledger, seed: the notebook reads them from the config
    url = report_parameters(
        SURVEY, None, None, tmp_path, False, {"ledger": "postgresql://cx@db/cx"}
    )
    assert url["ledger"] == "postgresql://cx@db/cx" and url["record_plan"] is True
    assert url["config_path"] is None and "capacity" not in url
    relative = report_parameters(SURVEY, None, None, tmp_path, False, {"ledger": "l.sqlite"})
    assert relative["ledger"] == str(REPO / "l.sqlite")


def test_report_parameters_stop_on_a_bad_config(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("plan:\n  profile: nonsense\n", encoding="utf-8")
    with pytest.raises(PassivesError, match="profile"):
        report_parameters(SURVEY, bad, None, tmp_path, True, {})


def test_publish_replaces_the_previous_report_whole(tmp_path):
    destination = tmp_path / "2026-W46"
    destination.mkdir()
    (destination / "old.txt").write_text("old")
    building = tmp_path / ".report-building-x"
    building.mkdir()
    (building / "new.txt").write_text("new")
    publish(building, destination)
    assert [p.name for p in destination.iterdir()] == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-W46"]


def test_publish_puts_the_previous_report_back_when_the_move_fails(tmp_path, monkeypatch):
    destination = tmp_path / "2026-W46"
    destination.mkdir()
    (destination / "old.txt").write_text("old")
    building = tmp_path / ".report-building-x"
    building.mkdir()
    real_replace = os.replace

    def failing(source, target):
        if str(source) == str(building):
            raise OSError("disk full")
        return real_replace(source, target)

    monkeypatch.setattr("passives_lib.report._run.os.replace", failing)
    with pytest.raises(OSError, match="disk full"):
        publish(building, destination)
    assert [p.name for p in destination.iterdir()] == ["old.txt"]


def test_a_failed_run_keeps_the_good_report_and_the_failed_notebook(tmp_path, capsys):
    out = tmp_path / "reports"
    good = out / "2026-W46"
    good.mkdir(parents=True)
    (good / "report.html").write_text("the good report")
    config = tmp_path / "broken.yml"
    config.write_text("columns: {score: score, comment: no_such_column}\n")
    code = passives(
        "report",
        SURVEY,
        "--config",
        config,
        "--out",
        out,
        "--week",
        "2026-W46",
        "--param",
        f"ledger={tmp_path / 'l.sqlite'}",
    )
    captured = capsys.readouterr()
    assert code == cli.EXIT_USER_ERROR
    assert "[1/4] executing notebook" in captured.out
    assert "[2/4]" not in captured.out
    assert "error: the report notebook failed in cell" in captured.err
    assert "InputError" in captured.err and "no_such_column" in captured.err
    failed = out / "2026-W46.failed.ipynb"
    assert str(failed) in captured.err
    executed = nbformat.read(failed, as_version=4)
    errors = [
        o
        for c in executed.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert [e.ename for e in errors] == ["InputError"]
    assert (good / "report.html").read_text() == "the good report"
    assert sorted(p.name for p in out.iterdir()) == ["2026-W46", "2026-W46.failed.ipynb"]


def test_a_missing_kernel_is_named_with_the_fix(tmp_path):
    with pytest.raises(ReportError, match="no Jupyter kernel named 'no-such-kernel'.*ipykernel"):
        run_report(
            SURVEY,
            tmp_path / "reports",
            config_path=CONFIG,
            kernel_name="no-such-kernel",
            progress=lambda _: None,
        )
    assert list((tmp_path / "reports").iterdir()) == []


def test_report_failed_error_is_a_passives_error():
    error = ReportFailedError(
        "x", ename="ValueError", evalue="bad", cell=4, failed_notebook=REPO / "x.ipynb"
    )
    assert isinstance(error, PassivesError)
    assert (error.ename, error.evalue, error.cell) == ("ValueError", "bad", 4)


def test_the_cli_wires_the_report_command():
    assert cli.main(["report", str(SURVEY), "--param", "colour=red"]) == cli.EXIT_USER_ERROR
