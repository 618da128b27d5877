"""The one-time QR image of a newly created code: a real QR symbol (segno) as SVG."""

from __future__ import annotations

import base64
import io
import secrets
from typing import Any

import segno

ERROR_CORRECTION = "l"


def payload(upn: str, code_id: str, secret: str) -> str:
    """What the QR symbol encodes: ``ms-qrpin:v1|<UPN>|<qrCodeId>|<secret>``."""
    return f"ms-qrpin:v1|{upn}|{code_id}|{secret}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def image_details(upn: str, code_id: str, secret: str) -> dict[str, Any]:
    """A ``qrCodeImageDetails`` object: base64 SVG, base64 raw content, level and version."""
    raw = payload(upn, code_id, secret)
    qr = segno.make(raw, error=ERROR_CORRECTION, boost_error=False, micro=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", xmldecl=False, svgversion=1.1, scale=4, border=4)
    return {
        "@odata.type": "#microsoft.graph.qrCodeImageDetails",
        "binaryValue": base64.b64encode(out.getvalue()).decode("ascii"),
        "rawContent": base64.b64encode(raw.encode("utf-8")).decode("ascii"),
        "errorCorrectionLevel": str(qr.error).lower(),
        "version": int(qr.version),
    }
