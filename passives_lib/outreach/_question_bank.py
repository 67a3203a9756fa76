"""The question bank of the call briefs: open probe questions by situation and by theme.

The package ships defaults (``question_bank.yml`` beside this module); the config's ``briefs``
section (:class:`passives_lib.config.BriefSettings`) adds questions before them,
or replaces them with ``replace: true``.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from passives_lib.config import SITUATIONS, BriefSettings, brief_settings_from_dict

DEFAULT_BANK_FILE = "question_bank.yml"


@dataclass(frozen=True)
class QuestionBank:
    """Question templates by situation, by theme id and by words in a theme's name.

    Attributes
    ----------
    situations : dict of str to tuple of str
        Situation (``fixed``, ``theme``, ``unused_features``, ``usage_drop``,
        ``testimonial``, ``general``) to questions.
    themes : dict of int to tuple of str
        Theme id to questions.
    theme_words : dict of str to tuple of str
        Words (all must appear in the theme's name) to questions.
    """

    situations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    themes: dict[int, tuple[str, ...]] = field(default_factory=dict)
    theme_words: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def for_situation(self, situation: str) -> tuple[str, ...]:
        """The questions of one situation (empty when it has none)."""
        return self.situations.get(situation, ())

    def for_theme(self, theme_id: object, theme_name: str) -> tuple[str, ...]:
        """Questions for a theme: those of its id, or else those whose words its name holds.

        Questions keyed to the theme's id are the most specific, so when there are any, the
        word-matched ones are left out.

        Parameters
        ----------
        theme_id : object
            The theme's id (compared as a whole number).
        theme_name : str
            The theme's name or label.

        Returns
        -------
        tuple of str
            The matching questions, in bank order.
        """
        found: list[str] = []
        with contextlib.suppress(TypeError, ValueError):
            found.extend(self.themes.get(int(theme_id), ()))  # type: ignore[call-overload]
        if found:
            return tuple(found)
        name = set(_words(theme_name))
        for words, questions in self.theme_words.items():
            if set(_words(words)) <= name:
                found.extend(questions)
        return tuple(found)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", str(text).lower())


@lru_cache(maxsize=1)
def default_bank_settings() -> BriefSettings:
    """The package's default questions, validated like a config's ``briefs`` section."""
    text = resources.files("passives_lib.outreach").joinpath(DEFAULT_BANK_FILE).read_text("utf-8")
    return brief_settings_from_dict(yaml.safe_load(text), f"package file {DEFAULT_BANK_FILE!r}")


def question_bank(settings: BriefSettings | None = None) -> QuestionBank:
    """The question bank: the package's defaults with the config's changes.

    Parameters
    ----------
    settings : BriefSettings, optional
        The config's ``briefs`` section (``Config.briefs``); the defaults alone when omitted.

    Returns
    -------
    QuestionBank
        With ``replace: false`` each list holds the config's questions, then the defaults;
        with ``replace: true`` only the config's.

    Examples
    --------
    >>> bank = question_bank(BriefSettings(situations={"general": ["What went well?"]}))
    >>> bank.for_situation("general")[0]
    'What went well?'
    """
    settings = settings or BriefSettings()
    parts = [settings] if settings.replace else [settings, default_bank_settings()]

    def merged(attribute: str) -> dict:
        out: dict = {}
        for part in parts:
            for key, questions in getattr(part, attribute).items():
                out[key] = tuple(dict.fromkeys([*out.get(key, ()), *questions]))
        return out

    situations = merged("situations")
    return QuestionBank(
        {s: situations[s] for s in SITUATIONS if s in situations},
        merged("themes"),
        merged("theme_words"),
    )
