"""Shared fixtures: where the real data lives, and writers for small inline exports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.ci_skips"]

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("PASSIVES_SHARED_DATA", REPO.parent / "shared" / "data"))
SAMPLE = REPO / "data" / "sample"


def shared_file(relative: str) -> Path:
    """Path to a file under ../shared/data, skipping the test (with the reason) if absent."""
    path = SHARED_DATA / relative
    if not path.is_file():
        pytest.skip(f"real data not found at {path} (CI provides ../shared beside the clone)")
    return path


@pytest.fixture
def write_export(tmp_path: Path):
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def write(content: str | bytes, name: str = "export.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return write


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Keep the embedding cache of every test out of the user's home folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture(scope="session")
def sample_inbox():
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""
    from tests.report.test_email import smtp_server

    controller, inbox = smtp_server()
    yield controller.port, inbox
    controller.stop()


@pytest.fixture(scope="session")
def sample_reports(tmp_path_factory, sample_inbox):
    """The sample's weeks 2026-W44, W45 and W46 reported by three processes started at once.

    One executed report per week for the whole session (tests/report/report_processes.py):
    W45 and W46 share one ``--out`` (W45 with ``lookback_weeks=4 capacity=5
    profile=quick_fix``, W46 e-mails its digest to ``sample_inbox``), W44 has its own.
    """
    from tests.report.report_processes import run_sample_weeks

    base = tmp_path_factory.mktemp("sample-weeks")
    cache = tmp_path_factory.getbasetemp() / "xdg-cache"  # the one private_cache sets
    return run_sample_weeks(base, cache, sample_inbox[0])


# Markers by file, so `make test-fast` can leave out what needs the real model, a browser or
# the real data (`make test` runs everything).
_MARKED_FILES = {
    "browser": ("tests/report/test_browser.py",),
    "postgres": ("tests/store/test_postgres",),
    "integration": (
        "tests/pipeline/test_integration_",
        "tests/report/test_report_e2e.py",
    ),
    "slow": (
        "notebooks/",
        "tests/report/test_notebooks.py",
        "tests/report/test_report.py",
        "tests/report/test_report_sections.py",
        "tests/report/test_report_xss.py",
        "tests/embedding/test_embedding.py",
    ),
}


def _check_marked_files_exist() -> None:
    """Fail the collection when the marker list names a file or folder that is not there."""
    missing = [
        prefix
        for prefixes in _MARKED_FILES.values()
        for prefix in prefixes
        if not any(REPO.glob(prefix + "*"))
    ]
    if missing:
        raise pytest.UsageError(f"_MARKED_FILES names paths that do not exist: {missing}")


def pytest_collection_modifyitems(config, items):
    """Add the ``browser``, ``integration`` and ``slow`` markers by test file."""
    _check_marked_files_exist()
    for item in items:
        where = Path(str(item.fspath)).resolve().relative_to(REPO).as_posix()
        for marker, prefixes in _MARKED_FILES.items():
            if where.startswith(prefixes):
                item.add_marker(getattr(pytest.mark, marker))
