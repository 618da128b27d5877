"""``--self-test``: the whole path, headless, in a few seconds.

With ``--demo``: the demo tenant started, sign-in without interaction, the first sync
completed with every user accounted for, the roster model sorted and filtered, the CSV export
written, one placeholder badge rendered to a PDF in a temporary folder, the full-screen
temporary-code window shown briefly with that placeholder and closed, and each dialog that
exists opened and closed (the QR dialogs on a placeholder person). Prints ``self-test: ok`` (or
``self-test: FAIL <step>: <reason>``), then a last line of JSON with the step timings.

Dialogs added by later features register a factory with :func:`register_dialog` (a callable
taking the main window and returning a ``QDialog``) so the self-test opens them too.
"""

from __future__ import annotations

import asyncio
import json
import logging
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
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


PLACEHOLDER_PAYLOAD = b"QR PIN Manager self-test placeholder (not a sign-in code)"


def placeholder_badge() -> Any:
    """A badge that exercises rendering without any real code: a fixed, harmless payload."""
    from qrpin_gui.ui.badge import Badge

    return Badge(
        worker_name="Self Test",
        store="Self-test store",
        raw_content=PLACEHOLDER_PAYLOAD,
        error_correction="M",
        expires=datetime.now(UTC) + timedelta(hours=1),
        upn="self.test@example",
        temporary=True,
    )


async def _badge_steps(window: QWidget, timings: dict[str, float]) -> None:
    """Render the placeholder badge to a PDF (deleted after) and show it full screen."""
    from qrpin_gui.ui.badge_print import save_pdf
    from qrpin_gui.ui.fullscreen_qr import FullScreenQr

    badge = placeholder_badge()
    with _Timed(timings, "badge_pdf"), tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "self-test badge.pdf"
        try:
            pages = save_pdf(path, [badge])
        except OSError as exc:
            raise StepFailed("badge pdf", str(exc)) from exc
        data = path.read_bytes()
        _check("badge pdf", pages == 1 and data.startswith(b"%PDF"), "the PDF was not written")
    with _Timed(timings, "fullscreen_qr"):
        screen = FullScreenQr(badge)
        closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def _closed() -> None:
            if not closed.done():
                closed.set_result(None)

        screen.closed.connect(_closed)
        screen.show_on(window)
        await asyncio.sleep(0.05)
        shown = screen.isVisible() and not screen.symbol_rect().isEmpty()
        screen.close()
        await asyncio.wait_for(closed, 5)
        screen.deleteLater()
        _check("fullscreen qr", shown, "the full-screen code did not show")


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
    """Run the checks against the running app; returns (ok, the text to print).

    The text is the verdict line (``self-test: ok`` or ``self-test: FAIL <step>: <reason>``)
    followed by one JSON line with the step timings, the same shape as the installation
    self-test prints (:mod:`qrpin_gui.selftest`).
    """
    timings: dict[str, float] = {
        "start_to_roster": round((time.perf_counter() - app.started) * 1000.0, 1)
    }
    failed: list[str] = []
    began = time.perf_counter()
    try:
        await _steps(app, how, timings)
        verdict, ok = "self-test: ok", True
    except StepFailed as failure:
        logger.error("Self-test failed at %s: %s", failure.step, failure.reason)
        verdict, ok = f"self-test: FAIL {failure.step}: {failure.reason}", False
        failed.append(failure.step)
    except Exception as exc:  # a bug: report it as the failing step
        logger.exception("Self-test crashed")
        verdict, ok = f"self-test: FAIL crash: {type(exc).__name__}: {exc}", False
        failed.append("crash")
    summary = {
        "self_test": "ok" if ok else "fail",
        "mode": "demo" if app.opts.demo else "window",
        "total_ms": round((time.perf_counter() - app.started) * 1000.0, 1),
        "checks_ms": round((time.perf_counter() - began) * 1000.0, 1),
        "steps_ms": timings,
        "failed": failed,
    }
    return ok, verdict + "\n" + json.dumps(summary, sort_keys=True)


class _Timed:
    """``with _Timed(timings, "filter"):`` records the block's duration in milliseconds."""

    def __init__(self, timings: dict[str, float], name: str) -> None:
        self._timings = timings
        self._name = name
        self._start = 0.0

    def __enter__(self) -> None:
        self._start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        elapsed = (time.perf_counter() - self._start) * 1000.0
        self._timings[self._name] = round(self._timings.get(self._name, 0.0) + elapsed, 1)


async def _steps(app: Any, how: str, timings: dict[str, float]) -> None:
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
    with _Timed(timings, "sort_filter"):
        model.sort(0)
        model.set_search_text("zzzz-no-such-person")
        model.apply_filter_now()
        _check("filter", model.rowCount() == 0, "search did not filter")
        model.set_search_text("")
        model.apply_filter_now()
        _check(
            "filter",
            model.rowCount() == model.total_count,
            "clearing the search did not show everyone",
        )
    # CSV export of the view.
    with _Timed(timings, "export"), tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "view.csv"
        count = window.export_to(str(path))
        data = path.read_bytes() if path.exists() else b""
        _check("export", count == model.rowCount(), "the CSV does not hold every row")
        _check("export", data.startswith(b"\xef\xbb\xbf"), "the CSV has no byte-order mark")
    # Badge output: a PDF and the full-screen code, with a placeholder payload.
    await _badge_steps(window, timings)
    # Dialogs.
    dialogs = {**_builtin_dialogs(), **_optional_dialogs(app), **_DIALOGS}
    for name, factory in dialogs.items():
        with _Timed(timings, "dialogs"):
            await _open_and_close(name, factory, window)
    _check("errors", app.reporter.count == 0, f"{app.reporter.count} unexpected error(s) logged")
