"""One dialog for unexpected errors, with "Copy details" for a support ticket.

The details are the app version, the OS, the error (its text redacted) and the redacted tail of
the log (:func:`qrpin_gui.log.log_tail`); never settings, tokens or PINs. With
``--no-err-windows`` the error is only logged.

Expected errors (offline, a refused request, a sign-in problem) never come here: they are
shown inline or in the status bar in plain language.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui import __version__
from qrpin_gui.log import log_tail, redact

logger = logging.getLogger(__name__)


def crash_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """The text "Copy details" puts on the clipboard (already redacted)."""
    lines = [
        f"QR PIN Manager {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        "",
        "Error:",
        *traceback.format_exception(exc_type, exc, tb),
        "",
        "Recent log:",
        *log_tail(120),
    ]
    return redact("\n".join(line.rstrip("\n") for line in lines))


class ErrorDialog(QDialog):
    """Shows an unexpected error in plain words, with the details one click away."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setAccessibleName(self.windowTitle())
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "QR PIN Manager ran into a problem it did not expect. Your data is safe: "
                "nothing was changed because of this error. If it keeps happening, copy the "
                "details and send them to your IT support."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setAccessibleName(self.tr("Error details"))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setAccessibleName(self.tr("Copy details to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.copied = False

    def add_details(self, more: str) -> None:
        self.details.appendPlainText("\n" + "-" * 60 + "\n" + more)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Copied"))
        self.copied = True


class ErrorReporter(QObject):
    """The app's ``sys.excepthook``: logs every unexpected error, then shows one dialog."""

    def __init__(self, *, show_windows: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show_windows
        self._dialog: ErrorDialog | None = None
        self._parent_widget: QWidget | None = None
        self._previous_hook = sys.excepthook
        self.count = 0

    def set_parent_widget(self, widget: QWidget | None) -> None:
        self._parent_widget = widget

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        self.count += 1
        logger.critical("Unexpected error", exc_info=(exc_type, exc, tb))
        if not self._show:
            return
        details = crash_details(exc_type, exc, tb)
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.add_details(details)
            return
        dialog = ErrorDialog(details, self._parent_widget)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()
