"""What every action needs (the Graph client, the journal, who acts, the policy, whether the
app is offline), the client-side checks shared by the actions, and the one place that sends a
write and journals how it ended.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from qrpin_gui.auth.errors import AuthError
from qrpin_gui.core.models import FetchKind, Policy, RosterRow, User
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.graph.errors import GraphError, OutcomeUnknownError
from qrpin_gui.offline.journal import (
    Action,
    IssuedSecret,
    Journal,
    JournalValueError,
    Outcome,
    Person,
)

from .errors import ActionError, Problem, from_auth_error, from_graph_error

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = ["ActionContext", "ScopeConsent", "Unknown", "person_of", "store_of"]


class ScopeConsent(Protocol):
    """Incremental consent (``AuthService.ensure_scopes``): make sure the signed-in user holds
    ``extra`` scopes, prompting if needed; raises ``AuthError(consent_required)`` when only an
    IT admin can approve them."""

    async def ensure_scopes(self, extra: Sequence[str]) -> None: ...


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Unknown:
    """A write whose answer was lost after it was sent."""

    error: OutcomeUnknownError


@dataclass(frozen=True, slots=True)
class ActionContext:
    """The services and facts of one action, built by the caller at the moment it runs.

    ``offline_reason`` non-empty refuses every write before sending. ``actor`` is the signed-in
    person (journal "who"). ``policy`` gives the PIN length and the default badge lifetime
    (``Policy.default()`` when unreadable). ``consent`` asks for extra scopes (own-PIN change).
    """

    graph: GraphClient | None
    journal: Journal | None = None
    actor: Person | None = None
    policy: Policy = field(default_factory=Policy.default)
    offline_reason: str = ""
    consent: ScopeConsent | None = None
    clock: Callable[[], datetime] = _utc_now

    def now(self) -> datetime:
        return self.clock()

    # ------------------------------------------------------------------ refusals
    def require_online(self, action: Action) -> GraphClient:
        """The Graph client, or a refusal when offline or not signed in."""
        if self.offline_reason:
            raise ActionError(Problem.OFFLINE, action, "offline")
        if self.graph is None:
            raise ActionError(Problem.NOT_SIGNED_IN, action, "no Graph client")
        return self.graph

    @staticmethod
    def require_manageable(row: RosterRow, action: Action) -> None:
        """Refuse when the roster already knows the signed-in admin may not manage ``row``."""
        verdict = row.manage
        reason = None
        if row.fetch.kind is FetchKind.NOT_MANAGEABLE:
            reason = row.fetch.not_manageable
            if reason is None and verdict is not None:
                reason = verdict.denial
        elif verdict is not None and not verdict.allowed:
            reason = verdict.denial
        else:
            return
        raise ActionError(Problem.NOT_MANAGEABLE, action, "not manageable", not_manageable=reason)

    @staticmethod
    def require_method(row: RosterRow, action: Action) -> None:
        """Refuse when the roster knows the person has no QR method."""
        if row.fetch.kind is FetchKind.LOADED and row.method is None:
            raise ActionError(Problem.NO_METHOD, action, "no QR method")

    # ------------------------------------------------------------------ journal
    def journal_action(
        self,
        action: Action,
        outcome: Outcome,
        target: Person | None,
        *,
        store_id: str | None = None,
        error: GraphError | AuthError | None = None,
    ) -> None:
        """Record one action; a journal that cannot be written is logged, never fatal."""
        if self.journal is None:
            return
        status = code = request_id = client_request_id = None
        if isinstance(error, GraphError):
            status, code = error.status, error.code
            request_id, client_request_id = error.request_id, error.client_request_id
        elif isinstance(error, AuthError):
            code = error.kind.value
        try:
            self.journal.record_action(
                action,
                outcome,
                actor=self.actor,
                target=target,
                store_id=store_id,
                http_status=status,
                error_code=code,
                request_id=request_id,
                client_request_id=client_request_id,
            )
        except (OSError, JournalValueError) as exc:
            log.warning("Journal entry for %s not written (%s)", action.value, exc)

    def journal_issued(
        self, target: Person, issued: IssuedSecret, action: Action, store_id: str | None
    ) -> str | None:
        """Record "issued, not yet printed or saved" (before the secret is shown)."""
        if self.journal is None:
            return None
        try:
            return self.journal.record_issued(
                target, issued, actor=self.actor, action=action, store_id=store_id
            )
        except (OSError, JournalValueError) as exc:
            log.warning("Journal issuance for %s not written (%s)", action.value, exc)
            return None

    # ------------------------------------------------------------------ sending
    async def send(
        self,
        action: Action,
        target: Person | None,
        store_id: str | None,
        call: Callable[[], Awaitable[T]],
    ) -> T | Unknown:
        """Run one write and journal how it ended.

        Success returns the call's value (the caller journals SUCCEEDED once it has built its
        result); a lost answer returns :class:`Unknown` (journalled UNKNOWN, never retried);
        a failure raises :class:`ActionError` (journalled FAILED); cancellation is journalled
        CANCELLED and re-raised.
        """
        try:
            return await call()
        except OutcomeUnknownError as exc:
            log.info("%s: outcome unknown (%s)", action.value, exc.request_id or "no request id")
            self.journal_action(action, Outcome.UNKNOWN, target, store_id=store_id, error=exc)
            return Unknown(exc)
        except asyncio.CancelledError:
            self.journal_action(action, Outcome.CANCELLED, target, store_id=store_id)
            raise
        except GraphError as exc:
            error = from_graph_error(exc, action)
            outcome = Outcome.REFUSED if error.problem is Problem.OFFLINE else Outcome.FAILED
            log.info("%s failed: %s", action.value, exc)
            self.journal_action(action, outcome, target, store_id=store_id, error=exc)
            raise error from exc
        except AuthError as exc:
            log.info("%s: sign-in failed: %s", action.value, exc)
            self.journal_action(action, Outcome.FAILED, target, store_id=store_id, error=exc)
            raise from_auth_error(exc, action) from exc

    def refuse(
        self, error: ActionError, target: Person | None, store_id: str | None = None
    ) -> ActionError:
        """Journal a client-side refusal (nothing sent) and hand the error back to raise."""
        self.journal_action(error.action, Outcome.REFUSED, target, store_id=store_id)
        return error


def person_of(user: User) -> Person:
    """The journal's "whom" for a directory user."""
    return Person(user_id=user.id, upn=user.upn, display_name=user.display_name)


def store_of(row: RosterRow) -> str | None:
    """One store (administrative unit) of the person, for the journal."""
    return min(row.stores) if row.stores else None
