"""The expiry radar: standard codes (badges) expiring within N days (default 30) and temporary
codes ending today, and "extend without reprinting" for a selection, done as a bulk action
with a dry run (:class:`~qrpin_gui.ui.bulk_dialog.BulkDialog` on "extend": each code moves
to 395 days after its own start, the most the service allows, unless the manager picks a
date).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui.bulk import BulkAction
from qrpin_gui.core.models import FetchKind, RosterRow
from qrpin_gui.ui.bulk_dialog import BulkDialog, BulkServices
from qrpin_gui.ui.roster_present import format_date, format_datetime

__all__ = ["DEFAULT_RADAR_DAYS", "ExpiryRadar", "RadarEntry", "RadarKind", "radar_entries"]

DEFAULT_RADAR_DAYS = 30


class RadarKind(Enum):
    BADGE_EXPIRING = "badge_expiring"
    TEMPORARY_ENDS_TODAY = "temporary_ends_today"


@dataclass(frozen=True, slots=True)
class RadarEntry:
    row: RosterRow
    kind: RadarKind
    when: datetime
    left: timedelta

    @property
    def extendable(self) -> bool:
        """A live badge can get a later expiry without reprinting (a temporary code cannot
        be edited)."""
        return self.kind is RadarKind.BADGE_EXPIRING


def radar_entries(rows: Sequence[RosterRow], now: datetime, days: int) -> list[RadarEntry]:
    """Live standard codes expiring within ``days`` and temporary codes ending today (local
    day), soonest first."""
    horizon = now + timedelta(days=days)
    today = now.astimezone().date()
    out: list[RadarEntry] = []
    for row in rows:
        if row.fetch.kind is not FetchKind.LOADED or row.method is None:
            continue
        standard = row.method.standard
        expire = standard.expire if standard is not None else None
        started = standard is not None and not standard.is_pending(now)
        if expire is not None and started and now < expire <= horizon:
            out.append(RadarEntry(row, RadarKind.BADGE_EXPIRING, expire, expire - now))
        temporary = row.method.temporary
        if (
            temporary is not None
            and temporary.expire is not None
            and temporary.is_live(now)
            and temporary.expire.astimezone().date() == today
        ):
            out.append(
                RadarEntry(
                    row, RadarKind.TEMPORARY_ENDS_TODAY, temporary.expire, temporary.expire - now
                )
            )
    out.sort(key=lambda e: e.when)
    return out


_HEADERS = ("Name", "User name", "What", "Ends", "Left")


class RadarModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[RadarEntry] = []

    def set_entries(self, entries: list[RadarEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            user = entry.row.user
            if column == 0:
                return user.display_name or user.upn
            if column == 1:
                return user.upn
            if column == 2:
                return (
                    self.tr("Badge expires")
                    if entry.kind is RadarKind.BADGE_EXPIRING
                    else self.tr("Temporary code ends today")
                )
            if column == 3:
                return (
                    format_date(entry.when)
                    if entry.kind is RadarKind.BADGE_EXPIRING
                    else format_datetime(entry.when)
                )
            if column == 4:
                if entry.left >= timedelta(days=1):
                    return self.tr("%n day(s)", None, entry.left.days)
                hours = max(0, int(entry.left.total_seconds() // 3600))
                return self.tr("%n hour(s)", None, hours)
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            if entry.left < timedelta(days=7):
                return QColor("#c0392b")
            return QColor("#b7791f")
        return None


class ExpiryRadar(QDialog):
    """A window listing what expires soon; "Extend without reprinting…" runs the bulk extend
    (dry run first) for the selected badges."""

    def __init__(
        self,
        services: BulkServices,
        *,
        days: int = DEFAULT_RADAR_DAYS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.clock = clock
        self.setWindowTitle(self.tr("Expiry radar"))
        self.setMinimumSize(720, 420)
        self.bulk_dialog: BulkDialog | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Badges expiring within"), self))
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(1, 395)
        self.days_spin.setValue(days)
        self.days_spin.setSuffix(self.tr(" days"))
        self.days_spin.setAccessibleName(self.tr("Days ahead"))
        top.addWidget(self.days_spin)
        top.addWidget(QLabel(self.tr("and temporary codes ending today"), self))
        top.addStretch(1)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = RadarModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        for column, width in enumerate((180, 240, 170, 120, 80)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Codes expiring soon"))
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.select_badges_button = QPushButton(self.tr("Select all badges"), self)
        self.extend_button = QPushButton(self.tr("Extend without reprinting…"), self)
        self.extend_button.setToolTip(
            self.tr(
                "Moves each badge's expiry to the latest date the service allows (395 days "
                "after the badge's start). A dry run shows every row before anything is sent."
            )
        )
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons.addWidget(self.select_badges_button)
        buttons.addStretch(1)
        buttons.addWidget(self.extend_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.days_spin.valueChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.select_badges_button.clicked.connect(self.select_badges)
        self.extend_button.clicked.connect(self.extend_selected)
        self.close_button.clicked.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        entries = radar_entries(list(self.services.rows()), self.clock(), self.days_spin.value())
        self.model.set_entries(entries)
        badges = sum(1 for e in entries if e.kind is RadarKind.BADGE_EXPIRING)
        temporary = len(entries) - badges
        self.summary.setText(
            self.tr("%1 badge(s) expire within %2 days; %3 temporary code(s) end today.")
            .replace("%1", str(badges))
            .replace("%2", str(self.days_spin.value()))
            .replace("%3", str(temporary))
        )
        self._update_buttons()

    def selected_entries(self) -> list[RadarEntry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.entries[r] for r in rows]

    def select_badges(self) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row, entry in enumerate(self.model.entries):
            if entry.extendable:
                selection.select(
                    self.model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def _update_buttons(self) -> None:
        extendable = [e for e in self.selected_entries() if e.extendable]
        self.extend_button.setEnabled(bool(extendable) and not self.services.offline_reason())
        self.extend_button.setText(
            self.tr("Extend %n badge(s)…", None, len(extendable))
            if extendable
            else self.tr("Extend without reprinting…")
        )

    def extend_selected(self) -> BulkDialog | None:
        """Open the bulk wizard on "extend" for the selected badges and start its dry run."""
        rows = [e.row for e in self.selected_entries() if e.extendable]
        if not rows:
            return None
        if self.bulk_dialog is not None:
            self.bulk_dialog.deleteLater()  # the previous one, closed by now
        dialog = BulkDialog(self.services, rows=rows, action=BulkAction.EXTEND, parent=self)
        dialog.finished.connect(self._bulk_closed)
        dialog.finished_run.connect(lambda _summary: self.refresh())
        self.bulk_dialog = dialog
        dialog.open()
        dialog.start_plan()
        return dialog

    def _bulk_closed(self, _code: int) -> None:
        self.refresh()
