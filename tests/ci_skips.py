"""Under CI a browser, PostgreSQL or real-data test must run, never skip.

A skip there means a missing install step (Chromium, PostgreSQL, ../shared), which a green run
would otherwise hide. Loaded by ``tests/conftest.py``.
"""

import os

import pytest

MUST_RUN_UNDER_CI = ("browser", "postgres", "integration")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Turn the skip of a browser, PostgreSQL or real-data test into a failure when CI=true."""
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and os.environ.get("CI", "").lower() == "true"):
        return
    if any(item.get_closest_marker(name) for name in MUST_RUN_UNDER_CI):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where it must run: {reason}"
