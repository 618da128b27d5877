"""Users: paging, $select, the $filter/$search grammar and the ConsistencyLevel rules."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

import pytest

from tests.demo.conftest import Graph, assert_graph_error

IT = "it.admin@contoso-retail.example"
EVENTUAL = {"ConsistencyLevel": "eventual"}


def all_pages(graph: Graph, url: str, who: str = IT, **kw: Any) -> tuple[list[dict], int]:
    items: list[dict] = []
    pages = 0
    while url:
        r = graph.get(url, who, **kw)
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["value"]
        pages += 1
        url = body.get("@odata.nextLink", "")
    return items, pages


def test_default_page_is_100_and_next_links_cover_everyone_once(graph: Graph) -> None:
    graph.demo.reset(users=250)
    first = graph.get("/users", IT).json()
    assert len(first["value"]) == 100
    assert "@odata.nextLink" in first
    users, pages = all_pages(graph, "/users")
    assert pages == 3
    assert len(users) == 250 == len({u["id"] for u in users})
    # the default property set
    assert set(users[0]) == {
        "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone",
        "officeLocation", "preferredLanguage", "surname", "userPrincipalName",
    }  # fmt: skip


def test_top_select_and_their_limits(graph: Graph) -> None:
    r = graph.get("/users?$top=5&$select=id,displayName,accountEnabled", IT)
    body = r.json()
    assert len(body["value"]) == 5
    assert all(set(u) == {"id", "displayName", "accountEnabled"} for u in body["value"])
    # the next link keeps $select and $top
    nxt = graph.client.get(body["@odata.nextLink"], headers=graph.auth(IT)).json()
    assert len(nxt["value"]) == 5
    assert set(nxt["value"][0]) == {"id", "displayName", "accountEnabled"}
    assert not {u["id"] for u in nxt["value"]} & {u["id"] for u in body["value"]}
    r = graph.get("/users?$top=999", IT)
    assert r.status_code == 200 and "@odata.nextLink" not in r.json()
    for bad in ("0", "1000", "-1"):
        assert_graph_error(graph.get(f"/users?$top={bad}", IT), 400, "Request_BadRequest")
    assert_graph_error(graph.get("/users?$select=id,nonsense", IT), 400, "Request_BadRequest")


def test_filter_grammar_answers_correctly(graph: Graph) -> None:
    everyone, _ = all_pages(
        graph, "/users?$top=999&$select=id,displayName,userPrincipalName,accountEnabled"
    )
    r = graph.get("/users?$filter=startswith(displayName,'gra')&$select=displayName", IT)
    expected = sorted(
        u["displayName"] for u in everyone if u["displayName"].lower().startswith("gra")
    )
    assert expected and sorted(u["displayName"] for u in r.json()["value"]) == expected

    upn = everyone[10]["userPrincipalName"]
    r = graph.get(f"/users?$filter=userPrincipalName eq '{upn.upper()}'", IT)
    assert [u["userPrincipalName"] for u in r.json()["value"]] == [upn]

    disabled = [u["id"] for u in everyone if u["accountEnabled"] is False]
    assert disabled, "the default company has disabled accounts"
    r = graph.get("/users?$filter=accountEnabled eq false&$select=id", IT)
    assert sorted(u["id"] for u in r.json()["value"]) == sorted(disabled)

    r = graph.get(
        "/users?$filter=accountEnabled eq true and startswith(displayName,'a')&$select=id", IT
    )
    want = {
        u["id"]
        for u in everyone
        if u["accountEnabled"] and u["displayName"].lower().startswith("a")
    }
    assert {u["id"] for u in r.json()["value"]} == want


@pytest.mark.parametrize(
    "flt",
    [
        "endswith(userPrincipalName,'example')",
        "displayName ne 'x'",
        "accountEnabled eq true or accountEnabled eq false",
        "not(accountEnabled eq true)",
        "startswith(jobTitle,'S')",
        "accountEnabled eq 'yes'",
        "displayName eq true",
        "department eq 'x'",
        "(accountEnabled eq true)",
        "accountEnabled eq true and",
    ],
)
def test_filters_outside_the_grammar_are_refused(graph: Graph, flt: str) -> None:
    r = graph.get("/users", IT, params={"$filter": flt})
    assert_graph_error(r, 400, "Request_UnsupportedQuery")


def test_orderby_expand_skip_are_refused(graph: Graph) -> None:
    for query in ("$orderby=displayName", "$expand=manager", "$skip=10"):
        assert_graph_error(graph.get(f"/users?{query}", IT), 400, "Request_UnsupportedQuery")


def test_department_is_an_advanced_query(graph: Graph) -> None:
    store = graph.account("storeManager")
    dept = graph.get(f"/users/{store['id']}?$select=department", IT).json()["department"]
    flt = {"$filter": f"department eq '{dept}'"}
    assert_graph_error(graph.get("/users", IT, params=flt), 400, "Request_UnsupportedQuery")
    assert_graph_error(
        graph.get("/users", IT, params=flt, headers=EVENTUAL), 400, "Request_UnsupportedQuery"
    )
    r = graph.get("/users", IT, params={**flt, "$count": "true"}, headers=EVENTUAL)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["@odata.count"] == len(body["value"]) >= 10


def test_search_needs_consistency_level(graph: Graph) -> None:
    r = graph.get("/users", IT, params={"$search": '"displayName:tan"'})
    assert_graph_error(r, 400, "Request_UnsupportedQuery")
    assert "ConsistencyLevel" in r.json()["error"]["message"]
    r = graph.get("/users", IT, params={"$search": '"displayName:tan"'}, headers=EVENTUAL)
    names = [u["displayName"] for u in r.json()["value"]]
    assert "Ingrid Tan" in names
    assert all(any(w.lower().startswith("tan") for w in n.split()) for n in names)
    r = graph.get(
        "/users",
        IT,
        params={"$search": '"userPrincipalName:it.adm" OR "displayName:reyes"'},
        headers=EVENTUAL,
    )
    assert {u["userPrincipalName"] for u in r.json()["value"]} >= {
        "it.admin@contoso-retail.example",
        "global.reader@contoso-retail.example",
    }
    for bad in ("tan", '"jobTitle:x"', '"displayName:a" NEAR "displayName:b"'):
        r = graph.get("/users", IT, params={"$search": bad}, headers=EVENTUAL)
        assert_graph_error(r, 400, "Request_UnsupportedQuery")


def test_count_rules(graph: Graph) -> None:
    total = len(all_pages(graph, "/users?$top=999")[0])
    r = graph.get("/users?$count=true&$top=10", IT)
    assert r.status_code == 200 and "@odata.count" not in r.json()  # ignored without header
    r = graph.get("/users?$count=true&$top=10", IT, headers=EVENTUAL)
    body = r.json()
    assert body["@odata.count"] == total
    nxt = graph.client.get(body["@odata.nextLink"], headers=graph.auth(IT, None, **EVENTUAL))
    assert "@odata.count" not in nxt.json()  # first page only
    assert_graph_error(graph.get("/users/$count", IT), 400, "Request_BadRequest")
    r = graph.get("/users/$count", IT, headers=EVENTUAL)
    assert r.status_code == 200 and r.text == str(total)
    assert r.headers["content-type"].startswith("text/plain")
    r = graph.get("/users/$count?$filter=accountEnabled eq false", IT, headers=EVENTUAL)
    assert 0 < int(r.text) < total


def test_get_user_by_id_upn_and_percent_encoded_upn(graph: Graph) -> None:
    worker = graph.account("worker")
    by_id = graph.get(f"/users/{worker['id']}", IT).json()
    assert by_id["userPrincipalName"] == worker["upn"]
    by_upn = graph.get(f"/users/{worker['upn']}", IT).json()
    encoded = graph.get(f"/users/{quote(worker['upn'], safe='')}", IT).json()
    upper = graph.get(f"/users/{worker['upn'].upper()}?$select=id", IT).json()
    assert by_upn["id"] == encoded["id"] == upper["id"] == worker["id"]
    assert_graph_error(graph.get("/users/ghost@contoso-retail.example", IT), 404)


def test_me_and_user_read_basic(graph: Graph) -> None:
    worker = graph.account("worker")
    me = graph.get("/me", worker["upn"], ["User.Read"]).json()
    assert me["id"] == worker["id"] and me["displayName"] == worker["displayName"]
    basic = ["User.ReadBasic.All"]
    r = graph.get("/users?$select=id,displayName,userPrincipalName", worker["upn"], basic)
    assert r.status_code == 200
    assert_graph_error(
        graph.get("/users?$select=id,accountEnabled", worker["upn"], basic),
        403,
        "Authorization_RequestDenied",
    )
    assert_graph_error(
        graph.get("/users?$filter=accountEnabled eq false", worker["upn"], basic),
        403,
        "Authorization_RequestDenied",
    )
    default = graph.get("/users?$top=3", worker["upn"], basic).json()["value"]
    assert all(u["jobTitle"] is None and u["displayName"] for u in default)
    assert_graph_error(graph.get("/users", worker["upn"], ["User.Read"]), 403)


def test_skiptoken_from_before_a_reset_has_expired(graph: Graph) -> None:
    nxt = graph.get("/users?$top=2", IT).json()["@odata.nextLink"]
    graph.demo.reset()
    r = graph.client.get(nxt, headers=graph.auth(IT))
    assert_graph_error(r, 400, "Directory_ExpiredPageToken")


def test_paging_through_5000_users_with_top_999(graph: Graph) -> None:
    info = graph.demo.reset(users=5000, seed=7)
    assert info["users"] == 5000
    started = time.perf_counter()
    users, pages = all_pages(graph, "/users?$top=999&$select=id,displayName,userPrincipalName")
    elapsed = time.perf_counter() - started
    assert pages == 6 and len({u["id"] for u in users}) == 5000
    assert elapsed < 5, elapsed


@pytest.mark.slow
def test_100k_tenant_seeds_fast_and_pages_fast(graph: Graph) -> None:
    started = time.perf_counter()
    info = graph.demo.reset(users=100_000)
    assert info["users"] == 100_000
    assert time.perf_counter() - started < 5
    url = "/users?$top=999&$select=id,displayName,userPrincipalName,accountEnabled,department"
    timings = []
    for _ in range(10):
        t = time.perf_counter()
        r = graph.get(url, IT)
        timings.append(time.perf_counter() - t)
        assert r.status_code == 200 and len(r.json()["value"]) == 999
        url = r.json()["@odata.nextLink"]
    timings.sort()
    assert timings[len(timings) // 2] < 0.05, timings  # wall clock, TLS and JSON included
