"""Facts about a customer for a call brief, from the survey's columns and their words.

Customers' words (comments, theme names built from them, feature names) pass through
:func:`clean_words`: personal data masked, markup removed, one line.
"""

from __future__ import annotations

import re

import pandas as pd

from passives_lib.core import mask_personal_data

_TAG = re.compile(r"<[^>]*>")


def clean_words(value: object, limit: int | None = None, mask: bool = True) -> str:
    """Customers' words fit for a brief: personal data masked, markup removed, one line.

    Parameters
    ----------
    value : object
        A comment, a theme name, a feature list; missing values give ``""``.
    limit : int, optional
        Cut to this many characters (an ellipsis marks the cut).
    mask : bool
        Mask personal data (``False`` only for text that is not a customer's, such as a
        question template, whose dates would read as phone numbers).

    Returns
    -------
    str
        The cleaned text.

    Examples
    --------
    >>> clean_words("<b>Call</b> me on +44 20 7946 0123 <script>x()</script>")
    'Call me on [phone] x()'
    """
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    text = _TAG.sub(" ", text)
    text = (mask_personal_data(text) if mask else text).replace("<", " ").replace(">", " ")
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def unused_features(row: dict) -> str:
    """Purchased features not in use: names when the columns list names, else counts."""
    bought, used = row.get("features_purchased"), row.get("features_used")
    if isinstance(bought, str | list | tuple):
        bought_names = [clean_words(n) for n in names(bought)]
        in_use = {n.lower() for n in map(clean_words, names(used))}
        return ", ".join(n for n in bought_names if n and n.lower() not in in_use)
    bought_n, used_n = number(bought), number(used)
    if bought_n > 0 and 0 <= used_n < bought_n:
        unused = int(bought_n - used_n)
        return f"{unused} of your {int(bought_n)} purchased features"
    return ""


def names(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value]
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;,|]", value)]
    return []


def usage_change(row: dict) -> tuple[str, float | None]:
    """``usage down 48% (44 -> 23)`` and the drop as a share (None when not falling)."""
    current, previous = number(row.get("usage_current")), number(row.get("usage_previous"))
    if not (previous > 0 and current >= 0):
        return "", None
    change = current / previous - 1
    trend = f"{abs(change):.0%}" if round(change, 2) else "unchanged"
    direction = "down " if change < 0 else "up " if round(change, 2) else ""
    text = f"usage {direction}{trend} ({previous:g} -> {current:g})"
    return text, (-change if change < 0 else None)


def number(value: object, default: float = -1.0) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return default if pd.isna(number) else number
