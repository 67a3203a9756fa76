"""Seeding the theme registry with an analyst's codebook: :class:`RegistryCodebook`.

A codebook theme is stored as any theme (``theme_registry_themes``, the codebook's name as
the analyst's ``name``) with one sighting in :data:`CODEBOOK_WEEK`, a week before every real
week: its centroid is the mean of its embedded example phrases. So from the first run on the
registry knows it, matches a run's theme to it and smooths its centroid week after week like
any other, and a theme model anchored in the registry's themes gets it too. Its
``first_seen`` and ``last_seen`` stay empty until a run's theme matches it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from passives_lib.core import RegistryError
from passives_lib.store.registry._database import RegistryDatabase
from passives_lib.store.registry._input import check_dimension, check_name
from passives_lib.store.registry._matching import POLARITY_GROUPS
from passives_lib.store.registry._names import name_key
from passives_lib.store.registry._rows import read_theme_rows
from passives_lib.store.registry._schema import (
    CODEBOOK_WEEK,
    seen_values,
    sightings_table,
    themes_table,
)

__all__ = ["CODEBOOK_WEEK", "RegistryCodebook"]


class RegistryCodebook(RegistryDatabase):
    """The theme registry's database, with :meth:`seed` for an analyst's codebook."""

    def seed(
        self,
        names: Sequence[str],
        examples: Sequence[Sequence[str]],
        centroids: np.ndarray,
        polarities: Sequence[str | None] | None = None,
    ) -> list[int]:
        """Add the codebook's themes to a registry that holds no theme yet.

        Parameters
        ----------
        names : sequence of str
            Each codebook theme's name (distinct, compared case-folded).
        examples : sequence of sequences of str
            Each one's example phrases (kept as its first keywords).
        centroids : numpy.ndarray
            Row ``i``: the centroid of theme ``i``'s embedded examples, by the encoder the
            runs use.
        polarities : sequence of str or None, optional
            Each theme's tone, as its examples say it (None: the first run that matches it
            tells); none known when omitted.

        Returns
        -------
        list of int
            The stable ids given, in order; empty when the registry already held themes
            (then nothing is written: rename and merge edit known themes).

        Raises
        ------
        RegistryError
            If the lengths differ, a name is blank, too long or repeated, or a centroid is
            not finite and non-zero.
        """
        clean = [check_name(name) for name in names]
        vectors = np.asarray(centroids, dtype=np.float64)
        tones = [None] * len(clean) if polarities is None else list(polarities)
        if len(tones) != len(clean) or any(
            t is not None and t not in POLARITY_GROUPS for t in tones
        ):
            raise RegistryError(
                f"expected one polarity ({', '.join(sorted(POLARITY_GROUPS))} or None) per "
                f"codebook name; found {tones}"
            )
        if len(clean) != len(examples) or vectors.ndim != 2 or len(vectors) != len(clean):
            raise RegistryError(
                f"expected one list of examples and one centroid per codebook name; found "
                f"{len(clean)} names, {len(examples)} lists and centroids of shape "
                f"{vectors.shape}"
            )
        keys = [name_key(name) for name in clean]
        if len(set(keys)) != len(keys):
            raise RegistryError(f"expected distinct codebook names; found {clean}")
        norms = np.linalg.norm(vectors, axis=1) if len(vectors) else np.ones(0)
        if not np.isfinite(vectors).all() or (norms == 0).any():
            raise RegistryError("expected finite, non-zero codebook centroids")
        units = vectors / norms[:, None] if len(vectors) else vectors

        def write(conn: Connection) -> list[int]:
            stored = read_theme_rows(conn)
            if stored or not clean:
                return []
            check_dimension(stored, units.shape[1], self.url)
            given = []
            seeds = zip(clean, examples, units, tones, strict=True)
            for i, (name, phrases, vector, tone) in enumerate(seeds):
                stable_id = i + 1
                _insert_seed(conn, stable_id, i, name, [str(p) for p in phrases], vector, tone)
                given.append(stable_id)
            return given

        return self._transaction(write, "cannot seed the theme registry with the codebook")


def _insert_seed(
    conn: Connection,
    stable_id: int,
    index: int,
    name: str,
    phrases: list[str],
    vector: np.ndarray,
    polarity: str | None,
) -> None:
    seen = seen_values(name, phrases, vector)
    conn.execute(
        sa.insert(themes_table).values(
            stable_id=stable_id,
            name=name,
            first_seen=None,
            last_seen=None,
            merged_into=None,
            polarity=polarity,
            **seen,
        )
    )
    conn.execute(
        sa.insert(sightings_table).values(
            week=CODEBOOK_WEEK,
            theme_id=index,
            stable_id=stable_id,
            similarity=None,
            size=None,
            **seen,
        )
    )
