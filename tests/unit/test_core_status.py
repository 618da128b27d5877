"""Derived row status at fixed moments: every primary status, the flags and the reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from qrpin_gui.core.capability import ManageGrant, ManageVerdict, NotManageableReason
from qrpin_gui.core.models import FailureReason, QrCode, QrMethod, QrPin, RosterRow, User
from qrpin_gui.core.status import RowStatus, StatusFlag, derive_status

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
USED = NOW - 3 * DAY
S = StatusFlag


def code(
    start: datetime | None = None,
    expire: datetime | None = None,
    last_used: datetime | None = USED,
    id: str = "c",
) -> QrCode:
    return QrCode(
        id=id,
        created=NOW - 100 * DAY,
        start=start or NOW - 100 * DAY,
        expire=expire or NOW + 265 * DAY,
        last_used=last_used,
    )


def method(
    standard: QrCode | None = None,
    temporary: QrCode | None = None,
    pin: QrPin | None = None,
    *,
    no_standard: bool = False,
) -> QrMethod:
    return QrMethod(
        id="m",
        created=NOW - 100 * DAY,
        standard=None if no_standard else (standard or code()),
        temporary=temporary,
        pin=pin or QrPin(force_change_next_sign_in=False),
    )


def loaded(m: QrMethod | None, **kwargs: object) -> RosterRow:
    return RosterRow(User("u1", "u1@x.example", "Una"), **kwargs).with_method(m)  # type: ignore[arg-type]


ALLOWED = ManageVerdict(grant=ManageGrant.STORE_SCOPED, can_read=True)


def test_active() -> None:
    status = derive_status(loaded(method()), NOW)
    assert status.primary is RowStatus.ACTIVE
    assert status.flags == {S.HAS_METHOD, S.CAN_SIGN_IN}
    assert status.expires_in == 265 * DAY
    assert status.last_used == USED


def test_no_method() -> None:
    status = derive_status(loaded(None), NOW)
    assert status.primary is RowStatus.NO_METHOD
    assert status.flags == {S.NO_METHOD}


def test_standard_expired_at_and_after_expiry() -> None:
    for expire in (NOW, NOW - DAY):
        status = derive_status(loaded(method(code(expire=expire))), NOW)
        assert status.primary is RowStatus.STANDARD_EXPIRED
        assert S.STANDARD_EXPIRED in status.flags and S.CAN_SIGN_IN not in status.flags
        assert status.standard_expires == expire


def test_standard_not_yet_active() -> None:
    start = NOW + 2 * DAY
    status = derive_status(loaded(method(code(start=start, last_used=None))), NOW)
    assert status.primary is RowStatus.STANDARD_NOT_YET_ACTIVE
    assert {S.STANDARD_NOT_YET_ACTIVE, S.NEVER_USED} <= status.flags
    assert status.standard_starts == start
    assert S.CAN_SIGN_IN not in status.flags


def test_no_standard_code_after_deletion() -> None:
    status = derive_status(loaded(method(no_standard=True)), NOW)
    assert status.primary is RowStatus.NO_STANDARD_CODE
    assert S.NO_STANDARD_CODE in status.flags


@pytest.mark.parametrize(
    ("left", "days", "expiring"),
    [
        (13 * DAY, 14, True),
        (14 * DAY, 14, True),
        (14 * DAY + timedelta(seconds=1), 14, False),
        (HOUR, 14, True),
        (29 * DAY, 30, True),
        (31 * DAY, 30, False),
        (HOUR, 0, False),
    ],
)
def test_expiring_within_n_days(left: timedelta, days: int, expiring: bool) -> None:
    status = derive_status(loaded(method(code(expire=NOW + left))), NOW, expiring_within_days=days)
    assert (status.primary is RowStatus.EXPIRING_SOON) == expiring
    assert (S.EXPIRING_SOON in status.flags) == expiring
    assert status.expires_in == left
    assert S.CAN_SIGN_IN in status.flags


def test_default_window_is_14_days() -> None:
    assert (
        derive_status(loaded(method(code(expire=NOW + 10 * DAY))), NOW).primary
        is RowStatus.EXPIRING_SOON
    )
    assert (
        derive_status(loaded(method(code(expire=NOW + 20 * DAY))), NOW).primary is RowStatus.ACTIVE
    )


def test_temporary_code_live_until_its_expiry() -> None:
    temp = code(start=NOW - HOUR, expire=NOW + 7 * HOUR, last_used=None, id="t")
    status = derive_status(loaded(method(temporary=temp)), NOW)
    assert status.primary is RowStatus.TEMPORARY_CODE_LIVE
    assert status.temporary_until == NOW + 7 * HOUR
    assert {S.TEMPORARY_CODE_LIVE, S.CAN_SIGN_IN} <= status.flags


def test_temporary_code_outranks_an_expired_standard_code() -> None:
    temp = code(start=NOW - HOUR, expire=NOW + HOUR, id="t")
    status = derive_status(loaded(method(code(expire=NOW - DAY), temporary=temp)), NOW)
    assert status.primary is RowStatus.TEMPORARY_CODE_LIVE
    assert {S.STANDARD_EXPIRED, S.TEMPORARY_CODE_LIVE, S.CAN_SIGN_IN} <= status.flags


def test_temporary_code_expired_or_pending_is_not_live() -> None:
    expired = code(start=NOW - 9 * HOUR, expire=NOW - HOUR, id="t")
    status = derive_status(loaded(method(temporary=expired)), NOW)
    assert status.primary is RowStatus.ACTIVE and status.temporary_until is None
    pending = code(start=NOW + HOUR, expire=NOW + 5 * HOUR, id="t")
    status = derive_status(loaded(method(temporary=pending)), NOW)
    assert status.primary is RowStatus.ACTIVE
    assert S.TEMPORARY_CODE_NOT_YET_ACTIVE in status.flags


def test_pin_must_change() -> None:
    status = derive_status(loaded(method(pin=QrPin(force_change_next_sign_in=True))), NOW)
    assert status.primary is RowStatus.PIN_MUST_CHANGE
    assert S.PIN_MUST_CHANGE in status.flags and S.CAN_SIGN_IN in status.flags


def test_pin_must_change_outranks_expiring_soon_and_both_flags_are_set() -> None:
    m = method(code(expire=NOW + DAY), pin=QrPin(force_change_next_sign_in=True))
    status = derive_status(loaded(m), NOW)
    assert status.primary is RowStatus.PIN_MUST_CHANGE
    assert {S.PIN_MUST_CHANGE, S.EXPIRING_SOON} <= status.flags


def test_never_used() -> None:
    status = derive_status(loaded(method(code(last_used=None))), NOW)
    assert status.primary is RowStatus.NEVER_USED
    assert S.NEVER_USED in status.flags and status.last_used is None


def test_used_through_the_method_or_temporary_code_is_not_never_used() -> None:
    m = QrMethod(id="m", last_used=USED, standard=code(last_used=None), pin=QrPin())
    assert derive_status(loaded(m), NOW).primary is RowStatus.ACTIVE
    temp = code(start=NOW - 9 * HOUR, expire=NOW - HOUR, last_used=NOW - 2 * HOUR, id="t")
    m2 = method(code(last_used=None), temporary=temp)
    status = derive_status(loaded(m2), NOW)
    assert status.primary is RowStatus.ACTIVE and status.last_used == NOW - 2 * HOUR


def test_method_without_children_loaded() -> None:
    m = QrMethod(id="m", created=NOW - DAY, children_loaded=False)
    status = derive_status(loaded(m), NOW)
    assert status.primary is RowStatus.METHOD_DETAILS_UNKNOWN
    assert status.flags == {S.HAS_METHOD, S.METHOD_DETAILS_UNKNOWN}


def test_status_unknown_before_fetch() -> None:
    status = derive_status(RosterRow(User("u1")), NOW)
    assert status.primary is RowStatus.UNKNOWN and status.flags == {S.UNKNOWN}


def test_failed_fetch_keeps_reason() -> None:
    row = RosterRow(User("u1")).with_failure(FailureReason.THROTTLED, "TooManyRequests")
    status = derive_status(row, NOW)
    assert status.primary is RowStatus.FAILED
    assert status.failure_reason is FailureReason.THROTTLED
    assert row.fetch.error_code == "TooManyRequests"
    assert S.FAILED in status.flags


@pytest.mark.parametrize("reason", list(NotManageableReason))
def test_not_manageable_from_fetch_state(reason: NotManageableReason) -> None:
    row = RosterRow(User("u1"), admin_roles=frozenset({"r"})).with_not_manageable(reason)
    status = derive_status(row, NOW)
    assert status.primary is RowStatus.NOT_MANAGEABLE
    assert status.not_manageable_reason is reason
    assert {S.NOT_MANAGEABLE, S.ADMIN_ROLE_HOLDER} <= status.flags


def test_not_manageable_verdict_on_unfetched_row_that_cannot_be_read() -> None:
    verdict = ManageVerdict(denial=NotManageableReason.OUTSIDE_STORES, can_read=False)
    status = derive_status(RosterRow(User("u1"), manage=verdict), NOW)
    assert status.primary is RowStatus.NOT_MANAGEABLE
    assert status.not_manageable_reason is NotManageableReason.OUTSIDE_STORES


def test_read_only_admin_sees_method_status_with_not_manageable_flag() -> None:
    verdict = ManageVerdict(denial=NotManageableReason.READ_ONLY_ROLE, can_read=True)
    status = derive_status(loaded(method(code(expire=NOW - DAY)), manage=verdict), NOW)
    assert status.primary is RowStatus.STANDARD_EXPIRED
    assert S.NOT_MANAGEABLE in status.flags
    assert status.not_manageable_reason is NotManageableReason.READ_ONLY_ROLE
    unfetched = derive_status(RosterRow(User("u1"), manage=verdict), NOW)
    assert unfetched.primary is RowStatus.UNKNOWN and S.NOT_MANAGEABLE in unfetched.flags


def test_allowed_verdict_adds_nothing() -> None:
    status = derive_status(loaded(method(), manage=ALLOWED), NOW)
    assert status.primary is RowStatus.ACTIVE and status.not_manageable_reason is None


def test_disabled_account_flag() -> None:
    row = RosterRow(User("u1", account_enabled=False)).with_method(method())
    assert S.ACCOUNT_DISABLED in derive_status(row, NOW).flags
    assert S.ACCOUNT_DISABLED not in derive_status(loaded(method()), NOW).flags


def test_now_in_another_zone_gives_same_answer() -> None:
    m = method(code(expire=NOW + 14 * DAY))
    other = NOW.astimezone(timezone(timedelta(hours=-7)))
    assert derive_status(loaded(m), other) == derive_status(loaded(m), NOW)


def test_naive_now_and_negative_window_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        derive_status(loaded(method()), datetime(2026, 6, 1, 12))
    with pytest.raises(ValueError):
        derive_status(loaded(method()), NOW, expiring_within_days=-1)


def test_same_row_changes_status_as_time_passes() -> None:
    m = method(code(start=NOW + DAY, expire=NOW + 20 * DAY))
    row = loaded(m)
    assert derive_status(row, NOW).primary is RowStatus.STANDARD_NOT_YET_ACTIVE
    assert derive_status(row, NOW + 2 * DAY).primary is RowStatus.ACTIVE
    assert derive_status(row, NOW + 10 * DAY).primary is RowStatus.EXPIRING_SOON
    assert derive_status(row, NOW + 20 * DAY).primary is RowStatus.STANDARD_EXPIRED
