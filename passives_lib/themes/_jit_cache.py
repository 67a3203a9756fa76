"""Keep UMAP's compiled code between processes.

UMAP compiles its layout and fuzzy-set functions with numba the first time a process uses them,
and (unlike pynndescent, which it imports) does not ask numba to keep the result: every weekly
run, every papermill report and every test process paid the compilation again, about 6.5 s of
a cold theme run on this project's 2-core machine (UMAP on 8,000 clothing reviews: 14.5 s the
first time in a process, 7.9 s once the compiled code is kept, 7.4 s when already compiled in
the same process).

:func:`cache_umap_compilation` turns numba's on-disk cache on for those functions before their
first use. numba keys what it stores by the function's source file and the CPU, so a new UMAP
or another machine compiles afresh. The compiled code goes to the project's cache folder
(:func:`numba_cache_dir`: ``$NUMBA_CACHE_DIR`` when set, else ``passives/numba`` in the
user's cache folder), never into the installed packages: a fresh or read-only install keeps
what it compiled like any other. Where it can write nowhere, the functions stay uncached.
"""

from __future__ import annotations

import importlib
import os
import sys
from functools import cache
from pathlib import Path

UMAP_MODULES = ("umap.umap_", "umap.layouts", "umap.utils")


def numba_cache_dir() -> Path:
    """Where numba keeps compiled code: ``$NUMBA_CACHE_DIR``, else the project's cache folder.

    Examples
    --------
    >>> import os
    >>> numba_cache_dir().name if "NUMBA_CACHE_DIR" not in os.environ else "numba"
    'numba'
    """
    given = os.environ.get("NUMBA_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "passives" / "numba"


def use_project_numba_cache() -> Path:
    """Point numba's cache at :func:`numba_cache_dir`, before or after numba was imported.

    Returns
    -------
    pathlib.Path
        The folder numba now writes compiled code to.
    """
    folder = numba_cache_dir()
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    if "numba" in sys.modules:  # numba read its settings already: set the one it consults
        from numba.core import config

        config.CACHE_DIR = str(folder)
    return folder


@cache
def cache_umap_compilation() -> tuple[str, ...]:
    """Ask numba to keep UMAP's compiled functions on disk (once per process).

    Returns
    -------
    tuple of str
        The functions whose compiled code is now kept (``module.name``); empty when numba
        could not cache any, which only costs the compilation time.
    """
    use_project_numba_cache()
    from numba.core.registry import CPUDispatcher

    kept = []
    for name in UMAP_MODULES:
        module = importlib.import_module(name)
        for attribute, value in sorted(vars(module).items()):
            if not isinstance(value, CPUDispatcher) or value.__module__ != name:
                continue
            if type(value._cache).__name__ == "NullCache":  # not cached yet
                try:
                    value.enable_caching()
                except RuntimeError:  # no folder numba can write to
                    continue
            kept.append(f"{name}.{attribute}")
    return tuple(kept)
