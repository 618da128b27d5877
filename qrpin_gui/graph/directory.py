"""Administrative units (stores), the signed-in admin's roles, and who holds admin roles.

- Tenant-wide roles: ``/me/memberOf/microsoft.graph.directoryRole`` (with role template ids).
- Unit-scoped roles: ``/me/scopedRoleMemberOf``.
- Admin-role holders: ``/directoryRoles`` and ``/directoryRoles/{id}/members`` (through
  ``$batch``). An Authentication Administrator may not manage them, so the roster sync marks
  them "not manageable" without asking Graph about their QR method.
- Group membership for the QR policy's target groups: ``POST /users/{id}/checkMemberGroups``
  for many users through paced ``$batch`` requests (:func:`check_member_groups`,
  :func:`policy_group_membership`). Graph's delegated permissions for another user: a user
  read scope (``User.Read.All``) *and* ``GroupMember.Read.All`` (or ``Group.Read.All``), or
  ``Directory.Read.All``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from qrpin_gui.core.capability import (
    AdminCapability,
    DirectoryRole,
    ManageVerdict,
    ScopedRoleMembership,
)
from qrpin_gui.core.models import AdministrativeUnit, Policy
from qrpin_gui.core.parse import (
    ParseError,
    parse_administrative_unit,
    parse_directory_role,
    parse_scoped_role_membership,
)
from qrpin_gui.core.readiness import policy_target_groups
from qrpin_gui.graph._parsing import parse_or_raise
from qrpin_gui.graph.client import BatchRequest, BatchResponse, GraphClient
from qrpin_gui.graph.errors import ForbiddenError, GraphError, MalformedResponseError
from qrpin_gui.graph.pacing import AdaptivePacer, SyncBudget, paced_reads
from qrpin_gui.graph.users import get_me, list_unit_members

log = logging.getLogger(__name__)


def _unit_path(unit_id: str) -> str:
    return "/directory/administrativeUnits/" + quote(unit_id, safe="")


async def list_administrative_units(client: GraphClient) -> list[AdministrativeUnit]:
    """Every administrative unit of the tenant."""
    return [
        parse_or_raise(item, parse_administrative_unit)
        async for item in client.iterate("/directory/administrativeUnits")
    ]


async def get_administrative_unit(client: GraphClient, unit_id: str) -> AdministrativeUnit:
    """One administrative unit by id."""
    response = await client.request("GET", _unit_path(unit_id))
    return parse_or_raise(response.json_object(), parse_administrative_unit, response)


async def my_directory_roles(client: GraphClient) -> list[DirectoryRole]:
    """The signed-in admin's tenant-wide (activated) directory roles."""
    return [
        parse_or_raise(item, parse_directory_role)
        async for item in client.iterate(
            "/me/memberOf/microsoft.graph.directoryRole",
            params={"$select": "id,displayName,roleTemplateId"},
        )
    ]


async def my_scoped_roles(client: GraphClient) -> list[ScopedRoleMembership]:
    """The signed-in admin's administrative-unit-scoped role memberships."""
    return [
        parse_or_raise(item, parse_scoped_role_membership)
        async for item in client.iterate("/me/scopedRoleMemberOf")
    ]


async def list_directory_roles(client: GraphClient) -> list[DirectoryRole]:
    """The tenant's activated directory roles (object id -> template id)."""
    return [
        parse_or_raise(item, parse_directory_role)
        async for item in client.iterate("/directoryRoles")
    ]


async def directory_role_member_ids(client: GraphClient, role_id: str) -> set[str]:
    """Object ids of the members of one directory role."""
    url = f"/directoryRoles/{quote(role_id, safe='')}/members"
    return {
        str(item["id"])
        async for item in client.iterate(url, params={"$select": "id"})
        if isinstance(item.get("id"), str)
    }


async def admin_role_holders(
    client: GraphClient, roles: Iterable[DirectoryRole] | None = None
) -> dict[str, frozenset[str]]:
    """User id -> role template ids held, for everyone holding any directory role, tenant-wide
    (``/directoryRoles/{id}/members``) or scoped to an administrative unit
    (``/directoryRoles/{id}/scopedMembers``): both make a user an admin whom an
    Authentication Administrator may not manage.

    The first page of each list comes through ``$batch``; longer lists follow their
    ``@odata.nextLink``. Raises a :class:`GraphError` when a list cannot be read (the caller
    then knows the set is unknown rather than empty).
    """
    role_list = list(roles) if roles is not None else await list_directory_roles(client)
    requests: list[BatchRequest] = []
    for index, role in enumerate(role_list):
        base = f"/directoryRoles/{quote(role.id, safe='')}"
        requests.append(BatchRequest(f"m{index}", "GET", f"{base}/members?$select=id"))
        requests.append(BatchRequest(f"s{index}", "GET", f"{base}/scopedMembers"))
    answers = await client.batch(requests)
    holders: dict[str, set[str]] = {}
    for index, role in enumerate(role_list):
        for kind in ("m", "s"):
            answer = answers[f"{kind}{index}"]
            if answer.error is not None:
                if kind == "s" and answer.status in (400, 404):
                    continue  # a service without scopedMembers: tenant-wide holders only
                raise answer.error
            body = answer.body
            if not isinstance(body, dict) or not isinstance(body.get("value"), list):
                raise MalformedResponseError(
                    "a role's member list has no 'value' list",
                    path=f"/directoryRoles/{role.id}",
                )
            items: list[Any] = list(body["value"])
            link = body.get("@odata.nextLink")
            if isinstance(link, str) and link:
                items += [item async for item in client.iterate(link)]
            member_ids = _ids(items) if kind == "m" else _scoped_member_ids(items)
            for member in member_ids:
                holders.setdefault(member, set()).add(role.role_template_id)
    return {user_id: frozenset(tpls) for user_id, tpls in holders.items()}


def _ids(items: list[Any]) -> set[str]:
    return {
        str(item["id"])
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _scoped_member_ids(items: list[Any]) -> set[str]:
    ids = set()
    for item in items:
        info = item.get("roleMemberInfo") if isinstance(item, dict) else None
        if isinstance(info, dict) and isinstance(info.get("id"), str):
            ids.add(str(info["id"]))
    return ids


async def load_capability(client: GraphClient) -> AdminCapability:
    """The signed-in admin's capability: tenant-wide roles plus unit-scoped roles.

    Scoped memberships name a role object id; ``/directoryRoles`` maps it to its template.
    """
    me = await get_me(client, select=("id", "displayName", "userPrincipalName"))
    tenant_roles = await my_directory_roles(client)
    scoped = await my_scoped_roles(client)
    templates: list[DirectoryRole] = []
    if scoped:
        try:
            templates = await list_directory_roles(client)
        except (ForbiddenError, MalformedResponseError) as exc:
            log.info(
                "directory roles unreadable (%s); scoped role ids taken as templates", exc.kind
            )
    return AdminCapability.from_graph(tenant_roles, scoped, templates, admin_id=me.id)


@dataclass(frozen=True, slots=True)
class ManageContext:
    """What the roster sync needs to judge, without asking Graph, who is not manageable.

    ``admin_roles``: user id -> role template ids held (None = unknown: everyone is queried
    and a 403 from the service marks the user). ``unit_members``: unit id -> member user ids
    for the admin's managed units (used when listing all users, to tell who is outside the
    admin's stores).
    """

    capability: AdminCapability
    admin_roles: Mapping[str, frozenset[str]] | None = None
    unit_members: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def roles_of(self, user_id: str) -> frozenset[str]:
        if self.admin_roles is None:
            return frozenset()
        return self.admin_roles.get(user_id, frozenset())

    def units_of(self, user_id: str) -> frozenset[str]:
        return frozenset(u for u, members in self.unit_members.items() if user_id in members)

    def verdict(self, user_id: str, stores: Iterable[str] = ()) -> ManageVerdict:
        """The manage verdict for a user who is a member of ``stores`` (plus any unit the
        context knows them to be in)."""
        units = frozenset(stores) | self.units_of(user_id)
        return self.capability.can_manage(user_id, units, self.roles_of(user_id))


async def load_manage_context(
    client: GraphClient,
    capability: AdminCapability | None = None,
    *,
    unit_members: bool = True,
) -> ManageContext:
    """Capability, admin-role holders and (for a unit-scoped admin) the members of their
    units. Admin-role holders that cannot be read leave ``admin_roles`` unknown."""
    if capability is None:
        capability = await load_capability(client)
    holders: dict[str, frozenset[str]] | None
    try:
        holders = await admin_role_holders(client)
    except (ForbiddenError, MalformedResponseError, ParseError) as exc:
        log.info("admin-role holders unreadable (%s); the service will judge", exc)
        holders = None
    members: dict[str, frozenset[str]] = {}
    if unit_members and not capability.is_tenant_wide:
        for unit_id in sorted(capability.managed_unit_ids):
            ids: set[str] = set()
            try:
                async for page in list_unit_members(client, unit_id, select=("id",)):
                    ids.update(user.id for user in page.users)
            except GraphError as exc:
                log.info("members of a managed unit unreadable: %s", exc.kind)
                continue
            members[unit_id] = frozenset(ids)
    return ManageContext(capability, holders, members)


async def my_stores(client: GraphClient, capability: AdminCapability) -> list[AdministrativeUnit]:
    """The administrative units the admin manages through unit-scoped roles, by name."""
    stores = []
    for unit_id in sorted(capability.managed_unit_ids):
        stores.append(await get_administrative_unit(client, unit_id))
    return sorted(stores, key=lambda unit: unit.display_name.casefold())


# --------------------------------------------------------------------------- group membership

CHECK_MEMBER_GROUPS_LIMIT = 20
"""Graph checks at most 20 group ids per ``checkMemberGroups`` call."""


def _member_groups(answer: BatchResponse | None, asked: Mapping[str, str]) -> set[str] | None:
    """The asked group ids (in the caller's spelling) one answer names; None when unread."""
    if answer is None or not answer.ok:
        return None
    body = answer.body
    value = body.get("value") if isinstance(body, dict) else None
    if not isinstance(value, list):
        return None
    return {asked[v.lower()] for v in value if isinstance(v, str) and v.lower() in asked}


async def check_member_groups(
    client: GraphClient,
    user_ids: Iterable[str],
    group_ids: Iterable[str],
    *,
    budget: SyncBudget | None = None,
    pacer: AdaptivePacer | None = None,
) -> dict[str, frozenset[str]]:
    """User id -> the ``group_ids`` the user is a member of (transitively, as Graph judges),
    for many users: one ``checkMemberGroups`` per user (per 20 groups), 20 to a paced
    ``$batch``. Users whose answer could not be read (403, 404, still throttled, malformed)
    are left out: their membership is unknown, not empty. A whole-request failure other than
    throttling (offline, sign-in) raises its :class:`GraphError`."""
    asked = {g.lower(): g for g in group_ids}
    groups = sorted(asked.values())
    users: Sequence[str] = list(dict.fromkeys(user_ids))
    if not groups or not users:
        return {}
    chunks = [
        groups[i : i + CHECK_MEMBER_GROUPS_LIMIT]
        for i in range(0, len(groups), CHECK_MEMBER_GROUPS_LIMIT)
    ]
    requests = [
        BatchRequest(
            f"{u}.{c}",
            "POST",
            f"/users/{quote(user_id, safe='')}/checkMemberGroups",
            body={"groupIds": chunk},
        )
        for u, user_id in enumerate(users)
        for c, chunk in enumerate(chunks)
    ]
    answers = await paced_reads(client, requests, budget=budget or SyncBudget(), pacer=pacer)
    membership: dict[str, frozenset[str]] = {}
    unread = 0
    for u, user_id in enumerate(users):
        found: set[str] = set()
        for c in range(len(chunks)):
            part = _member_groups(answers.get(f"{u}.{c}"), asked)
            if part is None:
                unread += 1
                break
            found |= part
        else:
            membership[user_id] = frozenset(found)
    if unread:
        statuses = sorted({a.status for a in answers.values() if not a.ok})
        log.info("group membership unread for %d of %d users (%s)", unread, len(users), statuses)
    return membership


async def policy_group_membership(
    client: GraphClient,
    policy: Policy | None,
    user_ids: Iterable[str],
    *,
    budget: SyncBudget | None = None,
    pacer: AdaptivePacer | None = None,
) -> dict[str, frozenset[str]] | None:
    """Each user's membership among the QR policy's target groups
    (:func:`~qrpin_gui.core.readiness.policy_target_groups`), or None without a request when
    the policy was not read or targets no group (``all_users`` or people only)."""
    groups = policy_target_groups(policy)
    if not groups:
        return None
    return await check_member_groups(client, user_ids, groups, budget=budget, pacer=pacer)
