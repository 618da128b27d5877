"""GUI tests of the sign-in dialogs, the settings dialog and the idle lock (qasync loop)."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid

from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.auth.service import DeviceCode
from qrpin_gui.settings import Settings
from qrpin_gui.ui.idle_lock import IdleLock, reject_open_dialogs
from qrpin_gui.ui.settings_dialog import SettingsDialog
from qrpin_gui.ui.signin_dialogs import (
    DemoAccountPickerBrowser,
    DeviceCodeDialog,
    FirstRunChoice,
    FirstRunDialog,
)
from tests.auth.conftest import MakeAuth, demo_users
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio

GUID = "2b5c7f3e-9d41-4a8e-b6c2-0f1e3d5a7c90"


async def test_window_keeps_painting_during_interactive_sign_in(
    qtbot: Any, demo: Any, make_auth: MakeAuth
) -> None:
    user = demo_users(demo)[0]
    auth, browser = make_auth(hold=True)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    ticks: list[float] = []
    timer = QTimer(window)
    timer.setInterval(20)

    def tick() -> None:
        ticks.append(time.monotonic())
        window.update()

    timer.timeout.connect(tick)
    timer.start()
    task = asyncio.ensure_future(auth.sign_in_interactive(login_hint=user))
    await wait_until(lambda: browser.opened, timeout=5)
    ticks.clear()
    await asyncio.sleep(0.6)  # the person is still on the sign-in page
    browser.hold = False
    await browser.open(browser.opened[0])  # now they pick the account
    account = await task
    timer.stop()
    assert account.username == user
    assert len(ticks) >= 15, len(ticks)  # ~30 expected in 0.6 s at 20 ms
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.25


async def test_demo_account_picker_signs_in_with_the_picked_account(
    qtbot: Any, demo: Any, make_auth: MakeAuth, browser: Any
) -> None:
    users = demo_users(demo)
    auth, _ = make_auth()
    picker = DemoAccountPickerBrowser(
        browser, on_cancel=auth.cancel, on_page_error=auth.fail_interactive
    )
    auth.set_browser(picker)
    task = asyncio.ensure_future(auth.sign_in_interactive())
    await wait_until(lambda: picker.dialog is not None and picker.dialog.accounts.count() > 0)
    dialog = picker.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.select_account(users[1])
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    account = await asyncio.wait_for(task, 5)
    assert account.username == users[1]
    assert picker.dialog is None
    await wait_until(lambda: not isValid(dialog))  # closed and deleted


async def test_closing_the_demo_picker_cancels_the_sign_in(
    demo: Any, make_auth: MakeAuth, browser: Any
) -> None:
    auth, _ = make_auth(timeout=60)
    picker = DemoAccountPickerBrowser(browser, on_cancel=auth.cancel)
    auth.set_browser(picker)
    task = asyncio.ensure_future(auth.sign_in_interactive())
    await wait_until(lambda: picker.dialog is not None and picker.dialog.isVisible())
    assert picker.dialog is not None
    picker.dialog.reject()  # Esc / the window's close button
    with pytest.raises(AuthError) as info:
        await asyncio.wait_for(task, 2)
    assert info.value.kind is AuthErrorKind.CANCELLED


async def test_declining_on_the_demo_picker_is_access_denied(
    demo: Any, make_auth: MakeAuth, browser: Any, qtbot: Any
) -> None:
    auth, _ = make_auth()
    picker = DemoAccountPickerBrowser(browser, on_cancel=auth.cancel)
    auth.set_browser(picker)
    task = asyncio.ensure_future(auth.sign_in_interactive())
    await wait_until(lambda: picker.dialog is not None and picker.dialog.accounts.count() > 0)
    assert picker.dialog is not None
    qtbot.mouseClick(picker.dialog.decline_button, Qt.MouseButton.LeftButton)
    with pytest.raises(AuthError) as info:
        await asyncio.wait_for(task, 5)
    assert info.value.kind is AuthErrorKind.DENIED


async def test_idle_lock_locks_after_the_interval_and_input_postpones_it(qtbot: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(15)
    lock.set_interval_ms(300)
    locked: list[bool] = []
    lock.locked.connect(lambda: locked.append(True))
    lock.start()
    try:
        for _ in range(5):  # someone is typing
            await asyncio.sleep(0.1)
            QApplication.sendEvent(
                window,
                QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
            )
        assert not locked and not lock.is_locked
        started = time.monotonic()
        await wait_until(lambda: locked, timeout=2)
        assert 0.2 < time.monotonic() - started < 1.0
        assert lock.is_locked and locked == [True]
    finally:
        lock.stop()


async def test_unlock_needs_the_same_account(qtbot: Any, demo: Any, make_auth: MakeAuth) -> None:
    owner, stranger = demo_users(demo)[:2]
    auth, browser = make_auth()
    await auth.sign_in_interactive(login_hint=owner)
    lock = IdleLock(15)
    lock.set_interval_ms(100)
    lock.start()
    try:
        await wait_until(lambda: lock.is_locked, timeout=2)
        unlocked: list[bool] = []
        lock.unlocked.connect(lambda: unlocked.append(True))
        browser.username = stranger  # someone else tries to unlock
        with pytest.raises(AuthError) as info:
            await lock.unlock(auth)
        assert info.value.kind is AuthErrorKind.WRONG_ACCOUNT
        assert lock.is_locked and not unlocked
        assert auth.account is not None and auth.account.username == owner
        assert "prompt=login" in browser.opened[-1]
        browser.username = owner
        await lock.unlock(auth)
        assert not lock.is_locked and unlocked == [True]
        await auth.get_token(["https://graph.microsoft.com/User.Read.All"])
        # The stranger's tokens did not stay behind.
        fresh, _ = make_auth()
        again = await fresh.sign_in_silent()
        assert again is not None and again.username == owner
    finally:
        lock.stop()


async def test_lock_closes_open_dialogs(qtbot: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.isVisible()
    assert reject_open_dialogs() >= 1
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


async def test_settings_dialog_validates_inline_and_saves(qtbot: Any) -> None:
    original = Settings(tenant="contoso.onmicrosoft.com", client_id=GUID)
    dialog = SettingsDialog(original, platform="linux")
    qtbot.addWidget(dialog)
    saved: list[Settings] = []
    dialog.settings_saved.connect(saved.append)
    dialog.open()
    dialog.tenant.setText("not a tenant")
    dialog.client_id.setText("1234")
    assert dialog.tenant_error.isVisibleTo(dialog) and "GUID" in dialog.tenant_error.text()
    assert dialog.client_id_error.isVisibleTo(dialog)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert not saved and dialog.isVisible()  # refused
    dialog.tenant.setText("7d3e1a52-4c6b-4f0e-9a8d-2b1c0e5f6a73")
    dialog.client_id.setText(GUID)
    dialog.proxy_mode.setCurrentIndex(1)
    dialog.proxy_url.setText("proxy:8080")
    assert dialog.proxy_error.isVisibleTo(dialog)
    dialog.proxy_url.setText("http://proxy.example:8080")
    dialog.sign_out_on_close.setChecked(True)
    dialog.idle_lock.setValue(5)
    assert not dialog.use_broker.isEnabled()  # Windows only
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert len(saved) == 1 and not dialog.isVisible()
    new = saved[0]
    assert new.tenant == "7d3e1a52-4c6b-4f0e-9a8d-2b1c0e5f6a73" and new.client_id == GUID
    assert new.proxy == "http://proxy.example:8080"
    assert new.sign_out_on_close and new.idle_lock_minutes == 5
    assert new.problems() == []
    assert original.tenant == "contoso.onmicrosoft.com"  # the original is untouched


async def test_first_run_dialog_offers_demo_or_configure(qtbot: Any) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    picked: FirstRunChoice = dialog.choice
    assert picked is FirstRunChoice.DEMO and not dialog.isVisible()
    dialog.open()
    dialog.reject()
    closed: FirstRunChoice = dialog.choice
    assert closed is FirstRunChoice.QUIT


async def test_device_code_dialog_shows_the_code_and_cancel_cancels(qtbot: Any) -> None:
    cancelled: list[bool] = []
    dialog = DeviceCodeDialog(on_cancel=lambda: cancelled.append(True))
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.show_code(DeviceCode("ABCD-1234", "https://microsoft.com/devicelogin", "", 900))
    assert dialog.code.text() == "ABCD-1234"
    assert "https://microsoft.com/devicelogin" in dialog.explain.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "ABCD-1234"
    dialog.reject()
    assert cancelled == [True]
    # finish() closes without cancelling
    other = DeviceCodeDialog(on_cancel=lambda: cancelled.append(True))
    qtbot.addWidget(other)
    other.open()
    other.finish()
    assert cancelled == [True] and not other.isVisible()
