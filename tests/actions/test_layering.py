"""The actions are Qt-free: importing them pulls in neither PySide6 nor qasync."""

from __future__ import annotations

import subprocess
import sys

from qrpin_gui.actions import IssuedPin, group_digits


def test_actions_import_no_qt() -> None:
    code = (
        "import sys, qrpin_gui.actions\n"
        "bad = [m for m in ('PySide6', 'qasync') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_pin_grouping_for_reading_aloud_and_hidden_repr() -> None:
    assert group_digits("12345678") == "1234 5678"
    assert group_digits("123456789") == "123 456 789"
    assert group_digits("1234567890") == "1234 567 890"
    assert group_digits("12345678901234567890") == "1234 5678 9012 3456 7890"
    assert group_digits("1234567890123").replace(" ", "") == "1234567890123"
    pin = IssuedPin("24681357")
    assert "24681357" not in repr(pin) and pin.grouped == "2468 1357"
