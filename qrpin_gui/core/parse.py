"""Parse Microsoft Graph JSON (already decoded to dicts) into the core data classes.

Tolerated, as documented in the API reference:

- single entities wrapped in ``{"value": {...}}`` (doc examples of GET qrCode and policy);
- ``lastUsedDateTime`` null or ``0001-01-01T00:00:00Z``, both meaning "never" (any
  year-0001 date-time is read as "not set");
- fractional seconds of any length (``2026-03-02T07:59:58.1234567Z``), ``Z`` or numeric
  offsets, and no offset at all (read as UTC);
- ``errorCorrectionLevel`` in either case (normalised to lower case);
- ``isForcePinChangeRequired`` (Entra how-to) as an alias of ``forceChangePinNextSignIn``;
- unknown extra properties (ignored) and the method's children missing unless expanded
  (``QrMethod.children_loaded`` False).

Anything else that is malformed (not an object, wrong JSON types, a missing id, a bad
date-time, bad base64) raises :class:`ParseError` naming the field path. Messages name
JSON types only, never values, so a PIN or QR payload can never leak through one.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Generic, TypeVar

from .capability import DirectoryRole, ScopedRoleMembership
from .models import (
    DEFAULT_PIN_LENGTH,
    DEFAULT_STANDARD_LIFETIME_DAYS,
    MAX_STANDARD_LIFETIME_DAYS,
    MIN_STANDARD_LIFETIME_DAYS,
    PIN_MAX_LENGTH,
    PIN_MIN_LENGTH,
    AdministrativeUnit,
    Policy,
    PolicyState,
    PolicyTarget,
    QrCode,
    QrImage,
    QrMethod,
    QrPin,
    User,
)

__all__ = [
    "Page",
    "ParseError",
    "parse_administrative_unit",
    "parse_datetime",
    "parse_directory_role",
    "parse_list",
    "parse_page",
    "parse_policy",
    "parse_qr_code",
    "parse_qr_image",
    "parse_qr_method",
    "parse_qr_pin",
    "parse_scoped_role_membership",
    "parse_user",
    "unwrap_value",
]

T = TypeVar("T")

_METHOD_CHILDREN = ("standardQRCode", "temporaryQRCode", "pin")
_QR_METHOD_TYPE = "#microsoft.graph.qrcodepinauthenticationmethod"

_DATETIME_RE = re.compile(
    r"""
    (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})
    [Tt\x20]
    (?P<hour>\d{2}):(?P<minute>\d{2})
    (?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?
    (?P<zone>[Zz]|[+-]\d{2}:?\d{2})?
    """,
    re.VERBOSE | re.ASCII,
)


class ParseError(ValueError):
    """Graph JSON that does not have the expected shape. ``path`` names the field (e.g.
    ``qrCodePinMethod.standardQRCode.expireDateTime``); the message never holds a value."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    return type(value).__name__


def _expected(what: str, value: object) -> str:
    return f"expected {what}, got {_json_kind(value)}"


def parse_datetime(value: object, path: str = "dateTime") -> datetime | None:
    """An ISO 8601 date-time string as an aware UTC datetime; ``None`` for null and for the
    year-0001 "never/unset" sentinel. Fractional seconds beyond microseconds are truncated;
    a missing offset means UTC."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParseError(path, _expected("an ISO 8601 date-time string", value))
    match = _DATETIME_RE.fullmatch(value.strip())
    if match is None:
        raise ParseError(path, "not an ISO 8601 date-time")
    parts = match.groupdict()
    year = int(parts["year"])
    if year <= 1:
        return None
    fraction = (parts["fraction"] or "")[:6].ljust(6, "0")
    zone = parts["zone"]
    tz: timezone = UTC
    if zone and zone not in ("Z", "z"):
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise ParseError(path, "not a valid UTC offset")
        offset = timedelta(hours=hours, minutes=minutes)
        tz = timezone(-offset if zone[0] == "-" else offset)
    try:
        parsed = datetime(
            year,
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"]),
            int(parts["minute"]),
            int(parts["second"] or 0),
            int(fraction),
            tzinfo=tz,
        )
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ParseError(path, "not a valid date-time") from None


def _decode_base64(value: str, path: str) -> bytes:
    text = "".join(value.split())
    text += "=" * (-len(text) % 4)
    try:
        if "-" in text or "_" in text:
            return base64.urlsafe_b64decode(text.encode("ascii"))
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise ParseError(path, "not valid base64") from None


class _Fields:
    """Typed, path-aware access to one JSON object."""

    __slots__ = ("_data", "_path")

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, Mapping):
            raise ParseError(path, _expected("a JSON object", data))
        self._data: Mapping[object, object] = data
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def at(self, key: str) -> str:
        return f"{self._path}.{key}"

    def has(self, key: str) -> bool:
        return key in self._data

    def raw(self, key: str) -> object:
        return self._data.get(key)

    def required_str(self, key: str) -> str:
        value = self._data.get(key)
        if value is None:
            raise ParseError(self.at(key), "missing")
        if not isinstance(value, str):
            raise ParseError(self.at(key), _expected("a string", value))
        if not value:
            raise ParseError(self.at(key), "empty")
        return value

    def opt_str(self, key: str) -> str | None:
        value = self._data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ParseError(self.at(key), _expected("a string", value))
        return value

    def opt_bool(self, key: str) -> bool | None:
        value = self._data.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise ParseError(self.at(key), _expected("a boolean", value))
        return value

    def opt_int(self, key: str) -> int | None:
        value = self._data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParseError(self.at(key), _expected("an integer", value))
        if isinstance(value, float):
            if not value.is_integer():
                raise ParseError(self.at(key), "expected an integer, got a fraction")
            return int(value)
        return value

    def opt_datetime(self, key: str) -> datetime | None:
        return parse_datetime(self._data.get(key), self.at(key))

    def opt_object(self, key: str) -> _Fields | None:
        value = self._data.get(key)
        if value is None:
            return None
        return _Fields(value, self.at(key))

    def opt_child(self, key: str, parser: Callable[[object, str], T]) -> T | None:
        """``parser(value, path)`` for a nested entity, ``None`` when absent or null."""
        value = self._data.get(key)
        if value is None:
            return None
        return parser(value, self.at(key))

    def opt_list(self, key: str) -> Sequence[object]:
        value = self._data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise ParseError(self.at(key), _expected("an array", value))
        return value

    def required_base64(self, key: str) -> bytes:
        value = self._data.get(key)
        if value is None:
            raise ParseError(self.at(key), "missing")
        if not isinstance(value, str):
            raise ParseError(self.at(key), _expected("a base64 string", value))
        return _decode_base64(value, self.at(key))


def unwrap_value(data: object, path: str) -> tuple[object, str]:
    """``data["value"]`` when a single entity arrives wrapped as ``{"value": {...}}``
    (a doc quirk), else ``data`` itself; with the matching path."""
    if isinstance(data, Mapping) and "id" not in data and isinstance(data.get("value"), Mapping):
        return data["value"], f"{path}.value"
    return data, path


def _entity(data: object, path: str) -> _Fields:
    inner, inner_path = unwrap_value(data, path)
    return _Fields(inner, inner_path)


def parse_user(data: object, path: str = "user") -> User:
    """A ``microsoft.graph.user`` (any ``$select`` that includes ``id``)."""
    f = _entity(data, path)
    return User(
        id=f.required_str("id"),
        upn=f.opt_str("userPrincipalName") or "",
        display_name=f.opt_str("displayName") or "",
        mail=f.opt_str("mail"),
        department=f.opt_str("department"),
        job_title=f.opt_str("jobTitle"),
        account_enabled=f.opt_bool("accountEnabled"),
        employee_id=f.opt_str("employeeId"),
        office_location=f.opt_str("officeLocation"),
    )


def parse_qr_image(data: object, path: str = "qrCodeImageDetails") -> QrImage:
    """A ``qrCodeImageDetails`` (base64 SVG and raw payload, decoded)."""
    f = _Fields(data, path)
    level = f.opt_str("errorCorrectionLevel")
    return QrImage(
        binary_value=f.required_base64("binaryValue"),
        raw_content=f.required_base64("rawContent"),
        error_correction_level=level.strip().lower() if level else None,
        version=f.opt_int("version"),
    )


def parse_qr_code(data: object, path: str = "qrCode") -> QrCode:
    """A ``qrCode`` (standard or temporary), bare or wrapped in ``value``."""
    f = _entity(data, path)
    return QrCode(
        id=f.required_str("id"),
        created=f.opt_datetime("createdDateTime"),
        start=f.opt_datetime("startDateTime"),
        expire=f.opt_datetime("expireDateTime"),
        last_used=f.opt_datetime("lastUsedDateTime"),
        image=f.opt_child("image", parse_qr_image),
    )


def parse_qr_pin(data: object, path: str = "qrPin") -> QrPin:
    """A ``qrPin``; ``isForcePinChangeRequired`` is read when ``forceChangePinNextSignIn`` is
    absent. A missing flag reads as False."""
    f = _entity(data, path)
    force = f.opt_bool("forceChangePinNextSignIn")
    if force is None:
        force = f.opt_bool("isForcePinChangeRequired")
    return QrPin(
        code=f.opt_str("code"),
        force_change_next_sign_in=bool(force),
        created=f.opt_datetime("createdDateTime"),
        updated=f.opt_datetime("updatedDateTime"),
        id=f.opt_str("id"),
    )


def parse_qr_method(data: object, path: str = "qrCodePinMethod") -> QrMethod:
    """A ``qrCodePinAuthenticationMethod``. When none of ``standardQRCode``,
    ``temporaryQRCode`` and ``pin`` is present the children are unknown
    (``children_loaded`` False); when some are present the absent ones are ``None``."""
    f = _entity(data, path)
    odata_type = f.opt_str("@odata.type")
    if odata_type is not None and odata_type.lower() != _QR_METHOD_TYPE:
        raise ParseError(f.at("@odata.type"), "not a qrCodePinAuthenticationMethod")
    return QrMethod(
        id=f.required_str("id"),
        created=f.opt_datetime("createdDateTime"),
        last_used=f.opt_datetime("lastUsedDateTime"),
        standard=f.opt_child("standardQRCode", parse_qr_code),
        temporary=f.opt_child("temporaryQRCode", parse_qr_code),
        pin=f.opt_child("pin", parse_qr_pin),
        children_loaded=any(f.has(key) for key in _METHOD_CHILDREN),
    )


def _parse_target(data: object, path: str) -> PolicyTarget:
    f = _Fields(data, path)
    return PolicyTarget(
        id=f.required_str("id"),
        target_type=f.opt_str("targetType") or "",
        is_registration_required=f.opt_bool("isRegistrationRequired"),
    )


def _clamp(value: int | None, default: int, low: int, high: int) -> int:
    if value is None:
        return default
    return max(low, min(high, value))


def parse_policy(data: object, path: str = "qrCodePinPolicy") -> Policy:
    """The ``qrCodePinAuthenticationMethodConfiguration``, bare or wrapped in ``value``.
    Missing numbers take the tenant defaults; out-of-range numbers are clamped to the
    documented ranges (pinLength 8-20, lifetime 1-395 days); an unknown state is UNKNOWN."""
    f = _entity(data, path)
    state_text = (f.opt_str("state") or "").strip().lower()
    try:
        state = PolicyState(state_text)
    except ValueError:
        state = PolicyState.UNKNOWN
    return Policy(
        state=state,
        pin_length=_clamp(
            f.opt_int("pinLength"), DEFAULT_PIN_LENGTH, PIN_MIN_LENGTH, PIN_MAX_LENGTH
        ),
        standard_lifetime_days=_clamp(
            f.opt_int("standardQRCodeLifetimeInDays"),
            DEFAULT_STANDARD_LIFETIME_DAYS,
            MIN_STANDARD_LIFETIME_DAYS,
            MAX_STANDARD_LIFETIME_DAYS,
        ),
        include_targets=tuple(
            _parse_target(item, f"{f.at('includeTargets')}[{i}]")
            for i, item in enumerate(f.opt_list("includeTargets"))
        ),
        exclude_targets=tuple(
            _parse_target(item, f"{f.at('excludeTargets')}[{i}]")
            for i, item in enumerate(f.opt_list("excludeTargets"))
        ),
        assumed=False,
    )


def parse_administrative_unit(data: object, path: str = "administrativeUnit") -> AdministrativeUnit:
    """A ``microsoft.graph.administrativeUnit``."""
    f = _entity(data, path)
    return AdministrativeUnit(
        id=f.required_str("id"),
        display_name=f.opt_str("displayName") or "",
        description=f.opt_str("description"),
    )


def parse_directory_role(data: object, path: str = "directoryRole") -> DirectoryRole:
    """A ``microsoft.graph.directoryRole`` (needs ``roleTemplateId``)."""
    f = _entity(data, path)
    return DirectoryRole(
        id=f.required_str("id"),
        role_template_id=f.required_str("roleTemplateId"),
        display_name=f.opt_str("displayName") or "",
    )


def parse_scoped_role_membership(
    data: object, path: str = "scopedRoleMembership"
) -> ScopedRoleMembership:
    """A ``microsoft.graph.scopedRoleMembership`` from ``/me/scopedRoleMemberOf``."""
    f = _entity(data, path)
    member = f.opt_object("roleMemberInfo")
    return ScopedRoleMembership(
        id=f.opt_str("id") or "",
        administrative_unit_id=f.required_str("administrativeUnitId"),
        role_id=f.required_str("roleId"),
        role_member_id=member.opt_str("id") if member else None,
        role_member_display_name=member.opt_str("displayName") if member else None,
    )


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a Graph collection."""

    items: tuple[T, ...]
    next_link: str | None = None
    """``@odata.nextLink``, to be followed verbatim."""
    count: int | None = None
    """``@odata.count`` (first page of an advanced query only)."""


def parse_list(items: object, parser: Callable[[object, str], T], path: str = "value") -> list[T]:
    """Parse every element of a JSON array with ``parser(item, path)``."""
    if not isinstance(items, list | tuple):
        raise ParseError(path, _expected("an array", items))
    return [parser(item, f"{path}[{i}]") for i, item in enumerate(items)]


def parse_page(data: object, parser: Callable[[object, str], T], path: str = "page") -> Page[T]:
    """A collection page ``{"value": [...], "@odata.nextLink": ..., "@odata.count": ...}``."""
    f = _Fields(data, path)
    if not f.has("value"):
        raise ParseError(f.at("value"), "missing")
    return Page(
        items=tuple(parse_list(f.raw("value"), parser, f.at("value"))),
        next_link=f.opt_str("@odata.nextLink") or None,
        count=f.opt_int("@odata.count"),
    )
