"""Badges and PINs that were issued but never printed or saved (the app died in between).

The service shows a badge's image and a first or new PIN only once. The actions journal
"issued, not yet printed or saved" before the dialog shows them, and the dialog marks the entry
delivered when the badge is printed or saved (or the PIN copied...). Entries still open at the
next start mean a person holds no usable badge or PIN slip, so:

- after sign-in and the first sync the window shows a notice ("N badges or PINs were issued
  but never printed or saved") with a button that opens the list;
- the list (Person › Unprinted badges…, a window-modal dialog opened with ``open()``) names
  each person, what was issued, when and by whom, with "Replace badge…" (the New badge flow
  for a badge, New temporary code for a temporary code, Reset PIN for a PIN) and "Mark as
  handled" (journal: dismissed). A successful replacement settles the entry by itself.

Strings are translated under the fixed ``PendingBadges`` context.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui.actions import ActionOutcome
from qrpin_gui.core.models import MAX_TEMPORARY_LIFETIME_HOURS, RosterRow
from qrpin_gui.offline.journal import Action, Delivery, IssuedSecret, Journal, PendingIssuance
from qrpin_gui.ui.pin_services import PinDialogServices
from qrpin_gui.ui.qr_dialog_parts import journal_delivery
from qrpin_gui.ui.roster_present import format_datetime
from qrpin_gui.ui.row_actions import RowAction

logger = logging.getLogger(__name__)

FIX_ACTIONS = {
    IssuedSecret.STANDARD_CODE: RowAction.NEW_STANDARD_CODE,
    IssuedSecret.TEMPORARY_CODE: RowAction.TEMPORARY_CODE,
    IssuedSecret.PIN: RowAction.RESET_PIN,
}
"""The flow that gives a person a new badge, temporary code or PIN for a lost one."""


def issued_text(entry: PendingIssuance) -> str:
    """What was issued, in words."""
    texts = {
        IssuedSecret.STANDARD_CODE: QCoreApplication.translate("PendingBadges", "Badge"),
        IssuedSecret.TEMPORARY_CODE: QCoreApplication.translate("PendingBadges", "Temporary code"),
        IssuedSecret.PIN: QCoreApplication.translate("PendingBadges", "First PIN"),
    }
    if entry.issued is IssuedSecret.PIN and entry.action is Action.RESET_PIN:
        return QCoreApplication.translate("PendingBadges", "New PIN")
    return texts[entry.issued]


def fix_text(entry: PendingIssuance) -> str:
    """The label of the button that gives the person a new one."""
    texts = {
        IssuedSecret.STANDARD_CODE: QCoreApplication.translate("PendingBadges", "&Replace badge…"),
        IssuedSecret.TEMPORARY_CODE: QCoreApplication.translate(
            "PendingBadges", "New &temporary code…"
        ),
        IssuedSecret.PIN: QCoreApplication.translate("PendingBadges", "Reset &PIN…"),
    }
    return texts[entry.issued]


def person_text(entry: PendingIssuance) -> str:
    target = entry.target
    return target.display_name or target.upn or target.user_id


def notice_text(count: int) -> str:
    return QCoreApplication.translate(
        "PendingBadges", "%n badges or PINs were issued but never printed or saved.", None, count
    )


@dataclass
class PendingBadgeServices:
    """What the list needs from the window (callables, so it sees the current state)."""

    journal: Journal
    find_row: Callable[[str], RosterRow | None]
    """The person's row in the roster shown (None when not listed)."""
    block_reason: Callable[[RowAction, RosterRow], str]
    """Why that action cannot run on the row now ("" = it can)."""
    open_fix: Callable[[RowAction, RosterRow, QWidget], QDialog]
    """Open the action's dialog (``open()``) on top of the list; it has ``row_updated`` and
    ``last_result`` like the QR and Reset PIN dialogs."""
    held: Callable[[], set[str]] = set
    """Issuances an open dialog still shows (not "never printed": the dialog is open)."""
    now: Callable[[], datetime] = lambda: datetime.now(UTC)


class PendingBadges(QObject):
    """The list of unprinted badges and PINs, read from the journal for this tenant."""

    changed = Signal(int)
    """How many are pending (after :meth:`refresh` or :meth:`mark_handled`)."""

    def __init__(self, services: PendingBadgeServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.panel: PendingBadgesPanel | None = None
        self._entries: list[PendingIssuance] = []

    @property
    def entries(self) -> list[PendingIssuance]:
        return list(self._entries)

    def refresh(self) -> int:
        """Read the journal again; returns how many are pending."""
        journal = self.services.journal
        held = self.services.held()
        self._entries = [
            e for e in journal.pending_issuances(journal.tenant_id) if e.issuance_id not in held
        ]
        self.changed.emit(len(self._entries))
        return len(self._entries)

    def mark_handled(self, entry: PendingIssuance) -> bool:
        """Settle an entry (journal: dismissed) and refresh."""
        written = journal_delivery(self.services.journal, entry.issuance_id, Delivery.DISMISSED)
        self.refresh()
        return written

    def fix_problem(self, entry: PendingIssuance) -> str:
        """Why the person cannot be given a new one from here now ("" = they can)."""
        window = timedelta(hours=MAX_TEMPORARY_LIFETIME_HOURS)
        if entry.issued is IssuedSecret.TEMPORARY_CODE and self.services.now() - entry.at > window:
            return QCoreApplication.translate(
                "PendingBadges", "This temporary code has expired by now. Mark it as handled."
            )
        row = self.services.find_row(entry.target.user_id)
        if row is None:
            return QCoreApplication.translate(
                "PendingBadges",
                "This person is not in the list shown. Choose their store, then try again.",
            )
        return self.services.block_reason(FIX_ACTIONS[entry.issued], row)

    def open_fix(self, entry: PendingIssuance, parent: QWidget) -> QDialog | None:
        """Open the flow that replaces what was lost; its success settles the entry."""
        row = self.services.find_row(entry.target.user_id)
        if row is None or self.fix_problem(entry):
            return None
        dialog = self.services.open_fix(FIX_ACTIONS[entry.issued], row, parent)

        settled: list[bool] = []

        def row_updated(_row: object) -> None:
            result = getattr(dialog, "last_result", None)
            if not settled and result is not None and result.outcome is ActionOutcome.DONE:
                # The replacement went through: the old one no longer matters.
                settled.append(True)
                journal_delivery(self.services.journal, entry.issuance_id, Delivery.DISMISSED)

        dialog.row_updated.connect(row_updated)  # type: ignore[attr-defined]
        return dialog

    def open_panel(self, parent: QWidget) -> PendingBadgesPanel:
        """Show the list (window-modal, ``open()``); one at a time."""
        if self.panel is not None:
            self.panel.refresh()
            self.panel.raise_()
            self.panel.activateWindow()
            return self.panel
        panel = PendingBadgesPanel(self, parent)
        panel.finished.connect(lambda _code: self._panel_closed(panel))
        self.panel = panel
        panel.open()
        return panel

    def _panel_closed(self, panel: PendingBadgesPanel) -> None:
        if self.panel is panel:
            self.panel = None
        panel.deleteLater()


class PendingBadgesPanel(QDialog):
    """The list: person, what was issued, when, by whom; Replace badge… / Mark as handled."""

    def __init__(self, pending: PendingBadges, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending = pending
        self.fix_dialog: QDialog | None = None
        self.setWindowTitle(
            QCoreApplication.translate("PendingBadges", "Unprinted badges and PINs")
        )
        self.setMinimumSize(640, 320)
        layout = QVBoxLayout(self)
        intro = QLabel(
            QCoreApplication.translate(
                "PendingBadges",
                "These were issued but never printed or saved, so the person may have no "
                "badge or PIN slip. The code cannot be shown again: give them a new one, or "
                "mark the entry as handled if they already have what they need.",
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("PendingBadges", "Person"),
                QCoreApplication.translate("PendingBadges", "Issued"),
                QCoreApplication.translate("PendingBadges", "When"),
                QCoreApplication.translate("PendingBadges", "By"),
            ]
        )
        self.tree.setAccessibleName(
            QCoreApplication.translate("PendingBadges", "Unprinted badges and PINs")
        )
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(lambda *_a: self._on_fix_clicked())
        layout.addWidget(self.tree, 1)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        layout.addWidget(self.reason_label)
        buttons = QHBoxLayout()
        self.fix_button = QPushButton(
            QCoreApplication.translate("PendingBadges", "&Replace badge…"), self
        )
        self.fix_button.setDefault(True)
        self.handled_button = QPushButton(
            QCoreApplication.translate("PendingBadges", "&Mark as handled"), self
        )
        self.handled_button.setToolTip(
            QCoreApplication.translate(
                "PendingBadges", "Remove the entry from this list; nothing is sent to Microsoft"
            )
        )
        self.close_button = QPushButton(QCoreApplication.translate("PendingBadges", "Close"), self)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.handled_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.fix_button.clicked.connect(self._on_fix_clicked)
        self.handled_button.clicked.connect(self._on_handled_clicked)
        self.close_button.clicked.connect(self.reject)
        self.refresh()

    # ------------------------------------------------------------------ the list
    def refresh(self) -> None:
        """Show the journal's pending entries again, keeping the selection where possible."""
        current = self.current_entry()
        keep = current.issuance_id if current is not None else None
        self.pending.refresh()
        self.tree.clear()
        items: list[QTreeWidgetItem] = []
        for entry in self.pending.entries:
            by = (entry.actor.upn or entry.actor.user_id) if entry.actor is not None else ""
            item = QTreeWidgetItem(
                [person_text(entry), issued_text(entry), format_datetime(entry.at), by]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, entry.issuance_id)
            item.setToolTip(0, entry.target.upn)
            items.append(item)
        self.tree.addTopLevelItems(items)
        kept = [i for i in items if i.data(0, Qt.ItemDataRole.UserRole) == keep]
        if kept or items:
            self.tree.setCurrentItem((kept or items)[0])
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        self._update_buttons()

    def _items(self) -> list[QTreeWidgetItem]:
        count = self.tree.topLevelItemCount()
        return [item for i in range(count) if (item := self.tree.topLevelItem(i)) is not None]

    def entry_ids(self) -> list[str]:
        """The issuances listed, top to bottom."""
        return [str(item.data(0, Qt.ItemDataRole.UserRole)) for item in self._items()]

    def select(self, issuance_id: str) -> None:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == issuance_id:
                self.tree.setCurrentItem(item)
                return

    def current_entry(self) -> PendingIssuance | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        wanted = item.data(0, Qt.ItemDataRole.UserRole)
        return next((e for e in self.pending.entries if e.issuance_id == wanted), None)

    def _update_buttons(self, *_args: Any) -> None:
        entry = self.current_entry()
        if entry is None:
            self.fix_button.setEnabled(False)
            self.handled_button.setEnabled(False)
            self.reason_label.setText(
                QCoreApplication.translate(
                    "PendingBadges",
                    "Nothing left: every badge and PIN was printed, saved or handled.",
                )
                if not self.tree.topLevelItemCount()
                else ""
            )
            return
        problem = self.pending.fix_problem(entry)
        self.fix_button.setText(fix_text(entry))
        self.fix_button.setEnabled(not problem)
        self.fix_button.setToolTip(problem)
        self.handled_button.setEnabled(True)
        self.reason_label.setText(problem)

    # ------------------------------------------------------------------ buttons
    def _on_fix_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None or self.fix_dialog is not None:
            return
        dialog = self.pending.open_fix(entry, self)
        if dialog is None:
            return
        self.fix_dialog = dialog
        dialog.finished.connect(self._on_fix_finished)

    def _on_fix_finished(self, _code: int) -> None:
        self.fix_dialog = None
        self.refresh()

    def _on_handled_clicked(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.pending.mark_handled(entry)
            self.refresh()


# --------------------------------------------------------------------------- the window


def _open_fix(services: PinDialogServices) -> Callable[[RowAction, RosterRow, QWidget], QDialog]:
    def open_fix(action: RowAction, row: RosterRow, parent: QWidget) -> QDialog:
        if action is RowAction.RESET_PIN:
            from qrpin_gui.ui.pin_dialogs import open_reset_pin

            return open_reset_pin(row, services, parent)
        from qrpin_gui.ui.qr_dialogs import open_dialog

        return open_dialog(action, row, services, parent)

    return open_fix


class PendingBadgesNotice(QObject):
    """The window's side: a notice under the window's own notices once the first sync has
    finished, and Person › Unprinted badges…"""

    def __init__(self, window: Any, controller: Any, pending: PendingBadges) -> None:
        super().__init__(window)
        from qrpin_gui.ui.main_window import Banner

        self.window = window
        self.pending = pending
        self.banner = Banner(window.roster_page)
        self.banner.setAccessibleName(
            QCoreApplication.translate("PendingBadges", "Unprinted badges notice")
        )
        layout = window.roster_page.layout()
        layout.insertWidget(layout.indexOf(window.notice_banner) + 1, self.banner)
        self.banner.button.clicked.connect(self.open_panel)
        self.action = QAction(
            QCoreApplication.translate("PendingBadges", "&Unprinted badges…"), window
        )
        self.action.setToolTip(
            QCoreApplication.translate(
                "PendingBadges", "Badges and PINs issued but never printed or saved"
            )
        )
        self.action.triggered.connect(self.open_panel)
        menu = window.menus["person"]
        menu.addSeparator()
        menu.addAction(self.action)
        self._synced = False
        pending.changed.connect(self._on_changed)
        controller.sync_finished.connect(self._on_sync_finished)

    def _on_sync_finished(self, _outcome: str) -> None:
        if not self._synced:
            self._synced = True
            self.pending.refresh()

    def _on_changed(self, count: int) -> None:
        if count and self._synced:
            self.banner.show_message(
                notice_text(count),
                style="Banner { background: palette(base); border: 1px solid #b7791f; }",
                button_text=QCoreApplication.translate("PendingBadges", "Review…"),
            )
        elif not count:
            self.banner.hide()

    def open_panel(self, _checked: bool = False) -> PendingBadgesPanel:
        return self.pending.open_panel(self.window)


def install(window: Any, controller: Any, services: PinDialogServices) -> PendingBadgesNotice:
    """Wire the unprinted-badges notice and list into the main window (after the QR and PIN
    dialogs are installed). Needs ``services.journal``."""
    from qrpin_gui.ui import pin_dialogs, qr_dialogs

    journal = services.journal
    if journal is None:
        raise ValueError("the unprinted-badges list needs the journal")
    pending = PendingBadges(
        PendingBadgeServices(
            journal=journal,
            find_row=window.model.row_by_id,
            block_reason=lambda action, row: window.row_actions.block_reason(
                action, row, offline_reason=services.offline_reason()
            ),
            open_fix=_open_fix(services),
            held=lambda: qr_dialogs.held_issuances() | pin_dialogs.held_issuances(),
        ),
        window,
    )
    notice = PendingBadgesNotice(window, controller, pending)
    try:
        from qrpin_gui.ui.self_test import register_dialog
    except ImportError:  # pragma: no cover - the self-test module ships with the app
        return notice
    register_dialog("pending_badges", lambda parent: PendingBadgesPanel(pending, parent))
    return notice
