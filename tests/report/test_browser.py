"""report.html in headless Chromium: no console error, every figure drawn, no planted script run.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and
``selenium`` (a dev extra); nothing is downloaded: the driver and browser are given by path.
Skipped, saying why, where they are missing. A screenshot is kept in
``reports/test-artifacts/report.png``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.report.test_report_helpers import XSS, xss_report

BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
DRIVERS = ["/usr/bin/chromedriver"]
ARTIFACTS = REPO / "reports" / "test-artifacts"


def first_existing(candidates: list[str], name: str) -> str | None:
    found = [c for c in candidates if Path(c).is_file()]
    return found[0] if found else shutil.which(name)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')"
    )
    from selenium.webdriver.chrome.service import Service

    browser = first_existing(BROWSERS, "chromium")
    chromedriver = first_existing(DRIVERS, "chromedriver")
    if not browser or not chromedriver:
        pytest.skip(
            "Chromium not found (looked for /usr/bin/chromium and /usr/bin/chromedriver):"
            " apt-get install chromium chromium-driver to run the browser test"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,2400",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(chromedriver), options=options)
    session.set_page_load_timeout(60)
    yield session
    session.quit()


@pytest.fixture(scope="module")
def page(driver, tmp_path_factory):
    from selenium.webdriver.support.ui import WebDriverWait

    folder = xss_report(tmp_path_factory.getbasetemp())
    driver.get((folder / "report.html").as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script(
            "const plots = document.querySelectorAll('.plotly-graph-div');"
            "return plots.length > 0 && Array.from(plots).every(p => p.data !== undefined);"
        )
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "report.png"))
    return driver


def test_no_console_errors(page):
    severe = [entry for entry in page.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []


def test_every_plotly_figure_is_drawn(page):
    sizes = page.execute_script(
        "return Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map(p => (p.data || []).length);"
    )
    assert len(sizes) >= 6
    assert all(size > 0 for size in sizes), sizes
    drawn = page.execute_script(
        "return document.querySelectorAll('.js-plotly-plot .main-svg').length;"
    )
    assert drawn >= len(sizes)


def test_planted_scripts_do_not_run_and_show_as_text(page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    assert page.title == "Weekly NPS and passives report"  # onerror would set 'pwned'
    assert page.execute_script("return window.pwned === undefined;")
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - reading it is what raises
    assert XSS in page.find_element(By.TAG_NAME, "body").text
    assert page.execute_script("return document.querySelectorAll('img[src=\"x\"]').length;") == 0
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
