"""Which delegated scopes each Graph operation accepts (docs/graph-qrpin-api.md §2.9, §4).

``*_SELF`` sets apply only when the signed-in user acts on themself; the ``.All`` sets
cover other users too. A token with none of the accepted scopes gets 403
``Authorization_RequestDenied``.
"""

from __future__ import annotations

from qrpin_gui.demo.errors import denied

_DIRECTORY_READ = frozenset(
    {"Directory.Read.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"}
)

USERS_READ = frozenset({"User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All"}) | (
    _DIRECTORY_READ
)
USERS_READ_FULL = USERS_READ - {"User.ReadBasic.All"}
"""Scopes that see every user property (User.ReadBasic.All sees only the basic ones)."""
ME_READ = USERS_READ | {"User.Read", "User.ReadWrite"}
MEMBER_OF = _DIRECTORY_READ | {
    "User.Read",
    "User.Read.All",
    "GroupMember.Read.All",
    "RoleManagement.Read.Directory",
    "RoleManagement.ReadWrite.Directory",
}
SCOPED_ROLES = _DIRECTORY_READ | {
    "RoleManagement.Read.Directory",
    "RoleManagement.ReadWrite.Directory",
}
DIRECTORY_ROLES = SCOPED_ROLES
ADMIN_UNITS = _DIRECTORY_READ | {
    "AdministrativeUnit.Read.All",
    "AdministrativeUnit.ReadWrite.All",
}

_GROUP_MEMBERS = frozenset(
    {"GroupMember.Read.All", "GroupMember.ReadWrite.All", "Group.Read.All", "Group.ReadWrite.All"}
)
CHECK_MEMBER_GROUPS_USER = frozenset({"User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All"})
"""``checkMemberGroups`` for another user needs one of these *and* one of the group scopes,
or a directory-wide read scope alone (Graph: "user: checkMemberGroups", permissions)."""


def require_check_member_groups(granted: frozenset[str], *, on_self: bool) -> None:
    """403 unless the token may check a user's group memberships: a directory read scope, or
    a user read scope plus a group read scope (on oneself ``User.Read`` is enough)."""
    if not granted.isdisjoint(_DIRECTORY_READ):
        return
    if on_self and "User.Read" in granted:
        return
    if granted.isdisjoint(CHECK_MEMBER_GROUPS_USER) or granted.isdisjoint(_GROUP_MEMBERS):
        raise denied()


QR_READ_OTHERS = frozenset(
    {
        "UserAuthMethod-QR.Read.All",
        "UserAuthMethod-QR.ReadWrite.All",
        "UserAuthenticationMethod.Read.All",
        "UserAuthenticationMethod.ReadWrite.All",
    }
)
QR_READ_SELF = QR_READ_OTHERS | {
    "UserAuthMethod-QR.Read",
    "UserAuthMethod-QR.ReadWrite",
    "UserAuthenticationMethod.Read",
    "UserAuthenticationMethod.ReadWrite",
}
QR_WRITE_OTHERS = frozenset(
    {"UserAuthMethod-QR.ReadWrite.All", "UserAuthenticationMethod.ReadWrite.All"}
)
QR_WRITE_SELF = QR_WRITE_OTHERS | {
    "UserAuthMethod-QR.ReadWrite",
    "UserAuthenticationMethod.ReadWrite",
}
METHODS_READ_OTHERS = frozenset(
    {"UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All"}
)
METHODS_READ_SELF = METHODS_READ_OTHERS | {
    "UserAuthenticationMethod.Read",
    "UserAuthenticationMethod.ReadWrite",
}
UPDATE_PIN = frozenset({"Directory.AccessAsUser.All"})
POLICY_READ = frozenset(
    {"Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod"}
)
POLICY_WRITE = frozenset({"Policy.ReadWrite.AuthenticationMethod"})


def require(granted: frozenset[str], accepted: frozenset[str]) -> None:
    """403 unless the token carries one of the ``accepted`` scopes."""
    if granted.isdisjoint(accepted):
        raise denied()
