"""Entra sign-in endpoints of the demo tenant, enough for the real MSAL library.

Under the authority path ``/{tenant}`` (the demo tenant id, its domain, ``organizations``
or ``common``):

* ``GET  /{tenant}/v2.0/.well-known/openid-configuration`` (OpenID discovery)
* ``GET  /{tenant}/discovery/v2.0/keys`` (no keys: id tokens are unsigned)
* ``GET  /{tenant}/oauth2/v2.0/authorize`` and ``POST .../authorize/pick`` (account picker)
* ``POST /{tenant}/oauth2/v2.0/token`` (authorization_code, refresh_token, device_code)
* ``POST /{tenant}/oauth2/v2.0/devicecode``, ``GET/POST /devicelogin`` (device-code page)

and the control routes ``/_demo/clients``, ``/_demo/devicecode[/approve|/deny]``,
``/_demo/signin/revoke``. See ``docs/demo-tenant.md`` ("Sign-in endpoints and fault injection").
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from qrpin_gui.demo import signin_errors as errors
from qrpin_gui.demo import signin_pages as pages
from qrpin_gui.demo.constants import DEMO_TENANT_DOMAIN, DEMO_TENANT_ID
from qrpin_gui.demo.errors import GraphError
from qrpin_gui.demo.http_io import (
    error_response,
    graph_error_response,
    loads_bounded,
    read_body,
    read_json,
)
from qrpin_gui.demo.signin_errors import EntraError
from qrpin_gui.demo.signin_grants import (
    AppRegistration,
    AuthorizationRequest,
    DeviceAuthorization,
    GrantStore,
    verify_pkce,
)
from qrpin_gui.demo.signin_scopes import RequestedScopes, check_consent, parse_scopes

log = logging.getLogger(__name__)

DEVICE_GRANT_TYPES = frozenset({"urn:ietf:params:oauth:grant-type:device_code", "device_code"})
_TENANT_ALIASES = frozenset({"organizations", "common"})
_PROMPTS = frozenset({"none", "login", "consent", "select_account", "create"})
_RESPONSE_MODES = frozenset({"form_post", "query", "fragment"})
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

try:  # the switches live in the Graph-surface engineer's settings module
    from qrpin_gui.demo.settings import register_setting

    register_setting(
        "access_token_lifetime",
        3600,
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 86400,
        "int seconds (1..86400): expires_in of access tokens from the sign-in endpoints",
    )
    register_setting(
        "device_code_interval",
        1,
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 30,
        "int seconds (1..30): polling interval the device-code endpoint asks for (Entra: 5)",
    )
except ImportError:  # pragma: no cover - settings module absent
    log.debug("demo settings module not available; sign-in switches use defaults")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _setting(state: Any, key: str, default: Any) -> Any:
    settings = getattr(state, "settings", None)
    if settings is None:
        return default
    try:
        value = settings.get(key, default)
    except (AttributeError, TypeError):
        value = getattr(settings, key, default)
    return default if value is None else value


class SignIn:
    """The sign-in endpoints bound to one :class:`DemoState`."""

    def __init__(self, state: Any) -> None:
        self.state = state
        self.store = GrantStore()

    # -- helpers -------------------------------------------------------------------------

    def _sync(self) -> None:
        self.store.follow_directory(getattr(self.state, "directory", None))

    @property
    def tenant_id(self) -> str:
        return str(getattr(self.state, "tenant_id", None) or DEMO_TENANT_ID)

    def _check_tenant(self, tenant: str) -> None:
        if tenant.lower() not in {self.tenant_id.lower(), DEMO_TENANT_DOMAIN, *_TENANT_ALIASES}:
            raise errors.unknown_tenant(tenant)

    @staticmethod
    def _base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def _issuer(self, request: Request) -> str:
        return f"{self._base(request)}/{self.tenant_id}/v2.0"

    def _find_user(self, hint: str | None) -> Any:
        if not hint:
            return None
        directory = getattr(self.state, "directory", None)
        if directory is None:
            return None
        return directory.find_user(hint.strip())

    def _accounts(self) -> list[dict[str, Any]]:
        directory = getattr(self.state, "directory", None)
        if directory is None:
            return []
        return list(directory.accounts())

    def _app(self, client_id: str | None, tenant: str) -> AppRegistration:
        if not client_id:
            raise errors.missing_parameter("client_id")
        app = self.store.apps.get(client_id)
        if app is None:
            raise errors.unknown_client(client_id, tenant)
        return app

    def _check_user(self, user_id: str) -> Any:
        user = self._find_user(user_id)
        if user is None:
            raise errors.user_not_found(DEMO_TENANT_DOMAIN)
        if getattr(user, "account_enabled", True) is False:
            raise errors.user_disabled()
        return user

    # -- discovery -------------------------------------------------------------------------

    async def discovery(self, request: Request) -> Response:
        tenant = request.path_params["tenant"]
        try:
            self._check_tenant(tenant)
        except EntraError as exc:
            return exc.response(request.headers.get("client-request-id"))
        base = self._base(request)
        issuer_tenant = "{tenantid}" if tenant.lower() in _TENANT_ALIASES else self.tenant_id
        doc = {
            "token_endpoint": f"{base}/{tenant}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": [
                "client_secret_post",
                "private_key_jwt",
                "client_secret_basic",
            ],
            "jwks_uri": f"{base}/{tenant}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "issuer": f"{base}/{issuer_tenant}/v2.0",
            "request_uri_parameter_supported": False,
            "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
            "authorization_endpoint": f"{base}/{tenant}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{base}/{tenant}/oauth2/v2.0/devicecode",
            "http_logout_supported": True,
            "frontchannel_logout_supported": True,
            "end_session_endpoint": f"{base}/{tenant}/oauth2/v2.0/logout",
            "claims_supported": [
                "sub",
                "iss",
                "cloud_instance_name",
                "cloud_instance_host_name",
                "cloud_graph_host_name",
                "msgraph_host",
                "aud",
                "exp",
                "iat",
                "auth_time",
                "acr",
                "nonce",
                "preferred_username",
                "name",
                "tid",
                "ver",
                "at_hash",
                "c_hash",
                "email",
            ],
            "kerberos_endpoint": f"{base}/{tenant}/kerberos",
            "tenant_region_scope": "EU",
            "cloud_instance_name": "microsoftonline.com",
            "cloud_graph_host_name": "graph.windows.net",
            "msgraph_host": "graph.microsoft.com",
            "rbac_url": "https://pas.windows.net",
        }
        return JSONResponse(doc)

    async def keys(self, request: Request) -> Response:
        return JSONResponse({"keys": []})

    async def logout(self, request: Request) -> Response:
        return pages.message(
            "You signed out of your account", "It's a good idea to close all browser windows."
        )

    # -- authorize -------------------------------------------------------------------------

    async def authorize(self, request: Request) -> Response:
        self._sync()
        tenant = request.path_params["tenant"]
        q = request.query_params
        try:
            self._check_tenant(tenant)
            app = self._app(q.get("client_id"), tenant)
        except EntraError as exc:
            return pages.error_page(f"AADSTS{exc.code}", exc.message)
        redirect_uri = q.get("redirect_uri")
        if not redirect_uri:
            return pages.error_page(
                "AADSTS500113", "No reply address is registered for the application."
            )
        if not app.accepts_redirect(redirect_uri):
            return pages.error_page(
                "AADSTS50011",
                f"The redirect URI '{redirect_uri}' specified in the request does not match the "
                f"redirect URIs configured for the application '{app.client_id}'. Make sure the "
                "redirect URI sent in the request matches one added to your application in the "
                "Azure portal.",
            )
        response_mode = q.get("response_mode") or "query"
        if response_mode not in _RESPONSE_MODES:
            response_mode = "query"
        state = q.get("state")

        def fail(error: str, code: int, message: str) -> Response:
            return self._redirect_error(redirect_uri, response_mode, state, error, code, message)

        response_type = q.get("response_type")
        if not response_type:
            return fail(
                "invalid_request",
                900144,
                "The request body must contain the following parameter: 'response_type'.",
            )
        if response_type != "code":
            return fail(
                "unsupported_response_type",
                700054,
                f"response_type '{response_type}' is not enabled for the application.",
            )
        try:
            parse_scopes(q.get("scope"), tenant)
        except EntraError as exc:
            return fail(exc.error, exc.code, exc.message)
        challenge = q.get("code_challenge")
        method = q.get("code_challenge_method")
        if method is not None and method not in ("S256", "plain"):
            return fail("invalid_request", 501491, "Invalid code_challenge_method.")
        if challenge is not None and not 43 <= len(challenge) <= 128:
            return fail("invalid_request", 501491, "Invalid size of Code_Challenge parameter.")
        claims: dict[str, Any] | None = None
        if q.get("claims"):
            try:
                claims = loads_bounded(q["claims"])
            except ValueError:
                claims = None
            if not isinstance(claims, dict):
                bad = errors.invalid_claims()
                return fail(bad.error, bad.code, bad.message)
        prompt = q.get("prompt") or None
        if prompt is not None and prompt not in _PROMPTS:
            return fail("invalid_request", 90023, f"Unsupported 'prompt' value '{prompt}'.")
        pending = AuthorizationRequest(
            request_id=uuid.uuid4().hex,
            client_id=app.client_id,
            redirect_uri=redirect_uri,
            response_mode=response_mode,
            scope=q.get("scope") or "",
            state=state,
            nonce=q.get("nonce"),
            code_challenge=challenge,
            code_challenge_method=(method or "plain") if challenge else None,
            claims=claims,
            client_info=q.get("client_info") == "1",
            prompt=prompt,
            login_hint=q.get("login_hint"),
        )
        user = self._find_user(pending.login_hint)
        if prompt == "none":
            if user is None:
                return fail(
                    "login_required",
                    50058,
                    "A silent sign-in request was sent but no user is signed in.",
                )
            return self._complete(request, tenant, pending, user)
        if user is not None and prompt is None:
            # A known login_hint and no prompt: the demo's stand-in for a browser session.
            return self._complete(request, tenant, pending, user)
        self.store.add_pending(pending)
        if user is not None and prompt in ("login", "consent"):
            return self._confirm(request, tenant, pending, app, user)
        notice = None
        if pending.login_hint and user is None:
            notice = "This username may be incorrect. Pick an account or enter another one."
        return self._picker(request, tenant, pending, app, notice)

    def _confirm(
        self,
        request: Request,
        tenant: str,
        pending: AuthorizationRequest,
        app: AppRegistration,
        user: Any,
    ) -> Response:
        """``prompt=login`` / ``prompt=consent`` with a known ``login_hint``: one account to
        confirm (the demo's password page / consent page)."""
        scopes: list[str] = []
        if pending.prompt == "consent":
            requested = parse_scopes(pending.scope, tenant)
            scopes = [*requested.graph_raw, *requested.oidc]
        return pages.confirm_account(
            action=f"{self._base(request)}/{tenant}/oauth2/v2.0/authorize/pick",
            request_id=pending.request_id,
            upn=user.upn,
            display_name=getattr(user, "display_name", None) or user.upn,
            app_name=app.display_name,
            consent_scopes=scopes if pending.prompt == "consent" else None,
        )

    def _picker(
        self,
        request: Request,
        tenant: str,
        pending: AuthorizationRequest,
        app: AppRegistration,
        notice: str | None,
    ) -> Response:
        return pages.account_picker(
            action=f"{self._base(request)}/{tenant}/oauth2/v2.0/authorize/pick",
            request_id=pending.request_id,
            accounts=self._accounts(),
            app_name=app.display_name,
            notice=notice,
        )

    async def pick(self, request: Request) -> Response:
        """The account picker's answer: sign in as the chosen user, or cancel."""
        self._sync()
        tenant = request.path_params["tenant"]
        form = await _form(request)
        pending = self.store.take_pending(str(form.get("request_id") or ""))
        if pending is None:
            return pages.error_page(
                "AADSTS90097",
                "The sign-in request has expired or was already used. Go back to the application "
                "and sign in again.",
            )
        if form.get("action") == "deny":
            return self._redirect(
                pending,
                {
                    "error": "access_denied",
                    "error_subcode": "cancel",
                    "error_description": "AADSTS65004: User declined to consent to access the app.",
                },
            )
        switch = form.get("action") == "switch"
        user = None if switch else self._find_user(str(form.get("user") or ""))
        if user is None:
            self.store.add_pending(pending)
            app = self.store.apps.get(pending.client_id)
            if app is None:
                return pages.error_page("AADSTS700016", "The application is no longer registered.")
            notice = None if switch else "We couldn't find an account with that username."
            return self._picker(request, tenant, pending, app, notice)
        return self._complete(request, tenant, pending, user)

    def _complete(
        self, request: Request, tenant: str, pending: AuthorizationRequest, user: Any
    ) -> Response:
        """The user is signed in: answer the redirect URI with a code."""
        if getattr(user, "account_enabled", True) is False:
            return pages.error_page("AADSTS50057", "The user account is disabled.")
        if pending.prompt == "none":
            app = self.store.apps[pending.client_id]
            try:
                check_consent(
                    parse_scopes(pending.scope, tenant),
                    bool(_setting(self.state, "admin_consent", True)),
                    app.client_id,
                    app.display_name,
                )
            except EntraError as exc:
                return self._redirect_error(
                    pending.redirect_uri,
                    pending.response_mode,
                    pending.state,
                    "consent_required",
                    exc.code,
                    exc.message,
                )
        acrs = _requested_acrs(pending.claims)
        code = self.store.issue_code(pending, user.id, acrs)
        fields = {"code": code}
        if pending.client_info:
            fields["client_info"] = self._client_info(user.id)
        fields["session_state"] = str(uuid.uuid5(uuid.NAMESPACE_URL, user.id))
        log.debug("authorize: code issued for user %s", user.id)
        return self._redirect(pending, fields)

    def _redirect(self, pending: AuthorizationRequest, fields: dict[str, str]) -> Response:
        return _answer_redirect(pending.redirect_uri, pending.response_mode, pending.state, fields)

    def _redirect_error(
        self,
        redirect_uri: str,
        response_mode: str,
        state: str | None,
        error: str,
        code: int,
        message: str,
    ) -> Response:
        fields = {
            "error": error,
            "error_description": f"AADSTS{code}: {message}",
            "error_uri": f"https://login.microsoftonline.com/error?code={code}",
        }
        return _answer_redirect(redirect_uri, response_mode, state, fields)

    # -- token ---------------------------------------------------------------------------

    async def token(self, request: Request) -> Response:
        self._sync()
        correlation = request.headers.get("client-request-id")
        tenant = request.path_params["tenant"]
        form = await _form(request)
        try:
            self._check_tenant(tenant)
            if form.get("client_secret") or form.get("client_assertion"):
                self._app(form.get("client_id"), tenant)
                raise errors.public_client_secret()
            app = self._app(form.get("client_id"), tenant)
            grant_type = form.get("grant_type")
            if not grant_type:
                raise errors.missing_parameter("grant_type")
            if grant_type == "authorization_code":
                body = self._grant_code(request, tenant, app, form)
            elif grant_type == "refresh_token":
                body = self._grant_refresh(request, tenant, app, form)
            elif grant_type in DEVICE_GRANT_TYPES:
                body = self._grant_device(request, tenant, app, form)
            else:
                raise errors.unsupported_grant_type(grant_type)
        except EntraError as exc:
            log.debug("token endpoint refused: %s AADSTS%s", exc.error, exc.code)
            return exc.response(correlation)
        return JSONResponse(body, headers=_NO_STORE)

    def _grant_code(
        self, request: Request, tenant: str, app: AppRegistration, form: dict[str, str]
    ) -> dict[str, Any]:
        raw_code = form.get("code")
        if not raw_code:
            raise errors.missing_parameter("code")
        if not form.get("redirect_uri"):
            raise errors.missing_parameter("redirect_uri")
        grant = self.store.codes.get(raw_code)
        if grant is None:
            raise errors.malformed_grant()
        if grant.redeemed:
            raise errors.code_redeemed()
        if time.time() > grant.expires_at:
            raise errors.grant_expired()
        if grant.client_id != app.client_id:
            raise errors.grant_for_other_client()
        if form["redirect_uri"] != grant.redirect_uri:
            raise errors.redirect_uri_mismatch()
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier") or ""
            if not verify_pkce(verifier, grant.code_challenge, grant.code_challenge_method):
                raise errors.pkce_mismatch()
        scopes = parse_scopes(form.get("scope") or grant.scope, tenant)
        user = self._check_user(grant.user_id)
        check_consent(
            scopes,
            bool(_setting(self.state, "admin_consent", True)),
            app.client_id,
            app.display_name,
        )
        grant.redeemed = True
        return self._token_response(
            request, app, user, scopes, grant.nonce, grant.acrs, form.get("client_info") == "1"
        )

    def _grant_refresh(
        self, request: Request, tenant: str, app: AppRegistration, form: dict[str, str]
    ) -> dict[str, Any]:
        raw = form.get("refresh_token")
        if not raw:
            raise errors.missing_parameter("refresh_token")
        grant = self.store.refresh.get(raw)
        if grant is None:
            raise errors.malformed_grant()
        if grant.revoked:
            raise errors.grant_revoked()
        if time.time() > grant.expires_at:
            raise errors.grant_expired()
        if grant.client_id != app.client_id:
            raise errors.grant_for_other_client()
        if not form.get("scope"):
            raise errors.missing_parameter("scope")
        scopes = parse_scopes(form["scope"], tenant)
        claims = _parse_claims(form.get("claims"))
        if not _requested_acrs(claims) <= grant.acrs:
            raise errors.mfa_required()
        user = self._check_user(grant.user_id)
        check_consent(
            scopes,
            bool(_setting(self.state, "admin_consent", True)),
            app.client_id,
            app.display_name,
        )
        return self._token_response(
            request, app, user, scopes, None, grant.acrs, form.get("client_info") == "1"
        )

    def _grant_device(
        self, request: Request, tenant: str, app: AppRegistration, form: dict[str, str]
    ) -> dict[str, Any]:
        raw = form.get("device_code")
        if not raw:
            raise errors.missing_parameter("device_code")
        device = self.store.devices.get(raw)
        if device is None or device.status == "redeemed":
            raise errors.device_code_invalid()
        if device.client_id != app.client_id:
            raise errors.grant_for_other_client()
        if device.status == "declined":
            raise errors.authorization_declined()
        if device.expired:
            raise errors.device_code_expired()
        if device.status == "pending" or device.user_id is None:
            raise errors.authorization_pending()
        scopes = parse_scopes(device.scope, tenant)
        user = self._check_user(device.user_id)
        check_consent(
            scopes,
            bool(_setting(self.state, "admin_consent", True)),
            app.client_id,
            app.display_name,
        )
        device.status = "redeemed"
        return self._token_response(
            request, app, user, scopes, None, frozenset(), form.get("client_info") == "1"
        )

    def _client_info(self, user_id: str) -> str:
        return _b64url(
            json.dumps({"uid": user_id, "utid": self.tenant_id}, separators=(",", ":")).encode()
        )

    def _token_response(
        self,
        request: Request,
        app: AppRegistration,
        user: Any,
        scopes: RequestedScopes,
        nonce: str | None,
        acrs: frozenset[str],
        want_client_info: bool,
    ) -> dict[str, Any]:
        lifetime = int(_setting(self.state, "access_token_lifetime", 3600))
        access_token = self.state.tokens.issue(user.id, scopes.token_scopes, lifetime)
        body: dict[str, Any] = {
            "token_type": "Bearer",
            "scope": scopes.response_scope,
            "expires_in": lifetime,
            "ext_expires_in": lifetime,
            "access_token": access_token,
        }
        if "offline_access" in scopes.oidc:
            body["refresh_token"] = self.store.issue_refresh(app.client_id, user.id, acrs)
        if "openid" in scopes.oidc:
            body["id_token"] = self._id_token(request, app, user, nonce, acrs)
        if want_client_info:
            body["client_info"] = self._client_info(user.id)
        log.debug("token issued for user %s (%d scopes)", user.id, len(scopes.token_scopes))
        return body

    def _id_token(
        self,
        request: Request,
        app: AppRegistration,
        user: Any,
        nonce: str | None,
        acrs: frozenset[str],
    ) -> str:
        now = int(time.time())
        sub = _b64url(hashlib.sha256(f"{user.id}|{app.client_id}".encode()).digest())
        claims: dict[str, Any] = {
            "aud": app.client_id,
            "iss": self._issuer(request),
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "name": getattr(user, "display_name", None) or user.upn,
            "oid": user.id,
            "preferred_username": user.upn,
            "rh": "0.demo.",
            "sub": sub,
            "tid": self.tenant_id,
            "uti": uuid.uuid4().hex[:22],
            "ver": "2.0",
        }
        if nonce is not None:
            claims["nonce"] = nonce
        if acrs:
            claims["acrs"] = sorted(acrs)
            claims["amr"] = ["pwd", "mfa"]
        header = _b64url(json.dumps({"typ": "JWT", "alg": "none"}).encode())
        payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
        return f"{header}.{payload}."

    # -- device code -----------------------------------------------------------------------

    async def devicecode(self, request: Request) -> Response:
        self._sync()
        correlation = request.headers.get("client-request-id")
        tenant = request.path_params["tenant"]
        form = await _form(request)
        try:
            self._check_tenant(tenant)
            app = self._app(form.get("client_id"), tenant)
            scopes = parse_scopes(form.get("scope"), tenant)
        except EntraError as exc:
            return exc.response(correlation)
        interval = int(_setting(self.state, "device_code_interval", 1))
        device = self.store.add_device(
            app.client_id, " ".join([*scopes.graph_raw, *scopes.oidc]), interval
        )
        uri = f"{self._base(request)}/devicelogin"
        return JSONResponse(
            {
                "user_code": device.user_code,
                "device_code": device.device_code,
                "verification_uri": uri,
                "expires_in": int(device.expires_at - time.time()),
                "interval": device.interval,
                "message": (
                    f"To sign in, use a web browser to open the page {uri} and enter the code "
                    f"{device.user_code} to authenticate."
                ),
            },
            headers=_NO_STORE,
        )

    def decide_device(
        self, user_code: str, user_hint: str | None, approve: bool
    ) -> DeviceAuthorization:
        """Approve (as ``user_hint``) or decline a pending device code.

        Raises LookupError (unknown code or user), TimeoutError (expired) or
        PermissionError (already decided).
        """
        self._sync()
        device = self.store.device_for_user_code(user_code)
        if device is None:
            raise LookupError("unknown user_code")
        if device.expired:
            raise TimeoutError("the device code has expired")
        if device.status != "pending":
            raise PermissionError(f"the device code is already {device.status}")
        if not approve:
            device.status = "declined"
            return device
        user = self._find_user(user_hint)
        if user is None:
            raise LookupError("unknown user")
        device.user_id = user.id
        device.status = "approved"
        return device

    async def devicelogin_page(self, request: Request) -> Response:
        return pages.device_code_entry(f"{self._base(request)}/devicelogin")

    async def devicelogin_post(self, request: Request) -> Response:
        form = await _form(request)
        action_url = f"{self._base(request)}/devicelogin"
        user_code = str(form.get("otc") or "")
        action = form.get("action")
        self._sync()
        device = self.store.device_for_user_code(user_code)
        if device is None or device.expired or device.status != "pending":
            return pages.device_code_entry(
                action_url, "That code didn't work. Check the code and try again."
            )
        app = self.store.apps.get(device.client_id)
        app_name = app.display_name if app else device.client_id
        if action not in ("approve", "deny"):
            return pages.device_picker(
                action=action_url,
                user_code=device.user_code,
                accounts=self._accounts(),
                app_name=app_name,
            )
        try:
            self.decide_device(device.user_code, str(form.get("user") or ""), action == "approve")
        except LookupError:
            return pages.device_picker(
                action=action_url,
                user_code=device.user_code,
                accounts=self._accounts(),
                app_name=app_name,
            )
        if action == "deny":
            return pages.message("Sign-in canceled", "You can close this window.")
        return pages.message(
            app_name,
            f"You have signed in to the {app_name} application on your device. You may now close "
            "this window.",
        )

    # -- control API -----------------------------------------------------------------------

    async def list_clients(self, request: Request) -> Response:
        self._sync()
        return JSONResponse([app.to_json() for app in self.store.apps.values()])

    async def add_client(self, request: Request) -> Response:
        self._sync()
        data = await _json_body(request)
        if not isinstance(data, dict) or not isinstance(data.get("client_id"), str):
            return _control_error(
                request, 400, "BadRequest", 'expected {"client_id": "...", "redirect_uris": [...]}'
            )
        client_id = data["client_id"].strip()
        uris = data.get("redirect_uris", ["http://localhost"])
        if not client_id or not isinstance(uris, list) or not all(isinstance(u, str) for u in uris):
            return _control_error(
                request,
                400,
                "BadRequest",
                "client_id must be non-empty and redirect_uris a list of strings",
            )
        name = str(data.get("display_name") or f"Demo app {client_id}")
        app = self.store.register_app(client_id, name, list(uris))
        return JSONResponse(app.to_json(), status_code=201)

    async def list_devices(self, request: Request) -> Response:
        self._sync()
        return JSONResponse([d.to_json() for d in self.store.devices.values()])

    async def approve_device(self, request: Request) -> Response:
        return await self._control_device(request, approve=True)

    async def deny_device(self, request: Request) -> Response:
        return await self._control_device(request, approve=False)

    async def _control_device(self, request: Request, *, approve: bool) -> Response:
        data = await _json_body(request)
        if not isinstance(data, dict) or not isinstance(data.get("user_code"), str):
            return _control_error(
                request, 400, "BadRequest", 'expected {"user_code": "...", "user": "..."}'
            )
        if approve and not isinstance(data.get("user"), str):
            return _control_error(
                request, 400, "BadRequest", '"user" (UPN or id) is required to approve'
            )
        try:
            device = self.decide_device(data["user_code"], data.get("user"), approve)
        except LookupError as exc:
            return _control_error(request, 404, "NotFound", str(exc))
        except TimeoutError as exc:
            return _control_error(request, 410, "Expired", str(exc))
        except PermissionError as exc:
            return _control_error(request, 409, "Conflict", str(exc))
        return JSONResponse(device.to_json())

    async def revoke(self, request: Request) -> Response:
        self._sync()
        data = await _json_body(request)
        if not isinstance(data, dict) or not isinstance(data.get("user"), str):
            return _control_error(request, 400, "BadRequest", 'expected {"user": "<upn or id>"}')
        user = self._find_user(data["user"])
        if user is None:
            return _control_error(request, 404, "NotFound", "unknown user")
        return JSONResponse({"user": user.id, "revoked": self.store.revoke_user(user.id)})


def _requested_acrs(claims: dict[str, Any] | None) -> frozenset[str]:
    """The authentication-context values a claims request demands (``acrs``)."""
    if not claims:
        return frozenset()
    values: set[str] = set()
    for section in ("access_token", "id_token"):
        part = claims.get(section)
        acrs = part.get("acrs") if isinstance(part, dict) else None
        if isinstance(acrs, dict):
            if isinstance(acrs.get("value"), str):
                values.add(acrs["value"])
            if isinstance(acrs.get("values"), list):
                values.update(str(v) for v in acrs["values"])
    return frozenset(values)


def _parse_claims(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    try:
        claims = loads_bounded(raw)
    except ValueError:
        raise errors.invalid_claims() from None
    if not isinstance(claims, dict):
        raise errors.invalid_claims()
    return claims


def _answer_redirect(
    redirect_uri: str, response_mode: str, state: str | None, fields: dict[str, str]
) -> Response:
    values = dict(fields)
    if state is not None:
        values["state"] = state
    if response_mode == "form_post":
        return pages.form_post(redirect_uri, values)
    separator = "#" if response_mode == "fragment" else ("&" if "?" in redirect_uri else "?")
    return RedirectResponse(f"{redirect_uri}{separator}{urlencode(values)}", status_code=302)


async def _form(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body (the only kind these endpoints read);
    413 (a :class:`GraphError`) past the demo's body limit."""
    raw = await read_body(request)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    return dict(parse_qsl(text, keep_blank_values=True))


async def _json_body(request: Request) -> Any:
    """A control route's JSON body; 400/413 (a :class:`GraphError`) for bad or big input."""
    return await read_json(request)


def _control_error(request: Request, status: int, code: str, message: str) -> Response:
    """A control-API error with Graph's error body, like the rest of ``/_demo``."""
    return error_response(request, status, code, message)


def _guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[..., Any]:
    """``handler`` with body-reading errors (413 too large, 400 not JSON) answered as
    Graph-style JSON errors (**ASSUMED** for the sign-in endpoints: Entra's front door
    answers oversized requests itself)."""

    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except GraphError as exc:
            return graph_error_response(request, exc)

    return endpoint


def routes(state: Any) -> list[BaseRoute]:
    """The sign-in routes and their control routes for one demo state."""
    signin = SignIn(state)
    t = "/{tenant}"
    g = _guarded
    return [
        Route(f"{t}/v2.0/.well-known/openid-configuration", g(signin.discovery), methods=["GET"]),
        Route(f"{t}/discovery/v2.0/keys", g(signin.keys), methods=["GET"]),
        Route(f"{t}/oauth2/v2.0/authorize", g(signin.authorize), methods=["GET"]),
        Route(f"{t}/oauth2/v2.0/authorize/pick", g(signin.pick), methods=["POST"]),
        Route(f"{t}/oauth2/v2.0/token", g(signin.token), methods=["POST"]),
        Route(f"{t}/oauth2/v2.0/devicecode", g(signin.devicecode), methods=["POST"]),
        Route(f"{t}/oauth2/v2.0/logout", g(signin.logout), methods=["GET"]),
        Route("/devicelogin", g(signin.devicelogin_page), methods=["GET"]),
        Route("/devicelogin", g(signin.devicelogin_post), methods=["POST"]),
        Route("/_demo/clients", g(signin.list_clients), methods=["GET"]),
        Route("/_demo/clients", g(signin.add_client), methods=["POST"]),
        Route("/_demo/devicecode", g(signin.list_devices), methods=["GET"]),
        Route("/_demo/devicecode/approve", g(signin.approve_device), methods=["POST"]),
        Route("/_demo/devicecode/deny", g(signin.deny_device), methods=["POST"]),
        Route("/_demo/signin/revoke", g(signin.revoke), methods=["POST"]),
    ]
