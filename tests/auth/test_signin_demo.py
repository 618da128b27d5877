"""Sign-in through ``qrpin_gui.auth`` and the real msal library against the demo authority."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from typing import Any

import pytest

from qrpin_gui.auth.config import OWN_PIN_SCOPES, SIGN_IN_SCOPES
from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.auth.messages import message_for
from qrpin_gui.auth.token_cache import CacheMode
from qrpin_gui.paths import AppPaths
from tests.auth.conftest import MakeAuth, demo_users
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio

GRAPH_USERS = ["https://graph.microsoft.com/User.Read.All"]


def jwt_claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


async def test_interactive_sign_in_gives_tokens_for_the_chosen_account(
    demo: Any, make_auth: MakeAuth
) -> None:
    user = demo_users(demo)[0]
    auth, browser = make_auth()
    account = await auth.sign_in_interactive(login_hint=user)
    assert account.username == user
    assert account.tenant_id == demo.tenant_id
    assert account.display_name
    assert auth.account == account
    assert len(browser.opened) == 1
    sent = browser.opened[0]
    assert "code_challenge_method=S256" in sent and "nonce=" in sent and "state=" in sent
    token = await auth.get_token(GRAPH_USERS)
    claims = jwt_claims(token)
    assert claims["upn"] == user and claims["tid"] == demo.tenant_id
    assert "User.Read.All" in claims["scp"].split()
    # The Graph client's default (".default") works too, from the refresh token.
    default = await auth.get_token(["https://graph.microsoft.com/.default"])
    assert jwt_claims(default)["upn"] == user


async def test_silent_sign_in_from_the_persisted_cache_in_a_fresh_instance(
    demo: Any, make_auth: MakeAuth, profile: AppPaths
) -> None:
    user = demo_users(demo)[0]
    first, _ = make_auth(allow_plaintext=True)
    assert first.cache_mode is CacheMode.PLAINTEXT
    account = await first.sign_in_interactive(login_hint=user)
    first.shutdown()
    assert profile.token_cache_file.exists()

    fresh, browser = make_auth(allow_plaintext=True)
    again = await fresh.sign_in_silent(account.home_account_id)
    assert again is not None and again.username == user
    assert jwt_claims(await fresh.get_token(GRAPH_USERS))["upn"] == user
    assert browser.opened == []  # no sign-in page


async def test_declining_the_plaintext_cache_writes_no_file(
    demo: Any, make_auth: MakeAuth, profile: AppPaths
) -> None:
    user = demo_users(demo)[0]
    auth, _ = make_auth(allow_plaintext=False)
    assert auth.cache_mode is CacheMode.MEMORY and not auth.needs_cache_consent
    account = await auth.sign_in_interactive(login_hint=user)
    await auth.get_token(GRAPH_USERS)
    assert list(profile.data_dir.iterdir()) == []
    fresh, _ = make_auth(allow_plaintext=False)
    assert await fresh.sign_in_silent(account.home_account_id) is None


async def test_not_asked_yet_keeps_memory_only_until_the_user_agrees(
    demo: Any, make_auth: MakeAuth, profile: AppPaths
) -> None:
    user = demo_users(demo)[0]
    auth, _ = make_auth(allow_plaintext=None)
    assert auth.needs_cache_consent
    account = await auth.sign_in_interactive(login_hint=user)
    assert not profile.token_cache_file.exists()
    await auth.set_plaintext_cache_allowed(True)
    assert auth.cache_mode is CacheMode.PLAINTEXT and profile.token_cache_file.exists()
    # The tokens from before the answer were kept: silent sign-in works in a new instance.
    fresh, _ = make_auth(allow_plaintext=True)
    assert await fresh.sign_in_silent(account.home_account_id) is not None
    # Withdrawing consent deletes the file.
    await fresh.set_plaintext_cache_allowed(False)
    assert not profile.token_cache_file.exists()


async def test_refresh_after_the_access_token_expires(
    demo: Any, make_auth: MakeAuth, tweak: Any
) -> None:
    tweak(access_token_lifetime=2)
    user = demo_users(demo)[0]
    auth, browser = make_auth()
    await auth.sign_in_interactive(login_hint=user)
    first = await auth.get_token(GRAPH_USERS)
    await asyncio.sleep(max(0.0, jwt_claims(first)["exp"] - time.time()) + 1.1)
    second = await auth.get_token(GRAPH_USERS)
    assert second != first
    assert jwt_claims(second)["exp"] > time.time()  # a live token, from the refresh token
    assert len(browser.opened) == 1  # no new interactive sign-in


async def test_sign_out_removes_the_account_and_its_tokens(
    demo: Any, make_auth: MakeAuth, profile: AppPaths
) -> None:
    user = demo_users(demo)[0]
    auth, _ = make_auth()
    account = await auth.sign_in_interactive(login_hint=user)
    await auth.sign_out()
    assert auth.account is None
    with pytest.raises(AuthError) as info:
        await auth.get_token(GRAPH_USERS)
    assert info.value.kind is AuthErrorKind.NO_ACCOUNT
    content = profile.token_cache_file.read_text()
    assert account.home_account_id not in content
    fresh, _ = make_auth()
    assert await fresh.sign_in_silent(account.home_account_id) is None
    assert await fresh.sign_in_silent() is None


async def test_switching_account(demo: Any, make_auth: MakeAuth) -> None:
    first_user, second_user = demo_users(demo)[:2]
    auth, browser = make_auth()
    first = await auth.sign_in_interactive(login_hint=first_user)
    browser.username = second_user  # the person picks another account on the picker
    second = await auth.switch_account()
    assert second.username == second_user and auth.account == second
    assert "prompt=select_account" in browser.opened[-1]
    assert jwt_claims(await auth.get_token(GRAPH_USERS))["upn"] == second_user
    # The previous account's tokens are gone (a shared store PC keeps one account).
    fresh, _ = make_auth()
    assert await fresh.sign_in_silent(first.home_account_id) is None
    again = await fresh.sign_in_silent()
    assert again is not None and again.username == second_user


async def test_cancel_ends_the_sign_in_and_a_new_one_succeeds_within_2_s(
    demo: Any, make_auth: MakeAuth
) -> None:
    user = demo_users(demo)[0]
    auth, browser = make_auth(hold=True, timeout=60)
    pending = asyncio.ensure_future(auth.sign_in_interactive(login_hint=user))
    await wait_until(lambda: browser.opened, timeout=5)
    assert auth.interactive_pending
    cancelled_at = time.monotonic()
    auth.cancel()
    browser.hold = False
    account = await auth.sign_in_interactive(login_hint=user)
    elapsed = time.monotonic() - cancelled_at
    assert account.username == user
    assert elapsed < 2.0, elapsed
    with pytest.raises(AuthError) as info:
        await pending
    assert info.value.kind is AuthErrorKind.CANCELLED
    assert not auth.interactive_pending


async def test_cancelling_the_awaiting_task_frees_the_worker(
    demo: Any, make_auth: MakeAuth
) -> None:
    user = demo_users(demo)[0]
    auth, browser = make_auth(hold=True, timeout=60)
    task = asyncio.ensure_future(auth.sign_in_interactive(login_hint=user))
    await wait_until(lambda: browser.opened, timeout=5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    browser.hold = False
    started = time.monotonic()
    await auth.sign_in_interactive(login_hint=user)
    assert time.monotonic() - started < 1.5


async def test_timeout(demo: Any, make_auth: MakeAuth) -> None:
    auth, _ = make_auth(hold=True, timeout=0.5)
    with pytest.raises(AuthError) as info:
        await auth.sign_in_interactive(login_hint=demo_users(demo)[0])
    assert info.value.kind is AuthErrorKind.TIMEOUT
    assert "took too long" in message_for(info.value)
    assert not auth.interactive_pending


async def test_access_denied(demo: Any, make_auth: MakeAuth) -> None:
    auth, _ = make_auth(decline=True)
    with pytest.raises(AuthError) as info:
        await auth.sign_in_interactive(login_hint=demo_users(demo)[0])
    assert info.value.kind is AuthErrorKind.DENIED
    assert auth.account is None


async def test_consent_required_says_the_admin_must_approve(
    demo: Any, make_auth: MakeAuth, tweak: Any
) -> None:
    tweak(admin_consent=False)
    auth, _ = make_auth()
    with pytest.raises(AuthError) as info:
        await auth.sign_in_interactive(login_hint=demo_users(demo)[0])
    assert info.value.kind is AuthErrorKind.CONSENT_REQUIRED
    assert "IT admin must approve" in message_for(info.value)
    assert "AADSTS" not in message_for(info.value)


async def test_own_pin_scope_is_asked_for_only_when_needed(
    demo: Any, make_auth: MakeAuth, tweak: Any
) -> None:
    user = demo_users(demo)[0]
    auth, browser = make_auth()
    await auth.sign_in_interactive(login_hint=user)
    assert "AccessAsUser" not in browser.opened[0]
    assert (
        "Directory.AccessAsUser.All" not in jwt_claims(await auth.get_token(SIGN_IN_SCOPES))["scp"]
    )
    await auth.ensure_scopes(OWN_PIN_SCOPES)
    token = await auth.get_token(OWN_PIN_SCOPES)
    assert "Directory.AccessAsUser.All" in jwt_claims(token)["scp"].split()
    # Admin consent withdrawn: the own-PIN scope is refused with a clear kind.
    other, _ = make_auth(cache=False)
    await other.sign_in_interactive(login_hint=user)
    tweak(admin_consent=False)
    with pytest.raises(AuthError) as info:
        await other.ensure_scopes(OWN_PIN_SCOPES)
    assert info.value.kind is AuthErrorKind.CONSENT_REQUIRED


async def test_wrong_tenant_is_named_clearly(demo: Any, make_auth: MakeAuth) -> None:
    wrong = demo.base_url + "/00000000-1111-2222-3333-444444444444"
    auth, browser = make_auth(authority=wrong)
    with pytest.raises(AuthError) as info:
        await auth.sign_in_interactive(login_hint=demo_users(demo)[0])
    assert info.value.kind is AuthErrorKind.WRONG_TENANT
    assert "tenant" in message_for(info.value) and browser.opened == []


async def test_wrong_client_id_is_named_clearly(demo: Any, make_auth: MakeAuth) -> None:
    auth, _ = make_auth(client_id="11111111-2222-3333-4444-555555555555")
    started = time.monotonic()
    with pytest.raises(AuthError) as info:
        await auth.sign_in_interactive(login_hint=demo_users(demo)[0])
    assert info.value.kind is AuthErrorKind.WRONG_CLIENT
    assert time.monotonic() - started < 5  # ended by the error page, not by the timeout
    assert "client ID" in message_for(info.value)


async def test_claims_challenge_runs_interactive_sign_in_with_the_claims(
    demo: Any, make_auth: MakeAuth
) -> None:
    user = demo_users(demo)[0]
    auth, browser = make_auth()
    await auth.sign_in_interactive(login_hint=user)
    claims = json.dumps({"access_token": {"acrs": {"essential": True, "value": "c1"}}})
    token = await auth.get_token(GRAPH_USERS, claims=claims)
    assert jwt_claims(token)["upn"] == user
    assert len(browser.opened) == 2
    assert "claims=" in browser.opened[1] and "login_hint=" in browser.opened[1]
    await auth.get_token(GRAPH_USERS)  # later calls are silent again
    assert len(browser.opened) == 2


async def test_shutdown_does_not_wait_for_an_abandoned_sign_in(
    demo: Any, make_auth: MakeAuth
) -> None:
    auth, browser = make_auth(hold=True, timeout=60)
    pending = asyncio.ensure_future(auth.sign_in_interactive(login_hint=demo_users(demo)[0]))
    await wait_until(lambda: browser.opened, timeout=5)
    started = time.monotonic()
    auth.shutdown()
    assert time.monotonic() - started < 0.2
    with pytest.raises(AuthError):
        await asyncio.wait_for(pending, 2)
    with pytest.raises(AuthError):
        await auth.get_token(GRAPH_USERS)


async def test_device_code_sign_in(demo: Any, make_auth: MakeAuth) -> None:
    import httpx

    user = demo_users(demo)[0]
    auth, _ = make_auth()
    codes: list[Any] = []

    async def approve() -> None:
        await wait_until(lambda: codes, timeout=5)
        async with httpx.AsyncClient(verify=demo.ssl_context(), trust_env=False) as client:
            resp = await client.post(
                demo.control_url + "/devicecode/approve",
                json={"user_code": codes[0].user_code, "user": user},
            )
            resp.raise_for_status()

    approver = asyncio.ensure_future(approve())
    account = await auth.sign_in_with_device_code(codes.append)
    await approver
    assert account.username == user and codes[0].verification_uri


async def test_secrets_never_reach_logs_or_settings(
    demo: Any, make_auth: MakeAuth, profile: AppPaths, caplog: pytest.LogCaptureFixture
) -> None:
    from qrpin_gui.settings import Settings

    caplog.set_level("DEBUG")
    user, other = demo_users(demo)[:2]
    auth, browser = make_auth()
    account = await auth.sign_in_interactive(login_hint=user)
    tokens = [await auth.get_token(GRAPH_USERS)]
    tokens.append(await auth.get_token(GRAPH_USERS, force_refresh=True))
    tokens.append(
        await auth.get_token(
            GRAPH_USERS, claims='{"access_token":{"acrs":{"essential":true,"value":"c1"}}}'
        )
    )
    settings = Settings(
        tenant=demo.tenant_id, client_id=demo.client_id, remembered_account=account.home_account_id
    )
    settings.save(profile.settings_file)
    fresh, _ = make_auth()
    await fresh.sign_in_silent(account.home_account_id)
    browser.username = other
    await auth.switch_account()
    tokens.append(await auth.get_token(GRAPH_USERS))
    # Every secret MSAL keeps (access, refresh and id tokens) plus the ones handed out.
    cache = json.loads(profile.token_cache_file.read_text())
    secrets = set(tokens)
    for section in ("AccessToken", "RefreshToken", "IdToken"):
        secrets.update(entry["secret"] for entry in cache.get(section, {}).values())
    assert any(len(s) > 20 for s in secrets)
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "Signed in" in logged  # the log was captured
    for secret in secrets:
        assert secret not in logged
        assert secret not in profile.settings_file.read_text()
        for part in secret.split(".")[:2]:  # no JWT part alone either
            if len(part) > 16:
                assert part not in logged


async def test_graph_claims_challenge_signs_in_again_and_retries_once(
    demo: Any, make_auth: MakeAuth, tweak: Any
) -> None:
    """End to end: Graph answers 401 insufficient_claims once; the Graph client asks this
    token provider for a token with those claims (interactive), and the call succeeds."""
    import httpx

    from qrpin_gui.graph.client import GraphClient, GraphClientConfig

    user = demo_users(demo)[0]
    auth, browser = make_auth()
    await auth.sign_in_interactive(login_hint=user)
    claims = {"access_token": {"acrs": {"essential": True, "value": "c1"}}}
    async with httpx.AsyncClient(verify=demo.ssl_context(), trust_env=False) as control:
        resp = await control.post(
            demo.control_url + "/faults/scripts",
            json=[{"method": "GET", "path_regex": "/me$", "count": 1, "claims": claims}],
        )
        resp.raise_for_status()
    config = GraphClientConfig(
        base_url=demo.graph_url, verify=demo.ssl_context(), proxy="none", scopes=SIGN_IN_SCOPES
    )
    async with GraphClient(auth, config) as graph:
        me = await graph.get_json("/me")
    assert me["userPrincipalName"] == user
    assert len(browser.opened) == 2 and "claims=" in browser.opened[1]


async def test_concurrent_claims_challenges_share_one_interactive_sign_in(
    demo: Any, make_auth: MakeAuth, browser: Any
) -> None:
    """Batches in flight meet the same step-up challenge at once: the first token request
    signs in interactively, the others wait for it instead of failing as busy."""
    user = demo_users(demo)[0]
    auth, auto = make_auth(timeout=30)
    await auth.sign_in_interactive(login_hint=user)
    auto.hold = True
    claims = json.dumps({"access_token": {"acrs": {"essential": True, "value": "c1"}}})
    first = asyncio.ensure_future(auth.get_token(GRAPH_USERS, claims=claims))
    await wait_until(lambda: len(auto.opened) == 2, timeout=5)
    others = [asyncio.ensure_future(auth.get_token(GRAPH_USERS, claims=claims)) for _ in range(3)]
    await asyncio.sleep(0.2)
    assert not any(task.done() for task in others)  # waiting, not "busy"
    await browser.sign_in_as(auto.opened[1], user)  # the person finishes the step-up
    tokens = await asyncio.wait_for(asyncio.gather(first, *others), 10)
    assert all(jwt_claims(token)["upn"] == user for token in tokens)
    assert len(auto.opened) == 2  # one sign-in window for all four


async def test_waiting_token_requests_get_the_outcome_of_a_cancelled_step_up(
    demo: Any, make_auth: MakeAuth
) -> None:
    user = demo_users(demo)[0]
    auth, auto = make_auth(timeout=30)
    await auth.sign_in_interactive(login_hint=user)
    auto.hold = True
    claims = json.dumps({"access_token": {"acrs": {"essential": True, "value": "c1"}}})
    first = asyncio.ensure_future(auth.get_token(GRAPH_USERS, claims=claims))
    await wait_until(lambda: len(auto.opened) == 2, timeout=5)
    waiting = asyncio.ensure_future(auth.get_token(GRAPH_USERS, claims=claims))
    await asyncio.sleep(0.05)
    auth.cancel()
    for task in (first, waiting):
        with pytest.raises(AuthError) as info:
            await asyncio.wait_for(task, 5)
        assert info.value.kind is AuthErrorKind.CANCELLED
    assert len(auto.opened) == 2
    auto.hold = False
    assert jwt_claims(await auth.get_token(GRAPH_USERS))["upn"] == user  # silent again
