"""Starlette glue shared by the Graph and control endpoints: bounded body reading and
Graph-style JSON responses."""

from __future__ import annotations

import json
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from qrpin_gui.demo.constants import MAX_BODY_BYTES
from qrpin_gui.demo.errors import GraphError, error_body
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
