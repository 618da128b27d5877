"""Start-up paths of the whole app in-process: the first start without a tenant (open the
demo tenant), and ``--screenshot`` ending with a failure code when the sync did not complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from qrpin_gui.app import EXIT_FAILED
from qrpin_gui.ui.signin_dialogs import FirstRunDialog
from tests.e2e.app_rig import sign_in, start_app, wait_visible
from tests.e2e.test_app_flags import png_size
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


async def test_first_start_opens_the_demo_tenant_when_asked(tmp_path: Path, demo: Any) -> None:
    run = await start_app([], tmp_path, demo=demo)  # no tenant configured, no --demo
    application = run.application
    try:
        first_run = await wait_visible(FirstRunDialog)
        assert application.auth is None and application.graph is None
        first_run.demo_button.click()
        await sign_in(run)
        assert application.demo_mode
        assert application.window.model.total_count == (application.controller.last_report.total)
        assert application.window.model.total_count > 5
        assert application.reporter.count == 0
    finally:
        assert await run.finish() == 0


async def test_screenshot_after_a_sync_that_did_not_complete_fails(
    tmp_path: Path, demo: Any
) -> None:
    shot = tmp_path / "cancelled.png"
    run = await start_app(["--demo", "--screenshot", str(shot)], tmp_path / "p", demo=demo)
    application = run.application
    await wait_until(lambda: application.controller is not None, 10)
    controller = application.controller
    cancelled: list[bool] = []

    def cancel_at_once() -> None:
        cancelled.append(True)
        QTimer.singleShot(0, controller.cancel_sync)

    controller.sync_started.connect(cancel_at_once)
    code = await run.ended()
    assert cancelled and controller.last_report is None  # the sync never completed
    assert code == EXIT_FAILED
    assert png_size(shot)[0] > 0
