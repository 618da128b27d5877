"""The window's status bar: sync progress with Cancel, data age, online/offline, account.

- Progress: "Users 120 of 480 · QR status 40 of 120" with a Cancel button while a sync runs.
- Data age: "Updated 2 min ago" (or "Saved roster from ...", offline), refreshed every 30 s.
- Connection: "Online" / "Offline" / "Read-only", in colour and text.
- Account: the signed-in account and tenant; its menu switches account or signs out.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QToolButton,
    QWidget,
)


def age_text(then: datetime | None, now: datetime) -> str:
    """'Updated just now', 'Updated 5 min ago', 'Updated 3 h ago', 'Updated on 2026-11-02'."""
    if then is None:
        return QCoreApplication.translate("StatusBar", "Not updated yet")
    seconds = max(0.0, (now - then).total_seconds())
    if seconds < 60:
        return QCoreApplication.translate("StatusBar", "Updated just now")
    if seconds < 3600:
        return QCoreApplication.translate(
            "StatusBar", "Updated %n min ago", None, int(seconds // 60)
        )
    if seconds < 48 * 3600:
        return QCoreApplication.translate(
            "StatusBar", "Updated %n h ago", None, int(seconds // 3600)
        )
    return QCoreApplication.translate("StatusBar", "Updated on %1").replace(
        "%1", then.astimezone().strftime("%Y-%m-%d %H:%M")
    )


class SyncProgressWidget(QWidget):
    """A progress bar with a label and Cancel; hidden while no sync runs."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName(self.tr("Sync progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the sync"))
        self.cancel_button.setToolTip(self.tr("Stop loading; rows already loaded stay"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self) -> None:
        self.bar.setRange(0, 0)
        self.label.setText(self.tr("Loading…"))
        self.cancel_button.setEnabled(True)
        self.show()

    def update_counts(
        self, users_done: int, users_total: int | None, status_done: int, status_total: int
    ) -> None:
        users = (
            self.tr("Users %1 of %2").replace("%1", str(users_done)).replace("%2", str(users_total))
            if users_total is not None
            else self.tr("Users %1").replace("%1", str(users_done))
        )
        status = (
            self.tr("QR status %1 of %2")
            .replace("%1", str(status_done))
            .replace("%2", str(status_total))
        )
        self.label.setText(f"{users} · {status}")
        if users_total is None:
            self.bar.setRange(0, 0)  # still listing users: the total is not known yet
        else:
            # Two phases of equal weight: users listed, then their QR status fetched.
            self.bar.setRange(0, max(1, users_total + max(status_total, users_total)))
            self.bar.setValue(users_done + status_done)
        self.setAccessibleDescription(self.label.text())

    def finish(self) -> None:
        self.hide()


class ConnectionLabel(QLabel):
    """Online / offline / read-only, as text with a coloured dot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Connection"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.set_state(online=True, offline_reason="")

    def set_state(self, *, online: bool, offline_reason: str) -> None:
        if online:
            colour, text = "#1f8a3b", self.tr("Online")
        else:
            colour, text = "#c0392b", self.tr("Offline")
        self.setText(f'<span style="color:{colour}">●</span> {text}')
        self.setToolTip(offline_reason or text)
        self.setAccessibleDescription(f"{text}. {offline_reason}".strip())


class AccountButton(QToolButton):
    """The signed-in account and tenant; its menu switches account or signs out."""

    switch_requested = Signal()
    sign_out_requested = Signal()
    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName(self.tr("Account"))
        menu = QMenu(self)
        self.sign_in_action = QAction(self.tr("Sign in"), self)
        self.switch_action = QAction(self.tr("Switch account…"), self)
        self.sign_out_action = QAction(self.tr("Sign out"), self)
        self.sign_in_action.triggered.connect(self.sign_in_requested)
        self.switch_action.triggered.connect(self.switch_requested)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        menu.addAction(self.sign_in_action)
        menu.addAction(self.switch_action)
        menu.addAction(self.sign_out_action)
        self.setMenu(menu)
        self.set_account("", "")

    def set_account(self, username: str, tenant: str) -> None:
        signed_in = bool(username)
        if signed_in:
            text = f"{username} · {tenant}" if tenant else username
            self.setToolTip(
                self.tr("Signed in as %1 (tenant %2)").replace("%1", username).replace("%2", tenant)
            )
        else:
            text = self.tr("Not signed in")
            self.setToolTip(text)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.sign_in_action.setVisible(not signed_in)
        self.switch_action.setEnabled(signed_in)
        self.sign_out_action.setEnabled(signed_in)


class MainStatusBar(QStatusBar):
    """Status bar with the permanent widgets of the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = SyncProgressWidget(self)
        self.age_label = QLabel(self)
        self.age_label.setAccessibleName(self.tr("Data age"))
        self.connection = ConnectionLabel(self)
        self.account = AccountButton(self)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.age_label)
        self.addPermanentWidget(self.connection)
        self.addPermanentWidget(self.account)
        self._data_time: datetime | None = None
        self._from_snapshot = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(30_000)
        self._ticker.timeout.connect(self.refresh_age)
        self._ticker.start()
        self.refresh_age()

    def set_data_time(self, when: datetime | None, *, from_snapshot: bool) -> None:
        self._data_time = when
        self._from_snapshot = from_snapshot
        self.refresh_age()

    def refresh_age(self) -> None:
        text = age_text(self._data_time, datetime.now(UTC))
        if self._from_snapshot and self._data_time is not None:
            text = self.tr("Saved roster · %1").replace("%1", text)
        self.age_label.setText(text)
        self.age_label.setAccessibleDescription(text)
