"""``passives report`` as separate processes: several weeks at once, and runs that are stopped.

The three sample weeks come from the session's ``sample_reports`` (three processes started at
the same time, two of them sharing one ``--out``). A run stopped by SIGTERM cleans up after
itself; a run killed by SIGKILL cannot, so the next run removes what it left.
"""

from __future__ import annotations

import json
import signal
import subprocess

import pytest

from tests.conftest import REPO, SAMPLE
from tests.report.report_processes import (
    EXPECTED_FILES,
    SAMPLE_WEEKS,
    build_folders,
    kernel_folders,
    leftovers,
    passives_command,
    processes_using,
    report_env,
    wait_for,
)

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def test_three_weeks_started_at_once_all_publish_complete_reports(sample_reports):
    runs = sample_reports.runs
    for week in SAMPLE_WEEKS:
        run = runs[week]
        assert run.returncode == 0, (week, run.stderr[-3000:])
        assert {p.name for p in run.folder.iterdir()} >= EXPECTED_FILES, week
        summary = json.loads((run.folder / "report.json").read_text(encoding="utf-8"))
        assert summary["week"] == week
        assert summary["parameters"]["output_dir"] == run.folder.name  # no machine path
        assert "Traceback" not in run.stderr
    shared = runs["2026-W46"].out
    assert runs["2026-W45"].out == shared != runs["2026-W44"].out
    assert sorted(p.name for p in shared.iterdir()) == ["2026-W45", "2026-W46"]
    assert sorted(p.name for p in runs["2026-W44"].out.iterdir()) == ["2026-W44"]


def test_runs_at_once_leave_no_build_folder_kernel_folder_or_socket(sample_reports):
    runs = sample_reports.runs.values()
    folders = [sample_reports.cwd, REPO, REPO / "notebooks", REPO / "passives_lib" / "report"]
    folders += [run.out for run in runs]
    assert leftovers(folders, [run.pid for run in runs]) == []
    assert list(sample_reports.cwd.iterdir()) == []  # nothing written where they started


def start(argv, cwd, cache):
    return subprocess.Popen(
        passives_command(*argv),
        cwd=cwd,
        env=report_env(cache),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_the_notebook_runs(process, out):
    """Until the run's kernel is up and papermill has written the executed notebook."""

    def running() -> bool:
        assert process.poll() is None, process.communicate()
        kernels = kernel_folders(process.pid)
        built = build_folders(out, process.pid)
        return bool(
            kernels
            and processes_using(kernels[0])
            and built
            and (built[0] / "report.ipynb").is_file()
        )

    wait_for(running, 300, f"the notebook of run {process.pid} to start")


def test_a_stopped_run_cleans_up_and_the_next_run_removes_what_a_killed_one_left(
    tmp_path, tmp_path_factory
):
    cache = tmp_path_factory.getbasetemp() / "xdg-cache"
    out, cwd = tmp_path / "reports", tmp_path / "cwd"
    (out / "2026-W46").mkdir(parents=True)
    (out / "2026-W46" / "report.html").write_text("the good report", encoding="utf-8")
    cwd.mkdir()
    argv = ["report", SAMPLE / "survey.csv", "--config", SAMPLE / "config.yml"]
    argv += ["--week", "2026-W46", "--out", out, "--dry-run"]

    killed = start(argv, cwd, cache)  # SIGKILL cannot be caught: its folders stay
    wait_until_the_notebook_runs(killed, out)
    killed_kernel = kernel_folders(killed.pid)[0]
    killed.kill()
    killed.communicate()
    assert killed.returncode == -signal.SIGKILL
    left = [*build_folders(out, killed.pid), killed_kernel]
    assert all(path.exists() for path in left) and len(left) == 2
    # its kernel notices that its parent is gone and exits
    wait_for(lambda: not processes_using(killed_kernel), 60, "the orphaned kernel to exit")

    stopped = start(argv, cwd, cache)  # the next run: removes them, then is stopped
    wait_until_the_notebook_runs(stopped, out)
    assert not any(path.exists() for path in left)
    stopped_kernel = kernel_folders(stopped.pid)[0]
    stopped.send_signal(signal.SIGTERM)
    _, stderr = stopped.communicate(timeout=120)

    assert stopped.returncode == 128 + signal.SIGTERM
    assert stderr.strip().splitlines()[-1] == (
        "error: stopped by signal SIGTERM; no report was replaced"
    )
    assert "Traceback" not in stderr
    assert build_folders(out) == [] and not stopped_kernel.exists()
    assert processes_using(stopped_kernel) == []  # its kernel was ended, not orphaned
    assert (out / "2026-W46" / "report.html").read_text(encoding="utf-8") == "the good report"
    assert sorted(p.name for p in (out / "2026-W46").iterdir()) == ["report.html"]
    assert leftovers([out, cwd], [killed.pid, stopped.pid]) == []
    assert list(cwd.iterdir()) == []
