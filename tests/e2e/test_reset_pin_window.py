"""Reset PIN as a store manager does it: select the worker in the roster, Person › Reset PIN,
confirm; the table then shows what the service answered (PIN must change, changed today)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from qrpin_gui.ui.reset_pin_dialog import ResetPinDialog, ResetState
from qrpin_gui.ui.roster_present import Col, format_date, present_pin_texts
from tests.actions.rig import account, demo_pin
from tests.e2e.app_rig import menu_action, select_person, sign_in, start_app, wait_visible
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


async def test_reset_pin_from_the_person_menu_updates_the_table(
    tmp_path: Path, demo_clean: Any
) -> None:
    manager = account(demo_clean, "storeManager")
    worker = account(demo_clean, "worker")
    run = await start_app(["--demo"], tmp_path, demo=demo_clean)
    application = run.application
    window = application.window
    model = window.model
    try:
        await sign_in(run, manager["upn"])
        before = select_person(application, worker["upn"])
        assert before.method is not None and before.method.pin is not None
        action = menu_action(application, "person", "Reset PIN")
        assert action.shortcut().toString() == "Ctrl+Shift+P"
        await wait_until(action.isEnabled, 5)
        action.trigger()

        dialog = await wait_visible(ResetPinDialog, 10)
        assert worker["displayName"] in dialog.title_label.text() + dialog.explain_label.text()
        dialog.reset_button.click()
        await wait_until(lambda: dialog.state is ResetState.SHOWN, 15)
        assert dialog.secret_view.shown_digits() == demo_pin(demo_clean, worker["upn"])
        assert dialog.last_result is not None
        answer = dialog.last_result.row
        assert answer is not None and answer.method is not None and answer.method.pin
        pin = answer.method.pin
        assert pin.force_change_next_sign_in
        changed = pin.updated or pin.created
        assert changed is not None
        assert abs(datetime.now(UTC) - changed) < timedelta(minutes=5)

        index = model.index_of(worker["id"], Col.PIN_STATE)
        assert index.isValid()
        must_change, _by_user = present_pin_texts()
        assert model.data(index) == must_change
        changed_cell = model.data(model.index(index.row(), Col.PIN_CHANGED))
        assert changed_cell == format_date(changed)
        shown = model.row_by_id(worker["id"])
        assert shown is not None and shown.method is not None and shown.method.pin is not None
        assert shown.method.pin.force_change_next_sign_in
        assert shown.method.pin.code is None  # the table never holds the PIN itself
        dialog.secret_view.copy_button.click()  # handed over: closing needs no confirmation
        dialog.reject()
    finally:
        assert await run.finish() == 0
