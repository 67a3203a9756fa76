"""``passives explore``: the team's worklist as a web page (Voila), for people without Jupyter.

The explorer notebook (package data: ``passives_lib/cli/explore_passives.ipynb``) is copied
into a private folder with the run's values injected after its parameters cell (as papermill
does), and :mod:`passives_lib.cli._voila_server` serves it: widgets only, no code, a token
per user, Host and Origin checks, one kernel per browser session, idle kernels culled. The
page reads and writes the contact ledger named in the config, which must exist.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from importlib.resources import files
from pathlib import Path
from types import FrameType

from passives_lib.core import ConfigError, PassivesError

NOTEBOOK = Path(str(files("passives_lib.cli") / "explore_passives.ipynb"))
DEFAULT_IDLE_TIMEOUT_S = 900
ANY_ADDRESS = ("0.0.0.0", "::", "")


def add_explore_command(commands: argparse._SubParsersAction) -> None:
    """Add ``passives explore`` to the command line's subcommands."""
    explore = commands.add_parser(
        "explore",
        help="serve the team's worklist (the passives explorer) as a web page with Voila",
        description="Serve the worklist: the week's passives, who is not contacted yet, "
        "priorities to re-weight, statuses and notes recorded in the contact ledger. Every "
        "user gets a token; the URLs with their tokens are printed at start.",
    )
    explore.add_argument("input", type=Path, help="survey export")
    explore.add_argument("--config", type=Path, help="YAML config (mapping, plan.ledger)")
    explore.add_argument("--week", help="ISO week YYYY-Www (default: the latest in the data)")
    explore.add_argument("--no-themes", action="store_true", help="skip the report's themes")
    explore.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for a team)",
    )
    explore.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    explore.add_argument(
        "--user",
        action="append",
        help="who records notes; repeat for each colleague, each gets a token "
        "(default: your login name)",
    )
    explore.add_argument(
        "--token", help="the token to use (one user only; default: generated at random)"
    )
    explore.add_argument(
        "--public-name",
        action="append",
        default=[],
        help="a name colleagues use to reach this machine (allowed in the Host header); "
        "with --host 0.0.0.0 the machine's host names are allowed already",
    )
    explore.add_argument(
        "--idle-timeout",
        type=int,
        default=DEFAULT_IDLE_TIMEOUT_S,
        help=f"seconds before an idle page's kernel is stopped (default {DEFAULT_IDLE_TIMEOUT_S})",
    )
    explore.set_defaults(run=_run_explore)


def explorer_notebook(
    input_path: Path, config_path: Path | None, week: str | None, with_themes: bool
) -> str:
    """The explorer notebook with the run's values injected, as JSON text.

    Parameters
    ----------
    input_path, config_path : Path
        The survey export and the config (made absolute).
    week : str, optional
        The week to show.
    with_themes : bool
        Show the report's themes.

    Returns
    -------
    str
        The notebook; its kernel works in the current folder, so relative paths (the
        default ledger's) mean what they mean on the command line.
    """
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    values = {
        "input_path": str(input_path.resolve()),
        "config_path": str(config_path.resolve()) if config_path else None,
        "week": week,
        "with_themes": with_themes,
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


def user_tokens(users: list[str] | None, token: str | None) -> dict[str, str]:
    """Token to user name: the given token for a single user, else a random one each.

    Raises
    ------
    ConfigError
        For a blank or repeated user, a token with several users, or a short token.

    Examples
    --------
    >>> user_tokens(["ana"], "a-long-enough-token")
    {'a-long-enough-token': 'ana'}
    """
    names = [name.strip() for name in (users or [getpass.getuser()])]
    if any(not name for name in names) or len(set(names)) < len(names):
        raise ConfigError(f"expected distinct, non-blank --user names; found {names}")
    if token is not None:
        if len(names) > 1:
            raise ConfigError(
                f"expected --token with one --user (each user gets their own token); "
                f"found {len(names)} users"
            )
        if len(token) < 16:
            raise ConfigError(f"expected a --token of at least 16 characters; found {len(token)}")
        return {token: names[0]}
    return {secrets.token_urlsafe(32): name for name in names}


def allowed_hosts(host: str, public_names: list[str]) -> list[str]:
    """The names the Host header may carry besides loopback addresses and ``localhost``.

    Examples
    --------
    >>> allowed_hosts("127.0.0.1", ["cx-box"])
    ['127.0.0.1', 'cx-box']
    """
    names = [host, *public_names]
    if host in ANY_ADDRESS or not _loopback(host):
        names += [socket.gethostname(), socket.getfqdn()]
    return sorted({n.lower() for n in names if n and n not in ANY_ADDRESS}, key=names.index)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _run_explore(args: argparse.Namespace) -> int:
    if not args.input.is_file():
        raise PassivesError(f"expected a survey export; found no file at {args.input}")
    if not NOTEBOOK.is_file():
        raise PassivesError(f"expected the explorer notebook at {NOTEBOOK}; it is missing")
    if args.idle_timeout < 60:
        raise ConfigError(f"expected --idle-timeout of at least 60 s; found {args.idle_timeout}")
    from passives_lib.config import load_config  # deferred: `passives --help` stays light
    from passives_lib.pipeline import check_ledger

    check_ledger(load_config(args.config).plan.ledger)
    tokens = user_tokens(args.user, args.token)
    folder = Path(tempfile.mkdtemp(prefix="passives-explore-"))  # private to this user
    try:
        page = folder / "explore_passives.ipynb"
        page.write_text(
            explorer_notebook(args.input, args.config, args.week, not args.no_themes),
            encoding="utf-8",
        )
        settings = {
            "notebook": str(page),
            "ip": args.host,
            "port": args.port,
            "users": tokens,
            "allowed_hosts": allowed_hosts(args.host, args.public_name),
            "idle_timeout": args.idle_timeout,
        }
        handle = os.open(folder / "settings.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(settings, stream)
        shown = socket.gethostname() if args.host in ANY_ADDRESS else args.host
        shown = f"[{shown}]" if ":" in shown else shown
        print("serving the worklist (Ctrl-C to stop); open it with your own link:", flush=True)
        for token, user in tokens.items():
            print(f"  {user}: http://{shown}:{args.port}/?token={token}", flush=True)
        module = "passives_lib.cli._voila_server"
        return _serve([sys.executable, "-m", module, str(folder / "settings.json")])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _TerminatedError(Exception):
    """SIGTERM arrived (a service manager or a parent process stopping the explorer)."""


def _serve(command: list[str]) -> int:
    """Run Voila until it ends, Ctrl-C or SIGTERM; Voila and its kernels never outlive us."""

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
