"""A "browser" for the demo tenant: completes the real sign-in flow without a web browser.

The demo authority's authorize endpoint answers a request that carries ``login_hint`` naming a
demo account with Entra's auto-submitting ``form_post`` page (code + state for the loopback
listener). :class:`DemoBrowser` does what a browser would do with that page: it reads the form
and POSTs it to the listener. Declining posts ``error=access_denied`` with the state, as the
sign-in page does. Everything else (PKCE, state, nonce, token exchange) is MSAL's own code.

- :class:`DemoBrowser`: the HTTP part (async, httpx, trusting only the demo CA).
- :class:`AutoDemoBrowser`: a :class:`~qrpin_gui.auth.browser.SignInBrowser` that signs in as
  one account at once (tests, ``--demo-user``). The Qt account picker is
  ``qrpin_gui.ui.signin_dialogs.DemoAccountPickerBrowser``.
"""

from __future__ import annotations

import logging
import re
import ssl
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import httpx

from qrpin_gui.auth.browser import SignInPageError

logger = logging.getLogger(__name__)

_LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")


class DemoBrowserError(Exception):
    """The demo sign-in page did not answer as expected."""


_AADSTS = re.compile(r"AADSTS\d+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.parts.append(data.strip())


def page_error(page: str) -> SignInPageError | None:
    """The error an Entra-style error page shows (``AADSTS<code>`` and its text), if any."""
    parser = _TextParser()
    parser.feed(page)
    for i, part in enumerate(parser.parts):
        if _AADSTS.fullmatch(part):
            detail = parser.parts[i + 1] if i + 1 < len(parser.parts) else ""
            return SignInPageError("sign_in_page_error", f"{part}: {detail}")
    return None


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    display_name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class FormPost:
    action: str
    fields: dict[str, str]


class _FormParser(HTMLParser):
    """Finds the first ``<form method=post>`` and its ``<input name value>`` pairs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "form" and not self._done and a.get("method", "").lower() == "post":
            self.action = a.get("action", "")
            self._in_form = True
        elif tag == "input" and self._in_form and a.get("name"):
            self.fields[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form = False
            self._done = True


def parse_form_post(page: str) -> FormPost | None:
    parser = _FormParser()
    parser.feed(page)
    if parser.action is None:
        return None
    return FormPost(parser.action, parser.fields)


def with_login_hint(auth_uri: str, username: str) -> str:
    """``auth_uri`` with ``login_hint`` set to ``username`` (and no ``prompt``)."""
    parts = urlsplit(auth_uri)
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    query["login_hint"] = username
    query.pop("prompt", None)
    return urlunsplit(parts._replace(query=urlencode(query)))


def auth_params(auth_uri: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(auth_uri).query).items()}


def _is_loopback_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and (parts.hostname or "") in _LOOPBACK_HOSTS


def _to_ipv4_loopback(url: str) -> str:
    """The listener binds 127.0.0.1; skip a ``localhost`` -> ::1 detour."""
    parts = urlsplit(url)
    if parts.hostname == "localhost":
        netloc = "127.0.0.1" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class DemoBrowser:
    """Talks to the demo authority (HTTPS, its CA only) and to the app's loopback listener."""

    def __init__(
        self,
        *,
        ca: Path | str | ssl.SSLContext,
        control_url: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self._ssl = (
            ca if isinstance(ca, ssl.SSLContext) else ssl.create_default_context(cafile=str(ca))
        )
        self._control_url = control_url.rstrip("/") if control_url else None
        self._timeout = timeout

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(verify=self._ssl, trust_env=False, timeout=self._timeout)

    async def accounts(self) -> list[DemoAccount]:
        """The demo accounts one can sign in as (``GET /_demo/accounts``)."""
        if self._control_url is None:
            return []
        async with self._client() as client:
            resp = await client.get(self._control_url + "/accounts")
            resp.raise_for_status()
            data: Any = resp.json()
        if isinstance(data, dict):
            data = data.get("value") or data.get("accounts") or []
        out: list[DemoAccount] = []
        for item in data if isinstance(data, list) else []:
            if not isinstance(item, dict):
                continue
            username = item.get("userPrincipalName") or item.get("upn") or item.get("username")
            if not isinstance(username, str):
                continue
            name = item.get("displayName") or item.get("display_name") or username
            out.append(DemoAccount(username, str(name), str(item.get("role") or "")))
        return out

    async def sign_in_as(self, auth_uri: str, username: str) -> None:
        """Open ``auth_uri`` as ``username`` and post the answer to the loopback listener."""
        async with self._client() as client:
            resp = await client.get(with_login_hint(auth_uri, username))
            form = parse_form_post(resp.text)
            if form is None or not ("code" in form.fields or "error" in form.fields):
                shown = page_error(resp.text)
                if shown is not None:
                    raise shown
                raise DemoBrowserError(
                    f"the sign-in page gave no answer form (HTTP {resp.status_code})"
                )
            await self._post_to_listener(client, form)

    async def decline(self, auth_uri: str, description: str = "The user declined.") -> None:
        """Answer the listener ``error=access_denied`` with the request's state."""
        params = auth_params(auth_uri)
        redirect = params.get("redirect_uri", "")
        form = FormPost(
            redirect,
            {
                "error": "access_denied",
                "error_description": description,
                "state": params.get("state", ""),
            },
        )
        async with self._client() as client:
            await self._post_to_listener(client, form)

    async def _post_to_listener(self, client: httpx.AsyncClient, form: FormPost) -> None:
        if not _is_loopback_http(form.action):
            raise DemoBrowserError("the answer form does not post to this computer's listener")
        resp = await client.post(_to_ipv4_loopback(form.action), data=form.fields)
        if resp.status_code >= 400:
            raise DemoBrowserError(f"the listener refused the answer (HTTP {resp.status_code})")


class AutoDemoBrowser:
    """Signs in as ``username`` (or the URL's own ``login_hint``) the moment MSAL asks.

    ``decline=True`` answers access_denied instead; ``hold=True`` never answers (to test cancel
    and timeout). ``opened`` counts the authorize URLs received.
    """

    def __init__(
        self,
        browser: DemoBrowser,
        username: str | None = None,
        *,
        decline: bool = False,
        hold: bool = False,
    ) -> None:
        self._browser = browser
        self.username = username
        self.decline = decline
        self.hold = hold
        self.opened: list[str] = []
        self.closed = 0
        self.errors: list[BaseException] = []

    async def open(self, auth_uri: str) -> bool:
        """Answer at once. A sign-in page that shows an error raises
        :class:`~qrpin_gui.auth.browser.SignInPageError` (the sign-in ends with it)."""
        self.opened.append(auth_uri)
        if self.hold:
            return True
        try:
            if self.decline:
                await self._browser.decline(auth_uri)
                return True
            username = self.username or auth_params(auth_uri).get("login_hint")
            if not username:
                raise DemoBrowserError("no account to sign in as")
            await self._browser.sign_in_as(auth_uri, username)
        except SignInPageError:
            raise
        except (DemoBrowserError, httpx.HTTPError) as exc:
            logger.warning("Demo sign-in failed: %s", exc)
            self.errors.append(exc)
            return False
        return True

    def close(self) -> None:
        self.closed += 1
