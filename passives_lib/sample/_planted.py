"""A planted theme of the synthetic survey: how the generator writes comments about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class _Theme:
    key: str
    description: str
    effort: str
    quick_win: bool
    concentrated_in: str
    positive: bool
    weights: tuple[float, float, float, float]  # score groups 0-4, 5-6, 7-8, 9-10
    sentences: tuple[str, ...]
    templates: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    example: str = ""
