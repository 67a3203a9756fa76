"""Call briefs: what to say to each person on the call list and the management sample.

A brief holds the person's score and lean, what they wrote (personal data masked, markup
removed), their theme and whether and when it was fixed, purchased features they do not use
and the change in their usage, two or three open probe questions from the question bank, and
the next step. Briefs are a pure function of the plan's rows, the fixed themes and the bank:
the same input gives the same briefs (questions vary between people by a stable hash of the
respondent id, never at random).

Questions are chosen in this order, the first three distinct ones kept, at least two:

1. the theme was marked fixed: a ``fixed`` question (it names the theme and the date, and
   asks whether the fix reached them); else a theme is known: a ``theme`` question;
2. questions the bank keys to their theme (its id, or words in its name);
3. purchased features unused: an ``unused_features`` question (it names them);
4. usage fell by more than ``usage_drop_probe``: a ``usage_drop`` question;
5. testimonial score of at least 0.6: a ``testimonial`` question;
6. ``general`` questions (what a success looked like, to repeat back).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from passives_lib.core import CALL_LISTS, CONTACT_COLUMNS, InvalidParameterError
from passives_lib.outreach._customer_facts import clean_words, number, unused_features, usage_change
from passives_lib.outreach._question_bank import QuestionBank, question_bank
from passives_lib.store import fix_matches

MANAGER_AIM = (
    "Hear their story, not sell: ask open questions, listen, and repeat back what a success "
    "looked like to them."
)
FRONT_LINE_AIM = "Find out what would make them recommend us."
FIXED_AIM = "Tell them their issue ({theme}) was fixed on {fixed_on}, then " + (
    FRONT_LINE_AIM[0].lower() + FRONT_LINE_AIM[1:]
)
AIMS = {"call_list": FRONT_LINE_AIM, "management_sample": MANAGER_AIM}
TESTIMONIAL_PROBE = 0.6
MAX_COMMENT_CHARS = 300


@dataclass(frozen=True)
class CallBrief:
    """What a caller needs before calling one person.

    Attributes
    ----------
    respondent_id, list_name, assignee : str
        Who, on which list (``call_list`` or ``management_sample``), called by whom.
    score : int
        Their score (0-10).
    lean : str
        ``leans promoter`` / ``leans detractor`` (empty when unknown).
    wrote : str
        Their comment, personal data masked, markup removed, cut to 300 characters.
    theme : str
        Their theme's name (empty when none: no comment, a non-answer, "other").
    fixed_on : str
        ``YYYY-MM-DD`` when the theme was marked fixed (before or after they answered; the
        caller asks whether the fix reached them), else empty.
    unused_features : str
        E.g. ``3 of the 5 features they bought`` or ``analytics, exports`` (empty when none).
    usage_change : str
        E.g. ``usage down 48% (44 -> 23)`` (empty when unknown).
    questions : tuple of str
        Two or three open probe questions.
    situations : tuple of str
        The situations the questions were chosen for.
    next_step : str
        The plan's next step.
    aim : str
        The aim of the call (managers: hear the story, not sell).
    contact : tuple of (str, str)
        The contact details the export maps (``name``, ``phone``, ``email``,
        ``account_owner``, ``channel``) that the row has: shown on the caller's own brief
        page only, never in :meth:`one_line` (the lists' ``call_brief``) or :meth:`as_text`.
    """

    respondent_id: str
    list_name: str
    assignee: str
    score: int
    lean: str
    wrote: str
    theme: str
    fixed_on: str
    unused_features: str
    usage_change: str
    questions: tuple[str, ...]
    situations: tuple[str, ...]
    next_step: str
    aim: str
    contact: tuple[tuple[str, str], ...] = ()

    def fixed_note(self) -> str:
        """``fixed on DATE: ask whether the fix reached them`` (empty when not fixed)."""
        if not self.fixed_on:
            return ""
        return f"fixed on {self.fixed_on}: ask whether the fix reached them"

    def one_line(self) -> str:
        """The brief as one line of text, for the lists' ``call_brief`` CSV column."""
        parts = [f"scored {self.score}" + (f" ({self.lean})" if self.lean else "")]
        if self.wrote:
            parts.append(f'wrote "{self.wrote}"')
        if self.theme:
            fixed = f", {self.fixed_note()}" if self.fixed_on else ""
            parts.append(f"theme {self.theme}{fixed}")
        if self.unused_features:
            parts.append(f"unused: {self.unused_features}")
        if self.usage_change:
            parts.append(self.usage_change)
        parts.append("ask: " + " / ".join(self.questions))
        if self.next_step:
            parts.append(f"next: {self.next_step}")
        parts.append(f"aim: {self.aim}")
        return " | ".join(parts)

    def as_text(self) -> str:
        """The brief as a few lines of plain text (a worklist section)."""
        lines = [
            f"{self.respondent_id} ({self.assignee}): " + self.one_line().split(" | ")[0],
            f"  Wrote: {self.wrote or '(no comment)'}",
        ]
        if self.theme:
            lines.append(
                f"  Theme: {self.theme}" + (f", {self.fixed_note()}" if self.fixed_on else "")
            )
        if self.unused_features or self.usage_change:
            usage = "; ".join(
                p
                for p in (
                    self.unused_features and f"unused: {self.unused_features}",
                    self.usage_change,
                )
                if p
            )
            lines.append(f"  Use: {usage}")
        lines += [f"  Ask: {q}" for q in self.questions]
        lines += [f"  Next: {self.next_step}", f"  Aim: {self.aim}"]
        return "\n".join(lines)


def build_briefs(
    rows: pd.DataFrame,
    list_name: str,
    fixed_themes: Mapping[object, object] | None = None,
    bank: QuestionBank | None = None,
    usage_drop_probe: float = 0.2,
) -> list[CallBrief]:
    """One call brief per row of a call list or management sample.

    Parameters
    ----------
    rows : pandas.DataFrame
        The plan's list: ``respondent_id``, ``score``, ``lean``, ``comment``, ``theme_id``,
        ``theme_label``, ``next_step``, ``assignee``; optional ``responded_at``,
        ``usage_current``, ``usage_previous``, ``features_purchased``, ``features_used``
        (counts, or lists / ``;``-separated names), ``strategy_testimonial``.
    list_name : {"call_list", "management_sample"}
        Which list; managers' briefs say the aim is to hear the story, not to sell.
    fixed_themes : mapping, optional
        Theme id to the date it was marked fixed (see :func:`fixed_theme_dates`, up to the
        planned week); the brief shows it as fixed with its date and asks whether the fix
        reached the person.
    bank : QuestionBank, optional
        Questions; the package's defaults when omitted.
    usage_drop_probe : float
        Ask about usage when it fell by more than this share.

    Returns
    -------
    list of CallBrief
        In the order of ``rows``.

    Raises
    ------
    ValueError
        If ``list_name`` is not a contact list or a needed column is missing.
    """
    if list_name not in CALL_LISTS:
        raise InvalidParameterError(f"briefs are for {list(CALL_LISTS)}, got list {list_name!r}")
    missing = sorted({"respondent_id", "score", "comment"} - set(rows))
    if missing:
        raise InvalidParameterError(
            f"briefs need the list's columns {missing}; found {list(rows.columns)}"
        )
    bank = bank or question_bank()
    fixed = {_theme_key(k): pd.Timestamp(v) for k, v in (fixed_themes or {}).items()}
    return [
        _brief(row, list_name, fixed, bank, usage_drop_probe)
        for row in rows.to_dict(orient="records")
    ]


def call_brief_column(briefs: list[CallBrief]) -> list[str]:
    """The ``call_brief`` column of a list's CSV: each brief's :meth:`CallBrief.one_line`."""
    return [brief.one_line() for brief in briefs]


def briefs_frame(briefs: list[CallBrief]) -> pd.DataFrame:
    """Briefs as a table, one row each, questions joined with `` / ``."""
    records = [
        {
            **brief.__dict__,
            "questions": " / ".join(brief.questions),
            "situations": ", ".join(brief.situations),
        }
        for brief in briefs
    ]
    return pd.DataFrame(records, columns=list(CallBrief.__dataclass_fields__))


def fixed_theme_dates(themes: pd.DataFrame, fixed_themes: pd.DataFrame) -> dict[int, pd.Timestamp]:
    """Theme id to the latest date it was marked fixed, from the ledger's fixed themes.

    Parameters
    ----------
    themes : pandas.DataFrame
        ``theme_id``, ``theme_label`` and optionally ``theme_keywords`` (as the plan's themes).
    fixed_themes : pandas.DataFrame
        ``theme`` (the name given when it was marked fixed) and ``fixed_at``
        (``ContactHistory.fixed_themes``); a fix names a stable theme id or the theme's exact
        name, as in the plan (:func:`passives_lib.store.ledger._lifecycle.fix_matches`).

    Returns
    -------
    dict of int to pandas.Timestamp
        Only themes that were marked fixed.
    """
    out: dict[int, pd.Timestamp] = {}
    if fixed_themes.empty or themes.empty:
        return out
    distinct = themes.drop_duplicates("theme_id").dropna(subset=["theme_id"])
    for theme in distinct.to_dict(orient="records"):
        for fix in fixed_themes.to_dict(orient="records"):
            if fix_matches(fix["theme"], theme["theme_id"], theme.get("theme_label")):
                key, when = int(theme["theme_id"]), pd.Timestamp(fix["fixed_at"])
                out[key] = max(out.get(key, when), when)
    return out


def _brief(
    row: dict, list_name: str, fixed: dict, bank: QuestionBank, usage_drop_probe: float
) -> CallBrief:
    theme = _theme_name(row)
    fixed_on = _fixed_on(row, fixed) if theme else ""
    unused = unused_features(row)
    usage_text, drop = usage_change(row)
    values = {
        "theme": theme,
        "features": unused_features(row, spoken=True),
        "usage_drop": f"{drop:.0%}" if drop else "",
        "fixed_on": fixed_on,
    }
    wanted: list[tuple[str, tuple[str, ...]]] = []
    if theme:
        situation = "fixed" if fixed_on else "theme"
        wanted.append((situation, bank.for_situation(situation)))
        wanted.append(("theme", bank.for_theme(row.get("theme_id"), theme)))
    if unused:
        wanted.append(("unused_features", bank.for_situation("unused_features")))
    if drop is not None and drop > usage_drop_probe:
        wanted.append(("usage_drop", bank.for_situation("usage_drop")))
    if number(row.get("strategy_testimonial")) >= TESTIMONIAL_PROBE:
        wanted.append(("testimonial", bank.for_situation("testimonial")))
    general = bank.for_situation("general")
    wanted += [("general", general), ("general", general)]
    questions, situations = _choose(str(row["respondent_id"]), wanted, values)
    return CallBrief(
        respondent_id=str(row["respondent_id"]),
        list_name=list_name,
        assignee=clean_words(row.get("assignee"), mask=False),
        score=int(row["score"]),
        lean=clean_words(row.get("lean")),
        wrote=clean_words(row.get("comment"), MAX_COMMENT_CHARS),
        theme=theme,
        fixed_on=fixed_on,
        unused_features=unused,
        usage_change=usage_text,
        questions=questions,
        situations=situations,
        next_step=clean_words(row.get("next_step")),
        aim=_aim(list_name, theme, fixed_on),
        contact=tuple(
            (name, clean_words(row.get(name), mask=False))
            for name in CONTACT_COLUMNS
            if clean_words(row.get(name), mask=False)
        ),
    )


def _aim(list_name: str, theme: str, fixed_on: str) -> str:
    """The call's aim: a front-line caller who can tell of a fix is told to start with it."""
    if list_name == "call_list" and fixed_on:
        return FIXED_AIM.format(theme=theme, fixed_on=fixed_on)
    return AIMS[list_name]


def _choose(
    respondent: str, wanted: list[tuple[str, tuple[str, ...]]], values: dict[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The first three distinct questions, each picked from its list by a stable hash."""
    questions: list[str] = []
    situations: list[str] = []
    for situation, options in wanted:
        filled = [
            q
            for q in (clean_words(o, mask=False).format(**values) for o in options)
            if q not in questions
        ]
        if not filled or len(questions) == 3:
            continue
        pick = zlib.crc32(f"{respondent}|{situation}".encode()) % len(filled)
        questions.append(filled[pick])
        situations.append(situation)
    return tuple(questions), tuple(dict.fromkeys(situations))


def _theme_key(value: object) -> object:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return value


def _theme_name(row: dict) -> str:
    """The theme's name when the person has a real theme (not none, "other" or a non-answer)."""
    theme_id = row.get("theme_id")
    if theme_id is not None and not pd.isna(theme_id) and number(theme_id, 0) < 0:
        return ""
    return clean_words(row.get("theme_label"), 80)


def _fixed_on(row: dict, fixed: dict) -> str:
    """The date the theme was marked fixed, before or after they answered (asked about)."""
    when = fixed.get(_theme_key(row.get("theme_id")))
    return "" if when is None else when.strftime("%Y-%m-%d")
