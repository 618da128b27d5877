"""``check_status``: re-read a person's method after "result unknown" and tell whether the
earlier write took effect. A read only: it never repeats the write."""

from __future__ import annotations

from datetime import datetime, timedelta

from qrpin_gui.auth.errors import AuthError
from qrpin_gui.core.models import QrCode, QrMethod, RosterRow
from qrpin_gui.graph import qr_methods
from qrpin_gui.graph.errors import GraphError
from qrpin_gui.offline.journal import Action

from .context import ActionContext
from .errors import from_auth_error, from_graph_error
from .results import ActionResult, StatusCheck

__all__ = ["CLOCK_SKEW", "check_status", "write_applied"]

CLOCK_SKEW = timedelta(minutes=2)
"""How far the service's clock may run behind this PC's when comparing timestamps."""


def _after(moment: datetime | None, sent_at: datetime) -> bool:
    return moment is not None and moment >= sent_at - CLOCK_SKEW


def _changed(before: QrCode | None, after: QrCode | None) -> bool:
    if after is None:
        return False
    return before is None or before.id != after.id


def write_applied(result: ActionResult, method: QrMethod | None) -> bool | None:
    """Whether ``result``'s write shows in ``method`` (the re-read state); None = cannot tell.

    Compares with the state before the call when it was known, else with the time the request
    was sent (allowing :data:`CLOCK_SKEW`).
    """
    before = result.before if result.before_known else None
    sent = result.sent_at
    action = result.action
    if action in (Action.RESET_PIN, Action.CHANGE_OWN_PIN):
        if method is None or method.pin is None:
            return False if method is None else None
        pin = method.pin
        want_force = action is Action.RESET_PIN
        if before is not None and before.pin is not None and before.pin.updated is not None:
            moved = pin.updated is not None and pin.updated > before.pin.updated
        else:
            moved = _after(pin.updated, sent)
        return moved and pin.force_change_next_sign_in is want_force
    if action is Action.CREATE_METHOD:
        return method is not None and (result.before_known or _after(method.created, sent))
    if action is Action.DELETE_METHOD:
        return method is None
    if method is None:
        return False
    if action is Action.TEMPORARY_CODE:
        if before is not None:
            return _changed(before.temporary, method.temporary)
        return method.temporary is not None and _after(method.temporary.created, sent)
    if action is Action.REPLACE_STANDARD_CODE:
        if before is not None:
            return _changed(before.standard, method.standard)
        return method.standard is not None and _after(method.standard.created, sent)
    if action is Action.EXTEND_EXPIRY:
        if before is None or before.standard is None or method.standard is None:
            return None
        return _changed(before.standard, method.standard) or (
            method.standard.expire != before.standard.expire
        )
    if action is Action.DELETE_TEMPORARY_CODE:
        return method.temporary is None
    if action is Action.DELETE_STANDARD_CODE:
        return method.standard is None
    return None


async def check_status(
    ctx: ActionContext,
    user: str,
    *,
    row: RosterRow | None = None,
    result: ActionResult | None = None,
) -> StatusCheck:
    """Re-read ``user``'s method (``me`` for the signed-in user). With ``row``, the refreshed
    row comes back too; with the unknown ``result`` of an earlier write, ``applied`` says
    whether it took effect. Raises :class:`ActionError` when the read fails."""
    action = result.action if result is not None else Action.RESET_PIN
    graph = ctx.require_online(action)
    try:
        method = await qr_methods.get_method(graph, user)
    except GraphError as exc:
        raise from_graph_error(exc, action) from exc
    except AuthError as exc:
        raise from_auth_error(exc, action) from exc
    now = ctx.now()
    refreshed = row.with_method(method, fetched_at=now) if row is not None else None
    applied = write_applied(result, method) if result is not None else None
    return StatusCheck(method=method, checked_at=now, row=refreshed, applied=applied)
