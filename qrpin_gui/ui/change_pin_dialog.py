"""Change my PIN (the signed-in user): current, new and confirm, masked with a show toggle.

Only ASCII digits are accepted (pasted text is trimmed; other Unicode digits are refused), at
most 20. The rules (the policy's pinLength, no 0123456789, no repeated group) show live and OK
is enabled only when the new PIN passes them, differs from the current one and matches the
confirmation. Sending asks for ``Directory.AccessAsUser.All`` first (incremental consent).

Cancel (the button, Esc, the window's X) while the call runs cancels it and keeps the typed
PINs: "nothing was sent" when the request had not gone out yet, else "result unknown" with
"Check status".
"""

from __future__ import annotations

import logging
from enum import Enum

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui.actions import (
    ActionError,
    Problem,
    change_own_pin,
    check_status,
    current_pin_problems,
)
from qrpin_gui.core.pins import PIN_MAX_LENGTH, check
from qrpin_gui.offline.journal import Action
from qrpin_gui.ui.pin_messages import pin_rule_text, problem_text, unknown_text
from qrpin_gui.ui.pin_services import PinDialogServices
from qrpin_gui.ui.qr_dialog_parts import OneWriteDialog, busy_bar

logger = logging.getLogger(__name__)

_DIGITS = frozenset("0123456789")
_RULE_BAD_STYLE = "color: #b3261e;"
_RULE_OK_STYLE = "color: #1e6b35;"


class PinValidator(QValidator):
    """ASCII digits only, at most 20; surrounding whitespace (a paste) is trimmed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        trimmed = text.strip()
        if trimmed != text:
            pos = max(0, min(len(trimmed), pos - (len(text) - len(text.lstrip()))))
        if len(trimmed) > PIN_MAX_LENGTH or any(ch not in _DIGITS for ch in trimmed):
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, trimmed, pos

    def fixup(self, text: str) -> str:
        return text.strip()


class ChangeState(Enum):
    EDITING = "editing"
    BUSY = "busy"
    DONE = "done"
    UNKNOWN = "unknown"
    CLOSED = "closed"


class ChangePinDialog(OneWriteDialog):
    """The signed-in user's own PIN change."""

    journal_action = Action.CHANGE_OWN_PIN

    def __init__(self, services: PinDialogServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.state = ChangeState.EDITING
        self.call.busy_changed.connect(self._set_busy)
        self.setWindowTitle(self.tr("Change my PIN"))
        self.setMinimumWidth(480)
        self._build()
        if services.connection_changed is not None:
            services.connection_changed.connect(self._on_connection_changed)
        self._refresh()

    # ------------------------------------------------------------------ building
    def _pin_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(PIN_MAX_LENGTH + 8)  # room for a paste to be trimmed
        edit.setValidator(PinValidator(edit))
        edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        edit.setAccessibleName(name)
        edit.textChanged.connect(self._refresh)
        return edit

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Change the PIN you use with your QR badge. You need your current PIN."), self
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.current_edit = self._pin_edit(self.tr("Current PIN"))
        self.new_edit = self._pin_edit(self.tr("New PIN"))
        self.confirm_edit = self._pin_edit(self.tr("New PIN again"))
        form.addRow(self.tr("&Current PIN:"), self.current_edit)
        form.addRow(self.tr("&New PIN:"), self.new_edit)
        form.addRow(self.tr("New PIN &again:"), self.confirm_edit)
        layout.addLayout(form)
        self.show_check = QCheckBox(self.tr("S&how PINs"), self)
        self.show_check.toggled.connect(self._on_show_toggled)
        layout.addWidget(self.show_check)
        self.policy_label = QLabel(self)
        self.policy_label.setWordWrap(True)
        layout.addWidget(self.policy_label)
        self.rules_label = QLabel(self)
        self.rules_label.setWordWrap(True)
        self.rules_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.rules_label)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.busy_bar = busy_bar(self, self.tr("Waiting for Microsoft"))
        layout.addWidget(self.busy_bar)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check &status"), self)
        self.check_button.hide()
        self.ok_button = QPushButton(self.tr("&Change PIN"), self)
        self.ok_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Cancel"), self)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.close_button.clicked.connect(self._request_close)

    def _edits(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.current_edit, self.new_edit, self.confirm_edit

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in self._edits():
            edit.setEchoMode(mode)

    # ------------------------------------------------------------------ live rules
    @property
    def min_length(self) -> int:
        return self.services.policy().pin_length

    def rule_lines(self) -> list[str]:
        """What is still wrong with the input (empty = OK may be pressed)."""
        current, new, again = (e.text() for e in self._edits())
        lines: list[str] = []
        if current and current_pin_problems(current):
            lines.append(self.tr("The current PIN has 8 to 20 digits."))
        if new:
            lines += [pin_rule_text(p, self.min_length) for p in check(new, self.min_length)]
            if current and new == current:
                lines.append(self.tr("The new PIN must be different from the current PIN."))
            if again and again != new:
                lines.append(self.tr("The two new PINs are not the same."))
        return lines

    def input_valid(self) -> bool:
        current, new, again = (e.text() for e in self._edits())
        return bool(current and new and again) and not self.rule_lines()

    def _refresh(self) -> None:
        policy = self.services.policy()
        text = self.tr("Your organisation requires at least %1 digits.").replace(
            "%1", str(policy.pin_length)
        )
        if policy.assumed:
            text += " " + self.tr("(tenant default assumed: the policy could not be read)")
        self.policy_label.setText(text)
        lines = self.rule_lines()
        if lines:
            self.rules_label.setText("\n".join("✗ " + line for line in lines))
            self.rules_label.setStyleSheet(_RULE_BAD_STYLE)
        elif self.new_edit.text() and self.confirm_edit.text() == self.new_edit.text():
            self.rules_label.setText("✓ " + self.tr("The new PIN meets the rules."))
            self.rules_label.setStyleSheet(_RULE_OK_STYLE)
        else:
            self.rules_label.setText("")
        offline = self.services.offline_reason()
        if offline and not self.call.running:
            self.ok_button.setToolTip(
                self.tr("Offline: the PIN cannot be changed until the connection is back.")
            )
        else:
            self.ok_button.setToolTip("")
        self.ok_button.setEnabled(
            self.input_valid()
            and not self.call.running
            and not offline
            and self.state in (ChangeState.EDITING, ChangeState.UNKNOWN)
        )

    def _on_connection_changed(self, online: bool, reason: str) -> None:
        if not online and not self.call.running:
            self.show_message(
                self.tr("Offline: the PIN cannot be changed until the connection is back."),
                error=True,
            )
        elif online and self.message_label.isVisible() and self.state is ChangeState.EDITING:
            self.message_label.hide()
        self._refresh()

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        for edit in self._edits():
            edit.setEnabled(not busy and self.state is not ChangeState.DONE)
        self.show_check.setEnabled(not busy)
        self.check_button.setEnabled(not busy)
        self.close_button.setText(
            self.tr("Cancel") if busy or self.state is not ChangeState.DONE else self.tr("Close")
        )
        self._refresh()

    # ------------------------------------------------------------------ sending
    def _on_ok_clicked(self) -> None:
        if self.call.running or not self.input_valid():
            return
        self.state = ChangeState.BUSY
        self._start_write(self._change(self.current_edit.text(), self.new_edit.text()), "me")

    async def _change(self, current: str, new: str, *, check_rules: bool = True) -> None:
        context = self.services.context(with_consent=True)
        try:
            result = await change_own_pin(context, current, new, check_rules=check_rules)
        except ActionError as error:
            self.state = ChangeState.EDITING
            self._failed(error)
            return
        self.last_result = result
        if not result.done:
            self._show_unknown(result, unknown_text(self.tr("change your PIN")), error=True)
            return
        self._finished_ok()

    def _finished_ok(self) -> None:
        self.state = ChangeState.DONE
        self.clear_secrets()
        self.show_message(
            self.tr("Your PIN has been changed. Use the new PIN from your next sign-in."), ok=True
        )
        self.ok_button.hide()
        self.check_button.hide()
        for edit in self._edits():
            edit.setEnabled(False)
        self.close_button.setText(self.tr("Close"))

    def _failed(self, error: ActionError) -> None:
        problem = error.problem
        self.show_message(problem_text(error, min_length=self.min_length), error=True)
        # Keep what was typed, except the PIN that was rejected.
        if problem is Problem.WRONG_CURRENT_PIN:
            self.current_edit.clear()
            self.current_edit.setFocus()
        elif problem in (Problem.PIN_REJECTED, Problem.INVALID_PIN, Problem.SAME_PIN):
            self.new_edit.clear()
            self.confirm_edit.clear()
            self.new_edit.setFocus()

    # ------------------------------------------------------------------ check status
    def _on_check_clicked(self) -> None:
        if not self.call.running:
            self.call.start(self._check())

    async def _check(self) -> None:
        try:
            status = await check_status(self.services.context(), "me", result=self.last_result)
        except ActionError as error:
            self.show_message(problem_text(error, min_length=self.min_length), error=True)
            return
        if status.applied is True:
            self._finished_ok()
            self.show_message(
                self.tr("Checked: your PIN was changed. Use the new PIN from your next sign-in."),
                ok=True,
            )
            return
        self.state = ChangeState.EDITING
        self.check_button.hide()
        if status.applied is False:
            self.show_message(
                self.tr("Checked: your PIN was not changed. Your current PIN still works.")
            )
        else:
            self.show_message(self.tr("Checked, but it cannot be told whether the PIN changed."))
        self._refresh()

    # ------------------------------------------------------------------ closing
    def _back_to_editing(self) -> None:
        self.state = ChangeState.EDITING

    def _outcome_unknown(self) -> None:
        self.state = ChangeState.UNKNOWN

    def clear_secrets(self) -> None:
        """Forget every typed PIN (closing, app lock)."""
        for edit in self._edits():
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.last_result = None
        self._refresh()

    def reject(self) -> None:
        self.call.cancel()
        self.clear_secrets()
        self.state = ChangeState.CLOSED
        super().reject()

    def done(self, code: int) -> None:
        self.clear_secrets()
        super().done(code)
