"""The HTTP client MSAL uses: same trust store and proxy rules as the Graph client.

MSAL takes any object with requests-style ``get``/``post``; a :class:`requests.Session` is used.
``trust_env`` is always off: with it on, ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` would
override the trust chosen here, and environment proxies would be applied without the bypass
rules below. Proxies are resolved here instead:

- ``proxy == "none"``: direct;
- ``proxy`` a URL: that proxy;
- ``proxy == ""`` (system): :func:`urllib.request.getproxies` (environment variables, and on
  Windows the Internet Settings registry), honouring the bypass list for the authority host.

Trust: a CA file (the demo tenant) or the operating system's store through ``truststore``
(store PCs behind TLS-inspecting proxies have that proxy's CA only in the Windows store).
"""

from __future__ import annotations

import logging
import ssl
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

logger = logging.getLogger(__name__)


class _SSLContextAdapter(HTTPAdapter):
    """An adapter whose connections use a given :class:`ssl.SSLContext`."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._context
        return super().proxy_manager_for(proxy, **proxy_kwargs)


def _os_trust_context() -> ssl.SSLContext | None:
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception as exc:  # truststore is a dependency; guard odd platforms anyway
        logger.warning("truststore unavailable (%s); using the default CA bundle", exc)
        return None


def resolve_proxy(setting: str, target_url: str) -> str | None:
    """The proxy URL to use for ``target_url`` (None: connect directly)."""
    setting = setting.strip()
    if setting.lower() == "none":
        return None
    if setting:
        return setting
    proxies = urllib.request.getproxies()
    host = urlsplit(target_url).hostname or ""
    if host in ("127.0.0.1", "localhost", "::1"):
        return None
    proxy = proxies.get("https") or proxies.get("all") or proxies.get("http")
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return proxy if "://" in proxy else "http://" + proxy


Timeout = float | tuple[float, float]

DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 30.0)
"""(connect, read) seconds: no MSAL call may wait for the sign-in service forever."""


class TimeoutSession(requests.Session):
    """A session whose every request has a timeout unless the caller gives one.

    requests has no session-wide timeout, and MSAL passes none to a given ``http_client``, so
    an authority that accepts the connection and never answers would block the sign-in worker
    (and with it silent sign-in) for ever.
    """

    def __init__(self, timeout: Timeout = DEFAULT_TIMEOUT) -> None:
        super().__init__()
        self.timeout = timeout

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> requests.Response:
        if len(args) < 7 and kwargs.get("timeout") is None:  # 7th positional: timeout
            kwargs["timeout"] = self.timeout
        return super().request(method, url, *args, **kwargs)


def build_session(
    *,
    authority: str,
    verify: Path | None,
    proxy: str,
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> requests.Session:
    """A session for MSAL's calls to ``authority``'s sign-in endpoints (each bounded by
    ``timeout``)."""
    session = TimeoutSession(timeout)
    session.trust_env = False
    if verify is not None:
        session.verify = str(verify)
    else:
        context = _os_trust_context()
        if context is not None:
            adapter = _SSLContextAdapter(context)
            session.mount("https://", adapter)
    chosen = resolve_proxy(proxy, authority)
    if chosen:
        session.proxies = {"https": chosen, "http": chosen}
        logger.info("Sign-in goes through the proxy at %s", urlsplit(chosen).hostname)
    return session
