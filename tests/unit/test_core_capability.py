"""AdminCapability: what the signed-in admin may do to a target user."""

from __future__ import annotations

import pytest

from qrpin_gui.core.capability import (
    ROLE_AUTHENTICATION_ADMINISTRATOR as AUTH_ADMIN,
)
from qrpin_gui.core.capability import (
    ROLE_AUTHENTICATION_POLICY_ADMINISTRATOR as POLICY_ADMIN,
)
from qrpin_gui.core.capability import (
    ROLE_GLOBAL_ADMINISTRATOR as GLOBAL_ADMIN,
)
from qrpin_gui.core.capability import (
    ROLE_GLOBAL_READER as GLOBAL_READER,
)
from qrpin_gui.core.capability import (
    ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR as PRIV_AUTH_ADMIN,
)
from qrpin_gui.core.capability import (
    AdminCapability,
    DirectoryRole,
    ManageGrant,
    NotManageableReason,
    ScopedRole,
    ScopedRoleMembership,
)

HELPDESK = "729827e3-9c14-49f7-bb1b-9608f156bbb8"
STORE_A, STORE_B, STORE_C = "au-a", "au-b", "au-c"


def tenant(*templates: str) -> AdminCapability:
    return AdminCapability(tenant_roles=frozenset(templates))


def store_manager(*units: str, role: str = AUTH_ADMIN) -> AdminCapability:
    return AdminCapability(scoped_roles=frozenset(ScopedRole(u, role) for u in units))


NOBODY: frozenset[str] = frozenset()


def test_role_template_ids_are_the_documented_built_ins() -> None:
    assert AUTH_ADMIN == "c4e39bd9-1100-46d3-8c65-fb160da0071f"
    assert PRIV_AUTH_ADMIN == "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
    assert POLICY_ADMIN == "0526716b-113d-4c15-b2c8-68e3c22b9f80"
    assert GLOBAL_READER == "f2ef992c-3afb-46b9-b7cf-a126ee74c451"


@pytest.mark.parametrize("role", [PRIV_AUTH_ADMIN, GLOBAL_ADMIN])
def test_privileged_tenant_wide_manages_anyone_including_admins(role: str) -> None:
    cap = tenant(role)
    for roles in (NOBODY, {HELPDESK}, {PRIV_AUTH_ADMIN}):
        verdict = cap.can_manage("u1", [], roles)
        assert verdict.allowed and verdict.grant is ManageGrant.PRIVILEGED_TENANT_WIDE
        assert verdict.denial is None and verdict.can_read
    assert cap.can_manage_anyone and cap.is_tenant_wide


def test_tenant_auth_admin_manages_non_admins_only() -> None:
    cap = tenant(AUTH_ADMIN)
    ok = cap.can_manage("u1", [STORE_A], NOBODY)
    assert ok.allowed and ok.grant is ManageGrant.TENANT_WIDE
    no = cap.can_manage("u2", [], {HELPDESK})
    assert not no.allowed and no.denial is NotManageableReason.ADMIN_ROLE_HOLDER
    assert not no.can_read  # Authentication Administrator may not even view admins' methods
    assert cap.is_tenant_wide and not cap.can_manage_anyone


def test_store_manager_manages_non_admin_members_of_their_stores() -> None:
    cap = store_manager(STORE_A, STORE_B)
    verdict = cap.can_manage("u1", [STORE_B], NOBODY)
    assert verdict.allowed and verdict.grant is ManageGrant.STORE_SCOPED and verdict.can_read
    assert cap.managed_unit_ids == {STORE_A, STORE_B}
    assert not cap.is_tenant_wide


def test_store_manager_outside_their_stores() -> None:
    cap = store_manager(STORE_A)
    for units in ([], [STORE_C]):
        verdict = cap.can_manage("u1", units, NOBODY)
        assert verdict.denial is NotManageableReason.OUTSIDE_STORES and not verdict.can_read
    # outside AND admin: "outside your stores" is the reason given
    assert cap.can_manage("u1", [STORE_C], {HELPDESK}).denial is NotManageableReason.OUTSIDE_STORES


def test_store_manager_and_admin_member_of_their_store() -> None:
    verdict = store_manager(STORE_A).can_manage("u1", [STORE_A, STORE_C], {HELPDESK})
    assert verdict.denial is NotManageableReason.ADMIN_ROLE_HOLDER and not verdict.can_read


def test_unit_scoped_privileged_auth_admin_still_cannot_touch_admins() -> None:
    cap = store_manager(STORE_A, role=PRIV_AUTH_ADMIN)
    assert cap.can_manage("u1", [STORE_A], NOBODY).allowed
    assert (
        cap.can_manage("u1", [STORE_A], {HELPDESK}).denial is NotManageableReason.ADMIN_ROLE_HOLDER
    )


def test_unit_scoped_role_that_does_not_manage_gives_no_rights() -> None:
    cap = store_manager(STORE_A, role=HELPDESK)
    assert cap.managed_unit_ids == frozenset()
    assert cap.can_manage("u1", [STORE_A], NOBODY).denial is NotManageableReason.NO_ADMIN_ROLE


def test_global_reader_reads_but_does_not_manage() -> None:
    cap = tenant(GLOBAL_READER)
    verdict = cap.can_manage("u1", [STORE_A], {HELPDESK})
    assert verdict.denial is NotManageableReason.READ_ONLY_ROLE
    assert verdict.can_read and not verdict.allowed
    assert cap.is_tenant_wide and cap.can_read_policy and not cap.can_write_policy
    assert not cap.can_write_anything


def test_global_reader_who_also_manages_a_store() -> None:
    cap = AdminCapability(
        tenant_roles=frozenset({GLOBAL_READER}),
        scoped_roles=frozenset({ScopedRole(STORE_A, AUTH_ADMIN)}),
    )
    assert cap.can_manage("u1", [STORE_A], NOBODY).allowed
    outside = cap.can_manage("u1", [STORE_B], NOBODY)
    assert outside.denial is NotManageableReason.OUTSIDE_STORES and outside.can_read


def test_no_roles() -> None:
    cap = AdminCapability()
    verdict = cap.can_manage("u1", [STORE_A], NOBODY)
    assert verdict.denial is NotManageableReason.NO_ADMIN_ROLE and not verdict.can_read
    assert not (cap.can_read_policy or cap.can_write_policy or cap.is_tenant_wide)


def test_policy_roles() -> None:
    assert tenant(POLICY_ADMIN).can_write_policy and tenant(POLICY_ADMIN).can_read_policy
    assert not tenant(AUTH_ADMIN).can_read_policy
    assert (
        tenant(POLICY_ADMIN).can_manage("u", [], NOBODY).denial is NotManageableReason.NO_ADMIN_ROLE
    )


def test_is_self() -> None:
    cap = AdminCapability(tenant_roles=frozenset({AUTH_ADMIN}), admin_id="me")
    assert cap.can_manage("me", [], {AUTH_ADMIN}).is_self
    assert not cap.can_manage("other", [], NOBODY).is_self


def test_from_graph_resolves_scoped_role_object_ids_through_directory_roles() -> None:
    memberships = [
        ScopedRoleMembership("s1", STORE_A, "obj-auth-admin"),
        ScopedRoleMembership("s2", STORE_B, "obj-helpdesk"),
        ScopedRoleMembership("s3", STORE_C, AUTH_ADMIN),  # the template id used as role id
    ]
    directory_roles = [
        DirectoryRole("obj-auth-admin", AUTH_ADMIN, "Authentication Administrator"),
        DirectoryRole("obj-helpdesk", HELPDESK, "Helpdesk Administrator"),
    ]
    cap = AdminCapability.from_graph([], memberships, directory_roles, admin_id="me")
    assert cap.managed_unit_ids == {STORE_A, STORE_C}
    assert cap.admin_id == "me"
    as_mapping = AdminCapability.from_graph([], memberships, {"obj-auth-admin": AUTH_ADMIN})
    assert as_mapping.managed_unit_ids == {STORE_A, STORE_C}


def test_from_graph_tenant_roles_use_template_ids() -> None:
    cap = AdminCapability.from_graph([DirectoryRole("obj-1", GLOBAL_READER, "Global Reader")])
    assert cap.tenant_roles == {GLOBAL_READER}
    assert cap.can_read(["x"], {HELPDESK})
