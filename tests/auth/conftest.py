"""Fixtures for the sign-in tests: AuthService instances wired to the demo tenant."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from qrpin_gui.auth.config import AuthConfig
from qrpin_gui.auth.demo_browser import AutoDemoBrowser, DemoBrowser
from qrpin_gui.auth.service import AuthService
from qrpin_gui.paths import AppPaths


def no_encryption(path: Path) -> tuple[None, str]:
    """What msal-extensions gives on a Linux without libsecret (made explicit for the tests)."""
    return None, "ImportError: Unable to import module 'gi'"


def set_demo_settings(demo: Any, **values: Any) -> None:
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=10) as client:
        client.post(demo.control_url + "/settings", json=values).raise_for_status()


def demo_users(demo: Any, role: str = "storeManager") -> list[str]:
    return [a["upn"] for a in demo.accounts(role=role)]


@pytest.fixture
def profile(tmp_path: Path) -> AppPaths:
    paths = AppPaths.for_profile(tmp_path)
    paths.ensure()
    return paths


@pytest.fixture
def browser(demo: Any) -> DemoBrowser:
    return DemoBrowser(ca=demo.ca_path, control_url=demo.control_url)


MakeAuth = Callable[..., tuple[AuthService, AutoDemoBrowser]]


@pytest.fixture
def make_auth(demo: Any, browser: DemoBrowser, profile: AppPaths) -> Iterator[MakeAuth]:
    """Build AuthService instances (shut down at the end of the test)."""
    made: list[AuthService] = []

    def make(
        *,
        username: str | None = None,
        allow_plaintext: bool | None = True,
        cache: bool = True,
        timeout: float = 10.0,
        client_id: str | None = None,
        authority: str | None = None,
        **browser_kwargs: Any,
    ) -> tuple[AuthService, AutoDemoBrowser]:
        config = AuthConfig.for_demo(
            authority=authority or demo.authority,
            client_id=client_id or demo.client_id,
            ca_path=demo.ca_path,
            interactive_timeout=timeout,
        )
        auto = AutoDemoBrowser(browser, username, **browser_kwargs)
        auth = AuthService(
            config,
            cache_path=profile.token_cache_file if cache else None,
            allow_plaintext_cache=allow_plaintext,
            browser=auto,
            encrypted=no_encryption,
        )
        made.append(auth)
        return auth, auto

    yield make
    for auth in made:
        auth.shutdown()


@pytest.fixture
def tweak(demo_clean: Any) -> Iterator[Callable[..., None]]:
    """Change demo tenant settings for one test; the tenant is reset afterwards so other
    tests see the defaults again."""
    yield lambda **values: set_demo_settings(demo_clean, **values)
    demo_clean.reset()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """Collect the previous test's Qt event loop objects here, on the GUI thread.

    Each async test gets a fresh qasync loop; the old one's QObjects become garbage. If Python's
    cyclic GC happens to run on one of the sign-in worker threads (MSAL, the loopback
    listener), those QObjects would be destroyed off the GUI thread and Qt crashes. Collecting
    at each test's start and end keeps that on the main thread.
    """
    gc.collect()
    yield
    gc.collect()
