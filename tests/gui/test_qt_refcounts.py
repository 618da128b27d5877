"""Guard against the Qt binding corrupting Python's reference counts.

PySide6 6.12.0 dropped a reference to ``None`` (and ``True``/``False``) on every void or bool
method call. On Python 3.11 those objects are not immortal, so a long-running window (or a
9-badge PDF sheet drawing thousands of rectangles) aborted with "Fatal Python error:
none_dealloc". The dependency is capped below 6.12 for that; this test fails on any binding
that leaks such references, whatever its version.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
path = QPainterPath()
counts = lambda: (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
before = counts()
for _ in range(2000):
    label.setText("x")      # void
    path.addRect(0, 0, 1, 1)  # void
    label.isVisible()       # bool
after = counts()
print(*(a - b for a, b in zip(after, before)))
"""


def test_qt_calls_keep_none_true_false_reference_counts() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr[-1500:]
    deltas = [int(x) for x in out.stdout.split()]
    # A few references may come and go with the objects made; thousands mean a leak.
    assert all(abs(d) < 100 for d in deltas), f"reference count drift None/True/False: {deltas}"
