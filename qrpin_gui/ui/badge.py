"""A worker's QR sign-in badge: what it shows, and vector painting onto any QPaintDevice.

The QR symbol is re-encoded from the service's ``rawContent`` with segno, at the returned
error-correction level (and version when it fits), and painted as one vector path: dark
modules only, surrounded by the 4-module quiet zone. When the payload cannot be re-encoded
(an error-correction level this app does not know), the service's own SVG is painted
instead. The symbol is never smaller than :data:`MIN_SYMBOL_INCHES` on paper (Microsoft's
guidance assumes 2 x 2 inch codes; shrinking hurts scanning).

A :class:`Badge` holds a secret (the payload). It lives only in the dialog that issued it:
never log it, never keep it after the dialog closes. Its ``repr`` hides the payload.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import segno
from PySide6.QtCore import QByteArray, QCoreApplication, QDateTime, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBitmap,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPainterPath,
    QPen,
    QRegion,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer

from qrpin_gui.core.models import QrCode, QrImage

logger = logging.getLogger(__name__)

MIN_SYMBOL_INCHES = 2.0
"""The printed symbol (finder to finder, without the quiet zone) is never smaller."""
SYMBOL_INCHES = 2.05
"""What the badge uses: the minimum plus a margin for printer scaling."""
QUIET_ZONE_MODULES = 4
BADGE_WIDTH_INCHES = 3.75
BADGE_MIN_HEIGHT_INCHES = 2.5
_PAD_INCHES = 0.06
_TEXT_GAP_INCHES = 0.1


# --------------------------------------------------------------------------- the symbol


@dataclass(frozen=True, slots=True, repr=False)
class QrMatrix:
    """The modules of a QR symbol (True = dark), without the quiet zone."""

    rows: tuple[tuple[bool, ...], ...]
    error_correction: str
    version: int

    @property
    def size(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"QrMatrix(size={self.size}, error_correction={self.error_correction!r})"


def encode_payload(raw: bytes, error_correction: str | None, version: int | None) -> QrMatrix:
    """The symbol for ``raw`` (byte mode) at the given level; at ``version`` when the payload
    fits it, else the smallest version that fits. Raises ``ValueError`` when the level is not
    one of l/m/q/h or the payload cannot be encoded."""
    level = (error_correction or "").strip().lower()
    if level not in {"l", "m", "q", "h"}:
        raise ValueError("unsupported error-correction level")
    qr = None
    if version is not None and 1 <= version <= 40:
        try:
            qr = segno.make(raw, error=level, version=version, boost_error=False, micro=False)
        except segno.DataOverflowError:
            logger.info(
                "Payload does not fit the returned QR version; using the smallest that fits"
            )
    if qr is None:
        qr = segno.make(raw, error=level, boost_error=False, micro=False)
    rows = tuple(tuple(bool(v) for v in row) for row in qr.matrix)
    return QrMatrix(rows=rows, error_correction=level, version=int(qr.version))


def qr_path(matrix: QrMatrix, origin: QPointF, module: float) -> QPainterPath:
    """The dark modules as one path at ``origin`` (top-left of the symbol, without quiet
    zone), ``module`` device units per module.

    Built as a region from a one-pixel-per-module bitmap, so adjacent modules merge into
    single shapes (no hairline seams in PDF viewers) and the path takes a handful of Qt
    calls whatever the symbol size.
    """
    n = matrix.size
    data = b"".join(bytes(0 if dark else 255 for dark in row) for row in matrix.rows)
    image = QImage(data, n, n, n, QImage.Format.Format_Grayscale8)
    bitmap = QBitmap.fromImage(
        image, Qt.ImageConversionFlag.MonoOnly | Qt.ImageConversionFlag.ThresholdDither
    )
    unit = QPainterPath()
    unit.addRegion(QRegion(bitmap))
    placed = QTransform.fromScale(module, module).map(unit)
    return QTransform.fromTranslate(origin.x(), origin.y()).map(placed)


# --------------------------------------------------------------------------- the badge


@dataclass(frozen=True, slots=True, repr=False)
class Badge:
    """Everything printed on one badge. ``raw_content`` (and ``svg``) are secrets."""

    worker_name: str
    store: str
    raw_content: bytes = field(repr=False)
    error_correction: str | None = None
    version: int | None = None
    svg: bytes | None = field(default=None, repr=False)
    expires: datetime | None = None
    starts: datetime | None = None
    upn: str = ""
    temporary: bool = False

    def __repr__(self) -> str:
        return (
            f"Badge(worker_name={self.worker_name!r}, store={self.store!r}, "
            f"raw_content=<hidden>, temporary={self.temporary!r})"
        )

    @classmethod
    def from_code(
        cls,
        code: QrCode,
        *,
        worker_name: str,
        store: str,
        upn: str = "",
        temporary: bool = False,
    ) -> Badge:
        """A badge for a freshly created code (it must carry its one-time image)."""
        image: QrImage | None = code.image
        if image is None:
            raise ValueError("this code has no image: only a freshly created code can be printed")
        return cls(
            worker_name=worker_name,
            store=store,
            raw_content=image.raw_content,
            error_correction=image.error_correction_level,
            version=image.version,
            svg=image.binary_value or None,
            expires=code.expire,
            starts=code.start,
            upn=upn,
            temporary=temporary,
        )

    def matrix(self) -> QrMatrix | None:
        """The re-encoded symbol, or None when only the service's SVG can be used."""
        try:
            return encode_payload(self.raw_content, self.error_correction, self.version)
        except (ValueError, segno.DataOverflowError):
            return None

    def module_count(self) -> int:
        """Modules per side (without the quiet zone), from the re-encoding or the version."""
        matrix = self.matrix()
        if matrix is not None:
            return matrix.size
        return 17 + 4 * (self.version or 7)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Badge", text)


def format_badge_date(when: datetime, *, with_time: bool = False) -> str:
    """A date (and time) in the user's locale and local time zone."""
    local = QDateTime.fromSecsSinceEpoch(int(when.timestamp())).toLocalTime()
    locale = QLocale()
    date_format = _medium_date_format(locale)
    if with_time:
        time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
        return locale.toString(local, f"{date_format} {time_format}")
    return locale.toString(local.date(), date_format)


def _medium_date_format(locale: QLocale) -> str:
    """The locale's long date without the weekday and with a short month name
    ("21 Nov 2027", "Nov 21, 2027"): unambiguous, and short enough for a badge."""
    fmt = locale.dateFormat(QLocale.FormatType.LongFormat)
    fmt = re.sub(r"d{4}[,.]?\s*", "", fmt)
    fmt = fmt.replace("MMMM", "MMM").strip(" ,")
    return fmt or locale.dateFormat(QLocale.FormatType.ShortFormat)


def badge_lines(badge: Badge) -> list[tuple[str, str]]:
    """(role, text) lines printed beside the symbol: role is name/store/detail/note."""
    lines = [("name", badge.worker_name or badge.upn)]
    if badge.store:
        lines.append(("store", badge.store))
    if badge.temporary:
        lines.append(("detail", _tr("Temporary code")))
        if badge.expires is not None:
            lines.append(
                (
                    "detail",
                    _tr("Valid until %1").replace(
                        "%1", format_badge_date(badge.expires, with_time=True)
                    ),
                )
            )
    else:
        if badge.starts is not None and badge.starts > datetime.now(tz=badge.starts.tzinfo):
            lines.append(
                ("detail", _tr("Works from %1").replace("%1", format_badge_date(badge.starts)))
            )
        if badge.expires is not None:
            lines.append(
                ("detail", _tr("Expires %1").replace("%1", format_badge_date(badge.expires)))
            )
    lines.append(("note", _tr("Sign in: scan with the store device, then enter your PIN.")))
    lines.append(("note", _tr("Keep it private. Lost it? Tell your manager.")))
    return lines


@dataclass(frozen=True, slots=True)
class BadgeGeometry:
    """Sizes of one badge in inches."""

    width: float
    height: float
    quiet_box: float
    """Side of the symbol with its quiet zone."""
    symbol: float
    """Side of the symbol itself."""


def badge_geometry(badge: Badge) -> BadgeGeometry:
    n = badge.module_count()
    module = SYMBOL_INCHES / n
    box = module * (n + 2 * QUIET_ZONE_MODULES)
    height = max(BADGE_MIN_HEIGHT_INCHES, box + 2 * _PAD_INCHES)
    return BadgeGeometry(BADGE_WIDTH_INCHES, height, box, SYMBOL_INCHES)


def paint_badge(painter: QPainter, badge: Badge, top_left: QPointF, dpi: float) -> QRectF:
    """Paint one badge with its top-left corner at ``top_left`` (device units) on a device of
    ``dpi`` dots per inch; returns the badge rectangle (device units). Vector only."""
    geo = badge_geometry(badge)
    inch = float(dpi)
    outer = QRectF(
        top_left, QPointF(top_left.x() + geo.width * inch, top_left.y() + geo.height * inch)
    )
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(outer, QColor("white"))
        # Cut line: outside the quiet zone, light so it does not disturb the scan.
        pen = QPen(QColor(160, 160, 160))
        pen.setWidthF(max(1.0, inch / 150))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = 0.12 * inch
        painter.drawRoundedRect(outer, radius, radius)

        box_side = geo.quiet_box * inch
        box = QRectF(
            outer.left() + _PAD_INCHES * inch,
            outer.top() + (outer.height() - box_side) / 2,
            box_side,
            box_side,
        )
        _paint_symbol(painter, badge, box)

        text_left = box.right() + _TEXT_GAP_INCHES * inch
        text_rect = QRectF(
            text_left,
            outer.top() + 0.2 * inch,
            outer.right() - 0.14 * inch - text_left,
            outer.height() - 0.35 * inch,
        )
        _paint_text(painter, badge, text_rect, inch)
    finally:
        painter.restore()
    return outer


def _paint_symbol(painter: QPainter, badge: Badge, box: QRectF) -> None:
    """The symbol with its quiet zone, filling ``box`` (a square)."""
    painter.fillRect(box, QColor("white"))
    matrix = badge.matrix()
    if matrix is not None:
        module = box.width() / (matrix.size + 2 * QUIET_ZONE_MODULES)
        origin = QPointF(
            box.left() + QUIET_ZONE_MODULES * module, box.top() + QUIET_ZONE_MODULES * module
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillPath(qr_path(matrix, origin, module), QColor("black"))
        return
    if badge.svg:
        renderer = QSvgRenderer(QByteArray(badge.svg))
        if renderer.isValid():
            logger.info("Badge QR painted from the service's SVG (payload not re-encodable)")
            renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            renderer.render(painter, box)
            return
    raise ValueError("the QR code can be neither re-encoded nor drawn from the service's image")


def _font(inch: float, points: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["Segoe UI", "Helvetica", "Arial", "DejaVu Sans"])
    # Device units per point = inch / 72: size fonts in device pixels so the result does not
    # depend on the device's own idea of its DPI.
    font.setPixelSize(max(1, round(points * inch / 72)))
    font.setBold(bold)
    return font


_STYLES = {
    "name": (11.0, True, 3),
    "store": (9.0, False, 3),
    "detail": (8.5, False, 2),
    "note": (6.5, False, 3),
}


def _paint_text(painter: QPainter, badge: Badge, rect: QRectF, inch: float) -> None:
    y = rect.top()
    notes = [text for role, text in badge_lines(badge) if role == "note"]
    for role, text in badge_lines(badge):
        if role == "note":
            continue
        points, bold, max_lines = _STYLES[role]
        y = _draw_wrapped(
            painter, text, _font(inch, points, bold=bold), rect, y, max_lines, QColor("black")
        )
        y += (0.07 if role == "name" else 0.03) * inch
    # Notes sit at the bottom of the text column.
    points, _bold, max_lines = _STYLES["note"]
    font = _font(inch, points)
    metrics = QFontMetricsF(font)
    heights = [
        min(
            metrics.boundingRect(
                QRectF(0, 0, rect.width(), 1e6), int(Qt.TextFlag.TextWordWrap), t
            ).height(),
            metrics.lineSpacing() * max_lines,
        )
        for t in notes
    ]
    y_notes = max(y, rect.bottom() - sum(heights))
    for text in notes:
        y_notes = _draw_wrapped(painter, text, font, rect, y_notes, max_lines, QColor(70, 70, 70))


def wrap_text(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Greedy word wrap (a hyphen is a break opportunity); a word wider than ``width`` is
    broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        pieces = re.findall(r"[^-]+-|[^-]+|-", word)
        for index, piece in enumerate(pieces):
            joiner = "" if index else " "
            candidate = f"{current}{joiner}{piece}" if current else piece
            if metrics.horizontalAdvance(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            while metrics.horizontalAdvance(piece) > width and len(piece) > 1:
                cut = len(piece) - 1
                while cut > 1 and metrics.horizontalAdvance(piece[:cut]) > width:
                    cut -= 1
                lines.append(piece[:cut])
                piece = piece[cut:]
            current = piece
    if current:
        lines.append(current)
    return lines


def _draw_wrapped(
    painter: QPainter, text: str, font: QFont, rect: QRectF, y: float, max_lines: int, color: QColor
) -> float:
    """Draw ``text`` word-wrapped within ``rect``'s width from ``y`` (at most ``max_lines``,
    the last elided when more would be needed); returns the y below it."""
    painter.setFont(font)
    painter.setPen(color)
    metrics = QFontMetricsF(font)
    width = rect.width()
    lines = wrap_text(text, metrics, width)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [
            *lines[: max_lines - 1],
            metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width),
        ]
    for line in lines:
        painter.drawText(QPointF(rect.left(), y + metrics.ascent()), line)
        y += metrics.lineSpacing()
    return y


# --------------------------------------------------------------------------- sheets


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Where badges go on a page: ``columns`` x ``rows`` cells (device units)."""

    columns: int
    rows: int
    cell_width: float
    cell_height: float
    origin: QPointF

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def cell_origin(self, index: int) -> QPointF:
        col = index % self.columns
        row = (index // self.columns) % self.rows
        return QPointF(
            self.origin.x() + col * self.cell_width, self.origin.y() + row * self.cell_height
        )


def sheet_layout(badges: list[Badge], paintable: QRectF, dpi: float) -> SheetLayout:
    """As many badge cells as fit the paintable page area (8 on A4 or Letter for usual
    payloads), centred. Every badge on the sheet gets the size of the largest."""
    inch = float(dpi)
    width = max(badge_geometry(b).width for b in badges) * inch
    height = max(badge_geometry(b).height for b in badges) * inch
    gap = 0.0
    columns = max(1, int((paintable.width() + gap) // (width + gap)))
    rows = max(1, int((paintable.height() + gap) // (height + gap)))
    used_w = columns * width
    used_h = rows * height
    origin = QPointF(
        paintable.left() + max(0.0, (paintable.width() - used_w) / 2),
        paintable.top() + max(0.0, (paintable.height() - used_h) / 2),
    )
    return SheetLayout(columns, rows, width, height, origin)


def paint_sheet(painter: QPainter, device: QPagedPaintDevice, badges: list[Badge]) -> int:
    """Paint ``badges`` onto a paged device (printer or PDF writer), starting a new page when
    one is full; returns the number of pages. The painter must be active on ``device``."""
    if not badges:
        raise ValueError("no badges to paint")
    dpi = float(device.logicalDpiX())
    layout = device.pageLayout()
    paintable = QRectF(layout.paintRectPixels(round(dpi)))
    # paintRectPixels is relative to the full page; the painter's origin is the paint rect
    # unless full-page mode is on.
    if layout.mode() != QPageLayout.Mode.FullPageMode:
        paintable.moveTo(0, 0)
    sheet = sheet_layout(badges, paintable, dpi)
    pages = 1
    for index, badge in enumerate(badges):
        if index and index % sheet.per_page == 0:
            device.newPage()
            pages += 1
        paint_badge(painter, badge, sheet.cell_origin(index), dpi)
    return pages
