"""The window in German, and a complete German translation (nothing unfinished, nothing
missing from the sources, nothing the UI translates at run time left out of the catalogue).

``pyside6-lupdate`` only sees literal ``tr("…")`` / ``translate("Context", "…")`` calls. The
UI also translates texts lupdate cannot see: English templates from the Qt-free layers
(:data:`qrpin_gui.bulk.problems.TEMPLATES` under ``BulkProblems``), texts passed through small
helpers (``_t("…")`` = ``translate("PinMessages", …)``), column titles kept in tuples, and a
few call forms lupdate's Python parser skips or reads as singular (``translate(ctx, text, None,
n)`` with ``n`` a variable). ``qrpin_gui/ui/_catalog_extra.py`` lists those with
``QT_TRANSLATE_NOOP`` (plural ones as ``translate(ctx, text, None, 1)``) so lupdate extracts
them; its name sorts first, so lupdate meets its plural form first. This module generates it::

    .venv/bin/python -m tests.gui.test_german_ui        # rewrite qrpin_gui/ui/_catalog_extra.py
    .venv/bin/python -m qrpin_gui.ui.i18n --update      # then lupdate + compile, and translate
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

from qrpin_gui.ui import i18n
from qrpin_gui.ui.roster_present import Col

TS_DE = i18n.translations_dir() / "qrpin_gui_de.ts"
PACKAGE = Path(i18n.__file__).resolve().parents[1]
UI_DIR = PACKAGE / "ui"
CATALOG_EXTRA = UI_DIR / "_catalog_extra.py"

# Translations whose text is not a literal at the call site, and where the texts come from.
KNOWN_DYNAMIC = {
    ("bulk_dialog.py", "QCoreApplication.translate('BulkProblems', problem.template)"),
    ("messages.py", "QCoreApplication.translate(MESSAGE_CONTEXT, message_for(error))"),
}

Key = tuple[str, str]  # (context, English source)


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else (shutil.which(name) or name)


# --- what the UI translates at run time ---------------------------------------------------


def _is_qt_translate(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "translate"
        and isinstance(node.value, ast.Name)
        and node.value.id == "QCoreApplication"
    )


def _const_str(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _helpers(tree: ast.Module) -> dict[str, str]:
    """Module-level ``def _t(text): return QCoreApplication.translate("Ctx", text)``."""
    found = {}
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef) or not fn.args.args:
            continue
        last = fn.body[-1]
        if not (isinstance(last, ast.Return) and isinstance(last.value, ast.Call)):
            continue
        call = last.value
        if _is_qt_translate(call.func) and len(call.args) == 2:
            context, text = call.args
            if (
                _const_str(context) is not None
                and isinstance(text, ast.Name)
                and text.id == fn.args.args[0].arg
            ):
                found[fn.name] = _const_str(context) or ""
    return found


def _string_tuples(tree: ast.Module) -> dict[str, tuple[str, ...]]:
    """Module-level ``_COLUMNS = ("Line", "Person", ...)``."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple | ast.List):
            texts = [_const_str(e) for e in node.value.elts]
            if texts and all(t is not None for t in texts):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = tuple(t for t in texts if t is not None)
    return found


class _UiScanner(ast.NodeVisitor):
    """Every text one UI module passes to ``tr``/``translate`` (and through its helpers)."""

    def __init__(self, tree: ast.Module, file_name: str) -> None:
        self.file_name = file_name
        self.helpers = _helpers(tree)
        self.tuples = _string_tuples(tree)
        self.aliases = {
            target.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and _is_qt_translate(node.value)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        self.texts: dict[Key, bool] = {}  # -> plural
        self.dynamic: set[tuple[str, str]] = set()
        self._classes: list[str] = []
        self._function: str | None = None

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._classes.append(node.name)
        self.generic_visit(node)
        self._classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self._function = self._function, node.name
        self.generic_visit(node)
        self._function = outer

    def _add(self, context: str, text: str, plural: bool) -> None:
        self.texts[(context, text)] = self.texts.get((context, text), False) or plural

    def visit_Call(self, node: ast.Call) -> None:
        func, args = node.func, node.args
        plural_kw = any(k.arg == "n" for k in node.keywords)
        if isinstance(func, ast.Attribute) and func.attr == "tr" and args:
            context = self._classes[-1] if self._classes else ""
            text = _const_str(args[0])
            if not (isinstance(func.value, ast.Name) and func.value.id == "self"):
                # lupdate files other.tr("…") under the context "other"; Qt looks it up
                # under other's class: use self.tr or QCoreApplication.translate.
                self.dynamic.add((self.file_name, ast.unparse(node)))
            elif text is not None:
                self._add(context, text, len(args) >= 3 or plural_kw)
            elif (
                isinstance(args[0], ast.Subscript)
                and isinstance(args[0].value, ast.Name)
                and args[0].value.id in self.tuples
            ):
                for item in self.tuples[args[0].value.id]:
                    self._add(context, item, False)
            else:
                self.dynamic.add((self.file_name, ast.unparse(node)))
        elif (
            _is_qt_translate(func) or (isinstance(func, ast.Name) and func.id in self.aliases)
        ) and (len(args) >= 2):
            given_context, text = _const_str(args[0]), _const_str(args[1])
            if given_context is not None and text is not None:
                self._add(given_context, text, len(args) >= 4 or plural_kw)
            elif self._function not in self.helpers:
                self.dynamic.add((self.file_name, ast.unparse(node)))
        elif isinstance(func, ast.Name) and func.id in self.helpers and args:
            text = _const_str(args[0])
            if text is not None:
                self._add(self.helpers[func.id], text, False)
            else:
                self.dynamic.add((self.file_name, ast.unparse(node)))
        self.generic_visit(node)


def scan_ui() -> tuple[dict[Key, bool], set[tuple[str, str]]]:
    """The texts the UI modules translate (-> plural?) and the call sites with a dynamic text."""
    texts: dict[Key, bool] = {}
    dynamic: set[tuple[str, str]] = set()
    for path in sorted(UI_DIR.glob("*.py")):
        if path == CATALOG_EXTRA:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scanner = _UiScanner(tree, path.name)
        scanner.visit(tree)
        for key, plural in scanner.texts.items():
            texts[key] = texts.get(key, False) or plural
        dynamic |= scanner.dynamic
    return texts, dynamic


def qt_free_texts() -> dict[Key, bool]:
    """English templates of the Qt-free layers, under the context the UI translates them with
    (see :data:`KNOWN_DYNAMIC`)."""
    from qrpin_gui.auth.errors import AuthErrorKind
    from qrpin_gui.auth.messages import ENCRYPTION_UNAVAILABLE, MESSAGE_CONTEXT, message_for
    from qrpin_gui.bulk.problems import TEMPLATES as BULK_TEMPLATES

    texts: dict[Key, bool] = {("BulkProblems", t): False for t in BULK_TEMPLATES.values()}
    texts |= {(MESSAGE_CONTEXT, message_for(kind)): False for kind in AuthErrorKind}
    texts[(MESSAGE_CONTEXT, ENCRYPTION_UNAVAILABLE)] = False
    return texts


def runtime_texts() -> dict[Key, bool]:
    texts, _dynamic = scan_ui()
    return texts | qt_free_texts()


# --- lupdate ------------------------------------------------------------------------------


def lupdate_sources(*, with_extra: bool = True) -> list[str]:
    """The files ``python -m qrpin_gui.ui.i18n --update`` hands to lupdate."""
    ui = [p for p in sorted(UI_DIR.glob("*.py")) if with_extra or p != CATALOG_EXTRA]
    return [*(str(p) for p in ui), str(PACKAGE / "auth" / "messages.py"), str(PACKAGE / "app.py")]


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source") or "", msg))
    return out


def _state(msg: ET.Element) -> str | None:
    """The ``type`` of a message's translation (None = finished)."""
    translation = msg.find("translation")
    return "missing" if translation is None else translation.get("type")


def run_lupdate(sources: list[str], ts_file: Path) -> None:
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(ts_file),
        ],
        check=True,
        capture_output=True,
    )


def lupdate_keys(sources: list[str]) -> dict[Key, bool]:
    """What lupdate extracts from ``sources`` (-> read as plural?)."""
    with tempfile.TemporaryDirectory() as tmp:
        ts_file = Path(tmp) / "scan.ts"
        run_lupdate(sources, ts_file)
        return {(ctx, src): msg.get("numerus") == "yes" for ctx, src, msg in _messages(ts_file)}


# --- catalog_extra.py ---------------------------------------------------------------------

_HEADER = '''"""Texts the UI translates at run time that ``pyside6-lupdate`` cannot see in the code.

GENERATED by ``.venv/bin/python -m tests.gui.test_german_ui``; do not edit (a test checks it is
current). Never imported: it exists so that ``python -m qrpin_gui.ui.i18n --update``, which reads
``qrpin_gui/ui/*.py``, extracts these texts under the context the UI looks them up with: English
templates of the Qt-free layers (``BulkProblems``), texts passed through helpers such as
``_t(text)`` or kept in tuples (column titles), and call forms lupdate's parser skips.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation under ``context``; returns it unchanged."""
    return text

'''


def _literal(text: str) -> str:
    """A Python string literal the way ruff format writes it (double quotes unless that needs
    more escapes)."""
    body = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    if '"' in text and "'" not in text:
        return "'" + body + "'"
    return '"' + body.replace('"', '\\"') + '"'


def render_catalog(entries: dict[Key, bool]) -> str:
    singular = sorted(k for k, plural in entries.items() if not plural)
    plural = sorted(k for k, is_plural in entries.items() if is_plural)
    lines = [_HEADER, "TEXTS: tuple[str, ...] = ("]
    for context, text in singular:
        lines += [
            "    QT_TRANSLATE_NOOP(",
            f"        {_literal(context)},",
            f"        {_literal(text)},",
            "    ),",
        ]
    lines += [")", "", ""]
    lines += [
        "def plural_texts() -> tuple[str, ...]:",
        '    """The plural texts, in the call form lupdate reads as plural (a literal n)."""',
        "    return (",
    ]
    for context, text in plural:
        lines += [
            "        QCoreApplication.translate(",
            f"            {_literal(context)},",
            f"            {_literal(text)},",
            "            None,",
            "            1,",
            "        ),",
        ]
    lines += ["    )", ""]
    return "\n".join(lines)


def expected_catalog() -> str:
    """catalog_extra.py for today's sources: what the UI translates minus what lupdate sees."""
    seen = lupdate_keys(lupdate_sources(with_extra=False))
    return render_catalog(
        {k: p for k, p in runtime_texts().items() if k not in seen or (p and not seen[k])}
    )


# --- tests --------------------------------------------------------------------------------


@pytest.fixture
def german(tmp_path: Path) -> Iterator[None]:
    """German translators installed from .qm files compiled into a temp dir."""
    built = i18n.compile_all(out_dir=tmp_path)
    assert tmp_path / "qrpin_gui_de.qm" in built
    app = QCoreApplication.instance()
    assert app is not None
    translator = QTranslator()
    assert translator.load(str(tmp_path / "qrpin_gui_de.qm"))
    app.installTranslator(translator)
    QLocale.setDefault(QLocale("de"))
    yield
    app.removeTranslator(translator)
    QLocale.setDefault(QLocale("en"))


def _menu_texts(window: Any) -> dict[str, list[str]]:
    """Menu title -> its action texts (separators left out)."""
    return {
        menu.title(): [a.text() for a in menu.actions() if not a.isSeparator()]
        for menu in window.menuBar().findChildren(type(window.menus["file"]))
    }


@pytest.mark.asyncio
async def test_window_in_german(german: None, make_rig: Any) -> None:
    from tests.gui.factories import mixed_rows

    rig = make_rig()
    window = rig.window
    rig.controller.rows_replaced.emit(mixed_rows(), None, False)
    menus = _menu_texts(window)
    assert {"&Datei", "&Liste", "&Person", "&Ansicht", "&Konto", "&Hilfe"} <= set(menus)
    assert "&Sammelaktionen…" in menus["&Person"]
    assert "Ablauf-&Radar…" in menus["&Ansicht"]
    assert "PIN zurücksetzen…" in menus["&Person"]
    english = _english_sources()
    untranslated = [t for texts in menus.values() for t in texts if t in english]
    assert untranslated == []
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


def _english_sources() -> set[str]:
    """English texts whose German translation differs (so seeing them means untranslated)."""
    english = set()
    for _ctx, src, msg in _messages(TS_DE):
        translation = msg.find("translation")
        if translation is not None and translation.text and translation.text != src:
            english.add(src)
    return english


def test_qt_free_texts_come_out_in_german(german: None) -> None:
    """Templates from the Qt-free layers reach the manager in German through the UI."""
    from qrpin_gui.auth.errors import AuthError, AuthErrorKind
    from qrpin_gui.bulk.problems import Problem, ProblemCode
    from qrpin_gui.graph.errors import ForbiddenError, NetworkUnreachableError
    from qrpin_gui.graph.explain import ExplainContext, Target
    from qrpin_gui.ui.bulk_dialog import problem_text
    from qrpin_gui.ui.messages import auth_message, graph_message

    assert problem_text(Problem.of(ProblemCode.EMPTY_FILE)) == "Die Datei ist leer."
    bad_number = problem_text(Problem.of(ProblemCode.BAD_NUMBER, column="hours", value="zwölf"))
    assert bad_number == "hours: „zwölf“ ist keine Zahl."

    offline = NetworkUnreachableError("down")
    assert graph_message(offline).startswith("Microsoft ist nicht erreichbar.")
    forbidden = ForbiddenError("no", status=403, code="Authorization_RequestDenied")
    text = graph_message(forbidden, ExplainContext(Target.USER, person="Ada", target_is_admin=True))
    assert "Ada hat eine Administratorrolle" in text

    assert auth_message(AuthError(AuthErrorKind.CANCELLED)) == "Die Anmeldung wurde abgebrochen."


def test_helper_and_plural_texts_come_out_in_german(german: None) -> None:
    """Texts lupdate only finds through catalog_extra.py are translated at run time."""
    from datetime import UTC, datetime, timedelta

    from qrpin_gui.ui.status_bar import age_text

    now = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert age_text(now - timedelta(minutes=5), now) == "Vor 5 Min. aktualisiert"
    assert age_text(now - timedelta(hours=3), now) == "Vor 3 Std. aktualisiert"
    assert QCoreApplication.translate("Readiness", "The account is disabled.") == (
        "Das Konto ist deaktiviert."
    )
    assert QCoreApplication.translate("PinMessages", "Use only the digits 0 to 9.") == (
        "Verwenden Sie nur die Ziffern 0 bis 9."
    )


def test_graph_explanations_all_have_ui_wording(qapp: Any) -> None:
    """Every English template of graph.explain has its translatable twin in ui.messages."""
    from qrpin_gui.graph.explain import TEMPLATES
    from qrpin_gui.ui.messages import _templates

    assert _templates() == TEMPLATES


def test_german_translation_is_complete() -> None:
    unfinished = [
        f"{ctx}: {src}"
        for ctx, src, msg in _messages(TS_DE)
        if _state(msg) in ("unfinished", "vanished", "obsolete")
    ]
    assert unfinished == []


def test_placeholders_survive_translation() -> None:
    """%1, %n and {name} placeholders of the English text are all in the German one."""
    import re

    pattern = re.compile(r"%\d|%n|\{[a-z_]+\}")
    broken = []
    for ctx, src, msg in _messages(TS_DE):
        translation = msg.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        wanted = sorted(set(pattern.findall(src)))
        for form in forms:
            if sorted(set(pattern.findall(form))) != wanted:
                broken.append(f"{ctx}: {src!r} -> {form!r}")
    assert broken == []


def test_every_ui_string_is_in_the_german_catalogue(tmp_path: Path) -> None:
    """lupdate over today's sources finds no string the shipped catalogue lacks."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_DE, fresh)
    run_lupdate(lupdate_sources(), fresh)
    missing = [f"{ctx}: {src}" for ctx, src, msg in _messages(fresh) if _state(msg) == "unfinished"]
    assert missing == [], "run: python -m qrpin_gui.ui.i18n --update and translate these"


def test_every_runtime_text_is_in_the_german_catalogue() -> None:
    """What the UI translates at run time (helpers, tables, Qt-free templates) has a German
    entry under the context it is looked up with."""
    shipped = {(ctx, src): msg.get("numerus") == "yes" for ctx, src, msg in _messages(TS_DE)}
    runtime = runtime_texts()
    missing = sorted(f"{ctx}: {src}" for ctx, src in runtime if (ctx, src) not in shipped)
    assert missing == [], "run: python -m tests.gui.test_german_ui, then i18n --update"
    singular = sorted(
        f"{c}: {s}" for (c, s), plural in runtime.items() if plural and not shipped[(c, s)]
    )
    assert singular == [], "plural texts must have plural forms in the catalogue"


def test_dynamic_translations_are_known() -> None:
    """A translate call with a computed text must get its texts into the catalogue some other
    way; every such call site is listed in KNOWN_DYNAMIC with where its texts come from."""
    _texts, dynamic = scan_ui()
    assert dynamic == KNOWN_DYNAMIC


def test_catalog_extra_is_current() -> None:
    assert CATALOG_EXTRA.read_text(encoding="utf-8") == expected_catalog(), (
        "run: .venv/bin/python -m tests.gui.test_german_ui"
    )


def main() -> int:
    CATALOG_EXTRA.write_text(expected_catalog(), encoding="utf-8")
    sys.stdout.write(f"{CATALOG_EXTRA}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def test_explanation_fillers_are_translated(german: None) -> None:
    """No English stand-in ("this person", "do this") inside a German sentence."""
    from qrpin_gui.core.capability import NotManageableReason
    from qrpin_gui.graph.explain import not_manageable
    from qrpin_gui.ui.messages import explanation_text

    text = explanation_text(not_manageable(NotManageableReason.ADMIN_ROLE_HOLDER, person=""))
    assert "this person" not in text and "manage QR sign-in" not in text
    assert "diese Person" in text and "QR-Anmeldung verwalten" in text
