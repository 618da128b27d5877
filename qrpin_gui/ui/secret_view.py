"""Showing a one-time secret (a PIN): large grouped digits, Copy, print the slip.

The clipboard is cleared :data:`ClipboardGuard.DEFAULT_DELAY_S` seconds after a copy if it
still holds what was copied. The guard keeps only a salted hash of the copied text, never the
text, so nothing outside the dialog's widgets holds the PIN once the dialog is gone.
"""

from __future__ import annotations

import hashlib
import logging
import os

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from qrpin_gui.actions import group_digits

logger = logging.getLogger(__name__)


class ClipboardGuard(QObject):
    """Copies text to the clipboard and clears it later if it still holds that text."""

    DEFAULT_DELAY_S = 60.0

    def __init__(self, delay_s: float | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._salt = os.urandom(16)
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_unchanged)
        self.delay_s = self.DEFAULT_DELAY_S if delay_s is None else delay_s

    def _hash(self, text: str) -> bytes:
        return hashlib.sha256(self._salt + text.encode("utf-8")).digest()

    def copy(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(text)
        self._digest = self._hash(text)
        self._timer.start(int(self.delay_s * 1000))
        logger.info("Secret copied; the clipboard is cleared in %.0f s", self.delay_s)

    @property
    def armed(self) -> bool:
        return self._digest is not None

    def clear_if_unchanged(self) -> None:
        """Clear the clipboard now if it still holds the copied text."""
        digest, self._digest = self._digest, None
        self._timer.stop()
        if digest is None:
            return
        clipboard = QGuiApplication.clipboard()
        if self._hash(clipboard.text()) == digest:
            clipboard.clear()
            logger.info("Clipboard cleared")


_guard: ClipboardGuard | None = None


def clipboard_guard() -> ClipboardGuard:
    """The app-wide guard (outlives the dialog that copied)."""
    global _guard
    if _guard is None:
        app = QGuiApplication.instance()
        _guard = ClipboardGuard(parent=app)
    return _guard


def secret_font(point_size: int = 30) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    font.setBold(True)
    return font


class SecretPinView(QWidget):
    """A PIN shown once: grouped for reading aloud, with Copy and the slip buttons."""

    copied = Signal()
    print_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pin = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.digits = QLabel(self)
        self.digits.setFont(secret_font())
        self.digits.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.digits.setMinimumHeight(64)
        self.digits.setStyleSheet(
            "QLabel { border: 1px solid palette(mid); border-radius: 6px; padding: 8px 16px; }"
        )
        self.digits.setAccessibleName(self.tr("New PIN"))
        layout.addWidget(self.digits)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setToolTip(
            self.tr("Copy the PIN; the clipboard is cleared after a minute")
        )
        self.print_button = QPushButton(self.tr("&Print PIN slip…"), self)
        self.save_button = QPushButton(self.tr("Save slip as P&DF…"), self)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.print_button.clicked.connect(self.print_requested)
        self.save_button.clicked.connect(self.save_requested)

    def show_pin(self, pin: str) -> None:
        self._pin = pin
        self.digits.setText(group_digits(pin))
        self.copy_button.setEnabled(True)

    @property
    def has_secret(self) -> bool:
        return bool(self._pin)

    def secret(self) -> str:
        """The PIN for a slip being printed now ("" once cleared)."""
        return self._pin

    def shown_digits(self) -> str:
        """The digits as shown (spaces removed): what a person would read off the screen."""
        return self.digits.text().replace(" ", "")

    def _on_copy_clicked(self) -> None:
        if not self._pin:
            return
        clipboard_guard().copy(self._pin)
        self.copied.emit()

    def clear(self) -> None:
        """Forget the PIN (dialog closed, app locked)."""
        self._pin = ""
        self.digits.clear()
        self.copy_button.setEnabled(False)
