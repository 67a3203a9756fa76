"""Private folders of a report run: kernel files, build folders, signals, abandoned runs."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from passives_lib.report._run import last_complete_week, resolve_week
from passives_lib.report._workspace import (
    BUILD_PREFIX,
    KERNEL_PREFIX,
    RunStopped,
    private_folder,
    private_kernels,
    process_alive,
    remove_abandoned,
    stop_on_signals,
)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_abandoned_folders_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    dead = tmp_path / f"{BUILD_PREFIX}{dead_pid()}-abc"
    live = tmp_path / f"{BUILD_PREFIX}{os.getpid()}-def"
    other = tmp_path / "2026-W46"
    for folder in (dead, live, other):
        folder.mkdir()
    (dead / "call_list.csv").write_text("respondent_id\nr1\n", encoding="utf-8")
    assert remove_abandoned(tmp_path, BUILD_PREFIX) == [dead]
    assert not dead.exists() and live.is_dir() and other.is_dir()
    assert not process_alive(dead_pid())


def test_private_folder_is_readable_by_its_owner_only(tmp_path):
    folder = private_folder(tmp_path, BUILD_PREFIX)
    assert folder.name.startswith(f"{BUILD_PREFIX}{os.getpid()}-")
    assert folder.stat().st_mode & 0o777 == 0o700


def test_sigterm_becomes_an_exception_so_clean_up_runs(tmp_path):
    folder = private_folder(tmp_path, BUILD_PREFIX)
    with pytest.raises(RunStopped, match="SIGTERM"), stop_on_signals():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
        finally:
            folder.rmdir()
    assert not folder.exists()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_kernel_files_go_to_a_private_temporary_folder_removed_afterwards():
    with private_kernels() as manager_class:
        manager = manager_class(kernel_name="python3")
        folder = Path(manager.connection_file).parent
        assert folder.name.startswith(f"{KERNEL_PREFIX}{os.getpid()}-")
        assert folder.parent == Path(tempfile.gettempdir())
        assert folder.stat().st_mode & 0o777 == 0o700
        if os.name == "posix":
            assert manager.transport == "ipc" and manager.ip == str(folder / "kernel-ipc")
    assert not folder.exists()


def test_a_kernel_still_running_when_the_run_ends_is_ended_not_orphaned():
    with pytest.raises(RunStopped), private_kernels() as manager_class:
        manager = manager_class(kernel_name="python3")
        asyncio.run(manager.start_kernel())  # as papermill does; stopped before it shuts it down
        process = manager.provisioner.process
        assert process.poll() is None
        raise RunStopped("stopped by signal SIGTERM")
    assert process.poll() is not None  # ended and reaped
    assert not process_alive(process.pid)


def test_kernels_papermill_has_shut_down_are_left_alone():
    async def start_and_shut_down(manager) -> None:
        await manager.start_kernel()
        await manager.shutdown_kernel(now=True)

    with private_kernels() as manager_class:
        manager = manager_class(kernel_name="python3")
        asyncio.run(start_and_shut_down(manager))
    assert not manager.has_kernel


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (date(2026, 11, 30), "2026-W48"),
        (date(2026, 12, 6), "2026-W48"),
        (date(2026, 12, 7), "2026-W49"),
    ],
)
def test_last_complete_week_is_the_full_iso_week_before_today(today, week):
    assert last_complete_week(today) == week
    assert resolve_week("last-complete", today) == week
    assert resolve_week(None, today) is None


def test_runs_publishing_the_same_week_at_once_all_succeed_and_one_report_stays(tmp_path):
    import threading

    from passives_lib.report._workspace import publish

    destination = tmp_path / "2026-W46"
    for round_ in range(10):
        folders = []
        for run in range(6):
            building = private_folder(tmp_path, BUILD_PREFIX)
            for name in ("report.html", "slides.html", "call_list.csv"):
                (building / name).write_text(f"run {run} of round {round_}")
            folders.append(building)
        start, errors = threading.Barrier(len(folders)), []

        def move(building, start=start, errors=errors):
            start.wait()
            try:
                publish(building, destination)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=move, args=(folder,)) for folder in folders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-W46"]  # nothing aside
        texts = {p.read_text() for p in destination.iterdir()}
        assert len(texts) == 1 and len(list(destination.iterdir())) == 3  # one whole report


def test_a_run_stopped_while_publishing_puts_the_previous_report_back(tmp_path, monkeypatch):
    from passives_lib.report._workspace import publish

    destination = tmp_path / "2026-W46"
    destination.mkdir()
    (destination / "report.html").write_text("the good report")
    building = private_folder(tmp_path, BUILD_PREFIX)
    (building / "report.html").write_text("new")
    real_replace = os.replace

    def stopped(source, target):
        if str(source) == str(building):
            raise RunStopped("stopped by signal SIGTERM", signal.SIGTERM)
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", stopped)
    with pytest.raises(RunStopped):
        publish(building, destination)
    monkeypatch.undo()
    assert (destination / "report.html").read_text() == "the good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["2026-W46", building.name])


def test_run_stopped_carries_its_signal_for_the_exit_status():
    with pytest.raises(RunStopped) as stopped, stop_on_signals():
        os.kill(os.getpid(), signal.SIGHUP)
    assert stopped.value.signal_number == signal.SIGHUP
    assert "SIGHUP" in str(stopped.value)


def test_a_failed_export_is_a_report_error_naming_the_file(tmp_path):
    from passives_lib.core._errors import ReportError
    from passives_lib.report._run import _export_all

    broken = tmp_path / "report.ipynb"
    broken.write_text("not a notebook", encoding="utf-8")
    lines: list[str] = []
    with pytest.raises(ReportError, match=r"exporting report\.html failed: .*no report was"):
        _export_all(broken, tmp_path, lines.append)
    assert lines == ["[2/4] exporting report.html (offline, code hidden) ..."]
    assert not (tmp_path / "report.html").exists()


@pytest.mark.slow
def test_a_run_stopped_in_the_middle_of_a_long_cell_stops_at_once_and_ends_its_kernel(tmp_path):
    import threading
    import time

    import nbformat

    from passives_lib.report._run import _execute

    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import time\ntime.sleep(120)")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    source, executed = tmp_path / "long.ipynb", tmp_path / "executed.ipynb"
    nbformat.write(notebook, source)
    kernels: list[int] = []

    def stop_when_the_cell_runs() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            text = executed.read_text(encoding="utf-8") if executed.is_file() else ""
            if '"status": "running"' in text:  # papermill's metadata of the running cell
                kernels.extend(int(p) for p in _kernel_pids())
                time.sleep(1)
                os.kill(os.getpid(), signal.SIGTERM)
                return
            time.sleep(0.1)

    threading.Thread(target=stop_when_the_cell_runs, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(RunStopped), stop_on_signals():
        _execute(source, executed, {}, "python3", tmp_path, tmp_path, None)
    assert time.monotonic() - started < 60  # not after the two-minute cell
    assert kernels and not any(process_alive(pid) for pid in kernels)
    assert not list(Path(tempfile.gettempdir()).glob(f"{KERNEL_PREFIX}{os.getpid()}-*"))


def _kernel_pids() -> list[str]:
    """The kernels of this process: their command line names its private kernel folder."""
    prefix = f"{tempfile.gettempdir()}/{KERNEL_PREFIX}{os.getpid()}-".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if prefix in (entry / "cmdline").read_bytes():
                found.append(entry.name)
        except OSError:
            continue
    return found
