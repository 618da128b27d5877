""" "Badge forgotten today" through the real window against the demo tenant: the toggle notes
it in the journal, the readiness box asks for a temporary code, the "Not ready" filter lists
the person, a new controller on the same profile (even offline) still knows it, and a live
temporary code clears the blocker while the report stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from qrpin_gui.core.models import FetchKind
from qrpin_gui.core.readiness import Blocker
from qrpin_gui.graph.qr_methods import create_temporary_code
from qrpin_gui.offline.journal import Action, EntryKind, Journal
from qrpin_gui.ui.roster_model import RowRole
from qrpin_gui.ui.roster_present import QuickFilter, derive
from qrpin_gui.ui.row_actions import RowAction, action_titles, can_report_forgotten_badge
from tests.gui.conftest import demo_account
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


def shown_ids(window: Any) -> set[str]:
    model = window.model
    return {model.index(r, 0).data(RowRole).id for r in range(model.rowCount())}


def not_ready_ids(rig: Any) -> set[str]:
    """The oracle for the "Not ready" filter: the core's verdict with today's reports."""
    model, forgotten = rig.window.model, rig.controller.forgotten_badges
    return {
        r.id
        for r in rig.controller.rows
        if QuickFilter.NOT_READY
        in derive(r, model._now, policy=model._policy, badge_forgotten=r.id in forgotten).filters
    }


async def synced(rig: Any) -> None:
    await rig.controller.sign_in_and_sync()
    await wait_until(
        lambda: rig.controller.last_report is not None and not rig.controller.is_syncing, 20
    )


def select(window: Any, user_id: str) -> None:
    window.table.setCurrentIndex(window.model.index_of(user_id))
    assert window.details.title.text() == window.model.row_by_id(user_id).user.display_name


async def test_badge_forgotten_today_end_to_end(
    demo_clean: Any, make_rig: Any, tmp_path: Path, qtbot: Any
) -> None:
    manager = demo_account(demo_clean, "storeManager")
    path = tmp_path / "journal.jsonl"
    rig = make_rig(demo_clean, manager["upn"])
    rig.controller.set_journal(Journal(path, tenant_id=demo_clean.tenant_id))
    await synced(rig)
    window, details = rig.window, rig.window.details
    check = details.forgotten_check
    # A manageable worker with QR sign-in, ready today, without a temporary code.
    worker = next(
        r
        for r in rig.controller.rows
        if can_report_forgotten_badge(r)
        and r.method is not None
        and r.method.temporary is None
        and r.id not in not_ready_ids(rig)
    )
    # No toggle for someone without QR sign-in (nothing to forget).
    no_qr = next(
        r for r in rig.controller.rows if r.fetch.kind is FetchKind.LOADED and r.method is None
    )
    select(window, no_qr.id)
    assert not check.isVisible()
    # Nor for an admin-role holder the manager may not manage.
    admin = next(a for a in demo_clean.accounts("adminUser") if manager["stores"][0] in a["stores"])
    select(window, admin["id"])
    assert not check.isVisible()

    select(window, worker.id)
    assert check.isVisible() and check.isEnabled() and not check.isChecked()
    assert check.accessibleName() == "Badge forgotten today"
    assert details.readiness.summary.text().startswith("✔ Ready")
    # Keyboard: focus the toggle and press Space.
    check.setFocus(Qt.FocusReason.TabFocusReason)
    assert check.hasFocus() and check.focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.keyClick(check, Qt.Key.Key_Space)
    assert check.isChecked()
    assert rig.controller.forgotten_badges == {worker.id}
    readiness = details.readiness.readiness
    assert readiness is not None and readiness.has(Blocker.FORGOTTEN_BADGE_NO_TEMPORARY)
    assert details.readiness.summary.text() == "Not ready: QR sign-in would fail today."
    assert "Issue a temporary code" in details.readiness.details.text()
    # ... and the action for it is right there in the pane.
    titles = [b.text() for b in details.findChildren(QPushButton)]
    assert action_titles()[RowAction.TEMPORARY_CODE] in titles
    # The journal holds a typed report: who reported whom (nothing else).
    [entry] = [e for e in Journal(path).read().entries if e.kind is EntryKind.ACTION]
    assert entry.action is Action.BADGE_FORGOTTEN
    assert entry.target is not None and entry.target.user_id == worker.id
    assert entry.actor is not None and entry.actor.user_id == manager["id"]
    assert entry.tenant_id == demo_clean.tenant_id
    # The "Not ready" quick filter lists them (and exactly the core's verdicts).
    window.filter_bar.buttons[QuickFilter.NOT_READY].setChecked(True)
    assert worker.id in shown_ids(window)
    assert shown_ids(window) == not_ready_ids(rig)
    total = window.model.total_count
    assert window.filter_bar.count_label.text() == f"{window.model.rowCount()} of {total} people"

    # Withdrawn ("found it again"): ready again, and out of the filter once it re-applies.
    select(window, worker.id)  # the filter reset the selection
    check.click()
    assert not check.isChecked() and rig.controller.forgotten_badges == frozenset()
    assert details.readiness.summary.text().startswith("✔ Ready")
    await wait_until(lambda: worker.id not in shown_ids(window), 3)
    window.filter_bar.buttons[QuickFilter.NOT_READY].setChecked(False)
    select(window, worker.id)
    check.click()
    assert rig.controller.forgotten_badges == {worker.id}
    assert [e.action for e in Journal(path).read().entries] == [
        Action.BADGE_FORGOTTEN,
        Action.BADGE_FORGOTTEN_WITHDRAWN,
        Action.BADGE_FORGOTTEN,
    ]

    # A new controller on the same profile the same day, offline on the saved roster: the
    # report is still there, and the toggle still works (it is local).
    offline = make_rig(forced_offline=True, tenant_key=demo_clean.tenant_id)
    offline.controller.set_journal(Journal(path, tenant_id=demo_clean.tenant_id))
    await offline.controller.start()
    assert offline.controller.offline_reason
    assert offline.controller.forgotten_badges == {worker.id}
    select(offline.window, worker.id)
    again = offline.window.details.forgotten_check
    assert again.isVisible() and again.isChecked()
    assert offline.window.details.readiness.readiness.has(Blocker.FORGOTTEN_BADGE_NO_TEMPORARY)
    offline.window.filter_bar.buttons[QuickFilter.NOT_READY].setChecked(True)
    assert worker.id in shown_ids(offline.window)
    # Another tenant's controller on the same journal does not see it.
    other = make_rig(forced_offline=True, tenant_key="another-tenant.example")
    other.controller.set_journal(Journal(path, tenant_id="another-tenant.example"))
    assert other.controller.forgotten_badges == frozenset()

    # A temporary code is issued (as the dialog does) and the status checked again: the
    # blocker is gone, the report stays.
    now = datetime.now(UTC)
    await create_temporary_code(rig.graph, worker.id, start=now, expire=now + timedelta(hours=2))
    finished: list[str] = []
    rig.controller.sync_finished.connect(finished.append)
    rig.controller.check_status([worker.id])
    await wait_until(lambda: finished, 20)  # a one-person check can end between two polls
    fresh = window.model.row_by_id(worker.id)
    assert fresh.method is not None and fresh.method.temporary is not None
    select(window, worker.id)
    readiness = details.readiness.readiness
    assert readiness is not None and readiness.ready
    assert not readiness.has(Blocker.FORGOTTEN_BADGE_NO_TEMPORARY)
    assert check.isChecked() and rig.controller.forgotten_badges == {worker.id}
    window.filter_bar.buttons[QuickFilter.NOT_READY].setChecked(True)
    assert worker.id not in shown_ids(window)
    assert shown_ids(window) == not_ready_ids(rig)
    assert Journal(path).forgotten_badges(now - timedelta(hours=1)) == {worker.id}
    assert not rig.errors and not offline.errors
