"""The installation self-test (``qrpin-gui --self-test`` without ``--demo``) and the bundle rules.

The checks run in-process, offscreen (tests/conftest.py sets QT_QPA_PLATFORM), against a
temporary profile. Failures are provoked the way they happen on a store PC: a module missing
from the bundle, a certificate the trust store does not know, a profile folder that cannot be
written.
"""

from __future__ import annotations

import io
import json
import sys
import types
from pathlib import Path

import pytest

from qrpin_gui import selftest
from qrpin_gui.paths import AppPaths

ROOT = Path(__file__).resolve().parents[2]
STEPS = [
    "imports",
    "profile",
    "resources",
    "qt-platform",
    "tls",
    "token-cache",
    "broker",
    "qr-render",
    "pdf-print",
]


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.for_profile(tmp_path / "profile")


def _describe(report: selftest.SelfTestReport) -> str:
    return report.render(verbose=True)


def test_install_checks_pass_and_report_ok_with_timings(paths: AppPaths) -> None:
    report = selftest.run_install_checks(paths)

    assert [s.name for s in report.steps] == STEPS
    assert report.ok, _describe(report)
    assert report.exit_code == 0
    lines = report.render().splitlines()
    assert lines[0] == "self-test: ok"
    timing = json.loads(lines[-1])
    assert timing["self_test"] == "ok"
    assert timing["failed"] == []
    assert list(timing["steps_ms"]) == STEPS
    assert all(ms >= 0 for ms in timing["steps_ms"].values())
    assert timing["total_ms"] == pytest.approx(sum(timing["steps_ms"].values()), abs=1)
    # The probe files and the temporary token-cache profile are gone again.
    assert sorted(p.name for p in paths.cache_dir.iterdir()) == []
    assert sorted(p.name for p in paths.data_dir.iterdir()) == []


def test_the_imports_step_covers_our_own_modules() -> None:
    own = selftest.own_modules()
    assert "qrpin_gui.paths" in own
    assert "qrpin_gui.selftest" in own
    assert "qrpin_gui.__main__" not in own  # importing it would run nothing, but skip the entry
    assert any(name.startswith("qrpin_gui.graph.") for name in own)


def test_a_missing_module_fails_the_imports_step_by_name(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        selftest, "RUNTIME_MODULES", (*selftest.RUNTIME_MODULES, "qrpin_missing_dependency")
    )

    report = selftest.run_install_checks(paths)

    assert not report.ok
    assert report.exit_code == 1
    assert "imports" in [s.name for s in report.failures]
    summary = report.summary_lines()
    imports_line = next(line for line in summary if line.startswith("self-test: FAIL imports: "))
    assert "qrpin_missing_dependency" in imports_line
    assert "No module named" in imports_line
    timing = json.loads(report.render().splitlines()[-1])
    assert timing["self_test"] == "fail"
    assert "imports" in timing["failed"]
    # The other steps still ran and are timed: one failure does not hide the rest.
    assert list(timing["steps_ms"]) == STEPS
    assert report.step("qr-render") is not None and report.step("qr-render").ok  # type: ignore[union-attr]


def test_tls_fails_when_the_server_certificate_is_not_trusted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trustme

    # The CA is never added to the client's trust: the handshake must be refused.
    monkeypatch.setattr(trustme.CA, "configure_trust", lambda self, ctx: None)

    report = selftest.SelfTestReport()
    result = report.run_step("tls", selftest.check_tls)

    assert not result.ok
    assert "certificate" in result.detail.lower()
    assert report.summary_lines()[0].startswith("self-test: FAIL tls: ")


def test_an_unwritable_profile_fails_the_profile_step(tmp_path: Path) -> None:
    blocker = tmp_path / "profile" / "config"
    blocker.parent.mkdir()
    blocker.write_text("a file where the config folder should be")
    paths = AppPaths.for_profile(tmp_path / "profile")

    report = selftest.SelfTestReport()
    result = report.run_step("profile", lambda: selftest.check_profile(paths))

    assert not result.ok
    assert result.detail.startswith(("FileExistsError", "NotADirectoryError"))


def test_token_cache_round_trip_writes_only_into_a_temporary_profile(paths: AppPaths) -> None:
    detail = selftest.check_token_cache(paths)

    assert detail.startswith("round-trip file")
    assert not paths.token_cache_file.exists()  # the real profile's cache is never touched
    assert list(paths.cache_dir.iterdir()) == []


def test_qr_render_counts_the_dark_modules() -> None:
    image, expected = selftest._render_qr(scale=3)
    assert expected > 0
    assert selftest._dark_pixels(image) == pytest.approx(expected, rel=0.02)


def test_the_broker_step_checks_the_runtime_on_windows_only() -> None:
    detail = selftest.check_broker()
    if sys.platform == "win32":  # the Windows CI job: msal[broker] installed, must load
        assert detail.startswith("pymsalruntime "), detail
    else:
        assert detail.startswith("not applicable")


def test_a_windows_bundle_without_the_broker_runtime_fails_the_broker_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pymsalruntime", None)  # import fails as in such a bundle
    report = selftest.SelfTestReport()

    result = report.run_step("broker", lambda: selftest.check_broker("win32"))

    assert not result.ok and not report.ok
    assert "pymsalruntime" in result.detail and "fall back to the browser" in result.detail


def test_a_windows_bundle_with_the_broker_runtime_names_its_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runtime = types.ModuleType("pymsalruntime")
    runtime.__version__ = "0.18.1"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pymsalruntime", runtime)
    monkeypatch.setitem(sys.modules, "msal.broker", types.ModuleType("msal.broker"))

    assert selftest.check_broker("win32") == "pymsalruntime 0.18.1 loads"


def test_run_and_print_prints_the_verdict_then_json(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "QT_MODULES", (*selftest.QT_MODULES, "PySide6.QtNoSuchModule"))
    out = io.StringIO()

    code = selftest.run_and_print(paths, out, verbose=True)

    lines = out.getvalue().splitlines()
    assert code == 1
    assert any(line.startswith("  FAIL imports") for line in lines)
    assert any(line.startswith("  ok   pdf-print") for line in lines)
    assert any(line.startswith("self-test: FAIL imports: ") for line in lines)
    assert json.loads(lines[-1])["failed"][0] == "imports"


def test_a_report_without_steps_is_not_ok() -> None:
    report = selftest.SelfTestReport()
    assert not report.ok
    assert report.summary_lines()[0].startswith("self-test: FAIL")


# ---------------------------------------------------------------------------------------------
# Bundle rules (packaging/bundle_config.py)
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def bundle_config():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import bundle_config

        yield bundle_config
    finally:
        sys.path.remove(str(ROOT / "packaging"))


def test_bundle_excludes_other_bindings_and_unused_qt_but_keeps_what_we_use(
    bundle_config,  # type: ignore[no-untyped-def]
) -> None:
    excludes = bundle_config.excludes()
    assert {"PyQt5", "PyQt6", "PySide2", "tkinter"} <= set(excludes)
    assert "PySide6.QtQml" in excludes
    assert "PySide6.QtQuick" in excludes
    for kept in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"):
        assert f"PySide6.{kept}" not in excludes
    # Every Qt module a source file names stays in the bundle.
    for module in bundle_config.used_qt_modules():
        assert f"PySide6.{module}" not in excludes


def test_the_windows_bundle_collects_the_broker_runtime_whole(bundle_config) -> None:  # type: ignore[no-untyped-def]
    assert bundle_config.platform_packages("win32") == ("pymsalruntime",)
    assert "msal.broker" in bundle_config.platform_hidden_imports("win32")
    assert bundle_config.platform_packages("linux") == ()
    assert bundle_config.platform_hidden_imports("darwin") == ()
    spec = (ROOT / "packaging" / "qrpin-gui.spec").read_text(encoding="utf-8")
    assert "cfg.platform_packages()" in spec and "collect_all(package)" in spec


def test_used_qt_modules_reads_both_import_forms(bundle_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "x.py"
    source.write_text(
        "from PySide6.QtSvgWidgets import QSvgWidget\n"
        "from PySide6 import (\n    QtNetwork,\n    QtXml,\n)\n"
    )
    used = bundle_config.used_qt_modules([source])
    assert {"QtSvgWidgets", "QtNetwork", "QtXml", "QtCore"} <= used


def test_windows_version_resource_comes_from_the_package_version(bundle_config) -> None:  # type: ignore[no-untyped-def]
    from qrpin_gui import __version__

    assert bundle_config.read_version() == __version__
    text = bundle_config.version_info_text("1.2.3")
    assert "filevers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductVersion', '1.2.3')" in text
    assert "StringStruct('OriginalFilename', 'qrpin-gui.exe')" in text
    compile(text, "version_info.txt", "eval")  # PyInstaller evaluates it as an expression


def test_size_breakdown_classifies_bundle_files(bundle_config) -> None:  # type: ignore[no-untyped-def]
    classify = bundle_config.classify_path
    assert classify("PySide6/Qt/lib/libQt6Core.so.6") == "Qt"
    assert classify("PySide6/Qt6Core.dll") == "Qt"
    assert classify("libicudata.so.73") == "Qt"
    assert classify("libpython3.11.so.1.0") == "Python"
    assert classify("python311.dll") == "Python"
    assert classify("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so") == "Python"
    assert classify("_ssl.pyd") == "Python"
    assert classify("base_library.zip") == "Python"
    assert classify("resources/icons/qrpin-gui.png") == "our code"
    assert classify("cryptography/hazmat/bindings/_rust.abi3.so") == "other"
    assert bundle_config.classify_module("qrpin_gui.selftest") == "our code"
    assert bundle_config.classify_module("asyncio.events") == "Python"
    assert bundle_config.classify_module("httpx._client") == "other"
    assert bundle_config.classify_module("PySide6.support") == "Qt"


def test_translations_ship_compiled(bundle_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "src"
    source.mkdir()
    (source / "qrpin_gui_de.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="de"><context><name>MainWindow</name>'
        "<message><source>Reset PIN</source><translation>PIN zurücksetzen</translation>"
        "</message></context></TS>\n",
        encoding="utf-8",
    )
    (source / "qrpin_gui_fr.qm").write_bytes(b"prebuilt")  # a .qm already there is shipped as is

    datas = bundle_config.translation_datas(source, tmp_path / "work")

    shipped = sorted(Path(f).name for f, target in datas if target == "resources/translations")
    assert shipped == ["qrpin_gui_de.qm", "qrpin_gui_fr.qm"]
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(tmp_path / "work" / "qrpin_gui_de.qm"))
    assert translator.translate("MainWindow", "Reset PIN") == "PIN zurücksetzen"
