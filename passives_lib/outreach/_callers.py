"""Splitting the week's call list between the callers of the config (``plan.callers``).

The candidates are walked in priority order. Each goes to a caller who has room and takes
them (their segment and language: :meth:`passives_lib.config.Caller.takes`); among
those, a caller who takes only some segments or languages comes first (the fit), then the
caller with the largest share of their capacity still free (so that each caller gets a fair
part of the highest priorities), then the config's order. A candidate no caller with room
takes is passed over and stays in the backlog; the walk stops when every caller is full.
"""

from __future__ import annotations

import pandas as pd

from passives_lib.config import Caller
from passives_lib.themes import detect_language


def customer_languages(candidates: pd.DataFrame) -> pd.Series:
    """Each candidate's language: the ``language`` column if any, else their comment's.

    Parameters
    ----------
    candidates : pandas.DataFrame
        With ``comment`` and optionally ``language``.

    Returns
    -------
    pandas.Series
        ``en`` or ``fr`` (by the comment's common words), or the column's value; blank for a
        comment without words.
    """
    detected = pd.Series(
        [
            detect_language([str(c)]) if isinstance(c, str) and c.strip() else ""
            for c in candidates.get("comment", pd.Series("", index=candidates.index))
        ],
        index=candidates.index,
        dtype=object,
    )
    if "language" in candidates:
        given = candidates["language"].astype(object)
        return given.where(given.notna() & given.astype(str).str.strip().ne(""), detected)
    return detected


def split_calls(candidates: pd.DataFrame, callers: list[Caller]) -> tuple[pd.DataFrame, list[str]]:
    """The call list: candidates taken in priority order, each with the caller as ``assignee``.

    Parameters
    ----------
    candidates : pandas.DataFrame
        Eligible passives not on another list, highest priority first, with
        ``respondent_id`` and optionally ``segment``, ``comment``, ``language``.
    callers : list of Caller
        The callers, in config order.

    Returns
    -------
    tuple of (pandas.DataFrame, list of str)
        The rows taken, in priority order, with ``assignee``; and a note per caller (their
        calls out of their capacity) and on anyone passed over.

    Examples
    --------
    >>> pool = pd.DataFrame({"respondent_id": list("abcde"), "segment": ["SMB"] * 5})
    >>> calls, notes = split_calls(pool, [Caller("Ana", 2), Caller("Ben", 3)])
    >>> calls["assignee"].tolist()
    ['Ana', 'Ben', 'Ben', 'Ana', 'Ben']
    """
    room = {c.name: c.capacity for c in callers}
    order = {c.name: i for i, c in enumerate(callers)}
    segments = candidates.get("segment", pd.Series(None, index=candidates.index, dtype=object))
    needs_language = any(c.languages for c in callers)
    languages = customer_languages(candidates) if needs_language else segments.map(lambda _: "")
    taken: list[object] = []
    assignees: list[str] = []
    passed_over = 0
    for index in candidates.index:
        if not any(room.values()):
            break
        fitting = [
            c for c in callers if room[c.name] and c.takes(segments[index], languages[index])
        ]
        if not fitting:
            passed_over += 1
            continue
        chosen = min(
            fitting,
            key=lambda c: (not c.specialised, -room[c.name] / c.capacity, order[c.name]),
        )
        room[chosen.name] -= 1
        taken.append(index)
        assignees.append(chosen.name)
    calls = candidates.loc[taken].assign(assignee=assignees)
    counts = calls["assignee"].value_counts()
    notes = [
        "callers: "
        + ", ".join(f"{c.name} {int(counts.get(c.name, 0))} of {c.capacity}" for c in callers)
    ]
    if passed_over:
        notes.append(
            f"{passed_over} passive(s) of higher priority fitted no caller with room left "
            "(segments or languages) and stay in the backlog"
        )
    return calls, notes
