"""Bulk actions, the expiry radar and sign-in readiness wired into the real main window,
against the demo tenant: the Person menu (Ctrl+Shift+B) opens the wizard on the selection,
the idle lock forgets a run's secrets, the "Not ready" quick filter, the readiness box in the
details pane, and the radar from the View menu."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from qrpin_gui.bulk import BulkAction, RowOutcome, Verdict
from qrpin_gui.core.models import FetchKind, Policy, PolicyState, RosterRow
from qrpin_gui.core.readiness import is_not_ready
from qrpin_gui.offline.journal import Journal
from qrpin_gui.ui.bulk_dialog import BulkDialog, BulkServices
from qrpin_gui.ui.expiry_radar import ExpiryRadar, radar_entries
from qrpin_gui.ui.roster_model import RowRole
from qrpin_gui.ui.roster_present import QuickFilter
from tests.gui.conftest import demo_account
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


@dataclass
class Wired:
    rig: Any
    journal: Journal

    @property
    def window(self) -> Any:
        return self.rig.window


@pytest_asyncio.fixture
async def wired(demo_clean: Any, make_rig: Any, tmp_path: Path) -> Wired:
    """A store manager's window after the first sync, with bulk wired as the app does it."""
    manager = demo_account(demo_clean, "storeManager")
    rig = make_rig(demo_clean, manager["upn"])
    journal = Journal(tmp_path / "journal.jsonl")
    services = BulkServices.from_controller(
        rig.controller,
        graph=lambda: rig.graph,
        journal=journal,
        results_dir=tmp_path / "bulk-results",
    )
    assert not rig.window.bulk_action.isEnabled()
    rig.window.install_bulk(services)
    assert not rig.window.bulk_action.isEnabled()  # not signed in yet
    assert "Sign in" in rig.window.bulk_action.toolTip()
    await rig.controller.sign_in_and_sync()
    await wait_until(
        lambda: rig.controller.last_report is not None and not rig.controller.is_syncing, 20
    )
    return Wired(rig, journal)


def visible_rows(window: Any) -> list[RosterRow]:
    model = window.model
    return [model.index(r, 0).data(RowRole) for r in range(model.rowCount())]


def select(window: Any, rows: list[RosterRow]) -> None:
    selection = window.table.selectionModel()
    window.table.setCurrentIndex(window.model.index_of(rows[0].id))
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows[1:]:
        selection.select(window.model.index_of(row.id), flags)


def workers_with_method(rig: Any, count: int) -> list[RosterRow]:
    rows = [
        r
        for r in rig.controller.rows
        if r.fetch.kind is FetchKind.LOADED
        and r.method is not None
        and r.manage is not None
        and r.manage.allowed
    ]
    assert len(rows) >= count
    return rows[:count]


async def test_bulk_from_the_person_menu_runs_on_the_selection_and_the_lock_forgets_secrets(
    qtbot: Any, wired: Wired
) -> None:
    rig, window = wired.rig, wired.window
    journal = wired.journal
    assert window.bulk_action in window.menus["person"].actions()
    assert window.bulk_action.shortcut().toString() == "Ctrl+Shift+B"
    assert window.bulk_action.isEnabled(), window.bulk_action.toolTip()
    chosen = workers_with_method(rig, 2)
    select(window, chosen)
    assert {r.id for r in window.selected_rows()} == {r.id for r in chosen}

    window.activateWindow()
    window.table.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.bulk_dialog
    assert isinstance(dialog, BulkDialog) and dialog.isVisible()
    assert dialog.parent() is rig.window
    assert dialog.selection_radio.isChecked() and "2" in dialog.selection_radio.text()
    assert {r.id for r in dialog.selection} == {r.id for r in chosen}

    # Dry run, then the run: two PIN resets, their new PINs held in the run's vault.
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData(BulkAction.RESET_PIN))
    dialog.start_plan()
    await wait_until(lambda: dialog.pages.currentIndex() == BulkDialog.PAGE_PLAN, 15)
    assert dialog.plan is not None and dialog.plan.counts()[Verdict.READY] == 2
    dialog.start_run()
    await wait_until(lambda: dialog.summary is not None, 20)
    assert dialog.summary is not None and dialog.summary.counts[RowOutcome.DONE] == 2
    assert dialog.vault.pin_count == 2
    # The roster shows the service's answer: both PINs are temporary now.
    for row in chosen:
        fresh = window.model.row_by_id(row.id)
        assert fresh is not None and fresh.method is not None and fresh.method.pin is not None
        assert fresh.method.pin.force_change_next_sign_in

    # Idle lock: the PINs leave memory at once, the wizard closes without asking, and the
    # journal still lists them as issued, not printed.
    window.set_locked(True)
    assert len(dialog.vault) == 0
    await wait_until(lambda: not dialog.isVisible(), 5)
    assert not hasattr(dialog, "confirm_box")
    assert len(journal.pending_issuances()) == 2
    assert not window.bulk_action.isEnabled()
    window.set_locked(False)

    # Opening again makes a new wizard; the previous one is deleted only then.
    again = window.open_bulk()
    assert again is not None and again is not dialog and again.isVisible()
    await wait_until(lambda: not shiboken6.isValid(dialog), 5)
    again.reject()
    await wait_until(lambda: not again.isVisible(), 5)
    assert not rig.errors


async def test_bulk_is_disabled_with_the_reason_when_offline(wired: Wired) -> None:
    rig, window = wired.rig, wired.window
    rig.controller._set_offline("Offline: no network.", retry=False)
    assert not window.bulk_action.isEnabled()
    assert "Offline" in window.bulk_action.toolTip()
    assert window.open_bulk() is None and window.bulk_dialog is None
    # The radar is a view of the saved roster: it still opens offline.
    assert window.radar_action.isEnabled()
    radar = window.open_radar()
    assert radar is not None and not radar.extend_button.isEnabled()
    radar.close()


async def test_not_ready_quick_filter_shows_exactly_the_blocked_people(wired: Wired) -> None:
    rig, window = wired.rig, wired.window
    policy = rig.controller.policy
    now = datetime.now(UTC)
    expected = {r.id for r in rig.controller.rows if is_not_ready(r, now, policy)}
    assert 0 < len(expected) < len(rig.controller.rows)
    button = window.filter_bar.buttons[QuickFilter.NOT_READY]
    assert button.text() == "Not ready"
    button.click()
    assert {r.id for r in visible_rows(window)} == expected
    # The policy turned off for the organisation: every known person is blocked.
    off = Policy(state=PolicyState.DISABLED, pin_length=policy.pin_length)
    rig.controller._set_policy(off)
    window.model.apply_filter_now()
    loaded = {r.id for r in rig.controller.rows if r.fetch.kind is FetchKind.LOADED}
    assert {r.id for r in visible_rows(window)} == loaded
    button.click()
    assert window.model.rowCount() == window.model.total_count


async def test_the_details_pane_says_whether_qr_sign_in_works_today(wired: Wired) -> None:
    rig, window = wired.rig, wired.window
    box = window.details.readiness
    rows = rig.controller.rows
    no_qr = next(r for r in rows if r.fetch.kind is FetchKind.LOADED and r.method is None)
    select(window, [no_qr])
    assert box.isVisible()
    assert box.summary.text() == "Not ready: QR sign-in would fail today."
    assert "No QR sign-in set up." in box.details.text()
    assert "Set up QR sign-in" in box.details.text()  # the fix
    # Keyboard users can reach and select the verdict text.
    flags = box.details.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    policy = rig.controller.policy
    now = datetime.now(UTC)
    ready = next(
        r
        for r in rows
        if r.fetch.kind is FetchKind.LOADED
        and r.method is not None
        and not is_not_ready(r, now, policy)
        and r.method.pin is not None
        and not r.method.pin.force_change_next_sign_in
        and not r.method.never_used
    )
    select(window, [ready])
    assert box.readiness is not None and not box.readiness.blocking
    assert box.summary.text().startswith(("✔ Ready", "Ready, with"))
    window.table.selectionModel().clearSelection()
    window.table.setCurrentIndex(window.model.index(-1, -1))
    assert not box.isVisible()


async def test_the_radar_opens_from_the_view_menu_over_the_roster(wired: Wired) -> None:
    rig, window = wired.rig, wired.window
    assert window.radar_action in window.menus["view"].actions()
    assert window.radar_action.isEnabled()
    window.radar_action.trigger()
    radar = window.radar
    assert isinstance(radar, ExpiryRadar) and radar.isVisible()
    expected = radar_entries(rig.controller.rows, datetime.now(UTC), 30)
    assert [e.row.id for e in radar.model.entries] == [e.row.id for e in expected]
    assert radar.model.rowCount() > 0
    # Open again while it is up: the same window comes forward.
    assert window.open_radar() is radar
    radar.close()
    await wait_until(lambda: not radar.isVisible(), 5)
    second = window.open_radar()
    assert second is not None and second is not radar
    await wait_until(lambda: not shiboken6.isValid(radar), 5)
    second.close()
    assert not rig.errors
