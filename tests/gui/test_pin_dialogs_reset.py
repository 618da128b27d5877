"""The Reset PIN dialog against the demo tenant over loopback (async on the qasync loop)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from qrpin_gui.core.models import RosterRow
from qrpin_gui.offline.journal import Delivery, EntryKind, Outcome
from qrpin_gui.ui import pending_badges, pin_dialogs
from qrpin_gui.ui.reset_pin_dialog import ResetPinDialog, ResetState
from qrpin_gui.ui.row_actions import RowAction, RowActionRegistry
from qrpin_gui.ui.secret_view import clipboard_guard
from tests.actions.rig import (
    GatedTokens,
    Rig,
    account,
    add_rules,
    demo_pin,
    new_journal,
    pin_accepted,
)
from tests.gui.pin_rig import Connection, click, services
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio

PIN_PATH = r"/qrCodePinMethod/pin$"


@pytest_asyncio.fixture
async def rig(demo_clean: Any, tmp_path: Path) -> AsyncIterator[Rig]:
    made = Rig(demo_clean, new_journal(tmp_path))
    yield made
    await made.aclose()


async def _open(
    qtbot: Any, rig: Rig, row: RosterRow, graph: Any, manager: str, **kw: Any
) -> ResetPinDialog:
    dialog = ResetPinDialog(row, services(rig, graph, manager, **kw))
    qtbot.addWidget(dialog)
    dialog.open()
    await wait_until(dialog.isVisible)
    return dialog


async def _manager_worker(rig: Rig) -> tuple[Any, str, RosterRow]:
    manager = account(rig.demo, "storeManager")
    worker = account(rig.demo, "worker")
    graph = rig.client(manager["upn"])
    return (
        graph,
        manager["upn"],
        await rig.row(graph, manager["upn"], worker["id"], worker["stores"]),
    )


async def test_reset_shows_the_services_pin_once_with_copy(qtbot: Any, rig: Rig) -> None:
    graph, manager, row = await _manager_worker(rig)
    applied: list[RosterRow] = []
    add_rules(rig.demo, {"method": "PATCH", "path_regex": PIN_PATH, "delay_ms": 300})
    dialog = await _open(qtbot, rig, row, graph, manager, applied=applied)
    assert "stops working now" in dialog.explain_label.text()
    assert row.user.display_name in dialog.title_label.text()
    click(qtbot, dialog.reset_button)
    # While the call runs: busy, the reset button disabled, Cancel available.
    await wait_until(lambda: dialog.busy_bar.isVisible())
    assert not dialog.reset_button.isEnabled() and dialog.close_button.text() == "Cancel"
    await wait_until(lambda: dialog.state is ResetState.SHOWN)
    assert not dialog.busy_bar.isVisible()
    shown = dialog.secret_view.shown_digits()
    assert len(shown) == 8 and " " in dialog.secret_view.digits.text()  # grouped
    assert shown == demo_pin(rig.demo, row.user.upn)
    assert await pin_accepted(rig.demo, row.id, shown)
    # The roster row was refreshed from the answer.
    assert applied and applied[-1].method is not None and applied[-1].method.pin is not None
    assert applied[-1].method.pin.force_change_next_sign_in
    # Copy: the clipboard holds it, then is cleared (the guard's delay shortened here).
    clipboard_guard().delay_s = 0.2
    try:
        click(qtbot, dialog.secret_view.copy_button)
        assert QGuiApplication.clipboard().text() == shown
        await wait_until(lambda: QGuiApplication.clipboard().text() == "", timeout=3)
    finally:
        clipboard_guard().delay_s = clipboard_guard().DEFAULT_DELAY_S
    delivered = [e for e in rig.journal.read().entries if e.kind is EntryKind.DELIVERED]
    assert delivered and delivered[0].delivery is Delivery.COPIED
    # Copied: closing does not ask, and the PIN is gone from the widgets.
    click(qtbot, dialog.close_button)
    await wait_until(lambda: not dialog.isVisible())
    assert dialog.secret_view.digits.text() == "" and not dialog.secret_view.has_secret


async def test_clipboard_left_alone_when_it_changed(qtbot: Any, rig: Rig) -> None:
    guard = clipboard_guard()
    guard.delay_s = 0.1
    try:
        guard.copy("24681357")
        QGuiApplication.clipboard().setText("something else")
        await wait_until(lambda: not guard.armed, timeout=3)
        assert QGuiApplication.clipboard().text() == "something else"
    finally:
        guard.delay_s = guard.DEFAULT_DELAY_S


async def test_closing_without_copy_or_print_asks(qtbot: Any, rig: Rig) -> None:
    graph, manager, row = await _manager_worker(rig)
    dialog = await _open(qtbot, rig, row, graph, manager)
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.SHOWN)
    click(qtbot, dialog.close_button)
    await wait_until(lambda: dialog._asking is not None and dialog._asking.isVisible())
    assert dialog.isVisible()  # not closed: it asks first
    box = dialog._asking
    assert box is not None
    back = next(b for b in box.buttons() if b is not dialog.discard_button)
    click(qtbot, back)
    await wait_until(lambda: dialog._asking is None)
    assert dialog.isVisible() and dialog.secret_view.has_secret
    click(qtbot, dialog.close_button)
    await wait_until(lambda: dialog._asking is not None and dialog._asking.isVisible())
    click(qtbot, dialog.discard_button)
    await wait_until(lambda: not dialog.isVisible())
    assert not dialog.secret_view.has_secret
    delivered = [e for e in rig.journal.read().entries if e.kind is EntryKind.DELIVERED]
    assert delivered[-1].delivery is Delivery.DISCARDED
    assert not rig.journal.pending_issuances()


async def test_print_and_save_the_pin_slip(qtbot: Any, rig: Rig, tmp_path: Path) -> None:
    graph, manager, row = await _manager_worker(rig)
    dialog = await _open(qtbot, rig, row, graph, manager)
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.SHOWN)
    pdf = tmp_path / "slip.pdf"
    assert dialog.save_slip_to(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 500
    slip = dialog.slip()
    assert slip is not None and slip.store == "Harbourside" and slip.must_change
    assert slip.pin not in repr(slip)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printed: list[bool] = []
    dialog.printer.printed.connect(lambda: printed.append(True))
    dialog.printer.print_to(printer, slip)
    assert printed and (tmp_path / "printed.pdf").exists()
    # The native dialog opens window-modally (never exec()) and can be cancelled.
    click(qtbot, dialog.secret_view.print_button)
    await wait_until(
        lambda: dialog.printer.dialog is not None and dialog.printer.dialog.isVisible()
    )
    dialog.printer.dialog.reject()
    await wait_until(lambda: dialog.printer.dialog is None)
    # Saved: closing does not ask.
    click(qtbot, dialog.close_button)
    await wait_until(lambda: not dialog.isVisible())
    entries = rig.journal.read().entries
    assert any(e.delivery is Delivery.SAVED_PDF for e in entries)


async def test_refused_outside_the_store_and_for_an_admin(qtbot: Any, rig: Rig) -> None:
    manager = account(rig.demo, "storeManager")
    graph = rig.client(manager["upn"])
    other = account(rig.demo, "worker", 1)
    admin = account(rig.demo, "adminUser", 0)
    for person, words in ((other, "not in a store you manage"), (admin, "admin role")):
        row = await rig.row(graph, manager["upn"], person["id"], person["stores"])
        sent = graph.stats.requests
        dialog = await _open(qtbot, rig, row, graph, manager["upn"])
        click(qtbot, dialog.reset_button)
        await wait_until(lambda d=dialog: d.state is ResetState.FAILED)
        assert words in dialog.message_label.text()
        assert not dialog.reset_button.isVisible()
        assert graph.stats.requests == sent
        assert demo_pin(rig.demo, person["upn"]) == person["pin"]
        dialog.reject()
    # The service's own refusal, with the roster's verdict unknown, is plain too.
    row = await rig.row(graph, manager["upn"], admin["id"], admin["stores"])
    unjudged = RosterRow(user=row.user, stores=row.stores, admin_roles=row.admin_roles)
    dialog = await _open(qtbot, rig, unjudged, graph, manager["upn"])
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.FAILED)
    assert "administrator role" in dialog.message_label.text()
    assert "403" not in dialog.message_label.text()


async def test_worker_without_a_method(qtbot: Any, rig: Rig) -> None:
    manager = account(rig.demo, "storeManager")
    graph = rig.client(manager["upn"])
    row = await rig.worker_without_method(graph, manager["upn"], manager["stores"][0])
    dialog = await _open(qtbot, rig, row, graph, manager["upn"])
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.FAILED)
    text = dialog.message_label.text()
    assert "no QR sign-in yet" in text and "Set up QR sign-in" in text
    assert "404" not in text and "itemNotFound" not in text


async def test_cancel_mid_call_keeps_the_dialog_and_check_status_tells(
    qtbot: Any, rig: Rig
) -> None:
    graph, manager, row = await _manager_worker(rig)
    old = demo_pin(rig.demo, row.user.upn)
    add_rules(rig.demo, {"method": "PATCH", "path_regex": PIN_PATH, "delay_ms": 3000})
    dialog = await _open(qtbot, rig, row, graph, manager)
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.call.running and dialog.busy_bar.isVisible())
    await asyncio.sleep(0.3)  # the request is at the service now
    click(qtbot, dialog.close_button)  # "Cancel" while busy
    await wait_until(lambda: not dialog.call.running)
    assert dialog.isVisible() and dialog.state is ResetState.UNKNOWN
    assert "Stopped waiting" in dialog.message_label.text()
    assert "nothing was sent" not in dialog.message_label.text()  # the request went out
    assert rig.journal.read().entries[-1].outcome is Outcome.CANCELLED
    click(qtbot, dialog.check_button)
    await wait_until(lambda: dialog.state is ResetState.CHECKED)
    assert "not reset" in dialog.message_label.text()
    assert demo_pin(rig.demo, row.user.upn) == old


def _assert_back_to_confirm(dialog: ResetPinDialog) -> None:
    assert dialog.isVisible() and dialog.state is ResetState.CONFIRM
    assert dialog.message_label.text() == "Cancelled: nothing was sent."
    assert dialog.check_button.isHidden() and not dialog.busy_bar.isVisible()
    assert dialog.reset_button.isVisible() and dialog.reset_button.isEnabled()
    assert dialog.close_button.text() == "Cancel"


async def test_cancel_before_the_request_went_out_says_nothing_was_sent(
    qtbot: Any, rig: Rig
) -> None:
    manager = account(rig.demo, "storeManager")
    worker = account(rig.demo, "worker")
    reader = rig.client(manager["upn"])
    row = await rig.row(reader, manager["upn"], worker["id"], worker["stores"])
    old = demo_pin(rig.demo, worker["upn"])
    tokens = GatedTokens(rig.demo, manager["upn"])  # sign-in is slow: no request goes out
    graph = rig.client(manager["upn"], tokens=tokens)
    dialog = await _open(qtbot, rig, row, graph, manager["upn"])
    click(qtbot, dialog.reset_button)
    await wait_until(tokens.waiting.is_set)
    click(qtbot, dialog.close_button)  # "Cancel" while waiting for the token
    await wait_until(lambda: not dialog.call.running and not dialog.busy_bar.isVisible())
    _assert_back_to_confirm(dialog)
    assert rig.journal.read().entries[-1].outcome is Outcome.CANCELLED
    # Cancel in the same moment as the click (the call has not started): the same.
    dialog.reset_button.click()
    dialog.close_button.click()
    await wait_until(lambda: not dialog.call.running and not dialog.busy_bar.isVisible())
    _assert_back_to_confirm(dialog)
    assert graph.stats.requests == 0 and demo_pin(rig.demo, worker["upn"]) == old
    # The dialog still works: reset for real.
    tokens.gate.set()
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.SHOWN)
    assert dialog.secret_view.shown_digits() == demo_pin(rig.demo, worker["upn"]) != old


async def test_the_unprinted_list_leaves_out_a_pin_an_open_dialog_shows(
    qtbot: Any, rig: Rig, make_rig: Any
) -> None:
    graph, manager, row = await _manager_worker(rig)
    window = make_rig().window  # no sign-in: only the unprinted list's wiring is used
    svc = services(rig, graph, manager)
    notice = pending_badges.install(window, window.controller, svc)
    dialog = pin_dialogs.open_reset_pin(row, svc, window)
    await wait_until(dialog.isVisible)
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.SHOWN)
    (issued,) = rig.journal.pending_issuances()
    assert dialog.held_issuances() == [issued.issuance_id]
    assert pin_dialogs.held_issuances() == {issued.issuance_id}
    assert notice.pending.refresh() == 0  # on screen, not "never printed"
    pin_dialogs.clear_all_secrets()  # the app locked: the PIN is gone from the screen
    assert pin_dialogs.held_issuances() == set()
    assert notice.pending.refresh() == 1
    assert notice.pending.entries[0].issuance_id == issued.issuance_id
    dialog.reject()
    await wait_until(lambda: not dialog.isVisible())
    assert notice.pending.refresh() == 1


async def test_a_503_then_success(qtbot: Any, rig: Rig) -> None:
    graph, manager, row = await _manager_worker(rig)
    add_rules(
        rig.demo, {"method": "PATCH", "path_regex": PIN_PATH, "status": 503, "retry_after": 0.1}
    )
    dialog = await _open(qtbot, rig, row, graph, manager)
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.SHOWN)
    assert dialog.secret_view.shown_digits() == demo_pin(rig.demo, row.user.upn)


async def test_applied_then_dropped_is_unknown_then_check_status_shows_the_truth(
    qtbot: Any, rig: Rig
) -> None:
    graph, manager, row = await _manager_worker(rig)
    old = demo_pin(rig.demo, row.user.upn)
    applied: list[RosterRow] = []
    add_rules(rig.demo, {"method": "PATCH", "path_regex": PIN_PATH, "apply_then_drop": True})
    dialog = await _open(qtbot, rig, row, graph, manager, applied=applied)
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.UNKNOWN)
    assert "not known whether" in dialog.message_label.text()
    assert not dialog.secret_view.isVisible() and dialog.check_button.isVisible()
    assert demo_pin(rig.demo, row.user.upn) != old  # the service did act
    click(qtbot, dialog.check_button)
    await wait_until(lambda: dialog.state is ResetState.CHECKED)
    assert "the PIN was reset" in dialog.message_label.text()
    assert applied and applied[-1].method is not None and applied[-1].method.pin is not None
    assert applied[-1].method.pin.force_change_next_sign_in
    assert dialog.reset_button.isVisible() and "again" in dialog.reset_button.text()


async def test_offline_disables_reset_with_the_reason(qtbot: Any, rig: Rig) -> None:
    graph, manager, row = await _manager_worker(rig)
    connection = Connection()
    connection.go_offline()
    dialog = await _open(qtbot, rig, row, graph, manager, connection=connection)
    assert not dialog.reset_button.isEnabled()
    assert "Offline" in dialog.message_label.text()
    connection.go_online()
    assert dialog.reset_button.isEnabled()
    connection.go_offline()
    assert not dialog.reset_button.isEnabled()


async def test_install_registers_reset_and_programmatic_close_forgets(qtbot: Any, rig: Rig) -> None:
    graph, manager, row = await _manager_worker(rig)
    window = QWidget()
    qtbot.addWidget(window)
    registry = RowActionRegistry()
    svc = services(rig, graph, manager)
    assert registry.block_reason(RowAction.RESET_PIN, row)  # no handler yet
    pin_dialogs.install(registry, svc, window)
    assert registry.block_reason(RowAction.RESET_PIN, row) == ""
    handler = registry.handler(RowAction.RESET_PIN)
    assert handler is not None
    dialog = handler(row)
    assert isinstance(dialog, ResetPinDialog)
    await wait_until(dialog.isVisible)
    click(qtbot, dialog.reset_button)
    await wait_until(lambda: dialog.state is ResetState.SHOWN)
    assert pin_dialogs.clear_all_secrets() >= 1
    assert not dialog.secret_view.has_secret
    dialog.reject()  # what the idle lock does: closes at once, no question
    await wait_until(lambda: not dialog.isVisible())
    change = pin_dialogs.make_change_pin_action(window, svc)
    assert change.isEnabled()
    # --self-test opens and closes both dialogs (nothing is sent by opening them).
    from qrpin_gui.ui import self_test

    sent = graph.stats.requests
    for name in ("reset_pin", "change_pin"):
        await self_test._open_and_close(name, self_test._DIALOGS[name], window)
    assert graph.stats.requests == sent
