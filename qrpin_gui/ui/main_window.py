"""The main window: the store roster a manager lives in.

Top row: store picker, search, refresh, check status, export. Below: quick filters, an
offline banner (when the window runs on the saved roster), a notice line for expected
problems, then the roster table beside the details pane, and the status bar (progress with
Cancel, data age, online/offline, account).

The window only shows and asks: every piece of work goes through the
:class:`~qrpin_gui.ui.roster_controller.RosterController` it is given. Bulk actions and the
expiry radar arrive with :meth:`MainWindow.install_bulk` (the app hands over their services
once the Graph client exists).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui import export_csv
from qrpin_gui.core.models import Policy, RosterRow
from qrpin_gui.ui.details_pane import DetailsPane
from qrpin_gui.ui.filter_bar import FilterBar
from qrpin_gui.ui.roster_controller import RosterController
from qrpin_gui.ui.roster_model import RosterTableModel
from qrpin_gui.ui.roster_present import Col, column_titles
from qrpin_gui.ui.row_actions import RowAction, RowActionRegistry, action_titles
from qrpin_gui.ui.status_bar import MainStatusBar
from qrpin_gui.ui.store_picker import ALL_USERS, StorePicker
from qrpin_gui.ui.theme import ThemeController

if TYPE_CHECKING:
    from qrpin_gui.bulk import RunSummary
    from qrpin_gui.ui.bulk_dialog import BulkDialog, BulkServices
    from qrpin_gui.ui.expiry_radar import ExpiryRadar

logger = logging.getLogger(__name__)

_D = TypeVar("_D", bound=QDialog)

_COLUMN_WIDTHS = (160, 240, 120, 180, 150, 150, 95, 170, 120)

TIME_REFRESH_MS = 5 * 60 * 1000
"""How often statuses are judged against the clock again (a temporary code expires, a badge
enters "expiring soon") without waiting for the next sync."""


def configure_roster_view(table: QTableView) -> None:
    """The roster table's view settings: whole-row selection, no editing, sorting by the
    model, fixed row heights and fixed column widths (no per-row size hints: 100k rows)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.sortByColumn(Col.NAME, Qt.SortOrder.AscendingOrder)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    vheader = table.verticalHeader()
    vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vheader.setDefaultSectionSize(table.fontMetrics().height() + 10)
    vheader.hide()
    hheader = table.horizontalHeader()
    hheader.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    hheader.setHighlightSections(False)
    hheader.setStretchLastSection(True)
    scale = max(1.0, table.fontMetrics().averageCharWidth() / 7.0)
    for col, width in enumerate(_COLUMN_WIDTHS):
        table.setColumnWidth(col, int(width * scale))


class Banner(QFrame):
    """A one-line message across the window with an optional button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(self.tr("Dismiss"))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.close_button)
        self.button.hide()
        self.hide()

    def show_message(
        self, text: str, *, style: str = "", button_text: str = "", closable: bool = True
    ) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(self.accessibleName() or text)
        self.setAccessibleDescription(text)
        self.setStyleSheet(style)
        self.button.setVisible(bool(button_text))
        self.button.setText(button_text)
        self.close_button.setVisible(closable)
        self.show()


class MainWindow(QMainWindow):
    """The roster window. Services come in through the constructor."""

    shown = Signal()
    """The window was shown for the first time (start-up timing, screenshots)."""
    closing = Signal()
    """The window was closed: the app shuts down."""
    unlock_requested = Signal()
    """The person pressed "Unlock" on the lock page."""

    def __init__(
        self,
        controller: RosterController,
        theme: ThemeController,
        *,
        row_actions: RowActionRegistry | None = None,
        state_file: Path | None = None,
        expiring_within_days: int = 14,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.theme = theme
        self.row_actions = row_actions or RowActionRegistry(self)
        self._state_file = state_file
        self._shown_once = False
        self._restoring_selection = False
        self._shown_row: RosterRow | None = None
        self._bulk_services: BulkServices | None = None
        self.bulk_dialog: BulkDialog | None = None
        """The last bulk wizard opened (kept until the next one opens)."""
        self.radar: ExpiryRadar | None = None
        """The last expiry radar opened (kept until the next one opens)."""
        self.setWindowTitle(self.tr("QR PIN Manager"))
        self.setAccessibleName(self.windowTitle())
        self.resize(1280, 760)

        self.model = RosterTableModel(
            self, tone_colors=theme.tone_colors, expiring_within_days=expiring_within_days
        )
        self._build_actions()
        self._build_widgets(expiring_within_days)
        self._build_menus()
        self._connect()
        self._restore_state()
        self._update_actions()
        self._on_forgotten_changed(controller.forgotten_badges)
        self.time_timer = QTimer(self)
        self.time_timer.setInterval(TIME_REFRESH_MS)
        self.time_timer.timeout.connect(self.refresh_time)
        self.time_timer.start()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+R")])
        self.refresh_action.setToolTip(self.tr("Load the roster again from Microsoft (F5)"))
        self.find_action = QAction(self.tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.check_status_action = QAction(self.tr("&Check status"), self)
        self.check_status_action.setShortcut(QKeySequence("Ctrl+K"))
        self.check_status_action.setToolTip(
            self.tr("Check QR sign-in status of the selected people, or of the people listed")
        )
        self.export_action = QAction(self.tr("&Export view as CSV…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip(self.tr("Save the people listed, as shown, to a CSV file"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.sign_in_action = QAction(self.tr("Sign &in"), self)
        self.switch_account_action = QAction(self.tr("S&witch account…"), self)
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.retry_action = QAction(self.tr("Try to &reconnect"), self)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.details_action = QAction(self.tr("Show &details"), self)
        self.details_action.setCheckable(True)
        self.details_action.setChecked(True)
        self.details_action.setShortcut(QKeySequence("Ctrl+D"))
        self.scheme_actions: dict[str, QAction] = {}
        for key, title in (
            ("system", self.tr("Follow the &system")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            action = QAction(title, self)
            action.setCheckable(True)
            action.setChecked(self.theme.scheme == key)
            action.triggered.connect(partial(self._on_scheme_action, key))
            self.scheme_actions[key] = action
        self.about_action = QAction(self.tr("&About QR PIN Manager"), self)
        self.row_action_items: dict[RowAction, QAction] = {}
        for action_key, title in action_titles().items():
            action = QAction(title, self)
            action.triggered.connect(partial(self._on_row_action, action_key))
            self.row_action_items[action_key] = action
        shortcuts = {RowAction.RESET_PIN: "Ctrl+Shift+P", RowAction.TEMPORARY_CODE: "Ctrl+Shift+T"}
        for row_action, seq in shortcuts.items():
            self.row_action_items[row_action].setShortcut(QKeySequence(seq))
        self.bulk_action = QAction(self.tr("&Bulk actions…"), self)
        self.bulk_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.radar_action = QAction(self.tr("Expiry &radar…"), self)
        self.radar_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        for action in (
            self.refresh_action,
            self.find_action,
            self.check_status_action,
            self.export_action,
        ):
            self.addAction(action)

    def _build_widgets(self, expiring_within_days: int) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 0)

        top = QHBoxLayout()
        self.store_label = QLabel(self.tr("&Store:"), central)
        self.store_picker = StorePicker(central)
        self.store_label.setBuddy(self.store_picker)
        self.filter_bar = FilterBar(central, expiring_within_days=expiring_within_days)
        self.search = self.filter_bar.search
        self.refresh_button = QPushButton(self.tr("Refresh"), central)
        self.refresh_button.setAccessibleName(self.tr("Refresh the roster"))
        self.refresh_button.setToolTip(self.refresh_action.toolTip())
        self.check_button = QPushButton(self.tr("Check status"), central)
        self.check_button.setAccessibleName(self.tr("Check QR status"))
        self.check_button.setToolTip(self.check_status_action.toolTip())
        self.export_button = QPushButton(self.tr("Export CSV…"), central)
        self.export_button.setAccessibleName(self.tr("Export the view as CSV"))
        self.export_button.setToolTip(self.export_action.toolTip())
        top.addWidget(self.store_label)
        top.addWidget(self.store_picker)
        top.addWidget(self.search, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.check_button)
        top.addWidget(self.export_button)
        outer.addLayout(top)
        outer.addWidget(self.filter_bar)

        self.offline_banner = Banner(central)
        self.offline_banner.setAccessibleName(self.tr("Offline notice"))
        self.offline_banner.close_button.hide()
        self.notice_banner = Banner(central)
        self.notice_banner.setAccessibleName(self.tr("Notice"))
        outer.addWidget(self.offline_banner)
        outer.addWidget(self.notice_banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.table = QTableView(self.splitter)
        self.table.setAccessibleName(self.tr("Staff roster"))
        self.table.setModel(self.model)
        configure_roster_view(self.table)
        # Readiness in the details is judged at the same moment as the statuses in the table.
        self.details = DetailsPane(self.splitter, clock=lambda: self.model.now)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([960, 300])
        outer.addWidget(self.splitter, 1)
        self.lock_page = QWidget(self)
        lock_layout = QVBoxLayout(self.lock_page)
        lock_layout.addStretch(1)
        self.lock_label = QLabel(
            self.tr("QR PIN Manager is locked because nobody used it for a while."), self.lock_page
        )
        self.lock_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_label.setWordWrap(True)
        self.lock_label.setAccessibleName(self.tr("Locked"))
        self.unlock_button = QPushButton(self.tr("Unlock (sign in again)"), self.lock_page)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.clicked.connect(self.unlock_requested)
        lock_layout.addWidget(self.lock_label)
        lock_layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lock_layout.addStretch(1)
        self.stack = QStackedWidget(self)
        self.roster_page = central
        self.stack.addWidget(central)
        self.stack.addWidget(self.lock_page)
        self.setCentralWidget(self.stack)

        self.status = MainStatusBar(self)
        self.setStatusBar(self.status)
        self.details.set_actions(list(self.row_action_items.values()))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        roster_menu = bar.addMenu(self.tr("&Roster"))
        roster_menu.addAction(self.refresh_action)
        roster_menu.addAction(self.check_status_action)
        roster_menu.addAction(self.find_action)
        roster_menu.addAction(self.retry_action)
        person_menu = bar.addMenu(self.tr("&Person"))
        for action in self.row_action_items.values():
            person_menu.addAction(action)
        person_menu.addSeparator()
        person_menu.addAction(self.bulk_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.details_action)
        view_menu.addAction(self.radar_action)
        scheme_menu = view_menu.addMenu(self.tr("&Colour scheme"))
        for action in self.scheme_actions.values():
            scheme_menu.addAction(action)
        account_menu = bar.addMenu(self.tr("&Account"))
        account_menu.addAction(self.sign_in_action)
        account_menu.addAction(self.switch_account_action)
        account_menu.addAction(self.sign_out_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        self.menus = {
            "file": file_menu,
            "roster": roster_menu,
            "person": person_menu,
            "view": view_menu,
            "account": account_menu,
            "help": help_menu,
        }

    def _connect(self) -> None:
        c = self.controller
        c.account_changed.connect(self._on_account_changed)
        c.stores_changed.connect(self._on_stores_changed)
        c.rows_replaced.connect(self._on_rows_replaced)
        c.rows_added.connect(self.model.append_rows)
        c.rows_updated.connect(self._on_rows_updated)
        c.progress.connect(self.status.progress.update_counts)
        c.sync_started.connect(self._on_sync_started)
        c.sync_finished.connect(self._on_sync_finished)
        c.connection_changed.connect(self._on_connection_changed)
        c.notice.connect(self.show_notice)
        c.data_time_changed.connect(self._on_data_time_changed)
        c.busy_changed.connect(self._on_busy_changed)
        c.policy_changed.connect(self._on_policy_changed)
        c.forgotten_changed.connect(self._on_forgotten_changed)
        self.details.badge_forgotten_toggled.connect(self._on_badge_forgotten_toggled)

        self.refresh_action.triggered.connect(c.refresh)
        self.refresh_button.clicked.connect(self.refresh_action.trigger)
        self.find_action.triggered.connect(self.focus_search)
        self.check_status_action.triggered.connect(self.check_status)
        self.check_button.clicked.connect(self.check_status_action.trigger)
        self.export_action.triggered.connect(self.export_view)
        self.export_button.clicked.connect(self.export_action.trigger)
        self.quit_action.triggered.connect(self.close)
        self.sign_in_action.triggered.connect(c.sign_in)
        self.switch_account_action.triggered.connect(c.switch_account)
        self.sign_out_action.triggered.connect(c.sign_out)
        self.retry_action.triggered.connect(c.retry_now)
        self.details_action.toggled.connect(self.details.setVisible)
        self.about_action.triggered.connect(self._show_about)
        self.bulk_action.triggered.connect(self._on_bulk_action)
        self.radar_action.triggered.connect(self._on_radar_action)
        self.status.account.sign_in_requested.connect(c.sign_in)
        self.status.account.switch_requested.connect(c.switch_account)
        self.status.account.sign_out_requested.connect(c.sign_out)
        self.status.progress.cancel_requested.connect(c.cancel_sync)
        self.offline_banner.button.clicked.connect(c.retry_now)

        self.store_picker.store_chosen.connect(c.choose_store)
        self.filter_bar.search_changed.connect(self.model.set_search_text)
        self.filter_bar.quick_filters_changed.connect(self.model.set_quick_filters)
        self.model.counts_changed.connect(self.filter_bar.set_counts)
        self.model.filter_applied.connect(self._on_filter_applied)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.activated.connect(self._on_row_activated)
        self.row_actions.changed.connect(self._update_actions)
        self.theme.changed.connect(self._after_scheme_change)

    # ------------------------------------------------------------------ public helpers
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_row(self) -> RosterRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            rows = self.selected_rows()
            return (
                rows[0]
                if len(rows) == 1
                else (self.model.row_at(index.row()) if index.isValid() else None)
            )
        return self.model.row_at(index.row())

    def selected_rows(self) -> list[RosterRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def visible_row_ids(self) -> list[str]:
        """Ids of the rows currently on screen in the table viewport."""
        if self.model.rowCount() == 0:
            return []
        top = self.table.rowAt(0)
        bottom = self.table.rowAt(max(0, self.table.viewport().height() - 1))
        if top < 0:
            return []
        if bottom < 0:
            bottom = self.model.rowCount() - 1
        return self.model.ids_in_rows(range(top, bottom + 1))

    def show_notice(self, kind: str, text: str) -> None:
        """An expected problem or a hint, in plain words, across the window."""
        if not text:
            self.notice_banner.hide()
            return
        styles = {
            "error": "Banner { background: palette(base); border: 1px solid #c0392b; }",
            "warning": "Banner { background: palette(base); border: 1px solid #b7791f; }",
            "info": "",
        }
        self.notice_banner.show_message(text, style=styles.get(kind, ""))
        self.status.showMessage(text, 10_000)

    def refresh_time(self) -> None:
        """Judge every status against the clock again (the five-minute timer): an expired
        temporary code stops showing as live, the details pane follows."""
        self.model.refresh_time()
        if not self.is_locked:  # the lock page keeps the details pane empty
            self._refresh_details()

    def check_status(self) -> None:
        """Check QR status of the selection; with none, of the filtered set (capped) or the
        rows on screen. Never the whole tenant."""
        ids = [r.id for r in self.selected_rows()]
        if not ids:
            filtered = self.model.rowCount() < self.model.total_count
            visible = self.model.visible_rows()
            if filtered and len(visible) <= self.controller.CHECK_LIMIT:
                ids = [r.id for r in visible]
            else:
                ids = self.visible_row_ids()
        self.controller.check_status(ids)

    def export_view(self) -> None:
        start = Path.home() / "qr-sign-in.csv"
        dialog = QFileDialog(self, self.tr("Export the view as CSV"), str(start))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(self.export_to)
        dialog.finished.connect(dialog.deleteLater)
        self._export_dialog = dialog  # for tests
        dialog.open()

    def export_to(self, path: str) -> int:
        """Write the current view (filtered, sorted, as shown) to ``path``."""
        header = column_titles()
        rows = [view.texts for _row, view in self.model.visible_views()]
        try:
            count = export_csv.export_csv(Path(path), header, rows)
        except OSError as exc:
            logger.warning("CSV export failed: %s", type(exc).__name__)
            self.show_notice(
                "error",
                self.tr("The file could not be saved: %1").replace("%1", exc.strerror or str(exc)),
            )
            return 0
        self.status.showMessage(
            self.tr("Saved %n people to %1", None, count).replace("%1", Path(path).name), 8000
        )
        return count

    # ------------------------------------------------------------------ controller events
    def _on_account_changed(self, username: str, tenant: str) -> None:
        self.status.account.set_account(username, tenant)
        title = self.tr("QR PIN Manager")
        self.setWindowTitle(f"{title} — {username}" if username else title)
        self._update_actions()

    def _on_stores_changed(self, stores: list, allow_all: bool, current: str) -> None:
        self.store_picker.set_stores(stores, allow_all=allow_all, current=current)
        self._update_actions()

    def _on_rows_replaced(self, rows: list, when: object, from_snapshot: bool) -> None:
        selected = [r.id for r in self.selected_rows()]
        current = self.current_row()
        self.model.set_rows(rows)
        self._reselect(selected, current.id if current is not None else None)
        self._on_data_time_changed(when, from_snapshot)
        self._update_bulk_actions()  # the radar needs rows

    def _on_rows_updated(self, rows: list) -> None:
        self.model.update_rows(rows)
        current = self.current_row()
        if current is not None and any(r.id == current.id for r in rows):
            self._refresh_details()

    def _on_policy_changed(self, policy: object) -> None:
        known = policy if isinstance(policy, Policy) else None
        self.model.set_policy(known)
        self.details.set_policy(known)
        self._refresh_details()

    def _on_forgotten_changed(self, user_ids: object) -> None:
        ids = user_ids if isinstance(user_ids, frozenset) else frozenset()
        self.details.set_forgotten_available(self.controller.journal is not None)
        self.model.set_forgotten_badges(ids)
        self._refresh_details()

    def _on_badge_forgotten_toggled(self, user_id: str, forgotten: bool) -> None:
        """The "Badge forgotten today" toggle: note it in the journal (the model and the
        details follow ``forgotten_changed``), or show the real state again when it failed."""
        row = self.model.row_by_id(user_id)
        if row is None or not self.controller.set_badge_forgotten(row, forgotten):
            self._refresh_details()

    def _on_data_time_changed(self, when: object, from_snapshot: bool) -> None:
        self.status.set_data_time(
            when if isinstance(when, datetime) else None, from_snapshot=from_snapshot
        )

    def _on_sync_started(self) -> None:
        self.status.progress.start()
        self._update_actions()

    def _on_sync_finished(self, outcome: str) -> None:
        self.status.progress.finish()
        if outcome == "cancelled":
            self.status.showMessage(
                self.tr("Loading cancelled; the rows loaded so far are shown."), 8000
            )
        self._update_actions()

    def _on_connection_changed(self, online: bool, reason: str) -> None:
        self.status.connection.set_state(online=online, offline_reason=reason)
        if online:
            self.offline_banner.hide()
        else:
            self.offline_banner.show_message(
                reason,
                style="Banner { background: palette(alternate-base); border: 1px solid #b7791f; }",
                button_text=self.tr("Try again now") if not self.controller.forced_offline else "",
                closable=False,
            )
            self.offline_banner.button.setAccessibleName(self.tr("Try to reconnect now"))
        self._update_actions()

    # ------------------------------------------------------------------ view events
    def _on_filter_applied(self) -> None:
        self._refresh_details()

    def _on_model_data_changed(self, *_args: object) -> None:
        row = self.current_row()
        if row is not None and self.model.row_by_id(row.id) is not self._shown_row:
            self._refresh_details()

    def _on_selection_changed(self, *_args: object) -> None:
        self._refresh_details()
        self._update_actions()

    def _on_current_changed(self, *_args: object) -> None:
        self._refresh_details()
        self._update_actions()

    def _on_row_activated(self, index: QModelIndex) -> None:
        """Enter / double-click: show the details (and put focus there for keyboard users)."""
        if not self.details.isVisible():
            self.details_action.setChecked(True)
        self._refresh_details()
        for button in self.details.findChildren(QPushButton):
            if button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _refresh_details(self) -> None:
        row = self.current_row()
        if row is None:
            self._shown_row = None
            self.details.show_row(None, None, None)
        else:
            current = self.model.row_by_id(row.id) or row
            self._shown_row = current
            view = self.model.view_of(current)
            self.details.show_row(current, view, self.theme.tone_colors(view.tone))
        self._update_row_actions(row)

    def _reselect(self, ids: list[str], current_id: str | None) -> None:
        """After a reload: the people the user had selected are selected again, and the
        current row stays on the same person. Without a selection only the current row
        moves (to that person, else the first row: the arrow keys work at once and the
        details pane shows someone) and nothing is selected, so a selection always means
        the user chose it ("Check status" without one checks the filtered set or the rows
        on screen)."""
        model = self.model
        selection_model = self.table.selectionModel()
        rows = sorted(
            {index.row() for index in (model.index_of(uid) for uid in ids) if index.isValid()}
        )
        if rows:
            selection = QItemSelection()
            last_col = model.columnCount() - 1
            start = previous = rows[0]
            for row in [*rows[1:], -1]:
                if row != previous + 1:
                    selection.select(model.index(start, 0), model.index(previous, last_col))
                    start = row
                previous = row
            selection_model.select(
                selection,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        current = model.index_of(current_id) if current_id else QModelIndex()
        if not current.isValid() and rows:
            current = model.index(rows[0], 0)
        if not current.isValid() and model.rowCount() > 0:
            if self.table.currentIndex().isValid():
                return
            current = model.index(0, 0)
        if current.isValid():
            selection_model.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)

    # ------------------------------------------------------------------ enabling
    def _guarded_actions(self) -> list[QAction]:
        """Every action that shows or changes data (all but Quit): off while locked."""
        return [
            self.refresh_action,
            self.find_action,
            self.check_status_action,
            self.export_action,
            self.sign_in_action,
            self.switch_account_action,
            self.sign_out_action,
            self.retry_action,
            self.settings_action,
            self.details_action,
            self.about_action,
            self.bulk_action,
            self.radar_action,
            *self.scheme_actions.values(),
            *self.row_action_items.values(),
        ]

    def _update_actions(self) -> None:
        if self.is_locked:
            for action in self._guarded_actions():
                action.setEnabled(False)
            return
        for action in (
            self.find_action,
            self.settings_action,
            self.details_action,
            self.about_action,
        ):
            action.setEnabled(True)
        for action in self.scheme_actions.values():
            action.setEnabled(True)
        c = self.controller
        signed_in = bool(c.account_username)
        self.sign_in_action.setVisible(not signed_in)
        self.switch_account_action.setEnabled(signed_in and not c.forced_offline)
        self.sign_out_action.setEnabled(signed_in)
        can_refresh = not c.forced_offline and not c.is_syncing
        self.refresh_action.setEnabled(can_refresh)
        self.refresh_button.setEnabled(can_refresh)
        self.retry_action.setEnabled(bool(c.offline_reason) and not c.forced_offline)
        all_users = c.current_store == ALL_USERS
        can_check = (
            not c.offline_reason and signed_in and not c.is_syncing and self.model.total_count > 0
        )
        self.check_status_action.setEnabled(can_check)
        self.check_button.setEnabled(can_check)
        self.check_button.setVisible(all_users or bool(self.selected_rows()))
        has_rows = self.model.total_count > 0
        self.export_action.setEnabled(has_rows)
        self.export_button.setEnabled(has_rows)
        self._update_bulk_actions()
        self._update_row_actions(self.current_row())

    def _update_row_actions(self, row: RosterRow | None) -> None:
        if self.is_locked:
            return
        offline = self.controller.offline_reason
        offline_text = (
            self.tr("Offline: changes are disabled until the connection is back.")
            if offline
            else ""
        )
        first_reason = ""
        current = self.model.row_by_id(row.id) if row is not None else None
        for key, action in self.row_action_items.items():
            reason = self.row_actions.block_reason(key, current or row, offline_reason=offline_text)
            action.setEnabled(not reason)
            action.setToolTip(reason or action.text().rstrip("…"))
            if reason and not first_reason:
                first_reason = reason
        enabled_any = any(a.isEnabled() for a in self.row_action_items.values())
        self.details.set_block_reason("" if enabled_any else first_reason)

    # ------------------------------------------------------------------ bulk, radar
    def install_bulk(self, services: BulkServices) -> None:
        """Offer bulk actions (Person menu, Ctrl+Shift+B) and the expiry radar (View menu)
        backed by ``services``."""
        self._bulk_services = services
        self._update_actions()

    @property
    def bulk_installed(self) -> bool:
        return self._bulk_services is not None

    def bulk_block_reason(self) -> str:
        """Why "Bulk actions…" cannot open now ("" when it can)."""
        c = self.controller
        if self._bulk_services is None:
            return self.tr("Bulk actions need a sign-in to be set up first.")
        if c.offline_reason:
            return self.tr("Offline: bulk actions are disabled until the connection is back.")
        if not c.account_username or c.context is None:
            return self.tr("Sign in to use bulk actions.")
        return ""

    def radar_block_reason(self) -> str:
        """Why "Expiry radar…" cannot open now ("" when it can). It works offline on the
        saved roster; extending from it needs the connection."""
        if self._bulk_services is None:
            return self.tr("The expiry radar needs a sign-in to be set up first.")
        if self.model.total_count == 0:
            return self.tr("The expiry radar needs a roster: load your staff list first.")
        return ""

    def _update_bulk_actions(self) -> None:
        if self.is_locked:
            return
        for action, reason, title in (
            (self.bulk_action, self.bulk_block_reason(), self.tr("Bulk actions")),
            (self.radar_action, self.radar_block_reason(), self.tr("Expiry radar")),
        ):
            action.setEnabled(not reason)
            action.setToolTip(reason or title)
            action.setStatusTip(reason or title)

    def _on_bulk_action(self, _checked: bool = False) -> None:
        self.open_bulk()

    def _on_radar_action(self, _checked: bool = False) -> None:
        self.open_radar()

    def open_bulk(self) -> BulkDialog | None:
        """Open the bulk wizard on the selected people (or a CSV file it asks for)."""

        def make(services: BulkServices) -> BulkDialog:
            from qrpin_gui.ui.bulk_dialog import BulkDialog

            dialog = BulkDialog(services, rows=self.selected_rows(), parent=self)
            dialog.finished_run.connect(self._on_bulk_run_finished)
            return dialog

        dialog = self._next_dialog(self.bulk_block_reason(), self.bulk_dialog, make)
        self.bulk_dialog = dialog or self.bulk_dialog
        return dialog

    def open_radar(self) -> ExpiryRadar | None:
        """Open the expiry radar over the roster (one already open comes forward)."""

        def make(services: BulkServices) -> ExpiryRadar:
            from qrpin_gui.ui.expiry_radar import ExpiryRadar

            return ExpiryRadar(services, parent=self)

        radar = self._next_dialog(self.radar_block_reason(), self.radar, make)
        if radar is not None and radar is self.radar:
            radar.refresh()
        self.radar = radar or self.radar
        return radar

    def _next_dialog(
        self, reason: str, previous: _D | None, make: Callable[[BulkServices], _D]
    ) -> _D | None:
        """``previous`` brought forward when it is still open, else a new dialog from
        ``make`` opened (None, with the reason in the status bar, when it cannot open)."""
        services = self._bulk_services
        if reason or services is None:
            self.status.showMessage(reason, 8000)
            return None
        if previous is not None and previous.isVisible():
            previous.raise_()
            previous.activateWindow()
            return previous
        dialog = make(services)
        if previous is not None:
            # Deleted only now, never from its own finished signal (that aborted the process).
            previous.deleteLater()
        dialog.open()
        return dialog

    def _bulk_dialogs(self) -> list[BulkDialog]:
        dialogs = [self.bulk_dialog, self.radar.bulk_dialog if self.radar is not None else None]
        return [d for d in dialogs if d is not None]

    def forget_bulk_secrets(self) -> None:
        """Idle lock: drop the new PINs and badges of bulk runs from memory (the journal keeps
        them as issued, not printed) and cancel a run in progress."""
        for dialog in self._bulk_dialogs():
            dialog.vault.forget()
            if dialog.isVisible():
                dialog.reject()  # cancels a running run; otherwise closes (nothing to confirm)

    def _on_bulk_run_finished(self, _summary: RunSummary) -> None:
        if self.is_locked:
            self.forget_bulk_secrets()  # answers that were in flight when the lock came

    def _on_row_action(self, key: RowAction, _checked: bool = False) -> None:
        self._run_row_action(key)

    def _on_scheme_action(self, scheme: str, _checked: bool = False) -> None:
        self._set_scheme(scheme)

    def _on_busy_changed(self, _busy: bool) -> None:
        self._update_actions()

    def _run_row_action(self, key: RowAction) -> None:
        row = self.current_row()
        handler = self.row_actions.handler(key)
        if row is None or handler is None:
            return
        current = self.model.row_by_id(row.id) or row
        if self.row_actions.block_reason(
            key, current, offline_reason=self.controller.offline_reason
        ):
            return
        handler(current)

    # ------------------------------------------------------------------ idle lock
    @property
    def is_locked(self) -> bool:
        return self.stack.currentWidget() is self.lock_page

    def set_locked(self, locked: bool, message: str = "") -> None:
        """Hide the roster (and every menu action) behind the lock page, or show it again."""
        if locked:
            self.forget_bulk_secrets()
        self.stack.setCurrentWidget(self.lock_page if locked else self.roster_page)
        self.menuBar().setEnabled(not locked)
        self.status.setVisible(not locked)
        self._update_actions()
        if locked:
            self.details.show_row(None, None, None)
            self.lock_label.setText(
                message or self.tr("QR PIN Manager is locked because nobody used it for a while.")
            )
            self.unlock_button.setFocus()
        else:
            self._refresh_details()

    # ------------------------------------------------------------------ scheme, about
    def _set_scheme(self, scheme: str) -> None:
        self.theme.set_scheme(scheme)
        for key, action in self.scheme_actions.items():
            action.setChecked(key == scheme)
        self.controller.settings.color_scheme = scheme

    def _after_scheme_change(self, _dark: bool = False) -> None:
        self.model.refresh_colors()
        self._refresh_details()

    def _show_about(self) -> None:
        from qrpin_gui.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # ------------------------------------------------------------------ state, events
    def _restore_state(self) -> None:
        if self._state_file is None:
            return
        state = QSettings(str(self._state_file), QSettings.Format.IniFormat)
        geometry = state.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        header = state.value("header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
        splitter = state.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def save_state(self) -> None:
        if self._state_file is None:
            return
        state = QSettings(str(self._state_file), QSettings.Format.IniFormat)
        state.setValue("geometry", self.saveGeometry())
        state.setValue("header", self.table.horizontalHeader().saveState())
        state.setValue("splitter", self.splitter.saveState())
        state.sync()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self, self.shown.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        if event.isAccepted():
            self.closing.emit()
