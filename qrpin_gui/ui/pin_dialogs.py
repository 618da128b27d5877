"""Wiring of the PIN dialogs into the main window.

- :func:`install` registers ``RowAction.RESET_PIN`` with the window's ``RowActionRegistry``
  (the window's button, Person menu and Ctrl+Shift+P then open :class:`ResetPinDialog` for
  the selected row) and registers both dialogs with ``--self-test``.
- :func:`make_change_pin_action` builds the "Change my PIN…" ``QAction`` for a menu; it is
  disabled with the reason while offline.
- :func:`clear_all_secrets` forgets every PIN in every open PIN dialog (connect it to the idle
  lock's ``locked`` signal). A programmatic ``reject()`` (``reject_open_dialogs``) also closes
  the dialogs at once, without asking.
- :func:`held_issuances` names the new PINs open Reset PIN dialogs still show, not handed over
  (the "unprinted badges" list leaves them out).
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from qrpin_gui.core.models import RosterRow, User
from qrpin_gui.ui.change_pin_dialog import ChangePinDialog
from qrpin_gui.ui.pin_services import PinDialogServices
from qrpin_gui.ui.reset_pin_dialog import ResetPinDialog
from qrpin_gui.ui.row_actions import RowAction, RowActionRegistry

logger = logging.getLogger(__name__)

_open_dialogs: weakref.WeakSet[QDialog] = weakref.WeakSet()

__all__ = [
    "ChangePinDialog",
    "PinDialogServices",
    "ResetPinDialog",
    "clear_all_secrets",
    "held_issuances",
    "install",
    "make_change_pin_action",
    "open_change_pin",
    "open_reset_pin",
]


def _track(dialog: QDialog) -> QDialog:
    _open_dialogs.add(dialog)

    def finished(_code: int) -> None:
        _open_dialogs.discard(dialog)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    return dialog


def open_reset_pin(row: RosterRow, services: PinDialogServices, parent: QWidget) -> ResetPinDialog:
    """Open the Reset PIN dialog for ``row`` (window-modal, ``open()``)."""
    dialog = ResetPinDialog(row, services, parent)
    _track(dialog)
    dialog.open()
    return dialog


def open_change_pin(services: PinDialogServices, parent: QWidget) -> ChangePinDialog:
    """Open the Change my PIN dialog (window-modal, ``open()``)."""
    dialog = ChangePinDialog(services, parent)
    _track(dialog)
    dialog.open()
    return dialog


def clear_all_secrets() -> int:
    """Forget the PINs of every open PIN dialog (app lock). Returns how many were open."""
    count = 0
    for dialog in list(_open_dialogs):
        clear = getattr(dialog, "clear_secrets", None)
        if callable(clear):
            clear()
            count += 1
    return count


def held_issuances() -> set[str]:
    """Journal issuances whose new PIN an open Reset PIN dialog still shows, not handed over."""
    showing = [
        d
        for d in list(_open_dialogs)
        if isinstance(d, ResetPinDialog) and shiboken6.isValid(d) and d.isVisible()
    ]
    return {issuance for dialog in showing for issuance in dialog.held_issuances()}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PinDialogs", text)


def make_change_pin_action(parent: QWidget, services: PinDialogServices) -> QAction:
    """The "Change my PIN…" action; disabled with the reason while offline."""
    action = QAction(_tr("Change my &PIN…"), parent)
    action.setToolTip(_tr("Change the PIN you use with your own QR badge"))

    def update(*_args: Any) -> None:
        reason = services.offline_reason()
        action.setEnabled(not reason)
        action.setToolTip(
            _tr("Offline: the PIN cannot be changed until the connection is back.")
            if reason
            else _tr("Change the PIN you use with your own QR badge")
        )

    action.triggered.connect(lambda _checked=False: open_change_pin(services, parent))
    if services.connection_changed is not None:
        services.connection_changed.connect(update)
    update()
    return action


def install(registry: RowActionRegistry, services: PinDialogServices, window: QWidget) -> None:
    """Register Reset PIN with the window's row actions, and both dialogs with --self-test."""
    registry.register(RowAction.RESET_PIN, lambda row: open_reset_pin(row, services, window))
    try:
        from qrpin_gui.ui.self_test import register_dialog
    except ImportError:  # pragma: no cover - the self-test module ships with the app
        return
    placeholder = RosterRow(
        user=User(id="self-test", upn="self.test@example", display_name="Self Test")
    )
    register_dialog("reset_pin", lambda parent: ResetPinDialog(placeholder, services, parent))
    register_dialog("change_pin", lambda parent: ChangePinDialog(services, parent))
