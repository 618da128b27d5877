"""The Windows broker (WAM): on when asked for on Windows, and never silently missing.

The broker itself (its sign-in window) cannot run here or in CI (it needs a signed-in Windows
session and a real Entra tenant). What can be checked: on Windows, ``pymsalruntime`` loads and
MSAL's app really has the broker enabled; everywhere, a broker asked for but unavailable is
logged as a warning and reported (``AuthService.broker_state``, the self-test's "broker" step),
and sign-in falls back to the browser.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import msal
import pytest

from qrpin_gui.auth.config import AuthConfig
from qrpin_gui.auth.demo_browser import AutoDemoBrowser, DemoBrowser
from qrpin_gui.auth.service import AuthService, BrokerState, broker_runtime
from tests.auth.conftest import demo_users


def broker_config(demo: Any) -> AuthConfig:
    """The demo authority with the broker asked for, as a production configuration would."""
    return AuthConfig(
        client_id=demo.client_id,
        authority=demo.authority,
        verify=Path(demo.ca_path),
        proxy="none",
        use_broker=True,
        demo=False,
        validate_authority=False,
    )


@pytest.mark.skipif(
    sys.platform != "win32",
    reason="the WAM broker (pymsalruntime) exists only on Windows; the Windows CI job runs this",
)
@pytest.mark.asyncio
async def test_on_windows_the_broker_runtime_loads_and_msal_enables_it(demo: Any) -> None:
    import pymsalruntime  # noqa: F401 - msal[broker] must have installed it

    importable, detail = broker_runtime()
    assert importable is True, detail
    auth = AuthService(broker_config(demo), cache_path=None)
    try:
        assert await auth.prepare() is BrokerState.ACTIVE, auth.broker_problem
        app = auth._app
        assert app is not None
        assert app.is_pop_supported()  # MSAL's public "the broker is on" (Windows)
        assert getattr(app, "_enable_broker", None) is True
    finally:
        auth.shutdown()


@pytest.mark.asyncio
async def test_a_missing_broker_runtime_is_logged_reported_and_the_browser_signs_in(
    demo: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = msal.PublicClientApplication

    def without_runtime(client_id: str, **kwargs: Any) -> Any:
        if kwargs.get("enable_broker_on_windows"):
            # what msal.broker raises when pymsalruntime is not installed (msal 1.39)
            raise ImportError('You must install dependency by: pip install "msal[broker]>=1.20,<2"')
        return real(client_id, **kwargs)

    monkeypatch.setattr(msal, "PublicClientApplication", without_runtime)
    browser = AutoDemoBrowser(DemoBrowser(ca=demo.ca_path, control_url=demo.control_url))
    auth = AuthService(broker_config(demo), cache_path=None, browser=browser)
    try:
        with caplog.at_level(logging.WARNING, logger="qrpin_gui.auth.service"):
            assert await auth.prepare() is BrokerState.UNAVAILABLE
        assert "msal[broker]" in auth.broker_problem
        warned = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert any("broker" in r.getMessage() and "msal[broker]" in r.getMessage() for r in warned)
        user = demo_users(demo)[0]
        account = await auth.sign_in_interactive(login_hint=user)  # through the browser
        assert account.username == user and len(browser.opened) == 1
    finally:
        auth.shutdown()


@pytest.mark.asyncio
async def test_the_broker_is_off_when_not_asked_for_or_in_the_demo(demo: Any) -> None:
    demo_config = AuthConfig.for_demo(
        authority=demo.authority, client_id=demo.client_id, ca_path=demo.ca_path
    )
    auth = AuthService(demo_config, cache_path=None)
    try:
        assert await auth.prepare() is BrokerState.OFF and auth.broker_problem == ""
    finally:
        auth.shutdown()


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows answer")
@pytest.mark.asyncio
async def test_elsewhere_a_broker_asked_for_is_reported_unavailable(demo: Any) -> None:
    auth = AuthService(broker_config(demo), cache_path=None)
    try:
        assert await auth.prepare() is BrokerState.UNAVAILABLE
        assert "only on Windows" in auth.broker_problem
    finally:
        auth.shutdown()


def test_broker_runtime_is_not_applicable_off_windows() -> None:
    importable, detail = broker_runtime("linux")
    assert importable is None and "not applicable" in detail
