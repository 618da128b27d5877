"""Graph handlers for the directory: users, /me, group membership checks, roles,
administrative units."""

from __future__ import annotations

import re
from typing import Any

from qrpin_gui.demo import scopes
from qrpin_gui.demo.constants import DEFAULT_PAGE_SIZE
from qrpin_gui.demo.errors import GraphError, bad_request, denied, unsupported_query
from qrpin_gui.demo.graph_core import Ctx, GraphResponse, Router, ok, paged
from qrpin_gui.demo.model import AdminUnit, DirectoryRole, Group, RoleAssignment, User
from qrpin_gui.demo.odata import (
    BASIC_USER_PROPERTIES,
    DEFAULT_USER_SELECT,
    USER_PROPERTIES,
    Predicate,
    compile_filter,
    compile_search,
    parse_count,
    parse_select,
    parse_top,
)


def _user_projection(ctx: Ctx, extra_props: set[str] | None = None) -> list[str]:
    """The properties to return; a token with only User.ReadBasic.All may read only the
    basic ones (403 when it asks for more; the default set's other fields come back null)."""
    select = parse_select(ctx.query.get("select"))
    if ctx.token.scopes.isdisjoint(scopes.USERS_READ_FULL | {"User.Read", "User.ReadWrite"}):
        asked = set(select) | (extra_props or set())
        if ctx.query.get("select") is None:
            asked = extra_props or set()
        if not asked <= BASIC_USER_PROPERTIES:
            raise denied()
    return select


def _basic_only(ctx: Ctx) -> bool:
    return ctx.token.scopes.isdisjoint(scopes.USERS_READ_FULL | {"User.Read", "User.ReadWrite"})


def user_json(user: User, select: list[str], basic_only: bool = False) -> dict[str, Any]:
    if basic_only:
        return {
            p: (USER_PROPERTIES[p](user) if p in BASIC_USER_PROPERTIES else None) for p in select
        }
    return {p: USER_PROPERTIES[p](user) for p in select}


def _user_filters(ctx: Ctx, *, require_advanced: bool) -> tuple[list[Predicate], bool, set[str]]:
    """Predicates from $filter/$search, whether to return @odata.count, properties read."""
    q = ctx.query
    advanced = ctx.eventual
    count = parse_count(q.get("count"))
    preds: list[Predicate] = []
    used: set[str] = set()
    flt = q.get("filter")
    if flt is not None:
        if require_advanced and not advanced:
            raise unsupported_query(
                "$filter on this collection requires the ConsistencyLevel: eventual header."
            )
        preds += compile_filter(flt, advanced=advanced, count=count, used=used)
    search = q.get("search")
    if search is not None:
        if not advanced:
            raise unsupported_query(
                "Request with $search query parameter only works through MSGraph with a "
                "special request header: 'ConsistencyLevel: eventual'"
            )
        preds.append(compile_search(search))
        used.add("displayName")
    return preds, count and advanced, used


# --- users ----------------------------------------------------------------------------------


def list_users(ctx: Ctx) -> GraphResponse:
    scopes.require(ctx.token.scopes, scopes.USERS_READ)
    ctx.query.allow("select", "filter", "top", "search", "count", "skiptoken")
    preds, count, used = _user_filters(ctx, require_advanced=False)
    select = _user_projection(ctx, used)
    basic = _basic_only(ctx)
    return paged(
        ctx,
        ctx.directory.users,
        lambda u: user_json(u, select, basic),
        context="users" if ctx.query.get("select") is None else f"users({','.join(select)})",
        top=parse_top(ctx.query.get("top"), DEFAULT_PAGE_SIZE),
        predicates=preds,
        count=count,
    )


def count_users(ctx: Ctx) -> GraphResponse:
    scopes.require(ctx.token.scopes, scopes.USERS_READ)
    if not ctx.eventual:
        raise bad_request("$count is not currently supported.", "Request_BadRequest")
    ctx.query.allow("filter", "search", "count")
    preds, _, used = _user_filters(ctx, require_advanced=False)
    _user_projection(ctx, used)
    users = ctx.directory.users
    n = sum(1 for u in users if all(p(u) for p in preds)) if preds else len(users)
    return GraphResponse(200, str(n), {"Content-Type": "text/plain"})


def get_user(ctx: Ctx) -> GraphResponse:
    user = ctx.user()
    accepted = scopes.ME_READ if user.id == ctx.actor.id else scopes.USERS_READ
    scopes.require(ctx.token.scopes, accepted)
    ctx.query.allow("select")
    select = _user_projection(ctx)
    body: dict[str, Any] = {"@odata.context": ctx.context("users/$entity")}
    body.update(user_json(user, select, _basic_only(ctx) and user.id != ctx.actor.id))
    return ok(body)


# --- group membership -------------------------------------------------------------------------

MAX_CHECK_GROUP_IDS = 20
"""Graph checks at most 20 groups per ``checkMemberGroups`` request."""
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def check_member_groups(ctx: Ctx) -> GraphResponse:
    """``POST /users/{id}/checkMemberGroups`` ``{"groupIds": [...]}``: which of the groups the
    user is a member of. Unknown group ids are simply not in the answer; more than 20 ids, or
    one that is not a GUID, is a 400 (ASSUMED code and wording)."""
    user = ctx.user()
    scopes.require_check_member_groups(ctx.token.scopes, on_self=user.id == ctx.actor.id)
    ctx.query.allow()
    body = ctx.json_object()
    group_ids = body.get("groupIds")
    if (
        set(body) - {"groupIds"}
        or not isinstance(group_ids, list)
        or not all(isinstance(g, str) for g in group_ids)
    ):
        raise bad_request("The request body needs 'groupIds': a list of group ids.")
    if not 1 <= len(group_ids) <= MAX_CHECK_GROUP_IDS:
        raise bad_request(
            f"'groupIds' must hold 1 to {MAX_CHECK_GROUP_IDS} group ids.", "Request_BadRequest"
        )
    for group_id in group_ids:
        if not _GUID.match(group_id):
            raise bad_request(f"Invalid GUID:{group_id}", "Request_BadRequest")
    found: list[str] = []
    for group_id in dict.fromkeys(g.lower() for g in group_ids):
        group = ctx.directory.group(group_id)
        if group is not None and user.id in group.member_ids:
            found.append(group.id)
    return ok({"@odata.context": ctx.context("Collection(Edm.String)"), "value": found})


# --- roles ------------------------------------------------------------------------------------


def role_json(role: DirectoryRole) -> dict[str, Any]:
    return {
        "@odata.type": "#microsoft.graph.directoryRole",
        "id": role.id,
        "deletedDateTime": None,
        "description": role.description,
        "displayName": role.display_name,
        "roleTemplateId": role.role_template_id,
    }


def scoped_json(ctx: Ctx, a: RoleAssignment) -> dict[str, Any]:
    user = ctx.directory.find_user(a.user_id)
    role = ctx.directory.role_by_template(a.role_template_id)
    return {
        "id": a.id,
        "roleId": role.id if role else a.role_template_id,
        "administrativeUnitId": a.unit_id,
        "roleMemberInfo": {
            "id": a.user_id,
            "displayName": user.display_name if user else None,
            "userPrincipalName": user.upn if user else None,
        },
    }


def _member_of_scopes(ctx: Ctx, user: User) -> None:
    accepted = scopes.MEMBER_OF if user.id == ctx.actor.id else scopes.SCOPED_ROLES
    scopes.require(ctx.token.scopes, accepted)


def member_of(ctx: Ctx) -> GraphResponse:
    user = ctx.user()
    _member_of_scopes(ctx, user)
    ctx.query.allow("select", "top", "skiptoken")
    roles = [
        r for r in ctx.directory.roles if r.role_template_id in ctx.directory.tenant_roles(user.id)
    ]
    return paged(
        ctx,
        roles,
        role_json,
        context="directoryObjects",
        top=parse_top(ctx.query.get("top"), DEFAULT_PAGE_SIZE),
    )


def scoped_role_member_of(ctx: Ctx) -> GraphResponse:
    user = ctx.user()
    scopes.require(ctx.token.scopes, scopes.SCOPED_ROLES)
    ctx.query.allow("top", "skiptoken")
    return paged(
        ctx,
        ctx.directory.scoped_roles(user.id),
        lambda a: scoped_json(ctx, a),
        context=f"users('{user.id}')/scopedRoleMemberOf",
        top=parse_top(ctx.query.get("top"), DEFAULT_PAGE_SIZE),
    )


def _role(ctx: Ctx) -> DirectoryRole:
    scopes.require(ctx.token.scopes, scopes.DIRECTORY_ROLES)
    role = ctx.directory.role(ctx.params["role"])
    if role is None:
        raise GraphError(
            404,
            "Request_ResourceNotFound",
            f"Resource '{ctx.params['role']}' does not exist or one of its queried "
            "reference-property objects are not present.",
        )
    return role


def list_roles(ctx: Ctx) -> GraphResponse:
    scopes.require(ctx.token.scopes, scopes.DIRECTORY_ROLES)
    ctx.query.allow()
    return ok(
        {
            "@odata.context": ctx.context("directoryRoles"),
            "value": [role_json(r) for r in ctx.directory.roles],
        }
    )


def get_role(ctx: Ctx) -> GraphResponse:
    role = _role(ctx)
    ctx.query.allow()
    return ok({"@odata.context": ctx.context("directoryRoles/$entity"), **role_json(role)})


def role_members(ctx: Ctx) -> GraphResponse:
    role = _role(ctx)
    ctx.query.allow("select", "top", "skiptoken")
    select = _user_projection(ctx)
    basic = _basic_only(ctx)
    return paged(
        ctx,
        ctx.directory.role_members(role.role_template_id),
        lambda u: {"@odata.type": "#microsoft.graph.user", **user_json(u, select, basic)},
        context="directoryObjects",
        top=parse_top(ctx.query.get("top"), DEFAULT_PAGE_SIZE),
    )


def role_scoped_members(ctx: Ctx) -> GraphResponse:
    role = _role(ctx)
    ctx.query.allow("top", "skiptoken")
    items = [
        a
        for a in ctx.directory.assignments
        if a.role_template_id == role.role_template_id and a.unit_id is not None
    ]
    return paged(
        ctx,
        items,
        lambda a: scoped_json(ctx, a),
        context=f"directoryRoles('{role.id}')/scopedMembers",
        top=parse_top(ctx.query.get("top"), DEFAULT_PAGE_SIZE),
    )


# --- administrative units -------------------------------------------------------------------


def unit_json(unit: AdminUnit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "deletedDateTime": None,
        "displayName": unit.display_name,
        "description": unit.description,
        "membershipType": None,
        "membershipRule": None,
        "visibility": None,
        "isMemberManagementRestricted": False,
    }


def _unit(ctx: Ctx) -> AdminUnit:
    scopes.require(ctx.token.scopes, scopes.ADMIN_UNITS)
    unit = ctx.directory.unit(ctx.params["unit"])
    if unit is None:
        raise GraphError(
            404,
            "Request_ResourceNotFound",
            f"Resource '{ctx.params['unit']}' does not exist or one of its queried "
            "reference-property objects are not present.",
        )
    return unit


def list_units(ctx: Ctx) -> GraphResponse:
    scopes.require(ctx.token.scopes, scopes.ADMIN_UNITS)
    ctx.query.allow("top", "skiptoken")
    return paged(
        ctx,
        ctx.directory.units,
        unit_json,
        context="directory/administrativeUnits",
        top=parse_top(ctx.query.get("top"), DEFAULT_PAGE_SIZE),
    )


def get_unit(ctx: Ctx) -> GraphResponse:
    unit = _unit(ctx)
    ctx.query.allow()
    return ok({"@odata.context": ctx.context("administrativeUnits/$entity"), **unit_json(unit)})


def _members(ctx: Ctx, users_only: bool) -> GraphResponse:
    unit = _unit(ctx)
    ctx.query.allow("select", "top", "skiptoken", "count", "filter", "search")
    preds, count, used = _user_filters(ctx, require_advanced=True)
    if ctx.query.get("count") is not None and not ctx.eventual:
        count = False
    select = _user_projection(ctx, used)
    basic = _basic_only(ctx)
    members: list[User | Group] = unit.members
    if users_only or preds:
        members = [m for m in members if isinstance(m, User)]

    def serialize(m: User | Group) -> dict[str, Any]:
        if isinstance(m, User):
            return {"@odata.type": "#microsoft.graph.user", **user_json(m, select, basic)}
        out: dict[str, Any] = {"@odata.type": "#microsoft.graph.group"}
        for p in select if ctx.query.get("select") else DEFAULT_USER_SELECT:
            if p == "id":
                out["id"] = m.id
            elif p == "displayName":
                out["displayName"] = m.display_name
        return out

    return paged(
        ctx,
        members,
        serialize,
        context="users" if users_only else "directoryObjects",
        top=parse_top(ctx.query.get("top"), DEFAULT_PAGE_SIZE),
        predicates=preds,
        count=count,
    )


def unit_members(ctx: Ctx) -> GraphResponse:
    return _members(ctx, users_only=False)


def unit_user_members(ctx: Ctx) -> GraphResponse:
    return _members(ctx, users_only=True)


def register(router: Router) -> None:
    router.add("users", GET=list_users)
    router.add("users/$count", GET=count_users)
    router.add("users/{user}", GET=get_user)
    router.add("users/{user}/checkMemberGroups", POST=check_member_groups)
    router.add("users/{user}/microsoft.graph.checkMemberGroups", POST=check_member_groups)
    router.add("users/{user}/memberOf", GET=member_of)
    router.add("users/{user}/memberOf/microsoft.graph.directoryRole", GET=member_of)
    router.add("users/{user}/scopedRoleMemberOf", GET=scoped_role_member_of)
    router.add("directoryRoles", GET=list_roles)
    router.add("directoryRoles/{role}", GET=get_role)
    router.add("directoryRoles/{role}/members", GET=role_members)
    router.add("directoryRoles/{role}/members/microsoft.graph.user", GET=role_members)
    router.add("directoryRoles/{role}/scopedMembers", GET=role_scoped_members)
    for prefix in ("directory/administrativeUnits", "administrativeUnits"):
        router.add(prefix, GET=list_units)
        router.add(f"{prefix}/{{unit}}", GET=get_unit)
        router.add(f"{prefix}/{{unit}}/members", GET=unit_members)
        router.add(f"{prefix}/{{unit}}/members/microsoft.graph.user", GET=unit_user_members)
