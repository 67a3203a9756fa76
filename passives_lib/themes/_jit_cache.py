"""Keep UMAP's compiled code between processes.

UMAP compiles its layout and fuzzy-set functions with numba the first time a process uses them,
and (unlike pynndescent, which it imports) does not ask numba to keep the result: every weekly
run, every papermill report and every test process paid the compilation again, about 6.5 s of
a cold theme run on this project's 2-core machine (UMAP on 8,000 clothing reviews: 14.5 s the
first time in a process, 7.9 s once the compiled code is kept, 7.4 s when already compiled in
the same process).

:func:`cache_umap_compilation` turns numba's on-disk cache on for those functions before their
first use. numba keys what it stores by the function's source file and the CPU, so a new UMAP
or another machine compiles afresh; where it cannot write next to UMAP's sources it uses the
user's cache folder, and where it can write nowhere the functions stay uncached, as before.
"""

from __future__ import annotations

import importlib
from functools import cache

UMAP_MODULES = ("umap.umap_", "umap.layouts", "umap.utils")


@cache
def cache_umap_compilation() -> tuple[str, ...]:
    """Ask numba to keep UMAP's compiled functions on disk (once per process).

    Returns
    -------
    tuple of str
        The functions whose compiled code is now kept (``module.name``); empty when numba
        could not cache any, which only costs the compilation time.
    """
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
