"""The real MSAL library signs in against the demo authority, as against Entra."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.demo.conftest_signin import (
    http_client,
    jwt_claims,
    msal_app,
    requests_session,
    scripted_browser,
    set_settings,
)

GRAPH_SCOPES = ["https://graph.microsoft.com/User.Read.All"]


@pytest.fixture
def tenant(demo: Any) -> Iterator[Any]:
    """The shared demo tenant; sign-in settings and faults restored afterwards."""
    yield demo
    set_settings(demo, admin_consent=True)
    with http_client(demo) as client:
        client.delete("/_demo/faults")


@pytest.fixture
def session(tenant: Any) -> Iterator[requests.Session]:
    """MSAL's HTTP session (closed afterwards, so no idle TLS connection outlives the test)."""
    with requests_session(tenant) as s:
        yield s


@pytest.fixture
def manager(tenant: Any) -> dict[str, Any]:
    return dict(tenant.accounts(role="storeManager")[0])


@pytest.fixture
def it_admin(tenant: Any) -> dict[str, Any]:
    return dict(tenant.accounts(role="itAdmin")[0])


def test_interactive_sign_in_then_silent_from_cache_then_refresh(
    session: requests.Session, tenant: Any, manager: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = msal_app(tenant, session)
    with scripted_browser(monkeypatch, session) as opened:
        result = app.acquire_token_interactive(GRAPH_SCOPES, login_hint=manager["upn"], timeout=15)
    assert "access_token" in result, result
    assert "response_mode=form_post" in opened[0] and "code_challenge_method=S256" in opened[0]
    claims = result["id_token_claims"]
    assert claims["preferred_username"] == manager["upn"]
    assert claims["oid"] == manager["id"]
    assert claims["tid"] == tenant.tenant_id
    assert claims["name"] == manager["displayName"]
    assert claims["aud"] == tenant.client_id
    access = jwt_claims(result["access_token"])
    assert access["oid"] == manager["id"]
    assert access["scp"].split() == ["User.Read.All"]

    (account,) = app.get_accounts()
    assert account["username"] == manager["upn"]
    assert account["home_account_id"] == f"{manager['id']}.{tenant.tenant_id}"

    silent = app.acquire_token_silent(GRAPH_SCOPES, account=account)
    assert silent["token_source"] == "cache"
    assert silent["access_token"] == result["access_token"]

    refreshed = app.acquire_token_silent(GRAPH_SCOPES, account=account, force_refresh=True)
    assert refreshed["token_source"] == "identity_provider"
    assert refreshed["access_token"] != result["access_token"]
    assert refreshed["refresh_token"] != result["refresh_token"]  # rotated

    # The token MSAL got is accepted by the demo's Graph.
    with http_client(tenant) as client:
        me = client.get(
            "/beta/me", headers={"Authorization": f"Bearer {refreshed['access_token']}"}
        )
    assert me.status_code == 200, me.text
    assert me.json()["id"] == manager["id"]


def test_interactive_without_login_hint_uses_the_account_picker(
    session: requests.Session,
    tenant: Any,
    it_admin: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = msal_app(tenant, session)
    with scripted_browser(monkeypatch, session, user=it_admin["upn"]):
        result = app.acquire_token_interactive(GRAPH_SCOPES, timeout=15)
    assert result.get("id_token_claims", {}).get("preferred_username") == it_admin["upn"], result


def test_cancel_on_the_picker_gives_access_denied(
    session: requests.Session, tenant: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = msal_app(tenant, session)
    with scripted_browser(monkeypatch, session, deny=True):
        result = app.acquire_token_interactive(GRAPH_SCOPES, timeout=15)
    assert result["error"] == "access_denied", result
    assert "AADSTS65004" in result["error_description"]
    assert "access_token" not in result
    assert app.get_accounts() == []


def test_admin_only_scopes_without_admin_consent_are_refused_as_consent_required(
    session: requests.Session, tenant: Any, manager: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_settings(tenant, admin_consent=False)
    app = msal_app(tenant, session)
    with scripted_browser(monkeypatch, session):
        result = app.acquire_token_interactive(GRAPH_SCOPES, login_hint=manager["upn"], timeout=15)
    assert result["error"] == "invalid_grant", result
    assert result["suberror"] == "consent_required"
    assert result["error_codes"] == [65001]
    assert "access_token" not in result


def test_device_code_flow_approved_through_the_control_api(
    session: requests.Session, tenant: Any, it_admin: dict[str, Any]
) -> None:
    app = msal_app(tenant, session)
    flow = app.initiate_device_flow(scopes=GRAPH_SCOPES)
    assert flow["verification_uri"].startswith("https://")
    assert flow["user_code"] in flow["message"]
    with http_client(tenant) as client:
        approved = client.post(
            "/_demo/devicecode/approve",
            json={"user_code": flow["user_code"], "user": it_admin["upn"]},
        )
    assert approved.status_code == 200, approved.text
    result = app.acquire_token_by_device_flow(flow)
    assert result.get("id_token_claims", {}).get("preferred_username") == it_admin["upn"], result
    assert jwt_claims(result["access_token"])["oid"] == it_admin["id"]


def test_device_code_flow_approved_on_the_web_page(
    session: requests.Session, tenant: Any, manager: dict[str, Any]
) -> None:
    app = msal_app(tenant, session)
    flow = app.initiate_device_flow(scopes=GRAPH_SCOPES)
    page = session.get(flow["verification_uri"], timeout=10)
    assert page.status_code == 200 and 'name="otc"' in page.text
    picker = session.post(flow["verification_uri"], data={"otc": flow["user_code"]}, timeout=10)
    assert manager["upn"] in picker.text
    done = session.post(
        flow["verification_uri"],
        data={"otc": flow["user_code"], "user": manager["upn"], "action": "approve"},
        timeout=10,
    )
    assert "You have signed in" in done.text
    result = app.acquire_token_by_device_flow(flow)
    assert result.get("id_token_claims", {}).get("preferred_username") == manager["upn"], result


def test_device_code_flow_denied(session: requests.Session, tenant: Any) -> None:
    app = msal_app(tenant, session)
    flow = app.initiate_device_flow(scopes=GRAPH_SCOPES)
    with http_client(tenant) as client:
        denied = client.post("/_demo/devicecode/deny", json={"user_code": flow["user_code"]})
        assert denied.status_code == 200, denied.text
        again = client.post("/_demo/devicecode/deny", json={"user_code": flow["user_code"]})
        assert again.status_code == 409
    result = app.acquire_token_by_device_flow(flow)
    assert result["error"] == "authorization_declined", result
    assert "access_token" not in result


def test_claims_challenge_needs_interactive_step_up(
    session: requests.Session, tenant: Any, manager: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Graph insufficient_claims challenge asking for an authentication context cannot be
    met from the refresh token of a plain sign-in; an interactive sign-in with the claims
    can, and then silent refresh with the same claims works."""
    challenge = json.dumps({"access_token": {"acrs": {"essential": True, "value": "c1"}}})
    app = msal_app(tenant, session)
    with http_client(tenant) as client:
        user_code = app.initiate_device_flow(scopes=GRAPH_SCOPES)
        client.post(
            "/_demo/devicecode/approve",
            json={"user_code": user_code["user_code"], "user": manager["upn"]},
        )
    assert "access_token" in app.acquire_token_by_device_flow(user_code)
    (account,) = app.get_accounts()

    refused = app.acquire_token_silent_with_error(
        GRAPH_SCOPES, account=account, claims_challenge=challenge
    )
    assert refused["error"] == "invalid_grant", refused
    assert refused["error_codes"] == [50076]

    with scripted_browser(monkeypatch, session):
        stepped = app.acquire_token_interactive(
            GRAPH_SCOPES, login_hint=manager["upn"], claims_challenge=challenge, timeout=15
        )
    assert stepped["id_token_claims"]["acrs"] == ["c1"], stepped
    silent = app.acquire_token_silent_with_error(
        GRAPH_SCOPES, account=app.get_accounts()[0], claims_challenge=challenge
    )
    assert "access_token" in silent, silent


def test_revoked_sessions_make_silent_refresh_fail(
    session: requests.Session, tenant: Any, manager: dict[str, Any]
) -> None:
    app = msal_app(tenant, session)
    flow = app.initiate_device_flow(scopes=GRAPH_SCOPES)
    with http_client(tenant) as client:
        client.post(
            "/_demo/devicecode/approve",
            json={"user_code": flow["user_code"], "user": manager["upn"]},
        )
        assert "access_token" in app.acquire_token_by_device_flow(flow)
        revoked = client.post("/_demo/signin/revoke", json={"user": manager["upn"]})
    assert revoked.status_code == 200 and revoked.json()["revoked"] >= 1
    (account,) = app.get_accounts()
    result = app.acquire_token_silent_with_error(GRAPH_SCOPES, account=account, force_refresh=True)
    assert result["error"] == "invalid_grant", result
    assert result["error_codes"] == [50173]
