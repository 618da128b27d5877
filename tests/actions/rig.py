"""Helpers for the action and PIN dialog tests: Graph clients for named demo accounts, roster
rows built the way the sync builds them, the journal, and the demo's fault/settings controls.

The demo tenant is the oracle: a test checks what an action did by asking the demo (as another
account, or through its control API), never by trusting the action's own answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from qrpin_gui.actions import ActionContext
from qrpin_gui.core.models import Policy, RosterRow
from qrpin_gui.graph.client import GraphClient, GraphClientConfig
from qrpin_gui.graph.directory import ManageContext, load_manage_context
from qrpin_gui.graph.errors import ForbiddenError
from qrpin_gui.graph.qr_methods import get_method
from qrpin_gui.graph.retry import RetryPolicy
from qrpin_gui.graph.users import get_user, list_unit_members
from qrpin_gui.offline.journal import Journal, Person

FAST_RETRY = RetryPolicy(
    max_attempts=6,
    max_transient_attempts=3,
    max_connect_attempts=2,
    max_total_seconds=20.0,
    base_delay=0.02,
    max_delay=0.2,
)


class DemoTokens:
    """A token provider backed by the demo tenant's control API (tokens carry exactly the
    scopes asked for); records every request."""

    def __init__(self, demo: Any, user: str) -> None:
        self.demo = demo
        self.user = user
        self.calls: list[tuple[tuple[str, ...], bool, str | None]] = []
        self._cache: dict[tuple[str, ...], str] = {}

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        key = tuple(scopes)
        self.calls.append((key, force_refresh, claims))
        if key in self._cache and not force_refresh and claims is None:
            return self._cache[key]
        token = await asyncio.to_thread(self.demo.token, self.user, list(scopes))
        self._cache[key] = token
        return token


class GatedTokens(DemoTokens):
    """Tokens that wait for :attr:`gate` (a slow sign-in), so a test can cancel while the
    first request has not gone out yet; :attr:`waiting` is set once a token was asked for."""

    def __init__(self, demo: Any, user: str) -> None:
        super().__init__(demo, user)
        self.gate = asyncio.Event()
        self.waiting = asyncio.Event()

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        self.waiting.set()
        await self.gate.wait()
        return await super().get_token(scopes, force_refresh=force_refresh, claims=claims)


def control(demo: Any, method: str, path: str, body: Any = None) -> Any:
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=30) as http:
        response = http.request(method, demo.control_url + path, json=body)
    assert response.status_code < 400, response.text
    return response.json()


def add_rules(demo: Any, *rules: dict[str, Any]) -> None:
    """Append scripted one-off fault rules (``/_demo/faults/scripts``)."""
    control(demo, "POST", "/faults/scripts", list(rules))


def fault_snapshot(demo: Any) -> dict[str, Any]:
    result: dict[str, Any] = control(demo, "GET", "/faults")
    return result


def account(demo: Any, role: str, index: int = 0) -> dict[str, Any]:
    accounts: list[dict[str, Any]] = demo.accounts(role)
    return accounts[index]


def demo_pin(demo: Any, upn: str) -> str | None:
    """The PIN the demo tenant holds for a named account (the oracle)."""
    for acc in demo.accounts():
        if acc["upn"] == upn:
            pin: str | None = acc["pin"]
            return pin
    raise KeyError(upn)


async def pin_accepted(demo: Any, user_id: str, pin: str) -> bool:
    """Whether the demo accepts ``pin`` as ``user_id``'s current PIN: sign in as that user
    and send updatePin with currentPin = pin and a new PIN equal to it. The demo checks the
    current PIN first, so "current PIN is incorrect" means no, and the same-PIN refusal (which
    comes after) means yes; nothing is changed either way."""
    token = await asyncio.to_thread(demo.token, user_id, ["Directory.AccessAsUser.All"])
    url = f"{demo.graph_url}/me/authentication/qrCodePinMethod/pin/updatePin"
    async with httpx.AsyncClient(verify=demo.ssl_context(), trust_env=False) as http:
        response = await http.post(
            url,
            json={"currentPin": pin, "newPin": pin},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 400, response.status_code
    message = response.json()["error"]["message"].lower()
    return "current pin is incorrect" not in message


@dataclass
class Rig:
    """Clients, journal and rows for one test against the demo tenant."""

    demo: Any
    journal: Journal
    clients: list[GraphClient] = field(default_factory=list)
    _contexts: dict[str, ManageContext] = field(default_factory=dict)

    def client(
        self, upn: str, *, tokens: Any = None, retry: RetryPolicy = FAST_RETRY
    ) -> GraphClient:
        provider = tokens or DemoTokens(self.demo, upn)
        client = GraphClient(
            provider,
            GraphClientConfig(
                base_url=self.demo.graph_url,
                verify=self.demo.ssl_context(),
                proxy="none",
                retry=retry,
            ),
        )
        self.clients.append(client)
        return client

    def context(
        self,
        graph: GraphClient | None,
        actor_upn: str = "",
        *,
        policy: Policy | None = None,
        offline_reason: str = "",
        consent: Any = None,
    ) -> ActionContext:
        actor = Person(user_id=actor_upn.split("@")[0], upn=actor_upn) if actor_upn else None
        return ActionContext(
            graph=graph,
            journal=self.journal,
            actor=actor,
            policy=policy or Policy.default(),
            offline_reason=offline_reason,
            consent=consent,
        )

    async def manage_context(self, graph: GraphClient, key: str) -> ManageContext:
        if key not in self._contexts:
            self._contexts[key] = await load_manage_context(graph)
        return self._contexts[key]

    async def row(
        self, graph: GraphClient, manager: str, user: str, stores: Sequence[str] = ()
    ) -> RosterRow:
        """``user``'s roster row as ``manager`` sees it: verdict from the manager's roles, the
        method read when the manager may read it (as the sync does)."""
        context = await self.manage_context(graph, manager)
        person = await get_user(graph, user)
        units = frozenset(stores) | context.units_of(person.id)
        roles = context.roles_of(person.id)
        verdict = context.capability.can_manage(person.id, units, roles)
        row = RosterRow(user=person, admin_roles=roles, stores=units, manage=verdict)
        if not verdict.can_read:
            return row.with_not_manageable(verdict.denial) if verdict.denial else row
        try:
            method = await get_method(graph, person.id)
        except ForbiddenError:
            return row
        return row.with_method(method)

    async def worker_without_method(
        self, graph: GraphClient, manager: str, store: str
    ) -> RosterRow:
        """A member of ``store`` who has no QR method (the seed gives every store one)."""
        async for page in list_unit_members(graph, store):
            for user in page.users:
                if user.upn == manager:
                    continue
                row = await self.row(graph, manager, user.id, [store])
                if (
                    row.manage is not None
                    and row.manage.allowed
                    and row.method is None
                    and row.fetch.kind.value == "loaded"
                ):
                    return row
        raise AssertionError("no worker without a QR method in the store")

    async def aclose(self) -> None:
        for client in self.clients:
            await client.aclose()


def new_journal(path: Path) -> Journal:
    return Journal(path / "journal.jsonl")
