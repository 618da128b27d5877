"""Starlette glue shared by the Graph, control and sign-in endpoints: bounded body and
JSON reading, and Graph-style JSON responses."""

from __future__ import annotations

import json
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from qrpin_gui.demo.constants import MAX_BODY_BYTES
from qrpin_gui.demo.errors import GraphError, error_body, invalid_json
from qrpin_gui.demo.graph_core import JSON_CONTENT_TYPE, GraphResponse


def too_large(limit: int) -> GraphError:
    return GraphError(
        413,
        "RequestEntityTooLarge",
        f"The request body is larger than the {limit} bytes this service accepts.",
    )


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body, or 413 as soon as it is known to exceed ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


MAX_JSON_DEPTH = 64
"""Deepest JSON nesting any demo endpoint accepts (Graph bodies, claims and control bodies
are a few levels deep); deeper input is malformed input, never a server error."""


def loads_bounded(raw: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that raises ``ValueError`` for every bad input: broken syntax or UTF-8,
    and nesting deeper than ``max_depth`` (including input deep enough to exhaust the
    parser's recursion limit, which ``json`` reports as ``RecursionError``)."""
    try:
        value = json.loads(raw)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    # UnicodeDecodeError is a ValueError: it passes through as one.
    if _deeper_than(value, max_depth):
        raise ValueError("JSON nested too deeply")
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """True if containers nest more than ``limit`` levels (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


async def read_json(request: Request, limit: int = MAX_BODY_BYTES) -> Any:
    """The request body parsed as JSON: 413 past ``limit`` bytes, 400 ``BadRequest`` for
    anything that is not JSON (bad syntax, bad UTF-8, too deeply nested)."""
    raw = await read_body(request, limit)
    try:
        return loads_bounded(raw)
    except ValueError as exc:
        raise invalid_json() from exc


def dumps(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def to_response(resp: GraphResponse) -> Response:
    headers = {k: v for k, v in resp.headers.items() if k.lower() != "content-type"}
    if resp.body is None:
        return Response(status_code=resp.status, headers=headers)
    if isinstance(resp.body, str):
        return Response(resp.body, resp.status, headers, media_type="text/plain")
    return Response(dumps(resp.body), resp.status, headers, media_type=JSON_CONTENT_TYPE)


def error_response(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    request_id = str(uuid.uuid4())
    client_request_id = request.headers.get("client-request-id") or request_id
    return to_response(
        GraphResponse(
            status,
            error_body(code, message, request_id, client_request_id),
            {"request-id": request_id, "client-request-id": client_request_id, **(headers or {})},
        )
    )


def graph_error_response(request: Request, exc: GraphError) -> Response:
    return error_response(request, exc.status, exc.code, exc.message, exc.headers)
