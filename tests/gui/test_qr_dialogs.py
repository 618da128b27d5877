"""The QR code lifecycle dialogs against the demo tenant over loopback (async on the qasync
loop): set up QR sign-in, temporary code, new badge, extend expiry, delete, and refusals.

The demo tenant is the oracle: what a dialog did is checked by reading the person's method
again (or the demo's PIN), and badges are checked by decoding the saved PDF / screen grab.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtPrintSupport import QPrinter

from qrpin_gui.core.models import Policy, RosterRow
from qrpin_gui.graph.qr_methods import get_method
from qrpin_gui.offline.journal import Delivery, EntryKind, IssuedSecret, Outcome
from qrpin_gui.ui import qr_dialogs
from qrpin_gui.ui.badge import MIN_SYMBOL_INCHES
from qrpin_gui.ui.fullscreen_qr import MIN_MODULE_PIXELS
from qrpin_gui.ui.qr_dialogs import (
    CreateMethodDialog,
    DeleteDialog,
    DeleteKind,
    DialogState,
    ExtendExpiryDialog,
    QrActionDialog,
    ReplaceBadgeDialog,
    TemporaryCodeDialog,
)
from qrpin_gui.ui.row_actions import RowAction, RowActionRegistry
from tests.actions.rig import Rig, account, add_rules, demo_pin, new_journal, pin_accepted
from tests.gui.pin_rig import Connection, click, services
from tests.gui.test_badge import decode, render_pdf, symbol_width_px
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio

RENDER_DPI = 200


@pytest_asyncio.fixture
async def rig(demo_clean: Any, tmp_path: Path) -> AsyncIterator[Rig]:
    made = Rig(demo_clean, new_journal(tmp_path))
    yield made
    await made.aclose()


async def _open(
    qtbot: Any,
    rig: Rig,
    cls: type[QrActionDialog],
    row: RosterRow,
    graph: Any,
    manager: str,
    **kw: Any,
) -> Any:
    dialog = cls(row, services(rig, graph, manager, **kw))
    qtbot.addWidget(dialog)
    dialog.open()
    await wait_until(dialog.isVisible)
    return dialog


async def _manager(rig: Rig) -> tuple[Any, str, dict[str, Any]]:
    info = account(rig.demo, "storeManager")
    return rig.client(info["upn"]), info["upn"], info


async def _worker(rig: Rig, graph: Any, manager: str) -> tuple[dict[str, Any], RosterRow]:
    worker = account(rig.demo, "worker")
    return worker, await rig.row(graph, manager, worker["id"], worker["stores"])


def _issued_raw(dialog: Any) -> bytes:
    result = dialog.last_result
    assert result is not None and result.code is not None and result.code.image is not None
    raw: bytes = result.code.image.raw_content
    return raw


def _badge_pdf_decodes(path: Path, raw: bytes) -> None:
    """The saved badge decodes to exactly ``raw`` and its symbol is at least 2 inches wide."""
    (page,) = render_pdf(path, RENDER_DPI)
    (barcode,) = decode(page)
    assert barcode.bytes == raw
    assert symbol_width_px(barcode) / RENDER_DPI >= MIN_SYMBOL_INCHES


def _entries(rig: Rig, kind: EntryKind) -> list[Any]:
    return [e for e in rig.journal.read().entries if e.kind is kind]


async def _closed_after_confirm(qtbot: Any, dialog: Any, *, discard: bool) -> None:
    click(qtbot, dialog.close_button)
    await wait_until(lambda: dialog._asking is not None and dialog._asking.isVisible())
    box = dialog._asking
    assert "cannot be shown again" in box.text() and "replace it" in box.text()
    if discard:
        qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not dialog.isVisible())
    else:
        box.reject()
        await wait_until(lambda: dialog._asking is None)


# --------------------------------------------------------------------------- create


async def test_create_method_shows_badge_and_pin_once_and_pdf_decodes(
    qtbot: Any, rig: Rig, tmp_path: Path
) -> None:
    graph, manager, info = await _manager(rig)
    row = await rig.worker_without_method(graph, manager, info["stores"][0])
    applied: list[RosterRow] = []
    dialog = await _open(qtbot, rig, CreateMethodDialog, row, graph, manager, applied=applied)
    # Defaults: activation now, expiry after the policy lifetime (assumed 365 days), no
    # later than 395 days, service-generated PIN.
    assert dialog.now_radio.isChecked() and dialog.service_pin_radio.isChecked()
    assert "tenant default assumed" in dialog.lifetime_label.text()
    today = QDate.currentDate()
    assert dialog.expiry_edit.date() == today.addDays(365)
    assert dialog.expiry_edit.maximumDate() == today.addDays(395)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.ISSUED, 10)
    # The PIN shown is the one the service holds; the reminder of the first-use trap shows.
    shown = dialog.pin_view.shown_digits()
    assert shown == dialog.last_result.pin.code
    assert await pin_accepted(rig.demo, row.id, shown)
    assert "sign in once with another method" in dialog.reminder_label.text()
    assert dialog.reminder_label.isVisible()
    assert not dialog.fullscreen_button.isVisible()  # only for temporary codes
    # The roster row was refreshed from the answer, without any secret.
    assert applied and applied[-1].method is not None
    assert applied[-1].method.standard is not None and applied[-1].method.standard.image is None
    fresh = await get_method(graph, row.id)
    assert fresh is not None and fresh.standard is not None
    assert fresh.standard.id == applied[-1].method.standard.id
    # The journal said "issued" for the badge and the PIN before the dialog showed them.
    issued = {e.issued for e in _entries(rig, EntryKind.ISSUED)}
    assert issued == {IssuedSecret.STANDARD_CODE, IssuedSecret.PIN}
    assert len(rig.journal.pending_issuances()) == 2
    # Save the badge as PDF: it decodes to exactly the rawContent the service returned.
    raw = _issued_raw(dialog)
    assert raw.decode().startswith(f"ms-qrpin:v1|{row.user.upn}|{fresh.standard.id}|")
    pdf = tmp_path / "badge.pdf"
    assert dialog.save_badge_to(str(pdf))
    _badge_pdf_decodes(pdf, raw)
    deliveries = [e.delivery for e in _entries(rig, EntryKind.DELIVERED)]
    assert deliveries == [Delivery.SAVED_PDF]
    # The PIN is still not handed over: closing asks; going back keeps everything.
    await _closed_after_confirm(qtbot, dialog, discard=False)
    assert dialog.isVisible() and dialog.pin_view.has_secret
    # The first PIN's slip: a folder that does not exist is refused (still not handed over),
    # then saved; the slip names the person and says the PIN must be changed.
    assert not dialog.pin_handover.save_slip_to(str(tmp_path / "missing" / "slip.pdf"))
    assert "could not be saved" in dialog.message_label.text()
    assert len(rig.journal.pending_issuances()) == 1 and dialog.needs_confirmation
    slip = dialog.pin_handover.slip()
    assert slip is not None and slip.pin == shown and slip.must_change
    assert slip.worker_name == dialog.person and slip.upn == row.user.upn
    assert dialog.pin_handover.save_slip_to(str(tmp_path / "slip.pdf"))
    assert dialog.message_label.text() == "The PIN slip is ready."
    assert rig.journal.pending_issuances() == [] and not dialog.needs_confirmation
    deliveries = [e.delivery for e in _entries(rig, EntryKind.DELIVERED)]
    assert deliveries == [Delivery.SAVED_PDF, Delivery.SAVED_PDF]
    click(qtbot, dialog.pin_view.copy_button)
    assert dialog.message_label.text().startswith("PIN copied.")
    assert len(_entries(rig, EntryKind.DELIVERED)) == 2  # handed over once, journalled once
    click(qtbot, dialog.close_button)  # everything handed over: no question
    await wait_until(lambda: not dialog.isVisible())
    assert dialog.badge is None and not dialog.pin_view.has_secret
    assert dialog.result() == 0


async def test_create_with_typed_pin_later_start_and_refusals(qtbot: Any, rig: Rig) -> None:
    graph, manager, info = await _manager(rig)
    row = await rig.worker_without_method(graph, manager, info["stores"][0])
    policy = Policy(pin_length=10, standard_lifetime_days=200)
    dialog = await _open(qtbot, rig, CreateMethodDialog, row, graph, manager, policy=policy)
    assert "your organisation's policy" in dialog.lifetime_label.text()
    assert dialog.expiry_edit.date() == QDate.currentDate().addDays(200)
    # A typed PIN is checked live with the policy's length and the PIN rules.
    click(qtbot, dialog.typed_pin_radio)
    for bad in ("12345678", "1212121212", "0123456789"):
        dialog.pin_edit.setText(bad)
        dialog._validate()
        assert not dialog.go_button.isEnabled(), bad
        assert dialog.pin_rules_label.text()
    dialog.pin_edit.setText("4071835296")
    dialog._validate()
    assert dialog.go_button.isEnabled()
    # Activation later: no past dates offered; the expiry follows within 395 days.
    click(qtbot, dialog.later_radio)
    assert dialog.start_edit.minimumDateTime() <= QDateTime.currentDateTime().addSecs(5)
    assert dialog.start_edit.minimumDateTime() >= QDateTime.currentDateTime().addSecs(-60)
    start = QDateTime.currentDateTime().addDays(3)
    dialog.start_edit.setDateTime(start)
    assert dialog.expiry_edit.maximumDate() == start.date().addDays(395)
    dialog.expiry_edit.setDate(start.date().addDays(500))  # clamped by the edit
    begin, end = dialog.window_utc()
    assert begin is not None and end - begin <= timedelta(days=395)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.ISSUED, 10)
    assert dialog.pin_view.shown_digits() == "4071835296"
    assert await pin_accepted(rig.demo, row.id, "4071835296")
    method = await get_method(graph, row.id)
    assert method is not None and method.standard is not None
    assert method.standard.is_pending(datetime.now(UTC))  # activates later
    dialog.reject()
    # A second set-up for the same person is refused (existing method) before sending.
    sent = graph.stats.requests
    again = await _open(qtbot, rig, CreateMethodDialog, dialog.row, graph, manager)
    click(qtbot, again.go_button)
    await wait_until(lambda: again.state is DialogState.FAILED)
    assert "already has QR sign-in" in again.message_label.text()
    assert graph.stats.requests == sent
    again.reject()


# --------------------------------------------------------------------------- temporary


async def test_temporary_code_full_screen_decodes_then_replace_a_live_one(
    qtbot: Any, rig: Rig, tmp_path: Path
) -> None:
    graph, manager, _ = await _manager(rig)
    worker, row = await _worker(rig, graph, manager)
    applied: list[RosterRow] = []
    dialog = await _open(qtbot, rig, TemporaryCodeDialog, row, graph, manager, applied=applied)
    assert not dialog.delete_first_box.isVisible()
    # Defaults to the end of a shift 1-12 hours away; an end 13 hours away is refused.
    span = dialog.expiry_utc() - datetime.now(UTC)
    assert timedelta(minutes=59) <= span <= timedelta(hours=12)
    too_long = (datetime.now().astimezone() + timedelta(hours=12, minutes=30)).time()
    dialog.until_edit.setTime(
        dialog.until_edit.time().fromString(too_long.strftime("%H:%M"), "HH:mm")
    )
    assert not dialog.go_button.isEnabled() and "at most 12 hours" in dialog.span_label.text()
    dialog.shift_combo.setCurrentIndex(
        dialog.shift_combo.findData(
            qr_dialogs.next_shift_end(datetime.now().astimezone()).strftime("%H:%M")
        )
    )
    assert dialog.go_button.isEnabled()
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.ISSUED, 10)
    raw = _issued_raw(dialog)
    assert dialog.fullscreen_button.isVisible() and dialog.pin_view.isHidden()
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]  # the PIN stays
    # Full screen: the grab decodes to the payload; 60 % of the shorter side, >= 6 px/module.
    click(qtbot, dialog.fullscreen_button)
    window = dialog.fullscreen
    assert window is not None
    await wait_until(window.isVisible)
    image = window.grab().toImage()
    (barcode,) = decode(image)
    assert barcode.bytes == raw
    short_side = min(window.width(), window.height())
    assert symbol_width_px(barcode) >= 0.6 * short_side - 2
    n = dialog.badge.module_count()
    assert window.symbol_rect().width() // n >= MIN_MODULE_PIXELS
    assert [e.delivery for e in _entries(rig, EntryKind.DELIVERED)] == [Delivery.SHOWN_FOR_SCAN]
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    await wait_until(lambda: dialog.fullscreen is None)
    # Printable too (the print dialog's printer, here a PDF printer).
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    _badge_pdf_decodes(tmp_path / "printed.pdf", raw)
    click(qtbot, dialog.close_button)
    await wait_until(lambda: not dialog.isVisible())
    # The row now shows a live temporary code: the next dialog offers to delete it first.
    live_row = applied[-1]
    assert live_row.method is not None and live_row.method.temporary is not None
    first_id = live_row.method.temporary.id
    second = await _open(qtbot, rig, TemporaryCodeDialog, live_row, graph, manager)
    assert second.delete_first_box.isVisible() and not second.go_button.isEnabled()
    click(qtbot, second.delete_first_box)
    assert second.go_button.isEnabled()
    click(qtbot, second.go_button)
    await wait_until(lambda: second.state is DialogState.ISSUED, 10)
    fresh = await get_method(graph, row.id)
    assert fresh is not None and fresh.temporary is not None and fresh.temporary.id != first_id
    assert fresh.temporary.id in _issued_raw(second).decode()
    actions = [e.action.value for e in _entries(rig, EntryKind.ACTION)]
    assert actions[-2:] == ["delete-temporary-code", "temporary-code"]
    await _closed_after_confirm(qtbot, second, discard=True)
    delivered = _entries(rig, EntryKind.DELIVERED)
    assert delivered[-1].delivery is Delivery.DISCARDED


# --------------------------------------------------------------------------- replace, extend


async def test_replace_lost_badge_keeps_pin_and_asks_before_losing_the_code(
    qtbot: Any, rig: Rig, tmp_path: Path
) -> None:
    graph, manager, _ = await _manager(rig)
    worker, row = await _worker(rig, graph, manager)
    assert row.method is not None and row.method.standard is not None
    old_id = row.method.standard.id
    applied: list[RosterRow] = []
    dialog = await _open(qtbot, rig, ReplaceBadgeDialog, row, graph, manager, applied=applied)
    assert "stops working now" in dialog.explain_label.text()
    assert "keeps their PIN" in dialog.explain_label.text()
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.ISSUED, 10)
    fresh = await get_method(graph, row.id)
    assert fresh is not None and fresh.standard is not None and fresh.standard.id != old_id
    assert applied[-1].method is not None and applied[-1].method.standard is not None
    assert applied[-1].method.standard.id == fresh.standard.id
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]
    raw = _issued_raw(dialog)
    pdf = tmp_path / "replaced.pdf"
    assert dialog.save_badge_to(str(pdf))
    _badge_pdf_decodes(pdf, raw)
    click(qtbot, dialog.close_button)
    await wait_until(lambda: not dialog.isVisible())


async def test_extend_live_code_updates_without_reprint(qtbot: Any, rig: Rig) -> None:
    graph, manager, _ = await _manager(rig)
    _worker_info, row = await _worker(rig, graph, manager)
    assert row.method is not None and row.method.standard is not None
    standard = row.method.standard
    assert standard.start is not None
    applied: list[RosterRow] = []
    dialog = await _open(qtbot, rig, ExtendExpiryDialog, row, graph, manager, applied=applied)
    # Never beyond 395 days after the code's start.
    limit = standard.start + timedelta(days=395)
    assert dialog.expiry_edit.maximumDate() <= QDate(limit.year, limit.month, limit.day)
    target = QDate.currentDate().addDays(100)
    dialog.expiry_edit.setDate(target)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.DONE, 10)
    assert "No need to reprint" in dialog.message_label.text()
    assert dialog.badge is None and dialog.result_box.isHidden()
    fresh = await get_method(graph, row.id)
    assert fresh is not None and fresh.standard is not None
    assert fresh.standard.id == standard.id and fresh.standard.expire == dialog.expiry_utc()
    assert applied[-1].method is not None and applied[-1].method.standard is not None
    assert applied[-1].method.standard.expire == fresh.standard.expire
    assert rig.journal.read().entries[-1].outcome is Outcome.SUCCEEDED
    click(qtbot, dialog.close_button)
    await wait_until(lambda: not dialog.isVisible())


async def _expired_row(rig: Rig, graph: Any, manager: str, store: str) -> RosterRow:
    from qrpin_gui.graph.users import list_unit_members

    now = datetime.now(UTC)
    async for page in list_unit_members(graph, store):
        for user in page.users:
            row = await rig.row(graph, manager, user.id, [store])
            standard = row.method.standard if row.method else None
            if (
                row.manage is not None
                and row.manage.allowed
                and standard
                and standard.is_expired(now)
            ):
                return row
    raise AssertionError("no worker with an expired badge in the store")


async def test_extend_an_expired_code_and_a_gone_code(qtbot: Any, rig: Rig, tmp_path: Path) -> None:
    graph, manager, info = await _manager(rig)
    row = await _expired_row(rig, graph, manager, info["stores"][0])
    dialog = await _open(qtbot, rig, ExtendExpiryDialog, row, graph, manager)
    assert "expired on" in dialog.explain_label.text()
    dialog.expiry_edit.setDate(QDate.currentDate().addDays(20))
    old_id = row.method.standard.id if row.method and row.method.standard else None
    click(qtbot, dialog.go_button)
    # An expired code is not active: the service issues a new code (201 with the image) and
    # the dialog switches to issue-and-print instead of losing that image.
    await wait_until(lambda: dialog.state is DialogState.ISSUED, 10)
    assert "issued a new" in dialog.title_label.text()
    assert dialog.print_button.isVisible() and dialog.save_button.isVisible()
    fresh = await get_method(graph, row.id)
    assert fresh is not None and fresh.standard is not None
    assert fresh.standard.id != old_id and not fresh.standard.is_expired(datetime.now(UTC))
    assert fresh.standard.id in _issued_raw(dialog).decode()
    pending = rig.journal.pending_issuances()
    assert [p.issued for p in pending] == [IssuedSecret.STANDARD_CODE]
    pdf = tmp_path / "expired-extended.pdf"
    assert dialog.save_badge_to(str(pdf))
    _badge_pdf_decodes(pdf, _issued_raw(dialog))
    assert rig.journal.pending_issuances() == []
    dialog.reject()
    # A badge that is gone: the service issues a new code (201) and the dialog switches to
    # issue-and-print instead of losing the image.
    _info, live = await _worker(rig, graph, manager)
    assert live.method is not None
    gone = live.with_method(dataclasses.replace(live.method, standard=None))
    from qrpin_gui.graph.qr_methods import CodeKind, delete_code

    await delete_code(graph, live.id, CodeKind.STANDARD)
    dialog = await _open(qtbot, rig, ExtendExpiryDialog, gone, graph, manager)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.ISSUED, 10)
    assert "issued a new" in dialog.title_label.text()
    assert dialog.print_button.isVisible() and dialog.save_button.isVisible()
    raw = _issued_raw(dialog)
    pdf = tmp_path / "extended.pdf"
    assert dialog.save_badge_to(str(pdf))
    _badge_pdf_decodes(pdf, raw)
    pending = rig.journal.pending_issuances()
    assert pending == []  # the saved badge settled its issuance
    dialog.reject()


# --------------------------------------------------------------------------- delete


async def test_delete_temporary_standard_and_whole_method(qtbot: Any, rig: Rig) -> None:
    graph, manager, _ = await _manager(rig)
    _info, row = await _worker(rig, graph, manager)
    temp = await _open(qtbot, rig, TemporaryCodeDialog, row, graph, manager)
    click(qtbot, temp.go_button)
    await wait_until(lambda: temp.state is DialogState.ISSUED, 10)
    assert temp.save_badge_to(str(Path(rig.journal.path.parent) / "t.pdf"))
    row = temp.row
    temp.reject()
    applied: list[RosterRow] = []
    dialog = await _open(qtbot, rig, DeleteDialog, row, graph, manager, applied=applied)
    assert dialog.kind() is DeleteKind.TEMPORARY
    assert "badge and PIN keep working" in dialog.consequence_label.text()
    dialog.select(DeleteKind.STANDARD)
    assert "printed badge stops working" in dialog.consequence_label.text()
    dialog.select(DeleteKind.METHOD)
    assert "PIN all stop working" in dialog.consequence_label.text()
    dialog.select(DeleteKind.TEMPORARY)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.DONE, 10)
    fresh = await get_method(graph, row.id)
    assert fresh is not None and fresh.temporary is None and fresh.standard is not None
    assert applied[-1].method is not None and applied[-1].method.temporary is None
    dialog.reject()
    # The badge only (the PIN stays).
    badge = await _open(qtbot, rig, DeleteDialog, applied[-1], graph, manager, applied=applied)
    badge.select(DeleteKind.STANDARD)
    click(qtbot, badge.go_button)
    await wait_until(lambda: badge.state is DialogState.DONE, 10)
    fresh = await get_method(graph, row.id)
    assert fresh is not None and fresh.standard is None and fresh.pin is not None
    assert applied[-1].method is not None and applied[-1].method.standard is None
    assert "printed badge no longer works" in badge.message_label.text()
    badge.reject()
    # The whole method (a leaver).
    leaver = await _open(qtbot, rig, DeleteDialog, applied[-1], graph, manager, applied=applied)
    assert not leaver.kind_radios[DeleteKind.TEMPORARY].isEnabled()
    leaver.select(DeleteKind.METHOD)
    assert leaver.go_button.text().replace("&", "") == "Delete QR sign-in"
    click(qtbot, leaver.go_button)
    await wait_until(lambda: leaver.state is DialogState.DONE, 10)
    assert await get_method(graph, row.id) is None
    assert applied[-1].method is None
    assert "can no longer sign in with QR" in leaver.message_label.text()
    actions = [(e.action.value, e.outcome) for e in _entries(rig, EntryKind.ACTION)]
    assert actions[-3:] == [
        ("delete-temporary-code", Outcome.SUCCEEDED),
        ("delete-standard-code", Outcome.SUCCEEDED),
        ("delete-method", Outcome.SUCCEEDED),
    ]
    leaver.reject()


async def test_delete_with_lost_answer_then_check_status(qtbot: Any, rig: Rig) -> None:
    graph, manager, _ = await _manager(rig)
    _info, row = await _worker(rig, graph, manager)
    add_rules(
        rig.demo, {"method": "DELETE", "path_regex": "qrCodePinMethod$", "apply_then_drop": True}
    )
    dialog = await _open(qtbot, rig, DeleteDialog, row, graph, manager)
    dialog.select(DeleteKind.METHOD)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.UNKNOWN, 15)
    assert "not known whether" in dialog.message_label.text()
    assert dialog.check_button.isVisible()
    sent = graph.stats.requests
    click(qtbot, dialog.check_button)
    await wait_until(lambda: dialog.state is DialogState.CHECKED, 10)
    assert "carried it out" in dialog.message_label.text()
    assert graph.stats.requests == sent + 1  # one read (404: the method is gone), no write
    assert await get_method(graph, row.id) is None
    dialog.reject()


# --------------------------------------------------------------------------- refusals


def _server_method(rig: Rig, user_id: str) -> tuple[Any, ...] | None:
    """The demo tenant's own record of the person's method (ids and times), to compare."""
    qr = rig.demo.state.directory.find_user(user_id).qr
    if qr is None:
        return None
    return (
        qr.id,
        (qr.standard.id, qr.standard.expire) if qr.standard else None,
        (qr.temporary.id, qr.temporary.expire) if qr.temporary else None,
        (qr.pin.code, qr.pin.updated),
    )


ADMIN_REFUSAL = (
    "This person holds an admin role. Only a Privileged Authentication Administrator can "
    "manage their sign-in."
)
OUTSIDE_REFUSAL = "This person is not in a store you manage."
OFFLINE_REFUSAL = "Offline: changes are disabled until the connection is back."
QR_DIALOGS = [
    CreateMethodDialog,
    TemporaryCodeDialog,
    ReplaceBadgeDialog,
    ExtendExpiryDialog,
    DeleteDialog,
]


@pytest.mark.parametrize("cls", QR_DIALOGS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("who", ["admin-role worker", "outside my stores"])
async def test_refused_for_a_person_the_manager_cannot_manage(
    qtbot: Any, rig: Rig, cls: type[QrActionDialog], who: str
) -> None:
    """Someone holding an admin role, or outside the manager's stores: the dialog says why
    and sends nothing (the service would refuse it anyway, and a refusal is no reason to
    bother it)."""
    graph, manager, info = await _manager(rig)
    if who == "admin-role worker":
        person = account(rig.demo, "adminUser")
        expected = ADMIN_REFUSAL
    else:
        person = next(
            a for a in rig.demo.accounts("worker") if not set(a["stores"]) & set(info["stores"])
        )
        expected = OUTSIDE_REFUSAL
    row = await rig.row(graph, manager, person["id"], person["stores"])
    before = _server_method(rig, person["id"])
    journal_before = len(rig.journal.read().entries)
    dialog = await _open(qtbot, rig, cls, row, graph, manager)
    sent = graph.stats.requests
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.FAILED, 5)
    assert dialog.message_label.text() == expected
    assert dialog.go_button.isHidden()
    assert graph.stats.requests == sent  # nothing was sent
    assert _server_method(rig, person["id"]) == before  # the oracle: unchanged
    added = rig.journal.read().entries[journal_before:]
    assert [e.outcome for e in added] == [Outcome.REFUSED]  # journalled as refused, no write
    dialog.reject()


@pytest.mark.parametrize("cls", QR_DIALOGS, ids=lambda c: c.__name__)
async def test_refused_offline_then_allowed_once_back_online(
    qtbot: Any, rig: Rig, cls: type[QrActionDialog]
) -> None:
    graph, manager, info = await _manager(rig)
    if cls is CreateMethodDialog:
        row = await rig.worker_without_method(graph, manager, info["stores"][0])
    else:
        _worker_info, row = await _worker(rig, graph, manager)
    connection = Connection()
    connection.go_offline()
    dialog = await _open(qtbot, rig, cls, row, graph, manager, connection=connection)
    sent = graph.stats.requests
    assert not dialog.go_button.isEnabled()
    assert dialog.message_label.text() == OFFLINE_REFUSAL
    dialog._on_go_clicked()  # what Enter on the default button would do
    assert dialog.state is DialogState.EDIT and not dialog.call.running
    assert graph.stats.requests == sent  # nothing was sent
    connection.go_online()
    assert dialog.go_button.isEnabled() and dialog.message_label.isHidden()
    connection.go_offline()
    assert not dialog.go_button.isEnabled()
    assert dialog.message_label.text() == OFFLINE_REFUSAL
    assert graph.stats.requests == sent
    dialog.reject()


async def test_cancel_while_sending_then_check_status(qtbot: Any, rig: Rig) -> None:
    graph, manager, _ = await _manager(rig)
    _info, row = await _worker(rig, graph, manager)
    add_rules(rig.demo, {"method": "PATCH", "path_regex": "temporaryQRCode$", "delay_ms": 3000})
    dialog = await _open(qtbot, rig, TemporaryCodeDialog, row, graph, manager)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.busy_bar.isVisible())
    assert dialog.close_button.text() == "Cancel" and not dialog.inputs.isEnabled()
    await asyncio.sleep(0.5)  # the request is on the wire (the demo holds it for 3 s)
    click(qtbot, dialog.close_button)  # cancels the request; the dialog stays
    await wait_until(lambda: not dialog.call.running)
    assert dialog.isVisible() and dialog.state is DialogState.UNKNOWN
    assert dialog.check_button.isVisible()
    entries = rig.journal.read().entries
    assert entries[-1].outcome is Outcome.CANCELLED
    click(qtbot, dialog.check_button)
    await wait_until(lambda: dialog.state is DialogState.CHECKED, 10)
    assert dialog.message_label.text().startswith("Checked")
    dialog.reject()


# --------------------------------------------------------------------------- wiring


async def test_install_registers_every_qr_row_action(qtbot: Any, rig: Rig) -> None:
    from PySide6.QtWidgets import QWidget

    from qrpin_gui.ui import self_test

    graph, manager, _ = await _manager(rig)
    _info, row = await _worker(rig, graph, manager)
    window = QWidget()
    qtbot.addWidget(window)
    registry = RowActionRegistry()
    qr_dialogs.install(registry, services(rig, graph, manager), window)
    expected = {
        RowAction.CREATE_METHOD: CreateMethodDialog,
        RowAction.TEMPORARY_CODE: TemporaryCodeDialog,
        RowAction.NEW_STANDARD_CODE: ReplaceBadgeDialog,
        RowAction.EXTEND_EXPIRY: ExtendExpiryDialog,
        RowAction.DELETE_METHOD: DeleteDialog,
    }
    for action, cls in expected.items():
        handler = registry.handler(action)
        assert handler is not None
        dialog = handler(row)
        assert type(dialog) is cls
        await wait_until(dialog.isVisible)
        assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
        dialog.reject()
        await wait_until(dialog.isHidden)
    names = set(self_test._DIALOGS)
    assert {f"qr_{a.value}" for a in expected} <= names
    # The --self-test factories build each dialog for a placeholder person.
    for action, cls in expected.items():
        built = self_test._DIALOGS[f"qr_{action.value}"](window)
        assert type(built) is cls
        built.open()
        await wait_until(built.isVisible)
        built.reject()
        built.deleteLater()
