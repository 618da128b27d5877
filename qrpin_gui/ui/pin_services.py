"""What the PIN (and QR) dialogs need from the app, and how they run their one async call.

:class:`PinDialogServices` is built once by the composition root (see
:meth:`PinDialogServices.from_controller`); each dialog asks it for a fresh
:class:`~qrpin_gui.actions.ActionContext` at the moment it sends, so the current sign-in,
policy and online state apply.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import sys
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from qrpin_gui.actions import ActionContext, ScopeConsent
from qrpin_gui.core.models import Policy, RosterRow
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.offline.journal import Journal, Person

logger = logging.getLogger(__name__)


def _no_offline() -> str:
    return ""


def _no_row(_row: RosterRow) -> None:
    return None


@dataclass
class PinDialogServices:
    """Callables, so a dialog always sees the current state (sign-in, policy, offline)."""

    graph: Callable[[], GraphClient | None]
    auth: Callable[[], ScopeConsent | None] = lambda: None
    journal: Journal | None = None
    offline_reason: Callable[[], str] = _no_offline
    policy: Callable[[], Policy] = Policy.default
    actor: Callable[[], Person | None] = lambda: None
    store_name: Callable[[RosterRow], str] = lambda _row: ""
    apply_row: Callable[[RosterRow], None] = _no_row
    connection_changed: Any = None
    """A ``Signal(bool, str)`` (online, reason) the dialogs follow while open, or None."""

    def context(self, *, with_consent: bool = False) -> ActionContext:
        return ActionContext(
            graph=self.graph(),
            journal=self.journal,
            actor=self.actor(),
            policy=self.policy(),
            offline_reason=self.offline_reason(),
            consent=self.auth() if with_consent else None,
        )

    @classmethod
    def from_controller(
        cls,
        controller: Any,
        *,
        graph: Callable[[], GraphClient | None],
        auth: Callable[[], ScopeConsent | None],
        journal: Journal | None,
    ) -> PinDialogServices:
        """Services backed by the main window's ``RosterController``."""

        def actor() -> Person | None:
            context = controller.context
            admin_id = context.capability.admin_id if context is not None else None
            if not admin_id:
                return None
            return Person(user_id=admin_id, upn=controller.account_username)

        def store_name(row: RosterRow) -> str:
            names = {s.id: s.display_name for s in controller.stores}
            return ", ".join(sorted(names[s] for s in row.stores if s in names))

        def apply_row(row: RosterRow) -> None:
            apply_rows = getattr(controller, "apply_rows", None)
            if callable(apply_rows):
                apply_rows([row])
            else:  # until the controller has apply_rows: the window still shows the row
                controller.rows_updated.emit([row])

        return cls(
            graph=graph,
            auth=auth,
            journal=journal,
            offline_reason=lambda: controller.offline_reason,
            policy=lambda: controller.policy,
            actor=actor,
            store_name=store_name,
            apply_row=apply_row,
            connection_changed=controller.connection_changed,
        )


class OneCall(QObject):
    """Runs at most one coroutine for a dialog and keeps a strong reference to it.

    Cancellation is normal (Cancel/Esc); any other unexpected exception goes to
    ``sys.excepthook`` (the app's error dialog; a test failure under pytest-qt).
    ``busy_changed(False)`` comes as soon as the coroutine has finished (in the same step, so
    the dialog never shows its result while still looking busy), or when a task cancelled
    before its first step is done.

    :attr:`nothing_sent` tells a dialog whether Cancel can say "nothing was sent" rather than
    "result unknown": true until the task has taken its first step, and after that for as long
    as the request counter handed to :meth:`start` (e.g. the Graph client's count of requests
    sent) has not moved.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task: asyncio.Task[None] | None = None
        self._stepped = False
        self._idle = True
        self._sent_count: Callable[[], int] | None = None
        self._sent_before = 0

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done() and not self._idle

    @property
    def started(self) -> bool:
        """The current (or last) task has taken its first step."""
        return self._stepped

    @property
    def nothing_sent(self) -> bool:
        """Certainly nothing sent yet by the current task: it has not started, or the request
        counter given to :meth:`start` still shows what it showed then."""
        if not self._stepped:
            return True
        if self._sent_count is None:
            return False
        return self._sent_count() == self._sent_before

    def start(
        self, coro: Coroutine[Any, Any, None], *, sent_count: Callable[[], int] | None = None
    ) -> bool:
        """Run ``coro`` unless a task is running. ``sent_count`` counts requests sent (any
        number that moves once something goes out); without it, only a task that has not
        started yet counts as "nothing sent"."""
        if self.running:
            coro.close()
            return False
        self._stepped = False
        self._idle = False
        self._sent_count = sent_count
        self._sent_before = sent_count() if sent_count is not None else 0
        task = asyncio.get_event_loop().create_task(self._stepping(coro))
        self.task = task
        task.add_done_callback(functools.partial(self._done, coro))
        self.busy_changed.emit(True)
        return True

    async def _stepping(self, coro: Coroutine[Any, Any, None]) -> None:
        self._stepped = True
        try:
            await coro
        finally:
            self._went_idle()

    def _went_idle(self) -> None:
        if self._idle:
            return
        self._idle = True
        try:
            self.busy_changed.emit(False)
        except RuntimeError:  # the dialog is already gone
            pass

    def cancel(self) -> bool:
        if self.running and self.task is not None:
            self.task.cancel()
            return True
        return False

    def _done(self, coro: Coroutine[Any, Any, None], task: asyncio.Task[None]) -> None:
        if inspect.getcoroutinestate(coro) == inspect.CORO_CREATED:
            coro.close()  # cancelled before its first step: it never ran
        if task is self.task:
            self._went_idle()
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            logger.error("Dialog task failed: %s", type(exc).__name__)
            sys.excepthook(type(exc), exc, exc.__traceback__)
