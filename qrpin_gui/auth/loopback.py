"""The loopback listener that receives the sign-in answer (``http://localhost:PORT``).

MSAL's ``acquire_token_interactive`` forwards an ``auth_code_receiver`` keyword to its OAuth2
client (``msal.oauth2cli.oauth2.Client.obtain_token_by_browser``), which then uses that object
instead of building its own listener. The object needs ``get_auth_response(auth_uri=, state=,
timeout=, ...)`` returning the authorization response dict (or ``None`` on timeout). MSAL still
builds the authorize URL (PKCE, state, nonce, ``response_mode=form_post``), checks the state
and redeems the code: only the waiting is ours. That gives the app:

- the authorize URL at once (``on_auth_uri``), to open the system browser or the demo tenant's
  account picker, without touching the :mod:`webbrowser` module's global state;
- an answer the moment it arrives (MSAL's own listener polls once a second);
- a real cancel: :meth:`LoopbackReceiver.abort` completes the wait with ``error=access_denied``
  and the state, exactly as the sign-in page does when a user declines, so the MSAL worker
  thread returns immediately.

Like MSAL's listener it binds 127.0.0.1 only, accepts only ``form_post`` answers (a POST with
``code`` or ``error``), checks ``state``, and never logs the answer.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

logger = logging.getLogger(__name__)

_DONE_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
    "<body style='font-family:sans-serif'><h2>{title}</h2><p>{text}</p></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # browsers probe (favicon) or a GET answer (not supported)
        self._page(
            400,
            "Sign-in could not be completed",
            "You can close this window and return to QR PIN Manager.",
        )

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            self._page(413, "Too large", "")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        fields = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items() if v}
        if not ("code" in fields or "error" in fields):
            self._page(400, "Invalid request", "")
            return
        if self.server.owner.offer(fields):
            if "code" in fields:
                self._page(
                    200,
                    "Signed in",
                    "You are signed in to QR PIN Manager. You can close this window.",
                )
            else:
                self._page(
                    200,
                    "Sign-in not completed",
                    "You can close this window and return to QR PIN Manager.",
                )
        else:
            self._page(400, "Sign-in answer not expected", "You can close this window.")

    def _page(self, status: int, title: str, text: str) -> None:
        data = _DONE_PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        # The request line holds nothing secret (answers come by POST), but keep it quiet.
        return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LoopbackReceiver


class LoopbackReceiver:
    """Waits for one authorization response on ``http://localhost:<port>``.

    ``on_auth_uri(auth_uri)`` is called (on the MSAL worker thread) once MSAL has built the
    authorize URL; it must not block.
    """

    def __init__(self, on_auth_uri: Callable[[str], None]) -> None:
        self._on_auth_uri = on_auth_uri
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="auth-loopback",
            daemon=True,
        )
        self._thread.start()
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._state: str | None = None
        self._response: dict[str, str] | None = None
        self._aborted: dict[str, str] | None = None
        self._closed = False

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def get_port(self) -> int:
        """MSAL's receiver interface."""
        return self.port

    @property
    def redirect_uri(self) -> str:
        return f"http://localhost:{self.port}"

    # ----------------------------------------------------------------------------------------
    def offer(self, fields: dict[str, str]) -> bool:
        """An answer arrived over HTTP. Accepted only once and only with the expected state."""
        with self._lock:
            if self._done.is_set() or self._state is None:
                return False
            if fields.get("state") != self._state:
                logger.warning("Sign-in answer with a wrong state ignored")
                return False
            self._response = dict(fields)
            self._done.set()
            return True

    def abort(self, error: str = "access_denied", description: str = "cancelled") -> None:
        """End the wait now, as if the sign-in page had answered ``error`` (thread-safe)."""
        with self._lock:
            if self._done.is_set():
                return
            self._aborted = {"error": error, "error_description": description}
            if self._state is not None:
                self._response = {**self._aborted, "state": self._state}
                self._done.set()

    @property
    def aborted(self) -> bool:
        return self._aborted is not None

    def get_auth_response(
        self,
        *,
        auth_uri: str | None = None,
        state: str | None = None,
        timeout: float | None = None,
        **_ignored: Any,
    ) -> dict[str, str] | None:
        """MSAL's receiver interface: block until the answer, ``None`` on timeout.

        ``welcome_template``, ``browser_name``, ``auth_uri_callback`` and the page templates
        are accepted and ignored: the browser is opened through ``on_auth_uri``.
        """
        with self._lock:
            self._state = state or ""
            if self._aborted is not None:  # cancelled before MSAL got here
                self._response = {**self._aborted, "state": self._state}
                self._done.set()
        if not self._done.is_set() and auth_uri:
            try:
                self._on_auth_uri(auth_uri)
            except Exception:
                logger.exception("Opening the sign-in page failed")
                self.abort("no_browser", "the sign-in page could not be opened")
        if not self._done.wait(timeout):
            return None
        return dict(self._response or {})

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LoopbackReceiver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
