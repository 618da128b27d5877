"""Badges: vector PDF that decodes back to exactly the payload, at least 2 inches wide, 8 per
A4/Letter page, page size from the locale; the full-screen temporary code decodes too.

PDFs are rendered with pypdfium2 at a known DPI and decoded with zxing-cpp (both have Linux
and Windows wheels).
"""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QImage

from qrpin_gui.demo.qrimage import image_details
from qrpin_gui.ui.badge import MIN_SYMBOL_INCHES, Badge, encode_payload
from qrpin_gui.ui.badge_print import default_page_size, save_pdf, suggested_pdf_name
from qrpin_gui.ui.fullscreen_qr import MIN_MODULE_PIXELS, FullScreenQr, module_pixels

RENDER_DPI = 200
UPN = "amelia.watson@contoso-retail.example"
CODE_ID = "9a7e1b2c-4d3f-4e5a-8b6c-7d8e9f0a1b2c"


def render_pdf(path: Path, dpi: int = RENDER_DPI) -> list[QImage]:
    """Every page of the PDF as a grayscale image at ``dpi``."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        images = []
        for index in range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_Grayscale8,
            ).copy()
            bitmap.close()
            page.close()
            images.append(image)
        return images
    finally:
        pdf.close()


def pdf_page_points(path: Path) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_size() for i in range(len(pdf))]
    finally:
        pdf.close()


def decode(image: QImage) -> list[Any]:
    return list(zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode))


def symbol_width_px(barcode: Any) -> float:
    """Width of the decoded symbol (finder pattern outer edges), in image pixels."""
    pos = barcode.position
    return max(pos.top_right.x, pos.bottom_right.x) - min(pos.top_left.x, pos.bottom_left.x)


def service_image(secret: str = "s3cr3t-" + "x" * 36, *, upn: str = UPN) -> dict[str, Any]:
    """A qrCodeImageDetails as the demo tenant (the oracle) makes it."""
    return image_details(upn, CODE_ID, secret)


def badge_from(details: dict[str, Any], **kw: Any) -> Badge:
    defaults: dict[str, Any] = {
        "worker_name": "Amelia Watson",
        "store": "Seattle Downtown",
        "expires": datetime.now(UTC) + timedelta(days=365),
        "upn": UPN,
    }
    defaults.update(kw)
    return Badge(
        raw_content=base64.b64decode(details["rawContent"]),
        error_correction=details["errorCorrectionLevel"],
        version=details["version"],
        svg=base64.b64decode(details["binaryValue"]),
        **defaults,
    )


def test_saved_pdf_decodes_to_exactly_the_payload_at_least_two_inches(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    details = service_image()
    raw = base64.b64decode(details["rawContent"])
    path = tmp_path / "badge.pdf"
    assert save_pdf(path, [badge_from(details)]) == 1
    assert path.read_bytes().startswith(b"%PDF")
    (page,) = render_pdf(path)
    (barcode,) = decode(page)
    assert barcode.bytes == raw
    width_in = symbol_width_px(barcode) / RENDER_DPI
    assert width_in >= MIN_SYMBOL_INCHES
    assert width_in < MIN_SYMBOL_INCHES * 1.2  # not absurdly large either


def pdf_text_and_object_types(path: Path) -> tuple[str, set[int]]:
    """The first page's text (pypdfium2's extraction) and the kinds of its page objects,
    form XObjects included."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        types = {obj.type for obj in page.get_objects(max_depth=16)}
        textpage.close()
        page.close()
        return text, types
    finally:
        pdf.close()


@pytest.mark.parametrize("level", ["M", "unknownFutureValue"], ids=["segno", "service-svg"])
def test_badge_pdf_is_vector_with_name_store_and_expiry(qapp, tmp_path, level) -> None:  # type: ignore[no-untyped-def]
    from qrpin_gui.ui.badge import format_badge_date

    expires = datetime(2027, 11, 21, 18, 0, tzinfo=UTC)
    badge = badge_from({**service_image(), "errorCorrectionLevel": level}, expires=expires)
    path = tmp_path / "badge.pdf"
    save_pdf(path, [badge])
    text, types = pdf_text_and_object_types(path)
    flat = " ".join(text.split())
    assert "Amelia Watson" in flat
    assert "Seattle Downtown" in flat
    assert format_badge_date(expires) in flat
    # Vector: the QR is drawn as paths, never embedded as a picture.
    assert pdfium.raw.FPDF_PAGEOBJ_PATH in types
    assert pdfium.raw.FPDF_PAGEOBJ_IMAGE not in types
    assert re.search(rb"/Subtype\s*/Image", path.read_bytes()) is None
    assert decode(render_pdf(path)[0])  # and still a QR code


def test_symbol_keeps_the_services_error_correction_level(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    details = service_image()
    raw = base64.b64decode(details["rawContent"])
    for level, expected in (("h", "H"), ("Q", "Q"), ("m", "M")):
        path = tmp_path / f"badge-{level}.pdf"
        save_pdf(path, [badge_from({**details, "errorCorrectionLevel": level, "version": None})])
        (barcode,) = decode(render_pdf(path)[0])
        assert barcode.bytes == raw
        assert barcode.ec_level == expected


def test_returned_version_used_when_it_fits_else_smallest(qapp) -> None:  # type: ignore[no-untyped-def]
    raw = base64.b64decode(service_image()["rawContent"])
    assert encode_payload(raw, "l", 10).version == 10
    fallback = encode_payload(raw, "l", 1)  # far too small for this payload
    assert fallback.version > 1
    with pytest.raises(ValueError):
        encode_payload(raw, "unknownfuturevalue", None)


def test_unknown_level_falls_back_to_the_services_svg(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    details = service_image()
    raw = base64.b64decode(details["rawContent"])
    badge = badge_from({**details, "errorCorrectionLevel": "unknownFutureValue"})
    assert badge.matrix() is None
    path = tmp_path / "svg.pdf"
    save_pdf(path, [badge])
    (barcode,) = decode(render_pdf(path)[0])
    assert barcode.bytes == raw
    assert symbol_width_px(barcode) / RENDER_DPI >= MIN_SYMBOL_INCHES


def test_sheet_holds_eight_badges_per_page_each_decodable(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    badges = [
        badge_from(service_image(f"secret-{i:02d}-" + "y" * 33), worker_name=f"Worker {i}")
        for i in range(10)
    ]
    expected = {b.raw_content for b in badges}
    for locale, size_pt in (
        (QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), (612.0, 792.0)),
        (QLocale(QLocale.Language.German, QLocale.Country.Germany), (595.0, 842.0)),
    ):
        path = tmp_path / f"sheet-{size_pt[0]}.pdf"
        assert save_pdf(path, badges, default_page_size(locale)) == 2
        sizes = pdf_page_points(path)
        assert [tuple(round(v) for v in s) for s in sizes] == [size_pt, size_pt]
        pages = render_pdf(path, dpi=150)
        first, second = (decode(p) for p in pages)
        assert len(first) == 8 and len(second) == 2
        assert {b.bytes for b in first + second} == expected
        for barcode in first + second:
            assert symbol_width_px(barcode) / 150 >= MIN_SYMBOL_INCHES - 0.01


def test_locale_paper_size() -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    canada = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert default_page_size(us).id().name == "Letter"
    assert default_page_size(canada).id().name == "Letter"
    assert default_page_size(uk).id().name == "A4"


def test_badge_never_shows_its_payload_in_repr_or_file_name() -> None:
    badge = badge_from(service_image())
    assert "ms-qrpin" not in repr(badge)
    assert "s3cr3t" not in repr(badge)
    assert suggested_pdf_name([badge]) == "QR badge - Amelia Watson.pdf"
    assert suggested_pdf_name([badge, badge]) == "QR badges.pdf"


def test_module_pixels_meets_screen_rules() -> None:
    for short_side in (480, 600, 768, 1080, 2160):
        for modules in (21, 41, 57, 77):
            px = module_pixels(short_side, modules)
            assert px >= MIN_MODULE_PIXELS
            assert px * modules >= 0.6 * short_side


async def _noop() -> None:
    return None


@pytest.mark.asyncio
async def test_full_screen_temporary_code_decodes_and_esc_closes(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    details = service_image()
    raw = base64.b64decode(details["rawContent"])
    badge = badge_from(details, temporary=True, expires=datetime.now(UTC) + timedelta(hours=8))
    window = FullScreenQr(badge)
    qtbot.addWidget(window)
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    window.show_on(None)
    await _noop()
    assert window.isFullScreen()
    image = window.grab().toImage()
    image.save(str(tmp_path / "fullscreen.png"))
    (barcode,) = decode(image)
    assert barcode.bytes == raw
    short_side = min(window.width(), window.height())
    n = badge.module_count()
    symbol = window.symbol_rect()
    assert symbol.width() >= 0.6 * short_side
    assert symbol.width() / n >= MIN_MODULE_PIXELS and symbol.width() % n == 0
    assert symbol_width_px(barcode) >= 0.6 * short_side - 2
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert closed == [True]
    assert not window.isVisible()


@pytest.mark.asyncio
async def test_self_test_renders_a_badge_pdf_and_shows_the_full_screen_code(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QWidget

    from qrpin_gui.ui import self_test

    window = QWidget()
    qtbot.addWidget(window)
    shown: list[FullScreenQr] = []
    original = FullScreenQr.show_on

    def spy(self: FullScreenQr, near: Any = None) -> None:
        shown.append(self)
        original(self, near)

    FullScreenQr.show_on = spy  # type: ignore[method-assign]
    try:
        timings: dict[str, float] = {}
        await self_test._badge_steps(window, timings)
    finally:
        FullScreenQr.show_on = original  # type: ignore[method-assign]
    assert timings["badge_pdf"] > 0 and timings["fullscreen_qr"] > 0
    assert len(shown) == 1  # shown once, then closed again
    visible = [w for w in QApplication.topLevelWidgets() if isinstance(w, FullScreenQr)]
    assert not any(w.isVisible() for w in visible)
    badge = self_test.placeholder_badge()
    assert badge.raw_content == self_test.PLACEHOLDER_PAYLOAD and badge.matrix() is not None
