"""The README's cron line, run as written (paths swapped for a temporary tree) from elsewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE
from tests.report.test_email import smtp_server

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def documented_cron_line() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```cron\n(.+?)\n```", readme, re.S)
    assert block, "README has no ```cron block"
    return block.group(1).split(None, 5)[5]  # drop the five schedule fields


def test_the_documented_cron_line_runs_from_another_folder(tmp_path):
    line = documented_cron_line()
    assert "--week last-complete" in line and "--email" in line
    data = tmp_path / "srv-cx"
    (data / "exports").mkdir(parents=True)
    (data / "reports").mkdir()
    (data / "exports" / "survey.csv").write_bytes((SAMPLE / "survey.csv").read_bytes())
    controller, inbox = smtp_server()
    ledger = data / "ledger.sqlite"
    (data / "config.yml").write_text(
        re.sub(
            r"ledger: \S+",
            f"ledger: {ledger}",
            (SAMPLE / "config.yml").read_text(encoding="utf-8"),
        )
        + f"email:\n  host: 127.0.0.1\n  port: {controller.port}\n  starttls: false\n"
        "  sender: cx@example.org\n  recipients: [ana@example.org]\n",
        encoding="utf-8",
    )
    command = line.replace(
        "/opt/passives/.venv/bin/passives", str(Path(sys.executable).parent / "passives")
    )
    command = command.replace("/srv/cx", str(data))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    try:
        done = subprocess.run(
            ["bash", "-c", command], cwd=elsewhere, capture_output=True, text=True, timeout=900
        )
    finally:
        controller.stop()
    log = (data / "reports" / "weekly.log").read_text(encoding="utf-8")
    assert done.returncode == 0, log[-3000:]
    chosen = re.search(r"week (\d{4}-W\d\d): the last complete ISO week", log)
    assert chosen, log[-2000:]
    assert (data / "reports" / chosen.group(1) / "report.html").is_file()
    assert ledger.is_file() and len(inbox.messages) == 1
    assert not list(elsewhere.iterdir())  # nothing written where it was started
