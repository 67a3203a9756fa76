"""The ``email:`` section of a config: where ``passives report --email`` sends the digest."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, model_validator
from pydantic.dataclasses import dataclass
from pydantic_core import ArgsKwargs

from passives_lib.config._values import MODEL, Flag, Section, fail, whole

__all__ = ["EmailSettings"]

# Line breaks (CR, LF, NEL, the Unicode line and paragraph separators) and other controls.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(value: Any) -> Any:
    if isinstance(value, str) and _CONTROL.search(value):
        raise fail("one line without control characters")
    return value


def _check(test: Any, expected: str) -> BeforeValidator:
    def check(value: Any) -> Any:
        if not test(value):
            raise fail(expected)
        return _one_line(value)

    return BeforeValidator(check)


def _address(value: Any) -> bool:
    return isinstance(value, str) and "@" in value


def _recipients(value: Any) -> Any:
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list | tuple) or not value or not all(map(_address, value)):
        raise fail("a list of e-mail addresses")
    return value


_Host = Annotated[str, _check(lambda v: isinstance(v, str) and v, "the SMTP server's name")]
_Sender = Annotated[str, _check(_address, "an e-mail address")]
_Recipients = Annotated[
    tuple[Annotated[str, AfterValidator(_one_line)], ...], BeforeValidator(_recipients)
]
_Optional = Annotated[str | None, BeforeValidator(lambda v: None if v is None else str(v))]
_EnvName = Annotated[
    str | None,
    _check(
        lambda v: v is None or (isinstance(v, str) and v.isidentifier()),
        "the name of an environment variable",
    ),
]
_Link = Annotated[
    str | None,
    _check(lambda v: v is None or (isinstance(v, str) and v.strip()), "a URL or a folder"),
    AfterValidator(lambda v: None if v is None else v.strip()),
]


@dataclass(frozen=True, config=MODEL)
class EmailSettings(Section):
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
    allow_plaintext_auth : bool
        Log in without STARTTLS (the password crosses the network in clear): only for a
        trusted local relay; refused unless set, and a warning is printed when used.
    """

    host: _Host = Field(default="", validate_default=True)
    port: whole(1, 65535) = 587
    starttls: Flag = True
    sender: _Sender = Field(default="", validate_default=True)
    recipients: _Recipients = Field(default=(), validate_default=True)
    user: Annotated[_Optional, AfterValidator(_one_line)] = None
    password_env: _EnvName = None
    subject: Annotated[str, BeforeValidator(str), AfterValidator(_one_line)] = (
        "Weekly NPS and passives report"
    )
    report_link: _Link = None
    allow_plaintext_auth: Flag = False

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        if isinstance(data, dict | ArgsKwargs) and "password" in (
            data if isinstance(data, dict) else data.kwargs or {}
        ):
            raise fail(
                must="not be given: put the password in an environment variable and give "
                "its name as email.password_env",
                found="a password",
                at=("password",),
            )
        return data

    @model_validator(mode="before")
    @classmethod
    def _login_in_clear(cls, data: Any) -> Any:
        """A config file opts in to a login without STARTTLS (settings made in code may)."""
        if (
            isinstance(data, dict)
            and data.get("starttls") is False
            and data.get("user") is not None
            and data.get("allow_plaintext_auth", False) is False
        ):
            raise fail(
                must="be true while email.user logs in, else the password would be sent in "
                "clear (or set allow_plaintext_auth: true for a trusted local relay)",
                found="false",
                at=("starttls",),
            )
        return data

    @property
    def plaintext_warning(self) -> str | None:
        """The warning to print when a login goes out without STARTTLS, else ``None``."""
        if self.starttls or not self.user:
            return None
        return (
            f"warning: the SMTP login to {self.host}:{self.port} is sent without STARTTLS "
            "(email.allow_plaintext_auth: true); use it only with a trusted local relay"
        )
