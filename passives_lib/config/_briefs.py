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
from dataclasses import field
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, model_validator
from pydantic.dataclasses import dataclass

from passives_lib.config._values import (
    MODEL,
    Flag,
    Key,
    Section,
    Text,
    expecting,
    fail,
    mapping,
    only_keys,
)

__all__ = ["SITUATIONS", "BriefSettings", "template_fields"]

# The situations a brief chooses questions for, in the order they are considered.
SITUATIONS = ("fixed", "theme", "unused_features", "usage_drop", "testimonial", "general")
PLACEHOLDERS = ("theme", "features", "usage_drop", "fixed_on")
# A situation's questions must name these placeholders, so the question is about the person.
REQUIRED_PLACEHOLDERS = {"fixed": "theme", "theme": "theme", "unused_features": "features"}


def template_fields(question: str) -> list[str]:
    """The placeholder names of a question template.

    Raises a config error (``must be a question whose braces pair up``) if braces do not pair.

    Examples
    --------
    >>> template_fields("Since {fixed_on}, how is {theme}?")
    ['fixed_on', 'theme']
    """
    try:
        return [name for _, name, _, _ in string.Formatter().parse(question) if name is not None]
    except ValueError as exc:
        raise fail(f"a question whose braces pair up ({exc})") from None


def _placeholders_known(question: str) -> str:
    unknown = sorted(set(template_fields(question)) - set(PLACEHOLDERS))
    if unknown:
        shown = [f"{{{p}}}" for p in PLACEHOLDERS]
        raise fail(
            f"a question with placeholders among {shown}", found=f"{unknown} in {question!r}"
        )
    return question


def _non_empty(value: Any) -> Any:
    if not isinstance(value, list) or not value:
        raise fail("a non-empty list of questions")
    return value


_Question = Annotated[
    Annotated[Text, expecting("a question as text")], AfterValidator(_placeholders_known)
]
_Questions = Annotated[list[_Question], BeforeValidator(_non_empty)]


def _situations(value: dict) -> dict:
    only_keys(value, SITUATIONS, "situations")
    for situation, needed in REQUIRED_PLACEHOLDERS.items():
        for i, question in enumerate(value.get(situation, [])):
            if "{" + needed + "}" not in question:
                raise fail(
                    f"a question naming {{{needed}}}", found=repr(question), at=(situation, i)
                )
    return value


def _theme_ids(value: dict) -> dict:
    bad = [k for k in value if not isinstance(k, int) or isinstance(k, bool)]
    if bad:
        raise fail(must="have theme ids (whole numbers) as keys", found=repr(bad))
    return value


def _word_keys(value: dict) -> dict:
    if any(not str(k).split() for k in value):
        raise fail(must="have words as keys", found="an empty key")
    return {str(k): v for k, v in value.items()}


@dataclass(frozen=True, config=MODEL)
class BriefSettings(Section):
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

    replace: Flag = False
    situations: Annotated[
        dict[Key, _Questions], mapping("a mapping"), AfterValidator(_situations)
    ] = field(default_factory=dict)
    themes: Annotated[dict[Any, _Questions], mapping("a mapping"), AfterValidator(_theme_ids)] = (
        field(default_factory=dict)
    )
    theme_words: Annotated[
        dict[Any, _Questions], mapping("a mapping"), AfterValidator(_word_keys)
    ] = field(default_factory=dict)

    @model_validator(mode="after")
    def _every_situation_when_replacing(self) -> BriefSettings:
        missing = [s for s in SITUATIONS if not self.situations.get(s)]
        if self.replace and missing:
            raise fail(
                must="hold questions for every situation when 'replace: true'",
                found=f"missing {missing}",
                at=("situations",),
            )
        return self
