"""The weekly notebook: committed clean, strict parameters, slides, and a papermill run.

nbval runs every notebook with its defaults (``--nbval-lax`` in pyproject); here the notebook
is executed the way users do, through ``passives report`` (papermill) with explicit values.
"""

import ast
import json

import nbformat
import pandas as pd
import pytest

from passives_lib.store.ledger._ledger import ContactLedger
from tests.conftest import REPO
from tests.report.report_processes import WEEKLY_CSV

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
WEEKLY = REPO / "notebooks" / "weekly_theme_report.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_weekly_parameters_cell_holds_literal_defaults_only():
    notebook = nbformat.read(WEEKLY, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    statements = ast.parse(tagged[0].source).body
    values = {}
    for statement in statements:
        assert isinstance(statement, ast.Assign), ast.dump(statement)
        values[statement.targets[0].id] = ast.literal_eval(statement.value)
    assert values["input_path"] == "../data/sample/survey.csv"
    assert values["config_path"] == "../data/sample/config.yml"
    assert values["week"] is None and values["record_plan"] is False
    assert values["lookback_weeks"] == 13
    # the plan and theme settings come from the config unless a run gives them
    for name in ("capacity", "profile", "management_share", "managers", "ledger", "random_seed"):
        assert values[name] is None, name
    assert values["output_dir"].startswith("../reports/")
    assert all(line.partition("#")[2].strip() for line in tagged[0].source.splitlines()[1:])


def test_weekly_notebook_only_calls_the_library():
    notebook = nbformat.read(WEEKLY, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        control = (
            ast.If,
            ast.For,
            ast.While,
            ast.Try,
            ast.FunctionDef,
            ast.ClassDef,
            ast.With,
            ast.IfExp,
            ast.ListComp,
        )
        assert not [n for n in ast.walk(tree) if isinstance(n, control)], cell.source[:60]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module.startswith(("passives_lib", "IPython")), node.module


def test_weekly_slides_one_per_headline_finding_and_quick_win():
    notebook = nbformat.read(WEEKLY, as_version=4)
    kinds = [
        (c.cell_type, c.metadata.get("slideshow", {}).get("slide_type"), c.source.splitlines()[0])
        for c in notebook.cells
    ]
    slides = [title for cell_type, kind, title in kinds if kind == "slide"]
    assert all(cell_type == "markdown" for cell_type, kind, _ in kinds if kind == "slide")
    assert sum("Quick win" in s for s in slides) == 3
    assert sum("Finding" in s or "findings" in s for s in slides) == 4
    assert any("Headline" in s for s in slides)
    setup = [
        c
        for c in notebook.cells
        if c.cell_type == "code"
        and "import" in c.source
        or "parameters" in c.metadata.get("tags", [])
        or "build_report(" in c.source
    ]
    assert {c.metadata["slideshow"]["slide_type"] for c in setup} == {"skip"}


def test_the_notebook_runs_with_explicit_parameters(sample_reports):
    """``--param`` values reach the notebook (papermill) and replace the config's.

    The session's 2026-W45 run (conftest ``sample_reports``) gave ``lookback_weeks=4
    capacity=5 profile=quick_fix``; the config says 13 weeks, 15 calls, balanced.
    """
    run = sample_reports.runs["2026-W45"]
    assert run.returncode == 0, run.stderr[-3000:]
    output = run.folder
    summary = json.loads((output / "report.json").read_text())
    assert summary["week"] == "2026-W45"
    assert summary["parameters"]["profile"] == "quick_fix"
    for name in ("survey.rejected.csv", *WEEKLY_CSV):
        assert (output / name).is_file(), name
    assert len(pd.read_csv(output / "call_list.csv")) == 5
    with ContactLedger(run.ledger) as ledger:
        assert set(ledger.assignments()["week"]) == {"2026-W45"}
    notebook = nbformat.read(output / "report.ipynb", as_version=4)
    shown = "".join(
        o.get("data", {}).get("text/html", "")
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "NPS in 2026-W45 was" in shown
    assert "the 4 weeks up to 2026-W45" in shown
    assert not [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
