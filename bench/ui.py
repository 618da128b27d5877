"""Benchmark the real window while a 10,000-person roster streams in from the demo tenant.

The demo tenant runs in its own process (``python -m qrpin_gui.demo --users N``). This process
builds the real main window offscreen (controller, model, details pane, status bar) and a
5 ms ``QTimer`` that records how late each tick fires. The roster comes in as it does for a
store: users page by page into the table, then QR status through paced ``$batch`` reads,
streamed into the cells.

The demo seeds stores of 10-20 people, so no single store has 10,000 members: the bench signs
in as the IT admin (tenant-wide), lists "All users" and then checks the status of every row
(the same streaming path as a store sync; the app's own per-click cap is lifted for this).

Prints one JSON line: ``{"sync_seconds", "p99_stall_ms", "max_stall_ms", ...}``.
Targets (issue 6): p99 <= 16 ms, max <= 100 ms.

Usage: ``.venv/bin/python bench/ui.py --users 10000``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import ssl
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

import httpx
import qasync
from _demo_process import start_demo, stop_demo
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from qrpin_gui.core.models import FetchKind
from qrpin_gui.graph.client import GraphClient, GraphClientConfig
from qrpin_gui.settings import Settings
from qrpin_gui.ui.async_helpers import TaskTracker
from qrpin_gui.ui.main_window import MainWindow
from qrpin_gui.ui.roster_controller import RosterController
from qrpin_gui.ui.store_picker import ALL_USERS
from qrpin_gui.ui.theme import ThemeController

TICK_MS = 5.0
TARGETS = {"p99_stall_ms": 16.0, "max_stall_ms": 100.0}


class ControlApiSignIn:
    """Signs in as one demo account; tokens from the demo tenant's control API."""

    def __init__(self, control: str, ca: str, username: str) -> None:
        self._control = control
        self._ctx = ssl.create_default_context(cafile=ca)
        self.username = username
        self._token: str | None = None

        class _Account:
            home_account_id = username + ".home"
            tenant_id = ""

        _Account.username = username  # type: ignore[attr-defined]
        self._account_value = _Account()
        self._account: Any = None

    @property
    def account(self) -> Any:
        return self._account

    async def sign_in_silent(self, home_account_id: str | None = None) -> Any:
        self._account = self._account_value
        return self._account

    async def sign_in_interactive(self, **_kwargs: Any) -> Any:
        return await self.sign_in_silent()

    async def switch_account(self) -> Any:
        return await self.sign_in_silent()

    async def sign_out(self) -> None:
        self._account = None

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        if self._token is None or force_refresh:
            async with httpx.AsyncClient(verify=self._ctx, trust_env=False) as client:
                resp = await client.post(
                    self._control + "/token", json={"user": self.username, "scopes": [".default"]}
                )
                resp.raise_for_status()
                self._token = str(resp.json()["access_token"])
        return self._token


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def measure(info: dict[str, str], app: QApplication) -> dict[str, Any]:
    ctx = ssl.create_default_context(cafile=info["ca"])
    async with httpx.AsyncClient(verify=ctx, trust_env=False) as client:
        resp = await client.get(info["control"] + "/accounts", params={"role": "itAdmin"})
        admin = resp.json()[0]["upn"]
    auth = ControlApiSignIn(info["control"], info["ca"], admin)
    graph = GraphClient(
        auth, GraphClientConfig(base_url=info["graph"], verify=info["ca"], proxy="none")
    )
    settings = Settings(last_store=ALL_USERS)
    tasks = TaskTracker()
    controller = RosterController(
        settings=settings,
        graph=graph,
        auth=auth,
        snapshots=None,
        tasks=tasks,
        tenant_key="bench",
        check_limit=10**6,
    )
    theme = ThemeController(app, "light")
    window = MainWindow(controller, theme)
    window.resize(1280, 760)
    window.show()
    await asyncio.sleep(0.2)

    ticks: list[float] = []
    timer = QTimer(window)
    timer.setInterval(int(TICK_MS))
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    await controller.sign_in_and_sync()
    listed_at = time.perf_counter()
    listed = window.model.total_count
    controller.check_status([r.id for r in controller.rows])
    await asyncio.sleep(0)
    task = controller.sync_task
    if task is not None:
        await task
    finished = time.perf_counter()
    timer.stop()
    rows = controller.rows
    stalls = [max(0.0, (b - a) * 1000.0 - TICK_MS) for a, b in itertools.pairwise(ticks)]
    result: dict[str, Any] = {
        "users": listed,
        "sync_seconds": round(finished - started, 2),
        "list_seconds": round(listed_at - started, 2),
        "status_seconds": round(finished - listed_at, 2),
        "p99_stall_ms": round(percentile(stalls, 0.99), 1) if stalls else None,
        "max_stall_ms": round(max(stalls), 1) if stalls else None,
        "ticks": len(ticks),
        "status_loaded": sum(1 for r in rows if r.fetch.kind is FetchKind.LOADED),
        "not_manageable": sum(1 for r in rows if r.fetch.kind is FetchKind.NOT_MANAGEABLE),
        "failed": sum(1 for r in rows if r.fetch.kind is FetchKind.FAILED),
        "unchecked": sum(1 for r in rows if r.fetch.kind is FetchKind.UNKNOWN),
        "requests": graph.stats.requests,
    }
    worst = sorted(((s, ticks[i + 1] - started) for i, s in enumerate(stalls)), reverse=True)[:5]
    result["worst_stalls"] = [[round(s, 1), round(at, 2)] for s, at in worst]
    result["meets_targets"] = all(
        result[k] is not None and result[k] <= v for k, v in TARGETS.items()
    )
    await tasks.shutdown()
    await graph.aclose()
    window.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10_000)
    args = parser.parse_args(argv)
    proc, info = start_demo(args.users)
    try:
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            result = loop.run_until_complete(measure(info, app))
    finally:
        stop_demo(proc)
    print(json.dumps(result))
    sys.stdout.flush()
    # Skip interpreter finalisation: PySide6 6.12 + qasync can abort while collecting Qt
    # objects at exit (see the report); the figures are already printed.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
