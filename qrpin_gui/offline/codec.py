"""The snapshot's stable JSON form of the core data classes (document schema version 1).

Roster rows are the bulk of a snapshot (up to 100,000 of them), so each data class is written
as a JSON array in a fixed field order (the ``*_LAYOUT`` tuples below, also written into the
document so a reader can check it): compact, and fast to write and read. Datetimes are ISO
8601 text, enums their value, sets sorted lists, ``None`` is ``null``.

Every field is written explicitly, so a change in :mod:`qrpin_gui.core` never silently changes
the file format (a unit test compares the layouts with the data classes' fields and fails when
the core grows one). One-time secrets are not part of the format at all: ``QrPin.code`` and
``QrCode.image`` are never written, whatever the objects hold.

Decoding checks every type and raises :class:`CodecError` naming where the bad field is
(never its value).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any, TypeVar

from ..core.models import (
    AdministrativeUnit,
    FailureReason,
    FetchKind,
    FetchState,
    ManageGrant,
    ManageVerdict,
    NotManageableReason,
    Policy,
    PolicyState,
    PolicyTarget,
    QrCode,
    QrMethod,
    QrPin,
    RosterRow,
    User,
)

SCHEMA_VERSION = 1

USER_LAYOUT = (
    "id",
    "upn",
    "display_name",
    "mail",
    "department",
    "job_title",
    "account_enabled",
    "employee_id",
    "office_location",
)
CODE_LAYOUT = ("id", "created", "start", "expire", "last_used")
PIN_LAYOUT = ("force_change_next_sign_in", "created", "updated", "id")
METHOD_LAYOUT = ("id", "created", "last_used", "standard", "temporary", "pin", "children_loaded")
FETCH_LAYOUT = ("kind", "failure", "not_manageable", "error_code")
VERDICT_LAYOUT = ("grant", "denial", "can_read", "is_self")
ROW_LAYOUT = ("user", "method", "fetch", "admin_roles", "stores", "manage", "fetched_at")
TARGET_LAYOUT = ("id", "target_type", "is_registration_required")
POLICY_LAYOUT = (
    "state",
    "pin_length",
    "standard_lifetime_days",
    "include_targets",
    "exclude_targets",
    "assumed",
)
UNIT_LAYOUT = ("id", "display_name", "description")

LAYOUTS: dict[type, tuple[str, ...]] = {
    User: USER_LAYOUT,
    QrCode: CODE_LAYOUT,
    QrPin: PIN_LAYOUT,
    QrMethod: METHOD_LAYOUT,
    FetchState: FETCH_LAYOUT,
    ManageVerdict: VERDICT_LAYOUT,
    RosterRow: ROW_LAYOUT,
    PolicyTarget: TARGET_LAYOUT,
    Policy: POLICY_LAYOUT,
    AdministrativeUnit: UNIT_LAYOUT,
}
"""The data class fields this schema stores, in array order, per class."""

SECRET_FIELDS: dict[type, frozenset[str]] = {
    QrCode: frozenset({"image"}),
    QrPin: frozenset({"code"}),
}
"""Fields deliberately never stored (one-time secrets)."""


def layout_description() -> dict[str, list[str]]:
    """The layouts by class name, as written into the document."""
    return {cls.__name__: list(layout) for cls, layout in LAYOUTS.items()}


class CodecError(ValueError):
    """The document does not have the expected shape. The message says where."""


_E = TypeVar("_E", bound=Enum)


# Encoding -----------------------------------------------------------------------------------
def _dt(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _ev(value: Enum | None) -> Any:
    # ``_value_`` is a plain attribute; ``.value`` is a (slow) descriptor.
    return None if value is None else value._value_


def encode_user(u: User) -> list[Any]:
    return [
        u.id,
        u.upn,
        u.display_name,
        u.mail,
        u.department,
        u.job_title,
        u.account_enabled,
        u.employee_id,
        u.office_location,
    ]


def encode_code(code: QrCode | None) -> list[Any] | None:
    if code is None:
        return None
    # ``code.image`` (the one-time QR image and payload) is never written.
    return [code.id, _dt(code.created), _dt(code.start), _dt(code.expire), _dt(code.last_used)]


def encode_pin(pin: QrPin | None) -> list[Any] | None:
    if pin is None:
        return None
    # ``pin.code`` (the one-time PIN) is never written.
    return [pin.force_change_next_sign_in, _dt(pin.created), _dt(pin.updated), pin.id]


def encode_method(m: QrMethod | None) -> list[Any] | None:
    if m is None:
        return None
    return [
        m.id,
        _dt(m.created),
        _dt(m.last_used),
        encode_code(m.standard),
        encode_code(m.temporary),
        encode_pin(m.pin),
        m.children_loaded,
    ]


def encode_fetch(f: FetchState) -> list[Any]:
    return [f.kind._value_, _ev(f.failure), _ev(f.not_manageable), f.error_code]


def encode_verdict(v: ManageVerdict | None) -> list[Any] | None:
    if v is None:
        return None
    return [_ev(v.grant), _ev(v.denial), v.can_read, v.is_self]


def encode_row(row: RosterRow) -> list[Any]:
    return [
        encode_user(row.user),
        encode_method(row.method),
        encode_fetch(row.fetch),
        sorted(row.admin_roles),
        sorted(row.stores),
        encode_verdict(row.manage),
        _dt(row.fetched_at),
    ]


def _encode_target(t: PolicyTarget) -> list[Any]:
    return [t.id, t.target_type, t.is_registration_required]


def encode_policy(p: Policy) -> list[Any]:
    return [
        p.state.value,
        p.pin_length,
        p.standard_lifetime_days,
        [_encode_target(t) for t in p.include_targets],
        [_encode_target(t) for t in p.exclude_targets],
        p.assumed,
    ]


def encode_unit(unit: AdministrativeUnit) -> list[Any]:
    return [unit.id, unit.display_name, unit.description]


# Decoding -----------------------------------------------------------------------------------
def _arr(value: Any, size: int, what: str) -> list[Any]:
    if type(value) is not list or len(value) != size:
        raise CodecError(f"{what}: expected an array of {size}")
    return value


def _s(value: Any, what: str) -> str:
    if type(value) is not str:
        raise CodecError(f"{what}: expected text")
    return value


def _id(value: Any, what: str) -> str:
    if type(value) is not str or not value:
        raise CodecError(f"{what}: expected an id")
    return value


def _os(value: Any, what: str) -> str | None:
    if value is not None and type(value) is not str:
        raise CodecError(f"{what}: expected text or null")
    return value


def _b(value: Any, what: str) -> bool:
    if type(value) is not bool:
        raise CodecError(f"{what}: expected true/false")
    return value


def _ob(value: Any, what: str) -> bool | None:
    if value is not None and type(value) is not bool:
        raise CodecError(f"{what}: expected true/false or null")
    return value


def _i(value: Any, what: str) -> int:
    if type(value) is not int:
        raise CodecError(f"{what}: expected a whole number")
    return value


def _odt(value: Any, what: str) -> datetime | None:
    if value is None:
        return None
    if type(value) is not str:
        raise CodecError(f"{what}: expected a date-time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CodecError(f"{what}: expected a date-time") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


_MEMBERS: dict[type[Enum], dict[Any, Enum]] = {}


def _enum(cls: type[_E], value: Any, what: str) -> _E:
    members = _MEMBERS.get(cls)
    if members is None:  # a value -> member table per enum: much faster than cls(value)
        members = _MEMBERS[cls] = {m.value: m for m in cls}
    try:
        member = members.get(value)
    except TypeError:  # unhashable (a list or object in the file)
        member = None
    if member is None:
        raise CodecError(f"{what}: unknown value")
    return member  # type: ignore[return-value]


def _oenum(cls: type[_E], value: Any, what: str) -> _E | None:
    return None if value is None else _enum(cls, value, what)


def _strset(value: Any, what: str) -> frozenset[str]:
    if type(value) is not list or not all(type(i) is str for i in value):
        raise CodecError(f"{what}: expected a list of text")
    return frozenset(value)


def decode_user(value: Any) -> User:
    uid, upn, name, mail, dept, title, enabled, emp, office = _arr(value, 9, "user")
    return User(
        id=_id(uid, "user.id"),
        upn=_s(upn, "user.upn"),
        display_name=_s(name, "user.display_name"),
        mail=_os(mail, "user.mail"),
        department=_os(dept, "user.department"),
        job_title=_os(title, "user.job_title"),
        account_enabled=_ob(enabled, "user.account_enabled"),
        employee_id=_os(emp, "user.employee_id"),
        office_location=_os(office, "user.office_location"),
    )


def decode_code(value: Any, what: str = "code") -> QrCode | None:
    if value is None:
        return None
    try:
        cid, created, start, expire, last_used = _arr(value, 5, "")
        return QrCode(
            id=_id(cid, "id"),
            created=_odt(created, "created"),
            start=_odt(start, "start"),
            expire=_odt(expire, "expire"),
            last_used=_odt(last_used, "last_used"),
        )
    except CodecError as exc:
        raise CodecError(f"{what}.{exc}".replace(".:", ":")) from None


def decode_pin(value: Any) -> QrPin | None:
    if value is None:
        return None
    force, created, updated, pid = _arr(value, 4, "pin")
    return QrPin(
        force_change_next_sign_in=_b(force, "pin.force_change_next_sign_in"),
        created=_odt(created, "pin.created"),
        updated=_odt(updated, "pin.updated"),
        id=_os(pid, "pin.id"),
    )


def decode_method(value: Any) -> QrMethod | None:
    if value is None:
        return None
    mid, created, last_used, standard, temporary, pin, loaded = _arr(value, 7, "method")
    return QrMethod(
        id=_id(mid, "method.id"),
        created=_odt(created, "method.created"),
        last_used=_odt(last_used, "method.last_used"),
        standard=decode_code(standard, "method.standard"),
        temporary=decode_code(temporary, "method.temporary"),
        pin=decode_pin(pin),
        children_loaded=_b(loaded, "method.children_loaded"),
    )


def decode_fetch(value: Any) -> FetchState:
    kind, failure, not_manageable, error_code = _arr(value, 4, "fetch")
    return FetchState(
        kind=_enum(FetchKind, kind, "fetch.kind"),
        failure=_oenum(FailureReason, failure, "fetch.failure"),
        not_manageable=_oenum(NotManageableReason, not_manageable, "fetch.not_manageable"),
        error_code=_os(error_code, "fetch.error_code"),
    )


def decode_verdict(value: Any) -> ManageVerdict | None:
    if value is None:
        return None
    grant, denial, can_read, is_self = _arr(value, 4, "manage")
    return ManageVerdict(
        grant=_oenum(ManageGrant, grant, "manage.grant"),
        denial=_oenum(NotManageableReason, denial, "manage.denial"),
        can_read=_b(can_read, "manage.can_read"),
        is_self=_b(is_self, "manage.is_self"),
    )


def decode_row(value: Any) -> RosterRow:
    user, method, fetch, admin_roles, stores, manage, fetched_at = _arr(value, 7, "row")
    return RosterRow(
        user=decode_user(user),
        method=decode_method(method),
        fetch=decode_fetch(fetch),
        admin_roles=_strset(admin_roles, "row.admin_roles"),
        stores=_strset(stores, "row.stores"),
        manage=decode_verdict(manage),
        fetched_at=_odt(fetched_at, "row.fetched_at"),
    )


def decode_rows(values: Any) -> tuple[RosterRow, ...]:
    """All rows; a bad one raises :class:`CodecError` saying which."""
    if type(values) is not list:
        raise CodecError("rows: expected a list")
    out: list[RosterRow] = []
    append = out.append
    for index, value in enumerate(values):
        try:
            append(decode_row(value))
        except CodecError as exc:
            raise CodecError(f"rows[{index}].{exc}") from None
    return tuple(out)


def _decode_target(value: Any, what: str) -> PolicyTarget:
    try:
        tid, ttype, required = _arr(value, 3, "")
        return PolicyTarget(
            id=_id(tid, "id"),
            target_type=_s(ttype, "target_type"),
            is_registration_required=_ob(required, "is_registration_required"),
        )
    except CodecError as exc:
        raise CodecError(f"{what}.{exc}".replace(".:", ":")) from None


def decode_policy(value: Any) -> Policy:
    state, pin_length, lifetime, include, exclude, assumed = _arr(value, 6, "policy")
    if type(include) is not list or type(exclude) is not list:
        raise CodecError("policy targets: expected lists")
    return Policy(
        state=_enum(PolicyState, state, "policy.state"),
        pin_length=_i(pin_length, "policy.pin_length"),
        standard_lifetime_days=_i(lifetime, "policy.standard_lifetime_days"),
        include_targets=tuple(_decode_target(t, "policy.include") for t in include),
        exclude_targets=tuple(_decode_target(t, "policy.exclude") for t in exclude),
        assumed=_b(assumed, "policy.assumed"),
    )


def decode_unit(value: Any) -> AdministrativeUnit:
    uid, name, description = _arr(value, 3, "store")
    return AdministrativeUnit(
        id=_id(uid, "store.id"),
        display_name=_s(name, "store.display_name"),
        description=_os(description, "store.description"),
    )


def decode_units(values: Any) -> tuple[AdministrativeUnit, ...]:
    if type(values) is not list:
        raise CodecError("stores: expected a list")
    return tuple(decode_unit(v) for v in values)
