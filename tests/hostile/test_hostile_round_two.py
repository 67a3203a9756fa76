"""Hostile cases of issue 25 (weeks, config values, ``--param``): one ``error:`` line, exit 2.

Every command runs in-process (``tests.hostile.harness.run_cli``); a traceback or another exit
status fails the test. Variants nobody listed in the issue sit beside each listed case. Exports,
results and outputs are in ``test_hostile_round_two_outputs.py``.
"""

from __future__ import annotations

import pytest

from passives_lib.config import config_from_dict, load_config
from passives_lib.core import ConfigError
from tests.conftest import SAMPLE
from tests.hostile.harness import assert_refused, run_cli, write

SURVEY = SAMPLE / "survey.csv"


# --- ISO weeks and window sizes -------------------------------------------------------------


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "1899-W52", "2201-W01", "2026-W00"])
@pytest.mark.parametrize("command", ["plan", "findings", "report"])
def test_a_week_out_of_range_is_one_error_line(tmp_path, week, command):
    argv = [command, str(SURVEY), "--week", week, "--out", str(tmp_path / "out")]
    assert_refused(run_cli(command, argv), "--week", repr(week))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("weeks", ["99999999999", "521", "0", "-3", "x"])
def test_a_huge_or_bad_lookback_is_one_error_line(tmp_path, weeks):
    argv = ["findings", str(SURVEY), "--lookback-weeks", weeks, "--out", str(tmp_path)]
    assert_refused(run_cli("findings", argv), "--lookback-weeks", repr(weeks))


@pytest.mark.parametrize(
    ("setting", "key"),
    [
        ("backlog_weeks: 99999999999", "plan.backlog_weeks must be a whole number between 1"),
        ("backlog_weeks: 521", "plan.backlog_weeks"),
        ("recontact_after_days: 99999999999", "plan.recontact_after_days"),
    ],
)
def test_a_huge_plan_window_names_its_key(tmp_path, setting, key):
    config = write(tmp_path / "c.yml", f"plan:\n  {setting}\n")
    argv = ["plan", str(SURVEY), "--config", str(config), "--out", str(tmp_path / "o")]
    assert_refused(run_cli("plan", [*argv, "--no-themes", "--dry-run"]), key, str(config))


# --- config values checked where the config is read ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plan:\n  capacity: 5\n  capacity: 9\n",  # listed: a key given twice
        "dates: iso\nplan: {capacity: 3}\ndates: dayfirst\n",  # top level, apart
        "plan: {capacity: 5, capacity: 9}\n",  # one flow mapping
        "email:\n  host: a\n  host: b\n",  # another section
    ],
)
def test_a_key_given_twice_is_refused(tmp_path, text):
    config = write(tmp_path / "c.yml", text)
    outcome = run_cli("validate", ["validate", str(SURVEY), "--config", str(config)])
    assert_refused(outcome, "is given twice", str(config))


def test_a_merge_key_may_still_be_overridden(tmp_path):
    text = "plan: &base {capacity: 5}\nthemes: {random_state: 1}\n"
    config = load_config(write(tmp_path / "c.yml", text))
    assert config.plan.capacity == 5


@pytest.mark.parametrize(
    "weights",
    [
        {s: 0 for s in ("value", "score", "easy_fix", "segment", "testimonial", "engagement")},
        {s: 0.0 for s in ("value", "score", "easy_fix", "segment", "testimonial", "engagement")},
    ],
)
@pytest.mark.parametrize("profile", ["balanced", "value", "retention"])
def test_all_zero_weights_are_refused(weights, profile):
    with pytest.raises(ConfigError, match="plan.weights must leave at least one strategy"):
        config_from_dict({"plan": {"profile": profile, "weights": weights}})
    kept = dict(weights, score=0.5)
    assert config_from_dict({"plan": {"weights": kept}}).plan.strategy_weights()["score"] == 0.5


def test_all_zero_weights_through_the_command(tmp_path):
    zero = ", ".join(
        f"{s}: 0" for s in ("value", "score", "easy_fix", "segment", "testimonial", "engagement")
    )
    config = write(tmp_path / "c.yml", f"plan:\n  weights: {{{zero}}}\n")
    argv = ["plan", str(SURVEY), "--config", str(config), "--out", str(tmp_path / "o")]
    assert_refused(run_cli("plan", [*argv, "--no-themes", "--dry-run"]), "plan.weights")
    assert not (tmp_path / "o").exists()


EMAIL = "email:\n  host: smtp.example.com\n  sender: a@example.com\n"


@pytest.mark.parametrize(
    ("lines", "key"),
    [
        ('  recipients: [b@example.com]\n  subject: "NPS\\nBcc: all@example.com"\n', "subject"),
        ('  recipients: ["b@example.com\\r\\nBcc: x@example.com"]\n', "recipients[0]"),
        ('  recipients: [b@example.com]\n  subject: "NPS\\rX"\n', "subject"),  # bare CR
        ('  recipients: [b@example.com]\n  subject: "NPS\\u0085X"\n', "subject"),  # NEL
        ('  recipients: [b@example.com]\n  user: "ana\\nRCPT"\n', "email.user"),
    ],
)
def test_line_breaks_in_mail_headers_are_refused_before_the_report_runs(tmp_path, lines, key):
    config = write(tmp_path / "c.yml", EMAIL + lines)
    out = tmp_path / "reports"
    argv = ["report", str(SURVEY), "--config", str(config), "--email", "--out", str(out)]
    assert_refused(run_cli("report", argv), key, "one line")
    assert not out.exists()  # refused before anything was built or published


def test_a_password_without_starttls_needs_an_explicit_yes(tmp_path):
    base = EMAIL + "  recipients: [b@example.com]\n  user: ana\n  password_env: SMTP_PW\n"
    config = write(tmp_path / "c.yml", base + "  starttls: false\n")
    outcome = run_cli("validate", ["validate", str(SURVEY), "--config", str(config)])
    assert_refused(outcome, "email.starttls", "sent in clear", "allow_plaintext_auth")
    allowed = write(tmp_path / "ok.yml", base + "  starttls: false\n  allow_plaintext_auth: true\n")
    settings = load_config(allowed).email
    assert settings.allow_plaintext_auth and "without STARTTLS" in settings.plaintext_warning
    secure = load_config(write(tmp_path / "tls.yml", base)).email
    assert secure.starttls and secure.plaintext_warning is None
    no_login = write(tmp_path / "relay.yml", EMAIL + "  recipients: [b@x.org]\n  starttls: false\n")
    assert load_config(no_login).email.plaintext_warning is None  # no password is sent
    odd = write(tmp_path / "odd.yml", base + "  allow_plaintext_auth: yes please\n")
    with pytest.raises(
        ConfigError, match="email.allow_plaintext_auth must be true or false, got 'yes please'"
    ):
        load_config(odd)


# --- --param: typed and range-checked before a kernel starts --------------------------------


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if the notebook were executed."""
    import passives_lib.report._run as run

    def refuse(*args, **kwargs):
        raise AssertionError("the notebook was executed")

    monkeypatch.setattr(run, "_execute", refuse)


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        ("capacity=", "--param capacity has no value"),
        ("capacity=  ", "--param capacity has no value"),
        ("capacity=abc", "plan.capacity must be a whole number >= 0, got 'abc'"),
        ("capacity=-1", "plan.capacity must be a whole number >= 0, got -1"),
        ("capacity=2.5", "plan.capacity must be a whole number"),
        ("lookback_weeks=0", "lookback_weeks must be a whole number between 1 and 520"),
        ("lookback_weeks=99999", "got 99999"),
        ("lookback_weeks=true", "got True"),
        ("management_share=1.5", "plan.management_share must be a number between 0 and 1"),
        ("profile=nope", "plan.profile must be one of"),
        ("random_seed=-4", "themes.random_state must be a whole number"),
        ("managers=[]", "plan.managers must be a non-empty list"),
    ],
)
def test_bad_param_values_are_refused_before_the_kernel_starts(
    tmp_path, no_kernel, param, expected
):
    out = tmp_path / "reports"
    argv = ["report", str(SURVEY), "--out", str(out), "--param", param]
    assert_refused(run_cli("report", argv), expected)
    assert not any(out.glob("*.failed.ipynb")) and not any(out.glob("20*"))
