"""Who may read and manage whose QR method: roles, AU scoping, admin targets, scopes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.demo.conftest import Graph, assert_graph_error, method_path

IT = "it.admin@contoso-retail.example"
READER = "global.reader@contoso-retail.example"
HELPDESK = "helpdesk.admin@contoso-retail.example"  # tenant-wide Authentication Administrator
USER_ADMIN = "user.admin@contoso-retail.example"  # User Administrator, works in store 102


def members(graph: Graph, store: str) -> list[dict[str, Any]]:
    r = graph.get(
        f"/directory/administrativeUnits/{store}/members/microsoft.graph.user?$select=id,userPrincipalName",
        IT,
    )
    return r.json()["value"]


def reset_pin(graph: Graph, who: str, target: str) -> int:
    r = graph.request("PATCH", method_path(target) + "/pin", who, json={})
    if r.status_code != 201:
        assert_graph_error(r, r.status_code)
    return r.status_code


def test_store_manager_manages_only_non_admin_members_of_their_store(graph: Graph) -> None:
    manager = graph.account("storeManager", 0)  # store 101
    other_manager = graph.account("storeManager", 1)  # store 102
    own_store = manager["stores"][0]
    own_worker = graph.account("worker", 0)
    assert own_worker["stores"] == [own_store]
    other_worker = graph.account("worker", 1)
    assert reset_pin(graph, manager["upn"], own_worker["id"]) == 201
    assert graph.get(method_path(own_worker["id"]), manager["upn"]).status_code == 200
    # another store's worker
    assert reset_pin(graph, manager["upn"], other_worker["id"]) == 403
    assert graph.get(method_path(other_worker["id"]), manager["upn"]).status_code == 403
    # an admin-role holder working in the manager's own store
    helpdesk = graph.demo.accounts(role="adminUser")[0]
    assert helpdesk["stores"] == [own_store]
    assert helpdesk["id"] in {m["id"] for m in members(graph, own_store)}
    assert reset_pin(graph, manager["upn"], helpdesk["id"]) == 403
    assert graph.get(method_path(helpdesk["id"]), manager["upn"]).status_code == 403
    # other managers and themself
    assert reset_pin(graph, manager["upn"], other_manager["id"]) == 403
    assert reset_pin(graph, manager["upn"], manager["id"]) == 403


def test_area_manager_covers_both_stores(graph: Graph) -> None:
    area = graph.account("storeManager", 3)
    assert area["upn"] == "area.manager@contoso-retail.example" and len(area["stores"]) == 2
    workers = {w["stores"][0]: w for w in graph.demo.accounts(role="worker")}
    for store in area["stores"]:
        assert reset_pin(graph, area["upn"], workers[store]["id"]) == 201
    outside = next(w for s, w in workers.items() if s not in area["stores"])
    assert reset_pin(graph, area["upn"], outside["id"]) == 403


def test_tenant_wide_authentication_admin_manages_non_admins_anywhere(graph: Graph) -> None:
    for worker in graph.demo.accounts(role="worker"):
        assert reset_pin(graph, HELPDESK, worker["id"]) == 201
    manager = graph.account("storeManager")
    assert reset_pin(graph, HELPDESK, manager["id"]) == 403
    assert reset_pin(graph, HELPDESK, graph.demo.accounts(role="adminUser")[1]["id"]) == 403


def test_privileged_authentication_admin_manages_anyone(graph: Graph) -> None:
    for role in ("adminUser", "storeManager", "worker"):
        for account in graph.demo.accounts(role=role):
            assert reset_pin(graph, IT, account["id"]) == 201, account


def test_global_reader_reads_but_never_writes(graph: Graph) -> None:
    worker = graph.account("worker")
    admin = graph.demo.accounts(role="adminUser")[0]
    for target in (worker, admin):
        r = graph.get(method_path(target["id"]), READER, ["UserAuthMethod-QR.Read.All"])
        assert r.status_code == 200
    assert reset_pin(graph, READER, worker["id"]) == 403


def test_worker_reads_only_themself(graph: Graph) -> None:
    me = graph.account("worker", 0)
    other = graph.account("worker", 1)
    assert graph.get(method_path(me["id"]), me["upn"]).status_code == 200
    assert_graph_error(
        graph.get(method_path(other["id"]), me["upn"]), 403, "Authorization_RequestDenied"
    )


@pytest.mark.parametrize(
    ("scopes", "expected"),
    [
        (["UserAuthMethod-QR.ReadWrite.All"], 201),
        (["UserAuthenticationMethod.ReadWrite.All"], 201),
        (["UserAuthMethod-QR.Read.All", "User.Read.All"], 403),
        (["UserAuthMethod-QR.ReadWrite"], 403),  # self-only scope on someone else
        (["Directory.AccessAsUser.All"], 403),
    ],
)
def test_write_scopes(graph: Graph, scopes: list[str], expected: int) -> None:
    worker = graph.account("worker")
    r = graph.request("PATCH", method_path(worker["id"]) + "/pin", IT, scopes, json={})
    assert r.status_code == expected, r.text
    if expected == 403:
        assert_graph_error(r, 403, "Authorization_RequestDenied")


@pytest.mark.parametrize(
    ("scopes", "expected"),
    [
        (["UserAuthMethod-QR.Read.All"], 200),
        (["UserAuthenticationMethod.Read.All"], 200),
        (["UserAuthMethod-QR.Read"], 403),
        (["User.Read.All"], 403),
    ],
)
def test_read_scopes(graph: Graph, scopes: list[str], expected: int) -> None:
    worker = graph.account("worker")
    assert graph.get(method_path(worker["id"]), IT, scopes).status_code == expected


def test_unknown_target_is_404_for_admins(graph: Graph) -> None:
    r = graph.request("PATCH", method_path("ghost@contoso-retail.example") + "/pin", IT, json={})
    assert_graph_error(r, 404, "Request_ResourceNotFound")
