"""Both PIN flows with DEBUG logging into a temporary profile: no PIN used may appear in any
log line (the app's and the demo tenant's, including uvicorn's), the RAM tail for crash
reports, or any file under the profile (journal, log, token cache...)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from qrpin_gui.log import init_logging, log_tail
from qrpin_gui.offline.journal import Journal
from qrpin_gui.paths import AppPaths
from qrpin_gui.ui.change_pin_dialog import ChangePinDialog, ChangeState
from qrpin_gui.ui.reset_pin_dialog import ResetPinDialog, ResetState
from tests.actions.rig import Rig, account, add_rules, demo_pin
from tests.gui.pin_rig import click, services
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


class Capture(logging.Handler):
    """Every record, rendered with its traceback, from any logger."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[tuple[AppPaths, Capture]]:
    paths = AppPaths.for_profile(tmp_path / "profile")
    paths.ensure()
    init_logging(paths.log_file, debug=True, console=False)
    capture = Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    # uvicorn's loggers do not propagate to the root: listen to them as well.
    others = [logging.getLogger(n) for n in ("uvicorn", "uvicorn.error", "uvicorn.access")]
    for logger in others:
        logger.addHandler(capture)
    try:
        yield paths, capture
    finally:
        for logger in [root, *others]:
            logger.removeHandler(capture)
        for handler in list(root.handlers):
            if getattr(handler, "_qrpin", False):
                root.removeHandler(handler)
                handler.close()
        root.setLevel(logging.WARNING)


@pytest_asyncio.fixture
async def rig(demo_clean: Any, profile: tuple[AppPaths, Capture]) -> AsyncIterator[Rig]:
    paths, _ = profile
    made = Rig(demo_clean, Journal(paths.journal_file))
    yield made
    await made.aclose()


async def test_no_pin_reaches_a_log_line_or_a_profile_file(
    qtbot: Any, rig: Rig, profile: tuple[AppPaths, Capture]
) -> None:
    paths, capture = profile
    assert logging.getLogger().isEnabledFor(logging.DEBUG)
    used: set[str] = set()
    manager = account(rig.demo, "storeManager")
    worker = account(rig.demo, "worker")
    used.add(worker["pin"])
    graph = rig.client(manager["upn"])
    row = await rig.row(graph, manager["upn"], worker["id"], worker["stores"])

    # Reset: shown once, copied; then a reset whose answer is lost, then check status.
    reset = ResetPinDialog(row, services(rig, graph, manager["upn"]))
    qtbot.addWidget(reset)
    reset.open()
    click(qtbot, reset.reset_button)
    await wait_until(lambda: reset.state is ResetState.SHOWN)
    issued = reset.secret_view.shown_digits()
    used.add(issued)
    assert issued == demo_pin(rig.demo, worker["upn"])
    click(qtbot, reset.secret_view.copy_button)
    assert reset.save_slip_to(str(paths.cache_dir.parent.parent / "slip.pdf"))  # outside profile
    reset.reject()
    add_rules(rig.demo, {"method": "PATCH", "path_regex": r"/pin$", "apply_then_drop": True})
    lost = ResetPinDialog(row, services(rig, graph, manager["upn"]))
    qtbot.addWidget(lost)
    lost.open()
    click(qtbot, lost.reset_button)
    await wait_until(lambda: lost.state is ResetState.UNKNOWN)
    click(qtbot, lost.check_button)
    await wait_until(lambda: lost.state is ResetState.CHECKED)
    current = demo_pin(rig.demo, worker["upn"])
    assert current is not None
    used.add(current)
    lost.reject()

    # Change: a wrong current PIN, a PIN the service refuses, then the real change.
    wgraph = rig.client(worker["upn"])
    change = ChangePinDialog(services(rig, wgraph, worker["upn"]))
    qtbot.addWidget(change)
    change.open()
    for text, edit in ((current, change.current_edit), ("24681357", change.new_edit)):
        qtbot.keyClicks(edit, text)
    qtbot.keyClicks(change.confirm_edit, "24681357")
    change.current_edit.clear()
    qtbot.keyClicks(change.current_edit, "13572468")
    used.update({"13572468", "24681357"})
    click(qtbot, change.ok_button)
    await wait_until(lambda: not change.call.running and change.message_label.isVisible())
    change.state = ChangeState.BUSY
    change.call.start(change._change(current, "12121212", check_rules=False))
    used.add("12121212")
    await wait_until(lambda: not change.call.running)
    qtbot.keyClicks(change.current_edit, current)
    change.new_edit.clear()
    change.confirm_edit.clear()
    qtbot.keyClicks(change.new_edit, "97531864")
    qtbot.keyClicks(change.confirm_edit, "97531864")
    used.add("97531864")
    click(qtbot, change.ok_button)
    await wait_until(lambda: change.state is ChangeState.DONE)
    assert demo_pin(rig.demo, worker["upn"]) == "97531864"
    change.reject()

    logging.getLogger("qrpin_gui.test").debug("flows done")  # the handlers are live
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert any("flows done" in line for line in capture.lines)
    assert len(capture.lines) > 20  # DEBUG really was on: requests were logged
    lines = capture.lines + log_tail(10_000)
    files = [p for p in paths.config_dir.parent.rglob("*") if p.is_file()]
    assert paths.log_file in files and paths.journal_file in files
    for pin in used:
        assert not [line for line in lines if pin in line], "a PIN reached a log line"
        for path in files:
            assert pin.encode() not in path.read_bytes(), f"a PIN reached {path.name}"
            assert pin.encode("utf-16-le") not in path.read_bytes()
