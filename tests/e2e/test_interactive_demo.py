"""The composition root in-process: ``--demo`` without script flags shows the demo account
picker (the real MSAL interactive flow behind it), and the chosen manager's store loads with
tokens that carry only the sign-in scopes."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from qrpin_gui import cli
from qrpin_gui.app import Application
from qrpin_gui.auth import OWN_PIN_SCOPES, SIGN_IN_SCOPES
from qrpin_gui.paths import AppPaths
from qrpin_gui.ui.signin_dialogs import DemoAccountPickerDialog
from tests.e2e.app_rig import capture_bearers, jwt_claims
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


def visible_picker() -> DemoAccountPickerDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, DemoAccountPickerDialog) and widget.isVisible():
            return widget
    return None


async def test_demo_sign_in_through_the_account_picker_loads_the_store(tmp_path: Path) -> None:
    opts = cli.parse(["--demo", "--profile-dir", str(tmp_path), "--no-err-windows"])
    paths = AppPaths.for_profile(tmp_path)
    paths.ensure()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    application = Application(opts, paths, app, started=time.perf_counter())
    main = asyncio.ensure_future(application.main())
    try:
        await wait_until(lambda: visible_picker() is not None, 20)
        picker = visible_picker()
        assert picker is not None
        bearers = capture_bearers(application)  # the Graph client exists once sign-in runs
        await wait_until(lambda: picker.accounts.count() > 0, 10)
        assert picker.select_account("manager.s101@contoso-retail.example")
        picker.sign_in_button.click()
        controller = application.controller
        await wait_until(
            lambda: controller.last_report is not None and not controller.is_syncing, 30
        )
        window = application.window
        assert window.isVisible()
        assert "manager.s101@contoso-retail.example" in window.status.account.text()
        assert window.model.total_count == controller.last_report.total > 5
        assert application.settings.remembered_account  # silent sign-in next time
        assert application.reporter.count == 0
        # Least privilege: every token Graph saw carries the sign-in scopes, never ".default"
        # (which would put Directory.AccessAsUser.All on each one).
        assert bearers
        wanted = {scope.rsplit("/", 1)[1] for scope in SIGN_IN_SCOPES}
        own_pin = OWN_PIN_SCOPES[0].rsplit("/", 1)[1]
        for token in set(bearers):
            scopes = set(jwt_claims(token)["scp"].split())
            assert own_pin not in scopes and not any("AccessAsUser" in s for s in scopes)
            assert scopes == wanted, scopes
    finally:
        application.quit(0)
        code = await asyncio.wait_for(main, 30)
        application.reporter.uninstall()
    assert code == 0
    assert paths.settings_file.exists()
