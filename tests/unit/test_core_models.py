"""Core data classes: immutability, secrets never kept or shown, and no Qt import."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from qrpin_gui.core.models import (
    FetchKind,
    FetchState,
    Policy,
    QrCode,
    QrImage,
    QrMethod,
    QrPin,
    RosterRow,
    User,
)

IMAGE = QrImage(b"<svg>secret-svg</svg>", b"ms-qrpin:v1|a@x|id|SECRETPAYLOAD", "h", 2)
PIN = QrPin(code="59173028", force_change_next_sign_in=True)


def fresh_method() -> QrMethod:
    return QrMethod(
        id="m", standard=QrCode("s", image=IMAGE), temporary=QrCode("t", image=IMAGE), pin=PIN
    )


def test_data_classes_are_frozen_and_slotted() -> None:
    user = User("u1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        user.upn = "x"  # type: ignore[misc]
    assert not hasattr(user, "__dict__")


def test_roster_row_never_keeps_pin_code_or_images() -> None:
    row = RosterRow(User("u1"), fresh_method())
    assert row.method is not None and row.method.pin is not None
    assert row.method.pin.code is None
    assert row.method.pin.force_change_next_sign_in is True
    assert row.method.standard is not None and row.method.standard.image is None
    assert row.method.temporary is not None and row.method.temporary.image is None
    loaded = RosterRow(User("u1")).with_method(fresh_method())
    assert loaded.method == row.method
    assert "59173028" not in repr(loaded) and "SECRETPAYLOAD" not in repr(loaded)


def test_reprs_hide_secrets() -> None:
    text = repr(fresh_method())
    assert "59173028" not in text
    assert "SECRETPAYLOAD" not in text and "secret-svg" not in text
    assert "version=2" in text and "error_correction_level='h'" in text


def test_row_transitions() -> None:
    when = datetime(2026, 6, 1, tzinfo=UTC)
    row = RosterRow(User("u1"), stores=["au1"], admin_roles=[])  # type: ignore[arg-type]
    assert row.fetch.kind is FetchKind.UNKNOWN and row.stores == frozenset({"au1"})
    loaded = row.with_method(None, fetched_at=when)
    assert loaded.fetch == FetchState.loaded() and loaded.fetched_at == when
    assert loaded.id == "u1" and not loaded.is_admin
    updated = loaded.with_memberships(admin_roles={"r1"})
    assert updated.is_admin and updated.stores == {"au1"}


def test_policy_default() -> None:
    policy = Policy.default()
    assert policy.assumed and (policy.pin_length, policy.standard_lifetime_days) == (8, 365)


def test_importing_core_does_not_import_qt_or_network_libraries() -> None:
    code = (
        "import sys, qrpin_gui.core.models, qrpin_gui.core.parse, qrpin_gui.core.status, "
        "qrpin_gui.core.pins, qrpin_gui.core.capability\n"
        "bad = [m for m in ('PySide6', 'qasync', 'httpx', 'msal') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
