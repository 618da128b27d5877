"""The layer rules of ARCHITECTURE.md, checked on the code itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "qrpin_gui"
QT_FREE = ["core", "graph", "auth", "offline", "actions", "bulk", "demo"]
APP_PACKAGES = {"core", "graph", "auth", "offline", "actions", "bulk", "ui", "app"}


def _imports(path: Path) -> set[str]:
    """Absolute module names imported by one file (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package_parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package_parts[: len(package_parts) - node.level + 1])
                names.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.add(node.module)
    return names


@pytest.mark.parametrize("layer", QT_FREE)
def test_no_qt_below_ui(layer: str) -> None:
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            n for n in _imports(f) if n.split(".")[0] in {"PySide6", "qasync", "shiboken6"}
        )
        for f in (PACKAGE / layer).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_demo_shares_no_code_with_the_app() -> None:
    offenders = {}
    for f in (PACKAGE / "demo").rglob("*.py"):
        bad = sorted(
            n for n in _imports(f) if n.startswith("qrpin_gui.") and n.split(".")[1] in APP_PACKAGES
        )
        if bad:
            offenders[str(f.relative_to(PACKAGE))] = bad
    assert offenders == {}


def test_importing_the_qt_free_layers_loads_no_qt() -> None:
    code = (
        "import sys\n"
        + "".join(f"import qrpin_gui.{layer}\n" for layer in QT_FREE)
        + "import qrpin_gui.export_csv, qrpin_gui.settings, qrpin_gui.paths, qrpin_gui.log\n"
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'qasync')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
