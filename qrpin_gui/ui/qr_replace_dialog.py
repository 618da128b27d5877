"""A lost badge: the old code stops working, a new one is issued at once (the PIN stays)."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel

from qrpin_gui.actions import ActionError, ActionResult, replace_standard_code
from qrpin_gui.core.models import MAX_STANDARD_LIFETIME_DAYS
from qrpin_gui.offline.journal import Action
from qrpin_gui.ui.qr_dialog_base import QrActionDialog
from qrpin_gui.ui.qr_dialog_parts import (
    lifetime_note,
    on_date_at_current_time,
    standard_expiry_edit,
)


class ReplaceBadgeDialog(QrActionDialog):
    """A lost badge: the old code stops working, a new one is issued (the PIN stays)."""

    action_label = "issue a new badge"
    journal_action = Action.REPLACE_STANDARD_CODE

    def _build_inputs(self) -> None:
        self._set_texts(
            self.tr("New badge (lost badge)"),
            self.tr("Replace the badge of %1?"),
            self.tr(
                "The current badge of %1 stops working now (whoever finds it cannot use it). A "
                "new badge is issued at once; %1 keeps their PIN."
            ),
        )
        self.expiry_edit = standard_expiry_edit(self.inputs)
        today = QDate.currentDate()
        self.expiry_edit.setMinimumDate(today.addDays(1))
        self.expiry_edit.setMaximumDate(today.addDays(MAX_STANDARD_LIFETIME_DAYS))
        self.expiry_edit.setDate(today.addDays(self.services.policy().standard_lifetime_days))
        self.form.addRow(self.tr("New badge expires on:"), self.expiry_edit)
        note = QLabel(lifetime_note(self.services), self.inputs)
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.go_button.setText(self.tr("&Replace badge"))

    def expiry_utc(self) -> datetime:
        return min(
            on_date_at_current_time(self.expiry_edit.date()),
            datetime.now(UTC) + timedelta(days=MAX_STANDARD_LIFETIME_DAYS) - timedelta(minutes=5),
        )

    def _go(self) -> Awaitable[ActionResult]:
        return replace_standard_code(self.services.context(), self.row, expire=self.expiry_utc())

    def _failed(self, error: ActionError) -> None:
        super()._failed(error)
        if error.partial:
            self.show_message(
                self._about_person(
                    self.tr(
                        "The old badge was deleted, but the new one was not issued: %1 has no "
                        "working badge now. Press Replace badge again."
                    )
                )
                + " "
                + self._problem(error),
                error=True,
            )

    def _issued_text(self) -> str:
        return self._about_person(
            self.tr(
                "The old badge no longer works. Print or save the new one now: it is shown only "
                "this once. %1 keeps their PIN."
            )
        )
