"""``--self-test``: the whole path, headless, in a few seconds.

With ``--demo``: the demo tenant started, sign-in without interaction, the first sync
completed with every user accounted for, the roster model sorted and filtered, the CSV export
written, and each dialog that exists opened and closed. Prints ``self-test: ok`` last, or
``self-test: FAIL <step>: <reason>``.

Dialogs added by later features register a factory with :func:`register_dialog` (a callable
taking the main window and returning a ``QDialog``) so the self-test opens them too.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

logger = logging.getLogger(__name__)

DialogFactory = Callable[[QWidget], QDialog]
_DIALOGS: dict[str, DialogFactory] = {}


def register_dialog(name: str, factory: DialogFactory) -> None:
    """Have ``--self-test`` open and close this dialog."""
    _DIALOGS[name] = factory


class StepFailed(Exception):
    def __init__(self, step: str, reason: str) -> None:
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


def _check(step: str, condition: bool, reason: str) -> None:
    if not condition:
        raise StepFailed(step, reason)


def _builtin_dialogs() -> dict[str, DialogFactory]:
    from qrpin_gui.ui.about_dialog import AboutDialog
    from qrpin_gui.ui.error_dialog import ErrorDialog

    dialogs: dict[str, DialogFactory] = {
        "about": lambda parent: AboutDialog(parent),
        "error": lambda parent: ErrorDialog("self-test", parent),
    }
    return dialogs


def _optional_dialogs(app: Any) -> dict[str, DialogFactory]:
    from qrpin_gui.ui.settings_dialog import SettingsDialog
    from qrpin_gui.ui.signin_dialogs import FirstRunDialog

    return {
        "settings": lambda parent: SettingsDialog(app.settings, demo=app.demo_mode, parent=parent),
        "first-run": lambda parent: FirstRunDialog(parent),
    }


async def _open_and_close(name: str, factory: DialogFactory, parent: QWidget) -> None:
    dialog = factory(parent)
    closed: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def _finished(code: int) -> None:
        if not closed.done():
            closed.set_result(code)

    dialog.finished.connect(_finished)
    dialog.open()
    await asyncio.sleep(0.05)
    _check(f"dialog {name}", dialog.isVisible(), "did not open")
    dialog.reject()
    await asyncio.wait_for(closed, 5)
    dialog.deleteLater()


async def run_self_test(app: Any, how: str) -> tuple[bool, str]:
    """Run the checks against the running app; returns (ok, the line to print)."""
    try:
        await _steps(app, how)
    except StepFailed as failed:
        logger.error("Self-test failed at %s: %s", failed.step, failed.reason)
        return False, f"self-test: FAIL {failed.step}: {failed.reason}"
    except Exception as exc:  # a bug: report it as the failing step
        logger.exception("Self-test crashed")
        return False, f"self-test: FAIL crash: {type(exc).__name__}: {exc}"
    return True, "self-test: ok"


async def _steps(app: Any, how: str) -> None:
    window = app.window
    controller = app.controller
    model = window.model
    if app.opts.demo:
        _check("demo", app.demo is not None, "the demo tenant did not start")
        _check("sign-in", app.auth is not None and app.auth.account is not None, "not signed in")
        _check(
            "sync", how == "sync", f"no sync completed ({how}); {window.notice_banner.label.text()}"
        )
        report = controller.last_report
        _check("sync", report is not None, "no sync report")
        _check("sync", report.pending == 0, f"{report.pending} users left without a status")
        _check("roster", model.total_count > 0, "the roster is empty")
        _check("roster", model.total_count == report.total, "the table misses rows of the sync")
    else:
        _check("window", window.isVisible(), "the main window is not shown")
    # Table: sort and filter in the model.
    model.sort(0)
    model.set_search_text("zzzz-no-such-person")
    model.apply_filter_now()
    _check("filter", model.rowCount() == 0, "search did not filter")
    model.set_search_text("")
    model.apply_filter_now()
    _check(
        "filter", model.rowCount() == model.total_count, "clearing the search did not show everyone"
    )
    # CSV export of the view.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "view.csv"
        count = window.export_to(str(path))
        data = path.read_bytes() if path.exists() else b""
        _check("export", count == model.rowCount(), "the CSV does not hold every row")
        _check("export", data.startswith(b"\xef\xbb\xbf"), "the CSV has no byte-order mark")
    # Dialogs.
    dialogs = {**_builtin_dialogs(), **_optional_dialogs(app), **_DIALOGS}
    for name, factory in dialogs.items():
        await _open_and_close(name, factory, window)
    _check("errors", app.reporter.count == 0, f"{app.reporter.count} unexpected error(s) logged")
