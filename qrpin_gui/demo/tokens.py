"""Access tokens for the demo's Graph: JWT-shaped, HMAC-signed with a key made at start."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qrpin_gui.demo.constants import DEMO_APP_SCOPES, DEMO_CLIENT_ID, GRAPH_APP_ID, GRAPH_RESOURCE

AUDIENCE = GRAPH_RESOURCE
_RESERVED = frozenset({"openid", "profile", "offline_access", "email"})
_PREFIXES = (GRAPH_RESOURCE + "/", GRAPH_RESOURCE.replace("https://", "") + "/", GRAPH_APP_ID + "/")


class TokenError(Exception):
    """The bearer token is missing, malformed, badly signed, for someone else, or expired."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


@dataclass(frozen=True, slots=True)
class TokenInfo:
    user_id: str
    scopes: frozenset[str]
    expires_at: float


def normalise_scopes(scopes: Iterable[str]) -> list[str]:
    """Short Graph scope names, ``.default`` expanded, OIDC scopes dropped, order kept.

    Scope strings may also arrive space-separated in one item.
    """
    out: list[str] = []
    for item in scopes:
        for raw in str(item).split():
            name = raw
            for prefix in _PREFIXES:
                if name.lower().startswith(prefix.lower()):
                    name = name[len(prefix) :]
                    break
            if name.lower() in _RESERVED or not name:
                continue
            expanded = DEMO_APP_SCOPES if name.lower() == ".default" else (name,)
            for scope in expanded:
                if scope not in out:
                    out.append(scope)
    return out


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenService:
    """Issues and verifies the demo's Graph access tokens."""

    def __init__(self, tenant_id: str, upn_of: Callable[[str], str | None] | None = None) -> None:
        self._key = secrets.token_bytes(32)
        self._tenant_id = tenant_id
        self._upn_of = upn_of or (lambda _uid: None)

    def issue(self, user_id: str, scopes: list[str], expires_in: int = 3600) -> str:
        """A signed access token for ``user_id`` with the (normalised) ``scopes``.

        ``expires_in`` may be zero or negative (an already-expired token, for tests).
        """
        now = int(time.time())
        claims = {
            "aud": AUDIENCE,
            "iss": f"https://sts.windows.net/{self._tenant_id}/",
            "iat": now,
            "nbf": min(now, now + int(expires_in)),
            "exp": now + int(expires_in),
            "appid": DEMO_CLIENT_ID,
            "oid": user_id,
            "sub": user_id,
            "tid": self._tenant_id,
            "upn": self._upn_of(user_id) or "",
            "scp": " ".join(normalise_scopes(scopes)),
            "uti": uuid.uuid4().hex,
            "ver": "1.0",
        }
        header = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
        payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
        signing_input = f"{header}.{payload}".encode("ascii")
        signature = _b64(hmac.new(self._key, signing_input, hashlib.sha256).digest())
        return f"{header}.{payload}.{signature}"

    def verify(self, token: str) -> TokenInfo:
        """The token's user, scopes and expiry; raises :class:`TokenError` when unusable."""
        parts = token.split(".")
        if len(parts) != 3 or not all(parts):
            raise TokenError("IDX14100: JWT is not well formed.")
        header, payload, signature = parts
        expected = _b64(
            hmac.new(self._key, f"{header}.{payload}".encode("ascii"), hashlib.sha256).digest()
        )
        if not hmac.compare_digest(expected, signature):
            raise TokenError("Access token validation failure. Invalid signature.")
        try:
            claims = json.loads(_unb64(payload))
        except (ValueError, UnicodeDecodeError) as exc:
            raise TokenError("IDX14100: JWT is not well formed.") from exc
        if not isinstance(claims, dict):
            raise TokenError("IDX14100: JWT is not well formed.")
        if claims.get("aud") != AUDIENCE:
            raise TokenError("Access token validation failure. Invalid audience.")
        if claims.get("tid") != self._tenant_id:
            raise TokenError("Access token validation failure. Invalid issuer.")
        exp = claims.get("exp")
        if not isinstance(exp, int | float) or exp <= time.time():
            raise TokenError("Lifetime validation failed, the token is expired.", expired=True)
        user_id = claims.get("oid")
        if not isinstance(user_id, str) or not user_id:
            raise TokenError("Access token validation failure.")
        scp = claims.get("scp", "")
        return TokenInfo(
            user_id=user_id,
            scopes=frozenset(str(scp).split()),
            expires_at=float(exp),
        )
