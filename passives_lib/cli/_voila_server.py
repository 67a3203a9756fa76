"""The Voila server behind ``passives explore``, with the checks a shared worklist needs.

Run as ``python -m passives_lib.cli._voila_server SETTINGS.json`` by ``passives explore``
(the settings file is private to its user and holds the tokens, so they never appear in a
process list). On top of Voila:

- **a token per user**: a request without a known token (in ``?token=``, an
  ``Authorization: token ...`` header, or the login cookie it set) is sent to the login page;
  the user a token belongs to is who the page's notes are recorded by;
- **Host checks**: a request whose ``Host`` header is not a loopback address, ``localhost``
  or one of the names given is refused (403), against DNS rebinding; standalone Voila
  switches this check off. Cross-origin API and websocket requests are refused (Jupyter's
  own ``Origin`` check; no ``allow_origin`` is set);
- **one kernel per browser session**: opening the page again in the same browser shuts the
  session's previous kernel down; kernels idle longer than the idle timeout are culled.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
import secrets
import sys
from pathlib import Path
from typing import Any, ClassVar

from jupyter_core.utils import ensure_async
from jupyter_server.auth.identity import PasswordIdentityProvider, User
from jupyter_server.base.handlers import JupyterHandler
from traitlets import Dict, List, Unicode
from traitlets.config import Config
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

SESSION_COOKIE = "passives-session"
USER_VARIABLE = "PASSIVES_USER"


class TeamIdentityProvider(PasswordIdentityProvider):
    """Token authentication with one token per user (token to user name)."""

    user_tokens = Dict(Unicode(), Unicode(), help="token -> user name").tag(config=True)

    @property
    def auth_enabled(self) -> bool:
        """Always on: there is no anonymous access."""
        return True

    @property
    def login_available(self) -> bool:
        """The login page takes a token."""
        return True

    def user_for(self, token: str) -> User | None:
        """The user a token belongs to (compared in constant time), else None."""
        for known, name in self.user_tokens.items():
            if token and hmac.compare_digest(token.encode(), known.encode()):
                return User(username=name, name=name, display_name=name)
        return None

    async def get_user_token(self, handler: Any) -> User | None:
        """The user of the token in the URL or the ``Authorization`` header."""
        return self.user_for(self.get_token(handler) or "")

    def process_login_form(self, handler: Any) -> User | None:
        """The user of the token typed on the login page."""
        return self.user_for(handler.get_argument("password", default=""))


class _SessionKernels:
    """The kernel manager as one page request sees it: one kernel per browser session."""

    sessions: ClassVar[dict[str, str]] = {}  # browser session -> kernel (one server a process)

    def __init__(self, manager: Any, session: str, user: str) -> None:
        self._manager, self._session, self._user = manager, session, user

    def __getattr__(self, name: str) -> Any:
        return getattr(self._manager, name)

    async def start_kernel(self, **kwargs: Any) -> str:
        """Shut the session's previous kernel down, then start this page's."""
        previous = self.sessions.pop(self._session, None)
        if previous is not None and previous in self._manager.list_kernel_ids():
            await ensure_async(self._manager.shutdown_kernel(previous))
        kwargs["env"] = {**kwargs.get("env", {}), USER_VARIABLE: self._user}
        kernel_id = await ensure_async(self._manager.start_kernel(**kwargs))
        self.sessions[self._session] = kernel_id
        return kernel_id


class SessionVoilaHandler(TornadoVoilaHandler):
    """Voila's page handler, starting at most one kernel per browser session."""

    @property
    def kernel_manager(self) -> Any:
        """The server's kernel manager, seen through this request's browser session."""
        manager = self.settings["kernel_manager"]
        user = self.current_user
        if user is None:
            return manager
        return _SessionKernels(manager, self._session_id(), user.username)

    def _session_id(self) -> str:
        """The browser session's id: its cookie, else a new one (made once per request)."""
        if getattr(self, "_passives_session", None) is None:
            session = self.get_secure_cookie(SESSION_COOKIE)
            self._passives_session = session.decode() if session else secrets.token_urlsafe(16)
            if not session:
                self.set_secure_cookie(
                    SESSION_COOKIE, self._passives_session, httponly=True, samesite="Strict"
                )
        return self._passives_session


def check_host(handler: JupyterHandler) -> bool:
    """Whether a request's ``Host`` is loopback, ``localhost`` or one of the allowed names."""
    match = re.match(r"^(.*?)(:\d+)?$", handler.request.host or "")
    host = (match.group(1) if match else "").strip("[]").lower()
    if host in handler.settings.get("passives_allowed_hosts", ("localhost",)):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WorklistVoila(Voila):
    """Voila with :class:`TeamIdentityProvider`, Host checks and session kernels."""

    allowed_hosts = List(Unicode(), help="Host names allowed besides loopback").tag(config=True)

    def init_settings(self) -> dict:
        """Voila's settings with the Host check switched back on."""
        settings = super().init_settings()
        settings["allow_remote_access"] = False
        settings["passives_allowed_hosts"] = (
            "localhost",
            *(name.lower() for name in self.allowed_hosts),
        )
        return settings

    def init_handlers(self) -> list:
        """Voila's handlers, the page served by :class:`SessionVoilaHandler`."""
        return [
            (pattern, SessionVoilaHandler, *rest) if handler is TornadoVoilaHandler else entry
            for entry in super().init_handlers()
            for pattern, handler, *rest in [entry]
        ]


def voila_config(settings: dict) -> Config:
    """Voila's configuration for the settings ``passives explore`` wrote.

    Examples
    --------
    >>> config = voila_config({"ip": "127.0.0.1", "port": 8866, "idle_timeout": 900,
    ...     "users": {"t": "ana"}, "allowed_hosts": []})
    >>> config.MappingKernelManager.cull_idle_timeout, config.Voila.port_retries
    (900, 0)
    """
    config = Config()
    config.Voila.ip = settings["ip"]
    config.Voila.port = int(settings["port"])
    config.Voila.port_retries = 0  # the URLs printed name this port
    config.Voila.open_browser = False
    config.Voila.identity_provider_class = TeamIdentityProvider
    config.TeamIdentityProvider.user_tokens = dict(settings["users"])
    config.WorklistVoila.allowed_hosts = list(settings["allowed_hosts"])
    timeout = int(settings["idle_timeout"])
    config.MappingKernelManager.cull_idle_timeout = timeout
    config.MappingKernelManager.cull_interval = max(1, min(60, timeout // 2))
    config.MappingKernelManager.cull_connected = False
    config.VoilaConfiguration.show_tracebacks = False
    return config


def main(argv: list[str] | None = None) -> None:
    """Serve the worklist with the settings in the JSON file named by the first argument."""
    path = Path((argv or sys.argv[1:])[0])
    settings = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()  # the tokens are in this process now; nothing else needs the file
    JupyterHandler.check_host = check_host  # every handler of this server, websockets too
    WorklistVoila.launch_instance([settings["notebook"]], config=voila_config(settings))


if __name__ == "__main__":  # pragma: no cover
    main()
