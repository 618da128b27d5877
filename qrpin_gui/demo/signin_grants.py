"""The sign-in endpoints' memory: app registrations, pending authorizations, codes,
refresh tokens and device codes.

Everything lives in one :class:`GrantStore` per server; it forgets all grants (and the
extra app registrations) when the demo directory is reseeded.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import string
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from qrpin_gui.demo.constants import DEMO_CLIENT_ID

CODE_LIFETIME_S = 600
PENDING_LIFETIME_S = 900
REFRESH_LIFETIME_S = 90 * 24 * 3600
DEVICE_CODE_LIFETIME_S = 900
_USER_CODE_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


@dataclass
class AppRegistration:
    """A public client the demo tenant knows."""

    client_id: str
    display_name: str
    redirect_uris: list[str]

    def accepts_redirect(self, uri: str) -> bool:
        """Entra's reply-URL match: exact, except that loopback http URIs ignore the port."""
        try:
            wanted = urlsplit(uri)
        except ValueError:
            return False
        for registered in self.redirect_uris:
            reg = urlsplit(registered)
            if uri == registered:
                return True
            if (
                wanted.scheme == reg.scheme == "http"
                and (wanted.hostname or "") in _LOOPBACK_HOSTS
                and wanted.hostname == reg.hostname
                and (wanted.path or "/") == (reg.path or "/")
                and not wanted.query
                and not wanted.fragment
            ):
                return True
        return False

    def to_json(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "display_name": self.display_name,
            "redirect_uris": list(self.redirect_uris),
            "public_client": True,
        }


def demo_app() -> AppRegistration:
    return AppRegistration(
        client_id=DEMO_CLIENT_ID,
        display_name="QR PIN Manager (demo)",
        redirect_uris=[
            "http://localhost",
            "http://127.0.0.1",
            "https://login.microsoftonline.com/common/oauth2/nativeclient",
            f"ms-appx-web://Microsoft.AAD.BrokerPlugin/{DEMO_CLIENT_ID}",
        ],
    )


@dataclass
class AuthorizationRequest:
    """A validated authorize request waiting for the browser to pick an account."""

    request_id: str
    client_id: str
    redirect_uri: str
    response_mode: str
    scope: str
    state: str | None
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    claims: dict[str, Any] | None
    client_info: bool
    prompt: str | None
    login_hint: str | None
    created: float = field(default_factory=time.time)


@dataclass
class AuthorizationCode:
    client_id: str
    redirect_uri: str
    user_id: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    acrs: frozenset[str]
    expires_at: float
    redeemed: bool = False


@dataclass
class RefreshGrant:
    client_id: str
    user_id: str
    acrs: frozenset[str]
    expires_at: float
    revoked: bool = False


@dataclass
class DeviceAuthorization:
    device_code: str
    user_code: str
    client_id: str
    scope: str
    expires_at: float
    interval: int
    status: str = "pending"  # pending | approved | declined | redeemed
    user_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "user_code": self.user_code,
            "client_id": self.client_id,
            "scope": self.scope,
            "status": "expired" if self.expired and self.status == "pending" else self.status,
            "expires_in": max(0, int(self.expires_at - time.time())),
            "user_id": self.user_id,
        }

    @property
    def expired(self) -> bool:
        return time.time() >= self.expires_at


def verify_pkce(verifier: str, challenge: str, method: str | None) -> bool:
    """RFC 7636: S256 (BASE64URL(SHA256(verifier)) == challenge) or plain."""
    if (method or "plain").upper() == "S256":
        digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        return secrets.compare_digest(computed, challenge)
    return secrets.compare_digest(verifier, challenge)


class GrantStore:
    """All sign-in state of one demo server."""

    def __init__(self) -> None:
        self.apps: dict[str, AppRegistration] = {}
        self.pending: dict[str, AuthorizationRequest] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.refresh: dict[str, RefreshGrant] = {}
        self.devices: dict[str, DeviceAuthorization] = {}
        self.device_by_user_code: dict[str, str] = {}
        self._directory_marker: object | None = None
        self.forget_all()

    def forget_all(self) -> None:
        """Back to a fresh tenant: only the demo app registered, no grants."""
        self.apps = {DEMO_CLIENT_ID: demo_app()}
        self.pending.clear()
        self.codes.clear()
        self.refresh.clear()
        self.devices.clear()
        self.device_by_user_code.clear()

    def follow_directory(self, directory: object) -> None:
        """Forget everything when the directory object changed (the tenant was reseeded)."""
        if directory is not self._directory_marker:
            if self._directory_marker is not None:
                self.forget_all()
            self._directory_marker = directory

    # -- apps --------------------------------------------------------------------------

    def register_app(
        self, client_id: str, display_name: str, redirect_uris: list[str]
    ) -> AppRegistration:
        app = AppRegistration(client_id, display_name, redirect_uris)
        self.apps[client_id] = app
        return app

    # -- authorize -----------------------------------------------------------------------

    def add_pending(self, request: AuthorizationRequest) -> None:
        self._sweep()
        self.pending[request.request_id] = request

    def take_pending(self, request_id: str) -> AuthorizationRequest | None:
        request = self.pending.pop(request_id, None)
        if request is None or time.time() - request.created > PENDING_LIFETIME_S:
            return None
        return request

    def issue_code(self, request: AuthorizationRequest, user_id: str, acrs: frozenset[str]) -> str:
        code = "1.demo." + secrets.token_urlsafe(48)
        self.codes[code] = AuthorizationCode(
            client_id=request.client_id,
            redirect_uri=request.redirect_uri,
            user_id=user_id,
            scope=request.scope,
            nonce=request.nonce,
            code_challenge=request.code_challenge,
            code_challenge_method=request.code_challenge_method,
            acrs=acrs,
            expires_at=time.time() + CODE_LIFETIME_S,
        )
        return code

    # -- refresh tokens --------------------------------------------------------------------

    def issue_refresh(self, client_id: str, user_id: str, acrs: frozenset[str]) -> str:
        token = "1.demo-rt." + secrets.token_urlsafe(64)
        self.refresh[token] = RefreshGrant(
            client_id=client_id,
            user_id=user_id,
            acrs=acrs,
            expires_at=time.time() + REFRESH_LIFETIME_S,
        )
        return token

    def revoke_user(self, user_id: str) -> int:
        """Revoke every refresh token of ``user_id`` (like revokeSignInSessions)."""
        count = 0
        for grant in self.refresh.values():
            if grant.user_id == user_id and not grant.revoked:
                grant.revoked = True
                count += 1
        return count

    # -- device codes ----------------------------------------------------------------------

    def add_device(self, client_id: str, scope: str, interval: int) -> DeviceAuthorization:
        self._sweep()
        while True:
            user_code = "".join(secrets.choice(_USER_CODE_ALPHABET) for _ in range(9))
            if user_code not in self.device_by_user_code:
                break
        device = DeviceAuthorization(
            device_code="DAQABAAEAAAD" + secrets.token_urlsafe(96),
            user_code=user_code,
            client_id=client_id,
            scope=scope,
            expires_at=time.time() + DEVICE_CODE_LIFETIME_S,
            interval=interval,
        )
        self.devices[device.device_code] = device
        self.device_by_user_code[user_code] = device.device_code
        return device

    def device_for_user_code(self, user_code: str) -> DeviceAuthorization | None:
        normalized = user_code.strip().upper().replace("-", "").replace(" ", "")
        device_code = self.device_by_user_code.get(normalized)
        return self.devices.get(device_code) if device_code else None

    def _sweep(self) -> None:
        """Drop long-dead entries so the store stays small."""
        now = time.time()
        for rid in [r for r, p in self.pending.items() if now - p.created > PENDING_LIFETIME_S]:
            del self.pending[rid]
        for code in [c for c, g in self.codes.items() if now > g.expires_at + CODE_LIFETIME_S]:
            del self.codes[code]
        for dc in [d for d, dev in self.devices.items() if now > dev.expires_at + 3600]:
            self.device_by_user_code.pop(self.devices[dc].user_code, None)
            del self.devices[dc]
