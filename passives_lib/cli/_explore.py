"""``passives explore``: the passives explorer as a web page (Voila), for people without Jupyter.

The explorer notebook (``notebooks/explore_passives.ipynb``) is copied with the run's values
injected after its parameters cell (as papermill does), and Voila serves it: widgets only, no
code. The page reads and writes the contact ledger named in the config.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from types import FrameType

from passives_lib.core import PassivesError

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "explore_passives.ipynb"


def add_explore_command(commands: argparse._SubParsersAction) -> None:
    """Add ``passives explore`` to the command line's subcommands."""
    explore = commands.add_parser(
        "explore",
        help="serve the passives explorer (the team's worklist) as a web page with Voila",
        description="Serve the explorer: filter the passives, see who is not contacted yet, "
        "re-weight the priorities, record status changes and notes in the contact ledger.",
    )
    explore.add_argument("input", type=Path, help="survey export")
    explore.add_argument("--config", type=Path, help="YAML config (mapping, plan.ledger)")
    explore.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    explore.add_argument("--no-themes", action="store_true", help="skip theme modelling")
    explore.add_argument(
        "--export-dir", type=Path, default=Path("reports/explorer"), help="call list exports"
    )
    explore.set_defaults(run=_run_explore)


def explorer_notebook(
    input_path: Path, config_path: Path | None, with_themes: bool, export_dir: Path
) -> str:
    """The explorer notebook with the run's values injected, as JSON text.

    Parameters
    ----------
    input_path, config_path : Path
        The survey export and the config (made absolute).
    with_themes : bool
        Model themes.
    export_dir : Path
        Where the export button writes.

    Returns
    -------
    str
        The notebook; its kernel works in the current folder, so relative paths of the
        config (the ledger's) mean what they mean on the command line.
    """
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    values = {
        "input_path": str(input_path.resolve()),
        "config_path": str(config_path.resolve()) if config_path else None,
        "with_themes": with_themes,
        "export_dir": str(export_dir.resolve()),
    }
    lines = [f"import os\nos.chdir({str(Path.cwd())!r})"]
    lines += [f"{name} = {value!r}" for name, value in values.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata["tags"] = ["injected-parameters"]
    index = next(
        (i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])),
        -1,
    )
    notebook.cells.insert(index + 1, cell)
    return nbformat.writes(notebook)


def _run_explore(args: argparse.Namespace) -> int:
    if not args.input.is_file():
        raise PassivesError(f"expected a survey export; found no file at {args.input}")
    if not NOTEBOOK.is_file():
        raise PassivesError(f"expected the explorer notebook at {NOTEBOOK}; it is missing")
    folder = Path(tempfile.mkdtemp(prefix="passives-explore-"))
    page = folder / "explore_passives.ipynb"
    page.write_text(
        explorer_notebook(args.input, args.config, not args.no_themes, args.export_dir),
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "voila",
        str(page),
        f"--port={args.port}",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
    ]
    print(f"serving the explorer at http://127.0.0.1:{args.port}/ (Ctrl-C to stop)", flush=True)
    try:
        return _serve(command)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _TerminatedError(Exception):
    """SIGTERM arrived (a service manager or a parent process stopping the explorer)."""


def _serve(command: list[str]) -> int:
    """Run Voila until it ends, Ctrl-C or SIGTERM; Voila and its kernel never outlive us."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise _TerminatedError

    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if in_main else None
    server = subprocess.Popen(command, env=os.environ.copy())
    try:
        return server.wait()
    except (KeyboardInterrupt, _TerminatedError):
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if server.poll() is None:
            server.terminate()  # Voila shuts its kernels down on SIGTERM
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
