"""Fixtures for the window tests: a roster controller + main window wired to the demo tenant.

Sign-in here is a small stand-in backed by the demo tenant's control API (tokens for a named
demo account), so these tests exercise the window, the sync and the offline viewer; the real
MSAL path is covered by tests/auth and by the end-to-end tests (tests/e2e).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
import shiboken6

from qrpin_gui.graph.client import GraphClient, GraphClientConfig
from qrpin_gui.graph.sync import SyncBudget
from qrpin_gui.offline.protect import AesGcmProtector
from qrpin_gui.offline.snapshot import SnapshotStore
from qrpin_gui.settings import Settings
from qrpin_gui.ui.async_helpers import TaskTracker


@dataclass(frozen=True, slots=True)
class FakeAccount:
    home_account_id: str
    username: str
    tenant_id: str


class DemoSignIn:
    """Signs in as one demo account; tokens come from the demo tenant's control API."""

    def __init__(self, demo: Any, username: str) -> None:
        self._demo = demo
        self.username = username
        self._account: FakeAccount | None = None
        self._token: str | None = None
        self.signed_out = 0

    @property
    def account(self) -> FakeAccount | None:
        return self._account

    async def sign_in_silent(self, home_account_id: str | None = None) -> FakeAccount | None:
        self._account = FakeAccount(f"{self.username}.home", self.username, self._demo.tenant_id)
        return self._account

    async def sign_in_interactive(self, **_kwargs: Any) -> FakeAccount:
        account = await self.sign_in_silent()
        assert account is not None
        return account

    async def switch_account(self) -> FakeAccount:
        return await self.sign_in_interactive()

    async def sign_out(self) -> None:
        self._account = None
        self._token = None
        self.signed_out += 1

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        if self._token is None or force_refresh:
            loop = asyncio.get_running_loop()
            self._token = await loop.run_in_executor(None, self._demo.token, self.username)
        return self._token


def demo_faults(demo: Any, **config: Any) -> None:
    """Configure the demo tenant's HTTP faults (empty = clear them)."""
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=10) as client:
        if config:
            client.post(demo.control_url + "/faults", json=config).raise_for_status()
        else:
            client.delete(demo.control_url + "/faults").raise_for_status()


def demo_account(demo: Any, role: str, index: int = 0) -> dict[str, Any]:
    return [a for a in demo.accounts() if a["role"] == role][index]


def unit_member_ids(demo: Any, unit_id: str) -> set[str]:
    """The oracle: the unit's user members as the demo tenant lists them to an IT admin,
    read with plain httpx (not the app's client)."""
    admin = demo_account(demo, "itAdmin")["upn"]
    token = demo.token(admin)
    ids: set[str] = set()
    url: str | None = (
        f"{demo.graph_url}/directory/administrativeUnits/{unit_id}/members/microsoft.graph.user"
        "?$select=id&$top=999"
    )
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=10) as client:
        while url:
            resp = client.get(url, headers={"Authorization": f"Bearer {token}"})
            resp.raise_for_status()
            body = resp.json()
            ids.update(item["id"] for item in body["value"])
            url = body.get("@odata.nextLink")
    return ids


@dataclass
class Rig:
    """A window and its controller, wired like the app does it."""

    window: Any
    controller: Any
    tasks: TaskTracker
    graph: GraphClient | None
    auth: DemoSignIn | None
    settings: Settings
    snapshots: SnapshotStore | None
    errors: list[BaseException] = field(default_factory=list)


@pytest.fixture
def snapshot_key() -> bytes:
    return os.urandom(32)


@pytest_asyncio.fixture
async def make_rig(
    qtbot: Any, tmp_path: Path, snapshot_key: bytes
) -> AsyncIterator[Callable[..., Rig]]:
    """Build rigs; every rig is torn down (tasks cancelled, client closed) after the test."""
    from qrpin_gui.ui.main_window import MainWindow
    from qrpin_gui.ui.roster_controller import RosterController
    from qrpin_gui.ui.theme import ThemeController

    made: list[Rig] = []

    def make(
        demo: Any | None = None,
        username: str | None = None,
        *,
        forced_offline: bool = False,
        snapshots: bool = True,
        settings: Settings | None = None,
        profile: Path | None = None,
        tenant_key: str | None = None,
        retry_delays: Sequence[float] = (0.2,),
        budget: SyncBudget | None = None,
    ) -> Rig:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        settings = settings or Settings()
        errors: list[BaseException] = []
        tasks = TaskTracker(on_error=lambda _t, exc, _tb: errors.append(exc))
        store = (
            SnapshotStore((profile or tmp_path) / "snapshot.bin", AesGcmProtector(snapshot_key))
            if snapshots
            else None
        )
        graph = auth = None
        if demo is not None and username is not None:
            auth = DemoSignIn(demo, username)
            graph = GraphClient(
                auth,
                GraphClientConfig(base_url=demo.graph_url, verify=demo.ssl_context(), proxy="none"),
            )
        controller = RosterController(
            settings=settings,
            graph=graph,
            auth=auth,
            snapshots=store,
            tasks=tasks,
            tenant_key=tenant_key if tenant_key is not None else (demo.tenant_id if demo else "t"),
            forced_offline=forced_offline,
            retry_delays=retry_delays,
            budget=budget,
        )
        theme = ThemeController(app, "light", parent=controller)
        window = MainWindow(controller, theme)
        qtbot.addWidget(window)
        window.show()
        rig = Rig(window, controller, tasks, graph, auth, settings, store, errors)
        made.append(rig)
        return rig

    yield make
    for rig in made:
        await rig.tasks.shutdown(grace=2.0)
        if rig.graph is not None:
            await rig.graph.aclose()
        if shiboken6.isValid(rig.window):
            rig.window.close()
        if shiboken6.isValid(rig.controller):
            rig.controller.deleteLater()
