"""Installation self-test: ``qrpin-gui --self-test`` (without ``--demo``).

Checks, headless and without the internet, that an installed (usually frozen) app carries
everything a store PC needs, one timed step each:

``imports``      every runtime package, the PySide6 modules we use, and all of our own modules
                 (a missing hidden import in the PyInstaller bundle shows up here);
``profile``      the profile folders exist and take an atomic write;
``resources``    the app icon and the translations (``resources/``) load;
``qt-platform``  a ``QApplication`` on the platform plugin (offscreen when there is no display),
                 a widget ``grab()`` that really drew text (fonts work);
``tls``          the OS trust store through ``truststore``: a throwaway CA (trustme) is added to a
                 ``truststore.SSLContext``, httpx completes an HTTPS GET against a server started
                 here on 127.0.0.1, and the same request without that CA is refused. There is no
                 internet on the machines that run this, so this is the honest stand-in for
                 "reach Microsoft through the store's TLS-inspecting proxy": it proves that the
                 truststore verifier (Windows CryptoAPI / macOS Security / OpenSSL paths) is in
                 the bundle and verifies chains and host names;
``token-cache``  msal-extensions ``FilePersistence`` + ``PersistedTokenCache`` round-trip in a
                 temporary profile (plus the DPAPI persistence on Windows);
``broker``       Windows: the WAM broker runtime (``pymsalruntime``, through ``msal.broker``)
                 loads from the bundle; without it sign-in would quietly fall back to the
                 browser. Elsewhere "not applicable" (ok). The broker's window itself needs a
                 signed-in Windows session and a real tenant, so it is not run here;
``qr-render``    segno -> SVG -> ``QSvgRenderer`` -> ``QImage`` with the right number of dark pixels;
``pdf-print``    ``QPdfWriter`` writes a one-page PDF holding a QR code.

The report prints ``self-test: ok`` or one ``self-test: FAIL <step>: <reason>`` line per
failed step, then a last line of JSON with the step timings. Nothing secret is ever used: the
token and QR payload are fixed placeholders.
"""

from __future__ import annotations

import contextlib
import http.server
import importlib
import io
import json
import logging
import os
import pkgutil
import re
import ssl
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from qrpin_gui.paths import AppPaths

logger = logging.getLogger(__name__)

#: Third-party packages the app needs at run time (import names).
RUNTIME_MODULES: tuple[str, ...] = (
    "qasync",
    "httpx",
    "httpcore",
    "h11",
    "msal",
    "msal_extensions",
    "truststore",
    "platformdirs",
    "segno",
    "starlette",
    "uvicorn",
    "trustme",
    "cryptography",
    "cryptography.hazmat.primitives.ciphers.aead",
    "requests",
    "certifi",
)

#: The PySide6 modules the app uses (all in PySide6-Essentials).
QT_MODULES: tuple[str, ...] = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
    "PySide6.QtPrintSupport",
)

#: Our own package; every submodule is imported except the entry point.
OWN_PACKAGE = "qrpin_gui"
_SKIP_OWN = frozenset({"qrpin_gui.__main__"})

_QR_PAYLOAD = "https://qrpin.invalid/self-test"  # a placeholder, never a real QR secret
_TOKEN_PLACEHOLDER = "self-test-placeholder-not-a-token"
_HTTPS_BODY = b"qrpin-gui self-test"

_app_ref: Any = None  # the QApplication this module created, kept alive for the process


class SelfTestError(Exception):
    """A check ran but found the installation wrong (the message says what)."""


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StepResult:
    """One timed step: what it checked, or why it failed."""

    name: str
    ok: bool
    seconds: float
    detail: str


@dataclass(slots=True)
class SelfTestReport:
    """Ordered step results with the rendering ``--self-test`` prints.

    Other self-test paths (``--self-test --demo``) can reuse it: :meth:`run_step` for each step,
    then :meth:`render`.
    """

    mode: str = "install"
    steps: list[StepResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.ok for step in self.steps)

    @property
    def failures(self) -> list[StepResult]:
        return [step for step in self.steps if not step.ok]

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    @property
    def total_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    def step(self, name: str) -> StepResult | None:
        return next((s for s in self.steps if s.name == name), None)

    def run_step(self, name: str, check: Callable[[], str]) -> StepResult:
        """Run ``check`` (returns a short detail, raises on failure), time it, record it."""
        started = time.perf_counter()
        try:
            detail = check()
            ok = True
        except Exception as exc:  # a self-test reports every failure, it never crashes
            ok = False
            detail = _reason(exc)
            logger.debug("self-test step %s failed", name, exc_info=True)
        result = StepResult(name, ok, time.perf_counter() - started, detail)
        self.steps.append(result)
        logger.info(
            "self-test %s: %s in %.0f ms (%s)",
            name,
            "ok" if ok else "FAIL",
            result.seconds * 1000,
            detail,
        )
        return result

    def summary_lines(self) -> list[str]:
        if self.ok:
            return ["self-test: ok"]
        if not self.steps:
            return ["self-test: FAIL (no steps): nothing was checked"]
        return [f"self-test: FAIL {step.name}: {step.detail}" for step in self.failures]

    def as_json(self) -> dict[str, Any]:
        return {
            "self_test": "ok" if self.ok else "fail",
            "mode": self.mode,
            "total_ms": round(self.total_seconds * 1000, 1),
            "steps_ms": {step.name: round(step.seconds * 1000, 1) for step in self.steps},
            "failed": [step.name for step in self.failures],
        }

    def json_line(self) -> str:
        return json.dumps(self.as_json(), separators=(",", ":"))

    def render(self, *, verbose: bool = False) -> str:
        """The printed report; with ``verbose`` one line per step first. JSON is last."""
        lines: list[str] = []
        if verbose:
            lines += [
                f"  {'ok  ' if s.ok else 'FAIL'} {s.name:<12} {s.seconds * 1000:7.1f} ms  {s.detail}"
                for s in self.steps
            ]
        lines += self.summary_lines()
        lines.append(self.json_line())
        return "\n".join(lines)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().replace("\n", " ")
    if isinstance(exc, SelfTestError):
        return text or "check failed"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------
def run_install_checks(paths: AppPaths) -> SelfTestReport:
    """Run every installation check in order. Call from the GUI thread.

    Uses the running ``QApplication`` if there is one, otherwise creates one (offscreen when
    the machine has no display) and keeps it for the process. Touches the profile in
    ``paths`` only through a probe file and a temporary folder, both removed afterwards.
    """
    report = SelfTestReport(mode="install")
    report.run_step("imports", check_imports)
    report.run_step("profile", lambda: check_profile(paths))
    report.run_step("resources", check_resources)
    report.run_step("qt-platform", check_qt_platform)
    report.run_step("tls", check_tls)
    report.run_step("token-cache", lambda: check_token_cache(paths))
    report.run_step("broker", check_broker)
    report.run_step("qr-render", check_qr_render)
    report.run_step("pdf-print", lambda: check_pdf_print(paths))
    return report


def run_and_print(paths: AppPaths, stream: IO[str] | None = None, *, verbose: bool = True) -> int:
    """``--self-test`` without ``--demo``: run, print the report, return the exit code."""
    report = run_install_checks(paths)
    out = stream if stream is not None else sys.stdout
    if out is not None:  # a windowed Windows build started without redirection has no stdout
        print(report.render(verbose=verbose), file=out, flush=True)
    return report.exit_code


# ---------------------------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------------------------
def own_modules() -> list[str]:
    """Every submodule of ``qrpin_gui`` (works frozen too), without the entry point."""
    package = importlib.import_module(OWN_PACKAGE)
    names = [OWN_PACKAGE]
    for info in pkgutil.walk_packages(package.__path__, prefix=OWN_PACKAGE + "."):
        if info.name not in _SKIP_OWN:
            names.append(info.name)
    return sorted(names)


def check_imports() -> str:
    wanted = [*QT_MODULES, *RUNTIME_MODULES]
    own = own_modules()
    failed: dict[str, list[str]] = {}  # reason -> modules (one broken module fails its importers)
    for name in [*wanted, *own]:
        try:
            importlib.import_module(name)
        except Exception as exc:
            failed.setdefault(_reason(exc), []).append(name)
    if failed:
        raise SelfTestError(
            "cannot import "
            + "; ".join(f"{', '.join(names)} ({reason})" for reason, names in failed.items())
        )
    if len(own) < 2:
        raise SelfTestError(f"only {own} found in {OWN_PACKAGE}: the bundle lacks our modules")
    return f"{len(wanted)} packages, {len(own)} own modules"


def check_profile(paths: AppPaths) -> str:
    paths.ensure()
    for folder in (paths.config_dir, paths.data_dir, paths.cache_dir, paths.log_dir):
        probe = folder / f".self-test-{os.getpid()}.tmp"
        final = folder / f".self-test-{os.getpid()}"
        try:
            probe.write_bytes(b"ok")
            os.replace(probe, final)
            if final.read_bytes() != b"ok":
                raise SelfTestError(f"{folder} gave back other bytes than were written")
        finally:
            probe.unlink(missing_ok=True)
            final.unlink(missing_ok=True)
    return "config, data, cache and log folders writable"


def resources_dir() -> Path:
    """``resources/`` beside the frozen app's code, or in the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def check_resources() -> str:
    """Every icon under ``resources/icons`` decodes (PNG/ICO need Qt's image plugins, SVG
    needs QtSvg); every compiled translation loads."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    root = resources_dir()
    icons = sorted(p for p in (root / "icons").glob("*") if p.is_file())
    if not any(p.name == "qrpin-gui.png" for p in icons):
        raise SelfTestError(f"app icon {root / 'icons' / 'qrpin-gui.png'} is missing")
    for icon in icons:
        if icon.suffix.lower() == ".svg":
            loaded = QSvgRenderer(str(icon)).isValid()
        else:
            loaded = not QImage(str(icon)).isNull()
        if not loaded:
            raise SelfTestError(f"icon {icon.name} does not load")
    qm_files = sorted((root / "translations").glob("*.qm"))
    for qm in qm_files:
        if not QTranslator().load(str(qm)):
            raise SelfTestError(f"translation {qm.name} does not load")
    return f"{len(icons)} icon(s), {len(qm_files)} compiled translation(s)"


def _ensure_headless_platform() -> None:
    """Without a display (CI, ssh), Qt would abort the process: use the offscreen plugin."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _qapplication() -> Any:
    global _app_ref
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    existing = QCoreApplication.instance()
    if existing is None:
        _ensure_headless_platform()
        _app_ref = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "qrpin-gui"])
        return _app_ref
    if not isinstance(existing, QApplication):
        raise SelfTestError(f"a {type(existing).__name__} is running; widgets need a QApplication")
    return existing


def check_qt_platform() -> str:
    from PySide6.QtGui import QColor, QGuiApplication
    from PySide6.QtWidgets import QLabel

    _qapplication()
    label = QLabel("QR PIN Manager self-test")
    label.setStyleSheet("QLabel { background: white; color: black; font-size: 16px; }")
    label.resize(260, 48)
    try:
        pixmap = label.grab()
    finally:
        label.deleteLater()
    if pixmap.isNull() or pixmap.width() < 260:
        raise SelfTestError("widget grab() returned an empty picture")
    image = pixmap.toImage()
    white = QColor("white").rgb()
    inked = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) != white
    )
    if inked == 0:
        raise SelfTestError("the label's text drew nothing: no usable font")
    return f"platform {QGuiApplication.platformName()}, grab {pixmap.width()}x{pixmap.height()}"


class _QuietHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(_HTTPS_BODY)))
        self.end_headers()
        self.wfile.write(_HTTPS_BODY)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _local_https_server(server_context: ssl.SSLContext) -> Iterator[int]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    httpd.daemon_threads = True
    httpd.socket = server_context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=2)


def check_tls() -> str:
    import httpx
    import trustme
    import truststore

    ca = trustme.CA(key_type=trustme.KeyType.ECDSA)
    leaf = ca.issue_cert("127.0.0.1", "localhost", key_type=trustme.KeyType.ECDSA)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    leaf.configure_cert(server_context)

    with _local_https_server(server_context) as port:
        url = f"https://127.0.0.1:{port}/self-test"
        trusting = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ca.configure_trust(trusting)  # the OS store plus our throwaway CA
        with httpx.Client(verify=trusting, trust_env=False, timeout=5.0) as client:
            response = client.get(url)
        if response.status_code != 200 or response.content != _HTTPS_BODY:
            raise SelfTestError(f"HTTPS GET answered {response.status_code}")

        plain = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # the OS store alone
        try:
            with httpx.Client(verify=plain, trust_env=False, timeout=5.0) as client:
                client.get(url)
        except httpx.ConnectError as exc:
            if "certificate" not in str(exc).lower() and "verif" not in str(exc).lower():
                raise SelfTestError(f"unknown CA refused for another reason: {exc}") from exc
        else:
            raise SelfTestError("a certificate from an unknown CA was accepted")
    return "HTTPS GET via truststore to 127.0.0.1 with the added CA; unknown CA refused"


def check_token_cache(paths: AppPaths) -> str:
    import msal
    from msal_extensions import FilePersistence, PersistedTokenCache

    paths.cache_dir.mkdir(parents=True, exist_ok=True)
    kinds: list[tuple[str, Callable[[str], Any]]] = [("file", FilePersistence)]
    if sys.platform == "win32":
        from msal_extensions import FilePersistenceWithDataProtection

        kinds.append(("DPAPI", FilePersistenceWithDataProtection))
    with tempfile.TemporaryDirectory(prefix="self-test-", dir=paths.cache_dir) as tmp:
        profile = AppPaths.for_profile(tmp, temporary=True)
        profile.ensure()
        for label, persistence_type in kinds:
            location = profile.token_cache_file.with_suffix(f".{label.lower()}.bin")
            cache = PersistedTokenCache(persistence_type(str(location)))
            cache.add(
                {
                    "client_id": "00000000-0000-0000-0000-00000000self",
                    "scope": ["User.Read"],
                    "token_endpoint": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                    "response": {
                        "access_token": _TOKEN_PLACEHOLDER,
                        "token_type": "Bearer",
                        "expires_in": 3600,
                    },
                }
            )
            if not location.is_file() or location.stat().st_size == 0:
                raise SelfTestError(f"{label} persistence wrote nothing")
            if sys.platform == "win32" and label == "DPAPI":
                if _TOKEN_PLACEHOLDER.encode() in location.read_bytes():
                    raise SelfTestError("DPAPI persistence stored the token unencrypted")
            reopened = PersistedTokenCache(persistence_type(str(location)))
            found = list(reopened.search(msal.TokenCache.CredentialType.ACCESS_TOKEN))
            if [entry.get("secret") for entry in found] != [_TOKEN_PLACEHOLDER]:
                raise SelfTestError(f"{label} persistence did not give the cached token back")
    return "round-trip " + " + ".join(label for label, _ in kinds)


def check_broker(platform: str | None = None) -> str:
    """Windows: the WAM broker runtime must load (the bundle must carry ``pymsalruntime``);
    other platforms: not applicable."""
    from qrpin_gui.auth.service import broker_runtime

    importable, detail = broker_runtime(platform)
    if importable is False:
        raise SelfTestError(
            f"the Windows broker runtime (pymsalruntime) cannot load ({detail}); "
            "sign-in would fall back to the browser"
        )
    return detail


def _render_qr(scale: int = 4) -> tuple[Any, int]:
    """The placeholder QR as a QImage, and how many dark pixels it must have."""
    import segno
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    qr = segno.make(_QR_PAYLOAD, error="m", micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=scale, border=4, dark="#000000", light="#ffffff")
    renderer = QSvgRenderer(QByteArray(buffer.getvalue()))
    if not renderer.isValid():
        raise SelfTestError("QSvgRenderer rejected segno's SVG")
    size = renderer.defaultSize()
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        renderer.render(painter)
    finally:
        painter.end()
    expected = sum(sum(1 for cell in row if cell) for row in qr.matrix) * scale * scale
    return image, expected


def _dark_pixels(image: Any) -> int:
    from PySide6.QtGui import QImage

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, stride = gray.width(), gray.bytesPerLine()
    data = bytes(gray.constBits())
    return sum(
        sum(1 for value in data[row * stride : row * stride + width] if value < 128)
        for row in range(gray.height())
    )


def check_qr_render() -> str:
    _qapplication()
    image, expected = _render_qr()
    if image.isNull() or image.width() == 0:
        raise SelfTestError("the QR image is empty")
    dark = _dark_pixels(image)
    if expected == 0 or abs(dark - expected) > expected * 0.02:
        raise SelfTestError(f"the QR image has {dark} dark pixels, expected about {expected}")
    return f"{image.width()}x{image.height()} px, {dark} dark pixels"


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def check_pdf_print(paths: AppPaths) -> str:
    from PySide6.QtCore import QMarginsF, QRect
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    _qapplication()
    image, _ = _render_qr()
    paths.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="self-test-", dir=paths.cache_dir) as tmp:
        target = Path(tmp) / "badge.pdf"
        writer = QPdfWriter(str(target))
        writer.setTitle("QR PIN Manager self-test")
        writer.setResolution(300)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A6),
                QPageLayout.Orientation.Portrait,
                QMarginsF(10, 10, 10, 10),
                QPageLayout.Unit.Millimeter,
            )
        )
        painter = QPainter()
        if not painter.begin(writer):
            raise SelfTestError(f"cannot start a PDF at {target}")
        try:
            side = min(writer.width(), writer.height()) * 3 // 4
            painter.drawImage(QRect(0, 0, side, side), image)
            painter.drawText(QRect(0, side + 20, writer.width(), 200), 0, "Self-test badge")
        finally:
            painter.end()
        data = target.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise SelfTestError("the PDF does not start with %PDF-")
    pages = len(_PAGE_OBJECT.findall(data))
    if pages != 1:
        raise SelfTestError(f"the PDF has {pages} pages, expected 1")
    if b"/Image" not in data:
        raise SelfTestError("the PDF holds no image (QR missing)")
    return f"1 page, {len(data)} bytes"
