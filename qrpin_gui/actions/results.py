"""What an action hands back: its outcome, the refreshed roster row, the one-time secret.

A secret (a PIN code, a QR image and its raw payload) lives in :class:`IssuedPin` /
:class:`IssuedCode`, whose ``repr`` never shows it, so a result can be logged or shown in a
traceback without leaking anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from qrpin_gui.core.models import FetchKind, QrCode, QrImage, QrMethod, RosterRow
from qrpin_gui.graph.errors import OutcomeUnknownError
from qrpin_gui.graph.qr_methods import CodeKind
from qrpin_gui.offline.journal import Action

__all__ = [
    "ActionOutcome",
    "ActionResult",
    "IssuedCode",
    "IssuedPin",
    "StatusCheck",
    "group_digits",
    "unknown_result",
]


class ActionOutcome(Enum):
    """How a write ended, as far as the app saw."""

    DONE = "done"
    """The service answered success; ``row`` and any secret come from its answer."""
    UNKNOWN = "unknown"
    """The request was sent and its answer lost: it may or may not have been carried out.
    Never retried; :func:`qrpin_gui.actions.check_status` re-reads the truth."""


def group_digits(code: str) -> str:
    """``code`` split into groups of 4 and 3 for reading aloud (``1234 5678``,
    ``1234 567 890``): as few groups as possible, the 4-groups first."""
    n = len(code)
    if n <= 4:
        return code
    groups = -(-n // 4)
    threes = 4 * groups - n
    if threes > groups:
        return " ".join(code[i : i + 4] for i in range(0, n, 4))
    sizes = [4] * (groups - threes) + [3] * threes
    out: list[str] = []
    at = 0
    for size in sizes:
        out.append(code[at : at + size])
        at += size
    return " ".join(out)


@dataclass(frozen=True, slots=True, repr=False)
class IssuedPin:
    """A PIN the service returned once (reset or create). ``code`` is the secret."""

    code: str
    must_change: bool = True
    issuance_id: str | None = None
    """The journal's "issued, not yet delivered" entry (``Journal.mark_delivered``)."""

    def __repr__(self) -> str:
        return f"IssuedPin(code=<hidden>, must_change={self.must_change!r})"

    @property
    def grouped(self) -> str:
        """The PIN in reading groups (``1234 5678``)."""
        return group_digits(self.code)


@dataclass(frozen=True, slots=True, repr=False)
class IssuedCode:
    """A QR code the service returned once with its image (create, temporary, replace, an
    extend that created a new code). ``code.image`` is the secret."""

    kind: CodeKind
    code: QrCode
    issuance_id: str | None = None

    def __repr__(self) -> str:
        return (
            f"IssuedCode(kind={self.kind.name}, id={self.code.id!r}, "
            f"expire={self.code.expire!r}, image=<hidden>)"
        )

    @property
    def image(self) -> QrImage | None:
        return self.code.image


@dataclass(frozen=True, slots=True)
class ActionResult:
    """The result of one write.

    ``row``: the target's roster row refreshed from the service's answer (None when the
    outcome is unknown, or when no row was given). ``pin`` / ``code``: the one-time secrets
    the answer carried. ``before``: the method as the app knew it before the call (for
    :func:`~qrpin_gui.actions.check_status` to tell what changed). ``unknown``: the error
    when the outcome is UNKNOWN.
    """

    action: Action
    outcome: ActionOutcome
    user: str
    """The target's user id (``me`` for the signed-in user's own PIN)."""
    sent_at: datetime
    row: RosterRow | None = None
    pin: IssuedPin | None = None
    code: IssuedCode | None = None
    before: QrMethod | None = None
    before_known: bool = False
    """True when ``before`` is the loaded state (``None`` then means "had no method")."""
    unknown: OutcomeUnknownError | None = None
    request_id: str | None = None

    @property
    def done(self) -> bool:
        return self.outcome is ActionOutcome.DONE


@dataclass(frozen=True, slots=True)
class StatusCheck:
    """A re-read of the target's method (after "result unknown").

    ``applied``: whether the earlier write took effect (None = cannot tell from the method's
    state). ``row``: the refreshed row when one was given.
    """

    method: QrMethod | None
    checked_at: datetime
    row: RosterRow | None = None
    applied: bool | None = None


def unknown_result(
    action: Action,
    target: RosterRow | str,
    sent_at: datetime,
    error: OutcomeUnknownError | None = None,
) -> ActionResult:
    """The result of a write sent at ``sent_at`` whose answer never came (lost with the
    connection: ``error``; or no longer awaited: Cancel). ``target`` is the person's roster row,
    whose method is kept as the state before the write for
    :func:`~qrpin_gui.actions.check_status` to compare with, or a bare user id (``me``)."""
    request_id = error.request_id if error is not None else None
    if isinstance(target, str):
        return ActionResult(
            action, ActionOutcome.UNKNOWN, target, sent_at, unknown=error, request_id=request_id
        )
    return ActionResult(
        action,
        ActionOutcome.UNKNOWN,
        target.id,
        sent_at,
        before=target.method,
        before_known=target.fetch.kind is FetchKind.LOADED,
        unknown=error,
        request_id=request_id,
    )
