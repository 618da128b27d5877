"""The store picker: the administrative units the manager administers, plus "All users" for
an admin with a tenant-wide role. The choice is remembered in the settings (``last_store``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from qrpin_gui.core.models import AdministrativeUnit

ALL_USERS = "*"
"""The store id of "All users" (as kept in ``Settings.last_store``)."""


class StorePicker(QComboBox):
    """A combo box of stores; emits ``store_chosen(id)`` when the person picks one."""

    store_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Store"))
        self.setToolTip(self.tr("The store whose staff are listed"))
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._updating = False
        self.activated.connect(self._on_activated)
        self.set_stores([], allow_all=False, current="")

    def set_stores(
        self, stores: Sequence[AdministrativeUnit], *, allow_all: bool, current: str
    ) -> None:
        """Fill the list (stores by name, "All users" last) and select ``current``."""
        self._updating = True
        try:
            self.clear()
            for store in stores:
                self.addItem(store.display_name or store.id, store.id)
                if store.description:
                    self.setItemData(self.count() - 1, store.description, 3)  # ToolTipRole
            if allow_all:
                self.addItem(self.tr("All users"), ALL_USERS)
            if self.count() == 0:
                self.addItem(self.tr("No stores"), "")
                self.setEnabled(False)
            else:
                self.setEnabled(True)
            self.select(current)
        finally:
            self._updating = False

    def select(self, store_id: str) -> None:
        index = self.findData(store_id)
        self.setCurrentIndex(index if index >= 0 else 0)

    def current_store(self) -> str:
        data = self.currentData()
        return data if isinstance(data, str) else ""

    def store_ids(self) -> list[str]:
        return [self.itemData(i) for i in range(self.count()) if self.itemData(i)]

    def _on_activated(self, index: int) -> None:
        if not self._updating:
            self.store_chosen.emit(self.itemData(index) or "")
