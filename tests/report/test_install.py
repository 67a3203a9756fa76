"""``passives report`` from a normal (not editable) install, with its package folder read-only.

A fresh virtual environment gets this checkout installed by pip (``--no-deps``: the
dependencies come from the environment running the tests, through a ``.pth`` line, as
``--system-site-packages`` would give a system Python's). The report then runs from a folder
outside the repository without PYTHONPATH, with the real model, so it finds the notebook and
reveal.js inside the installed package and writes nothing beside them.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE
from tests.report.report_processes import EXPECTED_FILES, leftovers

pytestmark = [pytest.mark.slow, pytest.mark.integration]
SOURCES = ["pyproject.toml", "README.md", "LICENSE", "passives_lib"]


def copy_sources(target: Path) -> Path:
    """The package's sources (this working tree, committed or not), without build output."""
    target.mkdir()
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def make_venv(folder: Path) -> Path:
    """A virtual environment whose extra packages come from the one running the tests."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", folder],
        check=True,
    )
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A plain path line: the test environment's own .pth files (its editable install of
    # this checkout) are not run, so only the copy installed below is importable.
    (Path(purelib) / "test-environment.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return python


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return env | {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"} | extra


def read_only(folder: Path, writable: bool = False) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        bits = stat.S_IWUSR if writable else (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        path.chmod(mode | bits if writable else mode & ~bits)


def test_a_normal_install_reports_from_elsewhere_with_its_package_read_only(tmp_path):
    python = make_venv(tmp_path / "venv")
    source = copy_sources(tmp_path / "source")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", source],
        check=True,
        cwd=tmp_path,
        env=clean_env(),
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [
            python,
            "-c",
            "import passives_lib, sysconfig; from jupyter_client.kernelspec import "
            "KernelSpecManager as K; from passives_lib.report._run import DEFAULT_NOTEBOOK; "
            "print(passives_lib.__file__); print(sysconfig.get_paths()['purelib']); "
            "print(DEFAULT_NOTEBOOK); print(K().get_kernel_spec('python3').argv[0])",
        ],
        check=True,
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    installed, site, notebook, kernel = (Path(line) for line in where[:4])
    package = site / "passives_lib"
    assert installed == package / "__init__.py"  # not this checkout
    assert notebook == package / "report" / "weekly_theme_report.ipynb" and notebook.is_file()
    assert str(kernel) == "python" or kernel.parent == python.parent  # the kernel is this venv's
    before = sorted(p.relative_to(package) for p in package.rglob("*"))

    out, ledger = tmp_path / "reports", tmp_path / "ledger.sqlite"
    read_only(package)
    try:
        report = subprocess.Popen(
            [python.parent / "passives", "report", SAMPLE / "survey.csv"]
            + ["--config", SAMPLE / "config.yml", "--week", "2026-W46", "--out", out]
            + ["--param", f"ledger={ledger}"],
            cwd=elsewhere,
            env=clean_env(
                XDG_CACHE_HOME=str(tmp_path / "cache"),  # the real model, once
                # nbconvert's templates are data files of the environment that has it
                JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"),
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _, stderr = report.communicate(timeout=1500)
    finally:
        read_only(package, writable=True)
    assert report.returncode == 0, stderr[-3000:]
    assert {p.name for p in (out / "2026-W46").iterdir()} >= EXPECTED_FILES
    assert ledger.is_file()
    assert sorted(p.relative_to(package) for p in package.rglob("*")) == before
    assert list(elsewhere.iterdir()) == []
    assert leftovers([elsewhere, out, package / "report"], [report.pid]) == []
