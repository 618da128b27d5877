"""Draw the app icon with Qt and write ``resources/icons/qrpin-gui.png`` and ``.ico``.

Run ``python packaging/make_icons.py`` (offscreen is fine). The ICO is written by hand (no
Pillow): 16-64 px as 32-bit DIB entries (what the Windows shell and NSIS expect for small
sizes) and 256 px as a PNG entry. The output is deterministic, so re-running it changes nothing.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
DIB_SIZES = (16, 24, 32, 48, 64)
PNG_SIZES = (256,)

# A 7x7 finder-like pattern plus a few modules: reads as "QR" at 16 px.
_PATTERN = (
    "1111100",
    "1000101",
    "1010100",
    "1000111",
    "1111101",
    "0010011",
    "1101110",
)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    outer = QRectF(0, 0, size, size).adjusted(size * 0.03, size * 0.03, -size * 0.03, -size * 0.03)
    path = QPainterPath()
    path.addRoundedRect(outer, size * 0.18, size * 0.18)
    p.fillPath(path, QColor("#0f6cbd"))  # Fluent blue
    cell = outer.width() * 0.72 / 7
    left = outer.left() + (outer.width() - 7 * cell) / 2
    top = outer.top() + (outer.height() - 7 * cell) / 2
    p.setRenderHint(QPainter.RenderHint.Antialiasing, size >= 48)
    for r, row in enumerate(_PATTERN):
        for c, bit in enumerate(row):
            if bit == "1":
                p.fillRect(
                    QRectF(left + c * cell, top + r * cell, cell + 0.02, cell + 0.02),
                    QColor("white"),
                )
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # stub says bytes, runtime wants str
    buf.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """BITMAPINFOHEADER + bottom-up BGRA rows + 1-bit AND mask (all zero: alpha decides)."""
    size = image.width()
    img = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA in memory (little endian)
    stride = img.bytesPerLine()
    bits = bytes(img.constBits())
    rows = [bits[y * stride : y * stride + size * 4] for y in range(size)]
    pixels = b"".join(reversed(rows))
    mask_stride = ((size + 31) // 32) * 4
    mask = b"\x00" * (mask_stride * size)
    header = struct.pack(
        "<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0
    )
    return header + pixels + mask


def ico_bytes(entries: list[tuple[int, bytes]]) -> bytes:
    out = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    blobs = b""
    for size, blob in entries:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return out + blobs


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    entries = [(s, dib_bytes(draw(s))) for s in DIB_SIZES]
    entries += [(s, png_bytes(draw(s))) for s in PNG_SIZES]
    written = {
        ICON_DIR / "qrpin-gui.png": png_bytes(draw(256)),
        ICON_DIR / "qrpin-gui.ico": ico_bytes(entries),
    }
    for path, blob in written.items():
        if not path.exists() or path.read_bytes() != blob:
            path.write_bytes(blob)
            sys.stdout.write(f"wrote {path.relative_to(ROOT)} ({len(blob)} bytes)\n")
    del _app
    return 0


if __name__ == "__main__":
    sys.exit(main())
