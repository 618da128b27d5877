"""The roster table model: every row of the store (or the tenant), sorted and filtered here.

Built for 100,000 rows:

- the rows live in a plain list; sorting is ``list.sort`` with a key (no sort proxy: a proxy
  calls ``data()`` from C++ for every comparison and is ~200x slower in Python bindings);
- filtering (search text over name, UPN and department, plus quick filters) recomputes the
  visible list in one pass over pre-lowered search strings and per-row filter bit masks,
  debounced; typing on (the text grew, nothing else changed) only narrows the visible list;
- each row's quick-filter flags and status rank are derived eagerly and cheaply
  (:func:`~qrpin_gui.ui.roster_present.row_facts`) when the row arrives, and again only for
  the rows whose moment has come when time moves on; the display strings are formatted
  lazily (on first use, i.e. for the rows on screen) and cached, never in ``data()``;
- sorts with a secondary name order use two stable passes (name, then the column);
- streaming syncs append pages with ``beginInsertRows`` and update status cells with
  ``dataChanged`` for the rows that changed.

``RowRole`` returns the :class:`~qrpin_gui.core.models.RosterRow` of an index.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    Q_ARG,
    QAbstractItemModel,
    QAbstractTableModel,
    QMetaObject,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from qrpin_gui.core.models import FetchKind, Policy, RosterRow, User
from qrpin_gui.ui.roster_present import (
    STATUS_RANK,
    Col,
    FactsContext,
    QuickFilter,
    RowView,
    column_titles,
    filter_mask,
    present,
    present_pin_texts,
    row_facts,
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
_METHOD_SHOWN = (FetchKind.LOADED, FetchKind.FAILED)
_COLUMNS = len(Col)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_VERTICAL_SORT = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_FEW_PERSISTENT = 16


_NAME_COLUMNS = (Col.NAME, Col.UPN, Col.DEPARTMENT)
_TIME_COLUMNS = (
    Col.STATUS,
    Col.STANDARD_EXPIRES,
    Col.TEMPORARY_UNTIL,
    Col.LAST_USED,
    Col.PIN_STATE,
    Col.PIN_CHANGED,
)


class _Entry:
    """One row plus what the model derives from it: search text and sort key at once, the
    cheap facts (filter mask, status rank) at once, the display strings on first use."""

    __slots__ = (
        "gen",
        "hay",
        "mask",
        "name_key",
        "rank",
        "row",
        "temp_until",
        "uid",
        "until",
        "view",
    )

    def __init__(
        self,
        row: RosterRow,
        ctx: FactsContext,
        forgotten: bool,
        groups: frozenset[str] | None = None,
    ) -> None:
        self.row = row
        self.uid = row.user.id
        self.rename(row.user)
        self.view: RowView | None = None
        self.gen = 0
        self.derive(ctx, forgotten, groups)

    def rename(self, user: User) -> None:
        """Search text and name key from ``user`` (name, UPN, department)."""
        self.name_key = user.display_name.casefold()
        self.hay = f"{self.name_key}\n{user.upn.casefold()}\n{(user.department or '').casefold()}"

    def derive(
        self, ctx: FactsContext, forgotten: bool, groups: frozenset[str] | None = None
    ) -> None:
        mask, primary, self.temp_until, self.until = row_facts(self.row, ctx, forgotten, groups)
        self.mask = mask
        self.rank = STATUS_RANK.get(primary, 99)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while 100,000 entries (which hold no cycles) are built:
    each collection would walk every object already alive, several times per load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _position(entries: list[_Entry], entry: _Entry) -> int:
    try:
        return entries.index(entry)  # identity compare (no __eq__), in C
    except ValueError:
        return -1


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
        self._groups: Mapping[str, frozenset[str]] = {}
        """User id -> their groups among the policy's target groups (absent: not known)."""
        self._clock = now or (lambda: datetime.now(UTC))
        self._now = self._clock()
        self._ctx = FactsContext(self._now, self._days, None)
        self._next_until: datetime | None = None
        """The earliest moment at which some row's facts change (time moving on)."""
        self._gen = 0
        """Bumped when every cached display string is out of date (time, policy, window)."""
        self._search = ""
        self._pending_search = ""
        self._quick: frozenset[QuickFilter] = frozenset()
        self._quick_mask = 0
        self._filtered_quick: frozenset[QuickFilter] = frozenset()
        self._filter_stale = False
        """Facts changed since the last filter pass: the next one must not just narrow."""
        self._name_order: Qt.SortOrder | None = None
        """``_all`` is in name order (this direction) already: a name-second sort skips
        its first pass."""
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
        return 0 if parent.isValid() else _COLUMNS

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
        # Called per cell by the selection model: a constant, no enum arithmetic per call.
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Col):
            return
        self._sort_col = column
        self._sort_order = order
        self._emit_vertical_sort("layoutAboutToBeChanged")
        before = self._visible_ids_of_persistent()
        self._sort_entries()
        if self._visible is not self._all:
            # The same rows in the new order (the hint promises it): rows joining or leaving
            # a filter are the filter pass's business (``apply_filter_now``).
            shown = {id(e) for e in self._visible}
            self._visible = [e for e in self._all if id(e) in shown]
        self._pos = None
        self._remap_persistent(before)
        self._emit_vertical_sort("layoutChanged")

    def _emit_vertical_sort(self, signal: str) -> None:
        """Emit ``layoutAboutToBeChanged`` / ``layoutChanged`` with the vertical-sort hint
        (same rows, new order): the selection model then keeps one persistent index per
        selected row instead of one per selected cell (a select-all of 100,000 rows would
        call ``flags()`` 900,000 times). Emitted through the meta-object: emitting these
        signals with arguments from Python crashes PySide6 6.11."""
        done = QMetaObject.invokeMethod(
            self,
            signal,
            Qt.ConnectionType.DirectConnection,
            Q_ARG("QList<QPersistentModelIndex>", []),
            Q_ARG("QAbstractItemModel::LayoutChangeHint", _VERTICAL_SORT),
        )
        if done is False:
            getattr(self, signal).emit()

    # ------------------------------------------------------------------ rows in
    def set_rows(self, rows: Iterable[RosterRow]) -> None:
        """Replace every row (a new store, a snapshot, a fresh sync)."""
        self.beginResetModel()
        self._set_now(self._clock())
        ctx, forgotten, groups = self._ctx, self._forgotten, self._groups
        with _gc_paused():
            self._all = [
                _Entry(r, ctx, r.user.id in forgotten, groups.get(r.user.id)) for r in rows
            ]
        self._by_id = {e.uid: e for e in self._all}
        self._next_until = self._earliest_until(self._all)
        self._name_order = None
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
        ctx, forgotten, groups = self._ctx, self._forgotten, self._groups
        with _gc_paused():
            for row in rows:
                if row.user.id in self._by_id:
                    updates.append(row)
                    continue
                entry = _Entry(row, ctx, row.user.id in forgotten, groups.get(row.user.id))
                self._by_id[entry.uid] = entry
                fresh.append(entry)
        if updates:
            self.update_rows(updates)
        if not fresh:
            return
        self._note_until(self._earliest_until(fresh))
        self._name_order = None
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
        by_id = self._by_id
        known = [(entry, row) for row in rows if (entry := by_id.get(row.id)) is not None]
        if not known:
            return 0
        # Judged against the time the answer arrived: a temporary code issued a moment ago
        # is live now, not at the last full load.
        self._advance_time(self._clock())
        ctx, forgotten, groups = self._ctx, self._forgotten, self._groups
        changed: list[_Entry] = []
        for entry, row in known:
            if row.user != entry.row.user:
                entry.rename(row.user)
                self._name_order = None
            entry.row = row
            entry.view = None
            entry.derive(ctx, entry.uid in forgotten, groups.get(entry.uid))
            changed.append(entry)
        self._note_until(self._earliest_until(changed))
        self._dirty.update(e.uid for e in changed)
        if not self._flush.isActive():
            # Leading edge at once, then at most one repaint per interval while status
            # streams in (a repaint asks data() for every visible cell).
            self._flush_dirty()
            self._flush.start()
        self._facts_changed()
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
        self._quick_mask = filter_mask(self._quick)
        self.apply_filter_now()

    @property
    def quick_filters(self) -> frozenset[QuickFilter]:
        return self._quick

    @property
    def search_text(self) -> str:
        return self._pending_search

    def apply_filter_now(self) -> None:
        """Apply the pending search and the quick filters at once (the debounce's end).

        Only when the search text grew and nothing else changed since the last pass (no
        quick filter toggled, no status or time change) is the visible list just narrowed;
        every other pass filters all rows again, so rows can join as well as leave."""
        self._debounce.stop()
        previous, quick_before = self._search, self._filtered_quick
        search = self._search = self._pending_search
        self._filtered_quick = self._quick
        narrowing = (
            not self._filter_stale
            and bool(previous)
            and len(search) > len(previous)
            and previous in search
            and quick_before == self._quick
        )
        self._filter_stale = False
        self.beginResetModel()
        if narrowing:
            # Typing on: only the rows that matched the shorter text can match the longer one.
            self._visible = [e for e in self._visible if search in e.hay]
        else:
            self._visible = self._filtered()
        self._pos = None
        self.endResetModel()
        self._emit_counts()
        self.filter_applied.emit()

    def _filtered(self) -> list[_Entry]:
        needle, quick = self._search, self._quick_mask
        if not quick:
            return [e for e in self._all if needle in e.hay] if needle else self._all
        if not needle:
            return [e for e in self._all if e.mask & quick]
        return [e for e in self._all if e.mask & quick and needle in e.hay]

    def _matches(self, entry: _Entry) -> bool:
        if self._search and self._search not in entry.hay:
            return False
        return not self._quick_mask or bool(entry.mask & self._quick_mask)

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
            row,
            self._now,
            self._days,
            self._policy,
            badge_forgotten=row.id in self._forgotten,
            groups=self._groups.get(row.id),
        )

    def index_of(self, user_id: str, column: int = 0) -> QModelIndex:
        pos = self._positions().get(user_id)
        return QModelIndex() if pos is None else self.index(pos, column)

    def ids_in_rows(self, rows: Sequence[int]) -> list[str]:
        return [self._visible[r].row.id for r in rows if 0 <= r < len(self._visible)]

    # ------------------------------------------------------------------ time, colours
    def set_expiring_within_days(self, days: int) -> None:
        if days == self._days:
            return
        self._days = days
        self._rederive_all()

    def set_policy(self, policy: Policy | None) -> None:
        """The tenant's QR policy (the "not ready" filter checks it when it was read)."""
        if policy == self._policy:
            return
        self._policy = policy
        self._rederive_all()

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
            entry.derive(self._ctx, entry.uid in user_ids, self._groups.get(entry.uid))
        self._note_until(self._earliest_until(entries))
        self._dirty.update(e.uid for e in entries)
        self._flush_dirty()
        self._facts_changed()  # rows may have entered or left the "Not ready" filter

    def set_target_groups(self, membership: Mapping[str, frozenset[str]] | None) -> None:
        """Each person's groups among the QR policy's target groups (people not in the
        mapping, or everyone with None: not known, so no "not in the target groups"
        verdict). Only the rows whose membership changed are re-derived."""
        new: Mapping[str, frozenset[str]] = dict(membership or {})
        old = self._groups
        changed = {uid for uid in old.keys() | new.keys() if old.get(uid) != new.get(uid)}
        self._groups = new
        entries = [e for e in (self._by_id.get(uid) for uid in changed) if e is not None]
        if not entries:
            return
        for entry in entries:
            entry.view = None
            entry.derive(self._ctx, entry.uid in self._forgotten, new.get(entry.uid))
        self._dirty.update(e.uid for e in entries)
        self._flush_dirty()
        self._facts_changed()

    def target_groups_of(self, user_id: str) -> frozenset[str] | None:
        """The person's groups among the policy's target groups, None when not known."""
        return self._groups.get(user_id)

    def refresh_time(self) -> None:
        """Re-derive statuses against the current time (run every few minutes). Only the
        rows whose facts can have changed since (a code started or expired, a standard code
        entered the "expiring soon" window) are derived again; every shown text is redone
        on its next paint ("expires in 3 days" becomes "2 days")."""
        changed = self._advance_time(self._clock())
        self._gen += 1
        self._emit_all_changed()
        if changed:
            self._facts_changed()

    @property
    def now(self) -> datetime:
        """The moment the statuses are judged against."""
        return self._now

    def set_clock(self, clock: Callable[[], datetime]) -> None:
        """Where the current time comes from (tests move it; the app keeps the system
        clock). Takes effect at the next load, status update or :meth:`refresh_time`."""
        self._clock = clock

    def refresh_colors(self) -> None:
        self._emit_all_changed()

    # ------------------------------------------------------------------ internals
    def _view(self, entry: _Entry) -> RowView:
        view = entry.view
        if view is None or entry.gen != self._gen:
            view = entry.view = present(
                entry.row,
                self._now,
                self._days,
                self._policy,
                badge_forgotten=entry.uid in self._forgotten,
                groups=self._groups.get(entry.uid),
            )
            entry.gen = self._gen
        return view

    def _set_now(self, now: datetime) -> None:
        self._now = now
        self._ctx = FactsContext(now, self._days, self._policy)

    @staticmethod
    def _earliest_until(entries: Iterable[_Entry]) -> datetime | None:
        untils = [e.until for e in entries if e.until is not None]
        return min(untils) if untils else None

    def _note_until(self, until: datetime | None) -> None:
        if until is not None and (self._next_until is None or until < self._next_until):
            self._next_until = until

    def _advance_time(self, now: datetime) -> bool:
        """Judge rows at ``now`` from here on; re-derive the rows whose facts may have
        changed since the last moment. True when some row's filter flags or rank changed."""
        previous = self._now
        self._set_now(now)
        if now < previous:  # the clock went back: every row's facts are in doubt
            return self._rederive(self._all)
        due = self._next_until
        if due is None or now < due:
            return False
        return self._rederive([e for e in self._all if e.until is not None and e.until <= now])

    def _rederive(self, entries: list[_Entry]) -> bool:
        ctx, forgotten, groups = self._ctx, self._forgotten, self._groups
        moved = False
        with _gc_paused():
            for entry in entries:
                before = (entry.mask, entry.rank, entry.temp_until)
                entry.derive(ctx, entry.uid in forgotten, groups.get(entry.uid))
                entry.view = None
                if not moved and before != (entry.mask, entry.rank, entry.temp_until):
                    moved = True
        self._next_until = self._earliest_until(self._all)
        return moved

    def _rederive_all(self) -> None:
        """The policy or the "expiring soon" window changed: every row is judged again."""
        self._set_now(self._clock())
        self._rederive(self._all)
        self._gen += 1
        self._emit_all_changed()
        self._facts_changed()

    def _facts_changed(self) -> None:
        """Some rows' filter flags or status may differ now: re-filter (in full) and re-sort
        soon, once, if the view depends on them."""
        if self._quick:
            self._filter_stale = True
        if self._quick or self._sort_col in _TIME_COLUMNS:
            self._stale.start()

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
        """Sort ``_all`` by the sort column; ties in name order. Columns other than name
        sort in two stable passes (name, then the column's own key): plain keys compare
        much faster than (key, name) tuples, and the name pass is skipped when the rows are
        in name order already."""
        col = self._sort_col
        order = self._sort_order
        reverse = order == Qt.SortOrder.DescendingOrder
        name_key = attrgetter("name_key")
        if col == Col.NAME:
            self._all.sort(key=name_key, reverse=reverse)
            self._name_order = order
            return
        if self._name_order != order:
            self._all.sort(key=name_key, reverse=reverse)
        self._all.sort(key=self._sort_key(col), reverse=reverse)
        self._name_order = None

    def _sort_key(self, col: int) -> Callable[[_Entry], Any]:
        """The column's own key (the name order is the tie-breaker, see ``_sort_entries``).
        Cheap by design: never a display string formatted for the sort."""
        if col == Col.UPN:
            return lambda e: e.row.user.upn.casefold()
        if col == Col.DEPARTMENT:
            return lambda e: (e.row.user.department or "").casefold()
        if col == Col.STATUS:
            return attrgetter("rank")
        if col == Col.TEMPORARY_UNTIL:
            return lambda e: _date_key(e.temp_until)
        if col == Col.PIN_STATE:
            return self._pin_state_key()

        def method_date(pick: Callable[[Any], datetime | None]) -> Callable[[_Entry], Any]:
            def key(e: _Entry) -> Any:
                m = e.row.method
                return _date_key(pick(m) if m is not None else None)

            return key

        if col == Col.STANDARD_EXPIRES:
            return method_date(lambda m: m.standard.expire if m.standard else None)
        if col == Col.LAST_USED:
            return method_date(lambda m: m.last_used)
        if col == Col.PIN_CHANGED:
            return method_date(lambda m: (m.pin.updated or m.pin.created) if m.pin else None)
        return attrgetter("name_key")

    @staticmethod
    def _pin_state_key() -> Callable[[_Entry], str]:
        """The PIN column's text without formatting the row (the same rule as ``present``)."""
        must, by_user = present_pin_texts()

        def key(e: _Entry) -> str:
            row = e.row
            if row.fetch.kind not in _METHOD_SHOWN:
                return ""
            pin = row.method.pin if row.method is not None else None
            if pin is None:
                return ""
            return must if pin.force_change_next_sign_in else by_user

        return key

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
        visible = self._visible
        entries = {id(e): e for _, e in before if e is not None}
        if len(entries) <= _FEW_PERSISTENT:
            # A current row and a few selected ones: a search of the list each (in C).
            pos = {key: _position(visible, e) for key, e in entries.items()}
        else:
            # Many selected rows: one pass over the rows, never a list search per index.
            pos = {id(e): i for i, e in enumerate(visible)}
        old = [idx for idx, _ in before]
        new = []
        index = self.index
        for idx, entry in before:
            row = pos.get(id(entry), -1) if entry is not None else -1
            new.append(index(row, idx.column()) if row >= 0 else QModelIndex())
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
        if self._sort_col >= 0 and self._sort_col not in _NAME_COLUMNS:
            self.sort(self._sort_col, self._sort_order)
        if self._quick:
            self.apply_filter_now()
