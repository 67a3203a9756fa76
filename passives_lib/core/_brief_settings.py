"""Settings for call briefs: the question bank's additions or replacement (config key ``briefs``).

A question is a template; it may name ``{theme}`` (the theme's name), ``{features}`` (the
purchased features not in use, e.g. "3 of your 5 purchased features"), ``{usage_drop}``
(e.g. "48%") and ``{fixed_on}`` (the date the theme was marked fixed)::

    briefs:
      replace: false          # true: these questions replace the package's defaults
      situations:
        fixed: ["Since we fixed {theme} on {fixed_on}, what has changed for you?"]
      themes:                 # per theme id
        3: ["When did you last track an order, and what did the e-mail tell you?"]
      theme_words:            # every word must appear in the theme's name
        invoice: ["Walk me through the last invoice you received: what was unclear?"]
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from passives_lib.core._errors import ConfigError, settings_section

# The situations a brief chooses questions for, in the order they are considered.
SITUATIONS = ("fixed", "theme", "unused_features", "usage_drop", "testimonial", "general")
PLACEHOLDERS = ("theme", "features", "usage_drop", "fixed_on")
# A situation's questions must name these placeholders, so the question is about the person.
REQUIRED_PLACEHOLDERS = {"fixed": "theme", "theme": "theme", "unused_features": "features"}


@dataclass(frozen=True)
class BriefSettings:
    """The question bank's changes from the config.

    Attributes
    ----------
    replace : bool
        ``True``: the config's questions replace the package's defaults (then every
        situation needs questions); ``False``: they are added before the defaults.
    situations : dict of str to list of str
        Situation (one of ``SITUATIONS``) to question templates.
    themes : dict of int to list of str
        Theme id to questions asked of everyone with that theme.
    theme_words : dict of str to list of str
        Words to questions asked of everyone whose theme's name holds every one of the words.
    """

    replace: bool = False
    situations: dict[str, list[str]] = field(default_factory=dict)
    themes: dict[int, list[str]] = field(default_factory=dict)
    theme_words: dict[str, list[str]] = field(default_factory=dict)


def brief_settings_from_dict(raw: Any, where: str) -> BriefSettings:
    """Validate the ``briefs`` section of a config.

    Parameters
    ----------
    raw : mapping
        The parsed section.
    where : str
        Names the config in messages.

    Returns
    -------
    BriefSettings
        The validated settings.

    Raises
    ------
    ConfigError
        If a key is unknown, a question is not text, names an unknown placeholder or misses
        the one its situation needs, or ``replace: true`` leaves a situation without questions.
    """
    settings = settings_section(raw, "briefs", BriefSettings, where)
    if not isinstance(settings.replace, bool):
        raise ConfigError(
            f"{where}: briefs.replace must be true or false, got {settings.replace!r}"
        )
    situations = _question_map(settings.situations, "situations", where)
    unknown = sorted(set(situations) - set(SITUATIONS))
    if unknown:
        raise ConfigError(
            f"{where}: briefs.situations names unknown situation(s) {unknown}; "
            f"situations are {list(SITUATIONS)}"
        )
    for situation, needed in REQUIRED_PLACEHOLDERS.items():
        for i, question in enumerate(situations.get(situation, [])):
            if "{" + needed + "}" not in question:
                raise ConfigError(
                    f"{where}: briefs.situations.{situation}[{i}]: expected a question naming "
                    f"{{{needed}}}, got {question!r}"
                )
    missing = [s for s in SITUATIONS if not situations.get(s)]
    if settings.replace and missing:
        raise ConfigError(
            f"{where}: briefs.situations: 'replace: true' needs questions for every situation; "
            f"missing {missing}"
        )
    themes = _question_map(settings.themes, "themes", where)
    bad_ids = [k for k in themes if not isinstance(k, int) or isinstance(k, bool)]
    if bad_ids:
        raise ConfigError(
            f"{where}: briefs.themes: expected theme ids (whole numbers), got {bad_ids}"
        )
    words = _question_map(settings.theme_words, "theme_words", where)
    if any(not str(k).split() for k in words):
        raise ConfigError(f"{where}: briefs.theme_words: expected words as keys, got an empty key")
    return BriefSettings(
        settings.replace, situations, themes, {str(k): v for k, v in words.items()}
    )


def _question_map(raw: Any, key: str, where: str) -> dict:
    """A mapping of keys to non-empty lists of question templates, each placeholder known."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: briefs.{key}: expected a mapping, got {type(raw).__name__}")
    for name, questions in raw.items():
        place = f"{where}: briefs.{key}.{name}"
        if not isinstance(questions, list) or not questions:
            raise ConfigError(f"{place}: expected a non-empty list of questions, got {questions!r}")
        for i, question in enumerate(questions):
            if not isinstance(question, str) or not question.strip():
                raise ConfigError(f"{place}[{i}]: expected a question as text, got {question!r}")
            unknown = sorted(set(template_fields(question, f"{place}[{i}]")) - set(PLACEHOLDERS))
            if unknown:
                raise ConfigError(
                    f"{place}[{i}]: expected placeholders among "
                    f"{['{' + p + '}' for p in PLACEHOLDERS]}, got {unknown} in {question!r}"
                )
    return dict(raw)


def template_fields(question: str, place: str) -> list[str]:
    """The placeholder names of a question template.

    Parameters
    ----------
    question : str
        A template such as ``"How is {theme} now?"``.
    place : str
        Where the template comes from, for the message.

    Returns
    -------
    list of str
        The names between braces, e.g. ``["theme"]``.

    Raises
    ------
    ConfigError
        If the braces do not pair up.

    Examples
    --------
    >>> template_fields("Since {fixed_on}, how is {theme}?", "bank")
    ['fixed_on', 'theme']
    """
    try:
        return [name for _, name, _, _ in string.Formatter().parse(question) if name is not None]
    except ValueError as exc:
        raise ConfigError(
            f"{place}: expected a question whose braces pair up, got {question!r} ({exc})"
        ) from None
