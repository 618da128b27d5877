"""What goes into the PyInstaller bundle: shared by ``qrpin-gui.spec`` and ``build_bundle.py``.

Plain Python (no PyInstaller import), so the rules can be unit-tested and read in one place:

- which PySide6 modules the app uses (scanned from ``qrpin_gui/``, plus a fixed base set) and
  therefore which of the installed ones to exclude;
- the other Qt bindings and unused standard-library GUI toolkits to exclude;
- packages collected whole (code, data and DLLs) on one platform only: the WAM broker
  runtime ``pymsalruntime`` on Windows (``msal[broker]``; MSAL imports it lazily, and its
  ``msalruntime`` DLL sits beside the extension, so a hidden import alone is not enough);
- the Windows version resource, generated from ``qrpin_gui.__version__``;
- the per-component size breakdown of a finished bundle (Qt, Python, our code, other).
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "qrpin_gui"
APP_NAME = "qrpin-gui"
PRODUCT_NAME = "QR PIN Manager"
COMPANY_NAME = "QR PIN Manager contributors"

#: Always kept: what the self-test and the printing/QR code paths need.
BASE_QT_MODULES = frozenset({"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"})

OTHER_BINDINGS = ("PyQt5", "PyQt6", "PySide2", "qtpy", "sip")
UNUSED_STDLIB = ("tkinter", "_tkinter", "turtle", "idlelib", "pydoc_data", "lib2to3", "test")
#: Optional extras of our dependencies that the app never runs (httpx's CLI colouring...).
UNUSED_EXTRAS = ("pygments", "rich", "IPython", "numpy", "PIL")

#: Collected whole on that platform (``collect_all``), with the modules importing them lazily.
PLATFORM_PACKAGES: dict[str, tuple[str, ...]] = {"win32": ("pymsalruntime",)}
PLATFORM_HIDDEN_IMPORTS: dict[str, tuple[str, ...]] = {"win32": ("msal.broker",)}

_QT_USE = re.compile(r"\bPySide6\.(Qt\w+)|\bfrom\s+PySide6\s+import\s+([^\n(]+|\([^)]*\))")


def read_version() -> str:
    """``qrpin_gui.__version__`` without importing the package."""
    tree = ast.parse((PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise RuntimeError("qrpin_gui/__init__.py has no __version__ string")


def platform_packages(platform: str | None = None) -> tuple[str, ...]:
    """Packages the bundle for ``platform`` (default: this one) must carry whole."""
    return PLATFORM_PACKAGES.get(platform or sys.platform, ())


def platform_hidden_imports(platform: str | None = None) -> tuple[str, ...]:
    """Modules imported only lazily on ``platform`` (PyInstaller may not see them)."""
    return PLATFORM_HIDDEN_IMPORTS.get(platform or sys.platform, ())


def used_qt_modules(sources: Iterable[Path] | None = None) -> set[str]:
    """Every ``PySide6.QtXxx`` module named in our sources, plus the base set."""
    used = set(BASE_QT_MODULES)
    files = sources if sources is not None else PACKAGE_DIR.rglob("*.py")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for dotted, imported in _QT_USE.findall(text):
            if dotted:
                used.add(dotted)
            for name in re.findall(r"\bQt\w+", imported):
                used.add(name)
    return used


def installed_qt_modules() -> set[str]:
    """The PySide6 extension modules present in this environment (QtCore, QtQml, ...)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return set()
    folder = Path(next(iter(spec.submodule_search_locations)))
    return {
        p.name.split(".", 1)[0]
        for p in folder.iterdir()
        if p.name.startswith("Qt") and p.suffix in {".so", ".pyd"}
    }


def excludes() -> list[str]:
    """Modules PyInstaller must leave out: unused Qt modules, other bindings, Tk."""
    unused_qt = sorted(installed_qt_modules() - used_qt_modules())
    return [
        *OTHER_BINDINGS,
        *UNUSED_STDLIB,
        *UNUSED_EXTRAS,
        *(f"PySide6.{m}" for m in unused_qt),
    ]


def lrelease() -> str | None:
    """Qt's translation compiler from the PySide6 in this environment."""
    import importlib.util
    import shutil

    beside = Path(sys.executable).parent / (
        "pyside6-lrelease" + (".exe" if os.name == "nt" else "")
    )
    if beside.exists():
        return str(beside)
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations)))
        for name in ("lrelease", "lrelease.exe"):
            if (folder / name).exists():
                return str(folder / name)
    return shutil.which("pyside6-lrelease")


def translation_datas(source_dir: Path, work_dir: Path) -> list[tuple[str, str]]:
    """``(file, "resources/translations")`` for every compiled translation to ship.

    A ``.qm`` beside its ``.ts`` is shipped as is; a ``.ts`` without one is compiled into
    ``work_dir`` first. Only ``.qm`` files go into the bundle.
    """
    import subprocess

    target = "resources/translations"
    datas = [(str(qm), target) for qm in sorted(source_dir.glob("*.qm"))]
    for ts in sorted(source_dir.glob("*.ts")):
        if (source_dir / f"{ts.stem}.qm").exists():
            continue
        tool = lrelease()
        if tool is None:
            raise RuntimeError(f"cannot compile {ts.name}: pyside6-lrelease not found")
        work_dir.mkdir(parents=True, exist_ok=True)
        qm = work_dir / f"{ts.stem}.qm"
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        datas.append((str(qm), target))
    return datas


def version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


def version_info_text(version: str) -> str:
    """The Windows version resource in PyInstaller's ``--version-file`` text format."""
    v = version_tuple(version)
    strings = {
        "CompanyName": COMPANY_NAME,
        "FileDescription": PRODUCT_NAME,
        "FileVersion": version,
        "InternalName": APP_NAME,
        "LegalCopyright": f"© {COMPANY_NAME}. MIT licence.",
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": PRODUCT_NAME,
        "ProductVersion": version,
    }
    string_structs = ",\n          ".join(f"StringStruct({k!r}, {s!r})" for k, s in strings.items())
    return f"""# Generated from qrpin_gui.__version__ by packaging/bundle_config.py; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={v},
    prodvers={v},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [{string_structs}])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


# ---------------------------------------------------------------------------------------------
# Size breakdown
# ---------------------------------------------------------------------------------------------
COMPONENTS = ("Qt", "Python", "our code", "other")
_QT_FILE = re.compile(r"^(pyside6|shiboken6)/|^(lib)?qt6|^libicu|^icu", re.IGNORECASE)
_PYTHON_FILE = re.compile(
    r"^(libpython3|python3\d*\.dll|python3\.dll|base_library\.zip|python3\.\d+/"
    r"|vcruntime|msvcp|ucrtbase|api-ms-win|libffi|libssl|libcrypto|sqlite3\.dll|lib(bz2|lzma|z|mpdec|expat)\b)",
    re.IGNORECASE,
)


def classify_path(relative: str) -> str:
    """Component of a file in the bundle, by its path relative to ``_internal/``."""
    path = relative.replace("\\", "/")
    if _QT_FILE.search(path):
        return "Qt"
    if path.startswith(("resources/", "qrpin_gui/")):
        return "our code"
    if _PYTHON_FILE.search(path):
        return "Python"
    if "/" not in path and path.split(".", 1)[0] in _stdlib():  # _ssl.pyd, _ctypes.pyd...
        return "Python"
    return "other"


def classify_module(name: str) -> str:
    """Component of an entry in the executable's archive (PYZ module or bootstrap script)."""
    top = name.split(".", 1)[0]
    if top in {"PySide6", "shiboken6"}:
        return "Qt"
    if top in {"qrpin_gui", "launcher"}:
        return "our code"
    if top in _stdlib() or top.startswith(("pyimod", "pyiboot", "pyi_rth")):
        return "Python"
    return "other"


def _stdlib() -> frozenset[str]:
    return frozenset(sys.stdlib_module_names)
