"""Benchmark the roster table model with a large tenant already in memory.

Builds ``--rows`` roster rows (realistic names, departments and QR states), then measures, with
a ``QTableView`` attached and shown offscreen:

- ``load_ms``: the model filled from the rows (in a shuffled order) and the view painted once;
- ``quick_filter_ms``: the first quick filter after the load ("Expiring soon", nothing about
  the rows' status looked at before), shown;
- ``sort_ms``: sort by name from the shuffled order (in the model, no proxy);
- ``status_sort_ms``: the first sort by QR status (from name order, the window's default);
- ``filter_ms``: the slowest keystroke of typing "smi" into the search (name, UPN,
  department), i.e. the filter pass the debounce triggers;
- ``select_all_sort_ms``: every row selected (Ctrl+A), then sort by name descending: the
  selection follows its rows;
- ``refresh_time_ms``: the five-minute re-judging of statuses against the clock;
- ``rss_mb``: resident memory of the process afterwards.

Targets (issue 6 and its audit): load 500, sort 100, quick filter 100, status sort 100, filter
50, select-all + sort 100, refresh 100 ms, rss 400 MB. The last line is JSON.

Usage: ``.venv/bin/python bench/table.py --rows 100000``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from qrpin_gui.core.models import QrCode, QrMethod, QrPin, RosterRow, User
from qrpin_gui.ui.main_window import configure_roster_view
from qrpin_gui.ui.roster_model import RosterTableModel
from qrpin_gui.ui.roster_present import Col, QuickFilter

TARGETS = {
    "load_ms": 500.0,
    "quick_filter_ms": 100.0,
    "sort_ms": 100.0,
    "status_sort_ms": 100.0,
    "filter_ms": 50.0,
    "select_all_sort_ms": 100.0,
    "refresh_time_ms": 100.0,
    "rss_mb": 400.0,
}
FIRST = [
    "Anna",
    "Ben",
    "Chloe",
    "David",
    "Emma",
    "Finn",
    "Grace",
    "Hugo",
    "Ida",
    "Jonas",
    "Kira",
    "Liam",
    "Mia",
    "Noah",
    "Olga",
    "Paul",
    "Rosa",
    "Sam",
    "Tara",
    "Ulla",
    "Vera",
    "Wim",
    "Yara",
    "Zoe",
]
LAST = [
    "Smith",
    "Smit",
    "Schmidt",
    "Miller",
    "Jones",
    "Brown",
    "Garcia",
    "Rossi",
    "Novak",
    "Tanaka",
    "Chen",
    "Okafor",
    "Larsen",
    "Dubois",
    "Silva",
    "Kowalski",
    "Nguyen",
    "Haddad",
    "Murphy",
    "Weber",
]
DEPTS = [f"Store {i:03d}" for i in range(1, 400)] + ["Head office", "Warehouse", "Bakery"]


def make_rows(n: int, seed: int = 1) -> list[RosterRow]:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    rows = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        user = User(
            id=f"{i:08d}-0000-4000-8000-000000000000",
            upn=f"{first}.{last}{i}@contoso-retail.example".lower(),
            display_name=f"{first} {last}",
            department=rng.choice(DEPTS),
        )
        row = RosterRow(user=user)
        kind = i % 5
        if kind == 0:
            row = row.with_method(None, now)
        elif kind in (1, 2, 3):
            expire = now + timedelta(days=rng.randint(-30, 380))
            method = QrMethod(
                id=f"m{i}",
                standard=QrCode(id="s", start=expire - timedelta(days=365), expire=expire),
                temporary=None,
                pin=QrPin(force_change_next_sign_in=kind == 3, updated=now - timedelta(days=9)),
                last_used=now - timedelta(days=rng.randint(0, 60)),
            )
            row = row.with_method(method, now)
        rows.append(row)
    rng.shuffle(rows)  # a directory listing is in no particular order
    return rows


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def timed(app: QApplication, step: Callable[[], object]) -> float:
    """Milliseconds for ``step`` plus the repaint it causes."""
    started = time.perf_counter()
    step()
    app.processEvents()
    return (time.perf_counter() - started) * 1000


def run(n: int) -> dict[str, float | int | bool]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    rows = make_rows(n)
    model = RosterTableModel()
    view = QTableView()
    view.setModel(model)
    configure_roster_view(view)
    view.resize(1200, 800)
    view.show()
    app.processEvents()

    # The view is sorted by name (as the window starts); the rows arrive unsorted.
    load_ms = timed(app, lambda: model.set_rows(rows))
    quick_filter_ms = timed(app, lambda: model.set_quick_filters({QuickFilter.EXPIRING}))
    expiring = model.rowCount()
    model.set_quick_filters(set())
    model.sort(Col.UPN)  # a different order again, so the name sort below really sorts
    app.processEvents()
    sort_ms = timed(app, lambda: model.sort(Col.NAME))
    status_sort_ms = timed(app, lambda: model.sort(Col.STATUS))
    model.sort(Col.NAME)

    keystrokes = []
    for typed in ("s", "sm", "smi"):
        model.set_search_text(typed)
        started = time.perf_counter()
        model.apply_filter_now()
        app.processEvents()
        keystrokes.append((time.perf_counter() - started) * 1000)
    shown = model.rowCount()
    model.set_search_text("")
    model.apply_filter_now()
    app.processEvents()

    view.selectAll()
    app.processEvents()
    selected = len(view.selectionModel().selectedRows())
    select_all_sort_ms = timed(app, lambda: model.sort(Col.NAME, Qt.SortOrder.DescendingOrder))
    still_selected = len(view.selectionModel().selectedRows())
    view.clearSelection()
    refresh_time_ms = timed(app, model.refresh_time)

    result: dict[str, float | int | bool] = {
        "rows": n,
        "load_ms": round(load_ms, 1),
        "quick_filter_ms": round(quick_filter_ms, 1),
        "sort_ms": round(sort_ms, 1),
        "status_sort_ms": round(status_sort_ms, 1),
        "filter_ms": round(max(keystrokes), 1),
        "select_all_sort_ms": round(select_all_sort_ms, 1),
        "refresh_time_ms": round(refresh_time_ms, 1),
        "rss_mb": round(rss_mb(), 1),
        "smi_matches": shown,
        "expiring_matches": expiring,
        "selection_kept": selected == still_selected == n,
    }
    result["meets_targets"] = bool(result["selection_kept"]) and all(
        float(result[k]) <= v for k, v in TARGETS.items()
    )
    view.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    result = run(args.rows)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
