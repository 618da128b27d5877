"""The readiness box of the details pane and the "not ready" quick-filter predicate (kept
with the radar tests: both are views over what will stop sign-in soon)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from qrpin_gui.core.models import Policy, PolicyState, QrCode, QrMethod, QrPin, RosterRow, User
from qrpin_gui.ui.readiness_view import ReadinessView, not_ready_filter

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def grab(widget: Any, name: str) -> None:
    """Screenshots for the docs, only when ``QRPIN_SHOTS_DIR`` names a folder for them."""
    folder = os.environ.get("QRPIN_SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def person(method: QrMethod | None) -> RosterRow:
    return RosterRow(User(id="u1", upn="ana@x.example", display_name="Ana")).with_method(
        method, NOW
    )


def test_readiness_view_lists_each_obstacle_with_its_fix(qtbot: Any) -> None:
    view = ReadinessView()
    qtbot.addWidget(view)
    view.resize(320, 10)
    view.show()
    fresh = QrMethod(
        "m",
        created=NOW - timedelta(days=1),
        standard=QrCode("s", created=NOW - timedelta(days=1), start=NOW - timedelta(days=1),
                        expire=NOW + timedelta(days=300)),
        pin=QrPin(force_change_next_sign_in=True),
    )  # fmt: skip
    view.show_row(person(fresh), NOW, Policy(state=PolicyState.ENABLED))
    text = view.details.text()
    assert view.summary.text().startswith("Ready, with something to know")
    assert "new PIN" in text and "sign in once with another method" in text
    assert "could not be read" not in text  # the policy was read
    view.adjustSize()
    grab(view, "readiness_view.png")
    view.show_row(person(None), NOW, Policy.default())
    assert view.summary.text().startswith("Not ready")
    assert "Set up QR sign-in" in view.details.text()
    assert "could not be read" in view.details.text()
    view.show_row(None)
    assert not view.isVisible()


def test_not_ready_filter() -> None:
    disabled = Policy(state=PolicyState.DISABLED)
    policy: list[Policy] = [Policy.default()]
    predicate = not_ready_filter(lambda: policy[0], clock=lambda: NOW)
    ok = QrMethod("m", standard=QrCode("s", start=NOW - timedelta(days=9),
                                       expire=NOW + timedelta(days=9), last_used=NOW),
                  pin=QrPin())  # fmt: skip
    assert not predicate(person(ok))
    assert predicate(person(None))
    assert not predicate(RosterRow(User(id="x")))  # status unknown: not claimed blocked
    policy[0] = disabled
    assert predicate(person(ok))
