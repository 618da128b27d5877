"""The details pane: everything known about the selected person's QR sign-in, whether it
would work today (the readiness box, with the fix for each obstacle), and actions.

The "Badge forgotten today" toggle above the action buttons reports (or withdraws) a forgotten
badge: the pane only emits :attr:`DetailsPane.badge_forgotten_toggled`; the window records it
and shows the row again, whose readiness then asks for a temporary code.

Each action button is bound to the window's ``QAction`` for it (so menus, keyboard and the
pane share one enabled state), and a line under the buttons says why the focused action
cannot run when it is disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui.core.models import Policy, QrCode, RosterRow
from qrpin_gui.ui.readiness_view import ReadinessView
from qrpin_gui.ui.roster_present import RowView, format_date, format_datetime
from qrpin_gui.ui.row_actions import can_report_forgotten_badge
from qrpin_gui.ui.theme import Tone, ToneColors


class DetailsPane(QScrollArea):
    """Read-only facts about one roster row, plus the row actions."""

    badge_forgotten_toggled = Signal(str, bool)
    """(user id, forgotten today): the person clicked "Badge forgotten today"."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._policy: Policy | None = None
        self._forgotten_available = False
        self._row_id: str | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Details of the selected person"))
        self.setMinimumWidth(260)
        body = QWidget(self)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(8, 4, 8, 4)

        self.title = QLabel(body)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setAccessibleName(self.tr("Selected person"))
        self.status_chip = QLabel(body)
        self.status_chip.setWordWrap(True)
        self.status_chip.setMargin(4)
        self.status_chip.setAccessibleName(self.tr("QR sign-in status"))
        self.reason = QLabel(body)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(self.tr("Reason"))
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.status_chip)
        self._layout.addWidget(self.reason)

        self._fields: dict[str, QLabel] = {}
        person = self._group(
            body,
            self.tr("Person"),
            [
                ("upn", self.tr("User name")),
                ("department", self.tr("Department")),
                ("job", self.tr("Job title")),
                ("account", self.tr("Account")),
            ],
        )
        method = self._group(
            body,
            self.tr("QR code + PIN"),
            [
                ("method_created", self.tr("Set up on")),
                ("last_used", self.tr("Last used")),
                ("standard", self.tr("Standard code")),
                ("temporary", self.tr("Temporary code")),
                ("pin", self.tr("PIN")),
                ("pin_changed", self.tr("PIN last changed")),
                ("checked", self.tr("Status checked")),
            ],
        )
        self._layout.addWidget(person)
        self._layout.addWidget(method)
        self.readiness = ReadinessView(body)
        for label in (self.readiness.summary, self.readiness.details):
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
        self.readiness.summary.setAccessibleName(self.tr("Ready for QR sign-in?"))
        self.readiness.details.setAccessibleName(self.tr("What stops QR sign-in, and the fix"))
        self._layout.addWidget(self.readiness)

        self.actions_box = QGroupBox(self.tr("Actions"), body)
        self._actions_layout = QVBoxLayout(self.actions_box)
        self.forgotten_check = QCheckBox(self.tr("Badge forgotten today"), self.actions_box)
        self.forgotten_check.setAccessibleName(self.tr("Badge forgotten today"))
        hint = self.tr(
            "Note that this person forgot their badge today: the readiness check then asks for "
            "a temporary code. Kept on this computer only; nothing is sent to Microsoft."
        )
        self.forgotten_check.setToolTip(hint)
        self.forgotten_check.setAccessibleDescription(hint)
        self.forgotten_check.clicked.connect(self._on_forgotten_clicked)
        self._actions_layout.addWidget(self.forgotten_check)
        self.block_label = QLabel(self.actions_box)
        self.block_label.setWordWrap(True)
        self.block_label.setAccessibleName(self.tr("Why actions are unavailable"))
        self._actions_layout.addWidget(self.block_label)
        self._layout.addWidget(self.actions_box)
        self._layout.addStretch(1)
        self._buttons: list[QPushButton] = []
        self.setWidget(body)
        self.show_row(None, None, None)

    def _group(self, parent: QWidget, title: str, fields: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title, parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in fields:
            value = QLabel(box)
            value.setWordWrap(True)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setAccessibleName(label)
            form.addRow(label, value)
            self._fields[key] = value
        return box

    def set_actions(self, actions: list[QAction]) -> None:
        """Show a button for each action (the window owns the actions and their state)."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        for action in actions:
            button = QPushButton(action.text(), self.actions_box)
            button.setAccessibleName(action.text().rstrip("…"))
            button.clicked.connect(action.trigger)

            def sync(btn: QPushButton = button, act: QAction = action) -> None:
                btn.setEnabled(act.isEnabled())
                btn.setToolTip(act.toolTip())
                btn.setAccessibleDescription(act.toolTip())

            action.changed.connect(sync)
            sync()
            self._actions_layout.insertWidget(self._actions_layout.count() - 1, button)
            self._buttons.append(button)

    def set_policy(self, policy: Policy | None) -> None:
        """The tenant's QR policy, for the readiness box (None or assumed: not checked)."""
        self._policy = policy

    def set_forgotten_available(self, available: bool) -> None:
        """Offer "Badge forgotten today" (only when there is a journal to keep it in)."""
        self._forgotten_available = available

    def _on_forgotten_clicked(self, checked: bool) -> None:
        if self._row_id is not None:
            self.badge_forgotten_toggled.emit(self._row_id, checked)

    def set_block_reason(self, text: str) -> None:
        self.block_label.setText(text)
        self.block_label.setVisible(bool(text))

    def show_row(
        self, row: RosterRow | None, view: RowView | None, colors: ToneColors | None
    ) -> None:
        if row is None or view is None:
            self._row_id = None
            self.forgotten_check.hide()
            self.title.setText(self.tr("No one selected"))
            self.status_chip.setText(
                self.tr("Select a person in the list to see their QR sign-in.")
            )
            self.status_chip.setStyleSheet("")
            self.reason.hide()
            for label in self._fields.values():
                label.setText("")
            self.readiness.show_row(None)
            return
        user = row.user
        self._row_id = row.id
        forgotten = view.derived.badge_forgotten
        self.forgotten_check.setChecked(forgotten)
        self.forgotten_check.setVisible(
            self._forgotten_available and can_report_forgotten_badge(row)
        )
        self.title.setText(user.display_name or user.upn)
        self.status_chip.setText(view.texts[3])
        style = ""
        if colors is not None and view.tone is not Tone.NONE:
            style = (
                f"QLabel {{ color: {colors.foreground.name()}; background: {colors.background.name()};"
                " border-radius: 4px; }"
            )
        if self.status_chip.styleSheet() != style:
            self.status_chip.setStyleSheet(style)
        self.reason.setText(view.reason)
        self.reason.setVisible(bool(view.reason))
        dash = "—"
        f = self._fields
        f["upn"].setText(user.upn or dash)
        f["department"].setText(user.department or dash)
        f["job"].setText(user.job_title or dash)
        if user.account_enabled is False:
            f["account"].setText(self.tr("Disabled"))
        elif user.account_enabled is True:
            f["account"].setText(self.tr("Enabled"))
        else:
            f["account"].setText(dash)
        method = row.method
        if method is None:
            for key in (
                "method_created",
                "last_used",
                "standard",
                "temporary",
                "pin",
                "pin_changed",
            ):
                f[key].setText(dash)
        else:
            f["method_created"].setText(format_date(method.created) or dash)
            f["last_used"].setText(view.texts[6] or dash)
            f["standard"].setText(self._code_text(method.standard))
            f["temporary"].setText(self._code_text(method.temporary))
            f["pin"].setText(view.texts[7] or dash)
            f["pin_changed"].setText(view.texts[8] or dash)
        f["checked"].setText(format_datetime(row.fetched_at) or self.tr("Not checked"))
        self.readiness.show_row(
            row,
            self._clock(),
            self._policy,
            badge_forgotten=forgotten,
            groups=view.derived.groups,
        )

    def _code_text(self, code: QrCode | None) -> str:
        """One line per fact: validity, then last use."""
        if code is None:
            return self.tr("None")
        lines = []
        if code.start is not None or code.expire is not None:
            start = format_datetime(code.start) if code.start else "…"
            end = format_datetime(code.expire) if code.expire else "…"
            lines.append(self.tr("%1 to %2").replace("%1", start).replace("%2", end))
        if code.last_used is not None:
            lines.append(self.tr("last used %1").replace("%1", format_date(code.last_used)))
        return "\n".join(lines) or self.tr("Present")
