"""The outreach results as the deck and the digest show them (``report.json``'s field).

``report.json`` carries ``outreach_results`` once the follow-up has recorded outcomes: a
per-week table (``weeks``, or ``per_week`` / ``by_week``: a list of rows, or pandas' ``split``
form with ``columns`` and ``data``), the totals to date (``to_date`` or ``totals``) and an
``effect`` (a mapping; its ``sentence``, ``summary`` or ``text`` is shown as the message). Without
it the slide says "not recorded yet" and shows this week's plan instead. Only the last weeks
that fit are shown; the rest is in ``report.html``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from passives_lib.report._html import escape

WEEK_KEYS = ("weeks", "per_week", "by_week")
TOTAL_KEYS = ("to_date", "totals")
SENTENCE_KEYS = ("sentence", "summary", "text")
ROWS_SHOWN = 3
MESSAGE_CHARS = 120  # a longer effect sentence goes in the body, the totals become the message
COLUMNS_SHOWN = 6
PLAN_NAMES = {
    "call_list": "calls planned",
    "management_sample": "for managers",
    "panel_invites": "panel invitations",
}


def _first(mapping: Mapping[str, Any], keys: Sequence[str]) -> Any:
    return next((mapping[k] for k in keys if mapping.get(k) is not None), None)


def week_rows(results: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The per-week table of the results as a list of rows (any of the accepted forms).

    Examples
    --------
    >>> week_rows({"weeks": {"columns": ["week", "calls"], "data": [["2026-W45", 12]]}})
    [{'week': '2026-W45', 'calls': 12}]
    >>> week_rows(None), week_rows({"weeks": [{"week": "2026-W45"}]})
    ([], [{'week': '2026-W45'}])
    """
    table = _first(results or {}, WEEK_KEYS)
    if isinstance(table, Mapping) and "columns" in table:
        rows = table.get("data") or table.get("rows") or []
        return [dict(zip(table["columns"], row, strict=False)) for row in rows]
    if isinstance(table, Sequence) and not isinstance(table, str):
        return [dict(row) for row in table if isinstance(row, Mapping)]
    return []


def value_text(value: Any) -> str:
    """A value as the slide shows it: whole numbers with separators, others to one decimal.

    Examples
    --------
    >>> value_text(1234), value_text(0.256), value_text(None), value_text("2026-W45")
    ('1,234', '0.3', '', '2026-W45')
    """
    if value is None or isinstance(value, bool):
        return "" if value is None else ("yes" if value else "no")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "n/a"
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    return str(value)


def _name(key: Any) -> str:
    return str(key).replace("_", " ")


def _numbers(mapping: Any, limit: int) -> list[tuple[str, str]]:
    if not isinstance(mapping, Mapping):
        return []
    pairs = [
        (_name(k), value_text(v))
        for k, v in mapping.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    return pairs[:limit]


def effect_sentence(results: Mapping[str, Any] | None) -> str | None:
    """The effect's sentence (``effect.sentence``, ``summary`` or ``text``), if any."""
    effect = (results or {}).get("effect")
    if isinstance(effect, Mapping):
        sentence = _first(effect, SENTENCE_KEYS)
        if isinstance(sentence, str) and sentence.strip():
            return sentence.strip()
    return None


def outreach_message(results: Mapping[str, Any] | None, limit: int | None = None) -> str:
    """The slide's message: the effect's sentence, the totals, or "not recorded yet".

    ``limit``: an effect sentence longer than this gives way to the totals.
    """
    if not results:
        return "Outreach results: not recorded yet."
    sentence = effect_sentence(results)
    if sentence and (limit is None or len(sentence) <= limit):
        return sentence
    totals = _numbers(_first(results, TOTAL_KEYS), 3)
    if totals:
        return "To date: " + ", ".join(f"{value} {name}" for name, value in totals) + "."
    return "Outreach results: not recorded yet."


def outreach_lines(results: Mapping[str, Any] | None) -> list[str]:
    """The results as plain lines for the e-mail: message, totals, effect figures."""
    lines = [outreach_message(results)]
    if results:
        lines += [f"{name}: {value}" for name, value in _numbers(_first(results, TOTAL_KEYS), 6)]
        lines += [f"{name}: {value}" for name, value in _numbers(results.get("effect"), 4)]
    return lines


def _week_table(rows: list[dict[str, Any]]) -> str:
    shown = rows[-ROWS_SHOWN:]
    columns = list(dict.fromkeys(k for row in shown for k in row))[:COLUMNS_SHOWN]
    head = "".join(f"<th>{escape(_name(c))}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="num">{escape(value_text(row.get(c)))}</td>' for c in columns)
        + "</tr>"
        for row in shown
    )
    table = f'<table class="deck-table"><tr>{head}</tr>{body}</table>'
    if len(rows) > len(shown):
        earlier = len(rows) - len(shown)
        table += f'<p class="note">{earlier} earlier weeks in report.html.</p>'
    return table


def _tiles(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(
        f'<div class="tile"><div class="figure"><span class="num">{escape(value)}</span></div>'
        f'<div class="caption">{escape(name)}</div></div>'
        for name, value in pairs
    )
    return f'<div class="tiles">{cells}</div>'


def outreach_slide_body(
    results: Mapping[str, Any] | None,
    plan_counts: Mapping[str, Any] | None,
    plan: str | None = None,
) -> str:
    """The slide's body: totals and effect as large figures, the last weeks as a table.

    An effect sentence too long for the message (:data:`MESSAGE_CHARS`) comes first. Without
    results: a "not recorded yet" note, this week's plan as large figures and its sentence.
    """
    if not results:
        note = (
            '<p class="note">Outreach results: <span class="missing">not recorded yet</span>. '
            "Outcomes of the calls show here once the follow-up records them.</p>"
        )
        if plan:
            note += f'<p class="note">{escape(plan)}</p>'
        plan = [
            (name, value_text(plan_counts[key]))
            for key, name in PLAN_NAMES.items()
            if plan_counts and plan_counts.get(key) is not None
        ]
        return (_tiles(plan) if plan else "") + note
    rows = week_rows(results)
    table = _week_table(rows) if rows else ""
    sentence = effect_sentence(results)
    if sentence and len(sentence) > MESSAGE_CHARS:  # the totals are the message
        return f'<p class="effect">{escape(sentence)}</p>' + table
    figures = _numbers(_first(results, TOTAL_KEYS), 4)
    figures += _numbers(results.get("effect"), 4 - min(len(figures), 4))
    return _tiles(figures[:4]) + table
