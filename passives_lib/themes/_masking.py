"""Personal data masked in every text of a theme table: names, keywords, representative quotes."""

from __future__ import annotations

import pandas as pd

from passives_lib.core import mask_personal_data

__all__ = ["mask_theme_table"]


def mask_theme_table(themes: pd.DataFrame) -> pd.DataFrame:
    """A copy of a theme table with :func:`mask_personal_data` applied to every customer text.

    Labels and keywords are built from masked text already (see
    :func:`passives_lib.themes._labels.label_text`); this is the last gate before a table
    leaves the model for the registry, a CSV file, a report or the explorer, so that no path
    shows a customer's own words unmasked.

    Parameters
    ----------
    themes : pandas.DataFrame
        A theme table (``ThemeModel.themes_``); the columns present among ``label``,
        ``keywords`` (lists of str) and ``representative_comments`` (lists of str) are masked.

    Returns
    -------
    pandas.DataFrame
        The masked copy.

    Examples
    --------
    >>> table = pd.DataFrame({"label": ["call me on 07700 900123"], "keywords": [["late"]],
    ...                       "representative_comments": [["mail jo@example.com"]]})
    >>> mask_theme_table(table).iloc[0].tolist()
    ['call me on [phone]', ['late'], ['mail [email]']]
    """
    masked = themes.copy()
    if "label" in masked:
        masked["label"] = [
            mask_personal_data(label) if isinstance(label, str) else label
            for label in masked["label"]
        ]
    for column in ("keywords", "representative_comments"):
        if column in masked:
            masked[column] = [
                [mask_personal_data(str(text)) for text in texts] for texts in masked[column]
            ]
    return masked
