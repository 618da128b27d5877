"""Why an action did not happen: one typed error the dialogs turn into a plain sentence.

:class:`ActionError` carries a :class:`Problem` (what the dialog branches on) and the facts
behind it: the PIN rules broken, why the person is not manageable, or the Graph / sign-in
error that caused it (for :func:`qrpin_gui.graph.explain.explain` and support details).
"""

from __future__ import annotations

import re
from enum import Enum

from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.core.capability import NotManageableReason
from qrpin_gui.core.pins import PinProblem
from qrpin_gui.graph.errors import ErrorKind, GraphError
from qrpin_gui.offline.journal import Action

__all__ = ["ActionError", "Problem", "from_auth_error", "from_graph_error"]


class Problem(Enum):
    """What stopped the action. Client-side refusals (nothing was sent) come first."""

    OFFLINE = "offline"
    NOT_SIGNED_IN = "not_signed_in"
    NOT_MANAGEABLE = "not_manageable"
    NO_METHOD = "no_method"
    METHOD_EXISTS = "method_exists"
    NO_CODE = "no_code"
    CODE_EXISTS = "code_exists"
    INVALID_PIN = "invalid_pin"
    """The PIN breaks the rules (``pin_problems`` says which), checked before sending."""
    SAME_PIN = "same_pin"
    """The new PIN equals the current one."""
    LIFETIME = "lifetime"
    """Expiry out of range (standard: 1-395 days after start; temporary: 1-12 hours)."""
    PAST_ACTIVATION = "past_activation"
    # Answers from the service:
    WRONG_CURRENT_PIN = "wrong_current_pin"
    PIN_REJECTED = "pin_rejected"
    """The service refused the new PIN (its rules, e.g. a longer policy minimum)."""
    PERMISSION = "permission"
    """403: the signed-in account may not do this (role, store, admin target, scope)."""
    CONSENT_REQUIRED = "consent_required"
    """An IT admin must approve the app's permission first."""
    STEP_UP = "step_up"
    """Microsoft asked for a fresh sign-in (claims challenge) and it did not succeed."""
    SIGN_IN = "sign_in"
    """Another sign-in failure (``cause`` is the :class:`AuthError`)."""
    SERVICE = "service"
    """Any other Graph failure (``cause`` is the :class:`GraphError`)."""


CLIENT_SIDE = frozenset(
    {
        Problem.OFFLINE,
        Problem.NOT_SIGNED_IN,
        Problem.NOT_MANAGEABLE,
        Problem.INVALID_PIN,
        Problem.SAME_PIN,
        Problem.LIFETIME,
        Problem.PAST_ACTIVATION,
    }
)
"""Problems found before anything was sent (the journal says REFUSED)."""


class ActionError(Exception):
    """An action did not happen. ``str()`` is developer text (never a PIN or payload)."""

    def __init__(
        self,
        problem: Problem,
        action: Action,
        detail: str = "",
        *,
        cause: GraphError | AuthError | None = None,
        pin_problems: tuple[PinProblem, ...] = (),
        not_manageable: NotManageableReason | None = None,
        sent: bool = False,
    ) -> None:
        super().__init__(detail or problem.value)
        self.problem = problem
        self.action = action
        self.detail = detail
        self.cause = cause
        self.pin_problems = pin_problems
        self.not_manageable = not_manageable
        self.sent = sent
        """True when a request reached the service (the answer was an error)."""
        self.partial = False
        """A two-step action did its first step only (replace: old code deleted, new code
        not issued)."""

    def __str__(self) -> str:
        parts = [self.action.value, self.problem.value]
        if self.detail:
            parts.append(self.detail)
        if self.pin_problems:
            parts.append(",".join(p.value for p in self.pin_problems))
        if self.cause is not None:
            parts.append(str(self.cause))
        return " | ".join(parts)

    @property
    def client_side(self) -> bool:
        return self.problem in CLIENT_SIDE

    @property
    def request_id(self) -> str | None:
        return self.cause.request_id if isinstance(self.cause, GraphError) else None


_CURRENT_WRONG = re.compile(
    r"current\s*pin.*(incorrect|wrong|invalid|match)|incorrect.*current", re.I
)
_PIN_WORD = re.compile(r"\bpin\b", re.I)
_CONFLICT_CODES = frozenset({"conflict", "methodalreadyexists", "alreadyexists"})


def from_auth_error(error: AuthError, action: Action) -> ActionError:
    """The action error for a sign-in failure while getting a token."""
    if error.kind is AuthErrorKind.CONSENT_REQUIRED:
        return ActionError(Problem.CONSENT_REQUIRED, action, cause=error)
    if error.kind is AuthErrorKind.CLAIMS_REQUIRED:
        return ActionError(Problem.STEP_UP, action, cause=error)
    return ActionError(Problem.SIGN_IN, action, cause=error)


def from_graph_error(error: GraphError, action: Action) -> ActionError:
    """The action error for a Graph failure answer (not "outcome unknown")."""
    if isinstance(error.__cause__, AuthError):  # no token: nothing was sent
        return from_auth_error(error.__cause__, action)
    kind = error.kind
    message = error.message or ""
    code = (error.code or "").lower()
    problem = Problem.SERVICE
    if kind is ErrorKind.OFFLINE:
        problem = Problem.OFFLINE
    elif kind is ErrorKind.CONSENT_REQUIRED:
        problem = Problem.CONSENT_REQUIRED
    elif kind in (ErrorKind.AUTH, ErrorKind.FORBIDDEN) and getattr(error, "claims", None):
        problem = Problem.STEP_UP
    elif kind is ErrorKind.FORBIDDEN:
        problem = Problem.PERMISSION
    elif kind is ErrorKind.NOT_FOUND and code != "request_resourcenotfound":
        problem = Problem.NO_CODE if action in _CODE_ACTIONS else Problem.NO_METHOD
    elif error.status == 409 or code in _CONFLICT_CODES:
        problem = Problem.CODE_EXISTS if action is Action.TEMPORARY_CODE else Problem.METHOD_EXISTS
    elif kind is ErrorKind.BAD_REQUEST and action is Action.CHANGE_OWN_PIN:
        if _CURRENT_WRONG.search(message):
            problem = Problem.WRONG_CURRENT_PIN
        elif _PIN_WORD.search(message):
            problem = Problem.PIN_REJECTED
    elif (
        kind is ErrorKind.BAD_REQUEST
        and action is Action.CREATE_METHOD
        and _PIN_WORD.search(message)
    ):
        problem = Problem.PIN_REJECTED
    return ActionError(problem, action, cause=error, sent=kind is not ErrorKind.OFFLINE)


_CODE_ACTIONS = frozenset({Action.DELETE_TEMPORARY_CODE, Action.DELETE_STANDARD_CODE})
