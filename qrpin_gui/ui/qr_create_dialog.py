"""Set up QR sign-in for a worker: activation now or later, expiry within 395 days, a first
PIN from the service or typed by the manager; then the badge and the PIN, shown once."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
)

from qrpin_gui.actions import ActionResult, create_method
from qrpin_gui.core import pins
from qrpin_gui.core.models import MAX_STANDARD_LIFETIME_DAYS
from qrpin_gui.offline.journal import Action
from qrpin_gui.ui.pin_messages import pin_rule_text
from qrpin_gui.ui.qr_dialog_base import QrActionDialog
from qrpin_gui.ui.qr_dialog_parts import lifetime_note, standard_expiry_edit, to_utc


class CreateMethodDialog(QrActionDialog):
    """Set up QR sign-in for a worker: activation, expiry, first PIN; then the badge and PIN."""

    action_label = "set up QR sign-in"
    journal_action = Action.CREATE_METHOD

    def _build_inputs(self) -> None:
        self._set_texts(
            self.tr("Set up QR sign-in"),
            self.tr("Set up QR sign-in for %1"),
            self.tr(
                "%1 gets a badge (a QR code) and a first PIN. Both are shown only once, right "
                "after this: have the printer ready."
            ),
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

        self.expiry_edit = standard_expiry_edit(self.inputs)
        self.lifetime_label = QLabel(lifetime_note(self.services), self.inputs)
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
        start = to_utc(start_local)
        expire = to_utc(expiry_local)
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
        return self._about_person(self.tr("QR sign-in is set up for %1"))

    def _issued_text(self) -> str:
        return self._about_person(
            self.tr(
                "Print or save the badge and hand over the first PIN now: both are shown only "
                "this once. %1 must choose a new PIN at their first sign-in."
            )
        )

    def _reminder(self) -> str:
        return self._about_person(
            self.tr(
                "Before the first QR sign-in, %1 must sign in once with another method (for "
                'example their password). Until then Microsoft answers "Incorrect QR code".'
            )
        )

    def clear_secrets(self) -> None:
        self.pin_edit.clear()
        super().clear_secrets()
