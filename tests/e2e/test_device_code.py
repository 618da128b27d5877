"""Signing in with a code (device-code flow) through the app: offered when no web browser can
be opened, and in the Account menu. The code is approved as a person would on their phone
(here through the demo tenant's control API); then the store loads as after any sign-in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from shiboken6 import isValid

from qrpin_gui.ui.signin_dialogs import DemoAccountPickerDialog, DeviceCodeDialog
from tests.e2e.app_rig import MANAGER, approve_device_code, start_app, wait_visible
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


class NoBrowser:
    """A sign-in browser that cannot open (a locked-down PC)."""

    def __init__(self) -> None:
        self.asked = 0

    async def open(self, auth_uri: str) -> bool:
        self.asked += 1
        return False

    def close(self) -> None:
        pass


async def _cancel_startup_sign_in() -> None:
    picker = await wait_visible(DemoAccountPickerDialog)
    picker.reject()


async def test_no_browser_offers_the_code_and_the_approved_code_loads_the_store(
    tmp_path: Path, demo: Any
) -> None:
    run = await start_app(["--demo"], tmp_path, demo=demo)
    application = run.application
    try:
        await _cancel_startup_sign_in()
        auth = application.auth
        await wait_until(lambda: not auth.interactive_pending, 5)
        no_browser = NoBrowser()
        auth.set_browser(no_browser)
        window = application.window
        assert application.device_code_action.isVisible()
        window.sign_in_action.trigger()

        offer = await wait_visible(QMessageBox, 10)
        assert "No web browser could be opened" in offer.text()
        assert no_browser.asked == 1
        use_code = next(b for b in offer.buttons() if "code" in b.text())
        use_code.click()

        dialog = await wait_visible(DeviceCodeDialog, 10)
        await wait_until(lambda: dialog.code.text() != "", 10)
        assert "/devicelogin" in dialog.explain.text()
        await approve_device_code(demo, dialog.code.text(), MANAGER)
        await run.synced()
        assert auth.account is not None and auth.account.username == MANAGER
        assert MANAGER in window.status.account.text()
        controller = application.controller
        assert window.model.total_count == controller.last_report.total > 5
        assert not isValid(dialog) or not dialog.isVisible()  # closed (and deleted)
        assert not application.device_code_action.isVisible()  # signed in now
        assert application.reporter.count == 0
    finally:
        assert await run.finish() == 0


async def test_sign_in_with_a_code_from_the_menu_can_be_cancelled(
    tmp_path: Path, demo: Any
) -> None:
    run = await start_app(["--demo"], tmp_path, demo=demo)
    application = run.application
    try:
        await _cancel_startup_sign_in()
        auth = application.auth
        await wait_until(lambda: not auth.interactive_pending, 5)
        action = application.device_code_action
        assert action in application.window.menus["account"].actions()
        action.trigger()
        dialog = await wait_visible(DeviceCodeDialog, 10)
        await wait_until(lambda: dialog.code.text() != "", 10)
        assert auth.interactive_pending
        dialog.reject()  # Cancel
        # The sign-in really ends: nothing pending, nobody signed in, a new try can start.
        await wait_until(lambda: not auth.interactive_pending, 3)
        assert auth.account is None
        notice = application.window.notice_banner.label.text()
        assert notice and "cancel" in notice.lower()
        action.trigger()
        again = await wait_visible(DeviceCodeDialog, 10)
        await wait_until(lambda: again.code.text() != "", 10)
        await approve_device_code(demo, again.code.text(), MANAGER)
        await wait_until(lambda: auth.account is not None, 10)
        await run.synced()
    finally:
        assert await run.finish() == 0
