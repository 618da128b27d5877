"""A shared store PC, through the whole app: the idle lock (and unlocking it), signing out when
the app closes, and a copied PIN that never outlives a lock or the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from qrpin_gui.auth import AuthConfig, AuthService
from qrpin_gui.settings import Settings
from qrpin_gui.ui.secret_view import clipboard_guard
from qrpin_gui.ui.settings_dialog import SettingsDialog
from qrpin_gui.ui.signin_dialogs import DemoAccountPickerDialog
from tests.e2e.app_rig import MANAGER, profile, sign_in, start_app, visible, wait_visible
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio

OTHER = "manager.s102@contoso-retail.example"
PIN = "48151623"


def clipboard_text() -> str:
    return QApplication.clipboard().text()


async def test_idle_lock_hides_everything_and_only_the_same_account_unlocks(
    tmp_path: Path, demo: Any
) -> None:
    run = await start_app(["--demo"], tmp_path, demo=demo)
    application = run.application
    window = application.window
    try:
        await sign_in(run)
        clipboard_guard().copy(PIN)  # a PIN handed over a moment ago
        application.open_settings()
        await wait_visible(SettingsDialog, 5)
        lock = application.idle_lock
        lock.set_interval_ms(150)  # nobody touches the PC
        await wait_until(lambda: window.is_locked, 5)
        lock.set_interval_ms(0)  # no second lock while the test unlocks
        assert visible(SettingsDialog) is None  # open dialogs are closed
        assert clipboard_text() == ""  # the copied PIN is gone
        assert not window.menuBar().isEnabled()
        assert window.stack.currentWidget() is window.lock_page

        # Someone else cannot unlock it.
        window.unlock_button.click()
        picker = await wait_visible(DemoAccountPickerDialog)
        await wait_until(lambda: picker.accounts.count() > 0, 10)
        assert picker.selected_username() == MANAGER  # the locked account is suggested
        assert picker.select_account(OTHER)
        picker.sign_in_button.click()
        await wait_until(lambda: "different account" in window.lock_label.text(), 10)
        assert window.is_locked and lock.is_locked

        # The same account can.
        window.unlock_button.click()
        picker = await wait_visible(DemoAccountPickerDialog)
        await wait_until(lambda: picker.accounts.count() > 0, 10)
        assert picker.select_account(MANAGER)
        picker.sign_in_button.click()
        await wait_until(lambda: not window.is_locked, 10)
        assert not lock.is_locked and window.menuBar().isEnabled()
        assert application.auth.account is not None
        assert application.auth.account.username == MANAGER
        assert window.model.total_count > 5
    finally:
        assert await run.finish() == 0


async def test_after_sign_out_the_lock_opens_without_an_account(tmp_path: Path, demo: Any) -> None:
    run = await start_app(["--demo"], tmp_path, demo=demo)
    application = run.application
    window = application.window
    try:
        await sign_in(run)
        window.sign_out_action.trigger()
        await wait_until(lambda: application.auth.account is None, 5)
        application.idle_lock.lock()  # the timer ran out
        assert window.is_locked
        window.unlock_button.click()
        await wait_until(lambda: not window.is_locked, 3)
        assert not application.idle_lock.is_locked
        assert visible(DemoAccountPickerDialog) is None  # nobody to sign in again
    finally:
        assert await run.finish() == 0


async def test_a_copied_pin_does_not_outlive_the_app(tmp_path: Path, demo: Any) -> None:
    run = await start_app(["--demo"], tmp_path, demo=demo)
    try:
        await wait_visible(DemoAccountPickerDialog)
        clipboard_guard().copy(PIN)
        assert clipboard_text() == PIN
    finally:
        assert await run.finish() == 0
    assert clipboard_text() == ""


@pytest.mark.parametrize("sign_out_on_close", [True, False])
async def test_sign_out_when_the_app_closes(
    tmp_path: Path, demo: Any, sign_out_on_close: bool
) -> None:
    """With the option on, nothing lets the next person in: a fresh sign-in service finds no
    account in the cache. Without it, the same check signs the manager in silently."""
    paths = profile(tmp_path, allow_plaintext_token_cache=True, sign_out_on_close=sign_out_on_close)
    run = await start_app(["--demo"], tmp_path, demo=demo)
    try:
        await sign_in(run)
    finally:
        assert await run.finish() == 0
    remembered = Settings.load(paths.settings_file).remembered_account
    fresh = AuthService(
        AuthConfig.for_demo(
            authority=demo.authority, client_id=demo.client_id, ca_path=demo.ca_path
        ),
        cache_path=paths.token_cache_file,
        allow_plaintext_cache=True,
    )
    try:
        account = await fresh.sign_in_silent(remembered or None)
    finally:
        fresh.shutdown()
    if sign_out_on_close:
        assert account is None
    else:
        assert account is not None and account.username == MANAGER
