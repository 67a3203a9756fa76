"""Helpers shared by the report tests: the CLI, a hostile survey, a cache."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from passives_lib import cli

XSS = "<img src=x onerror=alert(1)>"
XSS_TITLE = "<img src=x onerror=\"document.title='pwned'\">"
XSS_SCRIPT = "</script><script>window.pwned = true</script> the delivery was late"
XSS_ROWS = [
    # respondent_id, score, comment, responded_at, segment
    ("r01", 7, XSS, "2026-11-10", "Retail"),
    ("r02", 8, XSS_TITLE, "2026-11-10", "Retail"),
    ("r03", 7, XSS_SCRIPT, "2026-11-11", "Online"),
    ("r04", 3, "the delivery was late again, mail me at jo.b@example.com", "2026-11-11", "Retail"),
    ("r05", 9, "great service, thank you", "2026-11-12", "Online"),
    ("r06", 10, "love the product", "2026-11-12", "Online"),
    ("r07", 6, "<b>bold</b> the price is too high", "2026-11-03", "Retail"),
    ("r08", 8, "the price is too high for what it does", "2026-11-04", "Online"),
    ("r09", 2, '=HYPERLINK("http://example.com")', "2026-11-05", "Retail"),
    ("r10", 9, "friendly staff and fast answers", "2026-11-05", "Online"),
    ("r11", 8, "delivery was slow but the product is fine", "2026-11-12", "Retail"),
    ("r12", 7, "the delivery was late, no tracking email", "2026-11-12", "Online"),
]


def passives(*argv: object) -> int:
    """Run ``passives ARGV`` through ``cli.main``; return its exit status."""
    return cli.main([str(a) for a in argv])


@contextlib.contextmanager
def report_cache(basetemp: Path) -> Iterator[Path]:
    """The session's private embedding cache, as conftest's ``private_cache`` sets it.

    Module- and session-scoped fixtures are set up before that function-scoped fixture runs,
    so the ones that execute the notebook set it themselves; the kernel inherits it.
    """
    cache = basetemp / "xdg-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        yield cache


def write_xss_survey(path: Path) -> Path:
    """A small dated survey whose comments try to inject markup and scripts."""
    lines = ["respondent_id,score,comment,responded_at,segment"]
    for respondent, score, comment, when, segment in XSS_ROWS:
        quoted = '"' + comment.replace('"', '""') + '"'
        lines.append(f"{respondent},{score},{quoted},{when},{segment}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@functools.cache
def xss_report(basetemp: Path) -> Path:
    """``passives report`` on the hostile survey into ``BASETEMP/xss``; the report folder.

    Built once per test session (the browser test and the escaping test share it).
    """
    base = basetemp / "xss"
    survey = write_xss_survey(base / "hostile.csv")
    with report_cache(basetemp):
        code = passives(
            "report",
            survey,
            "--out",
            base / "reports",
            "--param",
            f"ledger={base / 'ledger.sqlite'}",
        )
    assert code == 0
    return base / "reports" / "2026-W46"


def test_xss_survey_round_trips_through_the_loader(tmp_path):
    from passives_lib import load_survey

    loaded = load_survey(write_xss_survey(tmp_path / "hostile.csv"))
    assert loaded.rows_accepted == len(XSS_ROWS)
    assert XSS in set(loaded.responses["comment"])
    assert XSS_TITLE in set(loaded.responses["comment"])
