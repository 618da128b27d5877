"""The bulk wizard: source (roster selection or CSV file) -> dry-run plan with a verdict per
row -> run with progress and Cancel -> results, then every badge and PIN slip of the run as
one PDF (or printed).

The work is done by the Qt-free :mod:`qrpin_gui.bulk` package; this dialog collects choices
and shows what happens. Secrets (new PINs, badge images) stay in the run's
:class:`~qrpin_gui.bulk.SecretVault` until they are printed or saved; closing before that asks
first ("they cannot be shown again"). Long work runs as tasks on the qasync loop; the dialog
never calls ``exec()``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import sys
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui.bulk import (
    BulkAction,
    BulkPlan,
    BulkRequest,
    BulkRun,
    Fix,
    PlanContext,
    Problem,
    ProblemCode,
    RecheckStarted,
    ResultsWriter,
    RowOutcome,
    RowResult,
    RowsFinished,
    RunFinished,
    RunSummary,
    SecretVault,
    Severity,
    Verdict,
    build_plan,
    read_csv,
    read_results,
    requests_for_rows,
    selection_results_name,
)
from qrpin_gui.bulk.csv_input import CsvFile
from qrpin_gui.bulk.secrets import IssuedItem
from qrpin_gui.core.models import Policy, RosterRow
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.graph.directory import ManageContext
from qrpin_gui.graph.pacing import AdaptivePacer, SyncBudget
from qrpin_gui.offline.journal import Delivery, Journal, Person
from qrpin_gui.ui.async_helpers import dialog_result
from qrpin_gui.ui.badge import Badge, paint_sheet
from qrpin_gui.ui.badge_print import PDF_RESOLUTION, default_page_size, new_printer, page_layout
from qrpin_gui.ui.pin_slip import SLIP_HEIGHT_MM, SLIP_WIDTH_MM, PinSlip, paint_slip
from qrpin_gui.ui.roster_present import format_datetime

log = logging.getLogger(__name__)

__all__ = ["BulkDialog", "BulkServices", "action_title", "save_bundle_pdf"]


def action_title(action: BulkAction) -> str:
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    return {
        BulkAction.CREATE: t("Bulk", "Set up QR sign-in (badges)"),
        BulkAction.RESET_PIN: t("Bulk", "Reset PIN (PIN slips)"),
        BulkAction.EXTEND: t("Bulk", "Extend badge expiry (no reprint)"),
        BulkAction.TEMPORARY: t("Bulk", "Temporary code (forgotten badges)"),
        BulkAction.DELETE: t("Bulk", "Remove QR sign-in (leavers)"),
    }[action]


def problem_text(problem: Problem) -> str:
    """The problem's sentence (its English template through ``tr`` for translators)."""
    from PySide6.QtCore import QCoreApplication

    template = QCoreApplication.translate("BulkProblems", problem.template)
    try:
        return template.format(**dict(problem.params))
    except (KeyError, IndexError, ValueError):
        return problem.text


def outcome_text(result: RowResult) -> str:
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    base = {
        RowOutcome.DONE: t("Bulk", "Done"),
        RowOutcome.DONE_SECRET_LOST: t(
            "Bulk", "Done, but the answer was lost: the new PIN/badge never arrived"
        ),
        RowOutcome.FAILED: t("Bulk", "Failed"),
        RowOutcome.UNKNOWN: t("Bulk", "Unknown: check this person's status before repeating"),
        RowOutcome.NOT_APPLIED: t("Bulk", "Not done (checked after a lost answer)"),
        RowOutcome.NOT_SENT: t("Bulk", "Not sent"),
        RowOutcome.SKIPPED: t("Bulk", "Skipped"),
    }[result.outcome]
    extras = [x for x in (result.error_code, result.detail) if x]
    if result.outcome in (RowOutcome.FAILED, RowOutcome.NOT_SENT) and extras:
        base += f" ({', '.join(extras)})"
    if result.detail == "new-badge-issued":
        base += " " + t("Bulk", "(a new badge was issued: print it)")
    return base


# --------------------------------------------------------------------------- services


@dataclass
class BulkServices:
    """What the wizard needs from the app, as callables so it sees the current state."""

    graph: Callable[[], GraphClient | None]
    results_dir: Path
    journal: Journal | None = None
    actor: Callable[[], Person | None] = lambda: None
    policy: Callable[[], Policy] = Policy.default
    offline_reason: Callable[[], str] = lambda: ""
    manage: Callable[[], ManageContext | None] = lambda: None
    rows: Callable[[], Sequence[RosterRow]] = lambda: ()
    store_name: Callable[[RosterRow], str] = lambda _row: ""
    apply_rows: Callable[[list[RosterRow]], None] = lambda _rows: None
    budget: SyncBudget | None = None

    @classmethod
    def from_controller(
        cls,
        controller: Any,
        *,
        graph: Callable[[], GraphClient | None],
        journal: Journal | None,
        results_dir: Path,
    ) -> BulkServices:
        """Services backed by the main window's ``RosterController``."""

        def actor() -> Person | None:
            context = controller.context
            admin_id = context.capability.admin_id if context is not None else None
            return Person(user_id=admin_id, upn=controller.account_username) if admin_id else None

        def store_name(row: RosterRow) -> str:
            names = {s.id: s.display_name for s in controller.stores}
            return ", ".join(sorted(names[s] for s in row.stores if s in names))

        def apply_rows(rows: list[RosterRow]) -> None:
            apply = getattr(controller, "apply_rows", None)
            if callable(apply):
                apply(rows)
            else:
                controller.rows_updated.emit(rows)

        return cls(
            graph=graph,
            results_dir=results_dir,
            journal=journal,
            actor=actor,
            policy=lambda: controller.policy,
            offline_reason=lambda: controller.offline_reason,
            manage=lambda: controller.context,
            rows=lambda: controller.rows,
            store_name=store_name,
            apply_rows=apply_rows,
        )


# --------------------------------------------------------------------------- the PDF


def _badges_and_slips(items: Sequence[IssuedItem]) -> tuple[list[Badge], list[PinSlip]]:
    badges: list[Badge] = []
    slips: list[PinSlip] = []
    for item in items:
        name = item.display_name or item.upn
        if item.code is not None and item.code.image is not None:
            badges.append(
                Badge.from_code(
                    item.code, worker_name=name, store=item.store, upn=item.upn,
                    temporary=item.temporary,
                )
            )  # fmt: skip
        if item.pin:
            slips.append(
                PinSlip(name, item.upn, item.store, item.pin, item.must_change, item.issued_at)
            )
    return badges, slips


def _paint_slips(painter: QPainter, device: QPagedPaintDevice, slips: list[PinSlip]) -> int:
    dpi = float(device.logicalDpiX())
    mm = dpi / 25.4
    paintable = QRectF(device.pageLayout().paintRectPixels(round(dpi)))
    paintable.moveTo(0, 0)
    gap = 4 * mm
    cell_w, cell_h = SLIP_WIDTH_MM * mm + gap, SLIP_HEIGHT_MM * mm + gap
    columns = max(1, int((paintable.width() + gap) // cell_w))
    rows = max(1, int((paintable.height() + gap) // cell_h))
    per_page = columns * rows
    pages = 1
    for index, slip in enumerate(slips):
        if index and index % per_page == 0:
            device.newPage()
            pages += 1
        cell = index % per_page
        painter.save()
        painter.translate((cell % columns) * cell_w, (cell // columns) * cell_h)
        paint_slip(painter, slip, mm)
        painter.restore()
    return pages


def _paint_bundle(painter: QPainter, device: QPagedPaintDevice, items: Sequence[IssuedItem]) -> int:
    badges, slips = _badges_and_slips(items)
    pages = 0
    if badges:
        pages += paint_sheet(painter, device, badges)
    if slips:
        if pages:
            device.newPage()
        pages += _paint_slips(painter, device, slips)
    return pages


def save_bundle_pdf(path: str | Path, items: Sequence[IssuedItem]) -> int:
    """Badge sheets, then PIN slips, in one PDF; returns the page count (OSError on failure)."""
    if not items:
        raise ValueError("nothing to save")
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("QR PIN Manager")
    writer.setTitle(QCoreApplication.translate("Bulk", "QR sign-in badges and PIN slips"))
    writer.setPageLayout(page_layout(default_page_size()))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the PDF file ({Path(path).name})")
    try:
        pages = _paint_bundle(painter, writer, items)
    finally:
        ok = painter.end()
    del writer
    if not ok or not Path(path).exists():
        raise OSError(f"the PDF file was not written ({Path(path).name})")
    log.info("bulk: %d person(s) saved as one PDF (%d page(s))", len(items), pages)
    return pages


# --------------------------------------------------------------------------- the table


_COLUMNS = ("Line", "Person", "Action", "Check", "Details", "Result")
_VERDICT_COLORS = {
    Verdict.READY: None,
    Verdict.WARNING: "#b7791f",
    Verdict.PROBLEM: "#c0392b",
    Verdict.SKIP: "#777777",
}
_OUTCOME_COLORS = {
    RowOutcome.DONE: "#2e7d32",
    RowOutcome.DONE_SECRET_LOST: "#b7791f",
    RowOutcome.FAILED: "#c0392b",
    RowOutcome.UNKNOWN: "#c0392b",
    RowOutcome.NOT_APPLIED: "#b7791f",
    RowOutcome.NOT_SENT: "#777777",
    RowOutcome.SKIPPED: "#777777",
}


class PlanTableModel(QAbstractTableModel):
    """The plan's rows with their verdict, reason and (once run) result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: BulkPlan | None = None
        self.results: dict[int, RowResult] = {}

    def set_plan(self, plan: BulkPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.results = {}
        self.endResetModel()

    def set_results(self, results: Sequence[RowResult]) -> None:
        for result in results:
            self.results[result.index] = result
        if self.plan is not None and results:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 5))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.plan is None else len(self.plan.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_COLUMNS[section])
        return None

    def refresh(self) -> None:
        if self.plan is not None and self.plan.items:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 5))

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or self.plan is None:
            return None
        item = self.plan.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "" if item.request.line is None else str(item.request.line)
            if column == 1:
                return item.label
            if column == 2:
                return item.action.value if item.action else ""
            if column == 3:
                return {
                    Verdict.READY: self.tr("Ready"),
                    Verdict.WARNING: self.tr("Ready (note)"),
                    Verdict.PROBLEM: self.tr("Problem"),
                    Verdict.SKIP: self.tr("Skip"),
                }[item.verdict]
            if column == 4:
                if item.skipped:
                    return self.tr("Skipped by you")
                problem = item.main_problem
                if problem is not None:
                    return problem_text(problem)
                if item.expire is not None and item.action is not BulkAction.TEMPORARY:
                    return self.tr("New expiry: %1").replace("%1", format_datetime(item.expire))
                if item.expire is not None:
                    return self.tr("Until %1").replace("%1", format_datetime(item.expire))
                return ""
            if column == 5:
                result = self.results.get(item.index)
                return outcome_text(result) if result else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return "\n".join(problem_text(p) for p in item.problems) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 5 and item.index in self.results:
                color = _OUTCOME_COLORS[self.results[item.index].outcome]
                return QColor(color)
            if column in (3, 4):
                verdict_color = _VERDICT_COLORS[item.verdict]
                return QColor(verdict_color) if verdict_color else None
        return None


# --------------------------------------------------------------------------- the dialog


class BulkDialog(QDialog):
    """The bulk wizard. ``rows``: the roster selection offered as the source; ``action`` and
    ``expire`` preset the action (the expiry radar opens it on "extend"); ``start_plan``
    goes straight to the dry run of the selection."""

    finished_run = Signal(object)
    """RunSummary"""

    PAGE_SOURCE, PAGE_PLAN, PAGE_RUN = range(3)

    def __init__(
        self,
        services: BulkServices,
        *,
        rows: Sequence[RosterRow] = (),
        action: BulkAction | None = None,
        csv_path: str | Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.selection = list(rows)
        self.setWindowTitle(self.tr("Bulk actions"))
        self.setMinimumSize(820, 560)
        self.plan: BulkPlan | None = None
        self.run: BulkRun | None = None
        self.summary: RunSummary | None = None
        self.vault: SecretVault = SecretVault(services.journal, services.actor())
        self.results_path: Path | None = None
        self._source: _Source | None = None
        """What the last dry run checked, for "Run remaining rows" after Cancel."""
        self.task: asyncio.Task[None] | None = None
        self._pacer: AdaptivePacer | None = None
        self._closing_confirmed = False
        self._running = False
        self._extra_tasks: set[asyncio.Task[None]] = set()

        layout = QVBoxLayout(self)
        self.steps = QLabel(self)
        layout.addWidget(self.steps)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)
        self._build_source()
        self._build_plan()
        self._build_run()
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        if action is not None:
            self.action_combo.setCurrentIndex(self.action_combo.findData(action))
        if csv_path is not None:
            self.csv_radio.setChecked(True)
            self.path_edit.setText(str(csv_path))
        self._show_page(self.PAGE_SOURCE)
        self._update_source()

    # ------------------------------------------------------------------ pages

    def _build_source(self) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        self.source_group = QButtonGroup(self)
        self.selection_radio = QRadioButton(
            self.tr("The %n people selected in the roster", None, len(self.selection))
            if self.selection
            else self.tr("People selected in the roster (none selected)"),
            page,
        )
        self.csv_radio = QRadioButton(self.tr("A CSV file"), page)
        self.source_group.addButton(self.selection_radio)
        self.source_group.addButton(self.csv_radio)
        self.selection_radio.setEnabled(bool(self.selection))
        (self.selection_radio if self.selection else self.csv_radio).setChecked(True)
        file_row = QHBoxLayout()
        self.path_edit = QLineEdit(page)
        self.path_edit.setPlaceholderText(self.tr("user;action;expires;hours;pin"))
        self.path_edit.setAccessibleName(self.tr("CSV file"))
        self.browse_button = QPushButton(self.tr("Browse…"), page)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.action_combo = QComboBox(page)
        self.action_combo.setAccessibleName(self.tr("Action"))
        self.action_combo.addItem(self.tr("As the file's 'action' column says"), None)
        for action in BulkAction:
            self.action_combo.addItem(action_title(action), action)
        self.expiry_edit = QDateEdit(page)
        self.expiry_edit.setCalendarPopup(True)
        self.expiry_edit.setDisplayFormat("yyyy-MM-dd")
        self.expiry_edit.setDate(QDate.currentDate().addDays(365))
        self.expiry_edit.setMinimumDate(QDate.currentDate().addDays(1))
        self.as_far_check = QCheckBox(
            self.tr("As far as allowed (395 days after each code's start)"), page
        )
        self.as_far_check.setChecked(True)
        self.hours_spin = QDoubleSpinBox(page)
        self.hours_spin.setRange(1.0, 12.0)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setValue(8.0)
        self.hours_spin.setSuffix(self.tr(" h"))
        self.source_note = QLabel(page)
        self.source_note.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check (dry run)"), page)
        self.check_button.setDefault(True)
        form.addRow(self.tr("People:"), self.selection_radio)
        form.addRow("", self.csv_radio)
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("Action:"), self.action_combo)
        form.addRow(self.tr("New expiry:"), self.as_far_check)
        form.addRow("", self.expiry_edit)
        form.addRow(self.tr("Temporary code for:"), self.hours_spin)
        form.addRow(self.source_note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.source_cancel = QPushButton(self.tr("Close"), page)
        buttons.addWidget(self.source_cancel)
        buttons.addWidget(self.check_button)
        form.addRow(buttons)
        self.pages.addWidget(page)
        for signal in (
            self.selection_radio.toggled,
            self.action_combo.currentIndexChanged,
            self.as_far_check.toggled,
            self.path_edit.textChanged,
        ):
            signal.connect(self._update_source)
        self.browse_button.clicked.connect(self._browse)
        self.check_button.clicked.connect(self.start_plan)
        self.source_cancel.clicked.connect(self.reject)

    def _build_plan(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.plan_summary = QLabel(page)
        self.plan_summary.setWordWrap(True)
        self.file_problems = QLabel(page)
        self.file_problems.setWordWrap(True)
        self.model = PlanTableModel(self)
        self.table = QTableView(page)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        for column, width in enumerate((48, 180, 80, 90, 320, 160)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(5, True)  # results appear on the run page
        self.table.setAccessibleName(self.tr("Dry run: one line per row"))
        layout.addWidget(self.plan_summary)
        layout.addWidget(self.file_problems)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.skip_button = QPushButton(self.tr("Skip selected"), page)
        self.unskip_button = QPushButton(self.tr("Don't skip"), page)
        self.clamp_button = QPushButton(self.tr("Use the latest allowed expiry"), page)
        self.include_button = QPushButton(self.tr("Include anyway (I checked)"), page)
        self.back_button = QPushButton(self.tr("Back"), page)
        self.fresh_button = QPushButton(self.tr("New round (ignore the earlier run)"), page)
        self.fresh_button.setToolTip(
            self.tr(
                "Rows an earlier run finished are skipped. For a new round (for example next "
                "month's resets for the same people) set that earlier results file aside and "
                "check every row again. Not for finishing a cancelled run."
            )
        )
        self.fresh_button.hide()
        self.run_button = QPushButton(page)
        for button in (
            self.skip_button,
            self.unskip_button,
            self.clamp_button,
            self.include_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.fresh_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.run_button)
        layout.addLayout(buttons)
        self.pages.addWidget(page)
        self.skip_button.clicked.connect(lambda: self._skip_selected(True))
        self.unskip_button.clicked.connect(lambda: self._skip_selected(False))
        self.clamp_button.clicked.connect(lambda: self._fix_selected(Fix.CLAMP_EXPIRY))
        self.include_button.clicked.connect(lambda: self._fix_selected(Fix.INCLUDE_ANYWAY))
        self.back_button.clicked.connect(lambda: self._show_page(self.PAGE_SOURCE))
        self.fresh_button.clicked.connect(self.start_new_round)
        self.run_button.clicked.connect(self.start_run)
        self.table.selectionModel().selectionChanged.connect(self._update_plan_buttons)

    def _build_run(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.progress = QProgressBar(page)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.run_status = QLabel(page)
        self.run_status.setWordWrap(True)
        self.run_table = QTableView(page)
        self.run_table.setModel(self.model)
        self.run_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.run_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.run_table.verticalHeader().hide()
        self.run_table.verticalHeader().setDefaultSectionSize(22)
        rheader = self.run_table.horizontalHeader()
        for column, width in enumerate((48, 180, 80, 90, 220, 260)):
            rheader.resizeSection(column, width)
        rheader.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.secrets_label = QLabel(page)
        self.secrets_label.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.run_status)
        layout.addWidget(self.run_table, 1)
        layout.addWidget(self.secrets_label)
        buttons = QHBoxLayout()
        self.cancel_run_button = QPushButton(self.tr("Cancel"), page)
        self.remaining_button = QPushButton(self.tr("Run remaining rows…"), page)
        self.remaining_button.setToolTip(
            self.tr(
                "Checks the rows again (dry run) and offers the ones not sent. Rows already "
                "done are skipped; rows whose outcome is unknown are held back."
            )
        )
        self.remaining_button.hide()
        self.save_pdf_button = QPushButton(self.tr("Save badges and PIN slips as one PDF…"), page)
        self.print_button = QPushButton(self.tr("Print…"), page)
        self.close_button = QPushButton(self.tr("Close"), page)
        buttons.addWidget(self.cancel_run_button)
        buttons.addWidget(self.remaining_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_pdf_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.pages.addWidget(page)
        self.cancel_run_button.clicked.connect(self.cancel_run)
        self.remaining_button.clicked.connect(self.start_remaining)
        self.save_pdf_button.clicked.connect(lambda: self._spawn(self._save_pdf_with_dialog()))
        self.print_button.clicked.connect(lambda: self._spawn(self._print_with_dialog()))
        self.close_button.clicked.connect(self.reject)

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        names = [self.tr("1 Choose"), self.tr("2 Check"), self.tr("3 Run")]
        self.steps.setText(
            "  ›  ".join(f"<b>{n}</b>" if i == page else n for i, n in enumerate(names))
        )

    # ------------------------------------------------------------------ source

    def chosen_action(self) -> BulkAction | None:
        data = self.action_combo.currentData()
        return data if isinstance(data, BulkAction) else None

    def _update_source(self) -> None:
        from_file = self.csv_radio.isChecked()
        self.path_edit.setEnabled(from_file)
        self.browse_button.setEnabled(from_file)
        action = self.chosen_action()
        self.action_combo.model().item(0).setEnabled(from_file)  # type: ignore[attr-defined]
        if not from_file and action is None:
            self.action_combo.setCurrentIndex(1)
            action = self.chosen_action()
        extend = action is BulkAction.EXTEND
        self.as_far_check.setEnabled(action in (BulkAction.EXTEND, BulkAction.CREATE))
        self.as_far_check.setText(
            self.tr("As far as allowed (395 days after each code's start)")
            if extend
            else self.tr("The policy's default lifetime")
        )
        self.expiry_edit.setEnabled(
            action in (BulkAction.EXTEND, BulkAction.CREATE) and not self.as_far_check.isChecked()
        )
        self.hours_spin.setEnabled(action is BulkAction.TEMPORARY)
        offline = self.services.offline_reason()
        ready = bool(self.path_edit.text().strip()) if from_file else bool(self.selection)
        self.check_button.setEnabled(ready and not offline and not self._busy())
        if offline:
            self.source_note.setText(offline)
        elif from_file:
            self.source_note.setText(
                self.tr(
                    "Columns: user (user name or id), action (create, reset-pin, extend, "
                    "temporary, delete), optional start, expires, days, hours, pin. Comma or "
                    "semicolon separated. Values in the file win over the ones above."
                )
            )
        else:
            self.source_note.setText(
                self.tr("Nothing is sent until you have seen the dry run and pressed Run.")
            )

    def _update_source_if_alive(self) -> None:
        if shiboken6.isValid(self):
            self._update_source()

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a CSV file"))
        dialog.setNameFilter(self.tr("CSV files (*.csv *.txt)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)

        async def ask() -> None:
            code = await dialog_result(dialog)
            files = dialog.selectedFiles()
            dialog.deleteLater()
            if code == QDialog.DialogCode.Accepted and files:
                self.path_edit.setText(files[0])

        self._spawn(ask())

    async def _requests(self) -> _Source | None:
        action = self.chosen_action()
        expire: datetime | None = None
        if action in (BulkAction.EXTEND, BulkAction.CREATE) and not self.as_far_check.isChecked():
            chosen = self.expiry_edit.date()
            day = date(chosen.year(), chosen.month(), chosen.day())
            expire = datetime.combine(day, time(23, 59)).astimezone()
        hours = self.hours_spin.value() if action is BulkAction.TEMPORARY else None
        if self.csv_radio.isChecked():
            path = Path(self.path_edit.text().strip())
            parsed = await self._read_csv(path, action)
            requests = parsed.requests
            if action is not None or hours is not None or expire is not None:
                requests = [_with_defaults(r, expire, hours) for r in requests]
            results = path.with_name(path.stem + ".results.csv")
            if not parsed.usable:
                self._show_file_problems(parsed.problems)
                return None
            return _Source(requests, list(parsed.problems), results)
        assert action is not None
        requests = requests_for_rows(self.selection, action, expire=expire, hours=hours)
        # Keyed by action and people (not by time): running the same selection again reads
        # the same file, so what is done is skipped and unknown rows are held back.
        name = selection_results_name(action, (row.id for row in self.selection))
        return _Source(requests, [], self.services.results_dir / name)

    async def _read_csv(self, path: Path, action: BulkAction | None) -> CsvFile:
        """Parse the file on a worker thread (a 10 MB file takes about a second); the button
        shows how far it got and the window stays responsive."""
        reading = self.tr("Reading the file…")
        self.check_button.setText(reading)
        seen = [0, 0]

        def progress(done: int, total: int) -> None:  # on the worker thread: only store
            seen[0], seen[1] = done, total

        work = asyncio.ensure_future(
            asyncio.to_thread(read_csv, path, default_action=action, progress=progress)
        )
        try:
            while not work.done():
                await asyncio.wait({work}, timeout=0.1)
                if seen[1]:
                    self.check_button.setText(f"{reading} {100 * seen[0] // seen[1]} %")
        except asyncio.CancelledError:
            work.cancel()
            raise
        return work.result()

    def _show_file_problems(self, problems: Sequence[Problem]) -> None:
        text = "\n".join(problem_text(p) for p in problems)
        self.source_note.setText(text)
        self.source_note.setStyleSheet("color: #c0392b")

    # ------------------------------------------------------------------ plan

    def start_plan(self) -> None:
        """The dry run (button "Check")."""
        if self._busy():
            return
        self.error_label.hide()
        self.source_note.setStyleSheet("")
        self.check_button.setEnabled(False)
        self._spawn(self._check())

    async def _check(self) -> None:
        self.check_button.setEnabled(False)
        try:
            source = await self._requests()
            if source is None:
                return
            self._source = source
            self.results_path = source.results
            await self._plan(source)
        finally:
            self.check_button.setText(self.tr("Check (dry run)"))
            # once this task has ended, so that the button counts it as finished
            asyncio.get_event_loop().call_soon(self._update_source_if_alive)

    def start_remaining(self) -> None:
        """After Cancel (button "Run remaining rows"): the same rows checked again, with the
        results file of the run just cancelled; the plan then offers only what is left."""
        if self._busy() or self._running or self._source is None:
            return
        self.error_label.hide()
        self.remaining_button.hide()
        self._spawn(self._plan(self._source))

    async def _plan(self, source: _Source) -> None:
        self.check_button.setText(self.tr("Checking…"))
        self.run_status.setText(self.tr("Checking…"))
        requests, file_problems, results_path = source.requests, source.problems, source.results
        try:
            budget = self.services.budget
            self._pacer = AdaptivePacer(budget) if budget else None
            ctx = PlanContext(
                graph=self.services.graph(),
                policy=self.services.policy(),
                manage=self.services.manage(),
                known_rows=list(self.services.rows()) + self.selection,
                previous=read_results(results_path),
                offline_reason=self.services.offline_reason(),
                budget=budget,
                pacer=self._pacer,
            )

            def progress(phase: str, done: int, total: int) -> None:
                what = (
                    self.tr("Looking people up")
                    if phase == "lookup"
                    else self.tr("Reading their QR sign-in")
                )
                self.check_button.setText(f"{what} {done}/{total}…")
                self.run_status.setText(f"{what} {done}/{total}…")

            plan = await build_plan(requests, ctx, file_problems=file_problems, progress=progress)
        finally:
            self.check_button.setText(self.tr("Check (dry run)"))
        self.show_plan(plan)

    def start_new_round(self) -> None:
        """Set the earlier results file aside (renamed, kept for support) and check again:
        rows the earlier run finished are then planned like any other."""
        source = self._source
        if self._busy() or self._running or source is None or not source.results.exists():
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        stem = source.results.name.removesuffix(".results.csv")
        aside = source.results.with_name(f"{stem}.earlier-{stamp}.csv")
        try:
            source.results.rename(aside)
        except OSError as exc:
            self._error(self.tr("The results file cannot be written: %1").replace("%1", str(exc)))
            return
        log.info("bulk: earlier results file set aside for a new round")
        self.error_label.hide()
        self._spawn(self._plan(source))

    def show_plan(self, plan: BulkPlan) -> None:
        self.plan = plan
        self.model.set_plan(plan)
        self.fresh_button.setVisible(
            any(p.code is ProblemCode.DONE_BEFORE for item in plan.items for p in item.problems)
        )
        warnings = [p for p in plan.file_problems if p.severity is not Severity.ERROR]
        self.file_problems.setText("\n".join(problem_text(p) for p in warnings))
        self.file_problems.setVisible(bool(warnings))
        self._update_plan_buttons()
        self._show_page(self.PAGE_PLAN)

    def _update_plan_buttons(self) -> None:
        if self.plan is None:
            return
        counts = self.plan.counts()
        runnable = counts[Verdict.READY] + counts[Verdict.WARNING]
        self.plan_summary.setText(
            self.tr(
                "%1 ready, %2 with a note, %3 with a problem, %4 skipped. Nothing has been sent yet."
            )
            .replace("%1", str(counts[Verdict.READY]))
            .replace("%2", str(counts[Verdict.WARNING]))
            .replace("%3", str(counts[Verdict.PROBLEM]))
            .replace("%4", str(counts[Verdict.SKIP]))
        )
        self.run_button.setText(self.tr("Run %n action(s)", None, runnable))
        self.run_button.setEnabled(runnable > 0 and not self.services.offline_reason())
        selected = self._selected_items()
        self.skip_button.setEnabled(any(i.will_run for i in selected))
        self.unskip_button.setEnabled(any(i.skipped for i in selected))
        self.clamp_button.setEnabled(any(Fix.CLAMP_EXPIRY in i.fixes for i in selected))
        self.include_button.setEnabled(any(Fix.INCLUDE_ANYWAY in i.fixes for i in selected))
        self.model.refresh()

    def _selected_items(self) -> list[Any]:
        if self.plan is None:
            return []
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.plan.items[r] for r in rows]

    def _skip_selected(self, skipped: bool) -> None:
        assert self.plan is not None
        for item in self._selected_items():
            self.plan.skip(item.index, skipped)
        self._update_plan_buttons()

    def _fix_selected(self, fix: Fix) -> None:
        assert self.plan is not None
        for item in self._selected_items():
            self.plan.apply_fix(item.index, fix)
        self._update_plan_buttons()

    # ------------------------------------------------------------------ run

    def start_run(self) -> None:
        """Run the plan's runnable rows (button "Run")."""
        if self._busy() or self.plan is None:
            return
        graph = self.services.graph()
        if graph is None or self.services.offline_reason():
            self._error(self.services.offline_reason() or self.tr("Not signed in."))
            return
        assert self.results_path is not None
        try:
            writer = ResultsWriter(self.results_path)
        except OSError as exc:
            self._error(self.tr("The results file cannot be written: %1").replace("%1", str(exc)))
            return
        self.summary = None
        self.remaining_button.hide()
        self.run = BulkRun(
            graph,
            self.plan.items,
            journal=self.services.journal,
            actor=self.services.actor(),
            results=writer,
            vault=self.vault,
            budget=self.services.budget,
            store_name=self.services.store_name,
            pacer=self._pacer,
        )
        self._spawn(self._run(self.run))

    async def _run(self, run: BulkRun) -> None:
        assert self.plan is not None
        total = len(run.items)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self._show_page(self.PAGE_RUN)
        self._set_running(True)
        refreshed: list[RosterRow] = []
        try:
            async for event in run.events():
                if isinstance(event, RowsFinished):
                    self.model.set_results(event.results)
                    self.progress.setValue(event.done)
                    refreshed += [r.row for r in event.results if r.row is not None]
                    self.run_status.setText(
                        self.tr("%1 of %2 rows finished.")
                        .replace("%1", str(event.done))
                        .replace("%2", str(total))
                    )
                elif isinstance(event, RecheckStarted):
                    self.run_status.setText(
                        self.tr(
                            "%n answer(s) were lost after sending: re-reading those people "
                            "to see what happened (nothing is sent again)…",
                            None,
                            event.count,
                        )
                    )
                elif isinstance(event, RunFinished):
                    self.summary = event.summary
        finally:
            self._set_running(False)
            if refreshed:
                self.services.apply_rows(refreshed)
        if self.summary is not None:
            self._show_summary(self.summary)
            self.remaining_button.setVisible(self.summary.counts[RowOutcome.NOT_SENT] > 0)
            self.finished_run.emit(self.summary)

    def cancel_run(self) -> None:
        """Stop sending; what is in flight finishes; the rest is "not sent"."""
        if self.run is not None:
            self.run.cancel()
            self.cancel_run_button.setEnabled(False)
            self.run_status.setText(
                self.tr("Cancelling: waiting for the answers already on their way…")
            )

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.cancel_run_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        self._update_secret_buttons()

    def _show_summary(self, summary: RunSummary) -> None:
        c = summary.counts
        parts = [
            self.tr("%n done", None, c[RowOutcome.DONE]),
            self.tr("%n failed", None, c[RowOutcome.FAILED]),
            self.tr("%n not sent", None, c[RowOutcome.NOT_SENT]),
            self.tr("%n skipped", None, c[RowOutcome.SKIPPED]),
        ]
        if c[RowOutcome.UNKNOWN]:
            parts.append(self.tr("%n unknown (check their status)", None, c[RowOutcome.UNKNOWN]))
        if c[RowOutcome.DONE_SECRET_LOST]:
            parts.append(
                self.tr("%n done but the PIN/badge was lost", None, c[RowOutcome.DONE_SECRET_LOST])
            )
        if c[RowOutcome.NOT_APPLIED]:
            parts.append(
                self.tr("%n not done after a lost answer", None, c[RowOutcome.NOT_APPLIED])
            )
        text = ", ".join(parts) + "."
        if self.results_path is not None:
            text += " " + self.tr("Results file: %1 (a re-run skips what is done).").replace(
                "%1", str(self.results_path)
            )
        self.run_status.setText(text)

    def _update_secret_buttons(self) -> None:
        badges, pins = self.vault.badge_count, self.vault.pin_count
        has = len(self.vault) > 0
        running = self._running
        self.save_pdf_button.setEnabled(has and not running)
        self.print_button.setEnabled(has and not running)
        if has:
            self.secrets_label.setText(
                self.tr(
                    "%1 badge(s) and %2 PIN slip(s) are only in this window: print them or "
                    "save them as one PDF now. They cannot be shown again."
                )
                .replace("%1", str(badges))
                .replace("%2", str(pins))
            )
            self.secrets_label.setStyleSheet("color: #b7791f; font-weight: bold")
        elif self.vault.settled is not None:
            self.secrets_label.setText(self.tr("Badges and PIN slips delivered."))
            self.secrets_label.setStyleSheet("")
        else:
            self.secrets_label.setText("")

    # ------------------------------------------------------------------ secrets out

    def save_pdf_to(self, path: str | Path) -> int:
        """Save every badge and PIN slip of the run as one PDF; marks them delivered."""
        pages = save_bundle_pdf(path, self.vault.items())
        self.vault.settle(Delivery.SAVED_PDF)
        self._update_secret_buttons()
        return pages

    async def _save_pdf_with_dialog(self) -> None:
        dialog = QFileDialog(self, self.tr("Save badges and PIN slips as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"QR badges and PINs {datetime.now():%Y-%m-%d %H%M}.pdf")
        code = await dialog_result(dialog)
        files = dialog.selectedFiles()
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted or not files:
            return
        await asyncio.sleep(0)
        try:
            self.save_pdf_to(files[0])
        except OSError as exc:
            self._error(self.tr("The PDF could not be saved: %1").replace("%1", str(exc)))

    async def _print_with_dialog(self) -> None:
        printer = new_printer()
        dialog = QPrintDialog(printer, self)
        code = await dialog_result(dialog)
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPagedPaintDevice) -> bool:
        """Print every badge and PIN slip on ``printer`` (as its dialog configured it). Only
        a print job that went through marks them printed; when it fails they stay here (the
        manager can try again or save a PDF) and the error says so."""
        painter = QPainter()
        if not painter.begin(printer):
            self._error(self.tr("The printer could not be started."))
            return False
        try:
            _paint_bundle(painter, printer, self.vault.items())
        finally:
            ok = painter.end()
        if isinstance(printer, QPrinter) and printer.printerState() is QPrinter.PrinterState.Error:
            ok = False
        if not ok:
            log.warning("bulk print job failed; badges and PIN slips kept")
            self._error(
                self.tr(
                    "Printing failed. The badges and PIN slips are still here: try again or "
                    "save them as one PDF."
                )
            )
            return False
        self.error_label.hide()
        self.vault.settle(Delivery.PRINTED)
        self._update_secret_buttons()
        return True

    # ------------------------------------------------------------------ plumbing

    def _busy(self) -> bool:
        return self.task is not None and not self.task.done()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_event_loop().create_task(coro)
        if self.task is None or self.task.done():
            self.task = task
        self._extra_tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._extra_tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("bulk dialog task failed: %s", type(exc).__name__)
            try:
                self._error(self.tr("Something went wrong: %1").replace("%1", type(exc).__name__))
            except RuntimeError:
                pass
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def reject(self) -> None:
        """Close (Esc, the window's X, Close): a running run is cancelled first; undelivered
        badges and PINs ask for confirmation."""
        if self._running:
            self.cancel_run()
            return
        if len(self.vault) and not self._closing_confirmed:
            self._spawn(self._confirm_close())
            return
        for task in list(self._extra_tasks):
            task.cancel()
        super().reject()

    async def _confirm_close(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Close without printing?"),
            self.tr(
                "%1 badge(s) and %2 PIN slip(s) have not been printed or saved. They cannot "
                "be shown again: those people would need a new badge or PIN reset."
            )
            .replace("%1", str(self.vault.badge_count))
            .replace("%2", str(self.vault.pin_count)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        self.confirm_box = box
        code = await dialog_result(box)
        box.deleteLater()
        if code == QMessageBox.StandardButton.Discard:
            self.vault.settle(Delivery.DISCARDED)
            self._closing_confirmed = True
            self.reject()


@dataclass(frozen=True, slots=True)
class _Source:
    """The checked rows' source: the requests, the file's own problems, the results file."""

    requests: list[BulkRequest]
    problems: list[Problem]
    results: Path


def _with_defaults(
    request: BulkRequest, expire: datetime | None, hours: float | None
) -> BulkRequest:
    """The dialog's choices fill what a CSV row leaves empty."""

    changes: dict[str, Any] = {}
    fills_expiry = request.action in (BulkAction.EXTEND, BulkAction.CREATE)
    if fills_expiry and expire is not None and request.expire is None and request.days is None:
        changes["expire"] = expire
        changes["expire_is_date"] = True
    fills_hours = request.action is BulkAction.TEMPORARY and request.expire is None
    if fills_hours and hours is not None and request.hours is None:
        changes["hours"] = hours
        changes["problems"] = tuple(
            p for p in request.problems if p.code.value != "temporary_no_end"
        )
    return dataclasses.replace(request, **changes) if changes else request
