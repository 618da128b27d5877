"""Every fault, as a rate and as a scripted rule, observed from a plain httpx client."""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.demo.conftest import assert_graph_error
from tests.demo.conftest_signin import http_client

ME = "/beta/me"
READ_SCOPES = ["User.Read.All", "Directory.Read.All", "UserAuthMethod-QR.ReadWrite.All"]
DROPPED = (httpx.RemoteProtocolError, httpx.ReadError)


@pytest.fixture
def tenant(demo: Any) -> Iterator[Any]:
    """The shared demo tenant with no faults before and after the test."""
    with http_client(demo) as client:
        client.delete("/_demo/faults")
    yield demo
    with http_client(demo) as client:
        client.delete("/_demo/faults")


@pytest.fixture
def client(tenant: Any) -> Iterator[httpx.Client]:
    admin = tenant.accounts(role="itAdmin")[0]["upn"]
    token = tenant.token(admin, READ_SCOPES)
    with http_client(tenant, headers={"Authorization": f"Bearer {token}"}, timeout=10) as c:
        yield c


def faults(client: httpx.Client, **config: Any) -> dict[str, Any]:
    response = client.post("/_demo/faults", json=config)
    assert response.status_code == 200, response.text
    return dict(response.json())


def statuses(client: httpx.Client, n: int, path: str = ME) -> list[int]:
    return [client.get(path).status_code for _ in range(n)]


# -- rates -----------------------------------------------------------------------------------


def test_latency_applies_once_per_graph_request_and_not_to_control(client: httpx.Client) -> None:
    faults(client, latency_ms=300)
    start = time.perf_counter()
    assert client.get(ME).status_code == 200
    assert time.perf_counter() - start >= 0.3
    start = time.perf_counter()
    assert client.get("/_demo/faults").status_code == 200
    assert time.perf_counter() - start < 0.25


def test_jitter_adds_a_bounded_random_delay(client: httpx.Client) -> None:
    assert client.get(ME).status_code == 200  # TLS connection up before timing
    # Seed 2 draws 287, 284, 17, 25, 251 ms: without jitter the spread would be ~0.
    faults(client, latency_ms=0, jitter_ms=300, seed=2)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        assert client.get(ME).status_code == 200
        times.append(time.perf_counter() - start)
    assert max(times) - min(times) >= 0.05, times
    assert max(times) < 0.3 + 0.2, times
    assert client.get("/_demo/faults").json()["counters"]["delayed"] == 5


def test_token_bucket_throttles_with_retry_after(client: httpx.Client) -> None:
    faults(client, rate_per_s=0.5, burst=3)
    assert statuses(client, 3) == [200, 200, 200]
    throttled = client.get(ME)
    assert throttled.status_code == 429
    # Seconds until the next token (up to 2 s at 0.5/s), fractional as Graph documents.
    assert re.fullmatch(r"\d+(\.\d{1,3})?", throttled.headers["Retry-After"])
    assert 0 < float(throttled.headers["Retry-After"]) <= 2
    assert throttled.json()["error"]["code"] == "TooManyRequests"


def test_token_bucket_counts_each_batch_item(client: httpx.Client) -> None:
    faults(client, rate_per_s=0.5, burst=3)
    batch = {"requests": [{"id": str(i), "method": "GET", "url": "/me"} for i in range(5)]}
    response = client.post("/beta/$batch", json=batch)
    assert response.status_code == 200, response.text
    items = {item["id"]: item for item in response.json()["responses"]}
    codes = sorted(item["status"] for item in items.values())
    assert codes == [200, 200, 200, 429, 429]
    for item in items.values():
        if item["status"] == 429:
            assert 0 < float(item["headers"]["Retry-After"]) <= 2


@pytest.mark.parametrize("status", [500, 503])
def test_error_rate_answers_graph_errors(client: httpx.Client, status: int) -> None:
    faults(client, error_rate=1.0, error_status=status)
    response = client.get(ME)
    assert response.status_code == status
    assert response.json()["error"]["code"] in ("generalException", "serviceNotAvailable")
    assert ("Retry-After" in response.headers) == (status == 503)
    if status == 503:
        assert response.headers["Retry-After"] == "1"
    assert client.get("/_demo/faults").status_code == 200  # never on /_demo


def test_error_rate_is_reproducible_with_a_seed(client: httpx.Client) -> None:
    faults(client, error_rate=0.5, seed=42)
    first = statuses(client, 12)
    faults(client, seed=42)
    assert statuses(client, 12) == first
    assert set(first) == {200, 503}


def test_drop_rate_closes_the_connection_without_an_answer(client: httpx.Client) -> None:
    faults(client, drop_rate=1.0)
    with pytest.raises(DROPPED):
        client.get(ME)
    assert client.get("/_demo/faults").json()["counters"]["dropped"] == 1
    faults(client, drop_rate=0.0)
    assert client.get(ME).status_code == 200  # the client reconnects


def test_malformed_rate_answers_200_with_truncated_json(client: httpx.Client) -> None:
    faults(client, malformed_rate=1.0)
    response = client.get(ME)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_bad_fault_configuration_is_refused_and_changes_nothing(client: httpx.Client) -> None:
    faults(client, latency_ms=10)
    for bad in (
        {"error_rate": 2},
        {"bogus": 1},
        {"error_status": 404},
        {"scripts": [{"count": 0}]},
        [1, 2],
    ):
        assert_graph_error(client.post("/_demo/faults", json=bad), 400, "BadRequest")
    assert_graph_error(
        client.post("/_demo/faults/scripts", json=[{"path_regex": "("}]), 400, "BadRequest"
    )
    assert_graph_error(client.post("/_demo/faults", content=b"{not json"), 400, "BadRequest")
    config = client.get("/_demo/faults").json()
    assert config["latency_ms"] == 10 and config["error_rate"] == 0 and config["scripts"] == []


# -- scripts ---------------------------------------------------------------------------------


def test_script_503_then_success_fires_exactly_count_times(client: httpx.Client) -> None:
    faults(
        client,
        scripts=[
            {
                "method": "GET",
                "path_regex": "^/beta/me$",
                "count": 2,
                "status": 503,
                "retry_after": 2,
            }
        ],
    )
    first = client.get(ME)
    assert first.status_code == 503 and first.headers["Retry-After"] == "2"
    assert statuses(client, 3) == [503, 200, 200]
    (rule,) = client.get("/_demo/faults").json()["scripts"]
    assert rule["fired"] == 2 and rule["remaining"] == 0


def test_script_429_carries_whole_second_retry_after(client: httpx.Client) -> None:
    faults(client, scripts=[{"path_regex": "^/beta/me$", "status": 429, "retry_after": 1.2}])
    response = client.get(ME)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1.2"
    error = response.json()["error"]
    assert error["code"] == "TooManyRequests" and error["innerError"]["request-id"]
    assert client.get(ME).status_code == 200
    # whole seconds on request (plain HTTP delay-seconds), rounded up
    faults(
        client,
        whole_second_retry_after=True,
        scripts=[{"path_regex": "^/beta/me$", "status": 429, "retry_after": 0.05}],
    )
    assert client.get(ME).headers["Retry-After"] == "1"


def test_script_malformed_body_is_answered_as_given(client: httpx.Client) -> None:
    faults(client, scripts=[{"path_regex": "^/beta/me$", "body": '{"id": "abc", "displ'}])
    response = client.get(ME)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    assert client.get(ME).json()["id"]  # once only


def test_script_rules_match_http_requests_not_batch_items(client: httpx.Client) -> None:
    faults(client, scripts=[{"path_regex": "/me$", "status": 503}])
    batch = {"requests": [{"id": "1", "method": "GET", "url": "/me"}]}
    response = client.post("/beta/$batch", json=batch)
    assert response.status_code == 200
    assert response.json()["responses"][0]["status"] == 200
    (rule,) = client.get("/_demo/faults").json()["scripts"]
    assert rule["fired"] == 0
    faults(client, scripts=[{"path_regex": r"/\$batch$", "status": 503}])
    assert client.post("/beta/$batch", json=batch).status_code == 503  # the POST itself


def test_script_rules_match_in_order(client: httpx.Client) -> None:
    faults(
        client,
        scripts=[
            {"path_regex": "/me$", "status": 500},
            {"path_regex": "/me$", "status": 503},
        ],
    )
    assert statuses(client, 3) == [500, 503, 200]


def test_script_401_carries_an_insufficient_claims_challenge(client: httpx.Client) -> None:
    claims = {"access_token": {"acrs": {"essential": True, "value": "c1"}}}
    faults(client, scripts=[{"path_regex": "/me$", "status": 401, "claims": claims}])
    response = client.get(ME)
    assert response.status_code == 401
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer ") and 'error="insufficient_claims"' in challenge
    encoded = challenge.split('claims="')[1].split('"')[0]
    assert json.loads(base64.b64decode(encoded)) == claims
    assert client.get(ME).status_code == 200


def test_script_405_on_post_update_pin_only(client: httpx.Client, tenant: Any) -> None:
    faults(client, scripts=[{"method": "POST", "path_regex": r"/pin/updatePin$", "status": 405}])
    path = "/beta/me/authentication/qrCodePinMethod/pin/updatePin"
    assert client.get(ME).status_code == 200  # other requests untouched
    response = client.post(path, json={"currentPin": "1357", "newPin": "24682468"})
    assert response.status_code == 405
    assert response.json()["error"]["code"]
    (rule,) = client.get("/_demo/faults").json()["scripts"]
    assert rule["fired"] == 1


def test_script_apply_then_drop_applies_the_write_and_loses_the_answer(
    demo_clean: Any, client: httpx.Client
) -> None:
    target = None
    for account in demo_clean.accounts(role="worker"):
        path = f"/beta/users/{account['id']}/authentication/qrCodePinMethod"
        if client.get(path).status_code == 200:
            target = path
            break
    assert target is not None, "the seed has workers with a QR method"
    faults(
        client,
        scripts=[{"method": "DELETE", "path_regex": "qrCodePinMethod$", "apply_then_drop": True}],
    )
    try:
        with pytest.raises(DROPPED):
            client.delete(target)
        assert client.get(target).status_code == 404  # the delete happened
    finally:
        demo_clean.reset()


def test_script_delay_makes_a_client_time_out_once(client: httpx.Client) -> None:
    faults(client, scripts=[{"path_regex": "/me$", "delay_ms": 1500}])
    with pytest.raises(httpx.ReadTimeout):
        client.get(ME, timeout=0.4)
    start = time.perf_counter()
    assert client.get(ME).status_code == 200
    assert time.perf_counter() - start < 1.0


def test_script_can_drop_a_non_graph_path(tenant: Any, client: httpx.Client) -> None:
    faults(
        client,
        scripts=[
            {"method": "POST", "path_regex": "/oauth2/v2.0/token$", "drop": True},
            {
                "method": "POST",
                "path_regex": "/oauth2/v2.0/token$",
                "status": 503,
                "body": {"error": "temporarily_unavailable"},
            },
        ],
    )
    url = f"{tenant.authority}/oauth2/v2.0/token"
    with pytest.raises(DROPPED):
        client.post(url, data={"client_id": tenant.client_id})
    second = client.post(url, data={"client_id": tenant.client_id})
    assert second.status_code == 503 and second.json() == {"error": "temporarily_unavailable"}
    assert client.post(url, data={"client_id": tenant.client_id}).status_code == 400


def test_rates_never_touch_sign_in_or_control_paths(tenant: Any, client: httpx.Client) -> None:
    faults(client, error_rate=1.0, drop_rate=0.0)
    assert client.get("/_demo/faults").status_code == 200
    doc = client.get(f"{tenant.authority}/v2.0/.well-known/openid-configuration")
    assert doc.status_code == 200


def test_delete_and_reset_clear_faults(tenant: Any, client: httpx.Client) -> None:
    faults(client, error_rate=1.0, scripts=[{"path_regex": "x"}])
    client.delete("/_demo/faults")
    config = client.get("/_demo/faults").json()
    assert config["error_rate"] == 0 and config["scripts"] == []
    assert client.get(ME).status_code == 200
    faults(client, latency_ms=5, scripts=[{"path_regex": "x"}])
    tenant.reset()
    config = client.get("/_demo/faults").json()
    assert config["latency_ms"] == 0 and config["scripts"] == []
