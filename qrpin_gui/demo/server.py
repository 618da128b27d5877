"""The demo tenant's one ASGI app: Graph (``/beta``, ``/v1.0``), the control API
(``/_demo``), the sign-in endpoints, and fault injection wrapped around all of it."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from qrpin_gui.demo import auth_routes, control, faults
from qrpin_gui.demo.batch import run_batch
from qrpin_gui.demo.errors import GraphError, error_body
from qrpin_gui.demo.graph_core import JSON_CONTENT_TYPE, GraphRequest
from qrpin_gui.demo.graph_dispatch import VERSIONS, dispatch
from qrpin_gui.demo.http_io import (
    dumps,
    error_response,
    graph_error_response,
    read_body,
    to_response,
)

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from qrpin_gui.demo.state import DemoState

logger = logging.getLogger(__name__)

_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def graph_routes(state: DemoState) -> list[BaseRoute]:
    async def graph(request: Request) -> Response:
        raw_path = request.scope.get("raw_path") or quote(request.scope["path"]).encode()
        path = raw_path.decode("latin-1")
        version = next(v for v in VERSIONS if path.startswith("/" + v))
        rest = path[len(version) + 1 :]
        if rest and not rest.startswith("/"):
            return error_response(request, 400, "BadRequest", f"Invalid version: {path[1:]}")
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            body = await read_body(request)
            if unquote(rest).strip("/").lower() == "$batch":
                if request.method != "POST":
                    raise GraphError(
                        405,
                        "Request_BadRequest",
                        f"The HTTP method '{request.method}' is not allowed for $batch.",
                        {"Allow": "POST"},
                    )
                resp = await run_batch(state, version, headers, body)
            else:
                query = request.scope.get("query_string", b"").decode("latin-1")
                resp = await dispatch(
                    state, GraphRequest(request.method, version, rest, query, headers, body)
                )
        except GraphError as exc:
            return graph_error_response(request, exc)
        return to_response(resp)

    routes: list[BaseRoute] = []
    for v in VERSIONS:
        routes.append(Route(f"/{v}", graph, methods=_ALL_METHODS))
        routes.append(Route(f"/{v}/{{rest:path}}", graph, methods=_ALL_METHODS))
    return routes


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 404:
        return error_response(
            request, 404, "NotFound", f"The path '{request.url.path}' does not exist here."
        )
    if status == 405:
        return error_response(
            request,
            405,
            "Request_BadRequest",
            f"The HTTP method '{request.method}' is not allowed for this resource.",
        )
    if status < 500:
        detail = getattr(exc, "detail", "") or "Bad request."
        return error_response(request, status, "BadRequest", str(detail))
    return error_response(request, 500, "generalException", "An unexpected error occurred.")


def describe_failure(exc: BaseException) -> str:
    """An exception as one redacted log fragment: its type and the innermost source line.
    Never the message or arguments: they could carry request data (a body, a PIN)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
    return f"{type(exc).__name__} at {where}"


async def _server_error(request: Request, exc: Exception) -> Response:
    logger.error(
        "demo request failed (%s %s): %s",
        request.method,
        request.url.path,
        describe_failure(exc),
    )
    return error_response(request, 500, "generalException", "An unexpected error occurred.")


def _contain_failures(app: ASGIApp) -> ASGIApp:
    """Keep every failure inside the demo: nothing reaches uvicorn's traceback printer.

    Starlette answers an unhandled exception with :func:`_server_error` and then re-raises
    it; uvicorn would print the whole traceback (with locals' reprs in some setups) and, if
    the answer had started, drop the connection. Here an exception that was already answered
    is only noted at debug level; one that was not is logged as one redacted line and
    answered 500 when nothing was sent yet (otherwise the unfinished answer is abandoned,
    and the server closes the connection). A client that gives up mid-request is normal.
    """

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        progress = {"started": False, "complete": False}

        async def tracking_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                progress["started"] = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                progress["complete"] = True
            await send(message)

        try:
            await app(scope, receive, tracking_send)
        except ClientDisconnect:
            logger.debug("client disconnected before its request was read")
        except Exception as exc:
            if scope["type"] != "http":
                raise
            if progress["complete"]:
                logger.debug("answered failure: %s", type(exc).__name__)
                return
            logger.error(
                "demo request failed (%s %s): %s",
                scope.get("method", "?"),
                scope.get("path", "?"),
                describe_failure(exc),
            )
            if not progress["started"]:
                await _send_500(send)

    return wrapped


async def _send_500(send: Send) -> None:
    request_id = str(uuid.uuid4())
    body = dumps(
        error_body("generalException", "An unexpected error occurred.", request_id, request_id)
    )
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", JSON_CONTENT_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"request-id", request_id.encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body, "more_body": False})


def build_app(state: DemoState) -> ASGIApp:
    """The whole demo tenant as one ASGI app (faults wrap everything)."""
    routes: list[BaseRoute] = [
        *graph_routes(state),
        *control.routes(state),
        *faults.control_routes(state),
        *auth_routes.routes(state),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    return _contain_failures(state.faults.wrap_asgi(app))
