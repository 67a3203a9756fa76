"""``passives report``: execute the weekly notebook, export it, publish it in one move.

The notebook ``notebooks/weekly_theme_report.ipynb`` is executed with papermill (kernel
``python3``) with parameters taken from the command and the config; it writes the CSV outputs.
The executed notebook is exported as ``report.html`` (offline, code hidden) and
``slides.html`` (reveal.js). Everything is built in a temporary folder beside the destination
and moved to ``OUT/<week>/`` (``OUT/undated/`` for a survey without dates) only when complete,
so a failed run never replaces a good report: it keeps the executed notebook as
``OUT/<week>.failed.ipynb`` and raises :class:`ReportFailedError` with the failing cell's error.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from passives_lib.core._config import load_config
from passives_lib.core._csv_out import current_umask
from passives_lib.core._errors import ReportError, ReportFailedError
from passives_lib.report._build import SUMMARY_FILE

# Shipped inside the package (found with importlib.resources, so a normal install finds it);
# notebooks/weekly_theme_report.ipynb in the repository is a link to it.
DEFAULT_NOTEBOOK = Path(str(files("passives_lib.report") / "weekly_theme_report.ipynb"))
KERNEL_NAME = "python3"
EXECUTED_NAME = "report.ipynb"
# Set by the command from its own arguments, not through --param.
COMMAND_PARAMETERS = {
    "input_path": "INPUT",
    "config_path": "--config",
    "week": "--week",
    "output_dir": "--out",
    "record_plan": "--dry-run",
}
STAGES = 4


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


def parse_parameter(text: str) -> tuple[str, Any]:
    """Split ``NAME=VALUE``; the value is read as YAML (``20``, ``0.2``, ``[a, b]``, ``null``).

    Examples
    --------
    >>> parse_parameter("capacity=20"), parse_parameter("managers=[Ana, Ben]")
    (('capacity', 20), ('managers', ['Ana', 'Ben']))
    >>> parse_parameter("profile=quick_fix")
    ('profile', 'quick_fix')
    """
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ReportError(f"--param expects NAME=VALUE (e.g. capacity=20), got {text!r}")
    try:
        return name, yaml.safe_load(value) if value.strip() else None
    except yaml.YAMLError:
        return name, value


def check_parameters(given: Iterable[str], declared: Iterable[str]) -> None:
    """Refuse parameters the notebook does not declare, and those the command sets itself.

    Raises
    ------
    ReportError
        Naming every unknown parameter and the known ones.
    """
    declared = list(declared)
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise ReportError(
            f"unknown report parameter(s) {unknown}; the notebook's parameters are {declared}"
        )
    reserved = sorted(set(given) & set(COMMAND_PARAMETERS))
    if reserved:
        hints = ", ".join(f"{name}: use {COMMAND_PARAMETERS[name]}" for name in reserved)
        raise ReportError(f"parameter(s) {reserved} are set by the command ({hints})")


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
    """The parameters injected into the notebook: paths absolute, plan settings from the config.

    ``overrides`` (from ``--param``) replace the config's values.
    """
    config = load_config(config_path)
    parameters = {
        "input_path": str(input_path.resolve()),
        "config_path": None if config_path is None else str(config_path.resolve()),
        "week": week,
        "output_dir": str(output_dir.resolve()),
        "ledger": _absolute_ledger(config.plan.ledger),
        "capacity": config.plan.capacity,
        "profile": config.plan.profile,
        "management_share": config.plan.management_share,
        "managers": list(config.plan.managers),
        "random_seed": config.themes.random_state,
        "record_plan": not dry_run,
    }
    parameters |= dict(overrides)
    if isinstance(parameters.get("ledger"), str):
        parameters["ledger"] = _absolute_ledger(parameters["ledger"])
    return parameters


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
    reveal_url_prefix: str | None = None,
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
        YAML config: mapping, plan settings (capacity, profile, managers, ledger, ...).
    week : str, optional
        Report week ``YYYY-Www``; the latest in the data when omitted.
    dry_run : bool
        Record nothing in the contact ledger.
    params : mapping, optional
        Other notebook parameters (``lookback_weeks``, ``capacity``, ...); unknown names are
        refused.
    notebook : str or Path
        The report notebook.
    kernel_name : str
        Jupyter kernel that executes it.
    reveal_url_prefix : str, optional
        Where ``slides.html`` loads reveal.js from (a CDN by default).
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
    import papermill
    from jupyter_client.kernelspec import NoSuchKernel

    notebook, out_dir, input_path = Path(notebook), Path(out_dir), Path(input_path)
    params = dict(params or {})
    check_parameters(params, notebook_parameters(notebook))
    if not input_path.is_file():
        raise ReportError(f"survey file {str(input_path)!r} does not exist")
    out_dir.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=out_dir, prefix=".report-building-"))
    building.chmod(0o777 & ~current_umask())  # mkdtemp makes it private; the report is not
    executed = building / EXECUTED_NAME
    timings: dict[str, float] = {}
    report_week: str | None = None
    try:
        parameters = report_parameters(
            input_path,
            None if config_path is None else Path(config_path),
            week,
            building,
            dry_run,
            params,
        )
        started = time.perf_counter()
        progress(
            f"[1/{STAGES}] executing notebook {notebook.name} on {input_path} "
            f"(week {week or 'latest'}{', dry run' if dry_run else ''}) ..."
        )
        try:
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=parameters,
                kernel_name=kernel_name,
                cwd=str(notebook.parent),
                progress_bar=False,
                log_output=False,
                kernel_manager_class=_local_kernel_manager(),
            )
        except papermill.PapermillExecutionError as error:
            raise _failed(error, executed, building, out_dir, week) from None
        except NoSuchKernel:
            executed.unlink(missing_ok=True)  # nothing ran: nothing to keep
            raise ReportError(
                f"no Jupyter kernel named {kernel_name!r} in this environment; install it "
                "with: python -m ipykernel install --sys-prefix"
            ) from None
        timings["execute notebook"] = time.perf_counter() - started
        summary = json.loads((building / SUMMARY_FILE).read_text(encoding="utf-8"))
        report_week = str(summary["week"])

        from passives_lib.report._export import export_html, export_slides

        started = time.perf_counter()
        progress(f"[2/{STAGES}] exporting report.html (offline, code hidden) ...")
        export_html(executed, building / "report.html")
        timings["export report.html"] = time.perf_counter() - started
        started = time.perf_counter()
        progress(f"[3/{STAGES}] exporting slides.html (reveal.js) ...")
        export_slides(executed, building / "slides.html", reveal_url_prefix)
        timings["export slides.html"] = time.perf_counter() - started
        started = time.perf_counter()
        destination = out_dir / report_week
        progress(f"[4/{STAGES}] publishing {destination}/ ...")
        publish(building, destination)
        (out_dir / f"{report_week}.failed.ipynb").unlink(missing_ok=True)
        timings["publish"] = time.perf_counter() - started
    except BaseException:
        if executed.is_file():  # an export failed or the run was interrupted: keep it
            os.replace(executed, out_dir / f"{report_week or week or 'latest'}.failed.ipynb")
        raise
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    return ReportResult(
        destination,
        report_week,
        sorted(destination.iterdir()),
        timings,
        dict(summary.get("timings_s", {})),
    )


def _local_kernel_manager() -> type:
    """A kernel manager talking to the kernel over local sockets (IPC) where it can.

    The kernel then opens no TCP port, and does not warn that TCP traffic is unencrypted.
    """
    from jupyter_client.manager import KernelManager
    from traitlets import default

    class LocalKernelManager(KernelManager):
        @default("transport")
        def _default_transport(self) -> str:
            return "ipc" if os.name == "posix" else "tcp"

    return LocalKernelManager


def _failed(
    error: Any, executed: Path, building: Path, out_dir: Path, week: str | None
) -> ReportFailedError:
    """Keep the failed notebook beside the reports and describe the failing cell."""
    summary = building / SUMMARY_FILE
    if week is None and summary.is_file():
        week = json.loads(summary.read_text(encoding="utf-8")).get("week")
    failed = out_dir / f"{week or 'latest'}.failed.ipynb"
    if executed.is_file():
        os.replace(executed, failed)
    lines = [line.strip() for line in str(error.source).splitlines() if line.strip()]
    code = (lines[0] + (" ..." if len(lines) > 1 else "")) if lines else ""
    message = (
        f"the report notebook failed in cell [{error.exec_count}] ({code}): "
        f"{error.ename}: {error.evalue}\n"
        f"  the executed notebook is kept at {failed}; no report was replaced"
    )
    return ReportFailedError(
        message,
        ename=error.ename,
        evalue=error.evalue,
        cell=error.exec_count,
        failed_notebook=failed,
    )


def publish(building: Path, destination: Path) -> None:
    """Move a complete report folder into place, replacing the previous one.

    The previous folder is renamed aside first and removed only once the new one is in place;
    if the move fails it is put back.
    """
    if not destination.exists():
        os.replace(building, destination)
        return
    previous = Path(tempfile.mkdtemp(dir=destination.parent, prefix=f".{destination.name}.old-"))
    os.replace(destination, previous / destination.name)
    try:
        os.replace(building, destination)
    except OSError:
        os.replace(previous / destination.name, destination)
        raise
    finally:
        shutil.rmtree(previous, ignore_errors=True)
