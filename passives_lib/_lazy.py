"""Names of a package loaded on first use, so that importing the package costs nothing.

``passives --help`` and ``passives validate`` should not pay for torch, BERTopic or SQLAlchemy;
a package whose ``__init__`` re-exports from heavy modules uses :func:`lazy_exports` (PEP 562)
and imports each name only when it is first read.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    namespace: dict[str, Any], exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` that import ``exports`` on first use.

    Parameters
    ----------
    namespace : dict
        The package's ``globals()``; a loaded name is stored there, so it is imported once.
    exports : mapping of str to str
        Each public name and the module it comes from.

    Returns
    -------
    tuple of callables
        ``(__getattr__, __dir__)`` for the package.

    Examples
    --------
    >>> space = {"__name__": "demo"}
    >>> getattr_, dir_ = lazy_exports(space, {"sqrt": "math"})
    >>> getattr_("sqrt")(9.0), "sqrt" in space
    (3.0, True)
    >>> getattr_("cbrt")
    Traceback (most recent call last):
    ...
    AttributeError: module 'demo' has no attribute 'cbrt'
    """

    def module_getattr(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def module_dir() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return module_getattr, module_dir
