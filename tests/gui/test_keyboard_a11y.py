"""Keyboard use and accessible names: every action reachable without a mouse."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QScrollBar,
    QTableView,
    QWidget,
)

from qrpin_gui.ui.roster_present import Col
from tests.gui.factories import mixed_rows

pytestmark = pytest.mark.asyncio


async def test_every_focusable_control_has_an_accessible_name(make_rig: Any) -> None:
    rig = make_rig()
    rig.controller.rows_replaced.emit(mixed_rows(), None, False)
    unnamed = []
    for widget in rig.window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or isinstance(widget, QScrollBar):
            continue
        if not widget.isVisibleTo(rig.window):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []
    for kind in (QLineEdit, QComboBox, QTableView):
        for widget in rig.window.findChildren(kind):
            if widget.isVisibleTo(rig.window) and widget.parent() is not None:
                assert widget.accessibleName(), kind


async def test_shortcuts_for_search_refresh_and_row_actions(make_rig: Any) -> None:
    rig = make_rig()
    window = rig.window
    assert QKeySequence("F5") in window.refresh_action.shortcuts()
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert not window.export_action.shortcut().isEmpty()
    assert not window.check_status_action.shortcut().isEmpty()
    # Every row action is in the Person menu (reachable by keyboard through the menu bar).
    person_actions = set(window.menus["person"].actions())
    assert set(window.row_action_items.values()) <= person_actions
    # Ctrl+F (the action) puts the cursor in the search box.
    window.table.setFocus()
    window.find_action.trigger()
    assert window.focusWidget() is window.search


async def test_arrows_and_enter_in_the_table(make_rig: Any, qtbot: Any) -> None:
    rig = make_rig()
    window = rig.window
    rig.controller.rows_replaced.emit(mixed_rows(), None, False)
    window.model.sort(Col.NAME)
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(0, 0))
    first = window.details.title.text()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.table.currentIndex().row() == 1
    assert window.details.title.text() != first
    assert window.details.title.text() == window.model.index(1, 0).data()
    # Enter activates the row: the details pane is shown (even if it was hidden).
    window.details_action.setChecked(False)
    assert not window.details.isVisible()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.details.isVisible()


async def test_typing_on_narrows_and_deleting_widens_the_search(make_rig: Any) -> None:
    rig = make_rig()
    model = rig.window.model
    rig.controller.rows_replaced.emit(mixed_rows(), None, False)
    seen = []
    for text in ("a", "ad", "ada", "ad", "a", ""):
        model.set_search_text(text)
        model.apply_filter_now()
        seen.append(model.rowCount())
    assert seen[2] == 1
    assert seen[1] == seen[3] and seen[0] == seen[4]
    assert seen[-1] == len(mixed_rows())
