"""The QR code lifecycle dialogs: set up QR sign-in, temporary code (forgotten badge), new
badge (lost badge), extend expiry, delete a code or the whole method.

Each dialog collects input, runs ONE Qt-free action (:mod:`qrpin_gui.actions`) as a task it
keeps (Cancel/Esc cancels it), and shows the result: the roster row is refreshed from the
answer, a one-time badge (and first PIN) is shown with Print, Save as PDF (and, for a
temporary code, full screen). A lost answer is "result unknown" with Check status; nothing is
ever sent again by itself.

The action journals "issued, not yet printed or saved" before the secret reaches the dialog;
printing, saving (or showing a temporary code full screen) marks it delivered. Closing before
that asks first: the code cannot be shown again. The badge and PIN live only in the dialog and
are forgotten when it closes (or the app locks).

:func:`install` registers the row actions with the main window's ``RowActionRegistry`` and the
dialogs with ``--self-test``.
"""

from __future__ import annotations

import functools
import logging
import weakref
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QPointF, QSize, Qt, QTime, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTimeEdit,
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
    create_method,
    create_temporary_code,
    delete_method,
    delete_standard_code,
    delete_temporary_code,
    extend_expiry,
    replace_standard_code,
)
from qrpin_gui.core import pins
from qrpin_gui.core.capability import NotManageableReason
from qrpin_gui.core.models import (
    MAX_STANDARD_LIFETIME_DAYS,
    MAX_TEMPORARY_LIFETIME_HOURS,
    MIN_TEMPORARY_LIFETIME_HOURS,
    FetchKind,
    QrCode,
    RosterRow,
    User,
)
from qrpin_gui.graph.qr_methods import CodeKind
from qrpin_gui.offline.journal import Action, Delivery, JournalValueError
from qrpin_gui.ui.badge import (
    BADGE_MIN_HEIGHT_INCHES,
    BADGE_WIDTH_INCHES,
    Badge,
    badge_geometry,
    format_badge_date,
    paint_badge,
)
from qrpin_gui.ui.badge_print import print_to, print_with_dialog, save_pdf, suggested_pdf_name
from qrpin_gui.ui.fullscreen_qr import FullScreenQr
from qrpin_gui.ui.pin_messages import cancelled_text, pin_rule_text, problem_text, unknown_text
from qrpin_gui.ui.pin_services import OneCall, PinDialogServices
from qrpin_gui.ui.pin_slip import PinSlip, SlipPrinter, save_slip_pdf
from qrpin_gui.ui.row_actions import RowAction, RowActionRegistry
from qrpin_gui.ui.secret_view import SecretPinView

logger = logging.getLogger(__name__)

QrServices = PinDialogServices
"""The dialogs need exactly what the PIN dialogs need (graph, journal, policy, offline reason,
actor, store names, apply_row, connection_changed)."""

_ERROR_STYLE = "color: white; background: #b3261e; padding: 6px; border-radius: 4px;"
_INFO_STYLE = "padding: 6px; border: 1px solid palette(mid); border-radius: 4px;"
_OK_STYLE = "color: white; background: #1e6b35; padding: 6px; border-radius: 4px;"
_WARN_STYLE = "color: black; background: #f5d67b; padding: 6px; border-radius: 4px;"

SHIFT_ENDS = (time(6, 0), time(14, 0), time(18, 0), time(22, 0))
"""Shift ends offered for a temporary code (the manager may type another time)."""


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


def _local(dt: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(dt.timestamp())).toLocalTime()


def _utc(qdt: QDateTime) -> datetime:
    return datetime.fromtimestamp(qdt.toSecsSinceEpoch(), tz=UTC)


def _hours_text(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


# --------------------------------------------------------------------------- badge preview


class BadgePreview(QWidget):
    """The badge exactly as it prints, scaled to the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._badge: Badge | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Badge preview"))
        self.setMinimumSize(QSize(360, 240))

    def set_badge(self, badge: Badge | None) -> None:
        self._badge = badge
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(450, 300)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(width * BADGE_MIN_HEIGHT_INCHES / BADGE_WIDTH_INCHES)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            if self._badge is None:
                return
            geo = badge_geometry(self._badge)
            dpi = min((self.width() - 2) / geo.width, (self.height() - 2) / geo.height)
            left = (self.width() - geo.width * dpi) / 2
            top = (self.height() - geo.height * dpi) / 2
            paint_badge(painter, self._badge, QPointF(left, top), dpi)
        finally:
            painter.end()


# --------------------------------------------------------------------------- base dialog


class QrActionDialog(QDialog):
    """What every QR dialog shares: one action task, result unknown + Check status, the
    one-time badge/PIN view with print/save, and closing that protects an unprinted code.

    Subclasses build their inputs in :meth:`_build_inputs`, say what the main button does
    (:meth:`_go`), and may override :meth:`_after_done` for results without a secret.
    """

    row_updated = Signal(object)
    action_label = ""
    """Short verb phrase for messages ("create the QR sign-in")."""
    journal_action: Action = Action.CREATE_METHOD

    def __init__(
        self, row: RosterRow, services: PinDialogServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.services = services
        self.state = DialogState.EDIT
        self.last_result: ActionResult | None = None
        self.badge: Badge | None = None
        self._code_issuance: str | None = None
        self._pin_issuance: str | None = None
        self._code_delivered = False
        self._pin_delivered = False
        self._must_change = True
        self._asking: QMessageBox | None = None
        self._started_at = datetime.now(UTC)
        self.fullscreen: FullScreenQr | None = None
        self.call = OneCall(self)
        self.call.busy_changed.connect(self._set_busy)
        self.output = OneCall(self)
        self.slip_printer = SlipPrinter(self)
        self.slip_printer.printed.connect(lambda: self._pin_delivered_by(Delivery.PRINTED))
        self.setMinimumWidth(560)
        self._build()
        if services.connection_changed is not None:
            services.connection_changed.connect(self._on_connection_changed)
        self._on_connection_changed(not services.offline_reason(), services.offline_reason())

    # ------------------------------------------------------------------ building
    @property
    def person(self) -> str:
        return self.row.user.display_name or self.row.user.upn or self.row.id

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.explain_label = QLabel(self)
        self.explain_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addWidget(self.explain_label)

        self.inputs = QWidget(self)
        self.form = QFormLayout(self.inputs)
        self.form.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.inputs)

        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        layout.addWidget(self.message_label)

        # The one-time result: badge preview, its buttons, the PIN, the reminder.
        self.result_box = QWidget(self)
        result = QVBoxLayout(self.result_box)
        result.setContentsMargins(0, 0, 0, 0)
        self.preview = BadgePreview(self.result_box)
        result.addWidget(self.preview)
        out = QHBoxLayout()
        self.fullscreen_button = QPushButton(self.tr("Show &full screen"), self.result_box)
        self.fullscreen_button.setToolTip(
            self.tr("Show the code on this screen for the store device's camera")
        )
        self.print_button = QPushButton(self.tr("&Print badge…"), self.result_box)
        self.save_button = QPushButton(self.tr("Save badge as P&DF…"), self.result_box)
        out.addWidget(self.fullscreen_button)
        out.addWidget(self.print_button)
        out.addWidget(self.save_button)
        out.addStretch(1)
        result.addLayout(out)
        self.pin_caption = QLabel(self.tr("First PIN (shown once):"), self.result_box)
        self.pin_view = SecretPinView(self.result_box)
        self.pin_view.copied.connect(lambda: self._pin_delivered_by(Delivery.COPIED))
        self.pin_view.print_requested.connect(self._on_print_slip_clicked)
        self.pin_view.save_requested.connect(self._on_save_slip_clicked)
        result.addWidget(self.pin_caption)
        result.addWidget(self.pin_view)
        self.reminder_label = QLabel(self.result_box)
        self.reminder_label.setWordWrap(True)
        self.reminder_label.setStyleSheet(_WARN_STYLE)
        result.addWidget(self.reminder_label)
        self.result_box.hide()
        layout.addWidget(self.result_box)
        self.fullscreen_button.clicked.connect(self.show_full_screen)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)

        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setAccessibleName(self.tr("Waiting for Microsoft"))
        self.busy_bar.hide()
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check &status"), self)
        self.check_button.setToolTip(
            self.tr("Read this person's QR sign-in again (sends no change)")
        )
        self.check_button.hide()
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
    def show_message(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(
            _ERROR_STYLE if error else _OK_STYLE if ok else _INFO_STYLE
        )
        self.message_label.setAccessibleDescription(text)
        self.message_label.show()

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
        self.message_label.hide()
        self.check_button.hide()
        self.last_result = None
        self._started_at = datetime.now(UTC)
        self.call.start(self._run())

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
            self.state = DialogState.UNKNOWN
            self.show_message(unknown_text(self.action_label), error=True)
            self.check_button.show()
            self._validate()
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

    def _apply(self, row: RosterRow) -> None:
        self.row = row
        try:
            self.services.apply_row(row)
        finally:
            self.row_updated.emit(row)

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
        self.preview.set_badge(self.badge)
        self.fullscreen_button.setVisible(temporary)
        if pin is not None:
            self._pin_issuance = pin.issuance_id
            self._must_change = pin.must_change
            self.pin_view.show_pin(pin.code)
        self.pin_caption.setVisible(pin is not None)
        self.pin_view.setVisible(pin is not None)
        reminder = self._reminder()
        self.reminder_label.setText(reminder)
        self.reminder_label.setVisible(bool(reminder))
        self.inputs.hide()
        self.go_button.hide()
        self.result_box.show()
        self.title_label.setText(self._issued_title())
        self.explain_label.setText(self._issued_text())
        self.close_button.setText(self.tr("Close"))
        (self.fullscreen_button if temporary else self.print_button).setFocus()
        self.adjustSize()

    def _issued_title(self) -> str:
        return self.tr("New badge for %1").replace("%1", self.person)

    def _issued_text(self) -> str:
        return self.tr(
            "Print it or save it as PDF now: the code is shown only this once and cannot be "
            "fetched again."
        )

    def _reminder(self) -> str:
        return ""

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
            self.show_message(self.tr("The printer could not be used."), error=True)
            return
        if printed:
            self._code_delivered_by(Delivery.PRINTED)

    def print_to(self, printer: Any) -> bool:
        """Print the badge on an already configured printer (the print dialog's)."""
        if self.badge is None:
            return False
        try:
            print_to(printer, [self.badge])
        except OSError:
            self.show_message(self.tr("The printer could not be used."), error=True)
            return False
        self._code_delivered_by(Delivery.PRINTED)
        return True

    def _on_save_clicked(self) -> None:
        if self.badge is None:
            return
        dialog = QFileDialog(self, self.tr("Save badge as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(suggested_pdf_name([self.badge]))
        dialog.fileSelected.connect(self.save_badge_to)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def save_badge_to(self, path: str) -> bool:
        """Save the badge as a PDF at ``path`` (the file dialog's choice)."""
        if self.badge is None:
            return False
        try:
            save_pdf(path, [self.badge])
        except OSError:
            self.show_message(self.tr("The PDF could not be saved there."), error=True)
            return False
        self._code_delivered_by(Delivery.SAVED_PDF)
        return True

    def _code_delivered_by(self, how: Delivery) -> None:
        first = not self._code_delivered
        self._code_delivered = True
        if first:
            self._mark(self._code_issuance, how)
        texts = {
            Delivery.PRINTED: self.tr("The badge went to the printer."),
            Delivery.SAVED_PDF: self.tr("The badge was saved as PDF."),
            Delivery.SHOWN_FOR_SCAN: self.tr("Shown full screen. Press Esc to close it."),
        }
        self.show_message(texts.get(how, self.tr("Done.")), ok=True)

    def _pin_delivered_by(self, how: Delivery) -> None:
        first = not self._pin_delivered
        self._pin_delivered = True
        if first:
            self._mark(self._pin_issuance, how)
        if how is Delivery.COPIED:
            self.show_message(
                self.tr("PIN copied. The clipboard is cleared after a minute."), ok=True
            )
        else:
            self.show_message(self.tr("The PIN slip is ready."), ok=True)

    def _mark(self, issuance: str | None, how: Delivery) -> None:
        if issuance and self.services.journal is not None:
            try:
                self.services.journal.mark_delivered(issuance, how)
            except (OSError, JournalValueError) as exc:
                logger.warning("Journal delivery not written (%s)", type(exc).__name__)

    def _pin_slip(self) -> PinSlip | None:
        pin = self.pin_view.secret()
        if not pin:
            return None
        return PinSlip(
            worker_name=self.person,
            upn=self.row.user.upn,
            store=self.services.store_name(self.row),
            pin=pin,
            must_change=self._must_change,
            issued_at=datetime.now(UTC),
        )

    def _on_print_slip_clicked(self) -> None:
        slip = self._pin_slip()
        if slip is not None:
            self.slip_printer.start(slip)

    def _on_save_slip_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Save PIN slip"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(self.tr("PIN slip") + ".pdf")
        dialog.fileSelected.connect(self.save_slip_to)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def save_slip_to(self, path: str) -> bool:
        slip = self._pin_slip()
        if slip is None:
            return False
        try:
            save_slip_pdf(slip, path)
        except OSError:
            self.show_message(self.tr("The PDF could not be saved there."), error=True)
            return False
        self._pin_delivered_by(Delivery.SAVED_PDF)
        return True

    # ------------------------------------------------------------------ check status
    def _on_check_clicked(self) -> None:
        if self.call.running:
            return
        self.call.start(self._check())

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
        pin = self.pin_view.has_secret and not self._pin_delivered
        return code or pin

    def _request_close(self) -> None:
        """Close asked for by the user (Close/Cancel, Esc, the window's X)."""
        if self.call.running:
            self._cancel_call()
            return
        if self.needs_confirmation:
            self._ask_discard()
            return
        self.reject()

    def _cancel_call(self) -> None:
        """Cancel the request in flight; the dialog stays open with "Check status"."""
        self.call.cancel()
        if self.state is DialogState.BUSY:
            self.last_result = ActionResult(
                self.journal_action,
                ActionOutcome.UNKNOWN,
                self.row.id,
                self._started_at,
                before=self.row.method,
                before_known=self.row.fetch.kind is FetchKind.LOADED,
            )
            self.state = DialogState.UNKNOWN
            self.show_message(cancelled_text())
            self.check_button.show()

    def _ask_discard(self) -> None:
        if self._asking is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Close without printing?"),
            self.tr(
                "The code has not been printed or saved. It cannot be shown again; you would "
                "have to replace it."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        self.discard_button = box.addButton(
            self.tr("Close and forget the code"), QMessageBox.ButtonRole.DestructiveRole
        )
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.finished.connect(lambda _code: self._on_discard_answer(box))
        self._asking = box
        box.open()

    def _on_discard_answer(self, box: QMessageBox) -> None:
        self._asking = None
        discard = box.clickedButton() is self.discard_button
        box.deleteLater()
        if not discard:
            return
        if not self._code_delivered:
            self._mark(self._code_issuance, Delivery.DISCARDED)
            self._code_issuance = None
        if not self._pin_delivered:
            self._mark(self._pin_issuance, Delivery.DISCARDED)
            self._pin_issuance = None
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self._request_close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and (self.call.running or self.needs_confirmation):
            event.ignore()
            self._request_close()
            return
        super().closeEvent(event)

    def clear_secrets(self) -> None:
        """Forget the badge and PIN now (dialog closing, app lock)."""
        self.badge = None
        self.preview.set_badge(None)
        self.pin_view.clear()
        self.slip_printer.forget()
        if self.fullscreen is not None:
            window, self.fullscreen = self.fullscreen, None
            window.close()

    def reject(self) -> None:
        """Programmatic close (and the end of every close): cancel, forget, close."""
        self.call.cancel()
        self.output.cancel()
        if self._asking is not None:
            box, self._asking = self._asking, None
            box.reject()
        self.clear_secrets()
        self.state = DialogState.CLOSED
        super().reject()

    def done(self, code: int) -> None:
        self.clear_secrets()
        super().done(code)


# --------------------------------------------------------------------------- helpers


def _standard_expiry_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(edit.locale().dateFormat(edit.locale().FormatType.ShortFormat))
    return edit


def _lifetime_note(services: PinDialogServices) -> str:
    t = QCoreApplication.translate
    policy = services.policy()
    days = str(policy.standard_lifetime_days)
    if policy.assumed:
        return t(
            "QrDialogs", "Default %1 days (tenant default assumed: the policy could not be read)."
        ).replace("%1", days)
    return t("QrDialogs", "Default %1 days (your organisation's policy).").replace("%1", days)


# --------------------------------------------------------------------------- create


class CreateMethodDialog(QrActionDialog):
    """Set up QR sign-in for a worker: activation, expiry, first PIN; then the badge and PIN."""

    action_label = "set up QR sign-in"
    journal_action = Action.CREATE_METHOD

    def _build_inputs(self) -> None:
        self.setWindowTitle(self.tr("Set up QR sign-in"))
        self.title_label.setText(self.tr("Set up QR sign-in for %1").replace("%1", self.person))
        self.explain_label.setText(
            self.tr(
                "%1 gets a badge (a QR code) and a first PIN. Both are shown only once, right "
                "after this: have the printer ready."
            ).replace("%1", self.person)
        )
        self.now_radio = QRadioButton(self.tr("&Now"), self.inputs)
        self.later_radio = QRadioButton(self.tr("&Later:"), self.inputs)
        self.now_radio.setChecked(True)
        self.start_group = QButtonGroup(self)
        self.start_group.addButton(self.now_radio)
        self.start_group.addButton(self.later_radio)
        self.start_edit = QDateTimeEdit(self.inputs)
        self.start_edit.setCalendarPopup(True)
        now = QDateTime.currentDateTime()
        self.start_edit.setMinimumDateTime(now)
        self.start_edit.setDateTime(now.addDays(1))
        self.start_edit.setEnabled(False)
        start_row = QHBoxLayout()
        start_row.addWidget(self.now_radio)
        start_row.addWidget(self.later_radio)
        start_row.addWidget(self.start_edit, 1)
        self.form.addRow(self.tr("Works from:"), start_row)

        self.expiry_edit = _standard_expiry_edit(self.inputs)
        self.lifetime_label = QLabel(_lifetime_note(self.services), self.inputs)
        self.lifetime_label.setWordWrap(True)
        self.form.addRow(self.tr("Expires on:"), self.expiry_edit)
        self.form.addRow("", self.lifetime_label)

        self.service_pin_radio = QRadioButton(self.tr("Let Microsoft &generate it"), self.inputs)
        self.typed_pin_radio = QRadioButton(self.tr("&Type one:"), self.inputs)
        self.service_pin_radio.setChecked(True)
        self.pin_group = QButtonGroup(self)
        self.pin_group.addButton(self.service_pin_radio)
        self.pin_group.addButton(self.typed_pin_radio)
        self.pin_edit = QLineEdit(self.inputs)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(pins.PIN_MAX_LENGTH)
        self.pin_edit.setEnabled(False)
        self.pin_edit.setAccessibleName(self.tr("First PIN"))
        self.show_pin_box = QCheckBox(self.tr("Show"), self.inputs)
        self.show_pin_box.setEnabled(False)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.service_pin_radio)
        pin_row.addWidget(self.typed_pin_radio)
        pin_row.addWidget(self.pin_edit, 1)
        pin_row.addWidget(self.show_pin_box)
        self.form.addRow(self.tr("First PIN:"), pin_row)
        self.pin_rules_label = QLabel(self.inputs)
        self.pin_rules_label.setWordWrap(True)
        self.form.addRow("", self.pin_rules_label)
        self.go_button.setText(self.tr("&Set up"))

        self.later_radio.toggled.connect(self._on_start_mode)
        self.start_edit.dateTimeChanged.connect(self._on_start_changed)
        self.expiry_edit.dateChanged.connect(self._validate)
        self.typed_pin_radio.toggled.connect(self._on_pin_mode)
        self.pin_edit.textEdited.connect(self._on_pin_edited)
        self.show_pin_box.toggled.connect(
            lambda on: self.pin_edit.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self._on_start_changed()
        self.expiry_edit.setDate(
            self._start_local().date().addDays(self.services.policy().standard_lifetime_days)
        )

    def _start_local(self) -> QDateTime:
        return (
            self.start_edit.dateTime()
            if self.later_radio.isChecked()
            else QDateTime.currentDateTime()
        )

    def _on_start_mode(self, later: bool) -> None:
        self.start_edit.setEnabled(later)
        if later:
            self.start_edit.setMinimumDateTime(QDateTime.currentDateTime())
        self._on_start_changed()

    def _on_start_changed(self, *_args: Any) -> None:
        start = self._start_local().date()
        self.expiry_edit.setMinimumDate(start.addDays(1))
        self.expiry_edit.setMaximumDate(start.addDays(MAX_STANDARD_LIFETIME_DAYS))
        self._validate()

    def _on_pin_mode(self, typed: bool) -> None:
        self.pin_edit.setEnabled(typed)
        self.show_pin_box.setEnabled(typed)
        if typed:
            self.pin_edit.setFocus()
        else:
            self.pin_edit.clear()
        self._validate()

    def _on_pin_edited(self, text: str) -> None:
        trimmed = text.strip()
        if trimmed != text:
            self.pin_edit.setText(trimmed)
        self._validate()

    def typed_pin(self) -> str | None:
        return self.pin_edit.text() if self.typed_pin_radio.isChecked() else None

    def window_utc(self) -> tuple[datetime | None, datetime]:
        """(start, expiry) to send: start None = now. The expiry keeps the start's time of
        day, moved earlier when needed to stay within 395 days."""
        later = self.later_radio.isChecked()
        start_local = self._start_local()
        expiry_local = QDateTime(self.expiry_edit.date(), start_local.time())
        start = _utc(start_local)
        expire = _utc(expiry_local)
        limit = start + timedelta(days=MAX_STANDARD_LIFETIME_DAYS)
        if expire > limit:
            expire = limit
        return (start if later else None), expire

    def _input_problem(self) -> str:
        if (
            self.later_radio.isChecked()
            and self.start_edit.dateTime() < QDateTime.currentDateTime().addSecs(-60)
        ):
            return self.tr("The start cannot be in the past.")
        pin = self.typed_pin()
        if pin is None:
            self.pin_rules_label.setText("")
            return ""
        problems = pins.check(pin, self.services.policy().pin_length)
        min_length = self.services.policy().pin_length
        if not pin:
            text = (
                self.tr("Type %1 to %2 digits.")
                .replace("%1", str(min_length))
                .replace("%2", str(pins.PIN_MAX_LENGTH))
            )
            self.pin_rules_label.setText(text)
            return text
        text = " ".join(pin_rule_text(p, min_length) for p in problems)
        self.pin_rules_label.setText(text or self.tr("This PIN follows the rules."))
        return text

    def _go(self) -> Awaitable[ActionResult]:
        start, expire = self.window_utc()
        return create_method(
            self.services.context(), self.row, start=start, expire=expire, pin=self.typed_pin()
        )

    def _issued_title(self) -> str:
        return self.tr("QR sign-in is set up for %1").replace("%1", self.person)

    def _issued_text(self) -> str:
        return self.tr(
            "Print or save the badge and hand over the first PIN now: both are shown only this "
            "once. %1 must choose a new PIN at their first sign-in."
        ).replace("%1", self.person)

    def _reminder(self) -> str:
        return self.tr(
            "Before the first QR sign-in, %1 must sign in once with another method (for "
            'example their password). Until then Microsoft answers "Incorrect QR code".'
        ).replace("%1", self.person)

    def clear_secrets(self) -> None:
        self.pin_edit.clear()
        super().clear_secrets()


# --------------------------------------------------------------------------- temporary


def next_shift_end(now: datetime, ends: tuple[time, ...] = SHIFT_ENDS) -> datetime:
    """The first shift end (local time) at least one hour after ``now`` (local, aware)."""
    candidates = []
    for day in (0, 1):
        for end in ends:
            moment = datetime.combine(now.date() + timedelta(days=day), end, tzinfo=now.tzinfo)
            if (
                timedelta(hours=MIN_TEMPORARY_LIFETIME_HOURS)
                <= moment - now
                <= timedelta(hours=MAX_TEMPORARY_LIFETIME_HOURS)
            ):
                candidates.append(moment)
    return min(candidates) if candidates else now + timedelta(hours=8)


class TemporaryCodeDialog(QrActionDialog):
    """A temporary code for a forgotten badge, valid until the end of the shift (1-12 h)."""

    action_label = "issue a temporary code"
    journal_action = Action.TEMPORARY_CODE

    def _live_temporary(self) -> QrCode | None:
        method = self.row.method
        code = method.temporary if method is not None else None
        if code is not None and not code.is_expired(datetime.now(UTC)):
            return code
        return None

    def _build_inputs(self) -> None:
        self.setWindowTitle(self.tr("Temporary code"))
        self.title_label.setText(
            self.tr("Temporary code for %1 (forgotten badge)").replace("%1", self.person)
        )
        self.explain_label.setText(
            self.tr(
                "%1 signs in with this code and their usual PIN until the end of the shift. "
                "Show it full screen for the store device's camera, or print it."
            ).replace("%1", self.person)
        )
        self.shift_combo = QComboBox(self.inputs)
        local_now = datetime.now().astimezone()
        default_end = next_shift_end(local_now)
        for end in SHIFT_ENDS:
            label = end.strftime("%H:%M")
            self.shift_combo.addItem(self.tr("Shift ending %1").replace("%1", label), label)
        self.shift_combo.addItem(self.tr("Other end time"), "")
        self.until_edit = QTimeEdit(self.inputs)
        self.until_edit.setDisplayFormat("HH:mm")
        self.until_edit.setTime(QTime(default_end.hour, default_end.minute))
        index = self.shift_combo.findData(default_end.strftime("%H:%M"))
        self.shift_combo.setCurrentIndex(index if index >= 0 else self.shift_combo.count() - 1)
        row = QHBoxLayout()
        row.addWidget(self.shift_combo, 1)
        row.addWidget(self.until_edit)
        self.form.addRow(self.tr("Valid until:"), row)
        self.span_label = QLabel(self.inputs)
        self.span_label.setWordWrap(True)
        self.form.addRow("", self.span_label)
        self.delete_first_box = QCheckBox(self.inputs)
        live = self._live_temporary()
        if live is not None and live.expire is not None:
            self.delete_first_box.setText(
                self.tr("Delete the live temporary code first (valid until %1)").replace(
                    "%1", format_badge_date(live.expire, with_time=True)
                )
            )
            self.form.addRow("", self.delete_first_box)
        else:
            self.delete_first_box.hide()
        self.go_button.setText(self.tr("&Issue temporary code"))
        self.shift_combo.currentIndexChanged.connect(self._on_shift_picked)
        self.until_edit.timeChanged.connect(self._on_time_edited)
        self.delete_first_box.toggled.connect(self._validate)

    def _on_shift_picked(self, index: int) -> None:
        end = self.shift_combo.itemData(index)
        if isinstance(end, str) and end:
            self.until_edit.blockSignals(True)
            self.until_edit.setTime(QTime.fromString(end, "HH:mm"))
            self.until_edit.blockSignals(False)
        self._validate()

    def _on_time_edited(self, value: QTime) -> None:
        index = self.shift_combo.findData(value.toString("HH:mm"))
        self.shift_combo.blockSignals(True)
        self.shift_combo.setCurrentIndex(index if index >= 0 else self.shift_combo.count() - 1)
        self.shift_combo.blockSignals(False)
        self._validate()

    def expiry_utc(self) -> datetime:
        """The chosen end: today at that time, or tomorrow when that time has passed."""
        now = datetime.now().astimezone()
        t = self.until_edit.time()
        end = datetime.combine(now.date(), time(t.hour(), t.minute()), tzinfo=now.tzinfo)
        if end <= now:
            end += timedelta(days=1)
        return end.astimezone(UTC)

    def _input_problem(self) -> str:
        if not hasattr(self, "until_edit"):
            return ""
        span = self.expiry_utc() - datetime.now(UTC)
        text = self.tr("Valid for %1.").replace("%1", _hours_text(span))
        problem = ""
        if span < timedelta(hours=MIN_TEMPORARY_LIFETIME_HOURS) - timedelta(minutes=1):
            problem = self.tr("A temporary code must be valid for at least 1 hour.")
        elif span > timedelta(hours=MAX_TEMPORARY_LIFETIME_HOURS):
            problem = self.tr("A temporary code can be valid for at most 12 hours.")
        elif self._live_temporary() is not None and not self.delete_first_box.isChecked():
            problem = self.tr("Only one temporary code can be live: delete the current one first.")
        self.span_label.setText(f"{text} {problem}".strip())
        return problem

    def _go(self) -> Awaitable[ActionResult]:
        return self._issue()

    async def _issue(self) -> ActionResult:
        context = self.services.context()
        row = self.row
        if self._live_temporary() is not None and self.delete_first_box.isChecked():
            deleted = await delete_temporary_code(context, row)
            if deleted.outcome is ActionOutcome.UNKNOWN:
                return deleted
            if deleted.row is not None:
                self._apply(deleted.row)
                row = deleted.row
            self.delete_first_box.setChecked(False)
            self.delete_first_box.hide()
        expire = self.expiry_utc()
        now = datetime.now(UTC)
        if expire - now < timedelta(hours=MIN_TEMPORARY_LIFETIME_HOURS):
            expire = now + timedelta(hours=MIN_TEMPORARY_LIFETIME_HOURS, minutes=1)
        return await create_temporary_code(context, row, expire=expire)

    def _issued_title(self) -> str:
        return self.tr("Temporary code for %1").replace("%1", self.person)

    def _issued_text(self) -> str:
        return self.tr(
            "Show it full screen for the store device's camera, or print it. It is shown only "
            "this once; %1 signs in with it and their usual PIN."
        ).replace("%1", self.person)


# --------------------------------------------------------------------------- replace


class ReplaceBadgeDialog(QrActionDialog):
    """A lost badge: the old code stops working, a new one is issued (the PIN stays)."""

    action_label = "issue a new badge"
    journal_action = Action.REPLACE_STANDARD_CODE

    def _build_inputs(self) -> None:
        self.setWindowTitle(self.tr("New badge (lost badge)"))
        self.title_label.setText(self.tr("Replace the badge of %1?").replace("%1", self.person))
        self.explain_label.setText(
            self.tr(
                "The current badge of %1 stops working now (whoever finds it cannot use it). A "
                "new badge is issued at once; %1 keeps their PIN."
            ).replace("%1", self.person)
        )
        self.expiry_edit = _standard_expiry_edit(self.inputs)
        today = QDate.currentDate()
        self.expiry_edit.setMinimumDate(today.addDays(1))
        self.expiry_edit.setMaximumDate(today.addDays(MAX_STANDARD_LIFETIME_DAYS))
        self.expiry_edit.setDate(today.addDays(self.services.policy().standard_lifetime_days))
        self.form.addRow(self.tr("New badge expires on:"), self.expiry_edit)
        self.form.addRow("", QLabel(_lifetime_note(self.services), self.inputs))
        self.go_button.setText(self.tr("&Replace badge"))

    def expiry_utc(self) -> datetime:
        now = QDateTime.currentDateTime()
        expire = _utc(QDateTime(self.expiry_edit.date(), now.time()))
        return min(
            expire,
            datetime.now(UTC) + timedelta(days=MAX_STANDARD_LIFETIME_DAYS) - timedelta(minutes=5),
        )

    def _go(self) -> Awaitable[ActionResult]:
        return replace_standard_code(self.services.context(), self.row, expire=self.expiry_utc())

    def _failed(self, error: ActionError) -> None:
        super()._failed(error)
        if error.partial:
            self.show_message(
                self.tr(
                    "The old badge was deleted, but the new one was not issued: %1 has no "
                    "working badge now. Press Replace badge again."
                ).replace("%1", self.person)
                + " "
                + self._problem(error),
                error=True,
            )

    def _issued_text(self) -> str:
        return self.tr(
            "The old badge no longer works. Print or save the new one now: it is shown only "
            "this once. %1 keeps their PIN."
        ).replace("%1", self.person)


# --------------------------------------------------------------------------- extend


class ExtendExpiryDialog(QrActionDialog):
    """Move the badge's expiry without reprinting. When Microsoft issues a new code instead
    (the old one had expired or was gone), switch to issue-and-print."""

    action_label = "extend the badge"
    journal_action = Action.EXTEND_EXPIRY

    def _standard(self) -> QrCode | None:
        return self.row.method.standard if self.row.method is not None else None

    def _build_inputs(self) -> None:
        self.setWindowTitle(self.tr("Extend expiry"))
        self.title_label.setText(self.tr("Extend the badge of %1").replace("%1", self.person))
        standard = self._standard()
        now = datetime.now(UTC)
        today = QDate.currentDate()
        self.expiry_edit = _standard_expiry_edit(self.inputs)
        self.expiry_edit.setMinimumDate(today.addDays(1))
        if standard is not None and not standard.is_expired(now) and standard.start is not None:
            limit = standard.start + timedelta(days=MAX_STANDARD_LIFETIME_DAYS)
            max_date = _local(limit - timedelta(minutes=1)).date()
            current = (
                format_badge_date(standard.expire)
                if standard.expire is not None
                else self.tr("unknown")
            )
            self.explain_label.setText(
                self.tr(
                    "The badge currently expires on %1. The printed badge keeps working: no need to "
                    "reprint. A badge can be valid for at most 395 days after it started (%2)."
                )
                .replace("%1", current)
                .replace("%2", format_badge_date(limit))
            )
        else:
            max_date = today.addDays(MAX_STANDARD_LIFETIME_DAYS)
            when = (
                format_badge_date(standard.expire)
                if standard is not None and standard.expire is not None
                else ""
            )
            self.explain_label.setText(
                self.tr(
                    "This badge expired on %1. If Microsoft issues a new code instead of "
                    "extending it, the new badge is shown here to print."
                ).replace("%1", when)
                if when
                else self.tr(
                    "There is no badge right now. Microsoft issues a new code, shown here to print."
                )
            )
        self.expiry_edit.setMaximumDate(max_date)
        default = today.addDays(self.services.policy().standard_lifetime_days)
        self.expiry_edit.setDate(min(default, max_date))
        self.form.addRow(self.tr("New expiry date:"), self.expiry_edit)
        self.go_button.setText(self.tr("&Extend"))

    def expiry_utc(self) -> datetime:
        standard = self._standard()
        now = QDateTime.currentDateTime()
        expire = _utc(QDateTime(self.expiry_edit.date(), now.time()))
        if (
            standard is not None
            and standard.start is not None
            and not standard.is_expired(datetime.now(UTC))
        ):
            limit = standard.start + timedelta(days=MAX_STANDARD_LIFETIME_DAYS)
            expire = min(expire, limit - timedelta(minutes=1))
        return expire.replace(microsecond=0)

    def _go(self) -> Awaitable[ActionResult]:
        return extend_expiry(self.services.context(), self.row, expire=self.expiry_utc())

    def _failed(self, error: ActionError) -> None:
        super()._failed(error)
        standard = self._standard()
        expired = standard is not None and standard.is_expired(datetime.now(UTC))
        if expired and error.problem in (Problem.LIFETIME, Problem.SERVICE):
            self.show_message(
                self._problem(error)
                + " "
                + self.tr(
                    "This badge has expired and Microsoft would not extend it. Issue a new "
                    "badge instead (Person › New badge…); %1 keeps their PIN."
                ).replace("%1", self.person),
                error=True,
            )

    def _after_done(self, result: ActionResult) -> None:
        standard = result.row.method.standard if result.row and result.row.method else None
        when = format_badge_date(standard.expire) if standard and standard.expire else ""
        self.show_message(
            self.tr("Done: the badge now expires on %1. No need to reprint.").replace("%1", when),
            ok=True,
        )

    def _issued_title(self) -> str:
        return self.tr("Microsoft issued a new badge for %1").replace("%1", self.person)

    def _issued_text(self) -> str:
        return self.tr(
            "The old code could not be extended (it had expired or was gone), so Microsoft "
            "issued a new one. The old printed badge does not work: print or save this one now, "
            "it is shown only this once."
        )


# --------------------------------------------------------------------------- delete


class DeleteKind(Enum):
    TEMPORARY = "temporary"
    STANDARD = "standard"
    METHOD = "method"


class DeleteDialog(QrActionDialog):
    """Delete the temporary code, the badge (standard code) or the whole QR sign-in."""

    action_label = "delete it"
    journal_action = Action.DELETE_METHOD

    def _build_inputs(self) -> None:
        self.setWindowTitle(self.tr("Remove QR sign-in"))
        self.title_label.setText(
            self.tr("What should stop working for %1?").replace("%1", self.person)
        )
        self.explain_label.setText(
            self.tr(
                "Pick what to delete and read what stops working; nothing is sent before you press Delete."
            )
        )
        method = self.row.method
        has_temp = method is not None and method.temporary is not None
        has_std = method is not None and method.standard is not None
        self.kind_group = QButtonGroup(self)
        self.kind_radios: dict[DeleteKind, QRadioButton] = {
            DeleteKind.TEMPORARY: QRadioButton(self.tr("The &temporary code"), self.inputs),
            DeleteKind.STANDARD: QRadioButton(self.tr("The &badge (standard code)"), self.inputs),
            DeleteKind.METHOD: QRadioButton(self.tr("&All of QR sign-in (a leaver)"), self.inputs),
        }
        box = QVBoxLayout()
        for radio in self.kind_radios.values():
            self.kind_group.addButton(radio)
            box.addWidget(radio)
            radio.toggled.connect(self._on_kind_changed)
        self.kind_radios[DeleteKind.TEMPORARY].setEnabled(has_temp)
        self.kind_radios[DeleteKind.STANDARD].setEnabled(
            has_std or (method is not None and not method.children_loaded)
        )
        self.form.addRow(box)
        self.consequence_label = QLabel(self.inputs)
        self.consequence_label.setWordWrap(True)
        self.consequence_label.setStyleSheet(_WARN_STYLE)
        self.form.addRow(self.consequence_label)
        self.go_button.setStyleSheet("QPushButton { color: white; background: #b3261e; }")
        start = DeleteKind.TEMPORARY if has_temp else DeleteKind.METHOD
        self.kind_radios[start].setChecked(True)
        self._on_kind_changed()

    def select(self, kind: DeleteKind) -> None:
        self.kind_radios[kind].setChecked(True)

    def kind(self) -> DeleteKind:
        for kind, radio in self.kind_radios.items():
            if radio.isChecked():
                return kind
        return DeleteKind.METHOD

    def consequence(self, kind: DeleteKind) -> str:
        who = self.person
        texts = {
            DeleteKind.TEMPORARY: self.tr(
                "The temporary code stops working now. %1's badge and PIN keep working."
            ),
            DeleteKind.STANDARD: self.tr(
                "The printed badge stops working now. %1 keeps their PIN; issue a new badge "
                "(New badge…) so they can sign in with QR again."
            ),
            DeleteKind.METHOD: self.tr(
                "The badge, any temporary code and the PIN all stop working now: %1 can no "
                "longer sign in with QR. To let them back, set up QR sign-in again (new badge "
                "and new PIN)."
            ),
        }
        return texts[kind].replace("%1", who)

    def _on_kind_changed(self, *_args: Any) -> None:
        if not hasattr(self, "consequence_label"):
            return
        kind = self.kind()
        self.consequence_label.setText(self.consequence(kind))
        labels = {
            DeleteKind.TEMPORARY: self.tr("&Delete temporary code"),
            DeleteKind.STANDARD: self.tr("&Delete badge"),
            DeleteKind.METHOD: self.tr("&Delete QR sign-in"),
        }
        self.go_button.setText(labels[kind])
        self.journal_action = {
            DeleteKind.TEMPORARY: Action.DELETE_TEMPORARY_CODE,
            DeleteKind.STANDARD: Action.DELETE_STANDARD_CODE,
            DeleteKind.METHOD: Action.DELETE_METHOD,
        }[kind]
        self._validate()

    def _go(self) -> Awaitable[ActionResult]:
        calls: dict[DeleteKind, Callable[..., Awaitable[ActionResult]]] = {
            DeleteKind.TEMPORARY: delete_temporary_code,
            DeleteKind.STANDARD: delete_standard_code,
            DeleteKind.METHOD: delete_method,
        }
        return calls[self.kind()](self.services.context(), self.row)

    def _after_done(self, result: ActionResult) -> None:
        texts = {
            Action.DELETE_TEMPORARY_CODE: self.tr("Deleted: the temporary code no longer works."),
            Action.DELETE_STANDARD_CODE: self.tr("Deleted: the printed badge no longer works."),
            Action.DELETE_METHOD: self.tr("Deleted: %1 can no longer sign in with QR.").replace(
                "%1", self.person
            ),
        }
        self.show_message(texts.get(result.action, self.tr("Deleted.")), ok=True)


# --------------------------------------------------------------------------- wiring

_open_dialogs: weakref.WeakSet[QDialog] = weakref.WeakSet()

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
    count = 0
    for dialog in list(_open_dialogs):
        clear = getattr(dialog, "clear_secrets", None)
        if callable(clear):
            clear()
            count += 1
    return count


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
