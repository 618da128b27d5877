"""Shared test configuration.

- Qt runs offscreen (set before anything imports PySide6).
- Async tests (``pytest.mark.asyncio``) run on a qasync loop through pytest-asyncio's
  loop-factory hook, so GUI tests and plain-async tests share one loop kind. Inside an async
  test never call qtbot's blocking waits; poll with :func:`tests.helpers.wait_until`.
- ``demo`` is one demo tenant (real HTTPS server on loopback) for the whole session;
  ``demo_clean`` resets its directory, settings and faults before a test that mutates it.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest


def pytest_asyncio_loop_factories(config, item):  # type: ignore[no-untyped-def]
    """Every async test gets a qasync loop (the app's loop kind)."""

    def make_loop():  # type: ignore[no-untyped-def]
        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        app.setQuitOnLastWindowClosed(False)
        return qasync.QEventLoop(app)

    return {"qasync": make_loop}


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread(request):  # type: ignore[no-untyped-def]
    """Collect garbage around Qt/async tests on the main thread.

    Otherwise Python's collector may run on an MSAL, listener or server thread and destroy
    the previous test's qasync loop or Qt objects there, which crashes Qt (seen as a
    segfault inside qasync's run_forever).
    """
    qt_or_async = request.node.get_closest_marker("asyncio") is not None or (
        "qtbot" in request.fixturenames
    )
    if qt_or_async:
        gc.collect()
    yield
    if qt_or_async:
        gc.collect()


@pytest.fixture(scope="session")
def demo() -> Iterator[object]:
    """A running demo tenant (HTTPS on 127.0.0.1) shared by the session."""
    from qrpin_gui.demo import DemoTenant

    tenant = DemoTenant(port=0)
    tenant.start()
    try:
        yield tenant
    finally:
        tenant.stop()


@pytest.fixture
def demo_clean(demo):  # type: ignore[no-untyped-def]
    """The shared demo tenant, reseeded to the default company with default settings and
    no faults, for a test that changes it."""
    demo.reset()
    return demo
