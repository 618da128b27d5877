"""``prompt`` at the authorize endpoint when ``login_hint`` names a known account: each value
shows the page Entra would show, and only no prompt (or ``none``) answers at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import requests

from tests.demo.conftest_signin import (
    Form,
    RawAuthorization,
    authorize_params,
    authorize_url,
    forms,
    http_client,
    jwt_claims,
    msal_app,
    redeem,
    requests_session,
    scripted_browser,
)

SCOPE = "User.Read.All"


@pytest.fixture
def client(demo: Any) -> Iterator[httpx.Client]:
    with http_client(demo) as c:
        yield c


@pytest.fixture
def manager(demo: Any) -> dict[str, Any]:
    return dict(demo.accounts(role="storeManager")[0])


def open_authorize(
    demo: Any, client: httpx.Client, hint: str | None, prompt: str | None
) -> tuple[dict[str, str], str, list[Form]]:
    extra = {"prompt": prompt} if prompt is not None else {}
    params, verifier = authorize_params(demo, scope=SCOPE, login_hint=hint, **extra)
    page = client.get(authorize_url(demo, **params))
    assert page.status_code == 200, page.text
    return params, verifier, forms(page.text)


def by_id(found: list[Form], form_id: str) -> Form | None:
    return next((f for f in found if f.form_id == form_id), None)


def submit(client: httpx.Client, form: Form) -> list[Form]:
    page = client.post(form.action, data=form.fields)
    assert page.status_code == 200, page.text
    return forms(page.text)


def assert_code_for(
    demo: Any, client: httpx.Client, params: dict[str, str], verifier: str, found: list[Form]
) -> dict[str, Any]:
    """``found`` is the form_post answer with a code; the code redeems to a token whose
    claims are returned."""
    answer = by_id(found, "form_post")
    assert answer is not None, [f.form_id for f in found]
    assert answer.action == params["redirect_uri"]
    assert answer.fields["state"] == params["state"] and "code" in answer.fields
    auth = RawAuthorization(
        code=answer.fields["code"],
        state=answer.fields["state"],
        nonce=params["nonce"],
        verifier=verifier,
        redirect_uri=params["redirect_uri"],
        client_info=answer.fields.get("client_info"),
    )
    token = redeem(demo, client, auth, scope=SCOPE)
    assert token.status_code == 200, token.text
    return jwt_claims(token.json()["access_token"])


def test_no_prompt_or_prompt_none_answers_at_once(
    demo: Any, client: httpx.Client, manager: dict[str, Any]
) -> None:
    for prompt in (None, "none"):
        params, verifier, found = open_authorize(demo, client, manager["upn"], prompt)
        assert assert_code_for(demo, client, params, verifier, found)["oid"] == manager["id"]


def test_select_account_shows_the_picker_even_with_a_known_hint(
    demo: Any, client: httpx.Client, manager: dict[str, Any]
) -> None:
    params, verifier, found = open_authorize(demo, client, manager["upn"], "select_account")
    assert by_id(found, "form_post") is None
    users = {f.fields.get("user") for f in found}
    other = demo.accounts(role="itAdmin")[0]
    assert {manager["upn"], other["upn"]} <= users  # a real choice, not just the hint
    assert by_id(found, "deny") is not None
    choice = next(f for f in found if f.fields.get("user") == other["upn"])
    claims = assert_code_for(demo, client, params, verifier, submit(client, choice))
    assert claims["oid"] == other["id"]  # the account picked, not the hint


@pytest.mark.parametrize("prompt", ["login", "consent"])
def test_login_and_consent_show_a_one_account_confirm_page(
    demo: Any, client: httpx.Client, manager: dict[str, Any], prompt: str
) -> None:
    params, verifier, found = open_authorize(demo, client, manager["upn"], prompt)
    assert by_id(found, "form_post") is None
    confirm = by_id(found, "confirm")
    assert confirm is not None, [f.form_id for f in found]
    assert confirm.fields["user"] == manager["upn"]
    assert [f.fields.get("user") for f in found if f.fields.get("user")] == [manager["upn"]]
    claims = assert_code_for(demo, client, params, verifier, submit(client, confirm))
    assert claims["oid"] == manager["id"]


def test_consent_page_lists_the_requested_permissions(
    demo: Any, client: httpx.Client, manager: dict[str, Any]
) -> None:
    params, _ = authorize_params(demo, scope=SCOPE, login_hint=manager["upn"], prompt="consent")
    page = client.get(authorize_url(demo, **params)).text
    assert "Permissions requested" in page and SCOPE in page and "offline_access" in page
    params["prompt"] = "login"
    page = client.get(authorize_url(demo, **params)).text
    assert "Permissions requested" not in page and manager["upn"] in page


def test_confirm_page_cancel_is_access_denied_and_switch_shows_the_picker(
    demo: Any, client: httpx.Client, manager: dict[str, Any]
) -> None:
    params, _, found = open_authorize(demo, client, manager["upn"], "login")
    deny = by_id(found, "deny")
    assert deny is not None
    answer = by_id(submit(client, deny), "form_post")
    assert answer is not None
    assert answer.fields["error"] == "access_denied"
    assert answer.fields["state"] == params["state"]

    params, verifier, found = open_authorize(demo, client, manager["upn"], "login")
    switch = by_id(found, "switch")
    assert switch is not None
    picker = submit(client, switch)
    other = demo.accounts(role="itAdmin")[0]
    choice = next(f for f in picker if f.fields.get("user") == other["upn"])
    claims = assert_code_for(demo, client, params, verifier, submit(client, choice))
    assert claims["oid"] == other["id"]


def test_prompt_create_shows_the_picker(
    demo: Any, client: httpx.Client, manager: dict[str, Any]
) -> None:
    _, _, found = open_authorize(demo, client, manager["upn"], "create")
    assert by_id(found, "form_post") is None and by_id(found, "confirm") is None
    assert manager["upn"] in {f.fields.get("user") for f in found}


@pytest.mark.parametrize("hint", ["known", None])
def test_unknown_prompt_is_entra_invalid_request_90023(
    demo: Any, client: httpx.Client, manager: dict[str, Any], hint: str | None
) -> None:
    upn = manager["upn"] if hint else None
    params, _, found = open_authorize(demo, client, upn, "sometimes")
    answer = by_id(found, "form_post")
    assert answer is not None
    assert answer.fields["error"] == "invalid_request"
    assert answer.fields["error_description"].startswith("AADSTS90023:")
    assert answer.fields["state"] == params["state"]
    assert "code" not in answer.fields


@pytest.fixture
def session(demo: Any) -> Iterator[requests.Session]:
    with requests_session(demo) as s:
        yield s


@pytest.mark.parametrize("prompt", ["login", "select_account"])  # the app's unlock, switch
def test_msal_interactive_with_prompt_and_hint_completes_through_the_pages(
    demo: Any,
    session: requests.Session,
    manager: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    prompt: str,
) -> None:
    app = msal_app(demo, session)
    user = manager["upn"] if prompt == "select_account" else None  # picker: pick; else confirm
    with scripted_browser(monkeypatch, session, user=user) as opened:
        result = app.acquire_token_interactive(
            ["https://graph.microsoft.com/User.Read.All"],
            login_hint=manager["upn"],
            prompt=prompt,
            timeout=15,
        )
    assert f"prompt={prompt}" in opened[0]
    assert "access_token" in result, result
    assert result["id_token_claims"]["preferred_username"] == manager["upn"]
