"""The QR code lifecycle dialogs, wired into the main window: set up QR sign-in, temporary code
(forgotten badge), new badge (lost badge), extend expiry, delete a code or the whole method.

Each dialog collects input, runs ONE Qt-free action (:mod:`qrpin_gui.actions`) as a task it
keeps (Cancel/Esc cancels it), and shows the result (see :mod:`qrpin_gui.ui.qr_dialog_base`).
The dialogs live in their own modules; this one keeps the wiring:

- :func:`install` registers the row actions with the main window's ``RowActionRegistry`` and
  the dialogs with ``--self-test``;
- :func:`open_dialog` opens one (window-modal, ``open()``) and tracks it until it finishes;
- :func:`clear_all_secrets` forgets the badge and PIN of every open QR dialog (app lock);
- :func:`held_issuances` names the one-time secrets open dialogs still hold, undelivered.
"""

from __future__ import annotations

import functools
import weakref

import shiboken6
from PySide6.QtWidgets import QDialog, QWidget

from qrpin_gui.core.models import RosterRow, User
from qrpin_gui.ui.pin_services import PinDialogServices
from qrpin_gui.ui.qr_create_dialog import CreateMethodDialog
from qrpin_gui.ui.qr_delete_dialog import DeleteDialog, DeleteKind
from qrpin_gui.ui.qr_dialog_base import DialogState, QrActionDialog, QrServices
from qrpin_gui.ui.qr_extend_dialog import ExtendExpiryDialog
from qrpin_gui.ui.qr_replace_dialog import ReplaceBadgeDialog
from qrpin_gui.ui.qr_temporary_dialog import SHIFT_ENDS, TemporaryCodeDialog, next_shift_end
from qrpin_gui.ui.row_actions import RowAction, RowActionRegistry

__all__ = [
    "DIALOGS",
    "SHIFT_ENDS",
    "CreateMethodDialog",
    "DeleteDialog",
    "DeleteKind",
    "DialogState",
    "ExtendExpiryDialog",
    "QrActionDialog",
    "QrServices",
    "ReplaceBadgeDialog",
    "TemporaryCodeDialog",
    "clear_all_secrets",
    "held_issuances",
    "install",
    "next_shift_end",
    "open_dialog",
]

_open_dialogs: weakref.WeakSet[QrActionDialog] = weakref.WeakSet()

DIALOGS: dict[RowAction, type[QrActionDialog]] = {
    RowAction.CREATE_METHOD: CreateMethodDialog,
    RowAction.TEMPORARY_CODE: TemporaryCodeDialog,
    RowAction.NEW_STANDARD_CODE: ReplaceBadgeDialog,
    RowAction.EXTEND_EXPIRY: ExtendExpiryDialog,
    RowAction.DELETE_METHOD: DeleteDialog,
}


def open_dialog(
    action: RowAction, row: RosterRow, services: PinDialogServices, parent: QWidget
) -> QrActionDialog:
    """Open the dialog for ``action`` on ``row`` (window-modal, ``open()``); it is deleted
    once it has finished."""
    dialog = DIALOGS[action](row, services, parent)
    _open_dialogs.add(dialog)

    def finished(_code: int) -> None:
        _open_dialogs.discard(dialog)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def clear_all_secrets() -> int:
    """Forget the badge and PIN of every open QR dialog (app lock). Returns how many."""
    dialogs = [d for d in list(_open_dialogs) if shiboken6.isValid(d)]
    _open_dialogs.difference_update(d for d in list(_open_dialogs) if not shiboken6.isValid(d))
    for dialog in dialogs:
        dialog.clear_secrets()
    return len(dialogs)


def held_issuances() -> set[str]:
    """Journal issuances whose badge or PIN an open QR dialog still shows, undelivered."""
    showing = [d for d in list(_open_dialogs) if shiboken6.isValid(d) and d.isVisible()]
    return {issuance for dialog in showing for issuance in dialog.held_issuances()}


def _open_for(
    action: RowAction, services: PinDialogServices, window: QWidget, row: RosterRow
) -> QrActionDialog:
    return open_dialog(action, row, services, window)


def _self_test_dialog(
    cls: type[QrActionDialog], services: PinDialogServices, parent: QWidget
) -> QDialog:
    placeholder = RosterRow(
        user=User(id="self-test", upn="self.test@example", display_name="Self Test")
    )
    return cls(placeholder, services, parent)


def install(registry: RowActionRegistry, services: PinDialogServices, window: QWidget) -> None:
    """Register the five QR row actions with the window, and the dialogs with --self-test."""
    for action in DIALOGS:
        registry.register(action, functools.partial(_open_for, action, services, window))
    try:
        from qrpin_gui.ui.self_test import register_dialog
    except ImportError:  # pragma: no cover - the self-test module ships with the app
        return
    for action, cls in DIALOGS.items():
        register_dialog(f"qr_{action.value}", functools.partial(_self_test_dialog, cls, services))
