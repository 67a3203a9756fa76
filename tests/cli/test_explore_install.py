"""``passives explore`` from a normal (not editable) install: the page is the package's notebook.

Installed by pip into a fresh virtual environment (as ``tests/report/test_install.py`` does),
run from a folder outside the repository without PYTHONPATH, served for real and asked for its
page with the token; then stopped, leaving nothing running.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.outreach.test_explore_browser import free_port, get
from tests.report.test_install import clean_env, copy_sources, make_venv

pytestmark = [pytest.mark.slow, pytest.mark.integration]
TOKEN = "installed-worklist-token"


def test_the_worklist_works_from_an_installed_package(tmp_path):
    pytest.importorskip("voila", reason="voila is not installed")
    python = make_venv(tmp_path / "venv")
    source = copy_sources(tmp_path / "source")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", source],
        check=True,
        cwd=tmp_path,
        env=clean_env(),
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = clean_env(JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"))
    create = "from passives_lib.store import ContactLedger; ContactLedger('ledger.sqlite').close()"
    subprocess.run([python, "-c", create], check=True, cwd=elsewhere, env=env)
    (elsewhere / "config.yml").write_text("plan:\n  ledger: ledger.sqlite\n")
    port = free_port()
    server = subprocess.Popen(
        [python.parent / "passives", "explore", SAMPLE / "survey.csv", "--config", "config.yml"]
        + ["--no-themes", "--port", str(port), "--user", "ana", "--token", TOKEN],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if get(port, "/login").status == 200:
                    break
            except OSError:
                time.sleep(1)
        url = f"http://127.0.0.1:{port}/?token={TOKEN}"
        page = urllib.request.urlopen(url, timeout=300).read().decode()  # noqa: S310
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=60)
    assert "Week 2026-W46: " in page and "passive(s)" in page, stderr[-3000:]
    assert "error:" not in page
    where = subprocess.run(
        [python, "-c", "from passives_lib.cli._explore import NOTEBOOK; print(NOTEBOOK)"],
        check=True,
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert "site-packages" in where and where.endswith("passives_lib/cli/explore_passives.ipynb")
