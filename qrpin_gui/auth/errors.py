"""Typed sign-in errors.

Every way a sign-in or token request can fail becomes an :class:`AuthError` with a machine
readable :class:`AuthErrorKind`. Only the facts a support case needs are kept (MSAL's ``error``,
``error_description``, ``correlation_id``): an MSAL result dict is never stored or logged whole,
because it carries tokens. People see :func:`qrpin_gui.auth.messages.message_for`.

``AuthErrorKind`` is a ``StrEnum`` whose ``CONSENT_REQUIRED`` value equals the Graph client's
``ErrorKind.CONSENT_REQUIRED``, so code that branches on ``error.kind`` treats both alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class AuthErrorKind(StrEnum):
    CANCELLED = "cancelled"  # the user (or the app) cancelled the sign-in
    DENIED = "denied"  # the sign-in page answered access_denied
    CONSENT_REQUIRED = "consent_required"  # an admin must approve the app (or a scope)
    TIMEOUT = "timeout"  # nobody finished the sign-in in time
    WRONG_TENANT = "wrong_tenant"  # the tenant (directory) does not exist
    WRONG_CLIENT = "wrong_client"  # the app registration (client id) is unknown there
    NETWORK = "network"  # the sign-in service could not be reached
    CLAIMS_REQUIRED = "claims_required"  # extra sign-in (step-up) needed: run interactively
    INTERACTION_REQUIRED = "interaction_required"  # tokens expired or revoked: sign in again
    NO_ACCOUNT = "no_account"  # nobody is signed in
    WRONG_ACCOUNT = "wrong_account"  # unlocking with a different account than the locked one
    NO_BROWSER = "no_browser"  # no browser could be opened (offer the device code)
    BUSY = "busy"  # another interactive sign-in is already running
    BROKER = "broker"  # the Windows broker (WAM) failed
    SERVICE = "service"  # any other answer from the sign-in service


class AuthError(Exception):
    """A sign-in failure. ``str(error)`` is developer text for logs (never a token)."""

    def __init__(
        self,
        kind: AuthErrorKind,
        detail: str = "",
        *,
        error: str | None = None,
        error_description: str | None = None,
        correlation_id: str | None = None,
        scopes: tuple[str, ...] = (),
        claims: str | None = None,
    ) -> None:
        super().__init__(detail or kind.value)
        self.kind = kind
        self.detail = detail
        self.error = error
        self.error_description = error_description
        self.correlation_id = correlation_id
        self.scopes = scopes
        self.claims = claims

    def __str__(self) -> str:
        parts = [self.kind.value]
        if self.detail:
            parts.append(self.detail)
        if self.error:
            parts.append(self.error)
        if self.error_description:
            parts.append(_first_line(self.error_description))
        if self.correlation_id:
            parts.append(f"correlation_id={self.correlation_id}")
        return " | ".join(parts)

    def facts(self) -> dict[str, str | None]:
        """Support facts for a 'copy details' box (no secrets)."""
        return {
            "kind": self.kind.value,
            "error": self.error,
            "error_description": self.error_description,
            "correlation_id": self.correlation_id,
        }


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


# AADSTS codes Entra puts at the start of error_description.
_AADSTS = re.compile(r"AADSTS(\d+)")
_WRONG_TENANT_CODES = {"90002", "900023", "90072"}
_WRONG_CLIENT_CODES = {"700016", "7000215", "650057"}
_CONSENT_CODES = {"65001", "65004", "90094", "90008"}


def safe_facts(result: Mapping[str, Any]) -> dict[str, str | None]:
    """The loggable part of an MSAL result: error, error_description, correlation_id."""
    return {
        "error": _str_or_none(result.get("error")),
        "error_description": _str_or_none(result.get("error_description")),
        "correlation_id": _str_or_none(result.get("correlation_id")),
    }


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def classify(result: Mapping[str, Any]) -> AuthErrorKind:
    """The kind of an MSAL error result (a dict with an ``error`` key)."""
    error = str(result.get("error") or "").lower()
    description = str(result.get("error_description") or "")
    suberror = str(result.get("suberror") or "").lower()
    codes = set(_AADSTS.findall(description))
    codes.update(str(c) for c in result.get("error_codes") or () if isinstance(c, int | str))
    if codes & _WRONG_TENANT_CODES or error in ("invalid_tenant", "tenant_not_found"):
        return AuthErrorKind.WRONG_TENANT
    if codes & _WRONG_CLIENT_CODES or error in ("invalid_client", "unauthorized_client"):
        return AuthErrorKind.WRONG_CLIENT
    if error == "consent_required" or suberror == "consent_required" or codes & _CONSENT_CODES:
        return AuthErrorKind.CONSENT_REQUIRED
    if error == "access_denied":
        return AuthErrorKind.DENIED
    if result.get("claims"):
        return AuthErrorKind.CLAIMS_REQUIRED
    if error in ("interaction_required", "invalid_grant", "login_required"):
        return AuthErrorKind.INTERACTION_REQUIRED
    if error in ("authorization_pending", "slow_down", "expired_token", "authorization_declined"):
        return AuthErrorKind.TIMEOUT if error == "expired_token" else AuthErrorKind.DENIED
    return AuthErrorKind.SERVICE


def from_result(
    result: Mapping[str, Any], *, scopes: tuple[str, ...] = (), detail: str = ""
) -> AuthError:
    """An :class:`AuthError` from an MSAL error result (only its safe facts are kept)."""
    facts = safe_facts(result)
    claims = result.get("claims")
    return AuthError(
        classify(result),
        detail,
        error=facts["error"],
        error_description=facts["error_description"],
        correlation_id=facts["correlation_id"],
        scopes=scopes,
        claims=claims if isinstance(claims, str) else None,
    )
