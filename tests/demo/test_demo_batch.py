"""JSON batching: limits, ids, dependsOn, per-item answers and throttling."""

from __future__ import annotations

import time
from typing import Any

import httpx

from tests.demo.conftest import Graph, assert_graph_error, method_path

IT = "it.admin@contoso-retail.example"


def post_batch(graph: Graph, requests: Any, who: str = IT, **kw: Any) -> httpx.Response:
    return graph.request("POST", "/$batch", who, json={"requests": requests}, **kw)


def test_twenty_gets_answer_per_item_in_any_order(graph: Graph) -> None:
    users = graph.get("/users?$top=20&$select=id", IT).json()["value"]
    reqs = [
        {"id": str(i), "method": "GET", "url": method_path(u["id"])} for i, u in enumerate(users)
    ]
    r = post_batch(graph, reqs)
    assert r.status_code == 200, r.text
    answers = {a["id"]: a for a in r.json()["responses"]}
    assert set(answers) == {str(i) for i in range(20)}
    for i, user in enumerate(users):
        a = answers[str(i)]
        if i < 3:  # the same answer as asking directly
            assert graph.get(method_path(user["id"]), IT).status_code == a["status"]
        assert a["status"] in (200, 404)
        if a["status"] == 200:
            assert a["body"]["@odata.type"] == "#microsoft.graph.qrCodePinAuthenticationMethod"
            assert a["headers"]["Content-Type"].startswith("application/json")
        else:
            assert a["body"]["error"]["code"] == "itemNotFound"
    assert {a["status"] for a in answers.values()} == {200, 404}
    orders = {tuple(x["id"] for x in post_batch(graph, reqs).json()["responses"]) for _ in range(4)}
    assert len(orders) > 1, "answers always come back in the same order"


def test_malformed_and_oversized_batches_fail_whole(graph: Graph) -> None:
    one = {"id": "1", "method": "GET", "url": "/me"}
    assert_graph_error(post_batch(graph, [dict(one, id=str(i)) for i in range(21)]), 400)
    assert_graph_error(post_batch(graph, []), 400)
    assert_graph_error(post_batch(graph, [one, dict(one, id="1")]), 400)
    assert_graph_error(post_batch(graph, [dict(one, id="a"), dict(one, id="A")]), 400)
    assert_graph_error(post_batch(graph, [dict(one, method="FETCH")]), 400)
    assert_graph_error(
        post_batch(graph, [dict(one, url="https://graph.microsoft.com/beta/me")]), 400
    )
    assert_graph_error(post_batch(graph, [{"method": "GET", "url": "/me"}]), 400)
    assert_graph_error(post_batch(graph, [dict(one, dependsOn=["9"])]), 400)
    cyc = [dict(one, id="1", dependsOn=["2"]), dict(one, id="2", dependsOn=["1"])]
    assert_graph_error(post_batch(graph, cyc), 400)
    no_ctype = {
        "id": "1",
        "method": "PATCH",
        "url": "/me/authentication/qrCodePinMethod/pin",
        "body": {},
    }
    assert_graph_error(post_batch(graph, [no_ctype]), 400)
    assert_graph_error(graph.request("POST", "/$batch", IT, json=[one]), 400)
    headers = graph.auth(IT, None, **{"Content-Type": "application/json"})
    assert_graph_error(graph.client.post("/$batch", content=b"{", headers=headers), 400)
    assert_graph_error(graph.client.get("/$batch", headers=headers), 405)
    assert_graph_error(graph.client.post("/$batch", json={"requests": [one]}), 401)


def test_depends_on_runs_in_order_and_424s_after_failure(graph: Graph) -> None:
    worker = graph.account("worker")
    base = method_path(worker["id"])
    json_h = {"Content-Type": "application/json"}
    reqs = [
        {"id": "del", "method": "DELETE", "url": base},
        {"id": "put", "method": "PUT", "url": base, "dependsOn": ["del"], "headers": json_h,
         "body": {"standardQRCode": {}, "pin": {}}},
        {"id": "get", "method": "GET", "url": base, "dependsOn": ["put"]},
    ]  # fmt: skip
    answers = {a["id"]: a for a in post_batch(graph, reqs).json()["responses"]}
    assert [answers[k]["status"] for k in ("del", "put", "get")] == [204, 201, 200]
    assert "body" not in answers["del"]
    assert answers["put"]["body"]["standardQRCode"]["image"]["binaryValue"]
    assert answers["get"]["body"]["id"] == answers["put"]["body"]["id"]
    # the method exists now: PUT fails, so what depends on it is not run
    reqs = [
        {"id": "put", "method": "PUT", "url": base, "headers": json_h,
         "body": {"standardQRCode": {}, "pin": {}}},
        {"id": "pin", "method": "PATCH", "url": base + "/pin", "dependsOn": ["put"],
         "headers": json_h, "body": {}},
    ]  # fmt: skip
    answers = {a["id"]: a for a in post_batch(graph, reqs).json()["responses"]}
    assert answers["put"]["status"] == 409
    assert answers["pin"]["status"] == 424
    assert answers["pin"]["body"]["error"]["code"]


def test_items_carry_their_own_headers_and_queries(graph: Graph) -> None:
    reqs = [
        {"id": "s", "method": "GET", "url": "/users?$search=\"displayName:tan\"&$select=displayName",
         "headers": {"ConsistencyLevel": "eventual"}},
        {"id": "n", "method": "GET", "url": "/users?$search=\"displayName:tan\""},
        {"id": "c", "method": "GET", "url": "/users/$count", "headers": {"ConsistencyLevel": "eventual"}},
        {"id": "x", "method": "GET", "url": "/nonsense"},
    ]  # fmt: skip
    r = post_batch(graph, reqs, headers={"client-request-id": "batch-1"})
    answers = {a["id"]: a for a in r.json()["responses"]}
    assert answers["s"]["status"] == 200
    assert "Ingrid Tan" in [u["displayName"] for u in answers["s"]["body"]["value"]]
    assert answers["n"]["status"] == 400
    assert answers["n"]["body"]["error"]["code"] == "Request_UnsupportedQuery"
    assert answers["c"]["status"] == 200 and int(answers["c"]["body"]) > 50
    assert answers["x"]["status"] == 400
    assert answers["x"]["body"]["error"]["innerError"]["client-request-id"] == "batch-1"


def test_each_item_is_throttled_on_its_own(graph: Graph, root: httpx.Client) -> None:
    r = root.post("/_demo/faults", json={"rate_per_s": 0.2, "burst": 3})
    assert r.status_code == 200, r.text
    reqs = [{"id": str(i), "method": "GET", "url": "/me"} for i in range(6)]
    r = post_batch(graph, reqs)
    assert r.status_code == 200
    statuses = sorted(a["status"] for a in r.json()["responses"])
    assert statuses == [200, 200, 200, 429, 429, 429]
    for a in r.json()["responses"]:
        if a["status"] == 429:
            retry_after = a["headers"]["Retry-After"]
            assert float(retry_after) > 0, retry_after
            assert a["body"]["error"]["code"] == "TooManyRequests"
    single = graph.get("/me", IT)
    assert_graph_error(single, 429, "TooManyRequests")
    assert float(single.headers["Retry-After"]) > 0
    graph.demo.reset()
    assert graph.get("/me", IT).status_code == 200


def test_latency_applies_once_per_batch_not_per_item(graph: Graph, root: httpx.Client) -> None:
    """A $batch is one HTTP request: 20 items with latency_ms=300 wait 300 ms once."""
    assert graph.get("/me", IT).status_code == 200  # token made, TLS connection up
    r = root.post("/_demo/faults", json={"latency_ms": 300})
    assert r.status_code == 200, r.text
    reqs = [{"id": str(i), "method": "GET", "url": "/me"} for i in range(20)]
    started = time.perf_counter()
    r = post_batch(graph, reqs)
    elapsed = time.perf_counter() - started
    assert r.status_code == 200, r.text
    assert [a["status"] for a in r.json()["responses"]] == [200] * 20
    assert 0.3 <= elapsed < 0.6, elapsed
    assert root.get("/_demo/faults").json()["counters"]["delayed"] == 1
