"""Data classes for the directory objects and the QR code + PIN method.

All classes are frozen and slotted. Datetimes are timezone-aware UTC; ``None`` means the
service did not send the value (for ``last_used``: never used). Build them from Graph JSON
with :mod:`qrpin_gui.core.parse`.

Secrets (a PIN code, a QR image or its raw payload) never appear in a ``repr``.

It also holds the roster row (a user with their method and its fetch state) and re-exports
:mod:`.capability`, so every data class of the core can be imported from here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from .capability import (
    ROLE_AUTHENTICATION_ADMINISTRATOR,
    ROLE_AUTHENTICATION_POLICY_ADMINISTRATOR,
    ROLE_GLOBAL_READER,
    ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
    AdminCapability,
    DirectoryRole,
    ManageGrant,
    ManageVerdict,
    NotManageableReason,
    ScopedRole,
    ScopedRoleMembership,
)
from .pins import PIN_MAX_LENGTH, PIN_MIN_LENGTH

__all__ = [
    "DEFAULT_PIN_LENGTH",
    "DEFAULT_STANDARD_LIFETIME_DAYS",
    "ERROR_CORRECTION_LEVELS",
    "MAX_STANDARD_LIFETIME_DAYS",
    "MAX_TEMPORARY_LIFETIME_HOURS",
    "MIN_STANDARD_LIFETIME_DAYS",
    "MIN_TEMPORARY_LIFETIME_HOURS",
    "PIN_MAX_LENGTH",
    "PIN_MIN_LENGTH",
    "ROLE_AUTHENTICATION_ADMINISTRATOR",
    "ROLE_AUTHENTICATION_POLICY_ADMINISTRATOR",
    "ROLE_GLOBAL_READER",
    "ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR",
    "AdminCapability",
    "AdministrativeUnit",
    "DirectoryRole",
    "FailureReason",
    "FetchKind",
    "FetchState",
    "ManageGrant",
    "ManageVerdict",
    "NotManageableReason",
    "Policy",
    "PolicyState",
    "PolicyTarget",
    "QrCode",
    "QrImage",
    "QrMethod",
    "QrPin",
    "RosterRow",
    "ScopedRole",
    "ScopedRoleMembership",
    "User",
]

DEFAULT_PIN_LENGTH = 8
"""Tenant default policy ``pinLength``."""
DEFAULT_STANDARD_LIFETIME_DAYS = 365
"""Tenant default policy ``standardQRCodeLifetimeInDays``."""
MIN_STANDARD_LIFETIME_DAYS = 1
MAX_STANDARD_LIFETIME_DAYS = 395
"""A standard code expires at most this many days after its start."""
MIN_TEMPORARY_LIFETIME_HOURS = 1
MAX_TEMPORARY_LIFETIME_HOURS = 12

ERROR_CORRECTION_LEVELS = frozenset({"l", "m", "q", "h"})
"""The documented ``errorCorrectionLevel`` values (lower case; the service may also say
``unknownfuturevalue`` after normalisation)."""


@dataclass(frozen=True, slots=True)
class User:
    """A directory user. String fields the service did not send are ``""`` (id, upn,
    display name) or ``None`` (the optional ones)."""

    id: str
    upn: str = ""
    display_name: str = ""
    mail: str | None = None
    department: str | None = None
    job_title: str | None = None
    account_enabled: bool | None = None
    """``None`` when not selected (``$select`` without ``accountEnabled``)."""
    employee_id: str | None = None
    office_location: str | None = None


@dataclass(frozen=True, slots=True, repr=False)
class QrImage:
    """The one-time QR image of a freshly created code. ``binary_value`` is the SVG markup
    (UTF-8 bytes), ``raw_content`` the payload the symbol encodes
    (``ms-qrpin:v1|<UPN>|<code id>|<secret>``). Both are secrets: never log them."""

    binary_value: bytes
    raw_content: bytes
    error_correction_level: str | None = None
    """Lower case: ``l``, ``m``, ``q``, ``h`` (or another value the service adds)."""
    version: int | None = None

    def __repr__(self) -> str:
        return (
            f"QrImage(binary_value=<{len(self.binary_value)} bytes hidden>, "
            f"raw_content=<hidden>, error_correction_level={self.error_correction_level!r}, "
            f"version={self.version!r})"
        )

    @property
    def svg_text(self) -> str:
        """The SVG markup as text (invalid UTF-8 replaced)."""
        return self.binary_value.decode("utf-8", errors="replace")


@dataclass(frozen=True, slots=True)
class QrCode:
    """A standard or temporary QR code. ``image`` is present only in create responses."""

    id: str
    created: datetime | None = None
    start: datetime | None = None
    expire: datetime | None = None
    last_used: datetime | None = None
    """``None`` = never used (the service says null or ``0001-01-01T00:00:00Z``)."""
    image: QrImage | None = None

    def is_expired(self, now: datetime) -> bool:
        """The code has an expiry and it has passed (``expire <= now``)."""
        return self.expire is not None and self.expire <= now

    def is_pending(self, now: datetime) -> bool:
        """The code starts in the future."""
        return self.start is not None and self.start > now

    def is_live(self, now: datetime) -> bool:
        """Usable at ``now``: started (or no start given) and not expired."""
        return not self.is_expired(now) and not self.is_pending(now)

    def without_image(self) -> QrCode:
        """The same code with the one-time image dropped (for keeping in a roster)."""
        return dataclasses.replace(self, image=None)


@dataclass(frozen=True, slots=True, repr=False)
class QrPin:
    """The method's PIN. ``code`` is present only in create/reset responses; it is a secret
    and never shown by ``repr``."""

    code: str | None = None
    force_change_next_sign_in: bool = False
    created: datetime | None = None
    updated: datetime | None = None
    id: str | None = None

    def __repr__(self) -> str:
        code = "None" if self.code is None else "<hidden>"
        return (
            f"QrPin(code={code}, force_change_next_sign_in={self.force_change_next_sign_in!r}, "
            f"created={self.created!r}, updated={self.updated!r}, id={self.id!r})"
        )

    def without_code(self) -> QrPin:
        """The same PIN state with the one-time code dropped."""
        return dataclasses.replace(self, code=None)


@dataclass(frozen=True, slots=True)
class QrMethod:
    """A user's QR code + PIN authentication method.

    ``children_loaded`` is False when the service answered without ``standardQRCode``,
    ``temporaryQRCode`` and ``pin`` (containment navigations not inlined): then
    ``standard``, ``temporary`` and ``pin`` are unknown, not absent. Fetch them with
    ``$expand`` or child GETs and merge with :meth:`with_children`.
    """

    id: str
    created: datetime | None = None
    last_used: datetime | None = None
    standard: QrCode | None = None
    temporary: QrCode | None = None
    pin: QrPin | None = None
    children_loaded: bool = True

    def with_children(
        self,
        *,
        standard: QrCode | None,
        temporary: QrCode | None,
        pin: QrPin | None,
    ) -> QrMethod:
        """This method with its children filled in (e.g. from child GETs)."""
        return dataclasses.replace(
            self, standard=standard, temporary=temporary, pin=pin, children_loaded=True
        )

    def without_secrets(self) -> QrMethod:
        """The same method with every one-time secret (images, PIN code) dropped: the form
        to keep in a roster or snapshot."""
        return dataclasses.replace(
            self,
            standard=self.standard.without_image() if self.standard else None,
            temporary=self.temporary.without_image() if self.temporary else None,
            pin=self.pin.without_code() if self.pin else None,
        )

    @property
    def never_used(self) -> bool:
        """Neither the method nor any of its codes has a last-used time."""
        return (
            self.last_used is None
            and (self.standard is None or self.standard.last_used is None)
            and (self.temporary is None or self.temporary.last_used is None)
        )


class PolicyState(Enum):
    """The tenant policy's ``state``."""

    ENABLED = "enabled"
    DISABLED = "disabled"
    UNKNOWN = "unknown"
    """Unreadable policy, or a value this app does not know."""


@dataclass(frozen=True, slots=True)
class PolicyTarget:
    """An include/exclude target of the policy (``id`` is a group id, a user id or
    ``all_users``)."""

    id: str
    target_type: str = ""
    is_registration_required: bool | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    """The tenant's QR code + PIN policy (``qrCodePinAuthenticationMethodConfiguration``).

    ``assumed`` is True when the policy could not be read and these are the documented
    tenant defaults (see :meth:`default`).
    """

    state: PolicyState = PolicyState.UNKNOWN
    pin_length: int = DEFAULT_PIN_LENGTH
    """Minimum PIN length in force, 8..20."""
    standard_lifetime_days: int = DEFAULT_STANDARD_LIFETIME_DAYS
    """Default lifetime of a new standard code, 1..395."""
    include_targets: tuple[PolicyTarget, ...] = ()
    exclude_targets: tuple[PolicyTarget, ...] = ()
    assumed: bool = False

    @classmethod
    def default(cls) -> Policy:
        """The documented tenant defaults (PIN length 8, standard lifetime 365 days), marked
        as assumed; the state is unknown."""
        return cls(
            state=PolicyState.UNKNOWN,
            pin_length=DEFAULT_PIN_LENGTH,
            standard_lifetime_days=DEFAULT_STANDARD_LIFETIME_DAYS,
            assumed=True,
        )

    @property
    def includes_all_users(self) -> bool:
        """``all_users`` is among the include targets."""
        return any(t.id == "all_users" for t in self.include_targets)


@dataclass(frozen=True, slots=True)
class AdministrativeUnit:
    """An administrative unit (a store)."""

    id: str
    display_name: str = ""
    description: str | None = None


class FetchKind(Enum):
    """How far the method status of a roster row is known."""

    UNKNOWN = "unknown"
    """Not fetched yet (the user arrived, the status has not)."""
    LOADED = "loaded"
    """Fetched: ``RosterRow.method`` is the method, or ``None`` when the user has none."""
    FAILED = "failed"
    """The fetch failed; see ``FetchState.failure``."""
    NOT_MANAGEABLE = "not_manageable"
    """Not fetched because this admin may not read/manage the user (or the service said
    403); see ``FetchState.not_manageable``."""


class FailureReason(Enum):
    """Why a status fetch failed (the UI translates; ``FetchState.error_code`` carries the
    Graph error code for support)."""

    THROTTLED = "throttled"
    """Still 429/503 after the retry budget."""
    TIMEOUT = "timeout"
    NETWORK = "network"
    AUTHENTICATION = "authentication"
    """401 that a token refresh did not cure."""
    SERVICE_ERROR = "service_error"
    """5xx other than throttling."""
    REJECTED = "rejected"
    """Another 4xx from Graph."""
    MALFORMED_RESPONSE = "malformed_response"
    """The answer could not be parsed."""
    CANCELLED = "cancelled"
    """The sync was cancelled before this user's status arrived."""


@dataclass(frozen=True, slots=True)
class FetchState:
    """Fetch state of a row's method status. Build with the class methods."""

    kind: FetchKind = FetchKind.UNKNOWN
    failure: FailureReason | None = None
    not_manageable: NotManageableReason | None = None
    error_code: str | None = None
    """The Graph error code (e.g. ``TooManyRequests``) when there was one; never a message."""

    @classmethod
    def unknown(cls) -> FetchState:
        return cls(FetchKind.UNKNOWN)

    @classmethod
    def loaded(cls) -> FetchState:
        return cls(FetchKind.LOADED)

    @classmethod
    def failed(cls, reason: FailureReason, error_code: str | None = None) -> FetchState:
        return cls(FetchKind.FAILED, failure=reason, error_code=error_code)

    @classmethod
    def not_manageable_because(
        cls, reason: NotManageableReason, error_code: str | None = None
    ) -> FetchState:
        return cls(FetchKind.NOT_MANAGEABLE, not_manageable=reason, error_code=error_code)


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One user of the roster with what is known about their QR code + PIN method.

    ``method`` is meaningful only when ``fetch.kind`` is LOADED (``None`` then = no method).
    A row never holds a secret: a method passed in is stripped of its one-time image and
    PIN code. ``admin_roles`` are role template ids the user holds (non-empty = an admin);
    ``stores`` the administrative unit ids the user is a member of; ``manage`` what the
    signed-in admin may do to this user, when known.
    """

    user: User
    method: QrMethod | None = None
    fetch: FetchState = field(default_factory=FetchState.unknown)
    admin_roles: frozenset[str] = frozenset()
    stores: frozenset[str] = frozenset()
    manage: ManageVerdict | None = None
    fetched_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.method is not None:
            object.__setattr__(self, "method", self.method.without_secrets())
        if not isinstance(self.admin_roles, frozenset):
            object.__setattr__(self, "admin_roles", frozenset(self.admin_roles))
        if not isinstance(self.stores, frozenset):
            object.__setattr__(self, "stores", frozenset(self.stores))

    @property
    def id(self) -> str:
        """The user's id (the row key)."""
        return self.user.id

    @property
    def is_admin(self) -> bool:
        """The user holds at least one directory role."""
        return bool(self.admin_roles)

    def with_method(self, method: QrMethod | None, fetched_at: datetime | None = None) -> RosterRow:
        """This row with its method status loaded (``None`` = the user has no method)."""
        return dataclasses.replace(
            self, method=method, fetch=FetchState.loaded(), fetched_at=fetched_at
        )

    def with_failure(
        self,
        reason: FailureReason,
        error_code: str | None = None,
        fetched_at: datetime | None = None,
    ) -> RosterRow:
        """This row with a failed fetch; a previously loaded method is kept for display."""
        return dataclasses.replace(
            self,
            fetch=FetchState.failed(reason, error_code),
            fetched_at=fetched_at if fetched_at is not None else self.fetched_at,
        )

    def with_not_manageable(
        self, reason: NotManageableReason, error_code: str | None = None
    ) -> RosterRow:
        """This row marked as not manageable by this admin (status not fetched)."""
        return dataclasses.replace(
            self, method=None, fetch=FetchState.not_manageable_because(reason, error_code)
        )

    def with_memberships(
        self,
        *,
        admin_roles: Iterable[str] | None = None,
        stores: Iterable[str] | None = None,
        manage: ManageVerdict | None = None,
    ) -> RosterRow:
        """This row with role/store memberships or the manage verdict replaced (arguments
        left ``None`` keep their current value)."""
        return dataclasses.replace(
            self,
            admin_roles=frozenset(admin_roles) if admin_roles is not None else self.admin_roles,
            stores=frozenset(stores) if stores is not None else self.stores,
            manage=manage if manage is not None else self.manage,
        )
