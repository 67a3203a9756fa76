"""The analyst's edits of the theme registry: :class:`RegistryEdits` (rename and merge).

A rename gives a stable theme the name reports show from then on, refused when another theme
goes by that name (compared case-folded, spaces collapsed); a merge makes one theme part of
another in every later run. Both are one transaction each.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from passives_lib.core import RegistryError
from passives_lib.store.registry._codebook import RegistryCodebook
from passives_lib.store.registry._input import check_id, check_name
from passives_lib.store.registry._names import name_key
from passives_lib.store.registry._rows import (
    follow,
    parent_of,
    read_parents,
    read_theme_rows,
    update_theme,
)
from passives_lib.store.registry._tables import current_names

__all__ = ["RegistryEdits"]


class RegistryEdits(RegistryCodebook):
    """The theme registry's database and codebook, with the analyst's renames and merges."""

    def rename(self, stable_id: int, name: str) -> None:
        """Give a theme the name reports show, in this run and every later one.

        Parameters
        ----------
        stable_id : int
            The theme (not one merged into another).
        name : str
            The new name; surrounding spaces are dropped.

        Raises
        ------
        RegistryError
            If no theme has this id, it was merged into another (rename that one), the
            name is blank or longer than 255 characters, or another theme goes by this name
            (compared case-folded, spaces collapsed).
        """
        stable_id = check_id(stable_id, "stable_id")
        clean = check_name(name)

        def write(conn: Connection) -> None:
            parents = read_parents(conn)
            parent = parent_of(parents, stable_id)
            if parent is not None:
                raise RegistryError(
                    f"theme {stable_id} was merged into theme {parent}; rename "
                    f"theme {follow(parents, stable_id)} instead"
                )
            names = current_names(read_theme_rows(conn))
            holders = [
                k for k, n in names.items() if k != stable_id and name_key(n) == name_key(clean)
            ]
            if holders:
                other = holders[0]
                survivor = follow(parents, other)
                hint = (
                    f"merge the two themes (`passives themes merge {other} {stable_id}`)"
                    if survivor == other
                    else f"theme {other} was merged into theme {survivor}"
                )
                raise RegistryError(
                    f"expected a name no other theme has; found {clean!r}, the name of theme "
                    f"{other}: choose another name ({hint})"
                )
            update_theme(conn, stable_id, name=clean)

        self._transaction(write, f"cannot rename theme {stable_id}")

    def merge(self, keep_id: int, absorb_id: int) -> None:
        """Make one theme part of another, in every later run.

        Parameters
        ----------
        keep_id : int
            The theme that stays (its name and id are used from now on).
        absorb_id : int
            The theme merged into it: a run theme matching it gets ``keep_id``, and so do
            themes merged into it before.

        Raises
        ------
        RegistryError
            If the two ids are the same, either is unknown, or either was already merged
            into another theme.
        """
        keep_id = check_id(keep_id, "keep_id")
        absorb_id = check_id(absorb_id, "absorb_id")
        if keep_id == absorb_id:
            raise RegistryError(f"cannot merge theme {keep_id} into itself")

        def write(conn: Connection) -> None:
            parents = read_parents(conn)
            for stable_id in (keep_id, absorb_id):
                parent = parent_of(parents, stable_id)
                if parent is not None:
                    survivor = follow(parents, stable_id)
                    raise RegistryError(
                        f"cannot merge theme {absorb_id} into theme {keep_id}: theme "
                        f"{stable_id} is already merged into theme {parent}"
                        + (f" (now theme {survivor})" if survivor != parent else "")
                    )
            update_theme(conn, absorb_id, merged_into=keep_id)

        self._transaction(write, f"cannot merge theme {absorb_id} into theme {keep_id}")
