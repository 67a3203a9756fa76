"""The CI rule: a browser, PostgreSQL or real-data test that skips fails the run."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_TESTS = """
import pytest

@pytest.mark.browser
def test_browser():
    pytest.skip("no chromium here")

@pytest.mark.postgres
def test_postgres():
    pytest.skip("no initdb here")

def test_plain():
    pytest.skip("nothing to do")
"""


def _run(tmp_path: Path, ci: str | None) -> str:
    (tmp_path / "test_probe.py").write_text(_TESTS)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    if ci is not None:
        env["CI"] = ci
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "tests.ci_skips",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            "-c",
            "/dev/null",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    return done.stdout.strip().splitlines()[-1]


def test_under_ci_a_browser_or_postgres_skip_fails_and_a_plain_skip_stays_a_skip(tmp_path):
    assert _run(tmp_path, "true").startswith("2 failed, 1 skipped")


def test_outside_ci_the_same_skips_stay_skips(tmp_path):
    assert _run(tmp_path, None).startswith("3 skipped")
    assert _run(tmp_path, "false").startswith("3 skipped")
