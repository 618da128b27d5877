"""QR flows with DEBUG logging into a temporary profile: no badge payload (rawContent), SVG
or PIN may appear in any log line (the app's and the demo tenant's, uvicorn's included), the
RAM tail for crash reports, or any file under the profile (journal, log, ...). Also: the
window's roster row follows each answer when the dialogs are wired like the app wires them."""

from __future__ import annotations

import base64
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from qrpin_gui.log import log_tail
from qrpin_gui.offline.journal import Journal, Person
from qrpin_gui.paths import AppPaths
from qrpin_gui.ui import qr_dialogs
from qrpin_gui.ui.pin_services import PinDialogServices
from qrpin_gui.ui.qr_dialogs import (
    CreateMethodDialog,
    DialogState,
    ReplaceBadgeDialog,
    TemporaryCodeDialog,
)
from qrpin_gui.ui.row_actions import RowAction
from tests.actions.rig import Rig, account
from tests.gui.conftest import demo_account
from tests.gui.pin_rig import click, services
from tests.helpers import LogCapture, app_logging_captured, wait_until

pytestmark = pytest.mark.asyncio


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[tuple[AppPaths, LogCapture]]:
    paths = AppPaths.for_profile(tmp_path / "profile")
    paths.ensure()
    with app_logging_captured(paths.log_file) as capture:
        yield paths, capture


@pytest_asyncio.fixture
async def rig(demo_clean: Any, profile: tuple[AppPaths, LogCapture]) -> AsyncIterator[Rig]:
    paths, _ = profile
    made = Rig(demo_clean, Journal(paths.journal_file))
    yield made
    await made.aclose()


def _secrets_of(dialog: Any) -> set[str]:
    """Every form of the one-time secrets the dialog was given."""
    out: set[str] = set()
    result = dialog.last_result
    if result.code is not None and result.code.image is not None:
        image = result.code.image
        raw = image.raw_content.decode()
        out |= {raw, raw.rsplit("|", 1)[1], base64.b64encode(image.raw_content).decode()}
        out.add(base64.b64encode(image.binary_value).decode()[:60])
    if result.pin is not None:
        out.add(result.pin.code)
    return out


async def test_no_payload_or_pin_in_logs_or_profile_files(
    qtbot: Any, rig: Rig, profile: tuple[AppPaths, LogCapture], tmp_path: Path
) -> None:
    paths, capture = profile
    assert logging.getLogger().isEnabledFor(logging.DEBUG)
    manager = account(rig.demo, "storeManager")
    worker = account(rig.demo, "worker")
    graph = rig.client(manager["upn"])
    secrets: set[str] = set()
    # Set up QR sign-in (badge + first PIN), saved and copied.
    row = await rig.worker_without_method(graph, manager["upn"], manager["stores"][0])
    create = CreateMethodDialog(row, services(rig, graph, manager["upn"]))
    qtbot.addWidget(create)
    create.open()
    click(qtbot, create.go_button)
    await wait_until(lambda: create.state is DialogState.ISSUED, 10)
    secrets |= _secrets_of(create)
    assert create.save_badge_to(str(tmp_path / "outside-profile.pdf"))
    click(qtbot, create.pin_view.copy_button)
    create.reject()
    # A temporary code shown full screen, a replaced badge closed unprinted.
    wrow = await rig.row(graph, manager["upn"], worker["id"], worker["stores"])
    temp = TemporaryCodeDialog(wrow, services(rig, graph, manager["upn"]))
    qtbot.addWidget(temp)
    temp.open()
    click(qtbot, temp.go_button)
    await wait_until(lambda: temp.state is DialogState.ISSUED, 10)
    secrets |= _secrets_of(temp)
    window = temp.show_full_screen()
    assert window is not None
    window.close()
    temp.reject()
    replace = ReplaceBadgeDialog(temp.row, services(rig, graph, manager["upn"]))
    qtbot.addWidget(replace)
    replace.open()
    click(qtbot, replace.go_button)
    await wait_until(lambda: replace.state is DialogState.ISSUED, 10)
    secrets |= _secrets_of(replace)
    replace.reject()
    assert len(secrets) >= 8 and all(len(s) >= 8 for s in secrets)
    # The journal recorded every action and issuance, never a secret.
    entries = rig.journal.read().entries
    assert {e.action.value for e in entries if e.action} >= {
        "create-method",
        "temporary-code",
        "replace-standard-code",
    }
    logging.getLogger("qrpin_gui").debug("end of QR flows")  # the log file is live
    texts = ["\n".join(capture.lines), "\n".join(log_tail())]
    files = [p for p in paths.config_dir.parent.rglob("*") if p.is_file()]
    assert paths.journal_file in files and any(p.name.endswith(".log") for p in files)
    texts += [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    assert capture.lines
    for secret in secrets:
        for text in texts:
            assert secret not in text


async def test_window_row_follows_each_qr_answer(
    demo_clean: Any, make_rig: Any, qtbot: Any
) -> None:
    manager = demo_account(demo_clean, "storeManager")
    app_rig = make_rig(demo_clean, manager["upn"])
    await app_rig.controller.sign_in_and_sync()
    controller = app_rig.controller
    await wait_until(lambda: controller.last_report is not None and not controller.is_syncing, 20)
    window = app_rig.window
    worker = next(
        r
        for r in controller.rows
        if r.method is not None
        and r.method.standard is not None
        and r.method.temporary is None
        and r.manage is not None
        and r.manage.allowed
    )
    svc = PinDialogServices(
        graph=lambda: app_rig.graph,
        journal=None,
        offline_reason=lambda: controller.offline_reason,
        policy=lambda: controller.policy,
        actor=lambda: Person(user_id=controller.admin_id or "x", upn=manager["upn"]),
        store_name=controller.store_names,
        apply_row=controller.apply_row,
        connection_changed=controller.connection_changed,
    )
    qr_dialogs.install(window.row_actions, svc, window)
    handler = window.row_actions.handler(RowAction.TEMPORARY_CODE)
    assert handler is not None
    dialog = handler(window.model.row_by_id(worker.id))
    await wait_until(dialog.isVisible)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.ISSUED, 10)
    shown = window.model.row_by_id(worker.id)
    assert shown is not None and shown.method is not None and shown.method.temporary is not None
    assert shown.method.temporary.image is None  # the roster never keeps the image
    assert dialog.badge.store  # the store the manager picked, by name
    assert dialog.badge.store == controller.store_names(shown)
    dialog.reject()


def _assert_secret_free(dialog: Any, outcome: Any, row_id: str) -> None:
    """What stays after the secrets are forgotten: the outcome and the row, no image, no PIN."""
    result = dialog.last_result
    assert result is not None
    assert result.outcome is outcome
    assert result.row is not None and result.row.id == row_id
    assert result.pin is None
    assert result.code is not None and result.code.image is None
    assert result.code.code.expire is not None  # the dates stay for Check status / messages


async def test_last_result_loses_its_secrets_on_close_and_on_lock(
    qtbot: Any, rig: Rig, profile: tuple[AppPaths, LogCapture]
) -> None:
    from PySide6.QtWidgets import QWidget

    from qrpin_gui.actions import ActionOutcome

    manager = account(rig.demo, "storeManager")
    graph = rig.client(manager["upn"])
    # Close: a created method (badge + first PIN) saved, then the dialog closed.
    row = await rig.worker_without_method(graph, manager["upn"], manager["stores"][0])
    create = CreateMethodDialog(row, services(rig, graph, manager["upn"]))
    qtbot.addWidget(create)
    create.open()
    click(qtbot, create.go_button)
    await wait_until(lambda: create.state is DialogState.ISSUED, 10)
    issued = create.last_result
    assert (
        issued is not None
        and issued.pin is not None
        and issued.code is not None
        and issued.code.image is not None
    )
    create.reject()
    _assert_secret_free(create, ActionOutcome.DONE, row.id)
    # Lock: the app's lock clears every open QR dialog's secrets; the dialog stays open.
    parent = QWidget()
    qtbot.addWidget(parent)
    worker = account(rig.demo, "worker")
    wrow = await rig.row(graph, manager["upn"], worker["id"], worker["stores"])
    temp = qr_dialogs.open_dialog(
        RowAction.TEMPORARY_CODE, wrow, services(rig, graph, manager["upn"]), parent
    )
    click(qtbot, temp.go_button)
    await wait_until(lambda: temp.state is DialogState.ISSUED, 10)
    live = temp.last_result
    assert live is not None and live.code is not None and live.code.image is not None
    assert temp in qr_dialogs._open_dialogs  # what the app's lock walks through
    temp.clear_secrets()  # what the lock calls on each (qr_dialogs.clear_all_secrets)
    _assert_secret_free(temp, ActionOutcome.DONE, wrow.id)
    assert temp.badge is None
    temp.reject()
