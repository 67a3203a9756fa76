"""Marking a theme fixed: by its stable id or its exact name in the theme registry."""

from __future__ import annotations

import difflib
from datetime import date, timedelta

from passives_lib.core import FIRST_YEAR, InvalidParameterError, RegistryError
from passives_lib.store import ContactLedger, ThemeRegistry, registry_has_themes


def resolve_theme(location: str, theme: str) -> tuple[int, str | None]:
    """The stable id and name of the theme ``theme`` names.

    Parameters
    ----------
    location : str
        The ledger (and theme registry): SQLite path or SQLAlchemy URL.
    theme : str
        A stable theme id (``findings.csv``'s ``theme_id``) or the theme's exact name (any
        case).

    Returns
    -------
    tuple of (int, str or None)
        The id (a merged theme's survivor) and its name; the name is None when the registry
        holds no themes yet, so an id cannot be checked.

    Raises
    ------
    RegistryError
        If the name matches no theme (the closest names are given), if the id is unknown,
        or if a name is given while the registry holds no themes.
    """
    text = theme.strip()
    if not registry_has_themes(location):
        if text.isdigit():
            return int(text), None
        raise RegistryError(
            f"expected a theme id, as the theme registry at {location} holds no themes yet; "
            f"found the name {text!r} (run `passives findings` to record themes and ids)"
        )
    with ThemeRegistry(location) as registry:
        table = registry.themes()
        if text.isdigit():
            stable_id = registry.resolve(int(text))
            return stable_id, str(table.set_index("stable_id").at[stable_id, "name"])
    current = table[table["merged_into"].isna()]
    by_name = {
        str(n).casefold(): (int(i), str(n))
        for i, n in zip(current["stable_id"], current["name"], strict=True)
    }
    if text.casefold() in by_name:
        return by_name[text.casefold()]
    names = sorted(str(n) for n in current["name"])
    closest = difflib.get_close_matches(text, names, n=3, cutoff=0.3)
    shown = ", ".join(repr(n) for n in closest) or "none close"
    raise RegistryError(
        f"expected a theme id or the exact name of a theme; found {text!r}, which names no "
        f"theme in {location} (closest: {shown})"
    )


def mark_fixed(location: str, theme: str, when: date, note: str | None = None) -> str:
    """Record in the ledger that a theme was fixed; say which theme was meant.

    Parameters
    ----------
    location : str
        The ledger.
    theme : str
        Stable id or exact name (:func:`resolve_theme`).
    when : date
        When the fix shipped (from 1900, not after today).
    note : str, optional
        What was done.

    Returns
    -------
    str
        One line for the user: the theme, and how many respondents' comments it was the
        main theme of in its latest recorded week of themes.
    """
    latest = date.today() + timedelta(days=1)  # a time zone is at most a day ahead
    if when.year < FIRST_YEAR:
        raise InvalidParameterError(
            f"--date: expected a date from {FIRST_YEAR} on (a fix of this product), got "
            f"{when.isoformat()}"
        )
    if when > latest:
        raise InvalidParameterError(
            f"--date: a fix is recorded once it shipped, so its date cannot be after today "
            f"({date.today().isoformat()}); got {when.isoformat()}"
        )
    stable_id, name = resolve_theme(location, theme)
    with ContactLedger(location) as ledger:
        ledger.mark_theme_fixed(str(stable_id), when, note)
    if name is None:
        shown = f"theme {stable_id} (not checked: no themes registered yet)"
    else:
        shown = f"theme {stable_id} {name!r}{_reach(location, stable_id)}"
    return (
        f"recorded: {shown} fixed on {when.isoformat()}; respondents who answered a contact "
        "before then and raised it become due an incentive"
    )


def _reach(location: str, stable_id: int) -> str:
    """How many comments the theme concerns, from its latest recorded week of themes."""
    with ThemeRegistry(location) as registry:
        latest = registry.latest_size(stable_id)
    if latest is None:
        return " (not seen in any recorded week)"
    week, size = latest
    if size is None:
        return f" (last seen in {week}; its size was not recorded)"
    return f" (the main theme of {size} respondent(s)' comments in the themes of {week})"
