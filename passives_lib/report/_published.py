"""What goes into the published folder: no path of the machine, no half-written notebook.

The notebook runs with absolute paths (the kernel needs them), so ``report.ipynb`` (its
parameters cell, papermill's metadata, printed output) and ``report.json`` would name the
machine's folders: who ran it, where the survey and the ledger live. Before the report is
exported and published, :func:`hide_machine_paths` rewrites every such path relative to the
folder it was found under (``/home/ana/exports/survey.csv`` becomes ``survey.csv``).

A failed run keeps its executed notebook beside the reports for inspection, but only when the
notebook is whole: :func:`keep_failed_notebook` drops a truncated one (a disk that filled up
while papermill wrote it) instead of leaving an invalid file.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# The published files that carry the run's parameters and output as JSON.
JSON_FILES = ("report.ipynb", "report.json")


def machine_folders(
    paths: Iterable[str | Path | None], folders: Iterable[str | Path] = ()
) -> list[str]:
    """The folders whose names must not be published: those given, and the usual ones.

    Parameters
    ----------
    paths : iterable of str or Path or None
        Files and folders of the run (the survey, the config, the ledger, the output folder);
        for a file, its folder is taken. URLs and ``None`` are skipped.
    folders : iterable of str or Path
        Folders taken as they are.

    Returns
    -------
    list of str
        Absolute folders, the longest first (so the most specific one is taken off first).
    """
    folders = {os.getcwd(), str(Path.home()), sys.prefix, tempfile.gettempdir(), *map(str, folders)}
    for path in paths:
        if path is None or "://" in str(path):
            continue
        resolved = Path(path).expanduser().resolve()
        folders |= {str(resolved if resolved.is_dir() else resolved.parent), str(resolved.parent)}
    folders |= {os.path.realpath(folder) for folder in folders}
    return sorted((f for f in folders if len(f) > 1), key=len, reverse=True)


def strip_folders(text: str, folders: list[str]) -> str:
    """``text`` with each absolute path under ``folders`` made relative to its folder.

    Examples
    --------
    >>> strip_folders("read /home/ana/x/survey.csv into /home/ana/x", ["/home/ana/x"])
    'read survey.csv into .'
    >>> strip_folders("/home/anabel/y", ["/home/ana"])
    '/home/anabel/y'
    """
    for folder in folders:
        if folder in text:
            text = re.sub(re.escape(folder) + r"(?:/|(?![\w.\-]))", _relative, text)
    return text


def _relative(match: re.Match[str]) -> str:
    return "" if match.group(0).endswith("/") else "."


def hide_machine_paths(folder: Path, paths: Iterable[str | Path | None]) -> None:
    """Rewrite ``report.ipynb`` and ``report.json`` in ``folder`` without machine paths.

    Parameters
    ----------
    folder : Path
        The build folder, before export and publishing.
    paths : iterable of str or Path or None
        The run's files and folders (see :func:`machine_folders`).
    """
    summary = folder / "report.json"
    named = []
    if summary.is_file():  # the settings the notebook resolved (the config's ledger, say)
        parameters = json.loads(summary.read_text(encoding="utf-8")).get("parameters", {})
        named = [
            Path(v).parent for v in parameters.values() if isinstance(v, str) and v.startswith("/")
        ]
    folders = machine_folders([folder, *paths], named)
    for name in JSON_FILES:
        path = folder / name
        if not path.is_file():
            continue
        content = json.loads(path.read_text(encoding="utf-8"))
        cleaned = _walk(content, folders)
        indent = 1 if name.endswith(".ipynb") else 2
        path.write_text(
            json.dumps(cleaned, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def _walk(value: Any, folders: list[str]) -> Any:
    if isinstance(value, str):
        return strip_folders(value, folders)
    if isinstance(value, list):
        return [_walk(item, folders) for item in value]
    if isinstance(value, dict):
        return {key: _walk(item, folders) for key, item in value.items()}
    return value


def keep_failed_notebook(executed: Path, failed: Path) -> Path | None:
    """Move a failed run's notebook beside the reports if it is whole; else drop it.

    Parameters
    ----------
    executed : Path
        The notebook papermill wrote (in the build folder).
    failed : Path
        ``OUT/<week>.failed.ipynb``.

    Returns
    -------
    Path or None
        ``failed`` when kept; ``None`` when there was no notebook or it was not valid JSON
        (truncated). Then no failed notebook is left for the week: an older one there is
        removed too, so that it is not taken for this run's.
    """
    try:
        json.loads(executed.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        executed.unlink(missing_ok=True)
        failed.unlink(missing_ok=True)
        return None
    os.replace(executed, failed)
    return failed
