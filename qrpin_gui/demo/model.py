"""The in-memory directory: users, groups, administrative units, role assignments, QR methods,
policy.

Flat on purpose: users live in one list (creation order = Graph's listing order) plus two
dicts for lookups, so an unfiltered page is a slice and a 100,000-user tenant seeds quickly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from qrpin_gui.demo.constants import (
    DIRECTORY_ROLES,
    ROLE_AUTHENTICATION_ADMIN,
    ROLE_GLOBAL_READER,
    ROLE_PRIVILEGED_AUTHENTICATION_ADMIN,
)


@dataclass(slots=True)
class QrCode:
    id: str
    created: datetime
    start: datetime
    expire: datetime
    last_used: datetime | None = None
    secret: str | None = None
    """The code's secret (kept only for codes created through the API)."""


@dataclass(slots=True)
class QrPin:
    id: str
    code: str
    created: datetime
    updated: datetime
    force_change: bool = True


@dataclass(slots=True)
class QrMethod:
    id: str
    created: datetime
    pin: QrPin
    standard: QrCode | None = None
    temporary: QrCode | None = None


@dataclass(slots=True)
class User:
    id: str
    upn: str
    display_name: str
    given_name: str
    surname: str
    job_title: str | None
    department: str | None
    office_location: str | None
    account_enabled: bool
    created: datetime
    employee_id: str | None = None
    mobile_phone: str | None = None
    business_phones: tuple[str, ...] = ()
    preferred_language: str | None = "en-US"
    usage_location: str | None = "GB"
    company_name: str | None = "Contoso Retail"
    city: str | None = None
    country: str | None = "United Kingdom"
    unit_ids: list[str] = field(default_factory=list)
    qr: QrMethod | None = None

    @property
    def mail(self) -> str:
        return self.upn


@dataclass(slots=True)
class Group:
    id: str
    display_name: str
    description: str
    member_ids: set[str] = field(default_factory=set)
    """Object ids of the group's direct user members (groups are not nested here)."""


@dataclass(slots=True)
class AdminUnit:
    id: str
    display_name: str
    description: str
    members: list[User | Group] = field(default_factory=list)


@dataclass(slots=True)
class RoleAssignment:
    id: str
    user_id: str
    role_template_id: str
    unit_id: str | None
    """None: tenant-wide; else the administrative unit the role is scoped to."""


@dataclass(slots=True)
class DirectoryRole:
    id: str
    role_template_id: str
    display_name: str
    description: str


@dataclass(slots=True)
class NamedAccount:
    user_id: str
    role: str
    stores: list[str]


@dataclass(slots=True)
class QrPolicy:
    state: str = "enabled"
    pin_length: int = 8
    lifetime_days: int = 365
    include_targets: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"targetType": "group", "id": "all_users", "isRegistrationRequired": False}
        ]
    )
    exclude_targets: list[dict[str, Any]] = field(default_factory=list)


class Directory:
    """Everything a tenant holds. Built by :mod:`qrpin_gui.demo.seed`."""

    def __init__(self, domain: str, generation: int = 0) -> None:
        self.domain = domain
        self.generation = generation
        self.users: list[User] = []
        self._by_id: dict[str, User] = {}
        self._by_upn: dict[str, User] = {}
        self.units: list[AdminUnit] = []
        self._unit_by_id: dict[str, AdminUnit] = {}
        self.groups: list[Group] = []
        self._group_by_id: dict[str, Group] = {}
        self.roles: list[DirectoryRole] = [
            DirectoryRole(oid, tpl, name, desc) for tpl, oid, name, desc in DIRECTORY_ROLES
        ]
        self._role_by_id = {r.id: r for r in self.roles}
        self._role_by_template = {r.role_template_id: r for r in self.roles}
        self.assignments: list[RoleAssignment] = []
        self._tenant_roles: dict[str, set[str]] = {}
        self._scoped_roles: dict[str, list[RoleAssignment]] = {}
        self.named: list[NamedAccount] = []
        self.policy = QrPolicy()

    # --- building -------------------------------------------------------------------

    def add_user(self, user: User) -> None:
        self.users.append(user)
        self._by_id[user.id] = user
        self._by_upn[user.upn.lower()] = user

    def add_unit(self, unit: AdminUnit) -> None:
        self.units.append(unit)
        self._unit_by_id[unit.id] = unit

    def add_member(self, unit: AdminUnit, member: User | Group) -> None:
        unit.members.append(member)
        if isinstance(member, User):
            member.unit_ids.append(unit.id)

    def add_group(self, group: Group) -> None:
        self.groups.append(group)
        self._group_by_id[group.id.lower()] = group

    def assign_role(self, assignment: RoleAssignment) -> None:
        self.assignments.append(assignment)
        if assignment.unit_id is None:
            self._tenant_roles.setdefault(assignment.user_id, set()).add(
                assignment.role_template_id
            )
        else:
            self._scoped_roles.setdefault(assignment.user_id, []).append(assignment)

    # --- lookups --------------------------------------------------------------------

    def find_user(self, upn_or_id: str) -> User | None:
        key = upn_or_id.strip().lower()
        return self._by_id.get(key) or self._by_upn.get(key)

    def unit(self, unit_id: str) -> AdminUnit | None:
        return self._unit_by_id.get(unit_id.lower())

    def group(self, group_id: str) -> Group | None:
        if len(self._group_by_id) != len(self.groups):  # groups appended directly (the seed)
            self._group_by_id = {g.id.lower(): g for g in self.groups}
        return self._group_by_id.get(group_id.lower())

    def role(self, role_id: str) -> DirectoryRole | None:
        return self._role_by_id.get(role_id.lower())

    def role_by_template(self, template_id: str) -> DirectoryRole | None:
        return self._role_by_template.get(template_id.lower())

    def tenant_roles(self, user_id: str) -> set[str]:
        """Template ids of the user's tenant-wide roles."""
        return self._tenant_roles.get(user_id, set())

    def scoped_roles(self, user_id: str) -> list[RoleAssignment]:
        return self._scoped_roles.get(user_id, [])

    def is_admin(self, user_id: str) -> bool:
        """Holds any directory role, tenant-wide or scoped (Authentication Administrators
        can't manage such users)."""
        return user_id in self._tenant_roles or user_id in self._scoped_roles

    def role_members(self, template_id: str) -> list[User]:
        """Tenant-wide holders of a role, in assignment order."""
        return [
            self._by_id[a.user_id]
            for a in self.assignments
            if a.role_template_id == template_id and a.unit_id is None and a.user_id in self._by_id
        ]

    # --- access rules -----------------------------------------------------------------

    def can_manage(self, actor_id: str, target: User) -> bool:
        """May ``actor`` set/reset ``target``'s authentication methods?"""
        roles = self.tenant_roles(actor_id)
        if ROLE_PRIVILEGED_AUTHENTICATION_ADMIN in roles:
            return True
        scoped = self.scoped_roles(actor_id)
        if any(a.role_template_id == ROLE_PRIVILEGED_AUTHENTICATION_ADMIN for a in scoped):
            return True  # Microsoft: PAA acts on any user even when AU-assigned.
        if target.id == actor_id or self.is_admin(target.id):
            return False
        if ROLE_AUTHENTICATION_ADMIN in roles:
            return True
        target_units = set(target.unit_ids)
        return any(
            a.role_template_id == ROLE_AUTHENTICATION_ADMIN and a.unit_id in target_units
            for a in scoped
        )

    def can_read_methods(self, actor_id: str, target: User) -> bool:
        if actor_id == target.id:
            return True
        if ROLE_GLOBAL_READER in self.tenant_roles(actor_id):
            return True
        return self.can_manage(actor_id, target)

    # --- control API ----------------------------------------------------------------

    def accounts(self, role: str | None = None) -> list[dict[str, Any]]:
        """The named seeded people (``GET /_demo/accounts``)."""
        out = []
        for acc in self.named:
            if role is not None and acc.role != role:
                continue
            user = self._by_id[acc.user_id]
            out.append(
                {
                    "upn": user.upn,
                    "id": user.id,
                    "displayName": user.display_name,
                    "role": acc.role,
                    "stores": list(acc.stores),
                    "pin": user.qr.pin.code if user.qr else None,
                }
            )
        return out
