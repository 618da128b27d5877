"""Small pieces the QR code dialogs share (and any dialog that hands over a one-time secret
could): message styles, local/UTC date conversion, the badge expiry date field and its policy
note, the "save as PDF" chooser, the busy bar, the "close and lose it?" question, the PIN slip,
Esc/close routing, and writing a delivery to the journal without ever failing the dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateEdit,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressBar,
    QWidget,
)

from qrpin_gui.actions import ActionOutcome, ActionResult
from qrpin_gui.core.models import FetchKind, RosterRow
from qrpin_gui.offline.journal import Action, Delivery, Journal, JournalValueError
from qrpin_gui.ui.pin_services import PinDialogServices
from qrpin_gui.ui.pin_slip import PinSlip

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


def unknown_result(action: Action, row: RosterRow, sent_at: datetime) -> ActionResult:
    """What "Check status" compares with after a request was cancelled in flight: the result
    is unknown, the row as it was before."""
    return ActionResult(
        action,
        ActionOutcome.UNKNOWN,
        row.id,
        sent_at,
        before=row.method,
        before_known=row.fetch.kind is FetchKind.LOADED,
    )
