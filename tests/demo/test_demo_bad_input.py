"""Hostile input on the control and sign-in routes: deeply nested JSON, oversized forms, and
a failing handler. Each gets an error answer; nothing reaches uvicorn's traceback printer."""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from qrpin_gui.demo import server
from qrpin_gui.demo.constants import DEMO_CLIENT_ID, MAX_BODY_BYTES
from tests.demo.conftest import assert_graph_error
from tests.demo.conftest_signin import (
    authorize_params,
    authorize_url,
    forms,
    raw_authorize,
    redeem,
    token_post,
)

DEEP = b"[" * 100_000 + b"]" * 100_000
"""Far past the JSON parser's recursion limit (it raises RecursionError)."""
NESTED_200 = b'{"user": ' + b"[" * 200 + b"]" * 200 + b"}"
"""Parses fine, but deeper than any demo body may be (it could not be echoed back)."""
JSON_ROUTES = [
    "/_demo/faults",
    "/_demo/faults/scripts",
    "/_demo/clients",
    "/_demo/devicecode/approve",
    "/_demo/devicecode/deny",
    "/_demo/signin/revoke",
    "/_demo/token",
    "/_demo/reset",
    "/_demo/settings",
]


@dataclass
class Served:
    """A demo tenant in its own process (``python -m qrpin_gui.demo``) and its stderr."""

    base_url: str
    authority: str
    ca_path: str
    proc: subprocess.Popen[str]
    stderr: list[str]
    client_id: str = DEMO_CLIENT_ID

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_path)

    def stop(self) -> str:
        """Stop the server; everything it wrote to stderr."""
        self.proc.terminate()
        self.proc.wait(timeout=15)
        return "".join(self.stderr)


@pytest.fixture
def served() -> Iterator[Served]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "qrpin_gui.demo", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    stderr: list[str] = []

    def drain() -> None:
        assert proc.stderr is not None
        stderr.extend(proc.stderr)

    drainer = threading.Thread(target=drain, daemon=True)
    drainer.start()
    try:
        assert proc.stdout is not None
        lines = dict(proc.stdout.readline().strip().partition(": ")[::2] for _ in range(4))
        assert proc.stdout.readline().strip() == "ready", "".join(stderr)
        yield Served(
            base_url=lines["graph"].removesuffix("/beta"),
            authority=lines["authority"],
            ca_path=lines["ca"],
            proc=proc,
            stderr=stderr,
        )
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=15)
        drainer.join(timeout=5)


def test_deep_json_gets_400_everywhere_and_no_traceback(served: Served) -> None:
    with httpx.Client(
        base_url=served.base_url, verify=served.ssl_context(), trust_env=False, timeout=30
    ) as client:
        json_headers = {"Content-Type": "application/json"}
        for path in JSON_ROUTES:
            for body in (DEEP, NESTED_200):
                response = client.post(path, content=body, headers=json_headers)
                assert response.status_code == 400, (path, response.text[:300])
                assert_graph_error(response, 400, "BadRequest")

        # authorize: a claims parameter nested past the parser's limit is refused the way
        # any bad claims value is, on the redirect URI (Entra answers authorize errors there).
        deep_claims = "[" * 3000 + "]" * 3000
        params, _ = authorize_params(served, scope="User.Read", login_hint=None, claims=deep_claims)
        page = client.get(authorize_url(served, **params))
        assert page.status_code == 200, page.text[:300]
        answer = next(f for f in forms(page.text) if f.form_id == "form_post")
        assert answer.fields["error"] == "invalid_request"
        assert answer.fields["error_description"].startswith("AADSTS90100:")
        assert answer.fields["state"] == params["state"]

        # token: the same claims on a refresh grant.
        auth = raw_authorize(served, client, "it.admin@contoso-retail.example")
        refresh = redeem(served, client, auth).json()["refresh_token"]
        response = token_post(
            served,
            client,
            {
                "client_id": served.client_id,
                "grant_type": "refresh_token",
                "refresh_token": refresh,
                "scope": "User.Read.All offline_access",
                "claims": "[" * 100_000 + "]" * 100_000,
            },
        )
        assert response.status_code == 400, response.text[:300]
        assert response.json()["error"] == "invalid_request"
        assert response.json()["error_codes"] == [90100]

        # the server is still fine
        assert client.get("/_demo/faults").status_code == 200
    err = served.stop()
    assert "Traceback" not in err, err[-3000:]
    assert "RecursionError" not in err, err[-3000:]
    assert "Exception in ASGI application" not in err, err[-3000:]


def test_oversized_sign_in_form_is_413(demo: Any) -> None:
    with httpx.Client(
        base_url=demo.base_url, verify=demo.ssl_context(), trust_env=False, timeout=30
    ) as client:
        big = {"client_id": demo.client_id, "grant_type": "refresh_token"}
        big["refresh_token"] = "x" * (MAX_BODY_BYTES + 10)
        response = client.post(f"{demo.authority}/oauth2/v2.0/token", data=big)
        assert_graph_error(response, 413, "RequestEntityTooLarge")
        response = client.post("/devicelogin", content=b"otc=" + b"1" * (MAX_BODY_BYTES + 10))
        assert_graph_error(response, 413, "RequestEntityTooLarge")


def _failing_app() -> Any:
    async def boom(request: Request) -> Response:
        raise RuntimeError("PIN 40718352 leaked into an exception message")

    app = Starlette(
        routes=[Route("/boom", boom)],
        exception_handlers={Exception: server._server_error},
    )
    return server._contain_failures(app)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_failing_handler_is_one_redacted_log_line_and_a_graph_500() -> None:
    records = _Records()
    demo_logger = logging.getLogger("qrpin_gui.demo")
    demo_logger.addHandler(records)
    try:
        with TestClient(_failing_app(), raise_server_exceptions=True) as client:
            response = client.get("/boom")
    finally:
        demo_logger.removeHandler(records)
    assert_graph_error(response, 500, "generalException")  # no exception reached the client
    errors = [r for r in records.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    (error,) = errors
    assert error.exc_info is None
    assert "RuntimeError" in error.getMessage() and "40718352" not in error.getMessage()


def test_a_failure_before_any_answer_is_answered_500() -> None:
    async def raw_app(scope: Any, receive: Any, send: Any) -> None:
        raise ValueError("secret body 40718352")

    sent: list[dict[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(dict(message))

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": "GET", "path": "/x", "headers": []}

    async def serve() -> None:
        await server._contain_failures(raw_app)(scope, receive, send)

    asyncio.run(serve())
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 500
    assert b"generalException" in sent[1]["body"] and b"40718352" not in sent[1]["body"]


def test_sign_in_control_errors_have_graph_error_bodies(demo: Any) -> None:
    with httpx.Client(
        base_url=demo.control_url, verify=demo.ssl_context(), trust_env=False, timeout=30
    ) as client:
        assert_graph_error(client.post("/clients", json={"redirect_uris": []}), 400, "BadRequest")
        assert_graph_error(client.post("/devicecode/approve", json={}), 400, "BadRequest")
        unknown = {"user_code": "NOPE1234", "user": "it.admin@contoso-retail.example"}
        assert_graph_error(client.post("/devicecode/approve", json=unknown), 404, "NotFound")
        assert_graph_error(client.post("/signin/revoke", json=[]), 400, "BadRequest")
        nobody = {"user": "nobody@contoso-retail.example"}
        assert_graph_error(client.post("/signin/revoke", json=nobody), 404, "NotFound")
        response = client.post(
            "/signin/revoke", json={"user": "x"}, headers={"client-request-id": "ctl-7"}
        )
        assert response.json()["error"]["innerError"]["client-request-id"] == "ctl-7"
