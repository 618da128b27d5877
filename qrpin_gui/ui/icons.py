"""Icons: the app's SVGs (``resources/icons``) rendered at every size a window needs."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from qrpin_gui.ui.i18n import resources_dir

logger = logging.getLogger(__name__)

_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_from_svg(svg: bytes) -> QIcon:
    """A multi-size icon from SVG markup (no image-format plugin needed)."""
    renderer = QSvgRenderer(QByteArray(svg))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in _SIZES:
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def app_icon() -> QIcon:
    path: Path = resources_dir() / "icons" / "app.svg"
    try:
        return icon_from_svg(path.read_bytes())
    except OSError:
        logger.warning("App icon missing at %s", path)
        return QIcon()
