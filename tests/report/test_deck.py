"""The round-table deck from the report's data: slides, messages, escaping, the chart, the file."""

from __future__ import annotations

import copy
import json
import re

import pandas as pd
import pytest

from passives_lib.core._errors import ReportError
from passives_lib.report._chart import layout, theme_chart_svg
from passives_lib.report._chart_png import theme_chart_png
from passives_lib.report._deck import NOT_RECORDED, deck_slides, plain, rich
from passives_lib.report._deck_page import deck_html, write_deck
from passives_lib.report._digest import finding_facts, next_steps, theme_facts
from passives_lib.report._outreach_slide import outreach_message, week_rows
from tests.report.test_email import FACTS

XSS = "<img src=x onerror=alert(1)>"
THEMES = [
    {
        "theme": f"theme {i}",
        "detractors": 10 - i,
        "passives_7": 3,
        "passives_8": i,
        "promoters": 2,
        "nps_impact": -3.0 + i,
        "nps_impact_low": -4.0 + i,
        "nps_impact_high": -2.0 + i,
        "trend": "rising" if i == 0 else "steady",
    }
    for i in range(6)
]
FINDINGS = [
    {**theme, "quotes": ["too slow", "never again"], "lift": 2.0, "segments": "Retail (4)"}
    for theme in THEMES[:4]
]


def facts(**changes):
    chosen = copy.deepcopy(FACTS) | {"themes": THEMES, "findings": FINDINGS}
    chosen["next_steps"] = next_steps(chosen)
    return chosen | changes


def kinds(slides):
    return [slide.kind for slide in slides]


def test_the_deck_has_a_slide_per_part_and_one_per_finding():
    slides = deck_slides(facts())
    assert kinds(slides) == [
        "title",
        "headline",
        "themes",
        *["finding"] * 4,
        "quick-wins",
        "outreach",
        "next-steps",
    ]
    assert len(slides) <= 14
    headline = slides[1]
    assert headline.message == (
        "NPS -5.6 in 2026-W46: down 10.4 points on last week, within the noise (p = 0.25)."
    )
    assert "+4.8" in plain(headline.body)  # last week's NPS: -5.6 - (-10.4)
    finding = slides[3]
    assert finding.title == "Finding 1: theme 0"
    assert finding.message.startswith("Raised by 10 detractors and 3 passives; costs 3.0 NPS")
    assert plain(finding.body).count("too slow") == 1
    assert "Most affected: Retail (4)" in plain(finding.body)
    no_segments = deck_slides(facts(findings=[FINDINGS[0] | {"segments": "all (12)"}]))[3]
    assert "Most affected" not in plain(no_segments.body)


def test_every_number_is_kept_on_one_line():
    html = "".join(slide.html() for slide in deck_slides(facts()))
    for number in ("-5.6", "+/-12.6", "-10.4", "2026-W46", "162"):
        assert f'<span class="num">{number}</span>' in html
    assert 'class="num">5</span>/' not in html


def test_customers_words_are_escaped_everywhere():
    hostile = facts(
        themes=[THEMES[0] | {"theme": XSS}],
        findings=[FINDINGS[0] | {"theme": XSS, "quotes": [XSS]}],
        quick_wins=[FACTS["quick_wins"][0] | {"theme": XSS, "owner": XSS}],
    )
    page = deck_html(deck_slides(hostile, {"outreach_results": {"effect": {"sentence": XSS}}}), XSS)
    assert XSS not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert rich("'a' 27") == '&#x27;a&#x27; <span class="num">27</span>'


def test_quick_wins_show_owner_due_week_and_status_or_not_recorded_yet():
    bare = deck_slides(facts())[7]
    assert bare.kind == "quick-wins" and plain(bare.body).count(NOT_RECORDED) == 3
    assert "owners not recorded yet" in bare.message
    tracked = [
        FACTS["quick_wins"][0] | {"owner": "Ana Ruiz", "due_week": "2026-W48", "status": "open"}
    ] + FACTS["quick_wins"][1:]
    slide = deck_slides(facts(quick_wins=tracked))[7]
    text = plain(slide.body)
    assert "Ana Ruiz" in text and "due 2026-W48" in text and "open" in text
    assert text.count(NOT_RECORDED) == 2 and slide.message == "3 quick wins; 1 with an owner."
    steps = next_steps(facts(quick_wins=tracked))
    assert "Quick win 1 'tracking / email': Ana Ruiz delivers by 2026-W48." in steps


def test_outreach_results_when_recorded_and_not_recorded_yet():
    missing = deck_slides(facts())[8]
    assert missing.message == "Outreach results: not recorded yet."
    assert "calls planned" in plain(missing.body) and "15" in plain(missing.body)
    results = {
        "weeks": [
            {"week": f"2026-W{w}", "called": 10 + w, "moved_up": w - 38} for w in range(40, 47)
        ],
        "to_date": {"called": 350, "reached": 200, "moved_up": 30},
        "effect": {
            "sentence": "Called passives moved up 6 points more than the others.",
            "lift": 6.0,
        },
    }
    slide = deck_slides(facts(), {"outreach_results": results})[8]
    assert slide.message == "Called passives moved up 6 points more than the others."
    text = plain(slide.body)
    assert "350" in text and "moved up" in text and "lift" in text
    assert "2026-W46" in text and "2026-W43" not in text  # the last three weeks shown
    assert "4 earlier weeks in report.html" in text
    split = {"weeks": {"columns": ["week", "called"], "data": [["2026-W46", 4]]}}
    assert week_rows(split) == [{"week": "2026-W46", "called": 4}]
    assert outreach_message({"to_date": {"called": 12}}) == "To date: 12 called."


def test_an_undated_report_and_one_without_themes():
    undated = facts(
        dated=False,
        week="undated",
        window="every response",
        nps=FACTS["nps"] | {"period": "every response", "change": None},
        changes=[],
        themes=[],
        findings=[],
        quick_wins=[],
        plan_counts=None,
    )
    slides = deck_slides(undated)
    assert kinds(slides) == ["title", "headline", "themes", "quick-wins", "outreach", "next-steps"]
    assert slides[0].title == "NPS and passives: every response"
    assert slides[1].message == "NPS -5.6 over every response."
    assert "No weekly comparison" in plain(slides[1].body) and "since last week" not in plain(
        slides[1].body
    )
    assert slides[2].message == "No theme among detractors and passives."


def test_next_steps_are_counted_in_the_message():
    none = deck_slides(facts(next_steps=[]))[-1]
    assert none.message == "No action due this week."  # not "1 actions for this week."
    assert "No action due from this report." in plain(none.body)
    one = deck_slides(facts(next_steps=["Call the 15 passives on the call list."]))[-1]
    assert one.message == "1 action for this week."
    three = deck_slides(facts(next_steps=["Call Ana.", "Call Bo.", "Watch prices."]))[-1]
    assert three.message == "3 actions for this week."
    assert all(step in plain(three.body) for step in ("Call Ana.", "Call Bo.", "Watch prices."))


def test_the_chart_is_an_inline_svg_and_a_small_png():
    svg = theme_chart_svg(THEMES)
    assert svg.startswith("<svg") and "<script" not in svg and svg.count("<rect") >= 6 * 2
    widths = [sum(w for _, w, _ in bar.segments) for bar in layout(THEMES)]
    assert widths[0] == max(widths)
    png = theme_chart_png(THEMES)
    assert png.startswith(b"\x89PNG") and len(png) < 60_000
    assert theme_chart_png(THEMES) == png  # same themes, same bytes
    assert XSS not in theme_chart_svg([THEMES[0] | {"theme": XSS}])


def test_the_deck_file_is_offline_small_and_16_by_9(tmp_path):
    (tmp_path / "digest.json").write_text(json.dumps(facts()), encoding="utf-8")
    page = write_deck(tmp_path).read_text(encoding="utf-8")
    assert '"width": 1280, "height": 720' in page and "Content-Security-Policy" in page
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)
    assert "plotly" not in page.lower() and len(page.encode()) < 400_000
    assert page.count('<section class="deck-slide') == 10


def test_a_folder_without_digest_is_an_error(tmp_path):
    with pytest.raises(ReportError, match="digest.json"):
        write_deck(tmp_path)


def test_facts_of_the_findings_are_unhappy_first_with_short_masked_quotes():
    findings = pd.DataFrame(
        {
            "label": ["price", "app"],
            "detractors": [1, 9],
            "passives_7": [0, 2],
            "passives_8": [0, 1],
            "promoters": [5, 0],
            "mentions": [6, 12],
            "nps_impact": [0.5, -3.2],
            "nps_impact_low": [0.1, -4.0],
            "nps_impact_high": [0.9, -2.4],
            "lift_unhappy": [0.2, 5.0],
            "trend": ["steady", "new"],
            "quotes": [
                ["cheap"],
                ["mail me at jo@example.com " + "so slow " * 40, "crash", "crash"],
            ],
            "segments": ["Retail (1)", "Retail (9)"],
        }
    )
    themes = theme_facts(findings)
    assert [t["theme"] for t in themes] == ["app", "price"]
    found = finding_facts(findings, top=1)[0]
    assert found["quotes"][1] == "crash" and len(found["quotes"]) == 2
    assert "[email]" in found["quotes"][0] and len(found["quotes"][0]) <= 180
    assert found["quotes"][0].endswith("...")


def test_the_round_table_takes_what_went_wrong_before_praise():
    findings = pd.DataFrame(
        {
            "label": ["pretty happy overall", "order status wasn't updated", "tracking email"],
            "polarity": ["praise", "complaint", "suggestion"],
            "detractors": [40, 10, 2],
            "passives_7": [30, 20, 3],
            "passives_8": [30, 20, 3],
            "promoters": [80, 1, 0],
            "mentions": [180, 51, 8],
            "nps_impact": [1.4, -2.0, -0.3],
            "nps_impact_low": [0.5, -2.5, -0.6],
            "nps_impact_high": [2.3, -1.5, -0.1],
            "trend": ["steady", "steady", "new"],
        }
    )
    assert [t["theme"] for t in theme_facts(findings)] == [
        "order status wasn't updated",
        "tracking email",
        "pretty happy overall",
    ]
    unknown = findings.drop(columns="polarity")  # no polarity: the most raised first
    assert theme_facts(unknown)[0]["theme"] == "pretty happy overall"
