"""The one Microsoft Graph client: token, retries, paging and ``$batch`` over one httpx client.

Rules it keeps (see ``docs/graph-qrpin-api.md`` section 4):

- every request carries a fresh ``client-request-id`` (uuid4) and the bearer token; a token
  provider that fails (whatever it raises) becomes a typed Graph error (authentication, consent
  or offline) with the provider's exception as ``__cause__``;
- 429 and 503 mean the service did not act: retried for reads and writes alike, honouring
  ``Retry-After``, bounded by :class:`~qrpin_gui.graph.retry.RetryPolicy`;
- a 401 gets one forced token refresh and one retry; a 401/403 with an ``insufficient_claims``
  challenge asks the token provider for a token with those claims and retries once;
- a write whose answer is lost after it was sent (timeout, dropped connection, truncated body,
  gateway timeout) raises :class:`~qrpin_gui.graph.errors.OutcomeUnknownError` and is never
  repeated; reads retry those, bounded; a connection that could not be made at all may be
  retried for writes too (nothing reached the service);
- paging follows ``@odata.nextLink`` verbatim (only to the same origin: the token never leaves
  for another host) and re-sends ``ConsistencyLevel``;
- ``$batch`` packs up to 20 requests, maps answers by id in any order, retries only the items
  answered 429/503 after the longest ``Retry-After``, and turns a malformed answer into a typed
  error per item.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from ssl import SSLContext
from typing import Any
from urllib.parse import urlsplit

import httpx

from qrpin_gui import __version__
from qrpin_gui.graph.connection import SYSTEM_PROXY, choose_proxy, make_ssl_context
from qrpin_gui.graph.errors import (
    AuthenticationError,
    ForbiddenError,
    GraphError,
    GraphTimeoutError,
    MalformedResponseError,
    NetworkUnreachableError,
    OutcomeUnknownError,
    ServerError,
    ThrottledError,
    error_for_status,
    token_failure,
)
from qrpin_gui.graph.retry import RetryPolicy, parse_retry_after, retry_after_from_headers
from qrpin_gui.graph.tokens import GRAPH_DEFAULT_SCOPES, TokenProvider

log = logging.getLogger(__name__)

GRAPH_BETA_URL = "https://graph.microsoft.com/beta"
MAX_BATCH_SIZE = 20
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
THROTTLE_STATUSES = frozenset({429, 503})

# Auth-method calls can take up to 60 s at the service before it gives up itself.
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=75.0, write=30.0, pool=60.0)


@dataclass(frozen=True, slots=True)
class GraphClientConfig:
    """How to reach Graph.

    ``verify``: None = the OS trust store; a CA path or an :class:`ssl.SSLContext` (demo).
    ``proxy``: ``"system"``, ``"none"`` or a proxy URL.
    ``scopes``: the scopes asked of the token provider unless a call names its own.
    """

    base_url: str = GRAPH_BETA_URL
    scopes: tuple[str, ...] = GRAPH_DEFAULT_SCOPES
    verify: SSLContext | str | Path | None = None
    proxy: str = SYSTEM_PROXY
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_connections: int = 16
    user_agent: str = f"qrpin-gui/{__version__}"


@dataclass(slots=True)
class ClientStats:
    """Counters for diagnostics and benchmarks."""

    requests: int = 0  # HTTP requests actually sent (every attempt counts)
    throttled: int = 0  # whole requests answered 429/503
    throttled_items: int = 0  # $batch items answered 429/503
    retries: int = 0


class GraphResponse:
    """A successful (2xx) answer. ``json()`` never raises anything but a typed error."""

    __slots__ = (
        "_json",
        "_parsed",
        "client_request_id",
        "content",
        "headers",
        "method",
        "path",
        "request_id",
        "status",
    )

    def __init__(
        self,
        status: int,
        headers: Mapping[str, str],
        content: bytes,
        *,
        method: str,
        path: str,
        client_request_id: str,
    ) -> None:
        self.status = status
        self.headers = dict(headers)
        self.content = content
        self.method = method
        self.path = path
        self.client_request_id = client_request_id
        self.request_id = _header(headers, "request-id")
        self._parsed = False
        self._json: Any = None

    def _malformed(self, why: str) -> MalformedResponseError:
        return MalformedResponseError(
            why,
            status=self.status,
            method=self.method,
            path=self.path,
            request_id=self.request_id,
            client_request_id=self.client_request_id,
            date=_header(self.headers, "date"),
        )

    def json(self) -> Any:
        """The body as JSON (None for an empty body)."""
        if not self._parsed:
            if not self.content.strip():
                self._json = None
            else:
                try:
                    self._json = json.loads(self.content)
                except (ValueError, UnicodeDecodeError) as exc:
                    raise self._malformed("the answer is not valid JSON") from exc
            self._parsed = True
        return self._json

    def json_object(self) -> dict[str, Any]:
        """The body, which must be a JSON object."""
        body = self.json()
        if not isinstance(body, dict):
            raise self._malformed("the answer is not a JSON object")
        return body


def _header(headers: Mapping[str, str], name: str) -> str | None:
    lowered = name.lower()
    for key, value in headers.items():
        if key.lower() == lowered:
            return str(value)
    return None


_CHALLENGE_PARAM = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def claims_from_challenge(www_authenticate: str | None) -> str | None:
    """The claims JSON of an ``insufficient_claims`` challenge, base64-decoded when encoded."""
    if not www_authenticate:
        return None
    params: dict[str, str] = {
        str(k).lower(): str(v) for k, v in _CHALLENGE_PARAM.findall(www_authenticate)
    }
    if params.get("error", "").lower() != "insufficient_claims":
        return None
    raw = params.get("claims")
    if not raw:
        return None
    if raw.lstrip().startswith("{"):
        return raw
    padded = raw + "=" * (-len(raw) % 4)
    for decoder in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            text = decoder(padded).decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if text.lstrip().startswith("{"):
            return text
    return raw


# --------------------------------------------------------------------------- $batch types


@dataclass(frozen=True, slots=True)
class BatchRequest:
    """One request inside a ``$batch``; ``url`` is relative to the version root
    (``/users/{id}/authentication/qrCodePinMethod``)."""

    id: str
    method: str
    url: str
    body: Any = None
    headers: Mapping[str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {"id": self.id, "method": self.method.upper(), "url": self.url}
        headers = dict(self.headers or {})
        if self.body is not None:
            if not any(k.lower() == "content-type" for k in headers):
                headers["Content-Type"] = "application/json"
            item["body"] = self.body
        if headers:
            item["headers"] = headers
        return item


@dataclass(frozen=True, slots=True)
class BatchResponse:
    """The answer to one batch item. ``error`` is set for status >= 400 and for an item the
    service's answer lost or mangled (then ``status`` is 0 unless the service sent one)."""

    id: str
    status: int
    headers: Mapping[str, str]
    body: Any
    error: GraphError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300

    @property
    def retry_after(self) -> float | None:
        return retry_after_from_headers(self.headers)

    @classmethod
    def failed(cls, item_id: str, error: GraphError) -> BatchResponse:
        return cls(item_id, error.status or 0, {}, None, error)


# --------------------------------------------------------------------------- paging


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a collection: its items, ``@odata.count`` (first page only, when asked)."""

    items: list[dict[str, Any]]
    count: int | None
    next_link: str | None


# --------------------------------------------------------------------------- the client


_NOT_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
)


class GraphClient:
    """Async Microsoft Graph client owning one :class:`httpx.AsyncClient`.

    ``transport`` is for tests that need a condition the demo tenant cannot produce.
    """

    def __init__(
        self,
        tokens: TokenProvider,
        config: GraphClientConfig | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config or GraphClientConfig()
        self.stats = ClientStats()
        self._tokens = tokens
        base = self.config.base_url.rstrip("/")
        self._base_url = base
        parts = urlsplit(base)
        self._origin = (parts.scheme.lower(), (parts.netloc or "").lower())
        proxy = choose_proxy(self.config.proxy, base)
        self._http = httpx.AsyncClient(
            verify=make_ssl_context(self.config.verify),
            proxy=proxy.proxy,
            trust_env=proxy.trust_env,
            timeout=self.config.timeout,
            limits=httpx.Limits(
                max_connections=self.config.max_connections,
                max_keepalive_connections=self.config.max_connections,
            ),
            headers={"User-Agent": self.config.user_agent, "Accept": "application/json"},
            transport=transport,
            follow_redirects=False,
        )

    @property
    def base_url(self) -> str:
        return self._base_url

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> GraphClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # ------------------------------------------------------------------ plumbing

    def _full_url(self, url: str) -> str:
        if url.startswith(("https://", "http://")):
            parts = urlsplit(url)
            if (parts.scheme.lower(), parts.netloc.lower()) != self._origin:
                raise MalformedResponseError(
                    "a link pointed away from Microsoft Graph; not following it",
                    path=parts.path,
                )
            return url
        if not url.startswith("/"):
            url = "/" + url
        return self._base_url + url

    @staticmethod
    def _path_of(url: str) -> str:
        return urlsplit(url).path

    # ------------------------------------------------------------------ requests

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
        scopes: Sequence[str] | None = None,
        write: bool | None = None,
        expect_json: bool = True,
        retry: RetryPolicy | None = None,
        http_timeout: httpx.Timeout | float | None = None,
    ) -> GraphResponse:
        """Send one Graph request with the client's retry rules; return the 2xx answer.

        ``url`` is a path under the base URL (``/users``) or an absolute link from the service.
        ``write`` defaults to "not GET": a write whose answer is lost raises
        :class:`OutcomeUnknownError` instead of being repeated. ``expect_json``: a 2xx body must
        parse as JSON (an empty body is fine); a read with a mangled body is retried.
        """
        method = method.upper()
        is_write = (method not in READ_METHODS) if write is None else write
        policy = retry or self.config.retry
        wanted_scopes = tuple(scopes or self.config.scopes)
        full_url = self._full_url(url)
        path = self._path_of(full_url)
        loop = asyncio.get_running_loop()
        started = loop.time()

        attempt = 0
        transient_failures = 0
        connect_failures = 0
        refreshed = False
        claims_tried = False
        force_refresh = False
        claims: str | None = None

        def time_left() -> float:
            return policy.max_total_seconds - (loop.time() - started)

        while True:
            attempt += 1
            token = await self._token(wanted_scopes, force_refresh, claims, method, path)
            force_refresh = False
            client_request_id = str(uuid.uuid4())
            request_headers = {
                "Authorization": f"Bearer {token}",
                "client-request-id": client_request_id,
                "return-client-request-id": "true",
            }
            if headers:
                request_headers.update(headers)
            facts: dict[str, Any] = {
                "method": method,
                "path": path,
                "client_request_id": client_request_id,
            }
            self.stats.requests += 1
            try:
                response = await self._http.request(
                    method,
                    full_url,
                    params=params,
                    json=json_body,
                    headers=request_headers,
                    timeout=http_timeout if http_timeout is not None else httpx.USE_CLIENT_DEFAULT,
                )
            except _NOT_SENT_ERRORS as exc:
                connect_failures += 1
                certificate_problem = "CERTIFICATE_VERIFY_FAILED" in str(exc)
                log.info("%s %s: could not connect (%s)", method, path, type(exc).__name__)
                if (
                    certificate_problem
                    or connect_failures >= policy.max_connect_attempts
                    or time_left() <= 0
                ):
                    raise NetworkUnreachableError(
                        f"could not reach Microsoft Graph: {type(exc).__name__}", **facts
                    ) from exc
                await self._pause(policy.backoff(connect_failures), time_left())
                continue
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                # The request (or part of it) went out, and the answer was lost.
                timed_out = isinstance(exc, httpx.TimeoutException)
                log.info("%s %s: answer lost (%s)", method, path, type(exc).__name__)
                if is_write:
                    raise OutcomeUnknownError(
                        "the request was sent but its answer was lost "
                        + ("(timeout)" if timed_out else "(connection dropped)"),
                        **facts,
                    ) from exc
                transient_failures += 1
                if transient_failures >= policy.max_transient_attempts or time_left() <= 0:
                    raise GraphTimeoutError(
                        "no complete answer " + ("(timeout)" if timed_out else "(dropped)"),
                        **facts,
                    ) from exc
                self.stats.retries += 1
                await self._pause(policy.backoff(transient_failures), time_left())
                continue

            status = response.status_code
            resp_headers = response.headers
            request_id = resp_headers.get("request-id")
            log.debug(
                "%s %s -> %d (request-id %s, client-request-id %s)",
                method,
                path,
                status,
                request_id,
                client_request_id,
            )

            if 200 <= status < 300:
                graph_response = GraphResponse(
                    status,
                    resp_headers,
                    response.content,
                    method=method,
                    path=path,
                    client_request_id=client_request_id,
                )
                if expect_json:
                    try:
                        graph_response.json()
                    except MalformedResponseError:
                        if is_write:
                            raise
                        transient_failures += 1
                        if transient_failures >= policy.max_transient_attempts or time_left() <= 0:
                            raise
                        self.stats.retries += 1
                        log.info("%s %s: malformed answer, retrying", method, path)
                        await self._pause(policy.backoff(transient_failures), time_left())
                        continue
                return graph_response

            if status in (401, 403):
                challenge_claims = claims_from_challenge(resp_headers.get("www-authenticate"))
                if challenge_claims and not claims_tried:
                    log.info(
                        "%s %s: %d with a claims challenge; retrying once", method, path, status
                    )
                    claims_tried = True
                    claims = challenge_claims
                    continue
                if status == 401 and not refreshed:
                    log.info("%s %s: 401; refreshing the token once", method, path)
                    refreshed = True
                    force_refresh = True
                    continue
                error = error_for_status(
                    status,
                    response.content,
                    resp_headers,
                    method=method,
                    path=path,
                    client_request_id=client_request_id,
                )
                if isinstance(error, AuthenticationError | ForbiddenError):
                    error.claims = challenge_claims
                raise error

            if status in THROTTLE_STATUSES:
                self.stats.throttled += 1
                retry_after = parse_retry_after(resp_headers.get("retry-after"))
                wait = retry_after if retry_after is not None else policy.backoff(attempt)
                if (
                    attempt >= policy.max_attempts
                    or wait > policy.max_retry_after
                    or wait > time_left()
                ):
                    body_error = error_for_status(status, response.content, resp_headers, **facts)
                    raise ThrottledError(
                        body_error.message,
                        status=status,
                        code=body_error.code,
                        request_id=body_error.request_id,
                        client_request_id=body_error.client_request_id,
                        date=body_error.date,
                        method=method,
                        path=path,
                        retry_after=retry_after,
                    )
                log.info("%s %s: %d, retrying in %.2f s", method, path, status, wait)
                self.stats.retries += 1
                await asyncio.sleep(wait)
                continue

            if status in (500, 502, 504):
                if is_write:
                    if status in (502, 504):
                        raise OutcomeUnknownError(
                            f"the gateway answered {status} after the request was sent",
                            status=status,
                            request_id=request_id,
                            method=method,
                            path=path,
                            client_request_id=client_request_id,
                        )
                else:
                    transient_failures += 1
                    if transient_failures < policy.max_transient_attempts and time_left() > 0:
                        self.stats.retries += 1
                        await self._pause(policy.backoff(transient_failures), time_left())
                        continue

            error = error_for_status(
                status,
                response.content,
                resp_headers,
                method=method,
                path=path,
                client_request_id=client_request_id,
            )
            if isinstance(error, ServerError) and status == 503:
                error.retry_after = parse_retry_after(resp_headers.get("retry-after"))
            raise error

    async def _token(
        self,
        scopes: tuple[str, ...],
        force_refresh: bool,
        claims: str | None,
        method: str,
        path: str,
    ) -> str:
        """The provider's token; any failure of the provider becomes a typed Graph error
        (:func:`~qrpin_gui.graph.errors.token_failure`) with the original as ``__cause__``."""
        try:
            return await self._tokens.get_token(scopes, force_refresh=force_refresh, claims=claims)
        except GraphError:
            raise
        except Exception as exc:
            error = token_failure(exc, scopes=scopes, claims=claims)
            error.method, error.path = method, path
            log.info("%s %s: no access token (%s)", method, path, error.sign_in_kind or error.kind)
            raise error from exc

    @staticmethod
    async def _pause(delay: float, time_left: float) -> None:
        await asyncio.sleep(max(0.0, min(delay, time_left)))

    async def get_json(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        scopes: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """GET a JSON object."""
        response = await self.request("GET", url, params=params, headers=headers, scopes=scopes)
        return response.json_object()

    # ------------------------------------------------------------------ paging

    async def pages(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        scopes: Sequence[str] | None = None,
    ) -> AsyncIterator[Page]:
        """Yield the pages of a collection, following ``@odata.nextLink`` verbatim.

        The same ``headers`` (notably ``ConsistencyLevel: eventual``) are re-sent on every page,
        since Graph does not carry them over. Empty pages are yielded too.
        """
        next_url: str | None = url
        next_params = params
        while next_url is not None:
            response = await self.request(
                "GET", next_url, params=next_params, headers=headers, scopes=scopes
            )
            body = response.json_object()
            value = body.get("value")
            if not isinstance(value, list):
                raise response._malformed("a collection answer has no 'value' list")
            count = body.get("@odata.count")
            link = body.get("@odata.nextLink")
            next_url = link if isinstance(link, str) and link else None
            next_params = None
            yield Page(
                items=[item for item in value if isinstance(item, dict)],
                count=count if isinstance(count, int) else None,
                next_link=next_url,
            )

    async def iterate(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        scopes: Sequence[str] | None = None,
    ) -> AsyncIterator[dict[str, Any]]:
        """Yield every item of a collection across its pages."""
        async for page in self.pages(url, params=params, headers=headers, scopes=scopes):
            for item in page.items:
                yield item

    # ------------------------------------------------------------------ $batch

    async def send_batch(
        self,
        requests: Sequence[BatchRequest],
        *,
        scopes: Sequence[str] | None = None,
        retry: RetryPolicy | None = None,
    ) -> dict[str, BatchResponse]:
        """One ``POST /$batch`` of at most 20 requests; an answer for every id.

        Whole-request failures (offline, 401 after refresh, throttled beyond the budget ...)
        propagate as exceptions, except a malformed answer, which becomes a
        :class:`MalformedResponseError` on each item. Items inside are not retried here.
        """
        if not requests:
            return {}
        if len(requests) > MAX_BATCH_SIZE:
            raise ValueError(f"a $batch holds at most {MAX_BATCH_SIZE} requests")
        seen: set[str] = set()
        for item in requests:
            key = item.id.lower()
            if key in seen:
                raise ValueError(f"duplicate $batch id {item.id!r}")
            seen.add(key)
        is_write = any(item.method.upper() not in READ_METHODS for item in requests)
        payload = {"requests": [item.to_json() for item in requests]}
        try:
            response = await self.request(
                "POST", "/$batch", json_body=payload, scopes=scopes, write=is_write, retry=retry
            )
            body = response.json_object()
        except MalformedResponseError as error:
            return {item.id: BatchResponse.failed(item.id, error) for item in requests}
        return self._map_batch_answer(requests, body, response)

    def _map_batch_answer(
        self, requests: Sequence[BatchRequest], body: Mapping[str, Any], response: GraphResponse
    ) -> dict[str, BatchResponse]:
        by_key = {item.id.lower(): item for item in requests}
        results: dict[str, BatchResponse] = {}
        answers = body.get("responses")
        if not isinstance(answers, list):
            answers = []
        for answer in answers:
            if not isinstance(answer, dict):
                continue
            raw_id = answer.get("id")
            item = by_key.get(str(raw_id).lower()) if raw_id is not None else None
            if item is None or item.id in results:
                log.debug("ignoring a $batch answer with an unknown or repeated id")
                continue
            status = answer.get("status")
            headers_raw = answer.get("headers")
            headers = (
                {str(k): str(v) for k, v in headers_raw.items()}
                if isinstance(headers_raw, dict)
                else {}
            )
            item_body = answer.get("body")
            item_path = urlsplit(item.url).path
            if not isinstance(status, int) or isinstance(status, bool):
                no_status = response._malformed("a $batch answer item has no status")
                no_status.path = item_path
                no_status.method = item.method.upper()
                results[item.id] = BatchResponse(item.id, 0, headers, None, no_status)
                continue
            if isinstance(item_body, str) and _looks_base64_json(headers):
                item_body = _decode_base64_json(item_body)
            error: GraphError | None = None
            if status >= 400:
                error = error_for_status(
                    status,
                    item_body,
                    headers,
                    method=item.method.upper(),
                    path=item_path,
                    client_request_id=response.client_request_id,
                )
                if status in THROTTLE_STATUSES:
                    error = ThrottledError(
                        error.message,
                        status=status,
                        code=error.code,
                        request_id=error.request_id,
                        client_request_id=error.client_request_id,
                        date=error.date,
                        method=error.method,
                        path=error.path,
                        retry_after=retry_after_from_headers(headers),
                    )
                    self.stats.throttled_items += 1
            results[item.id] = BatchResponse(item.id, status, headers, item_body, error)
        for item in requests:
            if item.id not in results:
                missing = response._malformed("the $batch answer left this request out")
                missing.method = item.method.upper()
                missing.path = urlsplit(item.url).path
                results[item.id] = BatchResponse.failed(item.id, missing)
        return results

    async def batch(
        self,
        requests: Sequence[BatchRequest],
        *,
        scopes: Sequence[str] | None = None,
        retry: RetryPolicy | None = None,
    ) -> dict[str, BatchResponse]:
        """Run any number of requests through ``$batch`` (20 per POST), retrying only the items
        answered 429/503 after the longest ``Retry-After`` of the round, bounded by the retry
        policy. Always returns an answer (possibly an error) for every request id; a
        whole-request failure becomes that error on each of its items.
        """
        policy = retry or self.config.retry
        loop = asyncio.get_running_loop()
        started = loop.time()
        results: dict[str, BatchResponse] = {}
        pending = list(requests)
        round_number = 0
        while pending:
            round_number += 1
            retry_next: list[BatchRequest] = []
            last_answer: dict[str, BatchResponse] = {}
            longest: float | None = None
            for start in range(0, len(pending), MAX_BATCH_SIZE):
                chunk = pending[start : start + MAX_BATCH_SIZE]
                try:
                    answers = await self.send_batch(chunk, scopes=scopes, retry=policy)
                except GraphError as error:
                    for item in chunk:
                        results[item.id] = BatchResponse.failed(item.id, error)
                    continue
                for item in chunk:
                    answer = answers[item.id]
                    if answer.status in THROTTLE_STATUSES and round_number < policy.max_attempts:
                        retry_next.append(item)
                        last_answer[item.id] = answer
                        wait = answer.retry_after
                        if wait is not None:
                            longest = wait if longest is None else max(longest, wait)
                    else:
                        results[item.id] = answer
            if not retry_next:
                break
            # Not before the longest Retry-After; from the second round on, also not before
            # the backoff (a Retry-After that frees a single slot would otherwise let only
            # one item through per round).
            wait = longest if longest is not None else policy.backoff(round_number)
            if round_number > 1:
                wait = max(wait, policy.backoff(round_number))
            elapsed = loop.time() - started
            if wait > policy.max_retry_after or elapsed + wait > policy.max_total_seconds:
                for item in retry_next:
                    results[item.id] = last_answer[item.id]
                break
            log.info("$batch: %d items throttled, retrying in %.2f s", len(retry_next), wait)
            await asyncio.sleep(wait)
            pending = retry_next
        return {item.id: results[item.id] for item in requests}


def _looks_base64_json(headers: Mapping[str, str]) -> bool:
    content_type = _header(headers, "content-type") or ""
    return "json" in content_type.lower()


def _decode_base64_json(text: str) -> Any:
    """A JSON body some services send base64-encoded inside a batch answer."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return json.loads(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return text
