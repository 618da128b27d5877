"""Every MSAL call to the sign-in service is bounded in time.

MSAL passes no timeout to an ``http_client`` it is given, so an authority (or a proxy) that
accepts the connection and never answers would block the sign-in worker for ever, and with it
silent sign-in at start-up and every token request queued behind it. The session the app gives
MSAL sets one on every request.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from qrpin_gui.auth.config import AuthConfig
from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.auth.http import DEFAULT_TIMEOUT, build_session
from qrpin_gui.auth.service import MSAL_HTTP_TIMEOUT, AuthService

SHORT = (1.0, 1.0)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """``https://127.0.0.1:<port>``: accepts every connection and never sends a byte."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            held.append(conn)  # kept open, never answered

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        listener.close()


def test_the_default_bound_is_10_s_to_connect_and_30_s_to_read() -> None:
    assert DEFAULT_TIMEOUT == MSAL_HTTP_TIMEOUT == (10.0, 30.0)
    session = build_session(authority="https://login.example/t", verify=None, proxy="none")
    assert getattr(session, "timeout", None) == (10.0, 30.0)


def test_the_session_bounds_a_request_that_gets_no_answer(silent_server: str) -> None:
    session = build_session(authority=silent_server, verify=None, proxy="none", timeout=SHORT)
    started = time.monotonic()
    with pytest.raises(requests.exceptions.Timeout):
        session.get(silent_server + "/t/v2.0/.well-known/openid-configuration")
    assert time.monotonic() - started < 3
    # a caller's own timeout still wins
    started = time.monotonic()
    with pytest.raises(requests.exceptions.Timeout):
        session.get(silent_server + "/x", timeout=0.3)
    assert time.monotonic() - started < 1.5


@pytest.mark.asyncio
async def test_silent_sign_in_against_an_authority_that_never_answers_fails_as_network(
    silent_server: str, demo: Any, tmp_path: Path
) -> None:
    config = AuthConfig(
        client_id="00000000-0000-0000-0000-000000000001",
        authority=silent_server + "/contoso.example",
        verify=Path(demo.ca_path),
        proxy="none",
        validate_authority=False,
    )
    auth = AuthService(config, cache_path=None, http_timeout=SHORT)
    try:
        started = time.monotonic()
        with pytest.raises(AuthError) as caught:
            await auth.sign_in_silent()
        elapsed = time.monotonic() - started
        assert caught.value.kind is AuthErrorKind.NETWORK
        # the first MSAL call (the authority's configuration) waited out the bound, no more
        assert SHORT[1] - 0.1 <= elapsed < SHORT[1] * 3, elapsed
        # and the worker is free again: the next call fails the same way, not queued forever
        started = time.monotonic()
        with pytest.raises(AuthError):
            await auth.sign_in_silent()
        assert time.monotonic() - started < SHORT[1] * 3
    finally:
        auth.shutdown()
