"""Lock a shared store PC after N idle minutes.

:class:`IdleLock` watches the application's user input with an event filter (keys, mouse
buttons, wheel, touch; plain mouse moves count too so reading a list does not lock). The filter
only records the time, so it costs nothing per event; one single-shot timer checks when the
interval could have run out. When it has, :attr:`IdleLock.locked` is emitted.

The app then hides the roster and rejects every open dialog (:func:`reject_open_dialogs`: each
dialog forgets any PIN or QR it showed), and shows only "Unlock". Unlocking requires the *same*
account to sign in again interactively (:meth:`IdleLock.unlock`, which uses
``AuthService.reauthenticate``); a different account leaves the app locked.
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

logger = logging.getLogger(__name__)

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class _Reauthenticator(Protocol):
    async def reauthenticate(self) -> object: ...


class IdleLock(QObject):
    """Emits :attr:`locked` after ``minutes`` without user input (0 = never)."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        minutes: int,
        *,
        app: QCoreApplication | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app or QCoreApplication.instance()
        self._interval_ms = max(0, minutes) * 60_000
        self._last_activity = time.monotonic()
        self._is_locked = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._installed = False

    # ------------------------------------------------------------------ configuration
    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(0, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """The idle time before locking (tests use short intervals); 0 turns locking off."""
        self._interval_ms = max(0, ms)
        if self._installed:
            self._schedule(self._interval_ms)

    def start(self) -> None:
        """Start watching input (call once the main window is shown)."""
        if self._app is not None and not self._installed:
            self._app.installEventFilter(self)
            self._installed = True
        self._last_activity = time.monotonic()
        self._schedule(self._interval_ms)

    def stop(self) -> None:
        self._timer.stop()
        if self._app is not None and self._installed:
            self._app.removeEventFilter(self)
            self._installed = False

    @property
    def is_locked(self) -> bool:
        return self._is_locked

    # ------------------------------------------------------------------ activity
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_activity = time.monotonic()
        return False

    def _schedule(self, ms: int) -> None:
        if self._interval_ms <= 0 or self._is_locked:
            self._timer.stop()
            return
        self._timer.start(max(1, ms))

    def _check(self) -> None:
        idle_ms = (time.monotonic() - self._last_activity) * 1000
        remaining = self._interval_ms - idle_ms
        if remaining > 0:
            self._schedule(int(remaining) + 1)
            return
        self.lock()

    # ------------------------------------------------------------------ lock / unlock
    def lock(self) -> None:
        """Lock now (the timer ran out, or the user chose "Lock")."""
        if self._is_locked:
            return
        self._is_locked = True
        self._timer.stop()
        logger.info("Locked after inactivity")
        self.locked.emit()

    async def unlock(self, auth: _Reauthenticator) -> object:
        """Sign the locked account in again interactively; on success unlock and restart the
        idle timer. Raises the sign-in's ``AuthError`` (``wrong_account``, ``cancelled``...)
        and stays locked."""
        account = await auth.reauthenticate()
        self._is_locked = False
        self._last_activity = time.monotonic()
        self._schedule(self._interval_ms)
        logger.info("Unlocked")
        self.unlocked.emit()
        return account


def reject_open_dialogs() -> int:
    """Reject (close) every visible dialog, so none keeps a PIN or QR on screen.

    Returns how many were closed. The lock screen itself is opened after this call.
    """
    closed = 0
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return 0
    for widget in app.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
            closed += 1
    return closed
