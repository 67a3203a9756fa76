"""Run a few lines of Python in a fresh interpreter at the repository root: what a new process
imports or frees cannot be seen from inside the test's own, long-lived one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def probe_output(code: str) -> list[str]:
    """The lines a fresh ``python -c code`` prints (it must exit 0)."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()
