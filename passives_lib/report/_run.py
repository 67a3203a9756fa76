"""``passives report``: execute the weekly notebook, export it, publish it in one move.

The notebook (``passives_lib/report/weekly_theme_report.ipynb``, shipped with the package) is
executed with papermill (kernel ``python3``) with the command's parameters: the survey, the
config, the week, the output folder, the dry run, and only the ``--param`` overrides the user
gave (the notebook reads every other setting from the config). The kernel's connection file
and sockets live in a private temporary folder (:mod:`passives_lib.report._workspace`), so
runs at the same time never meet and the install folder may be read-only. The notebook writes
the CSV outputs and ``digest.json``; the executed notebook becomes ``report.html`` and that data
the round-table deck ``slides.html`` (:mod:`passives_lib.report._deck_page`), both offline.
Everything is built in a private folder beside the destination and moved to ``OUT/<week>/``
(``OUT/undated/`` undated) only when complete, so a failed run never replaces a good report:
it keeps the executed notebook as ``OUT/<week>.failed.ipynb`` and raises
:class:`ReportFailedError` with the failing cell's error.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Any

from passives_lib.config import load_config
from passives_lib.core import ReportError, ReportFailedError, current_umask
from passives_lib.report._build import SUMMARY_FILE
from passives_lib.report._parameters import (  # parse_parameter: part of this module's API
    check_parameter_values,
    check_parameters,
    parse_parameter,  # noqa: F401
)
from passives_lib.report._published import hide_machine_paths, keep_failed_notebook
from passives_lib.report._workspace import (  # publish: part of this module's API
    BUILD_PREFIX,
    kernel_folder,
    local_kernel_manager,
    private_folder,
    publish,
    remove_abandoned,
    stop_kernels,
    stop_on_signals,
)

# Shipped inside the package (found with importlib.resources, so a normal install finds it);
# notebooks/weekly_theme_report.ipynb in the repository is a link to it.
DEFAULT_NOTEBOOK = Path(str(files("passives_lib.report") / "weekly_theme_report.ipynb"))
KERNEL_NAME = "python3"
EXECUTED_NAME = "report.ipynb"
STAGES = 4
_PATH_PARAMETERS = ("input_path", "config_path", "ledger")
LAST_COMPLETE = "last-complete"  # --week for scheduled runs: the last full ISO week


@dataclass
class ReportResult:
    """A published report.

    Attributes
    ----------
    folder : Path
        ``OUT/<week>/``.
    week : str
        The report week, or ``undated``.
    files : list of Path
        Every file in the folder.
    timings : dict of str to float
        Seconds per stage of the command.
    notebook_timings : dict of str to float
        Seconds per stage inside the notebook (from ``report.json``).
    """

    folder: Path
    week: str
    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    notebook_timings: dict[str, float] = field(default_factory=dict)


def notebook_parameters(notebook: str | Path = DEFAULT_NOTEBOOK) -> dict[str, Any]:
    """The parameters the notebook declares (its ``parameters`` cell), with their defaults."""
    import papermill

    path = Path(notebook)
    if not path.is_file():
        raise ReportError(f"report notebook {str(path)!r} does not exist")
    declared = papermill.inspect_notebook(str(path))
    return {name: spec["default"] for name, spec in declared.items()}


def _absolute_ledger(ledger: str) -> str:
    return ledger if "://" in ledger else str(Path(ledger).resolve())


def report_parameters(
    input_path: Path,
    config_path: Path | None,
    week: str | None,
    output_dir: Path,
    dry_run: bool,
    overrides: Mapping[str, Any],
) -> dict[str, Any]:
    """The parameters injected into the notebook: the command's, with paths absolute.

    Only the command's own values (survey, config, week, output folder, dry run) and the
    ``overrides`` the user gave (``--param``) are passed: the notebook reads every other
    setting (capacity, profile, managers, ledger, seed) from the config itself, so a config is
    never overridden by a default.
    """
    # A bad config or --param value stops here, before a kernel starts.
    check_parameter_values(load_config(config_path), overrides)
    parameters = {
        "input_path": str(input_path.resolve()),
        "config_path": None if config_path is None else str(config_path.resolve()),
        "week": week,
        "output_dir": str(output_dir.resolve()),
        "record_plan": not dry_run,
    }
    parameters |= dict(overrides)
    if isinstance(parameters.get("ledger"), str):
        parameters["ledger"] = _absolute_ledger(parameters["ledger"])
    return parameters


def last_complete_week(today: date | None = None) -> str:
    """The last full ISO week before ``today``: what a Monday-morning run reports.

    Examples
    --------
    >>> last_complete_week(date(2026, 11, 30))  # a Monday: the week that ended yesterday
    '2026-W48'
    >>> last_complete_week(date(2026, 11, 29))  # a Sunday: that week is not over yet
    '2026-W47'
    >>> last_complete_week(date(2027, 1, 4))
    '2026-W53'
    """
    year, week, _ = ((today or date.today()) - timedelta(days=7)).isocalendar()
    return f"{year}-W{week:02d}"


def resolve_week(week: str | None, today: date | None = None) -> str | None:
    """The report week: ``last-complete`` becomes the last full ISO week, others stay.

    Examples
    --------
    >>> resolve_week("last-complete", date(2026, 12, 1)), resolve_week("2026-W40")
    ('2026-W48', '2026-W40')
    """
    return last_complete_week(today) if week == LAST_COMPLETE else week


def run_report(
    input_path: str | Path,
    out_dir: str | Path = "reports",
    *,
    config_path: str | Path | None = None,
    week: str | None = None,
    dry_run: bool = False,
    params: Mapping[str, Any] | None = None,
    notebook: str | Path = DEFAULT_NOTEBOOK,
    kernel_name: str = KERNEL_NAME,
    progress: Callable[[str], None] = print,
) -> ReportResult:
    """Execute the weekly notebook, export it and publish ``OUT/<week>/`` in one move.

    Parameters
    ----------
    input_path : str or Path
        The survey export.
    out_dir : str or Path
        Where reports go (``reports/``); the report lands in ``OUT/<week>/``.
    config_path : str or Path, optional
        YAML config: mapping, plan settings (capacity, profile, managers, ledger, ...). A
        relative ``plan.ledger`` is relative to the current working directory.
    week : str, optional
        Report week ``YYYY-Www``, or ``last-complete`` (the last full ISO week); the latest
        in the data when omitted.
    dry_run : bool
        Record nothing in the contact ledger.
    params : mapping, optional
        Other notebook parameters (``lookback_weeks``, ``capacity``, ...) that replace the
        config's; unknown names are refused.
    notebook : str or Path
        The report notebook.
    kernel_name : str
        Jupyter kernel that executes it.
    progress : callable
        Receives one line per stage.

    Returns
    -------
    ReportResult
        The published folder and its files.

    Raises
    ------
    ReportError
        For an unknown parameter, a missing notebook or survey file (nothing is run).
    ReportFailedError
        When the notebook fails: the error of the failing cell; the previous report stays.
    """
    notebook, out_dir, input_path = Path(notebook), Path(out_dir), Path(input_path)
    params = dict(params or {})
    check_parameters(params, notebook_parameters(notebook))
    if not input_path.is_file():
        raise ReportError(f"survey file {str(input_path)!r} does not exist")
    if week == LAST_COMPLETE:
        week = resolve_week(week)
        progress(f"week {week}: the last complete ISO week (--week {LAST_COMPLETE})")
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out_dir, BUILD_PREFIX)
    config = None if config_path is None else Path(config_path)
    parameters_of = partial(report_parameters, input_path, config, week, dry_run=dry_run)
    with stop_on_signals():
        return _build_and_publish(
            notebook, out_dir, parameters_of, params, week, kernel_name, progress
        )


def _build_and_publish(
    notebook: Path,
    out_dir: Path,
    parameters_of: Callable[..., dict[str, Any]],
    params: dict[str, Any],
    week: str | None,
    kernel_name: str,
    progress: Callable[[str], None],
) -> ReportResult:
    building = private_folder(out_dir, BUILD_PREFIX)  # private: personal data until published
    executed = building / EXECUTED_NAME
    timings: dict[str, float] = {}
    report_week: str | None = None
    try:
        parameters = parameters_of(output_dir=building, overrides=params)
        started = time.perf_counter()
        progress(
            f"[1/{STAGES}] executing notebook {notebook.name} on {parameters['input_path']} "
            f"(week {week or 'latest'}{'' if parameters['record_plan'] else ', dry run'}) ..."
        )
        _execute(notebook, executed, parameters, kernel_name, building, out_dir, week)
        timings["execute notebook"] = time.perf_counter() - started
        report_week = str(_summary(building)["week"])
        destination = out_dir / report_week
        _point_summary_at(building, destination)
        hide_machine_paths(building, [*map(parameters.get, _PATH_PARAMETERS), out_dir, notebook])
        timings |= _export_all(executed, building, progress)
        started = time.perf_counter()
        progress(f"[4/{STAGES}] publishing {destination}/ ...")
        building.chmod(0o777 & ~current_umask())
        publish(building, destination)
        (out_dir / f"{report_week}.failed.ipynb").unlink(missing_ok=True)
        timings["publish"] = time.perf_counter() - started
    except BaseException:
        if executed.is_file():  # an export failed or the run was interrupted: keep it if whole
            failed = out_dir / f"{report_week or week or 'latest'}.failed.ipynb"
            keep_failed_notebook(executed, failed)
        raise
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    summary = _summary(destination)
    return ReportResult(
        destination,
        report_week,
        sorted(destination.iterdir()),
        timings,
        dict(summary.get("timings_s", {})),
    )


def _execute(
    notebook: Path,
    executed: Path,
    parameters: dict[str, Any],
    kernel_name: str,
    building: Path,
    out_dir: Path,
    week: str | None,
) -> None:
    """Run the notebook with papermill; the kernel's files in a private temporary folder."""
    import papermill
    from jupyter_client.kernelspec import NoSuchKernel

    with kernel_folder() as runtime:
        manager_class = local_kernel_manager(runtime)
        try:
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=parameters,
                kernel_name=kernel_name,
                cwd=os.getcwd(),  # a relative ledger in the config is relative to it
                progress_bar=False,
                log_output=False,
                kernel_manager_class=manager_class,
            )
        except papermill.PapermillExecutionError as error:
            raise _failed(error, executed, building, out_dir, week) from None
        except NoSuchKernel:
            executed.unlink(missing_ok=True)  # nothing ran: nothing to keep
            raise ReportError(
                f"no Jupyter kernel named {kernel_name!r} in this environment; install it "
                "with: python -m ipykernel install --sys-prefix"
            ) from None
        finally:
            stop_kernels(manager_class)  # one left running when the run was stopped


def _summary(folder: Path) -> dict[str, Any]:
    return json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))


def _point_summary_at(building: Path, destination: Path) -> None:
    """``report.json`` names the published folder by its name, not the build folder.

    No path of the machine is published (:mod:`passives_lib.report._published`).
    """
    summary = _summary(building)
    summary.setdefault("parameters", {})["output_dir"] = destination.name
    (building / SUMMARY_FILE).write_text(
        json.dumps(summary, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )


def _export_all(
    executed: Path, building: Path, progress: Callable[[str], None]
) -> dict[str, float]:
    from passives_lib.report._deck_page import write_deck
    from passives_lib.report._export import export_html

    timings = {}
    stages = [
        (2, "report.html", "offline, code hidden", partial(export_html, executed)),
        (3, "slides.html", "the round-table deck, offline", partial(write_deck, building)),
    ]
    for number, name, how, export in stages:
        started = time.perf_counter()
        progress(f"[{number}/{STAGES}] exporting {name} ({how}) ...")
        try:
            export(building / name)
        except Exception as error:  # nbconvert, templates, disk: say which export failed
            raise ReportError(
                f"exporting {name} failed: {type(error).__name__}: {error}; the executed "
                "notebook is kept beside the reports as <week>.failed.ipynb and no report "
                "was replaced"
            ) from None
        timings[f"export {name}"] = time.perf_counter() - started
    return timings


def _failed(
    error: Any, executed: Path, building: Path, out_dir: Path, week: str | None
) -> ReportFailedError:
    """Keep the failed notebook beside the reports and describe the failing cell."""
    summary = building / SUMMARY_FILE
    if week is None and summary.is_file():
        week = json.loads(summary.read_text(encoding="utf-8")).get("week")
    kept = keep_failed_notebook(executed, out_dir / f"{week or 'latest'}.failed.ipynb")
    lines = [line.strip() for line in str(error.source).splitlines() if line.strip()]
    code = (lines[0] + (" ..." if len(lines) > 1 else "")) if lines else ""
    message = (
        f"the report notebook failed in cell [{error.exec_count}] ({code}): "
        f"{error.ename}: {error.evalue}\n"
        + (
            f"  the executed notebook is kept at {kept}; no report was replaced"
            if kept
            else "  the executed notebook could not be written whole (is the disk full?), so "
            "none is kept; no report was replaced"
        )
    )
    return ReportFailedError(
        message,
        ename=error.ename,
        evalue=error.evalue,
        cell=error.exec_count,
        failed_notebook=kept,
    )
