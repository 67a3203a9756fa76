"""``passives report`` end to end: data/sample (dated) and the garden centre (undated)."""

import io
import json
import os
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from passives_lib.report._deck import plain
from passives_lib.store.ledger._ledger import ContactLedger
from tests.conftest import REPO, shared_file
from tests.report.test_report_helpers import passives, report_cache

GARDEN_CONFIG = REPO / "tests" / "configs" / "garden_centre_fr.yml"
HEADINGS = [
    "1. Headline: NPS and its change",
    "2. Passives: 7s against 8s",
    "3. Round-table findings: themes among detractors and passives",
    "4.1 Quick win 1",
    "4.2 Quick win 2",
    "4.3 Quick win 3",
    "5. Outreach plan",
    "6. Data quality and method",
]
COMMON_CSV = ["themes.csv", "assignments.csv", "findings.csv", "quick_wins.csv"]
PLAN_CSV = [
    "call_list.csv",
    "management_sample.csv",
    "panel_invites.csv",
    "incentives_due.csv",
    "backlog.csv",
    "excluded.csv",
]


def run(tmp_path_factory, name, *argv):
    base = tmp_path_factory.mktemp(name)
    with report_cache(tmp_path_factory.getbasetemp()), pytest.MonkeyPatch.context() as patch:
        stdout = io.StringIO()
        patch.setattr(sys, "stdout", stdout)
        code = passives(
            "report",
            *argv,
            "--out",
            base / "reports",
            "--param",
            f"ledger={base / 'ledger.sqlite'}",
        )
    return code, stdout.getvalue(), base


@pytest.fixture(scope="module")
def sample(sample_reports):
    """The session's 2026-W46 run (conftest ``sample_reports``): exit status, output, run."""
    run = sample_reports.runs["2026-W46"]
    return run.returncode, run.stdout, run


@pytest.fixture(scope="module")
def garden(tmp_path_factory):
    export = shared_file("garden_centre_nps_fr/nps.csv")
    return run(tmp_path_factory, "garden", export, "--config", GARDEN_CONFIG, "--dry-run")


def no_remote_resources(page: str) -> bool:
    return not re.search(r"<(script|link|img)[^>]*(src|href)=[\"']?(https?:)?//", page)


def test_sample_report_is_published_for_the_latest_week(sample):
    code, printed, run = sample
    assert code == 0, run.stderr[-3000:]
    for stage in (
        "[1/4] executing notebook",
        "[2/4] exporting report.html",
        "[3/4] exporting slides.html",
        "[4/4] publishing",
    ):
        assert stage in printed
    folder = run.folder
    assert f"report for 2026-W46: {folder / 'report.html'}" in printed
    # 2026-W45 was published into the same folder at the same time
    assert sorted(p.name for p in run.out.iterdir()) == ["2026-W45", "2026-W46"]
    names = {p.name for p in folder.iterdir()}
    expected = {
        "report.html",
        "slides.html",
        "report.ipynb",
        "report.json",
        "survey.rejected.csv",
        *COMMON_CSV,
        *PLAN_CSV,
    }
    assert expected <= names


def test_sample_report_html_is_offline_code_free_and_complete(sample):
    page = (sample[2].folder / "report.html").read_text(encoding="utf-8")
    assert no_remote_resources(page)
    assert page.count("window.Plotly = Plotly") == 1  # plotly.js inline, once
    assert page.count('class="plotly-graph-div"') >= 6
    assert "build_report(" not in page and "from passives_lib" not in page
    for heading in HEADINGS:
        assert heading in page.replace("&#39;", "'")
    assert "NPS in 2026-W46 was" in page
    wins = pd.read_csv(sample[2].folder / "quick_wins.csv")
    for rank in (1, 2, 3):  # each rank shows its win, or says why there is none
        shown = f"Quick win {rank}:" if rank <= len(wins) else f"No quick win {rank} this week:"
        assert shown in page.replace("&#39;", "'"), rank
    assert "Plan for 2026-W46:" in page
    assert "@example.com" not in page


def test_sample_deck_is_made_for_the_meeting(sample):
    folder = sample[2].folder
    slides = (folder / "slides.html").read_text(encoding="utf-8")
    assert no_remote_resources(slides) and "Reveal.initialize(" in slides  # reveal.js inline
    assert "require.js" not in slides and "plotly" not in slides.lower()
    assert len(slides.encode()) < 400_000  # the chart is an inline SVG, not plotly.js
    # title, headline, themes, 4 findings, quick wins, outreach results, next steps
    assert slides.count('<section class="deck-slide') == 10
    text = plain(slides)
    for part in ("Headline", "Top themes of detractors and passives", "Finding 4:"):
        assert part in text
    assert "NPS -5.6 in 2026-W46: down 10.4 points on last week" in text
    assert '<span class="num">-5.6</span>' in slides  # numbers never wrap
    for label in pd.read_csv(folder / "quick_wins.csv")["theme_label"]:
        assert label in text
    assert "not recorded yet" in text and "Next steps" in text
    assert "<svg" in slides and "@example.com" not in slides


def test_sample_csv_outputs_and_the_ledger(sample):
    run = sample[2]
    folder = run.folder
    wins = pd.read_csv(folder / "quick_wins.csv")
    assert wins["rank"].tolist() == list(range(1, len(wins) + 1)) and len(wins) <= 3
    # the sample's two true quick wins (data/sample/truth_themes.csv) are found
    labels = " | ".join(wins["theme_label"])
    assert "invoice" in labels and ("tracking" in labels or "shipping" in labels), labels
    summary = json.loads((folder / "report.json").read_text())
    assert summary["quick_wins"] == wins["theme_label"].tolist()
    assert len(pd.read_csv(folder / "call_list.csv")) == 15  # the config's capacity
    # 6 invalid rows and a superseded duplicate; the negative lifetime value is blanked and
    # listed as a warning, its response kept
    assert pd.read_csv(folder / "survey.rejected.csv")["source_row"].nunique() == 7
    assert "lifetime_value" in set(pd.read_csv(folder / "survey.warnings.csv")["column"])
    with ContactLedger(run.ledger) as ledger:  # not a dry run: recorded
        recorded = ledger.assignments()
    assert set(recorded["week"]) == {"2026-W46"}
    assert len(recorded) == summary["plan"]["recorded"] > 0


def test_garden_centre_report_is_undated_and_says_so(garden):
    code, printed, base = garden
    assert code == 0, printed
    folder = base / "reports" / "undated"
    names = {p.name for p in folder.iterdir()}
    assert {"report.html", "slides.html", "nps.rejected.csv", *COMMON_CSV} <= names
    assert not names & set(PLAN_CSV)
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert no_remote_resources(page)
    assert "Overall NPS is" in page
    assert "No outreach plan this time: the survey has no response dates" in page
    assert "No weekly trend: the survey has no response dates." in page
    assert "é" in page or "&eacute;" in page  # French quotes and names keep their accents
    assert "\u201a" not in page  # ... repaired where the export had "employ‚s" for "employés"
    summary = json.loads((folder / "report.json").read_text())
    assert summary["week"] == "undated" and summary["plan"] is None
    assert summary["rows_read"] == summary["rows_accepted"] + summary["rows_rejected"]
    assert not (base / "ledger.sqlite").exists()


def test_sample_report_holds_audience_text_only(sample):
    run = sample[2]
    folder = run.folder
    for name in ("report.html", "slides.html"):
        page = (folder / name).read_text(encoding="utf-8")
        assert "Paths are relative" not in page and "papermill" not in page, name
        assert "this week's NPS" not in page.lower(), name
        for machine_path in (str(run.out.parent), str(REPO), "/tmp/"):
            assert machine_path not in page, (name, machine_path)


def test_sample_report_json_names_the_published_folder_and_no_build_is_left(sample):
    run = sample[2]
    reports = run.out
    summary = json.loads((run.folder / "report.json").read_text(encoding="utf-8"))
    assert summary["parameters"]["output_dir"] == run.folder.name
    assert not list(reports.glob(".report-building-*"))


def test_no_file_of_the_published_folder_names_a_path_of_the_machine(sample):
    run = sample[2]
    machine_paths = {str(run.out.parent), str(REPO), str(Path.home()), "/tmp/", os.getcwd()}
    for path in run.folder.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for machine_path in machine_paths:
                assert machine_path not in text, (path.name, machine_path)


def test_sample_digest_fits_an_inbox_with_a_chart_the_deck_and_a_link(sample, sample_inbox):
    code, stdout, run = sample
    assert code == 0 and "digest sent to ana@example.org" in stdout
    inbox = sample_inbox[1]  # shared by the session: other runs' digests go to others
    mine = [
        (m, e)
        for m, e in zip(inbox.messages, inbox.envelopes, strict=True)
        if m["To"] == "ana@example.org"
    ]
    assert len(mine) == 1
    message, envelope = mine[0]
    assert len(envelope.content) <= 2_000_000  # as received, all parts
    assert message["Subject"] == "Weekly NPS and passives report: 2026-W46"
    attached = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    assert set(attached) == {"slides.html"}
    assert attached["slides.html"] == (run.folder / "slides.html").read_text(encoding="utf-8")
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 1 and images[0].get_content().startswith(b"\x89PNG")
    assert "plotly" not in message.as_string().lower()
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    quick_wins = pd.read_csv(run.folder / "quick_wins.csv")
    assert str(run.folder / "report.html") in text and 'src="cid:top-themes"' in html
    for body in (text, html):
        assert "change -10.4 on the previous week" in body
        for label in quick_wins["theme_label"]:
            assert label in body
    assert "@example.com" not in text + html
