"""The roster table model: Qt's model contract, formatting, sorting, filtering, streaming."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from qrpin_gui.core.models import FetchKind
from qrpin_gui.ui.roster_model import ReasonRole, RosterTableModel, RowRole, ToneRole
from qrpin_gui.ui.roster_present import STATUS_RANK, Col, QuickFilter
from qrpin_gui.ui.theme import Tone, tone_colors
from tests.gui.factories import NOW, loaded, many_rows, method, mixed_rows


def make_model(rows=None) -> RosterTableModel:  # type: ignore[no-untyped-def]
    model = RosterTableModel(now=lambda: NOW, tone_colors=lambda tone: tone_colors(False, tone))
    model.set_rows(rows if rows is not None else mixed_rows())
    return model


def column(model: RosterTableModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    qtmodeltester.check(model)
    model.sort(Col.STATUS, Qt.SortOrder.DescendingOrder)
    model.set_quick_filters({QuickFilter.EXPIRED})
    qtmodeltester.check(model)


def test_cells_show_status_in_words_and_colour() -> None:
    model = make_model()
    by_name = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    status = {name: model.index(r, Col.STATUS).data() for name, r in by_name.items()}
    assert status["Ada Active"] == "Active"
    assert status["Nick NoQR"] == "No QR sign-in"
    assert status["Eve Expired"] == "Expired"
    assert status["Sam Soon"].startswith("Expires in 5 day")
    assert status["Tim Temporary"] == "Temporary code live"
    assert status["Pat PinChange"] == "PIN must change"
    assert status["Alex Admin"] == "Not manageable here"
    assert status["Una Unknown"] == "Not checked"
    assert status["Fay Failed"] == "Could not check"
    expired = model.index(by_name["Eve Expired"], Col.STATUS)
    assert expired.data(ToneRole) is Tone.BAD
    assert expired.data(Qt.ItemDataRole.BackgroundRole) == tone_colors(False, Tone.BAD).background
    admin = model.index(by_name["Alex Admin"], Col.STATUS)
    assert "admin role" in admin.data(ReasonRole)
    assert "admin role" in admin.data(Qt.ItemDataRole.ToolTipRole)
    pat = by_name["Pat PinChange"]
    assert model.index(pat, Col.PIN_STATE).data() == "Temporary, must change"
    assert model.index(pat, Col.PIN_CHANGED).data() == "2026-11-11"
    assert model.index(by_name["Tim Temporary"], Col.TEMPORARY_UNTIL).data() != ""
    assert model.index(by_name["Ada Active"], 0).data(RowRole).user.display_name == "Ada Active"


def test_sort_in_the_model_by_each_column_keeps_every_row() -> None:
    model = make_model()
    for col in Col:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(col, order)
            assert model.rowCount() == 9
            assert len({model.index(r, 0).data() for r in range(9)}) == 9
    model.sort(Col.NAME)
    names = column(model, Col.NAME)
    assert names == sorted(names, key=str.casefold)
    model.sort(Col.NAME, Qt.SortOrder.DescendingOrder)
    assert column(model, Col.NAME) == sorted(names, key=str.casefold, reverse=True)
    model.sort(Col.STATUS)
    assert column(model, Col.NAME)[0] == "Eve Expired"  # most urgent first
    model.sort(Col.STANDARD_EXPIRES)
    dates = [d for d in column(model, Col.STANDARD_EXPIRES) if d]
    assert dates == sorted(dates)
    assert column(model, Col.STANDARD_EXPIRES)[-1] == ""  # no date sorts last


def test_search_over_name_upn_and_department_is_debounced(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    model.set_search_text("bakery")
    assert model.rowCount() == 9  # not applied before the debounce fires
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=2000)
    assert sorted(column(model, 0)) == ["Nick NoQR", "Sam Soon"]
    model.set_search_text("USER7@")
    model.apply_filter_now()
    assert column(model, 0) == ["Alex Admin"]
    model.set_search_text("")
    model.apply_filter_now()
    assert model.rowCount() == 9


def test_each_quick_filter_shows_only_matching_rows() -> None:
    model = make_model()
    expected = {
        QuickFilter.NO_QR: {"Nick NoQR"},
        QuickFilter.EXPIRED: {"Eve Expired"},
        QuickFilter.EXPIRING: {"Sam Soon"},
        QuickFilter.TEMPORARY_LIVE: {"Tim Temporary"},
        QuickFilter.PIN_MUST_CHANGE: {"Pat PinChange"},
    }
    for quick, names in expected.items():
        model.set_quick_filters({quick})
        assert set(column(model, 0)) == names, quick
    model.set_quick_filters({QuickFilter.EXPIRED, QuickFilter.NO_QR})
    assert set(column(model, 0)) == {"Eve Expired", "Nick NoQR"}
    model.set_search_text("nick")
    model.apply_filter_now()
    assert column(model, 0) == ["Nick NoQR"]
    model.set_quick_filters(set())
    assert column(model, 0) == ["Nick NoQR"]


def test_streamed_rows_append_and_status_updates_change_cells() -> None:
    model = make_model([])
    model.sort(Col.NAME)
    inserted: list[tuple[int, int]] = []
    changed: list[int] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda tl, _br, _roles=(): changed.append(tl.row()))
    first_page = [loaded(i, None, name=f"Zed {i}") for i in range(3)]
    unknown = [r.__class__(user=r.user) for r in first_page]
    model.append_rows(unknown)
    model.append_rows([loaded(10, method(), name="Amy First")])
    assert inserted and model.rowCount() == 4
    assert column(model, 0)[0] == "Amy First"  # kept sorted as rows stream in
    assert model.index(1, Col.STATUS).data() == "Not checked"
    model.update_rows([first_page[1]])
    assert changed
    row = model.row_by_id(first_page[1].id)
    assert row is not None and row.fetch.kind is FetchKind.LOADED
    assert model.index(model.index_of(first_page[1].id).row(), Col.STATUS).data() == "No QR sign-in"
    # A row id seen again updates the row instead of duplicating it.
    model.append_rows([first_page[0]])
    assert model.rowCount() == 4


def test_selection_follows_rows_when_sorting(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableView

    model = make_model()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    model.sort(Col.NAME)
    target = model.index_of(loaded(3, None).id)
    view.selectRow(target.row())
    model.sort(Col.NAME, Qt.SortOrder.DescendingOrder)
    selected = view.selectionModel().selectedRows()
    assert len(selected) == 1
    assert selected[0].data(RowRole).user.display_name == "Eve Expired"
    assert not model.index(0, 0).parent().isValid()
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.rowCount(QModelIndex()) == 9


def test_fifty_thousand_rows_load_sort_and_filter() -> None:
    # Behaviour only: the timings are measured by bench/table.py, not asserted here.
    rows = many_rows(50_000)
    model = RosterTableModel(now=lambda: NOW)
    model.set_rows(rows)
    assert model.rowCount() == 50_000
    model.sort(Col.NAME)
    assert model.index(0, 0).data() == "Name 000000"
    assert model.index(49_999, 0).data() == "Name 049999"
    model.set_search_text("name 0001")
    model.apply_filter_now()
    assert model.rowCount() == 100
    model.set_quick_filters({QuickFilter.NO_QR})
    expected = {r.id for r in rows if "name 0001" in r.user.display_name.casefold()}
    expected &= {r.id for r in rows if r.method is None}
    assert {model.row_at(i).id for i in range(model.rowCount())} == expected


def test_sorts_by_status_and_pin_follow_the_shown_status_then_name() -> None:
    rows = many_rows(300) + mixed_rows()
    model = make_model(rows)
    model.sort(Col.UPN)  # start from an order that is not the name order
    for col in (Col.STATUS, Col.PIN_STATE, Col.TEMPORARY_UNTIL):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(col, order)
            views = [model.view_at(r) for r in range(model.rowCount())]
            if col == Col.STATUS:
                keys = [(STATUS_RANK[v.derived.primary], v.texts[0].casefold()) for v in views]
            elif col == Col.PIN_STATE:
                keys = [(v.texts[Col.PIN_STATE], v.texts[0].casefold()) for v in views]
            else:
                keys = [
                    (v.derived.temporary_until is None, v.texts[Col.TEMPORARY_UNTIL]) for v in views
                ]
            descending = order == Qt.SortOrder.DescendingOrder
            assert keys == sorted(keys, reverse=descending), (col, order)


def test_refresh_time_moves_rows_between_statuses_and_filters(qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = [NOW]
    model = RosterTableModel(now=lambda: clock[0])
    model.set_rows(mixed_rows())
    model.sort(Col.NAME)
    model.set_quick_filters({QuickFilter.TEMPORARY_LIVE})
    assert column(model, 0) == ["Tim Temporary"]
    model.set_quick_filters(set())
    row_of = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(row_of["Sam Soon"], Col.STATUS).data().startswith("Expires in 5 day")
    # Five hours on: Tim's 4-hour temporary code has run out; Sam's badge is a day older.
    clock[0] = NOW + timedelta(hours=5, days=1)
    model.set_quick_filters({QuickFilter.TEMPORARY_LIVE})
    model.refresh_time()
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=3000)
    model.set_quick_filters(set())
    row_of = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(row_of["Tim Temporary"], Col.STATUS).data() == "Active"
    assert model.index(row_of["Sam Soon"], Col.STATUS).data().startswith("Expires in 3 day")
    # Six more days: Sam's badge expired; he shows under "Expired" after the refresh.
    clock[0] = NOW + timedelta(days=7)
    model.set_quick_filters({QuickFilter.EXPIRED})
    assert set(column(model, 0)) == {"Eve Expired"}
    model.refresh_time()
    qtbot.waitUntil(lambda: set(column(model, 0)) == {"Eve Expired", "Sam Soon"}, timeout=3000)


def test_select_all_then_sort_keeps_every_row_selected(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableView

    model = make_model(many_rows(2_000))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    model.sort(Col.NAME)
    view.selectAll()
    model.sort(Col.STATUS, Qt.SortOrder.DescendingOrder)
    assert len(view.selectionModel().selectedRows()) == 2_000
    # Every other row selected, then sorted: the same people stay selected.
    view.clearSelection()
    chosen = set()
    for r in range(0, 2_000, 2):
        view.selectionModel().select(
            model.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        chosen.add(model.row_at(r).id)
    model.sort(Col.NAME, Qt.SortOrder.DescendingOrder)
    assert {i.data(RowRole).id for i in view.selectionModel().selectedRows()} == chosen


def test_status_updates_refilter_with_search_and_quick_filter_both_active(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    model.set_search_text("a")  # Ada, Sam, Tim, Pat, Alex, Una, Fay, Eve? (by name/UPN/dept)
    model.apply_filter_now()
    model.set_quick_filters({QuickFilter.EXPIRED})
    assert column(model, 0) == ["Eve Expired"]
    # Ada's badge expires (status answer arrives): she joins; Eve's was renewed: she leaves.
    ada = loaded(1, method(expires_in_days=-1), name="Ada Active")
    eve = loaded(3, method(), name="Eve Expired")
    model.update_rows([ada, eve])
    qtbot.waitUntil(lambda: column(model, 0) == ["Ada Active"], timeout=3000)
    # Typing on still narrows, and the quick filter still applies.
    model.set_search_text("ada a")
    model.apply_filter_now()
    assert column(model, 0) == ["Ada Active"]
