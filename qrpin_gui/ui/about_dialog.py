"""About box: version, what the app is, where its files are kept."""

from __future__ import annotations

import platform

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from qrpin_gui import __version__


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About QR PIN Manager"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        text = QLabel(self)
        text.setWordWrap(True)
        text.setText(
            "<h3>"
            + self.tr("QR PIN Manager %1").replace("%1", __version__)
            + "</h3><p>"
            + self.tr(
                "Look after your staff's Microsoft Entra QR code + PIN sign-in: who has it, "
                "whose badge expires soon, whose PIN is still temporary."
            )
            + "</p><p>"
            + self.tr("Python %1 on %2")
            .replace("%1", platform.python_version())
            .replace("%2", platform.system())
            + "</p>"
        )
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
