"""PIN actions: an admin resets a worker's PIN; the signed-in user changes their own."""

from __future__ import annotations

import dataclasses
import logging

from qrpin_gui.core import pins
from qrpin_gui.core.models import FetchKind, QrMethod, QrPin, RosterRow
from qrpin_gui.graph import qr_methods
from qrpin_gui.offline.journal import Action, IssuedSecret, Outcome, Person

from .context import ActionContext, Unknown, person_of, store_of
from .errors import ActionError, Problem
from .results import ActionOutcome, ActionResult, IssuedPin, unknown_result

log = logging.getLogger(__name__)

__all__ = ["change_own_pin", "current_pin_problems", "new_pin_problems", "reset_pin"]


def _with_pin(method: QrMethod | None, pin: QrPin) -> QrMethod | None:
    if method is None:
        return None
    return dataclasses.replace(method, pin=pin)


async def reset_pin(ctx: ActionContext, row: RosterRow) -> ActionResult:
    """Reset ``row``'s PIN (``PATCH .../pin``): the service generates a temporary PIN that the
    worker must change at their next sign-in; it is returned once in ``result.pin``.

    Refused before sending when offline, when the roster says the person is not manageable,
    or has no QR method. "issued, not yet printed or saved" is journalled before returning.
    """
    action = Action.RESET_PIN
    target = person_of(row.user)
    store = store_of(row)
    try:
        graph = ctx.require_online(action)
        ctx.require_manageable(row, action)
        ctx.require_method(row, action)
    except ActionError as error:
        raise ctx.refuse(error, target, store) from None
    sent_at = ctx.now()
    answer = await ctx.send(action, target, store, lambda: qr_methods.reset_pin(graph, row.id))
    if isinstance(answer, Unknown):
        return unknown_result(action, row, sent_at, answer.error)
    if not answer.code:
        # 2xx without the PIN: the reset happened but the new PIN is lost.
        log.warning("PIN reset answered without a PIN code")
    issuance = ctx.journal_issued(target, IssuedSecret.PIN, action, store) if answer.code else None
    ctx.journal_action(action, Outcome.SUCCEEDED, target, store_id=store)
    now = ctx.now()
    method = _with_pin(row.method, answer.without_code())
    refreshed = row.with_method(method, fetched_at=now) if method is not None else None
    return ActionResult(
        action,
        ActionOutcome.DONE,
        row.id,
        sent_at,
        row=refreshed,
        pin=IssuedPin(answer.code, answer.force_change_next_sign_in, issuance)
        if answer.code
        else None,
        before=row.method,
        before_known=row.fetch.kind is FetchKind.LOADED,
    )


_CURRENT_PIN_SHAPE = frozenset(
    {pins.PinProblem.NOT_ASCII_DIGITS, pins.PinProblem.TOO_SHORT, pins.PinProblem.TOO_LONG}
)


def current_pin_problems(current: str) -> tuple[pins.PinProblem, ...]:
    """Shape problems of a *current* PIN (digits, 8-20 long). The complexity rules are not
    applied: a PIN set under older rules must still be accepted as the current one."""
    return tuple(p for p in pins.check(current, pins.PIN_MIN_LENGTH) if p in _CURRENT_PIN_SHAPE)


def new_pin_problems(ctx: ActionContext, current: str, new: str) -> tuple[pins.PinProblem, ...]:
    """The rules ``new`` breaks under the policy's PIN length (empty = acceptable); equality
    with ``current`` is reported separately (:attr:`Problem.SAME_PIN`)."""
    del current
    return tuple(pins.check(new, ctx.policy.pin_length))


async def change_own_pin(
    ctx: ActionContext,
    current: str,
    new: str,
    *,
    me: Person | None = None,
    check_rules: bool = True,
) -> ActionResult:
    """The signed-in user changes their own PIN (``.../pin/updatePin``, POST then PATCH on 405).

    First makes sure the user holds ``Directory.AccessAsUser.All`` (incremental consent); a
    claims challenge from Graph is answered by the token provider (step-up sign-in) and the
    call retried once by the client. ``check_rules=False`` skips the client-side PIN check
    (tests prove the service's own refusal). Success is the service's 204: nothing to show.
    """
    action = Action.CHANGE_OWN_PIN
    target = me or ctx.actor
    try:
        graph = ctx.require_online(action)
        if check_rules:
            problems = current_pin_problems(current)
            if problems:
                raise ActionError(
                    Problem.INVALID_PIN, action, "current PIN malformed", pin_problems=problems
                )
            problems = new_pin_problems(ctx, current, new)
            if problems:
                raise ActionError(Problem.INVALID_PIN, action, "new PIN", pin_problems=problems)
            if new == current:
                raise ActionError(Problem.SAME_PIN, action, "new PIN equals the current one")
    except ActionError as error:
        raise ctx.refuse(error, target) from None
    if ctx.consent is not None:
        consent = ctx.consent
        answer = await ctx.send(
            action, target, None, lambda: consent.ensure_scopes(qr_methods.UPDATE_PIN_SCOPES)
        )
        if isinstance(answer, Unknown):  # not a write; cannot happen, kept for the type
            raise ActionError(Problem.SERVICE, action, "consent", cause=answer.error)
    sent_at = ctx.now()
    result = await ctx.send(
        action, target, None, lambda: qr_methods.update_own_pin(graph, current, new)
    )
    if isinstance(result, Unknown):
        return unknown_result(action, "me", sent_at, result.error)
    ctx.journal_action(action, Outcome.SUCCEEDED, target)
    return ActionResult(action, ActionOutcome.DONE, "me", sent_at)
