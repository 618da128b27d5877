"""Fixtures for the Graph client tests: a token provider backed by the demo tenant's control
API, and a factory of clients talking to the shared demo tenant over loopback."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import httpx
import pytest
import pytest_asyncio

from qrpin_gui.graph.client import GraphClient, GraphClientConfig
from qrpin_gui.graph.retry import RetryPolicy

FAST_RETRY = RetryPolicy(
    max_attempts=6,
    max_transient_attempts=3,
    max_connect_attempts=2,
    max_total_seconds=20.0,
    base_delay=0.02,
    max_delay=0.2,
)


class DemoTokens:
    """A TokenProvider that asks the demo tenant for tokens; records every call.

    ``first_expires_in`` makes the first token already expired (the expired-token path).
    """

    def __init__(self, demo: Any, user: str, *, first_expires_in: int | None = None) -> None:
        self.demo = demo
        self.user = user
        self.calls: list[tuple[tuple[str, ...], bool, str | None]] = []
        self._cache: dict[tuple[str, ...], str] = {}
        self._first_expires_in = first_expires_in

    async def get_token(
        self,
        scopes: Sequence[str],
        *,
        force_refresh: bool = False,
        claims: str | None = None,
    ) -> str:
        key = tuple(scopes)
        self.calls.append((key, force_refresh, claims))
        if key in self._cache and not force_refresh and claims is None:
            return self._cache[key]
        expires_in = 3600
        if self._first_expires_in is not None:
            expires_in, self._first_expires_in = self._first_expires_in, None
        # A direct call (loopback, milliseconds): worker threads of the qasync loop's
        # executor were seen to crash Qt at loop teardown.
        token: str = self.demo.token(self.user, list(scopes), expires_in)
        self._cache[key] = token
        return token


ClientFactory = Callable[..., GraphClient]


@pytest_asyncio.fixture
async def make_client(demo: Any) -> AsyncIterator[ClientFactory]:
    """``make_client(upn, **config)`` -> a GraphClient on the demo tenant (closed after the
    test). ``tokens=`` passes a ready provider; ``retry=`` and ``timeout=`` override."""
    clients: list[GraphClient] = []

    def factory(
        user: str | None = None,
        *,
        tokens: DemoTokens | None = None,
        retry: RetryPolicy = FAST_RETRY,
        timeout: httpx.Timeout | None = None,
        base_url: str | None = None,
    ) -> GraphClient:
        provider = tokens or DemoTokens(demo, user or "it.admin@contoso-retail.example")
        config = GraphClientConfig(
            base_url=base_url or demo.graph_url,
            verify=demo.ssl_context(),
            proxy="none",
            retry=retry,
            **({"timeout": timeout} if timeout is not None else {}),
        )
        client = GraphClient(provider, config)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.aclose()
    # Finalise connections dropped mid-answer (timeouts, scripted drops) while this test's
    # loop still runs: collected later, their transports would call into a closed qasync
    # loop, which can crash Qt.
    clients.clear()
    gc.collect()
    await asyncio.sleep(0.05)


def account(demo: Any, role: str, index: int = 0) -> dict[str, Any]:
    """A named seeded person of the demo tenant."""
    accounts: list[dict[str, Any]] = demo.accounts(role)
    return accounts[index]


def _control(demo: Any, method: str, path: str, body: Any = None) -> Any:
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=30) as http:
        response = http.request(method, demo.control_url + path, json=body)
    assert response.status_code < 400, response.text
    return response.json()


def faults(demo: Any, **config: Any) -> dict[str, Any]:
    """POST /_demo/faults (merged into the current configuration)."""
    result: dict[str, Any] = _control(demo, "POST", "/faults", config)
    return result


def add_rules(demo: Any, *rules: dict[str, Any]) -> dict[str, Any]:
    """Append scripted one-off fault rules."""
    result: dict[str, Any] = _control(demo, "POST", "/faults/scripts", list(rules))
    return result


def fault_snapshot(demo: Any) -> dict[str, Any]:
    result: dict[str, Any] = _control(demo, "GET", "/faults")
    return result


@pytest.fixture
def it_admin(demo_clean: Any) -> str:
    return str(account(demo_clean, "itAdmin")["upn"])
