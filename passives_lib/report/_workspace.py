"""Private folders for one ``passives report`` run, removed even when the run is stopped.

Two folders hold what no one else should read and nothing should outlive:

- the *kernel folder* (under the system's temporary folder): the kernel's connection file and
  its IPC sockets, so they are never written beside the notebook (whose install folder may be
  read-only) and two runs at the same time never share them;
- the *build folder* ``OUT/.report-building-<pid>-*``: the CSV files with personal data before
  the report is published. It is private (``0700``) until it is moved into place.

Both names carry the process id of the run. A run removes them in a ``finally`` block; SIGTERM
and SIGHUP are turned into an exception so that block runs when a scheduler stops the run; and
a run removes the folders left by a run that was killed outright (SIGKILL, power loss), whose
process no longer exists.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

BUILD_PREFIX = ".report-building-"
KERNEL_PREFIX = "passives-kernel-"
_OWNER = re.compile(r"-(\d+)-")


class RunStopped(KeyboardInterrupt):
    """Raised in the run when it receives SIGTERM or SIGHUP, so its clean-up runs."""


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (on this machine).

    Examples
    --------
    >>> process_alive(os.getpid())
    True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def remove_abandoned(folder: Path, prefix: str) -> list[Path]:
    """Remove the folders ``PREFIX<pid>-*`` in ``folder`` whose run no longer exists.

    Parameters
    ----------
    folder : Path
        Where to look.
    prefix : str
        :data:`BUILD_PREFIX` or :data:`KERNEL_PREFIX`.

    Returns
    -------
    list of Path
        The folders removed.
    """
    removed = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.glob(f"{prefix}*")):
        owner = _OWNER.match(path.name[len(prefix) - 1 :])
        if path.is_dir() and owner and not process_alive(int(owner.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def private_folder(parent: Path | None, prefix: str) -> Path:
    """A new folder ``PREFIX<pid>-XXXX`` readable by this user only (``0700``)."""
    return Path(tempfile.mkdtemp(dir=parent, prefix=f"{prefix}{os.getpid()}-"))


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`RunStopped` while the block runs (main thread)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise RunStopped(f"stopped by signal {signal.Signals(signum).name}")

    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {number: signal.signal(number, stop) for number in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def kernel_folder() -> Iterator[Path]:
    """A private temporary folder for the kernel's connection file and sockets, then removed."""
    remove_abandoned(Path(tempfile.gettempdir()), KERNEL_PREFIX)
    folder = private_folder(None, KERNEL_PREFIX)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def local_kernel_manager(folder: Path) -> type:
    """A kernel manager whose connection file and IPC sockets live in ``folder``.

    It talks to the kernel over local sockets (IPC) where it can: the kernel then opens no TCP
    port and does not warn that TCP traffic is unencrypted.
    """
    from jupyter_client.manager import KernelManager
    from traitlets import default

    ipc = os.name == "posix"

    class LocalKernelManager(KernelManager):
        @default("transport")
        def _default_transport(self) -> str:
            return "ipc" if ipc else "tcp"

        @default("ip")
        def _default_ip(self) -> str:
            return str(folder / "kernel-ipc") if ipc else "127.0.0.1"

        @default("connection_file")
        def _default_connection_file(self) -> str:
            return str(folder / "kernel.json")

    return LocalKernelManager
