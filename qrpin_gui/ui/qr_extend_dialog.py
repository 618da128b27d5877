"""Extend the badge's expiry without reprinting (at most 395 days after it started). When
Microsoft issues a new code instead (the old one had expired or was gone), the dialog switches
to the issue-and-print flow so the one-time image is not lost."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate

from qrpin_gui.actions import ActionError, ActionResult, Problem, extend_expiry
from qrpin_gui.core.models import MAX_STANDARD_LIFETIME_DAYS, QrCode
from qrpin_gui.offline.journal import Action
from qrpin_gui.ui.badge import format_badge_date
from qrpin_gui.ui.qr_dialog_base import QrActionDialog
from qrpin_gui.ui.qr_dialog_parts import on_date_at_current_time, standard_expiry_edit, to_local


class ExtendExpiryDialog(QrActionDialog):
    """Move the badge's expiry without reprinting. When Microsoft issues a new code instead
    (the old one had expired or was gone), switch to issue-and-print."""

    action_label = "extend the badge"
    journal_action = Action.EXTEND_EXPIRY

    def _standard(self) -> QrCode | None:
        return self.row.method.standard if self.row.method is not None else None

    def _live_limit(self) -> datetime | None:
        """395 days after the start of the live (unexpired) badge; None when there is none."""
        standard = self._standard()
        if standard is None or standard.start is None or standard.is_expired(datetime.now(UTC)):
            return None
        return standard.start + timedelta(days=MAX_STANDARD_LIFETIME_DAYS)

    def _build_inputs(self) -> None:
        standard = self._standard()
        limit = self._live_limit()
        today = QDate.currentDate()
        expire = standard.expire if standard is not None else None
        when = format_badge_date(expire) if expire is not None else ""
        if standard is not None and limit is not None:
            max_date = to_local(limit - timedelta(minutes=1)).date()
            explain = (
                self.tr(
                    "The badge currently expires on %1. The printed badge keeps working: no need "
                    "to reprint. A badge can be valid for at most 395 days after it started (%2)."
                )
                .replace("%1", when or self.tr("unknown"))
                .replace("%2", format_badge_date(limit))
            )
        else:
            max_date = today.addDays(MAX_STANDARD_LIFETIME_DAYS)
            explain = (
                self.tr(
                    "This badge expired on %1. If Microsoft issues a new code instead of "
                    "extending it, the new badge is shown here to print."
                ).replace("%1", when)
                if when
                else self.tr(
                    "There is no badge right now. Microsoft issues a new code, shown here to print."
                )
            )
        self._set_texts(self.tr("Extend expiry"), self.tr("Extend the badge of %1"), explain)
        self.expiry_edit = standard_expiry_edit(self.inputs)
        self.expiry_edit.setMinimumDate(today.addDays(1))
        self.expiry_edit.setMaximumDate(max_date)
        default = today.addDays(self.services.policy().standard_lifetime_days)
        self.expiry_edit.setDate(min(default, max_date))
        self.form.addRow(self.tr("New expiry date:"), self.expiry_edit)
        self.go_button.setText(self.tr("&Extend"))

    def expiry_utc(self) -> datetime:
        expire = on_date_at_current_time(self.expiry_edit.date())
        limit = self._live_limit()
        if limit is not None:
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
                + self._about_person(
                    self.tr(
                        "This badge has expired and Microsoft would not extend it. Issue a new "
                        "badge instead (Person › New badge…); %1 keeps their PIN."
                    )
                ),
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
        return self._about_person(self.tr("Microsoft issued a new badge for %1"))

    def _issued_text(self) -> str:
        return self.tr(
            "The old code could not be extended (it had expired or was gone), so Microsoft "
            "issued a new one. The old printed badge does not work: print or save this one now, "
            "it is shown only this once."
        )
