"""Where the OS offers no encryption, the app asks before keeping the sign-in and the roster
snapshot unencrypted, and keeps nothing on disk until (and unless) the user agrees; taking the
consent back in Settings deletes both at once."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from qrpin_gui import cli
from qrpin_gui.app import Application
from qrpin_gui.auth.token_cache import CacheMode
from qrpin_gui.paths import AppPaths
from qrpin_gui.settings import Settings
from qrpin_gui.ui.settings_dialog import SettingsDialog
from qrpin_gui.ui.signin_dialogs import DemoAccountPickerDialog
from tests.e2e.app_rig import profile, sign_in, start_app, wait_visible
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


def _visible(kind: type) -> object | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


async def _run_until_question(
    tmp_path: Path,
) -> tuple[Application, asyncio.Future[int], QMessageBox]:
    opts = cli.parse(["--demo", "--profile-dir", str(tmp_path), "--no-err-windows"])
    paths = AppPaths.for_profile(tmp_path)
    paths.ensure()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    application = Application(opts, paths, app, started=time.perf_counter())
    main = asyncio.ensure_future(application.main())
    await wait_until(lambda: _visible(DemoAccountPickerDialog) is not None, 20)
    picker = _visible(DemoAccountPickerDialog)
    assert isinstance(picker, DemoAccountPickerDialog)
    await wait_until(lambda: picker.accounts.count() > 0, 10)
    assert picker.select_account("manager.s102@contoso-retail.example")
    picker.sign_in_button.click()
    await wait_until(
        lambda: application.auth is not None and application.auth.account is not None, 20
    )
    if application.auth.cache_mode is CacheMode.ENCRYPTED:
        application.quit(0)
        await asyncio.wait_for(main, 30)
        application.reporter.uninstall()
        pytest.skip("this machine encrypts the token cache, so nothing is asked")
    await wait_until(lambda: _visible(QMessageBox) is not None, 10)
    box = _visible(QMessageBox)
    assert isinstance(box, QMessageBox)
    return application, main, box


async def _finish(application: Application, main: asyncio.Future[int]) -> None:
    application.quit(0)
    assert await asyncio.wait_for(main, 30) == 0
    application.reporter.uninstall()


async def test_keeping_unencrypted_writes_the_cache_and_the_snapshot(tmp_path: Path) -> None:
    application, main, box = await _run_until_question(tmp_path)
    paths = application.paths
    controller = application.controller
    try:
        assert "cannot encrypt" in box.text()
        await wait_until(
            lambda: controller.last_report is not None and not controller.is_syncing, 30
        )
        # Not answered yet: nothing on disk.
        assert not paths.token_cache_file.exists()
        assert not paths.snapshot_file.exists()
        keep = next(b for b in box.buttons() if "unencrypted" in b.text())
        keep.click()
        await wait_until(
            lambda: paths.snapshot_file.exists() and paths.token_cache_file.exists(), 10
        )
    finally:
        await _finish(application, main)
    assert Settings.load(paths.settings_file).allow_plaintext_token_cache is True


async def test_memory_only_keeps_nothing_on_disk(tmp_path: Path) -> None:
    application, main, box = await _run_until_question(tmp_path)
    paths = application.paths
    controller = application.controller
    try:
        await wait_until(
            lambda: controller.last_report is not None and not controller.is_syncing, 30
        )
        memory = next(b for b in box.buttons() if "Memory" in b.text())
        memory.click()
        await wait_until(lambda: application.settings.allow_plaintext_token_cache is False, 10)
        await asyncio.sleep(0.3)
    finally:
        await _finish(application, main)
    assert not paths.token_cache_file.exists()
    assert not paths.snapshot_file.exists()
    assert Settings.load(paths.settings_file).allow_plaintext_token_cache is False


async def test_withdrawing_consent_in_settings_deletes_the_unencrypted_files(
    tmp_path: Path, demo: Any
) -> None:
    """Consent given earlier: the sign-in and the roster are on disk. Unticking the option in
    Settings deletes both at once (not at the next start), and nothing is written again."""
    paths = profile(tmp_path, allow_plaintext_token_cache=True)
    run = await start_app(["--demo"], tmp_path, demo=demo)
    application = run.application
    try:
        await sign_in(run)
        if application.auth.cache_mode is CacheMode.ENCRYPTED:
            pytest.skip("this machine encrypts the token cache; the option does not apply")
        await wait_until(
            lambda: paths.snapshot_file.exists() and paths.token_cache_file.exists(), 10
        )
        application.open_settings()
        dialog = await wait_visible(SettingsDialog, 10)
        assert dialog.plaintext_cache.isChecked()
        dialog.plaintext_cache.setChecked(False)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        await wait_until(
            lambda: not paths.snapshot_file.exists() and not paths.token_cache_file.exists(), 10
        )
        assert Settings.load(paths.settings_file).allow_plaintext_token_cache is False
        # Still signed in (in memory); a refresh writes nothing to disk.
        controller = application.controller
        before = controller.last_report
        application.window.refresh_action.trigger()
        await wait_until(
            lambda: controller.last_report is not before and not controller.is_syncing, 30
        )
        await asyncio.sleep(0.3)
        assert not paths.snapshot_file.exists() and not paths.token_cache_file.exists()
        assert application.auth.account is not None
    finally:
        assert await run.finish() == 0
    assert not paths.token_cache_file.exists() and not paths.snapshot_file.exists()
