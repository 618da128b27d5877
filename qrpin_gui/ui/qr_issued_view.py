"""The one-time result of a QR dialog: the badge preview with Full screen / Print / Save as
PDF, the first PIN (when one was issued) and the first-use reminder."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from qrpin_gui.ui.badge import Badge
from qrpin_gui.ui.qr_badge_preview import BadgePreview
from qrpin_gui.ui.qr_dialog_parts import WARN_STYLE
from qrpin_gui.ui.secret_view import SecretPinView


class IssuedCodeView(QWidget):
    """Holds the widgets; the dialog connects their buttons and decides what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview = BadgePreview(self)
        layout.addWidget(self.preview)
        out = QHBoxLayout()
        self.fullscreen_button = QPushButton(self.tr("Show &full screen"), self)
        self.fullscreen_button.setToolTip(
            self.tr("Show the code on this screen for the store device's camera")
        )
        self.print_button = QPushButton(self.tr("&Print badge…"), self)
        self.save_button = QPushButton(self.tr("Save badge as P&DF…"), self)
        out.addWidget(self.fullscreen_button)
        out.addWidget(self.print_button)
        out.addWidget(self.save_button)
        out.addStretch(1)
        layout.addLayout(out)
        self.pin_caption = QLabel(self.tr("First PIN (shown once):"), self)
        self.pin_view = SecretPinView(self)
        layout.addWidget(self.pin_caption)
        layout.addWidget(self.pin_view)
        self.reminder_label = QLabel(self)
        self.reminder_label.setWordWrap(True)
        self.reminder_label.setStyleSheet(WARN_STYLE)
        layout.addWidget(self.reminder_label)

    def show_issued(self, badge: Badge, *, temporary: bool, pin: str | None, reminder: str) -> None:
        """Show ``badge`` (full screen only for a temporary code), the PIN if any, and the
        reminder if any."""
        self.preview.set_badge(badge)
        self.fullscreen_button.setVisible(temporary)
        if pin is not None:
            self.pin_view.show_pin(pin)
        self.pin_caption.setVisible(pin is not None)
        self.pin_view.setVisible(pin is not None)
        self.reminder_label.setText(reminder)
        self.reminder_label.setVisible(bool(reminder))
        self.show()
        (self.fullscreen_button if temporary else self.print_button).setFocus()

    def forget(self) -> None:
        """Drop the badge and the PIN from the widgets."""
        self.preview.set_badge(None)
        self.pin_view.clear()
