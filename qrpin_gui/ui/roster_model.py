"""The roster table model: every row of the store (or the tenant), sorted and filtered here.

Built for 100,000 rows:

- the rows live in a plain list; sorting is ``list.sort`` with a key (no sort proxy: a proxy
  calls ``data()`` from C++ for every comparison and is ~200x slower in Python bindings);
- filtering (search text over name, UPN and department, plus quick filters) recomputes the
  visible list in one pass over pre-lowered search strings, debounced;
- display strings are formatted once per row (on first use) and cached, never in ``data()``;
- streaming syncs append pages with ``beginInsertRows`` and update status cells with
  ``dataChanged`` for the rows that changed.

``RowRole`` returns the :class:`~qrpin_gui.core.models.RosterRow` of an index.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from qrpin_gui.core.models import Policy, RosterRow
from qrpin_gui.ui.roster_present import (
    STATUS_RANK,
    Col,
    QuickFilter,
    RowView,
    column_titles,
    present,
)
from qrpin_gui.ui.theme import Tone, ToneColors

logger = logging.getLogger(__name__)

RowRole = Qt.ItemDataRole.UserRole + 1
"""The :class:`RosterRow` behind an index (proxy-safe accessor)."""
ToneRole = Qt.ItemDataRole.UserRole + 2
"""The :class:`~qrpin_gui.ui.theme.Tone` of the row's status."""
ReasonRole = Qt.ItemDataRole.UserRole + 3
"""Why the status is what it is (not manageable, check failed), or ""."""

FILTER_DEBOUNCE_MS = 250
UPDATE_INTERVAL_MS = 100

_MIN = datetime.min.replace(tzinfo=UTC)


class _Entry:
    """One row plus what the model derives from it (cached)."""

    __slots__ = ("hay", "name_key", "row", "uid", "view")

    def __init__(self, row: RosterRow) -> None:
        self.row = row
        user = row.user
        self.uid = user.id
        self.name_key = user.display_name.casefold()
        self.hay = f"{self.name_key}\n{user.upn.casefold()}\n{(user.department or '').casefold()}"
        self.view: RowView | None = None


def _date_key(value: datetime | None) -> tuple[int, datetime]:
    # Rows without a date sort after the ones with one (ascending).
    return (1, _MIN) if value is None else (0, value)


class RosterTableModel(QAbstractTableModel):
    """Roster rows for a ``QTableView``; sort and filter happen in this model."""

    filter_applied = Signal()
    """The visible set changed (search, quick filters, or rows replaced)."""
    counts_changed = Signal(int, int)
    """(visible rows, all rows)."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        tone_colors: Callable[[Tone], ToneColors | None] | None = None,
        expiring_within_days: int = 14,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._all: list[_Entry] = []
        self._visible: list[_Entry] = self._all
        self._by_id: dict[str, _Entry] = {}
        self._pos: dict[str, int] | None = None
        self._titles = column_titles()
        self._tone_colors = tone_colors
        self._days = expiring_within_days
        self._policy: Policy | None = None
        self._forgotten: frozenset[str] = frozenset()
        self._clock = now or (lambda: datetime.now(UTC))
        self._now = self._clock()
        self._search = ""
        self._pending_search = ""
        self._quick: frozenset[QuickFilter] = frozenset()
        self._filtered_quick: frozenset[QuickFilter] = frozenset()
        self._sort_col: int = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter_now)
        self._dirty: set[str] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(UPDATE_INTERVAL_MS)
        self._flush.timeout.connect(self._flush_dirty)
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(400)
        self._stale.timeout.connect(self._on_stale)

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._titles):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self._titles[section]
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if row >= len(self._visible):
            return None
        entry = self._visible[row]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._view(entry).texts[col]
        if role == RowRole:
            return entry.row
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if col != Col.STATUS or self._tone_colors is None:
                return None
            colors = self._tone_colors(self._view(entry).tone)
            if colors is None:
                return None
            return (
                colors.background if role == Qt.ItemDataRole.BackgroundRole else colors.foreground
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            view = self._view(entry)
            if col == Col.STATUS and view.reason:
                return f"{view.texts[col]}: {view.reason}"
            return view.texts[col] or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            view = self._view(entry)
            if col == Col.STATUS and view.reason:
                return f"{view.texts[col]}. {view.reason}"
            return view.texts[col]
        if role == ToneRole:
            return self._view(entry).tone
        if role == ReasonRole:
            return self._view(entry).reason
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Col):
            return
        self._sort_col = column
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        before = self._visible_ids_of_persistent()
        self._sort_entries()
        if self._visible is not self._all:
            self._visible = [e for e in self._all if self._matches(e)]
        self._pos = None
        self._remap_persistent(before)
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ rows in
    def set_rows(self, rows: Iterable[RosterRow]) -> None:
        """Replace every row (a new store, a snapshot, a fresh sync)."""
        self.beginResetModel()
        self._now = self._clock()
        self._all = [_Entry(r) for r in rows]
        self._by_id = {e.row.id: e for e in self._all}
        if self._sort_col >= 0:
            self._sort_entries()
        self._visible = self._filtered()
        self._pos = None
        self.endResetModel()
        self._emit_counts()
        self.filter_applied.emit()

    def append_rows(self, rows: Iterable[RosterRow]) -> None:
        """Add rows that streamed in (a row whose id is already here is updated instead)."""
        fresh: list[_Entry] = []
        updates: list[RosterRow] = []
        for row in rows:
            if row.user.id in self._by_id:
                updates.append(row)
                continue
            entry = _Entry(row)
            self._by_id[row.id] = entry
            fresh.append(entry)
        if updates:
            self.update_rows(updates)
        if not fresh:
            return
        if self._visible is self._all:
            first = len(self._all)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._all.extend(fresh)
            self.endInsertRows()
        else:
            self._all.extend(fresh)
            shown = [e for e in fresh if self._matches(e)]
            if shown:
                first = len(self._visible)
                self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
                self._visible.extend(shown)
                self.endInsertRows()
        self._pos = None
        if self._sort_col >= 0:
            self.sort(self._sort_col, self._sort_order)
        self._emit_counts()

    def update_rows(self, rows: Iterable[RosterRow]) -> int:
        """Replace known rows by id (status arrived); returns how many were known."""
        changed: list[_Entry] = []
        for row in rows:
            entry = self._by_id.get(row.id)
            if entry is None:
                continue
            entry.row = row
            entry.view = None
            changed.append(entry)
        if not changed:
            return 0
        # Judged against the time the answer arrived: a temporary code issued a moment ago
        # is live now, not at the last full load.
        self._now = self._clock()
        self._dirty.update(e.uid for e in changed)
        if not self._flush.isActive():
            # Leading edge at once, then at most one repaint per interval while status
            # streams in (a repaint asks data() for every visible cell).
            self._flush_dirty()
            self._flush.start()
        if self._quick or self._sort_col in (
            Col.STATUS,
            Col.STANDARD_EXPIRES,
            Col.TEMPORARY_UNTIL,
            Col.LAST_USED,
            Col.PIN_STATE,
            Col.PIN_CHANGED,
        ):
            self._stale.start()
        return len(changed)

    def clear(self) -> None:
        self.set_rows([])

    # ------------------------------------------------------------------ filtering
    def set_search_text(self, text: str) -> None:
        """Search over name, UPN and department (debounced)."""
        self._pending_search = text.strip().casefold()
        self._debounce.start()

    def set_quick_filters(self, filters: Iterable[QuickFilter]) -> None:
        """Show only rows carrying at least one of ``filters`` (none = no quick filter)."""
        self._quick = frozenset(filters)
        self.apply_filter_now()

    @property
    def quick_filters(self) -> frozenset[QuickFilter]:
        return self._quick

    @property
    def search_text(self) -> str:
        return self._pending_search

    def apply_filter_now(self) -> None:
        """Apply the pending search and the quick filters at once (the debounce's end)."""
        self._debounce.stop()
        previous, quick_before = self._search, self._filtered_quick
        self._search = self._pending_search
        self._filtered_quick = self._quick
        narrowing = bool(previous) and previous in self._search and quick_before == self._quick
        self.beginResetModel()
        if narrowing:
            # Typing on: only the rows that matched the shorter text can match the longer one.
            needle = self._search
            self._visible = [e for e in self._visible if needle in e.hay]
        else:
            self._visible = self._filtered()
        self._pos = None
        self.endResetModel()
        self._emit_counts()
        self.filter_applied.emit()

    def _filtered(self) -> list[_Entry]:
        if not self._search and not self._quick:
            return self._all
        needle = self._search
        if not self._quick:
            return [e for e in self._all if needle in e.hay]
        return [e for e in self._all if self._matches(e)]

    def _matches(self, entry: _Entry) -> bool:
        if self._search and self._search not in entry.hay:
            return False
        if self._quick:
            return bool(self._view(entry).derived.filters & self._quick)
        return True

    # ------------------------------------------------------------------ reading
    @property
    def total_count(self) -> int:
        return len(self._all)

    def visible_rows(self) -> list[RosterRow]:
        """The rows of the current view, in view order (what CSV export writes)."""
        return [e.row for e in self._visible]

    def visible_views(self) -> list[tuple[RosterRow, RowView]]:
        return [(e.row, self._view(e)) for e in self._visible]

    def all_rows(self) -> list[RosterRow]:
        return [e.row for e in self._all]

    def row_at(self, row: int) -> RosterRow | None:
        return self._visible[row].row if 0 <= row < len(self._visible) else None

    def view_at(self, row: int) -> RowView | None:
        return self._view(self._visible[row]) if 0 <= row < len(self._visible) else None

    def row_by_id(self, user_id: str) -> RosterRow | None:
        entry = self._by_id.get(user_id)
        return entry.row if entry else None

    def view_of(self, row: RosterRow) -> RowView:
        entry = self._by_id.get(row.id)
        if entry is not None:
            return self._view(entry)
        return present(
            row, self._now, self._days, self._policy, badge_forgotten=row.id in self._forgotten
        )

    def index_of(self, user_id: str, column: int = 0) -> QModelIndex:
        pos = self._positions().get(user_id)
        return QModelIndex() if pos is None else self.index(pos, column)

    def ids_in_rows(self, rows: Sequence[int]) -> list[str]:
        return [self._visible[r].row.id for r in rows if 0 <= r < len(self._visible)]

    # ------------------------------------------------------------------ time, colours
    def set_expiring_within_days(self, days: int) -> None:
        self._days = days
        self.refresh_time()

    def set_policy(self, policy: Policy | None) -> None:
        """The tenant's QR policy (the "not ready" filter checks it when it was read)."""
        if policy == self._policy:
            return
        self._policy = policy
        self.refresh_time()

    def set_forgotten_badges(self, user_ids: frozenset[str]) -> None:
        """The people whose badge is reported forgotten today ("not ready" without a live
        temporary code). Only the rows whose report changed are re-derived."""
        user_ids = frozenset(user_ids)
        changed = user_ids ^ self._forgotten
        self._forgotten = user_ids
        entries = [e for e in (self._by_id.get(uid) for uid in changed) if e is not None]
        if not entries:
            return
        for entry in entries:
            entry.view = None
        self._dirty.update(e.uid for e in entries)
        self._flush_dirty()
        if self._quick:
            self._stale.start()  # rows may have entered or left the "Not ready" filter

    def refresh_time(self) -> None:
        """Re-derive statuses against the current time (run every few minutes)."""
        self._now = self._clock()
        for entry in self._all:
            entry.view = None
        self._emit_all_changed()
        if self._quick:
            self._stale.start()  # rows may have entered or left a quick filter

    def refresh_colors(self) -> None:
        self._emit_all_changed()

    # ------------------------------------------------------------------ internals
    def _view(self, entry: _Entry) -> RowView:
        view = entry.view
        if view is None:
            view = entry.view = present(
                entry.row,
                self._now,
                self._days,
                self._policy,
                badge_forgotten=entry.uid in self._forgotten,
            )
        return view

    def _emit_all_changed(self) -> None:
        if self._visible:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._visible) - 1, len(Col) - 1)
            )

    def _emit_counts(self) -> None:
        self.counts_changed.emit(len(self._visible), len(self._all))

    def _positions(self) -> dict[str, int]:
        if self._pos is None:
            self._pos = {e.uid: i for i, e in enumerate(self._visible)}
        return self._pos

    def _sort_entries(self) -> None:
        col = self._sort_col
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        key = self._sort_key(col)
        self._all.sort(key=key, reverse=reverse)

    def _sort_key(self, col: int) -> Callable[[_Entry], Any]:
        if col == Col.NAME:
            return attrgetter("name_key")
        if col == Col.UPN:
            return lambda e: e.row.user.upn.casefold()
        if col == Col.DEPARTMENT:
            return lambda e: ((e.row.user.department or "").casefold(), e.name_key)
        if col == Col.STATUS:
            return lambda e: (STATUS_RANK.get(self._view(e).derived.primary, 99), e.name_key)

        def method_date(pick: Callable[[Any], datetime | None]) -> Callable[[_Entry], Any]:
            def key(e: _Entry) -> Any:
                m = e.row.method
                return (_date_key(pick(m) if m is not None else None), e.name_key)

            return key

        if col == Col.STANDARD_EXPIRES:
            return method_date(lambda m: m.standard.expire if m.standard else None)
        if col == Col.TEMPORARY_UNTIL:
            return lambda e: (_date_key(self._view(e).derived.temporary_until), e.name_key)
        if col == Col.LAST_USED:
            return method_date(lambda m: m.last_used)
        if col == Col.PIN_STATE:
            return lambda e: (self._view(e).texts[Col.PIN_STATE], e.name_key)
        if col == Col.PIN_CHANGED:
            return method_date(lambda m: (m.pin.updated or m.pin.created) if m.pin else None)
        return attrgetter("name_key")

    def _visible_ids_of_persistent(self) -> list[tuple[QModelIndex, _Entry | None]]:
        out: list[tuple[QModelIndex, _Entry | None]] = []
        for idx in self.persistentIndexList():
            r = idx.row()
            out.append((idx, self._visible[r] if 0 <= r < len(self._visible) else None))
        return out

    def _remap_persistent(self, before: list[tuple[QModelIndex, _Entry | None]]) -> None:
        """Point persistent indexes (selection, current row) at their rows' new places."""
        if not before:
            return
        found: dict[int, int] = {}
        for _idx, entry in before:
            if entry is None or id(entry) in found:
                continue
            try:
                found[id(entry)] = self._visible.index(entry)  # identity compare, in C
            except ValueError:
                found[id(entry)] = -1
        old = [idx for idx, _ in before]
        new = [
            self.index(found[id(entry)], idx.column())
            if entry is not None and found[id(entry)] >= 0
            else QModelIndex()
            for idx, entry in before
        ]
        self.changePersistentIndexList(old, new)

    def _flush_dirty(self) -> None:
        if not self._dirty:
            return
        pos = self._positions()
        rows = [pos[uid] for uid in self._dirty if uid in pos]
        self._dirty.clear()
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(Col) - 1))

    def _on_stale(self) -> None:
        if self._sort_col >= 0 and self._sort_col not in (Col.NAME, Col.UPN, Col.DEPARTMENT):
            self.sort(self._sort_col, self._sort_order)
        if self._quick:
            self.apply_filter_now()
