"""What every QR code dialog shares: one action task, "result unknown" with Check status, and
the issue-and-print flow.

The action journals "issued, not yet printed or saved" before the secret reaches the dialog;
printing, saving (or showing a temporary code full screen) marks it delivered. Closing before
that asks first: the code cannot be shown again. The badge and PIN live only in the dialog and
are forgotten when it closes (or the app locks).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui.actions import (
    ActionError,
    ActionOutcome,
    ActionResult,
    IssuedCode,
    IssuedPin,
    Problem,
    check_status,
)
from qrpin_gui.core.capability import NotManageableReason
from qrpin_gui.core.models import RosterRow
from qrpin_gui.graph.qr_methods import CodeKind
from qrpin_gui.offline.journal import Action, Delivery
from qrpin_gui.ui.badge import Badge
from qrpin_gui.ui.badge_print import print_to, print_with_dialog, save_pdf, suggested_pdf_name
from qrpin_gui.ui.fullscreen_qr import FullScreenQr
from qrpin_gui.ui.pin_messages import problem_text, unknown_text
from qrpin_gui.ui.pin_services import OneCall, PinDialogServices
from qrpin_gui.ui.qr_dialog_parts import (
    OneWriteDialog,
    PinHandover,
    ask_pdf_path,
    busy_bar,
    check_status_button,
    heading_label,
    journal_delivery,
    message_line,
    pdf_problem_text,
    person_name,
    printer_problem_text,
)
from qrpin_gui.ui.qr_issued_view import IssuedCodeView

logger = logging.getLogger(__name__)

QrServices = PinDialogServices
"""The dialogs need exactly what the PIN dialogs need (graph, journal, policy, offline reason,
actor, store names, apply_row, connection_changed)."""


def secret_free(result: ActionResult | None) -> ActionResult | None:
    """``result`` without its one-time secrets: the code keeps its dates but not its image,
    the PIN is dropped. Outcome, row, request id and ``before`` stay."""
    if result is None or (result.code is None and result.pin is None):
        return result
    code = result.code
    if code is not None:
        code = dataclasses.replace(code, code=code.code.without_image())
    return dataclasses.replace(result, code=code, pin=None)


class DialogState(Enum):
    EDIT = "edit"
    BUSY = "busy"
    ISSUED = "issued"
    """A one-time badge (and maybe a PIN) is shown."""
    DONE = "done"
    FAILED = "failed"
    UNKNOWN = "unknown"
    CHECKED = "checked"
    CLOSED = "closed"


class QrActionDialog(OneWriteDialog):
    """What every QR dialog shares: one action task (Cancel and "result unknown" with Check
    status come from :class:`OneWriteDialog`), the one-time badge/PIN view with print/save,
    and closing that protects an unprinted code.

    Subclasses build their inputs in :meth:`_build_inputs`, say what the main button does
    (:meth:`_go`), and may override :meth:`_after_done` for results without a secret.
    """

    action_label = ""
    """Short verb phrase for messages ("create the QR sign-in")."""
    journal_action: Action = Action.CREATE_METHOD

    def __init__(
        self, row: RosterRow, services: PinDialogServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.row = row
        self.state = DialogState.EDIT
        self.badge: Badge | None = None
        self._code_issuance: str | None = None
        self._code_delivered = False
        self.fullscreen: FullScreenQr | None = None
        self.call.busy_changed.connect(self._set_busy)
        self.output = OneCall(self)
        self.setMinimumWidth(560)
        self._build()
        if services.connection_changed is not None:
            services.connection_changed.connect(self._on_connection_changed)
        self._on_connection_changed(not services.offline_reason(), services.offline_reason())

    # ------------------------------------------------------------------ building
    @property
    def person(self) -> str:
        return person_name(self.row)

    def _about_person(self, text: str) -> str:
        """``text`` (already translated) with ``%1`` replaced by the person's name."""
        return text.replace("%1", self.person)

    def _set_texts(self, window_title: str, title: str, explain: str) -> None:
        """The window title, the heading and the explanation (``%1`` = the person)."""
        self.setWindowTitle(window_title)
        self.title_label.setText(self._about_person(title))
        self.explain_label.setText(self._about_person(explain))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title_label = heading_label(self)
        self.title_label.setWordWrap(True)
        self.explain_label = QLabel(self)
        self.explain_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addWidget(self.explain_label)

        self.inputs = QWidget(self)
        self.form = QFormLayout(self.inputs)
        self.form.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.inputs)

        self.message_label = message_line(self)
        layout.addWidget(self.message_label)

        # The one-time result: badge preview, its buttons, the PIN, the reminder.
        self.result_box = IssuedCodeView(self)
        self.preview = self.result_box.preview
        self.fullscreen_button = self.result_box.fullscreen_button
        self.print_button = self.result_box.print_button
        self.save_button = self.result_box.save_button
        self.pin_caption = self.result_box.pin_caption
        self.pin_view = self.result_box.pin_view
        self.reminder_label = self.result_box.reminder_label
        self.pin_handover = PinHandover(self, self.pin_view, lambda: self.row)
        self.result_box.hide()
        layout.addWidget(self.result_box)
        self.fullscreen_button.clicked.connect(self.show_full_screen)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)

        self.busy_bar = busy_bar(self, self.tr("Waiting for Microsoft"))
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.check_button = check_status_button(
            self,
            self.tr("Check &status"),
            self.tr("Read this person's QR sign-in again (sends no change)"),
        )
        self.go_button = QPushButton(self)
        self.go_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Cancel"), self)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.go_button.clicked.connect(self._on_go_clicked)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.close_button.clicked.connect(self._request_close)
        self._build_inputs()
        self._validate()

    def _build_inputs(self) -> None:
        """Add this dialog's inputs to ``self.form`` and set the texts."""

    def _input_problem(self) -> str:
        """Why the inputs cannot be sent ("" = they can)."""
        return ""

    def _go(self) -> Awaitable[ActionResult]:
        raise NotImplementedError

    # ------------------------------------------------------------------ messages
    def _problem(self, error: ActionError) -> str:
        reason = error.not_manageable
        return problem_text(
            error,
            person=self.person,
            action=self.action_label,
            target_is_admin=self.row.is_admin or reason is NotManageableReason.ADMIN_ROLE_HOLDER,
            in_my_stores=None if reason is not NotManageableReason.OUTSIDE_STORES else False,
            min_length=self.services.policy().pin_length,
        )

    # ------------------------------------------------------------------ state
    def _can_send(self) -> bool:
        return (
            not self.services.offline_reason()
            and self.state in (DialogState.EDIT, DialogState.FAILED, DialogState.CHECKED)
            and not self._input_problem()
        )

    def _validate(self, *_args: Any) -> None:
        problem = self._input_problem() if self.state is DialogState.EDIT else ""
        self.go_button.setEnabled(not self.call.running and self._can_send())
        self.go_button.setToolTip(problem)

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.inputs.setEnabled(not busy and self.state is not DialogState.ISSUED)
        self.check_button.setEnabled(not busy and not self.services.offline_reason())
        self._validate()
        issued = self.state in (DialogState.ISSUED, DialogState.DONE)
        self.close_button.setText(self.tr("Cancel") if busy or not issued else self.tr("Close"))

    def _on_connection_changed(self, online: bool, reason: str) -> None:
        del online
        offline = bool(self.services.offline_reason()) or bool(reason)
        if offline and not self.call.running and self.state is DialogState.EDIT:
            self.show_message(
                self.tr("Offline: changes are disabled until the connection is back."),
                error=True,
            )
        elif not offline and self.state is DialogState.EDIT:
            self.message_label.hide()
        self._validate()
        self.check_button.setEnabled(not offline and not self.call.running)

    # ------------------------------------------------------------------ running
    def _on_go_clicked(self) -> None:
        if self.call.running or not self._can_send():
            return
        self.state = DialogState.BUSY
        self._start_write(self._run(), self.row)

    async def _run(self) -> None:
        try:
            result = await self._go()
        except ActionError as error:
            self._failed(error)
            return
        await self._handle(result)

    async def _handle(self, result: ActionResult) -> None:
        self.last_result = result
        if result.outcome is ActionOutcome.UNKNOWN:
            self._show_unknown(result, unknown_text(self.action_label), error=True)
            return
        if result.row is not None:
            self._apply(result.row)
        if result.code is not None and result.code.image is not None:
            self._show_issued(result.code, result.pin)
            return
        self.state = DialogState.DONE
        self._after_done(result)
        self.go_button.hide()
        self.inputs.setEnabled(False)
        self.close_button.setText(self.tr("Close"))

    def _after_done(self, result: ActionResult) -> None:
        self.show_message(self.tr("Done."), ok=True)

    def _failed(self, error: ActionError) -> None:
        self.state = DialogState.FAILED
        self.show_message(self._problem(error), error=True)
        if error.problem in (Problem.NOT_MANAGEABLE, Problem.PERMISSION, Problem.NO_METHOD):
            self.go_button.hide()
            self.inputs.setEnabled(False)
        self._validate()

    # ------------------------------------------------------------------ the one-time result
    def _show_issued(self, code: IssuedCode, pin: IssuedPin | None) -> None:
        self.state = DialogState.ISSUED
        temporary = code.kind is CodeKind.TEMPORARY
        self.badge = Badge.from_code(
            code.code,
            worker_name=self.person,
            store=self.services.store_name(self.row),
            upn=self.row.user.upn,
            temporary=temporary,
        )
        self._code_issuance = code.issuance_id
        if pin is not None:
            self.pin_handover.issued(pin)
        self.inputs.hide()
        self.go_button.hide()
        self.result_box.show_issued(
            self.badge,
            temporary=temporary,
            pin=pin.code if pin is not None else None,
            reminder=self._reminder(),
        )
        self.title_label.setText(self._issued_title())
        self.explain_label.setText(self._issued_text())
        self.close_button.setText(self.tr("Close"))
        self.adjustSize()

    def _issued_title(self) -> str:
        return self._about_person(self.tr("New badge for %1"))

    def _issued_text(self) -> str:
        return self.tr(
            "Print it or save it as PDF now: the code is shown only this once and cannot be "
            "fetched again."
        )

    def _reminder(self) -> str:
        return ""

    def held_issuances(self) -> list[str]:
        """The journal issuances whose secret this dialog still holds, undelivered (the
        "unprinted badges" list leaves them out while the dialog is open); the code first."""
        held = []
        if self._code_issuance and not self._code_delivered:
            held.append(self._code_issuance)
        return held + self.pin_handover.held()

    # ------------------------------------------------------------------ delivery
    def show_full_screen(self) -> FullScreenQr | None:
        if self.badge is None:
            return None
        if self.fullscreen is not None:
            self.fullscreen.close()
        window = FullScreenQr(self.badge, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.closed.connect(self._on_fullscreen_closed)
        self.fullscreen = window
        window.show_on(self)
        self._code_delivered_by(Delivery.SHOWN_FOR_SCAN)
        return window

    def _on_fullscreen_closed(self) -> None:
        self.fullscreen = None
        if self.badge is not None:
            self.show_message(
                self.tr(
                    "The code was shown full screen. While this window is open you can show it "
                    "again, print it or save it."
                ),
                ok=True,
            )

    def _on_print_clicked(self) -> None:
        if self.badge is None or self.output.running:
            return
        self.output.start(self._print_badge())

    async def _print_badge(self) -> None:
        badge = self.badge
        if badge is None:
            return
        try:
            printed = await print_with_dialog(self, [badge])
        except OSError:
            self.show_message(printer_problem_text(), error=True)
            return
        if printed:
            self._code_delivered_by(Delivery.PRINTED)

    def _badge_out(
        self, write: Callable[[list[Badge]], object], problem: str, how: Delivery
    ) -> bool:
        """Print or save the badge with ``write``; on success it counts as delivered, an OS
        error is shown as ``problem``."""
        if self.badge is None:
            return False
        try:
            write([self.badge])
        except OSError:
            self.show_message(problem, error=True)
            return False
        self._code_delivered_by(how)
        return True

    def print_to(self, printer: Any) -> bool:
        """Print the badge on an already configured printer (the print dialog's)."""
        write = functools.partial(print_to, printer)
        return self._badge_out(write, printer_problem_text(), Delivery.PRINTED)

    def _on_save_clicked(self) -> None:
        if self.badge is not None:
            name = suggested_pdf_name([self.badge])
            ask_pdf_path(self, self.tr("Save badge as PDF"), name, self.save_badge_to)

    def save_badge_to(self, path: str) -> bool:
        """Save the badge as a PDF at ``path`` (the file dialog's choice)."""
        write = functools.partial(save_pdf, path)
        return self._badge_out(write, pdf_problem_text(), Delivery.SAVED_PDF)

    def _code_delivered_by(self, how: Delivery) -> None:
        if not self._code_delivered:
            self._code_delivered = True
            journal_delivery(self.services.journal, self._code_issuance, how)
        texts = {
            Delivery.PRINTED: self.tr("The badge went to the printer."),
            Delivery.SAVED_PDF: self.tr("The badge was saved as PDF."),
            Delivery.SHOWN_FOR_SCAN: self.tr("Shown full screen. Press Esc to close it."),
        }
        self.show_message(texts.get(how, self.tr("Done.")), ok=True)

    # ------------------------------------------------------------------ check status
    async def _check(self) -> None:
        try:
            status = await check_status(
                self.services.context(), self.row.id, row=self.row, result=self.last_result
            )
        except ActionError as error:
            self.show_message(self._problem(error), error=True)
            return
        if status.row is not None:
            self._apply(status.row)
        self.state = DialogState.CHECKED
        self.check_button.hide()
        self.show_message(self._checked_text(status.applied), error=status.applied is True)
        self._after_check(status.applied)
        self._validate()

    def _checked_text(self, applied: bool | None) -> str:
        if applied is True:
            return self.tr(
                "Checked: Microsoft carried it out, but its answer (with the one-time code) was "
                "lost. If a new code was issued it cannot be shown: issue a new badge to print "
                "one."
            )
        if applied is False:
            return self.tr("Checked: nothing was changed. You can try again.")
        return self.tr("Checked, but it cannot be told whether the change was made.")

    def _after_check(self, applied: bool | None) -> None:
        self.go_button.setText(self.tr("Try &again"))
        self.go_button.setVisible(applied is not True)
        self.inputs.setEnabled(True)

    # ------------------------------------------------------------------ closing
    @property
    def needs_confirmation(self) -> bool:
        code = self.badge is not None and not self._code_delivered
        return code or self.pin_handover.unhanded

    def _back_to_editing(self) -> None:
        self.state = DialogState.EDIT
        self._validate()

    def _outcome_unknown(self) -> None:
        self.state = DialogState.UNKNOWN
        self._validate()

    def _ask_discard(self) -> None:
        self._ask_discard_with(
            self.tr("Close without printing?"),
            self.tr(
                "The code has not been printed or saved. It cannot be shown again; you would "
                "have to replace it."
            ),
            self.tr("Close and forget the code"),
        )

    def _discard_secrets(self) -> None:
        if self._code_issuance and not self._code_delivered:
            journal_delivery(self.services.journal, self._code_issuance, Delivery.DISCARDED)
        self.pin_handover.discard()
        self._code_issuance = None

    def clear_secrets(self) -> None:
        """Forget the badge and PIN now (dialog closing, app lock). ``last_result`` keeps
        what others read (outcome, row, request id) without the image or the PIN."""
        self.badge = None
        self.last_result = secret_free(self.last_result)
        self.result_box.forget()
        self.pin_handover.forget()
        if self.fullscreen is not None:
            window, self.fullscreen = self.fullscreen, None
            window.close()

    def reject(self) -> None:
        """Programmatic close (and the end of every close): cancel, forget, close."""
        self.call.cancel()
        self.output.cancel()
        self._close_question()
        self.clear_secrets()
        self.state = DialogState.CLOSED
        super().reject()

    def done(self, code: int) -> None:
        self.clear_secrets()
        super().done(code)
