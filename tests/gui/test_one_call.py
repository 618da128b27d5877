"""Cancel before anything went out says so: ``OneCall.nothing_sent`` and the QR dialogs'
"Cancelled: nothing was sent." (instead of "result unknown" with Check status)."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from qrpin_gui.graph.qr_methods import get_method
from qrpin_gui.offline.journal import EntryKind, Outcome
from qrpin_gui.ui.pin_services import OneCall
from qrpin_gui.ui.qr_dialogs import DialogState, TemporaryCodeDialog
from tests.actions.rig import DemoTokens, Rig, account, new_journal
from tests.gui.pin_rig import click, services
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio


async def test_cancel_before_the_first_step_never_runs_the_coroutine() -> None:
    call = OneCall()
    busy: list[bool] = []
    call.busy_changed.connect(busy.append)
    ran: list[bool] = []

    async def work() -> None:
        ran.append(True)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert call.start(work())
        assert call.running and call.nothing_sent and not call.started
        assert call.cancel()
        await wait_until(lambda: not call.running)
        await asyncio.sleep(0)
        gc.collect()
    assert ran == [] and call.nothing_sent
    assert busy == [True, False]
    assert not [w for w in caught if "never awaited" in str(w.message)]


async def test_not_busy_as_soon_as_the_coroutine_has_finished() -> None:
    """The dialog shows its result in the coroutine's last step; it must not look busy (or
    refuse a new start) after that, not even for one loop turn."""
    call = OneCall()
    seen: list[tuple[bool, bool]] = []
    call.busy_changed.connect(lambda busy: seen.append((busy, call.running)))
    finished = asyncio.Event()

    async def work() -> None:
        await asyncio.sleep(0)
        finished.set()  # the waiter below resumes before any done-callback of the task

    call.start(work())
    await finished.wait()
    assert seen == [(True, True), (False, False)]
    assert not call.running
    assert call.start(asyncio.sleep(0))  # a new start is taken at once
    await wait_until(lambda: not call.running)


async def test_nothing_sent_follows_the_request_counter() -> None:
    call = OneCall()
    sent = [0]
    gate: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    async def work() -> None:
        await gate  # e.g. waiting for a token: nothing sent yet
        sent[0] += 1  # the request goes out
        await asyncio.sleep(10)

    call.start(work(), sent_count=lambda: sent[0])
    await wait_until(lambda: call.started)
    assert call.nothing_sent
    gate.set_result(None)
    await wait_until(lambda: sent[0] == 1)
    assert not call.nothing_sent
    call.cancel()
    await wait_until(lambda: not call.running)
    # Without a counter, a task that has started may have sent something.
    blind = OneCall()
    blind.start(asyncio.sleep(10))
    await wait_until(lambda: blind.started)
    assert not blind.nothing_sent
    blind.cancel()
    await wait_until(lambda: not blind.running)


class SlowTokens(DemoTokens):
    """A token provider that takes its time (a slow sign-in service), so Cancel can come
    before the first request goes out."""

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        await asyncio.sleep(3)
        return await super().get_token(scopes, force_refresh=force_refresh, claims=claims)


@pytest_asyncio.fixture
async def rig(demo_clean: Any, tmp_path: Path) -> AsyncIterator[Rig]:
    made = Rig(demo_clean, new_journal(tmp_path))
    yield made
    await made.aclose()


async def _temporary_dialog(qtbot: Any, rig: Rig, *, slow: bool) -> tuple[Any, Any, Any]:
    manager = account(rig.demo, "storeManager")
    worker = account(rig.demo, "worker")
    reader = rig.client(manager["upn"])
    row = await rig.row(reader, manager["upn"], worker["id"], worker["stores"])
    tokens = SlowTokens(rig.demo, manager["upn"]) if slow else None
    graph = rig.client(manager["upn"], tokens=tokens)
    dialog = TemporaryCodeDialog(row, services(rig, graph, manager["upn"]))
    qtbot.addWidget(dialog)
    dialog.open()
    await wait_until(dialog.isVisible)
    return dialog, graph, reader


def _assert_back_to_editing(dialog: Any) -> None:
    assert dialog.isVisible() and dialog.state is DialogState.EDIT
    assert dialog.message_label.text() == "Cancelled: nothing was sent."
    assert "Check status" not in dialog.message_label.text()
    assert dialog.check_button.isHidden()
    assert dialog.go_button.isVisible() and dialog.go_button.isEnabled()
    assert dialog.inputs.isEnabled() and not dialog.busy_bar.isVisible()


async def test_cancel_in_the_same_moment_as_send_says_nothing_was_sent(
    qtbot: Any, rig: Rig
) -> None:
    dialog, graph, reader = await _temporary_dialog(qtbot, rig, slow=False)
    before = len(rig.journal.read().entries)
    dialog.go_button.click()  # the task is created but has not run yet
    dialog.close_button.click()
    await wait_until(lambda: not dialog.call.running and not dialog.busy_bar.isVisible())
    _assert_back_to_editing(dialog)
    assert graph.stats.requests == 0
    assert len(rig.journal.read().entries) == before  # nothing happened, nothing journalled
    method = await get_method(reader, dialog.row.id)
    assert method is not None and method.temporary is None
    # The dialog still works: send for real.
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.state is DialogState.ISSUED, 10)
    dialog.save_badge_to(str(rig.journal.path.parent / "t.pdf"))
    dialog.reject()


async def test_cancel_while_waiting_for_sign_in_says_nothing_was_sent(qtbot: Any, rig: Rig) -> None:
    dialog, graph, reader = await _temporary_dialog(qtbot, rig, slow=True)
    click(qtbot, dialog.go_button)
    await wait_until(lambda: dialog.call.started)
    await asyncio.sleep(0.3)  # waiting for the token; no request has gone out
    click(qtbot, dialog.close_button)
    await wait_until(lambda: not dialog.call.running and not dialog.busy_bar.isVisible())
    _assert_back_to_editing(dialog)
    assert graph.stats.requests == 0
    actions = [e for e in rig.journal.read().entries if e.kind is EntryKind.ACTION]
    assert actions[-1].outcome is Outcome.CANCELLED
    method = await get_method(reader, dialog.row.id)
    assert method is not None and method.temporary is None
    dialog.reject()
