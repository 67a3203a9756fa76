"""report.html and slides.html in headless Chromium with the network blocked.

report.html: no console error, every figure drawn, no planted script run. slides.html: a
working reveal.js deck (slide mode, a key press moves on) where, in a 1280x720 window, every
slide fits without scrolling and no number wraps: the hostile survey's deck, the sample's
(at most 14 slides), the deck of a real shared data set (the NHS Friends and Family Test
comments) and a deck with every text at its longest.
No page makes a network request: Chromium goes through a proxy that does not exist and
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

from tests.conftest import REPO, shared_file
from tests.report.deck_checks import NUMBERS_SHOWN, SLIDE_PROBLEMS
from tests.report.test_report_helpers import XSS, passives, report_cache, xss_report

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


def open_deck(driver, page: Path):
    """Open a deck in a window of exactly 1280x720 CSS pixels and wait for reveal.js."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(page.as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return !!(window.Reveal && Reveal.isReady());")
    )
    assert driver.execute_script("return [innerWidth, innerHeight];") == [1280, 720]
    return driver


def screenshots(driver, name: str) -> int:
    """Save every slide as ``reports/test-artifacts/NAME-NN.png``; the number of slides."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    count = driver.execute_script("return Reveal.getTotalSlides();")
    for index in range(count):
        driver.execute_script(f"Reveal.slide({index});")
        time.sleep(0.2)
        driver.save_screenshot(str(ARTIFACTS / f"{name}-{index + 1:02d}.png"))
    driver.execute_script("Reveal.slide(0);")
    return count


@pytest.fixture(scope="module")
def slides(driver, page, tmp_path_factory):
    """The hostile survey's deck, opened after the report tests (they share the browser)."""
    return open_deck(driver, xss_report(tmp_path_factory.getbasetemp()) / "slides.html")


def test_slides_are_a_reveal_deck_offline(slides):
    assert slides.execute_script("return document.querySelectorAll('.reveal .slides').length;")
    assert slides.execute_script("return Reveal.getTotalSlides();") >= 6
    assert slides.execute_script(NETWORK_RESOURCES) == []
    severe = [entry for entry in slides.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []
    assert slides.execute_script("return window.pwned === undefined;")
    assert slides.execute_script("return document.querySelectorAll('img[src=\"x\"]').length;") == 0


def test_a_key_press_moves_to_the_next_slide(slides):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    slides.execute_script("Reveal.slide(0, 0);")
    before = slides.execute_script("return Reveal.getIndices().h;")
    ActionChains(slides).send_keys(Keys.ARROW_RIGHT).perform()
    assert slides.execute_script("return Reveal.getIndices().h;") == before + 1
    time.sleep(0.5)
    slides.save_screenshot(str(ARTIFACTS / "slides.png"))


def test_every_slide_of_the_hostile_deck_fits_1280x720(slides):
    assert slides.execute_script(SLIDE_PROBLEMS) == []


def test_every_slide_of_the_sample_deck_fits_1280x720_offline(slides, sample_reports):
    deck = open_deck(slides, sample_reports.runs["2026-W46"].folder / "slides.html")
    count = screenshots(deck, "deck-sample")
    assert 8 <= count <= 14
    assert deck.execute_script(SLIDE_PROBLEMS) == []
    assert deck.execute_script(NUMBERS_SHOWN) > 20
    assert deck.execute_script("return document.querySelectorAll('svg.theme-chart').length;") == 1
    assert deck.execute_script(NETWORK_RESOURCES) == []
    assert [e for e in deck.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.fixture(scope="module")
def nhs_deck(tmp_path_factory) -> Path:
    """The deck of the NHS Friends and Family Test comments (real data, dated), a dry run."""
    base = tmp_path_factory.mktemp("nhs-deck")
    config = base / "nhs_fft.yml"  # its ledger (reports/ledger.sqlite) beside it, not in the repo
    config.write_text((REPO / "tests" / "configs" / "nhs_fft.yml").read_text())
    export = shared_file("nhs_fft_themes/v6framework_230831.csv")
    with report_cache(tmp_path_factory.getbasetemp()):
        code = passives("report", export, "--config", config, "--dry-run", "--out", base)
    assert code == 0
    (deck,) = base.glob("*/slides.html")
    return deck


def test_every_slide_of_a_real_data_sets_deck_fits_1280x720_offline(slides, nhs_deck):
    deck = open_deck(slides, nhs_deck)
    count = screenshots(deck, "deck-nhs")
    assert 8 <= count <= 14
    assert deck.execute_script(SLIDE_PROBLEMS) == []
    assert deck.execute_script(NETWORK_RESOURCES) == []


def worst_case_deck(folder: Path) -> Path:
    """A deck with everything at its longest: labels, verbatims, owners, weeks of results."""
    import json

    from passives_lib.report._deck_page import write_deck
    from tests.report.test_deck import FINDINGS, THEMES, facts

    long = "délai de livraison beaucoup trop long et aucune information " * 3
    themes = [t | {"theme": long, "detractors": 1234, "passives_7": 987} for t in THEMES]
    findings = [
        f | {"theme": long, "quotes": [long * 2, XSS + long, long], "segments": long}
        for f in FINDINGS
    ]
    wins = [
        w | {"project": long * 2, "owner": long, "due_week": "2026-W52", "status": long}
        for w in facts()["quick_wins"]
    ]
    chosen = facts(themes=themes, findings=findings, quick_wins=wins)
    chosen["changes"] = [f"Rising theme '{long}': 17% of commenters." for _ in range(5)]
    chosen["next_steps"] = [long * 2] * 8
    weeks = [
        {
            "week": f"2026-W{w}",
            "assigned": 12345,
            "called": 12000,
            "reached": 9000,
            "moved_up": 1234,
            "declined": 99,
            "rate": 0.5333,
            "more": 1,
        }
        for w in range(30, 47)
    ]
    summary = {
        "parameters": {"input_path": "/srv/" + long.replace(" ", "_") + ".csv"},
        "outreach_results": {
            "weeks": weeks,
            "to_date": {"assigned": 123456, "called": 120000, "reached": 90000, "moved": 1},
            "effect": {"sentence": long * 3, "difference": -12.345, "p_value": 0.0001},
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "digest.json").write_text(json.dumps(chosen), encoding="utf-8")
    (folder / "report.json").write_text(json.dumps(summary), encoding="utf-8")
    return write_deck(folder)


def test_every_slide_of_a_worst_case_deck_fits_1280x720(slides, tmp_path):
    deck = open_deck(slides, worst_case_deck(tmp_path / "worst"))
    assert deck.execute_script(SLIDE_PROBLEMS) == []
    screenshots(deck, "deck-worst")
