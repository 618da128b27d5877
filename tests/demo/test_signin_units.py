"""Sign-in rules that need a clock or the directory changed under them (no TLS server:
Starlette's TestClient over the same routes and a real DemoState)."""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from qrpin_gui.demo import auth_routes
from qrpin_gui.demo.signin_grants import AppRegistration, verify_pkce
from qrpin_gui.demo.signin_scopes import needs_admin_consent, parse_scopes
from qrpin_gui.demo.state import DemoState
from tests.demo.conftest_signin import assert_entra_error, pkce_pair, raw_authorize, redeem


class Tenant:
    """Just the attributes the raw helpers use."""

    def __init__(self, state: DemoState) -> None:
        self.tenant_id = state.tenant_id
        self.client_id = state.client_id
        self.authority = f"http://testserver/{state.tenant_id}"


@pytest.fixture
def world() -> Iterator[tuple[DemoState, auth_routes.SignIn, TestClient, Tenant]]:
    state = DemoState()
    routes = auth_routes.routes(state)
    signin = inspect.unwrap(routes[0].endpoint).__self__  # type: ignore[attr-defined]
    with TestClient(Starlette(routes=routes)) as client:
        yield state, signin, client, Tenant(state)


def a_user(state: DemoState) -> Any:
    return state.directory.find_user(state.directory.accounts(role="storeManager")[0]["upn"])


def test_an_expired_code_is_refused(world: Any) -> None:
    state, signin, client, tenant = world
    auth = raw_authorize(tenant, client, a_user(state).upn)
    signin.store.codes[auth.code].expires_at = 0
    assert_entra_error(redeem(tenant, client, auth), "invalid_grant", 70008)


def test_an_expired_device_code_is_refused(world: Any) -> None:
    _, signin, client, tenant = world
    flow = client.post(
        f"{tenant.authority}/oauth2/v2.0/devicecode",
        data={"client_id": tenant.client_id, "scope": "User.Read"},
    ).json()
    signin.store.devices[flow["device_code"]].expires_at = 0
    poll = {
        "client_id": tenant.client_id,
        "device_code": flow["device_code"],
        "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
    }
    response = client.post(f"{tenant.authority}/oauth2/v2.0/token", data=poll)
    assert_entra_error(response, "expired_token", 70020)


def test_a_disabled_user_cannot_refresh(world: Any) -> None:
    state, _, client, tenant = world
    user = a_user(state)
    tokens = redeem(tenant, client, raw_authorize(tenant, client, user.upn)).json()
    user.account_enabled = False
    response = client.post(
        f"{tenant.authority}/oauth2/v2.0/token",
        data={
            "client_id": tenant.client_id,
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "scope": "User.Read offline_access",
        },
    )
    assert_entra_error(response, "invalid_grant", 50057)


def test_a_reseed_forgets_every_grant(world: Any) -> None:
    state, _, client, tenant = world
    tokens = redeem(tenant, client, raw_authorize(tenant, client, a_user(state).upn)).json()
    state.reset()
    response = client.post(
        f"{tenant.authority}/oauth2/v2.0/token",
        data={
            "client_id": tenant.client_id,
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "scope": "User.Read offline_access",
        },
    )
    assert_entra_error(response, "invalid_grant", 9002313)


def test_pkce_s256_and_plain() -> None:
    verifier, challenge = pkce_pair()
    assert verify_pkce(verifier, challenge, "S256")
    assert not verify_pkce(verifier + "x", challenge, "S256")
    assert verify_pkce("abc", "abc", "plain") and not verify_pkce("abc", "abd", None)


def test_loopback_redirects_ignore_the_port_and_nothing_else() -> None:
    app = AppRegistration("c", "App", ["http://localhost"])
    assert app.accepts_redirect("http://localhost:8400")
    assert app.accepts_redirect("http://localhost")
    assert not app.accepts_redirect("http://localhost:8400/other")
    assert not app.accepts_redirect("https://localhost:8400")
    assert not app.accepts_redirect("http://127.0.0.1:8400")
    assert not app.accepts_redirect("http://localhost.evil.example")


def test_scope_forms() -> None:
    scopes = parse_scopes(
        "https://graph.microsoft.com/User.Read.All User.Read openid offline_access", "t"
    )
    assert scopes.token_scopes == ["User.Read.All", "User.Read"]
    assert scopes.oidc == ("openid", "offline_access")
    only_oidc = parse_scopes("openid profile", "t")
    assert only_oidc.token_scopes == ["User.Read"]
    assert needs_admin_consent("UserAuthMethod-QR.ReadWrite.All")
    assert needs_admin_consent("Directory.AccessAsUser.All")
    assert not needs_admin_consent("User.ReadBasic.All") and not needs_admin_consent("User.Read")
