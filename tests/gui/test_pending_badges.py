"""Badges and PINs issued but never printed or saved: after a crash, the next start lists the
people with "Replace badge…" / "Reset PIN…" and "Mark as handled" (issue 8), against the demo
tenant, with the window and the dialogs wired the way the app wires them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qrpin_gui.graph.qr_methods import get_method
from qrpin_gui.offline.journal import Action, Delivery, EntryKind, IssuedSecret, Journal, Person
from qrpin_gui.paths import AppPaths
from qrpin_gui.ui import pending_badges, pin_dialogs, qr_dialogs
from qrpin_gui.ui.pending_badges import PendingBadgesNotice
from qrpin_gui.ui.pin_services import PinDialogServices
from qrpin_gui.ui.qr_dialogs import CreateMethodDialog, DialogState, ReplaceBadgeDialog
from qrpin_gui.ui.reset_pin_dialog import ResetPinDialog
from qrpin_gui.ui.row_actions import RowAction
from tests.gui.conftest import Rig, demo_account
from tests.gui.pin_rig import click
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


def _wire(rig: Rig, paths: AppPaths, tenant_id: str) -> tuple[PinDialogServices, Any]:
    """What ``app.Application._install_pin_dialogs`` does, for a test rig."""
    controller = rig.controller
    services = PinDialogServices(
        graph=lambda: rig.graph,
        auth=lambda: rig.auth,
        journal=Journal(paths.journal_file, tenant_id=tenant_id),
        offline_reason=lambda: controller.offline_reason,
        policy=lambda: controller.policy,
        actor=lambda: Person(user_id=controller.admin_id or "", upn=controller.account_username),
        store_name=controller.store_names,
        apply_row=controller.apply_row,
        connection_changed=controller.connection_changed,
    )
    pin_dialogs.install(rig.window.row_actions, services, rig.window)
    qr_dialogs.install(rig.window.row_actions, services, rig.window)
    return services, pending_badges.install(rig.window, controller, services)


async def _start(make_rig: Any, demo: Any, upn: str, paths: AppPaths) -> tuple[Rig, Any, Any]:
    """One run of the app: window, controller, dialogs; signed in and synced."""
    rig = make_rig(demo, upn, profile=paths.config_dir)
    services, notice = _wire(rig, paths, demo.tenant_id)
    await rig.controller.sign_in_and_sync()
    await wait_until(
        lambda: rig.controller.last_report is not None and not rig.controller.is_syncing, 20
    )
    return rig, services, notice


def _without_method(rig: Rig) -> Any:
    return next(
        r
        for r in rig.controller.rows
        if r.method is None
        and r.manage is not None
        and r.manage.allowed
        and r.fetch.kind.value == "loaded"
    )


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    made = AppPaths.for_profile(tmp_path / "profile")
    made.ensure()
    return made


async def test_crash_before_printing_lists_the_person_at_the_next_start(
    demo_clean: Any, make_rig: Any, qtbot: Any, tmp_path: Path, paths: AppPaths
) -> None:
    manager = demo_account(demo_clean, "storeManager")
    # First run: set up QR sign-in for a worker (badge + first PIN) ...
    first, _services, first_notice = await _start(make_rig, demo_clean, manager["upn"], paths)
    assert first_notice.banner.isHidden()  # nothing pending yet
    worker = _without_method(first)
    handler = first.window.row_actions.handler(RowAction.CREATE_METHOD)
    create = handler(first.window.model.row_by_id(worker.id))
    assert isinstance(create, CreateMethodDialog)
    await wait_until(create.isVisible)
    click(qtbot, create.go_button)
    await wait_until(lambda: create.state is DialogState.ISSUED, 10)
    # While the dialog shows them they are not "never printed": the list leaves them out.
    assert first_notice.pending.refresh() == 0 and first_notice.banner.isHidden()
    # ... and the app dies before anything is printed, saved or copied: no delivery recorded.
    create.clear_secrets()
    create.hide()
    first.window.hide()

    # Next start, same profile: after sign-in and the first sync the notice appears.
    second, _services, notice = await _start(make_rig, demo_clean, manager["upn"], paths)
    assert isinstance(notice, PendingBadgesNotice)
    await wait_until(notice.banner.isVisible)
    text = notice.banner.label.text()
    assert text.startswith("2 ") and "were issued but never printed or saved" in text
    click(qtbot, notice.banner.button)
    panel = notice.pending.panel
    assert panel is not None
    await wait_until(panel.isVisible)
    assert panel.windowModality() != Qt.WindowModality.NonModal
    entries = notice.pending.entries
    assert {e.issued for e in entries} == {IssuedSecret.STANDARD_CODE, IssuedSecret.PIN}
    assert {e.target.user_id for e in entries} == {worker.id}
    rows = [
        [panel.tree.topLevelItem(i).text(c) for c in range(4)]
        for i in range(panel.tree.topLevelItemCount())
    ]
    assert {r[0] for r in rows} == {worker.user.display_name}
    assert {r[1] for r in rows} == {"Badge", "First PIN"}
    assert all(r[2] and r[3] == manager["upn"] for r in rows)
    # Replace the badge: the New badge flow for that person's roster row.
    badge = next(e for e in entries if e.issued is IssuedSecret.STANDARD_CODE)
    pin = next(e for e in entries if e.issued is IssuedSecret.PIN)
    panel.select(badge.issuance_id)
    assert panel.fix_button.text().replace("&", "") == "Replace badge…"
    assert panel.fix_button.isEnabled()
    click(qtbot, panel.fix_button)
    replace = panel.fix_dialog
    assert isinstance(replace, ReplaceBadgeDialog) and replace.row.id == worker.id
    await wait_until(replace.isVisible)
    old = await get_method(second.graph, worker.id)
    assert old is not None and old.standard is not None
    click(qtbot, replace.go_button)
    await wait_until(lambda: replace.state is DialogState.ISSUED, 10)
    fresh = await get_method(second.graph, worker.id)
    assert fresh is not None and fresh.standard is not None
    assert fresh.standard.id != old.standard.id
    assert replace.save_badge_to(str(tmp_path / "replaced.pdf"))
    click(qtbot, replace.close_button)
    await wait_until(lambda: panel.fix_dialog is None)
    # The badge entry is gone (settled as dismissed); the PIN is still listed.
    assert panel.entry_ids() == [pin.issuance_id]
    journal = Journal(paths.journal_file)
    dismissed = [
        e.issuance_id
        for e in journal.read().entries
        if e.kind is EntryKind.DELIVERED and e.delivery is Delivery.DISMISSED
    ]
    assert dismissed == [badge.issuance_id]
    assert notice.banner.label.text().startswith("1 ")
    # The PIN: "Reset PIN…" opens Reset PIN for that person; its new PIN settles the entry.
    panel.select(pin.issuance_id)
    assert panel.fix_button.text().replace("&", "") == "Reset PIN…"
    click(qtbot, panel.fix_button)
    reset = panel.fix_dialog
    assert isinstance(reset, ResetPinDialog) and reset.row.id == worker.id
    await wait_until(reset.isVisible)
    click(qtbot, reset.reset_button)
    await wait_until(lambda: reset.secret_view.has_secret, 10)
    reset.reject()  # closed without handing the PIN over (as the idle lock does)
    await wait_until(lambda: panel.fix_dialog is None)
    # The first PIN's entry is gone; the new PIN, never handed over, is listed instead.
    (left,) = notice.pending.entries
    assert left.issuance_id != pin.issuance_id and left.issued is IssuedSecret.PIN
    assert panel.tree.topLevelItem(0).text(1) == "New PIN"
    click(qtbot, panel.handled_button)
    assert panel.entry_ids() == [] and notice.pending.entries == []
    assert "Nothing left" in panel.reason_label.text()
    assert not panel.fix_button.isEnabled() and not panel.handled_button.isEnabled()
    assert notice.banner.isHidden()
    assert Journal(paths.journal_file).pending_issuances() == []
    click(qtbot, panel.close_button)
    await wait_until(lambda: notice.pending.panel is None)
    assert not second.errors


async def test_menu_entry_people_outside_the_list_and_expired_codes(
    demo_clean: Any, make_rig: Any, qtbot: Any, paths: AppPaths
) -> None:
    manager = demo_account(demo_clean, "storeManager")
    # An entry for someone not in this manager's list (another store), and a temporary code
    # issued long ago (expired by now).
    journal = Journal(paths.journal_file, tenant_id=demo_clean.tenant_id)
    outsider = next(
        a for a in demo_clean.accounts("worker") if not set(a["stores"]) & set(manager["stores"])
    )
    journal.record_issued(
        Person(user_id=outsider["id"], upn=outsider["upn"], display_name="Outside Person"),
        IssuedSecret.STANDARD_CODE,
        actor=None,
    )
    worker = next(a for a in demo_clean.accounts("worker") if a["stores"] == manager["stores"])
    yesterday = datetime.now(UTC) - timedelta(hours=13)
    Journal(
        paths.journal_file, tenant_id=demo_clean.tenant_id, clock=lambda: yesterday
    ).record_issued(
        Person(user_id=worker["id"], upn=worker["upn"], display_name="Forgetful Worker"),
        IssuedSecret.TEMPORARY_CODE,
        actor=None,
        action=Action.TEMPORARY_CODE,
    )
    # Another tenant's entry is not listed.
    Journal(paths.journal_file, tenant_id="other-tenant").record_issued(
        Person(user_id="someone", upn="someone@other.example"), IssuedSecret.PIN, actor=None
    )
    rig, _services, notice = await _start(make_rig, demo_clean, manager["upn"], paths)
    await wait_until(notice.banner.isVisible)
    assert notice.banner.label.text().startswith("2 ")
    menu = rig.window.menus["person"]
    action = next(a for a in menu.actions() if a.text().replace("&", "") == "Unprinted badges…")
    action.trigger()
    panel = notice.pending.panel
    assert panel is not None
    await wait_until(panel.isVisible)
    names = {e.target.display_name: e.issuance_id for e in notice.pending.entries}
    assert set(names) == {"Outside Person", "Forgetful Worker"}
    panel.select(names["Outside Person"])
    assert not panel.fix_button.isEnabled()
    assert "not in the list shown" in panel.reason_label.text()
    assert panel.handled_button.isEnabled()
    # A temporary code from 13 hours ago has expired: nothing to replace, only to settle.
    panel.select(names["Forgetful Worker"])
    assert panel.fix_button.text().replace("&", "") == "New temporary code…"
    assert not panel.fix_button.isEnabled()
    assert "expired by now" in panel.reason_label.text()
    click(qtbot, panel.handled_button)
    assert panel.entry_ids() == [names["Outside Person"]]
    assert notice.banner.label.text().startswith("1 ")
    panel.reject()
    await wait_until(lambda: notice.pending.panel is None)
