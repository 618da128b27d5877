"""Helpers for the sign-in and fault tests: clients that trust only the demo CA, a scripted
browser for MSAL's interactive flow, and a raw authorize step for protocol tests.

(Imported explicitly by the test modules; not a pytest conftest.)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
import threading
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import msal
import pytest
import requests

REDIRECT_URI = "http://localhost:53117"
"""A loopback redirect URI for raw protocol tests (nothing listens there)."""


def http_client(demo: Any, **kwargs: Any) -> httpx.Client:
    """A plain httpx client that trusts only the demo CA (ignores SSL_CERT_FILE)."""
    return httpx.Client(
        base_url=demo.base_url, verify=demo.ssl_context(), trust_env=False, **kwargs
    )


def requests_session(demo: Any) -> requests.Session:
    """A requests session for MSAL: demo CA, and REQUESTS_CA_BUNDLE ignored."""
    session = requests.Session()
    session.verify = demo.ca_path
    session.trust_env = False
    return session


def msal_app(demo: Any, session: requests.Session, client_id: str | None = None) -> Any:
    return msal.PublicClientApplication(
        client_id or demo.client_id,
        authority=demo.authority,
        instance_discovery=False,
        http_client=session,
        token_cache=msal.TokenCache(),
    )


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT-shaped token, as any client could read it."""
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def b64url_json(text: str) -> dict[str, Any]:
    return dict(json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))))


@dataclass
class Form:
    action: str
    form_id: str | None
    fields: dict[str, str]


def forms(page: str) -> list[Form]:
    """Every ``<form>`` of a page with its action, id and hidden fields."""
    found = []
    for match in re.finditer(r"<form([^>]*)>(.*?)</form>", page, re.S):
        attrs, inner = match.group(1), match.group(2)
        action = re.search(r'action="([^"]*)"', attrs)
        form_id = re.search(r'id="([^"]*)"', attrs)
        fields = {
            html.unescape(m[1]): html.unescape(m[2])
            for m in re.finditer(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', inner)
        }
        found.append(
            Form(
                html.unescape(action.group(1)) if action else "",
                form_id.group(1) if form_id else None,
                fields,
            )
        )
    return found


def pick_form(page: str, *, user: str | None = None, deny: bool = False) -> Form:
    """The picker form that signs in as ``user`` (or the Cancel form)."""
    for form in forms(page):
        if deny and form.form_id == "deny":
            return form
        if user and form.fields.get("user", "").lower() == user.lower():
            return form
    raise AssertionError(f"no such form on the page (user={user!r}, deny={deny})")


def browse(
    session: requests.Session, url: str, *, user: str | None = None, deny: bool = False
) -> requests.Response:
    """What a person does in the browser: open the authorize URL, pick ``user`` (or
    Cancel) when the account picker shows, confirm the one-account page (``prompt=login``
    or ``consent``), and let the form_post page submit itself."""
    page = session.get(url, timeout=10)
    for _ in range(3):
        found = forms(page.text)
        post = next((f for f in found if f.form_id == "form_post"), None)
        if post is not None:
            listener = requests.Session()
            listener.trust_env = False
            return listener.post(post.action, data=post.fields, timeout=10)
        confirm = next((f for f in found if f.form_id == "confirm"), None)
        if confirm is not None and not deny and user is None:
            form = confirm
        else:
            form = pick_form(page.text, user=user, deny=deny)
        page = session.post(form.action, data=form.fields, timeout=10)
    raise AssertionError("the sign-in pages never reached the form_post answer")


@contextmanager
def scripted_browser(
    monkeypatch: pytest.MonkeyPatch,
    session: requests.Session,
    *,
    user: str | None = None,
    deny: bool = False,
) -> Iterator[list[str]]:
    """Patch ``webbrowser.open`` so MSAL's interactive flow is driven by :func:`browse`.

    MSAL opens the browser before its loopback listener serves, so the browser acts in a
    thread. Yields the list of URLs opened (for assertions on the authorize request).
    """
    opened: list[str] = []
    errors: list[BaseException] = []

    def fake_open(url: str, *args: Any, **kwargs: Any) -> bool:
        opened.append(url)

        def run() -> None:
            try:
                browse(session, url, user=user, deny=deny)
            except BaseException as exc:  # surfaced after the flow
                errors.append(exc)

        threading.Thread(target=run, daemon=True).start()
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    yield opened
    if errors:
        raise errors[0]


@dataclass
class RawAuthorization:
    """The outcome of a raw authorize request made as MSAL would make it."""

    code: str
    state: str
    nonce: str
    verifier: str
    redirect_uri: str
    client_info: str | None


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


def authorize_url(demo: Any, **params: str) -> str:
    return f"{demo.authority}/oauth2/v2.0/authorize?{urlencode(params)}"


def authorize_params(
    demo: Any, *, scope: str, login_hint: str | None, **extra: str
) -> tuple[dict[str, str], str]:
    verifier, challenge = pkce_pair()
    params = {
        "client_id": demo.client_id,
        "response_type": "code",
        "redirect_uri": REDIRECT_URI,
        "scope": f"{scope} openid profile offline_access",
        "state": secrets.token_hex(8),
        "nonce": secrets.token_hex(16),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "response_mode": "form_post",
        "client_info": "1",
    }
    if login_hint:
        params["login_hint"] = login_hint
    params.update(extra)
    return params, verifier


def raw_authorize(
    demo: Any, client: httpx.Client, user: str, scope: str = "User.Read.All", **extra: str
) -> RawAuthorization:
    """Authorize with ``login_hint``: the demo answers the form_post page at once."""
    params, verifier = authorize_params(demo, scope=scope, login_hint=user, **extra)
    page = client.get(authorize_url(demo, **params))
    assert page.status_code == 200, page.text
    post = next(f for f in forms(page.text) if f.form_id == "form_post")
    assert post.action == params["redirect_uri"]
    assert post.fields.get("state") == params["state"]
    assert "code" in post.fields, post.fields
    return RawAuthorization(
        code=post.fields["code"],
        state=post.fields["state"],
        nonce=params["nonce"],
        verifier=verifier,
        redirect_uri=params["redirect_uri"],
        client_info=post.fields.get("client_info"),
    )


def redeem(
    demo: Any,
    client: httpx.Client,
    auth: RawAuthorization,
    *,
    scope: str = "User.Read.All",
    **overrides: str,
) -> httpx.Response:
    data = {
        "client_id": demo.client_id,
        "grant_type": "authorization_code",
        "code": auth.code,
        "redirect_uri": auth.redirect_uri,
        "code_verifier": auth.verifier,
        "scope": f"{scope} openid profile offline_access",
        "client_info": "1",
    }
    data.update(overrides)
    return client.post(f"{demo.authority}/oauth2/v2.0/token", data=data)


def token_post(
    demo: Any, client: httpx.Client, data: dict[str, str], **kwargs: Any
) -> httpx.Response:
    return client.post(f"{demo.authority}/oauth2/v2.0/token", data=data, **kwargs)


def assert_entra_error(
    response: httpx.Response, error: str, code: int, status: int = 400
) -> dict[str, Any]:
    """The answer is Entra's JSON error: ``error``, ``AADSTS<code>: ...`` and the ids."""
    assert response.status_code == status, response.text
    body = dict(response.json())
    assert body["error"] == error, body
    assert body["error_codes"] == [code], body
    assert body["error_description"].startswith(f"AADSTS{code}: "), body
    for key in ("timestamp", "trace_id", "correlation_id", "error_uri"):
        assert body.get(key), (key, body)
    return body


def redirect_query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def set_settings(demo: Any, **values: Any) -> None:
    with http_client(demo) as client:
        response = client.post("/_demo/settings", json=values)
        assert response.status_code == 200, response.text
