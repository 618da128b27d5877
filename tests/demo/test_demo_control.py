"""The control API under /_demo: accounts, token, reset, settings."""

from __future__ import annotations

import json

import httpx

from tests.demo.conftest import Graph, assert_graph_error

ROLES = {"storeManager", "itAdmin", "globalReader", "policyAdmin", "worker", "adminUser"}


def test_accounts_shape_and_role_filter(root: httpx.Client) -> None:
    accounts = root.get("/_demo/accounts").json()
    assert {a["role"] for a in accounts} == ROLES
    for a in accounts:
        assert {"upn", "id", "displayName", "role", "stores"} <= set(a)
        assert a["upn"].endswith("@contoso-retail.example")
    managers = root.get("/_demo/accounts", params={"role": "storeManager"}).json()
    assert managers and {a["role"] for a in managers} == {"storeManager"}
    assert all(a["stores"] for a in managers)
    assert [a["upn"] for a in root.get("/_demo/accounts?role=itAdmin").json()] == [
        "it.admin@contoso-retail.example"
    ]
    assert_graph_error(root.get("/_demo/accounts?role=janitor"), 400)


def test_token_accepts_short_names_full_uris_and_default(graph: Graph, root: httpx.Client) -> None:
    worker = graph.account("worker")
    body = {"user": worker["upn"], "scopes": ["https://graph.microsoft.com/User.Read"]}
    r = root.post("/_demo/token", json=body)
    assert r.status_code == 200
    token = r.json()["access_token"]
    assert r.json()["expires_in"] == 3600
    claims = json.loads(_b64(token.split(".")[1]))
    assert claims["scp"] == "User.Read" and claims["oid"] == worker["id"]
    assert claims["upn"] == worker["upn"] and claims["aud"] == "https://graph.microsoft.com"
    assert graph.client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    # User.Read does not list users
    r = graph.client.get("/users", headers={"Authorization": f"Bearer {token}"})
    assert_graph_error(r, 403, "Authorization_RequestDenied")
    everything = root.post("/_demo/token", json={"user": worker["id"], "scopes": [".default"]})
    scp = json.loads(_b64(everything.json()["access_token"].split(".")[1]))["scp"].split()
    assert "UserAuthMethod-QR.ReadWrite.All" in scp and "User.Read.All" in scp
    assert_graph_error(root.post("/_demo/token", json={"user": "ghost@x.example"}), 404)
    assert_graph_error(root.post("/_demo/token", json={"scopes": []}), 400)
    assert_graph_error(root.post("/_demo/token", content=b"{oops"), 400)
    short = root.post("/_demo/token", json={"user": worker["upn"], "expires_in": 60}).json()
    assert short["expires_in"] == 60


def _b64(part: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_reset_sizes_and_rejects_nonsense(graph: Graph, root: httpx.Client) -> None:
    r = root.post("/_demo/reset", json={"users": 500, "seed": 3})
    assert r.status_code == 200 and r.json()["users"] == 500
    first = [a["id"] for a in root.get("/_demo/accounts").json()]
    root.post("/_demo/reset", json={"users": 500, "seed": 3})
    assert [a["id"] for a in root.get("/_demo/accounts").json()] == first  # deterministic
    root.post("/_demo/reset", json={"users": 500, "seed": 4})
    assert [a["id"] for a in root.get("/_demo/accounts").json()] != first
    assert_graph_error(root.post("/_demo/reset", json={"users": 3}), 400)
    assert_graph_error(root.post("/_demo/reset", json={"users": "many"}), 400)
    r = root.post("/_demo/reset")
    assert r.status_code == 200 and 60 <= r.json()["users"] <= 120


def test_settings_roundtrip_validation_and_reset(root: httpx.Client) -> None:
    settings = root.get("/_demo/settings").json()
    assert settings["update_pin_verbs"] == "both"
    assert settings["method_children"] == "inline"
    assert settings["admin_consent"] is True
    r = root.post("/_demo/settings", json={"update_pin_verbs": "POST"})
    assert r.status_code == 200 and r.json()["update_pin_verbs"] == "POST"
    assert_graph_error(root.post("/_demo/settings", json={"update_pin_verbs": "GET"}), 400)
    assert_graph_error(root.post("/_demo/settings", json={"no_such_switch": 1}), 400)
    assert_graph_error(root.post("/_demo/settings", json={"admin_consent": "yes"}), 400)
    root.post("/_demo/reset", json={})
    assert root.get("/_demo/settings").json()["update_pin_verbs"] == "both"
