"""The slides of the round-table deck: one message per slide, built from the report's data.

The deck is made for the weekly meeting, not cut from the report: a title, the headline with
what changed since last week, a chart of the top themes of detractors and passives with their
NPS impact, one slide per round-table finding with two or three verbatims, the quick wins
with owner, due week and status, the outreach results and the next steps (at most 10 slides
with the default four findings). Its data are the report folder's ``digest.json``
(:mod:`passives_lib.report._digest`: already masked) and ``report.json`` (its
``outreach_results`` when the follow-up recorded some). Every value is escaped here; every
number sits in a ``<span class="num">`` that never wraps. Tables keep the rows that fit; the
rest is in ``report.html``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from passives_lib.report._chart import cut, number, theme_chart_svg
from passives_lib.report._html import audience_text, escape
from passives_lib.report._narrative import signed
from passives_lib.report._outreach_slide import (
    MESSAGE_CHARS,
    outreach_message,
    outreach_slide_body,
)

NOT_RECORDED = "not recorded yet"
# A number as read: signs, "+/-", thousands, decimals, %, "x" and ISO weeks ("2026-W46").
_NUMBER = re.compile(r"(?:\+/-)?[+-]?\d[\d,.]*(?:-W\d\d)?(?:%|x\b)?")


@dataclass(frozen=True)
class Slide:
    """One slide: its kind (a CSS class), title, one-sentence message and body (HTML)."""

    kind: str
    title: str
    message: str
    body: str = ""

    def html(self) -> str:
        """The ``<section>`` of the slide; title and message escaped, numbers unbreakable."""
        return (
            f'<section class="deck-slide {escape(self.kind)}" data-kind="{escape(self.kind)}">'
            f"<h2>{rich(self.title)}</h2>"
            f'<p class="message">{rich(self.message)}</p>'
            f'<div class="body">{self.body}</div></section>'
        )


def rich(text: Any) -> str:
    """Escaped text, each number wrapped in ``<span class="num">`` (it never wraps).

    Examples
    --------
    >>> rich("NPS -5.6 (+/-12.6) <b>")
    'NPS <span class="num">-5.6</span> (<span class="num">+/-12.6</span>) &lt;b&gt;'
    >>> rich("'app' 27")
    '&#x27;app&#x27; <span class="num">27</span>'
    """
    text, parts, start = audience_text(text), [], 0
    for match in _NUMBER.finditer(text):
        parts.append(escape(text[start : match.start()]))
        parts.append(f'<span class="num">{escape(match.group(0))}</span>')
        start = match.end()
    return "".join([*parts, escape(text[start:])])


def plain(markup: str) -> str:
    """The text of a piece of markup (tags dropped), for tests and checks."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _note(text: str) -> str:
    return f'<p class="note">{rich(text)}</p>'


def tiles(pairs: Sequence[tuple[str, str]]) -> str:
    """Large figures with a caption each (``[(caption, figure), ...]``)."""
    cells = "".join(
        f'<div class="tile"><div class="figure">{rich(value)}</div>'
        f'<div class="caption">{escape(caption)}</div></div>'
        for caption, value in pairs
    )
    return f'<div class="tiles">{cells}</div>'


def bullets(items: Sequence[str], limit: int = 5) -> str:
    """A list of at most ``limit`` items."""
    rows = "".join(f'<li><span class="clamp">{rich(item)}</span></li>' for item in items[:limit])
    return f'<ul class="points">{rows}</ul>'


def title_slide(facts: Mapping[str, Any], survey: str) -> Slide:
    """The deck's first slide: the week, the survey and the findings window."""
    week = facts["week"] if facts.get("dated") else "every response"
    body = tiles([("NPS", signed(facts["nps"]["nps"])), ("responses", _count(facts))])
    return Slide(
        "title",
        f"NPS and passives: {week}",
        f"Round table on {survey}; themes over {facts['window']}.",
        body,
    )


def _count(facts: Mapping[str, Any]) -> str:
    return f"{int(facts['nps']['responses']):,}"


def headline_message(nps: Mapping[str, Any]) -> str:
    """The headline in one sentence: the NPS and what changed since last week.

    Examples
    --------
    >>> headline_message({"period": "2026-W46", "nps": -5.6, "change": -10.4,
    ...     "p_value": 0.25, "significant": False})
    'NPS -5.6 in 2026-W46: down 10.4 points on last week, within the noise (p = 0.25).'
    >>> headline_message({"period": "every response", "nps": 12.0, "change": None})
    'NPS +12.0 over every response.'
    """
    if nps.get("nps") is None:
        return f"No NPS for {nps['period']}: no response."
    where = "over" if nps["period"] == "every response" else "in"
    head = f"NPS {signed(nps['nps'])} {where} {nps['period']}"
    change = nps.get("change")
    if change is None:
        return head + "."
    direction = "up" if change > 0 else "down" if change < 0 else "unchanged"
    size = f" {abs(change):.1f} points" if change else ""
    verdict = "a significant change" if nps.get("significant") else "within the noise"
    return f"{head}: {direction}{size} on last week, {verdict} (p = {nps['p_value']:.2f})."


def headline_slide(facts: Mapping[str, Any]) -> Slide:
    """The NPS, last week's, the change and what changed among the themes."""
    nps = facts["nps"]
    figures = [("NPS", signed(nps["nps"])), ("95% margin", f"+/-{nps['margin_95'] or 0:.1f}")]
    if nps.get("change") is not None and nps.get("nps") is not None:
        figures += [
            ("last week", signed(nps["nps"] - nps["change"])),
            ("change", signed(nps["change"])),
        ]
    figures.append(("responses", _count(facts)))
    if not facts.get("dated", True):
        note = "No weekly comparison: the survey has no response dates."
        return Slide("headline", "Headline", headline_message(nps), tiles(figures) + _note(note))
    themes = [c for c in facts.get("changes", []) if "theme" in c.split(":")[0]]
    changed = themes or ["No new or rising theme this week."]
    body = tiles(figures) + "<h3>What changed since last week</h3>" + bullets(changed, 3)
    return Slide("headline", "Headline", headline_message(nps), body)


def themes_slide(facts: Mapping[str, Any]) -> Slide:
    """The chart of the top themes of detractors and passives with their NPS impact."""
    themes = list(facts.get("themes", []))
    if not themes:
        return Slide("themes", "Top themes", "No theme among detractors and passives.")
    costly = min(themes, key=lambda t: t["nps_impact"] if t["nps_impact"] is not None else 0)
    if costly["nps_impact"] is not None and costly["nps_impact"] < 0:
        message = (
            f"'{cut(costly['theme'], 40)}' costs the most: "
            f"{signed(costly['nps_impact'])} NPS points."
        )
    else:
        message = "No top theme costs NPS points this window."
    note = '<p class="note">NPS impact: NPS of all minus NPS without the theme\'s respondents.</p>'
    return Slide(
        "themes", "Top themes of detractors and passives", message, theme_chart_svg(themes) + note
    )


def finding_message(finding: Mapping[str, Any]) -> str:
    """Who raised a finding and what it costs, in one sentence.

    Examples
    --------
    >>> finding_message({"detractors": 30, "passives_7": 54, "passives_8": 48,
    ...     "nps_impact": -3.14, "nps_impact_low": -4.0, "nps_impact_high": -2.2,
    ...     "trend": "rising"})
    'Raised by 30 detractors and 102 passives; costs 3.1 NPS points (95%: -4.0 to -2.2); rising.'
    """
    passives = int(finding["passives_7"]) + int(finding["passives_8"])
    text = f"Raised by {int(finding['detractors'])} detractors and {passives} passives"
    impact = finding.get("nps_impact")
    if impact is not None:
        verb = f"costs {abs(impact):.1f}" if impact < 0 else f"adds {impact:.1f}"
        text += f"; {verb} NPS points"
        if finding.get("nps_impact_low") is not None:
            low, high = number(finding["nps_impact_low"]), number(finding["nps_impact_high"])
            text += f" (95%: {low} to {high})"
    trend = finding.get("trend")
    return text + (f"; {trend}." if trend in ("new", "rising", "falling") else ".")


def finding_slide(finding: Mapping[str, Any], number: int) -> Slide:
    """One round-table finding: who raised it, its NPS impact and two or three verbatims."""
    said = finding.get("quotes") or []
    quotes = "".join(
        f'<blockquote><span class="clamp">{escape(q)}</span></blockquote>' for q in said[:3]
    )
    body = quotes or '<p class="note">No comment to quote.</p>'
    segments = str(finding.get("segments") or "")
    if segments and not segments.startswith("all ("):  # "all": the survey has no segments
        body += _note(f"Most affected: {segments}")
    return Slide(
        "finding", f"Finding {number}: {cut(finding['theme'], 40)}", finding_message(finding), body
    )


def follow_up(win: Mapping[str, Any]) -> str:
    """Owner, due week and status of a quick win, one per line, or "not recorded yet".

    Examples
    --------
    >>> follow_up({"owner": "Ana", "due_week": "2026-W48", "status": None})
    'Ana<br>due <span class="num">2026-W48</span><br><span class="missing">status not \
recorded yet</span>'
    >>> follow_up({})
    '<span class="missing">not recorded yet</span>'
    """
    owner, due, status = (win.get(k) for k in ("owner", "due_week", "status"))
    if not any((owner, due, status)):
        return f'<span class="missing">{NOT_RECORDED}</span>'
    lines = [
        rich(cut(str(owner), 28)) if owner else '<span class="missing">no owner yet</span>',
        f"due {rich(due)}" if due else '<span class="missing">no due week yet</span>',
        rich(cut(str(status), 24))
        if status
        else f'<span class="missing">status {NOT_RECORDED}</span>',
    ]
    return "<br>".join(lines)


def quick_wins_slide(wins: Sequence[Mapping[str, Any]]) -> Slide:
    """The quick wins with NPS upside, effort, owner, due week and status."""
    if not wins:
        return Slide("quick-wins", "Quick wins", "No theme qualified as a quick win this week.")
    rows = "".join(
        f'<tr><td class="num">{int(w["rank"])}</td>'
        f"<td><b>{escape(cut(w['theme'], 40))}</b><br>"
        f'<span class="small">{escape(cut(w["project"], 90))}</span></td>'
        f'<td class="num">{escape(signed(w["nps_upside"]))}</td><td>{escape(w["effort"])}</td>'
        f"<td>{follow_up(w)}</td></tr>"
        for w in wins[:3]
    )
    table = (
        '<table class="deck-table wins"><colgroup><col style="width:5%"><col style="width:49%">'
        '<col style="width:12%"><col style="width:11%"><col style="width:23%"></colgroup>'
        "<tr><th>#</th><th>Quick win</th><th>NPS upside</th><th>Effort</th>"
        f"<th>Owner, due week, status</th></tr>{rows}</table>"
    )
    owned = sum(1 for w in wins[:3] if w.get("owner"))
    if owned == 0:
        message = f"{len(wins[:3])} quick wins; owners {NOT_RECORDED}: name them today."
    else:
        message = f"{len(wins[:3])} quick wins; {owned} with an owner."
    return Slide("quick-wins", "Quick wins", message, table)


def outreach_slide(facts: Mapping[str, Any], results: Mapping[str, Any] | None) -> Slide:
    """The outreach results to date (``report.json``'s ``outreach_results``), or none yet."""
    return Slide(
        "outreach",
        "Outreach results",
        outreach_message(results, MESSAGE_CHARS),
        outreach_slide_body(results, facts.get("plan_counts"), facts.get("plan")),
    )


def next_steps_slide(facts: Mapping[str, Any]) -> Slide:
    """What the team does next, and where the full tables are.

    At most six steps (:func:`passives_lib.report._digest.next_steps`); the message counts
    them: "1 action for this week.", "3 actions for this week.", "No action due this week.".
    """
    steps = list(facts.get("next_steps") or [])
    body = bullets(steps or ["No action due from this report."], 6) + (
        '<p class="note">Every theme, the call list, data quality and the method: '
        "report.html in the same folder.</p>"
    )
    count = len(steps[:6])
    message = f"{count} action{'s' if count > 1 else ''} for this week."
    return Slide("next-steps", "Next steps", message if count else "No action due this week.", body)


def deck_slides(facts: Mapping[str, Any], summary: Mapping[str, Any] | None = None) -> list[Slide]:
    """Every slide of the deck, in order.

    Parameters
    ----------
    facts : mapping
        ``digest.json`` (:func:`passives_lib.report._digest.digest_facts`).
    summary : mapping, optional
        ``report.json``: its survey file name and ``outreach_results`` are read.

    Returns
    -------
    list of Slide
        Title, headline, themes, one per finding, quick wins, outreach, next steps.
    """
    summary = summary or {}
    survey = cut(
        audience_text((summary.get("parameters") or {}).get("input_path") or "the survey"), 40
    )
    slides = [title_slide(facts, survey), headline_slide(facts), themes_slide(facts)]
    slides += [finding_slide(f, i) for i, f in enumerate(facts.get("findings", []), start=1)]
    slides += [
        quick_wins_slide(facts.get("quick_wins", [])),
        outreach_slide(facts, summary.get("outreach_results")),
        next_steps_slide(facts),
    ]
    return slides
