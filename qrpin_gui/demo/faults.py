"""Fault injection for the demo tenant: rates and scripted one-off rules.

Two kinds of faults:

* **HTTP-level** faults, applied by the ASGI wrapper from :meth:`FaultInjector.wrap_asgi`:
  latency/jitter (once per HTTP request), ``error_rate`` (500/503), ``drop_rate`` (the TCP
  connection is aborted without an answer) and ``malformed_rate`` (a 200 whose JSON body is
  cut short). Rates apply to Graph paths (``/beta``, ``/v1.0``) only, never to ``/_demo``
  or the sign-in endpoints. Scripted rules (``scripts``) may target any path by regex
  (Graph, sign-in, anything but ``/_demo``) and fire exactly ``count`` times each, first
  matching rule first. Rules match HTTP requests, never the items inside a ``$batch``.
* **Throttling**: a token bucket (``rate_per_s`` + ``burst``) that the Graph dispatcher asks
  once per Graph operation (:meth:`FaultInjector.take_operation`; each ``$batch`` item is one).

The configuration is JSON at ``GET/POST/DELETE /_demo/faults`` (see :func:`control_routes`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import math
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from qrpin_gui.demo.errors import GraphError
from qrpin_gui.demo.http_io import error_response, graph_error_response, read_json

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

GRAPH_PREFIXES = ("/beta", "/v1.0")
CONTROL_PREFIX = "/_demo"
_RATE_KEYS = ("error_rate", "drop_rate", "malformed_rate")
_RULE_KEYS = frozenset(
    {
        "method",
        "path_regex",
        "count",
        "status",
        "retry_after",
        "body",
        "claims",
        "apply_then_drop",
        "drop",
        "delay_ms",
        "headers",
    }
)
_CONFIG_KEYS = frozenset(
    {
        "latency_ms",
        "jitter_ms",
        "rate_per_s",
        "burst",
        "error_rate",
        "error_status",
        "error_retry_after",
        "drop_rate",
        "malformed_rate",
        "seed",
        "scripts",
        "whole_second_retry_after",
    }
)
_ERROR_STATUSES = frozenset({500, 502, 503, 504})

# Graph error codes for the statuses a scripted rule may answer without a body of its own.
_GRAPH_ERRORS: dict[int, tuple[str, str]] = {
    400: ("BadRequest", "The request is malformed or incorrect."),
    401: ("InvalidAuthenticationToken", "Access token validation failure."),
    403: ("Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
    404: (
        "Request_ResourceNotFound",
        "Resource does not exist or one of its queried reference-property objects are not present.",
    ),
    405: ("BadRequest", "Specified HTTP method is not allowed for the request target."),
    409: ("conflict", "The request conflicts with the current state of the resource."),
    412: (
        "PreconditionFailed",
        "The precondition given in one or more of the request headers evaluated to false.",
    ),
    429: ("TooManyRequests", "Please retry again later."),
    500: ("generalException", "An internal server error occurred."),
    502: ("BadGateway", "The service is temporarily unreachable."),
    503: (
        "serviceNotAvailable",
        "The service is temporarily unavailable. Please retry after a while.",
    ),
    504: ("GatewayTimeout", "The operation timed out."),
}
_CAE_MESSAGE = (
    "Continuous access evaluation resulted in challenge with result: InteractionRequired "
    "and code: TokenIssuedBeforeRevocationTimestamp"
)


class FaultConfigError(ValueError):
    """A fault configuration that cannot be applied (answered as 400 by the control API)."""


def is_graph_path(path: str) -> bool:
    """True for the Graph surface (``/beta/...``, ``/v1.0/...``)."""
    return any(path == p or path.startswith(p + "/") for p in GRAPH_PREFIXES)


def format_retry_after(seconds: float, *, whole: bool = False) -> str:
    """``Retry-After`` in seconds as Graph documents it: possibly fractional (its throttling
    page shows values like ``2.128``), to the millisecond and rounded up so a client never
    retries too early (0.0501 -> ``0.051``, 2 -> ``2``).

    ``whole`` (the fault switch ``whole_second_retry_after``) writes plain HTTP
    delay-seconds instead, rounded up (0.2 -> ``1``), for clients that must cope with both.
    """
    seconds = max(0.0, float(seconds))
    if whole:
        return str(math.ceil(seconds))
    if seconds.is_integer():
        return str(int(seconds))
    millis = math.ceil(round(seconds * 1000, 6))
    return f"{millis / 1000:.3f}".rstrip("0").rstrip(".")


def graph_error_body(
    status: int, code: str | None = None, message: str | None = None, request_id: str | None = None
) -> dict[str, Any]:
    """Graph's standard error body for ``status``."""
    default_code, default_message = _GRAPH_ERRORS.get(status, ("generalException", "Error."))
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    rid = request_id or str(uuid.uuid4())
    inner: dict[str, Any] = {"date": now, "request-id": rid, "client-request-id": rid}
    if status == 429:
        inner.update({"code": "429", "message": "Please retry after", "status": "429"})
    return {
        "error": {
            "code": code or default_code,
            "message": message or default_message,
            "innerError": inner,
        }
    }


def encode_claims(claims: Any) -> str:
    """The ``claims`` value of an ``insufficient_claims`` challenge: base64 of the claims JSON.

    A dict is serialised; a string starting with ``{`` is taken as JSON; any other string
    is taken as already encoded.
    """
    if isinstance(claims, dict):
        raw = json.dumps(claims, separators=(",", ":"))
    elif isinstance(claims, str) and claims.lstrip().startswith("{"):
        raw = claims
    elif isinstance(claims, str):
        return claims
    else:
        raise FaultConfigError("claims must be an object or a string")
    return base64.b64encode(raw.encode()).decode()


@dataclass
class ScriptRule:
    """One scripted one-off event: fires for the first ``count`` matching requests."""

    path_regex: re.Pattern[str]
    method: str | None = None
    count: int = 1
    status: int | None = None
    retry_after: float | None = None
    body: Any = None
    claims: Any = None
    apply_then_drop: bool = False
    drop: bool = False
    delay_ms: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    fired: int = 0

    @property
    def remaining(self) -> int:
        return max(0, self.count - self.fired)

    def matches(self, method: str, path: str) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is not None and self.method != method.upper():
            return False
        return self.path_regex.search(path) is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path_regex": self.path_regex.pattern,
            "count": self.count,
            "status": self.status,
            "retry_after": self.retry_after,
            "body": self.body,
            "claims": self.claims,
            "apply_then_drop": self.apply_then_drop,
            "drop": self.drop,
            "delay_ms": self.delay_ms,
            "headers": dict(self.headers),
            "fired": self.fired,
            "remaining": self.remaining,
        }

    @classmethod
    def from_json(cls, data: Any) -> ScriptRule:
        if not isinstance(data, dict):
            raise FaultConfigError("each script rule must be an object")
        unknown = set(data) - _RULE_KEYS
        if unknown:
            raise FaultConfigError(f"unknown script rule field(s): {sorted(unknown)}")
        pattern = data.get("path_regex", ".*")
        if not isinstance(pattern, str):
            raise FaultConfigError("path_regex must be a string")
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise FaultConfigError(f"bad path_regex: {exc}") from exc
        method = data.get("method")
        if method is not None and (not isinstance(method, str) or not method.strip()):
            raise FaultConfigError("method must be a string")
        count = _as_int(data.get("count", 1), "count", minimum=1)
        status = data.get("status")
        if status is not None:
            status = _as_int(status, "status", minimum=100)
            if status > 599:
                raise FaultConfigError("status must be an HTTP status")
        claims = data.get("claims")
        if claims is not None:
            encode_claims(claims)  # validates
            if status is None:
                status = 401
        retry_after = data.get("retry_after")
        if retry_after is not None:
            retry_after = _as_float(retry_after, "retry_after", minimum=0.0)
        headers = data.get("headers") or {}
        if not isinstance(headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise FaultConfigError("headers must map strings to strings")
        body = data.get("body")
        if body is not None and status is None:
            status = 200
        return cls(
            path_regex=regex,
            method=method.strip().upper() if method else None,
            count=count,
            status=status,
            retry_after=retry_after,
            body=body,
            claims=claims,
            apply_then_drop=_as_bool(data.get("apply_then_drop", False), "apply_then_drop"),
            drop=_as_bool(data.get("drop", False), "drop"),
            delay_ms=_as_float(data.get("delay_ms", 0), "delay_ms", minimum=0.0),
            headers=headers,
        )


@dataclass
class FaultRates:
    """Probabilistic and steady faults (all off by default)."""

    latency_ms: float = 0.0
    jitter_ms: float = 0.0
    rate_per_s: float | None = None
    burst: float | None = None
    error_rate: float = 0.0
    error_status: int = 503
    error_retry_after: float = 1.0
    drop_rate: float = 0.0
    malformed_rate: float = 0.0
    seed: int | None = None
    whole_second_retry_after: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "latency_ms": self.latency_ms,
            "jitter_ms": self.jitter_ms,
            "rate_per_s": self.rate_per_s,
            "burst": self.burst,
            "error_rate": self.error_rate,
            "error_status": self.error_status,
            "error_retry_after": self.error_retry_after,
            "drop_rate": self.drop_rate,
            "malformed_rate": self.malformed_rate,
            "seed": self.seed,
            "whole_second_retry_after": self.whole_second_retry_after,
        }


@dataclass
class _Decision:
    """What the wrapper does with one request."""

    delay_s: float = 0.0
    rule: ScriptRule | None = None
    drop: bool = False
    error_status: int | None = None
    malformed: bool = False


class FaultInjector:
    """The demo tenant's fault configuration and its ASGI wrapper.

    Thread-safe: the control API, the HTTP wrapper and the Graph dispatcher may call it from
    the server loop while a test thread reads :meth:`snapshot`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rates = FaultRates()
        self._rules: list[ScriptRule] = []
        self._rng = random.Random()
        self._tokens = 0.0
        self._last_refill = time.monotonic()
        self._counters = self._zero_counters()

    # -- configuration -------------------------------------------------------------------

    @staticmethod
    def _zero_counters() -> dict[str, int]:
        return {
            "requests": 0,
            "delayed": 0,
            "errors": 0,
            "dropped": 0,
            "malformed": 0,
            "throttled": 0,
            "scripted": 0,
        }

    def clear(self) -> None:
        """No faults at all: rates off, scripts gone, counters zeroed, bucket off."""
        with self._lock:
            self._rates = FaultRates()
            self._rules = []
            self._rng = random.Random()
            self._tokens = 0.0
            self._last_refill = time.monotonic()
            self._counters = self._zero_counters()

    def configure(self, data: dict[str, Any]) -> None:
        """Merge ``data`` into the configuration (``scripts``, when given, replaces the list).

        Raises :class:`FaultConfigError` for unknown keys or bad values, changing nothing.
        """
        if not isinstance(data, dict):
            raise FaultConfigError("the fault configuration must be a JSON object")
        unknown = set(data) - _CONFIG_KEYS
        if unknown:
            raise FaultConfigError(f"unknown fault field(s): {sorted(unknown)}")
        with self._lock:
            rates = FaultRates(**self._rates.__dict__)
        rules: list[ScriptRule] | None = None
        for key, value in data.items():
            if key in ("latency_ms", "jitter_ms"):
                setattr(rates, key, _as_float(value, key, minimum=0.0))
            elif key in _RATE_KEYS:
                rate = _as_float(value, key, minimum=0.0)
                if rate > 1.0:
                    raise FaultConfigError(f"{key} must be between 0 and 1")
                setattr(rates, key, rate)
            elif key in ("rate_per_s", "burst"):
                number = None if value is None else _as_float(value, key, minimum=0.0)
                setattr(rates, key, number or None)
            elif key == "error_status":
                status = _as_int(value, key, minimum=100)
                if status not in _ERROR_STATUSES:
                    raise FaultConfigError(f"error_status must be one of {sorted(_ERROR_STATUSES)}")
                rates.error_status = status
            elif key == "error_retry_after":
                rates.error_retry_after = _as_float(value, key, minimum=0.0)
            elif key == "whole_second_retry_after":
                rates.whole_second_retry_after = _as_bool(value, key)
            elif key == "seed":
                rates.seed = None if value is None else _as_int(value, key, minimum=None)
            elif key == "scripts":
                if not isinstance(value, list):
                    raise FaultConfigError("scripts must be a list of rules")
                rules = [ScriptRule.from_json(item) for item in value]
        with self._lock:
            bucket_changed = (rates.rate_per_s, rates.burst) != (
                self._rates.rate_per_s,
                self._rates.burst,
            )
            self._rates = rates
            if "seed" in data:
                self._rng = random.Random(rates.seed)
            if rules is not None:
                self._rules = rules
            if bucket_changed:
                self._tokens = self._bucket_capacity()
                self._last_refill = time.monotonic()

    def add_rules(self, items: list[Any]) -> None:
        """Append scripted rules after the existing ones."""
        rules = [ScriptRule.from_json(item) for item in items]
        with self._lock:
            self._rules.extend(rules)

    def snapshot(self) -> dict[str, Any]:
        """The configuration as JSON, with each rule's ``fired``/``remaining`` and counters."""
        with self._lock:
            data = self._rates.to_json()
            data["scripts"] = [rule.to_json() for rule in self._rules]
            data["counters"] = dict(self._counters)
        return data

    def retry_after_header(self, seconds: float) -> str:
        """The ``Retry-After`` value for a wait of ``seconds`` (see :func:`format_retry_after`)."""
        with self._lock:
            whole = self._rates.whole_second_retry_after
        return format_retry_after(seconds, whole=whole)

    # -- throttling ----------------------------------------------------------------------

    def _bucket_capacity(self) -> float:
        rate = self._rates.rate_per_s or 0.0
        return self._rates.burst if self._rates.burst else max(1.0, rate)

    def take_operation(self) -> float | None:
        """Take one Graph operation from the token bucket.

        Returns ``None`` to go ahead, or the seconds until a token is available (answer 429
        with that ``Retry-After``).
        """
        with self._lock:
            rate = self._rates.rate_per_s
            if not rate:
                return None
            now = time.monotonic()
            capacity = self._bucket_capacity()
            self._tokens = min(capacity, self._tokens + (now - self._last_refill) * rate)
            self._last_refill = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return None
            self._counters["throttled"] += 1
            return max(0.001, (1.0 - self._tokens) / rate)

    # -- per-request decision -------------------------------------------------------------

    def _decide(self, method: str, path: str) -> _Decision:
        decision = _Decision()
        graph = is_graph_path(path)
        with self._lock:
            rates = self._rates
            if graph:
                self._counters["requests"] += 1
                if rates.latency_ms or rates.jitter_ms:
                    jitter = self._rng.uniform(0.0, rates.jitter_ms) if rates.jitter_ms else 0.0
                    decision.delay_s = (rates.latency_ms + jitter) / 1000.0
                    self._counters["delayed"] += 1
            control = path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")
            for rule in () if control else self._rules:
                if rule.matches(method, path):
                    rule.fired += 1
                    self._counters["scripted"] += 1
                    decision.rule = rule
                    return decision
            if not graph:
                return decision
            # One draw per rate, in a fixed order, so a seed reproduces the same run.
            drop_roll = self._rng.random() if rates.drop_rate else 1.0
            error_roll = self._rng.random() if rates.error_rate else 1.0
            malformed_roll = self._rng.random() if rates.malformed_rate else 1.0
            if drop_roll < rates.drop_rate:
                decision.drop = True
                self._counters["dropped"] += 1
            elif error_roll < rates.error_rate:
                decision.error_status = rates.error_status
                self._counters["errors"] += 1
            elif malformed_roll < rates.malformed_rate:
                decision.malformed = True
                self._counters["malformed"] += 1
        return decision

    # -- ASGI ----------------------------------------------------------------------------

    def wrap_asgi(self, app: ASGIApp) -> ASGIApp:
        """The ASGI app with HTTP-level faults in front of it."""
        injector = self

        async def faulty_app(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            await injector._handle(app, scope, receive, send)

        return faulty_app

    async def _handle(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
        method = str(scope.get("method", "GET")).upper()
        path = str(scope.get("path", "/"))
        decision = self._decide(method, path)
        if decision.delay_s > 0:
            await asyncio.sleep(decision.delay_s)
        rule = decision.rule
        if rule is not None:
            log.debug("fault script fired: %s %s", method, rule.path_regex.pattern)
            if rule.delay_ms:
                await asyncio.sleep(rule.delay_ms / 1000.0)
            if rule.drop:
                await drop_connection(send)
            elif rule.apply_then_drop:
                await app(scope, receive, _swallow)
                await drop_connection(send)
            elif rule.status is not None:
                await self._send_scripted(rule, scope, send)
            else:
                await app(scope, receive, send)
            return
        if decision.drop:
            log.debug("fault: dropping %s %s", method, path)
            await drop_connection(send)
        elif decision.error_status is not None:
            headers = {}
            if decision.error_status == 503:
                headers["Retry-After"] = self.retry_after_header(self._rates.error_retry_after)
            await _send_json(
                send, decision.error_status, graph_error_body(decision.error_status), headers
            )
        elif decision.malformed:
            await self._send_malformed(app, scope, receive, send)
        else:
            await app(scope, receive, send)

    async def _send_scripted(self, rule: ScriptRule, scope: Scope, send: Send) -> None:
        status = rule.status or 200
        headers = dict(rule.headers)
        if rule.retry_after is not None:
            headers["Retry-After"] = self.retry_after_header(rule.retry_after)
        if rule.claims is not None:
            host = _header(scope, b"host") or "127.0.0.1"
            headers["WWW-Authenticate"] = (
                f'Bearer realm="", authorization_uri="https://{host}/common/oauth2/authorize", '
                'client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", '
                f'claims="{encode_claims(rule.claims)}"'
            )
        if status == 204 or status == 304:
            await _send_raw(send, status, b"", headers, content_type=None)
            return
        body = rule.body
        if body is None:
            if status < 400:
                await _send_raw(send, status, b"", headers, content_type=None)
                return
            message = _CAE_MESSAGE if rule.claims is not None else None
            body = graph_error_body(status, message=message)
        if isinstance(body, str):
            await _send_raw(send, status, body.encode(), headers, "application/json")
        else:
            await _send_json(send, status, body, headers)

    async def _send_malformed(
        self, app: ASGIApp, scope: Scope, receive: Receive, send: Send
    ) -> None:
        captured: list[Message] = []

        async def capture(message: Message) -> None:
            captured.append(message)

        await app(scope, receive, capture)
        body = b"".join(m.get("body", b"") for m in captured if m["type"] == "http.response.body")
        truncated = body[: len(body) // 2] if len(body) >= 4 else b'{"value":[{"id":"'
        start = next((m for m in captured if m["type"] == "http.response.start"), None)
        headers = {}
        if start is not None:
            for key, value in start.get("headers", []):
                name = key.decode("latin-1")
                if name.lower() not in ("content-length", "content-type"):
                    headers[name] = value.decode("latin-1")
        await _send_raw(send, 200, truncated, headers, "application/json; charset=utf-8")


def _as_int(value: Any, name: str, minimum: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        raise FaultConfigError(f"{name} must be an integer")
    if minimum is not None and value < minimum:
        raise FaultConfigError(f"{name} must be at least {minimum}")
    return int(value)


def _as_float(value: Any, name: str, minimum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultConfigError(f"{name} must be a number")
    if value < minimum:
        raise FaultConfigError(f"{name} must be at least {minimum:g}")
    return float(value)


def _as_bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise FaultConfigError(f"{name} must be true or false")
    return value


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


async def _swallow(message: Message) -> None:
    """An ASGI ``send`` that discards the answer (the client never sees it)."""


async def _send_json(send: Send, status: int, body: Any, headers: dict[str, str]) -> None:
    raw = json.dumps(body, separators=(",", ":")).encode()
    await _send_raw(send, status, raw, headers, "application/json")


async def _send_raw(
    send: Send, status: int, body: bytes, headers: dict[str, str], content_type: str | None
) -> None:
    raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    if content_type:
        raw_headers.append((b"content-type", content_type.encode("latin-1")))
    raw_headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def _find_transport(send: Any, depth: int = 0) -> Any:
    """The asyncio transport behind an ASGI ``send`` callable, or None.

    uvicorn's ``send`` is a bound method of its request cycle, which holds the transport;
    middlewares that wrap ``send`` keep the inner callable in their closure or ``__self__``.
    """
    if send is None or depth > 6:
        return None
    owner = getattr(send, "__self__", None)
    for candidate in (owner, send):
        transport = getattr(candidate, "transport", None)
        if transport is not None and hasattr(transport, "abort"):
            return transport
    inner_candidates: list[Any] = []
    if owner is not None and hasattr(owner, "__dict__"):
        inner_candidates.extend(
            value for name, value in vars(owner).items() if name in ("send", "_send", "app_send")
        )
    for cell in getattr(send, "__closure__", None) or ():
        try:
            inner_candidates.append(cell.cell_contents)
        except ValueError:
            continue
    for inner in inner_candidates:
        if callable(inner):
            transport = _find_transport(inner, depth + 1)
            if transport is not None:
                return transport
    return None


async def drop_connection(send: Send) -> None:
    """Abort the TCP connection under ``send`` without an HTTP answer.

    The client sees the connection closed (httpx: ``RemoteProtocolError``/``ReadError``).
    If no transport can be found (an unknown server), the answer is started and then the
    application fails, which makes the server close the connection mid-response.
    """
    transport = _find_transport(send)
    if transport is None:
        log.warning("fault drop: no transport found; closing mid-response instead")
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]}
        )
        await send({"type": "http.response.body", "body": b"{", "more_body": True})
        raise ConnectionAbortedError("demo fault: connection dropped")
    transport.abort()
    # Let the server see connection_lost so it does not try to answer 500 afterwards.
    owner = getattr(send, "__self__", None)
    for _ in range(100):
        if owner is None or getattr(owner, "disconnected", True):
            break
        await asyncio.sleep(0)
    else:
        await asyncio.sleep(0.01)


def control_routes(state: Any) -> list[BaseRoute]:
    """``GET/POST/DELETE /_demo/faults`` and ``POST /_demo/faults/scripts`` (append)."""

    async def get_faults(request: Request) -> Response:
        return JSONResponse(state.faults.snapshot())

    async def post_faults(request: Request) -> Response:
        try:
            data = await read_json(request)
            state.faults.configure(data)
        except GraphError as exc:
            return graph_error_response(request, exc)
        except FaultConfigError as exc:
            return _bad_request(request, str(exc))
        return JSONResponse(state.faults.snapshot())

    async def delete_faults(request: Request) -> Response:
        state.faults.clear()
        return JSONResponse(state.faults.snapshot())

    async def post_scripts(request: Request) -> Response:
        try:
            data = await read_json(request)
            state.faults.add_rules(data if isinstance(data, list) else [data])
        except GraphError as exc:
            return graph_error_response(request, exc)
        except FaultConfigError as exc:
            return _bad_request(request, str(exc))
        return JSONResponse(state.faults.snapshot())

    return [
        Route("/_demo/faults", get_faults, methods=["GET"]),
        Route("/_demo/faults", post_faults, methods=["POST"]),
        Route("/_demo/faults", delete_faults, methods=["DELETE"]),
        Route("/_demo/faults/scripts", post_scripts, methods=["POST"]),
    ]


def _bad_request(request: Request, message: str) -> Response:
    """400 with Graph's error body (``innerError`` with the request ids), like the rest of
    the control API."""
    return error_response(request, 400, "BadRequest", message)
