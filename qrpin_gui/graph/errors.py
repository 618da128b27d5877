"""Typed errors for Microsoft Graph calls.

Every failure the client can meet becomes a :class:`GraphError` subclass with a machine-readable
:class:`ErrorKind` and the facts a support case needs (HTTP status, Graph error code, message,
``request-id``, ``client-request-id``, ``date``). Nothing here produces text for people: that is
:mod:`qrpin_gui.graph.explain`.

Error bodies are parsed case-insensitively (``innerError`` / ``innererror``, nested inner errors),
and a body that is not JSON never raises anything but a typed error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class ErrorKind(StrEnum):
    """What went wrong, as the UI needs to branch on it."""

    OFFLINE = "offline"  # the network or Graph could not be reached; nothing was sent
    TIMEOUT = "timeout"  # a read timed out (reads only: writes become OUTCOME_UNKNOWN)
    OUTCOME_UNKNOWN = "outcome_unknown"  # a write was sent, then the answer was lost
    THROTTLED = "throttled"  # 429/503 kept coming back until the retry budget ran out
    AUTH = "auth"  # 401: the token was refused even after a refresh
    FORBIDDEN = "forbidden"  # 403
    NOT_FOUND = "not_found"  # 404
    BAD_REQUEST = "bad_request"  # 400
    MALFORMED = "malformed"  # not JSON, truncated, or not the shape Graph documents
    CONSENT_REQUIRED = "consent_required"  # raised by a token provider
    SERVER = "server"  # 5xx other than a throttling 503
    REJECTED = "rejected"  # any other 4xx (405, 409, 412, 422 ...)


class GraphError(Exception):
    """Base of every error raised by :mod:`qrpin_gui.graph`.

    ``str(error)`` is a developer-oriented one-liner (for logs); people see
    :func:`qrpin_gui.graph.explain.explain`.
    """

    kind: ErrorKind = ErrorKind.REJECTED

    def __init__(
        self,
        message: str = "",
        *,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        client_request_id: str | None = None,
        date: str | None = None,
        method: str | None = None,
        path: str | None = None,
        retry_after: float | None = None,
        inner_code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.inner_code = inner_code
        self.request_id = request_id
        self.client_request_id = client_request_id
        self.date = date
        self.method = method
        self.path = path
        self.retry_after = retry_after
        self.sign_in_kind: str | None = None
        """Set when the token provider failed: its own error kind (``interaction_required``,
        ``network`` ...); the provider's exception is ``__cause__``."""

    def __str__(self) -> str:
        parts = [self.kind.value]
        if self.method and self.path:
            parts.append(f"{self.method} {self.path}")
        if self.status is not None:
            parts.append(str(self.status))
        if self.code:
            parts.append(self.code)
        if self.message:
            parts.append(self.message)
        if self.request_id:
            parts.append(f"request-id={self.request_id}")
        if self.client_request_id:
            parts.append(f"client-request-id={self.client_request_id}")
        return " | ".join(parts)

    def facts(self) -> dict[str, str | int | float | None]:
        """The support facts as a flat dict (for a 'copy details' box or a journal)."""
        return {
            "kind": self.kind.value,
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "request_id": self.request_id,
            "client_request_id": self.client_request_id,
            "date": self.date,
            "method": self.method,
            "path": self.path,
        }


class NetworkUnreachableError(GraphError):
    """No connection could be made (offline, DNS, proxy or TLS failure before sending)."""

    kind = ErrorKind.OFFLINE


class GraphTimeoutError(GraphError):
    """A read timed out or its connection dropped, and the retries ran out."""

    kind = ErrorKind.TIMEOUT


class OutcomeUnknownError(GraphError):
    """A write was sent but its answer was lost (timeout, dropped connection, gateway timeout).

    The service may or may not have applied it; it is never retried automatically.
    """

    kind = ErrorKind.OUTCOME_UNKNOWN


class ThrottledError(GraphError):
    """Graph kept answering 429/503 until the retry budget (attempts or time) was used up."""

    kind = ErrorKind.THROTTLED


class AuthenticationError(GraphError):
    """401: the token was refused, even after one refresh. ``claims`` holds a pending
    claims challenge (step-up / Conditional Access) when the service sent one."""

    kind = ErrorKind.AUTH

    def __init__(self, message: str = "", *, claims: str | None = None, **facts: Any) -> None:
        super().__init__(message, **facts)
        self.claims = claims


class ForbiddenError(GraphError):
    """403: the signed-in account lacks the role or scope for this target."""

    kind = ErrorKind.FORBIDDEN

    def __init__(self, message: str = "", *, claims: str | None = None, **facts: Any) -> None:
        super().__init__(message, **facts)
        self.claims = claims


class NotFoundError(GraphError):
    """404."""

    kind = ErrorKind.NOT_FOUND


class BadRequestError(GraphError):
    """400."""

    kind = ErrorKind.BAD_REQUEST


class MalformedResponseError(GraphError):
    """The answer was not JSON, was truncated, or lacked what Graph documents.

    ``status`` is the HTTP status that came with it: a 2xx on a write means the service
    acted but its answer (for instance a one-time PIN) could not be read.
    """

    kind = ErrorKind.MALFORMED


class ConsentRequiredError(GraphError):
    """The token provider could not get a token because consent for a scope is missing."""

    kind = ErrorKind.CONSENT_REQUIRED

    def __init__(self, message: str = "", *, scopes: tuple[str, ...] = (), **facts: Any) -> None:
        super().__init__(message, **facts)
        self.scopes = scopes


class ServerError(GraphError):
    """A 5xx answer (other than a throttling 503 that ran out of retries)."""

    kind = ErrorKind.SERVER


class RejectedError(GraphError):
    """Any other 4xx (405, 409, 412, 422 ...)."""

    kind = ErrorKind.REJECTED


class UnexpectedClientError(GraphError):
    """Not an answer from Graph: the client failed in a way nobody foresaw (a bug, an
    unforeseen library exception). It exists so that a paced batch always comes back with an
    answer or an error, never with neither; the original exception is its ``__cause__``."""

    kind = ErrorKind.REJECTED


# --------------------------------------------------------------------------- token failures

_NETWORK_SIGN_IN_KINDS = frozenset({"network", "offline"})


def _kind_value(exc: BaseException) -> str | None:
    """The ``kind`` a token provider's error carries (an enum's value, or a string)."""
    kind = getattr(exc, "kind", None)
    if kind is None:
        return None
    value = getattr(kind, "value", kind)
    return value if isinstance(value, str) else None


def token_failure(
    exc: Exception, *, scopes: tuple[str, ...] = (), claims: str | None = None
) -> GraphError:
    """The typed Graph error for a token provider that could not give a token.

    A :class:`GraphError` is returned as it is. Anything else is mapped by the ``kind`` it
    carries (``qrpin_gui.auth.errors.AuthError`` has one; this module never imports it):
    ``network``/``offline`` (or a bare :class:`OSError`) -> :class:`NetworkUnreachableError`,
    ``consent_required`` -> :class:`ConsentRequiredError` (with the provider's ``scopes``, else
    ``scopes``), anything else -> :class:`AuthenticationError` (``claims``: the pending claims
    challenge, if any). The provider's kind is kept in ``code`` and ``sign_in_kind``; the caller
    raises the result ``from exc``, so the original stays reachable as ``__cause__`` for a UI
    that words sign-in failures itself.
    """
    if isinstance(exc, GraphError):
        return exc
    kind = _kind_value(exc)
    message = f"no access token ({kind or type(exc).__name__})"
    error: GraphError
    if kind in _NETWORK_SIGN_IN_KINDS or (kind is None and isinstance(exc, OSError)):
        error = NetworkUnreachableError(message, code=kind)
    elif kind == ErrorKind.CONSENT_REQUIRED.value:
        wanted = getattr(exc, "scopes", None)
        error = ConsentRequiredError(
            message,
            scopes=tuple(wanted) if isinstance(wanted, tuple | list) and wanted else scopes,
            code=kind,
        )
    else:
        own_claims = getattr(exc, "claims", None)
        error = AuthenticationError(
            message, claims=own_claims if isinstance(own_claims, str) else claims, code=kind
        )
    error.sign_in_kind = kind
    return error


# --------------------------------------------------------------------------- parsing


def _ci_get(mapping: Mapping[str, Any], name: str) -> Any:
    """``mapping[name]`` with the key matched case-insensitively (None when absent)."""
    if name in mapping:
        return mapping[name]
    lowered = name.lower()
    for key, value in mapping.items():
        if isinstance(key, str) and key.lower() == lowered:
            return value
    return None


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | bool):
        return str(value)
    return None


class ErrorBody:
    """The facts of a Graph error body, parsed leniently."""

    __slots__ = ("client_request_id", "code", "date", "inner_code", "message", "request_id")

    def __init__(self) -> None:
        self.code: str | None = None
        self.message: str | None = None
        self.inner_code: str | None = None
        self.request_id: str | None = None
        self.client_request_id: str | None = None
        self.date: str | None = None


def parse_error_body(body: Any) -> ErrorBody:
    """Parse ``{"error": {"code", "message", "innerError": {...}}}`` from bytes, str or dict.

    Tolerates: missing parts, any casing of ``innerError`` and of its keys, inner errors nested
    several levels deep (the outermost fact wins), and bodies that are not JSON at all.
    """
    parsed = ErrorBody()
    if isinstance(body, bytes | bytearray):
        try:
            body = json.loads(body.decode("utf-8", errors="replace"))
        except ValueError:
            return parsed
    elif isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return parsed
    if not isinstance(body, Mapping):
        return parsed
    error = _ci_get(body, "error")
    if not isinstance(error, Mapping):
        return parsed
    parsed.code = _as_str(_ci_get(error, "code"))
    parsed.message = _as_str(_ci_get(error, "message"))
    inner = _ci_get(error, "innerError")
    depth = 0
    while isinstance(inner, Mapping) and depth < 8:
        if parsed.request_id is None:
            parsed.request_id = _as_str(_ci_get(inner, "request-id"))
        if parsed.client_request_id is None:
            parsed.client_request_id = _as_str(_ci_get(inner, "client-request-id"))
        if parsed.date is None:
            parsed.date = _as_str(_ci_get(inner, "date"))
        if parsed.inner_code is None:
            parsed.inner_code = _as_str(_ci_get(inner, "code"))
        inner = _ci_get(inner, "innerError")
        depth += 1
    return parsed


_STATUS_CLASSES: dict[int, type[GraphError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
}


def error_for_status(
    status: int,
    body: Any,
    headers: Mapping[str, str] | None = None,
    *,
    method: str | None = None,
    path: str | None = None,
    client_request_id: str | None = None,
) -> GraphError:
    """Build the typed error for an HTTP error answer (status >= 400)."""
    parsed = parse_error_body(body)
    hdrs = {k.lower(): v for k, v in (headers or {}).items()}
    cls: type[GraphError]
    if status in _STATUS_CLASSES:
        cls = _STATUS_CLASSES[status]
    elif status == 429:
        cls = ThrottledError
    elif status >= 500:
        cls = ServerError
    else:
        cls = RejectedError
    message = parsed.message or f"HTTP {status}"
    return cls(
        message,
        status=status,
        code=parsed.code,
        inner_code=parsed.inner_code,
        request_id=parsed.request_id or hdrs.get("request-id"),
        client_request_id=parsed.client_request_id
        or hdrs.get("client-request-id")
        or client_request_id,
        date=parsed.date or hdrs.get("date"),
        method=method,
        path=path,
    )
