"""The window in German, and a complete German translation (nothing unfinished, nothing
missing from the sources)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt

from qrpin_gui.ui import i18n
from qrpin_gui.ui.roster_present import Col

TS_DE = i18n.translations_dir() / "qrpin_gui_de.ts"


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else (shutil.which(name) or name)


@pytest.fixture
def german(tmp_path: Path) -> Iterator[None]:
    """German translators installed from .qm files compiled into a temp dir."""
    built = i18n.compile_all(out_dir=tmp_path)
    assert tmp_path / "qrpin_gui_de.qm" in built
    app = QCoreApplication.instance()
    assert app is not None
    translators = []
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(tmp_path / "qrpin_gui_de.qm"))
    app.installTranslator(translator)
    translators.append(translator)
    yield
    for t in translators:
        app.removeTranslator(t)
    QLocale.setDefault(QLocale("en"))


@pytest.mark.asyncio
async def test_window_in_german(german: None, make_rig: Any) -> None:
    from tests.gui.factories import mixed_rows

    rig = make_rig()
    window = rig.window
    rig.controller.rows_replaced.emit(mixed_rows(), None, False)
    menus = [m.title() for m in window.menuBar().findChildren(type(window.menus["file"]))]
    assert {"&Datei", "&Liste", "&Person", "&Ansicht", "&Konto", "&Hilfe"} <= set(menus)
    assert window.refresh_button.text() == "Aktualisieren"
    assert window.check_button.text() == "Status prüfen"
    assert window.export_button.text() == "CSV exportieren…"
    assert window.store_label.text() == "&Filiale:"
    assert window.search.placeholderText().startswith("Name, Benutzername")
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in Col]
    assert headers[Col.UPN] == "Benutzername (UPN)"
    assert headers[Col.STATUS] == "QR-Anmeldung"
    statuses = {window.model.index(r, Col.STATUS).data() for r in range(window.model.rowCount())}
    assert {"Aktiv", "Abgelaufen", "Keine QR-Anmeldung", "Hier nicht verwaltbar"} <= statuses
    assert any(s.startswith("Läuft in ") and s.endswith("Tagen ab") for s in statuses)
    assert window.details.actions_box.title() == "Aktionen"
    assert window.status.progress.cancel_button.text() == "Abbrechen"
    assert window.filter_bar.count_label.text() == "9 Personen"
    from qrpin_gui.ui.error_dialog import ErrorDialog

    dialog = ErrorDialog("x", window)
    assert dialog.windowTitle() == "Etwas ist schiefgelaufen"
    assert dialog.copy_button.text() == "Details kopieren"
    dialog.deleteLater()


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source") or "", msg))
    return out


def test_german_translation_is_complete() -> None:
    unfinished = [
        f"{ctx}: {src}"
        for ctx, src, msg in _messages(TS_DE)
        if (
            msg.find("translation") is not None
            and msg.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        )
    ]
    assert unfinished == []


def test_every_ui_string_is_in_the_german_catalogue(tmp_path: Path) -> None:
    """lupdate over today's sources finds no string the shipped catalogue lacks."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_DE, fresh)
    package = Path(i18n.__file__).resolve().parents[1]
    sources = [
        *sorted(str(p) for p in (package / "ui").glob("*.py")),
        str(package / "auth" / "messages.py"),
    ]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    missing = [
        f"{ctx}: {src}"
        for ctx, src, msg in _messages(fresh)
        if msg.find("translation").get("type") == "unfinished"
    ]
    assert missing == [], "run: python -m qrpin_gui.ui.i18n --update and translate these"
