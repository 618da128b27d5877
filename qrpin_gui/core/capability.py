"""What the signed-in admin may do: Entra roles and the manage verdict for a target user.

The rules follow the service (API doc §2.10):

- Privileged Authentication Administrator (or Global Administrator) tenant-wide manages
  anyone.
- Authentication Administrator tenant-wide manages only users who hold no admin role.
- Authentication Administrator (or Privileged Authentication Administrator) scoped to
  administrative units manages only non-admin members of those units.
- Global Reader reads every user's method but changes nothing.
- The policy is readable by Global Reader and Authentication Policy Administrator, and
  writable only by the latter (Global Administrator can do both).

"Admin" for a target means holding any directory role (the Graph client passes the role
template ids it found for that user).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "MANAGING_ROLES",
    "POLICY_READER_ROLES",
    "POLICY_WRITER_ROLES",
    "PRIVILEGED_ROLES",
    "ROLE_AUTHENTICATION_ADMINISTRATOR",
    "ROLE_AUTHENTICATION_POLICY_ADMINISTRATOR",
    "ROLE_GLOBAL_ADMINISTRATOR",
    "ROLE_GLOBAL_READER",
    "ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR",
    "AdminCapability",
    "DirectoryRole",
    "ManageGrant",
    "ManageVerdict",
    "NotManageableReason",
    "ScopedRole",
    "ScopedRoleMembership",
]

ROLE_AUTHENTICATION_ADMINISTRATOR = "c4e39bd9-1100-46d3-8c65-fb160da0071f"
ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
ROLE_AUTHENTICATION_POLICY_ADMINISTRATOR = "0526716b-113d-4c15-b2c8-68e3c22b9f80"
ROLE_GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
ROLE_GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10"

PRIVILEGED_ROLES = frozenset(
    {ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, ROLE_GLOBAL_ADMINISTRATOR}
)
"""Tenant-wide, these manage any user, admins included."""
MANAGING_ROLES = frozenset({ROLE_AUTHENTICATION_ADMINISTRATOR}) | PRIVILEGED_ROLES
"""Roles that can write other users' QR methods (within their limits)."""
POLICY_READER_ROLES = frozenset(
    {ROLE_GLOBAL_READER, ROLE_AUTHENTICATION_POLICY_ADMINISTRATOR, ROLE_GLOBAL_ADMINISTRATOR}
)
POLICY_WRITER_ROLES = frozenset(
    {ROLE_AUTHENTICATION_POLICY_ADMINISTRATOR, ROLE_GLOBAL_ADMINISTRATOR}
)
_UNIT_SCOPABLE_MANAGERS = frozenset(
    {ROLE_AUTHENTICATION_ADMINISTRATOR, ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR}
)


@dataclass(frozen=True, slots=True)
class DirectoryRole:
    """An activated directory role (``/me/memberOf/microsoft.graph.directoryRole`` or
    ``/directoryRoles``). ``id`` is the tenant's object id, ``role_template_id`` the
    well-known built-in id."""

    id: str
    role_template_id: str
    display_name: str = ""


@dataclass(frozen=True, slots=True)
class ScopedRoleMembership:
    """An administrative-unit-scoped role assignment (``/me/scopedRoleMemberOf``).

    ``role_id`` is the directory role's object id as the service gives it; resolve it to a
    template id with the ``/directoryRoles`` list (see :meth:`AdminCapability.from_graph`).
    """

    id: str
    administrative_unit_id: str
    role_id: str
    role_member_id: str | None = None
    role_member_display_name: str | None = None


@dataclass(frozen=True, slots=True)
class ScopedRole:
    """A role template held within one administrative unit."""

    administrative_unit_id: str
    role_template_id: str


class ManageGrant(Enum):
    """Why the admin may manage a user."""

    PRIVILEGED_TENANT_WIDE = "privileged_tenant_wide"
    TENANT_WIDE = "tenant_wide"
    STORE_SCOPED = "store_scoped"


class NotManageableReason(Enum):
    """Why the admin may not manage a user (the UI translates)."""

    ADMIN_ROLE_HOLDER = "admin_role_holder"
    """The user holds an admin role; only a Privileged Authentication Administrator may."""
    OUTSIDE_STORES = "outside_stores"
    """The user is not a member of any store (administrative unit) the admin manages."""
    READ_ONLY_ROLE = "read_only_role"
    """The admin's role only reads (Global Reader)."""
    NO_ADMIN_ROLE = "no_admin_role"
    """The admin holds no role that reads or manages QR methods."""
    DENIED_BY_SERVICE = "denied_by_service"
    """Graph answered 403 although the roles seen here suggested otherwise."""


@dataclass(frozen=True, slots=True)
class ManageVerdict:
    """The verdict for one target user: exactly one of ``grant``/``denial`` is set."""

    grant: ManageGrant | None = None
    denial: NotManageableReason | None = None
    can_read: bool = False
    """The admin may at least read this user's method (e.g. Global Reader)."""
    is_self: bool = False
    """The target is the signed-in admin (self-service PIN change applies)."""

    @property
    def allowed(self) -> bool:
        """The admin may create, change and delete this user's QR method."""
        return self.grant is not None


@dataclass(frozen=True, slots=True)
class AdminCapability:
    """The signed-in admin's roles: tenant-wide template ids and unit-scoped roles."""

    tenant_roles: frozenset[str] = frozenset()
    scoped_roles: frozenset[ScopedRole] = frozenset()
    admin_id: str | None = None
    """The signed-in admin's user id, when known (sets ``ManageVerdict.is_self``)."""

    @classmethod
    def from_graph(
        cls,
        tenant_roles: Iterable[DirectoryRole],
        scoped_memberships: Iterable[ScopedRoleMembership] = (),
        role_templates: Mapping[str, str] | Iterable[DirectoryRole] | None = None,
        *,
        admin_id: str | None = None,
    ) -> AdminCapability:
        """Build from parsed Graph answers.

        ``role_templates`` maps directory role object ids to template ids (a mapping, or the
        parsed ``/directoryRoles`` list). A scoped membership whose ``role_id`` is neither in
        it nor among ``tenant_roles`` is taken to be a template id already (the demo tenant
        and some tenants use the template id as the role id).
        """
        roles = list(tenant_roles)
        mapping: dict[str, str] = {r.id: r.role_template_id for r in roles}
        if isinstance(role_templates, Mapping):
            mapping.update(role_templates)
        elif role_templates is not None:
            mapping.update({r.id: r.role_template_id for r in role_templates})
        scoped = frozenset(
            ScopedRole(m.administrative_unit_id, mapping.get(m.role_id, m.role_id))
            for m in scoped_memberships
        )
        return cls(
            tenant_roles=frozenset(r.role_template_id for r in roles),
            scoped_roles=scoped,
            admin_id=admin_id,
        )

    @property
    def managed_unit_ids(self) -> frozenset[str]:
        """Administrative units where the admin holds a unit-scoped managing role."""
        return frozenset(
            s.administrative_unit_id
            for s in self.scoped_roles
            if s.role_template_id in _UNIT_SCOPABLE_MANAGERS
        )

    @property
    def is_tenant_wide(self) -> bool:
        """The admin may read or manage users across the whole tenant (may offer "all
        users" instead of picking stores)."""
        return bool(self.tenant_roles & (MANAGING_ROLES | {ROLE_GLOBAL_READER}))

    @property
    def can_manage_anyone(self) -> bool:
        """Tenant-wide privileged role: manages admins too."""
        return bool(self.tenant_roles & PRIVILEGED_ROLES)

    @property
    def can_write_anything(self) -> bool:
        """Holds any role that can change some user's QR method."""
        return bool(self.tenant_roles & MANAGING_ROLES) or bool(self.managed_unit_ids)

    @property
    def can_read_policy(self) -> bool:
        return bool(self.tenant_roles & POLICY_READER_ROLES)

    @property
    def can_write_policy(self) -> bool:
        return bool(self.tenant_roles & POLICY_WRITER_ROLES)

    def can_read(self, member_of_units: Iterable[str], target_admin_roles: Iterable[str]) -> bool:
        """The admin may read the QR method of a user in these units holding these roles."""
        if self.tenant_roles & (PRIVILEGED_ROLES | {ROLE_GLOBAL_READER}):
            return True
        is_admin = any(True for _ in target_admin_roles)
        if is_admin:
            return False
        if ROLE_AUTHENTICATION_ADMINISTRATOR in self.tenant_roles:
            return True
        return bool(frozenset(member_of_units) & self.managed_unit_ids)

    def can_manage(
        self,
        user_id: str,
        member_of_units: Iterable[str],
        target_admin_roles: Iterable[str],
    ) -> ManageVerdict:
        """Whether the admin may manage the QR method of user ``user_id``, who is a member
        of ``member_of_units`` (administrative unit ids) and holds ``target_admin_roles``
        (role template ids; any role makes the user an admin)."""
        units = frozenset(member_of_units)
        target_roles = frozenset(target_admin_roles)
        is_admin = bool(target_roles)
        can_read = self.can_read(units, target_roles)
        is_self = self.admin_id is not None and user_id == self.admin_id

        def allow(grant: ManageGrant) -> ManageVerdict:
            return ManageVerdict(grant=grant, can_read=True, is_self=is_self)

        def deny(reason: NotManageableReason) -> ManageVerdict:
            return ManageVerdict(denial=reason, can_read=can_read, is_self=is_self)

        if self.tenant_roles & PRIVILEGED_ROLES:
            return allow(ManageGrant.PRIVILEGED_TENANT_WIDE)
        if ROLE_AUTHENTICATION_ADMINISTRATOR in self.tenant_roles:
            return (
                deny(NotManageableReason.ADMIN_ROLE_HOLDER)
                if is_admin
                else allow(ManageGrant.TENANT_WIDE)
            )
        managed_units = self.managed_unit_ids
        if managed_units:
            if not units & managed_units:
                return deny(NotManageableReason.OUTSIDE_STORES)
            if is_admin:
                return deny(NotManageableReason.ADMIN_ROLE_HOLDER)
            return allow(ManageGrant.STORE_SCOPED)
        if ROLE_GLOBAL_READER in self.tenant_roles:
            return deny(NotManageableReason.READ_ONLY_ROLE)
        return deny(NotManageableReason.NO_ADMIN_ROLE)
