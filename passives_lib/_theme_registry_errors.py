"""The theme registry's one error, :class:`RegistryError`, apart so every part can raise it."""

from __future__ import annotations

from passives_lib._errors import PassivesError

__all__ = ["RegistryError"]


class RegistryError(PassivesError):
    """The theme registry cannot be opened, or a request to it was refused or failed."""
