"""Roster rows for GUI tests (no network)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from qrpin_gui.core.models import (
    FailureReason,
    NotManageableReason,
    QrCode,
    QrMethod,
    QrPin,
    RosterRow,
    User,
)

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def user(i: int, name: str | None = None, dept: str = "Sales") -> User:
    return User(
        id=f"u{i:06d}",
        upn=f"user{i}@contoso-retail.example",
        display_name=name or f"Person {i:06d}",
        department=dept,
    )


def method(
    *,
    expires_in_days: float | None = 200,
    temporary_hours: float | None = None,
    must_change: bool = False,
    used_days_ago: float | None = 3,
) -> QrMethod:
    standard = (
        QrCode(
            id="std",
            start=NOW - timedelta(days=30),
            expire=NOW + timedelta(days=expires_in_days),
            last_used=NOW - timedelta(days=used_days_ago) if used_days_ago is not None else None,
        )
        if expires_in_days is not None
        else None
    )
    temporary = (
        QrCode(
            id="tmp", start=NOW - timedelta(hours=1), expire=NOW + timedelta(hours=temporary_hours)
        )
        if temporary_hours is not None
        else None
    )
    return QrMethod(
        id="m",
        standard=standard,
        temporary=temporary,
        pin=QrPin(force_change_next_sign_in=must_change, updated=NOW - timedelta(days=10)),
        last_used=NOW - timedelta(days=used_days_ago) if used_days_ago is not None else None,
    )


def loaded(i: int, m: QrMethod | None, **kw: object) -> RosterRow:
    return RosterRow(user=user(i, **kw)).with_method(m, fetched_at=NOW)  # type: ignore[arg-type]


def mixed_rows() -> list[RosterRow]:
    """One row of each interesting kind."""
    return [
        loaded(1, method(), name="Ada Active"),
        loaded(2, None, name="Nick NoQR", dept="Bakery"),
        loaded(3, method(expires_in_days=-2), name="Eve Expired"),
        loaded(4, method(expires_in_days=5), name="Sam Soon", dept="Bakery"),
        loaded(5, method(temporary_hours=4), name="Tim Temporary"),
        loaded(6, method(must_change=True), name="Pat PinChange", dept="Deli"),
        RosterRow(user=user(7, name="Alex Admin")).with_not_manageable(
            NotManageableReason.ADMIN_ROLE_HOLDER
        ),
        RosterRow(user=user(8, name="Una Unknown")),
        RosterRow(user=user(9, name="Fay Failed")).with_failure(FailureReason.THROTTLED),
    ]


def many_rows(n: int) -> list[RosterRow]:
    out = []
    for i in range(n):
        m = method(expires_in_days=(i % 400) - 20, must_change=i % 7 == 0) if i % 5 else None
        out.append(
            loaded(i, m, name=f"Name {(i * 7919) % n:06d}", dept=("Bakery", "Deli", "Sales")[i % 3])
        )
    return out
