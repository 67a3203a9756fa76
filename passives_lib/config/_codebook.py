"""An analyst's codebook in the config (``themes.codebook``): theme names with example phrases.

.. code-block:: yaml

    themes:
      codebook:
        - name: engineer did not turn up
          examples: ["the engineer never came", "nobody turned up for the appointment"]
        - name: installation delayed
          examples: ["installation date moved again", "still waiting to be connected"]

On the first recorded run the codebook seeds the theme registry: each entry becomes a theme
with the analyst's name, the centroid of its embedded examples and their tone. A run that
records no themes (a dry run, a plan, an undated survey) uses it without writing it. Until a
run matches it, a codebook theme takes the run's clusters that stand out towards it and use
its words, never single opinions (see ``passives_lib.pipeline`` and
``passives_lib.themes._anchors``).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BeforeValidator, Strict
from pydantic.dataclasses import dataclass

from passives_lib.config._values import MODEL, Section, expecting, fail

__all__ = ["MAX_EXAMPLES", "CodebookTheme", "Codebook"]

MAX_NAME = 255  # as a theme's name in the registry
MAX_EXAMPLES = 50
MAX_EXAMPLE_CHARS = 500


def _text(most: int) -> Any:
    def check(value: str) -> str:
        if not value.strip() or len(value) > most:
            raise ValueError("length")
        return value.strip()

    return Annotated[
        str, Strict(), AfterValidator(check), expecting(f"a text of 1 to {most} characters")
    ]


def _examples(value: Any) -> Any:
    if not isinstance(value, list | tuple) or not 1 <= len(value) <= MAX_EXAMPLES:
        raise fail(f"a list of 1 to {MAX_EXAMPLES} phrases")
    return value


@dataclass(frozen=True, config=MODEL)
class CodebookTheme(Section):
    """One theme of an analyst's codebook.

    Attributes
    ----------
    name : str
        The theme's name, as reports show it (stripped).
    examples : tuple of str
        Phrases customers write when they raise it (stripped).

    Examples
    --------
    >>> CodebookTheme(" Slow delivery ", ["late parcel"])
    CodebookTheme(name='Slow delivery', examples=('late parcel',))
    """

    SHAPE: ClassVar[str] = "a mapping with name and examples"

    name: _text(MAX_NAME)
    examples: Annotated[tuple[_text(MAX_EXAMPLE_CHARS), ...], BeforeValidator(_examples)]


def _entries(value: Any) -> Any:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise fail("a list of {name, examples} entries")
    return value


def _unique_names(entries: tuple[CodebookTheme, ...]) -> tuple[CodebookTheme, ...]:
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        key = " ".join(entry.name.casefold().split())
        if key in seen:
            raise fail(
                must="differ from every other name",
                found=f"{entry.name!r}, the name of themes.codebook[{seen[key]}]",
                at=(i, "name"),
            )
        seen[key] = i
    return entries


# ``themes.codebook``: a list of entries (none by default), names unique regardless of case.
Codebook = Annotated[
    tuple[CodebookTheme, ...], BeforeValidator(_entries), AfterValidator(_unique_names)
]
