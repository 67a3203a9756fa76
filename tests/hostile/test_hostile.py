"""The hostile-input corpus (issue 13): every case through every command.

Each case asserts: exit 0 or 2 (as the case expects), one ``error:`` line and no traceback,
rows read = accepted + rejected, no formula-like cell in any CSV (read with the csv module and
split on CR and LF), no planted personal datum in any output, no raw markup in any HTML. The
commands run in-process; themes and findings use the tiny hashed-words encoder.
"""

from __future__ import annotations

import json

import pytest

from passives_lib.cli import _main as cli
from passives_lib.cli._main import main
from tests.hostile.corpus import MARKUP, PLANTED, build_corpus, case_names
from tests.hostile.harness import (
    build_report_sections,
    check_outcome,
    check_validate_counts,
    fail_if,
    formula_cells,
    leaked_personal_data,
    output_files,
    rendered_markup,
    run_cli,
    run_commands,
)

pytestmark = pytest.mark.slow
CASE_NAMES = case_names()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return {case.name: case for case in build_corpus(folder / "in")}, folder / "out"


@pytest.fixture(scope="module")
def results(corpus):
    cases, out = corpus
    cache: dict[str, list] = {}

    def run(name: str):
        if name not in cache:
            cache[name] = run_commands(cases[name], out / name)
        return cases[name], cache[name], out / name

    return run


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_command_holds_up(results, name):
    case, outcomes, out = results(name)
    for outcome in outcomes:
        check_outcome(case, outcome)
    summary = check_validate_counts(case, outcomes[0])
    files = output_files(out)
    fail_if(
        [f"{p.name}: {c}" for p in files if p.suffix == ".csv" for c in formula_cells(p)],
        "formula-like cells",
        name,
    )
    fail_if(leaked_personal_data(files), "unmasked personal data", name)
    fail_if(rendered_markup(files), "raw markup in HTML", name)
    for key, value in case.extra.items():
        if key == "rejected_rows":
            assert summary["rows_rejected"] == value, summary
        elif key == "encoding":
            assert summary["encoding"] == value, summary


def test_hostile_text_is_kept_as_data(results):
    case, outcomes, out = results("hostile_text")
    summary = check_validate_counts(case, outcomes[0])
    assert summary["rows_read"] == 60 and summary["rows_accepted"] == 60
    call_list = (out / "plan" / "call_list.csv").read_text(encoding="utf-8")
    assert "\r" not in call_list


def test_bad_optional_numbers_are_blanked_not_fatal(results):
    case, outcomes, out = results("huge_numbers")
    summary = check_validate_counts(case, outcomes[0])
    assert summary["rows_rejected"] == 0 and summary["rows_accepted"] == 60
    warnings = (out / "validate" / "export.warnings.csv").read_text(encoding="utf-8")
    assert warnings.count("the value was blanked and the response kept") == 14


def test_a_negative_basket_keeps_the_response(results):
    case, outcomes, out = results("negative_basket")
    summary = check_validate_counts(case, outcomes[0])
    assert summary["rows_rejected"] == 0
    assert summary["rows_with_warnings"] == 20


def test_a_future_date_is_rejected_and_never_picks_the_week(results):
    case, outcomes, out = results("future_date")
    summary = check_validate_counts(case, outcomes[0])
    rejected = (out / "validate" / "export.rejected.csv").read_text(encoding="utf-8")
    assert "responded_at is after today" in rejected and "2062" not in str(summary["by_week"])
    assert "2062" not in outcomes[1].output


def test_utf8_with_stray_bytes_stays_utf8(results):
    case, outcomes, _ = results("utf8_stray_bytes")
    summary = check_validate_counts(case, outcomes[0])
    assert summary["encoding"] == "utf-8" and "cp1252" not in json.dumps(summary["notes"])


def test_a_short_row_is_kept_and_listed(results):
    case, outcomes, out = results("short_row")
    summary = check_validate_counts(case, outcomes[0])
    assert summary["rows_read"] == 11 and summary["rows_with_warnings"] == 1
    warnings = (out / "validate" / "export.warnings.csv").read_text(encoding="utf-8")
    assert "the row has 4 fields but the header has 9" in warnings


def test_two_score_headers_are_refused_by_name(results):
    _, outcomes, _ = results("two_score_headers")
    assert "expected one score column" in outcomes[0].output and "'NPS'" in outcomes[0].output


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("config_wide_margin_text", "nps.wide_margin must be a number > 0, got 'x'"),
        ("config_min_responses_text", "nps.min_responses must be a whole number >= 1"),
        ("config_management_share_text", "plan.management_share must be a number between"),
        ("config_min_similarity_text", "themes.min_similarity must be a number between"),
        ("config_ledger_number", "plan.ledger must be a non-empty text, got 5"),
        ("config_segment_weights_text", "plan.segment_weights must be a mapping"),
        ("config_segment_weights_list", "plan.segment_weights must be a mapping"),
        ("config_panel_size_text", "plan.panel_size must be a whole number >= 0, got 'x'"),
        ("config_panel_size_negative", "plan.panel_size must be a whole number >= 0, got -5"),
        ("config_managers_text", "plan.managers must be a non-empty list of names, got 'Ana'"),
        ("config_n_themes_huge", "themes.n_themes must be a whole number between 1 and 50"),
        ("config_random_state_negative", "themes.random_state must be a whole number"),
        ("config_cache_dir_file", "themes.cache_dir must be a folder"),
        ("config_yaml_python_tag", "is not valid YAML"),
        ("config_config_not_mapping", "expected a mapping of settings"),
        ("config_backlog_weeks_huge", "plan.backlog_weeks must be a whole number between 1"),
        ("config_recontact_after_days_huge", "plan.recontact_after_days must be a whole number"),
        ("config_weights_all_zero", "plan.weights must leave at least one strategy weight"),
        ("config_key_twice", "key 'plan' is given twice (lines 1 and 2)"),
        ("config_email_subject_line_break", "email.subject must be one line"),
        ("config_email_password_in_clear", "the password would be sent in clear"),
    ],
)
def test_config_errors_name_the_key(results, name, key):
    _, outcomes, _ = results(name)
    assert key in outcomes[0].output, outcomes[0].output


def test_n_themes_zero_is_a_clear_error(corpus, tmp_path):
    cases, _ = corpus
    outcome = run_cli(
        "themes",
        ["themes", str(cases["one_response"].path), "--out", str(tmp_path), "--n-themes", "0"],
    )
    assert outcome.status == 2
    assert "themes.n_themes must be a whole number between 1 and 50, got 0" in outcome.output


def test_ctrl_c_is_one_line_without_traceback(corpus, monkeypatch, capsys):
    cases, _ = corpus

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    import passives_lib.survey as survey  # the command imports it when it runs

    monkeypatch.setattr(survey, "load_survey", interrupted)
    assert main(["validate", str(cases["one_response"].path)]) == cli.EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert err.startswith("error: interrupted") and "Traceback" not in err


@pytest.fixture(scope="module")
def reports(corpus, tmp_path_factory):
    """The weekly report's content (CSV files and every section's HTML) per small case."""
    cases, _ = corpus
    built = {}
    for name in REPORT_CASES:
        out = tmp_path_factory.mktemp(f"report-{name}")
        run, pieces = build_report_sections(cases[name], out)
        built[name] = (run, "\n".join(pieces), out, pieces)
    return built


REPORT_CASES = [
    "one_response",
    "no_comments",
    "all_non_answers",
    "no_comment_column",
    "identical_comments",
    "hostile_text",
]


@pytest.mark.parametrize("name", REPORT_CASES)
def test_a_quiet_week_still_gets_its_report(reports, name):
    run, html, out, _ = reports[name]
    assert "NPS" in html and "passive" in html.lower()
    assert (out / "out" / "call_list.csv").is_file()
    if name in ("no_comments", "all_non_answers", "no_comment_column"):
        assert "too little comment text for themes" in html
    files = output_files(out)
    fail_if(
        [f"{p.name}: {c}" for p in files if p.suffix == ".csv" for c in formula_cells(p)],
        "formula-like cells",
        name,
    )
    fail_if(leaked_personal_data(files), "unmasked personal data", name)


def test_report_html_shows_markup_and_maths_as_text(reports):
    _, html, _, pieces = reports["hostile_text"]
    for markup in MARKUP:
        if markup.startswith("<"):
            assert markup not in html
    with_maths = [piece for piece in pieces if "$x^2$" in piece]
    assert with_maths, "the manager '$x^2$ Ana' should be in the plan section"
    for piece in with_maths:  # MathJax skips an element with this class, and all inside it
        assert "tex2jax_ignore" in piece.split(">", 1)[0], piece[:200]
    for datum in PLANTED.values():
        assert datum not in html


def test_ledger_commands_take_hostile_names_and_outcomes(results, tmp_path):
    case, _, out = results("hostile_text")
    ledger = str(out / "ledger.sqlite")
    call_list = (out / "plan" / "call_list.csv").read_text(encoding="utf-8").splitlines()
    someone = call_list[1].split(",", 1)[0]
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text(
        "respondent_id,status,date,note\n"
        f"{someone},responded,2026-10-20,\"=cmd|'/c calc'!A1 call 07700900125\"\n",
        encoding="utf-8",
    )
    hostile = tmp_path / "hostile_outcomes.csv"
    hostile.write_text("respondent_id,status,date\n=1+1,phoned,2062-99-99\n", encoding="utf-8")
    runs = [
        run_cli("contacts import", ["contacts", "import", str(outcomes), "--ledger", ledger]),
        run_cli("contacts import bad", ["contacts", "import", str(hostile), "--ledger", ledger]),
        run_cli("mark-fixed", ["themes", "mark-fixed", MARKUP[0], "--ledger", ledger]),
        run_cli("rename", ["themes", "rename", "1", MARKUP[1], "--ledger", ledger]),
        run_cli(
            "contacts list",
            ["contacts", "list", "--ledger", ledger, "--out", str(tmp_path / "state.csv")],
        ),
    ]
    for outcome in runs:
        assert "Traceback" not in outcome.output, outcome.output
        assert outcome.status in (0, 2), (outcome.command, outcome.output)
    assert runs[0].status == 0 and runs[1].status == 2 and runs[4].status == 0
    fail_if(formula_cells(tmp_path / "state.csv"), "formula-like cells", "contacts list")
    printed = "\n".join(outcome.output for outcome in runs)
    assert "07700900125" not in printed + (tmp_path / "state.csv").read_text(encoding="utf-8")
