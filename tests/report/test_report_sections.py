"""The report's content built in-process: CSV outputs, sections, escaping, offline figures."""

import json
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from passives_lib.config import Config
from passives_lib.core._errors import ConfigError
from passives_lib.report._build import build_report, configured, passive_counts
from passives_lib.report._html import figure, html_table, paragraph, plotly_library, quotes
from passives_lib.report._sections import (
    data_quality_section,
    findings_impact_section,
    findings_overview_section,
    findings_table_section,
    findings_trend_section,
    headline_section,
    method_section,
    passives_section,
    plan_section,
    quick_win_section,
    title_section,
)
from tests.report.report_processes import WEEKLY_CSV
from tests.report.test_report_helpers import XSS, XSS_TITLE, report_cache, write_xss_survey

SECTIONS = [
    headline_section,
    passives_section,
    findings_overview_section,
    findings_impact_section,
    findings_trend_section,
    findings_table_section,
    plan_section,
    data_quality_section,
    method_section,
]


def html_of(pieces) -> str:
    return "\n".join(piece.data for piece in pieces)


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dated")
    survey = write_xss_survey(folder / "hostile.csv")
    with report_cache(tmp_path_factory.getbasetemp()):
        return build_report(
            survey,
            output_dir=folder / "out",
            capacity=5,
            ledger=str(folder / "ledger.sqlite"),
            managers=["<b>Boss</b>"],
            record_plan=True,
        )


@pytest.fixture(scope="module")
def undated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("undated")
    survey = folder / "undated.csv"
    frame = pd.DataFrame(
        {
            "score": [9, 7, 8, 3, 10, 7],
            "comment": ["good", XSS, "the price is high", "the price is high", "", "too expensive"],
        }
    )
    frame.to_csv(survey, index=False)
    with report_cache(tmp_path_factory.getbasetemp()):
        return build_report(survey, output_dir=folder / "out", ledger=str(folder / "ledger.sqlite"))


def test_build_writes_every_csv_and_the_summary(dated):
    out = dated.output_dir
    expected = {"hostile.rejected.csv", "report.json", *WEEKLY_CSV}
    assert expected <= {p.name for p in out.iterdir()}
    summary = json.loads((out / "report.json").read_text())
    assert summary["week"] == "2026-W46" and summary["dated"] is True
    assert summary["parameters"]["capacity"] == 5
    assert summary["plan"]["call_list"] == len(pd.read_csv(out / "call_list.csv"))
    assignments = pd.read_csv(out / "assignments.csv")
    assert len(assignments) == len(dated.findings.window)
    assert set(assignments["respondent_id"]) == set(dated.findings.window["respondent_id"])
    soft = pd.read_csv(out / "soft_promoters.csv")
    assert summary["soft_promoters"] == int((soft["iso_week"] == "2026-W46").sum())


def test_call_lists_carry_a_brief_and_each_caller_a_page(dated):
    out = dated.output_dir
    for name in ("call_list", "management_sample"):
        listed = pd.read_csv(out / f"{name}.csv")
        assert listed["call_brief"].str.contains("ask: ").all()
        assert not listed["call_brief"].str.contains("<", regex=False).any()
    pages = sorted((out / "briefs").glob("*.html"))
    text = "".join(page.read_text() for page in pages)
    assert "Call briefs for Boss" in text and "<b>" not in text


def test_the_passives_section_counts_soft_promoters(dated, undated):
    assert "soft promoter" in html_of(passives_section(dated))
    assert "Soft promoters: passives in all but score" in html_of(passives_section(undated))


def test_record_plan_writes_the_ledger(dated):
    from passives_lib.store.ledger._ledger import ContactLedger

    assert dated.plan.recorded > 0
    with ContactLedger(dated.config.plan.ledger) as ledger:
        recorded = ledger.assignments()
    assert set(recorded["week"]) == {"2026-W46"}
    assert set(recorded["respondent_id"]) >= set(dated.plan.plan.call_list["respondent_id"])


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.__name__)
def test_no_section_lets_a_comment_inject_markup(dated, section):
    markup = html_of(section(dated))
    for planted in (XSS, XSS_TITLE, "<script>window.pwned", "<b>bold</b>", "<b>Boss</b>"):
        assert planted not in markup
    assert "jo.b@example.com" not in markup


def test_comments_show_as_escaped_text(dated):
    markup = html_of(plan_section(dated)) + html_of(findings_table_section(dated))
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "&lt;/script&gt;&lt;script&gt;window.pwned = true&lt;/script&gt;" in markup
    assert "&lt;b&gt;Boss&lt;/b&gt;" in html_of(plan_section(dated))


def test_quick_win_sections_cover_three_ranks(dated):
    for rank in (1, 2, 3):
        markup = html_of(quick_win_section(dated, rank))
        if rank > len(dated.findings.quick_wins):
            assert f"No quick win {rank} this week:" in markup  # with the true reason
        else:
            assert f"Quick win {rank}:" in markup
            assert "Suggested project" in markup


def test_headline_and_plan_of_a_dated_survey(dated):
    assert "NPS in 2026-W46 was" in html_of(headline_section(dated))
    assert 'class="plotly-graph-div"' in html_of(headline_section(dated))
    assert "Plan for 2026-W46:" in html_of(plan_section(dated))


def test_an_undated_survey_says_so_instead_of_failing(undated):
    assert undated.plan is None and not undated.dated
    assert "Overall NPS is" in html_of(headline_section(undated))
    assert "No weekly trend: the survey has no response dates." in html_of(
        headline_section(undated)
    )
    assert "No outreach plan this time: the survey has no response dates" in html_of(
        plan_section(undated)
    )
    assert "No trend by week" in html_of(findings_trend_section(undated))
    assert "over every response" in html_of(passives_section(undated))
    assert not (undated.output_dir / "call_list.csv").exists()
    assert json.loads((undated.output_dir / "report.json").read_text())["week"] == "undated"
    for section in SECTIONS:
        assert XSS not in html_of(section(undated))


def test_figures_are_drawn_offline_by_the_embedded_library(dated):
    library = plotly_library().data
    assert len(library) > 1_000_000 and "window.Plotly = Plotly" in library
    assert not re.search(r"<script[^>]*\bsrc=", library)
    title = html_of(title_section(dated))
    assert title.count("<script") == 2
    markup = figure(go.Figure(go.Bar(x=["</script><script>alert(1)</script>"], y=[1]))).data
    assert "</script><script>alert(1)" not in markup
    assert "cdn" not in markup.lower() and "mathjax" not in markup.lower()


def test_html_helpers_escape_and_mask():
    table = html_table(
        pd.DataFrame(
            {
                "comment": [f"{XSS} call +44 20 7946 0123"],
                "quotes": [["<i>x</i>", "a@b.example.org"]],
            }
        )
    ).data
    assert "&lt;img src=x onerror=alert(1)&gt; call [phone]" in table
    assert "&lt;i&gt;x&lt;/i&gt; | [email]" in table
    assert "<img" not in table and "<i>" not in table
    assert paragraph(XSS).data == (
        '<p class="passives-text tex2jax_ignore">&lt;img src=x onerror=alert(1)&gt;</p>'
    )
    assert quotes(["<b>hi</b> jo@example.com"]).data == (
        '<blockquote class="tex2jax_ignore">&lt;b&gt;hi&lt;/b&gt; [email]</blockquote>'
    )


def test_passive_counts_by_group():
    frame = pd.DataFrame(
        {
            "score": [7, 8, 8, 10, 7],
            "segment": ["a", "a", "b", "b", "b"],
            "category": ["passive", "passive", "passive", "promoter", "passive"],
        }
    )
    table = passive_counts(frame, "segment")
    assert table.loc["a"].tolist() == [2, 2, 1, 1, 1.0, 0.5]
    assert table.loc["b", "share_passives"] == pytest.approx(2 / 3)


def test_passive_counts_of_no_response_is_one_row_of_zeros():
    empty = pd.DataFrame({"score": pd.Series(dtype=int), "category": pd.Series(dtype=str)})
    assert passive_counts(empty)[["respondents", "passives"]].iloc[0].tolist() == [0, 0]


def test_configured_applies_and_validates_the_parameters():
    config = configured(Config(), capacity=7, profile="value", managers=["A"], random_seed=3)
    assert (config.plan.capacity, config.plan.profile, config.plan.managers) == (7, "value", ["A"])
    assert config.themes.random_state == 3
    assert configured(Config(), managers="Ana Ruiz").plan.managers == ["Ana Ruiz"]
    with pytest.raises(ConfigError, match="profile must be one of"):
        configured(Config(), profile="fastest")
    with pytest.raises(
        ConfigError, match="report parameters: themes.random_state must be a whole number"
    ):
        configured(Config(), random_seed="42")


def test_build_refuses_a_bad_lookback(tmp_path):
    expected = "lookback_weeks must be a whole number between 1 and 520, got 0"
    with pytest.raises(ConfigError, match=expected):
        build_report(tmp_path / "any.csv", output_dir=tmp_path, lookback_weeks=0)
