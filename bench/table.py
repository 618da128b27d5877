"""Benchmark the roster table model with a large tenant already in memory.

Builds ``--rows`` roster rows (realistic names, departments and QR states), then measures, with
a ``QTableView`` attached and shown offscreen:

- ``load_ms``: the model filled from the rows and the view painted once;
- ``sort_ms``: sort by name (in the model, no proxy);
- ``filter_ms``: the slowest keystroke of typing "smi" into the search (name, UPN,
  department), i.e. the filter pass the debounce triggers;
- ``rss_mb``: resident memory of the process afterwards.

Targets (issue 6): load 500, sort 100, filter 50 ms, rss 400 MB. The last line is JSON.

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
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QTableView

from qrpin_gui.core.models import QrCode, QrMethod, QrPin, RosterRow, User
from qrpin_gui.ui.main_window import configure_roster_view
from qrpin_gui.ui.roster_model import RosterTableModel
from qrpin_gui.ui.roster_present import Col

TARGETS = {"load_ms": 500.0, "sort_ms": 100.0, "filter_ms": 50.0, "rss_mb": 400.0}
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
    return rows


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run(n: int) -> dict[str, float | int | bool]:
    app = QApplication.instance() or QApplication([])
    rows = make_rows(n)
    model = RosterTableModel()
    view = QTableView()
    view.setModel(model)
    configure_roster_view(view)
    view.resize(1200, 800)
    view.show()
    app.processEvents()

    started = time.perf_counter()
    model.set_rows(rows)
    app.processEvents()  # the view asks for the visible cells and paints
    load_ms = (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    model.sort(Col.NAME)
    app.processEvents()
    sort_ms = (time.perf_counter() - started) * 1000

    keystrokes = []
    for typed in ("s", "sm", "smi"):
        model.set_search_text(typed)
        started = time.perf_counter()
        model.apply_filter_now()
        app.processEvents()
        keystrokes.append((time.perf_counter() - started) * 1000)
    shown = model.rowCount()
    result: dict[str, float | int | bool] = {
        "rows": n,
        "load_ms": round(load_ms, 1),
        "sort_ms": round(sort_ms, 1),
        "filter_ms": round(max(keystrokes), 1),
        "rss_mb": round(rss_mb(), 1),
        "smi_matches": shown,
    }
    result["meets_targets"] = all(float(result[k]) <= v for k, v in TARGETS.items())
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
