"""Fixtures for the bulk tests: Graph clients on the demo tenant, the demo's fault control,
and the demo's own state as the oracle (a test checks what a run did by looking at the
server, never by trusting the run's own answer)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest_asyncio

from qrpin_gui.graph.client import GraphClient, GraphClientConfig
from qrpin_gui.graph.retry import RetryPolicy
from qrpin_gui.offline.journal import Journal

IT_ADMIN = "it.admin@contoso-retail.example"
FAST_RETRY = RetryPolicy(
    max_attempts=6,
    max_transient_attempts=3,
    max_connect_attempts=2,
    max_total_seconds=30.0,
    base_delay=0.02,
    max_delay=0.2,
)


class DemoTokens:
    """Tokens for one named demo account, from the demo's control API."""

    def __init__(self, demo: Any, user: str) -> None:
        self.demo = demo
        self.user = user
        self._token: str | None = None

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        if self._token is None or force_refresh:
            self._token = await asyncio.to_thread(self.demo.token, self.user)
        return self._token


class CountingTransport(httpx.AsyncBaseTransport):
    """Counts every write inside the ``$batch`` requests actually sent (the client side of
    "nothing is sent twice")."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.writes: dict[tuple[str, str], int] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/$batch"):
            import json

            body = json.loads(request.content or b"{}")
            for item in body.get("requests", []):
                if item["method"] != "GET":
                    key = (item["method"], item["url"])
                    self.writes[key] = self.writes.get(key, 0) + 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


ClientFactory = Callable[..., GraphClient]


@pytest_asyncio.fixture
async def make_client(demo: Any) -> AsyncIterator[ClientFactory]:
    clients: list[GraphClient] = []

    def factory(
        user: str = IT_ADMIN, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> GraphClient:
        client = GraphClient(
            DemoTokens(demo, user),
            GraphClientConfig(
                base_url=demo.graph_url, verify=demo.ssl_context(), proxy="none", retry=FAST_RETRY
            ),
            transport=transport,
        )
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.aclose()


def faults(demo: Any, **config: Any) -> None:
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=30) as http:
        response = http.post(demo.control_url + "/faults", json=config)
    assert response.status_code < 400, response.text


def add_rules(demo: Any, *rules: dict[str, Any]) -> None:
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=30) as http:
        response = http.post(demo.control_url + "/faults/scripts", json=list(rules))
    assert response.status_code < 400, response.text


def workers(demo: Any, *, with_method: bool | None = None, limit: int | None = None) -> list[Any]:
    """Non-admin store workers of the demo directory (the server's own objects)."""
    directory = demo.state.directory
    out = []
    for user in directory.users:
        if not user.unit_ids or directory.is_admin(user.id):
            continue
        if not user.account_enabled:
            continue
        if with_method is not None and (user.qr is not None) != with_method:
            continue
        out.append(user)
        if limit is not None and len(out) >= limit:
            break
    return out


def new_journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "journal.jsonl")
