"""The e-mailed digest: composed from digest.json, sent to a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import json
import socket
from pathlib import Path

import pytest

from passives_lib.config import EmailSettings, config_from_dict
from passives_lib.core._errors import ConfigError, PassivesError
from passives_lib.report._email import MAX_BYTES, EmailError, compose_digest, send_digest

FACTS = {
    "week": "2026-W46",
    "dated": True,
    "window": "the 13 weeks up to 2026-W46",
    "headline": "NPS in 2026-W46 was -5.6 (95% margin +/-12.6 points; 162 responses).",
    "nps": {
        "period": "2026-W46",
        "nps": -5.6,
        "margin_95": 12.6,
        "responses": 162,
        "change": -10.4,
        "p_value": 0.25,
        "significant": False,
    },
    "changes": ["Rising theme '<b>crashes</b> / [email]': 10% of commenters against 4% before."],
    "quick_wins": [
        {
            "rank": 1,
            "theme": "tracking / email",
            "project": "Ship <script>x</script> emails",
            "nps_upside": 5.3,
            "effort": "low",
        },
        {
            "rank": 2,
            "theme": "invoices",
            "project": "Easier downloads",
            "nps_upside": 4.1,
            "effort": "low",
        },
        {
            "rank": 3,
            "theme": "onboarding",
            "project": "A setup call",
            "nps_upside": 2.0,
            "effort": "medium",
        },
    ],
    "plan": "Plan for 2026-W46: 15 calls.",
    "plan_counts": {
        "eligible": 40,
        "call_list": 15,
        "management_sample": 4,
        "panel_invites": 2,
        "incentives_due": 0,
    },
}


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self, refuse: bool = False) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list = []
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refuse:
            return "554 5.7.1 rejected by policy"
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_server(refuse: bool = False):
    """Start a real SMTP server on 127.0.0.1; returns (controller, inbox)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox(refuse)
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, inbox


@pytest.fixture
def inbox():
    controller, received = smtp_server()
    yield controller.port, received
    controller.stop()


def settings(port: int, **changes) -> EmailSettings:
    values = {
        "host": "127.0.0.1",
        "port": port,
        "starttls": False,
        "sender": "cx@example.org",
        "recipients": ("ana@example.org", "ben@example.org"),
    }
    return EmailSettings(**(values | changes))


def report_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "2026-W46"
    folder.mkdir()
    (folder / "digest.json").write_text(json.dumps(FACTS), encoding="utf-8")
    (folder / "report.html").write_text("<html>report</html>", encoding="utf-8")
    (folder / "slides.html").write_text("<html>slides</html>", encoding="utf-8")
    return folder


def parts(message) -> tuple[str, str, dict[str, bytes]]:
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    attached = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    return text, html, attached


def test_the_digest_reaches_a_local_smtp_server_with_the_deck_and_a_link(tmp_path, inbox):
    port, received = inbox
    folder = report_folder(tmp_path)
    send_digest(folder, settings(port))
    assert len(received.messages) == 1
    message = received.messages[0]
    assert message["Subject"] == "Weekly NPS and passives report: 2026-W46"
    assert set(received.envelopes[0].rcpt_tos) == {"ana@example.org", "ben@example.org"}
    text, html, attached = parts(message)
    assert set(attached) == {"slides.html"}  # report.html stays on disk, linked
    assert "slides" in str(attached["slides.html"])
    assert str(folder.resolve() / "report.html") in text
    assert f'href="{(folder / "report.html").resolve().as_uri()}"' in html
    assert "Outreach results: not recorded yet." in text
    for body in (text, html):
        assert "-5.6" in body and "+/-12.6" in body and "change -10.4" in body
        assert "tracking / email" in body and "invoices" in body and "onboarding" in body
        assert "call list: 15" in body
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>crashes" not in html and "&lt;b&gt;crashes" in html


def test_the_digest_shows_the_top_themes_as_a_png_in_the_message(tmp_path, inbox):
    from tests.report.test_deck import THEMES

    port, received = inbox
    folder = report_folder(tmp_path)
    facts = FACTS | {"themes": THEMES, "next_steps": ["Call the 15 passives on the call list."]}
    (folder / "digest.json").write_text(json.dumps(facts), encoding="utf-8")
    (folder / "report.json").write_text(
        json.dumps({"outreach_results": {"to_date": {"called": 42}}}), encoding="utf-8"
    )
    send_digest(folder, settings(port, report_link="https://cx.example.org/reports/"))
    raw = received.envelopes[0].content
    message = received.messages[0]
    assert len(raw) <= MAX_BYTES
    html_part = message.get_body(("html",))
    related = [p for p in message.walk() if p.get_content_type() == "multipart/related"]
    assert len(related) == 1
    images = [p for p in related[0].iter_parts() if p.get_content_type() == "image/png"]
    assert len(images) == 1 and images[0]["Content-ID"] == "<top-themes>"
    assert images[0].get_content().startswith(b"\x89PNG")
    html = html_part.get_content()
    assert 'src="cid:top-themes"' in html and "<script" not in html
    text = message.get_body(("plain",)).get_content()
    assert "theme 0: 10 detractors, 3 passives; NPS impact -3.0" in text
    assert "To date: 42 called." in text and "Call the 15 passives" in text
    assert "https://cx.example.org/reports/2026-W46/report.html" in text


def test_a_deck_too_large_for_an_inbox_is_left_out_and_said_so(tmp_path):
    folder = report_folder(tmp_path)
    (folder / "slides.html").write_bytes(b"x" * 3_000_000)
    message = compose_digest(folder, settings(25))
    assert len(message.as_bytes()) <= MAX_BYTES
    assert list(message.iter_attachments()) == []
    assert "too large to attach" in message.get_body(("plain",)).get_content()


def test_a_refused_message_is_an_error_naming_the_server_and_keeping_the_report(tmp_path):
    controller, _ = smtp_server(refuse=True)
    folder = report_folder(tmp_path)
    try:
        with pytest.raises(EmailError, match=r"127\.0\.0\.1:\d+ .*554.*kept in") as error:
            send_digest(folder, settings(controller.port))
    finally:
        controller.stop()
    assert isinstance(error.value, PassivesError)
    assert (folder / "report.html").is_file()


def test_no_server_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(EmailError, match="ConnectionRefusedError"):
        send_digest(report_folder(tmp_path), settings(free_port()))


def test_the_password_comes_from_the_named_environment_variable(tmp_path, monkeypatch):
    monkeypatch.delenv("PASSIVES_TEST_SMTP_PASSWORD", raising=False)
    chosen = settings(1, user="cx", password_env="PASSIVES_TEST_SMTP_PASSWORD")
    with pytest.raises(EmailError, match="PASSIVES_TEST_SMTP_PASSWORD.*unset"):
        send_digest(report_folder(tmp_path), chosen)


def test_compose_refuses_a_folder_without_the_digest(tmp_path):
    folder = report_folder(tmp_path)
    (folder / "digest.json").unlink()
    with pytest.raises(EmailError, match="digest.json"):
        compose_digest(folder, settings(25))


def test_the_email_section_of_the_config():
    raw = {
        "email": {
            "host": "smtp.example.org",
            "sender": "cx@example.org",
            "recipients": ["ana@example.org"],
            "user": "cx",
            "password_env": "SMTP_PASSWORD",
        }
    }
    chosen = config_from_dict(raw).email
    assert (chosen.port, chosen.starttls, chosen.recipients) == (587, True, ("ana@example.org",))
    assert config_from_dict({}).email is None
    with pytest.raises(ConfigError, match="password_env"):
        config_from_dict({"email": raw["email"] | {"password": "hunter2"}})
    with pytest.raises(ConfigError, match="recipients"):
        config_from_dict({"email": raw["email"] | {"recipients": ["nobody"]}})
    with pytest.raises(ConfigError, match="report_link"):
        config_from_dict({"email": raw["email"] | {"report_link": ""}})
    with pytest.raises(ConfigError, match="port"):
        config_from_dict({"email": raw["email"] | {"port": 0}})
