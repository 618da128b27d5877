"""Plain-language explanations of Graph errors for a store manager: the ONE place that
turns an error into words.

:func:`explain` returns an :class:`Explanation`: a stable ``template_id``, the ``params`` to
fill in, and the English ``text``. The UI can translate by looking the template id up in its
own ``tr()`` table (:data:`TEMPLATES` lists every English template) and formatting it with the
same params. Documented cases get a specific explanation; anything else says "rejected by
Microsoft Graph" with the error code and request id, never a guess.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from qrpin_gui.core.capability import (
    ROLE_AUTHENTICATION_ADMINISTRATOR,
    ROLE_GLOBAL_READER,
    ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
    AdminCapability,
    NotManageableReason,
)
from qrpin_gui.graph.errors import ErrorKind, GraphError


class Target(Enum):
    """What the failed call was about (decides which documented case applies)."""

    USER = "user"  # a user's QR method, codes or PIN (another person)
    METHOD_READ = "method_read"  # reading a user's QR method
    OWN_PIN = "own_pin"  # the signed-in user's own PIN change
    POLICY = "policy"
    DIRECTORY = "directory"  # listing users, stores, roles
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ExplainContext:
    """Facts known about the call, for the documented cases.

    ``person``: the display name of the user acted on. ``target_is_admin`` / ``in_my_stores``:
    what the roster knows about that person (None = unknown). ``capability``: the signed-in
    admin's roles. ``action``: a short English verb phrase ("reset the PIN"), used as is.
    """

    target: Target = Target.OTHER
    person: str = ""
    action: str = ""
    target_is_admin: bool | None = None
    in_my_stores: bool | None = None
    capability: AdminCapability | None = None


@dataclass(frozen=True, slots=True)
class Explanation:
    """A translatable message: ``TEMPLATES[template_id].format(**params) == text``."""

    template_id: str
    params: Mapping[str, str] = field(default_factory=dict)
    text: str = ""


TEMPLATES: dict[str, str] = {
    "offline": (
        "Microsoft could not be reached. Check the network connection; the last saved list "
        "stays available."
    ),
    "timeout": (
        "Microsoft did not answer in time. Please try again in a moment. (Request id: {request_id})"
    ),
    "outcome_unknown": (
        "The connection dropped after the request to {action} was sent, so it is not known "
        "whether Microsoft carried it out. Refresh {person} and check before trying again. "
        "(Request id: {request_id})"
    ),
    "throttled": (
        "Microsoft is limiting how fast this app may work right now. Please try again in "
        "{seconds} seconds."
    ),
    "signed_out": "Your sign-in is no longer valid. Please sign in again.",
    "step_up": (
        "Microsoft asks you to confirm your sign-in again (for example with MFA) before this "
        "can be done. Please sign in again and retry."
    ),
    "consent_required": (
        "Your organisation has not yet allowed this app to do this. An administrator of your "
        "organisation must grant consent for: {scopes}."
    ),
    "forbidden_admin_target": (
        "You cannot {action} for {person}: {person} holds an administrator role. Only a "
        "Privileged Authentication Administrator may manage QR sign-in for administrators; "
        "please ask your IT department."
    ),
    "forbidden_outside_stores": (
        "You cannot {action} for {person}: {person} is not a member of any store you manage. "
        "Your Authentication Administrator role applies only to the people in your stores."
    ),
    "forbidden_read_only": (
        "You cannot {action} for {person}: your role (Global Reader) may only look, not "
        "change anything. Changing QR sign-in needs the Authentication Administrator role."
    ),
    "forbidden_no_role": (
        "You cannot {action} for {person}: your account has no role for QR sign-in. You need "
        "the Authentication Administrator role for {person}'s store (or for the whole "
        "organisation)."
    ),
    "forbidden_user": (
        "Microsoft refused to let you {action} for {person}. Managing QR sign-in needs the "
        "Authentication Administrator role for the person's store, and the Privileged "
        "Authentication Administrator role if the person is an administrator. "
        "(Code: {code}, request id: {request_id})"
    ),
    "no_method": "{person} has no QR sign-in yet.",
    "user_not_found": "{person} was not found in your organisation's directory any more.",
    "policy_defaults_assumed": (
        "Your organisation's QR sign-in settings could not be read, so the standard settings "
        "are assumed: PINs of at least 8 digits, badges valid for 365 days."
    ),
    "malformed_after_write": (
        "Microsoft carried out the request to {action} for {person}, but its answer could not "
        "be read, so its result (for example a new PIN or badge) is lost. Refresh {person}; "
        "if needed, do it again. (Request id: {request_id})"
    ),
    "malformed": (
        "Microsoft sent an answer that could not be read. Please try again. "
        "(Request id: {request_id})"
    ),
    "rejected": "Rejected by Microsoft Graph: {code} (HTTP {status}, request id: {request_id}).",
}


def _render(template_id: str, **params: str) -> Explanation:
    return Explanation(template_id, dict(params), TEMPLATES[template_id].format(**params))


def _unknown(value: str | None) -> str:
    return value if value else "not given"


def _who(context: ExplainContext) -> str:
    return context.person or "this person"


def _what(context: ExplainContext) -> str:
    return context.action or "do this"


def policy_assumed() -> Explanation:
    """The note shown when the policy was unreadable and the defaults are assumed."""
    return _render("policy_defaults_assumed")


def not_manageable(reason: NotManageableReason, person: str, action: str = "") -> Explanation:
    """Why a roster row is "not manageable here" (no error involved: judged from roles)."""
    context = ExplainContext(Target.USER, person=person, action=action or "manage QR sign-in")
    template = {
        NotManageableReason.ADMIN_ROLE_HOLDER: "forbidden_admin_target",
        NotManageableReason.OUTSIDE_STORES: "forbidden_outside_stores",
        NotManageableReason.READ_ONLY_ROLE: "forbidden_read_only",
        NotManageableReason.NO_ADMIN_ROLE: "forbidden_no_role",
    }.get(reason)
    if template is None:  # DENIED_BY_SERVICE
        return _render(
            "forbidden_user",
            action=_what(context),
            person=_who(context),
            code="Authorization_RequestDenied",
            request_id="not given",
        )
    return _render(template, action=_what(context), person=_who(context))


def _forbidden(error: GraphError, context: ExplainContext) -> Explanation:
    person, action = _who(context), _what(context)
    if context.target_is_admin:
        return _render("forbidden_admin_target", action=action, person=person)
    if context.in_my_stores is False:
        return _render("forbidden_outside_stores", action=action, person=person)
    capability = context.capability
    if capability is not None:
        roles = capability.tenant_roles
        scoped = capability.managed_unit_ids
        managing = {ROLE_AUTHENTICATION_ADMINISTRATOR, ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR}
        if not (roles & managing) and not scoped:
            if ROLE_GLOBAL_READER in roles:
                return _render("forbidden_read_only", action=action, person=person)
            return _render("forbidden_no_role", action=action, person=person)
    return _render(
        "forbidden_user",
        action=action,
        person=person,
        code=_unknown(error.code),
        request_id=_unknown(error.request_id),
    )


def explain(error: GraphError, context: ExplainContext | None = None) -> Explanation:
    """The plain-language explanation of ``error`` for a store manager."""
    ctx = context or ExplainContext()
    request_id = _unknown(error.request_id)
    kind = error.kind
    if kind is ErrorKind.OFFLINE:
        return _render("offline")
    if kind is ErrorKind.TIMEOUT:
        return _render("timeout", request_id=request_id)
    if kind is ErrorKind.OUTCOME_UNKNOWN:
        return _render(
            "outcome_unknown", action=_what(ctx), person=_who(ctx), request_id=request_id
        )
    if kind is ErrorKind.THROTTLED:
        seconds = error.retry_after if error.retry_after is not None else 30.0
        return _render("throttled", seconds=str(max(1, math.ceil(seconds))))
    if kind is ErrorKind.CONSENT_REQUIRED:
        scopes = getattr(error, "scopes", ()) or ()
        return _render("consent_required", scopes=", ".join(scopes) or "the requested access")
    if kind is ErrorKind.AUTH:
        if getattr(error, "claims", None):
            return _render("step_up")
        return _render("signed_out")
    if kind is ErrorKind.FORBIDDEN:
        if getattr(error, "claims", None):
            return _render("step_up")
        if ctx.target in (Target.USER, Target.METHOD_READ):
            return _forbidden(error, ctx)
        if ctx.target is Target.POLICY:
            return policy_assumed()
    if kind is ErrorKind.NOT_FOUND:
        if ctx.target is Target.METHOD_READ:
            return _render("no_method", person=_who(ctx))
        if ctx.target is Target.POLICY:
            return policy_assumed()
        if ctx.target is Target.USER and (error.code or "").lower() in {
            "request_resourcenotfound",
            "resourcenotfound",
        }:
            return _render("user_not_found", person=_who(ctx))
    if kind is ErrorKind.MALFORMED:
        if ctx.target is Target.POLICY:
            return policy_assumed()
        if (
            error.status is not None
            and 200 <= error.status < 300
            and error.method not in (None, "GET")
        ):
            return _render(
                "malformed_after_write", action=_what(ctx), person=_who(ctx), request_id=request_id
            )
        return _render("malformed", request_id=request_id)
    return _render(
        "rejected",
        code=_unknown(error.code),
        status=str(error.status) if error.status is not None else "none",
        request_id=request_id,
    )
