import re

import pandas as pd

from passives_lib.outreach import build_briefs
from passives_lib.outreach._briefs_html import briefs_page, caller_file_name, write_brief_pages

HOSTILE = "<img src=x onerror=alert(1)> mail jo.b@example.com or +44 20 7946 0123"


def plan_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "respondent_id": ["r1", "r2", "r3"],
            "score": [7, 8, 8],
            "lean": ["leans detractor", "leans promoter", "leans promoter"],
            "comment": [HOSTILE, "Tracking email never came", ""],
            "theme_id": [1, 2, -2],
            "theme_label": ["<b>setup</b> & install", "tracking / email", ""],
            "responded_at": pd.to_datetime(["2026-11-10"] * 3),
            "next_step": ["Call to hear their story"] * 3,
            "assignee": ["Ana Ruiz (COO)", "Ben <Okafor>", "Ana Ruiz (COO)"],
        }
    )


def test_page_escapes_and_masks_every_customer_word():
    briefs = build_briefs(plan_rows(), "management_sample", {2: "2026-11-12"})
    page = briefs_page(briefs, "Ana <script>", "2026-W46")
    assert "<img" not in page and "<script>" not in page and "<b>" not in page
    assert "onerror" not in page or "&lt;" in page
    assert "7946" not in page and "example.com" not in page
    assert "[email]" in page and "[phone]" in page
    assert "Ana &lt;script&gt;" in page
    assert "fixed on 2026-11-12" in page  # dates are not mistaken for phone numbers
    assert (
        page.count("<section>") == 3 and page.count("<li>") == 8
    )  # 3 + 3 + 2 (no theme, no features)
    assert "not sell" in page
    tags = set(re.findall(r"<([a-z0-9]+)", page))
    assert tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "h3",
        "p",
        "section",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "ol",
        "li",
    }


def test_one_page_per_caller(tmp_path):
    briefs = build_briefs(plan_rows(), "call_list")
    written = write_brief_pages(briefs, tmp_path, "2026-W46")
    assert {k: p.name for k, p in written.items()} == {
        "Ana Ruiz (COO)": "ana-ruiz-coo.html",
        "Ben": "ben.html",  # markup is taken out of names too
    }
    assert all(p.parent == tmp_path / "briefs" for p in written.values())
    ana = written["Ana Ruiz (COO)"].read_text(encoding="utf-8")
    assert "r1" in ana and "r3" in ana and "r2" not in ana and "2 people to call" in ana
    twins = [
        b.__class__(**{**b.__dict__, "assignee": name})
        for b, name in zip(briefs[:2], ["Ana!", "ana"], strict=True)
    ]
    assert [p.name for p in write_brief_pages(twins, tmp_path).values()] == [
        "ana.html",
        "ana-2.html",
    ]
    assert caller_file_name("!!!") == "caller.html"
    assert "Nobody to call" in briefs_page([], "Ana")
