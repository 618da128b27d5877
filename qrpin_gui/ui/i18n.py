"""User-interface language: Qt Linguist files, compiled at build time, loaded at start.

``resources/translations/qrpin_gui_<lang>.ts`` are the sources (kept complete with
``pyside6-lupdate``); ``pyside6-lrelease`` compiles them to ``.qm``. Build with::

    .venv/bin/python -m qrpin_gui.ui.i18n            # compile every .ts next to it
    .venv/bin/python -m qrpin_gui.ui.i18n --update   # lupdate from the sources, then compile

At start :func:`install_translators` picks the language (``--lang``, the setting, else the
system locale), loads the app's ``.qm`` (compiling it into the cache folder first when only
the ``.ts`` is present and lrelease is at hand, e.g. running from a source checkout) and Qt's
own translations for standard buttons and dialogs.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

logger = logging.getLogger(__name__)

APP_CATALOG = "qrpin_gui"
SOURCE_LANGUAGE = "en"


def resources_dir() -> Path:
    """``resources/`` of a source checkout, or of a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def _tool(name: str) -> str | None:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    return shutil.which(name)


def compile_ts(ts_file: Path, qm_file: Path) -> bool:
    """Compile one ``.ts`` with ``pyside6-lrelease``; False when the tool is unavailable or fails."""
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        return False
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [lrelease, "-silent", str(ts_file), "-qm", str(qm_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        logger.warning("lrelease failed for %s: %s", ts_file.name, result.stderr.strip()[:200])
        return False
    return qm_file.exists()


def compile_all(source: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Compile every ``qrpin_gui_*.ts`` in ``source`` into ``out_dir`` (default: beside them)."""
    source = source or translations_dir()
    out_dir = out_dir or source
    done = []
    for ts_file in sorted(source.glob(f"{APP_CATALOG}_*.ts")):
        qm_file = out_dir / (ts_file.stem + ".qm")
        if compile_ts(ts_file, qm_file):
            done.append(qm_file)
    return done


def update_sources(languages: Sequence[str] = ("de", "en")) -> None:
    """Run lupdate over the UI code, the composition root (its notices and questions) and the
    texts other layers mark for translation."""
    lupdate = _tool("pyside6-lupdate")
    if lupdate is None:
        raise SystemExit("pyside6-lupdate not found")
    package = Path(__file__).resolve().parents[1]
    sources = sorted(str(p) for p in (package / "ui").glob("*.py"))
    sources += [str(package / "auth" / "messages.py"), str(package / "app.py")]
    for lang in languages:
        ts_file = translations_dir() / f"{APP_CATALOG}_{lang}.ts"
        args = [lupdate, "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts_file)]
        if lang == SOURCE_LANGUAGE:
            args.insert(1, "-pluralonly")
        subprocess.run(args, check=True)


def choose_language(explicit: str | None, setting: str) -> str:
    """``--lang`` beats the setting, which beats the system locale."""
    chosen = (explicit or setting or QLocale.system().name()).strip()
    language = chosen.replace("-", "_").split("_")[0].split(".")[0].lower()
    if len(language) != 2 or not language.isalpha():
        return SOURCE_LANGUAGE  # "C", "POSIX" and the like
    return language


def _qm_for(language: str, cache_dir: Path | None) -> Path | None:
    name = f"{APP_CATALOG}_{language}"
    shipped = translations_dir() / f"{name}.qm"
    source = translations_dir() / f"{name}.ts"
    if shipped.exists() and (
        not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime
    ):
        return shipped
    if source.exists() and cache_dir is not None:
        cached = cache_dir / "translations" / f"{name}.qm"
        if cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime:
            return cached
        if compile_ts(source, cached):
            return cached
    return shipped if shipped.exists() else None


def install_translators(
    app: QCoreApplication, language: str, *, cache_dir: Path | None = None
) -> list[QTranslator]:
    """Load the app's and Qt's translations for ``language``; returns them (keep them alive).

    The English catalogue (plural forms only: "1 day" / "5 days") is always loaded first, so
    a language without a catalogue falls back to proper English."""
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    wanted = [SOURCE_LANGUAGE] if language == SOURCE_LANGUAGE else [SOURCE_LANGUAGE, language]
    for lang in wanted:
        qm = _qm_for(lang, cache_dir)
        if qm is None:
            if lang != SOURCE_LANGUAGE:
                logger.info("No translation for %s; English is used", lang)
            continue
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            logger.warning("Could not load the %s translation", lang)
    logger.info("UI language %s", language)
    if language != SOURCE_LANGUAGE:
        qt_translator = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt_translator)
            installed.append(qt_translator)
    return installed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the UI translations.")
    parser.add_argument("--update", action="store_true", help="run lupdate first")
    parser.add_argument("--out", type=Path, help="folder for the .qm files")
    args = parser.parse_args(argv)
    if args.update:
        update_sources()
    built = compile_all(out_dir=args.out)
    for qm in built:
        sys.stdout.write(f"{qm}\n")
    return 0 if built else 1


if __name__ == "__main__":
    sys.exit(main())
