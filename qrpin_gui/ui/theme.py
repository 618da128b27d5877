"""Light and dark colour schemes, and the status colours.

The app uses the Fusion style with an explicit palette, so it looks the same on every platform
and both schemes are real (not just a dark window frame). ``system`` follows the platform's
colour scheme and switches live when it changes; ``--color-scheme light|dark`` forces one.

Status is always shown by colour AND text: a :class:`Tone` only picks the colours of a cell
whose text already says what it means.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

logger = logging.getLogger(__name__)


class Tone(Enum):
    """What a status means, for its colours."""

    OK = "ok"
    WARN = "warn"
    BAD = "bad"
    INFO = "info"
    MUTED = "muted"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class ToneColors:
    foreground: QColor
    background: QColor


_LIGHT_TONES = {
    Tone.OK: ToneColors(QColor("#0b5a1e"), QColor("#dcf3e1")),
    Tone.WARN: ToneColors(QColor("#6b4300"), QColor("#fff0c7")),
    Tone.BAD: ToneColors(QColor("#8a1111"), QColor("#fde0e0")),
    Tone.INFO: ToneColors(QColor("#0b3f7a"), QColor("#dde9fb")),
    Tone.MUTED: ToneColors(QColor("#555555"), QColor("#ededed")),
}
_DARK_TONES = {
    Tone.OK: ToneColors(QColor("#9be2ac"), QColor("#173b20")),
    Tone.WARN: ToneColors(QColor("#ffd98a"), QColor("#4a3608")),
    Tone.BAD: ToneColors(QColor("#ffb3b3"), QColor("#4d1717")),
    Tone.INFO: ToneColors(QColor("#a9cbff"), QColor("#17304f")),
    Tone.MUTED: ToneColors(QColor("#b9b9b9"), QColor("#333333")),
}


def _light_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#f4f4f5"), QColor("#ffffff"), QColor("#1b1b1f")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f7f9"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#ececee"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffe8"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6e6e73"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fd0"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1f5fbf"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#c4c4c8"))
    p.setColor(QPalette.ColorRole.Midlight, QColor("#e2e2e5"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8e8e93"))
    return p


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#202124"), QColor("#17181a"), QColor("#e8e8ea")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#1e2023"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#2d2f33"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2d2f33"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9a9aa0"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#3d7be0"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#8ab4f8"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#45474c"))
    p.setColor(QPalette.ColorRole.Midlight, QColor("#3a3c40"))
    p.setColor(QPalette.ColorRole.Light, QColor("#4a4c51"))
    p.setColor(QPalette.ColorRole.Dark, QColor("#121314"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6e6f74"))
    return p


class ThemeController(QObject):
    """Applies the chosen scheme to the application and follows the system when asked."""

    changed = Signal(bool)
    """The scheme changed; True when it is dark now."""

    def __init__(
        self, app: QApplication, scheme: str = "system", parent: QObject | None = None
    ) -> None:
        super().__init__(parent if parent is not None else app)
        self._app = app
        self._scheme = "system"
        self._dark = False
        app.setStyle("Fusion")
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.set_scheme(scheme)

    @property
    def scheme(self) -> str:
        return self._scheme

    @property
    def is_dark(self) -> bool:
        return self._dark

    def set_scheme(self, scheme: str) -> None:
        if scheme not in ("system", "light", "dark"):
            scheme = "system"
        self._scheme = scheme
        self._apply()

    def tone_colors(self, tone: Tone) -> ToneColors | None:
        return (_DARK_TONES if self._dark else _LIGHT_TONES).get(tone)

    def _system_is_dark(self) -> bool:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def _apply(self) -> None:
        dark = self._system_is_dark() if self._scheme == "system" else self._scheme == "dark"
        self._dark = dark
        self._app.setPalette(_dark_palette() if dark else _light_palette())
        logger.debug("Colour scheme %s (dark=%s)", self._scheme, dark)
        self.changed.emit(dark)

    def _on_system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._scheme == "system":
            self._apply()


def tone_colors(dark: bool, tone: Tone) -> ToneColors | None:
    """The colours of ``tone`` in the light or dark scheme (``None`` for :attr:`Tone.NONE`)."""
    return (_DARK_TONES if dark else _LIGHT_TONES).get(tone)
