"""report.html and slides.html in headless Chromium with the network blocked.

report.html: no console error, every figure drawn, no planted script run. slides.html: a
working reveal.js deck (slide mode, a key press moves on, no table wider than the slide).
Neither page makes a network request: Chromium goes through a proxy that does not exist and
the network is emulated offline, and every resource the page loaded is inline or local.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and
``selenium`` (a dev extra); nothing is downloaded: the driver and browser are given by path.
Skipped, saying why and the command that installs them, where they are missing (``make test``
installs them where it can). Screenshots are kept in ``reports/test-artifacts/``.
"""

from __future__ import annotations

import shutil
import time
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


def start_chromium(profile: Path, *, offline: bool = True):
    """Headless Chromium (skipping the test where it is missing).

    ``offline``: no request leaves the browser (a dead proxy for every host, loopback too, and
    the network emulated offline), for pages that must work without a network. Otherwise
    only loopback is reachable in practice (this machine has no other network), for pages
    served by a local server such as Voila.
    """
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')"
    )
    from selenium.webdriver.chrome.service import Service

    browser = first_existing(BROWSERS, "chromium")
    chromedriver = first_existing(DRIVERS, "chromedriver")
    if not browser or not chromedriver:
        pytest.skip(
            "Chromium not found (looked for /usr/bin/chromium and /usr/bin/chromedriver):"
            " run `sudo apt-get install chromium chromium-driver` (or `make test` as root)"
            " to run the browser tests"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    arguments = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,2400",
        f"--user-data-dir={profile}",
    ]
    if offline:  # nothing listens on port 9: no request gets out, loopback included
        arguments += ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]
    for argument in arguments:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(chromedriver), options=options)
    session.set_page_load_timeout(60)
    if offline:
        session.execute_cdp_cmd("Network.enable", {})
        session.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
    return session


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    session = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
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


NETWORK_RESOURCES = (
    "return performance.getEntriesByType('resource').map(e => e.name)"
    ".filter(n => !n.startsWith('data:') && !n.startsWith('blob:') && !n.startsWith('file:'));"
)


def test_report_makes_no_network_request(page):
    assert page.execute_script(NETWORK_RESOURCES) == []
    assert "passives-table" in page.page_source


@pytest.fixture(scope="module")
def slides(driver, page, tmp_path_factory):
    """The deck, opened after the report tests (they share the browser)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.set_window_size(1280, 800)
    driver.get((xss_report(tmp_path_factory.getbasetemp()) / "slides.html").as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return !!(window.Reveal && Reveal.isReady());")
    )
    return driver


def test_slides_are_a_reveal_deck_offline(slides):
    assert slides.execute_script("return document.querySelectorAll('.reveal .slides').length;")
    assert slides.execute_script("return Reveal.getTotalSlides();") >= 10
    assert slides.execute_script(NETWORK_RESOURCES) == []
    severe = [entry for entry in slides.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []


def test_a_key_press_moves_to_the_next_slide(slides):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    slides.execute_script("Reveal.slide(0, 0);")
    before = slides.execute_script("return Reveal.getIndices().h;")
    ActionChains(slides).send_keys(Keys.ARROW_RIGHT).perform()
    assert slides.execute_script("return Reveal.getIndices().h;") == before + 1
    time.sleep(1)  # the slide transition
    slides.save_screenshot(str(ARTIFACTS / "slides.png"))


def test_no_table_is_wider_than_its_slide(slides):
    too_wide = slides.execute_script(
        "const out = []; const width = Reveal.getConfig().width;"
        "for (const [h, column] of Reveal.getHorizontalSlides().entries()) {"
        "  const vertical = column.querySelectorAll(':scope > section');"
        "  for (let v = 0; v < Math.max(1, vertical.length); v++) {"
        "    Reveal.slide(h, v);"
        "    const slide = Reveal.getCurrentSlide();"
        "    const box = slide.getBoundingClientRect();"
        "    const scale = Reveal.getScale();"
        "    for (const table of slide.querySelectorAll('table')) {"
        "      const t = table.getBoundingClientRect();"
        "      if (t.width / scale > width + 1 || t.right > box.right + 1) {"
        "        out.push([h, v, Math.round(t.width / scale)]); }"
        "    }"
        "  }"
        "}"
        "return out;"
    )
    assert too_wide == []
    assert slides.execute_script("return document.querySelectorAll('.reveal table').length;") > 3
