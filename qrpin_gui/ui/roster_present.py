"""How a roster row looks: the display strings of every column, its tone, its filter flags.

Everything a cell shows is computed here once per row (then cached by the model), never
inside ``data()``. Strings go through ``QCoreApplication.translate`` with the context
``RosterPresenter`` so Qt Linguist finds them.

The status of a row comes from :mod:`qrpin_gui.core.status` (the one source of truth for
"expired", "expiring soon", ...); this module only turns it into words and colours.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum, IntEnum

from PySide6.QtCore import QCoreApplication

from qrpin_gui.core.models import (
    FailureReason,
    FetchKind,
    NotManageableReason,
    Policy,
    PolicyState,
    RosterRow,
)
from qrpin_gui.core.readiness import is_not_ready
from qrpin_gui.core.status import DerivedStatus, RowStatus, StatusFlag, derive_status
from qrpin_gui.ui.theme import Tone


class Col(IntEnum):
    """The roster table's columns, in display order."""

    NAME = 0
    UPN = 1
    DEPARTMENT = 2
    STATUS = 3
    STANDARD_EXPIRES = 4
    TEMPORARY_UNTIL = 5
    LAST_USED = 6
    PIN_STATE = 7
    PIN_CHANGED = 8


def column_titles() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("RosterPresenter", "Name"),
        QCoreApplication.translate("RosterPresenter", "User name (UPN)"),
        QCoreApplication.translate("RosterPresenter", "Department"),
        QCoreApplication.translate("RosterPresenter", "QR sign-in"),
        QCoreApplication.translate("RosterPresenter", "Standard code expires"),
        QCoreApplication.translate("RosterPresenter", "Temporary code until"),
        QCoreApplication.translate("RosterPresenter", "Last used"),
        QCoreApplication.translate("RosterPresenter", "PIN"),
        QCoreApplication.translate("RosterPresenter", "PIN last changed"),
    )


class QuickFilter(Enum):
    """The quick filters above the roster (a row may carry several)."""

    NO_QR = "no_qr"
    EXPIRED = "expired"
    EXPIRING = "expiring"
    TEMPORARY_LIVE = "temporary_live"
    PIN_MUST_CHANGE = "pin_must_change"
    NOT_READY = "not_ready"
    """Something blocks QR sign-in today (:func:`qrpin_gui.core.readiness.is_not_ready`)."""


def quick_filter_titles() -> dict[QuickFilter, str]:
    return {
        QuickFilter.NO_QR: QCoreApplication.translate("RosterPresenter", "No QR sign-in"),
        QuickFilter.EXPIRED: QCoreApplication.translate("RosterPresenter", "Expired"),
        QuickFilter.EXPIRING: QCoreApplication.translate("RosterPresenter", "Expiring soon"),
        QuickFilter.TEMPORARY_LIVE: QCoreApplication.translate(
            "RosterPresenter", "Temporary code live"
        ),
        QuickFilter.PIN_MUST_CHANGE: QCoreApplication.translate(
            "RosterPresenter", "PIN must change"
        ),
        QuickFilter.NOT_READY: QCoreApplication.translate("RosterPresenter", "Not ready"),
    }


# Most urgent first: the order of the status column when sorted ascending.
STATUS_ORDER: tuple[RowStatus, ...] = (
    RowStatus.STANDARD_EXPIRED,
    RowStatus.EXPIRING_SOON,
    RowStatus.PIN_MUST_CHANGE,
    RowStatus.NO_STANDARD_CODE,
    RowStatus.NO_METHOD,
    RowStatus.TEMPORARY_CODE_LIVE,
    RowStatus.STANDARD_NOT_YET_ACTIVE,
    RowStatus.NEVER_USED,
    RowStatus.METHOD_DETAILS_UNKNOWN,
    RowStatus.ACTIVE,
    RowStatus.FAILED,
    RowStatus.UNKNOWN,
    RowStatus.NOT_MANAGEABLE,
)
STATUS_RANK = {status: i for i, status in enumerate(STATUS_ORDER)}

_TONES = {
    RowStatus.STANDARD_EXPIRED: Tone.BAD,
    RowStatus.FAILED: Tone.BAD,
    RowStatus.EXPIRING_SOON: Tone.WARN,
    RowStatus.PIN_MUST_CHANGE: Tone.WARN,
    RowStatus.NO_STANDARD_CODE: Tone.WARN,
    RowStatus.TEMPORARY_CODE_LIVE: Tone.INFO,
    RowStatus.STANDARD_NOT_YET_ACTIVE: Tone.INFO,
    RowStatus.NEVER_USED: Tone.OK,
    RowStatus.ACTIVE: Tone.OK,
    RowStatus.NO_METHOD: Tone.MUTED,
    RowStatus.NOT_MANAGEABLE: Tone.MUTED,
    RowStatus.METHOD_DETAILS_UNKNOWN: Tone.MUTED,
    RowStatus.UNKNOWN: Tone.NONE,
}

_FLAG_FILTERS = {
    StatusFlag.NO_METHOD: QuickFilter.NO_QR,
    StatusFlag.STANDARD_EXPIRED: QuickFilter.EXPIRED,
    StatusFlag.EXPIRING_SOON: QuickFilter.EXPIRING,
    StatusFlag.TEMPORARY_CODE_LIVE: QuickFilter.TEMPORARY_LIVE,
    StatusFlag.PIN_MUST_CHANGE: QuickFilter.PIN_MUST_CHANGE,
}


FILTER_BITS: dict[QuickFilter, int] = {q: 1 << i for i, q in enumerate(QuickFilter)}
"""One bit per quick filter (what :func:`row_facts` returns as its mask)."""


def filter_mask(filters: Iterable[QuickFilter]) -> int:
    mask = 0
    for quick in filters:
        mask |= FILTER_BITS[quick]
    return mask


def filters_of_mask(mask: int) -> frozenset[QuickFilter]:
    return frozenset(q for q, bit in FILTER_BITS.items() if mask & bit)


class FactsContext:
    """What :func:`row_facts` judges rows against: the moment, the "expiring soon" window and
    the tenant policy (built once per pass, not per row)."""

    __slots__ = ("all_users", "excluded", "included", "now", "policy_blocks", "soon", "targeted")

    def __init__(
        self, now: datetime, expiring_within_days: int = 14, policy: Policy | None = None
    ) -> None:
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be timezone-aware")
        if expiring_within_days < 0:
            raise ValueError("expiring_within_days must not be negative")
        self.now = now
        self.soon = timedelta(days=expiring_within_days)
        checked = policy is not None and not policy.assumed
        self.policy_blocks = checked and policy is not None and policy.state is PolicyState.DISABLED
        self.excluded = (
            frozenset(t.id.lower() for t in policy.exclude_targets)
            if checked and policy is not None
            else frozenset()
        )
        self.included = (
            frozenset(t.id.lower() for t in policy.include_targets)
            if checked and policy is not None
            else frozenset()
        )
        self.all_users = "all_users" in self.included
        # Whether the targets can leave anyone out (the same verdict as
        # :func:`qrpin_gui.core.readiness.targets_verdict`, with the sets built once).
        self.targeted = (
            checked and not self.policy_blocks and (bool(self.excluded) or not self.all_users)
        )

    def outside_targets(self, user_id: str, groups: Set[str] | None) -> bool:
        """The policy is known to leave this person out (``groups``: their group ids, at
        least among the policy's target groups; None when unknown)."""
        if not self.targeted:
            return False
        uid = user_id.lower()
        if uid in self.excluded:
            return True
        lowered = None if groups is None else {g.lower() for g in groups}
        if lowered is not None and not self.excluded.isdisjoint(lowered):
            return True
        if self.all_users or uid in self.included or lowered is None:
            return False
        return self.included.isdisjoint(lowered)


_NO_QR_OR_NOT_READY = FILTER_BITS[QuickFilter.NO_QR] | FILTER_BITS[QuickFilter.NOT_READY]
_BIT_NOT_READY = FILTER_BITS[QuickFilter.NOT_READY]
_BIT_EXPIRED = FILTER_BITS[QuickFilter.EXPIRED]
_BIT_EXPIRING = FILTER_BITS[QuickFilter.EXPIRING]
_BIT_TEMPORARY = FILTER_BITS[QuickFilter.TEMPORARY_LIVE]
_BIT_PIN = FILTER_BITS[QuickFilter.PIN_MUST_CHANGE]
_LOADED = FetchKind.LOADED
_UNKNOWN = FetchKind.UNKNOWN
_FAILED = FetchKind.FAILED

RowFacts = tuple[int, RowStatus, "datetime | None", "datetime | None"]
"""(quick-filter mask, primary status, temporary code live until, facts valid until)."""


def row_facts(
    row: RosterRow,
    ctx: FactsContext,
    badge_forgotten: bool = False,
    groups: Set[str] | None = None,
) -> RowFacts:
    """The quick-filter flags and primary status of ``row`` (the same answer as
    :func:`derive`, which the tests check), cheap enough to run for 100,000 rows at load.
    ``groups``: the person's groups among the policy's target groups, None when unknown.

    The last item is the first moment after ``ctx.now`` at which the answer may change (a code
    starts or expires, a standard code enters the "expiring soon" window), ``None`` when time
    cannot change it: the model re-derives only the rows whose moment has come.
    """
    kind = row.fetch.kind
    if kind is not _LOADED:
        if kind is _UNKNOWN:
            verdict = row.manage
            if verdict is not None and verdict.denial is not None and not verdict.can_read:
                return 0, RowStatus.NOT_MANAGEABLE, None, None
            return 0, RowStatus.UNKNOWN, None, None
        if kind is _FAILED:
            return 0, RowStatus.FAILED, None, None
        return 0, RowStatus.NOT_MANAGEABLE, None, None
    method = row.method
    if method is None:
        return _NO_QR_OR_NOT_READY, RowStatus.NO_METHOD, None, None
    blocked = (
        ctx.policy_blocks
        or row.user.account_enabled is False
        or (ctx.targeted and ctx.outside_targets(row.user.id, groups))
    )
    if not method.children_loaded:
        return (_BIT_NOT_READY if blocked else 0), RowStatus.METHOD_DETAILS_UNKNOWN, None, None

    now = ctx.now
    mask = 0
    until: datetime | None = None
    temporary_until: datetime | None = None
    temporary_live = False
    temporary = method.temporary
    if temporary is not None:
        start, expire = temporary.start, temporary.expire
        if expire is not None and expire <= now:
            pass  # expired for good
        elif start is not None and start > now:
            until = start  # pending: starts later (and expires after that)
        else:
            temporary_live = True
            temporary_until = expire
            until = expire
            mask = _BIT_TEMPORARY

    standard = method.standard
    standard_status: RowStatus | None = None
    expiring = False
    if standard is None:
        standard_status = RowStatus.NO_STANDARD_CODE
    else:
        start, expire = standard.start, standard.expire
        if expire is not None and expire <= now:
            standard_status = RowStatus.STANDARD_EXPIRED
            mask |= _BIT_EXPIRED
        else:
            if start is not None and start > now:
                standard_status = RowStatus.STANDARD_NOT_YET_ACTIVE
                if until is None or start < until:
                    until = start
            if expire is not None:
                warn_from = expire - ctx.soon
                if standard_status is None and warn_from <= now:
                    expiring = True
                    mask |= _BIT_EXPIRING
                    moment = expire
                else:
                    moment = warn_from if warn_from > now else expire
                if until is None or moment < until:
                    until = moment

    pin = method.pin
    must_change = pin is not None and pin.force_change_next_sign_in
    if must_change:
        mask |= _BIT_PIN
    if blocked or (not temporary_live and (standard_status is not None or badge_forgotten)):
        mask |= _BIT_NOT_READY

    if temporary_live:
        primary = RowStatus.TEMPORARY_CODE_LIVE
    elif standard_status is not None:
        primary = standard_status
    elif must_change:
        primary = RowStatus.PIN_MUST_CHANGE
    elif expiring:
        primary = RowStatus.EXPIRING_SOON
    elif method.never_used:
        primary = RowStatus.NEVER_USED
    else:
        primary = RowStatus.ACTIVE
    return mask, primary, temporary_until, until


@dataclass(frozen=True, slots=True)
class Derived:
    """What the status column and the quick filters need to know about a row."""

    status: DerivedStatus
    filters: frozenset[QuickFilter]
    badge_forgotten: bool = False
    """The manager reported the badge forgotten today (the journal's report)."""
    groups: frozenset[str] | None = None
    """The person's groups among the policy's target groups (None: not known)."""

    @property
    def primary(self) -> RowStatus:
        return self.status.primary

    @property
    def not_manageable(self) -> bool:
        return StatusFlag.NOT_MANAGEABLE in self.status.flags

    @property
    def temporary_until(self) -> datetime | None:
        return self.status.temporary_until


def derive(
    row: RosterRow,
    now: datetime,
    expiring_within_days: int = 14,
    policy: Policy | None = None,
    *,
    badge_forgotten: bool = False,
    groups: Set[str] | None = None,
) -> Derived:
    """The status (from :func:`qrpin_gui.core.status.derive_status`) and quick-filter flags
    ("not ready" from :func:`qrpin_gui.core.readiness.is_not_ready` with ``policy``,
    ``badge_forgotten``: the badge was reported forgotten today, and ``groups``: the person's
    groups among the policy's target groups when known)."""
    status = derive_status(row, now, expiring_within_days)
    filters = {_FLAG_FILTERS[f] for f in status.flags if f in _FLAG_FILTERS}
    known = None if groups is None else frozenset(groups)
    if is_not_ready(row, now, policy, badge_forgotten=badge_forgotten, groups=known):
        filters.add(QuickFilter.NOT_READY)
    return Derived(status, frozenset(filters), badge_forgotten, known)


def tone_of(status: RowStatus) -> Tone:
    return _TONES.get(status, Tone.NONE)


def not_manageable_text(reason: NotManageableReason | None) -> str:
    texts = {
        NotManageableReason.ADMIN_ROLE_HOLDER: QCoreApplication.translate(
            "RosterPresenter",
            "This person holds an admin role. Only a Privileged Authentication Administrator "
            "can manage their sign-in.",
        ),
        NotManageableReason.OUTSIDE_STORES: QCoreApplication.translate(
            "RosterPresenter", "This person is not in a store you manage."
        ),
        NotManageableReason.READ_ONLY_ROLE: QCoreApplication.translate(
            "RosterPresenter", "Your role can read QR sign-in but not change it."
        ),
        NotManageableReason.NO_ADMIN_ROLE: QCoreApplication.translate(
            "RosterPresenter", "Your account holds no role that manages QR sign-in."
        ),
        NotManageableReason.DENIED_BY_SERVICE: QCoreApplication.translate(
            "RosterPresenter", "Microsoft Graph refused access to this person's sign-in methods."
        ),
    }
    return (
        texts.get(
            reason,
            QCoreApplication.translate("RosterPresenter", "You cannot manage this person here."),
        )
        if reason
        else QCoreApplication.translate("RosterPresenter", "You cannot manage this person here.")
    )


def failure_text(reason: FailureReason | None) -> str:
    texts = {
        FailureReason.THROTTLED: QCoreApplication.translate(
            "RosterPresenter", "Microsoft Graph is busy (throttled). Try again in a minute."
        ),
        FailureReason.TIMEOUT: QCoreApplication.translate(
            "RosterPresenter", "The request timed out."
        ),
        FailureReason.NETWORK: QCoreApplication.translate(
            "RosterPresenter", "The network or Microsoft Graph is unreachable."
        ),
        FailureReason.AUTHENTICATION: QCoreApplication.translate(
            "RosterPresenter", "Sign-in expired. Sign in again."
        ),
        FailureReason.SERVICE_ERROR: QCoreApplication.translate(
            "RosterPresenter", "Microsoft Graph had a server error."
        ),
        FailureReason.REJECTED: QCoreApplication.translate(
            "RosterPresenter", "Microsoft Graph rejected the request."
        ),
        FailureReason.MALFORMED_RESPONSE: QCoreApplication.translate(
            "RosterPresenter", "Microsoft Graph sent an answer that could not be read."
        ),
        FailureReason.CANCELLED: QCoreApplication.translate(
            "RosterPresenter", "The check was cancelled."
        ),
    }
    if reason is None:
        return QCoreApplication.translate("RosterPresenter", "The status could not be checked.")
    return texts.get(
        reason, QCoreApplication.translate("RosterPresenter", "The status could not be checked.")
    )


def status_text(derived: Derived) -> str:
    status = derived.status
    kind = status.primary
    if kind is RowStatus.EXPIRING_SOON and status.expires_in is not None:
        days = max(0, status.expires_in.days)
        if days == 0:
            text = QCoreApplication.translate("RosterPresenter", "Expires today")
        else:
            text = QCoreApplication.translate("RosterPresenter", "Expires in %n day(s)", None, days)
    elif kind is RowStatus.STANDARD_NOT_YET_ACTIVE and status.standard_starts is not None:
        text = QCoreApplication.translate("RosterPresenter", "Starts %1").replace(
            "%1", format_date(status.standard_starts)
        )
    else:
        texts = {
            RowStatus.UNKNOWN: QCoreApplication.translate("RosterPresenter", "Not checked"),
            RowStatus.FAILED: QCoreApplication.translate("RosterPresenter", "Could not check"),
            RowStatus.NOT_MANAGEABLE: QCoreApplication.translate(
                "RosterPresenter", "Not manageable here"
            ),
            RowStatus.NO_METHOD: QCoreApplication.translate("RosterPresenter", "No QR sign-in"),
            RowStatus.METHOD_DETAILS_UNKNOWN: QCoreApplication.translate(
                "RosterPresenter", "QR sign-in, details unknown"
            ),
            RowStatus.TEMPORARY_CODE_LIVE: QCoreApplication.translate(
                "RosterPresenter", "Temporary code live"
            ),
            RowStatus.NO_STANDARD_CODE: QCoreApplication.translate(
                "RosterPresenter", "No standard code"
            ),
            RowStatus.STANDARD_EXPIRED: QCoreApplication.translate("RosterPresenter", "Expired"),
            RowStatus.STANDARD_NOT_YET_ACTIVE: QCoreApplication.translate(
                "RosterPresenter", "Starts later"
            ),
            RowStatus.PIN_MUST_CHANGE: QCoreApplication.translate(
                "RosterPresenter", "PIN must change"
            ),
            RowStatus.EXPIRING_SOON: QCoreApplication.translate("RosterPresenter", "Expiring soon"),
            RowStatus.NEVER_USED: QCoreApplication.translate(
                "RosterPresenter", "Active, never used"
            ),
            RowStatus.ACTIVE: QCoreApplication.translate("RosterPresenter", "Active"),
        }
        text = texts.get(kind, kind.value)
    if derived.not_manageable and kind is not RowStatus.NOT_MANAGEABLE:
        text = QCoreApplication.translate("RosterPresenter", "%1 (not manageable here)").replace(
            "%1", text
        )
    return text


def format_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def present_pin_texts() -> tuple[str, str]:
    """The PIN column's two words: (temporary, must change; set by the user)."""
    return (
        QCoreApplication.translate("RosterPresenter", "Temporary, must change"),
        QCoreApplication.translate("RosterPresenter", "Set by the user"),
    )


@dataclass(frozen=True, slots=True)
class RowView:
    """The pre-formatted look of one row."""

    texts: tuple[str, ...]
    """One display string per :class:`Col`."""
    tone: Tone
    derived: Derived
    reason: str
    """Why the status is what it is, when that needs saying (tooltip, details pane)."""


def present(
    row: RosterRow,
    now: datetime,
    expiring_within_days: int = 14,
    policy: Policy | None = None,
    *,
    badge_forgotten: bool = False,
    groups: Set[str] | None = None,
) -> RowView:
    """Format ``row`` for the table (``policy``, ``badge_forgotten`` and ``groups``: for the
    "not ready" flag)."""
    derived = derive(
        row, now, expiring_within_days, policy, badge_forgotten=badge_forgotten, groups=groups
    )
    user = row.user
    method = row.method if row.fetch.kind in (FetchKind.LOADED, FetchKind.FAILED) else None
    reason = ""
    if derived.not_manageable:
        reason = not_manageable_text(derived.status.not_manageable_reason)
    if derived.primary is RowStatus.FAILED:
        failure = failure_text(derived.status.failure_reason)
        reason = f"{failure} {reason}".strip()
    standard = temporary = last_used = pin_state = pin_changed = ""
    if method is not None:
        if method.standard is not None:
            standard = format_date(method.standard.expire)
        if derived.temporary_until is not None:
            temporary = format_datetime(derived.temporary_until)
        used = derived.status.last_used
        last_used = (
            format_date(used) if used else QCoreApplication.translate("RosterPresenter", "never")
        )
        if method.pin is not None:
            must_change_text, by_user_text = present_pin_texts()
            pin_state = must_change_text if method.pin.force_change_next_sign_in else by_user_text
            pin_changed = format_date(method.pin.updated or method.pin.created)
    texts = (
        user.display_name,
        user.upn,
        user.department or "",
        status_text(derived),
        standard,
        temporary,
        last_used,
        pin_state,
        pin_changed,
    )
    return RowView(texts, tone_of(derived.primary), derived, reason)
