"""The Graph client against the demo tenant over loopback: paging, retries, token refresh,
claims challenges, outcome-unknown writes, malformed answers, $batch."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from qrpin_gui.graph import qr_methods
from qrpin_gui.graph.client import BatchRequest
from qrpin_gui.graph.errors import (
    AuthenticationError,
    ForbiddenError,
    GraphTimeoutError,
    MalformedResponseError,
    NetworkUnreachableError,
    OutcomeUnknownError,
    ThrottledError,
)
from qrpin_gui.graph.retry import RetryPolicy
from qrpin_gui.graph.users import list_users

from .conftest import FAST_RETRY, ClientFactory, DemoTokens, account, add_rules, fault_snapshot

pytestmark = pytest.mark.asyncio

METHOD_RE = r"/authentication/qrCodePinMethod$"
PIN_RE = r"/authentication/qrCodePinMethod/pin$"
CLOCK_SLACK = 0.02
"""A timer may fire a few milliseconds early on a coarse clock."""


def waits(seconds: str) -> dict[str, Any]:
    """A scripted answer's ``Retry-After`` header, verbatim (fractional seconds included: the
    client must honour them as sent)."""
    return {"headers": {"Retry-After": seconds}}


def worker_with_method(demo: Any) -> dict[str, Any]:
    for person in demo.accounts("worker"):
        if person["pin"] is not None:
            return person
    raise AssertionError("the seed has no worker with a method")


async def test_every_request_carries_a_fresh_client_request_id(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    seen: list[str] = []

    async def record(request: httpx.Request) -> None:
        seen.append(request.headers["client-request-id"])

    client = make_client()
    client._http.event_hooks["request"].append(record)
    async for _ in list_users(client, top=25):
        pass
    assert len(seen) >= 2
    assert len(set(seen)) == len(seen)
    assert all(len(value) == 36 for value in seen)


async def test_503_with_retry_after_on_a_read_is_retried_after_the_wait(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    add_rules(
        demo_clean,
        {"method": "GET", "path_regex": r"/users$", "count": 2, "status": 503, **waits("0.3")},
    )
    client = make_client()
    started = time.monotonic()
    pages = [page async for page in list_users(client, top=999)]
    assert time.monotonic() - started >= 0.6 - CLOCK_SLACK  # both Retry-After waits
    assert pages and pages[0].users
    assert client.stats.throttled == 2


async def test_503_and_429_on_a_write_are_retried_and_applied_once(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    person = worker_with_method(demo_clean)
    add_rules(
        demo_clean,
        {"method": "PATCH", "path_regex": PIN_RE, "count": 1, "status": 503, **waits("0.4")},
        {"method": "PATCH", "path_regex": PIN_RE, "count": 1, "status": 429, **waits("0.2")},
    )
    client = make_client()
    before = client.stats.requests
    started = time.monotonic()
    pin = await qr_methods.reset_pin(client, person["id"])
    elapsed = time.monotonic() - started
    assert client.stats.requests - before == 3
    # the write waited out each Retry-After before going again (not the much shorter backoff)
    assert elapsed >= 0.4 + 0.2 - CLOCK_SLACK, elapsed
    assert pin.code and pin.force_change_next_sign_in
    after = next(p for p in demo_clean.accounts("worker") if p["id"] == person["id"])
    assert after["pin"] == pin.code


async def test_throttling_beyond_the_budget_gives_up_with_a_typed_error(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    add_rules(
        demo_clean,
        {
            "method": "GET",
            "path_regex": r"/users$",
            "count": 10,
            "status": 429,
            **waits("0.05"),
        },
    )
    client = make_client(retry=RetryPolicy(max_attempts=3, base_delay=0.01))
    with pytest.raises(ThrottledError) as caught:
        async for _ in list_users(client):
            pass
    assert caught.value.status == 429
    assert caught.value.code == "TooManyRequests"
    assert caught.value.retry_after == pytest.approx(0.05)
    assert client.stats.requests == 3


async def test_a_write_applied_then_dropped_is_outcome_unknown_and_not_repeated(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    person = worker_with_method(demo_clean)
    add_rules(
        demo_clean, {"method": "PATCH", "path_regex": PIN_RE, "count": 1, "apply_then_drop": True}
    )
    client = make_client()
    before = client.stats.requests
    with pytest.raises(OutcomeUnknownError) as caught:
        await qr_methods.reset_pin(client, person["id"])
    assert caught.value.method == "PATCH"
    assert caught.value.client_request_id
    assert client.stats.requests - before == 1  # never repeated
    # the service did apply it: exactly one reset happened (the rule fired once, and the
    # PIN is no longer the seeded one)
    snapshot = fault_snapshot(demo_clean)
    assert snapshot["scripts"][0]["fired"] == 1
    after = next(p for p in demo_clean.accounts("worker") if p["id"] == person["id"])
    assert after["pin"] != person["pin"]


async def test_a_dropped_read_is_retried(demo_clean: Any, make_client: ClientFactory) -> None:
    person = worker_with_method(demo_clean)
    add_rules(demo_clean, {"method": "GET", "path_regex": METHOD_RE, "count": 1, "drop": True})
    client = make_client()
    method = await qr_methods.get_method(client, person["id"])
    assert method is not None and method.pin is not None
    assert client.stats.requests == 2


async def test_a_slow_write_times_out_as_outcome_unknown_and_a_slow_read_retries(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    person = worker_with_method(demo_clean)
    add_rules(
        demo_clean,
        {"method": "GET", "path_regex": METHOD_RE, "count": 1, "delay_ms": 600},
        {"method": "PATCH", "path_regex": PIN_RE, "count": 1, "delay_ms": 600},
    )
    client = make_client(timeout=httpx.Timeout(5.0, read=0.3))
    method = await qr_methods.get_method(client, person["id"])
    assert method is not None
    with pytest.raises(OutcomeUnknownError):
        await qr_methods.reset_pin(client, person["id"])
    assert client.stats.requests == 3


async def test_reads_that_keep_timing_out_end_in_a_timeout_error(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    add_rules(demo_clean, {"method": "GET", "path_regex": r"/users$", "count": 5, "delay_ms": 400})
    client = make_client(timeout=httpx.Timeout(5.0, read=0.1))
    with pytest.raises(GraphTimeoutError):
        async for _ in list_users(client):
            pass
    assert client.stats.requests == FAST_RETRY.max_transient_attempts


async def test_malformed_json_never_crashes(demo_clean: Any, make_client: ClientFactory) -> None:
    person = worker_with_method(demo_clean)
    client = make_client()
    # a truncated body once: the read is retried and succeeds
    add_rules(
        demo_clean,
        {
            "method": "GET",
            "path_regex": METHOD_RE,
            "count": 1,
            "status": 200,
            "body": '{"id": "x", "standardQRCode": {',
        },
    )
    method = await qr_methods.get_method(client, person["id"])
    assert method is not None and method.standard is not None
    # every attempt mangled: a typed error carrying the facts
    add_rules(
        demo_clean,
        {
            "method": "GET",
            "path_regex": METHOD_RE,
            "count": 5,
            "status": 200,
            "body": "<html>gateway</html>",
        },
    )
    with pytest.raises(MalformedResponseError) as caught:
        await qr_methods.get_method(client, person["id"])
    assert caught.value.status == 200 and caught.value.client_request_id
    # valid JSON of the wrong shape is also a typed error, not a crash
    add_rules(
        demo_clean,
        {
            "method": "GET",
            "path_regex": METHOD_RE,
            "count": 1,
            "status": 200,
            "body": {"id": 5, "pin": "x"},
        },
    )
    with pytest.raises(MalformedResponseError):
        await qr_methods.get_method(client, person["id"])


async def test_a_malformed_answer_to_a_write_is_typed_with_its_success_status(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    person = worker_with_method(demo_clean)
    add_rules(
        demo_clean,
        {
            "method": "PATCH",
            "path_regex": PIN_RE,
            "count": 1,
            "status": 201,
            "body": '{"code": "1234',
        },
    )
    client = make_client()
    with pytest.raises(MalformedResponseError) as caught:
        await qr_methods.reset_pin(client, person["id"])
    assert caught.value.status == 201 and caught.value.method == "PATCH"
    assert client.stats.requests == 1


async def test_expired_token_is_refreshed_once(demo_clean: Any, make_client: ClientFactory) -> None:
    tokens = DemoTokens(demo_clean, account(demo_clean, "itAdmin")["upn"], first_expires_in=-60)
    client = make_client(tokens=tokens)
    pages = [page async for page in list_users(client, top=5)]
    assert pages
    assert [force for _, force, _ in tokens.calls].count(True) == 1


async def test_a_token_refused_twice_is_an_auth_error(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    class BadTokens(DemoTokens):
        async def get_token(
            self, scopes: Any, *, force_refresh: bool = False, claims: str | None = None
        ) -> str:
            self.calls.append((tuple(scopes), force_refresh, claims))
            return "not-a-token"

    tokens = BadTokens(demo_clean, "nobody")
    client = make_client(tokens=tokens)
    with pytest.raises(AuthenticationError) as caught:
        async for _ in list_users(client):
            pass
    assert caught.value.status == 401
    assert len(tokens.calls) == 2 and tokens.calls[1][1] is True


async def test_claims_challenge_asks_the_provider_for_those_claims(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    claims = {"access_token": {"acrs": {"essential": True, "value": "c1"}}}
    add_rules(demo_clean, {"method": "GET", "path_regex": r"/users$", "count": 1, "claims": claims})
    tokens = DemoTokens(demo_clean, account(demo_clean, "itAdmin")["upn"])
    client = make_client(tokens=tokens)
    pages = [page async for page in list_users(client, top=5)]
    assert pages
    asked = [c for _, _, c in tokens.calls if c]
    assert len(asked) == 1 and '"acrs"' in asked[0] and '"c1"' in asked[0]


async def test_claims_challenge_that_persists_is_surfaced(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    claims = {"access_token": {"acrs": {"essential": True, "value": "c2"}}}
    add_rules(
        demo_clean,
        {"method": "GET", "path_regex": r"/users$", "count": 5, "status": 403, "claims": claims},
    )
    client = make_client()
    with pytest.raises(ForbiddenError) as caught:
        async for _ in list_users(client):
            pass
    assert caught.value.claims is not None and '"c2"' in caught.value.claims
    assert client.stats.requests == 2


async def test_unreachable_graph_is_offline_quickly(make_client: ClientFactory) -> None:
    client = make_client(base_url="https://127.0.0.1:9/beta")
    started = time.monotonic()
    with pytest.raises(NetworkUnreachableError):
        async for _ in list_users(client):
            pass
    assert time.monotonic() - started < 5
    assert client.stats.requests == FAST_RETRY.max_connect_attempts


async def test_a_next_link_to_another_host_is_refused(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    add_rules(
        demo_clean,
        {
            "method": "GET",
            "path_regex": r"/users$",
            "count": 1,
            "status": 200,
            "body": {"value": [], "@odata.nextLink": "https://evil.example/x"},
        },
    )
    client = make_client()
    with pytest.raises(MalformedResponseError):
        async for _ in list_users(client):
            pass


# --------------------------------------------------------------------------- $batch


async def test_batch_with_mixed_item_results_maps_every_answer_by_id(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    manager = account(demo_clean, "storeManager")
    store = manager["stores"][0]
    workers = demo_clean.accounts("worker")
    mine_with = next(w for w in workers if w["stores"] == [store] and w["pin"])
    mine_without = next((w for w in workers if w["stores"] == [store] and not w["pin"]), None)
    other = next(w for w in workers if store not in w["stores"])
    client = make_client(manager["upn"])
    base = "/users/{}/authentication/qrCodePinMethod"
    requests = [
        BatchRequest("with", "GET", base.format(mine_with["id"])),
        BatchRequest("other-store", "GET", base.format(other["id"])),
        BatchRequest("ghost", "GET", base.format("00000000-0000-0000-0000-00000000dead")),
        BatchRequest("me", "GET", "/me?$select=id,userPrincipalName"),
    ]
    if mine_without:
        requests.append(BatchRequest("without", "GET", base.format(mine_without["id"])))
    answers = await client.batch(requests)
    assert set(answers) == {r.id for r in requests}
    assert answers["with"].status == 200 and answers["with"].body["id"]
    assert answers["other-store"].status == 403
    assert isinstance(answers["other-store"].error, ForbiddenError)
    assert answers["other-store"].error.code == "Authorization_RequestDenied"
    assert answers["ghost"].status == 404
    assert answers["me"].body["userPrincipalName"] == manager["upn"]
    if mine_without:
        assert answers["without"].status == 404


async def test_batch_retries_only_throttled_items_after_the_longest_retry_after(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    from .conftest import faults

    client = make_client(retry=RetryPolicy(max_attempts=8, base_delay=0.2, max_delay=1.0))
    ids = [user.id async for page in list_users(client, top=20) for user in page.users][:20]
    assert len(ids) == 20
    faults(demo_clean, rate_per_s=20, burst=8)
    before = client.stats.requests
    requests = [
        BatchRequest(str(i), "GET", f"/users/{uid}?$select=id") for i, uid in enumerate(ids)
    ]
    answers = await client.batch(requests)
    assert all(a.status == 200 for a in answers.values()), [
        (a.status, a.error and str(a.error)) for a in answers.values() if a.status != 200
    ]
    assert [answers[str(i)].body["id"] for i in range(20)] == ids
    assert client.stats.throttled_items >= 10
    # 20 items through a bucket of 8 refilling 20/s: a few rounds, never one item per POST
    assert 2 <= client.stats.requests - before <= 8


async def test_a_truncated_batch_answer_becomes_an_error_per_item(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    from .conftest import faults

    faults(demo_clean, malformed_rate=1.0)
    client = make_client(retry=RetryPolicy(max_transient_attempts=2, base_delay=0.01))
    requests = [BatchRequest(str(i), "GET", "/me?$select=id") for i in range(5)]
    answers = await client.batch(requests)
    assert set(answers) == {"0", "1", "2", "3", "4"}
    assert all(isinstance(a.error, MalformedResponseError) for a in answers.values())
