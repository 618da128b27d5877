"""Small pieces the QR code and PIN dialogs share (any dialog that runs one request or hands
over a one-time secret): message styles, local/UTC date conversion, the badge expiry date field
and its policy note, the "save as PDF" chooser, the busy bar, the Graph request counter that
tells "nothing was sent" from "result unknown", the "close and lose it?" question, Esc/close
routing, the dialog that runs one write (:class:`OneWriteDialog`), the hand-over of a one-time
PIN (:class:`PinHandover`: copy, print or save its slip), and writing a delivery to the journal
without ever failing the dialog.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateEdit,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from qrpin_gui.actions import ActionResult, IssuedPin
from qrpin_gui.actions.results import unknown_result
from qrpin_gui.core.models import RosterRow
from qrpin_gui.offline.journal import Action, Delivery, Journal, JournalValueError
from qrpin_gui.ui.pin_messages import cancelled_text
from qrpin_gui.ui.pin_services import OneCall, PinDialogServices
from qrpin_gui.ui.pin_slip import PinSlip, SlipPrinter, save_slip_pdf
from qrpin_gui.ui.secret_view import SecretPinView

logger = logging.getLogger(__name__)

ERROR_STYLE = "color: white; background: #b3261e; padding: 6px; border-radius: 4px;"
INFO_STYLE = "padding: 6px; border: 1px solid palette(mid); border-radius: 4px;"
OK_STYLE = "color: white; background: #1e6b35; padding: 6px; border-radius: 4px;"
WARN_STYLE = "color: black; background: #f5d67b; padding: 6px; border-radius: 4px;"


def message_style(*, error: bool = False, ok: bool = False) -> str:
    """The style of a dialog's message line: error, done, or plain information."""
    return ERROR_STYLE if error else OK_STYLE if ok else INFO_STYLE


def to_local(dt: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(dt.timestamp())).toLocalTime()


def to_utc(qdt: QDateTime) -> datetime:
    return datetime.fromtimestamp(qdt.toSecsSinceEpoch(), tz=UTC)


def on_date_at_current_time(date: QDate) -> datetime:
    """``date`` at the current local time of day, in UTC (a badge expiry picked by date)."""
    return to_utc(QDateTime(date, QDateTime.currentDateTime().time()))


def hours_text(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def standard_expiry_edit(parent: QWidget) -> QDateEdit:
    """A date field with a calendar, in the locale's short date format."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(edit.locale().dateFormat(edit.locale().FormatType.ShortFormat))
    return edit


def lifetime_note(services: PinDialogServices) -> str:
    """Where the default badge lifetime comes from (the policy, or the assumed default)."""
    policy = services.policy()
    days = str(policy.standard_lifetime_days)
    if policy.assumed:
        return QCoreApplication.translate(
            "QrDialogs", "Default %1 days (tenant default assumed: the policy could not be read)."
        ).replace("%1", days)
    return QCoreApplication.translate(
        "QrDialogs", "Default %1 days (your organisation's policy)."
    ).replace("%1", days)


def ask_pdf_path(
    parent: QWidget, title: str, suggested: str, chosen: Callable[[str], object]
) -> QFileDialog:
    """Open (``open()``, never ``exec()``) a "save as PDF" chooser; ``chosen`` gets the path."""
    dialog = QFileDialog(parent, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(QCoreApplication.translate("QrDialogs", "PDF files (*.pdf)"))
    dialog.setDefaultSuffix("pdf")
    dialog.selectFile(suggested)
    dialog.fileSelected.connect(chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def journal_delivery(journal: Journal | None, issuance: str | None, how: Delivery) -> bool:
    """Mark an issuance delivered (printed, saved, discarded...); a journal that cannot be
    written is logged, never fatal. True when the line was written."""
    if not issuance or journal is None:
        return False
    try:
        journal.mark_delivered(issuance, how)
    except (OSError, JournalValueError) as exc:
        logger.warning("Journal delivery not written (%s)", type(exc).__name__)
        return False
    return True


def graph_requests_sent(services: PinDialogServices) -> int:
    """How many HTTP requests the Graph client has sent so far (-1 without a client): the
    counter ``OneCall.start(..., sent_count=...)`` watches so that Cancel before anything went
    out can say "nothing was sent"."""
    graph = services.graph()
    return graph.stats.requests if graph is not None else -1


def busy_bar(parent: QWidget, accessible_name: str) -> QProgressBar:
    """A thin, hidden "waiting" bar (shown while a request is out)."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setAccessibleName(accessible_name)
    bar.hide()
    return bar


def ask_discard(
    parent: QWidget, title: str, text: str, discard_label: str, answer: Callable[[bool], None]
) -> tuple[QMessageBox, QAbstractButton]:
    """Ask (``open()``) whether to close and lose a one-time secret. "Go back" is the default
    and the Esc answer; ``answer(True)`` when the person chose to discard."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    discard = box.addButton(discard_label, QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(
        QCoreApplication.translate("QrDialogs", "Go back"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(back)
    box.setEscapeButton(back)

    def finished(_code: int) -> None:
        chose_discard = box.clickedButton() is discard
        box.deleteLater()
        answer(chose_discard)

    box.finished.connect(finished)
    box.open()
    return box, discard


def heading_label(parent: QWidget) -> QLabel:
    """A dialog's heading: bold, a quarter larger than the text."""
    label = QLabel(parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def message_line(parent: QWidget) -> QLabel:
    """A dialog's hidden, selectable, wrapping message line (see ``show_message``)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def check_status_button(parent: QWidget, text: str, tooltip: str) -> QPushButton:
    """The hidden "Check status" button (shown once a write's outcome is unknown)."""
    button = QPushButton(text, parent)
    button.setToolTip(tooltip)
    button.hide()
    return button


def person_name(row: RosterRow) -> str:
    """How a dialog names the row's person: display name, else UPN, else the object id."""
    return row.user.display_name or row.user.upn or row.id


def printer_problem_text() -> str:
    return QCoreApplication.translate("QrDialogs", "The printer could not be used.")


def pdf_problem_text() -> str:
    return QCoreApplication.translate("QrDialogs", "The PDF could not be saved there.")


def pin_slip_for(row: RosterRow, person: str, store: str, pin: str, must_change: bool) -> PinSlip:
    """The printable slip for a PIN handed to ``row``'s person, issued now."""
    return PinSlip(
        worker_name=person,
        upn=row.user.upn,
        store=store,
        pin=pin,
        must_change=must_change,
        issued_at=datetime.now(UTC),
    )


class GuardedDialog(QDialog):
    """A dialog that runs one request and may hold a one-time secret. Close (the button, Esc,
    the window's X) first cancels a running request, then asks before a secret that was not
    handed over is lost, and only then closes.

    Subclasses say whether they are busy (:meth:`_busy`), how to cancel (:meth:`_cancel_call`),
    whether closing loses something (:attr:`needs_confirmation`) and how to ask
    (:meth:`_ask_discard`).
    """

    def _busy(self) -> bool:
        return False

    def _cancel_call(self) -> None:
        """Cancel the running request (the dialog stays open)."""

    @property
    def needs_confirmation(self) -> bool:
        return False

    def _ask_discard(self) -> None:
        """Ask before closing loses a secret (close when the person agrees)."""
        self.reject()

    def _request_close(self) -> None:
        """Close asked for by the user (Close/Cancel, Esc, the window's X)."""
        if self._busy():
            self._cancel_call()
        elif self.needs_confirmation:
            self._ask_discard()
        else:
            self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self._request_close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and (self._busy() or self.needs_confirmation):
            event.ignore()
            self._request_close()
            return
        super().closeEvent(event)


def nothing_sent_text() -> str:
    """What Cancel says when the request had not gone out yet."""
    return QCoreApplication.translate("QrDialogs", "Cancelled: nothing was sent.")


class OneWriteDialog(GuardedDialog):
    """A :class:`GuardedDialog` that sends one write through :attr:`call` (and may read the
    result back with Check status through the same call).

    Cancel while the write runs cancels it and says what that means: when nothing was sent
    yet, "Cancelled: nothing was sent." and back to editing (:meth:`_back_to_editing`); else
    the result is unknown ("Check status" re-reads the truth: :meth:`_show_unknown`). Subclasses
    set :attr:`journal_action`, build :attr:`message_label` and :attr:`check_button`, start the
    write with :meth:`_start_write` and keep their own state in :meth:`_back_to_editing` and
    :meth:`_outcome_unknown`.
    """

    row_updated = Signal(object)
    """The person's row refreshed from an answer (see :meth:`_apply`)."""
    journal_action: Action
    message_label: QLabel
    check_button: QPushButton
    row: RosterRow

    def __init__(self, services: PinDialogServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._asking: QMessageBox | None = None
        self.last_result: ActionResult | None = None
        self._started_at = datetime.now(UTC)
        self._target: RosterRow | str = "me"
        self._writing = False
        self.call = OneCall(self)
        self.call.busy_changed.connect(self._on_call_busy)

    def show_message(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(message_style(error=error, ok=ok))
        self.message_label.setAccessibleDescription(text)
        self.message_label.show()

    def _start_write(self, write: Coroutine[Any, Any, None], target: RosterRow | str) -> None:
        """Run ``write`` (aimed at ``target``: the person's row, or ``me``) as the call that
        Cancel treats as a write."""
        self.message_label.hide()
        self.check_button.hide()
        self.last_result = None
        self._started_at = datetime.now(UTC)
        self._target = target
        sent_count = functools.partial(graph_requests_sent, self.services)
        self._writing = self.call.start(write, sent_count=sent_count)

    def _on_call_busy(self, busy: bool) -> None:
        if not busy:
            self._writing = False

    def _busy(self) -> bool:
        return self.call.running

    def _cancel_call(self) -> None:
        """Cancel the request in flight; the dialog stays open."""
        nothing_sent, writing = self.call.nothing_sent, self._writing
        self.call.cancel()
        self._writing = False
        if not writing:
            return
        if nothing_sent:
            self._back_to_editing()
            self.show_message(nothing_sent_text())
            return
        unknown = unknown_result(self.journal_action, self._target, self._started_at)
        self._show_unknown(unknown, cancelled_text())

    def _show_unknown(self, result: ActionResult, text: str, *, error: bool = False) -> None:
        """The write's outcome is unknown (``result``): say ``text`` and offer Check status."""
        self.last_result = result
        self._outcome_unknown()
        self.show_message(text, error=error)
        self.check_button.show()

    def _apply(self, row: RosterRow) -> None:
        """Take ``row`` (from an answer) as the person's row: hand it to the app and emit
        :attr:`row_updated`. During the write it is also what an unknown outcome is about."""
        self.row = row
        if self._writing:  # a step of the write (e.g. deleting the live temporary code)
            self._target = row
        try:
            self.services.apply_row(row)
        finally:
            self.row_updated.emit(row)

    def _on_check_clicked(self) -> None:
        if self.call.running:
            return
        self.call.start(self._check())

    async def _check(self) -> None:
        """Read the truth back after an unknown outcome (Check status)."""

    def _ask_discard_with(self, title: str, text: str, discard_label: str) -> None:
        """Ask once (``title``/``text``) whether to close and lose the secret; on "discard"
        :meth:`_discard_secrets` runs and the dialog closes."""
        if self._asking is not None:
            return
        self._asking, self.discard_button = ask_discard(
            self, title, text, discard_label, self._on_discard_answer
        )

    def _on_discard_answer(self, discard: bool) -> None:
        self._asking = None
        if not discard:
            return
        self._discard_secrets()
        self.reject()

    def _discard_secrets(self) -> None:
        """The person chose to close without handing the secret over (journal it)."""

    def _close_question(self) -> None:
        """Close the "close and lose it?" question if it is open."""
        if self._asking is not None:
            box, self._asking = self._asking, None
            box.reject()

    def _back_to_editing(self) -> None:
        """The dialog's state once a write was cancelled before anything was sent."""

    def _outcome_unknown(self) -> None:
        """The dialog's state once a write's outcome is unknown."""


class PinHandover(QObject):
    """A one-time PIN that ``dialog`` shows in ``view`` until it is handed over: copied, or its
    slip printed or saved as PDF. The first hand-over journals the PIN's issuance delivered;
    ``dialog``'s message line says what happened (or what went wrong).

    ``row`` gives the person's current roster row (the slip's name, UPN and store).
    """

    def __init__(
        self, dialog: OneWriteDialog, view: SecretPinView, row: Callable[[], RosterRow]
    ) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._view = view
        self._row = row
        self.issuance: str | None = None
        self.delivered = False
        self.must_change = True
        self.printer = SlipPrinter(dialog)
        self.printer.printed.connect(lambda: self.delivered_by(Delivery.PRINTED))
        self.printer.failed.connect(lambda: dialog.show_message(printer_problem_text(), error=True))
        view.copied.connect(lambda: self.delivered_by(Delivery.COPIED))
        view.print_requested.connect(self.print_slip)
        view.save_requested.connect(self.ask_save)

    def issued(self, pin: IssuedPin) -> None:
        """A new PIN (shown in the view by the dialog): not handed over yet."""
        self.issuance = pin.issuance_id
        self.must_change = pin.must_change
        self.delivered = False

    def slip(self) -> PinSlip | None:
        """The slip for the PIN shown (None once it is forgotten)."""
        pin = self._view.secret()
        if not pin:
            return None
        row = self._row()
        store = self._dialog.services.store_name(row)
        return pin_slip_for(row, person_name(row), store, pin, self.must_change)

    def print_slip(self) -> None:
        """Open the print dialog for the slip (``printed`` counts as handed over)."""
        slip = self.slip()
        if slip is not None:
            self.printer.start(slip)

    def ask_save(self) -> None:
        """Ask where to save the slip as PDF, then save it there."""
        name = QCoreApplication.translate("QrDialogs", "PIN slip") + ".pdf"
        title = QCoreApplication.translate("QrDialogs", "Save PIN slip")
        ask_pdf_path(self._dialog, title, name, self.save_slip_to)

    def save_slip_to(self, path: str) -> bool:
        """Save the slip as a PDF at ``path``; True when it was written (handed over)."""
        slip = self.slip()
        if slip is None:
            return False
        try:
            save_slip_pdf(slip, path)
        except OSError:
            self._dialog.show_message(pdf_problem_text(), error=True)
            return False
        self.delivered_by(Delivery.SAVED_PDF)
        return True

    def delivered_by(self, how: Delivery) -> None:
        """The PIN was handed over (``how``): journal it once, and say so."""
        if not self.delivered:
            self.delivered = True
            journal_delivery(self._dialog.services.journal, self.issuance, how)
        if how is Delivery.COPIED:
            text = QCoreApplication.translate(
                "QrDialogs", "PIN copied. The clipboard is cleared after a minute."
            )
        else:
            text = QCoreApplication.translate("QrDialogs", "The PIN slip is ready.")
        self._dialog.show_message(text, ok=True)

    @property
    def unhanded(self) -> bool:
        """A PIN is shown that was not handed over (closing would lose it)."""
        return self._view.has_secret and not self.delivered

    def held(self) -> list[str]:
        """The PIN's journal issuance while it is shown and not handed over."""
        return [self.issuance] if self.issuance and self.unhanded else []

    def discard(self) -> None:
        """The person chose to close without handing the PIN over: journal it discarded."""
        for issuance in self.held():
            journal_delivery(self._dialog.services.journal, issuance, Delivery.DISCARDED)
        self.issuance = None

    def forget(self) -> None:
        """Drop the PIN from the view and any slip waiting for the print dialog."""
        self._view.clear()
        self.printer.forget()
