"""A temporary code shown full screen, for a shared device's camera to scan off the PC screen.

The symbol is painted black on white whatever the colour scheme, pixel-aligned (a whole
number of pixels per module, at least :data:`MIN_MODULE_PIXELS`), and takes at least
:data:`MIN_SCREEN_FRACTION` of the screen's shorter side, with its quiet zone. Esc, Enter,
a click or the Close button closes it. It holds the payload only while it is open.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from qrpin_gui.ui.badge import QUIET_ZONE_MODULES, Badge, QrMatrix, format_badge_date, qr_path

logger = logging.getLogger(__name__)

MIN_SCREEN_FRACTION = 0.6
MIN_MODULE_PIXELS = 6
_TARGET_FRACTION = 0.8
"""The symbol with its quiet zone aims at this much of the shorter side."""


def module_pixels(short_side: int, modules: int) -> int:
    """Whole pixels per module so the symbol fills about 80 % of ``short_side`` with its
    quiet zone, and never less than 60 % for the symbol itself nor 6 px a module."""
    total = modules + 2 * QUIET_ZONE_MODULES
    px = math.floor(short_side * _TARGET_FRACTION / total)
    needed = math.ceil(short_side * MIN_SCREEN_FRACTION / modules)
    return max(px, needed, MIN_MODULE_PIXELS)


class FullScreenQr(QWidget):
    """The temporary code on its own full-screen window. ``closed`` fires once it closes."""

    closed = Signal()

    def __init__(self, badge: Badge, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        matrix = badge.matrix()
        if matrix is None:
            raise ValueError("this code cannot be re-encoded for the screen")
        self._matrix: QrMatrix | None = matrix
        self._title = badge.worker_name or badge.upn
        if badge.expires is not None:
            self._subtitle = self.tr("Temporary code, valid until %1").replace(
                "%1", format_badge_date(badge.expires, with_time=True)
            )
        else:
            self._subtitle = self.tr("Temporary code")
        self._hint = self.tr(
            "Scan this with the store device's camera, then enter the PIN. Press Esc to close."
        )
        self.setWindowTitle(self.tr("Temporary code for %1").replace("%1", self._title))
        self.setAccessibleName(self.windowTitle())
        self.setAutoFillBackground(False)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._emitted = False

    # ------------------------------------------------------------------ showing
    def show_on(self, near: QWidget | None = None) -> None:
        """Full screen on the screen of ``near`` (the dialog that opened it)."""
        screen = near.screen() if near is not None else None
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def symbol_rect(self) -> QRect:
        """Where the symbol itself (without quiet zone) is painted, in widget pixels."""
        if self._matrix is None:
            return QRect()
        n = self._matrix.size
        px = module_pixels(min(self.width(), self.height()), n)
        side = n * px
        quiet = QUIET_ZONE_MODULES * px
        text_room = max(0, self.height() - side - 2 * quiet)
        top = (self.height() - side) // 2
        if text_room < 90:
            top = quiet
        left = (self.width() - side) // 2
        return QRect(left, top, side, side)

    # ------------------------------------------------------------------ Qt events
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("white"))
            if self._matrix is None:
                return
            symbol = self.symbol_rect()
            px = symbol.width() / self._matrix.size
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillPath(
                qr_path(self._matrix, QPointF(symbol.left(), symbol.top()), px), QColor("black")
            )
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            painter.setPen(QColor("black"))
            quiet = QUIET_ZONE_MODULES * px
            above = QRectF(0, 0, self.width(), max(0.0, symbol.top() - quiet))
            below = QRectF(0, symbol.bottom() + quiet, self.width(), self.height())
            font = QFont(self.font())
            font.setPointSizeF(max(12.0, font.pointSizeF() * 1.6))
            font.setBold(True)
            painter.setFont(font)
            if above.height() > 30:
                painter.drawText(
                    above, int(Qt.AlignmentFlag.AlignCenter), f"{self._title}\n{self._subtitle}"
                )
            font.setBold(False)
            font.setPointSizeF(max(10.0, font.pointSizeF() * 0.75))
            painter.setFont(font)
            if below.height() > 20:
                painter.drawText(
                    below,
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    self._hint,
                )
        finally:
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (
            Qt.Key.Key_Escape,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            self.close()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._matrix = None  # forget the symbol with the window
        if not self._emitted:
            self._emitted = True
            self.closed.emit()
        super().closeEvent(event)
