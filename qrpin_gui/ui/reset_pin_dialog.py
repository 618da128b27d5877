"""Reset PIN for the selected worker: confirm, one async call, the new PIN shown once.

Closing by the user (Close, Esc, the window's X) while the PIN was neither copied, printed nor
saved asks first (:class:`~qrpin_gui.ui.qr_dialog_parts.OneWriteDialog`). A programmatic
``reject()`` (app lock, shutdown) closes at once and forgets the PIN. Cancel during the call
cancels the request and keeps the dialog open: back to the confirmation when nothing was sent
yet, else "result unknown" with "Check status".
"""

from __future__ import annotations

import logging
from enum import Enum

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui.actions import ActionError, Problem, check_status, reset_pin
from qrpin_gui.core.capability import NotManageableReason
from qrpin_gui.core.models import RosterRow
from qrpin_gui.offline.journal import Action
from qrpin_gui.ui.pin_messages import problem_text, unknown_text
from qrpin_gui.ui.pin_services import PinDialogServices
from qrpin_gui.ui.pin_slip import PinSlip
from qrpin_gui.ui.qr_dialog_parts import (
    OneWriteDialog,
    PinHandover,
    busy_bar,
    check_status_button,
    heading_label,
    message_line,
    person_name,
)
from qrpin_gui.ui.secret_view import SecretPinView

logger = logging.getLogger(__name__)


class ResetState(Enum):
    CONFIRM = "confirm"
    BUSY = "busy"
    SHOWN = "shown"
    FAILED = "failed"
    UNKNOWN = "unknown"
    CHECKED = "checked"
    CLOSED = "closed"


class ResetPinDialog(OneWriteDialog):
    """Reset one worker's PIN. ``row_updated`` carries the row refreshed from the answer."""

    journal_action = Action.RESET_PIN

    def __init__(
        self, row: RosterRow, services: PinDialogServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.row = row
        self.state = ResetState.CONFIRM
        self.call.busy_changed.connect(self._set_busy)
        self.setWindowTitle(self.tr("Reset PIN"))
        self.setMinimumWidth(520)
        self._build()
        self._show_confirm()
        if services.connection_changed is not None:
            services.connection_changed.connect(self._on_connection_changed)
        self._on_connection_changed(not services.offline_reason(), services.offline_reason())

    # ------------------------------------------------------------------ building
    @property
    def person(self) -> str:
        return person_name(self.row)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title_label = heading_label(self)
        self.explain_label = QLabel(self)
        self.explain_label.setWordWrap(True)
        self.message_label = message_line(self)
        self.secret_view = SecretPinView(self)
        self.secret_view.hide()
        self.pin_handover = PinHandover(self, self.secret_view, lambda: self.row)
        self.printer = self.pin_handover.printer
        self.busy_bar = busy_bar(self, self.tr("Waiting for Microsoft"))
        buttons = QHBoxLayout()
        self.check_button = check_status_button(
            self,
            self.tr("Check &status"),
            self.tr("Read this person's QR sign-in again (sends no change)"),
        )
        self.reset_button = QPushButton(self.tr("&Reset PIN"), self)
        self.reset_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Cancel"), self)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.close_button)
        for widget in (self.title_label, self.explain_label, self.message_label):
            layout.addWidget(widget)
        layout.addWidget(self.secret_view)
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.close_button.clicked.connect(self._request_close)

    def _show_confirm(self) -> None:
        self.title_label.setText(self.tr("Reset the PIN of %1?").replace("%1", self.person))
        upn = self.row.user.upn
        self.explain_label.setText(
            self.tr(
                "%1 (%2): the current PIN stops working now; they must choose a new PIN at their "
                "next sign-in. The new PIN is shown here once, to copy or print for them."
            )
            .replace("%1", self.person)
            .replace("%2", upn or self.row.id)
        )

    # ------------------------------------------------------------------ state
    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.reset_button.setEnabled(not busy and self._can_send())
        self.check_button.setEnabled(not busy and self._can_send())
        self.close_button.setText(
            self.tr("Cancel") if busy or self.state is ResetState.CONFIRM else self.tr("Close")
        )

    def _can_send(self) -> bool:
        return not self.services.offline_reason() and self.state not in (
            ResetState.SHOWN,
            ResetState.CLOSED,
        )

    def _on_connection_changed(self, online: bool, reason: str) -> None:
        del online
        offline = bool(self.services.offline_reason()) or bool(reason)
        if offline and not self.call.running:
            self.show_message(
                self.tr("Offline: the PIN cannot be reset until the connection is back."),
                error=True,
            )
        self.reset_button.setEnabled(not offline and not self.call.running and self._can_send())
        self.check_button.setEnabled(not offline and not self.call.running)

    # ------------------------------------------------------------------ reset
    def _on_reset_clicked(self) -> None:
        if self.call.running or not self._can_send():
            return
        self.state = ResetState.BUSY
        self._start_write(self._reset(), self.row)

    async def _reset(self) -> None:
        context = self.services.context()
        try:
            result = await reset_pin(context, self.row)
        except ActionError as error:
            self._failed(error)
            return
        self.last_result = result
        if not result.done:
            self._show_unknown(result, unknown_text(self.tr("reset the PIN")), error=True)
            return
        if result.row is not None:
            self._apply(result.row)
        if result.pin is None:
            self.state = ResetState.CHECKED
            self.show_message(
                self.tr(
                    "The PIN was reset, but Microsoft's answer held no PIN to show. Reset it "
                    "again to get a PIN to hand over."
                ),
                error=True,
            )
            return
        self.state = ResetState.SHOWN
        self.pin_handover.issued(result.pin)
        self.title_label.setText(self.tr("New PIN for %1").replace("%1", self.person))
        self.explain_label.setText(
            self.tr(
                "Give this PIN to %1. It is shown only this once. They must choose a new PIN "
                "at their next sign-in."
            ).replace("%1", self.person)
        )
        self.secret_view.show_pin(result.pin.code)
        self.secret_view.show()
        self.reset_button.hide()
        self.close_button.setText(self.tr("Close"))
        self.secret_view.copy_button.setFocus()

    def _failed(self, error: ActionError) -> None:
        self.state = ResetState.FAILED
        reason = error.not_manageable
        self.show_message(
            problem_text(
                error,
                person=self.person,
                action=self.tr("reset the PIN"),
                target_is_admin=self.row.is_admin
                or reason is NotManageableReason.ADMIN_ROLE_HOLDER,
                in_my_stores=None if reason is not NotManageableReason.OUTSIDE_STORES else False,
            ),
            error=True,
        )
        if error.problem in (Problem.NOT_MANAGEABLE, Problem.PERMISSION, Problem.NO_METHOD):
            self.reset_button.hide()
            self.title_label.setText(
                self.tr("The PIN of %1 cannot be reset here").replace("%1", self.person)
            )
            self.explain_label.hide()

    # ------------------------------------------------------------------ check status
    async def _check(self) -> None:
        try:
            status = await check_status(
                self.services.context(), self.row.id, row=self.row, result=self.last_result
            )
        except ActionError as error:
            self.show_message(problem_text(error, person=self.person), error=True)
            return
        if status.row is not None:
            self._apply(status.row)
        self.state = ResetState.CHECKED
        self.check_button.hide()
        if status.applied is True:
            self.show_message(
                self.tr(
                    "Checked: the PIN was reset, but the new PIN was lost with the answer. "
                    "%1 must use a new PIN: reset it again to get one to hand over."
                ).replace("%1", self.person),
                error=True,
            )
        elif status.applied is False:
            self.show_message(
                self.tr(
                    "Checked: the PIN was not reset. The old PIN still works; you can try again."
                )
            )
        else:
            self.show_message(self.tr("Checked, but it cannot be told whether the PIN was reset."))
        self.reset_button.setText(self.tr("&Reset again"))
        self.reset_button.show()
        self.reset_button.setEnabled(not self.services.offline_reason())

    # ------------------------------------------------------------------ slip
    def slip(self) -> PinSlip | None:
        """The slip for the PIN shown (None once it is forgotten)."""
        return self.pin_handover.slip()

    def save_slip_to(self, path: str) -> bool:
        """Save the PIN slip as a PDF at ``path`` (the file dialog's choice)."""
        return self.pin_handover.save_slip_to(path)

    # ------------------------------------------------------------------ closing
    def held_issuances(self) -> list[str]:
        """The journal issuance of the new PIN while this dialog still shows it, not handed
        over (the "unprinted badges" list leaves it out while the dialog is open)."""
        return self.pin_handover.held()

    @property
    def needs_confirmation(self) -> bool:
        return self.pin_handover.unhanded

    def _back_to_editing(self) -> None:
        self.state = ResetState.CONFIRM

    def _outcome_unknown(self) -> None:
        self.state = ResetState.UNKNOWN

    def _ask_discard(self) -> None:
        self._ask_discard_with(
            self.tr("Close without handing over the PIN?"),
            self.tr(
                "The new PIN has not been copied, printed or saved. It cannot be shown again: "
                "you would have to reset the PIN again."
            ),
            self.tr("Close and forget the PIN"),
        )

    def _discard_secrets(self) -> None:
        self.pin_handover.discard()

    def clear_secrets(self) -> None:
        """Forget the PIN now (app lock): the widgets and any pending slip."""
        self.pin_handover.forget()
        self.last_result = None

    def reject(self) -> None:
        """Programmatic close (and the end of every close): cancel, forget, close."""
        self.call.cancel()
        self._close_question()
        self.clear_secrets()
        self.state = ResetState.CLOSED
        super().reject()

    def done(self, code: int) -> None:
        self.clear_secrets()
        super().done(code)
