"""Run the whole app in-process (``Application.main`` on the test's qasync loop) and drive it
the way a person does: the demo account picker, menus, dialogs.

``start_app(..., demo=...)`` lets the app use the session's demo tenant instead of starting
its own, so a test can check the tenant afterwards (the app's shutdown leaves it running).
Bearer tokens the app's Graph client sends can be captured with :func:`capture_bearers`.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from qrpin_gui import cli
from qrpin_gui.app import Application
from qrpin_gui.core.models import RosterRow
from qrpin_gui.paths import AppPaths
from qrpin_gui.settings import Settings
from qrpin_gui.ui.signin_dialogs import DemoAccountPickerDialog
from tests.helpers import wait_until

W = TypeVar("W", bound=QWidget)

MANAGER = "manager.s101@contoso-retail.example"


class SharedDemo:
    """The session's demo tenant as the app sees it: everything but ``stop`` (the tenant
    outlives the app, so the test can ask it what happened)."""

    def __init__(self, demo: Any) -> None:
        self._demo = demo

    def __getattr__(self, name: str) -> Any:
        return getattr(self._demo, name)

    def stop(self) -> None:
        """The app's shutdown stops its demo tenant; the shared one keeps running."""


@dataclass
class AppRun:
    """One running app: its :class:`Application` and the task running ``main()``."""

    application: Application
    main: asyncio.Future[int]

    @property
    def paths(self) -> AppPaths:
        return self.application.paths

    async def finish(self, timeout: float = 30) -> int:  # noqa: ASYNC109 - a test deadline
        """Quit (as closing the window does) and wait for the shutdown; the exit code."""
        self.application.quit(self.application.exit_code)
        try:
            return await asyncio.wait_for(asyncio.shield(self.main), timeout)
        finally:
            self.application.reporter.uninstall()

    async def ended(self, timeout: float = 60) -> int:  # noqa: ASYNC109 - a test deadline
        """Wait for the app to end by itself (a script flag); the exit code."""
        try:
            return await asyncio.wait_for(asyncio.shield(self.main), timeout)
        finally:
            self.application.reporter.uninstall()

    async def synced(self, timeout: float = 30) -> None:  # noqa: ASYNC109 - a test deadline
        controller = self.application.controller
        await wait_until(
            lambda: (
                controller is not None
                and controller.last_report is not None
                and not controller.is_syncing
            ),
            timeout,
        )


def profile(folder: Path, **settings: Any) -> AppPaths:
    """A profile folder with these settings saved (e.g. ``allow_plaintext_token_cache=True``:
    this machine has no OS keyring, so the token cache and snapshot need that consent)."""
    paths = AppPaths.for_profile(folder)
    paths.ensure()
    if settings:
        Settings(**settings).save(paths.settings_file)
    return paths


async def start_app(args: Sequence[str], folder: Path, *, demo: Any = None) -> AppRun:
    """Start ``Application.main`` with ``args`` and ``--profile-dir folder`` and wait for its
    window; with ``demo`` the app signs in to that (shared) demo tenant instead of starting
    its own. A profile without settings gets "memory only" as the answer to the question
    about unencrypted storage."""
    opts = cli.parse([*args, "--profile-dir", str(folder), "--no-err-windows"])
    paths = AppPaths.for_profile(folder)
    paths.ensure()
    if not paths.settings_file.exists():
        # Answered "memory only" before: no question about unencrypted storage pops up.
        Settings(allow_plaintext_token_cache=False).save(paths.settings_file)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    application = Application(opts, paths, app, started=time.perf_counter())
    if demo is not None:

        async def attach_shared_demo() -> None:
            application.demo = SharedDemo(demo)

        application.start_demo = attach_shared_demo  # type: ignore[method-assign]
    run = AppRun(application, asyncio.ensure_future(application.main()))
    await wait_until(lambda: application.window is not None or run.main.done(), 10)
    return run


def visible(kind: type[W]) -> W | None:
    """The visible top-level widget of ``kind`` (dialogs, message boxes), if any."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


async def wait_visible(kind: type[W], timeout: float = 20) -> W:  # noqa: ASYNC109
    await wait_until(lambda: visible(kind) is not None, timeout)
    widget = visible(kind)
    assert widget is not None
    return widget


async def pick_account(username: str = MANAGER, timeout: float = 20) -> None:  # noqa: ASYNC109
    """On the demo's sign-in page (the account picker), sign in as ``username``."""
    picker = await wait_visible(DemoAccountPickerDialog, timeout)
    await wait_until(lambda: picker.accounts.count() > 0, 10)
    assert picker.select_account(username), username
    picker.sign_in_button.click()


async def sign_in(run: AppRun, username: str = MANAGER) -> None:
    """Sign in through the picker and wait for the store's sync to complete."""
    await pick_account(username)
    await run.synced()


def capture_bearers(application: Application) -> list[str]:
    """Every bearer token the app's Graph client sends from now on (an httpx event hook)."""
    seen: list[str] = []

    async def on_request(request: httpx.Request) -> None:
        value = request.headers.get("Authorization", "")
        if value.startswith("Bearer "):
            seen.append(value.removeprefix("Bearer "))

    http: httpx.AsyncClient = application.graph._http
    http.event_hooks["request"].append(on_request)
    return seen


def jwt_claims(token: str) -> dict[str, Any]:
    """The (unverified) claims of a JWT."""
    payload = token.split(".")[1]
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return data


async def approve_device_code(demo: Any, user_code: str, user: str) -> None:
    """Approve a pending device code as ``user`` through the demo's control API (what the
    person does on their phone)."""
    async with httpx.AsyncClient(verify=demo.ssl_context(), trust_env=False, timeout=10) as http:
        response = await http.post(
            demo.control_url + "/devicecode/approve",
            json={"user_code": user_code, "user": user},
        )
    assert response.status_code == 200, response.text


def select_person(application: Application, upn: str) -> RosterRow:
    """Select ``upn``'s row in the roster table (as a click would); the row shown."""
    window = application.window
    model = window.model
    for index in range(model.rowCount()):
        row: RosterRow | None = model.row_at(index)
        if row is not None and row.user.upn.lower() == upn.lower():
            window.table.selectRow(index)
            window.table.setCurrentIndex(model.index(index, 0))
            return row
    raise AssertionError(f"{upn} is not in the roster")


def menu_action(application: Application, menu: str, text: str) -> QAction:
    """The action of the window's ``menu`` whose text (without the ``&``) contains ``text``."""
    actions: list[QAction] = application.window.menus[menu].actions()
    for action in actions:
        if text in action.text().replace("&", ""):
            return action
    raise AssertionError(f"no {text!r} in the {menu} menu")
