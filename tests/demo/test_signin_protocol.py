"""The sign-in endpoints at the protocol level (plain httpx): discovery, authorize, token,
device code, and each refusal as Entra words it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from qrpin_gui.demo.constants import DEMO_APP_SCOPES, DEMO_TENANT_DOMAIN
from tests.demo.conftest_signin import (
    REDIRECT_URI,
    assert_entra_error,
    authorize_params,
    authorize_url,
    b64url_json,
    forms,
    http_client,
    jwt_claims,
    raw_authorize,
    redeem,
    redirect_query,
    set_settings,
    token_post,
)

OTHER_CLIENT = "5f0c2a7e-1b3d-4e59-8a6c-9d7e0f1a2b3c"


@pytest.fixture
def tenant(demo: Any) -> Iterator[Any]:
    yield demo
    set_settings(demo, admin_consent=True)


@pytest.fixture
def client(tenant: Any) -> Iterator[httpx.Client]:
    with http_client(tenant) as c:
        yield c


@pytest.fixture
def upn(tenant: Any) -> str:
    return str(tenant.accounts(role="storeManager")[0]["upn"])


# -- discovery ------------------------------------------------------------------------------


@pytest.mark.parametrize("segment", ["tenant_id", "domain", "organizations"])
def test_discovery_document_lists_https_endpoints(
    tenant: Any, client: httpx.Client, segment: str
) -> None:
    name = {"tenant_id": tenant.tenant_id, "domain": DEMO_TENANT_DOMAIN}.get(segment, segment)
    response = client.get(f"/{name}/v2.0/.well-known/openid-configuration")
    assert response.status_code == 200
    doc = response.json()
    for key in ("authorization_endpoint", "token_endpoint", "device_authorization_endpoint"):
        assert doc[key].startswith(f"{tenant.base_url}/{name}/oauth2/v2.0/"), doc[key]
    if segment == "tenant_id":
        assert doc["issuer"] == f"{tenant.authority}/v2.0"
    assert "form_post" in doc["response_modes_supported"]


def test_unknown_tenant_is_refused(client: httpx.Client) -> None:
    response = client.get("/fabrikam.example/v2.0/.well-known/openid-configuration")
    assert_entra_error(response, "invalid_tenant", 90002)


# -- authorize ------------------------------------------------------------------------------


def test_authorize_without_login_hint_shows_the_demo_accounts(
    tenant: Any, client: httpx.Client
) -> None:
    params, _ = authorize_params(tenant, scope="User.Read.All", login_hint=None)
    page = client.get(authorize_url(tenant, **params))
    assert page.status_code == 200
    shown = {f.fields.get("user") for f in forms(page.text)}
    assert {a["upn"] for a in tenant.accounts()} <= shown
    assert any(f.form_id == "deny" for f in forms(page.text))


def test_cancel_posts_access_denied_with_the_state(tenant: Any, client: httpx.Client) -> None:
    params, _ = authorize_params(tenant, scope="User.Read.All", login_hint=None)
    page = client.get(authorize_url(tenant, **params))
    deny = next(f for f in forms(page.text) if f.form_id == "deny")
    answer = client.post(deny.action, data=deny.fields)
    post = next(f for f in forms(answer.text) if f.form_id == "form_post")
    assert post.action == REDIRECT_URI
    assert post.fields["error"] == "access_denied"
    assert post.fields["state"] == params["state"]
    assert "code" not in post.fields


def test_unknown_login_hint_shows_the_picker_with_a_notice(
    tenant: Any, client: httpx.Client
) -> None:
    params, _ = authorize_params(tenant, scope="User.Read.All", login_hint="nobody@nowhere.example")
    page = client.get(authorize_url(tenant, **params))
    assert "This username may be incorrect" in page.text
    assert not any(f.form_id == "form_post" for f in forms(page.text))


def test_query_response_mode_redirects_with_code_and_state(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    params, _ = authorize_params(tenant, scope="User.Read", login_hint=upn, response_mode="query")
    response = client.get(authorize_url(tenant, **params))
    assert response.status_code == 302
    answer = redirect_query(response.headers["location"])
    assert response.headers["location"].startswith(REDIRECT_URI + "?")
    assert answer["state"] == params["state"] and answer["code"]


def test_prompt_none_without_a_user_gives_login_required(tenant: Any, client: httpx.Client) -> None:
    params, _ = authorize_params(tenant, scope="User.Read", login_hint=None, prompt="none")
    page = client.get(authorize_url(tenant, **params))
    post = next(f for f in forms(page.text) if f.form_id == "form_post")
    assert post.fields["error"] == "login_required"
    assert post.fields["state"] == params["state"]


def test_prompt_none_without_admin_consent_gives_consent_required(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    set_settings(tenant, admin_consent=False)
    params, _ = authorize_params(tenant, scope="User.Read.All", login_hint=upn, prompt="none")
    page = client.get(authorize_url(tenant, **params))
    post = next(f for f in forms(page.text) if f.form_id == "form_post")
    assert post.fields["error"] == "consent_required"
    assert post.fields["error_description"].startswith("AADSTS65001")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"client_id": OTHER_CLIENT}, "AADSTS700016"),
        ({"redirect_uri": "https://evil.example/callback"}, "AADSTS50011"),
    ],
)
def test_authorize_errors_that_cannot_redirect_show_an_error_page(
    tenant: Any, client: httpx.Client, upn: str, change: dict[str, str], expected: str
) -> None:
    params, _ = authorize_params(tenant, scope="User.Read", login_hint=upn, **change)
    page = client.get(authorize_url(tenant, **params))
    assert page.status_code == 400
    assert expected in page.text
    assert not any(f.form_id == "form_post" for f in forms(page.text))


def test_localhost_redirect_ignores_the_port(tenant: Any, client: httpx.Client, upn: str) -> None:
    auth = raw_authorize(tenant, client, upn, redirect_uri="http://localhost:61234")
    assert auth.redirect_uri == "http://localhost:61234"


def test_malformed_claims_are_refused_at_the_redirect(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    params, _ = authorize_params(tenant, scope="User.Read", login_hint=upn, claims="{not json")
    page = client.get(authorize_url(tenant, **params))
    post = next(f for f in forms(page.text) if f.form_id == "form_post")
    assert post.fields["error"] == "invalid_request"


# -- token: authorization code -----------------------------------------------------------------


def test_code_redemption_gives_tokens_shaped_like_entra(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    user = next(a for a in tenant.accounts() if a["upn"] == upn)
    auth = raw_authorize(tenant, client, upn)
    assert b64url_json(auth.client_info or "") == {"uid": user["id"], "utid": tenant.tenant_id}
    response = redeem(tenant, client, auth)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    assert set(body["scope"].split()) >= {"User.Read.All", "openid", "profile", "offline_access"}
    header, payload, signature = body["id_token"].split(".")
    assert b64url_json(header)["alg"] == "none" and signature == ""
    id_claims = b64url_json(payload)
    assert id_claims["nonce"] == auth.nonce
    assert id_claims["oid"] == user["id"] and id_claims["tid"] == tenant.tenant_id
    assert id_claims["preferred_username"] == upn
    assert id_claims["iss"] == f"{tenant.authority}/v2.0"
    for key in ("sub", "name", "aud", "exp", "iat"):
        assert key in id_claims
    assert b64url_json(body["client_info"]) == {"uid": user["id"], "utid": tenant.tenant_id}
    assert jwt_claims(body["access_token"])["scp"] == "User.Read.All"


def test_wrong_pkce_verifier_is_refused(tenant: Any, client: httpx.Client, upn: str) -> None:
    auth = raw_authorize(tenant, client, upn)
    response = redeem(tenant, client, auth, code_verifier="x" * 50)
    assert_entra_error(response, "invalid_grant", 50148)


def test_missing_pkce_verifier_is_refused(tenant: Any, client: httpx.Client, upn: str) -> None:
    auth = raw_authorize(tenant, client, upn)
    response = redeem(tenant, client, auth, code_verifier="")
    assert_entra_error(response, "invalid_grant", 50148)


def test_a_code_is_single_use(tenant: Any, client: httpx.Client, upn: str) -> None:
    auth = raw_authorize(tenant, client, upn)
    assert redeem(tenant, client, auth).status_code == 200
    assert_entra_error(redeem(tenant, client, auth), "invalid_grant", 54005)


def test_wrong_redirect_uri_is_refused(tenant: Any, client: httpx.Client, upn: str) -> None:
    auth = raw_authorize(tenant, client, upn)
    response = redeem(tenant, client, auth, redirect_uri="http://localhost:1")
    assert_entra_error(response, "invalid_grant", 70000)


def test_unknown_code_is_refused(tenant: Any, client: httpx.Client, upn: str) -> None:
    auth = raw_authorize(tenant, client, upn)
    response = redeem(tenant, client, auth, code="not-a-code")
    assert_entra_error(response, "invalid_grant", 9002313)


def test_correlation_id_echoes_the_client_request_id(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    auth = raw_authorize(tenant, client, upn)
    response = client.post(
        f"{tenant.authority}/oauth2/v2.0/token",
        data={
            "client_id": tenant.client_id,
            "grant_type": "authorization_code",
            "code": "bad",
            "redirect_uri": auth.redirect_uri,
        },
        headers={"client-request-id": "0b7c4f36-7d3a-4e7b-9c59-3f1d2e4a5b6c"},
    )
    body = assert_entra_error(response, "invalid_grant", 9002313)
    assert body["correlation_id"] == "0b7c4f36-7d3a-4e7b-9c59-3f1d2e4a5b6c"
    assert "Correlation ID: 0b7c4f36-7d3a-4e7b-9c59-3f1d2e4a5b6c" in body["error_description"]


def test_unknown_client_is_refused_until_registered(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    other = str(uuid.uuid4())
    data = {
        "client_id": other,
        "grant_type": "refresh_token",
        "refresh_token": "x",
        "scope": "User.Read",
    }
    assert_entra_error(token_post(tenant, client, data), "invalid_client", 700016)
    registered = client.post(
        "/_demo/clients", json={"client_id": other, "redirect_uris": ["http://localhost"]}
    )
    assert registered.status_code == 201
    assert other in {c["client_id"] for c in client.get("/_demo/clients").json()}
    auth = raw_authorize(tenant, client, upn, client_id=other)
    response = redeem(tenant, client, auth, client_id=other)
    assert response.status_code == 200, response.text
    # A code issued to one client is no good to another.
    auth = raw_authorize(tenant, client, upn, client_id=other)
    assert_entra_error(redeem(tenant, client, auth), "invalid_grant", 70000)


def test_a_secret_from_a_public_client_is_refused(tenant: Any, client: httpx.Client) -> None:
    data = {
        "client_id": tenant.client_id,
        "client_secret": "s3cret",
        "grant_type": "refresh_token",
        "refresh_token": "x",
        "scope": "User.Read",
    }
    assert_entra_error(token_post(tenant, client, data), "invalid_client", 700025, status=401)


def test_missing_and_unsupported_grant_types(tenant: Any, client: httpx.Client) -> None:
    assert_entra_error(
        token_post(tenant, client, {"client_id": tenant.client_id}), "invalid_request", 900144
    )
    response = token_post(tenant, client, {"client_id": tenant.client_id, "grant_type": "password"})
    assert_entra_error(response, "unsupported_grant_type", 70003)


# -- token: refresh, scopes, consent ---------------------------------------------------------


def test_refresh_token_is_rotated_and_scopes_follow_the_request(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    first = redeem(tenant, client, raw_authorize(tenant, client, upn)).json()
    data = {
        "client_id": tenant.client_id,
        "grant_type": "refresh_token",
        "refresh_token": first["refresh_token"],
        "scope": "https://graph.microsoft.com/.default openid profile offline_access",
    }
    response = token_post(tenant, client, data)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["refresh_token"] != first["refresh_token"]
    scp = jwt_claims(body["access_token"])["scp"].split()
    assert set(scp) == set(DEMO_APP_SCOPES)
    assert not {"openid", "profile", "offline_access"} & set(scp)
    assert "https://graph.microsoft.com/.default" in body["scope"].split()


def test_scopes_of_another_resource_are_refused(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    first = redeem(tenant, client, raw_authorize(tenant, client, upn)).json()
    data = {
        "client_id": tenant.client_id,
        "grant_type": "refresh_token",
        "refresh_token": first["refresh_token"],
        "scope": "https://management.azure.com/user_impersonation offline_access",
    }
    assert_entra_error(token_post(tenant, client, data), "invalid_resource", 500011)


def test_without_admin_consent_only_user_consentable_scopes_are_granted(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    first = redeem(tenant, client, raw_authorize(tenant, client, upn)).json()
    set_settings(tenant, admin_consent=False)

    def refresh(scope: str) -> httpx.Response:
        return token_post(
            tenant,
            client,
            {
                "client_id": tenant.client_id,
                "grant_type": "refresh_token",
                "refresh_token": first["refresh_token"],
                "scope": f"{scope} offline_access",
            },
        )

    ok = refresh("User.ReadBasic.All User.Read")
    assert ok.status_code == 200, ok.text
    for scope in ("User.Read.All", "Directory.AccessAsUser.All", ".default"):
        body = assert_entra_error(refresh(scope), "invalid_grant", 65001)
        assert body["suberror"] == "consent_required"


# -- device code -----------------------------------------------------------------------------


def test_device_code_polling_pending_then_approved_then_spent(
    tenant: Any, client: httpx.Client, upn: str
) -> None:
    started = client.post(
        f"{tenant.authority}/oauth2/v2.0/devicecode",
        data={"client_id": tenant.client_id, "scope": "User.Read offline_access"},
    )
    assert started.status_code == 200
    flow = started.json()
    assert {
        "user_code",
        "device_code",
        "verification_uri",
        "expires_in",
        "interval",
        "message",
    } <= set(flow)
    poll = {
        "client_id": tenant.client_id,
        "device_code": flow["device_code"],
        "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
    }
    assert_entra_error(token_post(tenant, client, poll), "authorization_pending", 70016)
    unknown = client.post("/_demo/devicecode/approve", json={"user_code": "NOPE", "user": upn})
    assert unknown.status_code == 404
    assert (
        client.post(
            "/_demo/devicecode/approve", json={"user_code": flow["user_code"], "user": upn}
        ).status_code
        == 200
    )
    assert token_post(tenant, client, poll).status_code == 200
    assert_entra_error(token_post(tenant, client, poll), "invalid_grant", 70000)


def test_device_code_for_an_unknown_client_is_refused(tenant: Any, client: httpx.Client) -> None:
    response = client.post(
        f"{tenant.authority}/oauth2/v2.0/devicecode",
        data={"client_id": str(uuid.uuid4()), "scope": "User.Read"},
    )
    assert_entra_error(response, "invalid_client", 700016)
