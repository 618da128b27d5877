"""QR code lifecycle actions against the demo tenant: create, temporary, replace, extend,
delete, and their client-side refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from qrpin_gui.actions import (
    ActionError,
    ActionOutcome,
    Problem,
    check_status,
    create_method,
    create_temporary_code,
    delete_method,
    delete_standard_code,
    delete_temporary_code,
    extend_expiry,
    replace_standard_code,
)
from qrpin_gui.graph.qr_methods import CodeKind, get_method
from qrpin_gui.offline.journal import Action, EntryKind, IssuedSecret, Outcome
from tests.actions.rig import Rig, account, add_rules, demo_pin, pin_accepted

pytestmark = pytest.mark.asyncio


async def _setup(rig: Rig) -> tuple[Any, str, Any]:
    manager = account(rig.demo, "storeManager")
    graph = rig.client(manager["upn"])
    return graph, manager["upn"], manager


def _raw(result: Any) -> str:
    assert result.code is not None and result.code.image is not None
    return result.code.image.raw_content.decode()


async def test_create_method_with_service_pin_and_with_typed_pin(rig: Rig) -> None:
    graph, manager, info = await _setup(rig)
    row = await rig.worker_without_method(graph, manager, info["stores"][0])
    ctx = rig.context(graph, manager)
    result = await create_method(ctx, row)
    assert result.done and result.pin is not None and result.code is not None
    assert result.code.kind is CodeKind.STANDARD
    raw = _raw(result)
    assert raw.startswith("ms-qrpin:v1|") and row.user.upn in raw
    assert await pin_accepted(rig.demo, row.id, result.pin.code)
    assert raw not in repr(result) and result.pin.code not in repr(result)
    # Expiry defaults to the policy lifetime (365 days when unreadable).
    assert result.row is not None and result.row.method is not None
    standard = result.row.method.standard
    assert standard is not None and standard.image is None  # the row keeps no secret
    assert standard.start is not None and standard.expire is not None
    assert abs((standard.expire - standard.start) - timedelta(days=365)) < timedelta(minutes=1)
    issued = {e.issued for e in rig.journal.read().entries if e.kind is EntryKind.ISSUED}
    assert issued == {IssuedSecret.STANDARD_CODE, IssuedSecret.PIN}
    text = rig.journal.path.read_text()
    assert result.pin.code not in text and "ms-qrpin" not in text
    # An existing method is refused before sending.
    with pytest.raises(ActionError) as exists:
        await create_method(ctx, result.row)
    assert exists.value.problem is Problem.METHOD_EXISTS
    # A typed PIN is checked with the policy's rules, then honoured.
    await delete_method(ctx, result.row)
    with pytest.raises(ActionError) as bad:
        await create_method(ctx, row, pin="12121212")
    assert bad.value.problem is Problem.INVALID_PIN
    typed = await create_method(ctx, row, pin="40718352")
    assert typed.pin is not None and typed.pin.code == "40718352"
    assert await pin_accepted(rig.demo, row.id, "40718352")


async def test_create_refuses_past_activation_and_long_lifetimes(rig: Rig) -> None:
    graph, manager, info = await _setup(rig)
    row = await rig.worker_without_method(graph, manager, info["stores"][0])
    ctx = rig.context(graph, manager)
    now = datetime.now(UTC)
    sent = graph.stats.requests
    with pytest.raises(ActionError) as past:
        await create_method(ctx, row, start=now - timedelta(days=1))
    assert past.value.problem is Problem.PAST_ACTIVATION
    with pytest.raises(ActionError) as long:
        await create_method(ctx, row, start=now, expire=now + timedelta(days=396))
    assert long.value.problem is Problem.LIFETIME
    assert graph.stats.requests == sent
    later = now + timedelta(days=3)
    ok = await create_method(ctx, row, start=later, expire=later + timedelta(days=395))
    assert ok.done and ok.row is not None and ok.row.method is not None
    assert ok.row.method.standard is not None and ok.row.method.standard.is_pending(now)


async def test_temporary_code_and_its_refusals(rig: Rig) -> None:
    graph, manager, _ = await _setup(rig)
    worker = account(rig.demo, "worker")
    row = await rig.row(graph, manager, worker["id"], worker["stores"])
    ctx = rig.context(graph, manager)
    now = datetime.now(UTC)
    with pytest.raises(ActionError) as long:
        await create_temporary_code(ctx, row, expire=now + timedelta(hours=13))
    assert long.value.problem is Problem.LIFETIME
    result = await create_temporary_code(ctx, row, expire=now + timedelta(hours=8))
    assert result.done and result.code is not None and result.code.kind is CodeKind.TEMPORARY
    assert worker["upn"] in _raw(result)
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]  # keeps the PIN
    assert result.row is not None
    with pytest.raises(ActionError) as exists:
        await create_temporary_code(ctx, result.row, expire=now + timedelta(hours=2))
    assert exists.value.problem is Problem.CODE_EXISTS
    deleted = await delete_temporary_code(ctx, result.row)
    assert deleted.row is not None and deleted.row.method is not None
    assert deleted.row.method.temporary is None
    fresh = await get_method(graph, worker["id"])
    assert fresh is not None and fresh.temporary is None


async def test_replace_lost_badge_keeps_the_pin(rig: Rig) -> None:
    graph, manager, _ = await _setup(rig)
    worker = account(rig.demo, "worker")
    row = await rig.row(graph, manager, worker["id"], worker["stores"])
    assert row.method is not None and row.method.standard is not None
    old_id = row.method.standard.id
    result = await replace_standard_code(rig.context(graph, manager), row)
    assert result.done and result.code is not None and result.code.code.id != old_id
    assert result.code.code.id in _raw(result)
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]
    assert rig.journal.read().entries[-1].action is Action.REPLACE_STANDARD_CODE


async def test_extend_expiry_updates_or_issues_a_new_code(rig: Rig) -> None:
    graph, manager, _ = await _setup(rig)
    worker = account(rig.demo, "worker")
    row = await rig.row(graph, manager, worker["id"], worker["stores"])
    ctx = rig.context(graph, manager)
    assert row.method is not None and row.method.standard is not None
    standard = row.method.standard
    assert standard.start is not None
    too_far = standard.start + timedelta(days=396)
    with pytest.raises(ActionError) as long:
        await extend_expiry(ctx, row, expire=too_far)
    assert long.value.problem is Problem.LIFETIME
    target = (datetime.now(UTC) + timedelta(days=100)).replace(microsecond=0)
    result = await extend_expiry(ctx, row, expire=target)
    assert result.done and result.code is None  # 200: no reprint
    fresh = await get_method(graph, worker["id"])
    assert fresh is not None and fresh.standard is not None and fresh.standard.expire == target
    # Gone: the service issues a new code (201 with an image); the result carries it.
    assert result.row is not None
    gone = await delete_standard_code(ctx, result.row)
    assert gone.row is not None
    issued = await extend_expiry(ctx, gone.row, expire=target)
    assert issued.done and issued.code is not None and worker["upn"] in _raw(issued)
    assert any(e.issued is IssuedSecret.STANDARD_CODE for e in rig.journal.read().entries)


async def test_delete_method_for_a_leaver_and_unknown_outcome(rig: Rig) -> None:
    graph, manager, _ = await _setup(rig)
    worker = account(rig.demo, "worker")
    row = await rig.row(graph, manager, worker["id"], worker["stores"])
    ctx = rig.context(graph, manager)
    add_rules(
        rig.demo, {"method": "DELETE", "path_regex": "qrCodePinMethod$", "apply_then_drop": True}
    )
    result = await delete_method(ctx, row)
    assert result.outcome is ActionOutcome.UNKNOWN
    assert rig.journal.read().entries[-1].outcome is Outcome.UNKNOWN
    status = await check_status(ctx, row.id, row=row, result=result)
    assert status.applied is True and status.method is None
    assert status.row is not None and status.row.method is None
    with pytest.raises(ActionError) as none:
        await delete_method(ctx, status.row)
    assert none.value.problem is Problem.NO_METHOD


async def test_code_actions_refused_for_admin_and_offline(rig: Rig) -> None:
    graph, manager, _ = await _setup(rig)
    admin = account(rig.demo, "adminUser")
    row = await rig.row(graph, manager, admin["id"], admin["stores"])
    ctx = rig.context(graph, manager)
    now = datetime.now(UTC)
    for call in (
        lambda: create_temporary_code(ctx, row, expire=now + timedelta(hours=2)),
        lambda: replace_standard_code(ctx, row),
        lambda: delete_method(ctx, row),
    ):
        with pytest.raises(ActionError) as info:
            await call()
        assert info.value.problem is Problem.NOT_MANAGEABLE
    worker = account(rig.demo, "worker")
    wrow = await rig.row(graph, manager, worker["id"], worker["stores"])
    offline = rig.context(graph, manager, offline_reason="offline")
    with pytest.raises(ActionError) as off:
        await delete_temporary_code(offline, wrow)
    assert off.value.problem is Problem.OFFLINE
