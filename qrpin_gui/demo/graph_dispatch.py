"""One entry point for every Graph operation: throttle hook, bearer token, routing,
handler, Graph error bodies. Plain HTTP requests and ``$batch`` items both come here."""

from __future__ import annotations

import logging
import re
import uuid
from typing import TYPE_CHECKING
from urllib.parse import unquote

from qrpin_gui.demo import graph_directory, graph_methods, graph_policy
from qrpin_gui.demo.errors import GraphError, error_body, segment_not_found
from qrpin_gui.demo.graph_core import Ctx, GraphRequest, GraphResponse, Router
from qrpin_gui.demo.model import User
from qrpin_gui.demo.odata import parse_query
from qrpin_gui.demo.tokens import TokenError, TokenInfo

if TYPE_CHECKING:
    from qrpin_gui.demo.state import DemoState

logger = logging.getLogger(__name__)

VERSIONS = ("beta", "v1.0")
_ROLE_BY_TEMPLATE = re.compile(r"^directoryRoles\(roleTemplateId='([^']*)'\)$", re.IGNORECASE)
_WWW_AUTHENTICATE = (
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/'
    'authorize", client_id="00000003-0000-0000-c000-000000000000"'
)


def build_router() -> Router:
    router = Router()
    graph_directory.register(router)
    graph_methods.register(router)
    graph_policy.register(router)
    return router


ROUTER = build_router()


def _authenticate(state: DemoState, req: GraphRequest) -> tuple[TokenInfo, User]:
    def unauthorized(message: str) -> GraphError:
        return GraphError(
            401, "InvalidAuthenticationToken", message, {"WWW-Authenticate": _WWW_AUTHENTICATE}
        )

    header = req.headers.get("authorization", "").strip()
    if not header:
        raise unauthorized("Access token is empty.")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("Access token is empty or not a Bearer token.")
    try:
        info = state.tokens.verify(token.strip())
    except TokenError as exc:
        raise unauthorized(str(exc)) from exc
    user = state.directory.find_user(info.user_id)
    if user is None:
        raise unauthorized("The user of this access token does not exist in the tenant.")
    return info, user


def _segments(state: DemoState, path: str, actor: User) -> list[str]:
    raw = path.strip("/").split("/") if path.strip("/") else []
    segs = [unquote(s) for s in raw]
    if any(not s for s in segs):
        raise segment_not_found("")
    if segs and segs[0].lower() == "me":
        segs = ["users", actor.id, *segs[1:]]
    if segs:
        m = _ROLE_BY_TEMPLATE.match(segs[0])
        if m:
            role = state.directory.role_by_template(m.group(1))
            segs = ["directoryRoles", role.id if role else m.group(1), *segs[1:]]
    return segs


def _handle(state: DemoState, req: GraphRequest) -> GraphResponse:
    if req.version == "v1.0":
        for seg in req.path.split("/"):
            if unquote(seg).lower() == "qrcodepinmethod":
                raise segment_not_found(unquote(seg))
    token, actor = _authenticate(state, req)
    segs = _segments(state, req.path, actor)
    if not segs:
        raise segment_not_found(req.version)
    handler, params = ROUTER.resolve(req.method, segs)
    ctx = Ctx(state, req, token, actor, parse_query(req.query_string), params)
    return handler(ctx)


def throttled(retry_after: str, request_id: str, client_request_id: str) -> GraphResponse:
    """Graph's 429 answer; ``retry_after`` is the header value (whole seconds)."""
    body = error_body("TooManyRequests", "Please retry again later.", request_id, client_request_id)
    body["error"]["innerError"].update(
        {"code": "429", "message": "Please retry after", "status": "429"}
    )
    return GraphResponse(
        429,
        body,
        {"Retry-After": retry_after, "Content-Type": "application/json"},
    )


async def dispatch(state: DemoState, req: GraphRequest) -> GraphResponse:
    """Answer one Graph operation (never raises)."""
    request_id = str(uuid.uuid4())
    client_request_id = req.headers.get("client-request-id") or request_id
    delay = state.faults.take_operation()
    if delay is not None:
        resp = throttled(
            state.faults.retry_after_header(float(delay)), request_id, client_request_id
        )
    else:
        try:
            resp = _handle(state, req)
        except GraphError as exc:
            resp = GraphResponse(
                exc.status,
                error_body(exc.code, exc.message, request_id, client_request_id),
                exc.headers,
            )
        except Exception as exc:
            # Type and place only: an exception's text could carry request data.
            tb = exc.__traceback__
            while tb is not None and tb.tb_next is not None:
                tb = tb.tb_next
            where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
            logger.error(
                "Graph handler failed (%s %s request): %s at %s",
                req.method,
                req.version,
                type(exc).__name__,
                where,
            )
            resp = GraphResponse(
                500,
                error_body(
                    "generalException",
                    "An unexpected error occurred in the demo tenant.",
                    request_id,
                    client_request_id,
                ),
            )
    resp.headers.setdefault("request-id", request_id)
    resp.headers.setdefault("client-request-id", client_request_id)
    return resp
