"""Search box and quick filters above the roster."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from qrpin_gui.ui.roster_present import QuickFilter, quick_filter_titles


class FilterBar(QWidget):
    """Search (name, UPN, department) and the quick-filter toggles, with a row count.

    The search box is created here but placed by the window (in the top row)."""

    search_changed = Signal(str)
    quick_filters_changed = Signal(object)
    """frozenset[QuickFilter]"""

    def __init__(self, parent: QWidget | None = None, *, expiring_within_days: int = 14) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name, user name or department (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self.search_changed)
        self.buttons: dict[QuickFilter, QPushButton] = {}
        titles = quick_filter_titles()
        titles[QuickFilter.EXPIRING] = self.tr(
            "Expiring within %n day(s)", None, expiring_within_days
        )
        for quick in QuickFilter:
            button = QPushButton(titles[quick], self)
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Filter: %1").replace("%1", titles[quick]))
            button.setToolTip(
                self.tr("Show only people with this status (click again to show everyone)")
            )
            button.toggled.connect(self._on_toggled)
            layout.addWidget(button)
            self.buttons[quick] = button
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("People shown"))
        layout.addWidget(self.count_label)
        layout.addStretch(1)

    def active(self) -> frozenset[QuickFilter]:
        return frozenset(q for q, b in self.buttons.items() if b.isChecked())

    def set_counts(self, visible: int, total: int) -> None:
        if visible == total:
            text = self.tr("%n people", None, total)
        else:
            text = self.tr("%1 of %2 people").replace("%1", str(visible)).replace("%2", str(total))
        self.count_label.setText(text)

    def _on_toggled(self, _checked: bool) -> None:
        self.quick_filters_changed.emit(self.active())
