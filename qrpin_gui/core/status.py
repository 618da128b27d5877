"""Derived status of a roster row at a given moment.

:func:`derive_status` gives one :class:`RowStatus` for the status column (the most
pressing fact, in the priority order of the enum) plus every :class:`StatusFlag` that
holds, for filters. Nothing here is English text: the UI translates the members.

Priority of the primary status (first that applies):

1. ``UNKNOWN`` / ``FAILED`` / ``NOT_MANAGEABLE``: the method status is not known (not yet
   fetched, fetch failed, or this admin may not read the user).
2. ``NO_METHOD``; ``METHOD_DETAILS_UNKNOWN`` when the method exists but its children were
   never loaded.
3. ``TEMPORARY_CODE_LIVE``: a temporary code is usable now (``temporary_until`` says until
   when).
4. ``NO_STANDARD_CODE``, ``STANDARD_EXPIRED``, ``STANDARD_NOT_YET_ACTIVE``.
5. ``PIN_MUST_CHANGE``, then ``EXPIRING_SOON`` (standard code expires within N days), then
   ``NEVER_USED``, else ``ACTIVE``.

A row whose status was loaded but whom this admin may not manage (e.g. Global Reader, or
a verdict computed after the fetch) keeps its method status as primary and gets the
``NOT_MANAGEABLE`` flag and ``not_manageable_reason``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from .capability import NotManageableReason
from .models import FailureReason, FetchKind, QrMethod, RosterRow

__all__ = [
    "DEFAULT_EXPIRING_WITHIN_DAYS",
    "DerivedStatus",
    "RowStatus",
    "StatusFlag",
    "derive_status",
]

DEFAULT_EXPIRING_WITHIN_DAYS = 14


class RowStatus(Enum):
    """The one status shown in the status column, in priority order."""

    UNKNOWN = "unknown"
    FAILED = "failed"
    NOT_MANAGEABLE = "not_manageable"
    NO_METHOD = "no_method"
    METHOD_DETAILS_UNKNOWN = "method_details_unknown"
    TEMPORARY_CODE_LIVE = "temporary_code_live"
    NO_STANDARD_CODE = "no_standard_code"
    STANDARD_EXPIRED = "standard_expired"
    STANDARD_NOT_YET_ACTIVE = "standard_not_yet_active"
    PIN_MUST_CHANGE = "pin_must_change"
    EXPIRING_SOON = "expiring_soon"
    NEVER_USED = "never_used"
    ACTIVE = "active"


class StatusFlag(Enum):
    """Facts about a row, for filters (several can hold at once)."""

    UNKNOWN = "unknown"
    FAILED = "failed"
    NOT_MANAGEABLE = "not_manageable"
    NO_METHOD = "no_method"
    HAS_METHOD = "has_method"
    METHOD_DETAILS_UNKNOWN = "method_details_unknown"
    CAN_SIGN_IN = "can_sign_in"
    """A standard or temporary code is live now and the method has a PIN."""
    TEMPORARY_CODE_LIVE = "temporary_code_live"
    TEMPORARY_CODE_NOT_YET_ACTIVE = "temporary_code_not_yet_active"
    NO_STANDARD_CODE = "no_standard_code"
    STANDARD_EXPIRED = "standard_expired"
    STANDARD_NOT_YET_ACTIVE = "standard_not_yet_active"
    EXPIRING_SOON = "expiring_soon"
    PIN_MUST_CHANGE = "pin_must_change"
    NEVER_USED = "never_used"
    ACCOUNT_DISABLED = "account_disabled"
    ADMIN_ROLE_HOLDER = "admin_role_holder"


@dataclass(frozen=True, slots=True)
class DerivedStatus:
    """The status of one row at one moment."""

    primary: RowStatus
    flags: frozenset[StatusFlag]
    not_manageable_reason: NotManageableReason | None = None
    failure_reason: FailureReason | None = None
    standard_expires: datetime | None = None
    standard_starts: datetime | None = None
    temporary_until: datetime | None = None
    """Expiry of the live temporary code (``TEMPORARY_CODE_LIVE``)."""
    expires_in: timedelta | None = None
    """Time left on the live standard code."""
    last_used: datetime | None = None
    """Most recent use of the method or either code."""

    def has(self, flag: StatusFlag) -> bool:
        return flag in self.flags


def _latest(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def _method_status(
    method: QrMethod, now: datetime, soon: timedelta, flags: set[StatusFlag]
) -> DerivedStatus:
    flags.add(StatusFlag.HAS_METHOD)
    standard, temporary, pin = method.standard, method.temporary, method.pin
    last_used = _latest(
        method.last_used,
        standard.last_used if standard else None,
        temporary.last_used if temporary else None,
    )
    if not method.children_loaded:
        # Without the codes nothing more is known ("never used" included).
        flags.add(StatusFlag.METHOD_DETAILS_UNKNOWN)
        return DerivedStatus(
            RowStatus.METHOD_DETAILS_UNKNOWN, frozenset(flags), last_used=last_used
        )

    candidates: list[RowStatus] = []
    temporary_until: datetime | None = None
    expires_in: timedelta | None = None
    live_code = False

    if temporary is not None:
        if temporary.is_live(now):
            flags.add(StatusFlag.TEMPORARY_CODE_LIVE)
            candidates.append(RowStatus.TEMPORARY_CODE_LIVE)
            temporary_until = temporary.expire
            live_code = True
        elif temporary.is_pending(now):
            flags.add(StatusFlag.TEMPORARY_CODE_NOT_YET_ACTIVE)

    if standard is None:
        flags.add(StatusFlag.NO_STANDARD_CODE)
        candidates.append(RowStatus.NO_STANDARD_CODE)
    elif standard.is_expired(now):
        flags.add(StatusFlag.STANDARD_EXPIRED)
        candidates.append(RowStatus.STANDARD_EXPIRED)
    elif standard.is_pending(now):
        flags.add(StatusFlag.STANDARD_NOT_YET_ACTIVE)
        candidates.append(RowStatus.STANDARD_NOT_YET_ACTIVE)
    else:
        live_code = True
        if standard.expire is not None:
            expires_in = standard.expire - now
            if expires_in <= soon:
                flags.add(StatusFlag.EXPIRING_SOON)
                candidates.append(RowStatus.EXPIRING_SOON)

    if pin is not None and pin.force_change_next_sign_in:
        flags.add(StatusFlag.PIN_MUST_CHANGE)
        candidates.append(RowStatus.PIN_MUST_CHANGE)
    if live_code and pin is not None:
        flags.add(StatusFlag.CAN_SIGN_IN)
    if last_used is None:
        flags.add(StatusFlag.NEVER_USED)
        candidates.append(RowStatus.NEVER_USED)

    order = list(RowStatus)
    primary = min(candidates, key=order.index) if candidates else RowStatus.ACTIVE
    return DerivedStatus(
        primary,
        frozenset(flags),
        standard_expires=standard.expire if standard else None,
        standard_starts=standard.start if standard else None,
        temporary_until=temporary_until,
        expires_in=expires_in,
        last_used=last_used,
    )


def derive_status(
    row: RosterRow,
    now: datetime,
    expiring_within_days: int = DEFAULT_EXPIRING_WITHIN_DAYS,
) -> DerivedStatus:
    """The status of ``row`` at ``now`` (an aware datetime). A standard code expiring within
    ``expiring_within_days`` days (>= 0; 0 turns the warning off) is ``EXPIRING_SOON``."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if expiring_within_days < 0:
        raise ValueError("expiring_within_days must not be negative")
    soon = timedelta(days=expiring_within_days)

    flags: set[StatusFlag] = set()
    if row.user.account_enabled is False:
        flags.add(StatusFlag.ACCOUNT_DISABLED)
    if row.admin_roles:
        flags.add(StatusFlag.ADMIN_ROLE_HOLDER)

    fetch = row.fetch
    verdict = row.manage
    denial = verdict.denial if verdict is not None else None

    if fetch.kind is FetchKind.NOT_MANAGEABLE:
        flags.add(StatusFlag.NOT_MANAGEABLE)
        return DerivedStatus(
            RowStatus.NOT_MANAGEABLE,
            frozenset(flags),
            not_manageable_reason=fetch.not_manageable or denial,
        )
    if fetch.kind is FetchKind.FAILED:
        flags.add(StatusFlag.FAILED)
        if denial is not None:
            flags.add(StatusFlag.NOT_MANAGEABLE)
        return DerivedStatus(
            RowStatus.FAILED,
            frozenset(flags),
            not_manageable_reason=denial,
            failure_reason=fetch.failure,
        )
    if fetch.kind is FetchKind.UNKNOWN:
        if verdict is not None and denial is not None and not verdict.can_read:
            flags.add(StatusFlag.NOT_MANAGEABLE)
            return DerivedStatus(
                RowStatus.NOT_MANAGEABLE, frozenset(flags), not_manageable_reason=denial
            )
        flags.add(StatusFlag.UNKNOWN)
        if denial is not None:
            flags.add(StatusFlag.NOT_MANAGEABLE)
        return DerivedStatus(RowStatus.UNKNOWN, frozenset(flags), not_manageable_reason=denial)

    if denial is not None:
        flags.add(StatusFlag.NOT_MANAGEABLE)
    if row.method is None:
        flags.add(StatusFlag.NO_METHOD)
        return DerivedStatus(RowStatus.NO_METHOD, frozenset(flags), not_manageable_reason=denial)
    derived = _method_status(row.method, now, soon, flags)
    return dataclasses.replace(derived, not_manageable_reason=denial)
