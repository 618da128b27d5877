"""The unexpected-error path: one dialog whose "copy details" carries the version, the OS and
the redacted log tail, never a token or a PIN; with ``--no-err-windows`` only a log entry."""

from __future__ import annotations

import logging
import platform
import sys
from collections.abc import Iterator
from types import TracebackType

import pytest
from PySide6.QtGui import QGuiApplication

from qrpin_gui import __version__, log
from qrpin_gui.ui.error_dialog import ErrorReporter

# Built at run time so no secret-shaped literal sits on a line a traceback would quote.
TOKEN = ".".join(("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiJhbm5hIn0", "c2lnbmF0dXJlLXg"))
PIN = "".join(str(d) for d in (4, 8, 1, 5, 9, 2, 6, 3))
OPAQUE = "0.AXkA" + "q7Zr" * 12  # a bearer token that is not a JWT


@pytest.fixture
def ram_log() -> Iterator[None]:
    """The app's logging (redacting filter + RAM tail), undone afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    noisy = {name: logging.getLogger(name).level for name in log._NOISY}
    tail = log._ram_tail
    log.init_logging(None, console=False)
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    for name, lvl in noisy.items():
        logging.getLogger(name).setLevel(lvl)
    log._ram_tail = tail


def failure() -> tuple[type[BaseException], BaseException, TracebackType | None]:
    """An unexpected error whose message carries a bearer token and a PIN field."""
    message = (
        f'POST failed: Authorization: Bearer {OPAQUE} token={TOKEN} body={{"newPin": "{PIN}"}}'
    )
    try:
        raise RuntimeError(message)
    except RuntimeError:
        exc_type, exc, tb = sys.exc_info()
    assert exc_type is not None and exc is not None
    return exc_type, exc, tb


def assert_no_secret(text: str) -> None:
    assert TOKEN not in text
    assert OPAQUE not in text
    assert PIN not in text
    for part in TOKEN.split("."):
        assert part not in text


def test_crash_details_have_version_os_and_redacted_log_tail(qtbot, ram_log) -> None:  # type: ignore[no-untyped-def]
    logger = logging.getLogger("qrpin_gui.graph.client")
    logger.info("sending Authorization: Bearer %s", TOKEN)
    logger.warning('reset answer {"pin": "%s", "forceChangeNextSignIn": true}', PIN)
    logger.info("roster loaded: 12 people")
    reporter = ErrorReporter(show_windows=True)
    reporter.handle(*failure())
    dialog = reporter._dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    details = dialog.details.toPlainText()
    assert f"QR PIN Manager {__version__}" in details
    assert platform.platform() in details
    assert "RuntimeError: POST failed" in details
    assert "roster loaded: 12 people" in details  # the log tail is there ...
    assert "sending Authorization: Bearer ***" in details  # ... redacted
    assert "Unexpected error" in details  # the error itself was logged first
    assert_no_secret(details)
    dialog.copy_button.click()
    clipboard = QGuiApplication.clipboard().text()
    assert clipboard == details
    assert_no_secret(clipboard)
    # A second error while the dialog is open joins it instead of opening another.
    reporter.handle(*failure())
    assert reporter._dialog is dialog and reporter.count == 2
    assert dialog.details.toPlainText().count("RuntimeError: POST failed") >= 2
    assert_no_secret(dialog.details.toPlainText())


def test_no_err_windows_only_logs_the_error_redacted(qtbot, ram_log) -> None:  # type: ignore[no-untyped-def]
    reporter = ErrorReporter(show_windows=False)
    reporter.handle(*failure())
    assert reporter._dialog is None
    assert reporter.count == 1
    tail = "\n".join(log.log_tail(50))
    assert "CRITICAL" in tail and "Unexpected error" in tail
    assert "RuntimeError: POST failed" in tail  # the traceback is logged ...
    assert_no_secret(tail)  # ... without the secrets in its message
