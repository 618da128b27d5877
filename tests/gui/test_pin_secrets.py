"""Both PIN flows through the app's own wiring (``--demo`` in-process, a temporary profile that
agreed to unencrypted storage, DEBUG logging into it): no PIN used may appear in any log line
(the app's and the demo tenant's, uvicorn's included), the RAM tail for crash reports, the
roster snapshot the reset saved, the settings, the token cache, the window state, the journal
or the log file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qrpin_gui.auth import CacheMode
from qrpin_gui.log import log_tail
from qrpin_gui.offline.protect import Protection, choose_protector
from qrpin_gui.paths import AppPaths
from qrpin_gui.settings import Settings
from qrpin_gui.ui.change_pin_dialog import ChangePinDialog, ChangeState
from qrpin_gui.ui.reset_pin_dialog import ResetPinDialog, ResetState
from tests.actions.rig import account, add_rules, demo_pin
from tests.e2e.app_rig import (
    AppRun,
    menu_action,
    pick_account,
    profile,
    select_person,
    sign_in,
    start_app,
    wait_visible,
)
from tests.helpers import LogCapture, app_logging_captured, wait_until

pytestmark = pytest.mark.asyncio


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[tuple[AppPaths, LogCapture]]:
    paths = profile(tmp_path / "profile", allow_plaintext_token_cache=True)
    with app_logging_captured(paths.log_file) as capture:
        yield paths, capture


async def _open_reset(run: AppRun, upn: str) -> ResetPinDialog:
    select_person(run.application, upn)
    action = menu_action(run.application, "person", "Reset PIN")
    await wait_until(action.isEnabled, 5)
    action.trigger()
    return await wait_visible(ResetPinDialog, 10)


async def _reset_flows(run: AppRun, demo: Any, worker: dict[str, Any], slip: Path) -> set[str]:
    """Reset shown once, copied, slip saved; then a reset whose answer is lost, and Check
    status. Returns the PINs seen."""
    paths = run.paths
    used: set[str] = set()
    saved_before = paths.snapshot_file.stat().st_mtime_ns
    reset = await _open_reset(run, worker["upn"])
    reset.reset_button.click()
    await wait_until(lambda: reset.state is ResetState.SHOWN, 15)
    issued = reset.secret_view.shown_digits()
    used.add(issued)
    assert issued == demo_pin(demo, worker["upn"])
    reset.secret_view.copy_button.click()
    assert reset.save_slip_to(str(slip))  # outside the profile
    reset.reject()
    # controller.apply_row saved the service's answer in the snapshot.
    await wait_until(lambda: paths.snapshot_file.stat().st_mtime_ns != saved_before, 10)

    add_rules(demo, {"method": "PATCH", "path_regex": r"/pin$", "apply_then_drop": True})
    lost = await _open_reset(run, worker["upn"])
    lost.reset_button.click()
    await wait_until(lambda: lost.state is ResetState.UNKNOWN, 20)
    lost.check_button.click()
    await wait_until(lambda: lost.state is ResetState.CHECKED, 15)
    current = demo_pin(demo, worker["upn"])
    assert current is not None
    used.add(current)
    lost.reject()
    return used


async def _change_flows(run: AppRun, demo: Any, worker: dict[str, Any]) -> set[str]:
    """As the worker (Account › Switch account), Account › Change my PIN: a wrong current
    PIN, a PIN the service refuses, then the real change. Returns the PINs used."""
    application = run.application
    current = demo_pin(demo, worker["upn"])
    assert current is not None
    application.window.switch_account_action.trigger()
    await pick_account(worker["upn"])
    await wait_until(
        lambda: (
            application.auth.account is not None
            and application.auth.account.username == worker["upn"]
        ),
        15,
    )
    menu_action(application, "account", "Change my PIN").trigger()
    change = await wait_visible(ChangePinDialog, 10)
    change.current_edit.setText("13572468")
    change.new_edit.setText("24681357")
    change.confirm_edit.setText("24681357")
    change.ok_button.click()
    await wait_until(lambda: not change.call.running and change.message_label.isVisible(), 15)
    change.state = ChangeState.BUSY
    change.call.start(change._change(current, "12121212", check_rules=False))
    await wait_until(lambda: not change.call.running, 15)
    change.current_edit.setText(current)
    change.new_edit.setText("97531864")
    change.confirm_edit.setText("97531864")
    change.ok_button.click()
    await wait_until(lambda: change.state is ChangeState.DONE, 15)
    assert demo_pin(demo, worker["upn"]) == "97531864"
    change.reject()
    return {"13572468", "24681357", "12121212", "97531864"}


async def test_no_pin_reaches_a_log_line_or_a_profile_file(
    tmp_path: Path, demo_clean: Any, logged: tuple[AppPaths, LogCapture]
) -> None:
    paths, capture = logged
    assert logging.getLogger().isEnabledFor(logging.DEBUG)
    manager = account(demo_clean, "storeManager")
    worker = account(demo_clean, "worker")
    used: set[str] = {worker["pin"]}
    run = await start_app(["--demo"], paths.config_dir.parent, demo=demo_clean)
    try:
        await sign_in(run, manager["upn"])
        await wait_until(paths.snapshot_file.exists, 10)
        used |= await _reset_flows(run, demo_clean, worker, tmp_path / "slip.pdf")
        used |= await _change_flows(run, demo_clean, worker)
    finally:
        assert await run.finish() == 0

    logging.getLogger("qrpin_gui.test").debug("flows done")  # the handlers are live
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert any("flows done" in line for line in capture.lines)
    assert len(capture.lines) > 20  # DEBUG really was on: requests were logged
    lines = capture.lines + log_tail(10_000)
    searched = [
        paths.snapshot_file,
        paths.settings_file,
        paths.token_cache_file,
        paths.qt_state_file,
        paths.journal_file,
        paths.log_file,
    ]
    for path in searched:
        assert path.exists(), path.name
    files = set(searched) | {p for p in paths.config_dir.parent.rglob("*") if p.is_file()}
    protection = choose_protector(Settings.load(paths.settings_file), paths).protection
    if protection is Protection.PLAINTEXT:  # then a PIN in it would be found as bytes
        assert worker["upn"].encode() in paths.snapshot_file.read_bytes()
    if run.application.auth.cache_mode is CacheMode.PLAINTEXT:
        assert b"RefreshToken" in paths.token_cache_file.read_bytes()
    assert any("reset" in line.lower() for line in paths.journal_file.read_text().splitlines())
    for pin in used:
        assert len(pin) >= 8
        assert not [line for line in lines if pin in line], "a PIN reached a log line"
        for path in files:
            data = path.read_bytes()
            assert pin.encode() not in data, f"a PIN reached {path.name}"
            assert pin.encode("utf-16-le") not in data, f"a PIN reached {path.name}"
