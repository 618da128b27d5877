"""The actions a manager takes on one person, and why one is unavailable.

The dialogs behind the actions arrive with later features (PIN reset and change: issue 7;
QR code lifecycle: issue 8). They plug in here with :meth:`RowActionRegistry.register`; until
an action has a handler it is shown disabled with the reason. Every block reason is a full
sentence for the person at the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject, Signal

from qrpin_gui.core.models import FetchKind, RosterRow
from qrpin_gui.ui.roster_present import not_manageable_text

RowHandler = Callable[[RosterRow], object]


class RowAction(Enum):
    RESET_PIN = "reset_pin"
    TEMPORARY_CODE = "temporary_code"
    NEW_STANDARD_CODE = "new_standard_code"
    EXTEND_EXPIRY = "extend_expiry"
    CREATE_METHOD = "create_method"
    DELETE_METHOD = "delete_method"


def action_titles() -> dict[RowAction, str]:
    return {
        RowAction.RESET_PIN: QCoreApplication.translate("RowActions", "Reset PIN…"),
        RowAction.TEMPORARY_CODE: QCoreApplication.translate(
            "RowActions", "Temporary code (forgotten badge)…"
        ),
        RowAction.NEW_STANDARD_CODE: QCoreApplication.translate(
            "RowActions", "New badge (lost badge)…"
        ),
        RowAction.EXTEND_EXPIRY: QCoreApplication.translate("RowActions", "Extend expiry…"),
        RowAction.CREATE_METHOD: QCoreApplication.translate("RowActions", "Set up QR sign-in…"),
        RowAction.DELETE_METHOD: QCoreApplication.translate("RowActions", "Remove QR sign-in…"),
    }


_NEEDS_METHOD = frozenset(
    {
        RowAction.RESET_PIN,
        RowAction.TEMPORARY_CODE,
        RowAction.NEW_STANDARD_CODE,
        RowAction.EXTEND_EXPIRY,
        RowAction.DELETE_METHOD,
    }
)


class RowActionRegistry(QObject):
    """Handlers for the row actions; the window enables what has a handler."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: dict[RowAction, RowHandler] = {}

    def register(self, action: RowAction, handler: RowHandler) -> None:
        self._handlers[action] = handler
        self.changed.emit()

    def handler(self, action: RowAction) -> RowHandler | None:
        return self._handlers.get(action)

    def block_reason(
        self, action: RowAction, row: RosterRow | None, *, offline_reason: str = ""
    ) -> str:
        """Why ``action`` cannot run on ``row`` now ("" = it can)."""
        if action not in self._handlers:
            return QCoreApplication.translate(
                "RowActions", "This action is not available in this version yet."
            )
        if row is None:
            return QCoreApplication.translate("RowActions", "Select a person first.")
        if offline_reason:
            return offline_reason
        verdict = row.manage
        if row.fetch.kind is FetchKind.NOT_MANAGEABLE or (
            verdict is not None and not verdict.allowed
        ):
            reason = row.fetch.not_manageable or (verdict.denial if verdict else None)
            return not_manageable_text(reason)
        if row.fetch.kind is not FetchKind.LOADED:
            return QCoreApplication.translate("RowActions", "Check this person's QR status first.")
        if action in _NEEDS_METHOD and row.method is None:
            return QCoreApplication.translate(
                "RowActions",
                "This person has no QR sign-in yet. Set it up first (Person › Set up QR sign-in…).",
            )
        if action is RowAction.CREATE_METHOD and row.method is not None:
            return QCoreApplication.translate("RowActions", "This person already has QR sign-in.")
        return ""


def can_report_forgotten_badge(row: RosterRow | None) -> bool:
    """Whether "Badge forgotten today" applies: a manageable person with QR sign-in whose
    status was read. It is a local note, so it works offline too."""
    if row is None or row.fetch.kind is not FetchKind.LOADED or row.method is None:
        return False
    return row.manage is None or row.manage.allowed
