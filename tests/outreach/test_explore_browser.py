"""`passives explore` served by Voila for real, checked with HTTP requests and headless Chromium.

The module starts the real server (``passives explore`` in a subprocess, the real theme
model) after ``passives findings`` recorded the week's themes, as the weekly report does, and
stops it at the end: nothing answers on its port and none of its kernels is left running.

Needs Chromium and chromedriver (Debian ``chromium``, ``chromium-driver``), ``selenium`` and
``voila``; skipped, saying why, where one is missing.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import pandas as pd
import pytest

from passives_lib.store import ContactLedger
from tests.report.test_browser import start_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = f"worklist-test-{secrets.token_urlsafe(16)}"
TOPICS = {
    "delivery": [
        "The delivery was late again",
        "Parcel arrived two days late",
        "Shipping took far too long",
        "Courier was late with my order",
        "Late delivery spoiled the gift",
    ],
    "login": [
        "Cannot log in to the website",
        "The login page keeps failing",
        "Password reset never works on the site",
        "Website login is broken on mobile",
        "I get logged out of the website all the time",
    ],
    "price": [
        "Too expensive for what it is",
        "The price went up again",
        "Pricing is higher than competitors",
        "Costs too much per month",
        "Expensive subscription for small teams",
    ],
}
DAYS = ["2026-11-03", "2026-11-04", "2026-11-10", "2026-11-11", "2026-11-12"]
SCORES = [7, 8, 8, 7, 9, 6]  # mostly passives, a promoter and a detractor now and then
RUN_CLI = "import sys; from passives_lib.cli import main; sys.exit(main())"
STARTUP_S = 300


def survey_text() -> str:
    """Passives of two weeks on three clear topics (ids P1, P2, ...)."""
    rows = ["respondent_id,score,comment,responded_at,segment,contact_status"]
    number = 0
    for day in DAYS:
        for comments in TOPICS.values():
            for comment in comments[:2] if day < "2026-11-10" else comments[2:]:
                number += 1
                score = SCORES[number % len(SCORES)]
                segment = "SMB" if number % 3 else "Enterprise"
                rows.append(f"P{number},{score},{comment},{day},{segment},not_contacted")
    return "\n".join(rows) + "\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kernels(server: subprocess.Popen) -> list:
    """The ipykernel processes the server started."""
    psutil = pytest.importorskip("psutil")
    alive = []
    for child in psutil.Process(server.pid).children(recursive=True):
        try:  # a kernel that was shut down may have exited, or wait unreaped (a zombie)
            if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline()):
                alive.append(child)
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return alive


def get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """One request, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    pytest.importorskip("voila", reason="voila is not installed")
    folder = tmp_path_factory.mktemp("explore")
    (folder / "survey.csv").write_text(survey_text())
    ledger = folder / "ledger.sqlite"
    (folder / "config.yml").write_text(
        f"plan:\n  ledger: {ledger}\n  capacity: 10\nthemes:\n  min_themes: 2\n  max_themes: 6\n"
    )
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path), "HF_HUB_OFFLINE": "1"}
    report = [sys.executable, "-c", RUN_CLI, "findings", "survey.csv", "--config", "config.yml"]
    subprocess.run([*report, "--out", "report"], cwd=folder, env=env, check=True)
    port = free_port()
    command = [sys.executable, "-c", RUN_CLI, "explore", "survey.csv", "--config", "config.yml"]
    command += ["--port", str(port), "--user", "ana", "--token", TOKEN, "--idle-timeout", "60"]
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=log, text=True
    )
    printed = [server.stdout.readline(), server.stdout.readline()]
    started: list = []
    try:
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            try:
                if get(port, "/login").status == 200:
                    break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail(f"the worklist did not start: {(folder / 'server.log').read_text()}")
        yield {"port": port, "ledger": ledger, "folder": folder, "server": server}
        started = kernels(server)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    assert printed[1].strip() == f"ana: http://127.0.0.1:{port}/?token={TOKEN}"
    with pytest.raises(OSError):  # nothing answers on the port any more
        get(port, "/login")
    assert not [p for p in started if p.is_running() and p.status() != "zombie"]


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    session = start_chromium(tmp_path_factory.mktemp("chromium-profile"), offline=False)
    session.set_page_load_timeout(STARTUP_S)  # the page arrives as its notebook runs
    yield session
    session.quit()


def test_without_its_token_the_worklist_is_refused(served):
    port = served["port"]
    for path in ("/", "/?token=wrong-token-wrong-token", "/voila/api/shutdown/x"):
        response = get(port, path)
        assert response.status in (302, 403, 405), path
        assert b"P1" not in response.body
    assert get(port, "/").getheader("Location").startswith("/login")
    login = get(port, "/login")
    assert login.status == 200 and b"P1" not in login.body


def test_a_foreign_host_is_refused_even_with_the_token(served):
    port = served["port"]
    for host in ("evil.example.com", f"evil.example.com:{port}", "127.0.0.1.nip.io"):
        response = get(port, f"/?token={TOKEN}", {"Host": host})
        assert response.status == 403, host
    response = get(port, "/login", {"Host": f"localhost:{port}"})
    assert response.status == 200


def test_the_page_shows_the_week_and_a_note_with_its_author_reaches_the_ledger(served, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"http://127.0.0.1:{served['port']}/?token={TOKEN}")
    WebDriverWait(driver, STARTUP_S).until(lambda d: "saved as ana" in d.page_source)
    page = driver.find_element(By.TAG_NAME, "body").text
    assert "Week 2026-W46" in page
    for developer_text in ("accepted", "WARNING", "theme ids", "notebooks/", "Traceback"):
        assert developer_text not in page, developer_text
    respondent = re.search(r"<td>(P\d+)</td>", driver.page_source).group(1)
    note = f"Left a voicemail for {respondent}"
    box = next(b for b in driver.find_elements(By.CSS_SELECTOR, ".widget-text input"))
    box.send_keys(respondent)
    driver.find_element(By.CSS_SELECTOR, ".widget-textarea textarea").send_keys(note)
    save = next(b for b in driver.find_elements(By.TAG_NAME, "button") if "Save" in b.text)
    save.click()
    saved = f"Saved contacted for {respondent} (by ana)"
    WebDriverWait(driver, 120).until(lambda d: saved in d.page_source)
    with ContactLedger(served["ledger"]) as ledger:
        events = ledger.events()
    assert events[["respondent_id", "status", "note", "source", "author"]].values.tolist() == [
        [respondent, "contacted", note, "explorer", "ana"]
    ]


def test_the_worklists_theme_names_are_the_reports(served, driver):
    from selenium.webdriver.common.by import By

    options = [
        option.get_attribute("textContent").replace("\xa0", " ")  # widgets show no-break spaces
        for select in driver.find_elements(By.CSS_SELECTOR, ".widget-dropdown select")
        for option in select.find_elements(By.TAG_NAME, "option")
    ]
    assert "All themes" in options
    shown = {re.sub(r" \(\d+ passives\)$", "", o) for o in options if "passives)" in o}
    report = pd.read_csv(served["folder"] / "report" / "assignments.csv")
    survey = pd.read_csv(served["folder"] / "survey.csv")
    passives = survey.loc[survey["score"].between(7, 8), "respondent_id"]
    themed = report[report["respondent_id"].isin(passives) & (report["theme_id"] >= 0)]
    assert len(set(themed["theme_label"])) >= 2
    assert shown - {"other", "(non-answer)"} == set(themed["theme_label"])


def test_one_kernel_per_browser_session_and_idle_kernels_are_culled(served):
    port, server = served["port"], served["server"]
    before = len(kernels(server))  # the browser's page (connected)

    def open_page(jar: http.cookiejar.CookieJar) -> None:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(f"http://127.0.0.1:{port}/?token={TOKEN}", timeout=STARTUP_S).read()

    known = {p.pid for p in kernels(server)}
    session = http.cookiejar.CookieJar()
    for _ in range(3):  # a script never says goodbye: no page-unload shutdown helps here
        open_page(session)
    mine = {p.pid for p in kernels(server)} - known
    assert len(mine) == 1  # one kernel for the session, the earlier two were shut down
    open_page(http.cookiejar.CookieJar())  # another browser: its own kernel
    # (the session's kernel may be culled meanwhile: it has no page connected and a page
    # takes a while to run here)
    assert len({p.pid for p in kernels(server)} - known - mine) == 1
    deadline = time.monotonic() + 240  # idle 60 s, checked every 30 s
    while len(kernels(server)) > before and time.monotonic() < deadline:
        time.sleep(5)
    assert len(kernels(server)) == before  # the unconnected kernels were culled
