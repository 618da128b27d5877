"""The tenant QR policy at beta and v1.0: who reads it, who writes it, what it changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.demo.conftest import Graph, assert_graph_error, method_path

PATH = "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin"
TYPE = "#microsoft.graph.qrCodePinAuthenticationMethodConfiguration"
IT = "it.admin@contoso-retail.example"
READER = "global.reader@contoso-retail.example"
POLICY = "policy.admin@contoso-retail.example"
READ = ["Policy.Read.AuthenticationMethod"]
WRITE = ["Policy.ReadWrite.AuthenticationMethod"]


def test_read_by_global_reader_and_policy_admin_only(graph: Graph) -> None:
    for who in (READER, POLICY):
        r = graph.get(PATH, who, READ)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["@odata.type"] == TYPE and body["id"] == "qrCodePin"
        assert (body["state"], body["pinLength"], body["standardQRCodeLifetimeInDays"]) == (
            "enabled",
            8,
            365,
        )
        assert body["includeTargets"][0]["id"] == "all_users"
    assert_graph_error(graph.get(PATH, IT, READ), 403, "Authorization_RequestDenied")
    assert_graph_error(graph.get(PATH, graph.account("storeManager")["upn"], READ), 403)
    assert_graph_error(graph.get(PATH, READER, ["User.Read.All"]), 403)


def test_patch_beta_204_v1_200_and_only_by_policy_admin(graph: Graph, root: httpx.Client) -> None:
    body = {"@odata.type": TYPE, "pinLength": 10, "standardQRCodeLifetimeInDays": 180}
    r = graph.request("PATCH", PATH, POLICY, WRITE, json=body)
    assert r.status_code == 204, r.text
    got = graph.get(PATH, POLICY, WRITE).json()
    assert (got["pinLength"], got["standardQRCodeLifetimeInDays"]) == (10, 180)
    r = root.patch(
        "/v1.0" + PATH, json={**body, "pinLength": 12}, headers=graph.auth(POLICY, WRITE)
    )
    assert r.status_code == 200 and r.json()["pinLength"] == 12
    assert root.get("/v1.0" + PATH, headers=graph.auth(POLICY, WRITE)).json()["pinLength"] == 12
    assert_graph_error(graph.request("PATCH", PATH, READER, WRITE, json=body), 403)
    assert_graph_error(graph.request("PATCH", PATH, IT, WRITE, json=body), 403)
    assert_graph_error(graph.request("PATCH", PATH, POLICY, READ, json=body), 403)


def test_patch_validation(graph: Graph) -> None:
    bad: list[dict[str, Any]] = [
        {"pinLength": 10},  # @odata.type is required
        {"@odata.type": TYPE, "pinLength": 7},
        {"@odata.type": TYPE, "pinLength": 21},
        {"@odata.type": TYPE, "pinLength": "10"},
        {"@odata.type": TYPE, "standardQRCodeLifetimeInDays": 396},
        {"@odata.type": TYPE, "standardQRCodeLifetimeInDays": 0},
        {"@odata.type": TYPE, "state": "on"},
        {"@odata.type": TYPE, "excludeTargets": [{"id": "x", "targetType": "planet"}]},
        {"@odata.type": TYPE, "colour": "blue"},
    ]
    for body in bad:
        assert_graph_error(graph.request("PATCH", PATH, POLICY, WRITE, json=body), 400)
    assert graph.get(PATH, POLICY, WRITE).json()["pinLength"] == 8


def test_policy_drives_pins_lifetimes_and_state(graph: Graph) -> None:
    patch = {"@odata.type": TYPE, "pinLength": 12, "standardQRCodeLifetimeInDays": 30}
    assert graph.request("PATCH", PATH, POLICY, WRITE, json=patch).status_code == 204
    worker = graph.account("worker")
    pin = graph.request("PATCH", method_path(worker["id"]) + "/pin", IT, json={}).json()["code"]
    assert len(pin) == 12
    r = graph.request(
        "POST",
        "/me/authentication/qrCodePinMethod/pin/updatePin",
        worker["upn"],
        ["Directory.AccessAsUser.All"],
        json={"currentPin": pin, "newPin": "59173028"},  # 8 digits < 12
    )
    assert_graph_error(r, 400)
    assert graph.request("DELETE", method_path(worker["id"]), IT).status_code == 204
    created = graph.request(
        "PUT", method_path(worker["id"]), IT, json={"standardQRCode": {}, "pin": {}}
    )
    std = created.json()["standardQRCode"]
    start = datetime.fromisoformat(std["startDateTime"].replace("Z", "+00:00"))
    expire = datetime.fromisoformat(std["expireDateTime"].replace("Z", "+00:00"))
    assert expire - start == timedelta(days=30) and len(created.json()["pin"]["code"]) == 12
    assert graph.request("DELETE", method_path(worker["id"]), IT).status_code == 204
    off = {"@odata.type": TYPE, "state": "disabled"}
    assert graph.request("PATCH", PATH, POLICY, WRITE, json=off).status_code == 204
    now = datetime.now(UTC)
    r = graph.request(
        "PUT",
        method_path(worker["id"]),
        IT,
        json={"standardQRCode": {"expireDateTime": (now + timedelta(days=5)).isoformat()}},
    )
    assert_graph_error(r, 400)
    # DELETE reverts to the defaults
    assert graph.request("DELETE", PATH, POLICY, WRITE).status_code == 204
    got = graph.get(PATH, POLICY, WRITE).json()
    assert (got["state"], got["pinLength"], got["standardQRCodeLifetimeInDays"]) == (
        "enabled",
        8,
        365,
    )
