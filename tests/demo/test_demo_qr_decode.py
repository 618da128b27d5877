"""The demo's QR image is a real, scannable symbol: its ``binaryValue`` SVG, rasterized by Qt
and read by a barcode decoder (zxing-cpp) that knows nothing of the demo, gives back exactly
the ``rawContent`` payload. (Qt is used here, in the test; the demo itself never imports it.)"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import zxingcpp
from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from tests.demo.conftest import Graph, method_path
from tests.demo.test_demo_qr_methods import IT, create_body, now, worker_without_method


def decode_svg(svg: bytes, pixels: int = 600) -> list[str]:
    """Every QR symbol zxing-cpp finds in ``svg`` drawn on white at ``pixels`` square."""
    renderer = QSvgRenderer(QByteArray(svg))
    assert renderer.isValid(), "the SVG does not parse"
    image = QImage(pixels, pixels, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    found = zxingcpp.read_barcodes(image)
    return [barcode.text for barcode in found if barcode.format == zxingcpp.BarcodeFormat.QRCode]


def test_binary_value_svg_decodes_to_raw_content(graph: Graph, qapp: Any) -> None:
    user = worker_without_method(graph)
    created = graph.request("PUT", method_path(user["id"]), IT, json=create_body(now()))
    assert created.status_code == 201, created.text
    standard = created.json()["standardQRCode"]["image"]
    temporary = graph.request(
        "PATCH",
        method_path(user["id"]) + "/temporaryQRCode",
        IT,
        json={"expireDateTime": (now() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")},
    )
    assert temporary.status_code == 201, temporary.text
    for image in (standard, temporary.json()["image"]):
        payload = base64.b64decode(image["rawContent"]).decode("utf-8")
        assert payload.startswith("ms-qrpin:v1|")
        assert decode_svg(base64.b64decode(image["binaryValue"])) == [payload]
