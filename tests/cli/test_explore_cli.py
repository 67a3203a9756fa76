"""``passives explore`` without a browser: its checks, tokens, allowed hosts and the page."""

from __future__ import annotations

import socket
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from passives_lib.cli import main
from passives_lib.cli._explore import NOTEBOOK, allowed_hosts, explorer_notebook, user_tokens
from passives_lib.cli._voila_server import TeamIdentityProvider, check_host, voila_config
from passives_lib.core._errors import ConfigError
from tests.conftest import SAMPLE


def test_an_unknown_ledger_path_is_an_error_and_no_ledger_is_made(tmp_path, capsys):
    config = tmp_path / "config.yml"
    config.write_text(f"plan:\n  ledger: {tmp_path / 'typo.sqlite'}\n")
    code = main(["explore", str(SAMPLE / "survey.csv"), "--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("error: expected a contact ledger at") and "typo.sqlite" in err
    assert not (tmp_path / "typo.sqlite").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--user", "ana", "--user", "ben", "--token", "x" * 20], "one --user"),
        (["--token", "short"], "at least 16 characters"),
        (["--user", "ana", "--user", "ana"], "distinct"),
        (["--idle-timeout", "5"], "at least 60"),
    ],
)
def test_bad_options_are_one_error_line(tmp_path, capsys, extra, message):
    (tmp_path / "ledger.sqlite").touch()
    config = tmp_path / "config.yml"
    config.write_text(f"plan:\n  ledger: {tmp_path / 'ledger.sqlite'}\n")
    code = main(["explore", str(SAMPLE / "survey.csv"), "--config", str(config), *extra])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.startswith("error:")


def test_every_user_gets_a_random_token_and_the_default_is_the_login(monkeypatch):
    tokens = user_tokens(["ana", "ben"], None)
    assert sorted(tokens.values()) == ["ana", "ben"]
    assert all(len(token) >= 40 for token in tokens) and len(set(tokens)) == 2
    assert tokens != user_tokens(["ana", "ben"], None)  # generated afresh each start
    monkeypatch.setattr("getpass.getuser", lambda: "carla")
    assert list(user_tokens(None, None).values()) == ["carla"]
    with pytest.raises(ConfigError):
        user_tokens([" "], None)


def test_hosts_are_loopback_only_unless_the_server_is_shared():
    assert allowed_hosts("127.0.0.1", []) == ["127.0.0.1"]
    shared = allowed_hosts("0.0.0.0", ["cx-box.example.org"])
    assert "cx-box.example.org" in shared and socket.gethostname().lower() in shared
    assert "0.0.0.0" not in shared


def handler(host: str, allowed: tuple[str, ...] = ("localhost",)) -> SimpleNamespace:
    return SimpleNamespace(
        request=SimpleNamespace(host=host), settings={"passives_allowed_hosts": allowed}
    )


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8866", True),
        ("localhost:8866", True),
        ("[::1]:8866", True),
        ("cx-box:8866", True),
        ("evil.example.com", False),
        ("evil.example.com:8866", False),
        ("10.1.2.3:8866", False),
        ("127.0.0.1.evil.example.com", False),
    ],
)
def test_a_foreign_host_header_is_refused(host, allowed):
    assert check_host(handler(host, ("localhost", "cx-box"))) is allowed


def test_a_token_names_its_user_and_others_are_refused():
    provider = TeamIdentityProvider(user_tokens={"t" * 32: "ana", "u" * 32: "ben"})
    assert provider.user_for("t" * 32).username == "ana"
    assert provider.user_for("u" * 32).name == "ben"
    assert provider.user_for("t" * 31) is None and provider.user_for("") is None
    assert provider.auth_enabled


def test_voila_is_configured_for_culling_and_no_tracebacks():
    config = voila_config(
        {
            "ip": "0.0.0.0",
            "port": 9000,
            "users": {"t" * 32: "ana"},
            "allowed_hosts": ["cx-box"],
            "idle_timeout": 600,
        }
    )
    assert config.MappingKernelManager.cull_idle_timeout == 600
    assert config.MappingKernelManager.cull_connected is False
    assert config.VoilaConfiguration.show_tracebacks is False
    assert config.Voila.port == 9000 and config.Voila.port_retries == 0
    assert config.WorklistVoila.allowed_hosts == ["cx-box"]


def test_the_page_is_the_packaged_notebook_with_the_run_values(tmp_path):
    assert NOTEBOOK.parent.name == "cli" and "notebooks" not in NOTEBOOK.parts
    text = explorer_notebook(Path("survey.csv"), None, "2026-W46", False)
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    injected = next(
        c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])
    )
    assert "week = '2026-W46'" in injected.source and "with_themes = False" in injected.source
    sources = "\n".join(c.source for c in notebook.cells)
    assert "print(" not in sources and "notebooks/" not in sources
