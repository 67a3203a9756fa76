"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temporary folder.

The server refuses to run as root, so as root it runs as ``nobody`` (through ``runuser``); as
anyone else it runs as that user. It listens on a free localhost port and a unix socket in its
own folder, with password authentication over TCP, and is stopped and deleted afterwards.
``PASSIVES_PG_BIN`` may name the folder of ``initdb`` and ``pg_ctl``; otherwise the newest
``/usr/lib/postgresql/*/bin`` or the ``PATH`` is used.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "passives"
PASSWORD = "pg-test-secret-Zq8"
_RUN_AS = "nobody"


def server_binaries() -> tuple[Path | None, str]:
    """The folder of ``initdb`` and ``pg_ctl``, or None and why it cannot be used."""
    if os.environ.get("PASSIVES_PG_BIN"):
        candidates = [Path(os.environ["PASSIVES_PG_BIN"])]
    else:
        found = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"),
            key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        )
        on_path = shutil.which("initdb")
        candidates = found[::-1] + ([Path(on_path).parent] if on_path else [])
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            if os.geteuid() == 0 and shutil.which("runuser") is None:
                return None, "running as root and runuser is missing (the server refuses root)"
            return folder, ""
    return None, (
        "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin or PASSIVES_PG_BIN); "
        "`apt-get install postgresql` (make test does it where it runs as root)"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """A PostgreSQL server in a temporary folder, started by :meth:`start`.

    Parameters
    ----------
    binaries : Path
        The folder of ``initdb`` and ``pg_ctl``.
    """

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="passives-pg-"))
        self.port = 0
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, _RUN_AS)
            self._as_user = ["runuser", "-u", _RUN_AS, "--"]

    def _run(self, *command: str) -> None:
        result = subprocess.run(
            [*self._as_user, *command],
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {result.stdout}{result.stderr}")

    def start(self) -> PostgresServer:
        """Create the cluster and start the server (a few seconds)."""
        password_file = self.folder / "password"
        password_file.write_text(PASSWORD + "\n")
        if self._as_user:
            shutil.chown(password_file, _RUN_AS)
        data = self.folder / "data"
        self._run(
            str(self.binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            USER,
            f"--pwfile={password_file}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-locale",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.port = _free_port()
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60"
        )
        log = self.folder / "server.log"
        self._run(
            str(self.binaries / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(log),
            "-w",
            "start",
        )
        return self

    def url(self, database: str = "postgres", query: str = "", password: bool = True) -> str:
        """A ``postgresql+psycopg`` URL of a database on this server."""
        secret = f":{PASSWORD}" if password else ""
        tail = f"?{query}" if query else ""
        return f"postgresql+psycopg://{USER}{secret}@127.0.0.1:{self.port}/{database}{tail}"

    def stop(self) -> None:
        """Stop the server at once and delete its folder."""
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self._run(str(self.binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
