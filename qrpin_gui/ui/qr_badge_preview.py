"""The badge preview in the QR dialogs: the badge exactly as it prints, scaled to the widget."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from qrpin_gui.ui.badge import (
    BADGE_MIN_HEIGHT_INCHES,
    BADGE_WIDTH_INCHES,
    Badge,
    badge_geometry,
    paint_badge,
)


class BadgePreview(QWidget):
    """The badge exactly as it prints, scaled to the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._badge: Badge | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Badge preview"))
        self.setMinimumSize(QSize(360, 240))

    def set_badge(self, badge: Badge | None) -> None:
        self._badge = badge
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(450, 300)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(width * BADGE_MIN_HEIGHT_INCHES / BADGE_WIDTH_INCHES)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            if self._badge is None:
                return
            geo = badge_geometry(self._badge)
            dpi = min((self.width() - 2) / geo.width, (self.height() - 2) / geo.height)
            left = (self.width() - geo.width * dpi) / 2
            top = (self.height() - geo.height * dpi) / 2
            paint_badge(painter, self._badge, QPointF(left, top), dpi)
        finally:
            painter.end()
