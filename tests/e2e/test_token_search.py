"""No access, refresh or id token leaves the token cache: the app signs in and syncs with
DEBUG logging into its profile, then the log, the settings and the window state are searched
for every token the cache held and every bearer the Graph client sent."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qrpin_gui.auth import SIGN_IN_SCOPES, CacheMode
from qrpin_gui.log import init_logging, log_tail
from qrpin_gui.paths import AppPaths
from tests.e2e.app_rig import capture_bearers, pick_account, profile, start_app
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


@pytest.fixture
def logged_profile(tmp_path: Path) -> Iterator[AppPaths]:
    """A consenting profile (the token cache is written) with the app's DEBUG file log."""
    paths = profile(tmp_path, allow_plaintext_token_cache=True)
    init_logging(paths.log_file, debug=True, console=False)
    root = logging.getLogger()
    try:
        yield paths
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "_qrpin", False):
                root.removeHandler(handler)
                handler.close()
        root.setLevel(logging.WARNING)


def cached_secrets(cache_file: Path) -> dict[str, list[str]]:
    """The secrets of an MSAL token cache file (plaintext JSON), by kind."""
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    return {
        kind: [str(entry["secret"]) for entry in data.get(kind, {}).values()]
        for kind in ("AccessToken", "RefreshToken", "IdToken")
    }


async def test_no_token_reaches_the_log_settings_or_window_state(
    logged_profile: AppPaths, demo: Any
) -> None:
    paths = logged_profile
    run = await start_app(["--demo"], paths.config_dir.parent, demo=demo)
    application = run.application
    try:
        await wait_until(lambda: application.graph is not None, 20)  # before sign-in
        bearers = capture_bearers(application)
        await pick_account()
        await run.synced()
        # A refresh (the refresh token is used) and an extra access token in the cache.
        await application.auth.get_token(SIGN_IN_SCOPES, force_refresh=True)
        if application.auth.cache_mode is not CacheMode.PLAINTEXT:
            pytest.skip("the token cache is encrypted here; its secrets cannot be read back")
    finally:
        assert await run.finish() == 0
    secrets = cached_secrets(paths.token_cache_file)
    assert all(secrets.values()), {kind: len(v) for kind, v in secrets.items()}
    assert bearers
    tokens = {token for values in secrets.values() for token in values} | set(bearers)
    # A JWT's payload alone would leak the claims; look for it too.
    parts = {part for token in tokens for part in token.split(".")[1:2] if len(part) > 40}

    searched = {
        "log": paths.log_file,
        "settings": paths.settings_file,
        "window state": paths.qt_state_file,
    }
    for name, path in searched.items():
        assert path.exists(), name
        text = path.read_text(encoding="utf-8", errors="replace")
        for token in tokens | parts:
            assert token not in text, f"a token reached the {name} file"
    log = paths.log_file.read_text(encoding="utf-8")
    assert "Signed in interactively" in log and "DEBUG" in log  # the log really was written
    tail = "\n".join(log_tail(10_000))
    for token in tokens | parts:
        assert token not in tail, "a token reached the crash-report log tail"
