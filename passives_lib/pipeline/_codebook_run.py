"""Seeding the theme registry with the config's codebook before a week's first recorded run."""

from __future__ import annotations

import re

from passives_lib.config import CodebookTheme
from passives_lib.themes import ThemeModel, codebook_centroids


def seed_codebook(
    model: ThemeModel, codebook: tuple[CodebookTheme, ...], week: str, location: str | None
) -> str | None:
    """Give an empty theme registry the analyst's codebook themes (``themes.codebook``).

    Each codebook theme becomes a registry theme with the analyst's name and the centroid of
    its example phrases, embedded by ``model``'s encoder; runs then match (or anchor) their
    themes to it as to any theme known before. A registry that holds themes is left alone:
    rename and merge edit what it knows.

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
    if not codebook or location is None or not re.fullmatch(r"\d{4}-W\d{2}", week):
        return None
    from passives_lib.store import ThemeRegistry, registry_has_themes

    if registry_has_themes(location):
        return None
    centroids = codebook_centroids(model, [entry.examples for entry in codebook])
    with ThemeRegistry(location) as registry:
        given = registry.seed(
            [entry.name for entry in codebook], [entry.examples for entry in codebook], centroids
        )
    if not given:
        return None
    ids = f"ids {given[0]}-{given[-1]}"
    return f"theme registry seeded with the codebook's {len(given)} themes ({ids})"
