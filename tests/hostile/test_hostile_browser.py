"""Hostile names in the report's figures and text, opened in headless Chromium.

Segment, theme and manager names carry markup (``<b style="font-size:400px">``, a
``javascript:`` link, an ``onerror`` image) that would set ``window.__pwned`` or change the
page if it were rendered. Plotly must draw them as text. Needs Chromium (see
tests/report/test_browser.py, whose driver fixture this reuses).
"""

from __future__ import annotations

import pytest

from passives_lib.report._html import plotly_library
from tests.hostile.corpus import build_corpus
from tests.hostile.harness import build_report_sections
from tests.report.test_browser import driver  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(driver, tmp_path_factory):  # noqa: F811 (the imported fixture)
    from selenium.webdriver.support.ui import WebDriverWait

    folder = tmp_path_factory.mktemp("hostile-browser")
    case = next(c for c in build_corpus(folder / "in") if c.name == "hostile_text")
    _, pieces = build_report_sections(case, folder)
    page = folder / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>hostile</title></head><body>"
        + plotly_library().data
        + "\n".join(pieces)
        + "</body></html>",
        encoding="utf-8",
    )
    driver.get(page.as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script(
            "const plots = document.querySelectorAll('.plotly-graph-div');"
            "return plots.length > 0 && Array.from(plots).every(p => p.data !== undefined);"
        )
    )
    return driver


def test_no_payload_ran(page):
    assert page.execute_script("return window.__pwned === undefined;")


def test_figure_text_is_drawn_as_text_not_markup(page):
    texts = page.execute_script(
        "return Array.from(document.querySelectorAll('.js-plotly-plot svg text'))"
        ".map(t => t.textContent);"
    )
    assert any("font-size:400px" in t for t in texts), [t for t in texts if "BIG" in t or "<" in t]
    links = page.execute_script("return document.querySelectorAll('.js-plotly-plot svg a').length;")
    assert links == 0
    big = page.execute_script(
        "return Array.from(document.querySelectorAll('.js-plotly-plot svg tspan'))"
        ".filter(t => (t.getAttribute('style') || '').includes('400px')).length;"
    )
    assert big == 0


def test_no_markup_from_the_data_became_an_element(page):
    assert page.execute_script("return document.querySelectorAll('img[src=\"x\"]').length;") == 0
    assert (
        page.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length;")
        == 0
    )
