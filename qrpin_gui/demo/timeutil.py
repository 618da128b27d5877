"""Timestamps the Graph way: ISO 8601 UTC in, ``...Z`` out."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from qrpin_gui.demo.constants import NEVER_USED
from qrpin_gui.demo.errors import GraphError

_ISO = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?"
    r"(Z|z|[+-]\d{2}:?\d{2})?$"
)


def now() -> datetime:
    return datetime.now(UTC)


def fmt(value: datetime) -> str:
    """Seconds precision, ``Z`` suffix (most Graph date-times look like this)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt_precise(value: datetime) -> str:
    """Seven fractional digits, as Graph writes ``createdDateTime``."""
    v = value.astimezone(UTC)
    return v.strftime("%Y-%m-%dT%H:%M:%S.") + f"{v.microsecond:06d}0Z"


def fmt_last_used(value: datetime | None) -> str:
    """``lastUsedDateTime`` of a QR code: Graph's zero date when never used."""
    return NEVER_USED if value is None else fmt(value)


def parse(value: object, field: str) -> datetime:
    """Parse an Edm.DateTimeOffset literal (a naive value counts as UTC); 400 otherwise."""
    if isinstance(value, str):
        m = _ISO.match(value.strip())
        if m:
            date, clock, frac, zone = m.groups()
            text = f"{date}T{clock}"
            if frac:
                text += "." + (frac + "000000")[:6]
            if zone and zone not in ("Z", "z"):
                text += zone if ":" in zone else zone[:3] + ":" + zone[3:]
            else:
                text += "+00:00"
            try:
                return datetime.fromisoformat(text).astimezone(UTC)
            except ValueError:
                pass
    raise GraphError(
        400,
        "BadRequest",
        f"Cannot convert the literal '{value}' to the expected type 'Edm.DateTimeOffset' "
        f"(property '{field}').",
    )
