"""Plain sentences for the PIN and QR dialogs: why an action did not happen, PIN rules,
"result unknown" and what "Check status" found. Translated under the ``PinMessages`` context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qrpin_gui.actions import ActionError, Problem
from qrpin_gui.auth.errors import AuthError
from qrpin_gui.core.capability import NotManageableReason
from qrpin_gui.core.pins import PIN_MAX_LENGTH, PinProblem
from qrpin_gui.graph.errors import GraphError
from qrpin_gui.graph.explain import ExplainContext, Target
from qrpin_gui.ui.messages import auth_message, graph_message
from qrpin_gui.ui.roster_present import not_manageable_text


def _t(text: str) -> str:
    return QCoreApplication.translate("PinMessages", text)


def pin_rule_text(problem: PinProblem, min_length: int) -> str:
    texts = {
        PinProblem.NOT_ASCII_DIGITS: _t("Use only the digits 0 to 9."),
        PinProblem.TOO_SHORT: _t("Use at least %1 digits.").replace("%1", str(min_length)),
        PinProblem.TOO_LONG: _t("Use at most %1 digits.").replace("%1", str(PIN_MAX_LENGTH)),
        PinProblem.CONTAINS_SEQUENCE: _t("Do not include 0123456789 or 9876543210."),
        PinProblem.REPEATED_GROUP: _t(
            "Do not repeat one group of 2 or 3 digits (like 121212 or 342342)."
        ),
    }
    return texts[problem]


def problem_text(
    error: ActionError,
    *,
    person: str = "",
    action: str = "",
    target_is_admin: bool | None = None,
    in_my_stores: bool | None = None,
    min_length: int = 8,
) -> str:
    """The sentence a manager reads for ``error`` (acting on ``person``, doing ``action``)."""
    p = error.problem
    who = person or _t("this person")
    cause = error.cause
    if p is Problem.OFFLINE:
        return _t("Offline: changes are disabled until the connection is back.")
    if p is Problem.NOT_SIGNED_IN:
        return _t("Sign in first.")
    if p is Problem.NOT_MANAGEABLE:
        return not_manageable_text(error.not_manageable or NotManageableReason.DENIED_BY_SERVICE)
    if p is Problem.NO_METHOD:
        if error.action.value == "change-own-pin":
            return _t(
                "You have no QR sign-in yet, so there is no PIN to change. Ask your manager "
                "to set up QR sign-in for you."
            )
        return _t(
            "%1 has no QR sign-in yet, so there is no PIN to reset. Set up QR sign-in for "
            "them first (Person › Set up QR sign-in…)."
        ).replace("%1", who)
    if p is Problem.METHOD_EXISTS:
        return _t("%1 already has QR sign-in.").replace("%1", who)
    if p is Problem.NO_CODE:
        return _t("That QR code is already gone.")
    if p is Problem.CODE_EXISTS:
        return _t("A temporary code is already live. Delete it first to issue a new one.")
    if p is Problem.INVALID_PIN:
        lines = [pin_rule_text(x, min_length) for x in error.pin_problems]
        return " ".join([_t("This PIN is not allowed:"), *lines])
    if p is Problem.SAME_PIN:
        return _t("The new PIN must be different from the current PIN.")
    if p is Problem.LIFETIME:
        return _t(
            "That validity is not allowed: a badge is valid for 1 to 395 days, a temporary "
            "code for 1 to 12 hours."
        )
    if p is Problem.PAST_ACTIVATION:
        return _t("The start cannot be in the past.")
    if p is Problem.WRONG_CURRENT_PIN:
        return _t("The current PIN is not correct. Type it again.")
    if p is Problem.PIN_REJECTED:
        return _t(
            "Microsoft did not accept the new PIN. Choose another one: only digits, at least "
            "%1, no 0123456789 and no repeated group of 2 or 3 digits."
        ).replace("%1", str(min_length))
    if p is Problem.PERMISSION and error.action.value == "change-own-pin":
        return _t(
            "Your account is not allowed to change its PIN with this app: the permission "
            "'Directory.AccessAsUser.All' is missing. Ask your IT admin."
        )
    if isinstance(cause, AuthError):
        return auth_message(cause)
    if isinstance(cause, GraphError):
        context = ExplainContext(
            target=Target.OWN_PIN if error.action.value == "change-own-pin" else Target.USER,
            person=who,
            action=action,
            target_is_admin=target_is_admin,
            in_my_stores=in_my_stores,
        )
        return graph_message(cause, context)
    return _t("This did not work. Please try again.")


def unknown_text(action: str) -> str:
    return _t(
        "The connection dropped after the request to %1 was sent, so it is not known whether "
        "Microsoft carried it out. Use Check status to find out; nothing is sent again by "
        "itself."
    ).replace("%1", action)


def cancelled_text() -> str:
    return _t(
        "Stopped waiting for Microsoft. If the request had already arrived it may still have "
        "been carried out: use Check status to find out."
    )
