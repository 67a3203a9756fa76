"""Stable theme ids across weekly runs: the theme registry, :class:`ThemeRegistry`.

Each run of the theme model numbers its themes ``0 .. k-1`` by size, so the numbers mean
nothing from one week to the next. The registry remembers every theme it has seen under a
stable id, matches each run's themes to the known ones by the similarity of their centroids
and the overlap of their keywords, and keeps the analyst's renames and merges.

It lives in the same database as the contact ledger (one location configured by the analyst),
in tables of its own prefixed ``theme_registry_``, with its own schema version. A stable
theme's centroid is an exponential moving average of its weekly centroids in week order
(weight :data:`EMA_WEIGHT` for the newer one, re-normalised).

No two themes of the registry go by one name: a clash gets distinguishing words, an analyst's
rename to a name taken is refused (``_names``). An analyst's codebook can seed an empty
registry (:meth:`ThemeRegistry.seed`, from ``_codebook``).

This module holds the registry's matching and reading requests. The rest lives beside it:
the tables and schema version in ``_schema``, the connection and transactions in
``_database``, the analyst's renames and merges in ``_edits``, input checks in ``_input``,
the matching rule (and :class:`MatchSettings`) in ``_matching``, the reads and writes of rows
in ``_rows``, the names in ``_names``, the returned tables in ``_tables``, and
:class:`RegistryError` in ``core._errors``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from passives_lib.core import RegistryError
from passives_lib.store.registry._database import registry_has_themes
from passives_lib.store.registry._edits import RegistryEdits
from passives_lib.store.registry._input import (
    check_dimension,
    check_id,
    check_week,
    run_sizes,
    run_themes,
)
from passives_lib.store.registry._matching import (
    EMA_WEIGHT,
    MatchSettings,
    Theme,
    choose_ids,
)
from passives_lib.store.registry._names import repair_names
from passives_lib.store.registry._remembered import read_remembered, record_opinions, run_opinions
from passives_lib.store.registry._rows import (
    follow,
    known_before,
    latest_week_size,
    read_parents,
    read_sightings,
    read_theme_rows,
    record_week,
    with_polarity,
)
from passives_lib.store.registry._schema import (
    CODEBOOK_WEEK,
    SCHEMA_VERSION,
    decode_keywords,
    themes_table,
)
from passives_lib.store.registry._tables import assignment_table, current_names, names_after

__all__ = [
    "EMA_WEIGHT",
    "SCHEMA_VERSION",
    "MatchSettings",
    "RegistryError",
    "ThemeRegistry",
    "registry_has_themes",
]

THEMES_COLUMNS = [
    "stable_id",
    "name",
    "label",
    "keywords",
    "first_seen",
    "last_seen",
    "merged_into",
]


class ThemeRegistry(RegistryEdits):
    """Stable ids, names and merges of the themes found week after week.

    Parameters
    ----------
    location : str or Path
        Where the contact ledger lives: a file path (a SQLite file, created with its folder if
        missing) or a SQLAlchemy URL (any text containing ``://``). The registry keeps its
        own tables there, beside the ledger's.

    Raises
    ------
    RegistryError
        If the database cannot be reached, holds registry tables without a schema version,
        or was written by a newer version of ``passives``.

    Notes
    -----
    Every call is one transaction. Use the registry as a context manager, or call
    :meth:`close`, to release its connections.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> themes = pd.DataFrame({"theme_id": [0, 1], "label": ["delivery", "price"],
    ...                        "keywords": [["delivery"], ["price"]], "size": [9, 4]})
    >>> with (
    ...     tempfile.TemporaryDirectory() as folder,
    ...     ThemeRegistry(Path(folder) / "ledger.sqlite") as registry,
    ... ):
    ...     first = registry.assign("2026-W27", themes, np.eye(2))
    ...     again = registry.assign("2026-W28", themes.iloc[::-1], np.eye(2))
    >>> first[["theme_id", "stable_id", "is_new"]].to_numpy().tolist()
    [[0, 1, True], [1, 2, True]]
    >>> again[["theme_id", "stable_id", "name", "is_new"]].to_numpy().tolist()
    [[0, 1, 'delivery', False], [1, 2, 'price', False]]
    """

    # -- matching -------------------------------------------------------------------------

    def assign(
        self,
        week: str,
        themes: pd.DataFrame,
        centroids: np.ndarray,
        settings: MatchSettings | None = None,
        record: bool = True,
        anchored: dict[int, int] | None = None,
        opinions: pd.DataFrame | None = None,
    ) -> pd.DataFrame:
        """Give each theme of a run its stable id.

        Parameters
        ----------
        week : str
            The ISO week of the run, e.g. ``2026-W27``.
        themes : pandas.DataFrame
            The run's themes (``ThemeModel.themes_``): columns ``theme_id``, ``label`` and
            ``keywords`` (a list of str per row); other columns are ignored, and so are rows
            with a negative ``theme_id`` ("other").
        centroids : numpy.ndarray
            The run's centroids (``ThemeModel.centroids_``): row ``i`` for theme ``i``.
        settings : MatchSettings, optional
            When two themes match; the defaults of :class:`MatchSettings` when omitted.
        record : bool
            Remember the run (its new themes, and the centroids and keywords of all); with
            False nothing is written and new themes show the ids they would be given.
        anchored : dict of int to int, optional
            Run themes the model anchored in known themes (run theme id -> stable id, see
            :meth:`anchors`): they keep that id when it is known before ``week``.
        opinions : pandas.DataFrame, optional
            The run's opinions (``ThemeModel.opinions_``: ``opinion_key`` and run
            ``theme_id``); when recording, the week's remembered opinions are replaced by these,
            each with its stable theme (see :meth:`remembered`); recording without them
            leaves the week with none remembered.

        Returns
        -------
        pandas.DataFrame
            One row per run theme, by ``theme_id``: ``theme_id`` (run-local), ``stable_id``
            (merges resolved), ``name`` (the analyst's name of that stable theme, else the
            first phrase label it was recorded with: see ``lasting_label``), ``label`` (this
            run's), ``is_new`` (not matched to a theme seen in an earlier week) and
            ``similarity`` (cosine to the matched theme's centroid; NaN when new).

        Raises
        ------
        RegistryError
            If the week is not an ISO week, a column is missing, theme ids repeat or lack a
            centroid, a centroid is not finite, or the centroids' dimension differs from the
            stored ones (another embedding model); or if the database fails, in which case
            nothing is written.

        Notes
        -----
        Run themes are matched one-to-one to the themes seen before ``week`` (see
        :class:`MatchSettings`); a known theme merged into another gives the surviving id,
        so two run themes share a stable id only when they matched themes the analyst
        merged. Recording a week again replaces what was recorded for it: themes that were
        new in the earlier recording keep their ids when they match again (same rule), so
        the same input gives the same result. Weeks recorded after ``week`` play no part in
        the matching (an older week can be recorded again as it was), though a new id is
        always above every id given so far.
        """
        week = check_week(week)
        if settings is None:
            settings = MatchSettings()
        elif not isinstance(settings, MatchSettings):
            raise RegistryError(f"settings must be a MatchSettings; got {settings!r}")
        run = run_themes(themes, centroids)
        sizes = run_sizes(themes)
        opinion_themes = {} if opinions is None else run_opinions(opinions)

        def work(conn: Connection) -> pd.DataFrame:
            return self._assign(
                conn, week, run, settings, record, sizes, anchored or {}, opinion_themes
            )

        if record:
            return self._transaction(work, f"cannot record the themes of {week}")
        with self._read() as conn:
            return work(conn)

    def _assign(
        self,
        conn: Connection,
        week: str,
        run: list[Theme],
        settings: MatchSettings,
        record: bool,
        sizes: dict[int, int | None],
        anchored: dict[int, int],
        opinion_themes: dict[str, int] | None = None,
    ) -> pd.DataFrame:
        stored = read_theme_rows(conn)
        if run:
            check_dimension(stored, len(run[0].vector), self.url)
        sightings = read_sightings(conn)
        known = with_polarity(known_before(sightings, week), stored)
        known_ids = {theme.key for theme in known}
        this_week = [s for s in sightings if s.week == week]
        # Themes first seen in an earlier recording of this very week.
        born = with_polarity(
            [s.as_known() for s in this_week if s.stable_id not in known_ids], stored
        )
        chosen = choose_ids(run, known, born, max(stored, default=0) + 1, settings, anchored)
        if record:
            previous = {s.stable_id for s in this_week}
            record_week(conn, week, run, chosen, stored, previous, sizes)
            record_opinions(conn, week, opinion_themes or {}, chosen)
            repair_names(conn, themes_table)
            names = current_names(read_theme_rows(conn))
        else:
            names = names_after(run, chosen, stored)
        return assignment_table(run, chosen, stored, names)

    def anchors(self, week: str) -> pd.DataFrame:
        """The themes known before ``week``, for a theme model to anchor a run in.

        Parameters
        ----------
        week : str
            The ISO week of the run.

        Returns
        -------
        pandas.DataFrame
            One row per stable theme seen before ``week`` and not merged into another:
            ``anchor_id`` (the stable id), ``name`` (the analyst's name, else its label) and
            ``centroid`` (its smoothed unit centroid), ``polarity`` (the tone it was
            first recorded with; None when not known), ``seen`` (whether a run before
            ``week`` matched it: False for a codebook theme known only by its examples) and
            ``phrases`` (its name and latest keywords: a codebook theme's examples until a
            run matches it), by ``anchor_id``.
        """
        week = check_week(week)
        with self._read() as conn:
            stored = read_theme_rows(conn)
            sightings = read_sightings(conn)
        known = known_before(sightings, week)
        parents = {stable_id: row.merged_into for stable_id, row in stored.items()}
        # a theme merged into another makes that one seen too (its sightings stay its own)
        seen = {
            follow(parents, s.stable_id) if s.stable_id in parents else s.stable_id
            for s in sightings
            if CODEBOOK_WEEK < s.week < week
        }
        names = current_names(stored)
        rows = [
            (
                t.key,
                names[t.key],
                t.vector,
                stored[t.key].polarity,
                t.key in seen,
                [names[t.key], *t.keywords],
            )
            for t in known
            if t.key in stored and stored[t.key].merged_into is None
        ]
        columns = ["anchor_id", "name", "centroid", "polarity", "seen", "phrases"]
        return pd.DataFrame(rows, columns=columns)

    def remembered(self, week: str) -> pd.DataFrame:
        """The opinions recorded before ``week`` and their themes, for a run to keep them.

        Parameters
        ----------
        week : str
            The ISO week of the run.

        Returns
        -------
        pandas.DataFrame
            One row per opinion key recorded in a week before ``week``: ``opinion_key`` and
            ``anchor_id`` (the stable theme of its latest such week, merges followed), by
            key. Empty for a registry recorded before version 5 until its next week.
        """
        week = check_week(week)
        with self._read() as conn:
            return read_remembered(conn, week)

    # -- reading --------------------------------------------------------------------------

    def themes(self) -> pd.DataFrame:
        """Every stable theme, merged ones included.

        Returns
        -------
        pandas.DataFrame
            One row per stable theme, by ``stable_id``: ``name`` (the analyst's, else
            ``label``; no two alike), ``label`` (its first phrase label, else its first),
            ``keywords`` (latest, a list),
            ``first_seen`` and ``last_seen`` (ISO weeks of its own sightings; None for a
            theme left without any when its only week was recorded again, and for a codebook
            theme no run has matched yet) and
            ``merged_into`` (nullable ``Int64``: the theme it was merged into directly).
        """
        with self._read() as conn:
            stored = read_theme_rows(conn)
        names = current_names(stored)
        table = pd.DataFrame(
            [
                (
                    row.stable_id,
                    names[row.stable_id],
                    row.label,
                    decode_keywords(row.keywords),
                    row.first_seen,
                    row.last_seen,
                    row.merged_into,
                )
                for row in stored.values()
            ],
            columns=THEMES_COLUMNS,
        )
        table["stable_id"] = table["stable_id"].astype("int64")
        table["merged_into"] = table["merged_into"].astype("Int64")
        return table

    def resolve(self, stable_id: int) -> int:
        """The id a theme goes by now: itself, or the theme it was merged into (chains followed).

        Parameters
        ----------
        stable_id : int
            A stable id.

        Returns
        -------
        int
            The surviving stable id.

        Raises
        ------
        RegistryError
            If no theme has this id.
        """
        stable_id = check_id(stable_id, "stable_id")
        with self._read() as conn:
            parents = read_parents(conn)
        return follow(parents, stable_id)

    def latest_size(self, stable_id: int) -> tuple[str, int | None] | None:
        """How many comments raised a theme (as their main theme) in its latest recorded week.

        Parameters
        ----------
        stable_id : int
            A stable id; a merged theme counts with the theme it was merged into, and a
            theme counts the themes merged into it.

        Returns
        -------
        tuple of (str, int or None), or None
            The latest week any of these themes was recorded, and their comments that week
            (the run's whole window of comments, e.g. 13 weeks); the count is None when a
            sighting of that week predates sizes (schema version 1). None when the theme
            was never recorded.

        Raises
        ------
        RegistryError
            If no theme has this id.
        """
        stable_id = check_id(stable_id, "stable_id")
        with self._read() as conn:
            parents = read_parents(conn)
            survivor = follow(parents, stable_id)
            family = {k for k in parents if follow(parents, k) == survivor}
            return latest_week_size(conn, family)
