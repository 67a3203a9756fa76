"""The ``email:`` section of a config: where ``passives report --email`` sends the digest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from passives_lib.core._errors import ConfigError, settings_section

__all__ = ["EmailSettings", "email_settings"]

# Line breaks (CR, LF, NEL, the Unicode line and paragraph separators) and other controls.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


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
    allow_plaintext_auth : bool
        Log in without STARTTLS (the password crosses the network in clear): only for a
        trusted local relay; refused unless set, and a warning is printed when used.
    """

    host: str = ""
    port: int = 587
    starttls: bool = True
    sender: str = ""
    recipients: tuple[str, ...] = ()
    user: str | None = None
    password_env: str | None = None
    subject: str = "Weekly NPS and passives report"
    allow_plaintext_auth: bool = False

    @property
    def plaintext_warning(self) -> str | None:
        """The warning to print when a login goes out without STARTTLS, else ``None``."""
        if self.starttls or not self.user:
            return None
        return (
            f"warning: the SMTP login to {self.host}:{self.port} is sent without STARTTLS "
            "(email.allow_plaintext_auth: true); use it only with a trusted local relay"
        )


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
    problems += _header_problems(settings, recipients)
    plaintext = settings.allow_plaintext_auth
    if not isinstance(plaintext, bool):
        problems.append(f"'email.allow_plaintext_auth' must be true or false, got {plaintext!r}")
    elif settings.starttls is False and settings.user is not None and not plaintext:
        problems.append(
            "'email.starttls' is false while 'email.user' logs in, so the password would be "
            "sent in clear: set starttls: true, or allow_plaintext_auth: true for a trusted "
            "local relay"
        )
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
        allow_plaintext_auth=plaintext,
    )


def _header_problems(settings: EmailSettings, recipients: Any) -> list[str]:
    """Values that become mail headers may not hold line breaks or other control characters."""
    values = {
        "email.subject": settings.subject,
        "email.sender": settings.sender,
        "email.user": settings.user,
        "email.host": settings.host,
    }
    if isinstance(recipients, list | tuple):
        values |= {f"email.recipients[{i}]": r for i, r in enumerate(recipients)}
    return [
        f"'{key}' must be one line without control characters, got {value!r}"
        for key, value in values.items()
        if isinstance(value, str) and _CONTROL.search(value)
    ]
