"""The demo tenant never logs a secret: with DEBUG on for the root and uvicorn loggers, a
real MSAL sign-in, a raw code exchange and refresh, a control-API token, a PIN reset, an
updatePin and a QR code create leave no token, code, PIN or QR payload in any log record."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.demo.conftest import ADMIN_SCOPES, method_path
from tests.demo.conftest_signin import (
    http_client,
    msal_app,
    raw_authorize,
    redeem,
    requests_session,
    scripted_browser,
    token_post,
)

UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")


class Capture(logging.Handler):
    """Every record, formatted in full (message, arguments, exception and stack text)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record) + " " + repr(record.args))


@pytest.fixture
def captured() -> Iterator[Capture]:
    """DEBUG captured on the root logger and on uvicorn's own (which do not propagate)."""
    handler = Capture()
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in UVICORN_LOGGERS)]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)


@pytest.fixture
def tenant(demo_clean: Any) -> Iterator[Any]:
    yield demo_clean
    demo_clean.reset()


def _secrets_of_sign_in(
    tenant: Any, monkeypatch: pytest.MonkeyPatch, client: httpx.Client, upn: str
) -> list[str]:
    found: list[str] = []
    with requests_session(tenant) as session:
        app = msal_app(tenant, session)
        with scripted_browser(monkeypatch, session):
            result = app.acquire_token_interactive(
                ["https://graph.microsoft.com/User.Read.All"], login_hint=upn, timeout=15
            )
        assert "access_token" in result, result
        found += [result["access_token"], result["refresh_token"], result["id_token"]]
        (account,) = app.get_accounts()
        again = app.acquire_token_silent(
            ["https://graph.microsoft.com/User.Read.All"], account=account, force_refresh=True
        )
        found += [again["access_token"], again["refresh_token"]]
    auth = raw_authorize(tenant, client, upn)
    found.append(auth.code)
    redeemed = redeem(tenant, client, auth).json()
    found += [redeemed["access_token"], redeemed["refresh_token"]]
    refreshed = token_post(
        tenant,
        client,
        {
            "client_id": tenant.client_id,
            "grant_type": "refresh_token",
            "refresh_token": redeemed["refresh_token"],
            "scope": "User.Read.All offline_access",
        },
    ).json()
    found += [refreshed["access_token"], refreshed["refresh_token"]]
    return found


def test_no_secret_reaches_any_log_record(
    tenant: Any, captured: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = tenant.accounts(role="itAdmin")[0]["upn"]
    worker = tenant.accounts(role="worker")[0]
    with http_client(tenant, timeout=30) as client:
        secrets = _secrets_of_sign_in(tenant, monkeypatch, client, admin)

        token = tenant.token(admin, scopes=ADMIN_SCOPES)
        secrets.append(token)
        auth = {"Authorization": f"Bearer {token}"}
        graph = tenant.graph_url

        reset = client.patch(f"{graph}{method_path(worker['id'])}/pin", headers=auth, json={})
        assert reset.status_code == 201, reset.text
        new_pin = reset.json()["code"]
        secrets.append(new_pin)

        own = tenant.token(worker["upn"], scopes=["Directory.AccessAsUser.All"])
        secrets.append(own)
        changed = client.post(
            f"{graph}/me/authentication/qrCodePinMethod/pin/updatePin",
            headers={"Authorization": f"Bearer {own}"},
            json={"currentPin": new_pin, "newPin": "59173028"},
        )
        assert changed.status_code == 204, changed.text
        secrets.append("59173028")

        path = method_path(worker["id"])
        assert client.delete(f"{graph}{path}", headers=auth).status_code == 204
        created = client.put(
            f"{graph}{path}", headers=auth, json={"standardQRCode": {}, "pin": {"code": "40718352"}}
        )
        assert created.status_code == 201, created.text
        image = created.json()["standardQRCode"]["image"]
        payload = base64.b64decode(image["rawContent"]).decode()
        secrets += ["40718352", image["rawContent"], payload, payload.rsplit("|", 1)[1]]

    assert len(captured.lines) > 20, "the capture saw the run (demo, uvicorn, clients)"
    assert any(line.startswith("qrpin_gui.demo") for line in captured.lines)
    for secret in secrets:
        assert secret and len(secret) >= 8
        leaks = [line for line in captured.lines if secret in line]
        assert not leaks, f"a secret reached the log: {leaks[0][:300]}"
