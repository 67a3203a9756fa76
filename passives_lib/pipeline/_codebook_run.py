"""The config's codebook: seeding the theme registry, or anchoring a run that records nothing.

On a week's first recorded run the codebook seeds the empty theme registry, whose known themes
then anchor every run. A run that records no themes (a dry run, a plan, an undated survey, a
run without a ledger) is anchored in the codebook itself, so an analyst sees its themes in a
preview too; nothing is written.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from passives_lib.config import CodebookTheme
from passives_lib.themes import ThemeModel, codebook_centroids, codebook_polarity

ISO_WEEK = re.compile(r"\d{4}-W\d{2}")


def seed_codebook(
    model: ThemeModel, codebook: tuple[CodebookTheme, ...], week: str, location: str | None
) -> str | None:
    """Give an empty theme registry the analyst's codebook themes (``themes.codebook``).

    Each codebook theme becomes a registry theme with the analyst's name, the centroid of
    its example phrases, embedded by ``model``'s encoder, and their tone
    (:func:`passives_lib.themes.codebook_polarity`); until a run's theme matches it, it takes
    the clusters of a run that stand out towards it, and from then on it anchors runs as any
    theme known before. A registry that holds themes is left alone: rename and merge edit
    what it knows.

    Parameters
    ----------
    model : ThemeModel
        The run's model (it embeds the examples as it embeds comments).
    codebook : tuple of CodebookTheme
        The config's codebook.
    week : str
        The run's ISO week (anything else, e.g. ``undated``, uses no registry).
    location : str, optional
        The registry (the contact ledger's database); ``None`` for none.

    Returns
    -------
    str or None
        A note saying what was seeded; None when nothing was.
    """
    if not codebook or location is None or not ISO_WEEK.fullmatch(week):
        return None
    from passives_lib.store import ThemeRegistry, registry_has_themes

    if registry_has_themes(location):
        return None
    anchors = codebook_anchors(model, codebook)  # names, centroids and tones, as runs see them
    examples = [entry.examples for entry in codebook]
    centroids, tones = np.stack(anchors["centroid"].tolist()), anchors["polarity"].tolist()
    with ThemeRegistry(location) as registry:
        given = registry.seed(anchors["name"].tolist(), examples, centroids, tones)
    if not given:
        return None
    ids = f"ids {given[0]}-{given[-1]}"
    return f"theme registry seeded with the codebook's {len(given)} themes ({ids})"


def codebook_anchors(model: ThemeModel, codebook: tuple[CodebookTheme, ...]) -> pd.DataFrame:
    """The codebook as anchors of :meth:`ThemeModel.fit`, for a run that records nothing.

    Parameters
    ----------
    model : ThemeModel
        The run's model (it embeds the examples as it embeds comments).
    codebook : tuple of CodebookTheme
        The config's codebook.

    Returns
    -------
    pandas.DataFrame
        ``anchor_id`` (1, 2, ...: the ids seeding would give), ``name`` (the analyst's),
        ``centroid`` (of the embedded examples), ``polarity`` (the examples' tone,
        :func:`passives_lib.themes.codebook_polarity`; None for none), ``seen`` (False:
        it takes the run's clusters that stand out towards it, not single opinions) and
        ``phrases`` (its name and examples, whose words such a cluster must use); no row for
        an empty codebook.
    """
    columns = ["anchor_id", "name", "centroid", "polarity", "seen", "phrases"]
    if not codebook:
        return pd.DataFrame(columns=columns)
    centroids = codebook_centroids(model, [entry.examples for entry in codebook])
    return pd.DataFrame(
        {
            "anchor_id": range(1, len(codebook) + 1),
            "name": [entry.name for entry in codebook],
            "centroid": list(centroids),
            "polarity": [codebook_polarity(e.examples, model.language) for e in codebook],
            "seen": [False] * len(codebook),
            "phrases": [[entry.name, *entry.examples] for entry in codebook],
        },
        columns=columns,
    )


def codebook_note(
    codebook: tuple[CodebookTheme, ...],
    week: str,
    location: str | None,
    registry_known: bool,
) -> str | None:
    """What became of the codebook in a run that did not seed it, in words.

    A dated run with a ledger whose registry was empty and that did not seed it is one that
    records no themes.

    Parameters
    ----------
    codebook : tuple of CodebookTheme
        The config's codebook.
    week : str
        The run's ISO week, or ``undated``.
    location : str, optional
        The theme registry; ``None`` for none.
    registry_known : bool
        Whether the registry held themes: they anchored the run (the codebook's among them
        once seeded), and there is nothing to say.

    Returns
    -------
    str or None
        None for an empty codebook or a known registry.

    Examples
    --------
    >>> entry = CodebookTheme("late parcel", ("parcel came late",))
    >>> codebook_note((entry,), "undated", "ledger.sqlite", False)[-41:]
    '(no response dates, so no theme registry)'
    >>> codebook_note((entry,), "2026-W10", "ledger.sqlite", False)[:46]
    "codebook: its 1 theme(s) anchor this run's the"
    """
    if not codebook or registry_known:
        return None
    if not ISO_WEEK.fullmatch(week):
        why = "no response dates, so no theme registry"
    elif location is None:
        why = "no theme registry in this run"
    else:
        why = "this run records no themes"
    return f"codebook: its {len(codebook)} theme(s) anchor this run's themes, not recorded ({why})"


def codebook_left_out(codebook: tuple[CodebookTheme, ...], location: str) -> str | None:
    """A note for codebook themes a registry that held themes before them does not know.

    The codebook seeds only an empty registry (rename and merge edit one that holds themes),
    so a theme added to the config later is not used: the note says so, instead of nothing.

    Parameters
    ----------
    codebook : tuple of CodebookTheme
        The config's codebook.
    location : str
        The theme registry (it holds themes).

    Returns
    -------
    str or None
        None when every codebook name is a registry theme's name (case-insensitively), or
        when the registry cannot be read.
    """
    if not codebook:
        return None
    from passives_lib.core import RegistryError
    from passives_lib.store import ThemeRegistry

    try:
        with ThemeRegistry(location, read_only="://" not in str(location)) as registry:
            names = {str(name).casefold() for name in registry.themes()["name"]}
    except RegistryError:
        return None
    unknown = [repr(entry.name) for entry in codebook if entry.name.casefold() not in names]
    if not unknown:
        return None
    return (
        f"codebook: {', '.join(unknown)} not used: the theme registry held themes before "
        "they were listed, and a codebook seeds only an empty one (`passives themes rename` "
        "gives a theme that name)"
    )


def codebook_found(themes: pd.DataFrame, codebook: tuple[CodebookTheme, ...]) -> str | None:
    """Which codebook themes a run's theme table shows, and which it does not, in words.

    A codebook theme is found when a theme of the table has its name (compared
    case-insensitively) and is its: anchored in it (``anchor_id``), or, in a table with the
    registry's ids (``run_theme_id``), where no two themes share a name, matched to it. A run
    theme without a registry that only happens to take the same phrase as its name is not
    it. One not found had no cluster standing out towards it and using its words, so its
    examples may need the customers' own wording.

    Parameters
    ----------
    themes : pandas.DataFrame
        The run's theme table (``theme_id`` and ``label``), as reported.
    codebook : tuple of CodebookTheme
        The config's codebook.

    Returns
    -------
    str or None
        None for an empty codebook.

    Examples
    --------
    >>> table = pd.DataFrame({"theme_id": [0, 1, -1], "label": ["Late parcel", "damaged", "other"],
    ...                       "anchor_id": [1, None, None]})
    >>> book = (CodebookTheme("late parcel", ("x",)), CodebookTheme("damaged", ("y",)))
    >>> codebook_found(table, book)
    "codebook themes found in the comments: 'late parcel'; not found: 'damaged'"
    >>> codebook_found(table.assign(run_theme_id=[4, 5, -1]), book)
    "codebook themes found in the comments: 'late parcel', 'damaged'"
    """
    if not codebook:
        return None
    real = themes["theme_id"] >= 0
    if "run_theme_id" not in themes:  # no registry: only an anchored theme is the codebook's
        real &= themes["anchor_id"].notna() if "anchor_id" in themes else False
    labels = {str(label).casefold() for label in themes.loc[real, "label"]}
    found = [repr(e.name) for e in codebook if e.name.casefold() in labels]
    missing = [repr(e.name) for e in codebook if e.name.casefold() not in labels]
    said = f"codebook themes found in the comments: {', '.join(found) or 'none'}"
    return f"{said}; not found: {', '.join(missing)}" if missing else said
