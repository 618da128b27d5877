"""Delete the temporary code, the badge (standard code) or the whole QR sign-in (a leaver),
each with what stops working spelled out before anything is sent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout

from qrpin_gui.actions import (
    ActionResult,
    delete_method,
    delete_standard_code,
    delete_temporary_code,
)
from qrpin_gui.offline.journal import Action
from qrpin_gui.ui.qr_dialog_base import QrActionDialog
from qrpin_gui.ui.qr_dialog_parts import WARN_STYLE


class DeleteKind(Enum):
    TEMPORARY = "temporary"
    STANDARD = "standard"
    METHOD = "method"


class DeleteDialog(QrActionDialog):
    """Delete the temporary code, the badge (standard code) or the whole QR sign-in."""

    action_label = "delete it"
    journal_action = Action.DELETE_METHOD

    def _build_inputs(self) -> None:
        self._set_texts(
            self.tr("Remove QR sign-in"),
            self.tr("What should stop working for %1?"),
            self.tr(
                "Pick what to delete and read what stops working; nothing is sent before you "
                "press Delete."
            ),
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
        self.consequence_label.setStyleSheet(WARN_STYLE)
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
        return self._about_person(texts[kind])

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
            Action.DELETE_METHOD: self._about_person(
                self.tr("Deleted: %1 can no longer sign in with QR.")
            ),
        }
        self.show_message(texts.get(result.action, self.tr("Deleted.")), ok=True)
