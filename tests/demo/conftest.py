"""Fixtures for the demo tenant's Graph-surface tests: plain httpx over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

ADMIN_SCOPES = [
    "User.Read.All",
    "Directory.Read.All",
    "AdministrativeUnit.Read.All",
    "UserAuthMethod-QR.ReadWrite.All",
    "UserAuthenticationMethod.ReadWrite.All",
    "Directory.AccessAsUser.All",
]
POLICY_SCOPES = ["Policy.ReadWrite.AuthenticationMethod"]


class Graph:
    """An httpx client on the demo's Graph plus token helpers (one test's view)."""

    def __init__(self, demo: Any, client: httpx.Client) -> None:
        self.demo = demo
        self.client = client
        self._tokens: dict[tuple[str, tuple[str, ...] | None], str] = {}

    def account(self, role: str, index: int = 0) -> dict[str, Any]:
        return list(self.demo.accounts(role=role))[index]

    def auth(self, who: str, scopes: list[str] | None = None, **headers: str) -> dict[str, str]:
        key = (who, tuple(scopes) if scopes is not None else None)
        if key not in self._tokens:
            self._tokens[key] = self.demo.token(who, scopes=scopes or ADMIN_SCOPES)
        return {"Authorization": f"Bearer {self._tokens[key]}", **headers}

    def request(
        self, method: str, path: str, who: str, scopes: list[str] | None = None, **kw: Any
    ) -> httpx.Response:
        headers = self.auth(who, scopes, **kw.pop("headers", {}))
        return self.client.request(method, path, headers=headers, **kw)

    def get(
        self, path: str, who: str, scopes: list[str] | None = None, **kw: Any
    ) -> httpx.Response:
        return self.request("GET", path, who, scopes, **kw)


def method_path(user: str) -> str:
    return f"/users/{user}/authentication/qrCodePinMethod"


def assert_graph_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    """``response`` is a Graph error body with the given status (and code)."""
    assert response.status_code == status, response.text
    body = response.json()
    error = body["error"]
    assert isinstance(error["message"], str) and error["message"]
    inner = error["innerError"]
    assert inner["request-id"] and inner["date"] and inner["client-request-id"]
    if code is not None:
        assert error["code"] == code, body


@pytest.fixture
def graph(demo_clean: Any) -> Iterator[Graph]:
    """A freshly reset default company and a Graph client on it (reset again afterwards,
    so later tests on the shared ``demo`` see the default company)."""
    with httpx.Client(
        base_url=demo_clean.graph_url,
        verify=demo_clean.ssl_context(),
        trust_env=False,
        timeout=30,
    ) as client:
        yield Graph(demo_clean, client)
    demo_clean.reset()


@pytest.fixture
def root(demo_clean: Any) -> Iterator[httpx.Client]:
    """An httpx client on the server root (control API, v1.0, odd paths); the default
    company again afterwards."""
    with httpx.Client(
        base_url=demo_clean.base_url,
        verify=demo_clean.ssl_context(),
        trust_env=False,
        timeout=30,
    ) as client:
        yield client
    demo_clean.reset()
