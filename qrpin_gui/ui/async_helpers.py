"""Async plumbing for the widgets: tracked tasks, awaiting a dialog, Qt messages into logging.

Rules this module makes easy to keep (see ARCHITECTURE.md):

- every background task is strongly referenced until it ends (:class:`TaskTracker`), and the
  shutdown cancels them all;
- a coroutine never runs a dialog modally (no nested ``exec`` loop): it opens the dialog and awaits ``finished``
  (:func:`dialog_result`);
- Qt's own warnings go to the ``qt`` logger (:func:`install_qt_message_handler`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

logger = logging.getLogger(__name__)
qt_logger = logging.getLogger("qt")

T = TypeVar("T")


class TaskTracker:
    """Keeps strong references to background tasks and cancels them on shutdown.

    Exceptions other than cancellation are logged and handed to ``on_error`` (the app's
    unexpected-error path), so a failing background task is never silent.
    """

    def __init__(self, on_error: Any = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._on_error = on_error

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
        task = asyncio.get_event_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        logger.error(
            "Background task %s failed",
            task.get_name(),
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        if self._on_error is not None:
            self._on_error(type(exc), exc, exc.__traceback__)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    def cancel_all(self) -> list[asyncio.Task[Any]]:
        tasks = [t for t in self._tasks if not t.done()]
        for task in tasks:
            task.cancel()
        return tasks

    async def shutdown(self, grace: float = 2.0) -> None:
        """Cancel every task and wait (bounded) for them to finish."""
        tasks = self.cancel_all()
        if tasks:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait(tasks, timeout=grace)


async def dialog_result(dialog: QDialog) -> int:
    """Open ``dialog`` window-modally (no nested event loop) and return its result code."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[int] = loop.create_future()

    def _finished(code: int) -> None:
        if not fut.done():
            fut.set_result(int(code))

    dialog.finished.connect(_finished)
    dialog.open()
    try:
        return await fut
    finally:
        with contextlib.suppress(RuntimeError, TypeError):
            dialog.finished.disconnect(_finished)


_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

# Harmless noise of the offscreen platform plugin and of fonts on minimal systems.
_IGNORED = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)


def open_question(
    parent: QWidget | None,
    *,
    title: str,
    text: str,
    details: str,
    yes: str,
    no: str,
    answered: Callable[[bool], None],
) -> QMessageBox:
    """A window-modal yes/no question opened with ``open()`` (never a nested loop);
    ``answered(True)`` when the first button was chosen. The box deletes itself."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(details)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.setAccessibleName(title)

    def finished(_code: int) -> None:
        answered(box.clickedButton() is yes_button)
        box.deleteLater()

    box.finished.connect(finished)
    box.open()
    return box


def _qt_message(mode: QtMsgType, context: Any, message: str) -> None:
    if any(message.startswith(prefix) for prefix in _IGNORED):
        return
    qt_logger.log(_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_qt_message_handler() -> None:
    """Route Qt's qDebug/qWarning output into the ``qt`` logger (redacted like the rest)."""
    qInstallMessageHandler(_qt_message)
