"""Roles and administrative units: what a client reads to learn its scope."""

from __future__ import annotations

from tests.demo.conftest import Graph, assert_graph_error

IT = "it.admin@contoso-retail.example"
AUTH_ADMIN = "c4e39bd9-1100-46d3-8c65-fb160da0071f"
PRIV_AUTH_ADMIN = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
POLICY_ADMIN = "0526716b-113d-4c15-b2c8-68e3c22b9f80"


def roles_by_template(graph: Graph) -> dict[str, dict]:
    r = graph.get("/directoryRoles", IT)
    assert r.status_code == 200
    return {role["roleTemplateId"]: role for role in r.json()["value"]}


def test_directory_roles_and_their_members(graph: Graph) -> None:
    roles = roles_by_template(graph)
    assert {AUTH_ADMIN, PRIV_AUTH_ADMIN, GLOBAL_READER, POLICY_ADMIN} <= set(roles)
    pa = roles[PRIV_AUTH_ADMIN]
    r = graph.get(f"/directoryRoles/{pa['id']}/members?$select=id,userPrincipalName", IT)
    assert [m["userPrincipalName"] for m in r.json()["value"]] == [IT]
    assert r.json()["value"][0]["@odata.type"] == "#microsoft.graph.user"
    aa = roles[AUTH_ADMIN]
    tenant_wide = graph.get(f"/directoryRoles/{aa['id']}/members", IT).json()["value"]
    assert [m["userPrincipalName"] for m in tenant_wide] == [
        "helpdesk.admin@contoso-retail.example"
    ]
    scoped = graph.get(f"/directoryRoles/{aa['id']}/scopedMembers", IT).json()["value"]
    managers = graph.demo.accounts(role="storeManager")
    assert {m["roleMemberInfo"]["id"] for m in scoped} == {m["id"] for m in managers}
    by_template = graph.get(f"/directoryRoles(roleTemplateId='{GLOBAL_READER}')", IT).json()
    assert by_template["id"] == roles[GLOBAL_READER]["id"]
    assert_graph_error(graph.get("/directoryRoles/00000000-0000-0000-0000-000000000000", IT), 404)
    assert_graph_error(graph.get("/directoryRoles", IT, ["User.Read.All"]), 403)


def test_me_member_of_directory_role(graph: Graph) -> None:
    r = graph.get("/me/memberOf/microsoft.graph.directoryRole", IT, ["User.Read"])
    assert r.status_code == 200, r.text
    value = r.json()["value"]
    assert [v["roleTemplateId"] for v in value] == [PRIV_AUTH_ADMIN]
    assert value[0]["@odata.type"] == "#microsoft.graph.directoryRole"
    manager = graph.account("storeManager")
    r = graph.get("/me/memberOf/microsoft.graph.directoryRole", manager["upn"], ["User.Read"])
    assert r.json()["value"] == []  # AU-scoped roles are not tenant-wide memberships


def test_me_scoped_role_member_of(graph: Graph) -> None:
    area = graph.account("storeManager", 3)
    scopes = ["Directory.Read.All"]
    r = graph.get("/me/scopedRoleMemberOf", area["upn"], scopes)
    assert r.status_code == 200, r.text
    value = r.json()["value"]
    assert sorted(v["administrativeUnitId"] for v in value) == sorted(area["stores"])
    roles = roles_by_template(graph)
    assert {v["roleId"] for v in value} == {roles[AUTH_ADMIN]["id"]}
    assert value[0]["roleMemberInfo"]["id"] == area["id"]
    assert graph.get("/me/scopedRoleMemberOf", IT, scopes).json()["value"] == []
    assert_graph_error(graph.get("/me/scopedRoleMemberOf", area["upn"], ["User.Read"]), 403)


def test_administrative_units_and_members(graph: Graph) -> None:
    scopes = ["AdministrativeUnit.Read.All", "User.Read.All"]
    manager = graph.account("storeManager")
    units = graph.get("/directory/administrativeUnits", manager["upn"], scopes).json()["value"]
    assert len(units) == 5 and all(u["displayName"].startswith("Store ") for u in units)
    store = manager["stores"][0]
    one = graph.get(f"/directory/administrativeUnits/{store}", manager["upn"], scopes).json()
    assert one["id"] == store
    mixed = graph.get(f"/directory/administrativeUnits/{store}/members", manager["upn"], scopes)
    types = {m["@odata.type"] for m in mixed.json()["value"]}
    assert types == {"#microsoft.graph.user", "#microsoft.graph.group"}
    users = graph.get(
        f"/directory/administrativeUnits/{store}/members/microsoft.graph.user"
        "?$select=id,displayName,accountEnabled&$top=5",
        manager["upn"],
        scopes,
    ).json()
    assert len(users["value"]) == 5 and "@odata.nextLink" in users
    assert all(
        set(u) == {"@odata.type", "id", "displayName", "accountEnabled"} for u in users["value"]
    )
    everyone = list(users["value"])
    url = users["@odata.nextLink"]
    while url:
        page = graph.client.get(url, headers=graph.auth(manager["upn"], scopes)).json()
        everyone += page["value"]
        url = page.get("@odata.nextLink")
    assert 10 <= len(everyone) <= 22
    assert manager["id"] in {u["id"] for u in everyone}
    # the same at the short path
    short = graph.get(
        f"/administrativeUnits/{store}/members/microsoft.graph.user", manager["upn"], scopes
    )
    assert len(short.json()["value"]) == len(everyone)
    # $filter on members is an advanced query here
    r = graph.get(
        f"/directory/administrativeUnits/{store}/members/microsoft.graph.user",
        manager["upn"],
        scopes,
        params={"$filter": "accountEnabled eq false"},
    )
    assert_graph_error(r, 400, "Request_UnsupportedQuery")
    r = graph.get(
        f"/directory/administrativeUnits/{store}/members/microsoft.graph.user",
        manager["upn"],
        scopes,
        params={"$filter": "accountEnabled eq false", "$count": "true"},
        headers={"ConsistencyLevel": "eventual"},
    )
    assert r.json()["@odata.count"] == len(r.json()["value"]) == 1
    assert_graph_error(
        graph.get("/directory/administrativeUnits", manager["upn"], ["User.Read.All"]), 403
    )
    assert_graph_error(
        graph.get("/directory/administrativeUnits/5b1c7a9e-2f4d-4c1e-9a77-0d3b6e2f8a10", IT), 404
    )
