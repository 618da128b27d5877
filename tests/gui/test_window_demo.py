"""The main window against the demo tenant: store roster, All users, filters, export, cancel,
offline mid-session and back, the offline viewer from a snapshot."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from qrpin_gui.core.models import FetchKind
from qrpin_gui.core.status import RowStatus
from qrpin_gui.ui.roster_model import RowRole
from qrpin_gui.ui.roster_present import Col, QuickFilter, derive
from qrpin_gui.ui.row_actions import RowAction
from qrpin_gui.ui.store_picker import ALL_USERS
from tests.gui.conftest import demo_account, demo_faults, unit_member_ids
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


def rows_of(window: Any) -> list[Any]:
    model = window.model
    return [model.index(r, 0).data(RowRole) for r in range(model.rowCount())]


async def synced(rig: Any, limit: float = 20.0) -> None:
    await rig.controller.sign_in_and_sync()
    await wait_until(
        lambda: rig.controller.last_report is not None and not rig.controller.is_syncing, limit
    )


async def test_store_manager_sees_exactly_their_store(demo_clean, make_rig) -> None:  # type: ignore[no-untyped-def]
    manager = demo_account(demo_clean, "storeManager")
    rig = make_rig(demo_clean, manager["upn"])
    await synced(rig)
    window = rig.window
    store_id = manager["stores"][0]
    assert window.store_picker.current_store() == store_id
    assert ALL_USERS not in window.store_picker.store_ids()  # not a tenant-wide admin
    rows = rows_of(window)
    assert {r.id for r in rows} == unit_member_ids(demo_clean, store_id)
    assert rig.controller.last_report.pending == 0
    # Admin-role holders in the store (and the manager herself) are marked, with the reason.
    admin = next(a for a in demo_clean.accounts("adminUser") if store_id in a["stores"])
    admin_row = next(r for r in rows if r.id == admin["id"])
    assert admin_row.fetch.kind is FetchKind.NOT_MANAGEABLE
    index = window.model.index_of(admin["id"], Col.STATUS)
    assert index.data() == "Not manageable here"
    assert "admin role" in index.data(Qt.ItemDataRole.ToolTipRole)
    # Everyone else has a final QR status.
    others = [r for r in rows if r.id not in (admin["id"], manager["id"])]
    assert all(r.fetch.kind is FetchKind.LOADED for r in others)
    # The window says who is signed in, where, and how fresh the data is.
    assert manager["upn"] in window.status.account.text()
    assert "contoso-retail.example" in window.status.account.text()
    assert window.status.age_label.text() == "Updated just now"
    assert "Online" in window.status.connection.text()
    assert rig.settings.last_store == store_id
    assert not rig.errors


async def test_details_pane_and_actions_disabled_with_reason(demo_clean, make_rig) -> None:  # type: ignore[no-untyped-def]
    manager = demo_account(demo_clean, "storeManager")
    rig = make_rig(demo_clean, manager["upn"])
    await synced(rig)
    window = rig.window
    worker = next(a for a in demo_clean.accounts("worker") if manager["stores"][0] in a["stores"])
    window.table.setCurrentIndex(window.model.index_of(worker["id"]))
    assert window.details.title.text() == worker["displayName"]
    reset = window.row_action_items[RowAction.RESET_PIN]
    assert not reset.isEnabled()
    assert "not available in this version" in reset.toolTip()
    # A handler arriving later (issue 7) enables the action for a manageable worker ...
    calls: list[str] = []
    window.row_actions.register(RowAction.RESET_PIN, lambda row: calls.append(row.id))
    row = window.model.row_by_id(worker["id"])
    if row.method is not None:
        assert reset.isEnabled()
        reset.trigger()
        assert calls == [worker["id"]]
    # ... but never for an admin-role holder: the reason is the plain one.
    admin = next(a for a in demo_clean.accounts("adminUser") if manager["stores"][0] in a["stores"])
    window.table.setCurrentIndex(window.model.index_of(admin["id"]))
    assert not reset.isEnabled()
    assert "admin role" in reset.toolTip()


async def test_it_admin_all_users_checks_status_for_a_selection_only(demo_clean, make_rig) -> None:  # type: ignore[no-untyped-def]
    admin = demo_account(demo_clean, "itAdmin")
    rig = make_rig(demo_clean, admin["upn"])
    rig.settings.last_store = ALL_USERS
    await synced(rig)
    window = rig.window
    assert window.store_picker.current_store() == ALL_USERS
    assert window.check_button.isVisible()
    rows = rows_of(window)
    assert len(rows) > 50
    assert all(r.fetch.kind is FetchKind.UNKNOWN for r in rows)  # the tenant is not scanned
    window.model.sort(Col.NAME)
    selection = window.table.selectionModel()
    selection.clear()
    for r in (0, 2, 4):
        selection.select(
            window.model.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    chosen = {window.model.index(r, 0).data(RowRole).id for r in (0, 2, 4)}
    requests_before = rig.graph.stats.requests
    window.check_status_action.trigger()
    await wait_until(lambda: rig.controller.is_syncing, 5)
    await wait_until(lambda: not rig.controller.is_syncing, 20)
    after = {r.id: r for r in rig.controller.rows}
    assert all(after[i].fetch.kind is not FetchKind.UNKNOWN for i in chosen)
    unknown = [r for r in after.values() if r.fetch.kind is FetchKind.UNKNOWN]
    assert len(unknown) == len(rows) - 3
    assert rig.graph.stats.requests - requests_before <= 3  # one $batch (plus retries at most)
    assert not rig.errors


async def test_search_quick_filters_sort_and_csv_export(demo_clean, make_rig, tmp_path) -> None:  # type: ignore[no-untyped-def]
    manager = demo_account(demo_clean, "storeManager")
    rig = make_rig(demo_clean, manager["upn"])
    await synced(rig)
    window = rig.window
    model = window.model
    total = model.rowCount()
    # Ctrl+F puts the cursor in the search box; typing filters after the debounce.
    window.find_action.trigger()
    assert window.focusWidget() is window.search
    first = rows_of(window)[0]
    window.search.setText(first.user.upn.split("@")[0].upper())
    await wait_until(lambda: model.rowCount() < total, 3)
    assert [r.id for r in rows_of(window)] == [first.id]
    assert window.filter_bar.count_label.text() == f"1 of {total} people"
    window.search.clear()
    await wait_until(lambda: model.rowCount() == total, 3)
    # Each quick filter shows exactly the rows whose derived status carries the flag.
    now = model._now
    for quick, button in window.filter_bar.buttons.items():
        button.setChecked(True)
        shown = {r.id for r in rows_of(window)}
        expected = {r.id for r in rig.controller.rows if quick in derive(r, now).filters}
        assert shown == expected, quick
        button.setChecked(False)
    assert model.rowCount() == total
    # The demo store holds people in several states.
    statuses = {derive(r, now).primary for r in rig.controller.rows}
    assert RowStatus.ACTIVE in statuses and RowStatus.NOT_MANAGEABLE in statuses
    # Sort by clicking the header: name descending.
    window.table.sortByColumn(Col.NAME, Qt.SortOrder.DescendingOrder)
    names = [r.user.display_name for r in rows_of(window)]
    assert names == sorted(names, key=str.casefold, reverse=True)
    # CSV export of the current (filtered) view.
    window.filter_bar.buttons[QuickFilter.NO_QR].setChecked(True)
    path = tmp_path / "view.csv"
    count = window.export_to(str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0][0] == "Name" and len(table[0]) == len(Col)
    assert count == len(table) - 1 == model.rowCount()
    assert {row[1] for row in table[1:]} == {r.user.upn for r in rows_of(window)}
    assert all(row[Col.STATUS] == "No QR sign-in" for row in table[1:])


async def test_csv_export_escapes_formula_cells(make_rig, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.factories import loaded, method

    rig = make_rig()
    rows = [
        loaded(1, method(), name='=HYPERLINK("http://x")'),
        loaded(2, None, name="+SUM(A1)", dept="-1"),
        loaded(3, None, name="@cmd", dept='Deli, "North"'),
    ]
    rig.controller.rows_replaced.emit(rows, None, False)
    path = tmp_path / "x.csv"
    assert rig.window.export_to(str(path)) == 3
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:], newline="")))
    cells = {row[0] for row in table[1:]}
    assert cells == {'\'=HYPERLINK("http://x")', "'+SUM(A1)", "'@cmd"}
    assert {row[2] for row in table[1:]} == {"Sales", "'-1", 'Deli, "North"'}
    assert "\r\n" in text


async def test_cancel_a_sync_keeps_the_rows_loaded_so_far(demo_clean, make_rig) -> None:  # type: ignore[no-untyped-def]
    manager = demo_account(demo_clean, "storeManager")
    rig = make_rig(demo_clean, manager["upn"])
    await synced(rig)
    loaded_rows = rig.window.model.rowCount()
    demo_faults(demo_clean, latency_ms=400)
    try:
        rig.window.refresh_action.trigger()
        await wait_until(lambda: rig.controller.is_syncing, 5)
        assert rig.window.status.progress.isVisible()
        await wait_until(lambda: rig.window.model.rowCount() > 0, 10)
        finished: list[str] = []
        rig.controller.sync_finished.connect(finished.append)
        rig.window.status.progress.cancel_button.click()
        await wait_until(lambda: finished == ["cancelled"], 5)
    finally:
        demo_faults(demo_clean)
    assert not rig.controller.is_syncing
    assert not rig.window.status.progress.isVisible()
    assert rig.window.model.rowCount() == loaded_rows
    assert rig.window.refresh_action.isEnabled()
    assert not rig.errors


async def test_offline_mid_session_then_back(demo_clean, make_rig) -> None:  # type: ignore[no-untyped-def]
    manager = demo_account(demo_clean, "storeManager")
    rig = make_rig(demo_clean, manager["upn"], retry_delays=(0.3,))
    await synced(rig)
    window = rig.window
    rows_before = {r.id for r in rows_of(window)}
    window.row_actions.register(RowAction.RESET_PIN, lambda row: None)
    demo_faults(demo_clean, drop_rate=1.0)
    try:
        window.refresh_action.trigger()
        await wait_until(lambda: bool(rig.controller.offline_reason), 30)
        assert "Offline" in window.status.connection.text()
        assert window.offline_banner.isVisible()
        assert "Changes are disabled" in window.offline_banner.label.text()
        # The saved roster stays on screen, read-only: search, filters, details still work.
        assert {r.id for r in rows_of(window)} == rows_before
        assert window.model.rowCount() > 0
        window.table.setCurrentIndex(window.model.index(0, 0))
        reset = window.row_action_items[RowAction.RESET_PIN]
        assert not reset.isEnabled()
        assert "Offline" in reset.toolTip()
        assert not window.check_status_action.isEnabled()
        assert window.export_action.isEnabled()
    finally:
        demo_faults(demo_clean)
    # The background retry notices the network is back and syncs.
    await wait_until(
        lambda: not rig.controller.offline_reason and not rig.controller.is_syncing, 30
    )
    await wait_until(lambda: not rig.controller.data_from_snapshot, 10)
    assert "Online" in window.status.connection.text()
    assert not window.offline_banner.isVisible()
    assert {r.id for r in rows_of(window)} == rows_before


async def test_start_offline_from_snapshot(demo_clean, make_rig, tmp_path) -> None:  # type: ignore[no-untyped-def]
    manager = demo_account(demo_clean, "storeManager")
    first = make_rig(demo_clean, manager["upn"], profile=tmp_path)
    await synced(first)
    synced_rows = {r.id: r for r in first.controller.rows}
    assert (tmp_path / "snapshot.bin").exists()
    # A second start with --offline: the snapshot is shown at once, nothing is sent.
    second = make_rig(forced_offline=True, profile=tmp_path, tenant_key=demo_clean.tenant_id)
    await second.controller.start()
    window = second.window
    assert {r.id for r in rows_of(window)} == set(synced_rows)
    assert second.controller.data_from_snapshot
    assert window.status.age_label.text().startswith("Saved roster")
    assert "Offline mode" in window.offline_banner.label.text()
    assert window.store_picker.current_store() == manager["stores"][0]
    assert manager["upn"] in window.status.account.text()
    assert not window.refresh_action.isEnabled()
    # Read-only viewer: search and details still work.
    some = next(iter(synced_rows.values()))
    window.search.setText(some.user.display_name)
    window.model.apply_filter_now()
    assert some.id in {r.id for r in rows_of(window)}
    window.table.setCurrentIndex(window.model.index(0, 0))
    assert window.details.title.text()
    # Rows keep what the sync found (the snapshot holds status, never a secret).
    row = window.model.row_by_id(some.id)
    assert row.fetch.kind is synced_rows[some.id].fetch.kind


async def test_sign_out_clears_the_window_and_the_saved_roster(
    demo_clean, make_rig, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    manager = demo_account(demo_clean, "storeManager")
    rig = make_rig(demo_clean, manager["upn"], profile=tmp_path)
    await synced(rig)
    assert (tmp_path / "snapshot.bin").exists()
    assert rig.settings.remembered_account
    rig.window.sign_out_action.trigger()
    await wait_until(lambda: rig.auth.signed_out == 1 and not rig.controller.account_username, 5)
    window = rig.window
    assert window.model.total_count == 0
    assert window.status.account.text() == "Not signed in"
    assert not (tmp_path / "snapshot.bin").exists()
    assert rig.settings.remembered_account == ""
    assert window.store_picker.current_store() == ""
    assert "Signed out" in window.notice_banner.label.text()
    assert not window.sign_out_action.isEnabled()
    # Signing in again brings the store back.
    window.sign_in_action.trigger()
    await wait_until(lambda: window.model.total_count > 0 and not rig.controller.is_syncing, 20)
    assert manager["upn"] in window.status.account.text()


async def test_start_without_network_shows_snapshot_then_syncs_when_back(
    demo_clean, make_rig, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    manager = demo_account(demo_clean, "storeManager")
    first = make_rig(demo_clean, manager["upn"], profile=tmp_path)
    await synced(first)
    expected = {r.id for r in first.controller.rows}
    demo_faults(demo_clean, drop_rate=1.0)
    try:
        rig = make_rig(demo_clean, manager["upn"], profile=tmp_path, retry_delays=(0.3,))
        await rig.controller.start()
        assert {r.id for r in rows_of(rig.window)} == expected  # at once, before sign-in
        assert rig.controller.data_from_snapshot
        await rig.controller.sign_in_and_sync()
        await wait_until(lambda: bool(rig.controller.offline_reason), 30)
        assert rig.window.offline_banner.isVisible()
        assert "Microsoft cannot be reached" in rig.window.offline_banner.label.text()
        assert {r.id for r in rows_of(rig.window)} == expected
    finally:
        demo_faults(demo_clean)
    await wait_until(
        lambda: not rig.controller.offline_reason and rig.controller.last_report is not None, 30
    )
    await wait_until(
        lambda: not rig.controller.is_syncing and not rig.controller.data_from_snapshot, 20
    )
    assert {r.id for r in rows_of(rig.window)} == expected
    assert not rig.window.offline_banner.isVisible()


async def all_users_window(demo: Any, make_rig: Any) -> Any:
    """An IT admin's window on "All users", loaded, with nothing selected."""
    admin = demo_account(demo, "itAdmin")
    rig = make_rig(demo, admin["upn"])
    rig.settings.last_store = ALL_USERS
    await synced(rig)
    assert rig.window.store_picker.current_store() == ALL_USERS
    return rig


async def checked_ids(rig: Any) -> set[str]:
    """Trigger "Check status"; the ids whose status was read by it."""
    before = {r.id for r in rig.controller.rows if r.fetch.kind is not FetchKind.UNKNOWN}
    finished: list[str] = []
    rig.controller.sync_finished.connect(finished.append)
    rig.window.check_status_action.trigger()
    # The signal, not polling ``is_syncing``: a small check can be over between two polls.
    await wait_until(lambda: bool(finished) and not rig.controller.is_syncing, 30)
    rig.controller.sync_finished.disconnect(finished.append)
    after = {r.id for r in rig.controller.rows if r.fetch.kind is not FetchKind.UNKNOWN}
    assert not rig.errors
    return after - before


async def test_check_status_without_a_selection_checks_the_rows_on_screen(
    demo_clean, make_rig
) -> None:  # type: ignore[no-untyped-def]
    rig = await all_users_window(demo_clean, make_rig)
    window = rig.window
    # After the load the first row is current (arrow keys, details pane) but not selected.
    assert window.table.currentIndex().row() == 0
    assert window.selected_rows() == []
    assert window.details.title.text() == rows_of(window)[0].user.display_name
    on_screen = window.visible_row_ids()
    assert 0 < len(on_screen) < window.model.rowCount()
    assert await checked_ids(rig) == set(on_screen)


async def test_check_status_without_a_selection_checks_the_filtered_set(
    demo_clean, make_rig
) -> None:  # type: ignore[no-untyped-def]
    rig = await all_users_window(demo_clean, make_rig)
    window = rig.window
    window.resize(900, 380)  # a short table: the filtered set is more than fits on screen
    await wait_until(lambda: 0 < len(window.visible_row_ids()) < 12, 5)
    on_screen = len(window.visible_row_ids())
    departments: dict[str, int] = {}
    for row in rig.controller.rows:
        if row.user.department:
            departments[row.user.department] = departments.get(row.user.department, 0) + 1
    fits = [d for d, n in departments.items() if on_screen < n <= rig.controller.CHECK_LIMIT]
    assert fits, departments
    window.search.setText(max(fits, key=departments.__getitem__))
    window.model.apply_filter_now()
    filtered = {r.id for r in rows_of(window)}
    assert on_screen < len(filtered) < window.model.total_count
    assert window.selected_rows() == []
    assert await checked_ids(rig) == filtered


async def test_store_picker_switches_a_store_to_all_users(demo_clean, make_rig) -> None:  # type: ignore[no-untyped-def]
    admin = demo_account(demo_clean, "itAdmin")
    store = demo_account(demo_clean, "storeManager")["stores"][0]
    rig = make_rig(demo_clean, admin["upn"])
    rig.settings.last_store = store
    await synced(rig)
    window = rig.window
    picker = window.store_picker
    assert picker.current_store() == store
    assert ALL_USERS in picker.store_ids()
    store_rows = {r.id for r in rows_of(window)}
    assert store_rows == unit_member_ids(demo_clean, store)
    # The person picks "All users": a click (or Enter) makes it current, then ``activated``.
    reports = [rig.controller.last_report]
    picker.setCurrentIndex(picker.findData(ALL_USERS))
    assert rig.settings.last_store == store  # choosing is ``activated``, not a current change
    picker.activated.emit(picker.findData(ALL_USERS))
    await wait_until(
        lambda: rig.controller.last_report not in reports and not rig.controller.is_syncing, 30
    )
    rows = rows_of(window)
    assert picker.current_store() == ALL_USERS
    assert rig.settings.last_store == ALL_USERS
    assert store_rows < {r.id for r in rows}  # the whole directory, the store included
    assert all(r.fetch.kind is FetchKind.UNKNOWN for r in rows)  # the tenant is not scanned
    assert window.check_button.isVisible()
    assert window.selected_rows() == []
    assert not rig.errors


async def test_time_refresh_ends_an_expired_temporary_code(make_rig) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from qrpin_gui.ui.main_window import TIME_REFRESH_MS
    from tests.gui.factories import NOW, loaded, method

    rig = make_rig()
    window = rig.window
    clock = [NOW]
    window.model.set_clock(lambda: clock[0])
    assert window.time_timer.isActive() and window.time_timer.interval() == TIME_REFRESH_MS
    rig.controller.rows_replaced.emit(
        [loaded(1, method(temporary_hours=2), name="Tim Temporary")], None, False
    )
    window.table.setCurrentIndex(window.model.index(0, 0))
    status = window.model.index(0, Col.STATUS)
    assert status.data() == "Temporary code live"
    assert window.details.status_chip.text() == "Temporary code live"
    clock[0] = NOW + timedelta(hours=3)
    window.time_timer.timeout.emit()  # the five-minute tick
    assert status.data() == "Active"
    assert window.details.status_chip.text() == "Active"
