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
process no longer exists (its kernel exits by itself: ipykernel watches its parent).
Starting, talking to and shutting down the kernel is papermill's and jupyter_client's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from passives_lib.core import ReportError

BUILD_PREFIX = ".report-building-"
KERNEL_PREFIX = "passives-kernel-"
_OWNER = re.compile(r"-(\d+)-")
PUBLISH_ATTEMPTS = 100


class RunStopped(KeyboardInterrupt):
    """Raised in the run when it receives SIGTERM or SIGHUP, so its clean-up runs.

    Attributes
    ----------
    signal_number : int
        The signal received; a command exits with ``128 + signal_number``, as the shell does.
    """

    def __init__(self, message: str, signal_number: int = signal.SIGTERM) -> None:
        super().__init__(message)
        self.signal_number = int(signal_number)


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
        raise RunStopped(f"stopped by signal {signal.Signals(signum).name}", signum)

    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {number: signal.signal(number, stop) for number in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def private_kernels() -> Iterator[type]:
    """A kernel manager class for papermill whose kernels never outlive the block.

    Its kernels keep their connection file and IPC sockets in a private temporary folder
    ``passives-kernel-<pid>-*`` (removed afterwards): never beside the notebook, never shared
    by two runs, and, over local sockets, no TCP port opened. It is nbclient's default manager
    (asynchronous: a stop in a long cell takes effect at once). Papermill (nbclient) shuts a
    kernel down when the notebook ends, fails or is stopped; one it has not (the run was
    stopped while the kernel was starting) is killed when the block ends.

    Yields
    ------
    type
        A :class:`jupyter_client.AsyncKernelManager` for papermill's ``kernel_manager_class``.
    """
    from jupyter_client.manager import AsyncKernelManager

    remove_abandoned(Path(tempfile.gettempdir()), KERNEL_PREFIX)
    folder = private_folder(None, KERNEL_PREFIX)
    local = {"transport": "ipc", "ip": str(folder / "kernel-ipc")} if os.name == "posix" else {}
    managers: list[AsyncKernelManager] = []

    class PrivateKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(**kwargs, **local, connection_file=str(folder / "kernel.json"))
            managers.append(self)

    try:
        yield PrivateKernelManager
    finally:  # not jupyter_client's shutdown: a start cut short leaves its state half-way
        for manager in managers:
            process = getattr(manager.provisioner, "process", None)
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def publish(building: Path, destination: Path) -> None:
    """Move a complete report folder into place, replacing the previous one.

    The previous folder is moved aside into a private ``.report-building-<pid>-*`` folder
    (which the next run removes, should this one be killed) and removed only once the new one
    is in place; if the move fails, or the run is stopped in between, it is put back. Runs
    that publish the same week into the same folder at the same time all succeed, and the
    folder always holds one whole report (the last one published).

    Raises
    ------
    ReportError
        When other runs kept replacing the folder for every one of many attempts.
    """
    for _ in range(PUBLISH_ATTEMPTS):
        if _move_into_place(building, destination):
            return
    raise ReportError(
        f"could not publish {destination}: other runs replaced it {PUBLISH_ATTEMPTS} times "
        f"in a row; the report is in {building}"
    )


def _taken(error: OSError) -> bool:
    """Whether a move failed only because another run put a folder there first."""
    return error.errno in (errno.ENOTEMPTY, errno.EEXIST)


def _move_into_place(building: Path, destination: Path) -> bool:
    """One attempt at :func:`publish`; False when another run got in the way."""
    if not destination.exists():
        try:
            os.replace(building, destination)
            return True
        except OSError as error:
            if not _taken(error):
                raise
    aside = private_folder(destination.parent, BUILD_PREFIX)
    previous = aside / destination.name
    try:
        try:
            os.replace(destination, previous)
        except FileNotFoundError:
            return False  # another run moved it aside first
        try:
            os.replace(building, destination)
        except BaseException as error:  # put the previous report back, even when stopped
            if not destination.exists():
                try:
                    os.replace(previous, destination)
                except OSError as putting_back:  # another run published there meanwhile:
                    if not _taken(putting_back):  # a newer report is in place, keep it
                        raise
            if isinstance(error, OSError) and _taken(error):
                return False  # another run published in between: replace theirs
            raise
        return True
    finally:
        shutil.rmtree(aside, ignore_errors=True)
