"""``passives report`` as real processes: started, watched, stopped, and what they left behind.

The slow report tests run the command the way a scheduler or a team does: as separate
processes, several at once, some stopped by a signal. Their embedding cache is warmed once
from the sample's comments so the runs are quick and all read the same vectors.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO, SAMPLE

SAMPLE_WEEKS = ("2026-W44", "2026-W45", "2026-W46")
# The W45 run passes its own values, the way a user overrides the config for one run.
W45_PARAMS = {"lookback_weeks": 4, "capacity": 5, "profile": "quick_fix"}
# The CSV files every weekly run writes (a dated survey's plan included), besides its rejects.
WEEKLY_CSV = (
    "themes.csv",
    "assignments.csv",
    "findings.csv",
    "quick_wins.csv",
    "call_list.csv",
    "management_sample.csv",
    "panel_invites.csv",
    "incentives_due.csv",
    "backlog.csv",
    "excluded.csv",
)
EXPECTED_FILES = {
    "report.html",
    "slides.html",
    "report.ipynb",
    "report.json",
    "survey.rejected.csv",
    *WEEKLY_CSV,
}
TIMEOUT_S = 1500


@dataclass
class ReportProcess:
    """One finished ``passives report`` process."""

    week: str
    out: Path
    ledger: Path
    pid: int
    returncode: int
    stdout: str
    stderr: str

    @property
    def folder(self) -> Path:
        return self.out / self.week


@dataclass
class SampleRuns:
    """The sample's weeks reported at once: W45 and W46 into one folder, W44 into its own."""

    base: Path
    cwd: Path
    runs: dict[str, ReportProcess]


def report_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment of a run: this checkout first on the path, offline, its own cache."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env |= {"XDG_CACHE_HOME": str(cache), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return env | extra


def passives_command(*argv: object) -> list[str]:
    """``passives ARGV`` with the ``passives`` script beside this Python."""
    return [str(Path(sys.executable).parent / "passives"), *(str(a) for a in argv)]


def warm_embedding_cache(cache: Path) -> int:
    """Embed every opinion of the sample into ``cache``, as the report's theme model keys them.

    One fit of the config's theme model over all the sample's comments, with ``cache`` as the
    cache folder: every opinion a report window holds is then read from it, so reports started
    at once read the same vectors (with ``onnx-int8`` a vector depends on the other texts of its
    batch). Returns how many distinct opinions were embedded (0 when the cache was warm).
    """
    from passives_lib.config import load_config
    from passives_lib.pipeline import model_from_config
    from passives_lib.survey._loading import load_survey

    config = load_config(SAMPLE / "config.yml")
    loaded = load_survey(SAMPLE / "survey.csv", config)
    texts = sorted({str(c).strip() for c in loaded.responses["comment"].dropna()} - {""})
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    try:
        model = model_from_config(config, show_progress=False)
        return int(model.fit(texts).embedded_count_)
    finally:
        if previous is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = previous


def sample_config(folder: Path, smtp_port: int) -> Path:
    """The sample's config with an ``email:`` section for the local SMTP server."""
    config = folder / "config.yml"
    config.write_text(
        (SAMPLE / "config.yml").read_text(encoding="utf-8")
        + f"email:\n  host: 127.0.0.1\n  port: {smtp_port}\n  starttls: false\n"
        "  sender: cx@example.org\n  recipients: [ana@example.org]\n",
        encoding="utf-8",
    )
    return config


def run_sample_weeks(base: Path, cache: Path, smtp_port: int) -> SampleRuns:
    """Start ``passives report`` for W44, W45 and W46 of the sample at once; wait for all.

    W45 and W46 share ``BASE/reports`` (what a team does), W44 has ``BASE/own/reports``;
    each week has its own ledger, W46 also e-mails the digest. They run from ``BASE/cwd``.
    """
    warm_embedding_cache(cache)
    config = sample_config(base, smtp_port)
    cwd = base / "cwd"
    cwd.mkdir()
    started = {}
    for week in SAMPLE_WEEKS:
        out = base / ("own" if week == "2026-W44" else "") / "reports"
        ledger = base / f"ledger-{week}.sqlite"
        argv = ["report", SAMPLE / "survey.csv", "--config", config, "--week", week]
        argv += ["--out", out, "--param", f"ledger={ledger}"]
        if week == "2026-W45":
            argv += [a for name, v in W45_PARAMS.items() for a in ("--param", f"{name}={v}")]
        if week == "2026-W46":
            argv.append("--email")
        process = subprocess.Popen(
            passives_command(*argv),
            cwd=cwd,
            env=report_env(cache),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started[week] = (process, out, ledger)
    runs = {}
    for week, (process, out, ledger) in started.items():
        stdout, stderr = process.communicate(timeout=TIMEOUT_S)
        runs[week] = ReportProcess(
            week, out, ledger, process.pid, process.returncode, stdout, stderr
        )
    return SampleRuns(base, cwd, runs)


def kernel_folders(pid: int) -> list[Path]:
    """The private kernel folders of the run with this process id."""
    return sorted(Path(tempfile.gettempdir()).glob(f"passives-kernel-{pid}-*"))


def build_folders(out: Path, pid: int | None = None) -> list[Path]:
    """``OUT/.report-building-*`` folders (of one run, with ``pid``)."""
    return sorted(out.glob(f".report-building-{'' if pid is None else f'{pid}-'}*"))


def leftovers(folders: list[Path], pids: list[int]) -> list[Path]:
    """Build folders and kernel sockets in ``folders``, kernel folders of ``pids``."""
    found = [p for folder in folders for p in folder.glob("kernel-ipc-*")]
    found += [p for folder in folders for p in build_folders(folder)]
    return found + [p for pid in pids for p in kernel_folders(pid)]


def processes_using(path: Path) -> list[int]:
    """Ids of the processes whose command line names ``path`` (a kernel's connection file)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(path) in command:
            found.append(int(entry.name))
    return found


def wait_for(condition, timeout: float, what: str) -> None:
    """Poll ``condition`` every 0.2 s until it is true; fail saying ``what`` was awaited."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)
