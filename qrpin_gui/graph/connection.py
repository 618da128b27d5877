"""TLS trust and proxy choice for the Graph connection.

- TLS: by default the operating system's trust store through ``truststore`` (store PCs sit
  behind TLS-inspecting proxies whose CA lives only in the Windows store); for the demo tenant
  an explicit CA file or a ready :class:`ssl.SSLContext`.
- Proxy: ``"system"`` (environment variables through httpx; on Windows, when the environment
  names none, the Internet Settings proxy as :func:`urllib.request.getproxies` reads it from the
  registry, honouring its bypass list), ``"none"``, or an explicit proxy URL.
"""

from __future__ import annotations

import logging
import os
import ssl
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

SYSTEM_PROXY = "system"
NO_PROXY = "none"

_ENV_PROXY_NAMES = ("https_proxy", "http_proxy", "all_proxy")


def make_ssl_context(verify: ssl.SSLContext | str | Path | None = None) -> ssl.SSLContext:
    """The TLS context for Graph.

    ``None``: the OS trust store (``truststore``), falling back to Python's default store when
    truststore cannot be loaded. A path: trust exactly that CA bundle (the demo tenant's CA).
    A context: used as is.
    """
    if isinstance(verify, ssl.SSLContext):
        return verify
    if verify is not None:
        return ssl.create_default_context(cafile=str(verify))
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception:  # pragma: no cover - truststore is a declared dependency
        log.warning("truststore unavailable; using Python's default certificate store")
        return ssl.create_default_context()


@dataclass(frozen=True, slots=True)
class ProxyChoice:
    """What to hand httpx: an explicit proxy URL (or None) and whether it may read env vars."""

    proxy: str | None
    trust_env: bool


def _env_names_proxy() -> bool:
    return any(os.environ.get(n) or os.environ.get(n.upper()) for n in _ENV_PROXY_NAMES)


def choose_proxy(setting: str, target_url: str, *, platform: str | None = None) -> ProxyChoice:
    """Resolve a proxy setting for connections to ``target_url``.

    ``setting`` is ``"system"``, ``"none"`` or a proxy URL such as ``http://proxy:8080``.
    """
    if setting == NO_PROXY:
        return ProxyChoice(None, trust_env=False)
    if setting != SYSTEM_PROXY:
        return ProxyChoice(setting, trust_env=False)
    if _env_names_proxy():
        # httpx applies HTTPS_PROXY/HTTP_PROXY/ALL_PROXY and NO_PROXY itself.
        return ProxyChoice(None, trust_env=True)
    if (platform or sys.platform) == "win32":
        proxies = urllib.request.getproxies()
        scheme = urlsplit(target_url).scheme or "https"
        proxy = proxies.get(scheme) or proxies.get("https") or proxies.get("http")
        host = urlsplit(target_url).hostname or ""
        if proxy and not urllib.request.proxy_bypass(host):
            if "://" not in proxy:
                proxy = "http://" + proxy
            log.info("using the Windows system proxy at %s", urlsplit(proxy).hostname)
            return ProxyChoice(proxy, trust_env=False)
    return ProxyChoice(None, trust_env=False)
