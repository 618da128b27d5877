"""Helpers for the PIN dialog tests: dialog services on the demo tenant, a real AuthService
signed in through the demo's sign-in endpoints, and clicking without nested event loops."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton

from qrpin_gui.auth.config import AuthConfig
from qrpin_gui.auth.demo_browser import AutoDemoBrowser, DemoBrowser
from qrpin_gui.auth.service import AuthService
from qrpin_gui.core.models import Policy, RosterRow
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.offline.journal import Person
from qrpin_gui.ui.pin_services import PinDialogServices
from tests.actions.rig import Rig


class Connection(QObject):
    """Stands in for the controller's ``connection_changed`` signal and offline reason."""

    changed = Signal(bool, str)

    def __init__(self) -> None:
        super().__init__()
        self.reason = ""

    def go_offline(self, reason: str = "Offline: Microsoft cannot be reached.") -> None:
        self.reason = reason
        self.changed.emit(False, reason)

    def go_online(self) -> None:
        self.reason = ""
        self.changed.emit(True, "")


def services(
    rig: Rig,
    graph: GraphClient | None,
    actor_upn: str = "",
    *,
    connection: Connection | None = None,
    policy: Policy | None = None,
    auth: Any = None,
    applied: list[RosterRow] | None = None,
) -> PinDialogServices:
    conn = connection or Connection()
    rows = applied if applied is not None else []
    return PinDialogServices(
        graph=lambda: graph,
        auth=lambda: auth,
        journal=rig.journal,
        offline_reason=lambda: conn.reason,
        policy=lambda: policy or Policy.default(),
        actor=lambda: Person(user_id="actor", upn=actor_upn) if actor_upn else None,
        store_name=lambda _row: "Harbourside",
        apply_row=rows.append,
        connection_changed=conn.changed,
    )


def click(qtbot: Any, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def make_auth(demo: Any, profile: Path, username: str) -> AuthService:
    """A real AuthService for the demo tenant that signs ``username`` in without a browser."""
    config = AuthConfig.for_demo(
        authority=demo.authority,
        client_id=demo.client_id,
        ca_path=demo.ca_path,
        interactive_timeout=15.0,
    )
    browser = AutoDemoBrowser(DemoBrowser(ca=demo.ca_path, control_url=demo.control_url), username)
    return AuthService(
        config,
        cache_path=profile / "token-cache.bin",
        allow_plaintext_cache=True,
        browser=browser,
        encrypted=lambda _path: (None, "no encryption in tests"),
    )
