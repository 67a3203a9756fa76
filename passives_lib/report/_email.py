"""Sending the weekly digest by e-mail: ``passives report --email``.

One message to the config's ``email.recipients``: the headline NPS with its margin and change,
what changed, the top three quick wins and the plan's counts (from ``digest.json``, see
:mod:`passives_lib.report._digest`), as a text part and an HTML part, with ``report.html`` and
``slides.html`` attached. Every value is escaped in the HTML part; customers' words were masked
when ``digest.json`` was written. The SMTP password comes from the environment variable the
config names (``email.password_env``), never from the config.
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

from passives_lib.core import EmailSettings, ReportError
from passives_lib.report._digest import DIGEST_FILE
from passives_lib.report._html import escape
from passives_lib.report._narrative import signed

ATTACHMENTS = ("report.html", "slides.html")


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


def _sections(facts: dict[str, Any]) -> list[tuple[str, list[str]]]:
    wins = [
        f"{w['rank']}. {w['theme']}: {w['project']} (NPS upside {signed(w['nps_upside'])}, "
        f"{w['effort']} effort)"
        for w in facts["quick_wins"]
    ] or ["No theme qualified as a quick win."]
    counts = facts.get("plan_counts") or {}
    plan = [facts["plan"]] + [f"{name.replace('_', ' ')}: {n}" for name, n in counts.items()]
    return [
        ("Headline", [_nps_line(facts["nps"]), facts["headline"]]),
        ("What changed", facts["changes"] or ["No weekly comparison: the survey has no dates."]),
        ("Top three quick wins", wins),
        ("Outreach plan", plan),
        ("Outreach results", facts.get("outreach_results") or []),
    ]


def digest_text(facts: dict[str, Any]) -> str:
    """The plain-text part of the digest."""
    lines = [f"Weekly NPS and passives report: {facts['week']}", ""]
    for title, items in _sections(facts):
        lines += [title, *[f"- {item}" for item in items], ""]
    lines.append("The full report (report.html) and the slides (slides.html) are attached.")
    return "\n".join(lines) + "\n"


def digest_html(facts: dict[str, Any]) -> str:
    """The HTML part of the digest; every value escaped."""
    parts = [f"<h2>Weekly NPS and passives report: {escape(facts['week'])}</h2>"]
    for title, items in _sections(facts):
        rows = "".join(f"<li>{escape(item)}</li>" for item in items)
        parts.append(f"<h3>{escape(title)}</h3><ul>{rows}</ul>")
    parts.append("<p>The full report (report.html) and the slides (slides.html) are attached.</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def compose_digest(folder: Path, settings: EmailSettings) -> EmailMessage:
    """The digest message for a published report folder, with both pages attached.

    Raises
    ------
    EmailError
        If the folder lacks ``digest.json`` or a page.
    """
    missing = [n for n in (DIGEST_FILE, *ATTACHMENTS) if not (folder / n).is_file()]
    if missing:
        raise EmailError(f"expected {missing} in the report folder {folder}, found none")
    facts = json.loads((folder / DIGEST_FILE).read_text(encoding="utf-8"))
    message = EmailMessage()
    message["Subject"] = f"{settings.subject}: {facts['week']}"
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(digest_text(facts))
    message.add_alternative(digest_html(facts), subtype="html")
    for name in ATTACHMENTS:
        message.add_attachment(
            (folder / name).read_bytes(), maintype="text", subtype="html", filename=name
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
