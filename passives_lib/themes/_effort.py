"""How much effort fixing a theme takes: what the theme is about, read from its words.

Effort comes, first match wins, from the config's ``plan.theme_effort`` (effort to words),
else from the built-in, editable vocabulary of issue kinds (``issue_kinds.yml`` beside this
module, changed or extended by ``plan.issue_kinds``): a message or notification, wording or
information, a billing correction, a website or app fix are low effort; a process or staffing
change medium; infrastructure or the product high. A theme whose words name no kind is medium.
A theme's words are its name, its keywords and its member phrases (its most typical opinions,
``representative_comments``), so that the reading holds when the theme is renamed and when its
name is a phrase that names no kind. The vocabulary is English and French. The reason is kept
with each theme (``effort_source``) and shown with the quick wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from passives_lib.config import EFFORTS

__all__ = ["DEFAULT_EFFORT_RULE", "IssueKind", "issue_kinds", "theme_efforts"]

DEFAULT_EFFORT_RULE = (
    "effort read from what each theme is about (built-in issue kinds, plan.issue_kinds): a "
    "message or notification, wording or information, a billing correction, a website or app "
    "fix are low effort; a process or staffing change medium; infrastructure or the product "
    "high; a theme naming no kind is medium (words from the theme's name, keywords and typical "
    "opinions)"
)
NO_KIND = "no issue kind recognised in its words"
_RANK = {effort: i for i, effort in enumerate(EFFORTS)}


@dataclass(frozen=True)
class IssueKind:
    """One kind of issue: its name, words and effort.

    Attributes
    ----------
    name : str
        The key, e.g. ``billing``.
    label : str
        In words, e.g. ``a billing correction``.
    effort : str
        ``low``, ``medium`` or ``high``.
    words : tuple of str
        Whole words or phrases; a trailing ``*`` matches any ending.
    """

    name: str
    label: str
    effort: str
    words: tuple[str, ...]

    def matches(self, text: str) -> list[str]:
        """The kind's words found in ``text`` (lower case), in the vocabulary's order.

        Examples
        --------
        >>> IssueKind("m", "a message", "low", ("email*", "sms")).matches("tracking emails")
        ['email*']
        """
        return [word for word in self.words if _pattern(word).search(text)]


@cache
def _pattern(word: str) -> re.Pattern[str]:
    stem = re.escape(word.rstrip("*").lower()).replace(r"\ ", r"[\s_-]+")
    tail = r"\w*" if word.endswith("*") else ""
    return re.compile(rf"(?<![\w]){stem}{tail}(?![\w])")


def issue_kinds(overrides: dict[str, Any] | None = None) -> tuple[IssueKind, ...]:
    """The built-in issue kinds, with the config's changes (``plan.issue_kinds``).

    Parameters
    ----------
    overrides : dict, optional
        Kind name to ``{effort, label, words}`` (each optional for a built-in kind): a new
        kind is added, a built-in one changed.

    Returns
    -------
    tuple of IssueKind
        In the vocabulary's order, added kinds last.
    """
    text = resources.files("passives_lib.themes").joinpath("issue_kinds.yml").read_text("utf-8")
    raw = dict(yaml.safe_load(text)["kinds"])
    for name, change in (overrides or {}).items():
        raw[name] = {**raw.get(name, {"label": name, "words": []}), **change}
    return tuple(
        IssueKind(name, str(spec.get("label", name)), str(spec["effort"]), tuple(spec["words"]))
        for name, spec in raw.items()
    )


def theme_efforts(
    themes: pd.DataFrame,
    members: pd.DataFrame | None,
    configured: dict[str, list[str]],
    kinds: tuple[IssueKind, ...] | None = None,
) -> pd.DataFrame:
    """Effort (low, medium, high) per theme, with the reason.

    Parameters
    ----------
    themes : pandas.DataFrame
        ``theme_id``, ``label`` and ``keywords`` (list of str) per theme, and optionally
        ``representative_comments`` (list of str, or one string joined by `` | ``): the
        member phrases read with the name and keywords.
    members : pandas.DataFrame, optional
        Unused (kept for callers that pass each comment's theme and category).
    configured : dict of str to list of str
        ``plan.theme_effort``: ``low``/``medium``/``high`` to words; a theme whose name or
        keywords contain one (case-insensitive) gets that effort, ``low`` checked first.
    kinds : tuple of IssueKind, optional
        The vocabulary (:func:`issue_kinds`); the built-in one when omitted.

    Returns
    -------
    pandas.DataFrame
        ``theme_id``, ``effort``, ``effort_source`` (``config: 'word'``, ``issue kind: a
        billing correction ('invoice', 'refund')`` or :data:`NO_KIND`) and ``issue_kind``
        per theme with ``theme_id >= 0``.
    """
    kinds = issue_kinds() if kinds is None else kinds
    real = themes[themes["theme_id"] >= 0]
    rows = []
    for _, theme in real.iterrows():
        own = _theme_words(theme, phrases=False)  # the config's words: name and keywords
        match = next(
            (
                (effort, term)
                for effort in EFFORTS
                for term in configured.get(effort, [])
                if str(term).lower() in own
            ),
            None,
        )
        if match:
            rows.append((theme["theme_id"], match[0], f"config: '{match[1]}'", None))
            continue
        text = _theme_words(theme)
        found = [(kind, kind.matches(text)) for kind in kinds]
        found = [(kind, words) for kind, words in found if words]
        if not found:
            rows.append((theme["theme_id"], "medium", NO_KIND, None))
            continue
        kind, words = max(found, key=lambda item: (len(item[1]), _RANK.get(item[0].effort, 1)))
        shown = ", ".join(repr(w.rstrip("*")) for w in words[:3])
        reason = f"issue kind: {kind.label} ({shown})"
        rows.append((theme["theme_id"], kind.effort, reason, kind.name))
    table = pd.DataFrame(rows, columns=["theme_id", "effort", "effort_source", "issue_kind"])
    return table.astype({"theme_id": "int64"})  # whole numbers also when there is no theme


def _theme_words(theme: pd.Series, phrases: bool = True) -> str:
    """A theme's name, keywords and (with ``phrases``) member phrases, lower case.

    The parts are joined by `` | `` so that no phrase of the vocabulary spans two of them.

    Examples
    --------
    >>> _theme_words(pd.Series({"label": "Late", "keywords": ["ETA"],
    ...                         "representative_comments": "No SMS | Slow"}))
    'late | eta | no sms | slow'
    """
    parts = [str(theme["label"]), *_as_list(theme.get("keywords"), "; ")]
    if phrases:
        parts += _as_list(theme.get("representative_comments"), " | ")
    return " | ".join(parts).lower()


def _as_list(value: Any, separator: str) -> list[str]:
    """A list of str from a list, an array or one string joined by ``separator``."""
    if isinstance(value, str):
        return value.split(separator)
    if value is None or isinstance(value, float):  # missing
        return []
    return [str(item) for item in value]
