"""Sending the weekly digest by e-mail: ``passives report --email``.

One message to the config's ``email.recipients`` that fits an inbox (at most
:data:`MAX_BYTES`, 2 MB, with its attachments): the headline NPS with its margin and change,
what changed, the top themes of detractors and passives as a PNG chart in the message
(:mod:`passives_lib.report._chart_png`; no script, no plotly.js), the top three quick wins
with owner, due week and status, the outreach results, the plan's counts and the next steps
(from ``digest.json`` and ``report.json``, see :mod:`passives_lib.report._digest`), as a text
part and an HTML part. The round-table deck ``slides.html`` (a few hundred kilobytes, offline)
is attached; the full ``report.html`` (it carries plotly.js, megabytes) stays on disk and is
linked: ``email.report_link``/``<week>``/report.html, or its path. Every value is escaped in
the HTML part; customers' words were masked when ``digest.json`` was written. The SMTP
password comes from the environment variable the config names (``email.password_env``),
never from the config.
"""

from __future__ import annotations

import json
import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from passives_lib.config import EmailSettings
from passives_lib.core import ReportError
from passives_lib.report._build import SUMMARY_FILE
from passives_lib.report._chart_png import SHOWN_WIDTH, theme_chart_png
from passives_lib.report._digest import DIGEST_FILE
from passives_lib.report._html import escape
from passives_lib.report._narrative import signed
from passives_lib.report._outreach_slide import outreach_lines

ATTACHMENTS = ("slides.html",)
REPORT_PAGE = "report.html"
MAX_BYTES = 2_000_000  # the whole message, attachments and encoding included
CHART_ID = "top-themes"


class EmailError(ReportError):
    """The digest could not be sent; the report itself is published and kept."""


def _nps_line(nps: dict[str, Any]) -> str:
    if nps["nps"] is None:
        return f"NPS ({nps['period']}): n/a"
    line = (
        f"NPS {signed(nps['nps'])} (95% margin +/-{nps['margin_95']:.1f}, n = {nps['responses']})"
    )
    if nps.get("change") is not None:
        significant = "significant" if nps["significant"] else "not significant"
        line += f", change {signed(nps['change'])} on the previous week ({significant})"
    return line


def _win_line(win: dict[str, Any]) -> str:
    line = (
        f"{win['rank']}. {win['theme']}: {win['project']} (NPS upside "
        f"{signed(win['nps_upside'])}, {win['effort']} effort)"
    )
    tracked = [
        f"{label} {win[key]}"
        for key, label in (("owner", "owner"), ("due_week", "due"), ("status", "status"))
        if win.get(key)
    ]
    return line + "; " + (", ".join(tracked) if tracked else "owner not recorded yet")


def _theme_line(theme: dict[str, Any]) -> str:
    passives = theme["passives_7"] + theme["passives_8"]
    return (
        f"{theme['theme']}: {theme['detractors']} detractors, {passives} passives; "
        f"NPS impact {signed(theme['nps_impact'])}"
    )


def _sections(
    facts: dict[str, Any], summary: dict[str, Any] | None = None
) -> list[tuple[str, list[str]]]:
    wins = [_win_line(w) for w in facts["quick_wins"]] or ["No theme qualified as a quick win."]
    counts = facts.get("plan_counts") or {}
    plan = [facts["plan"]] + [f"{name.replace('_', ' ')}: {n}" for name, n in counts.items()]
    sections = [
        ("Headline", [_nps_line(facts["nps"]), facts["headline"]]),
        ("What changed", facts["changes"] or ["No weekly comparison: the survey has no dates."]),
    ]
    if facts.get("themes"):
        sections.append(("Top themes of detractors and passives", _themes(facts)))
    sections += [
        ("Top three quick wins", wins),
        ("Outreach results", outreach_lines((summary or {}).get("outreach_results"))),
        ("Outreach plan", plan),
        ("Outreach results", facts.get("outreach_results") or []),
    ]
    if facts.get("next_steps"):
        sections.append(("Next steps", list(facts["next_steps"])))
    return sections


def _themes(facts: dict[str, Any]) -> list[str]:
    return [_theme_line(t) for t in facts["themes"]]


def report_link(folder: Path, week: str, settings: EmailSettings) -> str:
    """Where the reader opens the full report: under ``email.report_link``, or on disk.

    Examples
    --------
    >>> report_link(Path("/srv/r/2026-W46"), "2026-W46",
    ...     EmailSettings(host="smtp.example.org", sender="cx@example.org",
    ...         recipients=("ana@example.org",), report_link="https://cx.example.org/reports"))
    'https://cx.example.org/reports/2026-W46/report.html'
    """
    if settings.report_link:
        return f"{settings.report_link.rstrip('/')}/{week}/{REPORT_PAGE}"
    return str((folder / REPORT_PAGE).resolve())


def digest_text(
    facts: dict[str, Any], summary: dict[str, Any] | None = None, link: str = REPORT_PAGE
) -> str:
    """The plain-text part of the digest."""
    lines = [f"Weekly NPS and passives report: {facts['week']}", ""]
    for title, items in _sections(facts, summary):
        lines += [title, *[f"- {item}" for item in items], ""]
    lines.append(f"The round-table deck (slides.html) is attached. The full report: {link}")
    return "\n".join(lines) + "\n"


def digest_html(
    facts: dict[str, Any],
    summary: dict[str, Any] | None = None,
    link: str = REPORT_PAGE,
    chart: bool = False,
) -> str:
    """The HTML part of the digest; every value escaped, no script, the chart as an image.

    ``chart``: show the top-themes PNG (``cid:top-themes``) above the themes' list.
    """
    parts = [f"<h2>Weekly NPS and passives report: {escape(facts['week'])}</h2>"]
    for title, items in _sections(facts, summary):
        rows = "".join(f"<li>{escape(item)}</li>" for item in items)
        image = ""
        if chart and title.startswith("Top themes"):
            image = (
                f'<p><img src="cid:{CHART_ID}" width="{SHOWN_WIDTH}" style="max-width:100%" '
                'alt="Bar chart: detractors, 7s and 8s per theme, and its NPS impact"></p>'
            )
        parts.append(f"<h3>{escape(title)}</h3>{image}<ul>{rows}</ul>")
    href = link if "://" in link else Path(link).as_uri() if Path(link).is_absolute() else link
    parts.append(
        "<p>The round-table deck (slides.html) is attached. The full report: "
        f'<a href="{escape(href)}">{escape(link)}</a></p>'
    )
    return '<html><body style="font-family: Arial, sans-serif">' + "".join(parts) + "</body></html>"


def compose_digest(folder: Path, settings: EmailSettings) -> EmailMessage:
    """The digest message for a published report folder: text, HTML with a chart, the deck.

    The message is at most :data:`MAX_BYTES`; if the deck would make it larger it is left
    out and the message says where it is.

    Raises
    ------
    EmailError
        If the folder lacks ``digest.json`` or the deck.
    """
    missing = [n for n in (DIGEST_FILE, *ATTACHMENTS) if not (folder / n).is_file()]
    if missing:
        raise EmailError(f"expected {missing} in the report folder {folder}, found none")
    facts = json.loads((folder / DIGEST_FILE).read_text(encoding="utf-8"))
    summary_path = folder / SUMMARY_FILE
    summary = (
        json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.is_file() else None
    )
    link = report_link(folder, facts["week"], settings)
    message = _message(facts, summary, link, settings, attach=folder)
    if len(message.as_bytes()) > MAX_BYTES:
        message = _message(facts, summary, link, settings, attach=None)
    return message


def _message(
    facts: dict[str, Any],
    summary: dict[str, Any] | None,
    link: str,
    settings: EmailSettings,
    attach: Path | None,
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"{settings.subject}: {facts['week']}"
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    text = digest_text(facts, summary, link)
    if attach is None:
        text += "The deck was too large to attach: open slides.html beside the report.\n"
    message.set_content(text)
    chart = bool(facts.get("themes"))
    message.add_alternative(digest_html(facts, summary, link, chart), subtype="html")
    if chart:
        html_part = message.get_body(("html",))
        html_part.add_related(
            theme_chart_png(facts["themes"]),
            maintype="image",
            subtype="png",
            cid=f"<{CHART_ID}>",
            filename="top-themes.png",
            disposition="inline",
        )
    for name in ATTACHMENTS if attach is not None else ():
        message.add_attachment(
            (attach / name).read_bytes(), maintype="text", subtype="html", filename=name
        )
    return message


def send_digest(folder: Path, settings: EmailSettings) -> EmailMessage:
    """Send the digest of a published report folder by SMTP.

    Parameters
    ----------
    folder : Path
        ``OUT/<week>/``.
    settings : EmailSettings
        The config's ``email:`` section.

    Returns
    -------
    EmailMessage
        The message sent.

    Raises
    ------
    EmailError
        With the SMTP error, the server and the config key to check; the report is kept.
    """
    message = compose_digest(folder, settings)
    password = None
    if settings.password_env:
        password = os.environ.get(settings.password_env)
        if password is None:
            raise EmailError(
                f"expected the SMTP password in the environment variable "
                f"{settings.password_env} (config key email.password_env), found it unset; "
                f"the report is kept in {folder}"
            )
    where = f"{settings.host}:{settings.port}"
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=60) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, password or "")
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise EmailError(
            f"could not send the digest through the SMTP server {where} (config key email): "
            f"{type(error).__name__}: {error}; the report is kept in {folder}"
        ) from None
    return message
