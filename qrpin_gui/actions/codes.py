"""QR code lifecycle actions: create the method, temporary code, replace the standard code,
extend its expiry, delete a code or the whole method.

Every action that gets a one-time image (or the first PIN) back journals "issued, not yet
printed or saved" before returning it, so a crash before printing is noticed at the next
start.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from qrpin_gui.core import pins
from qrpin_gui.core.models import (
    MAX_STANDARD_LIFETIME_DAYS,
    MAX_TEMPORARY_LIFETIME_HOURS,
    MIN_STANDARD_LIFETIME_DAYS,
    MIN_TEMPORARY_LIFETIME_HOURS,
    FetchKind,
    QrCode,
    QrMethod,
    RosterRow,
)
from qrpin_gui.graph import qr_methods
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.graph.errors import NotFoundError
from qrpin_gui.graph.qr_methods import CodeKind
from qrpin_gui.offline.journal import Action, IssuedSecret, Outcome

from .context import ActionContext, Unknown, person_of, store_of
from .errors import ActionError, Problem
from .results import ActionOutcome, ActionResult, IssuedCode, IssuedPin, unknown_result

__all__ = [
    "ACTIVATION_GRACE",
    "create_method",
    "create_temporary_code",
    "default_standard_expiry",
    "delete_method",
    "delete_standard_code",
    "delete_temporary_code",
    "extend_expiry",
    "replace_standard_code",
]

ACTIVATION_GRACE = timedelta(minutes=5)
"""A start this far in the past still counts as "now" (the dialog's clock ran on)."""


def default_standard_expiry(ctx: ActionContext, start: datetime) -> datetime:
    """The policy's default lifetime after ``start`` (365 days when the policy is unreadable)."""
    return start + timedelta(days=ctx.policy.standard_lifetime_days)


def _check_standard_window(
    ctx: ActionContext, action: Action, start: datetime, expire: datetime, *, new: bool
) -> None:
    now = ctx.now()
    if new and start < now - ACTIVATION_GRACE:
        raise ActionError(Problem.PAST_ACTIVATION, action, "activation in the past")
    if expire <= now:
        raise ActionError(Problem.LIFETIME, action, "expiry not in the future")
    span = expire - start
    if span < timedelta(days=MIN_STANDARD_LIFETIME_DAYS) and new:
        raise ActionError(Problem.LIFETIME, action, "lifetime under one day")
    if span > timedelta(days=MAX_STANDARD_LIFETIME_DAYS):
        raise ActionError(Problem.LIFETIME, action, "lifetime over 395 days")


def _check_temporary_window(
    ctx: ActionContext, action: Action, start: datetime, expire: datetime
) -> None:
    if start < ctx.now() - ACTIVATION_GRACE:
        raise ActionError(Problem.PAST_ACTIVATION, action, "start in the past")
    span = expire - start
    if not (
        timedelta(hours=MIN_TEMPORARY_LIFETIME_HOURS)
        <= span
        <= timedelta(hours=MAX_TEMPORARY_LIFETIME_HOURS)
    ):
        raise ActionError(Problem.LIFETIME, action, "temporary lifetime not 1-12 hours")


async def _write(
    ctx: ActionContext,
    action: Action,
    row: RosterRow,
    checks: Callable[[], None],
    call: Callable[[], Awaitable[object]],
) -> tuple[object | Unknown, datetime]:
    """Refuse (journalled) or send; returns the answer and when it was sent."""
    target, store = person_of(row.user), store_of(row)
    try:
        ctx.require_online(action)
        ctx.require_manageable(row, action)
        checks()
    except ActionError as error:
        raise ctx.refuse(error, target, store) from None
    sent_at = ctx.now()
    return await ctx.send(action, target, store, call), sent_at


def _done(
    ctx: ActionContext,
    action: Action,
    row: RosterRow,
    sent_at: datetime,
    method: QrMethod | None,
    *,
    code: IssuedCode | None = None,
    pin: IssuedPin | None = None,
) -> ActionResult:
    ctx.journal_action(action, Outcome.SUCCEEDED, person_of(row.user), store_id=store_of(row))
    return ActionResult(
        action,
        ActionOutcome.DONE,
        row.id,
        sent_at,
        row=row.with_method(method, fetched_at=ctx.now()),
        code=code,
        pin=pin,
        before=row.method,
        before_known=row.fetch.kind is FetchKind.LOADED,
    )


def _issue_code(
    ctx: ActionContext, action: Action, row: RosterRow, kind: CodeKind, code: QrCode
) -> IssuedCode | None:
    if code.image is None:
        return None
    secret = (
        IssuedSecret.STANDARD_CODE if kind is CodeKind.STANDARD else IssuedSecret.TEMPORARY_CODE
    )
    issuance = ctx.journal_issued(person_of(row.user), secret, action, store_of(row))
    return IssuedCode(kind, code, issuance)


def _with_code(method: QrMethod | None, kind: CodeKind, code: QrCode | None) -> QrMethod | None:
    """``method`` with its code of ``kind`` replaced by ``code`` (None: deleted)."""
    if method is None:
        return None
    if kind is CodeKind.STANDARD:
        return dataclasses.replace(method, standard=code)
    return dataclasses.replace(method, temporary=code)


def _code_result(
    ctx: ActionContext,
    action: Action,
    row: RosterRow,
    sent_at: datetime,
    answer: object,
    kind: CodeKind,
) -> ActionResult:
    """The result of a write answered with one QR code of ``kind`` (issued when it carries
    an image), or of one whose answer was lost."""
    if isinstance(answer, Unknown):
        return unknown_result(action, row, sent_at, answer.error)
    assert isinstance(answer, QrCode)
    code = _issue_code(ctx, action, row, kind, answer)
    return _done(ctx, action, row, sent_at, _with_code(row.method, kind, answer), code=code)


def _require_graph(ctx: ActionContext, action: Action) -> GraphClient:
    return ctx.require_online(action)


# --------------------------------------------------------------------------- create


async def create_method(
    ctx: ActionContext,
    row: RosterRow,
    *,
    start: datetime | None = None,
    expire: datetime | None = None,
    pin: str | None = None,
) -> ActionResult:
    """Create the QR method (PUT): a standard code from ``start`` (now when None; never in the
    past) to ``expire`` (the policy default when None; at most 395 days later), and ``pin``
    typed by the manager (checked with the policy's PIN length) or generated by the service.
    The badge image and the PIN come back once in ``result.code`` / ``result.pin``."""
    action = Action.CREATE_METHOD
    begin = start or ctx.now()
    end = expire or default_standard_expiry(ctx, begin)

    def checks() -> None:
        if row.fetch.kind is FetchKind.LOADED and row.method is not None:
            raise ActionError(Problem.METHOD_EXISTS, action, "already has a method")
        _check_standard_window(ctx, action, begin, end, new=True)
        if pin is not None:
            problems = tuple(pins.check(pin, ctx.policy.pin_length))
            if problems:
                raise ActionError(Problem.INVALID_PIN, action, "PIN", pin_problems=problems)

    answer, sent_at = await _write(
        ctx,
        action,
        row,
        checks,
        lambda: qr_methods.create_method(
            _require_graph(ctx, action), row.id, start=begin, expire=end, pin=pin
        ),
    )
    if isinstance(answer, Unknown):
        return unknown_result(action, row, sent_at, answer.error)
    assert isinstance(answer, QrMethod)
    code = (
        _issue_code(ctx, action, row, CodeKind.STANDARD, answer.standard)
        if answer.standard
        else None
    )
    issued_pin = None
    if answer.pin is not None and answer.pin.code:
        issuance = ctx.journal_issued(person_of(row.user), IssuedSecret.PIN, action, store_of(row))
        issued_pin = IssuedPin(answer.pin.code, answer.pin.force_change_next_sign_in, issuance)
    return _done(ctx, action, row, sent_at, answer, code=code, pin=issued_pin)


# --------------------------------------------------------------------------- temporary


async def create_temporary_code(
    ctx: ActionContext, row: RosterRow, *, start: datetime | None = None, expire: datetime
) -> ActionResult:
    """A temporary code for a forgotten badge (1 to 12 hours; the worker keeps their PIN).
    Refused when the roster shows a live temporary code (delete it first)."""
    action = Action.TEMPORARY_CODE
    begin = start or ctx.now()

    def checks() -> None:
        ctx.require_method(row, action)
        method = row.method
        live = method.temporary if method is not None else None
        if live is not None and not live.is_expired(ctx.now()):
            raise ActionError(Problem.CODE_EXISTS, action, "temporary code exists")
        _check_temporary_window(ctx, action, begin, expire)

    answer, sent_at = await _write(
        ctx,
        action,
        row,
        checks,
        lambda: qr_methods.create_temporary_code(
            _require_graph(ctx, action), row.id, start=begin, expire=expire
        ),
    )
    return _code_result(ctx, action, row, sent_at, answer, CodeKind.TEMPORARY)


# --------------------------------------------------------------------------- standard


async def replace_standard_code(
    ctx: ActionContext, row: RosterRow, *, expire: datetime | None = None
) -> ActionResult:
    """A lost badge: delete the standard code, then issue a new one from now (the worker keeps
    their PIN). When the delete succeeded but the new code failed, the error says so (the
    person has no standard code until it is issued again)."""
    action = Action.REPLACE_STANDARD_CODE
    begin = ctx.now()
    end = expire or default_standard_expiry(ctx, begin)

    def checks() -> None:
        ctx.require_method(row, action)
        _check_standard_window(ctx, action, begin, end, new=True)

    async def call() -> QrCode:
        graph = _require_graph(ctx, action)
        if row.method is None or row.method.standard is not None or not row.method.children_loaded:
            try:
                await qr_methods.delete_code(graph, row.id, CodeKind.STANDARD)
            except NotFoundError:
                pass  # already gone: issue the new one
            deleted.append(True)
        return await qr_methods.set_standard_code(graph, row.id, start=begin, expire=end)

    deleted: list[bool] = []
    try:
        answer, sent_at = await _write(ctx, action, row, checks, call)
    except ActionError as error:
        if deleted:
            error.partial = True
            error.detail = "the old code was deleted; the new code was not issued"
        raise
    return _code_result(ctx, action, row, sent_at, answer, CodeKind.STANDARD)


async def extend_expiry(ctx: ActionContext, row: RosterRow, *, expire: datetime) -> ActionResult:
    """Move the standard code's expiry (200, no reprint). When the code had expired or was
    gone the service issues a new one (201 with an image): then ``result.code`` holds it and
    the dialog must switch to issue-and-print."""
    action = Action.EXTEND_EXPIRY
    now = ctx.now()
    standard = row.method.standard if row.method else None
    live = standard is not None and not standard.is_expired(now)
    start = standard.start if live and standard is not None and standard.start else now

    def checks() -> None:
        ctx.require_method(row, action)
        _check_standard_window(ctx, action, start, expire, new=False)

    answer, sent_at = await _write(
        ctx,
        action,
        row,
        checks,
        lambda: qr_methods.set_standard_code(
            _require_graph(ctx, action),
            row.id,
            expire=expire,
            start=None if standard is not None else now,
        ),
    )
    return _code_result(ctx, action, row, sent_at, answer, CodeKind.STANDARD)


# --------------------------------------------------------------------------- delete


async def _delete(
    ctx: ActionContext,
    row: RosterRow,
    action: Action,
    kind: CodeKind | None,
) -> ActionResult:
    def checks() -> None:
        ctx.require_method(row, action)
        method = row.method
        if method is not None and method.children_loaded and kind is not None:
            present = method.standard if kind is CodeKind.STANDARD else method.temporary
            if present is None:
                raise ActionError(Problem.NO_CODE, action, "no such code")

    async def call() -> None:
        graph = _require_graph(ctx, action)
        if kind is None:
            await qr_methods.delete_method(graph, row.id)
        else:
            await qr_methods.delete_code(graph, row.id, kind)

    answer, sent_at = await _write(ctx, action, row, checks, call)
    if isinstance(answer, Unknown):
        return unknown_result(action, row, sent_at, answer.error)
    method = None if kind is None else _with_code(row.method, kind, None)
    return _done(ctx, action, row, sent_at, method)


async def delete_temporary_code(ctx: ActionContext, row: RosterRow) -> ActionResult:
    """Delete the temporary code (the standard code and the PIN keep working)."""
    return await _delete(ctx, row, Action.DELETE_TEMPORARY_CODE, CodeKind.TEMPORARY)


async def delete_standard_code(ctx: ActionContext, row: RosterRow) -> ActionResult:
    """Delete the standard code (the printed badge stops working; the PIN stays)."""
    return await _delete(ctx, row, Action.DELETE_STANDARD_CODE, CodeKind.STANDARD)


async def delete_method(ctx: ActionContext, row: RosterRow) -> ActionResult:
    """Delete the whole QR method (a leaver): both codes and the PIN stop working."""
    return await _delete(ctx, row, Action.DELETE_METHOD, None)
