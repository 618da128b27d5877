"""Groups in the demo tenant: the control API creates them, ``checkMemberGroups`` answers
which of up to 20 groups a user is in (plain and inside ``$batch``), with Graph's scopes."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.demo.conftest import Graph, assert_graph_error

GROUP_SCOPES = ["User.Read.All", "GroupMember.Read.All"]


def create_group(graph: Graph, name: str, members: list[str]) -> dict[str, Any]:
    response = graph.client.post(
        graph.demo.control_url + "/groups", json={"displayName": name, "members": members}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def check(
    graph: Graph, user: str, group_ids: list[str], scopes: list[str] | None = None
) -> httpx.Response:
    it = graph.account("itAdmin")["upn"]
    return graph.request(
        "POST", f"/users/{user}/checkMemberGroups", it, scopes, json={"groupIds": group_ids}
    )


def test_check_member_groups_answers_the_groups_the_user_is_in(graph: Graph) -> None:
    alice, bob = graph.account("worker", 0), graph.account("worker", 1)
    tills = create_group(graph, "QR sign-in pilots", [alice["upn"]])
    both = create_group(graph, "Everyone on the floor", [alice["id"], bob["upn"]])
    assert tills["members"] == [alice["id"]]
    unknown = str(uuid.uuid4())
    ids = [tills["id"], both["id"], unknown]

    r = check(graph, alice["id"], ids)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["@odata.context"].endswith("$metadata#Collection(Edm.String)")
    assert sorted(body["value"]) == sorted([tills["id"], both["id"]])
    assert check(graph, bob["upn"], ids).json()["value"] == [both["id"]]
    # Case of the ids does not matter; the answer uses the group's own id.
    assert check(graph, bob["id"], [both["id"].upper()]).json()["value"] == [both["id"]]
    # The least scopes Graph documents for other users: a user read plus a group read scope.
    assert check(graph, bob["id"], ids, GROUP_SCOPES).json()["value"] == [both["id"]]


def test_check_member_groups_scopes_and_bad_requests(graph: Graph) -> None:
    alice = graph.account("worker", 0)
    group = create_group(graph, "Pilots", [alice["id"]])
    # A user read scope alone, or a group scope alone, is not enough for another user.
    assert_graph_error(
        check(graph, alice["id"], [group["id"]], ["User.Read.All"]),
        403,
        "Authorization_RequestDenied",
    )
    assert_graph_error(check(graph, alice["id"], [group["id"]], ["GroupMember.Read.All"]), 403)
    # On oneself User.Read is enough.
    mine = graph.request(
        "POST",
        "/me/checkMemberGroups",
        alice["upn"],
        ["User.Read"],
        json={"groupIds": [group["id"]]},
    )
    assert mine.status_code == 200 and mine.json()["value"] == [group["id"]]
    # At most 20 ids, GUIDs only ("all_users" is not a group id), a list of strings.
    many = [str(uuid.uuid4()) for _ in range(21)]
    assert_graph_error(check(graph, alice["id"], many), 400)
    assert_graph_error(check(graph, alice["id"], ["all_users"]), 400)
    assert_graph_error(check(graph, alice["id"], []), 400)
    it = graph.account("itAdmin")["upn"]
    bad = graph.request("POST", f"/users/{alice['id']}/checkMemberGroups", it, json={"ids": []})
    assert_graph_error(bad, 400)
    assert_graph_error(check(graph, "nobody@example.invalid", [group["id"]]), 404)
    get = graph.get(f"/users/{alice['id']}/checkMemberGroups", it)
    assert_graph_error(get, 405)


def test_check_member_groups_inside_batch(graph: Graph) -> None:
    alice, bob = graph.account("worker", 0), graph.account("worker", 1)
    group = create_group(graph, "Pilots", [alice["id"]])
    requests = [
        {
            "id": str(i),
            "method": "POST",
            "url": f"/users/{who}/checkMemberGroups",
            "headers": {"Content-Type": "application/json"},
            "body": {"groupIds": [group["id"]]},
        }
        for i, who in enumerate((alice["id"], bob["id"]))
    ]
    r = graph.request(
        "POST", "/$batch", graph.account("itAdmin")["upn"], json={"requests": requests}
    )
    assert r.status_code == 200, r.text
    answers = {a["id"]: a for a in r.json()["responses"]}
    assert answers["0"]["status"] == 200 and answers["0"]["body"]["value"] == [group["id"]]
    assert answers["1"]["status"] == 200 and answers["1"]["body"]["value"] == []


def test_control_api_group_errors_and_reset(graph: Graph) -> None:
    url = graph.demo.control_url + "/groups"
    assert graph.client.post(url, json={"members": []}).status_code == 400
    assert graph.client.post(url, json={"displayName": "x", "members": "a"}).status_code == 400
    missing = graph.client.post(url, json={"displayName": "x", "members": ["nobody@x.invalid"]})
    assert missing.status_code == 404
    group = create_group(graph, "Pilots", [])
    graph.demo.reset()
    # Groups live in the directory: a reset forgets them.
    alice = graph.account("worker", 0)
    assert check(graph, alice["id"], [group["id"]]).json()["value"] == []
