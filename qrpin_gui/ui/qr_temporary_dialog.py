"""A temporary code for a forgotten badge: valid 1-12 hours, until the end of a shift the
manager picks; shown full screen for a shared device's camera, or printed. A live temporary
code can be deleted first."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QTimeEdit

from qrpin_gui.actions import (
    ActionOutcome,
    ActionResult,
    create_temporary_code,
    delete_temporary_code,
)
from qrpin_gui.core.models import MAX_TEMPORARY_LIFETIME_HOURS, MIN_TEMPORARY_LIFETIME_HOURS, QrCode
from qrpin_gui.offline.journal import Action
from qrpin_gui.ui.badge import format_badge_date
from qrpin_gui.ui.qr_dialog_base import QrActionDialog
from qrpin_gui.ui.qr_dialog_parts import hours_text

SHIFT_ENDS = (time(6, 0), time(14, 0), time(18, 0), time(22, 0))
"""Shift ends offered for a temporary code (the manager may type another time)."""


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
        self._set_texts(
            self.tr("Temporary code"),
            self.tr("Temporary code for %1 (forgotten badge)"),
            self.tr(
                "%1 signs in with this code and their usual PIN until the end of the shift. "
                "Show it full screen for the store device's camera, or print it."
            ),
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
        text = self.tr("Valid for %1.").replace("%1", hours_text(span))
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
        return self._about_person(self.tr("Temporary code for %1"))

    def _issued_text(self) -> str:
        return self._about_person(
            self.tr(
                "Show it full screen for the store device's camera, or print it. It is shown "
                "only this once; %1 signs in with it and their usual PIN."
            )
        )
