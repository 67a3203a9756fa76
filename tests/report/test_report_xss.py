"""A comment that tries to inject markup shows as text in the report and runs nothing."""

import pytest

from tests.report.test_report_helpers import XSS, XSS_SCRIPT, XSS_TITLE, xss_report


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return xss_report(tmp_path_factory.getbasetemp())


def test_report_html_shows_the_planted_comments_as_escaped_text(folder):
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;/script&gt;&lt;script&gt;window.pwned = true&lt;/script&gt;" in page
    assert "<img src=x onerror" not in page
    assert "<script>window.pwned" not in page
    assert "jo.b@example.com" not in page


@pytest.mark.parametrize("name", ["slides.html", "report.ipynb"])
def test_slides_and_notebook_outputs_hold_no_raw_markup_either(folder, name):
    text = (folder / name).read_text(encoding="utf-8")
    for planted in (XSS, XSS_TITLE, XSS_SCRIPT):
        assert planted not in text
