"""An analyst's codebook in the config (``themes.codebook``): theme names with example phrases.

.. code-block:: yaml

    themes:
      codebook:
        - name: engineer did not turn up
          examples: ["the engineer never came", "nobody turned up for the appointment"]
        - name: installation delayed
          examples: ["installation date moved again", "still waiting to be connected"]

On the first recorded run the codebook seeds the theme registry: each entry becomes a theme
with the analyst's name and the centroid of its embedded examples, so the week's comments are
given to it first (see ``passives_lib.pipeline``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from passives_lib.core._errors import ConfigError

__all__ = ["MAX_EXAMPLES", "CodebookTheme", "check_codebook"]

MAX_NAME = 255  # as a theme's name in the registry
MAX_EXAMPLES = 50
MAX_EXAMPLE_CHARS = 500


@dataclass(frozen=True)
class CodebookTheme:
    """One theme of an analyst's codebook.

    Attributes
    ----------
    name : str
        The theme's name, as reports show it.
    examples : tuple of str
        Phrases customers write when they raise it.
    """

    name: str
    examples: tuple[str, ...]


def check_codebook(raw: Any, where: str) -> tuple[CodebookTheme, ...]:
    """Validate ``themes.codebook``: a list of ``{name, examples}``, names unique.

    Parameters
    ----------
    raw : Any
        The value under ``themes.codebook`` (None or an empty list for no codebook).
    where : str
        Names the config in messages.

    Returns
    -------
    tuple of CodebookTheme
        The entries, texts stripped, in order.

    Raises
    ------
    ConfigError
        Saying which key, what was expected and what was found, e.g.
        ``themes.codebook[1].examples must be a list of 1 to 50 phrases, got 'slow'``.

    Examples
    --------
    >>> check_codebook([{"name": " Slow delivery ", "examples": ["late parcel"]}], "c.yml")
    (CodebookTheme(name='Slow delivery', examples=('late parcel',)),)
    """
    if raw is None:
        return ()
    if isinstance(raw, tuple) and all(isinstance(e, CodebookTheme) for e in raw):
        return raw  # checked already (settings given again, e.g. on the command line)
    if not isinstance(raw, list):
        raise ConfigError(
            f"{where}: themes.codebook must be a list of {{name, examples}} entries, "
            f"got {_shown(raw)}"
        )
    entries = tuple(_entry(item, f"themes.codebook[{i}]", where) for i, item in enumerate(raw))
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        key = " ".join(entry.name.casefold().split())
        if key in seen:
            raise ConfigError(
                f"{where}: themes.codebook[{i}].name must differ from every other name, got "
                f"{entry.name!r}, the name of themes.codebook[{seen[key]}]"
            )
        seen[key] = i
    return entries


def _entry(item: Any, key: str, where: str) -> CodebookTheme:
    if not isinstance(item, dict):
        raise ConfigError(
            f"{where}: {key} must be a mapping with name and examples, got {_shown(item)}"
        )
    unknown = sorted(set(map(str, item)) - {"name", "examples"})
    if unknown:
        raise ConfigError(
            f"{where}: {key} must have the keys name and examples only, got {unknown}"
        )
    name = item.get("name")
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_NAME:
        raise ConfigError(
            f"{where}: {key}.name must be a text of 1 to {MAX_NAME} characters, got {_shown(name)}"
        )
    examples = item.get("examples")
    expected = f"a list of 1 to {MAX_EXAMPLES} phrases"
    if not isinstance(examples, list) or not 1 <= len(examples) <= MAX_EXAMPLES:
        raise ConfigError(f"{where}: {key}.examples must be {expected}, got {_shown(examples)}")
    for j, example in enumerate(examples):
        if not isinstance(example, str) or not example.strip() or len(example) > MAX_EXAMPLE_CHARS:
            raise ConfigError(
                f"{where}: {key}.examples[{j}] must be a text of 1 to {MAX_EXAMPLE_CHARS} "
                f"characters, got {_shown(example)}"
            )
    return CodebookTheme(name.strip(), tuple(e.strip() for e in examples))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
