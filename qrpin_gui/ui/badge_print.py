"""Printing badges (native print dialog) and saving them as PDF; the page size follows the
locale (Letter where paper is Letter, A4 elsewhere) unless the printer says otherwise.

Dialogs open with ``open()`` and are awaited through their ``finished`` signal: no nested
event loop inside a coroutine. The PDF is written straight to the path the manager chose,
never to a temporary file.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from qrpin_gui.ui.badge import Badge, paint_sheet

logger = logging.getLogger(__name__)

PAGE_MARGIN_MM = 8.0
PDF_RESOLUTION = 1200

_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.PuertoRico,
}


def _t(text: str) -> str:
    return QCoreApplication.translate("BadgePrint", text)


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter for the US and the other Letter countries, A4 everywhere else."""
    locale = locale or QLocale()
    if (
        locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        or locale.territory() in _LETTER_TERRITORIES
    ):
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def page_layout(page_size: QPageSize) -> QPageLayout:
    """Portrait ``page_size`` with the badge sheets' margins (PDF writers and printers)."""
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(
        page_size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter
    )


def save_pdf(path: str | Path, badges: Sequence[Badge], page_size: QPageSize | None = None) -> int:
    """Write ``badges`` as a vector PDF (several per page); returns the page count. Raises
    ``OSError`` when the file cannot be written."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("QR PIN Manager")
    writer.setTitle(_t("QR sign-in badges"))
    writer.setPageLayout(page_layout(page_size or default_page_size()))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the PDF file ({Path(path).name})")
    try:
        pages = paint_sheet(painter, writer, list(badges))
    finally:
        ok = painter.end()
    if not ok or not Path(path).exists():
        raise OSError(f"the PDF file was not written ({Path(path).name})")
    logger.info("Saved %d badge(s) as PDF (%d page(s))", len(badges), pages)
    return pages


def new_printer(page_size: QPageSize | None = None) -> QPrinter:
    """A high-resolution printer set to the locale's paper, margins for badges."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(page_size or default_page_size()))
    printer.setDocName("QR sign-in badges")
    return printer


def print_to(printer: QPrinter, badges: Sequence[Badge]) -> int:
    """Paint ``badges`` on ``printer`` (as configured by its dialog); returns the page count."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        pages = paint_sheet(painter, printer, list(badges))
    finally:
        ok = painter.end()
    if not ok:
        raise OSError("printing failed")
    logger.info("Printed %d badge(s) (%d page(s))", len(badges), pages)
    return pages


def suggested_pdf_name(badges: Sequence[Badge]) -> str:
    """A file name from the worker's name (never the payload)."""
    if len(badges) == 1 and badges[0].worker_name:
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in badges[0].worker_name)
        return f"QR badge - {safe.strip() or 'worker'}.pdf"
    return "QR badges.pdf"


async def print_with_dialog(parent: QWidget | None, badges: Sequence[Badge]) -> bool:
    """Open the native print dialog window-modally (``open()``, no nested event loop) and
    print when accepted. True when printed, False when the manager cancelled; ``OSError``
    when the printer could not be used."""
    printer = new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_t("Print badges"))
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[int] = loop.create_future()

    def finished(code: int) -> None:
        if not answer.done():
            answer.set_result(int(code))

    dialog.finished.connect(finished)
    QDialog.open(dialog)  # QPrintDialog.open is overloaded (receiver, member) in PySide6
    try:
        code = await answer
    finally:
        dialog.deleteLater()
    if code != QDialog.DialogCode.Accepted:
        return False
    print_to(printer, badges)
    return True
