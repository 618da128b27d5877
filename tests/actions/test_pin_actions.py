"""PIN actions against the demo tenant over loopback: reset by a store manager, own change."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from qrpin_gui.actions import (
    ActionError,
    ActionOutcome,
    Problem,
    change_own_pin,
    check_status,
    reset_pin,
)
from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.core.models import Policy, PolicyState, RosterRow
from qrpin_gui.core.pins import PinProblem
from qrpin_gui.offline.journal import Action, EntryKind, Outcome
from tests.actions.rig import Rig, account, add_rules, demo_pin, fault_snapshot, pin_accepted

pytestmark = pytest.mark.asyncio

PIN_PATH = r"/qrCodePinMethod/pin$"
UPDATE_PATH = r"/pin/updatePin$"


async def _manager_and_worker(rig: Rig) -> tuple[Any, str, Any]:
    manager = account(rig.demo, "storeManager")
    worker = account(rig.demo, "worker")  # a worker of the manager's store, with a method
    assert worker["stores"][0] in manager["stores"]
    graph = rig.client(manager["upn"])
    row = await rig.row(graph, manager["upn"], worker["id"], worker["stores"])
    return graph, manager["upn"], row


def unjudged(row: RosterRow) -> RosterRow:
    """The same person with nothing known (no verdict, status not fetched): the client-side
    checks are bypassed and the service decides."""
    return RosterRow(user=row.user, stores=row.stores)


def _entries(rig: Rig) -> list[Any]:
    return rig.journal.read().entries


async def test_reset_by_store_manager_shows_the_services_pin(rig: Rig) -> None:
    graph, manager, row = await _manager_and_worker(rig)
    old_pin = demo_pin(rig.demo, row.user.upn)
    result = await reset_pin(rig.context(graph, manager), row)

    assert result.outcome is ActionOutcome.DONE and result.pin is not None
    pin = result.pin.code
    assert pin != old_pin and pin == demo_pin(rig.demo, row.user.upn)
    assert await pin_accepted(rig.demo, row.id, pin)
    assert not await pin_accepted(rig.demo, row.id, old_pin)
    assert result.pin.must_change
    # The row comes from the answer: PIN must change, last changed now.
    assert result.row is not None and result.row.method is not None
    assert result.row.method.pin is not None and result.row.method.pin.force_change_next_sign_in
    assert result.row.method.pin.updated is not None
    assert result.row.method.pin.updated >= result.sent_at.replace(microsecond=0)
    assert result.row.method.pin.code is None  # a row never keeps the secret
    # Secrets never show in a repr, and the journal holds who/whom/outcome, never the PIN.
    assert pin not in repr(result) and pin not in repr(result.pin)
    kinds = [(e.kind, e.action, e.outcome) for e in _entries(rig)]
    assert (EntryKind.ISSUED, Action.RESET_PIN, None) in kinds
    assert (EntryKind.ACTION, Action.RESET_PIN, Outcome.SUCCEEDED) in kinds
    issued = [e for e in _entries(rig) if e.kind is EntryKind.ISSUED]
    assert issued[0].target is not None and issued[0].target.user_id == row.id
    assert pin not in rig.journal.path.read_text()
    assert rig.journal.pending_issuances()[0].issuance_id == result.pin.issuance_id


async def test_reset_refused_outside_the_managers_stores(rig: Rig) -> None:
    manager = account(rig.demo, "storeManager", 0)
    other = account(rig.demo, "worker", 1)  # another store's worker
    assert not set(other["stores"]) & set(manager["stores"])
    graph = rig.client(manager["upn"])
    row = await rig.row(graph, manager["upn"], other["id"], other["stores"])
    sent = graph.stats.requests
    with pytest.raises(ActionError) as info:
        await reset_pin(rig.context(graph, manager["upn"]), row)
    assert info.value.problem is Problem.NOT_MANAGEABLE and info.value.client_side
    assert info.value.not_manageable is not None
    assert info.value.not_manageable.value == "outside_stores"
    assert graph.stats.requests == sent  # nothing was sent
    assert _entries(rig)[-1].outcome is Outcome.REFUSED
    # With the client check bypassed, the service refuses too (403), the PIN unchanged.
    with pytest.raises(ActionError) as served:
        await reset_pin(rig.context(graph, manager["upn"]), unjudged(row))
    assert served.value.problem is Problem.PERMISSION and served.value.cause is not None
    assert served.value.cause.status == 403
    assert demo_pin(rig.demo, other["upn"]) == other["pin"]
    assert _entries(rig)[-1].outcome is Outcome.FAILED
    assert _entries(rig)[-1].http_status == 403


async def test_reset_refused_for_an_admin_role_holder(rig: Rig) -> None:
    manager = account(rig.demo, "storeManager", 0)
    admin = account(rig.demo, "adminUser", 0)  # works in the manager's store, holds a role
    assert set(admin["stores"]) & set(manager["stores"])
    graph = rig.client(manager["upn"])
    row = await rig.row(graph, manager["upn"], admin["id"], admin["stores"])
    with pytest.raises(ActionError) as info:
        await reset_pin(rig.context(graph, manager["upn"]), row)
    assert info.value.problem is Problem.NOT_MANAGEABLE
    assert info.value.not_manageable is not None
    assert info.value.not_manageable.value == "admin_role_holder"
    with pytest.raises(ActionError) as served:
        await reset_pin(rig.context(graph, manager["upn"]), unjudged(row))
    assert served.value.problem is Problem.PERMISSION
    assert demo_pin(rig.demo, admin["upn"]) == admin["pin"]


async def test_reset_for_a_worker_without_a_method(rig: Rig) -> None:
    manager = account(rig.demo, "storeManager", 0)
    graph = rig.client(manager["upn"])
    row = await rig.worker_without_method(graph, manager["upn"], manager["stores"][0])
    with pytest.raises(ActionError) as info:
        await reset_pin(rig.context(graph, manager["upn"]), row)
    assert info.value.problem is Problem.NO_METHOD and info.value.client_side is False
    assert not info.value.sent
    # Not loaded yet (status unknown): the service's 404 says the same.
    with pytest.raises(ActionError) as served:
        await reset_pin(rig.context(graph, manager["upn"]), unjudged(row))
    assert served.value.problem is Problem.NO_METHOD and served.value.sent


async def test_offline_refuses_before_sending(rig: Rig) -> None:
    graph, manager, row = await _manager_and_worker(rig)
    sent = graph.stats.requests
    with pytest.raises(ActionError) as info:
        await reset_pin(rig.context(graph, manager, offline_reason="offline"), row)
    assert info.value.problem is Problem.OFFLINE
    with pytest.raises(ActionError) as own:
        await change_own_pin(
            rig.context(graph, manager, offline_reason="x"), "11223344", "55667788"
        )
    assert own.value.problem is Problem.OFFLINE
    assert graph.stats.requests == sent
    assert demo_pin(rig.demo, row.user.upn) == account(rig.demo, "worker")["pin"]


async def test_a_503_is_retried_by_the_client_and_then_succeeds(rig: Rig) -> None:
    graph, manager, row = await _manager_and_worker(rig)
    add_rules(
        rig.demo, {"method": "PATCH", "path_regex": PIN_PATH, "status": 503, "retry_after": 0.05}
    )
    result = await reset_pin(rig.context(graph, manager), row)
    assert result.done and result.pin is not None
    assert result.pin.code == demo_pin(rig.demo, row.user.upn)
    assert fault_snapshot(rig.demo)["scripts"][0]["fired"] == 1


async def test_write_applied_then_connection_dropped_is_unknown_until_checked(rig: Rig) -> None:
    graph, manager, row = await _manager_and_worker(rig)
    old_pin = demo_pin(rig.demo, row.user.upn)
    add_rules(rig.demo, {"method": "PATCH", "path_regex": PIN_PATH, "apply_then_drop": True})
    ctx = rig.context(graph, manager)
    sent = graph.stats.requests
    result = await reset_pin(ctx, row)
    assert result.outcome is ActionOutcome.UNKNOWN and not result.done
    assert result.pin is None and result.row is None and result.unknown is not None
    assert graph.stats.requests == sent + 1  # never repeated
    assert demo_pin(rig.demo, row.user.upn) != old_pin  # the service did act
    assert _entries(rig)[-1].outcome is Outcome.UNKNOWN
    assert not rig.journal.pending_issuances()  # no PIN was ever seen
    status = await check_status(ctx, row.id, row=row, result=result)
    assert status.applied is True
    assert status.row is not None and status.row.method is not None
    assert status.row.method.pin is not None and status.row.method.pin.force_change_next_sign_in
    # A drop before anything happened: check status says it did not apply.
    add_rules(rig.demo, {"method": "PATCH", "path_regex": PIN_PATH, "drop": True})
    fresh = status.row
    again = await reset_pin(ctx, fresh)
    assert again.outcome is ActionOutcome.UNKNOWN
    status2 = await check_status(ctx, row.id, row=fresh, result=again)
    assert status2.applied is False


async def test_cancel_mid_call(rig: Rig) -> None:
    graph, manager, row = await _manager_and_worker(rig)
    add_rules(rig.demo, {"method": "PATCH", "path_regex": PIN_PATH, "delay_ms": 3000})
    task = asyncio.ensure_future(reset_pin(rig.context(graph, manager), row))
    await asyncio.sleep(0.3)
    assert not task.done()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _entries(rig)[-1].outcome is Outcome.CANCELLED


# ------------------------------------------------------------------ own PIN


async def _worker_ctx(
    rig: Rig, *, policy: Policy | None = None, consent: Any = None
) -> tuple[Any, Any]:
    worker = account(rig.demo, "worker")
    graph = rig.client(worker["upn"])
    return worker, rig.context(graph, worker["upn"], policy=policy, consent=consent)


async def test_change_own_pin(rig: Rig) -> None:
    worker, ctx = await _worker_ctx(rig)
    result = await change_own_pin(ctx, worker["pin"], "24681357")
    assert result.done and result.pin is None
    assert demo_pin(rig.demo, worker["upn"]) == "24681357"
    assert await pin_accepted(rig.demo, worker["id"], "24681357")
    # The token asked for carried Directory.AccessAsUser.All.
    provider = ctx.graph._tokens  # type: ignore[union-attr]
    assert any("Directory.AccessAsUser.All" in " ".join(c[0]) for c in provider.calls)
    assert _entries(rig)[-1].outcome is Outcome.SUCCEEDED
    text = rig.journal.path.read_text()
    assert "24681357" not in text and worker["pin"] not in text
    status = await check_status(ctx, "me", result=result)
    assert status.applied is True


async def test_own_change_applied_then_dropped_is_unknown_until_checked(rig: Rig) -> None:
    worker, ctx = await _worker_ctx(rig)
    add_rules(rig.demo, {"method": "POST", "path_regex": UPDATE_PATH, "apply_then_drop": True})
    result = await change_own_pin(ctx, worker["pin"], "24681357")
    assert result.outcome is ActionOutcome.UNKNOWN and not result.done
    assert result.user == "me" and result.unknown is not None and result.before is None
    assert demo_pin(rig.demo, worker["upn"]) == "24681357"  # the service did act
    assert _entries(rig)[-1].outcome is Outcome.UNKNOWN
    status = await check_status(ctx, "me", result=result)
    assert status.applied is True


async def test_wrong_current_pin(rig: Rig) -> None:
    worker, ctx = await _worker_ctx(rig)
    with pytest.raises(ActionError) as info:
        await change_own_pin(ctx, "13572468", "24681357")
    assert info.value.problem is Problem.WRONG_CURRENT_PIN and info.value.sent
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]


BAD_PINS = [
    ("1234a678", PinProblem.NOT_ASCII_DIGITS),
    ("١٢٣٤٥٦٧٨", PinProblem.NOT_ASCII_DIGITS),  # Arabic-Indic digits
    ("1357924", PinProblem.TOO_SHORT),
    ("135792468013579246801", PinProblem.TOO_LONG),
    ("50123456789", PinProblem.CONTAINS_SEQUENCE),
    ("98765432109", PinProblem.CONTAINS_SEQUENCE),
    ("12121212", PinProblem.REPEATED_GROUP),
    ("342342342", PinProblem.REPEATED_GROUP),
]


@pytest.mark.parametrize(("new", "problem"), BAD_PINS)
async def test_pin_rules_client_side_and_server_side(
    rig: Rig, new: str, problem: PinProblem
) -> None:
    worker, ctx = await _worker_ctx(rig)
    assert ctx.graph is not None
    sent = ctx.graph.stats.requests
    with pytest.raises(ActionError) as info:
        await change_own_pin(ctx, worker["pin"], new)
    assert info.value.problem is Problem.INVALID_PIN and problem in info.value.pin_problems
    assert ctx.graph.stats.requests == sent
    # The client check bypassed: the service refuses the same PIN.
    with pytest.raises(ActionError) as served:
        await change_own_pin(ctx, worker["pin"], new, check_rules=False)
    assert served.value.problem is Problem.PIN_REJECTED and served.value.sent
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]


async def test_policy_pin_length_and_same_pin(rig: Rig) -> None:
    longer = Policy(state=PolicyState.ENABLED, pin_length=10)
    worker, ctx = await _worker_ctx(rig, policy=longer)
    with pytest.raises(ActionError) as info:
        await change_own_pin(ctx, worker["pin"], "24681357")
    assert info.value.pin_problems == (PinProblem.TOO_SHORT,)
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]
    _, plain = await _worker_ctx(rig)
    with pytest.raises(ActionError) as equal:
        await change_own_pin(plain, worker["pin"], worker["pin"])
    assert equal.value.problem is Problem.SAME_PIN


async def test_update_pin_answered_only_by_patch(rig: Rig) -> None:
    rig.demo.settings(update_pin_verbs="PATCH")
    worker, ctx = await _worker_ctx(rig)
    assert ctx.graph is not None
    before = ctx.graph.stats.requests
    result = await change_own_pin(ctx, worker["pin"], "97531864")
    assert result.done and demo_pin(rig.demo, worker["upn"]) == "97531864"
    assert ctx.graph.stats.requests == before + 2  # POST (405), then PATCH


class _Consent:
    def __init__(self, error: AuthError | None = None) -> None:
        self.error = error
        self.asked: list[tuple[str, ...]] = []

    async def ensure_scopes(self, extra: Any) -> None:
        self.asked.append(tuple(extra))
        if self.error is not None:
            raise self.error


async def test_consent_required_is_a_typed_error_and_nothing_is_sent(rig: Rig) -> None:
    consent = _Consent(AuthError(AuthErrorKind.CONSENT_REQUIRED, error="consent_required"))
    worker, ctx = await _worker_ctx(rig, consent=consent)
    assert ctx.graph is not None
    sent = ctx.graph.stats.requests
    with pytest.raises(ActionError) as info:
        await change_own_pin(ctx, worker["pin"], "24681357")
    assert info.value.problem is Problem.CONSENT_REQUIRED
    assert consent.asked and "Directory.AccessAsUser.All" in consent.asked[0][0]
    assert ctx.graph.stats.requests == sent
    assert demo_pin(rig.demo, worker["upn"]) == worker["pin"]
    assert _entries(rig)[-1].error_code == "consent_required"


async def test_claims_challenge_is_answered_and_retried_once(rig: Rig) -> None:
    worker, ctx = await _worker_ctx(rig)
    claims = {"access_token": {"acrs": {"essential": True, "value": "c1"}}}
    add_rules(rig.demo, {"method": "POST", "path_regex": UPDATE_PATH, "claims": claims})
    result = await change_own_pin(ctx, worker["pin"], "24681357")
    assert result.done and demo_pin(rig.demo, worker["upn"]) == "24681357"
    provider = ctx.graph._tokens  # type: ignore[union-attr]
    asked_claims = [c[2] for c in provider.calls if c[2]]
    assert asked_claims and json.loads(asked_claims[0]) == claims
