"""Entra (AADSTS) error answers of the demo sign-in endpoints.

Entra's token and device-code endpoints answer errors as JSON::

    {"error": "invalid_grant",
     "error_description": "AADSTS54005: ...\\r\\nTrace ID: ...\\r\\nCorrelation ID: ...\\r\\nTimestamp: ...",
     "error_codes": [54005], "timestamp": "2026-01-09 02:02:12Z",
     "trace_id": "...", "correlation_id": "...", "error_uri": "https://login.microsoftonline.com/error?code=54005"}

plus ``suberror`` for some (``consent_required``, ``basic_action``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from starlette.responses import JSONResponse


class EntraError(Exception):
    """An OAuth error as Entra sends it (``error`` + ``AADSTS<code>: <message>``)."""

    def __init__(
        self,
        error: str,
        code: int,
        message: str,
        *,
        status: int = 400,
        suberror: str | None = None,
    ) -> None:
        super().__init__(f"{error}: AADSTS{code}")
        self.error = error
        self.code = code
        self.message = message
        self.status = status
        self.suberror = suberror

    def body(self, correlation_id: str | None = None) -> dict[str, Any]:
        """The JSON body, with fresh trace id and timestamp."""
        trace_id = str(uuid.uuid4())
        correlation = correlation_id or str(uuid.uuid4())
        timestamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
        description = (
            f"AADSTS{self.code}: {self.message}\r\nTrace ID: {trace_id}\r\n"
            f"Correlation ID: {correlation}\r\nTimestamp: {timestamp}"
        )
        body: dict[str, Any] = {
            "error": self.error,
            "error_description": description,
            "error_codes": [self.code],
            "timestamp": timestamp,
            "trace_id": trace_id,
            "correlation_id": correlation,
            "error_uri": f"https://login.microsoftonline.com/error?code={self.code}",
        }
        if self.suberror:
            body["suberror"] = self.suberror
        return body

    def response(self, correlation_id: str | None = None) -> JSONResponse:
        return JSONResponse(
            self.body(correlation_id),
            status_code=self.status,
            headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
        )


# --- the errors the demo answers (codes and texts as Entra sends them) ---------------------


def missing_parameter(name: str) -> EntraError:
    return EntraError(
        "invalid_request",
        900144,
        f"The request body must contain the following parameter: '{name}'.",
    )


def unknown_client(client_id: str, tenant: str) -> EntraError:
    # ASSUMED: the issue asks for invalid_client; Entra's text for AADSTS700016 is kept.
    return EntraError(
        "invalid_client",
        700016,
        f"Application with identifier '{client_id}' was not found in the directory '{tenant}'. "
        "This can happen if the application has not been installed by the administrator of the "
        "tenant or consented to by any user in the tenant. You may have sent your authentication "
        "request to the wrong tenant.",
    )


def public_client_secret() -> EntraError:
    return EntraError(
        "invalid_client",
        700025,
        "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
        status=401,
    )


def unknown_tenant(tenant: str) -> EntraError:
    return EntraError(
        "invalid_tenant",
        90002,
        f"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are "
        "signing into the correct cloud. Check with your subscription administrator, this may "
        "happen if there are no active subscriptions for the tenant.",
    )


def unsupported_grant_type(grant_type: str) -> EntraError:
    return EntraError(
        "unsupported_grant_type",
        70003,
        f"The app requested an unsupported grant type '{grant_type}'.",
    )


def malformed_grant() -> EntraError:
    return EntraError("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.")


def code_redeemed() -> EntraError:
    return EntraError(
        "invalid_grant",
        54005,
        "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use "
        "an existing refresh token.",
    )


def grant_expired() -> EntraError:
    return EntraError(
        "invalid_grant",
        70008,
        "The provided authorization code or refresh token has expired due to inactivity. Send a "
        "new interactive authorization request for this user and resource.",
    )


def grant_revoked() -> EntraError:
    return EntraError(
        "invalid_grant",
        50173,
        "The provided grant has expired due to it being revoked, a fresh auth token is needed. "
        "The user might have changed or reset their password.",
    )


def grant_for_other_client() -> EntraError:
    # ASSUMED code: Entra refuses a code or refresh token issued to another client.
    return EntraError(
        "invalid_grant",
        70000,
        "Provided grant is invalid or malformed. The grant was issued to a different client.",
    )


def redirect_uri_mismatch() -> EntraError:
    return EntraError(
        "invalid_grant",
        70000,
        "The provided value for the 'redirect_uri' is not valid. The value must exactly match the "
        "redirect URI used to obtain the authorization code.",
    )


def pkce_mismatch() -> EntraError:
    return EntraError(
        "invalid_grant",
        50148,
        "The code_verifier does not match the code_challenge supplied in the authorization request "
        "for PKCE.",
    )


def invalid_scope(detail: str) -> EntraError:
    return EntraError(
        "invalid_scope",
        70011,
        f"The provided request must include a 'scope' input parameter. The provided value for the "
        f"input parameter 'scope' is not valid. {detail}",
    )


def unknown_resource(resource: str, tenant: str) -> EntraError:
    return EntraError(
        "invalid_resource",
        500011,
        f"The resource principal named {resource} was not found in the tenant named {tenant}. "
        "This can happen if the application has not been installed by the administrator of the "
        "tenant or consented to by any user in the tenant. You might have sent your "
        "authentication request to the wrong tenant.",
    )


def consent_required(client_id: str, app_name: str) -> EntraError:
    return EntraError(
        "invalid_grant",
        65001,
        f"The user or administrator has not consented to use the application with ID "
        f"'{client_id}' named '{app_name}'. Send an interactive authorization request for this "
        "user and resource.",
        suberror="consent_required",
    )


def mfa_required() -> EntraError:
    return EntraError(
        "invalid_grant",
        50076,
        "Due to a configuration change made by your administrator, or because you moved to a new "
        "location, you must use multi-factor authentication to access "
        "'00000003-0000-0000-c000-000000000000'.",
        suberror="basic_action",
    )


def user_disabled() -> EntraError:
    return EntraError("invalid_grant", 50057, "The user account is disabled.")


def user_not_found(tenant: str) -> EntraError:
    return EntraError(
        "invalid_grant",
        50034,
        f"The user account does not exist in the {tenant} directory. To sign into this "
        "application, the account must be added to the directory.",
    )


def invalid_claims() -> EntraError:
    # ASSUMED code for a claims parameter that is not a JSON object.
    return EntraError("invalid_request", 90100, "claims parameter is empty or not valid.")


def authorization_pending() -> EntraError:
    return EntraError(
        "authorization_pending",
        70016,
        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
    )


def authorization_declined() -> EntraError:
    return EntraError(
        "authorization_declined",
        70000,
        "The end user denied the authorization request.",
    )


def device_code_expired() -> EntraError:
    return EntraError(
        "expired_token",
        70020,
        "The provided value for the input parameter 'device_code' is not valid. This device code "
        "has expired.",
    )


def device_code_invalid() -> EntraError:
    return EntraError(
        "invalid_grant",
        70000,
        "The provided value for the input parameter 'device_code' is not valid.",
    )
