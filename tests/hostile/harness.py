"""Running every command on a hostile case, in-process, and checking what it leaves behind."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from passives_lib.cli._main import main
from passives_lib.core._errors import PassivesError
from passives_lib.themes._model import ThemeModel
from tests.hostile.corpus import MARKUP, PLANTED, Case
from tests.tiny_embedding import TinyEncoder

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")


@dataclass
class Outcome:
    """What one command did: its exit status and everything it printed."""

    command: str
    status: int
    output: str


def tiny_model(**settings: object) -> ThemeModel:
    """A theme model on the tiny hashed-words encoder (no model weights)."""
    return ThemeModel(embedding_model=TinyEncoder(), show_progress=False, **settings)


@contextlib.contextmanager
def _captured() -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        yield buffer


def run_cli(name: str, argv: list[str]) -> Outcome:
    """``passives ARGV`` in-process; an exception escaping ``main`` is a traceback."""
    with _captured() as buffer:
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse usage errors
            status = int(exc.code or 0)
        except BaseException:  # noqa: BLE001 (the test reports it)
            status, _ = 99, buffer.write("Traceback\n" + traceback.format_exc())
    return Outcome(name, status, buffer.getvalue())


def run_api(name: str, action: Callable[[], object]) -> Outcome:
    """A Python API call held to the CLI's promise: a PassivesError or success, nothing else."""
    with _captured() as buffer:
        try:
            action()
            status = 0
        except PassivesError as exc:
            status, _ = 2, buffer.write(f"error: {exc}\n")
        except BaseException:  # noqa: BLE001 (the test reports it)
            status, _ = 99, buffer.write("Traceback\n" + traceback.format_exc())
    return Outcome(name, status, buffer.getvalue())


def run_commands(case: Case, out: Path) -> list[Outcome]:
    """validate, plan, contacts list (CLI), themes and findings (API, tiny encoder)."""
    from passives_lib.config import load_config
    from passives_lib.pipeline._findings_run import run_findings, write_findings
    from passives_lib.pipeline._theme_run import run_themes, write_theme_outputs

    config = ["--config", str(case.config)] if case.config else []
    ledger = str(out / "ledger.sqlite")
    inp = str(case.path)
    outcomes = [
        run_cli("validate", ["validate", inp, *config, "--out", str(out / "validate"), "--json"]),
        run_cli(
            "plan",
            ["plan", inp, *config, "--out", str(out / "plan"), "--no-themes", "--ledger", ledger],
        ),
    ]
    if Path(ledger).exists():
        outcomes.append(
            run_cli(
                "contacts list",
                ["contacts", "list", "--ledger", ledger, "--out", str(out / "contacts.csv")],
            )
        )

    def themes() -> None:
        cfg = load_config(case.config)
        run = run_themes(case.path, cfg, model=tiny_model(random_state=cfg.themes.random_state))
        write_theme_outputs(run, out / "themes")

    def findings() -> None:
        cfg = load_config(case.config)
        run = run_findings(case.path, cfg, model=tiny_model(), registry=ledger)
        write_findings(run, out / "findings")

    if case.themes:
        outcomes += [run_api("themes", themes), run_api("findings", findings)]
    return outcomes


def formula_cells(path: Path) -> list[str]:
    """Cells of a CSV that a spreadsheet would run, read two ways.

    With the csv module (as pandas and a careful spreadsheet read it) every cell is checked;
    split on ``\\r`` and ``\\n`` (as a careless reader splits rows) each line's first cell is.
    """
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = [
        cell
        for row in csv.reader(io.StringIO(text, newline=""))
        for cell in row
        if cell.startswith(FORMULA_START) and not _NUMBER.fullmatch(cell)
    ]
    for line in re.split(r"[\r\n]", text):
        first = line.split(",", 1)[0].lstrip('"')
        if first.startswith(FORMULA_START) and not _NUMBER.fullmatch(first):
            found.append(line)
    return found


def output_files(out: Path) -> list[Path]:
    """Every file a run wrote (CSV, JSON, HTML, SQLite, ...)."""
    return sorted(p for p in out.rglob("*") if p.is_file())


def leaked_personal_data(files: list[Path]) -> list[str]:
    """Planted personal data found in any output file (SQLite read as bytes)."""
    leaks = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaks += [f"{path.name}: {datum}" for datum in PLANTED.values() if datum in text]
    return leaks


def rendered_markup(files: list[Path]) -> list[str]:
    """Raw markup from the data found in an HTML output (it must appear escaped)."""
    found = []
    for path in files:
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.name}: {m}" for m in MARKUP if m.startswith("<") and m in text]
    return found


def check_outcome(case: Case, outcome: Outcome) -> None:
    """Exit 0 or 2 as the case expects, one error line, no traceback."""
    where = f"{case.name} / {outcome.command}"
    assert "Traceback" not in outcome.output, f"{where}:\n{outcome.output}"
    assert outcome.status in (0, 2), f"{where}: exit {outcome.status}\n{outcome.output}"
    if case.expect == "ok":
        assert outcome.status == 0, f"{where}: expected success\n{outcome.output}"
    if outcome.status == 2:
        errors = [line for line in outcome.output.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1, f"{where}: expected one error line\n{outcome.output}"
    if case.expect == "error":
        assert outcome.status == 2, f"{where}: expected an error\n{outcome.output}"


def check_validate_counts(case: Case, outcome: Outcome) -> dict | None:
    """rows read = accepted + rejected in ``validate --json``."""
    if outcome.status != 0:
        return None
    summary = json.loads(outcome.output.strip().splitlines()[-1])
    assert summary["rows_read"] == summary["rows_accepted"] + summary["rows_rejected"], case.name
    return summary


def fail_if(found: list[str], what: str, name: str) -> None:
    """Fail the test with the findings listed."""
    if found:
        pytest.fail(f"{name}: {what}:\n" + "\n".join(map(repr, found[:20])))


def build_report_sections(case: Case, out: Path) -> tuple[object, list[str]]:
    """The weekly report's CSV files and every section's HTML, themes by the tiny encoder.

    The report builds its theme model from the config; here that factory gives the tiny
    encoder's model instead, so that no model weights are loaded.
    """
    import passives_lib.report._build as build
    from passives_lib.report import _sections as sections

    chosen = [
        sections.title_section,
        sections.headline_section,
        sections.passives_section,
        sections.findings_overview_section,
        sections.findings_impact_section,
        sections.findings_trend_section,
        sections.findings_table_section,
        sections.plan_section,
        sections.data_quality_section,
        sections.method_section,
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "model_from_config", lambda config, **_: tiny_model())
        run = build.build_report(
            case.path, case.config, output_dir=out / "out", ledger=str(out / "ledger.sqlite")
        )
    groups = [section(run) for section in chosen]
    groups.append(sections.quick_win_section(run, 1))
    pieces = [piece.data for group in groups for piece in group]
    (out / "out" / "sections.html").write_text("\n".join(pieces), encoding="utf-8")
    return run, pieces


def assert_refused(outcome: Outcome, *expected: str) -> None:
    """Exit 2, no traceback, exactly one ``error:`` line, which holds every expected text."""
    assert "Traceback" not in outcome.output, outcome.output
    assert outcome.status == 2, (outcome.status, outcome.output)
    errors = [line for line in outcome.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, outcome.output
    for text in expected:
        assert text in errors[0], (text, errors[0])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
