"""The pieces every Graph handler shares: request/response records, the per-request
context, a small segment router, and JSON helpers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qrpin_gui.demo.errors import GraphError, invalid_json, segment_not_found, user_not_found
from qrpin_gui.demo.model import User
from qrpin_gui.demo.odata import Predicate, Query, decode_skiptoken, encode_skiptoken, next_link
from qrpin_gui.demo.tokens import TokenInfo

if TYPE_CHECKING:
    from qrpin_gui.demo.state import DemoState

JSON_CONTENT_TYPE = (
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;"
    "charset=utf-8"
)


@dataclass
class GraphRequest:
    """One Graph operation: a plain HTTP request or one item of a ``$batch``."""

    method: str
    version: str
    """``beta`` or ``v1.0``."""
    path: str
    """Percent-encoded path after the version, e.g. ``/users/a%40b.example``."""
    query_string: str
    headers: dict[str, str]
    """Lower-case header names."""
    body: bytes = b""
    in_batch: bool = False


@dataclass
class GraphResponse:
    status: int
    body: Any = None
    """A dict/list (JSON), a str (text/plain) or None (no body)."""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Ctx:
    """What a handler gets: the world, the request, the caller and the route's parameters."""

    state: DemoState
    req: GraphRequest
    token: TokenInfo
    actor: User
    query: Query
    params: dict[str, str]

    @property
    def directory(self) -> Any:
        return self.state.directory

    @property
    def eventual(self) -> bool:
        """``ConsistencyLevel: eventual`` sent (advanced queries allowed)."""
        return self.req.headers.get("consistencylevel", "").strip().lower() == "eventual"

    def base(self) -> str:
        return f"{self.state.base_url}/{self.req.version}"

    def context(self, fragment: str) -> str:
        return f"{self.base()}/$metadata#{fragment}"

    def user(self, name: str = "user") -> User:
        key = self.params[name]
        user = self.state.directory.find_user(key)
        if user is None:
            raise user_not_found(key)
        return user

    def json_body(self, *, required: bool = True) -> Any:
        """The parsed JSON body (None when empty and not required); 400 when malformed."""
        raw = self.req.body
        if not raw.strip():
            if required:
                raise invalid_json()
            return None
        ctype = self.req.headers.get("content-type", "")
        if "json" not in ctype.lower():
            raise GraphError(
                415,
                "UnsupportedMediaType",
                "The request body must be JSON (Content-Type: application/json).",
            )
        try:
            return json.loads(raw, parse_constant=_reject_constant)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise invalid_json() from exc

    def json_object(self, *, required: bool = True) -> dict[str, Any]:
        body = self.json_body(required=required)
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise invalid_json()
        return body


def _reject_constant(name: str) -> Any:
    raise ValueError(f"invalid JSON constant {name}")


Handler = Callable[[Ctx], GraphResponse]


class Router:
    """Case-insensitive segment patterns like ``users/{user}/authentication/methods``."""

    def __init__(self) -> None:
        self._routes: list[tuple[tuple[str, ...], dict[str, Handler]]] = []

    def add(self, pattern: str, **handlers: Handler) -> None:
        segs = tuple(s if s.startswith("{") else s.lower() for s in pattern.strip("/").split("/"))
        self._routes.append((segs, {m.upper(): h for m, h in handlers.items()}))

    def resolve(self, method: str, segs: Sequence[str]) -> tuple[Handler, dict[str, str]]:
        """The handler and parameters; 400 (unknown segment) or 405 (wrong verb)."""
        lowered = [s.lower() for s in segs]
        best: tuple[int, tuple[str, ...], dict[str, Handler]] | None = None
        deepest = 0
        for pattern, handlers in self._routes:
            depth = 0
            literals = 0
            for p, s in zip(pattern, lowered, strict=False):
                if p.startswith("{"):
                    if not s or s.startswith("$"):
                        break
                elif p != s:
                    break
                else:
                    literals += 1
                depth += 1
            deepest = max(deepest, depth)
            if depth == len(pattern) == len(lowered) and (best is None or literals > best[0]):
                best = (literals, pattern, handlers)
        if best is None:
            bad = segs[deepest] if deepest < len(segs) else (segs[-1] if segs else "")
            raise segment_not_found(bad)
        _, pattern, handlers = best
        handler = handlers.get(method.upper())
        if handler is None:
            raise GraphError(
                405,
                "Request_BadRequest",
                f"The HTTP method '{method.upper()}' is not allowed for this resource.",
                {"Allow": ", ".join(sorted(handlers))},
            )
        params = {p[1:-1]: s for p, s in zip(pattern, segs, strict=True) if p.startswith("{")}
        return handler, params


# --- responses ------------------------------------------------------------------------------


def ok(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> GraphResponse:
    return GraphResponse(status, body, dict(headers or {}))


def no_content() -> GraphResponse:
    return GraphResponse(204)


def paged(
    ctx: Ctx,
    items: Sequence[Any],
    serialize: Callable[[Any], dict[str, Any]],
    *,
    context: str,
    top: int,
    predicates: Sequence[Predicate] = (),
    count: bool = False,
) -> GraphResponse:
    """A collection page: unfiltered pages are a slice (O(page)); filtered ones scan."""
    token = ctx.query.get("skiptoken")
    generation = ctx.state.directory.generation
    offset = decode_skiptoken(token, generation) if token else 0
    if predicates:
        matching: Sequence[Any] = [x for x in items if all(p(x) for p in predicates)]
    else:
        matching = items
    body: dict[str, Any] = {"@odata.context": ctx.context(context)}
    if count and token is None:
        body["@odata.count"] = len(matching)
    end = offset + top
    if end < len(matching):
        body["@odata.nextLink"] = next_link(
            ctx.base() + ctx.req.path, ctx.query.pairs, encode_skiptoken(end, generation)
        )
    body["value"] = [serialize(x) for x in matching[offset:end]]
    return ok(body)
