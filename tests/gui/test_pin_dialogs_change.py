"""The Change my PIN dialog against the demo tenant over loopback (async on the qasync loop)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from qrpin_gui.core.models import Policy, PolicyState
from qrpin_gui.offline.journal import Outcome
from qrpin_gui.ui import pin_dialogs
from qrpin_gui.ui.change_pin_dialog import ChangePinDialog, ChangeState
from tests.actions.rig import (
    GatedTokens,
    Rig,
    account,
    add_rules,
    control,
    demo_pin,
    new_journal,
)
from tests.gui.pin_rig import Connection, click, make_auth, services
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio

UPDATE_PATH = r"/pin/updatePin$"


@pytest_asyncio.fixture
async def rig(demo_clean: Any, tmp_path: Path) -> AsyncIterator[Rig]:
    made = Rig(demo_clean, new_journal(tmp_path))
    yield made
    await made.aclose()


async def _open(qtbot: Any, rig: Rig, **kw: Any) -> tuple[ChangePinDialog, dict[str, Any]]:
    worker = account(rig.demo, "worker")
    graph = kw.pop("graph", None) or rig.client(worker["upn"])
    dialog = ChangePinDialog(services(rig, graph, worker["upn"], **kw))
    qtbot.addWidget(dialog)
    dialog.open()
    await wait_until(dialog.isVisible)
    return dialog, worker


def _type(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def _fill(
    qtbot: Any, dialog: ChangePinDialog, current: str, new: str, again: str | None = None
) -> None:
    _type(qtbot, dialog.current_edit, current)
    _type(qtbot, dialog.new_edit, new)
    _type(qtbot, dialog.confirm_edit, new if again is None else again)


async def test_change_own_pin_happy_path(qtbot: Any, rig: Rig) -> None:
    dialog, worker = await _open(qtbot, rig)
    assert all(e.echoMode() is QLineEdit.EchoMode.Password for e in dialog._edits())
    assert not dialog.ok_button.isEnabled()
    assert "at least 8 digits" in dialog.policy_label.text()
    assert "tenant default assumed" in dialog.policy_label.text()
    _fill(qtbot, dialog, worker["pin"], "24681357")
    assert dialog.ok_button.isEnabled() and "✓" in dialog.rules_label.text()
    dialog.show_check.setChecked(True)
    assert all(e.echoMode() is QLineEdit.EchoMode.Normal for e in dialog._edits())
    click(qtbot, dialog.ok_button)
    assert not dialog.new_edit.isEnabled() and dialog.busy_bar.isVisible()
    await wait_until(lambda: dialog.state is ChangeState.DONE)
    assert "has been changed" in dialog.message_label.text()
    assert demo_pin(rig.demo, worker["upn"]) == "24681357"
    assert all(e.text() == "" for e in dialog._edits())  # the PINs are gone
    assert rig.journal.read().entries[-1].outcome is Outcome.SUCCEEDED


async def test_input_accepts_ascii_digits_only(qtbot: Any, rig: Rig) -> None:
    dialog, _ = await _open(qtbot, rig)
    edit = dialog.new_edit
    qtbot.keyClicks(edit, "12a4-5")
    assert edit.text() == "1245"
    edit.clear()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("  24681357 \n")
    edit.paste()
    assert edit.text() == "24681357"  # a paste is trimmed
    edit.clear()
    clipboard.setText("١٢٣٤٥٦٧٨")  # Arabic-Indic digits: refused
    edit.paste()
    assert edit.text() == ""
    clipboard.setText("1" * 21)
    edit.paste()
    assert edit.text() == ""  # more than 20 digits: refused
    qtbot.keyClicks(edit, "1" * 25)
    assert len(edit.text()) == 20
    clipboard.clear()


@pytest.mark.parametrize(
    ("new", "words"),
    [
        ("1357924", "at least 8 digits"),
        ("50123456789", "0123456789"),
        ("12121212", "repeat one group"),
        ("342342342", "repeat one group"),
    ],
)
async def test_each_rule_shows_live_and_blocks_ok(
    qtbot: Any, rig: Rig, new: str, words: str
) -> None:
    dialog, worker = await _open(qtbot, rig)
    _fill(qtbot, dialog, worker["pin"], new)
    assert words in dialog.rules_label.text() and "✗" in dialog.rules_label.text()
    assert not dialog.ok_button.isEnabled()


async def test_same_pin_mismatch_and_policy_length(qtbot: Any, rig: Rig) -> None:
    longer = Policy(state=PolicyState.ENABLED, pin_length=10)
    dialog, worker = await _open(qtbot, rig, policy=longer)
    assert "at least 10 digits" in dialog.policy_label.text()
    assert "assumed" not in dialog.policy_label.text()
    _fill(qtbot, dialog, worker["pin"], "24681357")
    assert "at least 10 digits" in dialog.rules_label.text() and not dialog.ok_button.isEnabled()
    _fill(qtbot, dialog, worker["pin"], "2468135790", "2468135791")
    assert "not the same" in dialog.rules_label.text() and not dialog.ok_button.isEnabled()
    _fill(qtbot, dialog, "2468135790", "2468135790")
    assert "different from the current" in dialog.rules_label.text()
    assert not dialog.ok_button.isEnabled()


async def test_wrong_current_pin_keeps_the_new_pins(qtbot: Any, rig: Rig) -> None:
    dialog, worker = await _open(qtbot, rig)
    _fill(qtbot, dialog, "13572468", "24681357")
    click(qtbot, dialog.ok_button)
    await wait_until(lambda: not dialog.call.running and dialog.message_label.isVisible())
    assert "current PIN is not correct" in dialog.message_label.text()
    assert dialog.current_edit.text() == ""  # the rejected one is cleared
    assert dialog.new_edit.text() == "24681357" and dialog.confirm_edit.text() == "24681357"
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]


@pytest.mark.parametrize("new", ["1357924", "50123456789", "12121212"])
async def test_service_refuses_a_bad_pin_when_the_client_check_is_bypassed(
    qtbot: Any, rig: Rig, new: str
) -> None:
    dialog, worker = await _open(qtbot, rig)
    _fill(qtbot, dialog, worker["pin"], new)
    dialog.state = ChangeState.BUSY
    dialog.call.start(dialog._change(worker["pin"], new, check_rules=False))
    await wait_until(lambda: not dialog.call.running and dialog.message_label.isVisible())
    assert "did not accept the new PIN" in dialog.message_label.text()
    assert dialog.current_edit.text() == worker["pin"]  # kept
    assert dialog.new_edit.text() == "" and dialog.confirm_edit.text() == ""  # rejected
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]


async def test_update_pin_answered_only_by_patch(qtbot: Any, rig: Rig) -> None:
    rig.demo.settings(update_pin_verbs="PATCH")
    dialog, worker = await _open(qtbot, rig)
    _fill(qtbot, dialog, worker["pin"], "97531864")
    click(qtbot, dialog.ok_button)
    await wait_until(lambda: dialog.state is ChangeState.DONE)
    assert demo_pin(rig.demo, worker["upn"]) == "97531864"


async def test_cancel_mid_call_then_a_503_then_success(qtbot: Any, rig: Rig) -> None:
    add_rules(rig.demo, {"method": "POST", "path_regex": UPDATE_PATH, "delay_ms": 3000})
    dialog, worker = await _open(qtbot, rig)
    _fill(qtbot, dialog, worker["pin"], "24681357")
    click(qtbot, dialog.ok_button)
    await wait_until(lambda: dialog.busy_bar.isVisible())
    await asyncio.sleep(0.3)
    click(qtbot, dialog.close_button)  # Cancel while busy: the dialog stays
    await wait_until(lambda: not dialog.call.running)
    assert dialog.isVisible() and "Stopped waiting" in dialog.message_label.text()
    assert "nothing was sent" not in dialog.message_label.text()  # the request went out
    assert dialog.state is ChangeState.UNKNOWN and dialog.check_button.isVisible()
    assert dialog.new_edit.text() == "24681357" and dialog.new_edit.isEnabled()
    click(qtbot, dialog.check_button)
    await wait_until(lambda: dialog.state is ChangeState.EDITING and not dialog.call.running)
    assert "not changed" in dialog.message_label.text()
    # Send again: a 503 first, retried by the client, then success.
    add_rules(
        rig.demo, {"method": "POST", "path_regex": UPDATE_PATH, "status": 503, "retry_after": 0.1}
    )
    await asyncio.sleep(3.0)  # let the cancelled request's delay run out at the demo
    click(qtbot, dialog.ok_button)
    await wait_until(lambda: dialog.state is ChangeState.DONE, timeout=10)
    assert demo_pin(rig.demo, worker["upn"]) == "24681357"


async def test_cancel_before_the_request_went_out_says_nothing_was_sent(
    qtbot: Any, rig: Rig
) -> None:
    worker = account(rig.demo, "worker")
    tokens = GatedTokens(rig.demo, worker["upn"])  # sign-in is slow: no request goes out
    graph = rig.client(worker["upn"], tokens=tokens)
    dialog, _ = await _open(qtbot, rig, graph=graph)
    _fill(qtbot, dialog, worker["pin"], "24681357")
    click(qtbot, dialog.ok_button)
    await wait_until(tokens.waiting.is_set)
    click(qtbot, dialog.close_button)  # "Cancel" while waiting for the token
    await wait_until(lambda: not dialog.call.running and not dialog.busy_bar.isVisible())
    assert dialog.isVisible() and dialog.state is ChangeState.EDITING
    assert dialog.message_label.text() == "Cancelled: nothing was sent."
    assert dialog.check_button.isHidden()
    assert [e.text() for e in dialog._edits()] == [worker["pin"], "24681357", "24681357"]
    assert dialog.new_edit.isEnabled() and dialog.ok_button.isEnabled()
    assert graph.stats.requests == 0 and demo_pin(rig.demo, worker["upn"]) == worker["pin"]
    assert rig.journal.read().entries[-1].outcome is Outcome.CANCELLED
    # The dialog still works: send for real.
    tokens.gate.set()
    click(qtbot, dialog.ok_button)
    await wait_until(lambda: dialog.state is ChangeState.DONE)
    assert demo_pin(rig.demo, worker["upn"]) == "24681357"


async def test_applied_then_dropped_then_check_status(qtbot: Any, rig: Rig) -> None:
    add_rules(rig.demo, {"method": "POST", "path_regex": UPDATE_PATH, "apply_then_drop": True})
    dialog, worker = await _open(qtbot, rig)
    _fill(qtbot, dialog, worker["pin"], "24681357")
    click(qtbot, dialog.ok_button)
    await wait_until(lambda: dialog.state is ChangeState.UNKNOWN)
    assert "not known whether" in dialog.message_label.text()
    assert not dialog.ok_button.isHidden() and dialog.check_button.isVisible()
    click(qtbot, dialog.check_button)
    await wait_until(lambda: dialog.state is ChangeState.DONE)
    assert "your PIN was changed" in dialog.message_label.text()
    assert demo_pin(rig.demo, worker["upn"]) == "24681357"


async def test_offline_disables_change(qtbot: Any, rig: Rig) -> None:
    connection = Connection()
    connection.go_offline()
    dialog, worker = await _open(qtbot, rig, connection=connection)
    _fill(qtbot, dialog, worker["pin"], "24681357")
    assert not dialog.ok_button.isEnabled() and "Offline" in dialog.ok_button.toolTip()
    connection.go_online()
    assert dialog.ok_button.isEnabled()
    window = QWidget()
    qtbot.addWidget(window)
    action = pin_dialogs.make_change_pin_action(window, dialog.services)
    assert action.isEnabled()
    connection.go_offline()
    assert not action.isEnabled() and "Offline" in action.toolTip()
    assert not dialog.ok_button.isEnabled()


async def test_consent_required_and_claims_challenge_with_real_sign_in(
    qtbot: Any, rig: Rig, tmp_path: Path
) -> None:
    worker = account(rig.demo, "worker")
    auth = make_auth(rig.demo, tmp_path, worker["upn"])
    try:
        await auth.sign_in_interactive(login_hint=worker["upn"])
        graph = rig.client(worker["upn"], tokens=auth)
        # A claims challenge on updatePin: step-up sign-in, then the call is retried once.
        claims = {"access_token": {"acrs": {"essential": True, "value": "c1"}}}
        add_rules(rig.demo, {"method": "POST", "path_regex": UPDATE_PATH, "claims": claims})
        dialog, _ = await _open(qtbot, rig, graph=graph, auth=auth)
        _fill(qtbot, dialog, worker["pin"], "24681357")
        click(qtbot, dialog.ok_button)
        await wait_until(lambda: dialog.state is ChangeState.DONE, timeout=15)
        assert demo_pin(rig.demo, worker["upn"]) == "24681357"
        snapshot = control(rig.demo, "GET", "/faults")
        assert snapshot["scripts"][0]["fired"] == 1
        assert json.dumps(claims)  # the challenge carried these claims
        dialog.reject()
        # The IT admin withdrew consent: the own-PIN permission cannot be had.
        other = make_auth(rig.demo, tmp_path / "other", worker["upn"])
        try:
            await other.sign_in_interactive(login_hint=worker["upn"])
            rig.demo.settings(admin_consent=False)
            graph2 = rig.client(worker["upn"], tokens=other)
            dialog2, _ = await _open(qtbot, rig, graph=graph2, auth=other)
            _fill(qtbot, dialog2, "24681357", "97531864")
            sent = graph2.stats.requests
            click(qtbot, dialog2.ok_button)
            await wait_until(
                lambda: not dialog2.call.running and dialog2.message_label.isVisible(), timeout=15
            )
            assert "IT admin must approve" in dialog2.message_label.text()
            assert graph2.stats.requests == sent
            assert demo_pin(rig.demo, worker["upn"]) == "24681357"
            assert dialog2.new_edit.text() == "97531864"  # kept
        finally:
            other.shutdown()
    finally:
        auth.shutdown()
