"""The ``nps:`` section of a config: when an NPS figure is too uncertain to read."""

from __future__ import annotations

from pydantic.dataclasses import dataclass

from passives_lib.config._values import MODEL, Section, number, whole

__all__ = ["NpsSettings"]


@dataclass(frozen=True, config=MODEL)
class NpsSettings(Section):
    """When an NPS figure is too uncertain to read.

    Attributes
    ----------
    wide_margin : float
        A 95% margin of error wider than this many NPS points is flagged.
    min_responses : int
        Fewer responses than this are flagged whatever the margin.
    """

    wide_margin: number(above=0) = 15.0
    min_responses: whole(minimum=1) = 30
