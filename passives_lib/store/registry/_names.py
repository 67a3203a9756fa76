"""One name per theme in the theme registry: clashes found and given distinguishing words.

A theme's name is the analyst's (``name``), else its lasting label (``label``). Two themes
must never go by one name (compared case-folded, spaces collapsed): reports, trends and
``passives themes mark-fixed`` look themes up by name. :func:`unique_names` decides every
theme's name at once (the analyst's names first, then by stable id: the theme that had a name
first keeps it) and gives a clashing theme its label followed by the first of its keywords
that tells it apart, e.g. ``support was fantastic (billing)``; :func:`repair_names` writes the
names that changed into ``name`` so they stay fixed from then on. Pure functions here, but
:func:`repair_names`, which takes a connection.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.store.db import MAX_TEXT


class Named(NamedTuple):
    """What a theme's name is decided from."""

    stable_id: int
    name: str | None  # the analyst's, or a distinct name given on an earlier clash
    label: str
    keywords: list[str]


def name_key(name: str) -> str:
    """How names are compared: case-folded, spaces collapsed.

    Examples
    --------
    >>> name_key("  Support  was Fantastic ") == name_key("support was fantastic")
    True
    """
    return " ".join(name.casefold().split())


def distinguished(base: str, keywords: list[str], taken: set[str], shared: set[str]) -> str:
    """``base`` with the first of ``keywords`` that makes it a name not ``taken``.

    Parameters
    ----------
    base : str
        The clashing name.
    keywords : list of str
        The theme's keywords, best first; a keyword already in ``base`` or in ``shared``
        (the keywords of the theme holding the name) does not tell the two apart.
    taken : set of str
        Names already given (as :func:`name_key` gives them).
    shared : set of str
        Keywords of the theme that holds ``base`` (as :func:`name_key` gives them).

    Returns
    -------
    str
        ``base (keyword)``; ``base (2)``, ``base (3)``... when no keyword tells them apart.

    Examples
    --------
    >>> distinguished("support was fantastic", ["support", "billing"], {"support was fantastic"},
    ...               {"support", "staff"})
    'support was fantastic (billing)'
    >>> distinguished("price", ["price"], {"price", "price (2)"}, set())
    'price (3)'
    """
    words = set(name_key(base).split())
    candidates = [
        k.strip()
        for k in keywords
        if k.strip() and name_key(k) not in shared and not _says_again(name_key(k), words)
    ]
    suffixes = candidates + [str(n) for n in range(2, len(taken) + 3)]
    for suffix in suffixes:
        room = MAX_TEXT - len(suffix) - 3
        name = f"{base[:room].rstrip()} ({suffix})"
        if name_key(name) not in taken:
            return name
    raise AssertionError("unreachable: a number is always free")  # pragma: no cover


def _says_again(keyword: str, words: set[str]) -> bool:
    """Whether every word of ``keyword`` is in ``words`` or a misspelling of one of them.

    Examples
    --------
    >>> _says_again("suport", {"support", "was", "fantastic"}), _says_again("billing", {"bill"})
    (True, False)
    """
    return all(
        word in words or any(SequenceMatcher(None, word, other).ratio() >= 0.85 for other in words)
        for word in keyword.split()
    )


def unique_names(themes: list[Named]) -> dict[int, str]:
    """Every theme's name, no two alike.

    Themes named by the analyst are served first, then the others, each group by stable id:
    a theme whose name (``name``, else ``label``) was given already gets distinguishing words
    (:func:`distinguished`).

    Parameters
    ----------
    themes : list of Named
        Every theme of the registry (merged ones included: they keep their names).

    Returns
    -------
    dict of int to str
        Name by stable id.

    Examples
    --------
    >>> unique_names([Named(1, None, "great staff", ["staff"]),
    ...               Named(2, None, "Great staff", ["staff", "nurse"]),
    ...               Named(3, "great staff", "kind", [])])
    {3: 'great staff', 1: 'great staff (2)', 2: 'Great staff (nurse)'}
    """
    taken: dict[str, Named] = {}
    names: dict[int, str] = {}
    for theme in sorted(themes, key=lambda t: (t.name is None, t.stable_id)):
        name = theme.name if theme.name is not None else theme.label
        holder = taken.get(name_key(name))
        if holder is not None:
            shared = {name_key(k) for k in holder.keywords}
            name = distinguished(name, theme.keywords, set(taken), shared)
        taken[name_key(name)] = theme
        names[theme.stable_id] = name
    return names


def stored_named(conn: Connection, table: sa.Table) -> list[Named]:
    """Every theme of the registry's themes ``table`` as :func:`unique_names` takes it."""
    rows = conn.execute(
        sa.select(table.c.stable_id, table.c.name, table.c.label, table.c.keywords)
    ).all()
    return [Named(r.stable_id, r.name, r.label, json.loads(r.keywords)) for r in rows]


def repair_names(conn: Connection, table: sa.Table) -> dict[int, str]:
    """Give every theme that shares its name with another a distinct one, kept in ``name``.

    Parameters
    ----------
    conn : sqlalchemy.engine.Connection
        A connection inside a write transaction.
    table : sqlalchemy.Table
        The registry's themes table (``theme_registry_themes``).

    Returns
    -------
    dict of int to str
        The names written, by stable id (empty when no two themes shared a name).
    """
    themes = stored_named(conn, table)
    names = unique_names(themes)
    changed = {
        t.stable_id: names[t.stable_id]
        for t in themes
        if names[t.stable_id] != (t.name if t.name is not None else t.label)
    }
    for stable_id, name in changed.items():
        conn.execute(sa.update(table).where(table.c.stable_id == stable_id).values(name=name))
    return changed
