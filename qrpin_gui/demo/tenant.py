"""``DemoTenant``: the demo server running in a background thread (tests, ``--demo``)."""

from __future__ import annotations

import asyncio
import logging
import shutil
import socket
import ssl
import threading
import time
from types import TracebackType
from typing import Any

import httpx
import uvicorn

from qrpin_gui.demo.constants import DEMO_CLIENT_ID, DEMO_TENANT_ID
from qrpin_gui.demo.server import build_app
from qrpin_gui.demo.state import DemoState
from qrpin_gui.demo.tls import DemoTls, make_tls

logger = logging.getLogger(__name__)

START_TIMEOUT_S = 20.0


class DemoTenant:
    """A real HTTPS demo tenant on loopback.

    ``start()`` returns once the server listens; ``stop()`` shuts it down and removes the
    TLS files. The control helpers (``token``, ``accounts``, ``reset``, ``settings``) go
    through the HTTP control API like any script would.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        users: int | None = None,
        seed: int = 0,
        store_size: int | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.tenant_id = DEMO_TENANT_ID
        self.client_id = DEMO_CLIENT_ID
        self.state = DemoState(users=users, seed=seed, store_size=store_size)
        self._tls: DemoTls | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._client: httpx.Client | None = None

    # --- addresses ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{host}:{self.port}"

    @property
    def graph_url(self) -> str:
        return self.base_url + "/beta"

    @property
    def authority(self) -> str:
        return f"{self.base_url}/{self.tenant_id}"

    @property
    def control_url(self) -> str:
        return self.base_url + "/_demo"

    @property
    def ca_path(self) -> str:
        if self._tls is None:
            raise RuntimeError("the demo tenant is not started")
        return str(self._tls.ca_path)

    def ssl_context(self) -> ssl.SSLContext:
        """A client SSLContext trusting only the demo CA."""
        if self._tls is None:
            raise RuntimeError("the demo tenant is not started")
        return self._tls.client_context()

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> DemoTenant:
        if self._thread is not None:
            return self
        self._tls = make_tls(self.host)
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted connections only
        # when the listening socket says TCP, and without it every answer waits ~40 ms
        # for a delayed ACK.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(128)
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        self.state.base_url = self.base_url
        config = uvicorn.Config(
            build_app(self.state),
            ssl_certfile=str(self._tls.cert_path),
            ssl_keyfile=str(self._tls.cert_path),
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
        )
        server = uvicorn.Server(config)
        self._server = server

        def run() -> None:
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(server.serve(sockets=[sock]))
            except BaseException as exc:  # reported to start()/stop()
                self._error = exc
            finally:
                loop.close()
                sock.close()

        self._thread = threading.Thread(target=run, name="qrpin-demo-tenant", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the demo tenant did not start: {self._error!r}")
            time.sleep(0.01)
        logger.info("demo tenant listening on %s", self.base_url)
        return self

    def stop(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._server is not None:
            self._server.should_exit = True
            # Do not wait for idle keep-alive clients (MSAL's requests.Session keeps one open):
            # a TLS close waits for the peer, which held stop() for uvicorn's full 10 s.
            self._server.force_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._server = None
        if self._tls is not None:
            shutil.rmtree(self._tls.directory, ignore_errors=True)
            self._tls = None

    def __enter__(self) -> DemoTenant:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- control API ----------------------------------------------------------------------

    def _control(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                base_url=self.control_url,
                verify=self.ssl_context(),
                trust_env=False,
                timeout=120,
            )
        return self._client

    def _call(self, method: str, path: str, body: Any = None, params: Any = None) -> Any:
        response = self._control().request(method, path, json=body, params=params)
        if response.status_code >= 400:
            raise RuntimeError(
                f"demo control {method} {path} failed: {response.status_code} {response.text}"
            )
        return response.json()

    def token(self, user: str, scopes: list[str] | None = None, expires_in: int = 3600) -> str:
        """An access token for ``user`` (UPN or id); ``scopes`` None means ``.default``."""
        body = {"user": user, "scopes": scopes or [".default"], "expires_in": expires_in}
        return str(self._call("POST", "/token", body)["access_token"])

    def accounts(self, role: str | None = None) -> list[dict[str, Any]]:
        params = {"role": role} if role else None
        result: list[dict[str, Any]] = self._call("GET", "/accounts", params=params)
        return result

    def reset(
        self, users: int | None = None, seed: int = 0, store_size: int | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"seed": seed}
        if users is not None:
            body["users"] = users
        if store_size is not None:
            body["store_size"] = store_size
        result: dict[str, Any] = self._call("POST", "/reset", body)
        return result

    def settings(self, **changes: Any) -> dict[str, Any]:
        """The behaviour switches; keyword arguments change them first."""
        if changes:
            result: dict[str, Any] = self._call("POST", "/settings", changes)
        else:
            result = self._call("GET", "/settings")
        return result
