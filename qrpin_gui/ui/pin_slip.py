"""The PIN slip: worker name, store, the PIN, the must-change note (no QR code).

Printed through the native print dialog (:class:`SlipPrinter`, opened with ``open()``, never
``exec()``) or saved as PDF with :class:`~PySide6.QtGui.QPdfWriter`. The slip is one card in
the top-left corner of the page, with a dashed cut line around it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from qrpin_gui.actions import group_digits

logger = logging.getLogger(__name__)

SLIP_WIDTH_MM = 100.0
SLIP_HEIGHT_MM = 65.0


@dataclass(frozen=True, slots=True, repr=False)
class PinSlip:
    """What a slip shows. ``pin`` is the secret (hidden from ``repr``)."""

    worker_name: str
    upn: str
    store: str
    pin: str
    must_change: bool
    issued_at: datetime

    def __repr__(self) -> str:
        return f"PinSlip(worker_name={self.worker_name!r}, store={self.store!r}, pin=<hidden>)"


def _t(text: str) -> str:
    return QCoreApplication.translate("PinSlip", text)


def paint_slip(painter: QPainter, slip: PinSlip, dots_per_mm: float) -> None:
    """Paint the slip at the painter's origin (device units: ``dots_per_mm`` per mm)."""
    mm = dots_per_mm
    box = QRectF(0, 0, SLIP_WIDTH_MM * mm, SLIP_HEIGHT_MM * mm)
    pen = QPen(Qt.GlobalColor.black)
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setWidthF(0.3 * mm)
    painter.setPen(pen)
    painter.drawRect(box)
    painter.setPen(QPen(Qt.GlobalColor.black))
    inner = box.adjusted(6 * mm, 5 * mm, -6 * mm, -5 * mm)

    def font(points: float, bold: bool = False, fixed: bool = False) -> QFont:
        f = QFont("Monospace" if fixed else "Sans Serif")
        if fixed:
            f.setStyleHint(QFont.StyleHint.TypeWriter)
        # Point sizes on a paged device follow its resolution: size in device pixels.
        f.setPixelSize(max(1, round(points * 0.3528 * mm)))
        f.setBold(bold)
        return f

    y = inner.top()

    def line(text: str, f: QFont, height_mm: float, align: Qt.AlignmentFlag) -> None:
        nonlocal y
        painter.setFont(f)
        rect = QRectF(inner.left(), y, inner.width(), height_mm * mm)
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)
        y += height_mm * mm

    left = Qt.AlignmentFlag.AlignLeft
    line(_t("QR sign-in PIN"), font(10), 6, left)
    line(slip.worker_name, font(14, bold=True), 8, left)
    line(slip.upn, font(9), 5, left)
    line(_t("Store: %1").replace("%1", slip.store or "–"), font(10), 6, left)
    line(group_digits(slip.pin), font(26, bold=True, fixed=True), 16, Qt.AlignmentFlag.AlignHCenter)
    note = (
        _t("Temporary PIN: you must choose a new PIN at your next sign-in.")
        if slip.must_change
        else _t("Keep this PIN private.")
    )
    line(note, font(9, bold=slip.must_change), 6, left)
    line(
        _t("Issued %1. Destroy this slip after use.").replace(
            "%1", slip.issued_at.astimezone().strftime("%Y-%m-%d %H:%M")
        ),
        font(8),
        5,
        left,
    )


def _render(device: QPagedPaintDevice, slip: PinSlip) -> bool:
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        resolution = device.logicalDpiX() if device.logicalDpiX() > 0 else 300
        dots_per_mm = resolution / 25.4
        layout = device.pageLayout()
        paint_rect = layout.paintRectPixels(resolution)
        painter.translate(
            max(0, 10 * dots_per_mm - paint_rect.left()),
            max(0, 10 * dots_per_mm - paint_rect.top()),
        )
        paint_slip(painter, slip, dots_per_mm)
    finally:
        painter.end()
    return True


def save_slip_pdf(slip: PinSlip, path: str | Path) -> None:
    """Write the slip as a one-page A4 PDF. Raises OSError when it cannot be written."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(_t("PIN slip"))
    writer.setCreator("QR PIN Manager")
    if not _render(writer, slip):
        raise OSError(f"cannot write {Path(path).name}")
    del writer  # flushes and closes the file
    if not Path(path).exists():
        raise OSError(f"cannot write {Path(path).name}")
    logger.info("PIN slip saved as PDF")


class SlipPrinter(QObject):
    """Prints a slip through the native print dialog, opened window-modally with ``open()``.

    Emits ``printed`` after the slip went to the printer, ``cancelled`` when the dialog was
    closed, ``failed`` when the printer could not be opened.
    """

    printed = Signal()
    cancelled = Signal()
    failed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._slip: PinSlip | None = None
        self.printer: QPrinter | None = None
        self.dialog: QPrintDialog | None = None

    def start(self, slip: PinSlip) -> None:
        self._slip = slip
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.dialog = QPrintDialog(self.printer, self._parent)
        self.dialog.setWindowTitle(self.tr("Print PIN slip"))
        self.dialog.finished.connect(self._on_finished)
        # QPrintDialog.open() is overloaded (receiver, member) in PySide6: use QDialog's.
        QDialog.open(self.dialog)

    def _on_finished(self, code: int) -> None:
        dialog, printer, slip = self.dialog, self.printer, self._slip
        self.dialog = None
        self._slip = None
        if dialog is not None:
            dialog.deleteLater()
        if code != QPrintDialog.DialogCode.Accepted or printer is None or slip is None:
            self.cancelled.emit()
            return
        self.print_to(printer, slip)

    def print_to(self, printer: QPrinter, slip: PinSlip) -> None:
        if _render(printer, slip):
            logger.info("PIN slip sent to the printer")
            self.printed.emit()
        else:
            logger.warning("The printer could not be opened")
            self.failed.emit()

    def forget(self) -> None:
        """Drop a pending slip (app lock / dialog closing)."""
        self._slip = None
        if self.dialog is not None:
            self.dialog.reject()
