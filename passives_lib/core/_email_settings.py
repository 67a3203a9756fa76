"""The ``email:`` section of a config: where ``passives report --email`` sends the digest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from passives_lib.core._errors import ConfigError, settings_section

__all__ = ["EmailSettings", "email_settings"]


@dataclass(frozen=True)
class EmailSettings:
    """Where ``passives report --email`` sends the weekly digest (the ``email:`` section).

    The password is never in the config: ``password_env`` names the environment variable that
    holds it.

    Attributes
    ----------
    host : str
        SMTP server.
    port : int
        SMTP port (587 for STARTTLS, 25 for a local relay).
    starttls : bool
        Upgrade the connection with STARTTLS before logging in.
    sender : str
        The ``From`` address.
    recipients : tuple of str
        The ``To`` addresses.
    user : str, optional
        SMTP login; no login when omitted.
    password_env : str, optional
        Name of the environment variable holding the SMTP password.
    subject : str
        Subject line; the report week is added after it.
    report_link : str, optional
        Where readers open the reports folder (a URL or a shared path); the digest links
        ``<report_link>/<week>/report.html``. When omitted it names the report on disk.
    """

    host: str = ""
    port: int = 587
    starttls: bool = True
    sender: str = ""
    recipients: tuple[str, ...] = ()
    user: str | None = None
    password_env: str | None = None
    subject: str = "Weekly NPS and passives report"
    report_link: str | None = None


def email_settings(raw: Any, where: str) -> EmailSettings:
    """Validate the ``email`` section of a config (a password is refused: name a variable)."""
    if isinstance(raw, dict) and "password" in raw:
        raise ConfigError(
            f"{where}: 'email.password' is not allowed: put the password in an environment "
            "variable and give its name as 'email.password_env'"
        )
    settings = settings_section(raw, "email", EmailSettings, where)
    recipients = settings.recipients
    if isinstance(recipients, str):
        recipients = [recipients]
    problems = []
    if not isinstance(settings.host, str) or not settings.host:
        problems.append(f"'email.host' must name the SMTP server, got {settings.host!r}")
    port = settings.port
    if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
        problems.append(f"'email.port' must be a port number 1-65535, got {port!r}")
    if not isinstance(settings.starttls, bool):
        problems.append(f"'email.starttls' must be true or false, got {settings.starttls!r}")
    if not isinstance(settings.sender, str) or "@" not in settings.sender:
        problems.append(f"'email.sender' must be an e-mail address, got {settings.sender!r}")
    if (
        not isinstance(recipients, list | tuple)
        or not recipients
        or not all(isinstance(r, str) and "@" in r for r in recipients)
    ):
        problems.append(f"'email.recipients' must list e-mail addresses, got {recipients!r}")
    env = settings.password_env
    if env is not None and not (isinstance(env, str) and env.isidentifier()):
        problems.append(f"'email.password_env' must name an environment variable, got {env!r}")
    link = settings.report_link
    if link is not None and not (isinstance(link, str) and link.strip()):
        problems.append(f"'email.report_link' must be a URL or a folder, got {link!r}")
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))
    return EmailSettings(
        host=settings.host,
        port=port,
        starttls=settings.starttls,
        sender=settings.sender,
        recipients=tuple(recipients),
        user=None if settings.user is None else str(settings.user),
        password_env=env,
        subject=str(settings.subject),
        report_link=None if link is None else link.strip().rstrip("/"),
    )
