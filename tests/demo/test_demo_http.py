"""The demo server as an HTTP service: TLS, tokens, Graph error bodies for bad input."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import time
from typing import Any

import httpx
import pytest

from tests.demo.conftest import Graph, assert_graph_error

IT = "it.admin@contoso-retail.example"


def test_addresses_and_ssl_context_trust_only_the_demo_ca(demo: Any) -> None:
    assert demo.graph_url == demo.base_url + "/beta"
    assert demo.control_url == demo.base_url + "/_demo"
    assert demo.authority == f"{demo.base_url}/{demo.tenant_id}"
    assert demo.base_url.startswith("https://127.0.0.1:")
    ctx = demo.ssl_context()
    assert isinstance(ctx, ssl.SSLContext)
    assert len(ctx.get_ca_certs()) == 1
    with open(demo.ca_path, encoding="ascii") as fh:
        assert "BEGIN CERTIFICATE" in fh.read()
    # The system trust store (SSL_CERT_FILE on this machine) does not know the demo CA.
    with pytest.raises(httpx.ConnectError):
        httpx.get(demo.graph_url + "/users", verify=ssl.create_default_context(), timeout=5)


def test_missing_garbage_and_expired_tokens_get_401(graph: Graph) -> None:
    c = graph.client
    r = c.get("/users")
    assert_graph_error(r, 401, "InvalidAuthenticationToken")
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert_graph_error(
        c.get("/users", headers={"Authorization": "Bearer not.a.jwt"}),
        401,
        "InvalidAuthenticationToken",
    )
    assert_graph_error(
        c.get("/users", headers={"Authorization": "Basic abc"}), 401, "InvalidAuthenticationToken"
    )
    good = graph.demo.token(IT, scopes=["User.Read.All"])
    header, payload, sig = good.split(".")
    tampered = f"{header}.{payload[:-2]}xx.{sig}"
    assert_graph_error(
        c.get("/users", headers={"Authorization": f"Bearer {tampered}"}),
        401,
        "InvalidAuthenticationToken",
    )
    expired = graph.demo.token(IT, scopes=["User.Read.All"], expires_in=-5)
    r = c.get("/users", headers={"Authorization": f"Bearer {expired}"})
    assert_graph_error(r, 401, "InvalidAuthenticationToken")
    assert "expired" in r.json()["error"]["message"]


def test_token_for_a_user_gone_after_reset_is_refused(graph: Graph) -> None:
    graph.demo.reset(users=200)
    manager = graph.demo.accounts(role="storeManager")[-1]["upn"]
    assert manager == "manager.s113@contoso-retail.example"
    token = graph.demo.token(manager, scopes=["User.Read.All"])
    ok = graph.client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
    graph.demo.reset()
    r = graph.client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert_graph_error(r, 401, "InvalidAuthenticationToken")


def test_client_request_id_is_echoed_and_request_id_set(graph: Graph) -> None:
    r = graph.get(
        "/users/nobody@contoso-retail.example", IT, headers={"client-request-id": "abc-1"}
    )
    assert_graph_error(r, 404, "Request_ResourceNotFound")
    assert r.json()["error"]["innerError"]["client-request-id"] == "abc-1"
    assert r.headers["client-request-id"] == "abc-1"
    assert r.headers["request-id"] == r.json()["error"]["innerError"]["request-id"]
    ok = graph.get("/me", IT, headers={"client-request-id": "abc-2"})
    assert ok.status_code == 200
    assert ok.headers["client-request-id"] == "abc-2"
    assert ok.headers["content-type"].startswith("application/json")


def test_unknown_segment_unknown_root_and_wrong_verb(graph: Graph, root: httpx.Client) -> None:
    r = graph.get("/usres", IT)
    assert_graph_error(r, 400, "BadRequest")
    assert "usres" in r.json()["error"]["message"]
    r = graph.get(
        "/users/" + graph.account("worker")["id"] + "/authentication/qrCodePinMethods", IT
    )
    assert_graph_error(r, 400, "BadRequest")
    assert "'qrCodePinMethods'" in r.json()["error"]["message"]
    assert_graph_error(root.get("/nowhere/at/all"), 404)
    assert_graph_error(root.get("/beta2/users"), 404)
    r = graph.request("POST", "/users", IT, json={})
    assert_graph_error(r, 405)
    r = graph.request("DELETE", "/me", IT)
    assert_graph_error(r, 405)
    assert_graph_error(root.put("/_demo/settings", json={}), 405)


def test_malformed_json_and_non_json_bodies(graph: Graph) -> None:
    worker = graph.account("worker")["id"]
    path = f"/users/{worker}/authentication/qrCodePinMethod/pin"
    headers = graph.auth(IT, None, **{"Content-Type": "application/json"})
    r = graph.client.patch(path, content=b'{"code": ', headers=headers)
    assert_graph_error(r, 400, "BadRequest")
    r = graph.client.patch(path, content=b"[1, 2]", headers=headers)
    assert_graph_error(r, 400, "BadRequest")
    r = graph.client.patch(path, content=b'{"x": NaN}', headers=headers)
    assert_graph_error(r, 400, "BadRequest")
    r = graph.client.patch(
        path, content=b"code=1", headers={**headers, "Content-Type": "text/plain"}
    )
    assert_graph_error(r, 415)


def test_oversized_body_gets_413_not_a_hang(graph: Graph) -> None:
    worker = graph.account("worker")["id"]
    big = b'{"code": "' + b"1" * 1_200_000 + b'"}'
    started = time.monotonic()
    r = graph.client.patch(
        f"/users/{worker}/authentication/qrCodePinMethod/pin",
        content=big,
        headers=graph.auth(IT, None, **{"Content-Type": "application/json"}),
    )
    assert_graph_error(r, 413)
    assert time.monotonic() - started < 10


def test_bad_odata_gets_graph_errors(graph: Graph) -> None:
    assert_graph_error(graph.get("/users?$top=abc", IT), 400, "Request_BadRequest")
    assert_graph_error(graph.get("/users?$top=1&$top=2", IT), 400, "Request_BadRequest")
    assert_graph_error(graph.get("/users?$bogus=1", IT), 400, "Request_BadRequest")
    assert_graph_error(graph.get("/users?$filter=(((", IT), 400, "Request_UnsupportedQuery")
    assert_graph_error(graph.get("/users?$skiptoken=garbage", IT), 400, "Request_BadRequest")


def test_python_m_prints_the_contract_lines(tmp_path: Any) -> None:
    env = {k: v for k, v in os.environ.items()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "qrpin_gui.demo", "--port", "0", "--users", "30", "--seed", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline().strip() for _ in range(5)]
        assert lines[0].startswith("graph: https://127.0.0.1:") and lines[0].endswith("/beta")
        assert lines[1].startswith("authority: https://127.0.0.1:")
        assert lines[2].startswith("ca: ") and os.path.exists(lines[2][4:])
        assert lines[3].startswith("control: https://") and lines[3].endswith("/_demo")
        assert lines[4] == "ready"
        ctx = ssl.create_default_context(cafile=lines[2][4:])
        index = httpx.get(lines[3][9:], verify=ctx, trust_env=False).json()
        assert index["users"] == 30  # --users 30 was honoured
        accounts = httpx.get(lines[3][9:] + "/accounts", verify=ctx, trust_env=False).json()
        assert {a["role"] for a in accounts} >= {"itAdmin", "storeManager", "worker"}
        reset = httpx.post(lines[3][9:] + "/reset", json={}, verify=ctx, trust_env=False)
        assert reset.status_code == 200
    finally:
        proc.terminate()
        assert proc.wait(timeout=15) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--users", "3"], "--users must be between 7 and 1000000"),
        (["--users", "2000000"], "--users must be between 7 and 1000000"),
        (["--port", "70000"], "--port must be between 0 and 65535"),
    ],
)
def test_python_m_refuses_out_of_range_options_with_a_usage_error(
    args: list[str], message: str
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "qrpin_gui.demo", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("usage: python -m qrpin_gui.demo")
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_deeply_nested_json_is_a_400_not_a_crash(graph: Graph) -> None:
    worker = graph.account("worker")["id"]
    nested = b"[" * 100_000 + b"]" * 100_000
    r = graph.client.patch(
        f"/users/{worker}/authentication/qrCodePinMethod/pin",
        content=nested,
        headers=graph.auth(IT, None, **{"Content-Type": "application/json"}),
    )
    assert_graph_error(r, 400, "BadRequest")
    r = graph.client.post(
        "/$batch",
        content=b'{"requests": ' + nested + b"}",
        headers=graph.auth(IT, None, **{"Content-Type": "application/json"}),
    )
    assert_graph_error(r, 400, "BadRequest")
