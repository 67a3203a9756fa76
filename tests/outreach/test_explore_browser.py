"""`passives explore` served by Voila, driven in headless Chromium.

Needs Chromium and chromedriver (Debian ``chromium``, ``chromium-driver``), ``selenium`` and
``voila``; skipped, saying why, where one is missing. The page must show the worklist (nobody
contacted), and a status typed into it must reach the contact ledger.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from passives_lib.store.ledger._ledger import ContactLedger
from tests.report.test_browser import start_chromium

pytestmark = pytest.mark.browser

SURVEY = (
    "respondent_id,score,comment,responded_at,segment,contact_status\n"
    "P1,8,Fine but the tracking email never came,2026-11-10,SMB,not_contacted\n"
    "P2,7,Slow delivery this time,2026-11-11,SMB,not_contacted\n"
    "P3,8,Good value,2026-11-11,Enterprise,contacted\n"
    "X1,10,Love it,2026-11-11,SMB,not_contacted\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    """Headless Chromium that reaches the Voila server on loopback."""
    session = start_chromium(tmp_path_factory.mktemp("chromium-profile"), offline=False)
    yield session
    session.quit()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    pytest.importorskip("voila", reason="voila is not installed")
    folder = tmp_path_factory.mktemp("explore")
    (folder / "survey.csv").write_text(SURVEY)
    ledger = folder / "ledger.sqlite"
    (folder / "config.yml").write_text(f"plan:\n  ledger: {ledger}\n  capacity: 10\n")
    port = free_port()
    run_cli = "import sys; from passives_lib.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", run_cli, "explore", "survey.csv"]
    command += ["--config", "config.yml", "--no-themes", "--port", str(port)]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=2)  # noqa: S310 (a local test server)
                break
            except OSError:
                time.sleep(0.5)
        yield url, ledger
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Stopping `passives explore` stops Voila too: nothing answers on the port any more.
    for _ in range(40):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (a local test server)
        except OSError:
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"Voila still answers at {url} after `passives explore` was stopped")


def test_the_explorer_page_shows_the_worklist_and_writes_to_the_ledger(driver, served):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, ledger = served
    driver.get(url)
    WebDriverWait(driver, 120).until(lambda d: "<td>P1</td>" in d.page_source)
    page = driver.page_source
    assert "<td>P2</td>" in page and "<td>P3</td>" not in page  # P3: contacted (export)
    assert "<td>X1</td>" not in page  # a promoter
    boxes = driver.find_elements(By.CSS_SELECTOR, ".widget-text input")
    respondent = next(b for b in boxes if b.is_displayed())
    respondent.send_keys("P1")
    save = next(
        b for b in driver.find_elements(By.TAG_NAME, "button") if "Save to ledger" in b.text
    )
    save.click()
    WebDriverWait(driver, 60).until(lambda d: "Saved contacted for P1" in d.page_source)
    with ContactLedger(ledger) as store:
        events = store.events()
    assert events[["respondent_id", "status", "source"]].values.tolist() == [
        ["P1", "contacted", "explorer"]
    ]
